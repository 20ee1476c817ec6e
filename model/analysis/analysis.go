// Package analysis turns text into terms, one way for everything that
// compares words: the suggestion engine's items and interests, the
// association counts and the full-text search index. It is a leaf: it
// imports nothing of Knowflow's but the lexicon (for spelling variants)
// and the contact type (InterestTerms).
package analysis

import (
	"slices"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/kljensen/snowball/english"
	"github.com/knowflow/knowflow/model"
	"github.com/knowflow/knowflow/model/lexicon"
	"golang.org/x/text/unicode/norm"
)

// Text analysis: the same function turns item text and interests into
// terms, so that "Onboarding", "onboarded" and "onboard" meet, and "Café"
// meets "cafe".
//
// The steps, in order:
//   - Split on every rune that is not a letter, a digit or a combining
//     mark, except a hyphen after a single letter or a bound prefix, or
//     beside a stop word (joinsHyphen), and an ampersand between single
//     letters ("L&D"), which join before an ASCII letter: "e-mail" is
//     "email", "on-call" "oncall". An
//     apostrophe (' or ’) between two letters is special: when
//     what follows it is an English clitic (s, t, d, m, re, ve, ll) the
//     apostrophe and the clitic are dropped ("team's" → "team", "don't"
//     → "don", a stop word); otherwise it splits ("l'équipe" → "l",
//     "equipe").
//   - Lower-case, then fold: compatibility decomposition (NFKD) with the
//     nonspacing marks (Mn) dropped, plus ß→ss, æ→ae, œ→oe, ø→o, ł→l,
//     đ/ð→d, þ→th, ı→i.
//   - Drop tokens of one rune, numbers of fewer than 3 digits ("2024"
//     stays), and tokens longer than 64 bytes (hashes, encoded data).
//   - Drop stop words (English, plus short German, French, Spanish and
//     Portuguese lists), looked up on the folded lower-case token.
//   - Stem tokens made only of a-z with the Snowball English stemmer,
//     then fold British spellings into American ones (foldSpelling:
//     "colour" → "color", "organisation" → "organization"'s term); keep
//     the others ("k8s", "2024", "東京") as they are.
//
// Every distinct token is stemmed once: a bounded, shared cache maps a
// folded token to its term (or to "" for a stop word), so that analysing
// a large text costs a table look-up per byte and a map look-up per word.

// Analyze returns the analysed terms of s, in order.
func Analyze(s string) []string {
	if s == "" {
		return nil
	}
	p := Get()
	terms := p.a.appendTerms(make([]string, 0, len(s)/12+1), s)
	Put(p)
	if len(terms) == 0 {
		return nil
	}
	return terms
}

// AnalyzePhrase analyses a query phrase such as an interest ("remote
// onboarding" → ["remot", "onboard"]). It is Analyze: phrases and
// documents must be analysed the same way to meet.
func AnalyzePhrase(s string) []string { return Analyze(s) }

// SearchText returns s as the full-text search index stores it, and as
// queries must be put to it: the terms of every token, separated by
// spaces. It splits and folds like Analyze, but keeps every token (stop
// words, single letters, short numbers; up to maxTokenBytes) and every
// capital pair as it is, so that any word can be searched for. Tokens made
// only of a-z are stemmed ("Sharing" → "share"), others kept ("k8s",
// "2024", "東京"). The result holds no ASCII punctuation, so a plain ASCII
// tokenizer splits it back into exactly these terms.
func SearchText(s string) string {
	if s == "" {
		return ""
	}
	p := Get()
	a := &p.a
	a.search = true
	terms := a.appendSearchTerms(a.terms[:0], s)
	a.search = false
	n := len(terms)
	for _, t := range terms {
		n += len(t)
	}
	var b strings.Builder
	b.Grow(n)
	for i, t := range terms {
		if i > 0 {
			b.WriteByte(' ')
		}
		b.WriteString(t)
	}
	clear(terms)
	a.terms = terms[:0]
	Put(p)
	return b.String()
}

