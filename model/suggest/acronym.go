package suggest

import (
	"slices"
	"sort"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/knowflow/knowflow/model/acronym"
	"github.com/knowflow/knowflow/model/analysis"
	"github.com/knowflow/knowflow/model/assoc"
	"github.com/knowflow/knowflow/model/lexicon"
)

// Acronyms, initialisms and blends: how an interest written short ("SRE",
// "PKM tools", "DevEx", "K8s") finds the words it stands for in the
// candidates, and the other way round (bridgesOf uses them).

// innerAcronymBridges lists the bridges of an interest of several words
// one of which is an acronym ("PKM tools"): the phrase with the acronym
// spelled out ("personal knowledge management tools"), as the candidates
// or the network define it or as its initials recur, like an acronym
// interest's own expansions.
func (e *engine) innerAcronymBridges(name string) []bridgeSpec {
	ws := strings.Fields(name)
	if len(ws) < 2 {
		return nil
	}
	var out []bridgeSpec
	for i, w := range ws {
		k, ok := acronym.Key(w)
		if !ok {
			continue
		}
		before, after := Analyze(strings.Join(ws[:i], " ")), Analyze(strings.Join(ws[i+1:], " "))
		swap := func(exp []string, factor float64) {
			terms := append(append(slices.Clone(before), exp...), after...)
			out = append(out, bridgeSpec{terms: terms, factor: factor})
		}
		for _, exp := range e.acronymDefs()[k] {
			swap(Analyze(exp), bridgeAcronym)
		}
		for _, r := range e.recurring()[k] {
			swap(r.terms, r.factor)
		}
		for _, l := range e.listedExpansions(k) {
			swap(Analyze(l.exp), l.factor)
		}
	}
	return out
}

// numeronym is how people shorten a long word of one interest: its first
// letter, how many letters stand between, its last letter ("Kubernetes"
// → "k8s", "internationalization" → "i18n"), or "" when name is not one
// word of at least 6 ASCII letters.
func numeronym(name string) string {
	w := strings.ToLower(strings.TrimSpace(name))
	if len(w) < 6 || !asciiLetters(w) {
		return ""
	}
	return w[:1] + strconv.Itoa(len(w)-2) + w[len(w)-1:]
}

// acronymDefs are the acronyms the candidates and the user's older items
// (Input.AcronymDefs) define and that the contacts' interests use or
// make: acronym → expansions, the most often defined first. "Site
// Reliability Engineering (SRE)" and "SRE (site reliability
// engineering)" both define "sre".
func (e *engine) acronymDefs() map[string][]string {
	if e.defs != nil {
		return e.defs
	}
	var interests []string
	for _, c := range e.in.Contacts {
		interests = append(interests, c.Interests...)
	}
	wanted := acronym.Wanted(interests)
	counts := map[string]map[string]int{}
	forms := map[string]map[string]bool{}
	add := func(acr, exp, form string, n int) {
		if counts[acr] == nil {
			counts[acr] = map[string]int{}
		}
		counts[acr][strings.ToLower(exp)] += n
		if form != "" && form != strings.ToUpper(acr) {
			if forms[acr] == nil {
				forms[acr] = map[string]bool{}
			}
			forms[acr][form] = true
		}
	}
	def := func(acr, exp, form string) { add(acr, exp, form, 1) }
	if len(wanted) > 0 {
		for _, it := range e.items {
			text := body(it.Text)
			for _, s := range []string{it.Title, text} {
				acronym.Find(s, wanted, def)
			}
		}
	}
	// What the user's older items defined (store.AcronymDefs): the
	// candidates' own definitions count once more, being items too.
	for _, d := range e.in.AcronymDefs {
		if wanted[d.Acronym] && !d.Beside {
			add(d.Acronym, d.Expansion, d.Form, d.Count)
		}
	}
	e.besideDefs(wanted, counts, add)
	e.interestDefs(def)
	e.forms = map[string][]string{}
	for acr, fs := range forms {
		for f := range fs {
			e.forms[acr] = append(e.forms[acr], f)
		}
		sort.Strings(e.forms[acr])
	}
	e.defs = map[string][]string{}
	for acr, exps := range counts {
		list := make([]string, 0, len(exps))
		for x := range exps {
			list = append(list, x)
		}
		sort.Slice(list, func(i, j int) bool {
			if exps[list[i]] != exps[list[j]] {
				return exps[list[i]] > exps[list[j]]
			}
			return list[i] < list[j]
		})
		e.defs[acr] = list[:min(len(list), 2)]
	}
	return e.defs
}

