package bm25

import (
	"math"
	"math/bits"
	"slices"
	"sync"

	"github.com/knowflow/knowflow/model/cpus"
)

// The exhaustive search: every document that holds a term of any phrase
// of a query, scored term at a time. The engine does not run it (it
// merges phrase lists, model/suggest's match.go); it is the definition
// its retrieval is checked against (model/suggest's
// TestSearchIsExhaustive, searchReference), and the index's own tests
// and benchmarks run it.

// Match is one document's score for a query, and which phrases matched.
type Match struct {
	Doc   int
	Score float64
	// Phrases are the indices in the query of the phrases that matched
	// the document (at least one of their terms), ascending.
	Phrases []int
	// Full has one entry per entry of Phrases: true when the phrase
	// matched as a phrase (its terms adjacent, in order, or near each
	// other in one field) or is a single term.
	Full []bool
	// Scores has one entry per entry of Phrases: what that phrase added
	// to Score (negative for a negative Weight).
	Scores []float64
}

// phraseHit is one phrase matching one document, while searching.
type phraseHit struct {
	doc int32
	slotHit
}

// slotHit is a phraseHit without its document.
type slotHit struct {
	score  float64
	phrase int32
	full   bool
}

// maxSlots bounds the documents × phrases for which Search keeps each
// document's hits in a fixed slot of the scratch (no grouping pass).
var maxSlots = 1 << 17

// Search scores every document that matches at least one phrase, best
// first (ties by Doc ascending), and returns those whose score is
// positive. It is deterministic.
//
// A phrase adds Weight × its score in each document (bm25.go: adjacent,
// near, scattered or partial); a document's score is the sum over the
// phrases, and a phrase of negative weight that matches lowers it, and
// may remove the document. A phrase with no terms never matches.
func (ix *Index) Search(q []Phrase) []Match {
	if ix.Len() == 0 || len(q) == 0 {
		return nil
	}
	n := ix.n
	sc := searchPool.Get().(*searchScratch)
	defer searchPool.Put(sc)
	sc.reset(n)
	qp, work := ix.prepare(q, sc)
	if len(qp) == 0 {
		return nil
	}

	// A document's hits: with slots, slots[d*stride:][:nh[d]]; else the
	// entries of hits (in phrase order) whose doc is d.
	stride := len(q)
	useSlots := n*stride <= maxSlots
	if useSlots {
		if cap(sc.slots) < n*stride {
			sc.slots = make([]slotHit, n*stride)
		}
		sc.slots = sc.slots[:n*stride]
	} else {
		sc.slots = sc.slots[:0]
	}
	// Score. Large searches with slots (where documents share nothing)
	// are split in two ranges of documents, scored side by side.
	parallel := useSlots && work >= parallelWork && n >= 2*minRange && cpus.Workers() > 1
	// Only the documents with hits (sc.docs, then sc.docs2) are touched:
	// a search costs what it finds, not the number of documents.
	sc.dirty = true
	sc.docs, sc.docs2 = sc.docs[:0], sc.docs2[:0]
	if parallel {
		mid := int32(n / 2)
		var wg sync.WaitGroup
		var touched2 []int32
		wg.Go(func() { touched2 = ix.score(qp, mid, int32(n), sc, stride, sc.touched2[:0], &sc.docs2) })
		sc.touched = ix.score(qp, 0, mid, sc, stride, sc.touched[:0], &sc.docs)
		wg.Wait()
		sc.touched2 = touched2
		sc.docs = append(sc.docs, sc.docs2...)
	} else {
		sc.touched = ix.score(qp, 0, int32(n), sc, stride, sc.touched[:0], &sc.docs)
	}
	score, nh, hits, slots := sc.score, sc.nh, sc.hits, sc.slots
	defer func() {
		for _, d := range sc.docs {
			score[d], nh[d] = 0, 0
		}
		sc.dirty = false
	}()

	// Rank the documents with a positive score: by score, descending,
	// then by document (rankKeys).
	docBits := uint(bits.Len(uint(n)))
	keys := sc.keys[:0]
	for _, d := range sc.docs {
		if score[d] > 0 {
			keys = append(keys, ^(math.Float64bits(score[d])>>docBits)<<docBits|uint64(d))
		}
	}
	if len(keys) == 0 {
		return nil
	}
	mask := uint64(1)<<docBits - 1
	keys = rankKeys(keys, &sc.keys2, mask, score)
	sc.keys = keys

	// Gather the hits of the ranked documents, in phrase order.
	total := 0
	for _, k := range keys {
		total += int(nh[k&mask])
	}
	out := make([]Match, len(keys))
	phrases := make([]int, total)
	fulls := make([]bool, total)
	scores := make([]float64, total)
	off := sc.anchor // reused: where each document's hits go
	o := 0
	for i, k := range keys {
		d := int32(k & mask)
		start := o
		o += int(nh[d])
		off[d] = int32(start)
		out[i] = Match{
			Doc:     int(d),
			Score:   score[d],
			Phrases: phrases[start:o:o],
			Full:    fulls[start:o:o],
			Scores:  scores[start:o:o],
		}
	}
	if !useSlots {
		for _, h := range hits {
			if score[h.doc] > 0 {
				i := off[h.doc]
				off[h.doc]++
				phrases[i], fulls[i], scores[i] = int(h.phrase), h.full, h.score
			}
		}
		return out
	}
	fill := func(keys []uint64) {
		for _, k := range keys {
			d := int(k & mask)
			i := off[d]
			for _, h := range slots[d*stride:][:nh[d]] {
				phrases[i], fulls[i], scores[i] = int(h.phrase), h.full, h.score
				i++
			}
		}
	}
	if parallel {
		var wg sync.WaitGroup
		half := len(keys) / 2
		wg.Go(func() { fill(keys[half:]) })
		fill(keys[:half])
		wg.Wait()
	} else {
		fill(keys)
	}
	return out
}

