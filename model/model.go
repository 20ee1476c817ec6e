// Package model holds Knowflow's domain types: sources in folders, the
// items they publish, contacts in circles and named communities, shares,
// suggestions and notes. It has no storage and no UI code; model/store
// persists these types in SQLite.
package model

import (
	"fmt"
	"strings"
	"time"
)

// Circle is one of the three circles of a personal learning network.
type Circle string

// The three circles. Their sharing norms differ (see docs/ARCHITECTURE.md).
const (
	CircleTeam      Circle = "team"      // shared, fixed goals; share directly and soon
	CircleCommunity Circle = "community" // community of practice; share into its digest
	CircleNetwork   Circle = "network"   // loose network; share sparingly, strong matches only
)

// Circles lists every circle in display order.
var Circles = []Circle{CircleTeam, CircleCommunity, CircleNetwork}

// ParseCircle returns the circle named s (case-insensitive) or an error
// that lists the valid names.
func ParseCircle(s string) (Circle, error) {
	c := Circle(strings.ToLower(strings.TrimSpace(s)))
	for _, k := range Circles {
		if c == k {
			return c, nil
		}
	}
	return "", fmt.Errorf("model: unknown circle %q (want team, community or network)", s)
}

// DefaultCadence is how long to wait between two shares with a contact of
// the circle, unless the contact overrides it.
func (c Circle) DefaultCadence() time.Duration {
	switch c {
	case CircleTeam:
		return 24 * time.Hour
	case CircleCommunity:
		return 7 * 24 * time.Hour
	default:
		return 30 * 24 * time.Hour
	}
}

// Title is the circle's name for display ("Team").
func (c Circle) Title() string {
	if c == "" {
		return ""
	}
	return strings.ToUpper(string(c[:1])) + string(c[1:])
}

// Folder groups sources; folders nest to any depth.
type Folder struct {
	ID       int64
	ParentID int64 // 0 for a top-level folder
	Name     string
}

// Source is a subscribed feed.
type Source struct {
	ID          int64
	FolderID    int64    // 0 when not in a folder
	Folder      []string // folder path from the top, e.g. ["Tech", "Go"]
	Title       string
	FeedURL     string
	SiteURL     string
	Description string
	Category    string // OPML 2.0 category attribute, kept verbatim

	ETag          string
	LastModified  string
	LastCheckedAt time.Time
	NextCheckAt   time.Time
	LastError     string // why the last fetch failed, in plain words ("" when it worked)
	ErrorDetail   string // the same as a technical message
	ErrorCount    int    // failures in a row
	FailingSince  time.Time

	Unread int // derived: unread items
}

// FolderPath joins the folder path with "/" ("Tech/Go").
func (s Source) FolderPath() string { return strings.Join(s.Folder, "/") }

