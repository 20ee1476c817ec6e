package suggest

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Homonyms: "Go" the language is not the verb "go", "Rust" the language
// not the rust on a bridge. An interest of one word that is also an
// everyday word (commonWord) carries a match only where the item reads it
// in the interest's sense:
//   - written as a name ("Go", "Rust"), the item must use it as a name: in
//     the same capitals, somewhere other than the start of a sentence or
//     a title in title case; and either in its title, or a second time,
//     or beside a word of the recipient's other interests or of this
//     one's bridges;
//   - written in lower case, the item must use it twice, or beside such a
//     word.
// Elsewhere it is a hint at most (guardFailed of its strength), never
// named in "why".

// guardFailed is what is left of an ambiguous interest's strength in an
// item that does not pass its guard.
const guardFailed = 0.3

// commonWord reports whether a lower-case word is an everyday English
// word (the lexicon knows it), so that an interest made of it alone is
// ambiguous.
var commonWord = func(word string) bool { return false }

// guard is what an item needs for an ambiguous interest to count.
type guard struct {
	word    string   // as the user wrote it
	term    string   // its analysed term
	named   bool     // written with a capital: its case tells the senses apart
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
	r, _ := utf8.DecodeRuneInString(w)
	g := &guard{word: w, term: terms[0], named: unicode.IsUpper(r)}
	for _, t := range context {
		if t != g.term {
			g.context = append(g.context, t)
		}
	}
	return g
}

// passes reports whether candidate doc reads g's word in the interest's
// sense.
func (g *guard) passes(e *engine, doc int) bool {
	context := false
	for _, t := range g.context {
		if e.ix.count(int32(doc), t) > 0 {
			context = true
			break
		}
	}
	if !g.named {
		return context || e.ix.count(int32(doc), g.term) >= 2
	}
	it := e.items[doc]
	n := 0
	if !titleCase(it.Title) {
		n += 2 * asName(it.Title, g.word) // a title says what the item is about
	}
	text := it.Text
	if len(text) > maxTextBytes {
		text = text[:maxTextBytes]
	}
	n += asName(text, g.word)
	return n >= 2 || n == 1 && context
}

// asName counts the places where s has word, in its capitals, as a whole
// word, other than at the start of s or of a sentence.
func asName(s, word string) int {
	n := 0
	for i := 0; ; {
		j := strings.Index(s[i:], word)
		if j < 0 {
			return n
		}
		at := i + j
		i = at + len(word)
		if r, _ := utf8.DecodeRuneInString(s[i:]); i < len(s) && isWordRune(r) {
			continue // "Gopher", "Rusty"
		}
		if at > 0 && isWordRune(lastRune(s[:at])) {
			continue // inside a word: "ProGo"
		}
		before := strings.TrimRight(s[:at], " \t\r\n\"“‘'([*_")
		if before == "" {
			continue // the start of s
		}
		switch lastRune(before) {
		case '.', '!', '?', '…':
			continue // the start of a sentence
		}
		n++
	}
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
