package bm25

import (
	"cmp"
	"fmt"
	"math"
	"slices"
	"sync"
)

// Profiles: how close each document is to a weighted vocabulary (an
// interest's profile, model/assoc), as the cosine of the document's
// vector of (1 + ln tf) × idf, tf weighted by field, with the
// vocabulary's weights (of unit length). It is worked out while sealing,
// from the analysed documents, document after document: the profiles'
// terms need no postings (most are terms no query reads), and each
// document's vector is read once for every profile.

// Profile is a weighted vocabulary of analysed terms, its weights of
// unit length.
type Profile struct {
	Terms   []string
	Weights []float64
}

// profileTerm is one term of one profile: which, and its weight × idf.
type profileTerm struct {
	p int32
	w float64
}

// profileHit is a document close to a profile.
type profileHit struct {
	p   int32
	d   int32
	sim float64
}

// SetProfiles gives the profiles to work out closeness to while sealing:
// afterwards ProfileMatches(i) lists the documents that hold at least
// minTerms of profile i's terms and whose cosine with it is at least
// floor. It must come before Seal.
func (ix *Index) SetProfiles(ps []Profile, floor float64, minTerms int) {
	if ix.sealed {
		panic("bm25: profiles given after sealing")
	}
	ix.profiles, ix.profileFloor, ix.profileMinTerms = ps, floor, minTerms
}

// ProfileHead is how many terms of a profile, those of the highest
// weight × idf, a document must hold one of to be measured against it at
// all: the rarest and strongest, so that a document is read against the
// few profiles whose heads it holds, not against every profile sharing a
// common word with it. The other terms (its tail) count only for those.
const ProfileHead = 10

// (Requiring two head terms read a third fewer profiles per document on
// the network-shaped benchmark, 1.26 → 1.01 s to index 50,000 items
// against 710 profiles, and lost an item of related phrasing on
// testdata/dev-paraphrase, 4/18 → 3/18.)

// tailTerm is a term of a profile's tail: its ID, its weight × idf.
type tailTerm struct {
	t int32
	w float64
}

// profileTerms is, per term ID, the profiles holding the term among their
// heads (ProfileHead), nil without profiles; it sets each profile's tail.
func (ix *Index) profileTerms() [][]profileTerm {
	if len(ix.profiles) == 0 {
		return nil
	}
	out := make([][]profileTerm, len(ix.idf))
	ix.profileTails = make([][]tailTerm, len(ix.profiles))
	for p, pr := range ix.profiles {
		for k, tt := range headFirst(ix, pr) {
			if k < ProfileHead {
				out[tt.t] = append(out[tt.t], profileTerm{int32(p), tt.w})
			} else {
				ix.profileTails[p] = append(ix.profileTails[p], tt)
			}
		}
	}
	return out
}

// headFirst lists the terms of pr the documents have, by weight × idf,
// highest first (ties by term ID): its first ProfileHead are its head.
func headFirst(ix *Index, pr Profile) []tailTerm {
	var ts []tailTerm
	for j, term := range pr.Terms {
		if t, ok := ix.terms[term]; ok {
			ts = append(ts, tailTerm{t, pr.Weights[j] * ix.idf[t]})
		}
	}
	slices.SortStableFunc(ts, func(a, b tailTerm) int {
		if a.w != b.w {
			return cmp.Compare(b.w, a.w)
		}
		return cmp.Compare(a.t, b.t)
	})
	return ts
}

// Head lists the terms of pr's head (headFirst), by term: a document is
// measured against pr only where it holds one of them.
func (ix *Index) Head(pr Profile) []string {
	head := map[int32]bool{}
	for k, tt := range headFirst(ix, pr) {
		if k < ProfileHead {
			head[tt.t] = true
		}
	}
	var out []string
	for term, t := range ix.terms {
		if head[t] {
			out = append(out, term)
		}
	}
	slices.Sort(out)
	return out
}

// tfPool holds dense per-term-ID scratch for fill.
var tfPool sync.Pool

func getTF(n int) []float64 {
	if s, ok := tfPool.Get().(*[]float64); ok && len(*s) >= n {
		return (*s)[:n]
	}
	return make([]float64, n)
}

func putTF(s []float64) { tfPool.Put(&s) }

// profileScratch sums one document's closeness to each profile.
type profileScratch struct {
	sum     []float64
	n       []int32 // terms found
	touched []int32 // the profiles whose head the document holds
}

func newProfileScratch(n int) *profileScratch {
	return &profileScratch{sum: make([]float64, n), n: make([]int32, n)}
}

// add counts a term of the document at hand, of 1 + ln tf ltf, for the
// profile term pt.
func (s *profileScratch) add(pt profileTerm, ltf float64) {
	if s.n[pt.p] == 0 {
		s.touched = append(s.touched, pt.p)
	}
	s.n[pt.p]++
	s.sum[pt.p] += pt.w * ltf
}

// flush appends to hits the profiles document d, of vector length norm,
// is close enough to (minTerms of their terms, a cosine of floor), and
// clears the sums.
func (s *profileScratch) flush(hits []profileHit, d int32, norm, floor float64, minTerms int) []profileHit {
	for _, p := range s.touched {
		if norm > 0 && int(s.n[p]) >= minTerms {
			if sim := s.sum[p] / norm; sim >= floor {
				hits = append(hits, profileHit{p, d, sim})
			}
		}
		s.sum[p], s.n[p] = 0, 0
	}
	s.touched = s.touched[:0]
	return hits
}

// gatherProfiles sorts the chunks' hits by profile, documents ascending
// (the chunks come in document order, and each in its own).
func (ix *Index) gatherProfiles(found [][]profileHit) {
	if len(ix.profiles) == 0 {
		return
	}
	n := make([]int, len(ix.profiles))
	for _, hs := range found {
		for _, h := range hs {
			n[h.p]++
		}
	}
	ix.profileDocs = make([][]int32, len(ix.profiles))
	ix.profileSims = make([][]float64, len(ix.profiles))
	for p, k := range n {
		ix.profileDocs[p] = make([]int32, 0, k)
		ix.profileSims[p] = make([]float64, 0, k)
	}
	for _, hs := range found {
		for _, h := range hs {
			ix.profileDocs[h.p] = append(ix.profileDocs[h.p], h.d)
			ix.profileSims[h.p] = append(ix.profileSims[h.p], h.sim)
		}
	}
}

// ProfileMatches returns the documents close to profile i of
// SetProfiles, ascending, and each one's cosine with it.
func (ix *Index) ProfileMatches(i int) (docs []int32, sims []float64) {
	if !ix.sealed || i < 0 || i >= len(ix.profiles) {
		panic(fmt.Sprintf("bm25: no profile %d worked out", i))
	}
	return ix.profileDocs[i], ix.profileSims[i]
}

// logTFs holds 1 + ln tf for the weighted frequencies that are whole
// numbers below its length: field weights are whole, so nearly all are.
var logTFs = func() (t [256]float64) {
	for i := 1; i < len(t); i++ {
		t[i] = 1 + math.Log(float64(i))
	}
	return t
}()

// logTF is 1 + ln tf.
func logTF(tf float64) float64 {
	if i := int(tf); float64(i) == tf && i > 0 && i < len(logTFs) {
		return logTFs[i]
	}
	return 1 + math.Log(tf)
}
