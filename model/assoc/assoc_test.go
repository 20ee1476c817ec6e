package assoc

import (
	"math"
	"reflect"
	"strings"
	"testing"
)

// corpus is a small hand-written set of documents, already "analysed"
// (lower case, no stop words): a network about onboarding where "remote"
// and "distributed" travel together, next to gardening and cooking.
var corpus = []struct{ title, cats, text string }{
	{"remote onboarding guide", "onboarding", "welcome new hires remote distributed team async handbook"},
	{"distributed teams remote work", "remote", "remote distributed team time zones async writing"},
	{"onboarding remote engineers", "onboarding remote", "first week buddy remote distributed setup laptop"},
	{"async handbook", "remote", "distributed remote company handbook writing culture"},
	{"hiring distributed", "hiring", "interview remote distributed candidates time zones"},
	{"remote first", "culture", "remote distributed offices travel meetups"},
	{"tomato garden", "gardening", "tomato seedlings compost soil water sun"},
	{"compost basics", "gardening", "compost soil worms garden kitchen scraps"},
	{"garden soil", "gardening", "soil compost mulch tomato beds"},
	{"pasta sauce", "cooking", "tomato sauce garlic basil olive oil kitchen"},
	{"bread baking", "cooking", "flour water yeast salt oven kitchen"},
	{"soup kitchen", "cooking", "onion garlic stock simmer kitchen pot"},
	{"weekly review", "productivity", "calendar notes review goals week"},
	{"writing notes", "productivity", "notes writing review ideas"},
}

func counts() *Counts {
	c := NewCounts()
	for _, d := range corpus {
		c.Add(strings.Fields(d.title), strings.Fields(d.cats), strings.Fields(d.text))
	}
	return c
}

func TestRemoteAndDistributedTravelTogether(t *testing.T) {
	c := counts()
	if c.Docs != len(corpus) {
		t.Fatalf("docs = %d, want %d", c.Docs, len(corpus))
	}
	if got := c.Pairs[MakePair("remote", "distributed")]; got != 6 {
		t.Errorf("count(remote, distributed) = %d, want 6 (once per document)", got)
	}
	ns := c.Neighbours("remote", 5)
	if len(ns) == 0 || ns[0].Term != "distributed" {
		t.Fatalf("neighbours of remote = %+v, want distributed first", ns)
	}
	for _, nb := range ns {
		if nb.Weight <= 0 || nb.Weight > 1 || nb.Count < MinCount || nb.PPMI <= 0 {
			t.Errorf("neighbour %+v out of range", nb)
		}
		switch nb.Term {
		case "tomato", "compost", "kitchen", "soil", "garden", "notes":
			t.Errorf("unrelated %q is a neighbour of remote: %+v", nb.Term, ns)
		}
	}
	if ns := c.Neighbours("distributed", 0); len(ns) == 0 || ns[0].Term != "remote" {
		t.Errorf("neighbours of distributed = %+v, want remote first", ns)
	}
	// Unrelated terms never meet.
	if got := c.Pairs[MakePair("remote", "tomato")]; got != 0 {
		t.Errorf("count(remote, tomato) = %d", got)
	}
	for _, nb := range c.Neighbours("tomato", 0) {
		if nb.Term == "remote" || nb.Term == "distributed" {
			t.Errorf("tomato's neighbour %+v", nb)
		}
	}
	t.Logf("remote: %+v", ns)
	t.Logf("compost: %+v", c.Neighbours("compost", 0))
	t.Logf("kitchen: %+v", c.Neighbours("kitchen", 0))
}

