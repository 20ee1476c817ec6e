// Package flow measures how knowledge flows between the user and each of
// their circles: what the user passed on (given: shares) and what reached
// them from the people whose sources they follow (received: those
// people's items the user read or starred), week by week; the balance with
// each person (reciprocity: people whose feeds feed you are people you
// owe); and who has not heard from the user for too long. It is pure and
// deterministic: the store loads its Input, the window and the CLI show its
// Report.
package flow

import (
	"context"
	"fmt"
	"sort"
	"strings"
	"time"

	"github.com/knowflow/knowflow/model"
)

// The flow's input is data the store loads (model.FlowInput and its
// parts); these are its names here.
type (
	Event  = model.FlowEvent
	Person = model.FlowPerson
	Input  = model.FlowInput
)

// Report is the flow over the weeks asked for.
type Report struct {
	Weeks   []time.Time  // the start of each week, oldest first
	Circles []CircleFlow // team, community, network, in that order
	People  []PersonFlow // everyone with a share or a read item in the period, most owed first
	Overdue []PersonFlow // not in touch for too long (see related), longest overdue first
	Summary string       // the shape of the flow in one or two sentences

	Given, Received int // shares and items read in the period, each counted once
}

// CircleFlow is the flow to and from one circle.
type CircleFlow struct {
	Circle        model.Circle
	Given         []int // shares per week (a person in two circles counts in both)
	Received      []int // items read per week
	TotalGiven    int
	TotalReceived int
}

// PersonFlow is the flow with one person over the period.
type PersonFlow struct {
	Contact     model.Contact
	Given       int       // shares to them (not counting community digests)
	Received    int       // their items the user read or starred
	LastContact time.Time // the last share or contact; zero when never
	Since       time.Duration
	Why         string // in plain words
}

// Owed is how many more items the user read from the person than they
// passed to them.
func (p PersonFlow) Owed() int { return p.Received - p.Given }

// DefaultWeeks is the period shown when Input.Weeks is 0.
const DefaultWeeks = model.DefaultFlowWeeks

// minQuiet is the shortest silence that counts as too long, whatever the
// cadence: a team cadence of a day does not make two quiet days overdue.
const minQuiet = 14 * 24 * time.Hour

// quietFactor times a person's cadence is when silence becomes too long.
const quietFactor = 4

// QuietLimit is how long the user may go without passing anything to c
// before Knowflow reminds them: four times their cadence, and at least two
// weeks.
func QuietLimit(p model.Prefs, c model.Contact) time.Duration {
	return max(quietFactor*p.CadenceFor(c), minQuiet)
}

// WeekStarts returns the starts (Monday 00:00 in loc) of the n weeks up to
// and including the one holding now, oldest first (model.WeekStarts).
func WeekStarts(now time.Time, loc *time.Location, n int) []time.Time {
	return model.WeekStarts(now, loc, n)
}

// Build computes the report.
func Build(in Input) Report {
	r, _ := BuildContext(context.Background(), in)
	return r
}

// checkEvery is how many events or people Build reads between two looks at
// its context.
const checkEvery = 4096

