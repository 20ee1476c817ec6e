package suggest_test

import "testing"

// The second dev fixture shaped like the held-out one (testdata/dev-twin2,
// see its README.md): written from the same brief as testdata/dev-twin
// (a software company's learning network, five feeds of an engineering
// blog, an L&D newsletter, a software and operations newsletter, a
// contact's blog and a city magazine; every kind of match), with other
// people, interests and city, by a helper session that never read the
// engine nor any other fixture. Tuned on, unlike testdata/heldout.
const (
	devTwin2Dir      = "../../testdata/dev-twin2"
	devTwin2FeedBase = "https://feeds.example/dev-twin2/"
)

// Floors on it, a little under what the engine measured (see the test's
// log); raise them as it improves, never lower them to let a change
// through. Measured on 2026-12-07, first (blind, and the same with the
// engine of that morning): paraphrase recall@3 0.52 (34/66: acronym
// 9/13, order 10/13, related 1/14, spelling 10/13, synonym 4/13),
// literal 0.90 (19/21), off-topic 0.23 (5/22, homonyms 5/12); with
// "FOI" in capitals an acronym (no Portuguese "foi") that spells "of",
// and "organizational" folded like "organisational": paraphrase 0.56
// (37/66); with "styleguides" for "style guides": 0.58 (38/66); with a
// set phrase ("docs as code") read in no other sense: 0.59 (39/66);
// with "MLOps" a blend of an acronym's letters and a word: 0.61
// (40/66); with "DX" for developer experience (X for an "ex-" word, as
// in UX): 0.62 (41/66).
const (
	devTwin2ParaphraseFloor = 0.61
	devTwin2LiteralFloor    = 0.88
	devTwin2OffTopicMax     = 0.24
)

// devTwin2Quality reports recall@3 per kind and off-topic false
// positives on the second twin dev fixture, and asserts its floors.
func devTwin2Quality(t *testing.T) {
	assertFloors(t, "dev-twin2", devTwin2Dir, devTwin2FeedBase, floors{
		recall:      map[string]float64{"paraphrase": devTwin2ParaphraseFloor, "literal": devTwin2LiteralFloor},
		offTopicMax: devTwin2OffTopicMax,
	})
}
