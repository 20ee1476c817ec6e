package analysis

import (
	"maps"
	"strings"
	"sync"
	"sync/atomic"
)

// The term caches: folded token → term. Terms are pure functions of
// tokens, so a cache only saves work. Look-ups read an immutable snapshot
// without locking; a miss computes the term under mu and goes to fresh,
// which is merged into a new snapshot once it holds a quarter of the
// snapshot's size, or when that many look-ups went past the snapshot (so
// copying stays linear in the misses and look-ups). When the snapshot
// would pass maxCachedTerms it starts again from seed, so a cache stays
// bounded.
const maxCachedTerms = 1 << 17

type termCache struct {
	termOf func(tok string) string
	seed   func() map[string]string

	snap  atomic.Pointer[map[string]string]
	mu    sync.Mutex
	fresh map[string]string // guarded by mu
	slow  int               // look-ups past snap since it was made; guarded by mu
}

var (
	// analyzeTerms serves Analyze: "" for a stop word (seeded with them).
	analyzeTerms = newTermCache(termOf, func() map[string]string {
		m := make(map[string]string, 4096)
		for w := range stopWords {
			m[w] = ""
		}
		return m
	})
	// searchTerms serves SearchText: every token has a term.
	searchTerms = newTermCache(searchTermOf, func() map[string]string { return make(map[string]string, 4096) })
)

func newTermCache(termOf func(string) string, seed func() map[string]string) *termCache {
	c := &termCache{termOf: termOf, seed: seed}
	c.reset()
	return c
}

// lookupTerm returns the term of the folded token tok for Analyze ("" when
// dropped).
func lookupTerm(tok []byte) string { return analyzeTerms.lookup(tok) }

// lookup returns the term of the folded token tok.
func (c *termCache) lookup(tok []byte) string {
	if term, ok := (*c.snap.Load())[string(tok)]; ok {
		return term
	}
	return c.miss(string(tok))
}

// lookupString is lookup for a token held in a string (which the cache
// never keeps: it may be a slice of a large text).
func (c *termCache) lookupString(tok string) string {
	if term, ok := (*c.snap.Load())[tok]; ok {
		return term
	}
	return c.miss(strings.Clone(tok))
}

// miss returns the term of a token that the snapshot lacks.
func (c *termCache) miss(key string) string {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.slow++
	term, ok := c.fresh[key]
	if !ok {
		term = c.termOf(key)
		c.fresh[key] = term
	}
	if snap := *c.snap.Load(); c.slow >= 64+len(snap)/4 {
		var m map[string]string
		if len(snap)+len(c.fresh) > maxCachedTerms {
			m = c.seed()
		} else {
			m = make(map[string]string, len(snap)+len(c.fresh))
			maps.Copy(m, snap)
		}
		maps.Copy(m, c.fresh)
		c.snap.Store(&m)
		c.fresh = make(map[string]string)
		c.slow = 0
	}
	return term
}

// size returns the number of entries in the cache.
func (c *termCache) size() int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return len(*c.snap.Load()) + len(c.fresh)
}

// reset empties the cache.
func (c *termCache) reset() {
	c.mu.Lock()
	m := c.seed()
	c.snap.Store(&m)
	c.fresh = make(map[string]string)
	c.slow = 0
	c.mu.Unlock()
}

// cachedTerms returns the number of entries in Analyze's term cache.
func cachedTerms() int { return analyzeTerms.size() }

// resetTermCache empties the term caches (for benchmarks and tests).
func resetTermCache() {
	analyzeTerms.reset()
	searchTerms.reset()
}
