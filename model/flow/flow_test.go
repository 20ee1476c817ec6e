package flow

import (
	"context"
	"errors"
	"fmt"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/knowflow/knowflow/model"
)

var (
	berlin, _ = time.LoadLocation("Europe/Berlin")
	// Thursday 26 November 2026, 15:00 in Berlin.
	now = time.Date(2026, 11, 26, 15, 0, 0, 0, berlin)
	day = 24 * time.Hour
)

func person(id int64, name string, circles ...model.Circle) Person {
	return Person{Contact: model.Contact{ID: id, Name: name, Circles: circles}, Added: now.Add(-365 * day)}
}

func TestWeekStarts(t *testing.T) {
	w := WeekStarts(now, berlin, 3)
	want := []string{"2026-11-09 00:00 CET", "2026-11-16 00:00 CET", "2026-11-23 00:00 CET"}
	for i, s := range want {
		if got := w[i].Format("2006-01-02 15:04 MST"); got != s {
			t.Errorf("week %d starts %s, want %s", i, got, s)
		}
	}
	// Across the change to summer time the weeks still start at midnight.
	w = WeekStarts(time.Date(2026, 4, 1, 12, 0, 0, 0, berlin), berlin, 2)
	if got := w[0].Format("2006-01-02 15:04 MST"); got != "2026-03-23 00:00 CET" {
		t.Errorf("week before summer time starts %s", got)
	}
	if got := w[1].Format("2006-01-02 15:04 MST"); got != "2026-03-30 00:00 CEST" {
		t.Errorf("week after summer time starts %s", got)
	}
	if len(WeekStarts(now, nil, 0)) != DefaultWeeks {
		t.Error("0 weeks does not mean the default")
	}
}

func TestBuildCountsPerCircleAndWeek(t *testing.T) {
	ana := person(1, "Ana", model.CircleTeam, model.CircleCommunity) // in two circles
	bo := person(2, "Bo", model.CircleNetwork)
	in := Input{
		Now: now, Location: berlin, Weeks: 3,
		People: []Person{ana, bo},
		Given: []Event{
			{At: now.Add(-1 * day), ContactID: 1},       // this week
			{At: now.Add(-8 * day), ContactID: 1},       // last week
			{At: now.Add(-2 * day), CommunityID: 9},     // a digest: the community circle
			{At: now.Add(-60 * day), ContactID: 2},      // before the period: not counted
			{At: now.Add(2 * day), ContactID: 2},        // in the future: not counted
			{At: now.Add(-3 * time.Hour), ContactID: 2}, // this week
		},
		Received: []Event{
			{At: now.Add(-15 * day), ContactID: 2},
			{At: now.Add(-15 * day), ContactID: 2},
			{At: now.Add(-9 * day), ContactID: 2},
			{At: now.Add(-1 * day), ContactID: 1},
			{At: now.Add(-1 * day), ContactID: 77}, // no such person: ignored
		},
	}
	r := Build(in)
	got := map[model.Circle]CircleFlow{}
	for _, c := range r.Circles {
		got[c.Circle] = c
	}
	check := func(k model.Circle, given, received []int) {
		t.Helper()
		c := got[k]
		for i := range given {
			if c.Given[i] != given[i] || c.Received[i] != received[i] {
				t.Fatalf("%s: given %v received %v, want %v %v", k, c.Given, c.Received, given, received)
			}
		}
	}
	check(model.CircleTeam, []int{0, 1, 1}, []int{0, 0, 1})
	check(model.CircleCommunity, []int{0, 1, 2}, []int{0, 0, 1})
	check(model.CircleNetwork, []int{0, 0, 1}, []int{2, 1, 0})
	if r.Given != 4 || r.Received != 4 {
		t.Errorf("totals given %d received %d, want 4 and 4 (each counted once)", r.Given, r.Received)
	}
	if len(r.People) != 2 || r.People[0].Contact.Name != "Bo" || r.People[0].Owed() != 2 {
		t.Fatalf("people = %+v, want Bo first (owed 2)", r.People)
	}
	if w := r.People[0].Why; !strings.Contains(w, "you read 3 of their posts") || !strings.Contains(w, "shared 1 item with them") {
		t.Errorf("Bo's why = %q", w)
	}
}

func TestOverdue(t *testing.T) {
	prefs := model.Prefs{}
	team := person(1, "Team mate", model.CircleTeam)
	team.Contact.LastContacted = now.Add(-13 * day) // team limit: 14 days (4 x 1 day is less)
	quiet := person(2, "Quiet colleague", model.CircleTeam)
	quiet.Contact.LastContacted = now.Add(-20 * day)
	net := person(3, "Network friend", model.CircleNetwork)
	net.Contact.LastContacted = now.Add(-100 * day) // network limit: 120 days
	lost := person(4, "Lost touch", model.CircleNetwork)
	lost.Contact.LastContacted = now.Add(-400 * day)
	fresh := person(5, "Just added", model.CircleCommunity)
	fresh.Added = now.Add(-3 * day) // never contacted, but only just added
	old := person(6, "Added long ago", model.CircleCommunity)
	old.Added = now.Add(-90 * day) // community limit: 28 days
	nobody := person(7, "No circle")
	nobody.Added = now.Add(-900 * day)
	// A share in the period counts as contact even if LastContacted lags.
	shared := person(8, "Shared lately", model.CircleTeam)
	shared.Contact.LastContacted = now.Add(-60 * day)
	// The loose network: an imported connection never contacted nor read
	// is no one to get back to; one whose posts the user reads is.
	imported := person(9, "Imported connection", model.CircleNetwork)
	imported.Added = now.Add(-400 * day)
	reader := person(10, "Read but never thanked", model.CircleNetwork)
	reader.Added = now.Add(-200 * day)

	r := Build(Input{Now: now, Location: berlin, Prefs: prefs,
		People:   []Person{team, quiet, net, lost, fresh, old, nobody, shared, imported, reader},
		Given:    []Event{{At: now.Add(-2 * day), ContactID: 8}},
		Received: []Event{{At: now.Add(-3 * day), ContactID: 10}}})
	var names []string
	for _, p := range r.Overdue {
		names = append(names, p.Contact.Name)
	}
	// Longest past their limit first: 400/120, 90/28, 200/120, 20/14.
	if got, want := strings.Join(names, ", "), "Lost touch, Added long ago, Read but never thanked, Quiet colleague"; got != want {
		t.Errorf("overdue = %s, want %s", got, want)
	}
	// A longer cadence of their own moves the limit.
	slow := quiet
	slow.Contact.Cadence = 7 * day
	if r := Build(Input{Now: now, People: []Person{slow}}); len(r.Overdue) != 0 {
		t.Errorf("a 7-day cadence (28-day limit) is overdue after 20 days: %+v", r.Overdue)
	}
	if got := QuietLimit(model.Prefs{Cadence: map[model.Circle]time.Duration{model.CircleNetwork: 10 * day}}, net.Contact); got != 40*day {
		t.Errorf("network limit with a 10-day cadence = %v, want 40 days", got)
	}
}

