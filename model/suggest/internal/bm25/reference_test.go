package bm25

import (
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"

	"github.com/knowflow/knowflow/model/analysis"
	"github.com/knowflow/knowflow/model/suggest/internal/benchcorpus"
)

// Search against refSearch, a plain reading of how a phrase scores
// (bm25.go), over small random corpora where phrases match in every way.

// The parallel build (much text) and the serial one (little) agree.
func TestNewIndexParallelAgrees(t *testing.T) {
	docs, queries := smallCorpus(benchcorpus.Rand(5), 300, 30)
	for i := range docs {
		docs[i].Fields = append(docs[i].Fields, Field{Text: benchcorpus.Text(benchcorpus.Rand(uint64(i)), 2000), Weight: 0.5})
	}
	big := New(docs)
	for i, q := range queries {
		got := big.Search(q)
		want := refSearch(docs, q)
		compareMatches(t, fmt.Sprintf("query %d", i), got, want)
	}
}

// smallCorpus makes documents and queries over a small vocabulary, so that
// phrases match in every way.
func smallCorpus(r *rand.Rand, nDocs, nQueries int) ([]Doc, [][]Phrase) {
	vocab := strings.Fields("remote onboarding team kubernetes cluster security review open source license " +
		"the and of café Cafe naïve onboarded teams")
	text := func(n int) string {
		w := make([]string, n)
		for i := range w {
			w[i] = vocab[r.IntN(len(vocab))]
			if r.IntN(10) == 0 {
				w[i] += ","
			}
		}
		return strings.Join(w, " ")
	}
	weights := []float64{3, 2, 1, 0.5, 0, -1}
	docs := make([]Doc, nDocs)
	for i := range docs {
		for f := r.IntN(4); f > 0; f-- {
			docs[i].Fields = append(docs[i].Fields, Field{Text: text(r.IntN(25)), Weight: weights[r.IntN(len(weights))]})
		}
	}
	terms := append(analysis.AnalyzePhrase(strings.Join(vocab, " ")), "unknownterm")
	queries := make([][]Phrase, nQueries)
	for i := range queries {
		for p := r.IntN(7); p > 0; p-- {
			var ph Phrase
			for n := r.IntN(4); n > 0; n-- {
				ph.Terms = append(ph.Terms, terms[r.IntN(len(terms))])
			}
			ph.Weight = []float64{1, 2, 0.5, -0.7, 0}[r.IntN(5)]
			queries[i] = append(queries[i], ph)
		}
	}
	return docs, queries
}

// refSearch is Search written plainly, from the documentation.
func refSearch(docs []Doc, q []Phrase) []Match {
	type doc struct {
		fields [][]string
		tf     map[string]float64
		dl     float64
	}
	ds := make([]doc, len(docs))
	df := map[string]int{}
	var total float64
	for i, d := range docs {
		ds[i].tf = map[string]float64{}
		for _, f := range d.Fields {
			if !(f.Weight > 0) {
				continue
			}
			terms := analysis.Analyze(f.Text)
			ds[i].fields = append(ds[i].fields, terms)
			for _, t := range terms {
				ds[i].tf[t] += f.Weight
			}
			ds[i].dl += f.Weight * float64(len(terms))
		}
		for t := range ds[i].tf {
			df[t]++
		}
		total += ds[i].dl
	}
	n := float64(len(docs))
	avg := total / n
	if !(avg > 0) {
		avg = 1
	}
	bm := func(d *doc, t string) float64 {
		tf := d.tf[t]
		if tf == 0 {
			return 0
		}
		idf := math.Log(1 + (n-float64(df[t])+0.5)/(float64(df[t])+0.5))
		return idf * tf * 2.2 / (tf + 1.2*(0.25+0.75*d.dl/avg))
	}
	adjacent := func(d *doc, terms []string) bool {
		for _, f := range d.fields {
			for i := 0; i+len(terms) <= len(f); i++ {
				if slices.Equal(f[i:i+len(terms)], terms) {
					return true
				}
			}
		}
		return false
	}
	// near: some window of len(terms)+3 consecutive terms of one field
	// holds every term.
	near := func(d *doc, terms []string) bool {
		w := len(terms) + 3
		for _, f := range d.fields {
			for i := range f {
				win := f[i:min(i+w, len(f))]
				ok := true
				for _, t := range terms {
					if !slices.Contains(win, t) {
						ok = false
						break
					}
				}
				if ok {
					return true
				}
			}
		}
		return false
	}
	var out []Match
	for i := range ds {
		d := &ds[i]
		m := Match{Doc: i}
		for pi, ph := range q {
			if len(ph.Terms) == 0 {
				continue
			}
			var sum float64
			found, all := false, true
			for _, t := range ph.Terms {
				if d.tf[t] > 0 {
					found = true
					sum += bm(d, t)
				} else {
					all = false
				}
			}
			if !found {
				continue
			}
			factor, full := 0.25/float64(len(ph.Terms)), false
			switch {
			case len(ph.Terms) == 1 || all && adjacent(d, ph.Terms):
				factor, full = 1, true
			case all && near(d, ph.Terms):
				factor, full = 0.85, true
			case all:
				factor = 0.5
			}
			s := ph.Weight * sum * factor
			m.Score += s
			m.Phrases = append(m.Phrases, pi)
			m.Full = append(m.Full, full)
			m.Scores = append(m.Scores, s)
		}
		if m.Score > 0 {
			out = append(out, m)
		}
	}
	slices.SortStableFunc(out, func(a, b Match) int {
		switch {
		case a.Score > b.Score:
			return -1
		case a.Score < b.Score:
			return 1
		}
		return 0
	})
	return out
}

