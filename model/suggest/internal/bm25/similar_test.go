package bm25

import (
	"math"
	"testing"

	"github.com/knowflow/knowflow/model/analysis"
)

// Closeness to a profile is the cosine worked out by hand from each document's
// terms: (1 + ln tf) × idf, tf weighted by field, over the vector's
// length, against the vocabulary's weights.
func TestProfileMatches(t *testing.T) {
	texts := [][2]string{
		{"Recruiting pipeline", "candidates interviews offers candidates recruiting"},
		{"Garden notes", "compost soil water seedlings"},
		{"Interview loops", "candidates interviews"},
		{"Bread", "flour water oven"},
		{"Offers", "offers only"},
	}
	var docs []Doc
	for _, tx := range texts {
		docs = append(docs, Doc{Fields: []Field{{Text: tx[0], Weight: 3}, {Text: tx[1], Weight: 1}}})
	}
	vocab := []string{"candid", "interview", "offer", "recruit"}
	weights := []float64{0.7, 0.5, 0.4, 0.3}
	var norm float64
	for _, w := range weights {
		norm += w * w
	}
	for i := range weights {
		weights[i] /= math.Sqrt(norm)
	}
	// One index per floor and least number of terms (minTerms), all
	// sealed with a profile of the vocabulary given above, and another
	// that no document comes close to.
	sealed := func(floor float64, minTerms int) *Index {
		ix := NewUnsealed(docs, nil)
		ix.SetProfiles([]Profile{{Terms: []string{"zzz", "yyy"}, Weights: []float64{0.6, 0.8}}, {Terms: vocab, Weights: weights}}, floor, minTerms)
		ix.Seal(func(int32) Use { return UseNone }) // profiles need no postings
		return ix
	}
	ix := sealed(0, 1)
	want := map[int32]float64{}
	for d, tx := range texts {
		tf := map[string]float64{}
		for _, term := range analysis.Analyze(tx[0]) {
			tf[term] += 3
		}
		for _, term := range analysis.Analyze(tx[1]) {
			tf[term]++
		}
		var dot, sq float64
		held := 0
		for term, f := range tf {
			w := (1 + math.Log(f)) * ix.IDF(term)
			sq += w * w
			for j, v := range vocab {
				if v == term {
					dot += weights[j] * w
					held++
				}
			}
		}
		if held > 0 { // the vocabulary is all head
			want[int32(d)] = dot / math.Sqrt(sq)
		}
	}
	if d, _ := ix.ProfileMatches(0); len(d) != 0 {
		t.Errorf("documents close to a profile of words none holds: %v", d)
	}
	docsGot, sims := ix.ProfileMatches(1)
	if len(docsGot) != len(want) {
		t.Fatalf("Similar found %v, want the documents of %v", docsGot, want)
	}
	for i, d := range docsGot {
		if i > 0 && d <= docsGot[i-1] {
			t.Errorf("documents not ascending: %v", docsGot)
		}
		if math.Abs(sims[i]-want[d]) > 1e-9 {
			t.Errorf("doc %d: cosine %v, want %v", d, sims[i], want[d])
		}
	}
	// A floor on the cosine, and on the terms held: "Offers" holds one.
	floor := want[2] + 1e-9 // a little above doc 2's cosine
	docsGot, _ = sealed(floor, 1).ProfileMatches(1)
	for _, d := range docsGot {
		if d == 2 || want[d] < floor-1e-5 {
			t.Errorf("doc %d (%v) is under the floor %v", d, want[d], floor)
		}
	}
	if len(docsGot) == 0 {
		t.Errorf("nothing over the floor %v; want %v", floor, want)
	}
	docsGot, _ = sealed(0, 3).ProfileMatches(1)
	for _, d := range docsGot {
		if d != 0 {
			t.Errorf("doc %d holds fewer than 3 terms of the vocabulary, and was found with minTerms 3", d)
		}
	}
	if len(docsGot) != 1 {
		t.Errorf("minTerms 3: found %v, want doc 0", docsGot)
	}
}
