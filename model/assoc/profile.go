package assoc

import (
	"math"
	"sort"
	"strings"
)

// Interest profiles: what the user's own items say about an interest.
// The items that name an interest (its terms together, in any order,
// within ProfileSpan terms of one field) are a sample of how people write
// about it; the terms those items use more than the store at large does
// are its vocabulary. Items about "hiring" speak of candidates,
// interviews, offers and recruiting; an item about a recruiting pipeline
// that never says "hiring" is still close to that profile. This is a
// relevance model (Lavrenko and Croft 2001) estimated from the user's
// store rather than from one query's results, so it is there before any
// candidate arrives, and it grows as items do.
//
// A profile is kept as sums: for each term, the sum over the interest's
// items of the term's share of the item, (1 + ln tf) over the item's norm
// (the square root of the sum of the squares of those). Sums add up item
// by item, so a store learns them incrementally; idf, which changes as
// the store grows, is applied only when a profile is read (ProfileOf).

const (
	// ProfileSpan is the longest run of terms that an interest's terms
	// must fall within, in any order, for an item to name it: "the
	// design of instruction" names "instructional design".
	ProfileSpan = 6
	// MinProfileDocs is the fewest items naming an interest for it to
	// have a profile: one item is an anecdote, not a vocabulary.
	MinProfileDocs = 3
	// MinProfileSources is the fewest sources (feeds) those items must
	// come from: the items of one or two sources that name an interest
	// teach their own voice (a conference's announcements, one story of
	// the week), not the interest's. Measured on testdata/share, whose
	// store is a few real feeds: with 1, precision@3 0.53; with 3, 0.66.
	MinProfileSources = 3
	// MinEffectiveSources is the fewest sources they must come from
	// counted by their shares (EffectiveSources): one source with a stray
	// item or two from others teaches that source's voice all the same
	// ("radio" in six items of a culture desk's news, once in a post about
	// radio buttons and once about radio telescopes: 1.7). Measured on
	// testdata/share with testdata/background's 25 feeds as the store:
	// precision@3 0.65 without, 0.69 with 2 (2.5 or 3 lost a third of the
	// dev fixture's related phrasings, 4/18 → 3/18).
	MinEffectiveSources = 2
	// ProfileTerms is how many terms a profile keeps when read.
	ProfileTerms = 40
	// ProfileDocTerms is how many of an item's terms, those of the
	// highest (1 + ln tf) × idf, join the profiles it names: the rest
	// are the common words of every item, which a profile leaves out
	// anyway (ProfileMaxShare), and learning them costs the most. 60
	// lost two paraphrases of testdata/dev-paraphrase; 100 gives what
	// every term gives there.
	ProfileDocTerms = 100
	// ProfileMaxShare: a term in more than this share of the store's
	// items is no part of a profile: it says little of any topic.
	ProfileMaxShare = 0.5
)

// ProfileKey is how an interest of analysed terms is named in profiles:
// its terms joined by spaces.
func ProfileKey(terms []string) string { return strings.Join(terms, " ") }

// Doc is one item's analysed terms, as a profile reads them: where each
// term occurs, field by field (positions never run across fields).
type Doc struct {
	pos   map[string][]int32
	order []string // terms in first-seen order: deterministic sums
	// What AddTo adds, worked out once (vector).
	top    []string
	shares []float64
}

// NewDoc builds a Doc of an item's fields' analysed terms (title,
// categories, text).
func NewDoc(fields ...[]string) *Doc {
	d := &Doc{pos: map[string][]int32{}}
	at := int32(0)
	for _, f := range fields {
		if len(f) > MaxFieldTerms {
			f = f[:MaxFieldTerms]
		}
		for _, t := range f {
			if _, ok := d.pos[t]; !ok {
				d.order = append(d.order, t)
			}
			d.pos[t] = append(d.pos[t], at)
			at++
		}
		at += ProfileSpan // a gap no span crosses
	}
	return d
}

// Has reports whether the doc holds term.
func (d *Doc) Has(term string) bool { return len(d.pos[term]) > 0 }

