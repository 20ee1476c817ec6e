package suggest

import (
	"strings"
	"testing"
	"time"

	"github.com/knowflow/knowflow/model"
)

// checkSenses ranks items for one person with interests and checks,
// per item (IDs from 1, in order), whether it is suggested to them and,
// where it is, that "why" names an interest only where it passed.
func checkSenses(t *testing.T, interests []string, items [][2]string, want map[int64]bool) {
	t.Helper()
	got := rankedFor(meaningInput(interests, items...))
	for id, w := range want {
		s, ok := got[id]
		if ok != w {
			t.Errorf("%v: item %d %q: suggested %v, want %v (%s)", interests, id, items[id-1][0], ok, w, s.Why)
		}
	}
}

// Hiring is employing and renting: a van, a car or a boat hired is not
// the person's hiring; recruiting is, in words of its own sense.
func TestSenseGuardHiring(t *testing.T) {
	items := [][2]string{
		{"Hiring a van for the long weekend", "Rental firms charge for every mile; check the fuel policy and the tyres. Hiring a van is cheaper midweek."},
		{"Hiring in a downturn", "Fewer open roles and more applicants: recruiters screen hundreds of CVs and ask every candidate about layoffs."},
		{"Van hire prices rise", "The rental of a van or a lease of a car costs more this summer, hiring firms say."},
	}
	checkSenses(t, []string{"hiring", "interview design"}, items, map[int64]bool{1: false, 2: true, 3: false})
}

// Java is an island, a coffee and a language: read by a person whose
// other interest is compilers (programs that translate languages), the
// island is another sense and the language is theirs.
func TestSenseGuardJava(t *testing.T) {
	items := [][2]string{
		{"Volcano erupts on Java, thousands evacuated", "Mount Semeru on the Indonesian island of Java erupted on Sunday, sending ash into the sky."},
		{"Records and pattern matching in modern Java", "Records, sealed interfaces and switch pattern matching let us model the domain; the compiler checks every case of the program."},
	}
	checkSenses(t, []string{"Java", "compilers"}, items, map[int64]bool{1: false, 2: true})
}

// Documentation is also the papers that prove a fact; a technical
// writer's is of software.
func TestSenseGuardDocumentation(t *testing.T) {
	items := [][2]string{
		{"Documentation needed for residence permits", "Applicants must bring a valid passport, proof of address and bank statements. Missing documentation is the most common reason for delays."},
		{"Our API documentation overhaul", "Every endpoint now has an example request and response, and the getting-started guide takes five minutes."},
	}
	checkSenses(t, []string{"documentation", "style guides"}, items, map[int64]bool{1: false, 2: true})
}

// Mentoring, a word in -ing, is the activity (to mentor, to teach) when
// nothing else tells: teaching is its sense, not another.
func TestSenseGuardVerbOfGerund(t *testing.T) {
	items := [][2]string{
		{"Mentoring junior developers well", "Pair programming, code review as teaching, and regular one-to-ones."},
	}
	checkSenses(t, []string{"mentoring"}, items, map[int64]bool{1: true})
}

// A longer name WordNet gives the word is the other sense, and no bridge
// of it: Franz Kafka is not Kafka the software.
func TestNameGuardLongerName(t *testing.T) {
	items := [][2]string{
		{"The Metamorphosis at 110: why Kafka still feels modern", "Franz Kafka's story of Gregor Samsa waking up as an insect is read today as a parable."},
		{"Upgrading our Kafka brokers without downtime", "Rolling restarts, one broker at a time; topics stayed available for producers and the upgrade of Kafka took an afternoon."},
	}
	checkSenses(t, []string{"Kafka"}, items, map[int64]bool{1: false, 2: true})
}

// A name after another at the start of a sentence is part of a longer
// name ("Monty Python"); after an everyday word it is the name itself
// ("Learning Python").
func TestAsNameAfterANameAtTheStart(t *testing.T) {
	for s, want := range map[string]int{
		"Monty Python star announces one-man tour": 0,
		"Learning Python in a weekend":             1,
		"Why Python keeps growing":                 1,
		"What's new in Python 3.13":                1,
	} {
		if got := asName(s, "Python"); got != want {
			t.Errorf("asName(%q) = %d, want %d", s, got, want)
		}
	}
	if titleCase("What's new in Python 3.13") {
		t.Error("a title of two long words is too short to be in title case")
	}
	if !titleCase("Upgrading Our Kafka Brokers Without Downtime") {
		t.Error("a title in title case")
	}
}

// A failed guard downgrades the match: the item may still go for
// another interest, but "why" never names the one that failed.
func TestFailedSenseGuardNamesNothing(t *testing.T) {
	in := meaningInput([]string{"hiring", "fuel policy"},
		[2]string{"Hiring a van: the fuel policy to check", "Rental firms charge for every mile, and a lease costs more than you think. Hiring a van is cheaper midweek."})
	s, ok := rankedFor(in)[1]
	if !ok {
		t.Fatal("the item matches 'fuel policy' in its title: want it suggested")
	}
	if !strings.Contains(s.Why, "'fuel policy'") || strings.Contains(s.Why, "'hiring'") {
		t.Errorf("why %q: want 'fuel policy' named and not 'hiring'", s.Why)
	}
}

