package people

import (
	"errors"
	"fmt"
	"io"
	"regexp"
	"strings"

	"github.com/emersion/go-vcard"

	"github.com/knowflow/knowflow/model"
)

// Knowflow's own vCard properties.
const (
	propCircle        = "X-KNOWFLOW-CIRCLE"
	propCommunity     = "X-KNOWFLOW-COMMUNITY"
	propInterest      = "X-KNOWFLOW-INTEREST"
	propMastodon      = "X-KNOWFLOW-MASTODON"
	propFeed          = "X-KNOWFLOW-FEED"
	propCadence       = "X-KNOWFLOW-CADENCE"
	propWorkHours     = "X-KNOWFLOW-WORK-HOURS"
	propChannel       = "X-KNOWFLOW-CHANNEL"
	propLastContacted = "X-KNOWFLOW-LAST-CONTACTED"
)

// prodID is the PRODID WriteVCard writes; a card carrying it was written
// by Knowflow and is read without guessing (see ParseVCard).
const prodID = "-//Knowflow//Knowflow//EN"

// property is one content line of a card.
type property struct {
	line   int
	group  string
	name   string       // upper case
	params vcard.Params // names upper case
	raw    string       // the value as written, escapes intact
}

// ParseVCard reads a vCard file (versions 3.0 and 4.0; 2.1 mostly works)
// holding one or many cards. See the package documentation for how
// properties map to a contact. A card written by WriteVCard (PRODID
// -//Knowflow//...) is read without guessing: its URLs give no Mastodon
// handles and its X-SOCIALPROFILE lines (written for other apps) are
// skipped, so a round trip gives back exactly what was written.
func ParseVCard(r io.Reader) ([]Imported, error) {
	const f = FormatVCard
	u := &unfolder{br: textReader(r)}
	var (
		out      []Imported
		cards    int // cards begun so far
		inCard   bool
		cardLine int
		props    []property
	)
	for {
		s, n, err := u.next()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, &Error{Format: f, Err: err}
		}
		switch t := strings.TrimSpace(s); {
		case t == "":
			continue
		case strings.EqualFold(t, "BEGIN:VCARD"):
			if inCard {
				return nil, &Error{Format: f, Card: cards, Line: cardLine, Err: fmt.Errorf("no END:VCARD before the BEGIN:VCARD on line %d", n)}
			}
			inCard, cardLine, props = true, n, props[:0]
			cards++
		case strings.EqualFold(t, "END:VCARD"):
			if !inCard {
				return nil, &Error{Format: f, Line: n, Err: errors.New("END:VCARD without BEGIN:VCARD")}
			}
			inCard = false
			im, skip, err := cardToContact(props, cards, cardLine)
			if err != nil {
				return nil, err
			}
			if !skip {
				out = append(out, im)
			}
		case !inCard:
			return nil, &Error{Format: f, Line: n, Err: errors.New("text outside BEGIN:VCARD ... END:VCARD")}
		default:
			p, err := parseProperty(s, n)
			if err != nil {
				return nil, &Error{Format: f, Card: cards, Line: n, Err: err}
			}
			props = append(props, p)
		}
	}
	if inCard {
		return nil, &Error{Format: f, Card: cards, Line: cardLine, Err: errors.New("no END:VCARD")}
	}
	if len(out) == 0 {
		return nil, &Error{Format: f, Err: ErrNoContacts}
	}
	return Merge(out), nil
}

// card gathers one card's contact while its properties are read.
type card struct {
	line   int
	ours   bool // written by Knowflow
	c      model.Contact
	fn, n  string
	title  string
	role   string
	notes  []string
	tzNote string
	cats   []string
	feeds  []string
}

// cardToContact turns one card's properties into a contact; skip is true
// for a group card.
func cardToContact(props []property, no, line int) (im Imported, skip bool, err error) {
	k := &card{line: line}
	for i := range props {
		p := &props[i]
		switch p.name {
		case vcard.FieldProductID:
			k.ours = strings.Contains(strings.ToLower(p.raw), "//knowflow//")
		case vcard.FieldKind, "X-ADDRESSBOOKSERVER-KIND":
			if strings.EqualFold(strings.TrimSpace(p.raw), string(vcard.KindGroup)) {
				return Imported{}, true, nil
			}
		}
	}
	for i := range props {
		if err := k.add(&props[i]); err != nil {
			return Imported{}, false, &Error{Format: FormatVCard, Card: no, Line: props[i].line, Err: err}
		}
	}
	im, err = k.finish()
	if err != nil {
		return Imported{}, false, &Error{Format: FormatVCard, Card: no, Line: line, Err: err}
	}
	return im, false, nil
}

// add reads one property into the card: each property its own
// function (cardProperties); others are ignored.
func (k *card) add(p *property) error {
	if add, ok := cardProperties[p.name]; ok {
		return add(k, p)
	}
	return nil
}