// appendSearchTerms is appendTerms for SearchText with a fast path for
// words of ASCII letters and digits, which most text is made of. A word
// holding anything else (a non-ASCII letter or mark, an apostrophe) goes
// through appendTerms on its own: a run of such bytes up to the next ASCII
// separator, which appendTerms splits exactly as it would the whole text.
func (a *analyzer) appendSearchTerms(dst []string, s string) []string {
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf && asciiClass[c] == 0 && c != '\'' {
			i++
			continue
		}
		start, lower, plain := i, true, true
		for ; i < len(s); i++ {
			c := s[i]
			if c >= utf8.RuneSelf || c == '\'' {
				plain = false
				break
			}
			l := asciiClass[c]
			if l == 0 {
				break
			}
			lower = lower && l == c
		}
		if !plain {
			for i < len(s) && (s[i] >= utf8.RuneSelf || s[i] == '\'' || asciiClass[s[i]] != 0) {
				i++
			}
			dst = a.appendTerms(dst, s[start:i])
			continue
		}
		if i-start > maxTokenBytes {
			continue
		}
		if lower {
			dst = append(dst, searchTerms.lookupString(s[start:i]))
			continue
		}
		tok := a.tok[:0]
		for j := start; j < i; j++ {
			tok = append(tok, asciiClass[s[j]])
		}
		a.tok = tok[:0]
		dst = append(dst, searchTerms.lookup(tok))
	}
	return dst
}

// searchTermOf is the term of a folded token in SearchText: the Snowball
// stem of an a-z word, the token itself otherwise.
func searchTermOf(tok string) string {
	for i := 0; i < len(tok); i++ {
		if tok[i] < 'a' || tok[i] > 'z' {
			return tok
		}
	}
	return english.Stem(tok, true)
}

// analyzer holds the scratch buffers of one analysis; it is not safe for
// concurrent use (Analyze takes one from analyzerPool).
type analyzer struct {
	// search makes emit produce SearchText's terms instead of Analyze's.
	search bool
	terms  []string // SearchText's scratch
	tok    []byte   // current token, lower-cased (UTF-8)
	fold   []byte   // folded token (non-ASCII tokens only)
	nfkd   []byte   // NFKD of the token
}

var analyzerPool = sync.Pool{New: func() any { return new(Analyzer) }}

// asciiClass maps an ASCII byte to its lower-case form when it is a letter
// or a digit, and to 0 when it separates tokens.
var asciiClass = func() (t [utf8.RuneSelf]byte) {
	for c := '0'; c <= '9'; c++ {
		t[c] = byte(c)
	}
	for c := 'a'; c <= 'z'; c++ {
		t[c] = byte(c)
		t[c-'a'+'A'] = byte(c)
	}
	return t
}()

// appendTerms appends the terms of s to dst.
func (a *analyzer) appendTerms(dst []string, s string) []string {
	tok := a.tok[:0]
	nonASCII := false
	upper := 0 // upper-case ASCII letters in tok
	part := 0  // where in tok the word after its last joining hyphen starts
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			if l := asciiClass[c]; l != 0 {
				tok = append(tok, l)
				if c >= 'A' && c <= 'Z' {
					upper++
				}
				i++
				continue
			}
			if c == '\'' && len(tok) > 0 {
				if next, ok := skipClitic(s, i+1, tok); ok {
					i = next
					continue
				}
			}
			if c == '&' && !a.search && len(tok) == 1 && tok[0] >= 'a' && letterNext(s, i) {
				i++ // "L&D", "R&D": one word, as their letters
				continue
			}
			if c == '/' && !a.search && len(tok) == 1 && tok[0] >= 'a' && letterNext(s, i) && !wordNext(s, i+2) {
				i++ // "A/B", "I/O": one word, as their letters
				continue
			}
			if c == '-' && !a.search && letterNext(s, i) && len(tok) > part && joinsHyphen(tok[part:], wordAt(s, i+1)) {
				i++ // "e-mail" is "email", "co-operation" "cooperation", "on-call" "oncall"
				part = len(tok)
				continue
			}
			if len(tok) > 0 {
				dst = a.emit(dst, tok, nonASCII, upper)
				tok, nonASCII, upper = tok[:0], false, 0
			}
			part = 0
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == '’' && len(tok) > 0:
			if next, ok := skipClitic(s, i+size, tok); ok {
				i = next
				continue
			}
			dst = a.emit(dst, tok, nonASCII, upper)
			tok, nonASCII, upper, part = tok[:0], false, 0, 0
		case unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.IsMark(r):
			tok = utf8.AppendRune(tok, unicode.ToLower(r))
			nonASCII = true
		case len(tok) > 0:
			dst = a.emit(dst, tok, nonASCII, upper)
			tok, nonASCII, upper, part = tok[:0], false, 0, 0
		}
		i += size
	}
	if len(tok) > 0 {
		dst = a.emit(dst, tok, nonASCII, upper)
	}
	a.tok = tok[:0]
	return dst
}