// A one-word interest the stemmer cuts short ("accessibility" is the stem
// "access") counts only where the item writes the word or its kin
// ("accessible"), not the shorter word the stem also is ("write access").
func TestOverStemmedInterest(t *testing.T) {
	items := [][2]string{
		{"Making forms accessible to screen readers", "Labels, focus order and error messages."},
		{"Console write access is now a break-glass role", "It expires after an hour."},
		{"Accessibility audits, twice a year", "We test every flow with a screen reader."},
	}
	got := rankedFor(meaningInput([]string{"accessibility"}, items...))
	for _, id := range []int64{1, 3} {
		if _, ok := got[id]; !ok {
			t.Errorf("item %d (%q) not suggested for accessibility: %v", id, items[id-1][0], got)
		}
	}
	if s, ok := got[2]; ok {
		t.Errorf("'write access' suggested for accessibility: %+v", s)
	}
	if p := overStemmed("onboarding", Analyze("onboarding")); p != "" {
		t.Errorf("onboarding is cut to %q: a stem three letters short needs no check", p)
	}
	if p := overStemmed("organization", Analyze("organization")); p != "organi" {
		t.Errorf("organization: prefix %q, want organi (organisation and organization alike)", p)
	}
}

// A feed's categories say what an item is about. An interest whose word
// has senses in several fields counts literally in an item whose text
// holds nothing of the recipient's field only where its categories may
// speak for that field: the interest itself, a word of their interests
// (of a phrase, not the word the sense check reads), role or field, or a
// category under which another of the user's items holds one of those.
func TestCategoriesSpeakForTheField(t *testing.T) {
	theatre := "Our critic's round-up of the week's stages: a taut new staging at the Playhouse, a silly pantomime and a loud orchestra. Four stars, three stars and four stars."
	in := meaningInput([]string{"performance reviews", "product management"})
	in.Contacts[0].Role = "Engineering Manager"
	add := func(id int64, title, text string, cats ...string) {
		in.Items = append(in.Items, Candidate{Item: model.Item{ID: id, SourceID: 1, Title: title, Text: text, Categories: cats, Published: now.Add(-time.Hour)}})
	}
	add(1, "Performance reviews: three shows to see this week", theatre, "Theatre", "Reviews")
	add(2, "Performance reviews: three shows to see this week", theatre)
	add(3, "Performance reviews: three shows to see this week", theatre, "Management")
	add(4, "Performance reviews: three shows to see this week", theatre, "Performance reviews")
	add(5, "Product management in a theatre company", theatre, "Product", "Business")
	add(6, "Performance reviews, the season's last", theatre, "Culture")
	got := rankedFor(in)
	if s, ok := got[1]; ok {
		t.Errorf("tagged Theatre and Reviews, the item matched: %+v", s)
	}
	for id, why := range map[int64]string{2: "no categories", 3: "a category of the recipient's role", 4: "the interest as a category", 5: "the phrase's other word as a category"} {
		if _, ok := got[id]; !ok {
			t.Errorf("item %d (%s) lost its literal match", id, why)
		}
	}
	if s, ok := got[6]; ok {
		t.Errorf("tagged Culture, with no other Culture item of the field, the item matched: %+v", s)
	}
	// Another item tagged Culture that holds the recipient's field vouches
	// for the category.
	add(7, "A manager's notes on culture", "What a manager owes a team's culture: time, attention and honest reviews.", "Culture")
	if _, ok := rankedFor(in)[6]; !ok {
		t.Error("with another Culture item of the recipient's field, the item did not match")
	}
	// Not where that item is one of many under a catch-all category that
	// say nothing of the field.
	for id := int64(8); id <= 12; id++ {
		add(id, "What's on this weekend", "A gallery opening, a choir and a food market.", "Culture")
	}
	if s, ok := rankedFor(in)[6]; ok {
		t.Errorf("one Culture item of six vouched for the category: %+v", s)
	}
}

// The sense check reads one word, or the last of two; not an acronym, a
// longer phrase, one WordNet has whole, nor a set phrase whose words a
// stop word joins ("docs as code": its "code" is never the law's).
func TestSenseWordOfAnInterest(t *testing.T) {
	for name, want := range map[string][2]any{
		"hiring":                {"hiring", false},
		"community building":    {"building", true},
		"docs as code":          {"", false},
		"community of practice": {"", false},
		"computer science":      {"", false},
		"SRE":                   {"", false},
		"site reliability eng":  {"", false},
		"Go":                    {"go", false},
	} {
		w, p := senseWord(name)
		if w != want[0] || p != want[1] {
			t.Errorf("senseWord(%q) = %q, %v; want %q, %v", name, w, p, want[0], want[1])
		}
	}
}
