package suggest

import (
	"fmt"
	"math/rand"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/knowflow/knowflow/model"
)

// Thursday 26 November 2026, 10:00 in Lisbon (UTC in winter).
var now = time.Date(2026, 11, 26, 10, 0, 0, 0, time.UTC)

func prefs() model.Prefs {
	p := model.DefaultPrefs()
	p.TimeZone = "Europe/Lisbon"
	return p
}

var texts = map[string]string{
	"onboarding": "How we run remote onboarding for new engineers: a buddy, a written plan, and a first pull request on day one. Remote onboarding works when the team writes things down.",
	"sqlite":     "SQLite in production: WAL mode, busy timeouts and FTS5 full-text search. Why a single SQLite file is enough for most desktop apps.",
	"football":   "Match report: a late goal wins the derby as the home side climbs the league table.",
	"gardening":  "Autumn gardening: plant bulbs now, mulch the beds and leave seed heads for the birds.",
	"mentoring":  "Mentoring junior developers: pair programming, code review as teaching, and regular one-to-ones.",
	"climate":    "Climate policy after the summit: carbon pricing, coal phase-out dates and adaptation funds.",
}

func item(id int64, key string, age time.Duration) Candidate {
	title := map[string]string{
		"onboarding": "Remote onboarding that works",
		"sqlite":     "SQLite is all you need",
		"football":   "Derby day drama",
		"gardening":  "What to do in the garden this autumn",
		"mentoring":  "Mentoring junior developers well",
		"climate":    "Climate policy after the summit",
	}[key]
	return Candidate{Item: model.Item{
		ID: id, SourceID: 1, SourceTitle: "Example blog", Title: title, Link: "https://blog.example/" + key,
		Text: texts[key], Published: now.Add(-age),
	}}
}

func contact(id int64, name string, circle model.Circle, tz string, interests ...string) model.Contact {
	return model.Contact{
		ID: id, Name: name, Circles: []model.Circle{circle}, TimeZone: tz,
		WorkStart: "09:00", WorkEnd: "17:00", Interests: interests,
	}
}

func baseInput() Input {
	return Input{
		Now:   now,
		Prefs: prefs(),
		Items: []Candidate{
			item(1, "onboarding", 2*time.Hour),
			item(2, "sqlite", 5*time.Hour),
			item(3, "football", time.Hour),
			item(4, "gardening", 3*time.Hour),
			item(5, "mentoring", 26*time.Hour),
			item(6, "climate", 30*time.Hour),
		},
		Contacts: []model.Contact{
			contact(10, "Ana Lima", model.CircleTeam, "Europe/Lisbon", "remote onboarding", "mentoring"),
			contact(11, "Kenji Sato", model.CircleTeam, "Asia/Tokyo", "sqlite", "desktop apps"),
			contact(12, "Grace Okafor", model.CircleNetwork, "America/New_York", "climate policy"),
			contact(13, "Bo Berg", model.CircleNetwork, "Europe/Stockholm", "gardening tools"),
		},
	}
}

func find(s []model.Suggestion, item, contactID int64) *model.Suggestion {
	for i := range s {
		if s[i].ItemID == item && s[i].ContactID == contactID && s[i].Kind == model.KindShare {
			return &s[i]
		}
	}
	return nil
}