// minBeside is how many of the user's items must write an acronym beside
// the same words for them to count as its expansion.
const minBeside = 2

// besideDefs adds, for each acronym of wanted that no item defines in
// brackets (counts), the words the user's items write beside it most
// (Input.AcronymDefs, Beside), where at least minBeside items do and
// twice as many as write any other words beside it: "PMs" beside
// "product managers" in post after post, where "panel members" and
// "pricing migration" come once each; "HR" beside "hit reply", "hourly
// rate" and "heart rate" once each, never.
func (e *engine) besideDefs(wanted map[string]bool, counts map[string]map[string]int, add func(acr, exp, form string, n int)) {
	type expansion struct {
		exp, form string
		n, best   int // items, and those of its commonest spelling
	}
	by := map[string]map[string]*expansion{} // acronym → analysed expansion → what items write
	for _, d := range e.in.AcronymDefs {
		if !d.Beside || !wanted[d.Acronym] || len(counts[d.Acronym]) > 0 {
			continue
		}
		key := strings.Join(Analyze(d.Expansion), " ")
		if by[d.Acronym] == nil {
			by[d.Acronym] = map[string]*expansion{}
		}
		x := by[d.Acronym][key]
		if x == nil {
			x = &expansion{}
			by[d.Acronym][key] = x
		}
		x.n += d.Count
		if d.Count > x.best || d.Count == x.best && d.Expansion < x.exp {
			x.exp, x.form, x.best = d.Expansion, d.Form, d.Count
		}
	}
	for acr, xs := range by {
		var first, second *expansion
		for _, x := range xs {
			switch {
			case first == nil || x.n > first.n || x.n == first.n && x.exp < first.exp:
				first, second = x, first
			case second == nil || x.n > second.n:
				second = x
			}
		}
		if first.n >= minBeside && (second == nil || first.n >= 2*second.n) {
			add(acr, first.exp, first.form, first.n)
		}
	}
}

// interestDefs calls def for every pair of interests of the contacts
// where one is an acronym ("SRE") and the other a run of words with its
// initials ("site reliability engineering"): the user's own network
// spells it out.
func (e *engine) interestDefs(def func(acr, exp, form string)) {
	acronyms := map[string]bool{}
	for _, c := range e.in.Contacts {
		for _, s := range c.Interests {
			if k, ok := acronym.Key(s); ok {
				acronyms[k] = true
			}
		}
	}
	if len(acronyms) == 0 {
		return
	}
	seen := map[string]bool{}
	for _, c := range e.in.Contacts {
		for _, s := range c.Interests {
			exp := strings.ToLower(strings.Join(strings.Fields(s), " "))
			if k := acronym.Initials(s); acronyms[k] && !seen[exp] {
				seen[exp] = true
				def(k, exp, "")
			}
		}
	}
}

// minRecurring is how many candidates must write the same run of words
// with an acronym's initials for it to be taken as its expansion.
const minRecurring = 2

// A run of words with an acronym's initials that only one candidate
// writes, never with the acronym: "personal knowledge mastery" in a post
// that never says "PKM". For an acronym of minLoneRun letters or more, a
// run the candidate repeats (its title and its text, say) names its
// subject; a chance run ("personal kitchen makeover") is written once.
// It is less sure than one the network repeats.
const (
	minLoneRun      = 3
	bridgeLoneRun   = 0.7
	maxInitialsRuns = 4 // per acronym, the most frequent first
)

