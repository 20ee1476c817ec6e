package bm25

import (
	"fmt"
	"math"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/knowflow/knowflow/model/analysis"
)

// textDocs makes one-field documents of weight 1.
func textDocs(texts ...string) []Doc {
	docs := make([]Doc, len(texts))
	for i, t := range texts {
		docs[i] = Doc{Fields: []Field{{Text: t, Weight: 1}}}
	}
	return docs
}

// term is the single analysed term of word.
func term(t *testing.T, word string) string {
	t.Helper()
	terms := analysis.Analyze(word)
	if len(terms) != 1 {
		t.Fatalf("analysis.Analyze(%q) = %q, want one term", word, terms)
	}
	return terms[0]
}

func docsOf(ms []Match) []int {
	out := make([]int, len(ms))
	for i, m := range ms {
		out[i] = m.Doc
	}
	return out
}

func matchOf(ms []Match, doc int) *Match {
	for i := range ms {
		if ms[i].Doc == doc {
			return &ms[i]
		}
	}
	return nil
}

// filler returns n distinct words no other test text uses.
func filler(prefix string, n int) string {
	w := make([]string, n)
	for i := range w {
		w[i] = fmt.Sprintf("%s%c%c", prefix, 'a'+i/26, 'a'+i%26)
	}
	return strings.Join(w, " ")
}

func TestIDF(t *testing.T) {
	ix := New(textDocs("kubernetes meeting", "meeting notes", "meeting agenda", "weather"))
	if got := ix.Len(); got != 4 {
		t.Fatalf("Len = %d", got)
	}
	for _, c := range []struct {
		term string
		n    float64
	}{{"kubernet", 1}, {"meet", 3}} {
		want := math.Log(1 + (4-c.n+0.5)/(c.n+0.5))
		if got := ix.IDF(c.term); math.Abs(got-want) > 1e-12 {
			t.Errorf("IDF(%q) = %v, want %v", c.term, got, want)
		}
	}
	if ix.IDF("kubernet") <= ix.IDF("meet") {
		t.Error("a rare term's idf is not above a common one's")
	}
	if got := ix.IDF("nosuchterm"); got != 0 {
		t.Errorf("IDF(unknown) = %v", got)
	}
	if got := ix.IDF("kubernetes"); got != 0 {
		t.Errorf("IDF of an unanalysed word = %v, want 0", got)
	}
}

func TestRareTermRanksAboveCommon(t *testing.T) {
	texts := []string{"kubernetes report summary"}
	for i := 0; i < 9; i++ {
		texts = append(texts, "meeting report summary")
	}
	ix := New(textDocs(texts...))
	q := []Phrase{{Terms: []string{term(t, "kubernetes")}, Weight: 1}, {Terms: []string{term(t, "meeting")}, Weight: 1}}
	ms := ix.Search(q)
	if len(ms) != 10 {
		t.Fatalf("got %d matches, want 10", len(ms))
	}
	if ms[0].Doc != 0 {
		t.Errorf("first match is doc %d, want 0 (the rare term)", ms[0].Doc)
	}
	if ms[0].Score <= ms[1].Score {
		t.Errorf("rare %v <= common %v", ms[0].Score, ms[1].Score)
	}
	// Ties among the nine equal documents go by Doc.
	if got, want := docsOf(ms[1:]), []int{1, 2, 3, 4, 5, 6, 7, 8, 9}; !slices.Equal(got, want) {
		t.Errorf("tied order %v, want %v", got, want)
	}
}

