package bm25

import (
	"math"
	"slices"
	"sync"
)

// Similarity: how close a document is to a weighted vocabulary (an
// interest's profile, model/assoc), as the cosine of the document's
// vector of (1 + ln tf) × idf, tf weighted by field, with the
// vocabulary's weights (unit length).

// simAcc is Similar's scratch: a sum per document, and which are set.
type simAcc struct {
	sum     []float32
	n       []uint8 // terms found, up to 255
	touched []int32
}

var simPool sync.Pool

// Similar returns the documents holding at least minTerms of terms whose
// cosine with the vocabulary of terms weighted by weights (of unit
// length) is at least min, ascending, and each one's cosine. Its terms must be kept with postings (Seal), and
// Vectors set before Seal; terms no document has count for nothing.
func (ix *Index) Similar(terms []string, weights []float64, min float64, minTerms int) (docs []int32, sims []float64) {
	if ix.vnorm == nil {
		panic("bm25: Similar on an index sealed without Vectors")
	}
	acc, _ := simPool.Get().(*simAcc)
	if acc == nil || len(acc.sum) < ix.n {
		acc = &simAcc{sum: make([]float32, ix.n), n: make([]uint8, ix.n)}
	}
	defer simPool.Put(acc)
	for j, term := range terms {
		t, ok := ix.terms[term]
		if !ok {
			continue
		}
		if ix.use[t] == UseNone {
			panic("bm25: Similar on the term " + term + ", not kept")
		}
		w := weights[j] * ix.idf[t]
		for i := ix.postOff[t]; i < ix.postOff[t+1]; i++ {
			d := ix.pDoc[i]
			bm := float64(ix.pBM[i])
			tf := bm * ix.norm[d] / (K1 + 1 - bm) // the weighted frequency pBM was made of
			if tf < 1 {
				tf = 1 // float32 rounding
			}
			if acc.n[d] == 0 {
				acc.touched = append(acc.touched, d)
			}
			if acc.n[d] < math.MaxUint8 {
				acc.n[d]++
			}
			acc.sum[d] += float32(w * (1 + math.Log(tf)))
		}
	}
	slices.Sort(acc.touched)
	for _, d := range acc.touched {
		if n := ix.vnorm[d]; n > 0 && int(acc.n[d]) >= minTerms {
			if s := float64(acc.sum[d]) / float64(n); s >= min {
				docs = append(docs, d)
				sims = append(sims, s)
			}
		}
		acc.sum[d], acc.n[d] = 0, 0
	}
	acc.touched = acc.touched[:0]
	return docs, sims
}

// TermFreq is the weighted frequency of term in document d (0 where d
// lacks it, or it is not kept), as Similar reads it.
func (ix *Index) TermFreq(term string, d int32) float64 {
	t, ok := ix.terms[term]
	if !ok || ix.use[t] == UseNone {
		return 0
	}
	i, ok := ix.posting(t, d)
	if !ok {
		return 0
	}
	bm := float64(ix.pBM[i])
	return bm * ix.norm[d] / (K1 + 1 - bm)
}
