package people

import (
	"bufio"
	"encoding/base64"
	"errors"
	"fmt"
	"io"
	"mime/quotedprintable"
	"regexp"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/emersion/go-vcard"
	"golang.org/x/text/encoding/htmlindex"

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

// unfolder reads logical content lines: a physical line starting with a
// space or tab continues the one before (RFC 6350 3.2), and so does the
// line after a quoted-printable value ending in "=" (vCard 2.1).
type unfolder struct {
	br      *bufio.Reader
	n       int // physical lines read
	held    bool
	heldS   string
	heldN   int
	readErr error
}

// physical returns the next physical line without its line break, and
// its number.
func (u *unfolder) physical() (string, int, error) {
	if u.held {
		u.held = false
		return u.heldS, u.heldN, nil
	}
	if u.readErr != nil {
		return "", 0, u.readErr
	}
	s, err := u.br.ReadString('\n')
	if err != nil {
		u.readErr = err
		if s == "" {
			return "", 0, err
		}
	}
	u.n++
	s = strings.TrimSuffix(s, "\n")
	s = strings.TrimSuffix(s, "\r")
	return s, u.n, nil
}

// next returns the next logical line and the number of its first
// physical line.
func (u *unfolder) next() (string, int, error) {
	s, n, err := u.physical()
	if err != nil {
		return "", 0, err
	}
	b := []byte(s)
	qp := isQuotedPrintable(s)
	for {
		t, m, err := u.physical()
		if err == io.EOF {
			break
		}
		if err != nil {
			return "", 0, err
		}
		switch {
		case t != "" && (t[0] == ' ' || t[0] == '\t'):
			b = append(b, t[1:]...)
		case qp && len(b) > 0 && b[len(b)-1] == '=':
			b = append(b[:len(b)-1], t...)
		default:
			u.held, u.heldS, u.heldN = true, t, m
			return string(b), n, nil
		}
	}
	return string(b), n, nil
}

// isQuotedPrintable reports whether a content line's parameters say its
// value is quoted-printable.
func isQuotedPrintable(s string) bool {
	head, _, _ := strings.Cut(s, ":")
	return strings.Contains(strings.ToUpper(head), "QUOTED-PRINTABLE")
}

// parseProperty splits a logical content line into group, name,
// parameters and raw value (RFC 6350 3.3). vCard 2.1's bare parameters
// (TEL;CELL:, NOTE;QUOTED-PRINTABLE:) become TYPE= and ENCODING=.
func parseProperty(s string, line int) (property, error) {
	p := property{line: line, params: vcard.Params{}}
	i := strings.IndexAny(s, ";:")
	if i < 0 {
		return p, fmt.Errorf("%q is not a property line (no ':')", clip(s))
	}
	name := s[:i]
	if dot := strings.LastIndexByte(name, '.'); dot >= 0 {
		p.group, name = name[:dot], name[dot+1:]
	}
	if !validName(name) || (p.group != "" && !validName(p.group)) {
		return p, fmt.Errorf("%q is not a property name", clip(s[:i]))
	}
	p.name = strings.ToUpper(name)
	rest := s[i:]
	for rest[0] == ';' {
		rest = rest[1:]
		j := strings.IndexAny(rest, "=;:")
		if j < 0 {
			return p, fmt.Errorf("%s: no ':' after the parameters", p.name)
		}
		pname := strings.ToUpper(strings.TrimSpace(rest[:j]))
		if rest[j] != '=' { // a vCard 2.1 bare parameter, or ";;"
			switch pname {
			case "":
			case "QUOTED-PRINTABLE", "BASE64", "B", "8BIT", "7BIT":
				p.params.Add("ENCODING", pname)
			default:
				p.params.Add(vcard.ParamType, pname)
			}
			rest = rest[j:]
			continue
		}
		if pname == "" {
			return p, fmt.Errorf("%s: parameter with no name", p.name)
		}
		rest = rest[j+1:]
		for {
			var v string
			if strings.HasPrefix(rest, `"`) {
				end := strings.IndexByte(rest[1:], '"')
				if end < 0 {
					return p, fmt.Errorf("%s: unterminated quoted value of parameter %s", p.name, pname)
				}
				v, rest = rest[1:1+end], rest[end+2:]
			} else {
				j := strings.IndexAny(rest, ",;:")
				if j < 0 {
					return p, fmt.Errorf("%s: no ':' after the parameters", p.name)
				}
				v, rest = rest[:j], rest[j:]
			}
			v = caretDecode(v)
			if pname == vcard.ParamType {
				for _, t := range strings.Split(v, ",") {
					p.params.Add(pname, strings.TrimSpace(t))
				}
			} else {
				p.params.Add(pname, v)
			}
			if rest == "" {
				return p, fmt.Errorf("%s: no ':' after the parameters", p.name)
			}
			if rest[0] != ',' {
				break
			}
			rest = rest[1:]
		}
		if rest[0] != ';' && rest[0] != ':' {
			return p, fmt.Errorf("%s: malformed parameter %s", p.name, pname)
		}
	}
	p.raw = rest[1:]
	return p, nil
}

// validName reports whether s is a property or group name: letters,
// digits, "-" (and "_", which some exporters use).
func validName(s string) bool {
	if s == "" {
		return false
	}
	for _, r := range s {
		if !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r == '-' || r == '_') {
			return false
		}
	}
	return true
}