// letterNext reports whether s[i+1] is an ASCII letter.
func letterNext(s string, i int) bool {
	return i+1 < len(s) && s[i+1] < utf8.RuneSelf && asciiClass[s[i+1]] >= 'a'
}

// wordNext reports whether s[i] is an ASCII letter or digit.
func wordNext(s string, i int) bool {
	return i < len(s) && s[i] < utf8.RuneSelf && asciiClass[s[i]] != 0
}

// joinsHyphen reports whether a hyphen between the words prev and next
// (lower case; prev as far back as the last hyphen that joined) joins
// them rather than splitting: after a single letter ("e-mail", "x-ray")
// or a bound prefix ("co-operation", "re-use", "non-profit",
// "micro-services"), people
// write the same word with and without it; and where either is a stop
// word ("on-call", "check-in", "one-on-one", "to-do"), the compound is
// one word, most often also written solid ("oncall", "checkin",
// "todo"), and split it would leave a common word alone ("call") or
// nothing. Only Analyze joins; SearchText keeps the parts, so that the
// search index need not change.
func joinsHyphen(prev []byte, next string) bool {
	switch string(prev) {
	case "co", "de", "re", "pre", "non", "sub", "anti", "multi", "inter", "intra",
		"micro", "macro", "mega", "meta", "mini", "semi", "hyper", "ultra", "cyber":
		return true
	}
	if len(prev) == 1 && prev[0] >= 'a' {
		return true
	}
	_, stopPrev := stopWords[string(prev)]
	_, stopNext := stopWords[next]
	return stopPrev || stopNext
}

// wordAt is the run of ASCII letters of s from i, in lower case; s[i] is
// one.
func wordAt(s string, i int) string {
	j := i
	lower := true
	for j < len(s) && s[j] < utf8.RuneSelf && asciiClass[s[j]] >= 'a' {
		if s[j] < 'a' {
			lower = false
		}
		j++
	}
	if lower {
		return s[i:j]
	}
	return strings.ToLower(s[i:j])
}

// skipClitic is called on an apostrophe that ends at s[j:] while tok holds
// the token so far. When the apostrophe is followed by an English clitic
// that ends the word, it returns the index after the clitic.
func skipClitic(s string, j int, tok []byte) (int, bool) {
	if last := tok[len(tok)-1]; last < 'a' || last > 'z' {
		if last < utf8.RuneSelf {
			return 0, false // a digit: "90's" splits
		}
		// Non-ASCII letter before the apostrophe: allowed.
		r, _ := utf8.DecodeLastRune(tok)
		if !unicode.IsLetter(r) {
			return 0, false
		}
	}
	k := j
	for k < len(s) && k-j < 3 && s[k] < utf8.RuneSelf && asciiClass[s[k]] >= 'a' {
		k++
	}
	if k < len(s) {
		// The clitic must end the word.
		if c := s[k]; c < utf8.RuneSelf {
			if asciiClass[c] != 0 {
				return 0, false
			}
		} else if r, _ := utf8.DecodeRuneInString(s[k:]); unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.IsMark(r) {
			return 0, false
		}
	}
	switch strings.ToLower(s[j:k]) {
	case "s", "t", "d", "m", "re", "ve", "ll":
		return k, true
	}
	return 0, false
}

