package suggest

import (
	"math"
	"runtime"
	"slices"
	"sync"
)

// BM25 parameters.
const (
	bm25K1 = 1.2
	bm25B  = 0.75
)

// nearGap is how many other terms may stand between the terms of a phrase
// that still matches as one (phraseNear): "the design of instruction"
// holds "instructional design", "onboarding people who work remotely"
// holds "remote onboarding".
const nearGap = 3

// How a phrase scores in a document:
//
// bm25(t, d) = idf(t) × tf × (k1 + 1) / (tf + k1 × (1 − b + b × dl/avgdl)),
// k1 = 1.2, b = 0.75, tf the weighted frequency of t in d and dl the
// weighted length of d. A phrase scores Σ bm25 of its terms found in d (a
// term repeated in the phrase counts each time), times how much of it d
// holds:
//   - 1 when all its terms occur adjacent and in order in one field (or
//     it is a single term): a full match;
//   - 0.85 when all its terms occur, in any order, within a run of
//     len(Terms)+nearGap consecutive terms of one field (at most nearGap
//     other terms among them): a near match, which is full too;
//   - 0.5 when all its terms occur, but never so;
//   - 0.25/len(Terms) when only some of them occur (so the more of its
//     terms a document has, the more it gets; but always less than with
//     all of them).
//
// Positions count analysed terms only: "remote and onboarding" holds the
// phrase [remot onboard], since "and" is a stop word. Divided by the most
// the phrase can score (every term's idf × (k1 + 1)), that is its
// strength in d, in 0..1: fullMatches for the full matches, strength for
// the rest.
const (
	phraseFull      = 1.0  // the terms adjacent, in order, in one field
	phraseNear      = 0.85 // the terms close together in one field, in any order
	phraseScattered = 0.5  // all the terms, not close
	phrasePartial   = 0.25 // some of the terms; divided by len(Terms)
)

// Field is one weighted part of a document (title, categories, text).
// A field whose Weight is not positive is not indexed.
type Field struct {
	Text   string
	Weight float64
}

// Doc is one document to index.
type Doc struct {
	Fields []Field
}

// Index is an inverted index of analysed terms with positions, for
// scoring a set of candidate documents with BM25. It is immutable once
// built, and safe for concurrent use.
//
// Layout: terms have dense IDs. The postings of term t are the entries
// [postOff[t], postOff[t+1]) of pDoc/pBM, by ascending document; the
// positions of posting i are pos[pPos[i]:pPos[i+1]], ascending. A
// position is an offset in stream, the documents' analysed terms (as IDs)
// one field after another, each field followed by -1, so that a phrase is
// adjacent when stream[p+1] is its second term, and never across fields.
type Index struct {
	n       int
	terms   map[string]int32
	idf     []float64 // per term
	postOff []int32   // per term, plus one
	pDoc    []int32   // per posting
	pBM     []float32 // per posting: bm25 / idf = tf × (k1 + 1) / (tf + k1 × (1 − b + b × dl/avgdl))
	pPos    []int32   // per posting, plus one
	pos     []int32   // per occurrence
	stream  []int32
	// A Bloom filter of each document's bigrams (adjacent terms in one
	// field), one bit a hash, about 8 bits a token: the words
	// bigrams[bgOff[d]:bgOff[d+1]], a power of two of them. It rules out
	// most non-adjacent phrases without reading the positions.
	bigrams []uint64
	bgOff   []int32
	// docStart[d] is where document d's terms start in stream, plus one
	// entry for the end.
	docStart []int32
}

// docTerm is one distinct term of one document, while building.
type docTerm struct {
	term  int32
	count int32
	tf    float32
}

// chunk is the analysis of a run of documents, with term IDs local to
// the chunk, while building.
type chunk struct {
	vocab    []string // local term ID → term
	stream   []int32  // local IDs, -1 after each field
	docStart []int32  // per document, into stream, plus one
	fwd      []docTerm
	fwdOff   []int32 // per document, into fwd, plus one
}

