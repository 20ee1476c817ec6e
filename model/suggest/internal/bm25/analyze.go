package bm25

import (
	"math"
	"math/bits"
	"sync"

	"github.com/knowflow/knowflow/model/analysis"
	"github.com/knowflow/knowflow/model/cpus"
)

// Analysing the documents: the first half of building an Index. The
// documents are split into runs of similar text size (chunks), one per
// processor, and each chunk's text becomes a stream of term IDs local to
// the chunk, each field followed by -1, with its terms' document and
// occurrence counts. The chunks' vocabularies are then merged into the
// index's term IDs, which is all IDF needs. Postings and positions come
// second (Index.Seal), from the streams, and only for the terms that
// queries can use: the engine works out every query of a run in between,
// so the index never stores what no query reads.
//
// Most words are made of ASCII letters and digits between ASCII
// separators. Such a word ("plain") is looked up as written in a map of
// the chunk's words, which gives its local term ID (or -1 for a word that
// has none: a stop word, a single letter); only the first occurrence of
// each form is analysed (analysis.Analyze). The map is a table of its own
// (wordTable) that keeps the words' first bytes in its slots. Anything else (a non-ASCII letter, an
// apostrophe, a hyphen, an ampersand) sends the run of bytes up to the
// next ASCII separator through the full analyser, which splits it
// exactly as it would within the whole text: its state starts afresh at
// every ASCII separator.

// chunk is the analysis of a run of consecutive documents, until the
// index is sealed.
type chunk struct {
	first    int       // its first document
	base     int32     // where its stream starts among the index's positions
	vocab    []string  // local term ID → term
	remap    []int32   // local term ID → the index's term ID
	stream   []int32   // the documents' terms as local IDs, each field followed by -1
	docStart []int32   // per document, into stream, plus one
	weights  []float64 // per field in stream (per -1), its weight
	df, occ  []int32   // per local term: documents, occurrences
	camel    []int32   // local terms some plain word wrote in camel case ("DevEx")
	// While sealing: per local term, its next posting (-1 when not
	// kept) and next position; where its field ends go in Index.seps.
	post, pos []int32
	sep       int
}

// wordByte classifies a byte of text for the plain-word path: 0 for an
// ASCII byte that separates words, 1 for an ASCII letter or digit, 2 for
// a byte the full analyser must see (an apostrophe, a hyphen, an
// ampersand or a slash, which may join or end a word: "A/B", and every
// byte of a non-ASCII character).
var wordByte = func() (t [256]byte) {
	for c := 0; c < 256; c++ {
		switch {
		case c >= 0x80 || c == '\'' || c == '-' || c == '&' || c == '/':
			t[c] = 2
		case analysis.ASCIIClass(byte(c)) != 0:
			t[c] = 1
		}
	}
	return t
}()

// chunkBuilder analyses one chunk.
type chunkBuilder struct {
	c     *chunk
	a     *analysis.Analyzer
	words wordTable        // a plain word, as written → local term ID, -1 for none
	ids   map[string]int32 // term → local term ID
	last  []int32          // per local term: the last document (plus one) counted in df
	doc   int32            // the current document, plus one
	terms []string         // scratch
}

// termID is the local ID of term, made on first sight.
func (b *chunkBuilder) termID(term string) int32 {
	id, ok := b.ids[term]
	if !ok {
		c := b.c
		id = int32(len(c.vocab))
		b.ids[term] = id
		c.vocab = append(c.vocab, term)
		c.df = append(c.df, 0)
		c.occ = append(c.occ, 0)
		b.last = append(b.last, 0)
	}
	return id
}

// add appends an occurrence of local term id to the current document.
func (b *chunkBuilder) add(id int32) {
	c := b.c
	c.stream = append(c.stream, id)
	c.occ[id]++
	if b.last[id] != b.doc {
		b.last[id] = b.doc
		c.df[id]++
	}
}