func TestTeamSuggestionInsideWorkingHours(t *testing.T) {
	out := Suggest(baseInput())
	s := find(out, 1, 10)
	if s == nil {
		t.Fatalf("no suggestion of the onboarding item to Ana: %+v", out)
	}
	if s.Circle != model.CircleTeam || s.Score <= 0 || s.Score > 1 {
		t.Errorf("circle %q score %v", s.Circle, s.Score)
	}
	if !s.When.Equal(now) {
		t.Errorf("when = %v, want now (%v): inside her working hours, no earlier share", s.When, now)
	}
	for _, want := range []string{"'remote onboarding'", "team", "working hours in Lisbon"} {
		if !strings.Contains(s.Why, want) {
			t.Errorf("why %q lacks %q", s.Why, want)
		}
	}
	// Kenji works 09:00-17:00 in Tokyo: 00:00-08:00 in Lisbon, 07:00-08:00
	// outside the user's quiet hours. At 10:00 Lisbon his day is over.
	k := find(out, 2, 11)
	if k == nil {
		t.Fatalf("no SQLite suggestion for Kenji: %+v", out)
	}
	tokyo, _ := time.LoadLocation("Asia/Tokyo")
	lt := k.When.In(tokyo)
	if lt.Hour() < 9 || lt.Hour() >= 17 || lt.Weekday() == time.Saturday || lt.Weekday() == time.Sunday {
		t.Errorf("Kenji's suggestion at %v, outside his working hours", lt)
	}
	if q, _ := prefs().Quiet(k.When); q {
		t.Errorf("Kenji's suggestion at %v is inside the user's quiet hours", k.When)
	}
	if want := time.Date(2026, 11, 27, 7, 0, 0, 0, time.UTC); !k.When.Equal(want) {
		t.Errorf("Kenji's when = %v, want %v (Friday 16:00 in Tokyo, the first time outside quiet hours)", k.When, want)
	}
}

func TestNothingForUnrelatedItems(t *testing.T) {
	out := Suggest(baseInput())
	for _, s := range out {
		if s.ItemID == 3 {
			t.Errorf("the football item went to %s: nobody cares about football", s.ContactName)
		}
	}
	if s := find(out, 4, 13); s != nil {
		t.Errorf("'gardening tools' is not a strong match for an autumn gardening post, yet network contact Bo got it: %+v", s)
	}
}

func TestCadenceAfterLastShare(t *testing.T) {
	in := baseInput()
	last := now.Add(-10 * time.Hour)
	in.Shares = []model.Share{{ItemID: 5, ContactID: 10, Channel: model.ChannelEmail, SharedAt: last}}
	out := Suggest(in)
	s := find(out, 1, 10)
	if s == nil {
		t.Fatal("no suggestion for Ana")
	}
	if s.When.Before(last.Add(24 * time.Hour)) {
		t.Errorf("when %v is sooner than the team cadence (1 day) after the last share %v", s.When, last)
	}
	if !strings.Contains(s.Why, "cadence") {
		t.Errorf("why %q does not say the cadence held it back", s.Why)
	}
	// Successive suggestions for one person are a cadence apart.
	var whens []time.Time
	for _, x := range out {
		if x.ContactID == 10 {
			whens = append(whens, x.When)
		}
	}
	for i := 1; i < len(whens); i++ {
		if whens[i].Sub(whens[i-1]) < 24*time.Hour {
			t.Errorf("two suggestions for Ana %v apart", whens[i].Sub(whens[i-1]))
		}
	}
	// LastContacted counts as a share too, and a contact's own cadence wins.
	in = baseInput()
	in.Contacts[0].LastContacted = now.Add(-time.Hour)
	in.Contacts[0].Cadence = 72 * time.Hour
	if s := find(Suggest(in), 1, 10); s == nil || s.When.Before(now.Add(71*time.Hour)) {
		t.Errorf("with a 3-day cadence and contact an hour ago: %+v", s)
	}
}

func TestNetworkCadenceAndSparing(t *testing.T) {
	in := baseInput()
	out := Suggest(in)
	g := find(out, 6, 12)
	if g == nil {
		t.Fatalf("no climate suggestion for Grace (a strong match): %+v", out)
	}
	if g.Score < minNetwork || !strings.Contains(g.Why, "network") {
		t.Errorf("network suggestion %+v", g)
	}
	n := 0
	for _, s := range out {
		if s.ContactID == 12 {
			n++
		}
	}
	if n > maxPerNetworkContact {
		t.Errorf("%d suggestions for a network contact in one run", n)
	}
	in.Shares = []model.Share{{ItemID: 2, ContactID: 12, Channel: model.ChannelEmail, SharedAt: now.Add(-20 * 24 * time.Hour)}}
	g = find(Suggest(in), 6, 12)
	if g == nil || g.When.Before(now.Add(10*24*time.Hour)) {
		t.Errorf("shared with Grace 20 days ago, network cadence 30 days: %+v", g)
	}
}

