// Package acronym reads acronyms as people write them: which words are
// acronyms ("SRE", "CoPs", "L&D"), the initials a run of words makes
// ("site reliability engineering" → "sre"), and where a text defines one
// ("site reliability engineering (SRE)"). The suggestion engine
// (model/suggest) bridges interests with them, and the store
// (model/store) learns the definitions its items give.
package acronym

import (
	"strings"
	"unicode"

	"github.com/knowflow/knowflow/model/analysis"
)

// Key reports whether s is written as an acronym ("SRE", "PKM",
// "L&D", "K8S": one word of 2 to 6 letters, digits and '&', at least two
// capitals), and returns its letters and digits in lower case ("sre",
// "ld"). As people write acronyms, it may end in a plural "s" ("SREs")
// and hold one lower-case letter inside, a stop word's initial that
// stays out of the key ("CoP" for "community of practice", "IoT"): both
// are dropped from the key ("sre", "cp", "it").
func Key(s string) (string, bool) {
	s = strings.TrimSpace(s)
	if len(s) < 2 || len(s) > 8 {
		return "", false
	}
	s = strings.TrimSuffix(strings.TrimSuffix(s, "'s"), "’s")
	if n := len(s); n > 2 && s[n-1] == 's' && s[n-2] >= 'A' && s[n-2] <= 'Z' {
		s = s[:n-1] // "SREs", "CoPs"
	}
	upper, lower := 0, 0
	var b strings.Builder
	for i, r := range s {
		switch {
		case r >= 'A' && r <= 'Z':
			upper++
			b.WriteRune(r + 'a' - 'A')
		case r >= '0' && r <= '9':
			b.WriteRune(r)
		case r >= 'a' && r <= 'z' && i > 0 && i < len(s)-1:
			lower++ // "CoP": the "of" of "community of practice"
		case r == '&':
		default:
			return "", false
		}
	}
	if upper < 2 || lower > 1 || b.Len() > 6 {
		return "", false
	}
	return b.String(), true
}

// Initials is the first letters of the words of s that are not stop
// words, in lower case ("site reliability engineering" → "sre",
// "learning and development" → "ld"), or "" when s has fewer than two
// such words or a word that does not start with a letter a-z.
func Initials(s string) string {
	var b strings.Builder
	n := 0
	for _, w := range Words(s) {
		lw := strings.ToLower(w)
		if analysis.IsStopWord(lw) {
			continue
		}
		c := lw[0]
		if c < 'a' || c > 'z' {
			return ""
		}
		b.WriteByte(c)
		n++
	}
	if n < 2 {
		return ""
	}
	return b.String()
}

// Words splits s at every rune that is not a letter, digit or '&'.
func Words(s string) []string {
	return strings.FieldsFunc(s, func(r rune) bool {
		return !(unicode.IsLetter(r) || unicode.IsDigit(r) || r == '&')
	})
}

// Inner lists the keys of the words of a phrase of several words
// written as acronyms ("PKM tools" → "pkm").
func Inner(name string) []string {
	ws := strings.Fields(name)
	if len(ws) < 2 {
		return nil
	}
	var out []string
	for _, w := range ws {
		if k, ok := Key(w); ok {
			out = append(out, k)
		}
	}
	return out
}

// Find calls def for every acronym of wanted (nil: any) that s defines:
// "expansion words (ACR)" or "ACR (expansion words)", the expansion's
// words other than stop words starting with the acronym's letters; form
// is the acronym as written ("CoPs").
func Find(s string, wanted map[string]bool, def func(acr, exp, form string)) {
	for i := 0; ; {
		j := strings.IndexByte(s[i:], '(')
		if j < 0 {
			return
		}
		open := i + j
		end := strings.IndexByte(s[open+1:min(len(s), open+80)], ')')
		i = open + 1
		if end < 0 {
			continue
		}
		inner := strings.TrimSpace(s[open+1 : open+1+end])
		before := s[max(0, open-120):open]
		if acr, ok := Key(inner); ok && (wanted == nil || wanted[acr]) {
			// "site reliability engineering (SRE)"
			ws := Words(before)
			for k := 2; k <= len(ws) && k <= len(acr)+3; k++ {
				exp := strings.Join(ws[len(ws)-k:], " ")
				if Initials(exp) == acr {
					def(acr, exp, inner)
					break
				}
			}
			continue
		}
		// "SRE (site reliability engineering)"
		ws := Words(before)
		if len(ws) == 0 {
			continue
		}
		if acr, ok := Key(ws[len(ws)-1]); ok && (wanted == nil || wanted[acr]) && Initials(inner) == acr {
			def(acr, strings.Join(Words(inner), " "), ws[len(ws)-1])
		}
	}
}