// analyzeChunk analyses docs into a chunk, and their weighted lengths
// into dl.
func analyzeChunk(docs []Doc, dl []float64) *chunk {
	a := analyzerPool.Get().(*analyzer)
	defer analyzerPool.Put(a)
	size := 0
	for _, d := range docs {
		for _, f := range d.Fields {
			size += len(f.Text)
		}
	}
	c := &chunk{
		stream:   make([]int32, 0, size/7+len(docs)*4),
		docStart: make([]int32, len(docs)+1),
		fwdOff:   make([]int32, len(docs)+1),
	}
	var (
		ids     = make(map[string]int32, 1024) // term → local ID
		toks    = make(map[string]int32, 2048) // folded token → local ID, -1 when dropped
		tf      []float64                      // per term, for the current document
		cnt     []int32                        // same
		touched []int32                        // terms of the current document
		weight  float64
		n       int // terms in the current field
	)
	a.onToken = func(tok []byte) {
		id, ok := toks[string(tok)]
		if !ok {
			id = -1
			if term := lookupTerm(tok); term != "" {
				if id, ok = ids[term]; !ok {
					id = int32(len(c.vocab))
					ids[term] = id
					c.vocab = append(c.vocab, term)
					tf = append(tf, 0)
					cnt = append(cnt, 0)
				}
			}
			toks[string(tok)] = id
		}
		if id < 0 {
			return
		}
		if cnt[id] == 0 {
			touched = append(touched, id)
		}
		cnt[id]++
		tf[id] += weight
		c.stream = append(c.stream, id)
		n++
	}
	defer func() { a.onToken = nil }()
	for d, doc := range docs {
		c.docStart[d] = int32(len(c.stream))
		for _, f := range doc.Fields {
			if !(f.Weight > 0) || f.Text == "" {
				continue
			}
			weight, n = f.Weight, 0
			a.appendTerms(nil, f.Text)
			if n == 0 {
				continue
			}
			c.stream = append(c.stream, -1)
			dl[d] += f.Weight * float64(n)
		}
		for _, id := range touched {
			c.fwd = append(c.fwd, docTerm{term: id, count: cnt[id], tf: float32(tf[id])})
			cnt[id], tf[id] = 0, 0
		}
		touched = touched[:0]
		c.fwdOff[d+1] = int32(len(c.fwd))
	}
	c.docStart[len(docs)] = int32(len(c.stream))
	return c
}

// chunkBytes is about how much text a goroutine of NewIndex analyses.
const chunkBytes = 256 << 10