// Names reports whether the doc names the interest of analysed terms:
// all of them within ProfileSpan consecutive terms of one field, in any
// order (a single term: anywhere).
func (d *Doc) Names(terms []string) bool {
	if len(terms) == 0 {
		return false
	}
	for _, t := range terms {
		if !d.Has(t) {
			return false
		}
	}
	if len(terms) == 1 {
		return true
	}
	// For each occurrence of the first term, every other term within the
	// span around it (the whole run then spans at most 2·ProfileSpan;
	// checked exactly below).
	for _, p0 := range d.pos[terms[0]] {
		lo, hi := p0, p0
		ok := true
		for _, t := range terms[1:] {
			best := int32(-1)
			for _, p := range d.pos[t] {
				if p-p0 < ProfileSpan && p0-p < ProfileSpan {
					best = p
					break
				}
			}
			if best < 0 {
				ok = false
				break
			}
			lo, hi = min(lo, best), max(hi, best)
		}
		if ok && hi-lo < ProfileSpan {
			return true
		}
	}
	return false
}

// AddTo adds the doc's share of its terms to sums: (1 + ln tf) / norm,
// the doc's unit vector without idf, for its ProfileDocTerms terms of
// the highest (1 + ln tf) × idf (idf nil: every term). The norm counts
// every term, so that a share means the same whatever is left out.
func (d *Doc) AddTo(sums map[string]float64, idf func(string) float64) {
	if d.shares == nil {
		d.vector(idf)
	}
	for i, t := range d.top {
		sums[t] += d.shares[i]
	}
}

// vector works out the terms AddTo adds and their shares, once.
func (d *Doc) vector(idf func(string) float64) {
	var norm float64
	w := make([]float64, len(d.order))
	for i, t := range d.order {
		w[i] = 1 + math.Log(float64(len(d.pos[t])))
		norm += w[i] * w[i]
	}
	norm = math.Sqrt(norm)
	idx := make([]int, len(d.order))
	for i := range idx {
		idx[i] = i
	}
	if idf != nil && len(idx) > ProfileDocTerms {
		key := make([]float64, len(d.order))
		for i, t := range d.order {
			key[i] = w[i] * idf(t)
		}
		sort.SliceStable(idx, func(a, b int) bool { return key[idx[a]] > key[idx[b]] })
		idx = idx[:ProfileDocTerms]
		sort.Ints(idx) // first-seen order: deterministic sums
	}
	d.top = make([]string, 0, len(idx))
	d.shares = make([]float64, 0, len(idx))
	for _, i := range idx {
		if norm > 0 {
			d.top = append(d.top, d.order[i])
			d.shares = append(d.shares, w[i]/norm)
		}
	}
}

// ProfileSums accumulates the profiles of a set of interests over docs.
type ProfileSums struct {
	// IDF, when set, is each term's idf in the store: a doc adds only its
	// ProfileDocTerms strongest terms (Doc.AddTo).
	IDF     func(string) float64
	Docs    map[string]int                // per interest key: the docs that name it
	Sources map[string]map[int64]int      // per interest key: those docs per source
	Sums    map[string]map[string]float64 // per interest key: term → sum
	terms   map[string][]string           // key → its terms
	first   map[string][]string           // a term → the keys whose first term it is
}

// NewProfileSums returns empty sums for the interests given as analysed
// terms (duplicates and empty ones are dropped).
func NewProfileSums(interests [][]string) *ProfileSums {
	p := &ProfileSums{Docs: map[string]int{}, Sums: map[string]map[string]float64{}, Sources: map[string]map[int64]int{},
		terms: map[string][]string{}, first: map[string][]string{}}
	for _, terms := range interests {
		k := ProfileKey(terms)
		if len(terms) == 0 || p.terms[k] != nil {
			continue
		}
		p.terms[k] = terms
		p.first[terms[0]] = append(p.first[terms[0]], k)
	}
	return p
}