func TestNeverTheSameItemTwice(t *testing.T) {
	in := baseInput()
	in.Shares = []model.Share{{ItemID: 1, ContactID: 10, Channel: model.ChannelEmail, SharedAt: now.Add(-40 * 24 * time.Hour)}}
	if s := find(Suggest(in), 1, 10); s != nil {
		t.Errorf("item 1 was shared with Ana, yet suggested again: %+v", s)
	}
	in = baseInput()
	in.Feedback = []model.Feedback{{ItemID: 1, ContactID: 10, Verdict: model.VerdictShared, At: now.Add(-time.Hour)}}
	if s := find(Suggest(in), 1, 10); s != nil {
		t.Errorf("a 'shared' verdict, yet suggested again: %+v", s)
	}
	// One suggestion per item and recipient within a run.
	seen := map[[3]int64]bool{}
	for _, s := range Suggest(baseInput()) {
		k := [3]int64{s.ItemID, s.ContactID, s.CommunityID}
		if seen[k] {
			t.Errorf("item %d suggested twice to %d/%d", s.ItemID, s.ContactID, s.CommunityID)
		}
		seen[k] = true
	}
}

func TestNeverToTheAuthor(t *testing.T) {
	in := baseInput()
	in.Items[1].AuthorIDs = []int64{11} // Kenji writes the SQLite post
	out := Suggest(in)
	if s := find(out, 2, 11); s != nil {
		t.Fatalf("Kenji wrote item 2, yet it is suggested to him: %+v", s)
	}
	for _, s := range out {
		if s.Kind == model.KindThank {
			t.Errorf("thank suggestion for an item the user neither starred nor annotated: %+v", s)
		}
	}
	in.Items[1].Starred = true
	var thank *model.Suggestion
	for _, s := range Suggest(in) {
		if s.Kind == model.KindThank {
			thank = &s
		}
	}
	if thank == nil || thank.ContactID != 11 || thank.ItemID != 2 || !strings.Contains(thank.Why, "thank") {
		t.Errorf("want a thank-the-author suggestion for Kenji and item 2, got %+v", thank)
	}
}

func TestNeverInQuietHours(t *testing.T) {
	// Whatever the clock, the zones and the quiet hours, no "when" is quiet.
	rnd := rand.New(rand.NewSource(1))
	zones := []string{"Europe/Lisbon", "Asia/Tokyo", "America/Los_Angeles", "Australia/Sydney", "Asia/Kolkata", ""}
	quiet := [][2]string{{"22:00", "07:00"}, {"20:00", "09:00"}, {"00:00", "06:00"}, {"13:00", "14:30"}}
	for i := 0; i < 300; i++ {
		in := baseInput()
		in.Now = now.Add(time.Duration(rnd.Intn(14*24*60)) * time.Minute)
		q := quiet[rnd.Intn(len(quiet))]
		in.Prefs.QuietStart, in.Prefs.QuietEnd = q[0], q[1]
		in.Prefs.TimeZone = zones[rnd.Intn(len(zones)-1)]
		for j := range in.Contacts {
			in.Contacts[j].TimeZone = zones[rnd.Intn(len(zones))]
		}
		for j := range in.Items {
			in.Items[j].Published = in.Now.Add(-time.Hour)
		}
		in.Communities = []CommunityInfo{{Community: model.Community{ID: 1, Name: "Builders", DigestDay: time.Weekday(rnd.Intn(7)), DigestTime: []string{"23:30", "06:00", "10:00"}[rnd.Intn(3)]}, MemberIDs: []int64{10, 11}}}
		for _, s := range Suggest(in) {
			if quiet, _ := in.Prefs.Quiet(s.When); quiet {
				t.Fatalf("run %d: suggestion at %v is inside quiet hours %v-%v (%s): %+v", i, s.When.In(in.Prefs.Location()), q[0], q[1], in.Prefs.TimeZone, s)
			}
			if s.When.Before(in.Now) {
				t.Fatalf("run %d: suggestion in the past: %v < %v", i, s.When, in.Now)
			}
		}
	}
}

