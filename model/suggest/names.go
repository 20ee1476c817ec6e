package suggest

import (
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/knowflow/knowflow/model/analysis"
)

// The name check's reading of text (see guard.go): whether an item is
// English, writes a word as a name, and the small text helpers it uses.

// english reports whether candidate doc reads as English (readsEnglish),
// where the lexicon's senses apply.
func (e *engine) english(doc int) bool {
	it := e.items[doc]
	return readsEnglish(it.Title, body(it.Text))
}

// longerName reports whether the phrase of terms, a bridge of g's
// interest, is a longer name of its word ("franz kafka" for "Kafka"):
// such a bridge says the other sense, not this one.
func (g *guard) longerName(terms []string) bool {
	for _, n := range g.names {
		if slices.Equal(n, terms) {
			return true
		}
	}
	return false
}

// holdsPhrase reports whether doc holds the phrase of terms in full.
func (e *engine) holdsPhrase(doc int, terms []string) bool {
	l := e.listOf(terms)
	_, ok := slices.BinarySearch(l.docs, int32(doc))
	return ok
}

// Verdicts of readsName.
const (
	nameNo    = iota // not as the name: "let's go", or not written so at all
	nameMaybe        // written so once: its field must decide
	nameYes          // as a name, or in a language that capitalises nouns
)

// readsName says how candidate doc writes g's word, a name: never in
// lower case, and as a name on its own in its title or twice.
func (g *guard) readsName(e *engine, doc int) int {
	it := e.items[doc]
	text := body(it.Text)
	lower := strings.ToLower(g.word)
	if wordCount(it.Title, lower) > 0 || wordCount(text, lower) > 0 {
		return nameNo // "let's go", "rust has eaten the railings"
	}
	if wordCount(it.Title, g.word)+wordCount(text, g.word) == 0 {
		return nameNo
	}
	if !readsEnglish(it.Title, text) {
		// The homonyms are English words, and German writes every noun
		// with a capital: "Die Java Virtual Machine".
		return nameYes
	}
	title := asName(it.Title, g.word)
	if title > 0 && !titleCase(it.Title) || title+asName(text, g.word) >= 2 {
		return nameYes
	}
	return nameMaybe
}

// asName counts the places where s has word as a name on its own: in its
// capitals, as a whole word, after a word in lower case or a comma
// rather than at the start of s or of a sentence (where every word has a
// capital), and not beside another capitalised word inside a sentence
// ("Taylor Swift", "Rust Belt" are other names; German's "Die Java-…"
// starts a sentence) nor after one that starts it and is no everyday
// word ("Monty Python", but "Learning Python").
func asName(s, word string) int {
	n := 0
	wholeWords(s, word, func(at, end int) bool {
		before := strings.TrimRight(s[:at], " \t\r\n\"“‘'([*_")
		if before == "" {
			return true // the start of s
		}
		prev := lastRune(before)
		if prev != ',' && prev != ';' && !unicode.IsLetter(prev) && !unicode.IsDigit(prev) {
			return true // a sentence's start
		}
		p := strings.LastIndexFunc(before, func(r rune) bool { return !isWordRune(r) })
		if prev := before[p+1:]; unicode.IsUpper(firstRune(prev)) {
			if !sentenceStart(before[:p+1]) {
				return true // after a capitalised word inside a sentence: "Taylor Swift"
			}
			if lw := strings.ToLower(prev); !everydayWord(lw) && !isStopWord(lw) {
				return true // after a name starting a sentence: "Monty Python"
			}
		}
		after := strings.TrimLeft(s[end:], " \t'’s")
		if r := firstRune(after); unicode.IsUpper(r) {
			return true // before a capitalised word: "Rust Belt"
		}
		n++
		return true
	})
	return n
}

// isStopWord reports whether a lower-case word is a stop word ("why").
func isStopWord(w string) bool {
	ok := analysis.IsStopWord(w)
	return ok
}

// readsEnglish reports whether parts, one after another, read as
// English: at least one word in twelve of their first 200 is one of
// English's commonest words.
func readsEnglish(parts ...string) bool {
	n, common := 0, 0
	for _, s := range parts {
		for _, w := range strings.FieldsFunc(s, func(r rune) bool { return !isWordRune(r) }) {
			if n == 200 {
				break
			}
			n++
			switch strings.ToLower(w) {
			case "the", "and", "of", "to", "is", "in", "that", "it", "for", "with", "was", "on", "are", "this", "you", "we", "a":
				common++
			}
		}
	}
	return n > 0 && common*12 >= n
}

// sentenceStart reports whether what follows s starts a sentence: s is
// empty or ends with a full stop, question or exclamation mark (before
// spaces and quotes).
func sentenceStart(s string) bool {
	s = strings.TrimRight(s, " \t\r\n\"“‘'([*_")
	if s == "" {
		return true
	}
	switch lastRune(s) {
	case '.', '!', '?', '…', ':':
		return true
	}
	return false
}

// wholeWords calls yield with the start and end of every place where s
// has word, in exactly its letters and capitals, as a whole word ("Go" is
// not in "Gopher" nor "ProGo"), until it returns false.
func wholeWords(s, word string, yield func(at, end int) bool) {
	for i := 0; ; {
		j := strings.Index(s[i:], word)
		if j < 0 {
			return
		}
		at, end := i+j, i+j+len(word)
		i = end
		if (at == 0 || !isWordRune(lastRune(s[:at]))) && (end == len(s) || !isWordRune(firstRune(s[end:]))) {
			if !yield(at, end) {
				return
			}
		}
	}
}

// wordCount counts the places where s has word as a whole word.
func wordCount(s, word string) int {
	n := 0
	wholeWords(s, word, func(int, int) bool { n++; return true })
	return n
}

func lastRune(s string) rune {
	r, _ := utf8.DecodeLastRuneInString(s)
	return r
}

// titleCase reports whether most words of a title start with a capital,
// so that a capital there says nothing: of its words of more than three
// letters, at least three, three in five. "What's new in Python 3.13" has
// too few to tell.
func titleCase(title string) bool {
	n, upper := 0, 0
	for _, w := range strings.Fields(title) {
		r, _ := utf8.DecodeRuneInString(w)
		if !unicode.IsLetter(r) || utf8.RuneCountInString(w) <= 3 {
			continue
		}
		n++
		if unicode.IsUpper(r) {
			upper++
		}
	}
	return n >= 3 && upper*10 >= n*6
}