// Keys lists the interests' keys, sorted.
func (p *ProfileSums) Keys() []string {
	out := make([]string, 0, len(p.terms))
	for k := range p.terms {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

// Add adds doc to the profile of every interest it names (Names),
// and returns how many.
func (p *ProfileSums) Add(d *Doc, source int64) int { return p.AddIf(d, source, nil) }

// AddIf is Add for only the interests whose key want accepts (nil: all).
func (p *ProfileSums) AddIf(d *Doc, source int64, want func(key string) bool) int {
	n := 0
	for _, t := range d.order {
		for _, k := range p.first[t] {
			if want != nil && !want(k) || !d.Names(p.terms[k]) {
				continue
			}
			if p.Sums[k] == nil {
				p.Sums[k] = map[string]float64{}
			}
			d.AddTo(p.Sums[k], p.IDF)
			p.Docs[k]++
			if p.Sources[k] == nil {
				p.Sources[k] = map[int64]int{}
			}
			p.Sources[k][source]++
			n++
		}
	}
	return n
}

// EffectiveSources is how many sources items come from, perSource of
// them from each, counting each by its share: (Σn)² / Σn², the inverse
// Simpson index. Three sources of four items each count 3; one of ten
// and two of one, 1.41.
func EffectiveSources(perSource []int) float64 {
	var sum, sq float64
	for _, n := range perSource {
		sum += float64(n)
		sq += float64(n) * float64(n)
	}
	if sq == 0 {
		return 0
	}
	return sum * sum / sq
}

// ProfileOf reads a profile from its sums over docs items: each term's
// mean share times its idf in the store, ln(total/df(term)), the
// interest's own terms left out, the k best (ProfileTerms when k <= 0),
// weights scaled to unit length. A term in more than ProfileMaxShare of
// the store's documents, or in fewer than two, says nothing of the
// interest.
// The docs are perSource's (how many came from each source): fewer than
// MinProfileDocs of them, from fewer than MinProfileSources sources, or
// from fewer than MinEffectiveSources by their shares: no profile.
func ProfileOf(terms []string, sums map[string]float64, perSource []int, df func(string) int, total int, k int) []Neighbour {
	docs := 0
	for _, n := range perSource {
		docs += n
	}
	if docs < MinProfileDocs || len(perSource) < MinProfileSources || EffectiveSources(perSource) < MinEffectiveSources || total <= 0 {
		return nil
	}
	if k <= 0 {
		k = ProfileTerms
	}
	own := map[string]bool{}
	for _, t := range terms {
		own[t] = true
	}
	ns := make([]Neighbour, 0, len(sums))
	for t, s := range sums {
		f := df(t)
		if own[t] || f < 2 || float64(f) > ProfileMaxShare*float64(total) {
			continue
		}
		ns = append(ns, Neighbour{Term: t, Weight: s / float64(docs) * math.Log(float64(total)/float64(f))})
	}
	ns = Top(ns, k)
	var norm float64
	for _, nb := range ns {
		norm += nb.Weight * nb.Weight
	}
	norm = math.Sqrt(norm)
	for i := range ns {
		ns[i].Weight /= norm
	}
	return ns
}

// Terms lists the doc's distinct terms, in first-seen order.
func (d *Doc) Terms() []string { return d.order }

// ProfilesOver reads the profiles of interests that a store of just docs
// (doc i from source sources[i]) learns: its idf, ln(len(docs)/df),
// chooses what each doc adds (ProfileSums.IDF), and ProfileOf reads each
// interest's. The store learns the same incrementally (store.LearnProfiles);
// this is the whole set at once, for tests and benchmarks.
func ProfilesOver(docs []*Doc, sources []int64, interests [][]string) map[string][]Neighbour {
	df := map[string]int{}
	for _, d := range docs {
		for _, t := range d.Terms() {
			df[t]++
		}
	}
	n := len(docs)
	sums := NewProfileSums(interests)
	sums.IDF = func(t string) float64 { return math.Log(float64(n) / float64(max(df[t], 1))) }
	for i, d := range docs {
		sums.Add(d, sources[i])
	}
	out := map[string][]Neighbour{}
	for _, k := range sums.Keys() {
		var perSource []int
		for _, c := range sums.Sources[k] {
			perSource = append(perSource, c)
		}
		if p := ProfileOf(sums.terms[k], sums.Sums[k], perSource, func(t string) int { return df[t] }, n, 0); p != nil {
			out[k] = p
		}
	}
	return out
}
