// Package lexicon is a compact lexical resource generated from WordNet 3.0:
// for a lemma, the other lemmas WordNet puts in its synsets (synonyms,
// weighted by how likely the shared sense is for both), acronym/expansion
// pairs, and British→American and hyphenated→joined spelling pairs; and
// a dictionary of acronyms (AcronymExpansions, AcronymsOf).
//
// The tables are built by internal/gen from Debian's wordnet-base files
// and bsdgames' acronym lists, and embedded; see README.md. The package imports nothing from the project.
package lexicon

//go:generate go run ./internal/gen -wordnet /usr/share/wordnet -out wordnet.gz -senses senses.gz -acronyms /usr/share/games/bsdgames/acronyms,/usr/share/games/bsdgames/acronyms.comp -acronyms-out acronyms.tsv

import (
	"bytes"
	_ "embed"
	"fmt"
	"sort"
	"strings"
	"sync"
)

//go:embed wordnet.gz
var tableGz []byte

// Kind says how an entry relates to the queried lemma.
type Kind uint8

const (
	// Synonym: the two lemmas share a WordNet synset.
	Synonym Kind = iota + 1
	// Acronym: Entry.Lemma is an acronym of the query ("ai" for
	// "artificial intelligence").
	Acronym
	// Expansion: Entry.Lemma expands the query acronym ("artificial
	// intelligence" for "ai").
	Expansion
)

func (k Kind) String() string {
	switch k {
	case Synonym:
		return "synonym"
	case Acronym:
		return "acronym"
	case Expansion:
		return "expansion"
	}
	return fmt.Sprintf("Kind(%d)", uint8(k))
}

// Entry is one lemma related to a query. Lemma is lower-case, words
// separated by single spaces. Weight is in (0,1]: for synonyms, the
// probability that the query and Lemma are meant in the sense they share
// (summed over shared senses, from WordNet's tag counts with add-one
// smoothing); 1 means both lemmas have only that one sense.
type Entry struct {
	Lemma  string
	Kind   Kind
	Weight float32
}

type table struct {
	names   string   // all lemmas, each ended by '\n'
	starts  []uint32 // lemma i is names[starts[i]:starts[i+1]-1]
	edgeAt  []uint32 // edges of lemma i are edges[edgeAt[i]:edgeAt[i+1]]
	targets []uint32
	weights []uint8     // entry weight times 255
	kinds   []uint8     // entry Kind
	folded  []foldEntry // lemmas with '-' by their form with ' ' for '-'
	pairs   [][2]string
}

type foldEntry struct {
	key string
	idx uint32
}

var (
	once   sync.Once
	tab    *table
	tabErr error
)

func load() *table {
	once.Do(func() {
		tab, tabErr = decode(tableGz)
	})
	if tabErr != nil {
		// The table is generated and embedded at build time: a broken one
		// is a build defect, caught by the package tests.
		panic("lexicon: " + tabErr.Error())
	}
	return tab
}

const magic = "KFLEX1\n"