// NewIndex analyses (Analyze) and indexes docs; document i of the index
// is docs[i]. It analyses in parallel when there is much text.
func NewIndex(docs []Doc) *Index {
	ix := &Index{n: len(docs), terms: make(map[string]int32, 1024)}
	if len(docs) == 0 {
		return ix
	}
	dl := make([]float64, len(docs))

	// Split the documents into runs of similar text size, one for each
	// processor, or fewer when there is little text.
	size := 0
	for _, d := range docs {
		for _, f := range d.Fields {
			size += len(f.Text)
		}
	}
	parts := min(runtime.GOMAXPROCS(0), size/chunkBytes+1, len(docs))
	bounds := make([]int, 0, parts+1)
	bounds = append(bounds, 0)
	acc := 0
	for d, doc := range docs {
		for _, f := range doc.Fields {
			acc += len(f.Text)
		}
		if len(bounds) < parts && acc >= size*len(bounds)/parts {
			bounds = append(bounds, d+1)
		}
	}
	bounds = append(bounds, len(docs))
	chunks := make([]*chunk, len(bounds)-1)
	if len(chunks) == 1 {
		chunks[0] = analyzeChunk(docs, dl)
	} else {
		var wg sync.WaitGroup
		for i := range chunks {
			lo, hi := bounds[i], bounds[i+1]
			wg.Go(func() { chunks[i] = analyzeChunk(docs[lo:hi], dl[lo:hi]) })
		}
		wg.Wait()
	}

	// Merge the chunks, in order, into global term IDs. Each chunk's
	// distinct terms per document stay in the chunk (remapped), and its
	// stream is let go once copied: building costs little more than the
	// index.
	var (
		docStart = make([]int32, 0, len(docs)+1)
		df, occ  []int32 // per term: documents, occurrences
	)
	streamLen := 0
	for _, c := range chunks {
		streamLen += len(c.stream)
	}
	ix.stream = make([]int32, 0, streamLen)
	for _, c := range chunks {
		remap := make([]int32, 0, len(c.vocab))
		for _, w := range c.vocab {
			id, ok := ix.terms[w]
			if !ok {
				id = int32(len(df))
				ix.terms[w] = id
				df = append(df, 0)
				occ = append(occ, 0)
			}
			remap = append(remap, id)
		}
		base := int32(len(ix.stream))
		for _, id := range c.stream {
			if id >= 0 {
				id = remap[id]
			}
			ix.stream = append(ix.stream, id)
		}
		for _, s := range c.docStart[:len(c.docStart)-1] {
			docStart = append(docStart, base+s)
		}
		c.stream, c.vocab = nil, nil
		for i := range c.fwd {
			e := &c.fwd[i]
			e.term = remap[e.term]
			df[e.term]++
			occ[e.term] += e.count
		}
	}
	docStart = append(docStart, int32(len(ix.stream)))
	ix.docStart = docStart

	// Postings and positions, laid out by term then document.
	nt := len(df)
	ix.postOff = make([]int32, nt+1)
	posStart := make([]int32, nt+1)
	for t := 0; t < nt; t++ {
		ix.postOff[t+1] = ix.postOff[t] + df[t]
		posStart[t+1] = posStart[t] + occ[t]
	}
	np, no := ix.postOff[nt], posStart[nt]
	ix.pDoc = make([]int32, np)
	ix.pBM = make([]float32, np)
	ix.pPos = make([]int32, np+1)
	ix.pos = make([]int32, no)
	ix.pPos[np] = no
	next := df[:0:0]
	next = append(next, ix.postOff[:nt]...) // next posting of each term
	write := posStart[:nt]                  // next position of each term
	d := 0
	for ci, c := range chunks {
		for k := 0; k+1 < len(c.fwdOff); k++ {
			for _, e := range c.fwd[c.fwdOff[k]:c.fwdOff[k+1]] {
				i := next[e.term]
				next[e.term]++
				ix.pDoc[i] = int32(d)
				ix.pBM[i] = e.tf // the tf for now: the norms need all lengths
				ix.pPos[i] = write[e.term]
			}
			for p := docStart[d]; p < docStart[d+1]; p++ {
				if id := ix.stream[p]; id >= 0 {
					ix.pos[write[id]] = p
					write[id]++
				}
			}
			d++
		}
		chunks[ci] = nil
	}

	n := float64(len(docs))
	ix.idf = make([]float64, nt)
	for t := range ix.idf {
		f := float64(df[t])
		ix.idf[t] = math.Log(1 + (n-f+0.5)/(f+0.5))
	}
	var total float64
	for _, l := range dl {
		total += l
	}
	avg := total / n
	if !(avg > 0) {
		avg = 1
	}
	ix.bgOff = make([]int32, len(docs)+1)
	for d := range docs {
		words := int32(1)
		for words*64 < 8*(docStart[d+1]-docStart[d]) {
			words *= 2
		}
		ix.bgOff[d+1] = ix.bgOff[d] + words
	}
	ix.bigrams = make([]uint64, ix.bgOff[len(docs)])
	for d := range docs {
		bg := ix.bigrams[ix.bgOff[d]:ix.bgOff[d+1]]
		mask := uint64(len(bg))*64 - 1
		for p := docStart[d]; p+1 < docStart[d+1]; p++ {
			if a, b := ix.stream[p], ix.stream[p+1]; a >= 0 && b >= 0 {
				h := bigramHash(a, b) & mask
				bg[h/64] |= 1 << (h % 64)
			}
		}
	}

	norm := make([]float64, len(docs))
	for d, l := range dl {
		norm[d] = bm25K1 * (1 - bm25B + bm25B*l/avg)
	}
	for i, d := range ix.pDoc {
		tf := float64(ix.pBM[i])
		ix.pBM[i] = float32(tf * (bm25K1 + 1) / (tf + norm[d]))
	}
	return ix
}

