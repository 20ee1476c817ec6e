package bm25

import (
	"fmt"
	"math"
	"slices"

	"github.com/knowflow/knowflow/model/suggest/internal/parallel"
)

// Postings and positions: the second half of building an Index
// (analyze.go is the first). They are laid out by term, then document,
// in flat arrays, and made only for the terms kept: a term no query can
// use costs its count in the vocabulary and nothing more.

// Use is what the index keeps of a term (Seal).
type Use uint8

const (
	UseNone      Use = iota // its idf only: no query reads it
	UsePostings             // its postings: a weak signal's term, scored alone
	UsePositions            // its postings and positions: an interest's or a bridge's, matched as a phrase
)

// Seal builds the postings, and positions where asked, of the terms as
// keep says (nil: postings and positions of every term), from the
// analysed streams, and lets the streams go. Each chunk fills its own
// share of every term's arrays (they follow the earlier chunks'), on
// every processor. Looking a term up that the index has but did not keep
// panics (TermID), as does matching a phrase of terms kept without
// positions (phraseOf): the answer would silently be wrong.
func (ix *Index) Seal(keep func(term int32) Use) {
	if ix.sealed {
		panic("bm25: index sealed twice")
	}
	ix.sealed = true
	nt := len(ix.idf)
	ix.use = make([]Use, nt)
	ix.postOff = make([]int32, nt+1)
	posStart := make([]int32, nt+1)
	for t := range nt {
		u := UsePositions
		if keep != nil {
			u = keep(int32(t))
		}
		ix.use[t] = u
		df, occ := int32(0), int32(0)
		if u >= UsePostings {
			df = ix.df[t]
		}
		if u == UsePositions {
			occ = ix.occ[t]
		}
		ix.postOff[t+1] = ix.postOff[t] + df
		posStart[t+1] = posStart[t] + occ
	}
	np, no := ix.postOff[nt], posStart[nt]
	ix.pDoc = make([]int32, np)
	ix.pBM = make([]float32, np)
	ix.pPos = make([]int32, np+1)
	ix.pos = make([]int32, no)
	ix.pPos[np] = no
	nextPost := slices.Clone(ix.postOff[:nt])
	nextPos := posStart[:nt]
	seps := 0
	for _, c := range ix.chunks {
		c.post = make([]int32, len(c.remap))
		c.pos = make([]int32, len(c.remap))
		for l, t := range c.remap {
			c.post[l], c.pos[l] = -1, nextPos[t]
			switch ix.use[t] {
			case UsePositions:
				c.pos[l] = nextPos[t]
				nextPos[t] += c.occ[l]
				fallthrough
			case UsePostings:
				c.post[l] = nextPost[t]
				nextPost[t] += c.df[l]
			}
		}
		c.sep = seps
		seps += len(c.weights)
	}
	ix.seps = make([]int32, seps)
	profTerms := ix.profileTerms()
	found := make([][]profileHit, len(ix.chunks)) // per chunk: the documents close to a profile
	parallel.For(len(ix.chunks), func(i int) {
		found[i] = ix.fill(ix.chunks[i], profTerms)
		ix.chunks[i] = nil
	})
	ix.gatherProfiles(found)
	ix.chunks, ix.df, ix.occ, ix.norm = nil, nil, nil, nil
}

