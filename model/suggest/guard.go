package suggest

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Homonyms: "Go" the language is not the verb "go", "Rust" the language
// not the rust on a bridge. An interest of one word written as a name
// ("Go", "Rust", "Java") whose lower case is an everyday word
// (commonWord) carries a match only where the item uses it as a name:
// never in lower case ("let's go"), and on its own inside a sentence
// (asName: not at its start, not beside another capitalised word as in
// "Taylor Swift") in its title, or twice; or at all, beside a word of the
// recipient's other interests or of this one's bridges. Elsewhere it is a hint at most (guardFailed of its strength),
// never named in "why". An interest written in lower case ("baseball",
// "knitting") names a topic, not a thing: it needs no guard.

// guardFailed is what is left of an ambiguous interest's strength in an
// item that does not pass its guard.
const guardFailed = 0.3

// commonWord reports whether a lower-case word is an everyday English
// word (the lexicon knows it), so that an interest made of it alone is
// ambiguous.
var commonWord = func(word string) bool { return false }

// guard is what an item needs for an ambiguous interest to count.
type guard struct {
	word    string   // as the user wrote it, with its capitals
	term    string   // its analysed term
	context []string // terms that speak for the interest's sense
}

// guardFor returns the guard of the interest the user wrote as name (its
// terms are terms), or nil when it needs none. context holds the terms
// that speak for its sense.
func (e *engine) guardFor(name string, terms, context []string) *guard {
	w := strings.TrimSpace(name)
	if len(terms) != 1 || strings.ContainsFunc(w, func(r rune) bool { return !isWordRune(r) }) || !commonWord(strings.ToLower(w)) {
		return nil
	}
	if r, _ := utf8.DecodeRuneInString(w); !unicode.IsUpper(r) {
		return nil
	}
	g := &guard{word: w, term: terms[0]}
	for _, t := range context {
		if t != g.term {
			g.context = append(g.context, t)
		}
	}
	return g
}

// passes reports whether candidate doc reads g's word in the interest's
// sense: never in lower case, and as a name in its title, or twice, or
// once beside a word that speaks for the sense.
func (g *guard) passes(e *engine, doc int) bool {
	it := e.items[doc]
	text := body(it.Text)
	lower := strings.ToLower(g.word)
	if wordCount(it.Title, lower) > 0 || wordCount(text, lower) > 0 {
		return false // "let's go", "rust has eaten the railings"
	}
	named := wordCount(it.Title, g.word) + wordCount(text, g.word)
	if named == 0 {
		return false
	}
	if !readsEnglish(it.Title, text) {
		// The homonyms are English words, and German writes every noun
		// with a capital: "Die Java Virtual Machine".
		return true
	}
	title := asName(it.Title, g.word)
	if title > 0 && !titleCase(it.Title) || title+asName(text, g.word) >= 2 {
		return true
	}
	for _, t := range g.context {
		if e.ix.count(int32(doc), t) > 0 {
			return true
		}
	}
	return false
}

// asName counts the places where s has word as a name on its own: in its
// capitals, as a whole word, after a word in lower case or a comma
// rather than at the start of s or of a sentence (where every word has a
// capital), and not beside another capitalised word inside a sentence
// ("Taylor Swift", "Rust Belt" are other names; German's "Die Java-…"
// starts a sentence).
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
		if r := firstRune(before[p+1:]); unicode.IsUpper(r) && !sentenceStart(before[:p+1]) {
			return true // after a capitalised word inside a sentence: "Taylor Swift"
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
// so that a capital there says nothing.
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
	return n >= 2 && upper*10 >= n*6
}