// Search scores in two goroutines when there are at least parallelWork
// postings to visit and minRange documents for each.
var (
	parallelWork = 4096
	minRange     = 128
)

// qPhrase is a phrase of a query, ready to score.
type qPhrase struct {
	index  int32     // in the query
	weight float64   //
	single bool      // one term
	nTerms int       // len(Terms)
	ids    []int32   // its terms, -1 for unknown ones
	uniq   []int32   // its distinct terms
	first  []int32   // per distinct term: its first index in ids
	mult   []float64 // per distinct term: how often it is in ids
	anchor int       // the distinct known term with the fewest occurrences, or -1
}

// prepare looks up the terms of the phrases of q that may match, in sc's
// buffers, and returns them with the number of postings they visit.
func (ix *Index) prepare(q []Phrase, sc *searchScratch) ([]qPhrase, int) {
	qp := sc.qp[:0]
	ids, uniq, first, mult := sc.ids[:0], sc.uniq[:0], sc.first[:0], sc.mult[:0]
	type offs struct{ ids, uniq int }
	var at []offs
	work := 0
	for pi, ph := range q {
		if len(ph.Terms) == 0 {
			continue
		}
		p := qPhrase{index: int32(pi), weight: ph.Weight, single: len(ph.Terms) == 1, nTerms: len(ph.Terms), anchor: -1}
		o := offs{len(ids), len(uniq)}
		known := false
		for k, term := range ph.Terms {
			t, ok := ix.terms[term]
			if !ok {
				t = -1
			}
			ids = append(ids, t)
			if j := slices.Index(uniq[o.uniq:], t); j >= 0 {
				mult[o.uniq+j]++
				continue
			}
			uniq = append(uniq, t)
			mult = append(mult, 1)
			first = append(first, int32(k))
			if t >= 0 {
				known = true
				work += int(ix.postOff[t+1] - ix.postOff[t])
			}
		}
		if !known {
			ids, uniq, first, mult = ids[:o.ids], uniq[:o.uniq], first[:o.uniq], mult[:o.uniq]
			continue
		}
		best := int32(math.MaxInt32)
		for j, t := range uniq[o.uniq:] {
			if t >= 0 {
				if occ := ix.pPos[ix.postOff[t+1]] - ix.pPos[ix.postOff[t]]; occ < best {
					p.anchor, best = j, occ
				}
			}
		}
		qp = append(qp, p)
		at = append(at, o)
	}
	// Slice the buffers now that they no longer move.
	for i := range qp {
		o := at[i]
		e := offs{len(ids), len(uniq)}
		if i+1 < len(at) {
			e = at[i+1]
		}
		qp[i].ids = ids[o.ids:e.ids:e.ids]
		qp[i].uniq = uniq[o.uniq:e.uniq:e.uniq]
		qp[i].first = first[o.uniq:e.uniq:e.uniq]
		qp[i].mult = mult[o.uniq:e.uniq:e.uniq]
	}
	sc.qp, sc.ids, sc.uniq, sc.first, sc.mult = qp, ids, uniq, first, mult
	return qp, work
}

