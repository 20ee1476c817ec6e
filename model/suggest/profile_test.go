package suggest

import (
	"fmt"
	"math"
	"slices"
	"strings"
	"testing"

	"github.com/knowflow/knowflow/model"
	"github.com/knowflow/knowflow/model/assoc"
)

// unitProfile makes a profile of terms, weights falling from the first.
func unitProfile(terms ...string) []assoc.Neighbour {
	var out []assoc.Neighbour
	var norm float64
	for i, t := range terms {
		w := 1 / float64(i+1)
		out = append(out, assoc.Neighbour{Term: t, Weight: w})
		norm += w * w
	}
	for i := range out {
		out[i].Weight /= math.Sqrt(norm)
	}
	return out
}

// The profile the user's items give an interest bridges an item that
// says it in other words, both ways (hiring and recruiting), weaker than
// a literal match, naming the item's words; an item far from it is not
// bridged.
func TestProfileBridgesBothWays(t *testing.T) {
	items := [][2]string{
		{"Our recruiting pipeline got slower, and that was good", "Each candidate meets two interviewers, the recruiter calls back within a day, and more offers are accepted."},
		{"Hiring managers owe candidates an answer", "Hiring managers should reply within a week: a candidate who waits a month takes another offer after the interview."},
		{"Gardening in December", "Mulch, bulbs and frost; the candidate bulbs for spring."},
	}
	in := meaningInput([]string{"hiring"}, items...)
	if got := rankedFor(in); len(got) != 1 || got[2].ItemID != 2 {
		t.Fatalf("without a profile: %v, want item 2 alone (literal)", got)
	}
	in.Profiles = map[string][]assoc.Neighbour{"hire": unitProfile("candid", "interview", "recruit", "offer", "rubric", "role")}
	got := rankedFor(in)
	s, ok := got[1]
	if !ok {
		t.Fatalf("hiring: the recruiting item was not bridged; got %v", got)
	}
	if !strings.HasPrefix(s.Why, "matches 'hiring' (through '") || !strings.Contains(s.Why, "candidate") || len(s.Through) != 1 {
		t.Errorf("why %q, through %q", s.Why, s.Through)
	}
	if lit := got[2]; lit.Score <= s.Score {
		t.Errorf("the literal match scores %v, the bridged one %v: a bridge must be weaker", lit.Score, s.Score)
	}
	if _, ok := got[3]; ok {
		t.Error("one shared word bridged the gardening item")
	}

	// The other way: the interest "recruiting", the item about hiring.
	in = meaningInput([]string{"recruiting"}, items...)
	in.Profiles = map[string][]assoc.Neighbour{"recruit": unitProfile("candid", "hire", "interview", "offer", "manag", "role")}
	got = rankedFor(in)
	if s, ok := got[2]; !ok || !strings.HasPrefix(s.Why, "matches 'recruiting' (through '") {
		t.Errorf("recruiting: the hiring item: %+v (found %v)", s, got)
	}
}

// A name that is also an everyday word ("Java") gets a profile bridge
// only where the item holds words of the recipient's field: the user's
// items that name it speak of coffee too.
func TestProfileBridgeOfAnAmbiguousName(t *testing.T) {
	items := [][2]string{
		{"Beans and cold brew at the new café", "The roast is dark, the beans from Sumatra, the brew cold and the café small."},
		{"Our thread pools after the upgrade", "The jvm flags we changed, the garbage collector we chose and the concurrency bugs the virtual threads fixed, written up for the backend team."},
	}
	profile := unitProfile("bean", "brew", "roast", "cafe", "cold", "jvm", "thread", "garbag", "virtual")
	in := meaningInput([]string{"Java"}, items...)
	in.Profiles = map[string][]assoc.Neighbour{"java": profile}
	if got := rankedFor(in); len(got) != 0 {
		t.Errorf("with nothing known of the recipient's field, the profile bridged: %v", got)
	}
	in = meaningInput([]string{"Java", "concurrency", "backend performance"}, items...)
	in.Profiles = map[string][]assoc.Neighbour{"java": profile}
	got := rankedFor(in)
	if s, ok := got[1]; ok {
		t.Errorf("the café item was bridged to Java: %+v", s)
	}
	if s, ok := got[2]; !ok || !strings.Contains(s.Why, "matches 'Java' (through '") {
		t.Errorf("the item on the JVM, beside the recipient's concurrency and backend, was not bridged to Java: %+v", s)
	}
	// The same profile for an unambiguous interest bridges the café item.
	in = meaningInput([]string{"coffee roasting"}, items...)
	in.Profiles = map[string][]assoc.Neighbour{"coffe roast": unitProfile("bean", "brew", "cafe", "cold", "sumatra", "dark")}
	if got := rankedFor(in); len(got) != 1 {
		t.Errorf("coffee roasting: %v, want the café item", got)
	}
}

