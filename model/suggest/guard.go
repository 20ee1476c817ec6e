package suggest

import (
	"slices"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/knowflow/knowflow/model/analysis"
	"github.com/knowflow/knowflow/model/lexicon"
)

// Homonyms and everyday senses: "Go" the language is not the verb "go",
// "Rust" the language not the rust on a bridge, "hiring" is also hiring a
// van, "documentation" also the papers a residence permit needs. An
// interest that is an everyday word carries a match only where the item
// does not read it in another sense; elsewhere it is a hint at most
// (guardFailed of its strength), never named in "why".
//
// The name check. An interest of one word written as a name ("Go",
// "Rust", "Java") whose lower case is an everyday word (everydayWord)
// counts only where the item writes it as a name: never in lower case
// ("let's go"), nor in a longer name WordNet gives it ("Franz Kafka"),
// and on its own inside a sentence (asName: not at its start, not beside
// another capitalised word as in "Taylor Swift", "Monty Python") in its
// title, or twice; once, it needs a word of its field (below).
//
// The sense check (Lesk). An interest of one word, or of two whose last
// is the one to read ("community building"), whose word has WordNet
// senses in several broad fields (lexicon.Senses: "hiring" is employing
// and renting) is read in the sense that best fits the recipient's field:
// the words of their other interests, role and writing, of this
// interest's bridges and associations, and of those words' own senses
// (compilers are programs: "Java" is the language, not the island). With
// nothing to go by, a lone word is read in its commonest sense; the last
// word of a phrase in none (community building is not the commonest
// building). An item fails the check where more of its words tell
// another sense (its gloss, synonyms, hypernyms, derived forms: "rental",
// "car" for renting; "island" for Java the island; "roof" for a
// building) than tell the interest's sense or field.

// guardFailed is what is left of an ambiguous interest's strength in an
// item that does not pass its guard.
const guardFailed = 0.3

// minContextAssoc is the least association weight that makes a term
// speak for an interest's field: weaker neighbours are chance company.
const minContextAssoc = 0.1

// minSenseIDF is the least idf a word needs to tell a sense in the
// candidates: one in most of them tells nothing.
const minSenseIDF = 0.5

// commonWord reports whether a lower-case word is an everyday English
// word with synonyms in the lexicon (bridge.go: an acronym spelling it
// is ambiguous).
var commonWord = func(word string) bool { return false }

// everydayWord reports whether a lower-case word is an everyday English
// word: one with synonyms, or with senses in several fields ("python"),
// so that an interest written as that word, as a name, may be meant in
// another sense.
var everydayWord = func(word string) bool {
	return commonWord(word) || len(lexicon.Senses(word)) > 0
}

// guard is what an item needs for an ambiguous interest to count.
type guard struct {
	word    string     // a name: as the user wrote it, with its capitals; else ""
	term    string     // its analysed term
	context []string   // terms that speak for the interest's sense
	names   [][]string // longer names WordNet gives the word ("franz kafka"), as terms
	// The sense check, when sensed: what tells the interest's sense or
	// the recipient's field (phrases: their other interests of several
	// words, each held in full), and what tells each other sense.
	sensed  bool
	minimum int // the least score of another sense that fails an item
	phrases [][]string
	own     senseTerms
	other   []senseTerms
}

// senseTerms are the index terms that tell a sense, ascending: strong
// ones (a lemma of it or of a synset it points to, a word of the
// recipient's field) count twice, weak ones (of its gloss) once.
type senseTerms struct {
	strong, weak []int32
}

// score is how much of s doc holds.
func (s *senseTerms) score(e *engine, doc int) int {
	return 2*e.holds(doc, s.strong) + e.holds(doc, s.weak)
}

// minSenseFit is how much a sense must share with the recipient's field
// (one of its terms as a lemma of the sense counts 6) to be the one
// read; below it, the commonest is.
const minSenseFit = 1.0

// minOtherSense is the least score (senseTerms.score) of another sense
// that fails an item: one gloss word ("week" in "a week's car hire") is
// chance, one lemma ("rental") or two gloss words are not. A phrase says
// more of its sense than a word alone ("engineering productivity"): it
// needs twice as much.
const minOtherSense = 2