// field appends the terms of one field's text to the stream.
func (b *chunkBuilder) field(s string) {
	for i := 0; i < len(s); {
		if wordByte[s[i]] == 0 {
			i++
			continue
		}
		start, plain := i, true
		for {
			if i+8 <= len(s) {
				// Lower-case letters, most of a word, 8 at a time.
				n := lowerRun(load64(s, i))
				i += n
				if n == 8 {
					continue
				}
			}
			if i == len(s) {
				break
			}
			if k := wordByte[s[i]]; k != 1 {
				if k == 0 {
					break
				}
				plain = false
			}
			i++
		}
		if !plain {
			b.terms = b.a.AppendTerms(b.terms[:0], s[start:i])
			for _, t := range b.terms {
				b.add(b.termID(t))
			}
			continue
		}
		word := s[start:i]
		lo, hi := prefix16(s, start, len(word))
		slot, ok := b.words.find(lo, hi, word)
		if !ok {
			// A plain word is one token: at most one term.
			id := int32(-1)
			if b.terms = b.a.AppendTerms(b.terms[:0], word); len(b.terms) == 1 {
				id = b.termID(b.terms[0])
				if camelCase(word) {
					b.c.camel = append(b.c.camel, id)
				}
			}
			slot = b.words.insert(slot, lo, hi, word, id)
		}
		if id := b.words.slots[slot].id; id >= 0 {
			b.add(id)
		}
	}
}

// load64 is the 8 bytes of s from i on (i+8 ≤ len(s)) as a
// little-endian integer: one load.
func load64(s string, i int) uint64 {
	s = s[i : i+8]
	return uint64(s[0]) | uint64(s[1])<<8 | uint64(s[2])<<16 | uint64(s[3])<<24 |
		uint64(s[4])<<32 | uint64(s[5])<<40 | uint64(s[6])<<48 | uint64(s[7])<<56
}

// lowerRun is how many of the bytes of x, from the lowest, are ASCII
// lower-case letters before any other. For a byte c < 0x80, c+0x1f has
// its high bit set when c ≥ 'a' and c+0x05 when c > 'z', and neither
// carries into the next byte; a byte ≥ 0x80 is not a letter (and what
// its carry does to the bytes after it does not matter).
func lowerRun(x uint64) int {
	const ones, highs = 0x0101010101010101, 0x8080808080808080
	lower := (x + 0x1f*ones) &^ (x + 0x05*ones) &^ x & highs
	return bits.TrailingZeros64(^lower&highs) / 8
}

// prefix16 is the first 16 bytes of the word of n bytes at s[start:],
// little-endian, padded with 0.
func prefix16(s string, start, n int) (lo, hi uint64) {
	if start+16 <= len(s) {
		lo, hi = load64(s, start), load64(s, start+8)
	} else {
		for j := 0; j < 16 && start+j < len(s); j++ {
			if j < 8 {
				lo |= uint64(s[start+j]) << (8 * j)
			} else {
				hi |= uint64(s[start+j]) << (8 * (j - 8))
			}
		}
	}
	switch {
	case n < 8:
		lo &= 1<<(8*n) - 1
		hi = 0
	case n < 16:
		hi &= 1<<(8*(n-8)) - 1
	}
	return lo, hi
}

// wordTable maps the plain words of a chunk, as written, to local term
// IDs (-1 for a word without a term): open addressing with linear
// probing, each slot holding its word's first 16 bytes, so that most
// look-ups read one slot and compare two integers. No byte of a plain
// word is 0, so the bytes with the length tell words apart; a word
// longer than 16 bytes keeps the rest in tail.
type wordTable struct {
	slots []wordSlot // a power of two of them, at most half full
	n     int
	tail  []byte
}

type wordSlot struct {
	a, b uint64 // the word's first 16 bytes, little-endian, padded with 0; a == 0: empty
	id   int32
	len  uint32 // the word's length
	off  uint32 // where its bytes after the 16th start in tail
}

// hash mixes a word's first 16 bytes and its length.
func wordHash(a, b uint64, n int) uint64 {
	h := (a^uint64(n))*0x9e3779b97f4a7c15 ^ b*0xbf58476d1ce4e5b9
	return h ^ h>>31
}

