package people

import (
	"bufio"
	"fmt"
	"io"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/emersion/go-vcard"

	"github.com/knowflow/knowflow/model"
)

// WriteVCard writes contacts as vCard 4.0 (RFC 6350), one card each, with
// CRLF line ends and lines folded at 75 octets. feeds maps a contact's ID
// to the URLs of the feeds they write (their sources).
//
// Each card has FN, N (the name's last word as family name), EMAIL, URL
// for website handles and URL;TYPE=profile for profile handles, ORG,
// TITLE (the role), TZ, NOTE, and CATEGORIES listing the circles and the
// interests (but not an interest that would read back as a circle, a
// community or a system label). For other apps a Mastodon handle is also
// written as X-SOCIALPROFILE;TYPE=mastodon:https://HOST/@USER. The
// X-KNOWFLOW-* properties (see the package documentation) carry
// everything else, so ParseVCard gives back the same contacts, feeds
// included; IDs, SourceIDs (the feeds stand for them) and the defaults
// Normalize fills in are not written.
//
// Each contact is normalised (on a copy) first; one that does not
// normalise is an error, and so is a feed that is not an http(s) URL.
func WriteVCard(w io.Writer, cs []model.Contact, feeds map[int64][]string) error {
	bw := bufio.NewWriter(w)
	for i := range cs {
		c := cs[i]
		if err := c.Normalize(); err != nil {
			return fmt.Errorf("people: vcard: contact %d (%q): %w", i+1, clip(cs[i].Name), err)
		}
		fs := uniqueStrings(feeds[c.ID])
		for _, f := range fs {
			if !isHTTPURL(f) {
				return fmt.Errorf("people: vcard: contact %d (%q): feed %q is not an http(s) URL", i+1, clip(c.Name), clip(f))
			}
		}
		writeCard(bw, &c, fs)
	}
	if err := bw.Flush(); err != nil {
		return fmt.Errorf("people: vcard: %w", err)
	}
	return nil
}

// writeCard writes one normalised contact.
func writeCard(w *bufio.Writer, c *model.Contact, feeds []string) {
	put := func(name, value string) { writeLine(w, name+":"+value) }
	put("BEGIN", "VCARD")
	put(vcard.FieldVersion, "4.0")
	put(vcard.FieldProductID, prodID)
	put(vcard.FieldFormattedName, escapeText(c.Name))
	given, family := c.Name, ""
	if f := strings.Fields(c.Name); len(f) > 1 {
		given, family = strings.Join(f[:len(f)-1], " "), f[len(f)-1]
	}
	put(vcard.FieldName, escapeText(family)+";"+escapeText(given)+";;;")
	for _, e := range c.Emails {
		put(vcard.FieldEmail, escapeText(e))
	}
	for _, h := range c.Handles {
		switch h.Kind {
		case model.HandleWebsite:
			put(vcard.FieldURL, escapeURI(h.Value))
		case model.HandleProfile:
			put(vcard.FieldURL+";TYPE=profile", escapeURI(h.Value))
		case model.HandleMastodon:
			put(propMastodon, escapeText(h.Value))
			user, host, _ := strings.Cut(h.Value, "@")
			put("X-SOCIALPROFILE;TYPE=mastodon", escapeURI("https://"+host+"/@"+user))
		}
	}
	if c.Organisation != "" {
		put(vcard.FieldOrganization, escapeText(c.Organisation))
	}
	if c.Role != "" {
		put(vcard.FieldTitle, escapeText(c.Role))
	}
	if c.TimeZone != "" {
		put(vcard.FieldTimezone, escapeText(c.TimeZone))
	}
	if c.Notes != "" {
		put(vcard.FieldNote, escapeText(c.Notes))
	}
	var cats []string
	for _, k := range c.Circles {
		cats = append(cats, escapeText(string(k)))
	}
	for _, in := range c.Interests {
		if circle, _, isCommunity, drop := categoryKind(in); circle == "" && !isCommunity && !drop {
			cats = append(cats, escapeText(in))
		}
	}
	if len(cats) > 0 {
		put(vcard.FieldCategories, strings.Join(cats, ","))
	}
	for _, k := range c.Circles {
		put(propCircle, escapeText(string(k)))
	}
	for _, s := range c.Communities {
		put(propCommunity, escapeText(s))
	}
	for _, s := range c.Interests {
		put(propInterest, escapeText(s))
	}
	if c.Cadence > 0 {
		put(propCadence, c.Cadence.String())
	}
	if c.WorkStart != "09:00" || c.WorkEnd != "17:00" {
		put(propWorkHours, escapeText(c.WorkStart+"-"+c.WorkEnd))
	}
	if c.Channel != model.ChannelEmail {
		put(propChannel, escapeText(string(c.Channel)))
	}
	if !c.LastContacted.IsZero() {
		put(propLastContacted, c.LastContacted.UTC().Format(time.RFC3339Nano))
	}
	for _, f := range feeds {
		put(propFeed, escapeURI(f))
	}
	put("END", "VCARD")
}

// writeLine writes a content line folded at 75 octets (RFC 6350 3.2),
// never inside a UTF-8 sequence, and ended by CRLF.
func writeLine(w *bufio.Writer, s string) {
	const limit = 75
	first := true
	for len(s) > 0 {
		room := limit
		if !first {
			room-- // the leading space counts
			w.WriteString("\r\n ")
		}
		cut := len(s)
		if cut > room {
			cut = room
			for cut > 0 && !utf8.RuneStart(s[cut]) {
				cut--
			}
			if cut == 0 { // not UTF-8; cut anywhere
				cut = room
			}
		}
		w.WriteString(s[:cut])
		s = s[cut:]
		first = false
	}
	w.WriteString("\r\n")
}

// textEscaper escapes a text value (RFC 6350 3.4).
var textEscaper = strings.NewReplacer(`\`, `\\`, "\r\n", `\n`, "\r", `\n`, "\n", `\n`, ",", `\,`, ";", `\;`)

// uriEscaper escapes a URI value: only what could not be written at all.
var uriEscaper = strings.NewReplacer(`\`, `\\`, "\r\n", `\n`, "\r", `\n`, "\n", `\n`)

func escapeText(s string) string { return textEscaper.Replace(s) }
func escapeURI(s string) string  { return uriEscaper.Replace(s) }