func TestTermFrequencySaturates(t *testing.T) {
	// Same length (20 terms), tf 1, 2, 4, 8 and 16.
	var texts []string
	for _, tf := range []int{1, 2, 4, 8, 16} {
		texts = append(texts, strings.Repeat("kubernetes ", tf)+filler(fmt.Sprintf("q%d", tf), 20-tf))
	}
	texts = append(texts, filler("zz", 20)) // a document without it, for idf
	ix := New(textDocs(texts...))
	k := term(t, "kubernetes")
	ms := ix.Search([]Phrase{{Terms: []string{k}, Weight: 1}})
	if got := docsOf(ms); !slices.Equal(got, []int{4, 3, 2, 1, 0}) {
		t.Fatalf("order %v, want more occurrences first", got)
	}
	idf := ix.IDF(k)
	prevScore, prevGain := 0.0, math.Inf(1)
	for i, tf := range []float64{1, 2, 4, 8, 16} {
		m := matchOf(ms, i)
		// Exact BM25 (all lengths are 20, so dl/avgdl = 1).
		want := idf * tf * 2.2 / (tf + 1.2)
		if math.Abs(m.Score-want) > 1e-6*want {
			t.Errorf("tf %v: score %v, want %v", tf, m.Score, want)
		}
		gain := m.Score - prevScore
		if i > 0 && gain >= prevGain {
			t.Errorf("tf %v: gain %v not below previous gain %v", tf, gain, prevGain)
		}
		prevScore, prevGain = m.Score, gain
		if m.Score >= idf*2.2 {
			t.Errorf("score %v reaches the bound idf×(k1+1) = %v", m.Score, idf*2.2)
		}
	}
}

func TestLongerDocumentsPenalised(t *testing.T) {
	ix := New(textDocs(
		"kubernetes "+filler("ab", 49),
		"kubernetes "+filler("cd", 4),
		"kubernetes "+filler("ef", 19),
	))
	ms := ix.Search([]Phrase{{Terms: []string{term(t, "kubernetes")}, Weight: 1}})
	if got := docsOf(ms); !slices.Equal(got, []int{1, 2, 0}) {
		t.Errorf("order %v, want shortest first", got)
	}
	if !(ms[0].Score > ms[1].Score && ms[1].Score > ms[2].Score) {
		t.Errorf("scores not strictly decreasing: %v %v %v", ms[0].Score, ms[1].Score, ms[2].Score)
	}
}

func TestTitleWeightMatters(t *testing.T) {
	doc := func(title, text string) Doc {
		return Doc{Fields: []Field{{Text: title, Weight: 3}, {Text: text, Weight: 1}}}
	}
	ix := New([]Doc{
		doc("weekly notes", "kubernetes "+filler("ab", 9)),
		doc("kubernetes notes", "weekly "+filler("cd", 9)),
		doc("garden notes", filler("ef", 10)),
	})
	ms := ix.Search([]Phrase{{Terms: []string{term(t, "kubernetes")}, Weight: 1}})
	if got := docsOf(ms); !slices.Equal(got, []int{1, 0}) {
		t.Fatalf("order %v, want the title match first", got)
	}
	// Both weighted lengths are 3×2 + 10 = 16, the average; tf is 3 and 1.
	idf := ix.IDF("kubernet")
	for _, c := range []struct {
		doc int
		tf  float64
	}{{1, 3}, {0, 1}} {
		want := idf * c.tf * 2.2 / (c.tf + 1.2)
		if got := matchOf(ms, c.doc).Score; math.Abs(got-want) > 1e-6*want {
			t.Errorf("doc %d: score %v, want %v", c.doc, got, want)
		}
	}
	// A field of weight 0 is not indexed.
	ix = New([]Doc{{Fields: []Field{{Text: "kubernetes", Weight: 0}, {Text: "notes", Weight: 1}}}})
	if ms := ix.Search([]Phrase{{Terms: []string{"kubernet"}, Weight: 1}}); ms != nil {
		t.Errorf("weight-0 field matched: %+v", ms)
	}
}