// Blends: one word made of the starts of several ("DevEx" for "developer
// experience", "InfoSec", "FinOps"), written in camel case. A run of terms
// each starting with its part is its expansion where two candidates write
// it or one writes it more than once, like an acronym's lone run.
const (
	bridgeBlend = 0.85
	blendMark   = "~" // starts a blend's key in recurring()'s map
)

// blendParts are the lower-case parts of a camel-case blend, each a
// capital and one or more small letters ("DevEx" → "dev", "ex"), or each
// letter of a run of two capitals or more before one ("MLOps" → "m",
// "l", "ops": machine learning operations), with at least one word part;
// nil for anything else ("iOS", "SRE", "DeX").
func blendParts(s string) []string {
	s = strings.TrimSpace(s)
	if len(s) < 4 || len(s) > 16 || s[0] < 'A' || s[0] > 'Z' {
		return nil
	}
	upper := func(i int) bool { return i < len(s) && s[i] >= 'A' && s[i] <= 'Z' }
	lower := func(i int) bool { return i < len(s) && s[i] >= 'a' && s[i] <= 'z' }
	var parts []string
	words := 0
	for i := 0; i < len(s); {
		if !upper(i) {
			return nil
		}
		j := i
		for upper(j) {
			j++
		}
		if j-i > 1 {
			// A run of capitals: an acronym's letters, up to the one that
			// starts a word.
			end := j
			if lower(j) {
				end = j - 1
			}
			if end-i < 2 {
				return nil
			}
			for k := i; k < end; k++ {
				parts = append(parts, strings.ToLower(s[k:k+1]))
			}
			i = end
			continue
		}
		k := j
		for lower(k) {
			k++
		}
		if k-i < 2 || k < len(s) && !upper(k) {
			return nil
		}
		parts = append(parts, strings.ToLower(s[i:k]))
		words++
		i = k
	}
	if len(parts) < 2 || words == 0 {
		return nil
	}
	return parts
}

// blendKey is the key of blend name in recurring()'s map.
func blendKey(name string) string { return blendMark + strings.ToLower(strings.TrimSpace(name)) }

// initialsOf are the first letters of parts.
func initialsOf(parts []string) string {
	var b strings.Builder
	for _, p := range parts {
		b.WriteByte(p[0])
	}
	return b.String()
}

// prefixesOf reports whether each term starts with its part, as
// "develop" and "experi" (the terms of "developer experience") start with
// "dev" and "ex".
func prefixesOf(parts, terms []string) bool {
	if len(parts) != len(terms) {
		return false
	}
	for i, p := range parts {
		if !strings.HasPrefix(terms[i], p) && !(len(p) > 2 && p[len(p)-1] == 's' && strings.HasPrefix(terms[i], p[:len(p)-1])) {
			return false // "ops" is the plural of "op", operations'
		}
	}
	return true
}

// repeats reports whether a run found in one document is written there
// more than once.
func repeats(docs map[int]int) bool {
	for _, n := range docs {
		if n > 1 {
			return true
		}
	}
	return false
}

// initialsRun is a run of terms with an acronym's initials, and what a
// bridge through it is worth.
type initialsRun struct {
	terms  []string
	factor float64
}

