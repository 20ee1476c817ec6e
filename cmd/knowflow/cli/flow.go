package cli

import (
	"context"
	"fmt"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/knowflow/knowflow/model/flow"
	"github.com/knowflow/knowflow/model/service"
)

// flowCommands show how knowledge flows to and from the circles.
var flowCommands = []command{
	{"flow", "[--weeks N] [--json] [--at RFC3339]",
		"how much you passed on to and read from each circle, week by week; whom you owe; who has not heard from you for too long", cmdFlow},
}

// flowJSON is the flow as `knowflow flow --json` prints it.
type flowJSON struct {
	Weeks    []time.Time      `json:"weeks"` // each week's start, oldest first
	Given    int              `json:"given"`
	Received int              `json:"received"`
	Summary  string           `json:"summary"`
	Circles  []flowCircleJSON `json:"circles"`
	People   []flowPersonJSON `json:"people"`
	Overdue  []flowPersonJSON `json:"overdue"`
}

type flowCircleJSON struct {
	Circle   string `json:"circle"`
	Given    []int  `json:"given"`
	Received []int  `json:"received"`
}

type flowPersonJSON struct {
	ContactID   int64      `json:"contact_id"`
	Name        string     `json:"name"`
	Circles     []string   `json:"circles"`
	Given       int        `json:"given"`
	Received    int        `json:"received"`
	LastContact *time.Time `json:"last_contact"` // null when never
	QuietDays   int        `json:"quiet_days"`
	Why         string     `json:"why"`
}

func cmdFlow(ctx context.Context, r *runner, args []string) error {
	fs := r.flagSet("flow")
	weeks := fs.Int("weeks", flow.DefaultWeeks, "how many weeks back, this one included")
	asJSON := fs.Bool("json", false, "print JSON")
	at := fs.String("at", "", "as of this time (RFC 3339) instead of now")
	if err := r.parseNone(fs, "flow", args); err != nil {
		return err
	}
	if *weeks < 1 || *weeks > 520 {
		fmt.Fprintln(r.env.Stderr, "knowflow flow: --weeks must be between 1 and 520")
		return errUsage
	}
	now, err := r.atTime("flow", *at)
	if err != nil {
		return err
	}
	return r.use(func(st *service.Service) error {
		in, err := st.FlowInput(ctx, now, *weeks)
		if err != nil {
			return err
		}
		rep, err := flow.BuildContext(ctx, in)
		if err != nil {
			return err
		}
		if *asJSON {
			return r.printJSON(toFlowJSON(rep))
		}
		w := r.env.Stdout
		fmt.Fprintln(w, rep.Summary)
		fmt.Fprintln(w)
		first, last := rep.Weeks[0], rep.Weeks[len(rep.Weeks)-1]
		tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
		fmt.Fprintf(tw, "CIRCLE\tPASSED ON\tREAD\tPASSED ON PER WEEK\tREAD PER WEEK\n")
		for _, c := range rep.Circles {
			fmt.Fprintf(tw, "%s\t%d\t%d\t%s\t%s\n", c.Circle.Title(), c.TotalGiven, c.TotalReceived, spark(c.Given), spark(c.Received))
		}
		tw.Flush()
		fmt.Fprintf(w, "(%d weeks, oldest first: from the week of %s to this one, of %s)\n", len(rep.Weeks), first.Format("Mon 2 Jan 2006"), last.Format("Mon 2 Jan"))

		var owed []flow.PersonFlow
		for _, p := range rep.People {
			if p.Owed() > 0 {
				owed = append(owed, p)
			}
		}
		if len(owed) > 0 {
			fmt.Fprintln(w, "\nYou owe (you read more from them than you passed to them):")
			tw = tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
			for _, p := range owed {
				fmt.Fprintf(tw, "  %s\t%s\t%s\n", clip(p.Contact.Name, 30), circlesText(p), p.Why)
			}
			tw.Flush()
		}
		if len(rep.Overdue) > 0 {
			fmt.Fprintln(w, "\nNot in touch for too long:")
			tw = tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
			for _, p := range rep.Overdue {
				fmt.Fprintf(tw, "  %s\t%s\t%s\n", clip(p.Contact.Name, 30), circlesText(p), p.Why)
			}
			tw.Flush()
		}
		return nil
	})
}

func toFlowJSON(rep flow.Report) flowJSON {
	out := flowJSON{Weeks: make([]time.Time, len(rep.Weeks)), Given: rep.Given, Received: rep.Received, Summary: rep.Summary,
		Circles: []flowCircleJSON{}, People: []flowPersonJSON{}, Overdue: []flowPersonJSON{}}
	for i, t := range rep.Weeks {
		out.Weeks[i] = t.UTC()
	}
	for _, c := range rep.Circles {
		out.Circles = append(out.Circles, flowCircleJSON{Circle: string(c.Circle), Given: c.Given, Received: c.Received})
	}
	person := func(p flow.PersonFlow) flowPersonJSON {
		j := flowPersonJSON{ContactID: p.Contact.ID, Name: p.Contact.Name, Circles: []string{}, Given: p.Given,
			Received: p.Received, QuietDays: int(p.Since.Hours() / 24), Why: p.Why}
		for _, k := range p.Contact.Circles {
			j.Circles = append(j.Circles, string(k))
		}
		j.LastContact = utcOrNil(p.LastContact)
		return j
	}
	for _, p := range rep.People {
		out.People = append(out.People, person(p))
	}
	for _, p := range rep.Overdue {
		out.Overdue = append(out.Overdue, person(p))
	}
	return out
}

// circlesText names a person's circles, as "team, community".
func circlesText(p flow.PersonFlow) string {
	var names []string
	for _, k := range p.Contact.Circles {
		names = append(names, string(k))
	}
	return strings.Join(names, ", ")
}

// spark draws counts as a row of bars, one per week: · for none, then
// ▁ to █ up to the largest.
func spark(counts []int) string {
	bars := []rune("▁▂▃▄▅▆▇█")
	top := 0
	for _, n := range counts {
		top = max(top, n)
	}
	var b strings.Builder
	for _, n := range counts {
		if n == 0 {
			b.WriteRune('·')
			continue
		}
		b.WriteRune(bars[(n*len(bars)-1)/top])
	}
	return b.String()
}
