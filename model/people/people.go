// Package people reads and writes contact files: vCard 3.0 and 4.0 address
// books (Apple Contacts, Google Contacts, Knowflow's own export), LinkedIn's
// Connections.csv and Mastodon's following_accounts.csv.
//
// Everything here is a pure function of its input: parsers return
// model.Contact values (already normalised) and the feed URLs each contact
// writes; storing them, in one transaction, is the caller's job.
//
// # Whole files or nothing
//
// A parser either returns every contact of a file or an error; a malformed
// file is refused whole. Errors are *Error values whose message names the
// line at fault ("people: linkedin: line 7: wrong number of fields",
// "people: vcard: card 3 (line 41): no name"); a file without contacts
// gives an error matching ErrNoContacts. Contacts that appear twice in one
// file (same e-mail address, Mastodon handle or profile URL) are merged
// into one; see Merge.
//
// # vCard
//
// ParseVCard maps properties to a contact this way:
//
//   - FN is the name; without one, N's parts are assembled ("Dr. Ada
//     Lovelace"). A card with neither is an error ("no name").
//   - EMAIL (every one; a "mailto:" prefix is dropped).
//   - URL becomes a website handle, or a profile handle when it has
//     TYPE=profile (as Google writes it); a URL without a scheme
//     ("www.example.org") gets https://. A URL like https://HOST/@USER
//     also gives the Mastodon handle USER@HOST. X-SOCIALPROFILE (Apple)
//     becomes a profile handle, or a Mastodon handle for a Mastodon
//     profile. IMPP with a mastodon: URI or X-SERVICE-TYPE=Mastodon, and
//     X-MASTODON, give Mastodon handles.
//   - ORG is the organisation (its units joined with ", "); TITLE, else
//     ROLE, is the role; every NOTE goes into the notes.
//   - TZ with an IANA name ("Europe/Lisbon") is the time zone. A UTC
//     offset (TZ:-05:00, TZ:-0500 or VALUE=utc-offset) cannot be turned
//     into a zone, so the time zone is left empty and the line
//     "time zone offset -05:00" is added to the notes; any other text
//     ("Eastern Standard Time") likewise gives "time zone Eastern
//     Standard Time".
//   - CATEGORIES: a category named team, community or network
//     (case-insensitive) puts the contact in that circle; "community:NAME"
//     or "cop:NAME" makes them a member of community NAME and puts them in
//     the community circle; Google's system labels (myContacts, starred)
//     are dropped; every other category is an interest.
//   - Knowflow's own properties, which WriteVCard writes so that nothing is
//     lost: X-KNOWFLOW-CIRCLE, X-KNOWFLOW-COMMUNITY and X-KNOWFLOW-INTEREST
//     (one value each, or a comma-separated list), X-KNOWFLOW-MASTODON,
//     X-KNOWFLOW-FEED (a feed URL the contact writes, returned in
//     Imported.Feeds), X-KNOWFLOW-CADENCE (a Go duration, "168h0m0s"),
//     X-KNOWFLOW-WORK-HOURS ("09:00-17:00"), X-KNOWFLOW-CHANNEL (email,
//     mastodon, copy or other) and X-KNOWFLOW-LAST-CONTACTED (RFC 3339).
//     A community named by X-KNOWFLOW-COMMUNITY does not add the community
//     circle: Knowflow's export lists the circles itself.
//   - Group cards (KIND:group, Apple's X-ADDRESSBOOKSERVER-KIND:group) are
//     skipped; PHOTO, TEL, ADR and other properties are ignored.
//
// Values are unescaped as RFC 6350 says (\n, \, and \; included), folded
// lines are unfolded, and vCard 2.1's quoted-printable values, bare
// parameters and CHARSET parameters are understood too. A file with a
// UTF-16 byte order mark is decoded.
//
// The package uses github.com/emersion/go-vcard's types (vcard.Params) and
// names, but reads and writes content lines itself: that library's decoder
// unescapes values before a list can be split (so "a\,b,c" cannot be told
// from "a,b,c") and leaves \; in text, its encoder escapes the commas
// between CATEGORIES, and neither knows line numbers.
package people

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
	"net/url"
	"strings"

	"golang.org/x/text/encoding/unicode"
	"golang.org/x/text/transform"

	"github.com/knowflow/knowflow/model"
)

// Format is a recognised contact file format.
type Format string