// postings returns the range of the postings of term t for documents
// [lo, hi).
func (ix *Index) postings(t int32, lo, hi int32) (int32, int32) {
	a, b := ix.postOff[t], ix.postOff[t+1]
	if lo > 0 {
		i, _ := slices.BinarySearch(ix.pDoc[a:b], lo)
		a += int32(i)
	}
	if hi < int32(ix.n) {
		i, _ := slices.BinarySearch(ix.pDoc[a:b], hi)
		b = a + int32(i)
	}
	return a, b
}

// score adds the phrases' scores for documents [lo, hi) to sc.score and
// records their hits (in sc.slots when it has room for them, with stride
// slots a document, else in sc.hits). It touches only the entries of the
// per-document buffers of [lo, hi), so that ranges can be scored in
// parallel with slots. It returns touched, emptied, for reuse.
func (ix *Index) score(qp []qPhrase, lo, hi int32, sc *searchScratch, stride int, touched []int32, docs *[]int32) []int32 {
	score, sum, cnt, anchor, other, nh := sc.score, sc.sum, sc.cnt, sc.anchor, sc.other, sc.nh
	slots, hits := sc.slots, sc.hits
	useSlots := len(slots) > 0
	add := func(d int32, h slotHit) {
		if nh[d] == 0 {
			*docs = append(*docs, d)
		}
		if useSlots {
			slots[int(d)*stride+int(nh[d])] = h
		} else {
			hits = append(hits, phraseHit{d, h})
		}
		nh[d]++
	}
	for _, p := range qp {
		if p.single {
			t := p.uniq[0]
			wi := p.weight * ix.idf[t]
			a, b := ix.postings(t, lo, hi)
			for i := a; i < b; i++ {
				d := ix.pDoc[i]
				s := wi * float64(ix.pBM[i])
				score[d] += s
				add(d, slotHit{score: s, phrase: p.index, full: true})
			}
			continue
		}
		for j, t := range p.uniq {
			if t < 0 {
				continue
			}
			idf := ix.idf[t] * p.mult[j]
			a, b := ix.postings(t, lo, hi)
			for i, d := range ix.pDoc[a:b] {
				if cnt[d] == 0 {
					touched = append(touched, d)
				}
				cnt[d]++
				sum[d] += idf * float64(ix.pBM[a+int32(i)])
			}
			if j == p.anchor {
				for i, d := range ix.pDoc[a:b] {
					anchor[d] = a + int32(i)
				}
			} else if len(p.uniq) == 2 {
				for i, d := range ix.pDoc[a:b] {
					other[d] = a + int32(i)
				}
			}
		}
		partial := phrasePartial / float64(p.nTerms)
		for _, d := range touched {
			factor, full := partial, false
			if int(cnt[d]) == len(p.uniq) { // all found (so none unknown)
				factor = phraseScattered
				if ix.adjacent(d, anchor[d], p.first[p.anchor], p.ids) {
					factor, full = phraseFull, true
				} else if len(p.uniq) == 2 && ix.near2(anchor[d], other[d], int32(p.nTerms-1+NearGap)) ||
					len(p.uniq) != 2 && ix.near(d, p.uniq, int32(p.nTerms-1+NearGap)) {
					factor, full = phraseNear, true
				}
			}
			s := p.weight * sum[d] * factor
			score[d] += s
			add(d, slotHit{score: s, phrase: p.index, full: full})
			cnt[d], sum[d] = 0, 0
		}
		touched = touched[:0]
	}
	if !useSlots {
		sc.hits = hits
	}
	return touched
}

