package people

import (
	"errors"
	"io"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/knowflow/knowflow/model"
)

const fixtures = "../../testdata/people/"

// open opens a fixture.
func open(t *testing.T, name string) *os.File {
	t.Helper()
	f, err := os.Open(filepath.Join(fixtures, name))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { f.Close() })
	return f
}

// parseFixture parses a fixture with parse and fails the test on error.
func parseFixture(t *testing.T, name string, parse func(io.Reader) ([]Imported, error)) []Imported {
	t.Helper()
	ims, err := parse(open(t, name))
	if err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	return ims
}

// byName finds the contact named name.
func byName(t *testing.T, ims []Imported, name string) Imported {
	t.Helper()
	for _, im := range ims {
		if im.Contact.Name == name {
			return im
		}
	}
	var names []string
	for _, im := range ims {
		names = append(names, im.Contact.Name)
	}
	t.Fatalf("no contact %q among %q", name, names)
	return Imported{}
}

// check compares one field.
func check[T any](t *testing.T, what string, got, want T) {
	t.Helper()
	if !reflect.DeepEqual(got, want) {
		t.Errorf("%s = %#v, want %#v", what, got, want)
	}
}

func TestDetect(t *testing.T) {
	files := map[string]Format{
		"apple-contacts-3.0.vcf":           FormatVCard,
		"google-contacts-3.0.vcf":          FormatVCard,
		"nextcloud-4.0.vcf":                FormatVCard,
		"linkedin-connections.csv":         FormatLinkedIn,
		"linkedin-connections-old.csv":     FormatLinkedIn,
		"linkedin-connections-unicode.txt": FormatLinkedIn,
		"mastodon-following.csv":           FormatMastodon,
		"mastodon-following-old.csv":       FormatMastodon,
		"bad-vcard-no-end.vcf":             FormatVCard,
		"bad-vcard-no-name.vcf":            FormatVCard,
		"bad-linkedin-fields.csv":          FormatLinkedIn,
		"bad-mastodon-address.csv":         FormatMastodon,
	}
	entries, err := os.ReadDir(fixtures)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		if _, ok := files[e.Name()]; !ok {
			t.Errorf("fixture %s has no expected format in this test", e.Name())
		}
	}
	for name, want := range files {
		b, err := os.ReadFile(filepath.Join(fixtures, name))
		if err != nil {
			t.Fatal(err)
		}
		if got := Detect(b); got != want {
			t.Errorf("Detect(%s) = %q, want %q", name, got, want)
		}
		cut := 600 // a head cut inside a record
		if strings.HasSuffix(name, ".txt") {
			cut *= 2 // UTF-16
		}
		if len(b) > cut {
			if got := Detect(b[:cut]); got != want {
				t.Errorf("Detect(first %d bytes of %s) = %q, want %q", cut, name, got, want)
			}
		}
	}

	utf16 := func(s string) []byte {
		b := []byte{0xFF, 0xFE}
		for _, r := range s {
			b = append(b, byte(r), byte(r>>8))
		}
		return b
	}
	inline := map[string]struct {
		in   []byte
		want Format
	}{
		"empty":               {nil, FormatUnknown},
		"blank":               {[]byte(" \r\n\n\t"), FormatUnknown},
		"bom and blank lines": {[]byte("\xEF\xBB\xBF\r\n\r\nbegin:vcard\r\nVERSION:3.0\r\n"), FormatVCard},
		"utf-16 vcard":        {utf16("BEGIN:VCARD\r\nVERSION:3.0\r\n"), FormatVCard},
		"vcard, cut short":    {[]byte("BEGIN:VCA"), FormatUnknown},
		"html":                {[]byte("<!DOCTYPE html>\n<html><head><title>Contacts</title></head><body>BEGIN:VCARD</body></html>"), FormatUnknown},
		"json":                {[]byte(`{"contacts": [{"name": "Grace Kim", "email": "grace.kim@example.org"}]}`), FormatUnknown},
		"rss":                 {[]byte(`<?xml version="1.0"?><rss version="2.0"><channel><title>x</title></channel></rss>`), FormatUnknown},
		"opml": {[]byte(`<?xml version="1.0" encoding="ISO-8859-1"?>
<!-- exported -->
<opml version="2.0"><head><title>Feeds</title></head><body/></opml>`), FormatOPML},
		"random csv":              {[]byte("name,email,phone\nGrace Kim,grace.kim@example.org,555\n"), FormatUnknown},
		"csv with name columns":   {[]byte("First Name,Last Name,E-mail\nGrace,Kim,grace@example.org\n"), FormatUnknown},
		"mastodon blocks csv":     {[]byte("account_address\nspam@bad.example\n"), FormatUnknown},
		"mastodon lists csv":      {[]byte("Team,amelie@mastodon.example\n"), FormatUnknown},
		"linkedin, preamble only": {[]byte("Notes:\n\"When exporting your connection data, you may notice"), FormatUnknown},
		"plain text":              {[]byte("Grace Kim <grace.kim@example.org>\n"), FormatUnknown},
		"binary":                  {[]byte{0x89, 'P', 'N', 'G', 0, 1, 2, 3}, FormatUnknown},
	}
	for name, tc := range inline {
		if got := Detect(tc.in); got != tc.want {
			t.Errorf("Detect(%s) = %q, want %q", name, got, tc.want)
		}
	}
}