// find returns the slot of word, whose first 16 bytes are a and b, and
// true; or the empty slot where it belongs, and false.
func (t *wordTable) find(a, b uint64, word string) (int, bool) {
	if t.slots == nil {
		t.slots = make([]wordSlot, 1<<14)
	}
	mask := len(t.slots) - 1
	for i := int(wordHash(a, b, len(word))) & mask; ; i = (i + 1) & mask {
		sl := &t.slots[i]
		if sl.a == 0 {
			return i, false
		}
		if sl.a == a && sl.b == b && int(sl.len) == len(word) &&
			(len(word) <= 16 || string(t.tail[sl.off:int(sl.off)+len(word)-16]) == word[16:]) {
			return i, true
		}
	}
}

// insert puts word in the empty slot find returned, and returns its
// slot, which may move when the table grows.
func (t *wordTable) insert(slot int, a, b uint64, word string, id int32) int {
	sl := wordSlot{a: a, b: b, id: id, len: uint32(len(word))}
	if len(word) > 16 {
		sl.off = uint32(len(t.tail))
		t.tail = append(t.tail, word[16:]...)
	}
	t.n++
	if 2*t.n > len(t.slots) {
		old := t.slots
		t.slots = make([]wordSlot, 2*len(old))
		mask := len(t.slots) - 1
		for _, o := range append(old, sl) {
			if o.a == 0 {
				continue
			}
			i := int(wordHash(o.a, o.b, int(o.len))) & mask
			for t.slots[i].a != 0 {
				i = (i + 1) & mask
			}
			t.slots[i] = o
			if o == sl {
				slot = i
			}
		}
		return slot
	}
	t.slots[slot] = sl
	return slot
}

// bytesPerTerm is about how many bytes of text make one term: a word and
// a space are ~6 bytes of English, and about half the words are stop
// words (the network-shaped benchmark has 11.4). The streams are made
// that large at first, so that they rarely grow, nor hold much unused.
const bytesPerTerm = 10

// analyzeChunk analyses docs, the documents from first on, into a chunk,
// and their weighted lengths into dl. It gives up, leaving the chunk
// partial, once stop (nil: never) says so, looking every stopEvery
// documents.
func analyzeChunk(docs []Doc, first int, dl []float64, stop func() bool) *chunk {
	size := 0
	for _, d := range docs {
		for _, f := range d.Fields {
			size += len(f.Text)
		}
	}
	c := &chunk{
		first:    first,
		stream:   make([]int32, 0, size/bytesPerTerm+len(docs)*4),
		docStart: make([]int32, len(docs)+1),
		weights:  make([]float64, 0, len(docs)*3),
	}
	b := &chunkBuilder{
		c:   c,
		a:   analysis.Get(),
		ids: make(map[string]int32, 2048),
	}
	defer analysis.Put(b.a)
	for d, doc := range docs {
		if stop != nil && d%stopEvery == 0 && stop() {
			break
		}
		c.docStart[d] = int32(len(c.stream))
		b.doc = int32(d + 1)
		for _, f := range doc.Fields {
			if !(f.Weight > 0) || f.Text == "" {
				continue
			}
			before := len(c.stream)
			b.field(f.Text)
			n := len(c.stream) - before
			if n == 0 {
				continue
			}
			c.stream = append(c.stream, -1)
			c.weights = append(c.weights, f.Weight)
			dl[d] += f.Weight * float64(n)
		}
	}
	c.docStart[len(docs)] = int32(len(c.stream))
	clear(b.terms)
	return c
}

// chunkBytes is about how much text a goroutine analyses at the least.
const chunkBytes = 256 << 10

// stopEvery is how many documents a chunk analyses between two looks at
// whether to stop: a look costs an atomic load, a thousand documents
// well under a millisecond.
const stopEvery = 1024