// clip shortens s for an error message.
func clip(s string) string {
	if len(s) <= 40 {
		return s
	}
	cut := 40
	for cut > 0 && !utf8.RuneStart(s[cut]) {
		cut--
	}
	return s[:cut] + "..."
}

// caretDecode undoes RFC 6868's escapes in a parameter value.
func caretDecode(s string) string {
	if !strings.Contains(s, "^") {
		return s
	}
	return strings.NewReplacer("^n", "\n", "^N", "\n", "^^", "^", "^'", `"`).Replace(s)
}

// value returns the property's value as UTF-8 with its vCard escapes
// still in: quoted-printable and base64 are decoded, and text in another
// CHARSET is converted.
func (p *property) value() (string, error) {
	v := p.raw
	switch enc := strings.ToUpper(p.params.Get("ENCODING")); enc {
	case "QUOTED-PRINTABLE":
		b, err := io.ReadAll(quotedprintable.NewReader(strings.NewReader(v)))
		if err != nil {
			return "", fmt.Errorf("%s: bad quoted-printable value: %w", p.name, err)
		}
		v = string(b)
	case "B", "BASE64":
		b, err := base64.StdEncoding.DecodeString(strings.Join(strings.Fields(v), ""))
		if err != nil {
			return "", fmt.Errorf("%s: bad base64 value: %w", p.name, err)
		}
		v = string(b)
	}
	if utf8.ValidString(v) {
		return v, nil
	}
	cs := p.params.Get("CHARSET")
	if cs != "" {
		if enc, err := htmlindex.Get(cs); err == nil {
			if d, err := enc.NewDecoder().String(v); err == nil && utf8.ValidString(d) {
				return d, nil
			}
		}
		return "", fmt.Errorf("%s: text is not in CHARSET %s", p.name, cs)
	}
	return "", fmt.Errorf("%s: text is not UTF-8 (and no CHARSET says what it is)", p.name)
}

// text returns the property's value as plain text.
func (p *property) text() (string, error) {
	v, err := p.value()
	return unescape(v), err
}

// list returns the property's comma-separated values as plain text,
// trimmed, empty ones dropped.
func (p *property) list() ([]string, error) {
	v, err := p.value()
	if err != nil {
		return nil, err
	}
	var out []string
	for _, x := range splitEscaped(v, ',') {
		if x = strings.TrimSpace(unescape(x)); x != "" {
			out = append(out, x)
		}
	}
	return out, nil
}

// compound returns the property's semicolon-separated components, each a
// comma-separated list, as plain text.
func (p *property) compound() ([][]string, error) {
	v, err := p.value()
	if err != nil {
		return nil, err
	}
	var out [][]string
	for _, comp := range splitEscaped(v, ';') {
		var items []string
		for _, x := range splitEscaped(comp, ',') {
			if x = strings.TrimSpace(unescape(x)); x != "" {
				items = append(items, x)
			}
		}
		out = append(out, items)
	}
	return out, nil
}

// splitEscaped splits s at each sep not escaped by a backslash.
func splitEscaped(s string, sep byte) []string {
	var parts []string
	start := 0
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case '\\':
			i++
		case sep:
			parts = append(parts, s[start:i])
			start = i + 1
		}
	}
	return append(parts, s[start:])
}

