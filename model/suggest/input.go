// Package suggest decides with whom and when to share each recent item,
// and why (docs/ARCHITECTURE.md, "From an item to a share"). It is pure:
// everything it needs comes in an Input (model/store loads one), and the
// same Input always gives the same suggestions.
package suggest

import (
	"github.com/knowflow/knowflow/model"
	"github.com/knowflow/knowflow/model/analysis"
)

// The engine's input is data the store loads (model.SuggestInput and its
// parts); these are its names here.
type (
	Candidate     = model.Candidate
	CommunityInfo = model.CommunityInfo
	Input         = model.SuggestInput
	FeedbackItem  = model.FeedbackItem
)

// InterestTerms lists the analysed terms of every contact's interests,
// sorted, once each: what Associations needs entries for.
func InterestTerms(contacts []model.Contact) []string { return analysis.InterestTerms(contacts) }

// DefaultWindow is how far back candidates go.
const DefaultWindow = model.SuggestWindow
