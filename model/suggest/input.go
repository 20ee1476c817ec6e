// Package suggest decides with whom and when to share each recent item,
// and why (docs/ARCHITECTURE.md, "From an item to a share"). It is pure:
// everything it needs comes in an Input (model/store loads one), and the
// same Input always gives the same suggestions.
package suggest

import (
	"slices"
	"time"

	"github.com/knowflow/knowflow/model"
	"github.com/knowflow/knowflow/model/assoc"
)

// Candidate is a recent item that may be worth sharing.
type Candidate struct {
	model.Item
	// AuthorIDs are the contacts who write the item's source: the item is
	// never suggested to them, they may be thanked instead.
	AuthorIDs []int64
}

// CommunityInfo is a community with its members.
type CommunityInfo struct {
	model.Community
	MemberIDs []int64
}

// Input is everything one run of the engine looks at.
type Input struct {
	Now   time.Time
	Prefs model.Prefs
	// Items are the candidates: recent (the window, default 14 days)
	// and unread or starred.
	Items       []Candidate
	Contacts    []model.Contact
	Communities []CommunityInfo
	// Shares are past shares (at least the last of each contact and
	// community, and every share of a candidate item).
	Shares []model.Share
	// Feedback holds the user's verdicts (dismissed, shared, snoozed).
	Feedback []model.Feedback
	// Writing holds, per contact ID, the titles and categories of recent
	// items from the sources they write: what they themselves care about.
	Writing map[int64][]string
	// FeedbackItems holds the title, categories and text of items named in
	// Feedback that are not candidates any more, so that what was shared
	// with or dismissed for a contact still teaches the engine.
	FeedbackItems map[int64]FeedbackItem
	// Associations holds, per analysed term of the contacts' interests,
	// the terms the user's own items associate with it (what the network
	// writes beside it, store.Associations): they bridge an interest to
	// items that say it in the network's other words.
	Associations map[string][]assoc.Neighbour
}

// InterestTerms lists the analysed terms of every contact's interests,
// sorted, once each: what Associations needs entries for.
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

// FeedbackItem is the text of an item the user gave a verdict on.
type FeedbackItem struct {
	Title      string
	Categories []string
	Text       string
}

// DefaultWindow is how far back candidates go.
const DefaultWindow = 14 * 24 * time.Hour