// unescape undoes vCard text escapes (\\ \n \N \, \; and, leniently, \:
// which Apple writes in URLs); any other backslash is kept. Line breaks
// come out as "\n".
func unescape(s string) string {
	if strings.ContainsRune(s, '\\') {
		var b strings.Builder
		b.Grow(len(s))
		for i := 0; i < len(s); i++ {
			c := s[i]
			if c == '\\' && i+1 < len(s) {
				switch s[i+1] {
				case 'n', 'N':
					b.WriteByte('\n')
					i++
					continue
				case '\\', ',', ';', ':':
					b.WriteByte(s[i+1])
					i++
					continue
				}
			}
			b.WriteByte(c)
		}
		s = b.String()
	}
	if strings.ContainsRune(s, '\r') {
		s = strings.ReplaceAll(strings.ReplaceAll(s, "\r\n", "\n"), "\r", "\n")
	}
	return s
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

// add reads one property into the card.
func (k *card) add(p *property) error {
	c := &k.c
	switch p.name {
	case vcard.FieldVersion:
		switch v := strings.TrimSpace(p.raw); v {
		case "2.1", "3.0", "4.0":
		default:
			return fmt.Errorf("unsupported VERSION %q (want 3.0 or 4.0)", clip(v))
		}
	case vcard.FieldFormattedName:
		if k.fn == "" {
			v, err := p.text()
			if err != nil {
				return err
			}
			k.fn = strings.TrimSpace(v)
		}
	case vcard.FieldName:
		if k.n == "" {
			comps, err := p.compound()
			if err != nil {
				return err
			}
			k.n = assembleName(comps)
		}
	case vcard.FieldEmail:
		v, err := p.text()
		if err != nil {
			return err
		}
		v = strings.TrimSpace(v)
		if len(v) > 7 && strings.EqualFold(v[:7], "mailto:") {
			v = v[7:]
		}
		if v == "" {
			return nil
		}
		e, err := model.NormalizeEmail(v)
		if err != nil {
			return err
		}
		c.Emails = append(c.Emails, e)
	case vcard.FieldURL:
		v, err := p.text()
		if err != nil {
			return err
		}
		v, ok := httpURL(v)
		if !ok {
			return nil
		}
		kind := model.HandleWebsite
		if p.params.HasType("profile") {
			kind = model.HandleProfile
		}
		c.Handles = append(c.Handles, model.Handle{Kind: kind, Value: v})
		if !k.ours {
			if m, ok := mastodonURL(v); ok {
				c.Handles = append(c.Handles, model.Handle{Kind: model.HandleMastodon, Value: m})
			}
		}
	case "X-SOCIALPROFILE":
		v, err := p.text()
		if err != nil {
			return err
		}
		v = strings.TrimSpace(v)
		if p.params.HasType("mastodon") {
			if k.ours { // written for other apps; X-KNOWFLOW-MASTODON says it
				return nil
			}
			m, err := model.NormalizeMastodon(v)
			if err != nil {
				m, err = model.NormalizeMastodon(p.params.Get("X-USER"))
			}
			if err != nil {
				return fmt.Errorf("X-SOCIALPROFILE: %w", err)
			}
			c.Handles = append(c.Handles, model.Handle{Kind: model.HandleMastodon, Value: m})
			return nil
		}
		if m, ok := mastodonURL(v); ok && !k.ours {
			c.Handles = append(c.Handles, model.Handle{Kind: model.HandleMastodon, Value: m})
		} else if u, ok := httpURL(v); ok {
			c.Handles = append(c.Handles, model.Handle{Kind: model.HandleProfile, Value: u})
		}
	case vcard.FieldIMPP:
		v, err := p.text()
		if err != nil {
			return err
		}
		v = strings.TrimSpace(v)
		scheme, rest, _ := strings.Cut(v, ":")
		if !strings.EqualFold(scheme, "mastodon") && !strings.EqualFold(p.params.Get("X-SERVICE-TYPE"), "mastodon") && !p.params.HasType("mastodon") {
			return nil
		}
		if !isHTTPURL(v) && rest != "" {
			v = rest
		}
		m, err := model.NormalizeMastodon(v)
		if err != nil {
			return fmt.Errorf("IMPP: %w", err)
		}
		c.Handles = append(c.Handles, model.Handle{Kind: model.HandleMastodon, Value: m})
	case propMastodon, "X-MASTODON":
		v, err := p.text()
		if err != nil {
			return err
		}
		if strings.TrimSpace(v) == "" {
			return nil
		}
		m, err := model.NormalizeMastodon(v)
		if err != nil {
			return fmt.Errorf("%s: %w", p.name, err)
		}
		c.Handles = append(c.Handles, model.Handle{Kind: model.HandleMastodon, Value: m})
	case vcard.FieldOrganization:
		if c.Organisation == "" {
			comps, err := p.compound()
			if err != nil {
				return err
			}
			var parts []string
			for _, items := range comps {
				if len(items) > 0 {
					parts = append(parts, strings.Join(items, ", "))
				}
			}
			c.Organisation = strings.Join(parts, ", ")
		}
	case vcard.FieldTitle, vcard.FieldRole:
		v, err := p.text()
		if err != nil {
			return err
		}
		if p.name == vcard.FieldTitle && k.title == "" {
			k.title = strings.TrimSpace(v)
		} else if p.name == vcard.FieldRole && k.role == "" {
			k.role = strings.TrimSpace(v)
		}
	case vcard.FieldNote:
		v, err := p.text()
		if err != nil {
			return err
		}
		if v != "" {
			k.notes = append(k.notes, v)
		}
	case vcard.FieldTimezone:
		if c.TimeZone != "" || k.tzNote != "" {
			return nil
		}
		v, err := p.text()
		if err != nil {
			return err
		}
		k.timeZone(strings.TrimSpace(v), strings.ToLower(p.params.Get(vcard.ParamValue)))
	case vcard.FieldCategories:
		vs, err := p.list()
		if err != nil {
			return err
		}
		k.cats = append(k.cats, vs...)
	case propCircle:
		vs, err := p.list()
		if err != nil {
			return err
		}
		for _, v := range vs {
			ci, err := model.ParseCircle(v)
			if err != nil {
				return err
			}
			c.Circles = append(c.Circles, ci)
		}
	case propCommunity:
		vs, err := p.list()
		if err != nil {
			return err
		}
		c.Communities = append(c.Communities, vs...)
	case propInterest:
		vs, err := p.list()
		if err != nil {
			return err
		}
		c.Interests = append(c.Interests, vs...)
	case propFeed:
		v, err := p.text()
		if err != nil {
			return err
		}
		if v = strings.TrimSpace(v); v == "" {
			return nil
		}
		if !isHTTPURL(v) {
			return fmt.Errorf("%s %q is not an http(s) URL", propFeed, clip(v))
		}
		k.feeds = append(k.feeds, v)
	case propCadence:
		v, err := p.text()
		if err != nil {
			return err
		}
		d, err := time.ParseDuration(strings.TrimSpace(v))
		if err != nil || d < 0 {
			return fmt.Errorf("%s %q is not a duration like 168h", propCadence, clip(v))
		}
		c.Cadence = d
	case propWorkHours:
		v, err := p.text()
		if err != nil {
			return err
		}
		start, end, ok := strings.Cut(strings.TrimSpace(v), "-")
		start, end = strings.TrimSpace(start), strings.TrimSpace(end)
		if ok {
			_, err1 := model.ParseClock(start)
			_, err2 := model.ParseClock(end)
			ok = err1 == nil && err2 == nil
		}
		if !ok {
			return fmt.Errorf("%s %q is not like 09:00-17:00", propWorkHours, clip(v))
		}
		c.WorkStart, c.WorkEnd = start, end
	case propChannel:
		v, err := p.text()
		if err != nil {
			return err
		}
		ch := model.Channel(strings.ToLower(strings.TrimSpace(v)))
		switch ch {
		case model.ChannelEmail, model.ChannelMastodon, model.ChannelCopy, model.ChannelOther:
			c.Channel = ch
		default:
			return fmt.Errorf("%s %q is not email, mastodon, copy or other", propChannel, clip(v))
		}
	case propLastContacted:
		v, err := p.text()
		if err != nil {
			return err
		}
		t, err := time.Parse(time.RFC3339Nano, strings.TrimSpace(v))
		if err != nil {
			return fmt.Errorf("%s %q is not an RFC 3339 time", propLastContacted, clip(v))
		}
		c.LastContacted = t
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
func isZone(s string) bool {
	if s == "" || s == "Local" {
		return false
	}
	_, err := time.LoadLocation(s)
	return err == nil
}

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