// recurring are the expansions of the acronyms of three letters or more
// that contacts have as interests, found as runs of terms with their
// initials that at least minRecurring candidates write ("site reliability
// engineering" for "SRE" where no candidate defines it), or one that also
// writes the acronym, or one that repeats it (bridgeLoneRun); and of the
// blends (blendKey), runs whose terms start with their parts: key → term
// runs, the most frequent first, at most maxInitialsRuns.
func (e *engine) recurring() map[string][]initialsRun {
	if e.recur != nil {
		return e.recur
	}
	e.recur = map[string][]initialsRun{}
	var wanted []string
	seen := map[string]bool{}
	acronyms := map[string]bool{}
	type blend struct {
		key   string
		parts []string
	}
	blends := map[string][]blend{} // initials → the blends ("de" → DevEx)
	want := func(k string) {
		if !seen[k] {
			seen[k] = true
			wanted = append(wanted, k)
		}
	}
	spelled := map[string]string{}   // key → its letters with its stop words' ("ic" → "iac", of "IaC")
	dropped := map[string][]string{} // a key less a stop word's letter → the keys ("fi" → "foi")
	spells := map[string]bool{}      // key and run: a candidate spells it so
	for _, c := range e.in.Contacts {
		for _, s := range c.Interests {
			ks := acronym.Inner(s)
			if k, ok := acronym.Key(s); ok {
				ks = append(ks, k)
				if full := spelledLetters(s); full != "" {
					spelled[k] = full
					want(k)
				}
			}
			for _, k := range ks {
				if len(k) >= 3 && asciiLetters(k) {
					acronyms[k] = true
					want(k)
					// "FOI": "freedom of information", whose stop word
					// is no term (spellsOut reads the words).
					for j := 1; j < len(k); j++ {
						if strings.IndexByte(stopInitials, k[j]) >= 0 {
							r := k[:j] + k[j+1:]
							if !slices.Contains(dropped[r], k) {
								dropped[r] = append(dropped[r], k)
							}
							want(r)
						}
					}
				}
			}
			if parts := blendParts(s); parts != nil {
				k, b := initialsOf(parts), blend{blendKey(s), parts}
				if !slices.ContainsFunc(blends[k], func(o blend) bool { return o.key == b.key }) {
					blends[k] = append(blends[k], b)
				}
				want(k)
			}
		}
	}
	sort.Strings(wanted)
	docs := map[string]map[string]map[int]int{} // acronym or blend key → run → document → times
	note := func(key string, doc int, terms []string) {
		run := strings.Join(terms, " ")
		if docs[key] == nil {
			docs[key] = map[string]map[int]int{}
		}
		if docs[key][run] == nil {
			docs[key][run] = map[int]int{}
		}
		docs[key][run][doc]++
	}
	e.ix.TermSequences(wanted, func(acr string, doc int, terms []string) {
		if full, ok := spelled[acr]; ok {
			// "infrastructure as code" for "IaC": its stop words too.
			if e.spellsOut(doc, terms, full) {
				note(spelledMark+acr, doc, terms)
			}
		}
		if acronyms[acr] {
			note(acr, doc, terms)
		}
		for _, k := range dropped[acr] {
			ck := k + " " + strings.Join(terms, " ")
			if spells[ck] {
				continue // this run spells k already: one candidate is enough
			}
			if e.spellsOut(doc, terms, k) {
				spells[ck] = true
				note(spelledMark+k, doc, terms)
			}
		}
		for _, b := range blends[acr] {
			if prefixesOf(b.parts, terms) {
				note(b.key, doc, terms)
			}
		}
	})
	for acr, runs := range docs {
		var keys []string
		factor := map[string]float64{}
		for k, ds := range runs {
			switch {
			case strings.HasPrefix(acr, spelledMark):
				factor[k] = bridgeInitials // every letter spelled, its stop words' too
			case strings.HasPrefix(acr, blendMark):
				if len(ds) < minRecurring && !repeats(ds) {
					continue // "developing experiments" once, by chance
				}
				factor[k] = bridgeBlend // each word's start is spelled out: "developer experience" for "DevEx"
			case len(ds) >= minRecurring || e.writesAcronym(ds, acr):
				factor[k] = bridgeInitials
			case len(acr) >= minLoneRun && repeats(ds):
				factor[k] = bridgeLoneRun
			default:
				continue
			}
			keys = append(keys, k)
		}
		sort.Slice(keys, func(i, j int) bool {
			if a, b := len(runs[keys[i]]), len(runs[keys[j]]); a != b {
				return a > b
			}
			return keys[i] < keys[j]
		})
		key := strings.TrimPrefix(acr, spelledMark) // spelled runs join the acronym's own
		for _, k := range keys[:min(len(keys), maxInitialsRuns)] {
			if !slices.ContainsFunc(e.recur[key], func(r initialsRun) bool { return strings.Join(r.terms, " ") == k }) {
				e.recur[key] = append(e.recur[key], initialsRun{strings.Fields(k), factor[k]})
			}
		}
	}
	return e.recur
}