// Len returns the number of documents in the index.
func (ix *Index) Len() int {
	if ix == nil {
		return 0
	}
	return ix.n
}

// IDF returns the BM25 idf of an analysed term (0 for unknown terms):
// log(1 + (N − n + 0.5)/(n + 0.5)), N documents, n of them with the term.
func (ix *Index) IDF(term string) float64 {
	if ix == nil {
		return 0
	}
	if t, ok := ix.terms[term]; ok {
		return ix.idf[t]
	}
	return 0
}

// Phrase is one query phrase with its weight; Terms are analysed terms
// (AnalyzePhrase). A negative Weight subtracts.
type Phrase struct {
	Terms  []string
	Weight float64
}

// bigramHash hashes the bigram of terms a, b.
func bigramHash(a, b int32) uint64 {
	x := (uint64(uint32(a))<<32 | uint64(uint32(b))) * 0x9e3779b97f4a7c15
	x ^= x >> 32
	x *= 0xbf58476d1ce4e5b9
	return x ^ x>>29
}

// mayBeAdjacent reports whether document d may hold a phrase whose
// bigrams have the hashes bh (all are in d's filter).
func (ix *Index) mayBeAdjacent(d int32, bh []uint64) bool {
	lo, hi := ix.bgOff[d], ix.bgOff[d+1]
	mask := uint64(hi-lo)*64 - 1
	bg := ix.bigrams[lo:hi]
	for _, h := range bh {
		h &= mask
		if bg[h/64]&(1<<(h%64)) == 0 {
			return false
		}
	}
	return true
}

