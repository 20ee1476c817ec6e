package analysis

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"sync"
	"testing"
	"unicode/utf8"
)

func TestAnalyzeTable(t *testing.T) {
	cases := []struct {
		name, in string
		want     []string
	}{
		{"empty", "", nil},
		{"only separators", " \t\n—!?…", nil},
		{"stemming", "Onboarding onboarded onboard ONBOARDS", []string{"onboard", "onboard", "onboard", "onboard"}},
		{"stop words", "The state of the art is what we do", []string{"state", "art"}},
		{"brief extras are stop words", "also via per etc new like made one get", nil},
		{"diacritics", "Café naïve résumé São Paulo", []string{"cafe", "naiv", "resum", "sao", "paulo"}},
		{"sharp s and ligatures", "Straße Æsir Łódź ﬁnance", []string{"strass", "aesir", "lodz", "financ"}},
		{"decomposed marks", "e\u0301cole", []string{"ecol"}},
		{"full width", "ＦＵＬＬ ＳＴＡＣＫ", []string{"full", "stack"}},
		{"german stop words", "Die Katze ist nicht für dich und das Haus", []string{"katz", "dich", "haus"}},
		{"french stop words", "le chat est dans la maison pour les enfants", []string{"chat", "maison", "enfant"}},
		{"spanish and portuguese", "el perro y los gatos; o cão não é da casa", []string{"perro", "gato", "cao", "casa"}},
		{"numbers", "In 2024, 42 people ran 7 jobs on 123 nodes", []string{"2024", "peopl", "ran", "job", "123", "node"}},
		{"digits in words are kept unstemmed", "k8s clusters running py3", []string{"k8s", "cluster", "run", "py3"}},
		{"one-letter tokens", "C++ and C# or R x y z", nil},
		// ("com" is a Portuguese stop word.)
		{"url", "https://www.example.org/blog/remote-onboarding?id=123",
			[]string{"exampl", "org", "blog", "remot", "onboard", "id", "123"}},
		{"punctuation", "remote-first,async;teams/docs", []string{"remot", "first", "async", "team", "doc"}},
		{"clitics", "the team's plan: don't wait, they're ready, we'll see", []string{"team", "plan", "wait", "readi", "see"}},
		{"curly apostrophe", "the team’s plan", []string{"team", "plan"}},
		{"apostrophe splits otherwise", "l'équipe O'Reilly rock'n'roll", []string{"equip", "reilli", "rock", "roll"}},
		{"digit before apostrophe", "the 1990's", []string{"1990"}},
		{"other scripts", "東京 Москва", []string{"東京", "москва"}},
		{"long tokens", "ok " + strings.Repeat("ab", 33) + " sha " + strings.Repeat("é", 65) + " fine", []string{"ok", "sha", "fine"}},
		{"64 bytes is not too long", strings.Repeat("k8", 32), []string{strings.Repeat("k8", 32)}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got := Analyze(c.in)
			if !slices.Equal(got, c.want) {
				t.Errorf("Analyze(%q) = %q, want %q", c.in, got, c.want)
			}
		})
	}
}

func TestAnalyzeSameTerm(t *testing.T) {
	groups := [][]string{
		{"onboard", "onboarding", "onboarded", "Onboards"},
		{"Café", "cafe", "CAFÉ", "cafe\u0301"},
		{"connect", "connected", "connecting", "connection", "connections"},
		{"Müller", "muller"},
		{"team", "teams", "team's"},
	}
	for _, g := range groups {
		want := Analyze(g[0])
		if len(want) != 1 {
			t.Fatalf("Analyze(%q) = %q, want one term", g[0], want)
		}
		for _, w := range g[1:] {
			if got := Analyze(w); !slices.Equal(got, want) {
				t.Errorf("Analyze(%q) = %q, want %q (as %q)", w, got, want, g[0])
			}
		}
	}
}