// stopInitials are the first letters of the short stop words an
// acronym in capitals spells too ("FOI": of; "ROI": on).
const stopInitials = "aotfiwb"

// spelledMark starts the key, in recurring()'s runs, of an acronym's
// runs that spell its stop words too.
const spelledMark = "#"

// spelledLetters is the letters, in lower case, of an acronym written
// with a stop word's initial in lower case inside it ("IaC" → "iac",
// "CoPs" → "cop", "SotA" → "sota"), or "" for one without ("SRE").
func spelledLetters(name string) string {
	s := strings.TrimSpace(name)
	if n := len(s); n > 2 && s[n-1] == 's' && s[n-2] >= 'A' && s[n-2] <= 'Z' {
		s = s[:n-1]
	}
	inner := false
	for i := 1; i < len(s)-1; i++ {
		if s[i] >= 'a' && s[i] <= 'z' {
			inner = true
		}
	}
	if !inner || !asciiLetters(strings.ToLower(s)) {
		return ""
	}
	return strings.ToLower(s)
}

// spellsOut reports whether item doc writes the run of terms as words
// whose initials, stop words included, are full ("infrastructure as
// code" for "iac"; not "integrated circuit").
func (e *engine) spellsOut(doc int, terms []string, full string) bool {
	surf := e.surface(doc, terms)
	var b strings.Builder
	for _, w := range acronym.Words(strings.ToLower(surf)) {
		b.WriteByte(w[0])
	}
	return b.String() == full
}

// writesAcronym reports whether one of docs also writes acr in capitals:
// a candidate that writes "PKM" and "personal knowledge management"
// spells the acronym out, if not in brackets.
func (e *engine) writesAcronym(docs map[int]int, acr string) bool {
	for d := range docs {
		if e.writesCaps(d, strings.ToUpper(acr)) {
			return true
		}
	}
	return false
}

// asciiLetters reports whether s is made only of ASCII letters (either
// case), and is not empty.
func asciiLetters(s string) bool {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c >= utf8.RuneSelf || analysis.ASCIIClass(c) < 'a' {
			return false
		}
	}
	return s != ""
}

// writesCaps reports whether item i writes the acronym caps in capitals
// as a word of its own ("SRE", "L&D" for "LD"), in its title or text, or
// its plural ("SREs"), or a form the candidates define it as ("CoPs"),
// and not after a number ("the 3 PM slot"). An acronym of four letters
// or more that spells a stop word in lower case ("MTtR" of "mean time to
// recovery") is also written all in capitals ("MTTR").
func (e *engine) writesCaps(i int, caps string) bool {
	it := e.items[i]
	text := body(it.Text)
	forms := []string{caps, caps + "s"}
	if len(caps) == 2 {
		forms = append(forms, caps[:1]+"&"+caps[1:])
	}
	if up := strings.ToUpper(caps); up != caps && len(caps) >= 4 && !strings.Contains(caps, "&") {
		forms = append(forms, up, up+"s")
	}
	forms = append(forms, e.forms[strings.ToLower(caps)]...)
	found := false
	for _, s := range []string{it.Title, text} {
		for _, f := range forms {
			wholeWords(s, f, func(at, _ int) bool {
				if before := strings.TrimRight(s[:at], " \u00a0"); before != "" && unicode.IsDigit(lastRune(before)) {
					return true // after a number, a time or a unit: "3 PM", "36 ML"
				}
				found = true
				return false
			})
		}
	}
	return found
}

func firstRune(s string) rune {
	r, _ := utf8.DecodeRuneInString(s)
	return r
}

// Blends the other way round: an interest of two or three words
// ("developer experience", "financial operations") in an item that
// writes it as a camel-case blend of their starts ("DevEx", "FinOps"):
// a term of the candidates that splits into starts of the interest's
// words, in order (the first of three letters or more, the others of
// two), written so in capitals where it counts (caps).

