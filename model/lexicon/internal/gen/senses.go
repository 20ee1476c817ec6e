package main

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
)

// The senses table (senses.gz), beside wordnet.gz: for each one-word
// lemma whose senses fall in two or more lexicographer files ("java": an
// island, coffee, a language), its senses of the noun and the verb, each
// with its lexicographer file, its tag count, whether WordNet writes the
// lemma there as a name, and a bag of words that tell the sense in a text
// (a Lesk signature):
//
//   - lemma words: the words of the lemmas of its synset and of the
//     synsets it points to as hypernym, instance hypernym, topic domain
//     and derivationally related form (of a lexical pointer, only the
//     lemma it points to);
//   - gloss words: the other content words of its gloss, definition and
//     examples (weaker: "week" in "a week's car hire").
//
// A word in more than maxGlossShare of all glosses ("person", "used",
// "genus") tells no sense from another and is left out, and so are words
// of fewer than three letters and the lemma itself.
//
// Format, version 1 (integers are unsigned varints):
//
//	"KFSENSE1\n"
//	nSynsets, then per synset: one byte lexicographer file, then its
//	    lemma words, '|', its gloss words, each separated by ' ', ended
//	    by '\n'
//	nLemmas, then per lemma, sorted by bytes: the lemma ended by '\n',
//	    nSenses, then per sense (most tagged first, then nouns before
//	    verbs, then WordNet's order): its family (the first sense of the
//	    lemma it is derived from or to, by derivational pointers, or
//	    itself), synset index, then tag count × 2 + 1 where WordNet writes
//	    the lemma there as a name ("Java")
const sensesMagic = "KFSENSE1\n"

const (
	// maxGlossShare: a word in more glosses than this share of all
	// synsets says nothing of which sense is meant.
	maxGlossShare = 0.003
	// maxSensesPerPOS: senses past this number in a part of speech, with
	// no tag count, are left out (maxUntaggedSense for synonyms).
	maxSensesPerPOS = maxUntaggedSense
)

// Parsed by build, for buildSenses.
var (
	parsedSynsets map[string]*synset
	parsedSenses  map[string][]*sense
)

// glossOf is a synset's gloss and pointers, as the data files give them.
type glossOf struct {
	gloss string
	ptrs  []pointer
}

// pointer is one of a synset's pointers: its symbol, its target synset
// key, and for a lexical pointer the target word (from 1; 0 for the
// whole synset).
type pointer struct {
	sym, target string
	word        int
}

func readGlosses(dir string) (map[string]glossOf, error) {
	out := map[string]glossOf{}
	for _, p := range posFiles {
		err := readLines(filepath.Join(dir, "data."+p.name), func(line string) error {
			head, gloss, _ := strings.Cut(line, " | ")
			f := strings.Fields(head)
			n, err := strconv.ParseInt(f[3], 16, 32)
			if err != nil {
				return err
			}
			at := 4 + 2*int(n)
			nPtr, err := strconv.Atoi(f[at])
			if err != nil {
				return err
			}
			g := glossOf{gloss: strings.TrimSpace(gloss)}
			for j := 0; j < nPtr; j++ {
				sym, off, pos, st := f[at+1+4*j], f[at+2+4*j], f[at+3+4*j], f[at+4+4*j]
				if pos == "s" {
					pos = "a"
				}
				w, err := strconv.ParseInt(st[2:], 16, 32)
				if err != nil {
					return err
				}
				g.ptrs = append(g.ptrs, pointer{sym, pos + off, int(w)})
			}
			out[string(p.pos)+f[0]] = g
			return nil
		})
		if err != nil {
			return nil, err
		}
	}
	return out, nil
}

// glossWords are the lower-case words of a gloss (letters, inner
// hyphens and apostrophes), in order.
func glossWords(s string) []string {
	return strings.FieldsFunc(strings.ToLower(s), func(r rune) bool {
		return !(r >= 'a' && r <= 'z' || r == '-' || r == '\'')
	})
}

// lemmaWords are the words of a synset's lemmas, lower case.
func lemmaWords(s *synset) []string {
	var out []string
	for _, w := range s.words {
		out = append(out, strings.FieldsFunc(w.lemma, func(r rune) bool { return r == ' ' || r == '-' })...)
	}
	return out
}