// adjacent reports whether the phrase ids occurs, adjacent and in order in
// one field, in the document of posting i, a posting of ids[at].
func (ix *Index) adjacent(i, at int32, ids []int32) bool {
	last := int32(len(ix.stream)) - int32(len(ids))
	for _, p := range ix.pos[ix.pPos[i]:ix.pPos[i+1]] {
		p -= at // where the phrase would start
		if p < 0 {
			continue
		}
		if p > last {
			break
		}
		ok := true
		for j, t := range ids {
			if ix.stream[p+int32(j)] != t {
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

// within reports whether one position of each list (ascending positions
// in stream) lies in one field, the first and last at most span apart:
// the smallest windows holding one of each, found by moving the list at
// the lowest position forward until one runs out. It consumes lists.
func (ix *Index) within(lists [][]int32, span int32) bool {
	for {
		lo, hi, at := int32(math.MaxInt32), int32(-1), 0
		for j, l := range lists {
			if l[0] < lo {
				lo, at = l[0], j
			}
			hi = max(hi, l[0])
		}
		if hi-lo <= span && !slices.Contains(ix.stream[lo:hi], -1) {
			return true
		}
		if lists[at] = lists[at][1:]; len(lists[at]) == 0 {
			return false
		}
	}
}

// posting returns the posting of term ID t for document d, if d has t.
func (ix *Index) posting(t, d int32) (int32, bool) {
	a, b := ix.postOff[t], ix.postOff[t+1]
	i, ok := slices.BinarySearch(ix.pDoc[a:b], d)
	return a + int32(i), ok
}

// positions are the positions of posting p in stream, ascending.
func (ix *Index) positions(p int32) []int32 {
	return ix.pos[ix.pPos[p]:ix.pPos[p+1]]
}

// count returns how often term occurs in document d (0 when never).
func (ix *Index) count(d int32, term string) int {
	t := ix.termID(term)
	if t < 0 {
		return 0
	}
	p, ok := ix.posting(t, d)
	if !ok {
		return 0
	}
	return len(ix.positions(p))
}

// termSequences calls seq for each run of terms of one field whose
// terms start with the letters of one of acronyms, in order ("sre":
// site, reliabl, engin), with the acronym, the document and the run's
// terms. Stop words are not terms, so "learning and development" is a run
// for "ld". One pass over every document's terms.
func (ix *Index) termSequences(acronyms []string, seq func(acr string, doc int, terms []string)) {
	if ix == nil || len(acronyms) == 0 {
		return
	}
	byFirst := map[byte][]string{}
	for _, a := range acronyms {
		if a != "" {
			byFirst[a[0]] = append(byFirst[a[0]], a)
		}
	}
	names := make([]string, len(ix.idf))
	first := make([]byte, len(ix.idf))
	for t, id := range ix.terms {
		names[id], first[id] = t, t[0]
	}
	var run []string
	d := 0
	for p, t := range ix.stream {
		for d+1 < len(ix.docStart) && int(ix.docStart[d+1]) <= p {
			d++
		}
		if t < 0 {
			continue
		}
	next:
		for _, a := range byFirst[first[t]] {
			if p+len(a) > len(ix.stream) {
				continue
			}
			for j := 1; j < len(a); j++ {
				if u := ix.stream[p+j]; u < 0 || first[u] != a[j] {
					continue next
				}
			}
			run = run[:0]
			for _, u := range ix.stream[p : p+len(a)] {
				run = append(run, names[u])
			}
			seq(a, d, run)
		}
	}
}

// termID is the ID of an analysed term, -1 for an unknown one.
func (ix *Index) termID(term string) int32 {
	if t, ok := ix.terms[term]; ok {
		return t
	}
	return -1
}

// phraseTerms are a phrase's analysed terms as term IDs, ready to be
// matched one document at a time (fullMatches, strength).
type phraseTerms struct {
	ids    []int32   // per term, -1 for an unknown one
	uniq   []int32   // its distinct terms (-1 once for the unknown ones)
	mult   []float64 // per distinct term: how often it is in ids
	first  []int32   // per distinct term: its first index in ids
	anchor int       // the distinct term with the fewest occurrences, when known
	bh     []uint64  // the hashes of its bigrams
	most   float64   // the most it can score: Σ idf × (k1 + 1) over ids
	known  bool      // every term occurs in some document
	cur    []int32   // per distinct term: where strength reads on
}

// phraseOf looks up the terms of a phrase.
func (ix *Index) phraseOf(terms []string) phraseTerms {
	p := phraseTerms{known: len(terms) > 0, anchor: -1}
	for k, term := range terms {
		t := ix.termID(term)
		p.ids = append(p.ids, t)
		if t < 0 {
			p.known = false
		} else {
			p.most += ix.idf[t] * (bm25K1 + 1)
		}
		if j := slices.Index(p.uniq, t); j >= 0 {
			p.mult[j]++
			continue
		}
		p.uniq = append(p.uniq, t)
		p.mult = append(p.mult, 1)
		p.first = append(p.first, int32(k))
	}
	if !p.known {
		return p
	}
	for j := 1; j < len(p.ids); j++ {
		p.bh = append(p.bh, bigramHash(p.ids[j-1], p.ids[j]))
	}
	best := int32(math.MaxInt32)
	for j, t := range p.uniq { // all known
		if occ := ix.pPos[ix.postOff[t+1]] - ix.pPos[ix.postOff[t]]; occ < best {
			p.anchor, best = j, occ
		}
	}
	return p
}

// fullMatches lists the documents where the phrase of analysed terms
// matches in full (a single term; or its terms adjacent and in order, or
// near each other, in one field), ascending, with its strength in each
// (above: its score over the most it can score, in 0..1). It visits
// the postings of the phrase's rarest term only.
func (ix *Index) fullMatches(terms []string) (docs []int32, strength []float64) {
	if ix.Len() == 0 {
		return nil, nil
	}
	p := ix.phraseOf(terms)
	if !p.known || !(p.most > 0) {
		return nil, nil
	}
	if len(p.ids) == 1 {
		t := p.uniq[0]
		a, b := ix.postOff[t], ix.postOff[t+1]
		docs = slices.Clone(ix.pDoc[a:b])
		strength = make([]float64, len(docs))
		for i := range docs {
			strength[i] = min1(ix.idf[t] * float64(ix.pBM[a+int32(i)]) / p.most)
		}
		return docs, strength
	}
	at := p.uniq[p.anchor]
	cursor := make([]int32, len(p.uniq)) // per distinct term: its next posting
	post := make([]int32, len(p.uniq))   // per distinct term: its posting in the document at hand
	for j, t := range p.uniq {
		cursor[j] = ix.postOff[t]
	}
	span := int32(len(p.ids) - 1 + nearGap)
	for i := ix.postOff[at]; i < ix.postOff[at+1]; i++ {
		d := ix.pDoc[i]
		all := true
		for j, t := range p.uniq {
			if j == p.anchor {
				post[j] = i
				continue
			}
			end := ix.postOff[t+1]
			k, ok := slices.BinarySearch(ix.pDoc[cursor[j]:end], d)
			cursor[j] += int32(k)
			if !ok {
				all = false
				if cursor[j] == end {
					return docs, strength // no later document has every term
				}
				break
			}
			post[j] = cursor[j]
		}
		if !all {
			continue
		}
		factor := 0.0
		switch {
		case ix.mayBeAdjacent(d, p.bh) && ix.adjacent(i, p.first[p.anchor], p.ids):
			factor = phraseFull
		case len(p.uniq) == 2 && ix.near2(post[0], post[1], span):
			factor = phraseNear
		case len(p.uniq) != 2 && ix.near(d, p.uniq, span):
			factor = phraseNear
		}
		if factor == 0 {
			continue
		}
		sum := 0.0
		for j, t := range p.uniq {
			sum += ix.idf[t] * p.mult[j] * float64(ix.pBM[post[j]])
		}
		docs = append(docs, d)
		strength = append(strength, min1(sum*factor/p.most))
	}
	return docs, strength
}

// strength is the strength (above) of a phrase in a document d where it
// does not match in full (fullMatches): from half of its terms' scores
// when all are in d, not close, a quarter over its length when only some
// are, 0 when none. Calls for one p must come in ascending d: each term's
// postings are read forward from where the last call left them.
func (ix *Index) strength(p *phraseTerms, d int32) float64 {
	if !(p.most > 0) {
		return 0
	}
	if p.cur == nil {
		p.cur = make([]int32, len(p.uniq))
		for j, t := range p.uniq {
			if t >= 0 {
				p.cur[j] = ix.postOff[t]
			}
		}
	}
	sum, found := 0.0, 0
	for j, t := range p.uniq {
		if t < 0 {
			continue
		}
		if i, ok := ix.seek(t, &p.cur[j], d); ok {
			sum += ix.idf[t] * p.mult[j] * float64(ix.pBM[i])
			found++
		}
	}
	factor := phrasePartial / float64(len(p.ids))
	if found == len(p.uniq) {
		factor = phraseScattered
	}
	return min1(sum * factor / p.most)
}

// seek finds the posting of term t for document d at or after *at (a
// posting of t), galloping forward, and leaves *at at the first posting
// of a document ≥ d.
func (ix *Index) seek(t int32, at *int32, d int32) (int32, bool) {
	lo, end := *at, ix.postOff[t+1]
	if lo >= end || ix.pDoc[lo] >= d {
		return lo, lo < end && ix.pDoc[lo] == d
	}
	step := int32(1)
	for lo+step < end && ix.pDoc[lo+step] < d {
		lo += step
		step *= 2
	}
	hi := min(lo+step+1, end)
	k, ok := slices.BinarySearch(ix.pDoc[lo:hi], d)
	*at = lo + int32(k)
	return *at, ok
}
