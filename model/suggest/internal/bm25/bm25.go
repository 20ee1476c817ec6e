// Package bm25 is the suggestion engine's in-memory index: the items'
// text analysed into terms (analyze.go), postings and positions kept only
// for the terms the engine's queries use (postings.go), and phrases
// scored with BM25, matching adjacent, or near in any order (bm25.go).
// The engine (model/suggest) builds it in two halves: NewUnsealed, which
// is all a query's idf needs, then Seal with what each term must keep.
// It reads an index through FullMatches (where a phrase matches in full),
// WithAnyOf, Has, PhraseCursor and TermCursor (cursor.go). Search
// (search.go) is the exhaustive search that the engine's retrieval is
// checked against.
package bm25

import (
	"math"
	"slices"
)

// BM25 parameters: K1, how soon a term's frequency saturates; B, how
// much a document's length counts.
const (
	K1 = 1.2
	B  = 0.75
)

// NearGap is how many other terms may stand between the terms of a phrase
// that still matches as one (phraseNear): "the design of instruction"
// holds "instructional design", "onboarding people who work remotely"
// holds "remote onboarding".
const NearGap = 3

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
//     len(Terms)+NearGap consecutive terms of one field (at most NearGap
//     other terms among them): a near match, which is full too;
//   - 0.5 when all its terms occur, but never so;
//   - 0.25/len(Terms) when only some of them occur (so the more of its
//     terms a document has, the more it gets; but always less than with
//     all of them).
//
// Positions count analysed terms only: "remote and onboarding" holds the
// phrase [remot onboard], since "and" is a stop word. Divided by the most
// the phrase can score (every term's idf × (k1 + 1)), that is its
// strength in d, in 0..1: FullMatches for the full matches, strength
// (PhraseCursor) for the rest. It is never negative (every idf, bm25 /
// idf and factor is positive), and capped at 1, which rounding could
// pass.
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
// scoring a set of candidate documents with BM25. It knows every term's
// idf, but keeps postings and positions only for the terms it was told
// to (Seal): the engine's queries' (model/suggest: run.go, prepare).
// It is immutable once sealed, and safe for concurrent use.
//
// Layout: terms have dense IDs. The postings of term t are the entries
// [postOff[t], postOff[t+1]) of pDoc/pBM, by ascending document; the
// positions of posting i are pos[pPos[i]:pPos[i+1]], ascending. A
// position counts the documents' analysed terms one field after another,
// each field's end taking a position of its own (seps): a phrase is
// adjacent when its second term is at the next position, and never across
// fields.
type Index struct {
	// Pause, when set, is called by Seal between runs of stopEvery
	// documents: a background run steps aside there while the user acts.
	Pause func()

	n       int
	terms   map[string]int32 // every term of the documents
	idf     []float64        // per term
	postOff []int32          // per term, plus one: empty for a term not kept
	pDoc    []int32          // per posting
	pBM     []float32        // per posting: bm25 / idf = tf × (k1 + 1) / (tf + k1 × (1 − b + b × dl/avgdl))
	pPos    []int32          // per posting, plus one
	pos     []int32          // per occurrence of a term kept with positions
	seps    []int32          // the positions of the fields' ends, ascending
	use     []Use            // per term: what is kept of it
	// Profiles (similar.go): given before Seal, the documents close to
	// each after.
	profiles        []Profile
	profileFloor    float64
	profileMinTerms int
	profileDocs     [][]int32
	profileSims     [][]float64
	profileTails    [][]tailTerm
	sealed          bool
	camel           map[string]bool // terms some document writes in camel case (EachCamelTerm)

	// Until sealed: the analysed documents, each term's documents and
	// occurrences, and each document's BM25 length norm,
	// k1 × (1 − b + b × dl/avgdl).
	chunks  []*chunk
	df, occ []int32
	norm    []float64
}

// New analyses (analysis.Analyze) and indexes docs, every term of them;
// document i of the index is docs[i]. It analyses in parallel when there
// is much text.
func New(docs []Doc) *Index {
	ix := NewUnsealed(docs, nil)
	ix.Seal(nil)
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

// IDFOf is IDF by term ID (KnownID).
func (ix *Index) IDFOf(t int32) float64 { return ix.idf[t] }

// NumTerms returns the number of distinct terms of the documents: their
// IDs are 0 to NumTerms()−1.
func (ix *Index) NumTerms() int { return len(ix.idf) }

// Phrase is one query phrase with its weight; Terms are analysed terms
// (analysis.AnalyzePhrase). A negative Weight subtracts.
type Phrase struct {
	Terms  []string
	Weight float64
}

// phraseTerms are a phrase's analysed terms as term IDs, ready to be
// matched one document at a time (FullMatches, PhraseCursor).
type phraseTerms struct {
	ids    []int32   // per term, -1 for an unknown one
	uniq   []int32   // its distinct terms (-1 once for the unknown ones)
	mult   []float64 // per distinct term: how often it is in ids
	first  []int32   // per distinct term: its first index in ids
	anchor int       // the distinct term with the fewest occurrences, when known
	most   float64   // the most it can score: Σ idf × (k1 + 1) over ids
	known  bool      // every term occurs in some document
	cur    []int32   // per distinct term: where strength reads on
}

// phraseOf looks up the terms of a phrase.
func (ix *Index) phraseOf(terms []string) phraseTerms {
	p := phraseTerms{known: len(terms) > 0, anchor: -1}
	for k, term := range terms {
		t := ix.TermID(term)
		p.ids = append(p.ids, t)
		if t < 0 {
			p.known = false
		} else {
			p.most += ix.idf[t] * (K1 + 1)
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
	if len(p.ids) > 1 {
		for _, t := range p.uniq {
			ix.mustHavePositions(t)
		}
	}
	best := int32(math.MaxInt32)
	for j, t := range p.uniq { // all known
		if occ := ix.pPos[ix.postOff[t+1]] - ix.pPos[ix.postOff[t]]; occ < best {
			p.anchor, best = j, occ
		}
	}
	return p
}

// FullMatches lists the documents where the phrase of analysed terms
// matches in full (a single term; or its terms adjacent and in order, or
// near each other, in one field), ascending, with its strength in each
// (above: its score over the most it can score, in 0..1). It visits
// the postings of the phrase's rarest term only.
func (ix *Index) FullMatches(terms []string) (docs []int32, strength []float64) {
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
			strength[i] = min(ix.idf[t]*float64(ix.pBM[a+int32(i)])/p.most, 1)
		}
		return docs, strength
	}
	at := p.uniq[p.anchor]
	cursor := make([]int32, len(p.uniq)) // per distinct term: its next posting
	post := make([]int32, len(p.uniq))   // per distinct term: its posting in the document at hand
	for j, t := range p.uniq {
		cursor[j] = ix.postOff[t]
	}
	span := int32(len(p.ids) - 1 + NearGap)
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
		case ix.adjacent(d, i, p.first[p.anchor], p.ids):
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
		strength = append(strength, min(sum*factor/p.most, 1))
	}
	return docs, strength
}

// strength is the strength (above) of a phrase in a document d where it
// does not match in full (FullMatches): from half of its terms' scores
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
	return min(sum*factor/p.most, 1)
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

// EachCamelTerm calls f with every term that some document writes as a
// word in camel case ("DevEx" for the term "devex"), in no order.
func (ix *Index) EachCamelTerm(f func(term string)) {
	for t := range ix.camel {
		f(t)
	}
}