func TestPhraseAdjacency(t *testing.T) {
	ix := New(textDocs(
		"notes about remote onboarding for the new hires "+filler("ab", 9),              // 0: adjacent
		"remote "+filler("cd", 10)+" onboarding for the new hires",                      // 1: far apart
		"remote work for the new hires "+filler("ef", 10),                               // 2: only remote
		"nothing relevant here at all "+filler("gh", 10),                                // 3: neither
		"onboarding remote for the new hires "+filler("ij", 10),                         // 4: reversed
		"remote and onboarding for the new hires "+filler("kl", 10),                     // 5: a stop word between
		"Remote-Onboarding: the new hires "+filler("mn", 10),                            // 6: punctuation
		"remote remote onboarding onboarding for the new hires "+filler("op", 8),        // 7: twice each
		"remot onboard "+filler("qr", 10),                                               // 8: stems
		"new hires, onboarding onboarded onboards and more remote "+filler("st", 10),    // 9
		"new hires remote "+filler("uv", 10),                                            // 10
		"remote "+filler("wx", 10)+" onboarding",                                        // 11
		"hires "+filler("yz", 10)+" remote onboarding remote onboarding remote working", // 12
	))
	remote, onboard := term(t, "remote"), term(t, "onboarding")
	ms := ix.Search([]Phrase{{Terms: []string{remote, onboard}, Weight: 1}})
	full := map[int]bool{}
	for _, m := range ms {
		if !slices.Equal(m.Phrases, []int{0}) || len(m.Full) != 1 || len(m.Scores) != 1 {
			t.Fatalf("doc %d: Phrases %v Full %v Scores %v", m.Doc, m.Phrases, m.Full, m.Scores)
		}
		if m.Scores[0] != m.Score {
			t.Errorf("doc %d: Scores %v, Score %v", m.Doc, m.Scores, m.Score)
		}
		full[m.Doc] = m.Full[0]
	}
	// Reversed (4) and close together (9) match near: Full, scoring less.
	for doc, want := range map[int]bool{0: true, 1: false, 2: false, 4: true, 5: true, 6: true, 7: true, 8: true, 9: true, 10: false, 11: false, 12: true} {
		got, ok := full[doc]
		if !ok {
			t.Errorf("doc %d did not match", doc)
		} else if got != want {
			t.Errorf("doc %d: Full = %v, want %v", doc, got, want)
		}
	}
	if matchOf(ms, 3) != nil {
		t.Error("doc 3 (neither term) matched")
	}
	// Same lengths: adjacent > far apart > only one term.
	s0, s1, s2 := matchOf(ms, 0).Score, matchOf(ms, 1).Score, matchOf(ms, 2).Score
	if !(s0 > s1 && s1 > s2 && s2 > 0) {
		t.Errorf("scores adjacent %v, scattered %v, partial %v", s0, s1, s2)
	}
	if math.Abs(s1-s0/2) > 1e-9*s0 {
		t.Errorf("scattered %v is not half of full %v", s1, s0)
	}
	// Partial: 0.25/len(Terms) of the found term's bm25, the same as a
	// single-term query's for that term.
	single := ix.Search([]Phrase{{Terms: []string{remote}, Weight: 1}})
	if want := matchOf(single, 2).Score * 0.25 / 2; math.Abs(s2-want) > 1e-9*want {
		t.Errorf("partial %v, want %v", s2, want)
	}
}

func TestPhraseAcrossFieldsIsNotAdjacent(t *testing.T) {
	ix := New([]Doc{
		{Fields: []Field{{Text: "team remote", Weight: 3}, {Text: "onboarding news", Weight: 1}}},
		{Fields: []Field{{Text: "team news", Weight: 3}, {Text: "remote onboarding", Weight: 1}}},
		{Fields: []Field{{Text: "remote onboarding", Weight: 3}}},
	})
	ms := ix.Search([]Phrase{{Terms: []string{"remot", "onboard"}, Weight: 1}})
	for doc, want := range map[int]bool{0: false, 1: true, 2: true} {
		if m := matchOf(ms, doc); m == nil || m.Full[0] != want {
			t.Errorf("doc %d: %+v, want Full %v", doc, m, want)
		}
	}
}

