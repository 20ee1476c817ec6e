package bm25

import (
	"math"
	"testing"

	"github.com/knowflow/knowflow/model/analysis"
)

// Similar's cosine is the one worked out by hand from each document's
// terms: (1 + ln tf) × idf, tf weighted by field, over the vector's
// length, against the vocabulary's weights.
func TestSimilar(t *testing.T) {
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
	ix := NewUnsealed(docs, nil)
	ix.Vectors = true
	ix.Seal(nil)
	vocab := []string{"candid", "interview", "offer", "recruit"}
	weights := []float64{0.7, 0.5, 0.4, 0.3}
	var norm float64
	for _, w := range weights {
		norm += w * w
	}
	for i := range weights {
		weights[i] /= math.Sqrt(norm)
	}
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
		for term, f := range tf {
			w := (1 + math.Log(f)) * ix.IDF(term)
			sq += w * w
			for j, v := range vocab {
				if v == term {
					dot += weights[j] * w
				}
			}
		}
		if dot > 0 {
			want[int32(d)] = dot / math.Sqrt(sq)
		}
	}
	docsGot, sims := ix.Similar(vocab, weights, 0, 1)
	if len(docsGot) != len(want) {
		t.Fatalf("Similar found %v, want the documents of %v", docsGot, want)
	}
	for i, d := range docsGot {
		if i > 0 && d <= docsGot[i-1] {
			t.Errorf("documents not ascending: %v", docsGot)
		}
		if math.Abs(sims[i]-want[d]) > 1e-5 {
			t.Errorf("doc %d: cosine %v, want %v", d, sims[i], want[d])
		}
	}
	// A floor on the cosine, and on the terms held: "Offers" holds one.
	floor := want[2] + 1e-4 // float32 sums: a little above doc 2's cosine
	docsGot, _ = ix.Similar(vocab, weights, floor, 1)
	for _, d := range docsGot {
		if d == 2 || want[d] < floor-1e-5 {
			t.Errorf("doc %d (%v) is under the floor %v", d, want[d], floor)
		}
	}
	if len(docsGot) == 0 {
		t.Errorf("nothing over the floor %v; want %v", floor, want)
	}
	docsGot, _ = ix.Similar(vocab, weights, 0, 2)
	for _, d := range docsGot {
		if d == 4 {
			t.Errorf("doc 4 holds one term of the vocabulary, and was found with minTerms 2")
		}
	}
	if ix.TermFreq("candid", 0) < 2-1e-4 || ix.TermFreq("candid", 1) != 0 {
		t.Errorf("TermFreq(candid) = %v, %v; want 2, 0", ix.TermFreq("candid", 0), ix.TermFreq("candid", 1))
	}
}