// maxTokenBytes is the longest token kept (folded, in bytes): longer ones
// are hashes, encoded data or run-together junk, not words.
const maxTokenBytes = 64

// emit appends the term of the raw token tok (if it is kept) to dst;
// upper is how many of its letters were capitals. A token of two
// letters, or of three that is no English stop word, written in capitals
// that would be a stop word is an acronym ("US", "UK", "IT"; "FOI", a
// freedom of information request, not Portuguese "foi"; but "THE" is
// "the"): it becomes its own term ("us_"), which no lower-case word
// produces. The plural of an acronym ("SREs", "PMs": capitals, then an
// "s") is the acronym's term, which the stemmer would not find.
func (a *analyzer) emit(dst []string, tok []byte, nonASCII bool, upper int) []string {
	acronym := upper == len(tok) && (len(tok) == 2 || len(tok) == 3 && !isEnglishStop(tok))
	if !a.search && !nonASCII && upper >= 2 && upper == len(tok)-1 && tok[len(tok)-1] == 's' {
		tok = tok[:len(tok)-1]
	}
	if a.search {
		if nonASCII {
			a.fold = foldToken(a.fold[:0], &a.nfkd, tok)
			tok = a.fold
		}
		if len(tok) == 0 || len(tok) > maxTokenBytes {
			return dst
		}
		return append(dst, searchTerms.lookup(tok))
	}
	if acronym {
		if _, stop := stopWords[string(tok)]; stop {
			tok = append(tok, '_')
		}
	}
	if nonASCII {
		a.fold = foldToken(a.fold[:0], &a.nfkd, tok)
		tok = a.fold
		if len(tok) == 0 || len(tok) > maxTokenBytes || utf8.RuneCount(tok) < 2 || isShortNumber(tok) {
			return dst
		}
	} else if len(tok) < 2 || len(tok) > maxTokenBytes || len(tok) < 3 && tok[0] <= '9' && tok[len(tok)-1] <= '9' {
		// One letter, or a number of fewer than 3 digits (ASCII tokens
		// are letters and digits only: a 2-byte token whose both bytes
		// are digits is "<= '9'" at both ends).
		return dst
	}
	if term := lookupTerm(tok); term != "" {
		dst = append(dst, term)
	}
	return dst
}

// isShortNumber reports whether a folded token is made only of digits and
// has fewer than 3 of them.
func isShortNumber(tok []byte) bool {
	n := 0
	for _, r := range string(tok) {
		if !unicode.IsDigit(r) {
			return false
		}
		n++
	}
	return n < 3
}

// foldToken appends to dst the folded form of the lower-cased token tok:
// NFKD, nonspacing marks dropped, a few letters spelled out, lower-cased
// again (compatibility forms may be upper case) and anything that is no
// longer a letter, digit or mark dropped.
func foldToken(dst []byte, scratch *[]byte, tok []byte) []byte {
	d := norm.NFKD.Append((*scratch)[:0], tok...)
	*scratch = d
	for i := 0; i < len(d); {
		c := d[i]
		if c < utf8.RuneSelf {
			if l := asciiClass[c]; l != 0 {
				dst = append(dst, l)
			}
			i++
			continue
		}
		r, size := utf8.DecodeRune(d[i:])
		i += size
		if unicode.Is(unicode.Mn, r) {
			continue
		}
		switch r {
		case 'ß', 'ẞ':
			dst = append(dst, "ss"...)
		case 'æ', 'Æ':
			dst = append(dst, "ae"...)
		case 'œ', 'Œ':
			dst = append(dst, "oe"...)
		case 'ø', 'Ø':
			dst = append(dst, 'o')
		case 'ł', 'Ł':
			dst = append(dst, 'l')
		case 'đ', 'Đ', 'ð', 'Ð':
			dst = append(dst, 'd')
		case 'þ', 'Þ':
			dst = append(dst, "th"...)
		case 'ı':
			dst = append(dst, 'i')
		default:
			r = unicode.ToLower(r)
			if unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.IsMark(r) {
				dst = utf8.AppendRune(dst, r)
			}
		}
	}
	return dst
}

