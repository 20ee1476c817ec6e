package suggest

import (
	"slices"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/knowflow/knowflow/model/acronym"
	"github.com/knowflow/knowflow/model/analysis"
	"github.com/knowflow/knowflow/model/assoc"
	"github.com/knowflow/knowflow/model/lexicon"
	"github.com/knowflow/knowflow/model/suggest/internal/bm25"
)

// Bridges: an interest said in other words. People write "distributed
// team" where the interest says "remote work", "SRE" where it says "site
// reliability engineering". Each interest of a query gets bridge phrases,
// each worth a factor below 1 of a literal match, from:
//   - acronyms: an acronym interest's expansions, and a multiword
//     interest's acronym, as the candidates define them ("site
//     reliability engineering (SRE)") or, for three letters or more, as
//     its initials;
//   - the lexicon and the associations learned from the user's own items
//     (bridgesOf).
//
// A bridge counts only where the item holds it whole (adjacent or near,
// as a phrase), and "why" names the item's words that bridged it.

const (
	// An acronym and its expansion mean the same thing: only the doubt
	// whether they are the same acronym makes a bridge weaker.
	bridgeAcronym  = 0.95 // an acronym the candidates define, or its expansion
	bridgeInitials = 0.85 // a multiword interest's initials, or a recurring run of words with an acronym's, not seen defined
	maxBridges     = 12   // per interest, besides its related terms (topicTerms) and its profile
)

// bridge is a phrase of a query that says interest in other words.
type bridge struct {
	interest int     // index of the interest in the query
	factor   float64 // what a whole match of it is worth, against a literal one
	caps     string  // an acronym: it counts only where the item writes it so
	form     string  // words in lower case: it counts only where the item writes them so, in any case (spacedForms)
	// otherSense, for an acronym bridge: the words of the acronym's other
	// meanings (otherMeanings); it does not count where the item holds
	// one of them and none of own, the words of its own expansion.
	otherSense, own []string
	// initials, for an acronym bridge: the acronym in lower case; it
	// does not count where the item spells it as other words and holds
	// none of own ("a free ADR scheme ... the alternative dispute
	// resolution service" is no architecture decision record:
	// spellsOther).
	initials string
	// nameSense, for the profile bridge of a name that is an everyday
	// word: it counts only where the item holds minNameField words of
	// the recipient's field and reads the word in no other sense
	// (guard.fieldOf): "ownership, borrowing" and a compiler are Rust
	// the language to an engineer who reviews code.
	nameSense bool
	topic     bool   // a related term (topic.go): it counts only beside another
	profile   string // the interest's profile (profile.go), by key: no phrase, a closeness
}

// bridgeSpec is a bridge before it joins a query.
type bridgeSpec struct {
	terms      []string
	factor     float64
	caps       string
	form       string
	otherSense []string
	initials   string
	topic      bool
	profile    string
}