// For a name that is also an everyday word, written once where its
// field must decide, the profile reads the sense: the item counts only
// where it is close to what the user's Java items say. Where the item
// plainly writes it as a name (in its title, or twice), the profile does
// not overrule it: the user's items that name a word mix its senses, and
// an item far from them may still be about the language.
func TestProfileReadsTheSenseOfAName(t *testing.T) {
	items := [][2]string{
		{"A weekend away", "We spent the weekend in Java: markets, music and no concurrency bugs for once."},
		{"Java 21 in production", "Virtual threads cut our thread pools and our concurrency bugs; the garbage collector and the JVM flags we changed, and what the compiler now inlines."},
		{"What's new in Java 23", "Markdown in comments, a new string template syntax, and module imports in one line."},
	}
	profile := unitProfile("thread", "jvm", "garbag", "compil", "virtual", "pool", "class", "librari")
	in := meaningInput([]string{"Java", "concurrency"}, items...)
	without := rankedFor(in)
	if s, ok := without[1]; !ok || !slices.Contains(s.Matched, "Java") {
		t.Fatalf("without a profile, the name guard alone kept Java out of the island item: nothing for the profile to show (%v)", without)
	}
	in.Profiles = map[string][]assoc.Neighbour{"java": profile}
	got := rankedFor(in)
	if _, ok := got[2]; !ok {
		t.Errorf("the item on the language was not suggested: %v", got)
	}
	if s, ok := got[1]; ok && slices.Contains(s.Matched, "Java") {
		t.Errorf("the item on the island matched Java: %+v", s)
	}
	if s, ok := got[3]; !ok || !slices.Contains(s.Matched, "Java") {
		t.Errorf("the release item, far from the profile but naming Java in its title, lost it: %+v", s)
	}
}

func TestNthLargest(t *testing.T) {
	for _, xs := range [][]float64{{3}, {1, 2}, {5, 1, 4, 1, 5, 9, 2, 6}, {2, 2, 2, 2}, {0.3, 0.1, 0.2, 0.3, 0.1}} {
		sorted := slices.Clone(xs)
		slices.Sort(sorted)
		slices.Reverse(sorted)
		for n := 1; n <= len(xs); n++ {
			if got := nthLargest(slices.Clone(xs), n); got != sorted[n-1] {
				t.Errorf("nthLargest(%v, %d) = %v, want %v", xs, n, got, sorted[n-1])
			}
		}
	}
}

// "why" names the item's words closest to the profile, but not a word
// of a good share of the candidates ("people") beside better ones.
func TestProfileWhyLeavesCommonWordsOut(t *testing.T) {
	items := [][2]string{{"Our recruiting pipeline got slower", "People, people, people: each candidate meets two interviewers, and people get offers sooner."}}
	for i := range 60 {
		text := "What was said at the meeting about the garden, the roads and the weather."
		if i%6 == 0 {
			text = "What people said at the meeting about the garden, the roads and the weather."
		}
		items = append(items, [2]string{fmt.Sprintf("Note %d", i), text})
	}
	in := meaningInput([]string{"hiring"}, items...)
	in.Profiles = map[string][]assoc.Neighbour{"hire": unitProfile("peopl", "candid", "interview", "offer", "recruit")}
	s, ok := rankedFor(in)[1]
	if !ok {
		t.Fatal("the recruiting item was not bridged")
	}
	if strings.Contains(s.Why, "people") || !strings.Contains(s.Why, "candidate") {
		t.Errorf("why %q: want the item's rarer words, not 'people'", s.Why)
	}
}