func TestThreeTermPhrase(t *testing.T) {
	ix := New(textDocs(
		"open source license review",  // 0: full
		"open license source review",  // 1: all, not in order
		"source license open",         // 2: all, reversed
		"open source review",          // 3: two of three
		"license review",              // 4: one of three
		"open source open source lic", // 5: two of three, "lic" is another term
	))
	ph := analysis.AnalyzePhrase("open source license")
	if len(ph) != 3 {
		t.Fatalf("AnalyzePhrase = %q", ph)
	}
	ms := ix.Search([]Phrase{{Terms: ph, Weight: 2}})
	want := map[int]bool{0: true, 1: true, 2: true, 3: false, 4: false, 5: false} // 1, 2: near
	if len(ms) != len(want) {
		t.Fatalf("got %d matches: %v", len(ms), docsOf(ms))
	}
	for doc, full := range want {
		if m := matchOf(ms, doc); m == nil || m.Full[0] != full {
			t.Errorf("doc %d: %+v, want Full %v", doc, m, full)
		}
	}
	if ms[0].Doc != 0 {
		t.Errorf("best is doc %d, want 0", ms[0].Doc)
	}
	// All three scattered beats two of three, which beats one of three
	// (document 1 and 3 have about the same length).
	if !(matchOf(ms, 1).Score > matchOf(ms, 3).Score) {
		t.Error("all terms scattered does not beat two of three")
	}
}

func TestMultiPhraseQueryReportsPhrases(t *testing.T) {
	ix := New(textDocs(
		"remote onboarding guide for kubernetes teams",
		"kubernetes security checklist",
		"gardening tips",
	))
	q := []Phrase{
		{Terms: []string{"secur"}, Weight: 1},               // 0
		{Terms: nil, Weight: 5},                             // 1: empty, never matches
		{Terms: []string{"remot", "onboard"}, Weight: 2},    // 2
		{Terms: []string{"nosuchterm"}, Weight: 1},          // 3
		{Terms: []string{"kubernet"}, Weight: 1},            // 4
		{Terms: []string{"onboard", "kubernet"}, Weight: 1}, // 5: both, near in doc 0
		{Terms: []string{"nosuchterm", "guid"}, Weight: 1},  // 6: partial
	}
	ms := ix.Search(q)
	if got := docsOf(ms); len(got) != 2 {
		t.Fatalf("matched docs %v, want 0 and 1", got)
	}
	m0, m1 := matchOf(ms, 0), matchOf(ms, 1)
	if m0 == nil || m1 == nil {
		t.Fatalf("matches %+v", ms)
	}
	if want := []int{2, 4, 5, 6}; !slices.Equal(m0.Phrases, want) {
		t.Errorf("doc 0 Phrases %v, want %v", m0.Phrases, want)
	}
	if want := []bool{true, true, true, false}; !slices.Equal(m0.Full, want) {
		t.Errorf("doc 0 Full %v, want %v", m0.Full, want)
	}
	if want := []int{0, 4, 5}; !slices.Equal(m1.Phrases, want) { // 5: only kubernet
		t.Errorf("doc 1 Phrases %v, want %v", m1.Phrases, want)
	}
	if want := []bool{true, true, false}; !slices.Equal(m1.Full, want) {
		t.Errorf("doc 1 Full %v, want %v", m1.Full, want)
	}
	for _, m := range ms {
		var sum float64
		for _, s := range m.Scores {
			if !(s > 0) {
				t.Errorf("doc %d: phrase score %v", m.Doc, s)
			}
			sum += s
		}
		if math.Abs(sum-m.Score) > 1e-12 {
			t.Errorf("doc %d: Σ Scores %v ≠ Score %v", m.Doc, sum, m.Score)
		}
	}
	// Appending to a returned slice must not write into another match's.
	for _, m := range ms {
		if cap(m.Phrases) != len(m.Phrases) || cap(m.Full) != len(m.Full) || cap(m.Scores) != len(m.Scores) {
			t.Errorf("doc %d: slices have spare capacity", m.Doc)
		}
	}
}