// foldString folds s as a single token (used for the stop-word lists).
func foldString(s string) string {
	var scratch []byte
	return string(foldToken(nil, &scratch, []byte(strings.ToLower(s))))
}

// termOf turns a folded token into its term: "" for a stop word, the
// Snowball stem for an a-z word, the token itself otherwise.
func termOf(tok string) string {
	if _, stop := stopWords[tok]; stop {
		return ""
	}
	for i := 0; i < len(tok); i++ {
		if tok[i] < 'a' || tok[i] > 'z' {
			return tok
		}
	}
	return foldSpelling(stemOf(tok))
}

// stemOf is the Snowball stem of an a-z word, "" when shorter than two
// letters.
func stemOf(tok string) string {
	term := english.Stem(tok, true)
	if len(term) < 2 {
		return ""
	}
	return term
}

// stopWordList holds the English stop words, as written (the
// Snowball/NLTK list, the contraction stems that splitting at the
// apostrophe leaves, and common feed filler), otherStopWordList those of
// German, French, Spanish and Portuguese; stopWords holds them all
// folded. Words that are also common
// English content words ("war", "hat", "son", "plus") are left out of the
// other languages' lists.
const stopWordList = `
a about above after again against all also am an and any are as at
be because been before being below between both but by
can could did do does doing down during each etc few for from further
get got had has have having he her here hers herself him himself his how
i if in into is it its itself just like made make may me might more most
must my myself new no nor not now of off on once one only or other ours
ourselves our out over own per same shall she should so some such
than that the their theirs them themselves then there these they this
those through thus to too under until up upon us very via was we were
what when where which while who whom whose why will with within without
would yet you your yours yourself yourselves
across although among another either every however many much neither
since though whether
http https www
ain aren couldn didn doesn don hadn hasn haven isn ll ma mightn mustn
needn re shan shouldn ve wasn weren won wouldn
`

// otherStopWordList holds the stop words of German, French, Spanish and
// Portuguese.
const otherStopWordList = `
der die das und ist nicht ein eine einer eines einem einen mit von zu
zum zur den im für auf dem des sich oder aber auch sind wird werden ich
wir sie dass bei nach wie noch
le la les et des du un une est pour dans que qui sur pas au aux ce ces
il elle ils nous vous je ne se sont avec leur leurs cette
el los las y en por con para del al lo su sus es como pero más este esta
o os as e do da dos das em no na nos nas um uma ao com não mais mas foi
ou ser seu sua
`

var stopWords = func() map[string]struct{} {
	m := make(map[string]struct{}, 300)
	for _, w := range strings.Fields(stopWordList + otherStopWordList) {
		m[foldString(w)] = struct{}{}
	}
	return m
}()

// englishStopWords are the English stop words of three letters: in
// capitals they are a shouted word ("THE", "HOW"), not an acronym.
var englishStopWords = func() map[string]struct{} {
	m := map[string]struct{}{}
	for _, w := range strings.Fields(stopWordList) {
		if len(w) == 3 {
			m[w] = struct{}{}
		}
	}
	return m
}()

// spellingFolds maps the term of a British spelling to the term of the
// American one ("colour" → "color", "organis" → "organ"), from the
// lexicon's pairs of single words: since both are stemmed first, their
// inflections and derivations meet too ("organisational", "organized").
var spellingFolds = sync.OnceValue(func() map[string]string {
	m := map[string]string{}
	for _, p := range lexicon.SpellingPairs() {
		b, a := p[0], p[1]
		if strings.ContainsAny(b+a, " -") {
			continue
		}
		if sb, sa := stemOf(b), stemOf(a); sb != "" && sa != "" && sb != sa {
			m[sb] = sa
		}
	}
	return m
})

