package main

import "strings"

// This file holds the patterns that pick acronym and spelling-variant pairs
// out of WordNet synsets. A pair is only ever taken from two lemmas that
// WordNet puts in the same synset; the patterns decide which such pairs are
// an abbreviation or a spelling variant, and in which direction.

// stopwords may be left out of an acronym ("DoD", "Department of Defense").
var stopwords = map[string]bool{"of": true, "and": true, "the": true, "for": true, "in": true, "on": true, "to": true, "a": true, "an": true, "&": true}

// isAcronym reports whether abbr, as WordNet writes it, abbreviates the
// lower-case multiword lemma exp: abbr is one token with at least two capital
// letters (or written with dots) whose letters, in order, begin the words of
// exp (stop words may be skipped); a word may give more than its initial
// ("DNA", "deoxyribonucleic acid") as long as every kept word gives its
// initial.
func isAcronym(abbr, exp string) bool {
	if strings.ContainsAny(abbr, " ") || !strings.Contains(exp, " ") {
		return false
	}
	upper, dots := 0, strings.Contains(abbr, ".")
	var letters []byte
	for i := 0; i < len(abbr); i++ {
		c := abbr[i]
		switch {
		case c >= 'A' && c <= 'Z':
			upper++
			letters = append(letters, c+'a'-'A')
		case c >= 'a' && c <= 'z':
			letters = append(letters, c)
		case c == '.' || c == '&' || c == '-' || c == '/':
		default:
			return false
		}
	}
	if len(letters) < 2 || len(letters) > 10 || (upper < 2 && !dots) {
		return false
	}
	words := strings.FieldsFunc(exp, func(r rune) bool { return r == ' ' || r == '-' || r == '/' })
	if len(words) < 2 {
		return false
	}
	return matchInitials(letters, words)
}

func matchInitials(letters []byte, words []string) bool {
	if len(words) == 0 {
		return len(letters) == 0
	}
	w := words[0]
	if stopwords[w] && matchInitials(letters, words[1:]) {
		return true
	}
	if len(letters) == 0 || w[0] != letters[0] {
		return false
	}
	// The word gives its initial, then possibly more of its letters in order.
	rest := letters[1:]
	if matchInitials(rest, words[1:]) {
		return true
	}
	k := 0
	for i := 1; i < len(w) && k < len(rest); i++ {
		if w[i] == rest[k] {
			k++
			if matchInitials(rest[k:], words[1:]) {
				return true
			}
		}
	}
	return false
}

func isLetter(c byte) bool { return c >= 'a' && c <= 'z' }
func isVowel(c byte) bool  { return strings.IndexByte("aeiouy", c) >= 0 }

// wordEnd reports whether position i in s ends a word.
func wordEnd(s string, i int) bool { return i == len(s) || s[i] == ' ' || s[i] == '-' }

// rule rewrites a British spelling at position i of s to its American form.
type rule struct {
	from, to string
	ok       func(s string, i int) bool // context check at the match
}

