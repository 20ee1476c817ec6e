// Package assoc learns which terms travel together in the user's own
// items: co-occurrence counts over documents given as analysed terms, and
// each term's neighbours ranked by positive pointwise mutual information
// (PPMI). A network about onboarding teaches it that "remote" and
// "distributed" go together. It is pure and deterministic and imports
// nothing from the project; model/store keeps the counts in SQLite.
//
// The counting unit is a document (an item): its fields (title,
// categories, text) are counted separately, never across fields. Two
// distinct terms form a pair when they occur within Window terms of each
// other inside one field (positions i < j with j-i < Window); a pair is
// counted at most once per document, however often it occurs in it. Each
// field is cut at MaxFieldTerms terms, so that one document costs at most
// about MaxFieldTerms*(Window-1) pair look-ups. A term's document frequency
// counts the documents that hold it in the considered terms.
package assoc

import (
	"math"
	"sort"
)

const (
	// Window is the span of a pair: two terms at most Window-1 positions
	// apart. 5 keeps phrase-like neighbours ("remote team", "distributed
	// team") and bounds the pairs per term at 4 each way; a wider window
	// counts proportionally more pairs (not measured against 8 yet).
	Window = 5
	// MaxFieldTerms caps the terms considered per field of a document.
	MaxFieldTerms = 300
	// MinCount is the fewest documents a pair must be seen in to be a
	// neighbour at all.
	MinCount = 3
	// Alpha smooths the context distribution (Levy, Goldberg and Dagan
	// 2015): P(b) is raised to Alpha, which lowers the PMI of rare
	// neighbours, PMI's known bias.
	Alpha = 0.75
	// Shrink scales a weight by count/(count+Shrink): a pair seen 3 times
	// keeps 60% of its weight, 20 times 91%.
	Shrink = 2.0
	// MaxShare: a neighbour held by more than this share of all documents
	// is not a neighbour; below it its weight is scaled by 1-share, so very
	// frequent terms are weak neighbours.
	MaxShare = 0.5
)

// Pair is two distinct terms, A < B.
type Pair struct{ A, B string }

// MakePair orders a and b.
func MakePair(a, b string) Pair {
	if b < a {
		a, b = b, a
	}
	return Pair{a, b}
}

// Neighbour is a term associated with another.
type Neighbour struct {
	Term string
	// PPMI is max(0, PMI) with context smoothing: ln(count * docs^Alpha /
	// (df(term) * df(neighbour)^Alpha)).
	PPMI float64
	// Count is the number of documents in which the two terms occur
	// within Window of each other.
	Count int
	// Weight in (0, 1] is the strength to use: PPMI divided by its upper
	// bound for this count (Alpha*ln(docs/count)), shrunk for small
	// counts and scaled down for frequent neighbours.
	Weight float64
}

// Score returns the PPMI and the Weight of neighbour b of term a, given
// the number of documents in which they co-occur, their document
// frequencies and the number of documents. A weight of 0 means b is not a
// neighbour of a (too few co-occurrences, no positive association, or b
// too frequent).
func Score(count, dfA, dfB, docs int) (ppmi, weight float64) {
	if count <= 0 || dfA <= 0 || dfB <= 0 || docs <= 0 {
		return 0, 0
	}
	n := float64(docs)
	pmi := math.Log(float64(count)) + Alpha*math.Log(n) - math.Log(float64(dfA)) - Alpha*math.Log(float64(dfB))
	if pmi <= 0 {
		return 0, 0
	}
	ppmi = pmi
	share := float64(dfB) / n
	if count < MinCount || share > MaxShare || count >= docs {
		return ppmi, 0
	}
	// count <= dfA and count <= dfB, so pmi <= Alpha*ln(docs/count).
	w := math.Min(1, pmi/(Alpha*math.Log(n/float64(count))))
	w *= float64(count) / (float64(count) + Shrink)
	w *= 1 - share
	if !(w > 0) {
		return ppmi, 0
	}
	return ppmi, w
}

// Top sorts ns by Weight, highest first (ties by Term), drops those of
// weight 0 and keeps at most k (all when k <= 0). It sorts ns in place.
func Top(ns []Neighbour, k int) []Neighbour {
	kept := ns[:0]
	for _, nb := range ns {
		if nb.Weight > 0 {
			kept = append(kept, nb)
		}
	}
	sort.Slice(kept, func(i, j int) bool {
		if kept[i].Weight != kept[j].Weight {
			return kept[i].Weight > kept[j].Weight
		}
		return kept[i].Term < kept[j].Term
	})
	if k > 0 && len(kept) > k {
		kept = kept[:k]
	}
	return kept
}

// Counts accumulates co-occurrence statistics over documents. The zero
// value is not ready: use NewCounts.
type Counts struct {
	Docs  int            // documents added
	DF    map[string]int // documents holding each term
	Pairs map[Pair]int   // documents in which each pair occurs within Window

	docTerms map[string]struct{} // scratch for one document
	docPairs map[Pair]struct{}
}

// NewCounts returns empty counts.
func NewCounts() *Counts {
	return &Counts{
		DF: map[string]int{}, Pairs: map[Pair]int{},
		docTerms: map[string]struct{}{}, docPairs: map[Pair]struct{}{},
	}
}

// Add counts one document given as its fields' analysed terms (title,
// categories, text, ...). A document without any term is not counted; Add
// reports whether it was.
func (c *Counts) Add(fields ...[]string) bool {
	clear(c.docTerms)
	clear(c.docPairs)
	for _, f := range fields {
		if len(f) > MaxFieldTerms {
			f = f[:MaxFieldTerms]
		}
		for i, t := range f {
			c.docTerms[t] = struct{}{}
			for j := i + 1; j < len(f) && j-i < Window; j++ {
				if u := f[j]; u != t {
					c.docPairs[MakePair(t, u)] = struct{}{}
				}
			}
		}
	}
	if len(c.docTerms) == 0 {
		return false
	}
	c.Docs++
	for t := range c.docTerms {
		c.DF[t]++
	}
	for p := range c.docPairs {
		c.Pairs[p]++
	}
	return true
}

// Neighbours returns the k neighbours of term with the highest Weight
// (all when k <= 0), ties by Term.
func (c *Counts) Neighbours(term string, k int) []Neighbour {
	dfA := c.DF[term]
	if dfA == 0 {
		return nil
	}
	var ns []Neighbour
	for p, n := range c.Pairs {
		var other string
		switch term {
		case p.A:
			other = p.B
		case p.B:
			other = p.A
		default:
			continue
		}
		ppmi, w := Score(n, dfA, c.DF[other], c.Docs)
		ns = append(ns, Neighbour{Term: other, PPMI: ppmi, Count: n, Weight: w})
	}
	return Top(ns, k)
}