// foldSpelling is the American term of a British one, or term itself:
// a pair of the lexicon's (spellingFolds), or a word of six letters or
// more in -our whose -or form WordNet knows, and either not the -our form
// ("neighbour") or as its synonym ("behaviour": the lexicon's spelling
// pairs leave it out, its untagged senses sharing too little of
// "behavior"'s); never a word WordNet knows apart ("tour" and "tor",
// "detour") or whose -or form it does not know ("contour").
func foldSpelling(term string) string {
	if a, ok := spellingFolds()[term]; ok {
		return a
	}
	if n := len(term); n > 4 && term[n-2:] == "iz" {
		// The stemmer leaves "organizational" and "customizable" at
		// "organiz", "customiz", where their British forms reach
		// "organ" and "custom" through the fold of "organis".
		if a, ok := spellingFolds()[term[:n-2]+"is"]; ok {
			return a
		}
	}
	if len(term) >= 6 && strings.HasSuffix(term, "our") {
		am := term[:len(term)-2] + "r"
		if len(lexicon.Related(am)) == 0 {
			return term
		}
		rel := lexicon.Related(term)
		if len(rel) == 0 || slices.ContainsFunc(rel, func(e lexicon.Entry) bool { return e.Lemma == am && e.Kind == lexicon.Synonym }) {
			return am
		}
	}
	return term
}

// Analyzer is a reusable analyser, for callers that analyse many small
// pieces of text in a loop (the engine's index): Get one, AppendTerms,
// Put it back.
type Analyzer struct{ a analyzer }

// Get returns an Analyzer from the pool.
func Get() *Analyzer { return analyzerPool.Get().(*Analyzer) }

// Put returns a to the pool.
func Put(a *Analyzer) { analyzerPool.Put(a) }

// AppendTerms appends the analysed terms of s to dst, as Analyze would
// return them.
func (a *Analyzer) AppendTerms(dst []string, s string) []string { return a.a.appendTerms(dst, s) }

// ASCIIClass classifies an ASCII byte for the analyser: 0 for a byte
// that separates words, else the byte in lower case (a letter) or itself
// (a digit). Callers with fast paths over ASCII text share it.
func ASCIIClass(c byte) byte { return asciiClass[c] }

// isEnglishStop reports whether tok, in any case, is an English stop word
// of three letters.
func isEnglishStop(tok []byte) bool {
	var low [3]byte
	for i, c := range tok[:3] {
		low[i] = c | 0x20
	}
	_, ok := englishStopWords[string(low[:])]
	return ok
}

// IsStopWord reports whether the folded, lower-case word w is a stop word.
func IsStopWord(w string) bool {
	_, ok := stopWords[w]
	return ok
}

// Stem is the Snowball English stem of a lower-case a-z token, or "" when
// that is shorter than two letters.
func Stem(tok string) string { return stemOf(tok) }

// CachedTerms is how many tokens the term cache holds (for tests).
func CachedTerms() int { return cachedTerms() }

// ResetTermCache empties the term caches, so a benchmark measures
// analysis from cold.
func ResetTermCache() { resetTermCache() }

// InterestTerms lists the analysed terms of every contact's interests,
// sorted, once each: what the associations are needed for.
func InterestTerms(contacts []model.Contact) []string {
	seen := map[string]bool{}
	var out []string
	for _, c := range contacts {
		for _, s := range c.Interests {
			for _, t := range Analyze(s) {
				if !seen[t] {
					seen[t] = true
					out = append(out, t)
				}
			}
		}
	}
	slices.Sort(out)
	return out
}

// Interests lists every contact's interests as analysed phrases
// (AnalyzePhrase), once each, ordered by their terms joined: what
// interest profiles (assoc.ProfileSums) are learned for.
func Interests(contacts []model.Contact) [][]string {
	seen := map[string]bool{}
	var out [][]string
	for _, c := range contacts {
		for _, s := range c.Interests {
			terms := AnalyzePhrase(s)
			key := strings.Join(terms, " ")
			if len(terms) > 0 && !seen[key] {
				seen[key] = true
				out = append(out, terms)
			}
		}
	}
	slices.SortFunc(out, func(a, b []string) int { return strings.Compare(strings.Join(a, " "), strings.Join(b, " ")) })
	return out
}
