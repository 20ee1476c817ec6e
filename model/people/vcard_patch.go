package people

import (
	"bytes"
	"fmt"
	"slices"
	"strings"

	"github.com/emersion/go-vcard"

	"github.com/knowflow/knowflow/model"
)

// What a CardDAV sync (model/carddav) needs of vCards: a contact's card
// as Knowflow writes it, and another client's card patched with a
// change made in Knowflow so that everything else of the card stays as
// that client wrote it.

// Card returns c's card as WriteVCard writes it, with the feeds they
// write. Two contacts that Knowflow cannot tell apart give the same text,
// so comparing the cards of a contact before and after says whether it
// changed.
func Card(c model.Contact, feeds []string) (string, error) {
	var b bytes.Buffer
	if err := WriteVCard(&b, []model.Contact{c}, map[int64][]string{c.ID: feeds}); err != nil {
		return "", err
	}
	return b.String(), nil
}

// NewCard is Card with the UID a card on a server needs (RFC 6350 6.7.6)
// after its VERSION.
func NewCard(c model.Contact, feeds []string, uid string) (string, error) {
	s, err := Card(c, feeds)
	if err != nil {
		return "", err
	}
	v := vcard.FieldVersion + ":4.0\r\n"
	return strings.Replace(s, v, v+vcard.FieldUID+":"+escapeText(uid)+"\r\n", 1), nil
}

// ParseCard reads one card (ParseVCard of a single card).
func ParseCard(text string) (Imported, error) {
	ims, err := ParseVCard(strings.NewReader(text))
	if err != nil {
		return Imported{}, err
	}
	if len(ims) != 1 {
		return Imported{}, fmt.Errorf("people: vcard: %d contacts in one card", len(ims))
	}
	return ims[0], nil
}

// Keys are what tells a person apart (e-mail addresses, Mastodon handles,
// profile URLs), as Merge compares them: a contact that shares one with
// another is the same person.
func Keys(c model.Contact) []string { return mergeKeys(c) }

// KeepOwn returns theirs (a contact as another client left it) with
// Knowflow's own fields taken from ours: circles, communities, interests,
// cadence, working hours, channel and when they were last contacted. The
// name, e-mail addresses, handles, role, organisation, time zone and
// notes stay theirs. The feeds they write are Knowflow's too: the caller
// keeps ours.
func KeepOwn(theirs, ours model.Contact) model.Contact {
	m := theirs
	m.ID = ours.ID
	m.Circles, m.Communities, m.Interests = ours.Circles, ours.Communities, ours.Interests
	m.Cadence, m.WorkStart, m.WorkEnd = ours.Cadence, ours.WorkStart, ours.WorkEnd
	m.Channel, m.LastContacted = ours.Channel, ours.LastContacted
	m.SourceIDs = ours.SourceIDs
	return m
}

// PatchCard applies a change made in Knowflow to base, a card as the
// server holds it: old and new are Knowflow's cards (Card) of the contact
// before and after the change. Each group of properties whose lines
// differ between old and new (the name: FN and N; EMAIL; the handles: URL,
// X-SOCIALPROFILE, a Mastodon IMPP, X-MASTODON, X-KNOWFLOW-MASTODON; ORG;
// TITLE and ROLE; TZ; NOTE; CATEGORIES; each X-KNOWFLOW-* property) is
// taken out of base and new's lines put where its first line was (else
// before END). Every other line of base (TEL, ADR, PHOTO, UID, properties
// Knowflow does not know) is kept as it was, byte for byte, and so are the
// groups that did not change. Categories that Knowflow drops when reading
// (Google's system labels) are kept in a rewritten CATEGORIES.
func PatchCard(base, old, new string) (string, error) {
	baseLines, eol := cardLines(base)
	oldGroups, newGroups := groupLines(old), groupLines(new)
	changed := map[string]bool{}
	for g := range oldGroups {
		changed[g] = !equalLines(oldGroups[g], newGroups[g])
	}
	for g := range newGroups {
		changed[g] = !equalLines(oldGroups[g], newGroups[g])
	}
	var out []string
	placed := map[string]bool{}
	put := func(g string) {
		if placed[g] {
			return
		}
		placed[g] = true
		for _, l := range newGroups[g] {
			out = append(out, strings.ReplaceAll(l, "\r\n", eol))
		}
	}
	putChanged := func() {
		for _, g := range sortedKeys(changed) {
			if changed[g] {
				put(g)
			}
		}
	}
	var kept []string // dropped categories of base
	for _, l := range baseLines {
		name := propName(l)
		if name == "END" {
			putChanged()
		}
		g := propGroup(name, l)
		if g == "" || !changed[g] {
			out = append(out, l)
			continue
		}
		if g == "categories" {
			kept = append(kept, droppedCategories(l)...)
		}
		put(g)
	}
	putChanged() // no END: at the end
	s := strings.Join(out, eol) + eol
	if len(kept) > 0 {
		s = addCategories(s, kept, eol)
	}
	return s, nil
}