// addBridges adds the bridges and guards of q's interests.
func (e *engine) addBridges(q *query) {
	q.guards = make([]*guard, q.nInterests)
	var context []string // every interest's terms: what an ambiguous one needs beside it
	for i := 0; i < q.nInterests; i++ {
		context = append(context, q.phrases[i].Terms...)
	}
	for i := 0; i < q.nInterests; i++ {
		terms := q.phrases[i].Terms
		seen := map[string]bool{strings.Join(terms, " "): true}
		n := 0
		var bridgeTerms []string
		_, named := nameWord(q.names[i], terms)
		var nameProfile string
		for _, b := range e.bridgesOf(q.names[i], terms) {
			key := strings.Join(b.terms, " ")
			if b.profile != "" {
				key = "\x00" + b.profile
			}
			if n == maxBridges+topicTerms+1 || seen[key] || b.profile == "" && !e.allKnown(b.terms) {
				continue
			}
			if b.profile != "" && named {
				// A name that is an everyday word ("Java", "Rust"): the
				// user's items that name it speak of coffee and corrosion
				// as well as of code. Its guard reads the sense with the
				// profile (guard.passes), and its profile bridges only an
				// item that holds words of the recipient's field
				// (bridge.nameSense).
				nameProfile = b.profile
			}
			seen[key] = true
			q.phrases = append(q.phrases, bm25.Phrase{Terms: b.terms, Weight: q.phrases[i].Weight})
			br := bridge{interest: i, factor: b.factor, caps: b.caps, form: b.form, topic: b.topic, profile: b.profile, nameSense: b.profile != "" && named}
			if len(b.otherSense) > 0 || b.initials != "" {
				br.otherSense, br.initials, br.own = b.otherSense, b.initials, terms
			}
			q.bridges = append(q.bridges, br)
			bridgeTerms = append(bridgeTerms, b.terms...)
			n++
		}
		q.guards[i] = e.guardFor(q.names[i], terms, append(bridgeTerms, context...))
		if p := overStemmed(q.names[i], terms); p != "" {
			q.guardAt(i).prefix = p
		}
		if g := q.guards[i]; g != nil {
			g.profile = nameProfile
		}
		if acr, ok := acronym.Key(q.names[i]); ok {
			// An acronym counts where the item writes it in capitals:
			// "Agnus Dei" is not DEI.
			g := q.guardAt(i)
			g.caps = []string{strings.ToUpper(acr), strings.TrimSpace(q.names[i])}
			if len(acr) <= maxFieldAcronym {
				g.field = e.acronymField(terms, bridgeTerms, context)
			}
		}
	}
}

// maxFieldAcronym is the longest acronym that needs a word of its field
// beside it (acronymField).
const maxFieldAcronym = 3

// acronymFieldProfile is how many of the strongest terms of a short
// acronym's profile speak for its field.
const acronymFieldProfile = 10

// acronymField lists the terms of which a short acronym interest (its
// terms are own) needs one in an item: in capitals "HR" is also a heart
// rate and "RAG" a red-amber-green status. They are the words of the
// recipient's other interests (context holds every interest's terms),
// the terms the user's items write beside it (its associations) and its
// profile's strongest, and its bridges' words (bridgeTerms). With only
// its bridges to go by (a lone interest, nothing learned of it), nil:
// the words of an expansion alone are too few to tell a field by, and
// "SRE at a small company" need not spell it out.
func (e *engine) acronymField(own, bridgeTerms, context []string) []string {
	seen := map[string]bool{}
	var out []string
	add := func(t string) {
		if !seen[t] && !slices.Contains(own, t) && e.ix.IDF(t) > 0 {
			seen[t] = true
			out = append(out, t)
		}
	}
	for _, t := range context {
		add(t)
	}
	for _, t := range own {
		for _, nb := range e.in.Associations[t] {
			if nb.Weight >= minContextAssoc {
				add(nb.Term)
			}
		}
	}
	p := e.in.Profiles[assoc.ProfileKey(own)]
	for _, nb := range p[:min(len(p), acronymFieldProfile)] {
		add(nb.Term)
	}
	if len(out) == 0 {
		return nil
	}
	for _, t := range bridgeTerms {
		add(t)
	}
	return out
}

// otherMeanings lists the words of what else an acronym stands for, as
// WordNet and the dictionary of acronyms give it, leaving out those of
// the expansion own (analysed terms): "LLM" is also WordNet's Master of
// Laws ("master", "law"), "TDD" also time-division duplex.
func otherMeanings(acr string, own []string) []string {
	var exps []string
	for _, r := range lexicon.Related(acr) {
		if r.Kind == lexicon.Synonym || r.Kind == lexicon.Expansion {
			exps = append(exps, r.Lemma)
		}
	}
	exps = append(exps, lexicon.AcronymExpansions(acr)...)
	var out []string
	for _, x := range exps {
		ts := Analyze(x)
		if slices.Equal(ts, own) {
			continue
		}
		for _, t := range ts {
			if !slices.Contains(own, t) && !slices.Contains(out, t) && len(t) > 2 {
				out = append(out, t)
			}
		}
	}
	return out
}