var britishToAmerican = []rule{
	// colour/color, behaviour/behavior, favourite/favorite
	{"our", "or", func(s string, i int) bool { return i > 0 && isLetter(s[i-1]) && !isVowel(s[i-1]) }},
	// organise/organize, organisation/organization, organising/organizing
	{"is", "iz", func(s string, i int) bool {
		return i > 1 && isLetter(s[i-1]) && followedBy(s, i+2, "e", "i", "ation", "able", "ance", "ant")
	}},
	// analyse/analyze, paralysing/paralyzing
	{"ys", "yz", func(s string, i int) bool { return i > 1 && i+2 < len(s) && strings.IndexByte("ei", s[i+2]) >= 0 }},
	// catalogue/catalog, dialogue/dialog
	{"ogue", "og", func(s string, i int) bool { return i > 0 && wordEnd(s, i+4) }},
	// centre/center, fibre/fiber, manoeuvre/maneuver
	{"re", "er", func(s string, i int) bool {
		return i > 1 && isLetter(s[i-1]) && !isVowel(s[i-1]) && s[i-1] != 'r' && wordEnd(s, i+2)
	}},
	// defence/defense, licence/license
	{"ence", "ense", func(s string, i int) bool { return i > 1 && wordEnd(s, i+4) }},
	// anaemia/anemia, encyclopaedia/encyclopedia, aesthetic/esthetic
	{"ae", "e", func(s string, i int) bool { return i+2 < len(s) && isLetter(s[i+2]) }},
	// oestrogen/estrogen, diarrhoea/diarrhea
	{"oe", "e", func(s string, i int) bool { return i+2 < len(s) && isLetter(s[i+2]) }},
	// travelling/traveling, marvellous/marvelous, counsellor/counselor:
	// British doubles a final l before a suffix that starts with a vowel
	{"ll", "l", func(s string, i int) bool {
		return i > 1 && isVowel(s[i-1]) && !isVowel(s[i-2]) &&
			(followedBy(s, i+2, "ed", "ing", "er", "or", "ous", "en", "ery", "ity", "ist", "iz", "is") || (followedBy(s, i+2, "i") && wordEnd(s, i+3)))
	}},
	// skilful/skillful, enrolment/enrollment, thraldom/thralldom: American
	// keeps the doubled l before -ful, -ment, -dom
	{"l", "ll", func(s string, i int) bool {
		return i > 1 && isVowel(s[i-1]) && !isVowel(s[i-2]) && followedBy(s, i+1, "ful", "ment", "dom")
	}},
	// programme/program, kilogramme/kilogram
	{"gramme", "gram", func(s string, i int) bool { return wordEnd(s, i+6) }},
	// mould/mold, smoulder/smolder, moult/molt
	{"oul", "ol", func(s string, i int) bool { return i > 0 && i+3 < len(s) && (s[i+3] == 'd' || s[i+3] == 't') }},
	// judgement/judgment, acknowledgement/acknowledgment
	{"dgement", "dgment", func(s string, i int) bool { return true }},
	// ageing/aging
	{"geing", "ging", func(s string, i int) bool { return true }},
	// connexion/connection, inflexion/inflection
	{"xion", "ction", func(s string, i int) bool { return i > 0 }},
	// sceptic/skeptic
	{"scept", "skept", func(s string, i int) bool { return true }},
}

// followedBy reports whether s continues at i with one of the suffixes.
func followedBy(s string, i int, suffixes ...string) bool {
	for _, x := range suffixes {
		if strings.HasPrefix(s[i:], x) {
			return true
		}
	}
	return false
}

// finalL rewrites a British verb ending in one l after one vowel to the
// American double l (fulfil/fulfill, enrol/enroll, instil/instill). Only
// verbs: nouns so written (carrel, idyl, marshal) are not this pattern.
func finalL(s string) string {
	n := len(s)
	if n > 3 && s[n-1] == 'l' && isVowel(s[n-2]) && !isVowel(s[n-3]) {
		return s + "l"
	}
	return ""
}

// americanForms lists the forms of s reached by applying the rules at any
// non-empty subset of the places they match.
func americanForms(s string) map[string]bool {
	out := map[string]bool{}
	var walk func(done string, i int, changed bool)
	walk = func(done string, i int, changed bool) {
		if len(out) > 256 {
			return
		}
		if i >= len(s) {
			if changed {
				out[done] = true
			}
			return
		}
		for _, r := range britishToAmerican {
			if strings.HasPrefix(s[i:], r.from) && r.ok(s, i) {
				walk(done+r.to, i+len(r.from), true)
			}
		}
		walk(done+s[i:i+1], i+1, changed)
	}
	walk("", 0, false)
	return out
}

// variantPair reports whether x and y (lemmas of one synset) are spelling
// variants, and returns them as (british, american) or (hyphenated or
// spaced, joined).
func variantPair(x, y string, verb bool) (string, string, bool) {
	for _, p := range [][2]string{{x, y}, {y, x}} {
		a, b := p[0], p[1]
		if strings.ContainsAny(a, "- ") && !strings.ContainsAny(b, "- ") &&
			strings.NewReplacer("-", "", " ", "").Replace(a) == b {
			return a, b, true
		}
	}
	if verb && finalL(x) == y {
		return x, y, true
	}
	if verb && finalL(y) == x {
		return y, x, true
	}
	if americanForms(x)[y] {
		return x, y, true
	}
	if americanForms(y)[x] {
		return y, x, true
	}
	return "", "", false
}