// ParseFolderPath turns a path as FolderPath writes it, "A/B", into its
// folders ["A", "B"], dropping blank parts.
func ParseFolderPath(path string) []string {
	var out []string
	for _, p := range strings.Split(path, "/") {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return out
}

// Item is one entry published by a source.
type Item struct {
	ID          int64
	SourceID    int64
	SourceTitle string
	GUID        string
	Link        string
	Title       string
	Author      string
	ContentHTML string // sanitised HTML, safe to display
	Text        string // plain text of the content, indexed for search
	Categories  []string
	Published   time.Time
	Updated     time.Time
	FetchedAt   time.Time
	DedupeKey   string
	Hash        string
	Read        bool
	Starred     bool
	Note        string // the user's "why this matters", if any
	// Enclosures are the item's attachments: a podcast episode, a video,
	// a PDF.
	Enclosures []Enclosure
	// WrittenBy names the contacts who write the item's source (derived).
	WrittenBy []string
}

// Enclosure is a file an item carries (RSS enclosure, Atom rel=enclosure,
// JSON Feed attachment, Media RSS content).
type Enclosure struct {
	URL      string        `json:"url"`            // absolute http(s)
	Type     string        `json:"type,omitempty"` // MIME type, e.g. audio/mpeg
	Length   int64         `json:"length,omitempty"`
	Duration time.Duration `json:"duration,omitempty"` // 0 when unknown
}

// Note is the user's own thought on an item; it travels with shares and
// into digests.
type Note struct {
	ItemID    int64
	Body      string
	UpdatedAt time.Time
}

// Handle kinds of a contact.
const (
	HandleMastodon = "mastodon" // user@host
	HandleWebsite  = "website"
	HandleProfile  = "profile" // any other profile URL (LinkedIn, GitHub, ...)
)

// Handle is one of a contact's online identities.
type Handle struct {
	Kind  string
	Value string
}

// Channel is how the user prefers to share with a contact.
type Channel string

// Sharing channels.
const (
	ChannelEmail    Channel = "email"
	ChannelMastodon Channel = "mastodon"
	ChannelCopy     Channel = "copy"
	ChannelOther    Channel = "other"
)

// Contact is a person in the user's learning network.
type Contact struct {
	ID            int64
	Name          string
	Emails        []string
	Handles       []Handle
	Circles       []Circle
	Communities   []string // names of the communities they belong to
	Interests     []string // the user's own phrases, e.g. "remote onboarding"
	Role          string
	Organisation  string
	TimeZone      string        // IANA name; empty means the user's own zone
	WorkStart     string        // "09:00", local to the contact
	WorkEnd       string        // "17:00"
	Cadence       time.Duration // 0 means the circle default
	Channel       Channel
	Notes         string
	SourceIDs     []int64 // sources they write: their blog, their Mastodon feed
	LastContacted time.Time
}

// InCircle reports whether the contact belongs to circle c.
func (c Contact) InCircle(k Circle) bool {
	for _, x := range c.Circles {
		if x == k {
			return true
		}
	}
	return false
}

// EffectiveCadence is the contact's own cadence, else the shortest default
// of their circles (the closest relationship wins), else the network's.
func (c Contact) EffectiveCadence() time.Duration {
	if c.Cadence > 0 {
		return c.Cadence
	}
	best := CircleNetwork.DefaultCadence()
	for _, k := range c.Circles {
		if d := k.DefaultCadence(); d < best {
			best = d
		}
	}
	return best
}

// Community is a named community of practice with its own digest rhythm.
type Community struct {
	ID          int64
	Name        string
	Description string
	DigestDay   time.Weekday // default Friday
	DigestTime  string       // "10:00" in the user's zone
	Members     int          // derived
}

// Share records an item passed to a contact or a community.
type Share struct {
	ID          int64
	ItemID      int64
	ContactID   int64 // 0 when shared into a community
	CommunityID int64 // 0 when shared with a person
	Channel     Channel
	SharedAt    time.Time
	Note        string
}

// SuggestionKind says what a suggestion asks the user to do.
type SuggestionKind string

// Suggestion kinds.
const (
	KindShare SuggestionKind = "share" // pass the item on
	KindThank SuggestionKind = "thank" // the contact wrote it: credit or thank them
)

// Suggestion proposes sharing an item with a contact or community, when and why.
// Exactly one of ContactID and CommunityID is set.
type Suggestion struct {
	Kind        SuggestionKind `json:"kind"`
	ItemID      int64          `json:"item_id"`
	ItemTitle   string         `json:"item_title"`
	ItemURL     string         `json:"item_url"`
	SourceID    int64          `json:"source_id,omitempty"` // the item's source
	ContactID   int64          `json:"contact_id,omitempty"`
	ContactName string         `json:"contact_name,omitempty"`
	CommunityID int64          `json:"community_id,omitempty"`
	Community   string         `json:"community,omitempty"`
	Circle      Circle         `json:"circle"`
	Score       float64        `json:"score"` // 0..1
	When        time.Time      `json:"when"`
	Why         string         `json:"why"`
	Matched     []string       `json:"matched,omitempty"` // interests or terms that matched
	// Through holds, for each of Matched, the item's words that said it
	// in other words ("distributed team" for "remote work"), or "" where
	// the item used the interest's own words.
	Through []string `json:"through,omitempty"`
}

// Feedback is one verdict of the user on a suggestion (item × contact or
// community); dismissals and shares move later scores, a snooze holds the
// suggestion back until Until.
type Feedback struct {
	ItemID      int64
	ContactID   int64
	CommunityID int64
	Verdict     Verdict
	Until       time.Time // snoozed until
	At          time.Time
}

// Verdict is the user's answer to a suggestion; it moves later scores.
type Verdict string

// Verdicts on suggestions.
const (
	VerdictDismissed Verdict = "dismissed" // "not for them"
	VerdictShared    Verdict = "shared"
	VerdictSnoozed   Verdict = "snoozed"
)