// Wanted are the acronyms that interests use or make: an interest
// written as one ("SRE"), the initials of one of several words ("site
// reliability engineering" → "sre"), and the acronyms inside one ("PKM
// tools" → "pkm").
func Wanted(interests []string) map[string]bool {
	wanted := map[string]bool{}
	for _, s := range interests {
		if k, ok := Key(s); ok {
			wanted[k] = true
		} else if k := Initials(s); k != "" {
			wanted[k] = true
			for _, k := range Inner(s) {
				wanted[k] = true
			}
		}
	}
	return wanted
}

// Beside calls def for every acronym s writes in capitals ("PM", "PMs")
// and every run of words elsewhere in s whose initials spell it, stop
// words left out ("product manager", "product managers"): a text that
// writes both most often means one by the other, though it never says so
// in brackets; a chance run ("hit reply" beside "HR") is written beside
// it once, where the meant one recurs (the store counts them). An acronym
// after a number is a time or a unit ("3 PM"), none. Each pair is given
// once. A text of shouting capitals ("THE CREATIVE FORAGER")
// gives none.
func Beside(s string, def func(acr, exp, form string)) {
	ws := Words(s)
	type acr struct{ key, form string }
	var acrs []acr
	caps := 0
	for i, w := range ws {
		if strings.ToUpper(w) == w && len(w) > 1 {
			caps++
		}
		if k, ok := Key(w); ok && (i == 0 || !allDigits(ws[i-1])) { // "3 PM" is a time
			acrs = append(acrs, acr{k, w})
		}
	}
	if len(acrs) == 0 || 3*caps > len(ws) {
		return
	}
	// The content words, by their place in ws; an acronym's place breaks
	// a run, a stop word's does not ("learning and development").
	type word struct {
		at    int
		lower string
	}
	var runs [][]word
	var cur []word
	for i, w := range ws {
		lw := strings.ToLower(w)
		switch _, isAcr := Key(w); {
		case isAcr:
			if len(cur) > 0 {
				runs, cur = append(runs, cur), nil
			}
		case !analysis.IsStopWord(lw):
			cur = append(cur, word{i, lw})
		}
	}
	if len(cur) > 0 {
		runs = append(runs, cur)
	}
	seen := map[[2]string]bool{}
	for _, a := range acrs {
		n := len(a.key)
		for _, run := range runs {
			for i := 0; i+n <= len(run); i++ {
				ok := true
				for j := range n {
					if run[i+j].lower[0] != a.key[j] {
						ok = false
						break
					}
				}
				if !ok {
					continue
				}
				var b strings.Builder
				for k := run[i].at; k <= run[i+n-1].at; k++ {
					if b.Len() > 0 {
						b.WriteByte(' ')
					}
					b.WriteString(strings.ToLower(ws[k]))
				}
				exp := b.String()
				if k := [2]string{a.key, exp}; !seen[k] {
					seen[k] = true
					def(a.key, exp, a.form)
				}
			}
		}
	}
}

// allDigits reports whether w is made of ASCII digits only.
func allDigits(w string) bool {
	for i := 0; i < len(w); i++ {
		if w[i] < '0' || w[i] > '9' {
			return false
		}
	}
	return w != ""
}

// OfItem calls def once for each acronym an item's title and text define
// in brackets (Find; beside false) and for each written beside its words
// (Beside; beside true) that the item does not also define in brackets,
// expansions in lower case: what the store learns of one item.
func OfItem(title, text string, def func(acr, exp, form string, beside bool)) {
	type key struct {
		acr, exp, form string
		beside         bool
	}
	seen := map[key]bool{}
	add := func(beside bool) func(acr, exp, form string) {
		return func(acr, exp, form string) {
			k := key{acr, strings.ToLower(exp), form, beside}
			if beside && seen[key{k.acr, k.exp, k.form, false}] || seen[k] {
				return // given already, or in brackets
			}
			seen[k] = true
			def(k.acr, k.exp, k.form, beside)
		}
	}
	Find(title, nil, add(false))
	Find(text, nil, add(false))
	Beside(title+".\n"+text, add(true))
}