func TestCommunityDigest(t *testing.T) {
	in := baseInput()
	in.Contacts = append(in.Contacts,
		contact(20, "Lea Roth", model.CircleCommunity, "Europe/Berlin", "sqlite", "full-text search"),
		contact(21, "Tom Hill", model.CircleCommunity, "Europe/London", "sqlite"),
	)
	in.Communities = []CommunityInfo{{
		Community: model.Community{ID: 7, Name: "Local-first", Description: "People building local-first apps", DigestDay: time.Friday, DigestTime: "10:00"},
		MemberIDs: []int64{20, 21},
	}}
	out := Suggest(in)
	var digest []model.Suggestion
	for _, s := range out {
		if s.ContactID == 20 || s.ContactID == 21 {
			t.Errorf("community members got an individual suggestion; their digest should carry it: %+v", s)
		}
		if s.CommunityID == 7 {
			digest = append(digest, s)
		}
	}
	if len(digest) == 0 {
		t.Fatalf("no digest suggestion for Local-first: %+v", out)
	}
	items := map[int64]bool{}
	for _, s := range digest {
		if items[s.ItemID] {
			t.Errorf("item %d twice in the digest", s.ItemID)
		}
		items[s.ItemID] = true
		if want := time.Date(2026, 11, 27, 10, 0, 0, 0, time.UTC); !s.When.Equal(want) {
			t.Errorf("digest when %v, want Friday 10:00 %v", s.When, want)
		}
		if s.Circle != model.CircleCommunity || s.Community != "Local-first" || !strings.Contains(s.Why, "2 members") {
			t.Errorf("digest suggestion %+v", s)
		}
	}
	if !items[2] {
		t.Errorf("the SQLite item is not in the digest: %+v", digest)
	}
	// Shared into the community last Friday: the next digest is a week on.
	in.Shares = []model.Share{{ItemID: 5, CommunityID: 7, Channel: model.ChannelCopy, SharedAt: now.Add(-24 * time.Hour)}}
	for _, s := range Suggest(in) {
		if s.CommunityID == 7 && s.When.Before(now.Add(6*24*time.Hour)) {
			t.Errorf("digest at %v, sooner than the 7-day community cadence after %v", s.When, now.Add(-24*time.Hour))
		}
	}
}

func TestDismissalIsFinalAndTeaches(t *testing.T) {
	in := baseInput()
	in.Items = append(in.Items, Candidate{Item: model.Item{ID: 7, Title: "Remote onboarding checklists", Link: "https://blog.example/checklists",
		Text: "A remote onboarding checklist for distributed teams: accounts, laptop, buddy.", Published: now.Add(-time.Hour)}})
	before := find(Suggest(in), 7, 10)
	if before == nil {
		t.Fatal("no suggestion of item 7 for Ana")
	}
	in.Feedback = []model.Feedback{{ItemID: 1, ContactID: 10, Verdict: model.VerdictDismissed, At: now}}
	out := Suggest(in)
	if s := find(out, 1, 10); s != nil {
		t.Errorf("dismissed, yet suggested: %+v", s)
	}
	after := find(out, 7, 10)
	if after != nil && after.Score >= before.Score {
		t.Errorf("after dismissing a similar item, item 7 still scores %v (was %v)", after.Score, before.Score)
	}
}