// reverseBlends lists the blends of the candidates that spell the
// interest the user wrote as name, as bridges.
func (e *engine) reverseBlends(name string) []bridgeSpec {
	ws := strings.Fields(strings.ToLower(name))
	if len(ws) < 2 || len(ws) > 3 {
		return nil
	}
	for _, w := range ws {
		if len(w) < 3 || !asciiLetters(w) || analysis.IsStopWord(w) {
			return nil
		}
	}
	var out []bridgeSpec
	// The whole phrase, or its last two words after a qualifier ("cloud
	// financial operations" as "FinOps").
	phrases := [][]string{ws}
	if len(ws) == 3 {
		phrases = append(phrases, ws[1:])
	}
	for _, ws := range phrases {
		for _, t := range e.termsStarting()[ws[0][:3]] {
			if !mayBlend(t, ws[0], ws[1]) {
				continue
			}
			if parts := splitBlend(t, ws); parts != nil {
				var caps strings.Builder
				for _, p := range parts {
					caps.WriteString(strings.ToUpper(p[:1]) + p[1:])
				}
				out = append(out, bridgeSpec{terms: []string{t}, factor: bridgeBlend, caps: caps.String()})
			}
		}
	}
	return out
}

// termsStarting is the candidates' terms of 4 to 16 ASCII letters that
// some candidate writes in camel case, by their first three, sorted:
// where a blend may be. Made once per run.
func (e *engine) termsStarting() map[string][]string {
	if e.blendTerms != nil {
		return e.blendTerms
	}
	e.blendTerms = map[string][]string{}
	e.ix.EachCamelTerm(func(t string) {
		if len(t) >= 4 && len(t) <= 16 && asciiLetters(t) {
			e.blendTerms[t[:3]] = append(e.blendTerms[t[:3]], t)
		}
	})
	for _, ts := range e.blendTerms {
		slices.Sort(ts)
	}
	return e.blendTerms
}

// mayBlend reports whether term, which starts with first's first three
// letters, goes on after a longer start of first with second's first
// two: most terms of the bucket fail here, at no cost.
func mayBlend(term, first, second string) bool {
	for l := 3; l < len(term)-1 && l <= len(first); l++ {
		if term[l] == second[0] && term[l+1] == second[1] {
			return true
		}
		if l < len(first) && term[l] != first[l] {
			return false
		}
	}
	return false
}

// splitBlend splits term into starts of words, one each, in order (the
// first of three letters or more, the others of two or more), or returns
// nil. A blend is not any of the words themselves.
func splitBlend(term string, words []string) []string {
	var parts []string
	var split func(t string, i int) bool
	split = func(t string, i int) bool {
		if i == len(words) {
			return t == ""
		}
		least := 2
		if i == 0 {
			least = 3
		}
		for l := min(len(t), len(words[i])); l >= least; l-- {
			if t[:l] != words[i][:l] {
				continue
			}
			parts = append(parts, t[:l])
			if split(t[l:], i+1) {
				return true
			}
			parts = parts[:len(parts)-1]
		}
		return false
	}
	if !split(term, 0) {
		return nil
	}
	return parts
}

// Numeronyms the other way round: an interest written as one ("a11y",
// "i18n") in an item that writes the word ("accessibility",
// "internationalization"): a word of the candidates with its first and
// last letters and as many between, the one most candidates write. People
// shorten long nouns so, never an adverb: "automatically" is no "a11y".

// numeronymReads is how many candidates, newest first, are read for the
// words a numeronym stands for: enough to find a common word, and a
// bounded cost however many candidates there are.
const numeronymReads = 2000