// Formats recognised by Detect. OPML is recognised so that a caller can
// send it to the feed importer; this package does not read it.
const (
	FormatVCard    Format = "vcard"
	FormatLinkedIn Format = "linkedin"
	FormatMastodon Format = "mastodon"
	FormatOPML     Format = "opml"
	FormatUnknown  Format = ""
)

// Imported is one parsed contact plus the feeds they write.
type Imported struct {
	Contact model.Contact
	// Feeds are URLs of feeds this contact writes: https://HOST/@USER.rss
	// for a Mastodon follow, X-KNOWFLOW-FEED values from a vCard. The
	// caller turns them into sources linked to the contact.
	Feeds []string
	// Line is the line of the file where this contact starts (a vCard's
	// BEGIN line, a CSV row), for messages.
	Line int
}

// ErrNoContacts is matched (errors.Is) by the error for a file that holds
// no contacts.
var ErrNoContacts = errors.New("no contacts found")

// Error is a parse error naming where in the file it occurred. Parsers
// return it as a *Error; its message is "people: FORMAT: card N (line L):
// ..." for a vCard card, "people: FORMAT: line L: ..." otherwise.
type Error struct {
	Format Format
	Card   int // 1-based number of the vCard card at fault; 0 if none
	Line   int // 1-based line at fault (the property's when known, else the card's); 0 if none
	Err    error
}

func (e *Error) Error() string {
	var b strings.Builder
	b.WriteString("people: ")
	b.WriteString(string(e.Format))
	b.WriteString(": ")
	switch {
	case e.Card > 0:
		fmt.Fprintf(&b, "card %d (line %d): ", e.Card, e.Line)
	case e.Line > 0:
		fmt.Fprintf(&b, "line %d: ", e.Line)
	}
	b.WriteString(e.Err.Error())
	return b.String()
}

// Unwrap returns the underlying error.
func (e *Error) Unwrap() error { return e.Err }

// Parse reads a contact file in format f (as given by Detect).
func Parse(f Format, r io.Reader) ([]Imported, error) {
	switch f {
	case FormatVCard:
		return ParseVCard(r)
	case FormatLinkedIn:
		return ParseLinkedIn(r)
	case FormatMastodon:
		return ParseMastodon(r)
	case FormatOPML:
		return nil, errors.New("people: opml: an OPML file lists feeds, not contacts; import it as subscriptions")
	default:
		return nil, errors.New("people: not a contact file (want a vCard, LinkedIn's Connections.csv or Mastodon's following_accounts.csv)")
	}
}

var (
	bomUTF8    = []byte{0xEF, 0xBB, 0xBF}
	bomUTF16LE = []byte{0xFF, 0xFE}
	bomUTF16BE = []byte{0xFE, 0xFF}
)

// textReader returns r with a UTF-8 byte order mark dropped and UTF-16
// (announced by its byte order mark) decoded to UTF-8. Other bytes pass
// through unchanged, so that a vCard's CHARSET can still be honoured.
func textReader(r io.Reader) *bufio.Reader {
	br := bufio.NewReader(r)
	b, _ := br.Peek(3)
	switch {
	case bytes.HasPrefix(b, bomUTF8):
		_, _ = br.Discard(len(bomUTF8))
	case bytes.HasPrefix(b, bomUTF16LE):
		return bufio.NewReader(transform.NewReader(br, unicode.UTF16(unicode.LittleEndian, unicode.UseBOM).NewDecoder()))
	case bytes.HasPrefix(b, bomUTF16BE):
		return bufio.NewReader(transform.NewReader(br, unicode.UTF16(unicode.BigEndian, unicode.UseBOM).NewDecoder()))
	}
	return br
}