// BuildContext is Build that stops when ctx ends, returning an empty
// report and an error that wraps ctx's. It is linear in the events and
// people (milliseconds at thousands of people); it looks at ctx every
// checkEvery of them.
func BuildContext(ctx context.Context, in Input) (Report, error) {
	n := 0
	stopped := func() bool {
		n++
		return n%checkEvery == 0 && ctx.Err() != nil
	}
	if err := ctx.Err(); err != nil {
		return Report{}, fmt.Errorf("flow: %w", err)
	}
	weeks := WeekStarts(in.Now, in.Location, in.Weeks)
	r := Report{Weeks: weeks}
	index := map[model.Circle]int{}
	for i, k := range model.Circles {
		index[k] = i
		r.Circles = append(r.Circles, CircleFlow{Circle: k, Given: make([]int, len(weeks)), Received: make([]int, len(weeks))})
	}
	people := map[int64]*PersonFlow{}
	var order []int64
	for _, p := range in.People {
		pf := &PersonFlow{Contact: p.Contact, LastContact: p.Contact.LastContacted}
		for _, k := range p.Contact.Communities {
			if t := in.LastDigests[k]; t.After(pf.LastContact) && !t.After(in.Now) {
				pf.LastContact = t
			}
		}
		people[p.Contact.ID] = pf
		order = append(order, p.Contact.ID)
	}
	add := func(e Event, given bool) {
		w := week(weeks, e.At, in.Now)
		if w < 0 {
			return
		}
		var circles []model.Circle
		if e.ContactID == 0 {
			if !given || e.CommunityID == 0 {
				return
			}
			circles = []model.Circle{model.CircleCommunity}
		} else if p := people[e.ContactID]; p != nil {
			circles = p.Contact.Circles
			if given {
				p.Given++
				if e.At.After(p.LastContact) {
					p.LastContact = e.At
				}
			} else {
				p.Received++
			}
		}
		if given {
			r.Given++
		} else if len(circles) > 0 {
			r.Received++
		}
		for _, k := range circles {
			c := &r.Circles[index[k]]
			if given {
				c.Given[w]++
				c.TotalGiven++
			} else {
				c.Received[w]++
				c.TotalReceived++
			}
		}
	}
	for _, e := range in.Given {
		if stopped() {
			return Report{}, fmt.Errorf("flow: %w", ctx.Err())
		}
		add(e, true)
	}
	for _, e := range in.Received {
		if stopped() {
			return Report{}, fmt.Errorf("flow: %w", ctx.Err())
		}
		add(e, false)
	}

	added := map[int64]time.Time{}
	for _, p := range in.People {
		added[p.Contact.ID] = p.Added
	}
	for _, id := range order {
		p := people[id]
		ref := p.LastContact
		if ref.IsZero() {
			ref = added[id]
		}
		if !ref.IsZero() && in.Now.After(ref) {
			p.Since = in.Now.Sub(ref)
		}
		p.Why = why(*p)
		if p.Given > 0 || p.Received > 0 {
			r.People = append(r.People, *p)
		}
		if related(*p) && !ref.IsZero() && p.Since >= QuietLimit(in.Prefs, p.Contact) {
			r.Overdue = append(r.Overdue, *p)
		}
	}
	sort.SliceStable(r.People, func(i, j int) bool {
		a, b := r.People[i], r.People[j]
		if a.Owed() != b.Owed() {
			return a.Owed() > b.Owed()
		}
		if a.Received != b.Received {
			return a.Received > b.Received
		}
		return a.Contact.Name < b.Contact.Name
	})
	sort.SliceStable(r.Overdue, func(i, j int) bool {
		a, b := r.Overdue[i], r.Overdue[j]
		ra := float64(a.Since) / float64(QuietLimit(in.Prefs, a.Contact))
		rb := float64(b.Since) / float64(QuietLimit(in.Prefs, b.Contact))
		if ra != rb {
			return ra > rb
		}
		return a.Contact.Name < b.Contact.Name
	})
	has := map[model.Circle]bool{}
	for _, p := range in.People {
		for _, k := range p.Contact.Circles {
			has[k] = true
		}
	}
	r.Summary = summary(r, has)
	if err := ctx.Err(); err != nil {
		return Report{}, fmt.Errorf("flow: %w", err)
	}
	return r, nil
}

// related reports whether silence with p can be "too long": they are in
// the team or a community of practice, or, in the loose network, the user
// has been in touch with them or read them lately. Five hundred imported
// connections are not five hundred people to get back to.
func related(p PersonFlow) bool {
	for _, k := range p.Contact.Circles {
		if k == model.CircleTeam || k == model.CircleCommunity {
			return true
		}
	}
	return len(p.Contact.Circles) > 0 && (!p.LastContact.IsZero() || p.Received > 0)
}

// week returns the index of the week holding t, or -1 when t is before the
// first week or after now.
func week(weeks []time.Time, t, now time.Time) int {
	if len(weeks) == 0 || t.Before(weeks[0]) || t.After(now) {
		return -1
	}
	i := sort.Search(len(weeks), func(i int) bool { return weeks[i].After(t) })
	return i - 1
}

