package suggest_test

import "testing"

// The dev fixture twin of the held-out one (testdata/dev-twin, see its
// README.md): written from a brief of the same shape as testdata/heldout
// (a software company's learning network, five feeds of an engineering
// blog, an L&D newsletter, a software and operations newsletter, a
// contact's blog and a city magazine; every kind of match), by a helper
// session that never read the held-out fixture nor the engine. Tuned on,
// unlike testdata/heldout.
const (
	devTwinDir      = "../../testdata/dev-twin"
	devTwinFeedBase = "https://feeds.example/dev-twin/"
)

// Floors on it, a little under what the engine measured (see the test's
// log); raise them as it improves, never lower them to let a change
// through. Measured on 2026-12-07, first: paraphrase recall@3 0.50
// (34/68: acronym 10/14, order 10/13, related 1/13, spelling 8/14,
// synonym 5/14), literal 0.94 (17/18: "A/B testing" analysed to
// "testing" alone), off-topic 0.36 (8/22, homonyms 8/12); with "A/B" one
// term, "behaviour" folded to "behavior" (model/analysis) and a joined
// compound meeting its words written apart ("on call" for "on-call":
// spacedForms), paraphrase 0.54 (37/68, spelling 11/14), literal 1.00,
// off-topic 0.36; with "access" no longer "accessibility" (overStemmed)
// and "IaC" finding "infrastructure as code" (spellsOut): paraphrase
// 0.56 (38/68, acronym 11/14), top-1 0.91; with "LLMs" for large
// language models but not for a Master of Laws, and a network contact
// taking an acronym in capitals as strongly as a plain profile match:
// 0.59 (40/68, acronym 13/14), off-topic 0.36; with "micro-services"
// joined like "co-operation": 0.60 (41/68, spelling 12/14); with a
// network contact taking all their interest's words in a title in
// another order as a title match: 0.63 (43/68, order 12/13); with an
// acronym bridge failing where the item spells the acronym as other
// words, and a two-word interest's literal match needing its profile or
// field in a long item: off-topic 0.27 (6/22); with a name's profile
// bridging items that hold words of the recipient's field ("ownership,
// borrowing" for Rust): 0.65 (44/68, related 2/13); with the category
// check: 0.63 (43/68), off-topic 0.23 (5/22).
const (
	devTwinParaphraseFloor = 0.63
	devTwinLiteralFloor    = 0.95
	devTwinOffTopicMax     = 0.24
)

// devTwinQuality reports recall@3 per kind and off-topic false
// positives on the twin dev fixture, and asserts its floors.
func devTwinQuality(t *testing.T) {
	assertFloors(t, "dev-twin", devTwinDir, devTwinFeedBase, floors{
		recall:      map[string]float64{"paraphrase": devTwinParaphraseFloor, "literal": devTwinLiteralFloor},
		offTopicMax: devTwinOffTopicMax,
	})
}