func TestSnooze(t *testing.T) {
	in := baseInput()
	until := now.Add(50 * time.Hour)
	in.Feedback = []model.Feedback{{ItemID: 1, ContactID: 10, Verdict: model.VerdictSnoozed, Until: until, At: now}}
	s := find(Suggest(in), 1, 10)
	if s == nil || s.When.Before(until) {
		t.Errorf("snoozed until %v, got %+v", until, s)
	}
}

func TestDeterministicAndSorted(t *testing.T) {
	in := baseInput()
	in.Contacts = append(in.Contacts, contact(14, "Ines Vaz", model.CircleTeam, "Europe/Lisbon", "remote onboarding"))
	a := Suggest(in)
	if len(a) < 3 {
		t.Fatalf("only %d suggestions", len(a))
	}
	// Shuffle every list of the input: the output must not change.
	rnd := rand.New(rand.NewSource(7))
	for i := 0; i < 5; i++ {
		in2 := in
		in2.Items = append([]Candidate(nil), in.Items...)
		in2.Contacts = append([]model.Contact(nil), in.Contacts...)
		rnd.Shuffle(len(in2.Items), func(i, j int) { in2.Items[i], in2.Items[j] = in2.Items[j], in2.Items[i] })
		rnd.Shuffle(len(in2.Contacts), func(i, j int) { in2.Contacts[i], in2.Contacts[j] = in2.Contacts[j], in2.Contacts[i] })
		if b := Suggest(in2); !reflect.DeepEqual(a, b) {
			t.Fatalf("shuffled input gave different suggestions:\n%+v\n%+v", a, b)
		}
	}
	for i := 1; i < len(a); i++ {
		p, q := a[i-1], a[i]
		if q.When.Before(p.When) || (q.When.Equal(p.When) && q.Score > p.Score) {
			t.Errorf("not sorted by when then score: %v/%v before %v/%v", p.When, p.Score, q.When, q.Score)
		}
	}
}

// TestSharingTeaches: what was shared with someone raises items like it
// for them later.
func TestSharingTeaches(t *testing.T) {
	in := baseInput()
	in.Contacts[0].Interests = []string{"remote onboarding"}
	in.Items = append(in.Items,
		Candidate{Item: model.Item{ID: 7, Title: "Remote onboarding with a buddy", Link: "https://blog.example/buddy",
			Text: "Remote onboarding: pair every new engineer with a buddy for mentoring and code review.", Published: now.Add(-time.Hour)}},
		Candidate{Item: model.Item{ID: 8, Title: "Remote onboarding paperwork", Link: "https://blog.example/paperwork",
			Text: "Remote onboarding: contracts, payroll forms and tax paperwork for new hires.", Published: now.Add(-time.Hour)}})
	score := func(in Input, item int64) float64 {
		for _, s := range Rank(in) {
			if s.ItemID == item && s.ContactID == 10 {
				return s.Score
			}
		}
		t.Fatalf("item %d not ranked for Ana", item)
		return 0
	}
	before7, before8 := score(in, 7), score(in, 8)
	// Ana was sent the mentoring post before: mentoring, code review...
	in.Shares = []model.Share{{ItemID: 5, ContactID: 10, Channel: model.ChannelEmail, SharedAt: now.Add(-48 * time.Hour)}}
	after7, after8 := score(in, 7), score(in, 8)
	if after7 <= before7 {
		t.Errorf("after sharing a mentoring post, the buddy post scores %v (was %v)", after7, before7)
	}
	if after7-before7 <= after8-before8 {
		t.Errorf("sharing raised the unrelated paperwork post as much: buddy %v→%v, paperwork %v→%v", before7, after7, before8, after8)
	}
}