// TestAcronyms: "US" and "IT" in capitals are not the stop words "us" and
// "it", so "US politics" matches the US, not "tell us".
func TestAcronyms(t *testing.T) {
	us := AnalyzePhrase("US politics")
	if len(us) != 2 || us[0] != "us_" {
		t.Fatalf("AnalyzePhrase(US politics) = %q", us)
	}
	if got := Analyze("Tell us about politics"); len(got) != 2 || got[0] == "us_" {
		t.Errorf("the pronoun became the acronym: %q", got)
	}
	if got := Analyze("The US and the UK; IT budgets; Us"); strings.Join(got, " ") != "us_ uk it_ budget" {
		t.Errorf("Analyze = %q", got)
	}
	// Three letters in capitals that another language's list holds: an
	// acronym too; an English stop word shouted is still the word.
	if got := Analyze("An FOI request foi feito; THE END"); strings.Join(got, " ") != "foi_ request feito end" {
		t.Errorf("Analyze = %q", got)
	}
}

func TestStopWordsBeforeStemming(t *testing.T) {
	// "having" and "doing" are stop words as written; "being" too.
	for _, w := range []string{"having", "doing", "being", "für", "FÜR", "não", "más", "won't", "isn't"} {
		if got := Analyze(w); got != nil {
			t.Errorf("Analyze(%q) = %q, want nil (stop word)", w, got)
		}
	}
	// Every listed stop word is dropped, in lower and title case, and in
	// capitals too unless it has two letters, or three and is not
	// English (then it is an acronym: "FOI").
	for _, w := range strings.Fields(stopWordList + otherStopWordList) {
		forms := []string{w, strings.ToUpper(w[:1]) + w[1:]}
		_, english := englishStopWords[w]
		if len(w) != 2 && (len(w) != 3 || english) {
			forms = append(forms, strings.ToUpper(w))
		}
		for _, f := range forms {
			if got := Analyze(f); got != nil {
				t.Errorf("stop word %q: Analyze = %q", f, got)
			}
		}
	}
	// The English list is solid.
	if n := len(stopWords); n < 250 {
		t.Errorf("only %d stop words", n)
	}
}

func TestAnalyzePhrase(t *testing.T) {
	if got, want := AnalyzePhrase("remote onboarding"), []string{"remot", "onboard"}; !slices.Equal(got, want) {
		t.Errorf("AnalyzePhrase = %q, want %q", got, want)
	}
	if got := AnalyzePhrase("  "); got != nil {
		t.Errorf("AnalyzePhrase(blank) = %q", got)
	}
	s := "Remote-onboarding for the new Teams!"
	if !slices.Equal(AnalyzePhrase(s), Analyze(s)) {
		t.Error("AnalyzePhrase differs from Analyze")
	}
}

// The cache must not change results: cold and warm analyses agree, also
// when the cache is emptied for being full.
func TestAnalyzeCacheTransparent(t *testing.T) {
	text := sampleText(7, 2000)
	resetTermCache()
	cold := Analyze(text)
	warm := Analyze(text)
	if !slices.Equal(cold, warm) {
		t.Fatal("warm analysis differs from cold")
	}
	// Fill the cache past its bound.
	var b strings.Builder
	for i := 0; i < maxCachedTerms+100; i++ {
		fmt.Fprintf(&b, "x%d ", i)
	}
	Analyze(b.String())
	if n := cachedTerms(); n > maxCachedTerms*5/4+64 {
		t.Errorf("cache holds %d entries, bound %d", n, maxCachedTerms)
	}
	if got := Analyze(text); !slices.Equal(got, cold) {
		t.Fatal("analysis after cache reset differs")
	}
}

func TestAnalyzeConcurrent(t *testing.T) {
	resetTermCache()
	texts := make([]string, 8)
	want := make([][]string, len(texts))
	for i := range texts {
		texts[i] = sampleText(uint64(11+i), 300)
	}
	for i, s := range texts {
		want[i] = Analyze(s)
	}
	resetTermCache()
	var wg sync.WaitGroup
	for g := 0; g < 4; g++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i, s := range texts {
				if got := Analyze(s); !slices.Equal(got, want[i]) {
					t.Errorf("concurrent Analyze of text %d differs", i)
				}
			}
		}()
	}
	wg.Wait()
}