// NewUnsealed analyses docs (analysis.Analyze) into an index that knows
// every term's idf but holds no postings yet (Seal); document i of the
// index is docs[i]. It analyses in parallel when there is much text. It
// gives up when stop (nil: never) says so (a run whose context ended):
// the index it then returns is not to be used.
func NewUnsealed(docs []Doc, stop func() bool) *Index {
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
	parts := min(cpus.Workers(), size/chunkBytes+1, len(docs))
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
		chunks[0] = analyzeChunk(docs, 0, dl, stop)
	} else {
		var wg sync.WaitGroup
		for i := range chunks {
			lo, hi := bounds[i], bounds[i+1]
			wg.Go(func() { chunks[i] = analyzeChunk(docs[lo:hi], lo, dl[lo:hi], stop) })
		}
		wg.Wait()
	}
	if stop != nil && stop() {
		return ix
	}

	// Merge the vocabularies, in order, into the index's term IDs.
	var df, occ []int32
	base := 0
	for _, c := range chunks {
		c.remap = make([]int32, len(c.vocab))
		for l, w := range c.vocab {
			id, ok := ix.terms[w]
			if !ok {
				id = int32(len(df))
				ix.terms[w] = id
				df = append(df, 0)
				occ = append(occ, 0)
			}
			c.remap[l] = id
			df[id] += c.df[l]
			occ[id] += c.occ[l]
		}
		for _, l := range c.camel {
			if ix.camel == nil {
				ix.camel = map[string]bool{}
			}
			ix.camel[c.vocab[l]] = true
		}
		c.base = int32(base)
		base += len(c.stream)
		if base > math.MaxInt32 {
			panic("bm25: more than 2³¹ terms to index")
		}
	}
	ix.chunks, ix.df, ix.occ = chunks, df, occ

	n := float64(len(docs))
	ix.idf = make([]float64, len(df))
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
	ix.norm = make([]float64, len(docs))
	for d, l := range dl {
		ix.norm[d] = K1 * (1 - B + B*l/avg)
	}
	return ix
}

// TermSequences calls seq for each run of terms of one field whose
// terms start with the letters of one of acronyms, in order ("sre":
// site, reliabl, engin), with the acronym, the document and the run's
// terms. Stop words are not terms, so "learning and development" is a run
// for "ld". One pass over every document's terms; only before the index
// is sealed (it reads the analysed streams).
func (ix *Index) TermSequences(acronyms []string, seq func(acr string, doc int, terms []string)) {
	if ix == nil || len(acronyms) == 0 || ix.n == 0 {
		return
	}
	if ix.sealed {
		panic("bm25: TermSequences on a sealed index")
	}
	byFirst := map[byte][]string{}
	for _, a := range acronyms {
		if a != "" {
			byFirst[a[0]] = append(byFirst[a[0]], a)
		}
	}
	var run []string
	for _, c := range ix.chunks {
		first := make([]byte, len(c.vocab))
		for l, t := range c.vocab {
			first[l] = t[0]
		}
		d := 0
		for p, t := range c.stream {
			for d+1 < len(c.docStart) && int(c.docStart[d+1]) <= p {
				d++
			}
			if t < 0 {
				continue
			}
		next:
			for _, a := range byFirst[first[t]] {
				if p+len(a) > len(c.stream) {
					continue
				}
				for j := 1; j < len(a); j++ {
					if u := c.stream[p+j]; u < 0 || first[u] != a[j] {
						continue next
					}
				}
				run = run[:0]
				for _, u := range c.stream[p : p+len(a)] {
					run = append(run, c.vocab[u])
				}
				seq(a, c.first+d, run)
			}
		}
	}
}

// camelCase reports whether the plain ASCII word is written in camel
// case: a capital letter after a small one ("DevEx", "FinOps", "iPhone").
func camelCase(word string) bool {
	for i := 1; i < len(word); i++ {
		if word[i] >= 'A' && word[i] <= 'Z' && word[i-1] >= 'a' && word[i-1] <= 'z' {
			return true
		}
	}
	return false
}
