package suggest

import (
	"slices"
	"strings"
	"sync"

	"github.com/knowflow/knowflow/model/suggest/internal/bm25"
)

// Retrieval. Interests repeat across people ("leadership", "remote
// work"), and so do their bridges: where each phrase matches in full is
// worked out once per run, over the postings of its rarest term
// (bm25.Index.FullMatches), and shared by everyone who holds it. A person's
// search merges the lists of their interests and bridges, so it visits
// only the items that can match them (a person without interests costs
// nothing), and keeps only as many hits as can be scheduled.

// phraseList is where one phrase matches in full, ascending by
// document, and its strength there (0..1).
type phraseList struct {
	docs     []int32
	strength []float64
}

// listCache holds the phrase lists of one run, by the phrase's terms, and
// for each interest of several words the items that hold some of its
// words (wordsOf).
type listCache struct {
	mu    sync.Mutex
	m     map[string]*phraseList
	words map[string]bm25.DocSet
}

// listOf returns the list of the phrase of terms, working it out the
// first time.
func (e *engine) listOf(terms []string) *phraseList {
	return e.cachedList(strings.Join(terms, " "), terms, "")
}

// phraseKey is the key of phrase i of q in the list cache: its terms,
// or for a profile bridge its profile's key after a NUL (no phrase of
// terms has one).
func phraseKey(q *query, i int) (key, profile string) {
	if i >= q.nInterests {
		if p := q.bridges[i-q.nInterests].profile; p != "" {
			return "\x00" + p, p
		}
	}
	return strings.Join(q.phrases[i].Terms, " "), ""
}

// listFor returns the list of phrase i of q (a phrase of terms, or a
// profile bridge's closeness), working it out the first time.
func (e *engine) listFor(q *query, i int) *phraseList {
	key, profile := phraseKey(q, i)
	return e.cachedList(key, q.phrases[i].Terms, profile)
}

// cachedList returns the list under key, working it out (workOut) the
// first time.
func (e *engine) cachedList(key string, terms []string, profile string) *phraseList {
	e.lists.mu.Lock()
	defer e.lists.mu.Unlock()
	if l, ok := e.lists.m[key]; ok {
		return l
	}
	l := e.workOut(terms, profile)
	if e.lists.m == nil {
		e.lists.m = map[string]*phraseList{}
	}
	e.lists.m[key] = l
	return l
}

// workOut is the list of the phrase of terms (where it matches in full),
// or with a profile's key, where the candidates are close to it
// (profileList).
func (e *engine) workOut(terms []string, profile string) *phraseList {
	if profile != "" {
		return e.profileList(profile)
	}
	l := new(phraseList)
	l.docs, l.strength = e.ix.FullMatches(terms)
	return l
}

// wordsOf returns the items that hold some of the words of the interest
// of several words terms, working them out the first time. Most items a
// person's search finds hold none of the words of most of their other
// interests: for those, the set answers (strength 0) without a look-up
// per term. A bit per item, shared by everyone who holds the interest.
func (e *engine) wordsOf(terms []string) bm25.DocSet {
	key := strings.Join(terms, " ")
	e.lists.mu.Lock()
	defer e.lists.mu.Unlock()
	if s, ok := e.lists.words[key]; ok {
		return s
	}
	s := e.ix.WithAnyOf(terms)
	if e.lists.words == nil {
		e.lists.words = map[string]bm25.DocSet{}
	}
	e.lists.words[key] = s
	return s
}

// prepareLists works out the lists of every interest and bridge of qs
// not yet known, and the items holding words of their interests of
// several words (wordsOf), on every processor.
func (e *engine) prepareLists(qs []*query) {
	e.lists.mu.Lock()
	if e.lists.m == nil {
		e.lists.m = map[string]*phraseList{}
	}
	if e.lists.words == nil {
		e.lists.words = map[string]bm25.DocSet{}
	}
	type phrase struct {
		key, profile string
		terms        []string
	}
	var todo []phrase
	var todoWords [][]string
	seen, seenWords := map[string]bool{}, map[string]bool{}
	for _, q := range qs {
		for i, p := range q.phrases[:q.nBridged()] {
			key, profile := phraseKey(q, i)
			if _, ok := e.lists.m[key]; !ok && !seen[key] {
				seen[key] = true
				todo = append(todo, phrase{key, profile, p.Terms})
			}
			if _, ok := e.lists.words[key]; i < q.nInterests && len(p.Terms) > 1 && !ok && !seenWords[key] {
				seenWords[key] = true
				todoWords = append(todoWords, p.Terms)
			}
		}
	}
	e.lists.mu.Unlock()
	done := make([]*phraseList, len(todo))
	doneWords := make([]bm25.DocSet, len(todoWords))
	e.each(len(todo)+len(todoWords), func(i int) {
		if i >= len(todo) {
			doneWords[i-len(todo)] = e.ix.WithAnyOf(todoWords[i-len(todo)])
			return
		}
		done[i] = e.workOut(todo[i].terms, todo[i].profile)
	})
	e.lists.mu.Lock()
	for i, p := range todo {
		e.lists.m[p.key] = done[i]
	}
	for i, terms := range todoWords {
		e.lists.words[strings.Join(terms, " ")] = doneWords[i]
	}
	e.lists.mu.Unlock()
}