func TestSummary(t *testing.T) {
	team, comm, net := person(1, "T", model.CircleTeam), person(2, "C", model.CircleCommunity), person(3, "N", model.CircleNetwork)
	shares := func(ids ...int64) []Event {
		var es []Event
		for _, id := range ids {
			es = append(es, Event{At: now.Add(-day), ContactID: id})
		}
		return es
	}
	for _, c := range []struct {
		name     string
		people   []Person
		given    []Event
		received []Event
		want     string
	}{
		{"nothing", []Person{team}, nil, nil, "Nothing passed on"},
		{"only received", []Person{team}, nil, []Event{{At: now.Add(-day), ContactID: 1}}, "you read 1 post from your people and passed nothing on"},
		{"only team", []Person{team, comm}, shares(1, 1), nil, "all of it to your team: you collaborate, but do not cooperate"},
		{"only team, no one else", []Person{team}, shares(1), nil, "to your team 1, your communities 0 and your network 0"},
		{"only cooperation", []Person{team, comm, net}, shares(2, 3), nil, "all of it to your communities and network: you cooperate, but your team got nothing"},
		{"mostly team", []Person{team, comm}, shares(1, 1, 1, 1, 1, 1, 1, 2), nil, "88% of it to your team"},
		{"mostly cooperation", []Person{team, comm, net}, shares(1, 2, 2, 3, 3), nil, "80% of it to your communities and network"},
		{"balanced", []Person{team, comm, net}, shares(1, 1, 2, 3), nil, "to your team 2, your communities 1 and your network 1"},
		{"more in than out", []Person{team, net}, shares(1), []Event{{At: now.Add(-day), ContactID: 3}, {At: now.Add(-day), ContactID: 3}}, "more came in than went out"},
	} {
		r := Build(Input{Now: now, Location: berlin, People: c.people, Given: c.given, Received: c.received})
		if !strings.Contains(r.Summary, c.want) {
			t.Errorf("%s: summary %q lacks %q", c.name, r.Summary, c.want)
		}
	}
}

func TestAgo(t *testing.T) {
	for d, want := range map[time.Duration]string{
		time.Hour: "today", day: "yesterday", 5 * day: "5 days ago", 20 * day: "2 weeks ago",
		90 * day: "3 months ago", 800 * day: "2 years ago",
	} {
		if got := Ago(d); got != want {
			t.Errorf("Ago(%v) = %q, want %q", d, got, want)
		}
	}
}

// A digest reaches every member of its community: members who get one
// have heard from the user, whenever it went out.
func TestDigestKeepsMembersInTouch(t *testing.T) {
	member := person(1, "Guild member", model.CircleCommunity)
	member.Added = now.Add(-90 * day)
	member.Contact.Communities = []string{"L&D Guild"}
	other := person(2, "Other member", model.CircleCommunity)
	other.Added = now.Add(-90 * day)
	other.Contact.Communities = []string{"Go meetup"}
	in := Input{Now: now, Weeks: 1, People: []Person{member, other},
		LastDigests: map[string]time.Time{"L&D Guild": now.Add(-20 * day), "Go meetup": now.Add(3 * day)}}
	r := Build(in)
	if len(r.Overdue) != 1 || r.Overdue[0].Contact.Name != "Other member" {
		t.Fatalf("overdue = %+v: the Guild's digest 20 days ago reached its member (and a future one counts for no one)", r.Overdue)
	}
	if got := r.Overdue[0].Why; got != "never in touch yet" {
		t.Errorf("why = %q", got)
	}
}

// BuildContext is Build until its context ends; then it reports the
// context's error and no report.
func TestBuildContext(t *testing.T) {
	in := Input{Now: now, Location: berlin, Weeks: 3}
	for i := range 3000 {
		in.People = append(in.People, person(int64(i+1), fmt.Sprintf("P%d", i), model.CircleTeam))
	}
	for i := range 50000 {
		in.Received = append(in.Received, Event{At: now.Add(-time.Duration(i%500) * time.Hour), ContactID: int64(i%3000 + 1)})
	}
	got, err := BuildContext(context.Background(), in)
	if err != nil || !reflect.DeepEqual(got, Build(in)) {
		t.Fatalf("BuildContext differs from Build (%v)", err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if r, err := BuildContext(ctx, in); !errors.Is(err, context.Canceled) || r.Received != 0 {
		t.Errorf("cancelled: %d received, %v", r.Received, err)
	}
}