func TestNegativeWeight(t *testing.T) {
	ix := New(textDocs(
		"remote onboarding and crypto tokens",
		"remote onboarding checklist",
		"crypto tokens only",
	))
	pos := []Phrase{{Terms: []string{"remot", "onboard"}, Weight: 1}}
	before := ix.Search(pos)
	after := ix.Search(append(pos, Phrase{Terms: []string{"crypto"}, Weight: -0.5}))
	b0, a0 := matchOf(before, 0), matchOf(after, 0)
	if b0 == nil || a0 == nil {
		t.Fatalf("doc 0 missing: before %+v after %+v", before, after)
	}
	if !(a0.Score < b0.Score) {
		t.Errorf("negative weight did not lower: %v → %v", b0.Score, a0.Score)
	}
	if !slices.Equal(a0.Phrases, []int{0, 1}) || !(a0.Scores[1] < 0) {
		t.Errorf("doc 0: Phrases %v Scores %v", a0.Phrases, a0.Scores)
	}
	if matchOf(after, 2) != nil {
		t.Error("doc 2 (only the negative phrase) returned")
	}
	if m1 := matchOf(after, 1); m1 == nil || m1.Score != matchOf(before, 1).Score {
		t.Error("doc 1 changed though it lacks the negative term")
	}
	// A strong negative weight removes the document.
	removed := ix.Search(append(pos, Phrase{Terms: []string{"crypto"}, Weight: -10}))
	if matchOf(removed, 0) != nil {
		t.Error("doc 0 still returned with a strong negative weight")
	}
	if got := docsOf(removed); !slices.Equal(got, []int{1}) {
		t.Errorf("docs %v, want [1]", got)
	}
	// Only negative phrases: nothing.
	if ms := ix.Search([]Phrase{{Terms: []string{"crypto"}, Weight: -1}}); ms != nil {
		t.Errorf("negative-only query returned %+v", ms)
	}
}

func TestDeterministicTies(t *testing.T) {
	texts := make([]string, 50)
	for i := range texts {
		texts[i] = "same remote onboarding text"
	}
	texts[17] = "remote onboarding remote onboarding text"
	docs := textDocs(texts...)
	q := []Phrase{{Terms: []string{"remot", "onboard"}, Weight: 1}, {Terms: []string{"text"}, Weight: 0.3}}
	first := New(docs).Search(q)
	if len(first) != 50 || first[0].Doc != 17 {
		t.Fatalf("got %d matches, first %d", len(first), first[0].Doc)
	}
	for i := 2; i < len(first); i++ {
		if first[i].Score != first[1].Score || first[i].Doc <= first[i-1].Doc {
			t.Fatalf("ties not by Doc ascending: %v", docsOf(first))
		}
	}
	for range 5 {
		if again := New(docs).Search(q); !reflect.DeepEqual(again, first) {
			t.Fatal("results differ between runs")
		}
	}
}

func TestEmpty(t *testing.T) {
	q := []Phrase{{Terms: []string{"remot"}, Weight: 1}}
	for _, ix := range []*Index{New(nil), New([]Doc{}), nil} {
		if ix.Len() != 0 || ix.IDF("remot") != 0 || ix.Search(q) != nil {
			t.Errorf("empty index %p: Len %d, IDF %v, Search %v", ix, ix.Len(), ix.IDF("remot"), ix.Search(q))
		}
	}
	ix := New(textDocs("remote onboarding", "", "the and of"))
	if ix.Len() != 3 {
		t.Errorf("Len = %d", ix.Len())
	}
	for _, q := range [][]Phrase{nil, {}, {{Terms: nil, Weight: 1}}, {{Terms: []string{}, Weight: 1}}, {{Terms: []string{"zzz"}, Weight: 1}}} {
		if ms := ix.Search(q); ms != nil {
			t.Errorf("Search(%v) = %+v", q, ms)
		}
	}
	// Documents without terms only.
	ix = New(textDocs("", "the of", "a"))
	if ms := ix.Search([]Phrase{{Terms: []string{"the"}, Weight: 1}}); ms != nil {
		t.Errorf("stop-word-only index matched: %+v", ms)
	}
}