func TestSearchText(t *testing.T) {
	for in, want := range map[string]string{
		"Sharing knowledge":            "share knowledg",
		"Le café des équipes":          "le cafe des equip",
		"The US team's k8s in 2024":    "the us team k8s in 2024",
		"e-mail, a/b; x_y":             "e mail a b x y",
		"東京 Straße ÆON":                "東京 strass aeon",
		"... !!! ":                     "",
		"":                             "",
		strings.Repeat("x", 65) + " y": "y",
	} {
		if got := SearchText(in); got != want {
			t.Errorf("SearchText(%q) = %q, want %q", in, got, want)
		}
		// Every term is letters and digits: an ASCII tokenizer splits the
		// text back into exactly these terms.
		for _, r := range SearchText(in) {
			if r < utf8.RuneSelf && r != ' ' && !(r >= 'a' && r <= 'z' || r >= '0' && r <= '9') {
				t.Errorf("SearchText(%q) holds %q", in, r)
			}
		}
	}
}

// slowSearchText is SearchText without the ASCII fast path.
func slowSearchText(s string) string {
	a := &analyzer{search: true}
	return strings.Join(a.appendTerms(nil, s), " ")
}

// FuzzSearchTextFastPath: the fast path splits and folds exactly as the
// general analysis does.
func FuzzSearchTextFastPath(f *testing.F) {
	for _, s := range []string{"", "Sharing knowledge", "team's don't l'équipe 90's", "Ünïcødé—dash ’tis", "UPPER lower MiXeD k8s 2024",
		"a'b' 'quoted' it’s", "Straße\u00a0東京\tx", strings.Repeat("y", 70) + " z", "e-mail a/b; x_y", "\xff\xfe bad é"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if got, want := SearchText(s), slowSearchText(s); got != want {
			t.Fatalf("SearchText(%q) = %q, general analysis gives %q", s, got, want)
		}
	})
}

// A hyphen after a letter or a bound prefix joins, so both spellings meet;
// other hyphens split, and SearchText keeps every part.
func TestHyphenatedSpellingsMeet(t *testing.T) {
	for _, pair := range [][2]string{
		{"e-mail", "email"},
		{"E-Mail newsletters", "email newsletter"},
		{"co-operation", "cooperation"},
		{"re-use", "reuse"},
		{"non-profit", "nonprofit"},
		{"micro-services", "microservices"},
		{"meta-data", "metadata"},
		{"x-ray", "xray"},
		// A compound with a stop word is one word, as often written solid.
		{"On-call rotations", "oncall rotation"},
		{"check-in", "checkin"},
		{"to-do lists", "todo list"},
		{"one-on-ones", "oneonones"},
		{"Off-boarding", "offboarding"},
		{"sign-up", "signup"},
	} {
		a, b := Analyze(pair[0]), Analyze(pair[1])
		if !slices.Equal(a, b) {
			t.Errorf("Analyze(%q) = %q, Analyze(%q) = %q", pair[0], a, pair[1], b)
		}
	}
	if got := Analyze("open-source self-service"); !slices.Equal(got, []string{"open", "sourc", "self", "servic"}) {
		t.Errorf("other hyphens split: %q", got)
	}
	if got := Analyze("on-call"); slices.Contains(got, Analyze("call")[0]) {
		t.Errorf("on-call leaves a phone call's term: %q", got)
	}
	if got := Analyze("state-of-the-art co-op-ed"); !slices.Equal(got, []string{"stateoftheart", "coop", "ed"}) {
		t.Errorf("a compound joins as far as its stop words and prefixes go: %q", got)
	}
	if got := Analyze("co- and re-"); !slices.Equal(got, []string{"co"}) {
		t.Errorf("a trailing hyphen joins nothing: %q", got)
	}
	if got := SearchText("e-mail"); got != "e mail" {
		t.Errorf("SearchText(e-mail) = %q, want the parts", got)
	}
}