func decode(gz []byte) (*table, error) {
	raw, p, err := unpack(gz, magic)
	if err != nil {
		return nil, err
	}
	next := func() (uint64, error) { return uvarint(raw, &p) }
	n, err := next()
	if err != nil {
		return nil, err
	}
	t := &table{starts: make([]uint32, n+1), edgeAt: make([]uint32, n+1)}
	begin := p
	for i := uint64(0); i < n; i++ {
		j := bytes.IndexByte(raw[p:], '\n')
		if j < 0 {
			return nil, fmt.Errorf("truncated lemma list")
		}
		t.starts[i] = uint32(p - begin)
		p += j + 1
	}
	t.starts[n] = uint32(p - begin)
	t.names = string(raw[begin:p])
	for i := uint64(0); i < n; i++ {
		m, err := next()
		if err != nil {
			return nil, err
		}
		t.edgeAt[i] = uint32(len(t.targets))
		prev := uint64(0)
		for k := uint64(0); k < m; k++ {
			gap, err := next()
			if err != nil {
				return nil, err
			}
			prev += gap
			if prev >= n || p+2 > len(raw) {
				return nil, fmt.Errorf("bad entry for lemma %d", i)
			}
			t.targets = append(t.targets, uint32(prev))
			t.kinds = append(t.kinds, raw[p])
			t.weights = append(t.weights, raw[p+1])
			p += 2
		}
	}
	t.edgeAt[n] = uint32(len(t.targets))
	np, err := next()
	if err != nil {
		return nil, err
	}
	rest := strings.Split(string(raw[p:]), "\n")
	if uint64(len(rest)) != 2*np+1 || rest[2*np] != "" {
		return nil, fmt.Errorf("bad spelling section")
	}
	t.pairs = make([][2]string, np)
	for i := range t.pairs {
		t.pairs[i] = [2]string{rest[2*i], rest[2*i+1]}
	}
	for i := uint64(0); i < n; i++ {
		if l := t.lemma(uint32(i)); strings.IndexByte(l, '-') >= 0 {
			t.folded = append(t.folded, foldEntry{strings.ReplaceAll(l, "-", " "), uint32(i)})
		}
	}
	sort.SliceStable(t.folded, func(i, j int) bool { return t.folded[i].key < t.folded[j].key })
	return t, nil
}

func (t *table) lemma(i uint32) string {
	return t.names[t.starts[i] : t.starts[i+1]-1]
}

func (t *table) find(s string) (uint32, bool) {
	n := len(t.starts) - 1
	i := sort.Search(n, func(i int) bool { return t.lemma(uint32(i)) >= s })
	if i < n && t.lemma(uint32(i)) == s {
		return uint32(i), true
	}
	return 0, false
}

// normalize lower-cases s, turns '_' into ' ', trims it and collapses runs
// of spaces; fold further turns every run of spaces, '_' and '-' into one
// space.
func normalize(s string, fold bool) string {
	s = strings.ToLower(strings.TrimSpace(s))
	var b strings.Builder
	sep := false
	for _, r := range s {
		isSep := r == ' ' || r == '_' || r == '\t' || (fold && r == '-')
		if isSep {
			sep = true
			continue
		}
		if sep && b.Len() > 0 {
			b.WriteByte(' ')
		}
		sep = false
		b.WriteRune(r)
	}
	return b.String()
}

func (t *table) lookup(lemma string) (uint32, bool) {
	if i, ok := t.find(normalize(lemma, false)); ok {
		return i, true
	}
	f := normalize(strings.Trim(lemma, "-_ \t"), true)
	if i, ok := t.find(f); ok {
		return i, true
	}
	j := sort.Search(len(t.folded), func(j int) bool { return t.folded[j].key >= f })
	if j < len(t.folded) && t.folded[j].key == f {
		return t.folded[j].idx, true
	}
	return 0, false
}

// Related lists what WordNet relates to lemma, strongest first (ties by
// Lemma), without lemma itself. lemma is matched case-insensitively, with
// runs of spaces, '_' and '-' treated alike where that finds an entry
// ("e-mail", "e mail"); nil when unknown.
func Related(lemma string) []Entry {
	t := load()
	i, ok := t.lookup(lemma)
	if !ok {
		return nil
	}
	lo, hi := t.edgeAt[i], t.edgeAt[i+1]
	out := make([]Entry, 0, hi-lo)
	for e := lo; e < hi; e++ {
		out = append(out, Entry{Lemma: t.lemma(t.targets[e]), Kind: Kind(t.kinds[e]), Weight: float32(t.weights[e]) / 255})
	}
	sort.Slice(out, func(a, b int) bool {
		if out[a].Weight != out[b].Weight {
			return out[a].Weight > out[b].Weight
		}
		return out[a].Lemma < out[b].Lemma
	})
	return out
}

// SpellingPairs lists the British→American (and hyphenated or spaced →
// joined) pairs, sorted. The slice is a fresh copy.
func SpellingPairs() [][2]string {
	return append([][2]string(nil), load().pairs...)
}

// Len is the number of lemmas in the table (lemmas with at least one entry).
func Len() int {
	return len(load().starts) - 1
}