// TestDigestSaysWhoGetsItDirectly: a team member who is also in a
// community gets an item directly; the community's digest (which goes to
// everyone) says so.
func TestDigestSaysWhoGetsItDirectly(t *testing.T) {
	in := baseInput()
	in.Contacts[0].Communities = []string{"People"}
	in.Contacts = append(in.Contacts, contact(20, "Lea Roth", model.CircleCommunity, "Europe/Berlin", "remote onboarding"))
	in.Communities = []CommunityInfo{{Community: model.Community{ID: 3, Name: "People", DigestDay: time.Friday, DigestTime: "10:00"}, MemberIDs: []int64{10, 20}}}
	var digest *model.Suggestion
	for _, s := range Suggest(in) {
		if s.CommunityID == 3 && s.ItemID == 1 {
			digest = &s
		}
	}
	if digest == nil {
		t.Fatal("the onboarding item is not in the People digest")
	}
	if !strings.Contains(digest.Why, "Ana Lima also gets it directly") {
		t.Errorf("why = %q, want it to name Ana, who gets the item directly", digest.Why)
	}
}

func TestCadenceWords(t *testing.T) {
	for d, want := range map[time.Duration][2]string{
		30 * 24 * time.Hour: {"30-day", "30 days"},
		24 * time.Hour:      {"1-day", "day"},
		12 * time.Hour:      {"12-hour", "12 hours"},
		36 * time.Hour:      {"36-hour", "36 hours"},
	} {
		if got := [2]string{humanDuration(d), every(d)}; got != want {
			t.Errorf("%v: %q, want %q", d, got, want)
		}
	}
}

// TestNarrowItemsGoToTheMember: the digest carries what at least half of a
// community holds as an interest; an item that suits one member alone goes
// to that member, and never both ways.
func TestNarrowItemsGoToTheMember(t *testing.T) {
	in := baseInput()
	in.Contacts = append(in.Contacts,
		contact(20, "Lea Roth", model.CircleCommunity, "Europe/Berlin", "sqlite", "mentoring"),
		contact(21, "Tom Hill", model.CircleCommunity, "Europe/London", "sqlite"),
		contact(22, "Ida Berg", model.CircleCommunity, "Europe/Oslo", "sqlite"),
	)
	in.Communities = []CommunityInfo{{
		Community: model.Community{ID: 7, Name: "Local-first", DigestDay: time.Friday, DigestTime: "10:00"},
		MemberIDs: []int64{20, 21, 22},
	}}
	var digest, lea []int64
	for _, s := range Rank(in) {
		switch {
		case s.CommunityID == 7:
			digest = append(digest, s.ItemID)
		case s.ContactID == 20:
			lea = append(lea, s.ItemID)
		case s.ContactID == 21 || s.ContactID == 22:
			t.Errorf("member got %d directly; the digest carries what they want: %+v", s.ItemID, s)
		}
	}
	// Item 2 is about SQLite (3 of 3 members), item 5 about mentoring (1 of 3).
	if !slices.Contains(digest, 2) || slices.Contains(digest, 5) {
		t.Errorf("digest %v, want the SQLite item 2 and not the mentoring item 5", digest)
	}
	if !slices.Contains(lea, 5) || slices.Contains(lea, 2) {
		t.Errorf("Lea gets %v directly, want the mentoring item 5 and not item 2", lea)
	}
}

// TestSlotsGoToTheBestItems: a network contact's one suggestion per
// cadence is their strongest match, a team member's slots are filled in
// score order, and what does not fit shows in their Ideas.
func TestSlotsGoToTheBestItems(t *testing.T) {
	in := baseInput()
	in.Contacts = []model.Contact{
		contact(30, "Net Person", model.CircleNetwork, "Europe/Lisbon", "sqlite", "remote onboarding", "mentoring", "climate policy"),
		contact(31, "Team Person", model.CircleTeam, "Europe/Lisbon", "sqlite", "remote onboarding", "mentoring", "climate policy"),
	}
	for _, id := range []int64{30, 31} {
		ideas := IdeasFor(in, id, now, 0)
		var got []model.Suggestion
		for _, s := range Suggest(in) {
			if s.ContactID == id && s.Kind == model.KindShare {
				got = append(got, s)
			}
		}
		if len(got) == 0 || len(ideas) <= len(got) {
			t.Fatalf("contact %d: %d suggestions, %d ideas; want fewer suggestions than ideas", id, len(got), len(ideas))
		}
		for i, s := range got {
			if s.ItemID != ideas[i].ItemID {
				t.Errorf("contact %d slot %d: item %d (score %v), the %d-best idea is item %d (score %v)", id, i, s.ItemID, s.Score, i+1, ideas[i].ItemID, ideas[i].Score)
			}
		}
	}
}