// compareMatches checks got against the reference want: the same
// documents, phrases and full flags, scores within float32 rounding, and
// got in its own order (score descending, then Doc).
func compareMatches(t *testing.T, what string, got, want []Match) {
	t.Helper()
	const eps = 1e-5
	for i := 1; i < len(got); i++ {
		a, b := got[i-1], got[i]
		if a.Score < b.Score || a.Score == b.Score && a.Doc > b.Doc {
			t.Errorf("%s: out of order at %d: %+v before %+v", what, i, a, b)
		}
	}
	byDoc := map[int]Match{}
	for _, m := range got {
		byDoc[m.Doc] = m
	}
	for _, w := range want {
		g, ok := byDoc[w.Doc]
		if !ok {
			if w.Score > eps {
				t.Errorf("%s: doc %d missing (reference score %v)", what, w.Doc, w.Score)
			}
			continue
		}
		delete(byDoc, w.Doc)
		if !slices.Equal(g.Phrases, w.Phrases) || !slices.Equal(g.Full, w.Full) {
			t.Errorf("%s: doc %d: Phrases %v Full %v, want %v %v", what, w.Doc, g.Phrases, g.Full, w.Phrases, w.Full)
		}
		if math.Abs(g.Score-w.Score) > eps*(1+math.Abs(w.Score)) {
			t.Errorf("%s: doc %d: score %v, want %v", what, w.Doc, g.Score, w.Score)
		}
		for j := range min(len(g.Scores), len(w.Scores)) {
			if math.Abs(g.Scores[j]-w.Scores[j]) > eps*(1+math.Abs(w.Scores[j])) {
				t.Errorf("%s: doc %d phrase %d: score %v, want %v", what, w.Doc, g.Phrases[j], g.Scores[j], w.Scores[j])
			}
		}
	}
	for d, m := range byDoc {
		if m.Score > eps {
			t.Errorf("%s: doc %d returned (score %v) but not by the reference", what, d, m.Score)
		}
	}
	// Where the reference's scores differ clearly, the order agrees.
	pos := map[int]int{}
	for i, m := range got {
		pos[m.Doc] = i
	}
	for i := 1; i < len(want); i++ {
		a, b := want[i-1], want[i]
		pa, oka := pos[a.Doc]
		pb, okb := pos[b.Doc]
		if oka && okb && a.Score-b.Score > eps*(1+a.Score) && pa > pb {
			t.Errorf("%s: doc %d (%v) ranked below doc %d (%v)", what, a.Doc, a.Score, b.Doc, b.Score)
		}
	}
}

func TestSearchAgainstReference(t *testing.T) {
	defer func(m, w, r int) { maxSlots, parallelWork, minRange = m, w, r }(maxSlots, parallelWork, minRange)
	r := benchcorpus.Rand(99)
	for round := 0; round < 60; round++ {
		// Every way of keeping the hits and scoring: slots, a list,
		// slots in two goroutines.
		maxSlots = []int{1 << 17, 0, 1 << 17}[round%3]
		parallelWork, minRange = 4096, 128
		if round%3 == 2 {
			parallelWork, minRange = 0, 1
		}
		docs, queries := smallCorpus(r, 1+r.IntN(60), 25)
		ix := New(docs)
		if ix.Len() != len(docs) {
			t.Fatalf("Len %d, want %d", ix.Len(), len(docs))
		}
		for i, q := range queries {
			compareMatches(t, fmt.Sprintf("round %d query %d", round, i), ix.Search(q), refSearch(docs, q))
		}
	}
}