// fill writes a chunk's share of the postings, positions and field ends,
// and returns its documents close to the profiles (profTerms: per term,
// the profiles that hold it).
func (ix *Index) fill(c *chunk, profTerms [][]profileTerm) []profileHit {
	nl := len(c.remap)
	cur := make([]int32, nl)    // per local term: its posting in the document at hand
	seen := make([]int32, nl)   // per local term: the last document (plus one) it was in
	tf := make([]float64, nl)   // per local term: its weighted frequency in the document at hand
	withPos := make([]bool, nl) // per local term: whether its positions are kept
	for l, t := range c.remap {
		withPos[l] = ix.use[t] == UsePositions
	}
	var touched []int32
	var all []float64 // per local term: its weighted frequency, for closeness to the profiles
	var allTouched []int32
	var sc *profileScratch
	var hits []profileHit
	var lprof [][]profileTerm // per local term: the profiles holding it among their heads
	var lidf []float64        // per local term: its idf
	var gtf []float64         // per term ID: its weighted frequency in the document at hand, once near a profile
	if profTerms != nil {
		all = make([]float64, nl)
		sc = newProfileScratch(len(ix.profiles))
		lprof = make([][]profileTerm, nl)
		lidf = make([]float64, nl)
		for l, t := range c.remap {
			lprof[l], lidf[l] = profTerms[t], ix.idf[t]
		}
		gtf = getTF(len(ix.idf))
		defer putTF(gtf)
	}
	seps := ix.seps[c.sep : c.sep+len(c.weights)]
	seg := 0 // the field at hand, among the chunk's
	for k := 0; k+1 < len(c.docStart); k++ {
		if ix.Pause != nil && k%stopEvery == 0 {
			ix.Pause()
		}
		d := int32(c.first + k)
		for p := c.docStart[k]; p < c.docStart[k+1]; p++ {
			l := c.stream[p]
			if l < 0 {
				seps[seg] = c.base + p
				seg++
				continue
			}
			if all != nil {
				if all[l] == 0 {
					allTouched = append(allTouched, l)
				}
				all[l] += c.weights[seg]
			}
			i := c.post[l]
			if i < 0 {
				continue
			}
			if seen[l] != int32(k+1) {
				seen[l] = int32(k + 1)
				touched = append(touched, l)
				c.post[l]++
				ix.pDoc[i] = d
				ix.pPos[i] = c.pos[l]
				cur[l] = i
			}
			tf[l] += c.weights[seg]
			if withPos[l] {
				ix.pos[c.pos[l]] = c.base + p
				c.pos[l]++
			}
		}
		for _, l := range touched {
			// The weighted frequency is kept to float32 precision.
			tf := float64(float32(tf[l]))
			ix.pBM[cur[l]] = float32(tf * (K1 + 1) / (tf + ix.norm[d]))
		}
		for _, l := range touched {
			tf[l] = 0
		}
		touched = touched[:0]
		if all != nil {
			// The profiles whose heads the document holds first: one
			// near none needs no norm, and only those read their tails.
			for _, l := range allTouched {
				for _, pt := range lprof[l] {
					sc.add(pt, logTF(all[l]))
				}
			}
			if len(sc.touched) > 0 {
				var sq float64
				for _, l := range allTouched {
					w := logTF(all[l]) * lidf[l]
					sq += w * w
					gtf[c.remap[l]] = all[l]
				}
				for _, p := range sc.touched {
					for _, pt := range ix.profileTails[p] {
						if tf := gtf[pt.t]; tf > 0 {
							sc.add(profileTerm{p: p, w: pt.w}, logTF(tf))
						}
					}
				}
				for _, l := range allTouched {
					gtf[c.remap[l]] = 0
				}
				hits = sc.flush(hits, d, math.Sqrt(sq), ix.profileFloor, ix.profileMinTerms)
			}
			for _, l := range allTouched {
				all[l] = 0
			}
			allTouched = allTouched[:0]
		}
	}
	return hits
}

// TermID is the ID of an analysed term, -1 for one no document has. It
// panics for a term the index has but did not keep (Seal).
func (ix *Index) TermID(term string) int32 {
	t, ok := ix.terms[term]
	if !ok {
		return -1
	}
	if !ix.sealed || ix.use[t] == UseNone {
		panic(fmt.Sprintf("bm25: term %q was not indexed", term))
	}
	return t
}

// KnownID is the ID of an analysed term whatever the index keeps of it,
// -1 for one no document has: for working out queries (their idf, the
// sense check's terms) before the index is sealed. What a query reads
// later must be kept (the engine's prepare).
func (ix *Index) KnownID(term string) int32 {
	if t, ok := ix.terms[term]; ok {
		return t
	}
	return -1
}

// Has reports whether document d holds term ID t. It panics for a term
// whose postings the index did not keep (Seal): the answer would
// silently be no.
func (ix *Index) Has(t, d int32) bool {
	if ix.use[t] == UseNone {
		panic(fmt.Sprintf("bm25: the postings of term ID %d were not kept", t))
	}
	_, ok := ix.posting(t, d)
	return ok
}

