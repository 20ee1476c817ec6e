package bm25

import (
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/knowflow/knowflow/model/analysis"
	"github.com/knowflow/knowflow/model/suggest/internal/benchcorpus"
)

// streamTerms are the terms of each field of the documents of an
// unsealed index, as its chunks hold them.
func streamTerms(ix *Index) [][]string {
	var out [][]string
	for _, c := range ix.chunks {
		var field []string
		for _, l := range c.stream {
			if l < 0 {
				out = append(out, field)
				field = nil
				continue
			}
			field = append(field, c.vocab[l])
		}
	}
	return out
}

// The index's analysis (plain words looked up as written, the rest
// through the full analyser) gives exactly Analyze's terms, field by
// field, whatever the words and however many.
func TestIndexAnalysisIsAnalyze(t *testing.T) {
	texts := []string{
		"Remote onboarding, the team's e-mail and L&D: don't re-use co-operation",
		"SREs and PMs; the US and us; IT and it; a I 12 123 2024 k8s K8S",
		"Café naïve Ærøskøbing straße l'équipe “quoted” — dash…ellipsis",
		"rock-n-roll x-ray 90's it’s O’Reilly R&D&D a&b AB&C",
		strings.Repeat("Supercalifragilisticexpialidocious ", 3) + "supercalifragilistic supercalifragilisticexpialidocious",
		"internationalization internationalisation INTERNATIONALIZATION Internationalizations",
		strings.Repeat("x", 70) + " " + strings.Repeat("Y", 64) + "s " + strings.Repeat("Z", 65) + "s",
		"colour organisation behaviour",
		"A/B testing, CI/CD and/or I/O-bound w/o a/2 https://example.com/a/b",
		"",
		"the and of",
	}
	// Enough distinct words, long and short, sharing prefixes, to make
	// the word table grow several times.
	var b strings.Builder
	for i := range 24000 {
		switch i % 4 {
		case 0:
			fmt.Fprintf(&b, "w%d ", i)
		case 1:
			fmt.Fprintf(&b, "Longerprefixword%d ", i)
		case 2:
			fmt.Fprintf(&b, "longerprefixwordsharing%dx ", i)
		default:
			fmt.Fprintf(&b, "W%dS ", i)
		}
	}
	// Words of every length near 8 and 16 bytes, alone, at the end of a
	// field and inside one, where the first bytes are read 8 at a time.
	for n := 1; n <= 20; n++ {
		w := strings.Repeat("ab", n)[:n]
		W := strings.ToUpper(w[:1]) + w[1:]
		texts = append(texts, w, "x "+W, W+"s q", "zz "+w+"9 "+strings.ToUpper(w)+"s")
	}
	texts = append(texts, b.String(), benchcorpus.Text(benchcorpus.Rand(3), 5000))
	for _, docs := range [][]Doc{textDocs(texts...), {{Fields: []Field{{Text: strings.Join(texts, " "), Weight: 1}}}}} {
		var want [][]string
		for _, d := range docs {
			if terms := analysis.Analyze(d.Fields[0].Text); len(terms) > 0 {
				want = append(want, terms)
			}
		}
		got := streamTerms(NewUnsealed(docs, nil))
		if len(got) != len(want) {
			t.Fatalf("%d fields with terms, want %d", len(got), len(want))
		}
		for i := range want {
			if !slices.Equal(got[i], want[i]) {
				t.Errorf("field %d: got %d terms, want %d; first difference at %d", i, len(got[i]), len(want[i]), firstDiff(got[i], want[i]))
			}
		}
	}
}

func firstDiff(a, b []string) int {
	for i := range min(len(a), len(b)) {
		if a[i] != b[i] {
			return i
		}
	}
	return min(len(a), len(b))
}

// A term the index has but did not keep panics on look-up, rather than
// matching nothing; one kept without positions panics when matched as a
// phrase.
func TestSealedIndexRefusesTermsNotKept(t *testing.T) {
	ix := NewUnsealed(textDocs("remote onboarding", "remote work", "kubernetes"), nil)
	keep := map[string]Use{"remot": UsePositions, "onboard": UsePostings}
	ix.Seal(func(t int32) Use {
		for term, id := range ix.terms {
			if id == t {
				return keep[term]
			}
		}
		return UseNone
	})
	if docs, _ := ix.FullMatches([]string{"remot"}); len(docs) != 2 {
		t.Errorf("remot matches %v, want 2 documents", docs)
	}
	if id := ix.TermID("nosuchterm"); id != -1 {
		t.Errorf("unknown term ID %d, want -1", id)
	}
	mustPanic(t, "a term not kept", func() { ix.TermID("work") })
	mustPanic(t, "a phrase of a term without positions", func() { ix.FullMatches([]string{"remot", "onboard"}) })
	mustPanic(t, "TermSequences after sealing", func() { ix.TermSequences([]string{"ro"}, func(string, int, []string) {}) })
}

func mustPanic(t *testing.T, what string, f func()) {
	t.Helper()
	defer func() {
		if recover() == nil {
			t.Errorf("%s: no panic", what)
		}
	}()
	f()
}

// Pause is called while Seal fills the postings, between runs of
// documents, and the index is the same with it.
func TestSealCallsPause(t *testing.T) {
	var docs []Doc
	for i := range 5 * stopEvery {
		docs = append(docs, Doc{Fields: []Field{{Text: fmt.Sprintf("remote onboarding note %d for the team", i%97), Weight: 1}}})
	}
	plain := New(docs)
	ix := NewUnsealed(docs, nil)
	pauses := 0
	ix.Pause = func() { pauses++ }
	ix.Seal(nil)
	if pauses < 5 {
		t.Errorf("Pause called %d times over %d documents", pauses, len(docs))
	}
	q := []Phrase{{Terms: analysis.Analyze("onboarding"), Weight: 1}}
	a, b := plain.Search(q), ix.Search(q)
	if fmt.Sprint(a) != fmt.Sprint(b) || len(a) == 0 {
		t.Errorf("search with pauses %v, without %v", b, a)
	}
}