// Every suggestion names its item's source, whatever its kind and list:
// the window leaves out those of a source being unsubscribed from.
func TestSuggestionsNameTheirItemsSource(t *testing.T) {
	in := baseInput()
	for i := range in.Items {
		in.Items[i].SourceID = int64(100 + i)
	}
	in.Contacts = append(in.Contacts,
		contact(20, "Lea Roth", model.CircleCommunity, "Europe/Berlin", "sqlite", "full-text search"),
		contact(21, "Tom Hill", model.CircleCommunity, "Europe/London", "sqlite"))
	in.Communities = []CommunityInfo{{
		Community: model.Community{ID: 7, Name: "Local-first", DigestDay: time.Friday, DigestTime: "10:00"},
		MemberIDs: []int64{20, 21},
	}}
	// Kenji wrote the SQLite item, which the user starred: a thank-you.
	in.Items[1].Starred = true
	in.Items[1].AuthorIDs = []int64{11}
	source := map[int64]int64{}
	for _, c := range in.Items {
		source[c.ID] = c.SourceID
	}
	kinds := map[string]bool{}
	for _, s := range append(Suggest(in), Rank(in)...) {
		if s.SourceID == 0 || s.SourceID != source[s.ItemID] {
			t.Errorf("%s of item %d to %s%s names source %d, want %d", s.Kind, s.ItemID, s.ContactName, s.Community, s.SourceID, source[s.ItemID])
		}
		switch {
		case s.Kind == model.KindThank:
			kinds["thank"] = true
		case s.CommunityID != 0:
			kinds["community"] = true
		default:
			kinds["contact"] = true
		}
	}
	for _, k := range []string{"contact", "community", "thank"} {
		if !kinds[k] {
			t.Errorf("no %s suggestion: the test checks nothing there", k)
		}
	}
}

// A community's interests are those its members share: in a community
// of two, one member's own interest goes to that member, not into the
// digest (which would keep it from them).
func TestOneMembersInterestIsTheirs(t *testing.T) {
	in := Input{Now: now, Prefs: prefs(), Items: []Candidate{item(1, "sqlite", time.Hour), item(2, "mentoring", time.Hour)}}
	for i, key := range []string{"football", "gardening", "climate"} {
		in.Items = append(in.Items, item(int64(10+i), key, time.Hour))
	}
	ana := contact(1, "Ana", model.CircleCommunity, "Europe/Lisbon", "SQLite", "mentoring")
	ben := contact(2, "Ben", model.CircleCommunity, "Europe/Lisbon", "mentoring")
	ana.Communities, ben.Communities = []string{"Guild"}, []string{"Guild"}
	in.Contacts = []model.Contact{ana, ben}
	in.Communities = []CommunityInfo{{Community: model.Community{ID: 7, Name: "Guild", DigestDay: time.Friday, DigestTime: "10:00"}, MemberIDs: []int64{1, 2}}}
	to := recipientsByItem(in)
	if !slices.Equal(to[1], []string{"Ana"}) {
		t.Errorf("the SQLite item, Ana's alone, went to %v", to[1])
	}
	if !slices.Equal(to[2], []string{"community:Guild"}) {
		t.Errorf("the mentoring item, the whole Guild's, went to %v", to[2])
	}
}

