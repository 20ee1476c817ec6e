package cli

import (
	"context"
	"fmt"
	"io"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/knowflow/knowflow/model"
	"github.com/knowflow/knowflow/model/digest"
	"github.com/knowflow/knowflow/model/safefile"
	"github.com/knowflow/knowflow/model/service"
	"github.com/knowflow/knowflow/model/store"
	"github.com/knowflow/knowflow/model/suggest"
)

// suggestCommands are the commands that run the suggestion engine.
var suggestCommands = []command{
	{"suggest", "[--json] [--limit N] [--at RFC3339]", "suggest with whom and when to share recent items, and why", cmdSuggest},
	{"digest", "--community NAME [--since 7d] [--output FILE.md]", "write a community's digest as Markdown", cmdDigest},
	{"ideas", "CONTACT [--limit 5] [--json] [--at RFC3339]", "what suits one person now, best first: what to send someone who has not heard from you", cmdIdeas},
}

func cmdDigest(ctx context.Context, r *runner, args []string) error {
	fs := r.flagSet("digest")
	name := fs.String("community", "", "the community")
	since := fs.String("since", "7d", "items shared or suggested in the last D, e.g. 7d, 2w")
	output := fs.String("output", "", "write to this file instead of standard output")
	atFlag := fs.String("at", "", "take this time (RFC 3339) as now")
	if err := r.parseNone(fs, "digest", args); err != nil {
		return err
	}
	if strings.TrimSpace(*name) == "" {
		fmt.Fprintln(r.env.Stderr, "knowflow digest: want --community NAME")
		commandUsage(r.env.Stderr, "digest", fs)
		return errUsage
	}
	span, err := parseDays(*since)
	if err != nil || span <= 0 {
		fmt.Fprintf(r.env.Stderr, "knowflow digest: --since %q is not a duration like 7d, 2w or 36h\n", *since)
		return errUsage
	}
	now, err := r.atTime("digest", *atFlag)
	if err != nil {
		return err
	}
	return r.use(func(st *service.Service) error {
		comms, err := st.Communities(ctx)
		if err != nil {
			return err
		}
		var k model.Community
		var known []string
		for _, c := range comms {
			known = append(known, c.Name)
			if strings.EqualFold(c.Name, strings.TrimSpace(*name)) {
				k = c
			}
		}
		if k.ID == 0 {
			if len(known) == 0 {
				return fmt.Errorf("no community %q: there are no communities yet", *name)
			}
			return fmt.Errorf("no community %q (there are: %s)", *name, strings.Join(known, ", "))
		}
		entries, err := digestEntries(ctx, st, k, now, span)
		if err != nil {
			return err
		}
		err = r.writeOutput(*output, safefile.Personal, func(w io.Writer) error {
			return digest.Markdown(w, k.Name, k.Description, entries, now.Add(-span), now)
		})
		if err != nil || *output == "" {
			return err
		}
		fmt.Fprintf(r.env.Stdout, "wrote the %s digest (%d items) to %s\n", k.Name, len(entries), *output)
		return nil
	})
}

// digestEntries are what went into community k over the span before now,
// then what the engine suggests for its next digest, best first.
func digestEntries(ctx context.Context, st *service.Service, k model.Community, now time.Time, span time.Duration) ([]digest.Entry, error) {
	shared, err := st.History(ctx, store.HistoryFilter{CommunityID: k.ID, Since: now.Add(-span)})
	if err != nil {
		return nil, err
	}
	var entries []digest.Entry
	seen := map[int64]bool{}
	for i := len(shared) - 1; i >= 0; i-- { // oldest first
		h := shared[i]
		if h.SharedAt.After(now) {
			continue
		}
		seen[h.ItemID] = true
		entries = append(entries, digest.Entry{Title: h.ItemTitle, URL: h.ItemURL, Note: h.Note, Shared: h.SharedAt})
	}
	ranked, in, err := st.Rank(ctx, now, span)
	if err != nil {
		return nil, err
	}
	items := map[int64]suggest.Candidate{}
	for _, it := range in.Items {
		items[it.ID] = it
	}
	for _, s := range ranked {
		if s.CommunityID != k.ID || seen[s.ItemID] {
			continue
		}
		seen[s.ItemID] = true
		it := items[s.ItemID]
		entries = append(entries, digest.Entry{Title: it.Title, URL: it.Link, Source: it.SourceTitle, Note: it.Note, Why: s.Why})
	}
	return entries, nil
}

// suggestionJSON is one suggestion as `suggest --json` prints it.
type suggestionJSON struct {
	Kind        string    `json:"kind"`
	ItemID      int64     `json:"item_id"`
	ItemTitle   string    `json:"item_title"`
	ItemURL     string    `json:"item_url"`
	ContactID   int64     `json:"contact_id"`
	ContactName string    `json:"contact_name"`
	Community   string    `json:"community"`
	Circle      string    `json:"circle"`
	Score       float64   `json:"score"`
	When        time.Time `json:"when"`
	Why         string    `json:"why"`
	// Matched are the interests that matched; Through, for each, the
	// item's words that said it in other words ("" for its own words).
	Matched []string `json:"matched,omitempty"`
	Through []string `json:"through,omitempty"`
}

