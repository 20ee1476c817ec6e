package lexicon

import (
	_ "embed"
	"slices"
	"strings"
	"sync"
)

// The acronym list: what acronyms stand for, from the acronym files of
// Debian's bsdgames (the lists wtf(6) reads, public domain), made by
// internal/gen (-acronyms) into acronyms.tsv; see README.md. It knows the
// pairs a dictionary of acronyms knows ("UX", "user experience"; "ML",
// five of them), not those of every field ("SRE", "PKM").

//go:embed acronyms.tsv
var acronymsTSV string

var acronymList = sync.OnceValue(func() *acronymTable {
	t := &acronymTable{byKey: map[string][]string{}, byExp: map[string][]string{}}
	for line := range strings.Lines(acronymsTSV) {
		key, exp, ok := strings.Cut(strings.TrimSuffix(line, "\n"), "\t")
		if !ok || strings.HasPrefix(key, "#") {
			continue
		}
		exp = foldExpansion(exp)
		if !slices.Contains(t.byKey[key], exp) {
			t.byKey[key] = append(t.byKey[key], exp)
		}
		if !slices.Contains(t.byExp[exp], key) {
			t.byExp[exp] = append(t.byExp[exp], key)
		}
	}
	return t
})

type acronymTable struct {
	byKey map[string][]string // key → expansions
	byExp map[string][]string // expansion → keys
}

// foldExpansion is an expansion's lower-case words separated by one
// space, '-' and '/' read as spaces ("test-driven development" is "test
// driven development").
func foldExpansion(s string) string {
	s = strings.Map(func(r rune) rune {
		if r == '-' || r == '/' {
			return ' '
		}
		return r
	}, strings.ToLower(s))
	return strings.Join(strings.Fields(s), " ")
}

// AcronymExpansions returns what the acronym list says the acronym of
// key (its letters and digits in lower case: "ml") stands for, in
// alphabetical order, as lower-case words separated by one space; nil
// when the list does not know it. The caller must not change it.
func AcronymExpansions(key string) []string {
	return acronymList().byKey[key]
}

// AcronymsOf returns the keys of the acronyms the acronym list gives for
// the words of expansion ("test-driven development" → "tdd"); nil when it
// gives none. The caller must not change it.
func AcronymsOf(expansion string) []string {
	return acronymList().byExp[foldExpansion(expansion)]
}