// British and American spellings meet, with their inflections.
func TestSpellingVariantsFold(t *testing.T) {
	for _, pair := range [][2]string{
		{"colour", "color"},
		{"organisation", "organization"},
		{"organised", "organized"},
		{"organisational", "organizational"},
		{"customisable", "customizable"},
		{"catalogue", "catalog"},
		{"centre", "center"},
		{"programme", "program"},
	} {
		a, b := Analyze(pair[0]), Analyze(pair[1])
		if !slices.Equal(a, b) {
			t.Errorf("Analyze(%q) = %q, Analyze(%q) = %q", pair[0], a, pair[1], b)
		}
	}
	if a, b := Analyze("colour"), Analyze("four"); slices.Equal(a, b) {
		t.Errorf("colour and four meet: %q", a)
	}
}

// A hyphen or an ampersand before a letter outside ASCII neither joins
// nor fails.
func TestJoinBeforeNonASCII(t *testing.T) {
	for s, want := range map[string][]string{
		"e-école":   {"ecol"},
		"L&Été":     {"ete"},
		"co-équipe": {"co", "equip"},
	} {
		if got := Analyze(s); !slices.Equal(got, want) {
			t.Errorf("Analyze(%q) = %q, want %q", s, got, want)
		}
	}
}

// Analyze takes any text: it never panics and never yields an empty term.
func FuzzAnalyze(f *testing.F) {
	for _, s := range []string{"e-mail", "L&D", "e-école", "L&Été", "co-", "&", "x-\xff", "Don't co-operate"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		for _, term := range Analyze(s) {
			if term == "" {
				t.Fatalf("Analyze(%q) has an empty term", s)
			}
		}
	})
}

// sampleText is about size bytes of sentences of words, inflected and
// capitalised at random, the same for the same seed.
func sampleText(seed uint64, size int) string {
	words := strings.Fields("team teams onboarding onboarded remote distributed knowledge sharing " +
		"the a of and to in is it us US learning learned organisation organization colour color " +
		"Café équipe k8s 2024 e-mail L&D don't team's running runs ran shared shares")
	r := rand.New(rand.NewPCG(seed, 1))
	var b strings.Builder
	for b.Len() < size {
		for i, n := 0, 5+r.IntN(10); i < n; i++ {
			if i > 0 {
				b.WriteByte(' ')
			}
			b.WriteString(words[r.IntN(len(words))])
		}
		b.WriteString(". ")
	}
	return b.String()
}

// Single letters joined by a slash are one word ("A/B testing" is not
// "testing" alone); other slashes split, and SearchText keeps the parts.
func TestSlashedLettersMeet(t *testing.T) {
	for _, pair := range [][2]string{
		{"A/B testing", "AB testing"},
		{"an A/B test", "ab test"},
		{"I/O-bound", "io bound"},
	} {
		a, b := Analyze(pair[0]), Analyze(pair[1])
		if !slices.Equal(a, b) {
			t.Errorf("Analyze(%q) = %q, Analyze(%q) = %q", pair[0], a, pair[1], b)
		}
	}
	if got := Analyze("A/B testing"); !slices.Contains(got, "ab") {
		t.Errorf("A/B testing = %q: the A/B is lost", got)
	}
	if got := Analyze("CI/CD and/or QA"); !slices.Equal(got, []string{"ci", "cd", "qa"}) {
		t.Errorf("words of two letters or more split at a slash: %q", got)
	}
	if got := SearchText("A/B"); got != "a b" {
		t.Errorf("SearchText(A/B) = %q, want the parts", got)
	}
}

// British -our spellings meet American -or ones where WordNet knows the
// -or word and not the -our one apart ("behaviour" has "behavior" as a
// synonym), never a word of its own ("tour", "detour", "contour").
func TestOurSpellingsMeet(t *testing.T) {
	for _, pair := range [][2]string{
		{"behaviour change", "behavior change"},
		{"behavioural economics", "behavioral economics"},
		{"good neighbours", "good neighbors"},
		{"harbour", "harbor"},
	} {
		a, b := Analyze(pair[0]), Analyze(pair[1])
		if !slices.Equal(a, b) {
			t.Errorf("Analyze(%q) = %q, Analyze(%q) = %q", pair[0], a, pair[1], b)
		}
	}
	for _, w := range []string{"tour", "detour", "contour", "devour"} {
		if got := Analyze(w); !slices.Equal(got, []string{w}) {
			t.Errorf("Analyze(%q) = %q, want it as it is", w, got)
		}
	}
}