// A network contact gets only strong matches: a literal one at the
// network's bar, or an item plainly about an interest in other words,
// its profile bridge near full strength; a looser bridge, or a literal
// mention in passing, is not enough.
func TestNetworkContactsGetItemsPlainlyAboutTheirInterest(t *testing.T) {
	items := [][2]string{
		{"Our recruiting pipeline got slower, and that was good", "Each candidate meets two interviewers, the recruiter calls back within a day, offers follow the rubric, and more offers are accepted."},
		{"A week at the office", "Two interviews, one candidate and one offer this week; we also repainted the office, moved the desks, cleaned the kitchen, fixed the printer, watered the plants, ordered new chairs for the meeting rooms and planned the winter party."},
	}
	in := meaningInput([]string{"hiring"}, items...)
	in.Profiles = map[string][]assoc.Neighbour{"hire": unitProfile("candid", "interview", "recruit", "offer", "rubric", "role")}
	team := rankedFor(in)
	for _, id := range []int64{1, 2} {
		if _, ok := team[id]; !ok {
			t.Fatalf("team member: item %d not bridged (%v); the test needs both", id, team)
		}
	}
	in.Contacts[0].Circles = []model.Circle{model.CircleNetwork}
	got := rankedFor(in)
	if s, ok := got[1]; !ok {
		t.Errorf("network contact: the recruiting item (%v for a team member) not suggested", team[1].Score)
	} else if s.Score >= minNetwork || !strings.Contains(s.Why, "through") {
		t.Errorf("network contact: %+v; want the profile bridge, below the literal bar", s)
	}
	if s, ok := got[2]; ok {
		t.Errorf("network contact: a loose bridge (%v) suggested: %+v", team[2].Score, s)
	}
}

// So does an item that writes a network contact's interest as its
// acronym in capitals in its title, though an acronym's bridge is worth
// less than the literal words: "DDD without the jargon" for
// domain-driven design; not one that writes it in passing.
func TestNetworkContactsGetTheirInterestsAcronym(t *testing.T) {
	items := [][2]string{
		{"DDD without the jargon", "DDD is bounded contexts, aggregates and a ubiquitous language, explained with a bakery."},
		{"Notes from the week", "A new coffee machine, a fire drill on Tuesday, and someone mentioned DDD once at lunch while we talked about the football, the weather and the holidays."},
	}
	in := meaningInput([]string{"domain-driven design"}, items...)
	in.Contacts[0].Circles = []model.Circle{model.CircleNetwork}
	got := rankedFor(in)
	if s, ok := got[1]; !ok || !strings.Contains(s.Why, "(through 'DDD')") {
		t.Errorf("network contact: 'DDD' in the title for domain-driven design: %+v", s)
	}
	if s, ok := got[2]; ok {
		t.Errorf("network contact: 'DDD' in passing: %+v", s)
	}
}

// So does an item whose title holds all of a network contact's interest,
// its words in another order ("reviews of their performance"), though
// apart they score under the literal bar; not one that holds them apart
// in its text.
func TestNetworkContactsGetTheirInterestReordered(t *testing.T) {
	items := [][2]string{
		{"Reviews of performance, rethought", "Calibration, written feedback and fewer surprises: reviews of performance that engineers trust."},
		{"Notes from the week", "The performance of the new build server was fine. A kitchen rota, a fire drill on Tuesday and two book reviews for the staff newsletter."},
	}
	in := meaningInput([]string{"performance reviews"}, items...)
	in.Contacts[0].Circles = []model.Circle{model.CircleNetwork}
	got := rankedFor(in)
	if s, ok := got[1]; !ok {
		t.Errorf("network contact: the reordered title not suggested")
	} else if s.Score >= minNetwork {
		t.Errorf("the reordered title scores %v, at the literal bar: the test needs it under", s.Score)
	}
	if s, ok := got[2]; ok {
		t.Errorf("network contact: the words apart in the text: %+v", s)
	}
}

