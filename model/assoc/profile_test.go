package assoc

import (
	"math"
	"slices"
	"strings"
	"testing"
)

func fields(ss ...string) [][]string {
	var out [][]string
	for _, s := range ss {
		out = append(out, strings.Fields(s))
	}
	return out
}

// An item names an interest where its terms are close in one field, in
// either order, never across fields.
func TestDocNames(t *testing.T) {
	for _, c := range []struct {
		fields   []string
		interest string
		want     bool
	}{
		{[]string{"remot work polici", "", "text"}, "remot work", true},
		{[]string{"", "", "onboard peopl who work remot"}, "remot onboard", true},
		{[]string{"design of instruct", "", ""}, "instruct design", true},
		{[]string{"remot", "", "work"}, "remot work", false},                       // across fields
		{[]string{"", "", "remot a b c d e f g h work"}, "remot work", false},      // too far apart
		{[]string{"", "", "remot a b c d work"}, "remot work", true},               // within the span
		{[]string{"", "", "hire hire"}, "hire", true},                              // one term: anywhere
		{[]string{"", "", "hire"}, "recruit", false},                               // absent
		{[]string{"", "", "knowledg x y z manag"}, "person knowledg manag", false}, // a term missing
	} {
		d := NewDoc(fields(c.fields...)...)
		if got := d.Names(strings.Fields(c.interest)); got != c.want {
			t.Errorf("%q names %q = %v, want %v", c.fields, c.interest, got, c.want)
		}
	}
}

// Profiles sum the items' unit vectors, whatever the order they come
// in, and read the terms the interest's items use more than the store.
func TestProfileOf(t *testing.T) {
	docs := [][]string{
		{"hire loop", "", "candid interview rubric recruit offer"},
		{"hire junior", "", "interview candid learn recruit offer"},
		{"hire manag", "", "candid offer week recruit"},
		{"garden", "", "compost soil water week"},
		{"bread", "", "flour water yeast salt oven"},
		{"sauc", "", "tomato garlic basil oil water"},
		{"compost", "", "worm kitchen scrap soil"},
		{"oven", "", "bread flour hot oven"},
	}
	learn := func(order []int) (*ProfileSums, map[string]int) {
		p := NewProfileSums([][]string{{"hire"}, {"hire"}, {}})
		df := map[string]int{}
		for _, i := range order {
			d := NewDoc(fields(docs[i]...)...)
			p.Add(d, int64(i%3))
			for _, tm := range d.Terms() {
				df[tm]++
			}
		}
		return p, df
	}
	p, df := learn([]int{0, 1, 2, 3, 4, 5, 6, 7})
	if got := p.Keys(); !slices.Equal(got, []string{"hire"}) {
		t.Fatalf("keys = %q, want [hire] (duplicates and empty interests dropped)", got)
	}
	if p.Docs["hire"] != 3 || len(p.Sources["hire"]) != 3 {
		t.Fatalf("docs %d from %d sources, want 3 from 3", p.Docs["hire"], len(p.Sources["hire"]))
	}
	prof := ProfileOf([]string{"hire"}, p.Sums["hire"], perSource(p.Sources["hire"]), func(t string) int { return df[t] }, len(docs), 5)
	var terms []string
	var norm float64
	for _, nb := range prof {
		terms = append(terms, nb.Term)
		norm += nb.Weight * nb.Weight
	}
	for _, w := range []string{"candid", "recruit", "offer", "interview"} {
		if !slices.Contains(terms, w) {
			t.Errorf("profile %q lacks %q", terms, w)
		}
	}
	if slices.Contains(terms, "hire") || slices.Contains(terms, "water") {
		t.Errorf("profile %q holds the interest's own term or a store-wide one", terms)
	}
	if math.Abs(norm-1) > 1e-9 {
		t.Errorf("profile's length %v, want 1", math.Sqrt(norm))
	}
	// Another order, the same sums.
	q, _ := learn([]int{7, 2, 5, 0, 3, 1, 6, 4})
	for tm, s := range p.Sums["hire"] {
		if math.Abs(q.Sums["hire"][tm]-s) > 1e-12 {
			t.Errorf("sum of %q: %v in one order, %v in another", tm, s, q.Sums["hire"][tm])
		}
	}
	// Too few docs, or too few sources, or one source and strays: no
	// profile.
	if got := ProfileOf([]string{"hire"}, p.Sums["hire"], []int{1, 1}, func(t string) int { return df[t] }, len(docs), 5); got != nil {
		t.Errorf("profile of %d docs = %v", MinProfileDocs-1, got)
	}
	if got := ProfileOf([]string{"hire"}, p.Sums["hire"], []int{2, 2}, func(t string) int { return df[t] }, len(docs), 5); got != nil {
		t.Errorf("profile of %d sources = %v", MinProfileSources-1, got)
	}
	if got := ProfileOf([]string{"hire"}, p.Sums["hire"], []int{6, 1, 1}, func(t string) int { return df[t] }, len(docs), 5); got != nil {
		t.Errorf("profile of one source and two strays = %v", got)
	}
	if got := ProfileOf([]string{"hire"}, p.Sums["hire"], []int{2, 1, 1}, func(t string) int { return df[t] }, len(docs), 5); got == nil {
		t.Error("no profile of three sources, 2, 1 and 1 items")
	}
}

// perSource is how many docs came from each source, in source order.
func perSource(bySource map[int64]int) []int {
	ids := make([]int64, 0, len(bySource))
	for id := range bySource {
		ids = append(ids, id)
	}
	slices.Sort(ids)
	out := make([]int, len(ids))
	for i, id := range ids {
		out[i] = bySource[id]
	}
	return out
}

func TestEffectiveSources(t *testing.T) {
	for _, c := range []struct {
		n    []int
		want float64
	}{{nil, 0}, {[]int{5}, 1}, {[]int{4, 4, 4}, 3}, {[]int{10, 1, 1}, 144.0 / 102}, {[]int{6, 1, 1}, 64.0 / 38}} {
		if got := EffectiveSources(c.n); math.Abs(got-c.want) > 1e-12 {
			t.Errorf("EffectiveSources(%v) = %v, want %v", c.n, got, c.want)
		}
	}
}
