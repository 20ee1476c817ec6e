package suggest_test

import "testing"

// The dev fixture of meaning (testdata/dev-meaning, see its README.md): a
// housing association's people, and posts that mostly say an interest in
// other words (synonyms, or describing the thing without naming it),
// beside literal posts, homonyms and off-topic posts. Written by a helper
// session from a brief alone, before the engine ran on it; tuned on,
// unlike testdata/heldout.
const (
	devMeaningDir      = "../../testdata/dev-meaning"
	devMeaningFeedBase = "https://feeds.example/dev-meaning/"
)

// Floors on it, a little under what the engine measured (see the test's
// log); raise them as it improves, never lower them to let a change
// through. Measured on 2026-12-07, first: paraphrase recall@3 0.22
// (11/49: synonym 6/24, related 5/25), literal 1.00 (13/13), off-topic
// 0.15 (3/20). Its people work in a housing association's digital,
// data, facilities, resident and people teams, fields testdata/
// background does not cover: no interest of theirs has a profile, and
// what bridges is WordNet, acronyms and spelling alone.
const (
	devMeaningParaphraseFloor = 0.20
	devMeaningLiteralFloor    = 0.90
	devMeaningOffTopicMax     = 0.15
)

// devMeaningQuality reports recall@3 per kind and off-topic false
// positives on the meaning dev fixture, and asserts its floors.
func devMeaningQuality(t *testing.T) {
	assertFloors(t, "dev-meaning", devMeaningDir, devMeaningFeedBase, floors{
		recall:      map[string]float64{"paraphrase": devMeaningParaphraseFloor, "literal": devMeaningLiteralFloor},
		offTopicMax: devMeaningOffTopicMax,
	})
}