// Merge merges contacts that are the same person: records sharing an
// e-mail address, a Mastodon handle or a profile URL (compared without
// scheme, "www.", trailing slash and case) become one. Website handles do
// not count, since colleagues often share their organisation's site. The
// merged contact keeps the first record's name, line and single-valued
// fields (a later record fills those the first left empty, or at their
// defaults), the union of e-mails, handles, circles, communities,
// interests and feeds, the latest LastContacted, and every distinct note.
// Order follows the first record of each merged group. The records must
// be normalised (as the parsers return them). The parsers call Merge
// themselves; it is exported for callers combining several files.
func Merge(in []Imported) []Imported {
	parent := make([]int, len(in))
	for i := range parent {
		parent[i] = i
	}
	var find func(int) int
	find = func(i int) int {
		for parent[i] != i {
			parent[i] = parent[parent[i]]
			i = parent[i]
		}
		return i
	}
	owner := map[string]int{}
	for i, im := range in {
		for _, k := range mergeKeys(im.Contact) {
			if j, ok := owner[k]; ok {
				a, b := find(i), find(j)
				if a != b {
					if a < b {
						parent[b] = a
					} else {
						parent[a] = b
					}
				}
			} else {
				owner[k] = i
			}
		}
	}
	var out []Imported
	slot := map[int]int{} // root → index in out
	for i, im := range in {
		root := find(i)
		if k, ok := slot[root]; ok {
			out[k] = mergeTwo(out[k], im)
			continue
		}
		slot[root] = len(out)
		out = append(out, im)
	}
	for i := range out {
		// Re-tidy the unions; every part was valid, so this cannot fail.
		_ = out[i].Contact.Normalize()
	}
	return out
}

// mergeKeys are the identities by which two records are the same person.
func mergeKeys(c model.Contact) []string {
	var keys []string
	for _, e := range c.Emails {
		keys = append(keys, "e:"+strings.ToLower(e))
	}
	for _, h := range c.Handles {
		switch h.Kind {
		case model.HandleMastodon:
			keys = append(keys, "m:"+strings.ToLower(h.Value))
		case model.HandleProfile:
			keys = append(keys, "p:"+urlKey(h.Value))
		}
	}
	return keys
}

// urlKey is a URL reduced for comparison: no scheme, no "www.", no
// trailing slash, lower-case host.
func urlKey(s string) string {
	u, err := url.Parse(strings.TrimSpace(s))
	if err != nil || u.Host == "" {
		return strings.ToLower(strings.TrimSuffix(s, "/"))
	}
	host := strings.TrimPrefix(strings.ToLower(u.Host), "www.")
	k := host + strings.TrimSuffix(u.EscapedPath(), "/")
	if u.RawQuery != "" {
		k += "?" + u.RawQuery
	}
	return k
}

// mergeTwo folds b into a.
func mergeTwo(a, b Imported) Imported {
	x, y := &a.Contact, b.Contact
	x.Emails = append(x.Emails, y.Emails...)
	x.Handles = append(x.Handles, y.Handles...)
	x.Circles = append(x.Circles, y.Circles...)
	x.Communities = append(x.Communities, y.Communities...)
	x.Interests = append(x.Interests, y.Interests...)
	fill := func(dst *string, src, def string) {
		if (*dst == "" || *dst == def) && src != "" {
			*dst = src
		}
	}
	fill(&x.Name, y.Name, "")
	fill(&x.Role, y.Role, "")
	fill(&x.Organisation, y.Organisation, "")
	fill(&x.TimeZone, y.TimeZone, "")
	if (x.WorkStart == "" || x.WorkStart == "09:00") && (x.WorkEnd == "" || x.WorkEnd == "17:00") && y.WorkStart != "" && y.WorkEnd != "" {
		x.WorkStart, x.WorkEnd = y.WorkStart, y.WorkEnd
	}
	if x.Cadence == 0 {
		x.Cadence = y.Cadence
	}
	if (x.Channel == "" || x.Channel == model.ChannelEmail) && y.Channel != "" {
		x.Channel = y.Channel
	}
	if y.LastContacted.After(x.LastContacted) {
		x.LastContacted = y.LastContacted
	}
	if n := strings.TrimSpace(y.Notes); n != "" && !strings.Contains(x.Notes, n) {
		if strings.TrimSpace(x.Notes) == "" {
			x.Notes = y.Notes
		} else {
			x.Notes += "\n\n" + y.Notes
		}
	}
	x.SourceIDs = append(x.SourceIDs, y.SourceIDs...)
	a.Feeds = uniqueStrings(append(a.Feeds, b.Feeds...))
	return a
}

// uniqueStrings drops empty and repeated strings, keeping order.
func uniqueStrings(xs []string) []string {
	var out []string
	seen := map[string]bool{}
	for _, x := range xs {
		if x == "" || seen[x] {
			continue
		}
		seen[x] = true
		out = append(out, x)
	}
	return out
}

// isHTTPURL reports whether s is an absolute http(s) URL with a host.
func isHTTPURL(s string) bool {
	u, err := url.Parse(s)
	return err == nil && (u.Scheme == "http" || u.Scheme == "https") && u.Host != ""
}