// spellsOther reports whether item doc spells the acronym acr (lower
// case) as words other than own (analysed terms): a run of words within
// one clause of its title or text, stop words aside, whose initials are
// acr ("alternative dispute resolution" for "adr").
func (e *engine) spellsOther(doc int, acr string, own []string) bool {
	it := e.items[doc]
	for _, s := range []string{it.Title, body(it.Text)} {
		for _, clause := range strings.FieldsFunc(s, func(r rune) bool { return strings.ContainsRune(".,;:!?()[]\"“”", r) }) {
			var ws []string
			eachWord(clause, func(start, end int) {
				if w := strings.ToLower(clause[start:end]); !analysis.IsStopWord(w) {
					ws = append(ws, w)
				}
			})
			for i := 0; i+len(acr) <= len(ws); i++ {
				run := ws[i : i+len(acr)]
				k := 0
				for k < len(run) && run[k][0] == acr[k] {
					k++
				}
				if k == len(run) && !slices.Equal(Analyze(strings.Join(run, " ")), own) {
					return true
				}
			}
		}
	}
	return false
}

// bridgeSpaced is what a compound's parts written apart are worth: the
// same words.
const bridgeSpaced = 0.95

// spacedForms are the bridges of an interest with a hyphenated compound
// that the analysis joins ("on-call" is "oncal", "docs-as-code" one term):
// the compound written with spaces ("on call", "docs as code"), whose
// terms alone lose its stop words ("call"), counted only where the item
// writes the compound's words so.
func spacedForms(name string) []bridgeSpec {
	ws := strings.Fields(name)
	form := "" // the first compound written apart
	for i, w := range ws {
		w = strings.TrimFunc(w, func(r rune) bool { return !isWordRune(r) })
		if strings.Contains(w, "-") && len(Analyze(w)) == 1 {
			if parts := strings.Fields(strings.ReplaceAll(w, "-", " ")); len(parts) > 1 && len(Analyze(strings.Join(parts, " "))) < len(parts) {
				ws[i] = strings.Join(parts, " ")
				if form == "" {
					form = strings.ToLower(ws[i])
				}
			}
		}
	}
	if form == "" {
		return nil
	}
	terms := Analyze(strings.Join(ws, " "))
	if len(terms) == 0 {
		return nil
	}
	return []bridgeSpec{{terms: terms, factor: bridgeSpaced, form: form}}
}

// exInitials are the initials of an interest of two to four words, stop
// words aside, where a word starting with "ex" gives its X ("dx" of
// "developer experience", "cx" of "customer experience"), or "" where
// none does.
func exInitials(name string) string {
	var b strings.Builder
	n, x := 0, false
	for _, w := range strings.Fields(strings.ToLower(name)) {
		if analysis.IsStopWord(w) {
			continue
		}
		if w[0] < 'a' || w[0] > 'z' {
			return ""
		}
		n++
		if strings.HasPrefix(w, "ex") && len(w) > 3 {
			b.WriteByte('x')
			x = true
		} else {
			b.WriteByte(w[0])
		}
	}
	if !x || n < 2 || n > 4 {
		return ""
	}
	return b.String()
}

// joinedForm is the bridge of an interest of two words to the two
// written as one ("styleguides" for "style guides", "codebase" for
// "code base"): the same words, where the candidates write them so.
// Measured (2026-12-07): testdata/dev-twin2's spelling paraphrases 10/13
// → 11/13; testdata/share gave "world news" an item tagged "worldnews"
// (a subreddit) that its labels give nobody; the held-out fixture,
// measured after, unchanged.
func joinedForm(name string) []bridgeSpec {
	ws := strings.Fields(strings.ToLower(name))
	if len(ws) != 2 {
		return nil
	}
	for _, w := range ws {
		if len(w) < 3 || !asciiLetters(w) || analysis.IsStopWord(w) {
			return nil
		}
	}
	terms := Analyze(ws[0] + ws[1])
	if len(terms) != 1 {
		return nil
	}
	return []bridgeSpec{{terms: terms, factor: bridgeSpaced}}
}

// writesForm reports whether item i writes the words of form (lower
// case) as whole words, in any case, in its title or text.
func (e *engine) writesForm(i int, form string) bool {
	_, ok := e.formIn(i, form)
	return ok
}

// formSurface is form as item i writes it ("On call"), or form.
func (e *engine) formSurface(i int, form string) string {
	if f, ok := e.formIn(i, form); ok {
		return f
	}
	return form
}