// An item one member's own interest carries, the community's shared
// interest only mentioned in passing, goes to that member, not into the
// digest.
func TestSharedInterestMustCarryTheDigest(t *testing.T) {
	long := strings.Repeat("WAL mode, busy timeouts, FTS5 full-text search and a single file. ", 12) + "We learned it from mentoring sessions."
	in := Input{Now: now, Prefs: prefs(), Items: []Candidate{
		{Item: model.Item{ID: 1, SourceID: 1, Title: "SQLite is all you need", Text: long, Published: now.Add(-time.Hour)}},
		item(2, "mentoring", time.Hour),
	}}
	for i, key := range []string{"football", "gardening", "climate"} {
		in.Items = append(in.Items, item(int64(10+i), key, time.Hour))
	}
	var ids []int64
	for i, interests := range [][]string{{"SQLite", "mentoring"}, {"mentoring"}, {"mentoring"}} {
		c := contact(int64(i+1), fmt.Sprintf("Member %d", i+1), model.CircleCommunity, "Europe/Lisbon", interests...)
		c.Communities = []string{"Guild"}
		in.Contacts = append(in.Contacts, c)
		ids = append(ids, c.ID)
	}
	in.Communities = []CommunityInfo{{Community: model.Community{ID: 7, Name: "Guild", DigestDay: time.Friday, DigestTime: "10:00"}, MemberIDs: ids}}
	to := recipientsByItem(in)
	if !slices.Equal(to[1], []string{"Member 1"}) {
		t.Errorf("the SQLite item, mentoring in passing, went to %v", to[1])
	}
	if !slices.Equal(to[2], []string{"community:Guild"}) {
		t.Errorf("the mentoring item went to %v", to[2])
	}
}

// recipientsByItem ranks in and lists each item's recipients, best first:
// a person by name, a community as "community:NAME".
func recipientsByItem(in Input) map[int64][]string {
	to := map[int64][]string{}
	for _, s := range Rank(in) {
		name := s.ContactName
		if s.CommunityID != 0 {
			name = "community:" + s.Community
		}
		to[s.ItemID] = append(to[s.ItemID], name)
	}
	return to
}

// TestDigestYieldsToAMembersOwnInterest: an item that one member's own
// interest carries more strongly than what the community shares goes to
// that member, not into the digest; one the shared interest carries as
// strongly goes into the digest.
func TestDigestYieldsToAMembersOwnInterest(t *testing.T) {
	in := baseInput()
	in.Items = append(in.Items,
		Candidate{Item: model.Item{ID: 7, SourceID: 1, Title: "Full-text search ranking, explained",
			Text: "How full-text search engines rank: term frequency, document length and proximity. We checked the results against SQLite.", Published: now.Add(-time.Hour)}},
		Candidate{Item: model.Item{ID: 8, SourceID: 1, Title: "Full-text search in SQLite",
			Text: "SQLite's FTS5 module gives full-text search inside one file.", Published: now.Add(-time.Hour)}},
	)
	in.Contacts = append(in.Contacts,
		contact(20, "Lea Roth", model.CircleCommunity, "Europe/Berlin", "sqlite", "full-text search"),
		contact(21, "Tom Hill", model.CircleCommunity, "Europe/London", "sqlite"),
		contact(22, "Ida Berg", model.CircleCommunity, "Europe/Oslo", "sqlite"),
	)
	in.Communities = []CommunityInfo{{
		Community: model.Community{ID: 7, Name: "Local-first", DigestDay: time.Friday, DigestTime: "10:00"},
		MemberIDs: []int64{20, 21, 22},
	}}
	digest, lea := map[int64]bool{}, map[int64]bool{}
	for _, s := range Rank(in) {
		switch {
		case s.CommunityID == 7:
			digest[s.ItemID] = true
		case s.ContactID == 20:
			lea[s.ItemID] = true
		}
	}
	if digest[7] || !lea[7] {
		t.Errorf("item 7 (full-text search, SQLite in passing): digest %v, Lea %v; want Lea's, not the digest's", digest[7], lea[7])
	}
	if !digest[8] || lea[8] {
		t.Errorf("item 8 (full-text search in SQLite): digest %v, Lea %v; want the digest's", digest[8], lea[8])
	}
}