// expandNumeronym returns the word of the candidates that the numeronym
// name stands for, or "" when name is none or no candidate writes one.
func (e *engine) expandNumeronym(name string) string {
	w := strings.ToLower(strings.TrimSpace(name))
	if len(w) < 3 || len(w) > 4 || w[0] < 'a' || w[0] > 'z' || w[len(w)-1] < 'a' || w[len(w)-1] > 'z' {
		return ""
	}
	n, err := strconv.Atoi(w[1 : len(w)-1])
	if err != nil || n < 4 { // numeronym's words have six letters or more
		return ""
	}
	docs := map[string]int{}
	order := make([]int, len(e.items))
	for i := range order {
		order[i] = i
	}
	slices.SortStableFunc(order, func(a, b int) int { return e.items[b].Published.Compare(e.items[a].Published) })
	for _, i := range order[:min(len(order), numeronymReads)] {
		it := e.items[i]
		seen := map[string]bool{}
		for _, s := range []string{it.Title, body(it.Text)} {
			eachWord(s, func(start, end int) {
				if end-start != n+2 {
					return
				}
				word := strings.ToLower(s[start:end])
				if numeronym(word) == w && !seen[word] && !strings.HasSuffix(word, "ly") {
					seen[word] = true
					docs[word]++
				}
			})
		}
	}
	best := ""
	for word, c := range docs {
		if c > docs[best] || c == docs[best] && word < best {
			best = word
		}
	}
	return best
}

// The acronym list (model/lexicon, from bsdgames' acronym files): what a
// dictionary of acronyms says one stands for, where neither the user's
// items nor their contacts define it ("UX", "QA", "SEO"). One meaning
// listed is as sure as a definition (bridgeAcronym); of several ("ML":
// machine learning, mailing list, markup language…), the one whose words
// the user's items write beside the acronym (its associations and
// profile) is an initials' worth (bridgeInitials), and none where they
// tell none.

// listed is an expansion the acronym list gives, and its worth.
type listed struct {
	exp    string
	factor float64
}

// listedExpansions are the acronym list's expansions of the acronym of
// key that serve as its bridges: none where the user's items define it
// (acronymDefs), its one expansion, or of several the one the user's
// items tell (fieldExpansion).
func (e *engine) listedExpansions(key string) []listed {
	if len(e.acronymDefs()[key]) > 0 {
		return nil
	}
	exps := lexicon.AcronymExpansions(key)
	switch len(exps) {
	case 0:
		return nil
	case 1:
		return []listed{{exps[0], bridgeAcronym}}
	}
	if x := e.fieldExpansion(key, exps); x != "" {
		return []listed{{x, bridgeInitials}}
	}
	return nil
}

// fieldExpansion is the expansion of exps, of the acronym of key, most
// of whose words the user's items write beside the acronym (its learned
// neighbours and its profile, weighted), where one is ahead of the rest;
// else "".
func (e *engine) fieldExpansion(key string, exps []string) string {
	near := map[string]float64{}
	for _, nb := range e.in.Associations[key] {
		near[nb.Term] += nb.Weight
	}
	for _, nb := range e.in.Profiles[assoc.ProfileKey([]string{key})] {
		near[nb.Term] += nb.Weight
	}
	best, first, second := "", 0.0, 0.0
	for _, x := range exps {
		s := 0.0
		for _, t := range Analyze(x) {
			s += near[t]
		}
		switch {
		case s > first:
			best, first, second = x, s, first
		case s > second:
			second = s
		}
	}
	if first == 0 || first == second {
		return ""
	}
	return best
}

// listedBridges are the bridges the acronym list gives the interest the
// user wrote as name: an acronym's expansions (listedExpansions), or the
// acronyms it lists for a phrase ("quality assurance" → "QA", "user
// experience" → "UX", whose initials are "ue"), counted only in
// capitals, as sure as a definition where the list gives the acronym no
// other meaning, an initials' worth where it does ("TDD": test-driven
// development, time-division duplex); none where the user's items define
// the acronym otherwise.
func (e *engine) listedBridges(name string) []bridgeSpec {
	var out []bridgeSpec
	if acr, ok := acronym.Key(name); ok {
		for _, l := range e.listedExpansions(acr) {
			out = append(out, bridgeSpec{terms: Analyze(l.exp), factor: l.factor})
		}
		return out
	}
	for _, k := range lexicon.AcronymsOf(name) {
		if !asciiLetters(k) || len(e.acronymDefs()[k]) > 0 {
			continue
		}
		factor := bridgeAcronym
		if len(lexicon.AcronymExpansions(k)) > 1 {
			factor = bridgeInitials
		}
		out = append(out, bridgeSpec{terms: Analyze(k), factor: factor, caps: strings.ToUpper(k)})
	}
	return out
}