// why says what went each way with a person.
func why(p PersonFlow) string {
	var parts []string
	switch p.Received {
	case 0:
	case 1:
		parts = append(parts, "you read 1 of their posts")
	default:
		parts = append(parts, fmt.Sprintf("you read %d of their posts", p.Received))
	}
	switch {
	case p.Given == 0 && p.Received > 0:
		parts = append(parts, "passed nothing back")
	case p.Given == 1:
		parts = append(parts, "shared 1 item with them")
	case p.Given > 1:
		parts = append(parts, fmt.Sprintf("shared %d items with them", p.Given))
	}
	s := strings.Join(parts, " and ")
	if p.LastContact.IsZero() {
		if s == "" {
			return "never in touch yet"
		}
		return s + "; never in touch yet"
	}
	if s == "" {
		return "last in touch " + Ago(p.Since)
	}
	return s + "; last in touch " + Ago(p.Since)
}

// Ago says a duration in days, weeks or months, as in "3 weeks ago".
func Ago(d time.Duration) string {
	days := int(d.Hours() / 24)
	switch {
	case days < 1:
		return "today"
	case days == 1:
		return "yesterday"
	case days < 14:
		return fmt.Sprintf("%d days ago", days)
	case days < 61:
		return fmt.Sprintf("%d weeks ago", days/7)
	case days < 730:
		return fmt.Sprintf("%d months ago", days/30)
	default:
		return fmt.Sprintf("%d years ago", days/365)
	}
}

// summary puts the shape of the flow in words: whether the user only
// collaborates (team), only cooperates (communities, network), or both,
// and whether they give back what they receive. has tells which circles
// the user has anyone in.
func summary(r Report, has map[model.Circle]bool) string {
	n := len(r.Weeks)
	period := fmt.Sprintf("the last %d weeks", n)
	if n == 1 {
		period = "this week"
	}
	given, received := r.Given, r.Received
	byCircle := map[model.Circle]int{}
	for _, c := range r.Circles {
		byCircle[c.Circle] = c.TotalGiven
	}
	if given == 0 && received == 0 {
		return fmt.Sprintf("Nothing passed on to your circles and nothing read from your people in %s.", period)
	}
	if given == 0 {
		return fmt.Sprintf("In %s you read %s from your people and passed nothing on.", period, plural(received, "post"))
	}
	team := byCircle[model.CircleTeam]
	coop := byCircle[model.CircleCommunity] + byCircle[model.CircleNetwork]
	var shape string
	switch {
	case coop == 0 && (has[model.CircleCommunity] || has[model.CircleNetwork]):
		shape = "all of it to your team: you collaborate, but do not cooperate with your communities or your network."
	case team == 0 && has[model.CircleTeam]:
		shape = "all of it to your communities and network: you cooperate, but your team got nothing."
	case team > 0 && coop > 0 && 10*team >= 7*(team+coop):
		shape = fmt.Sprintf("%d%% of it to your team: you collaborate more than you cooperate.", percent(team, team+coop))
	case team > 0 && coop > 0 && 10*coop >= 7*(team+coop):
		shape = fmt.Sprintf("%d%% of it to your communities and network: you cooperate more than you collaborate.", percent(coop, team+coop))
	default:
		shape = fmt.Sprintf("to your team %d, your communities %d and your network %d.",
			byCircle[model.CircleTeam], byCircle[model.CircleCommunity], byCircle[model.CircleNetwork])
	}
	s := fmt.Sprintf("In %s you passed on %s, %s", period, plural(given, "share"), shape)
	if received > given {
		s += fmt.Sprintf(" You read %s from your people: more came in than went out.", plural(received, "post"))
	}
	return s
}

func percent(a, b int) int {
	if b == 0 {
		return 0
	}
	return (200*a + b) / (2 * b)
}

func plural(n int, word string) string {
	if n == 1 {
		return "1 " + word
	}
	return fmt.Sprintf("%d %ss", n, word)
}