func TestParseDispatch(t *testing.T) {
	ims, err := Parse(FormatMastodon, open(t, "mastodon-following-old.csv"))
	if err != nil || len(ims) != 2 {
		t.Errorf("Parse(mastodon) = %d contacts, %v", len(ims), err)
	}
	if _, err := Parse(FormatOPML, strings.NewReader("<opml/>")); err == nil || !strings.HasPrefix(err.Error(), "people: opml: ") {
		t.Errorf("Parse(opml) error = %v", err)
	}
	if _, err := Parse(FormatUnknown, strings.NewReader("x")); err == nil || !strings.HasPrefix(err.Error(), "people: ") {
		t.Errorf("Parse(unknown) error = %v", err)
	}
}

// TestMalformed checks that a malformed file is refused whole, with the
// line at fault in the message and in the *Error.
func TestMalformed(t *testing.T) {
	type parser func(io.Reader) ([]Imported, error)
	vc, li, ma := ParseVCard, ParseLinkedIn, ParseMastodon
	card := func(lines ...string) string {
		return "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Grace Kim\r\nEND:VCARD\r\nBEGIN:VCARD\r\n" + strings.Join(lines, "\r\n") + "\r\nEND:VCARD\r\n"
	}
	for _, tc := range []struct {
		name   string
		file   string // fixture, or
		text   string // inline content
		parse  parser
		want   string // the whole message
		line   int
		target error // errors.Is target, if any
	}{
		{name: "vcard missing END", file: "bad-vcard-no-end.vcf", parse: vc, want: "people: vcard: card 2 (line 6): no END:VCARD before the BEGIN:VCARD on line 10", line: 6},
		{name: "vcard no FN or N", file: "bad-vcard-no-name.vcf", parse: vc, want: "people: vcard: card 3 (line 10): no name", line: 10},
		{name: "linkedin field count", file: "bad-linkedin-fields.csv", parse: li, want: "people: linkedin: line 7: wrong number of fields", line: 7},
		{name: "mastodon address", file: "bad-mastodon-address.csv", parse: ma, want: `people: mastodon: line 4: "bob" is not an account address like user@host`, line: 4},

		{name: "vcard bad e-mail", text: card("FN:Jonas Berg", "NOTE:folded", " note", "EMAIL;TYPE=WORK:jonas(at)example.com"), parse: vc,
			want: `people: vcard: card 2 (line 9): model: "jonas(at)example.com" is not an e-mail address`, line: 9},
		{name: "vcard last card has no END", text: card("FN:Jonas Berg") + "BEGIN:VCARD\r\nFN:Sam\r\n", parse: vc, want: "people: vcard: card 3 (line 8): no END:VCARD", line: 8},
		{name: "vcard END without BEGIN", text: card("FN:Jonas Berg") + "END:VCARD\r\n", parse: vc, want: "people: vcard: line 8: END:VCARD without BEGIN:VCARD", line: 8},
		{name: "vcard text outside a card", text: "\r\nHello\r\n" + card("FN:Jonas Berg"), parse: vc, want: "people: vcard: line 2: text outside BEGIN:VCARD ... END:VCARD", line: 2},
		{name: "vcard line without colon", text: card("FN:Jonas Berg", "ORG Example"), parse: vc, want: `people: vcard: card 2 (line 7): "ORG Example" is not a property line (no ':')`, line: 7},
		{name: "vcard unterminated quote", text: card(`FN;LANGUAGE="en:Jonas Berg`), parse: vc, want: `people: vcard: card 2 (line 6): FN: unterminated quoted value of parameter LANGUAGE`, line: 6},
		{name: "vcard version", text: card("VERSION:5.0", "FN:Jonas Berg"), parse: vc, want: `people: vcard: card 2 (line 6): unsupported VERSION "5.0" (want 3.0 or 4.0)`, line: 6},
		{name: "vcard bad cadence", text: card("FN:Jonas Berg", "X-KNOWFLOW-CADENCE:weekly"), parse: vc, want: `people: vcard: card 2 (line 7): X-KNOWFLOW-CADENCE "weekly" is not a duration like 168h`, line: 7},
		{name: "vcard bad work hours", text: card("FN:Jonas Berg", "X-KNOWFLOW-WORK-HOURS:9 to 5"), parse: vc, want: `people: vcard: card 2 (line 7): X-KNOWFLOW-WORK-HOURS "9 to 5" is not like 09:00-17:00`, line: 7},
		{name: "vcard empty work hours", text: card("FN:Jonas Berg", "X-KNOWFLOW-WORK-HOURS:09:00-09:00"), parse: vc, want: `people: vcard: card 2 (line 5): model: working hours 09:00-09:00 are empty`, line: 5},
		{name: "vcard bad circle", text: card("FN:Jonas Berg", "X-KNOWFLOW-CIRCLE:family"), parse: vc, want: `people: vcard: card 2 (line 7): model: unknown circle "family" (want team, community or network)`, line: 7},
		{name: "vcard bad feed", text: card("FN:Jonas Berg", "X-KNOWFLOW-FEED:feed.example/rss"), parse: vc, want: `people: vcard: card 2 (line 7): X-KNOWFLOW-FEED "feed.example/rss" is not an http(s) URL`, line: 7},
		{name: "vcard bad mastodon", text: card("FN:Jonas Berg", "X-MASTODON:jonas"), parse: vc, want: `people: vcard: card 2 (line 7): X-MASTODON: model: "jonas" is not a Mastodon handle like user@host`, line: 7},
		{name: "vcard not UTF-8", text: card("FN:J\xf6nas Berg"), parse: vc, want: `people: vcard: card 2 (line 6): FN: text is not UTF-8 (and no CHARSET says what it is)`, line: 6},
		{name: "vcard bad base64", text: card("FN;ENCODING=b:not base64!"), parse: vc, line: 6},
		{name: "vcard empty", text: "", parse: vc, want: "people: vcard: no contacts found", target: ErrNoContacts},
		{name: "vcard only a group", text: "BEGIN:VCARD\nVERSION:4.0\nKIND:group\nFN:Friends\nEND:VCARD\n", parse: vc, want: "people: vcard: no contacts found", target: ErrNoContacts},

		{name: "linkedin bare quote", text: "First Name,Last Name,URL,Email Address,Company,Position,Connected On\nSam,O\"Neil,,,,,\n", parse: li, line: 2},
		{name: "linkedin bad e-mail", text: "First Name,Last Name,URL,Email Address,Company,Position,Connected On\nSam,Neil,,sam,,,\n", parse: li, want: `people: linkedin: line 2: model: "sam" is not an e-mail address`, line: 2},
		{name: "linkedin bad URL", text: "First Name,Last Name,URL,Email Address,Company,Position,Connected On\nSam,Neil,linkedin.example/in/sam,,,,\n", parse: li, want: `people: linkedin: line 2: model: profile "linkedin.example/in/sam" is not an http(s) URL`, line: 2},
		{name: "linkedin no name", text: "First Name,Last Name,URL,Email Address,Company,Position,Connected On\n,,https://www.linkedin.example/in/x,,,,\n", parse: li, want: `people: linkedin: line 2: no name (First Name and Last Name are empty)`, line: 2},
		{name: "linkedin no header", text: "a,b\n1,2\n3,4\n5,6\n7,8\n9,10\n11,12\n13,14\n15,16\n17,18\n", parse: li, line: 9},
		{name: "linkedin header only", text: "First Name,Last Name,URL,Email Address,Company,Position,Connected On\n", parse: li, want: "people: linkedin: no contacts found", target: ErrNoContacts},
		{name: "linkedin only closed accounts", text: "First Name,Last Name,URL,Email Address,Company,Position,Connected On\n,,,,,,01 Jan 2020\n", parse: li, want: "people: linkedin: no contacts found", target: ErrNoContacts},
		{name: "linkedin empty", text: "", parse: li, target: ErrNoContacts},

		{name: "mastodon URL", text: "Account address,Show boosts\nhttps://mastodon.example/@amelie,true\n", parse: ma, want: `people: mastodon: line 2: "https://mastodon.example/@amelie" is not an account address like user@host`, line: 2},
		{name: "mastodon no host dot", text: "Account address,Show boosts\namelie@localhost,true\n", parse: ma, line: 2},
		{name: "mastodon field count", text: "Account address,Show boosts\namelie@mastodon.example,true,false\n", parse: ma, want: "people: mastodon: line 2: wrong number of fields", line: 2},
		{name: "mastodon header", text: "amelie@mastodon.example,true\n", parse: ma, want: "people: mastodon: line 1: no header Account address,Show boosts,...", line: 1},
		{name: "mastodon header only", text: "Account address,Show boosts,Notify on new posts,Languages\n", parse: ma, want: "people: mastodon: no contacts found", target: ErrNoContacts},
		{name: "mastodon empty", text: "", parse: ma, want: "people: mastodon: no contacts found", target: ErrNoContacts},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var r io.Reader = strings.NewReader(tc.text)
			if tc.file != "" {
				r = open(t, tc.file)
			}
			ims, err := tc.parse(r)
			if err == nil {
				t.Fatalf("no error; got %d contacts", len(ims))
			}
			if ims != nil {
				t.Errorf("got %d contacts with the error; want none", len(ims))
			}
			if tc.want != "" && err.Error() != tc.want {
				t.Errorf("error\n got %s\nwant %s", err, tc.want)
			}
			if !strings.HasPrefix(err.Error(), "people: ") {
				t.Errorf("error %q lacks the people: prefix", err)
			}
			var pe *Error
			if !errors.As(err, &pe) {
				t.Fatalf("error %v is not a *Error", err)
			}
			if pe.Line != tc.line {
				t.Errorf("Error.Line = %d, want %d (%v)", pe.Line, tc.line, err)
			}
			if tc.target != nil && !errors.Is(err, tc.target) {
				t.Errorf("error %v does not match %v", err, tc.target)
			}
		})
	}
}