// listEntry is one entry of a phrase list: which list, and its strength.
type listEntry struct {
	list     int
	strength float64
}

// find returns l's strength at document d, if l lists d, reading on from
// *i (its next entry), which it leaves at the first entry of a document ≥
// d: calls for one list must come in ascending d. It gallops: the
// documents asked for may be far apart.
func (l *phraseList) find(i *int, d int32) (float64, bool) {
	lo, end := *i, len(l.docs)
	if lo >= end || l.docs[lo] >= d {
		return l.strengthAt(lo, d)
	}
	step := 1
	for lo+step < end && l.docs[lo+step] < d {
		lo += step
		step *= 2
	}
	k, _ := slices.BinarySearch(l.docs[lo:min(lo+step+1, end)], d)
	*i = lo + k
	return l.strengthAt(*i, d)
}

// strengthAt is l's strength at entry i if that entry is document d's.
func (l *phraseList) strengthAt(i int, d int32) (float64, bool) {
	if i < len(l.docs) && l.docs[i] == d {
		return l.strength[i], true
	}
	return 0, false
}

// cursors merges phrase lists by document: a heap of the lists' next
// entries, by document, then by list (so that one document's entries
// come in phrase order).
type cursors struct {
	lists []*phraseList
	at    []int // per list: its next entry
	heap  []int // lists with entries left
}

func newCursors(lists []*phraseList) *cursors {
	c := &cursors{lists: lists, at: make([]int, len(lists))}
	for i, l := range lists {
		if l != nil && len(l.docs) > 0 {
			c.heap = append(c.heap, i)
		}
	}
	for i := len(c.heap)/2 - 1; i >= 0; i-- {
		c.down(i)
	}
	return c
}

func (c *cursors) less(a, b int) bool {
	da, db := c.lists[a].docs[c.at[a]], c.lists[b].docs[c.at[b]]
	return da < db || da == db && a < b
}

func (c *cursors) down(i int) {
	h := c.heap
	for {
		k := 2*i + 1
		if k >= len(h) {
			return
		}
		if k+1 < len(h) && c.less(h[k+1], h[k]) {
			k++
		}
		if !c.less(h[k], h[i]) {
			return
		}
		h[i], h[k] = h[k], h[i]
		i = k
	}
}

// next returns the next entry: its list, document and strength; ok is
// false when every list is done.
func (c *cursors) next() (list int, doc int32, strength float64, ok bool) {
	if len(c.heap) == 0 {
		return 0, 0, 0, false
	}
	list = c.heap[0]
	l, at := c.lists[list], c.at[list]
	doc, strength = l.docs[at], l.strength[at]
	c.at[list]++
	if c.at[list] == len(l.docs) {
		last := len(c.heap) - 1
		c.heap[0] = c.heap[last]
		c.heap = c.heap[:last]
	}
	if len(c.heap) > 0 {
		c.down(0)
	}
	return list, doc, strength, true
}

// peek is the document of the next entry, or -1.
func (c *cursors) peek() int32 {
	if len(c.heap) == 0 {
		return -1
	}
	l := c.heap[0]
	return c.lists[l].docs[c.at[l]]
}

// topHits keeps the best limit hits (0: all) in a heap whose root is the
// worst kept.
type topHits struct {
	e     *engine
	limit int
	hits  []hit
}

// full reports whether a hit must beat the worst kept to be kept.
func (t *topHits) full() bool { return t.limit > 0 && len(t.hits) == t.limit }

// worst is the worst hit kept; only when full.
func (t *topHits) worst() hit { return t.hits[0] }

// add keeps h if it is among the best.
func (t *topHits) add(h hit) {
	if t.limit == 0 {
		t.hits = append(t.hits, h)
		return
	}
	worse := func(a, b hit) bool { return t.e.before(b, a) }
	if len(t.hits) < t.limit {
		t.hits = append(t.hits, h)
		for i := len(t.hits) - 1; i > 0; {
			p := (i - 1) / 2
			if !worse(t.hits[i], t.hits[p]) {
				break
			}
			t.hits[i], t.hits[p] = t.hits[p], t.hits[i]
			i = p
		}
		return
	}
	if !t.e.before(h, t.hits[0]) {
		return
	}
	t.hits[0] = h
	for i := 0; ; {
		k := 2*i + 1
		if k >= len(t.hits) {
			return
		}
		if k+1 < len(t.hits) && worse(t.hits[k+1], t.hits[k]) {
			k++
		}
		if !worse(t.hits[k], t.hits[i]) {
			return
		}
		t.hits[i], t.hits[k] = t.hits[k], t.hits[i]
		i = k
	}
}