// cardLines splits a card into logical lines, each with its folded
// continuation lines as written, and says its line end.
func cardLines(s string) ([]string, string) {
	eol := "\n"
	if strings.Contains(s, "\r\n") {
		eol = "\r\n"
	}
	var out []string
	for _, l := range strings.Split(strings.TrimRight(s, "\r\n"), "\n") {
		l = strings.TrimSuffix(l, "\r")
		if (strings.HasPrefix(l, " ") || strings.HasPrefix(l, "\t")) && len(out) > 0 {
			out[len(out)-1] += eol + l
			continue
		}
		out = append(out, l)
	}
	return out, eol
}

// groupLines maps each group of Knowflow's card (see PatchCard) to its
// lines, as written (CRLF inside folded lines).
func groupLines(card string) map[string][]string {
	lines, _ := cardLines(card)
	m := map[string][]string{}
	for _, l := range lines {
		if g := propGroup(propName(l), l); g != "" {
			m[g] = append(m[g], l)
		}
	}
	return m
}

// propName is a line's property name, upper case, without its group.
func propName(line string) string {
	i := strings.IndexAny(line, ";:")
	if i < 0 {
		return ""
	}
	name := line[:i]
	if dot := strings.LastIndexByte(name, '.'); dot >= 0 {
		name = name[dot+1:]
	}
	return strings.ToUpper(name)
}

// propGroup is the group of fields a property belongs to, "" for one
// Knowflow neither reads nor writes.
func propGroup(name, line string) string {
	switch name {
	case vcard.FieldFormattedName, vcard.FieldName:
		return "name"
	case vcard.FieldEmail:
		return "email"
	case vcard.FieldURL, "X-SOCIALPROFILE", "X-MASTODON", propMastodon:
		return "handles"
	case vcard.FieldIMPP:
		if strings.Contains(strings.ToLower(line), "mastodon") {
			return "handles"
		}
		return ""
	case vcard.FieldOrganization:
		return "org"
	case vcard.FieldTitle, vcard.FieldRole:
		return "role"
	case vcard.FieldTimezone:
		return "tz"
	case vcard.FieldNote:
		return "note"
	case vcard.FieldCategories:
		return "categories"
	}
	if strings.HasPrefix(name, "X-KNOWFLOW-") {
		return name
	}
	return ""
}

func equalLines(a, b []string) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

// sortedKeys gives the groups in the order Knowflow writes them, then
// the rest by name, so that a patch is the same every time.
func sortedKeys(m map[string]bool) []string {
	order := []string{"name", "email", "handles", "org", "role", "tz", "note", "categories"}
	var out []string
	seen := map[string]bool{}
	for _, g := range order {
		if _, ok := m[g]; ok {
			out = append(out, g)
			seen[g] = true
		}
	}
	var rest []string
	for g := range m {
		if !seen[g] {
			rest = append(rest, g)
		}
	}
	slices.Sort(rest)
	return append(out, rest...)
}

// droppedCategories are the values of a CATEGORIES line that reading
// drops (categoryKind): they are not Knowflow's to remove.
func droppedCategories(line string) []string {
	p, err := parseProperty(strings.NewReplacer("\r\n ", "", "\r\n\t", "", "\n ", "", "\n\t", "").Replace(line), 0)
	if err != nil {
		return nil
	}
	vs, err := p.list()
	if err != nil {
		return nil
	}
	var out []string
	for _, v := range vs {
		if _, _, _, drop := categoryKind(strings.TrimSpace(v)); drop {
			out = append(out, v)
		}
	}
	return out
}

// addCategories adds values to the card's CATEGORIES line (or a new one).
func addCategories(card string, values []string, eol string) string {
	esc := make([]string, len(values))
	for i, v := range values {
		esc[i] = escapeText(v)
	}
	lines, _ := cardLines(card)
	for i, l := range lines {
		if propName(l) == vcard.FieldCategories {
			lines[i] = l + "," + strings.Join(esc, ",")
			return strings.Join(lines, eol) + eol
		}
	}
	for i, l := range lines {
		if propName(l) == "END" {
			lines = append(lines[:i], append([]string{vcard.FieldCategories + ":" + strings.Join(esc, ",")}, lines[i:]...)...)
			break
		}
	}
	return strings.Join(lines, eol) + eol
}
