package lexicon

import (
	"bytes"
	_ "embed"
	"fmt"
	"sort"
	"strings"
	"sync"
)

// The senses of ambiguous words (senses.gz, made by internal/gen beside
// wordnet.gz; see README.md): for a one-word lemma whose WordNet senses
// fall in two or more lexicographer files, each sense of the noun and the
// verb with words that tell it in a text, for telling which sense a text
// means (Lesk).

//go:embed senses.gz
var sensesGz []byte

// Sense is one WordNet sense of a word.
type Sense struct {
	// Field is WordNet's lexicographer file of the sense (lexnames(5WN)):
	// its broad field, such as 5 noun.animal, 6 noun.artifact, 15
	// noun.location, 13 noun.food, 10 noun.communication, 41 verb.social.
	Field int
	// Name: WordNet writes the word as a name in this sense ("Java" the
	// island, not "java" the coffee).
	Name bool
	// Family is the index in Senses of the first sense this one is
	// derived from or to, by WordNet's derivational pointers (the verb
	// "mentor" and the person), or its own index: one meaning, said as
	// noun or verb.
	Family int
	// Tags is how often the sense was tagged in WordNet's semantic
	// concordance: how common it is.
	Tags int
	// Lemmas and Gloss are words that tell the sense in a text, lower
	// case, sorted, words in very many glosses left out: Lemmas, the words
	// of the lemmas of its synset and of the synsets it points to as
	// hypernym, topic domain or derived form ("rent", "lease", "rental");
	// Gloss, the other content words of its gloss, definition and
	// examples ("apartment", "car", "week"), weaker evidence.
	Lemmas, Gloss []string
}

const sensesMagic = "KFSENSE1\n"

type senseTable struct {
	field  []uint8  // per synset
	words  string   // every synset's words, each list ended by '\n'
	wordAt []uint32 // per synset, plus one: its list is words[wordAt[i]:wordAt[i+1]-1]
	names  string   // lemmas, each ended by '\n'
	nameAt []uint32 // per lemma, plus one
	family []uint32 // per lemma sense: the index of its family's first sense
	sense  []uint32 // per lemma sense: synset index
	flags  []uint32 // per lemma sense: tags × 2 + name
	at     []uint32 // per lemma, plus one: its senses are sense[at[i]:at[i+1]]
}

var (
	senseOnce sync.Once
	senseTab  *senseTable
	senseErr  error
)

func loadSenses() *senseTable {
	senseOnce.Do(func() { senseTab, senseErr = decodeSenses(sensesGz) })
	if senseErr != nil {
		panic("lexicon: senses: " + senseErr.Error())
	}
	return senseTab
}

func decodeSenses(gz []byte) (*senseTable, error) {
	raw, p, err := unpack(gz, sensesMagic)
	if err != nil {
		return nil, err
	}
	next := func() (uint64, error) { return uvarint(raw, &p) }
	nSyn, err := next()
	if err != nil {
		return nil, err
	}
	t := &senseTable{field: make([]uint8, nSyn), wordAt: make([]uint32, nSyn+1)}
	var words strings.Builder
	for i := uint64(0); i < nSyn; i++ {
		if p >= len(raw) {
			return nil, fmt.Errorf("truncated synsets")
		}
		t.field[i] = raw[p]
		p++
		j := bytes.IndexByte(raw[p:], '\n')
		if j < 0 {
			return nil, fmt.Errorf("truncated synset words")
		}
		t.wordAt[i] = uint32(words.Len())
		words.Write(raw[p : p+j+1])
		p += j + 1
	}
	t.wordAt[nSyn] = uint32(words.Len())
	t.words = words.String()
	nLem, err := next()
	if err != nil {
		return nil, err
	}
	t.nameAt = make([]uint32, nLem+1)
	t.at = make([]uint32, nLem+1)
	var names strings.Builder
	for i := uint64(0); i < nLem; i++ {
		j := bytes.IndexByte(raw[p:], '\n')
		if j < 0 {
			return nil, fmt.Errorf("truncated lemmas")
		}
		t.nameAt[i] = uint32(names.Len())
		names.Write(raw[p : p+j+1])
		p += j + 1
		n, err := next()
		if err != nil {
			return nil, err
		}
		t.at[i] = uint32(len(t.sense))
		for k := uint64(0); k < n; k++ {
			fam, err := next()
			if err != nil {
				return nil, err
			}
			if fam >= n {
				return nil, fmt.Errorf("bad family %d", fam)
			}
			t.family = append(t.family, uint32(fam))
			s, err := next()
			if err != nil {
				return nil, err
			}
			f, err := next()
			if err != nil {
				return nil, err
			}
			if s >= nSyn {
				return nil, fmt.Errorf("bad synset %d", s)
			}
			t.sense = append(t.sense, uint32(s))
			t.flags = append(t.flags, uint32(f))
		}
	}
	t.nameAt[nLem] = uint32(names.Len())
	t.at[nLem] = uint32(len(t.sense))
	t.names = names.String()
	if p != len(raw) {
		return nil, fmt.Errorf("%d bytes after the lemmas", len(raw)-p)
	}
	return t, nil
}

func (t *senseTable) lemma(i int) string {
	return t.names[t.nameAt[i] : t.nameAt[i+1]-1]
}

func (t *senseTable) find(w string) (int, bool) {
	n := len(t.nameAt) - 1
	i := sort.Search(n, func(i int) bool { return t.lemma(i) >= w })
	return i, i < n && t.lemma(i) == w
}

// baseForms are WordNet's rules of detachment (morphy) for nouns and
// verbs: an inflected ending and what replaces it in the base form
// ("hiring" → "hire", "transformers" → "transformer", "patches" →
// "patch").
var baseForms = [][2]string{
	{"s", ""}, {"ses", "s"}, {"xes", "x"}, {"zes", "z"}, {"ches", "ch"}, {"shes", "sh"}, {"men", "man"}, {"ies", "y"},
	{"es", "e"}, {"es", ""}, {"ed", "e"}, {"ed", ""}, {"ing", "e"}, {"ing", ""},
}

// Senses lists the senses of word, one word, case aside, most common
// first: its own if WordNet gives it senses in two or more broad fields,
// else those of its first base form that has ("hiring" is "hire",
// "coaching" "coach"); nil for a word of one field or none ("astronomy",
// "kubernetes"). Only the senses of the noun and the verb are listed, and
// past the third of each only those that are tagged.
func Senses(word string) []Sense {
	t := loadSenses()
	w := strings.ToLower(strings.TrimSpace(word))
	if w == "" || strings.ContainsAny(w, " \t_") {
		return nil
	}
	i, ok := t.find(w)
	for _, d := range baseForms {
		if ok {
			break
		}
		if base, cut := strings.CutSuffix(w, d[0]); cut && len(base) >= 2 {
			i, ok = t.find(base + d[1])
		}
	}
	if !ok {
		return nil
	}
	out := make([]Sense, 0, t.at[i+1]-t.at[i])
	for k := t.at[i]; k < t.at[i+1]; k++ {
		s, f := t.sense[k], t.flags[k]
		lw, gw, _ := strings.Cut(t.words[t.wordAt[s]:t.wordAt[s+1]-1], "|")
		out = append(out, Sense{Field: int(t.field[s]), Family: int(t.family[k]), Name: f&1 == 1, Tags: int(f >> 1), Lemmas: strings.Fields(lw), Gloss: strings.Fields(gw)})
	}
	return out
}