// buildSenses makes the senses table from what build parsed.
func buildSenses(dir string, report bool) ([]byte, error) {
	glosses, err := readGlosses(dir)
	if err != nil {
		return nil, err
	}
	// How many glosses hold each word.
	df := map[string]int{}
	for _, g := range glosses {
		seen := map[string]bool{}
		for _, w := range glossWords(g.gloss) {
			w = strings.Trim(w, "-'")
			if !seen[w] {
				seen[w] = true
				df[w]++
			}
		}
	}
	maxDF := int(maxGlossShare * float64(len(glosses)))

	// The lemmas: one word, letters a-z, senses in two or more files.
	type kept struct {
		lemma  string
		senses []*sense
	}
	var lemmas []kept
	for l, ss := range parsedSenses {
		if len(l) < 2 || !lettersOnly(l) {
			continue
		}
		files := map[int]bool{}
		for _, s := range ss {
			files[parsedSynsets[s.synset].lexFile] = true
		}
		if len(files) < 2 {
			continue
		}
		var keep []*sense
		for _, s := range ss {
			if (s.pos == 'n' || s.pos == 'v') && (s.tags > 0 || s.num <= maxSensesPerPOS) {
				keep = append(keep, s)
			}
		}
		sort.SliceStable(keep, func(i, j int) bool {
			a, b := keep[i], keep[j]
			if a.tags != b.tags {
				return a.tags > b.tags
			}
			if a.pos != b.pos {
				return a.pos == 'n'
			}
			return a.num < b.num
		})
		if len(keep) >= 2 {
			lemmas = append(lemmas, kept{l, keep})
		}
	}
	sort.Slice(lemmas, func(i, j int) bool { return lemmas[i].lemma < lemmas[j].lemma })

	// The synsets they use, in order of first use.
	synIdx := map[string]int{}
	var synKeys []string
	for _, k := range lemmas {
		for _, s := range k.senses {
			if _, ok := synIdx[s.synset]; !ok {
				synIdx[s.synset] = len(synKeys)
				synKeys = append(synKeys, s.synset)
			}
		}
	}

	var buf bytes.Buffer
	buf.WriteString(sensesMagic)
	putUvarint(&buf, uint64(len(synKeys)))
	nWords := 0
	for _, key := range synKeys {
		syn := parsedSynsets[key]
		g := glosses[key]
		strong, weak := map[string]bool{}, map[string]bool{}
		add := func(set map[string]bool, ws []string) {
			for _, w := range ws {
				w = strings.Trim(w, "-'")
				if len(w) >= 3 && lettersOnly(strings.NewReplacer("-", "", "'", "").Replace(w)) && df[w] <= maxDF {
					set[w] = true
				}
			}
		}
		add(strong, lemmaWords(syn))
		for _, p := range g.ptrs {
			switch p.sym {
			case "@", "@i", ";c", "+":
				t := parsedSynsets[p.target]
				switch {
				case t == nil:
				case p.word > 0 && p.word <= len(t.words):
					add(strong, lemmaWords(&synset{words: t.words[p.word-1 : p.word]}))
				default:
					add(strong, lemmaWords(t))
				}
			}
		}
		add(weak, glossWords(g.gloss))
		var words []string
		for w := range strong {
			words = append(words, w)
		}
		sort.Strings(words)
		var gw []string
		for w := range weak {
			if !strong[w] {
				gw = append(gw, w)
			}
		}
		sort.Strings(gw)
		nWords += len(words) + len(gw)
		buf.WriteByte(byte(syn.lexFile))
		buf.WriteString(strings.Join(words, " "))
		buf.WriteString("|")
		buf.WriteString(strings.Join(gw, " "))
		buf.WriteByte('\n')
	}
	putUvarint(&buf, uint64(len(lemmas)))
	nSenses := 0
	for _, k := range lemmas {
		buf.WriteString(k.lemma)
		buf.WriteByte('\n')
		putUvarint(&buf, uint64(len(k.senses)))
		// Families: senses of the lemma that WordNet derives one from
		// another ("mentor" the person and "mentor" the verb), joined.
		family := make([]int, len(k.senses))
		for i := range family {
			family[i] = i
		}
		var root func(int) int
		root = func(i int) int {
			for family[i] != i {
				i = family[i]
			}
			return i
		}
		for i, a := range k.senses {
			for _, p := range glosses[a.synset].ptrs {
				if p.sym != "+" {
					continue
				}
				for j, b := range k.senses {
					if b.synset == p.target {
						if ra, rb := root(i), root(j); ra != rb {
							family[max(ra, rb)] = min(ra, rb)
						}
					}
				}
			}
		}
		for i, s := range k.senses {
			putUvarint(&buf, uint64(root(i)))
			name := 0
			for _, w := range parsedSynsets[s.synset].words {
				if w.lemma == k.lemma && w.orig[0] >= 'A' && w.orig[0] <= 'Z' {
					name = 1
				}
			}
			putUvarint(&buf, uint64(synIdx[s.synset]))
			putUvarint(&buf, uint64(2*s.tags+name))
		}
		nSenses += len(k.senses)
	}

	gz, err := compress(buf.Bytes())
	if err != nil {
		return nil, err
	}
	if report {
		fmt.Fprintf(os.Stderr, "senses: %d lemmas, %d senses, %d synsets, %d signature words (gloss words in more than %d glosses left out), %d bytes raw, %d bytes gzip\n",
			len(lemmas), nSenses, len(synKeys), nWords, maxDF, buf.Len(), gz.Len())
	}
	return gz.Bytes(), nil
}

// lettersOnly reports whether s is made of letters a-z only.
func lettersOnly(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < 'a' || s[i] > 'z' {
			return false
		}
	}
	return true
}