// mustHavePositions panics unless the positions of term t are kept.
func (ix *Index) mustHavePositions(t int32) {
	if ix.use[t] != UsePositions {
		panic(fmt.Sprintf("bm25: the positions of term ID %d were not kept", t))
	}
}

// posting returns the posting of term ID t for document d, if d has t.
func (ix *Index) posting(t, d int32) (int32, bool) {
	a, b := ix.postOff[t], ix.postOff[t+1]
	i, ok := slices.BinarySearch(ix.pDoc[a:b], d)
	return a + int32(i), ok
}

// positions are the positions of posting p, ascending.
func (ix *Index) positions(p int32) []int32 {
	return ix.pos[ix.pPos[p]:ix.pPos[p+1]]
}

// adjacent reports whether the phrase ids (all known) occurs, adjacent
// and in order in one field, in document d, whose posting of ids[at] is
// i: for each position of that term, whether each other term of the
// phrase is where the phrase needs it. A field's end takes a position of
// its own that no term has, so no phrase runs across fields.
func (ix *Index) adjacent(d, i, at int32, ids []int32) bool {
	var buf [8][]int32
	lists := buf[:0] // per term of the phrase: its positions in d
	for _, t := range ids {
		if t == ids[at] {
			lists = append(lists, ix.positions(i))
			continue
		}
		p, ok := ix.posting(t, d)
		if !ok {
			return false
		}
		lists = append(lists, ix.positions(p))
	}
	for _, p := range lists[at] {
		start := p - at
		ok := true
		for j, l := range lists {
			if int32(j) == at {
				continue
			}
			if _, found := slices.BinarySearch(l, start+int32(j)); !found {
				ok = false
				break
			}
		}
		if ok {
			return true
		}
	}
	return false
}

// near reports whether document d holds every term of uniq (distinct,
// known terms) within one field, in any order, the first and last at most
// span positions apart. It runs on the scoring goroutines: no shared
// scratch.
func (ix *Index) near(d int32, uniq []int32, span int32) bool {
	var buf [4][]int32
	lists := buf[:0]
	for _, t := range uniq {
		p, ok := ix.posting(t, d)
		if !ok {
			return false
		}
		lists = append(lists, ix.positions(p))
	}
	return ix.within(lists, span)
}

// near2 is near for a phrase of two distinct terms whose postings in the
// document are i and j.
func (ix *Index) near2(i, j, span int32) bool {
	lists := [2][]int32{ix.positions(i), ix.positions(j)}
	return ix.within(lists[:], span)
}

// within reports whether one position of each list (ascending positions)
// lies in one field, the first and last at most span apart: the smallest
// windows holding one of each, found by moving the list at the lowest
// position forward until one runs out. It consumes lists.
func (ix *Index) within(lists [][]int32, span int32) bool {
	for {
		lo, hi, at := int32(1<<31-1), int32(-1), 0
		for j, l := range lists {
			if l[0] < lo {
				lo, at = l[0], j
			}
			hi = max(hi, l[0])
		}
		if hi-lo <= span && !ix.fieldEndBetween(lo, hi) {
			return true
		}
		if lists[at] = lists[at][1:]; len(lists[at]) == 0 {
			return false
		}
	}
}

// fieldEndBetween reports whether a field ends between positions lo and
// hi (lo < hi, both terms').
func (ix *Index) fieldEndBetween(lo, hi int32) bool {
	i, _ := slices.BinarySearch(ix.seps, lo)
	return i < len(ix.seps) && ix.seps[i] < hi
}

// DocSet is a set of the index's documents, a bit each.
type DocSet []uint64

// Has reports whether document d is in s.
func (s DocSet) Has(d int32) bool { return s[d>>6]&(1<<(uint32(d)&63)) != 0 }

// WithAnyOf returns the documents that hold at least one of terms.
func (ix *Index) WithAnyOf(terms []string) DocSet {
	s := make(DocSet, (ix.n+63)/64)
	for _, term := range terms {
		t := ix.TermID(term)
		if t < 0 {
			continue
		}
		for _, d := range ix.pDoc[ix.postOff[t]:ix.postOff[t+1]] {
			s[d>>6] |= 1 << (uint32(d) & 63)
		}
	}
	return s
}