// formIn returns form as item i writes it, as whole words in any case,
// in its title or else its text, and whether it does. Lower-casing keeps
// the byte offsets of ASCII text; where it would not, the form is named
// as it is.
func (e *engine) formIn(i int, form string) (string, bool) {
	it := e.items[i]
	for _, s := range []string{it.Title, body(it.Text)} {
		low := strings.ToLower(s)
		found, ok := "", false
		wholeWords(low, form, func(at, end int) bool {
			found, ok = form, true
			if len(low) == len(s) {
				found = s[at:end]
			}
			return false
		})
		if ok {
			return found, true
		}
	}
	return "", false
}

// allKnown reports whether every term occurs in some candidate: a bridge
// that cannot match costs a look-up for nothing.
func (e *engine) allKnown(terms []string) bool {
	for _, t := range terms {
		if e.ix.IDF(t) == 0 {
			return false
		}
	}
	return len(terms) > 0
}

// bridgesOf lists the bridges of the interest the user wrote as name,
// whose terms are terms, strongest first. Interests repeat across people
// and communities: each is worked out once per run.
func (e *engine) bridgesOf(name string, terms []string) []bridgeSpec {
	key := strings.ToLower(strings.TrimSpace(name))
	if b, ok := e.bridgeCache[key]; ok {
		return b
	}
	var out []bridgeSpec
	defs := e.acronymDefs()
	if acr, ok := acronym.Key(name); ok {
		// An acronym: its expansions, as the candidates define them, or
		// as several of them write a run of words with its initials.
		for _, exp := range defs[acr] {
			out = append(out, bridgeSpec{terms: Analyze(exp), factor: bridgeAcronym})
		}
		for _, r := range e.recurring()[acr] {
			out = append(out, bridgeSpec{terms: r.terms, factor: r.factor})
		}
	} else if acr := acronym.Initials(name); len(acr) >= 2 {
		// Several words: their acronym, where the candidates define it
		// so, or where it is long enough to say little else.
		factor := 0.0
		for _, exp := range defs[acr] {
			if slices.Equal(Analyze(exp), terms) {
				factor = bridgeAcronym
			}
		}
		if factor == 0 && len(acr) >= 3 && !(commonWord(acr) && strings.ContainsAny(acr, "aeiouy")) {
			// Not initials that spell an everyday word ("mad"); WordNet's
			// "llm" (Master of Laws), with no vowel, is none.
			factor = bridgeInitials
		}
		if x := exInitials(name); x != "" {
			// "DX" for developer experience, as "UX" is user experience:
			// an "ex-" word's letter is X.
			out = append(out, bridgeSpec{terms: Analyze(x), factor: bridgeInitials, caps: strings.ToUpper(x), otherSense: otherMeanings(x, terms), initials: x})
		}
		if full := fullInitials(name); len(full) >= 3 {
			// Its short stop words spelled too: "IaC", "L&D", "CoP" say
			// "infrastructure as code", "learning and development",
			// "community of practice" in so many letters; "MTTR" (of
			// "mean time to recovery", whose initials are also "MTR")
			// all in capitals (writesCaps).
			out = append(out, bridgeSpec{terms: Analyze(full), factor: bridgeInitials, caps: full})
		}
		if factor > 0 {
			// "mad" is not "mobile app development": only "MAD" is.
			caps := strings.ToUpper(acr)
			other := otherMeanings(acr, terms)
			out = append(out, bridgeSpec{terms: Analyze(acr), factor: factor, caps: caps, otherSense: other, initials: acr})
			for _, f := range e.forms[acr] { // "CoPs": the term "cop"
				out = append(out, bridgeSpec{terms: Analyze(f), factor: factor, caps: caps, otherSense: other, initials: acr})
			}
		}
	}
	if blendParts(name) != nil {
		for _, r := range e.recurring()[blendKey(name)] {
			out = append(out, bridgeSpec{terms: r.terms, factor: r.factor})
		}
	}
	out = append(out, spacedForms(name)...)
	out = append(out, joinedForm(name)...)
	out = append(out, e.listedBridges(name)...)
	out = append(out, e.reverseBlends(name)...)
	out = append(out, e.innerAcronymBridges(name)...)
	if n := numeronym(name); n != "" {
		out = append(out, bridgeSpec{terms: Analyze(n), factor: bridgeInitials})
	}
	if w := e.expandNumeronym(name); w != "" {
		out = append(out, bridgeSpec{terms: Analyze(w), factor: bridgeInitials})
	}
	out = append(out, e.lexicalBridges(name, terms)...)
	out = append(out, e.associationBridges(terms)...)
	out = append(out, e.topicBridges(terms)...)
	out = append(out, e.profileBridges(terms)...)
	sort.SliceStable(out, func(i, j int) bool { return out[i].factor > out[j].factor })
	if e.bridgeCache == nil {
		e.bridgeCache = map[string][]bridgeSpec{}
	}
	e.bridgeCache[key] = out
	return out
}