// guardFor returns the name guard of the interest the user wrote as name
// (its terms are terms), or nil when it needs none. context holds the
// terms that speak for its sense.
func (e *engine) guardFor(name string, terms, context []string) *guard {
	w := strings.TrimSpace(name)
	if len(terms) != 1 || strings.ContainsFunc(w, func(r rune) bool { return !isWordRune(r) }) || !everydayWord(strings.ToLower(w)) {
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
	for _, r := range lexicon.Related(w) {
		ws := strings.Fields(r.Lemma)
		if r.Kind == lexicon.Synonym && len(ws) > 1 && slices.Contains(ws, strings.ToLower(w)) {
			g.names = append(g.names, Analyze(r.Lemma))
		}
	}
	return g
}

// addGuards adds the sense check to q's interests, once its bridges and
// weaker signals are in: to their name guards, or as guards of their own.
func (e *engine) addGuards(q *query) {
	// The words of each interest in lower case, made once: every
	// ambiguous interest reads those of all the others.
	var lower [][]string
	for i := 0; i < q.nInterests; i++ {
		word, phrase := e.senseWordOf(q.names[i])
		if word == "" {
			continue
		}
		ss := e.sensesOf(word)
		if ss == nil {
			continue
		}
		g := q.guards[i]
		if g == nil {
			g = &guard{}
		}
		if lower == nil {
			lower = make([][]string, q.nInterests)
			for j, name := range q.names[:q.nInterests] {
				for _, w := range words(name) {
					lower[j] = append(lower[j], strings.ToLower(w))
				}
			}
		}
		g.sensed, g.minimum = true, minOtherSense
		if phrase {
			g.minimum = 2 * minOtherSense
		}
		own := q.phrases[i].Terms
		ctx := map[int32]bool{}
		var fieldTerms []string
		add := func(terms ...string) {
			fieldTerms = append(fieldTerms, terms...)
			for _, t := range terms {
				if id := e.ix.knownID(t); id >= 0 && !slices.Contains(own, t) && e.ix.idf[id] >= minSenseIDF {
					ctx[id] = true
				}
			}
		}
		// What speaks for the recipient's field, and the words to read
		// the interest's sense by.
		fieldWords := map[string]bool{}
		for j, p := range q.phrases {
			switch {
			case j == i:
			case j < q.nInterests:
				if len(p.Terms) > 1 {
					g.phrases = append(g.phrases, p.Terms) // their other interests
					fieldTerms = append(fieldTerms, p.Terms...)
				} else {
					add(p.Terms...)
				}
				for _, w := range lower[j] {
					fieldWords[w] = true
				}
			case j < q.nBridged():
				if q.bridges[j-q.nInterests].interest == i && !q.bridges[j-q.nInterests].topic {
					add(p.Terms...) // its bridges
				}
			case p.Weight > 0:
				add(p.Terms...) // role, writing, what was shared with them
			}
		}
		for _, t := range own {
			for _, nb := range e.in.Associations[t] {
				if nb.Weight >= minContextAssoc {
					add(nb.Term)
				}
			}
		}
		if phrase {
			for _, w := range lower[i] {
				fieldWords[w] = true
			}
		}
		// The interest's sense: the one whose words the recipient's
		// field shares most, or without any (less than one of its terms),
		// a lone word's commonest. The field's own terms count most (3),
		// the words of their senses by how many senses they have (1/k,
		// summed over the field's words).
		fieldSet := make(map[string]bool, len(fieldTerms))
		for _, t := range fieldTerms {
			fieldSet[t] = true
		}
		fit := make([]float64, len(ss.words))
		for k, s := range ss.words {
			for _, t := range s[0] {
				if fieldSet[t] {
					fit[k] += 2 * 3
				}
			}
			for _, t := range s[1] {
				if fieldSet[t] {
					fit[k] += 3
				}
			}
		}
		for w := range fieldWords {
			if w != word {
				for k, f := range e.senseFit(word, ss, w) {
					fit[k] += f
				}
			}
		}
		best, bestN := -1, 0.0
		for k, n := range fit {
			if n > bestN {
				best, bestN = k, n
			}
		}
		if bestN < minSenseFit {
			best = -1
		}
		if best < 0 && !phrase {
			best = ss.commonest(word)
		}
		g.own = senseTerms{}
		for id := range ctx {
			g.own.strong = append(g.own.strong, id)
		}
		if best >= 0 {
			g.own.strong = append(g.own.strong, ss.senses[best].strong...)
			g.own.weak = append(g.own.weak, ss.senses[best].weak...)
		}
		slices.Sort(g.own.strong)
		g.own.strong = slices.Compact(g.own.strong)
		var weak []int32
		for _, id := range g.own.weak {
			if _, in := slices.BinarySearch(g.own.strong, id); !in {
				weak = append(weak, id)
			}
		}
		slices.Sort(weak)
		g.own.weak = slices.Compact(weak)
		isOwn := func(id int32) bool {
			_, a := slices.BinarySearch(g.own.strong, id)
			_, b := slices.BinarySearch(g.own.weak, id)
			return a || b
		}
		g.other = g.other[:0]
		for k, s := range ss.senses {
			if best >= 0 && ss.family[k] == ss.family[best] {
				continue
			}
			var o senseTerms
			for _, id := range s.strong {
				if !isOwn(id) {
					o.strong = append(o.strong, id)
				}
			}
			for _, id := range s.weak {
				if !isOwn(id) {
					o.weak = append(o.weak, id)
				}
			}
			if len(o.strong)+len(o.weak) > 0 {
				g.other = append(g.other, o)
			}
		}
		q.guards[i] = g
	}
}

// senseWordOf is senseWord, once per run for each interest.
func (e *engine) senseWordOf(name string) (string, bool) {
	e.senses.mu.Lock()
	defer e.senses.mu.Unlock()
	if ns, ok := e.senses.names[name]; ok {
		return ns.word, ns.phrase
	}
	w, p := senseWord(name)
	if e.senses.names == nil {
		e.senses.names = map[string]nameSense{}
	}
	e.senses.names[name] = nameSense{w, p}
	return w, p
}

// senseWord is the word of the interest the user wrote as name whose
// sense the sense check reads: its one word, or the last of two ("community
// building"; phrase is then true); "" for an acronym or a longer phrase,
// or a phrase WordNet has as a whole ("machine learning").
func senseWord(name string) (word string, phrase bool) {
	if _, ok := acronymKey(name); ok {
		return "", false
	}
	var ws []string
	for _, w := range words(name) {
		if !analysis.IsStopWord(strings.ToLower(w)) {
			ws = append(ws, strings.ToLower(w))
		}
	}
	switch len(ws) {
	case 1:
		return ws[0], false
	case 2:
		if len(lexicon.Related(strings.Join(ws, " "))) > 0 {
			return "", false
		}
		return ws[1], true
	}
	return "", false
}

// senseSet is a word's senses as index terms (words that tell no sense
// in these candidates left out), beside their terms.
type senseSet struct {
	*wordSenses
	senses []senseTerms
}

// senseFit is, for each sense of word (whose senses are ss), how much it
// shares with the senses of another word w of the recipient's field:
// each term it shares counts 1/(w's number of senses), twice for a
// lemma. Worked out once per process for each pair.
func (e *engine) senseFit(word string, ss *senseSet, w string) []float64 {
	key := [2]string{word, w}
	if f, ok := senseFitCache.Load(key); ok {
		return f.([]float64)
	}
	fs := wordSensesOf(w)
	f := make([]float64, len(ss.words))
	if fs != nil {
		for k, s := range ss.words {
			for _, t := range s[0] {
				f[k] += 2 * fs.reads[t]
			}
			for _, t := range s[1] {
				f[k] += fs.reads[t]
			}
		}
	}
	v, _ := senseFitCache.LoadOrStore(key, f)
	return v.([]float64)
}

// commonest is the sense a lone word is read in when nothing else
// tells: the most tagged, of the verb for a word in -ing ("mentoring" is
// to mentor, "hiring" to hire), which names an activity.
func (ss *senseSet) commonest(word string) int {
	if strings.HasSuffix(word, "ing") {
		for k, f := range ss.fields {
			if f >= firstVerbField && f <= lastVerbField {
				return k
			}
		}
	}
	return 0
}

// WordNet's lexicographer files of verbs (lexnames(5WN)): verb.body to
// verb.weather.
const firstVerbField, lastVerbField = 29, 43

// senseCache holds the senses of the words read in one run.
type senseCache struct {
	mu    sync.Mutex
	m     map[string]*senseSet
	names map[string]nameSense // interest → senseWord
}

// nameSense is what senseWord says of an interest.
type nameSense struct {
	word   string
	phrase bool
}

// sensesOf returns the senses of a lower-case word as index terms, or
// nil when it has none in several fields.
func (e *engine) sensesOf(word string) *senseSet {
	e.senses.mu.Lock()
	defer e.senses.mu.Unlock()
	if s, ok := e.senses.m[word]; ok {
		return s
	}
	if e.senses.m == nil {
		e.senses.m = map[string]*senseSet{}
	}
	var out *senseSet
	if sw := wordSensesOf(word); sw != nil {
		ids := func(ts []string) []int32 {
			var out []int32
			for _, t := range ts {
				if id := e.ix.knownID(t); id >= 0 && e.ix.idf[id] >= minSenseIDF {
					out = append(out, id)
				}
			}
			return out
		}
		out = &senseSet{wordSenses: sw}
		for _, w := range sw.words {
			st := senseTerms{strong: ids(w[0])}
			for _, id := range ids(w[1]) {
				if _, in := slices.BinarySearch(st.strong, id); !in {
					st.weak = append(st.weak, id)
				}
			}
			out.senses = append(out.senses, st)
		}
	}
	e.senses.m[word] = out
	return out
}

// wordSenses are a word's senses as analysed terms: what of
// lexicon.Senses does not depend on the candidates, worked out once per
// process for each word.
type wordSenses struct {
	// words are each sense's terms, lemmas then gloss, without the
	// word's own, ascending.
	words [][2][]string
	// family is each sense's family (lexicon.Sense.Family): one meaning
	// as noun and verb is not another sense of it.
	family []int
	fields []int // each sense's lexicographer file
	// reads weighs the terms of its senses for reading another word's
	// sense by this one: 1/the number of its senses.
	reads map[string]float64
}

var (
	wordSensesCache sync.Map // word → *wordSenses, nil when it has none
	senseFitCache   sync.Map // word, field word → []float64 (senseFit)
)

// wordSensesOf returns the senses of a lower-case word as terms, or nil
// when it has none in several fields.
func wordSensesOf(word string) *wordSenses {
	if v, ok := wordSensesCache.Load(word); ok {
		return v.(*wordSenses)
	}
	var out *wordSenses
	if ls := lexicon.Senses(word); len(ls) >= 2 {
		own := Analyze(word)
		terms := func(ws []string) []string {
			var out []string
			for _, w := range ws {
				for _, t := range Analyze(w) {
					if !slices.Contains(own, t) {
						out = append(out, t)
					}
				}
			}
			slices.Sort(out)
			return slices.Compact(out)
		}
		out = &wordSenses{reads: map[string]float64{}}
		for _, s := range ls {
			lw, gw := terms(s.Lemmas), terms(s.Gloss)
			out.words = append(out.words, [2][]string{lw, gw})
			for _, t := range append(slices.Clip(lw), gw...) {
				out.reads[t] = 1 / float64(len(ls))
			}
			out.family = append(out.family, s.Family)
			out.fields = append(out.fields, s.Field)
		}
	}
	v, _ := wordSensesCache.LoadOrStore(word, out)
	return v.(*wordSenses)
}

// uses calls use with each term g reads of an item and what the index
// must keep of it (prepare, before it is sealed): the postings of a term
// it looks for, the positions of one of a phrase it matches.
func (g *guard) uses(ix *Index, use func(t int32, u termUse)) {
	for _, s := range append([]senseTerms{g.own}, g.other...) {
		for _, t := range s.strong {
			use(t, usePostings)
		}
		for _, t := range s.weak {
			use(t, usePostings)
		}
	}
	for _, t := range g.context {
		if id := ix.knownID(t); id >= 0 {
			use(id, usePostings)
		}
	}
	for _, p := range append(slices.Clip(g.names), g.phrases...) {
		for _, t := range p {
			if id := ix.knownID(t); id >= 0 {
				use(id, usePositions)
			}
		}
	}
}

// holds counts the terms of ids that doc holds.
func (e *engine) holds(doc int, ids []int32) int {
	n := 0
	for _, id := range ids {
		if e.ix.has(id, int32(doc)) {
			n++
		}
	}
	return n
}

// passes reports whether candidate doc reads g's interest in its sense:
// as a name where it is one (readsName), in no longer name of the word,
// and with no more words of another sense than of its own.
func (g *guard) passes(e *engine, doc int) bool {
	verdict := nameYes
	if g.word != "" {
		if verdict = g.readsName(e, doc); verdict == nameNo {
			return false
		}
		for _, n := range g.names {
			if e.holdsPhrase(doc, n) {
				return false // "Franz Kafka"
			}
		}
	}
	own := 0
	if g.sensed && (verdict == nameYes || e.english(doc)) {
		own = g.own.score(e, doc)
		for _, p := range g.phrases {
			if e.holdsPhrase(doc, p) {
				own += 2
			}
		}
		for i := range g.other {
			if o := g.other[i].score(e, doc); o >= g.minimum && o > own {
				return false
			}
		}
	}
	if verdict == nameMaybe {
		if own > 0 {
			return true
		}
		for _, t := range g.context {
			if id := e.ix.termID(t); id >= 0 && e.ix.has(id, int32(doc)) {
				return true
			}
		}
		return false
	}
	return true
}

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