// suggestionsJSON converts suggestions for --json.
func suggestionsJSON(out []model.Suggestion) []suggestionJSON {
	js := make([]suggestionJSON, 0, len(out))
	for _, s := range out {
		js = append(js, suggestionJSON{
			Kind: string(s.Kind), ItemID: s.ItemID, ItemTitle: s.ItemTitle, ItemURL: s.ItemURL,
			ContactID: s.ContactID, ContactName: s.ContactName, Community: s.Community,
			Circle: string(s.Circle), Score: s.Score, When: s.When.UTC(), Why: s.Why,
			Matched: s.Matched, Through: s.Through,
		})
	}
	return js
}

// engineTime checks command c's --limit and returns its --at (or now).
func (r *runner) engineTime(c string, limit int, at string) (time.Time, error) {
	if limit < 0 {
		fmt.Fprintf(r.env.Stderr, "knowflow %s: --limit must not be negative\n", c)
		return time.Time{}, errUsage
	}
	return r.atTime(c, at)
}

func cmdIdeas(ctx context.Context, r *runner, args []string) error {
	fs := r.flagSet("ideas")
	asJSON := fs.Bool("json", false, "print JSON")
	limit := fs.Int("limit", 5, "at most N items (0: all)")
	atFlag := fs.String("at", "", "take this time (RFC 3339) as now")
	who, err := r.parseOne(fs, "ideas", "CONTACT", args)
	if err != nil {
		return err
	}
	now, err := r.engineTime("ideas", *limit, *atFlag)
	if err != nil {
		return err
	}
	return r.use(func(st *service.Service) error {
		to, err := lookupTarget(ctx, st, who)
		if err != nil {
			return err
		}
		if to.contactID == 0 {
			return fmt.Errorf("ideas are for a person; for %s, see knowflow digest --community %q", to.name, to.name)
		}
		out, err := st.Ideas(ctx, now, to.contactID, *limit)
		if err != nil {
			return err
		}
		if *asJSON {
			return r.printJSON(suggestionsJSON(out))
		}
		if len(out) == 0 {
			fmt.Fprintf(r.env.Stdout, "Nothing from the last two weeks suits %s: add their interests (knowflow contact edit), link their blog, or see their communities' digests.\n", to.name)
			return nil
		}
		tw := tabwriter.NewWriter(r.env.Stdout, 0, 4, 2, ' ', 0)
		fmt.Fprintln(tw, "ITEM\tSCORE\tTITLE\tWHY")
		for _, s := range out {
			fmt.Fprintf(tw, "%d\t%.2f\t%s\t%s\n", s.ItemID, s.Score, clip(s.ItemTitle, 60), s.Why)
		}
		if err := tw.Flush(); err != nil {
			return err
		}
		fmt.Fprintf(r.env.Stdout, "Send one, then record it: knowflow share ITEM %q\n", to.name)
		return nil
	})
}

func cmdSuggest(ctx context.Context, r *runner, args []string) error {
	fs := r.flagSet("suggest")
	asJSON := fs.Bool("json", false, "print JSON")
	limit := fs.Int("limit", 0, "at most N suggestions (0: all)")
	atFlag := fs.String("at", "", "take this time (RFC 3339) as now")
	if err := r.parseNone(fs, "suggest", args); err != nil {
		return err
	}
	now, err := r.engineTime("suggest", *limit, *atFlag)
	if err != nil {
		return err
	}
	return r.use(func(st *service.Service) error {
		run, err := st.Suggest(ctx, now)
		if err != nil {
			return err
		}
		out := run.List
		if *limit > 0 && len(out) > *limit {
			out = out[:*limit]
		}
		if *asJSON {
			return r.printJSON(suggestionsJSON(out))
		}
		if len(out) == 0 {
			fmt.Fprintln(r.env.Stdout, "No suggestions: nothing recent matches anyone's interests, or everyone is within their cadence.")
			return nil
		}
		loc := run.Prefs.Location()
		tw := tabwriter.NewWriter(r.env.Stdout, 0, 4, 2, ' ', 0)
		fmt.Fprintln(tw, "WHEN\tSCORE\tTO\tITEM")
		for _, s := range out {
			to := s.ContactName
			if s.Community != "" {
				to = s.Community + " (digest)"
			}
			if s.Kind == model.KindThank {
				to = "thank " + to
			}
			fmt.Fprintf(tw, "%s\t%.2f\t%s\t%d %s\n", s.When.In(loc).Format("Mon 02 Jan 15:04"), s.Score, clip(to, 28), s.ItemID, clip(s.ItemTitle, 60))
			fmt.Fprintf(tw, "\t\t\t  why: %s\n", s.Why)
		}
		return tw.Flush()
	})
}