// surface is how item i says terms: the shortest run of its title (else
// its text) that holds them all, as written ("distributed team"), or the
// terms themselves if neither does.
func (e *engine) surface(i int, terms []string) string {
	it := e.items[i]
	text := body(it.Text)
	for _, s := range []string{it.Title, text} {
		if w := window(s, terms); w != "" {
			return w
		}
	}
	return strings.Join(terms, " ")
}

// window is the shortest run of words of s holding every one of terms, as
// written in s, or "" when s does not hold them within a few words.
func window(s string, terms []string) string {
	type word struct {
		start, end int
		term       string
	}
	var ws []word
	eachWord(s, func(start, end int) {
		for _, t := range Analyze(s[start:end]) {
			ws = append(ws, word{start, end, t})
		}
	})
	best, bs, be := -1, 0, 0
	for a := range ws {
		need := map[string]bool{}
		for _, t := range terms {
			need[t] = true
		}
		for b := a; b < len(ws) && b-a <= len(terms)+bm25.NearGap; b++ {
			delete(need, ws[b].term)
			if len(need) == 0 {
				if best < 0 || b-a < best {
					best, bs, be = b-a, ws[a].start, ws[b].end
				}
				break
			}
		}
	}
	if best < 0 {
		return ""
	}
	return strings.Trim(s[bs:be], wordJoiners)
}

// wordJoiners are the characters that join letters into one word as
// written ("e-mail", "L&D", "don't"), and are trimmed from its ends.
const wordJoiners = "-&'’"

// eachWord calls f with the start and end of each word of s, as written:
// a run of letters and digits, joined by wordJoiners.
func eachWord(s string, f func(start, end int)) {
	next := func(i int) (rune, int) {
		if s[i] < utf8.RuneSelf {
			return rune(s[i]), 1
		}
		return utf8.DecodeRuneInString(s[i:])
	}
	for i := 0; i < len(s); {
		r, size := next(i)
		if !isWordRune(r) {
			i += size
			continue
		}
		start := i
		for i < len(s) {
			r, size := next(i)
			if !isWordRune(r) && !strings.ContainsRune(wordJoiners, r) {
				break
			}
			i += size
		}
		f(start, i)
	}
}

func isWordRune(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }

// fullInitials is the acronym of a phrase of several words that spells
// its stop words too, as people write such acronyms: each other word's
// initial in capitals, a stop word's in lower case, "and" as "&"
// ("infrastructure as code" → "IaC", "learning and development" → "L&D",
// "ways of working" → "WoW"); "" where the phrase has no stop word
// inside it, a word that does not start with a letter a-z, or a stop
// word of more than three letters.
func fullInitials(s string) string {
	ws := acronym.Words(strings.ToLower(s))
	if len(ws) < 3 || len(ws) > 5 {
		return ""
	}
	var b strings.Builder
	inner := false
	for i, w := range ws {
		c := w[0]
		if c < 'a' || c > 'z' {
			return ""
		}
		switch {
		case !analysis.IsStopWord(w):
			b.WriteByte(c - 'a' + 'A')
		case i == 0 || i == len(ws)-1 || len(w) > 3:
			return ""
		case w == "and":
			b.WriteByte('&')
			inner = true
		default:
			b.WriteByte(c)
			inner = true
		}
	}
	if !inner {
		return ""
	}
	return b.String()
}