// So does an item whose title holds a network contact's acronym interest
// spelled out ("Freedom of Information requests" for "FOI requests"),
// though a bridge; not one that spells it out in passing in its text.
func TestNetworkContactsGetTheirAcronymSpelledOut(t *testing.T) {
	items := [][2]string{
		{"Freedom of Information requests reveal the pothole bill", "The council paid out £1.2 million for pothole damage, answers to Freedom of Information requests show."},
		{"Notes from the week", "A kitchen rota, a fire drill on Tuesday, the football and the weather, and in the newsletter one line on how many Freedom of Information requests the team filed."},
	}
	in := meaningInput([]string{"FOI requests"}, items...)
	in.Contacts[0].Role = "Council reporter, pothole watcher"
	in.Contacts[0].Circles = []model.Circle{model.CircleNetwork}
	got := rankedFor(in)
	if s, ok := got[1]; !ok || !strings.Contains(s.Why, "(through 'Freedom of Information requests')") {
		t.Errorf("network contact: the spelled-out title for FOI requests: %+v", s)
	} else if s.Score >= minNetwork {
		t.Errorf("the spelled-out title scores %v, at the literal bar: the test needs it under", s.Score)
	}
	if s, ok := got[2]; ok {
		t.Errorf("network contact: the expansion in passing: %+v", s)
	}
}

// An interest of two words whose last has senses in several fields
// ("performance reviews": a review is also a critic's) counts, literally,
// only where the item is close to what the user's items about it say, or
// holds a word of the recipient's field, or is too short for its words
// to tell (minFarWords): the theatre's reviews are not appraisals.
func TestProfileReadsTheSenseOfAPhrase(t *testing.T) {
	items := [][2]string{
		{"Performance reviews: three shows to see this week", "Our critic's round-up of the week's performances on the city's stages. At the Playhouse, a taut new staging of An Inspector Calls moves the action to a boardroom; the pantomime opened early and is already delightfully silly, and the youth orchestra's Planets was thrilling, if loud in the hall's new acoustic. Four stars, three stars and four stars."},
		{"Making performance reviews less painful", "Managers write goals with each employee in January, then meet for feedback every quarter; the rating at the end of the year surprises nobody, and the appraisal is a conversation about growth, not a verdict handed down by a form."},
		{"Performance reviews, briefly", "Fewer forms, more talk."},
	}
	in := meaningInput([]string{"performance reviews"}, items...)
	if got := rankedFor(in); len(got) != 3 {
		t.Fatalf("without a profile every item matches literally: %v", got)
	}
	in.Profiles = map[string][]assoc.Neighbour{"perform review": unitProfile("feedback", "goal", "manag", "employe", "rate", "apprais", "growth", "quarter")}
	got := rankedFor(in)
	if s, ok := got[1]; ok {
		t.Errorf("the theatre's reviews matched performance reviews: %+v", s)
	}
	if _, ok := got[2]; !ok {
		t.Errorf("the item on appraisals lost its literal match: %v", got)
	}
	if _, ok := got[3]; !ok {
		t.Errorf("the short item, whose few words tell nothing, lost its literal match: %v", got)
	}
	// A word of the recipient's field vouches for the sense.
	in.Contacts[0].Interests = append(in.Contacts[0].Interests, "critic")
	if _, ok := rankedFor(in)[1]; !ok {
		t.Error("a critic's interest in theatre did not vouch for the theatre's reviews")
	}
}