// searchScratch holds the buffers of one Search, reused through
// searchPool.
type searchScratch struct {
	score, sum  []float64 // per document
	cnt, anchor []int32   // per document
	other       []int32   // per document: for two-term phrases, the other term's posting
	nh          []int32   // per document: hits
	touched     []int32
	touched2    []int32
	hits        []phraseHit
	slots       []slotHit
	qp          []qPhrase
	ids, uniq   []int32
	first       []int32
	mult        []float64
	keys, keys2 []uint64
	docs, docs2 []int32 // the documents with hits, per range
	dirty       bool    // a Search began and did not end: score and nh may hold values
}

var searchPool = sync.Pool{New: func() any { return new(searchScratch) }}

// reset readies the scratch for n documents.
func (s *searchScratch) reset(n int) {
	if cap(s.score) < n || s.dirty {
		s.dirty = false
		s.score = make([]float64, n)
		s.sum = make([]float64, n)
		s.cnt = make([]int32, n)
		s.anchor = make([]int32, n)
		s.other = make([]int32, n)
		s.nh = make([]int32, n)
	}
	s.score, s.sum, s.cnt = s.score[:n], s.sum[:n], s.cnt[:n]
	s.anchor, s.other, s.nh = s.anchor[:n], s.other[:n], s.nh[:n]
	// score, sum, cnt and nh are left zeroed by Search (made anew above
	// when it panicked): no O(n) clearing per search.
	s.hits = s.hits[:0]
}

// rankKeys orders keys by score descending, then document ascending.
// A key is the bits of a positive score, inverted (so that it orders like
// the score, reversed), shifted to make room for the document number in
// the bits of mask; keys come in ascending document order. It sorts the
// keys, stably, by their top 24 bits (three radix passes, buf as
// scratch), then sorts each run of keys equal in those bits by the exact
// scores. It returns the sorted keys, which may be in *buf (then the old
// keys are left in *buf).
func rankKeys(keys []uint64, buf *[]uint64, mask uint64, score []float64) []uint64 {
	const topShift = 40
	if len(keys) < 64 {
		slices.Sort(keys) // exact for distinct top bits, and runs are fixed below
	} else {
		if cap(*buf) < len(keys) {
			*buf = make([]uint64, len(keys))
		}
		tmp := (*buf)[:len(keys)]
		for shift := uint(topShift); shift < 64; shift += 8 {
			var count [256]int
			for _, k := range keys {
				count[byte(k>>shift)]++
			}
			if count[byte(keys[0]>>shift)] == len(keys) {
				continue
			}
			sum := 0
			for i, c := range count {
				count[i] = sum
				sum += c
			}
			for _, k := range keys {
				b := byte(k >> shift)
				tmp[count[b]] = k
				count[b]++
			}
			keys, tmp = tmp, keys
		}
		*buf = tmp
	}
	less := func(a, b uint64) int {
		sa, sb := score[a&mask], score[b&mask]
		switch {
		case sa > sb:
			return -1
		case sa < sb:
			return 1
		}
		return int(a&mask) - int(b&mask)
	}
	for i := 0; i < len(keys); {
		j := i + 1
		for j < len(keys) && keys[j]>>topShift == keys[i]>>topShift {
			j++
		}
		if j-i > 1 {
			slices.SortFunc(keys[i:j], less)
		}
		i = j
	}
	return keys
}