func TestWindowAndFields(t *testing.T) {
	c := NewCounts()
	// a..f in one field: a pairs with b, c, d, e (within Window=5) but not f.
	c.Add([]string{"a", "b", "c", "d", "e", "f"}, []string{"g"})
	if c.Pairs[Pair{"a", "e"}] != 1 || c.Pairs[Pair{"a", "f"}] != 0 {
		t.Errorf("window: a-e %d, a-f %d", c.Pairs[Pair{"a", "e"}], c.Pairs[Pair{"a", "f"}])
	}
	// Never across fields.
	if c.Pairs[Pair{"f", "g"}] != 0 {
		t.Error("a pair across fields was counted")
	}
	// A term repeated next to itself is no pair; a pair repeated in one
	// document counts once.
	c.Add([]string{"x", "x", "y", "x", "y"})
	if c.Pairs[Pair{"x", "x"}] != 0 || c.Pairs[Pair{"x", "y"}] != 1 {
		t.Errorf("x-x %d, x-y %d", c.Pairs[Pair{"x", "x"}], c.Pairs[Pair{"x", "y"}])
	}
	if c.DF["x"] != 1 || c.Docs != 2 {
		t.Errorf("df(x) = %d, docs = %d", c.DF["x"], c.Docs)
	}
	// Empty documents are not counted.
	if c.Add(nil, []string{}) || c.Docs != 2 {
		t.Errorf("empty document counted")
	}
	// Fields are cut at MaxFieldTerms.
	long := make([]string, MaxFieldTerms+10)
	for i := range long {
		long[i] = "t"
	}
	long[MaxFieldTerms+1] = "late"
	c.Add(long)
	if c.DF["late"] != 0 {
		t.Error("a term past MaxFieldTerms was counted")
	}
}

func TestScore(t *testing.T) {
	// Too few co-occurrences: PPMI but no weight.
	if p, w := Score(2, 5, 5, 1000); p <= 0 || w != 0 {
		t.Errorf("Score(2,...) = %v, %v", p, w)
	}
	// Chance co-occurrence of two common terms: no association.
	if p, w := Score(3, 400, 400, 1000); p != 0 || w != 0 {
		t.Errorf("chance = %v, %v", p, w)
	}
	// A neighbour in more than MaxShare of the documents is none.
	if _, w := Score(300, 300, 600, 1000); w != 0 {
		t.Errorf("frequent neighbour weight = %v", w)
	}
	// More evidence, more weight; weights stay in (0, 1].
	_, w3 := Score(3, 3, 3, 1000)
	_, w30 := Score(30, 30, 30, 1000)
	if !(w3 > 0 && w3 < w30 && w30 <= 1) {
		t.Errorf("w3 = %v, w30 = %v", w3, w30)
	}
	// The smoothed PMI itself.
	p, _ := Score(10, 20, 40, 1000)
	want := math.Log(10) + Alpha*math.Log(1000) - math.Log(20) - Alpha*math.Log(40)
	if math.Abs(p-want) > 1e-12 {
		t.Errorf("ppmi = %v, want %v", p, want)
	}
}

func TestDeterministic(t *testing.T) {
	first := counts()
	for i := 0; i < 20; i++ {
		c := counts()
		for _, term := range []string{"remote", "distributed", "kitchen", "compost", "writing", "tomato"} {
			if a, b := first.Neighbours(term, 3), c.Neighbours(term, 3); !reflect.DeepEqual(a, b) {
				t.Fatalf("run %d, %s: %+v != %+v", i, term, a, b)
			}
		}
	}
	// Ties are broken by term.
	ns := Top([]Neighbour{{Term: "b", Weight: .5}, {Term: "a", Weight: .5}, {Term: "c", Weight: .9}, {Term: "z"}}, 0)
	if got := []string{ns[0].Term, ns[1].Term, ns[2].Term}; !reflect.DeepEqual(got, []string{"c", "a", "b"}) || len(ns) != 3 {
		t.Errorf("Top = %+v", ns)
	}
}

func TestSketchAdmitsOnThirdSighting(t *testing.T) {
	s := NewSketch()
	p := MakePair("remote", "distributed")
	if s.Admit(p, 1) != 0 || s.Admit(p, 1) != 0 {
		t.Fatal("admitted before the third sighting")
	}
	if got := s.Admit(p, 1); got != 3 {
		t.Errorf("third sighting adds %d, want all 3", got)
	}
	if got := s.Admit(p, 2); got != 2 {
		t.Errorf("once admitted, adds %d, want 2", got)
	}
	if got := s.Admit(MakePair("a", "b"), 5); got != 5 {
		t.Errorf("five at once add %d", got)
	}
	// Saved and loaded, it goes on where it was.
	l := LoadSketch(append([]byte(nil), s.Bytes()...))
	if got := l.Admit(p, 1); got != 1 || l.used != s.used {
		t.Errorf("loaded sketch adds %d (used %d vs %d)", got, l.used, s.used)
	}
	if LoadSketch([]byte("short")).Admit(p, 1) != 0 {
		t.Error("a malformed sketch is not empty")
	}
}
