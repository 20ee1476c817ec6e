package model

import (
	"time"

	"github.com/knowflow/knowflow/model/assoc"
)

// The inputs of the engines (model/suggest, model/flow), as the store
// loads them: data, defined here so that storage depends on no engine.
// The engines name them by their own aliases (suggest.Input, flow.Input).

// Candidate is a recent item that may be worth sharing.
type Candidate struct {
	Item
	// AuthorIDs are the contacts who write the item's source: the item is
	// never suggested to them, they may be thanked instead.
	AuthorIDs []int64
}

// CommunityInfo is a community with its members.
type CommunityInfo struct {
	Community
	MemberIDs []int64
}

// FeedbackItem is the text of an item the user gave a verdict on.
type FeedbackItem struct {
	Title      string
	Categories []string
	Text       string
}

// SuggestWindow is how far back the suggestion engine's candidates go.
const SuggestWindow = 14 * 24 * time.Hour

// SuggestInput is everything one run of the suggestion engine looks at.
type SuggestInput struct {
	Now   time.Time
	Prefs Prefs
	// Items are the candidates: recent (the window, default
	// SuggestWindow) and unread or starred.
	Items       []Candidate
	Contacts    []Contact
	Communities []CommunityInfo
	// Shares are past shares (at least the last of each contact and
	// community, and every share of a candidate item).
	Shares []Share
	// Feedback holds the user's verdicts (dismissed, shared, snoozed).
	Feedback []Feedback
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
	// Profiles holds, per interest of the contacts (assoc.ProfileKey of
	// its analysed terms), the vocabulary of the user's own items that
	// name it (assoc.ProfileOf, store.Profiles): an item close to it is
	// about the interest in other words.
	Profiles map[string][]assoc.Neighbour
	// AcronymDefs holds the definitions the user's items ever gave of the
	// acronyms the contacts' interests use or make (acronym.Wanted,
	// store.AcronymDefs): "SRE" stands for "site reliability engineering"
	// though no candidate says so.
	AcronymDefs []AcronymDef
}

// AcronymDef is an acronym as items define it: "site reliability
// engineering (SRE)".
type AcronymDef struct {
	Acronym   string // acronym.Key: "sre"
	Expansion string // lower case: "site reliability engineering"
	Form      string // as written: "SRE", "CoPs"
	Count     int    // how many items define it so
	// Beside: the items write the acronym and its words apart, not one
	// in brackets after the other (acronym.Beside): weaker, as a chance
	// run of words with its initials is written so too.
	Beside bool
}

// FlowEvent is one share (given) or one item read from a person
// (received).
type FlowEvent struct {
	At          time.Time
	ContactID   int64 // the person; 0 for a share into a community
	CommunityID int64 // the community a share went into, else 0
}

// FlowPerson is a contact with the time they were added, which stands in
// for the last contact until there is one.
type FlowPerson struct {
	Contact Contact
	Added   time.Time
}

// DefaultFlowWeeks is how many weeks the flow shows when not told.
const DefaultFlowWeeks = 12

// FlowInput is everything the flow report (model/flow) needs.
type FlowInput struct {
	Now      time.Time
	Location *time.Location // weeks start on Monday here; nil means UTC
	Weeks    int            // weeks shown, this one included (default DefaultFlowWeeks)
	Given    []FlowEvent    // shares since the first week's start
	Received []FlowEvent    // items read or starred from a person's sources, at their publication
	People   []FlowPerson
	Prefs    Prefs // cadences per circle
	// LastDigests is when something last went into each community (by
	// name), whenever that was: a digest reaches every member, so they
	// heard from the user then.
	LastDigests map[string]time.Time
}

// WeekStarts returns the starts (Monday 00:00 in loc) of the n weeks up to
// and including the one holding now, oldest first (DefaultFlowWeeks when
// n <= 0).
func WeekStarts(now time.Time, loc *time.Location, n int) []time.Time {
	if loc == nil {
		loc = time.UTC
	}
	if n <= 0 {
		n = DefaultFlowWeeks
	}
	t := now.In(loc)
	day := time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, loc)
	monday := day.AddDate(0, 0, -((int(day.Weekday()) + 6) % 7))
	weeks := make([]time.Time, n)
	for i := range weeks {
		weeks[i] = monday.AddDate(0, 0, -7*(n-1-i))
	}
	return weeks
}