// finish completes and checks the card's contact.
func (k *card) finish() (Imported, error) {
	c := k.c
	c.Name = k.fn
	if c.Name == "" {
		c.Name = k.n
	}
	if c.Name == "" {
		return Imported{}, errors.New("no name")
	}
	c.Role = k.title
	if c.Role == "" {
		c.Role = k.role
	}
	for _, cat := range k.cats {
		addCategory(&c, cat)
	}
	notes := k.notes
	if k.tzNote != "" {
		notes = append(notes, k.tzNote)
	}
	c.Notes = strings.Join(notes, "\n")
	if err := c.Normalize(); err != nil {
		return Imported{}, err
	}
	return Imported{Contact: c, Feeds: uniqueStrings(k.feeds), Line: k.line}, nil
}

// assembleName makes a display name of N's components (family; given;
// additional; prefixes; suffixes).
func assembleName(comps [][]string) string {
	get := func(i int) string {
		if i < len(comps) {
			return strings.Join(comps[i], " ")
		}
		return ""
	}
	var parts []string
	for _, i := range []int{3, 1, 2, 0, 4} {
		if s := get(i); s != "" {
			parts = append(parts, s)
		}
	}
	return strings.Join(parts, " ")
}

// utcOffset matches a UTC offset: -05:00, -0500, +05, Z.
var utcOffset = regexp.MustCompile(`^(?:([+-])([0-9]{2}):?([0-9]{2})?|[Zz])$`)

// timeZone reads a TZ value: an IANA name is the contact's zone; an offset
// or other text can't be, so it goes into the notes.
func (k *card) timeZone(v, valueType string) {
	switch {
	case v == "":
	case utcOffset.MatchString(v):
		m := utcOffset.FindStringSubmatch(v)
		off := "+00:00"
		if m[1] != "" {
			mm := m[3]
			if mm == "" {
				mm = "00"
			}
			off = m[1] + m[2] + ":" + mm
		}
		k.tzNote = "time zone offset " + off
	case valueType == "utc-offset":
		k.tzNote = "time zone offset " + v
	case valueType != "uri" && isZone(v):
		k.c.TimeZone = v
	default:
		k.tzNote = "time zone " + v
	}
}

// isZone reports whether s is an IANA time zone name known here.
func isZone(s string) bool { return model.CheckZone(s) == nil }

// systemLabels are Google Contacts' own groups, which it exports as
// categories; they say nothing about the person.
var systemLabels = map[string]bool{"mycontacts": true, "my contacts": true, "starred": true, "starred in android": true}

// categoryKind classifies a CATEGORIES value: a circle, a community
// ("community:NAME" or "cop:NAME"; name may be empty), a system label to
// drop, or else an interest.
func categoryKind(s string) (circle model.Circle, community string, isCommunity, drop bool) {
	if k, err := model.ParseCircle(s); err == nil {
		return k, "", false, false
	}
	for _, prefix := range []string{"community:", "cop:"} {
		if len(s) >= len(prefix) && strings.EqualFold(s[:len(prefix)], prefix) {
			return "", strings.TrimSpace(s[len(prefix):]), true, false
		}
	}
	l := strings.ToLower(s)
	return "", "", false, systemLabels[l] || strings.HasPrefix(l, "system group:")
}

// addCategory applies one CATEGORIES value to c (see categoryKind).
func addCategory(c *model.Contact, s string) {
	s = strings.TrimSpace(s)
	if s == "" {
		return
	}
	circle, community, isCommunity, drop := categoryKind(s)
	switch {
	case circle != "":
		c.Circles = append(c.Circles, circle)
	case isCommunity:
		if community != "" {
			c.Communities = append(c.Communities, community)
		}
		c.Circles = append(c.Circles, model.CircleCommunity)
	case drop:
	default:
		c.Interests = append(c.Interests, s)
	}
}

// schemeRE matches a URI scheme that is not a host:port.
var schemeRE = regexp.MustCompile(`^[A-Za-z][A-Za-z0-9+.-]*:[^0-9]`)

// httpURL returns a URL property's value as an http(s) URL: as is, or
// with https:// added to a bare "www.example.org/x". Other schemes and
// values that aren't URLs give false.
func httpURL(v string) (string, bool) {
	v = strings.TrimSpace(v)
	if v == "" || strings.ContainsAny(v, " \t\n") {
		return "", false
	}
	if isHTTPURL(v) {
		return v, true
	}
	if schemeRE.MatchString(v) || strings.HasPrefix(v, "/") || !strings.Contains(v, ".") {
		return "", false
	}
	if v = "https://" + v; isHTTPURL(v) {
		return v, true
	}
	return "", false
}

// notMastodonHosts use /@user profile URLs but are not Mastodon servers.
var notMastodonHosts = map[string]bool{
	"medium.com": true, "youtube.com": true, "m.youtube.com": true, "tiktok.com": true,
	"threads.net": true, "threads.com": true, "substack.com": true, "bsky.app": true,
}

// mastodonURL returns USER@HOST for a profile URL https://HOST/@USER.
func mastodonURL(v string) (string, bool) {
	if !isHTTPURL(v) || !strings.Contains(v, "/@") {
		return "", false
	}
	m, err := model.NormalizeMastodon(v)
	if err != nil {
		return "", false
	}
	_, host, _ := strings.Cut(m, "@")
	if notMastodonHosts[strings.TrimPrefix(host, "www.")] || strings.ContainsAny(m, "?#:") {
		return "", false
	}
	return m, true
}