func TestMerge(t *testing.T) {
	t.Run("vcard", func(t *testing.T) {
		in := strings.Join([]string{
			"BEGIN:VCARD", "VERSION:3.0", "FN:Amélie Durand", "EMAIL:amelie@example.org", "CATEGORIES:team,onboarding", "NOTE:First.", "END:VCARD",
			"BEGIN:VCARD", "VERSION:3.0", "FN:Jonas Berg", "URL:https://jonas.example", "END:VCARD",
			// Same person as card 1 through her Mastodon handle (card 4).
			"BEGIN:VCARD", "VERSION:3.0", "FN:A. Durand", "URL:https://mastodon.example/@amelie", "TITLE:Learning Designer", "CATEGORIES:network,Onboarding,mentoring", "NOTE:Second.", "END:VCARD",
			"BEGIN:VCARD", "VERSION:3.0", "FN:Amelie D.", "EMAIL:AMELIE@example.org", "X-MASTODON:@amelie@Mastodon.example", "END:VCARD",
			// Shares only a website with Jonas: a different person.
			"BEGIN:VCARD", "VERSION:3.0", "FN:Jonas's colleague", "URL:https://jonas.example", "END:VCARD",
		}, "\n")
		ims, err := ParseVCard(strings.NewReader(in))
		if err != nil {
			t.Fatal(err)
		}
		if len(ims) != 3 {
			t.Fatalf("got %d contacts, want 3: %+v", len(ims), ims)
		}
		a := ims[0]
		check(t, "name", a.Contact.Name, "Amélie Durand")
		check(t, "line", a.Line, 1)
		check(t, "emails", a.Contact.Emails, []string{"amelie@example.org"})
		check(t, "handles", a.Contact.Handles, []model.Handle{{Kind: model.HandleWebsite, Value: "https://mastodon.example/@amelie"}, {Kind: model.HandleMastodon, Value: "amelie@mastodon.example"}})
		check(t, "circles", a.Contact.Circles, []model.Circle{model.CircleTeam, model.CircleNetwork})
		check(t, "interests", a.Contact.Interests, []string{"onboarding", "mentoring"})
		check(t, "role", a.Contact.Role, "Learning Designer")
		check(t, "notes", a.Contact.Notes, "First.\n\nSecond.")
		check(t, "second", ims[1].Contact.Name, "Jonas Berg")
		check(t, "third", ims[2].Contact.Name, "Jonas's colleague")
	})
	t.Run("linkedin", func(t *testing.T) {
		in := "First Name,Last Name,URL,Email Address,Company,Position,Connected On\n" +
			"Grace,Kim,https://www.linkedin.example/in/gracekim,,,,14 Jun 2018\n" +
			"Wei,Zhang,https://www.linkedin.example/in/weizhang,,,,\n" +
			"Grace,Kim,http://linkedin.example/in/gracekim/,grace.kim@example.org,Bright Path Tutoring,Founder,14 Jun 2018\n"
		ims, err := ParseLinkedIn(strings.NewReader(in))
		if err != nil {
			t.Fatal(err)
		}
		if len(ims) != 2 {
			t.Fatalf("got %d contacts, want 2", len(ims))
		}
		g := ims[0].Contact
		check(t, "emails", g.Emails, []string{"grace.kim@example.org"})
		check(t, "organisation", g.Organisation, "Bright Path Tutoring")
		check(t, "handles", g.Handles, []model.Handle{{Kind: model.HandleProfile, Value: "https://www.linkedin.example/in/gracekim"}, {Kind: model.HandleProfile, Value: "http://linkedin.example/in/gracekim/"}})
		check(t, "notes", g.Notes, "LinkedIn connection since 14 Jun 2018")
	})
	t.Run("mastodon", func(t *testing.T) {
		in := "Account address,Show boosts\namelie@mastodon.example,true\ngrace@edu.example,true\n@Amelie@Mastodon.Example,false\n"
		ims, err := ParseMastodon(strings.NewReader(in))
		if err != nil {
			t.Fatal(err)
		}
		if len(ims) != 2 {
			t.Fatalf("got %d contacts, want 2", len(ims))
		}
		check(t, "feeds", ims[0].Feeds, []string{"https://mastodon.example/@amelie.rss"})
	})
	t.Run("transitive", func(t *testing.T) {
		mk := func(name, email string, h ...model.Handle) Imported {
			c := model.Contact{Name: name, Handles: h}
			if email != "" {
				c.Emails = []string{email}
			}
			if err := c.Normalize(); err != nil {
				t.Fatal(err)
			}
			return Imported{Contact: c, Line: len(name)}
		}
		m := model.Handle{Kind: model.HandleMastodon, Value: "x@h.example"}
		out := Merge([]Imported{
			mk("A", "a@example.com"),
			mk("B", "", m),
			mk("C", "a@example.com", m), // joins A and B
			mk("D", "d@example.com"),
		})
		if len(out) != 2 || out[0].Contact.Name != "A" || out[1].Contact.Name != "D" {
			t.Fatalf("Merge = %+v", out)
		}
		check(t, "handles", out[0].Contact.Handles, []model.Handle{m})
	})
}
