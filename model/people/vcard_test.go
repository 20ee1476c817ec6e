package people

import (
	"bytes"
	"reflect"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/knowflow/knowflow/model"
)

func TestParseVCardApple(t *testing.T) {
	ims := parseFixture(t, "apple-contacts-3.0.vcf", ParseVCard)
	// Five cards: a group (skipped) and a duplicate of the first (merged).
	if len(ims) != 3 {
		t.Fatalf("got %d contacts, want 3", len(ims))
	}

	a := ims[0]
	c := a.Contact
	check(t, "line", a.Line, 1)
	check(t, "name", c.Name, "Amélie Durand")
	check(t, "emails (merged with card 5)", c.Emails, []string{"amelie.durand@lumen.example", "amelie@example.org", "a.durand@example.net"})
	check(t, "handles", c.Handles, []model.Handle{
		{Kind: model.HandleWebsite, Value: "https://amelie.example.org/blog"},
		{Kind: model.HandleWebsite, Value: "https://mastodon.example/@amelie"},
		{Kind: model.HandleMastodon, Value: "amelie@mastodon.example"},
		{Kind: model.HandleProfile, Value: "https://www.linkedin.example/in/amelie-durand"},
	})
	check(t, "organisation", c.Organisation, "Lumen Learning Lab, Research & Design")
	check(t, "role", c.Role, "Learning Designer")
	check(t, "notes", c.Notes, "Met at the Lisbon L&D meetup, May 2023. Talks about onboarding; loves long-form writing.\nFollow up about the mentoring pilot.")
	check(t, "circles", c.Circles, []model.Circle(nil))
	check(t, "time zone", c.TimeZone, "")
	check(t, "defaults", [2]string{c.WorkStart, string(c.Channel)}, [2]string{"09:00", "email"})

	k := ims[1]
	check(t, "line", k.Line, 34)
	check(t, "name", k.Contact.Name, "渡辺 健二")
	check(t, "role", k.Contact.Role, "Head of Teaching, Japan")
	check(t, "organisation", k.Contact.Organisation, "Sakura Online Academy")
	check(t, "social profile", k.Contact.Handles, []model.Handle{{Kind: model.HandleProfile, Value: "http://twitter.example/kwatanabe"}})

	n := ims[2]
	check(t, "company card", n.Contact.Name, "Northwind Community College")
	check(t, "company card handles", n.Contact.Handles, []model.Handle{{Kind: model.HandleWebsite, Value: "https://northwind.example.edu"}})
}

func TestParseVCardGoogle(t *testing.T) {
	ims := parseFixture(t, "google-contacts-3.0.vcf", ParseVCard)
	if len(ims) != 3 {
		t.Fatalf("got %d contacts, want 3", len(ims))
	}
	j := ims[0].Contact
	check(t, "name", j.Name, "Jonas Berg")
	check(t, "handles", j.Handles, []model.Handle{
		{Kind: model.HandleProfile, Value: "https://profiles.example.com/jonasberg"},
		{Kind: model.HandleWebsite, Value: "https://jonas.example.net/notes"}, // https:// added
	})
	// myContacts and starred (folded over two lines) are dropped.
	check(t, "circles", j.Circles, []model.Circle{model.CircleCommunity})
	check(t, "communities", j.Communities, []string{"Data Literacy"})
	check(t, "interests", j.Interests, []string{"statistics education"})
	check(t, "notes", j.Notes, "Runs the data-literacy circle at Fjord. Prefers long e-mails to chat; asked for reading lists on statistics education.")

	s := ims[1]
	check(t, "line", s.Line, 19)
	check(t, "name (CHARSET=UTF-8)", s.Contact.Name, "Sabine Müller")
	check(t, "role (CHARSET=ISO-8859-1)", s.Contact.Role, "Professorin für Didaktik")
	check(t, "organisation", s.Contact.Organisation, "Hochschule für Lernen")
	check(t, "circles", s.Contact.Circles, network)
	check(t, "interests", s.Contact.Interests, []string{"open educational resources", "feedback"})

	g := ims[2].Contact
	check(t, "emails", g.Emails, []string{"grace.kim@example.org", "gkim@bright-path.example"})
	check(t, "circle named in capitals", g.Circles, []model.Circle{model.CircleTeam})
	check(t, "interests", g.Interests, []string(nil))
}

func TestParseVCard4(t *testing.T) {
	ims := parseFixture(t, "nextcloud-4.0.vcf", ParseVCard)
	if len(ims) != 4 {
		t.Fatalf("got %d contacts, want 4", len(ims))
	}
	p := ims[0].Contact
	check(t, "name", p.Name, "Dr. Priya Raman")
	check(t, "handles (IMPP)", p.Handles, []model.Handle{{Kind: model.HandleWebsite, Value: "https://priya.example"}, {Kind: model.HandleMastodon, Value: "priya@social.example"}})
	check(t, "time zone", p.TimeZone, "Asia/Kolkata")
	check(t, "circles", p.Circles, []model.Circle{model.CircleCommunity})
	check(t, "communities", p.Communities, []string{"Open Pedagogy Circle", "Learning Analytics"})
	check(t, "interests", p.Interests, []string{"open pedagogy"})
	check(t, "notes", p.Notes, "Hosts the monthly reading group. Ask her about the digest format, she has opinions.")

	to := ims[1]
	c := to.Contact
	check(t, "line", to.Line, 19)
	check(t, "name", c.Name, "Tomás Ortega")
	check(t, "time zone (offset)", c.TimeZone, "")
	check(t, "notes (offset)", c.Notes, "time zone offset -05:00")
	check(t, "circles", c.Circles, []model.Circle{model.CircleNetwork, model.CircleCommunity})
	check(t, "communities", c.Communities, []string{"Instructional Design"})
	check(t, "interests (escaped comma)", c.Interests, []string{"accessibility, captions", "video"})
	check(t, "cadence", c.Cadence, 14*24*time.Hour)
	check(t, "work hours", [2]string{c.WorkStart, c.WorkEnd}, [2]string{"08:00", "16:00"})
	check(t, "channel", c.Channel, model.ChannelMastodon)
	check(t, "handles", c.Handles, []model.Handle{{Kind: model.HandleMastodon, Value: "tomas@fosstodon.example"}})
	check(t, "feeds", to.Feeds, []string{"https://ortega.example/feed.xml"})

	o := ims[2].Contact
	check(t, "name from N", o.Name, "Chinwe Adaeze Okafor")
	check(t, "circles", o.Circles, []model.Circle{model.CircleTeam})
	check(t, "communities (no community circle added)", o.Communities, []string{"Onboarding Circle"})
	check(t, "interests", o.Interests, []string{"mentoring", "peer learning"})
	check(t, "time zone", o.TimeZone, "Africa/Lagos")

	l := ims[3].Contact
	check(t, "time zone (not IANA)", l.TimeZone, "")
	check(t, "notes (not IANA)", l.Notes, "time zone Eastern Standard Time")
	check(t, "X-MASTODON", l.Handles, []model.Handle{{Kind: model.HandleMastodon, Value: "lena@chaos.example"}})
}

func TestParseVCardDetails(t *testing.T) {
	parse := func(t *testing.T, lines ...string) model.Contact {
		t.Helper()
		ims, err := ParseVCard(strings.NewReader("BEGIN:VCARD\r\n" + strings.Join(lines, "\r\n") + "\r\nEND:VCARD\r\n"))
		if err != nil {
			t.Fatal(err)
		}
		return ims[0].Contact
	}
	t.Run("vCard 2.1 quoted-printable and bare parameters", func(t *testing.T) {
		c := parse(t, "VERSION:2.1",
			"N;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:=C3=98stergaard;Mette;;;",
			"EMAIL;INTERNET;WORK:mette@example.dk",
			"NOTE;QUOTED-PRINTABLE:Line one=0D=0ALine two, very long so that it is =",
			"soft-broken.")
		check(t, "name", c.Name, "Mette Østergaard")
		check(t, "emails", c.Emails, []string{"mette@example.dk"})
		check(t, "notes", c.Notes, "Line one\nLine two, very long so that it is soft-broken.")
	})
	t.Run("escapes", func(t *testing.T) {
		c := parse(t, "VERSION:4.0", `FN:A\, B\; C\\D\nE`, `CATEGORIES:a\,b,c\;d,e\\,f`, `ORG:Acme\; Ltd;R\,D;;Lab`)
		check(t, "name", c.Name, "A, B; C\\D\nE")
		check(t, "interests", c.Interests, []string{"a,b", "c;d", `e\`, "f"})
		check(t, "organisation", c.Organisation, "Acme; Ltd, R,D, Lab")
	})
	t.Run("N assembled", func(t *testing.T) {
		c := parse(t, "VERSION:3.0", "FN: ", "N:Doe;John;Philip,Paul;Dr.;Jr.")
		check(t, "name", c.Name, "Dr. John Philip Paul Doe Jr.")
	})
	t.Run("time zones", func(t *testing.T) {
		for tz, want := range map[string][2]string{
			"TZ:Europe/Lisbon":                  {"Europe/Lisbon", ""},
			"TZ;VALUE=text:America/New_York":    {"America/New_York", ""},
			"TZ:-05:00":                         {"", "time zone offset -05:00"},
			"TZ:+0530":                          {"", "time zone offset +05:30"},
			"TZ:Z":                              {"", "time zone offset +00:00"},
			"TZ;VALUE=utc-offset:-05":           {"", "time zone offset -05:00"},
			"TZ;VALUE=uri:https://tz.example/x": {"", "time zone https://tz.example/x"},
			"TZ:Local":                          {"", "time zone Local"},
		} {
			c := parse(t, "VERSION:4.0", "FN:X", "NOTE:n", tz)
			notes := "n"
			if want[1] != "" {
				notes += "\n" + want[1]
			}
			if c.TimeZone != want[0] || c.Notes != notes {
				t.Errorf("%s: zone %q, notes %q; want %q, %q", tz, c.TimeZone, c.Notes, want[0], notes)
			}
		}
	})
	t.Run("URLs", func(t *testing.T) {
		c := parse(t, "VERSION:3.0", "FN:X",
			"URL:ftp://files.example.org",  // other scheme: ignored
			"URL:not a url",                // ignored
			"URL:https://medium.com/@x",    // /@user but not Mastodon
			"URL:https://m.example/@x/123", // a post, not a profile
			"URL;TYPE=PROFILE:https://p.example/x",
			"X-SOCIALPROFILE;type=mastodon;x-user=@x@m.example:x-apple:x",
			"IMPP:mastodon:@y@m.example",
			"IMPP:xmpp:x@jabber.example", // ignored
			"EMAIL:mailto:X@Example.org")
		check(t, "handles", c.Handles, []model.Handle{
			{Kind: model.HandleWebsite, Value: "https://medium.com/@x"},
			{Kind: model.HandleWebsite, Value: "https://m.example/@x/123"},
			{Kind: model.HandleProfile, Value: "https://p.example/x"},
			{Kind: model.HandleMastodon, Value: "x@m.example"},
			{Kind: model.HandleMastodon, Value: "y@m.example"},
		})
		check(t, "emails", c.Emails, []string{"x@example.org"})
	})
	t.Run("UTF-16", func(t *testing.T) {
		s := "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Zoë\r\nEND:VCARD\r\n"
		b := []byte{0xFE, 0xFF}
		for _, r := range s {
			b = append(b, byte(r>>8), byte(r))
		}
		ims, err := ParseVCard(bytes.NewReader(b))
		if err != nil || ims[0].Contact.Name != "Zoë" {
			t.Fatalf("UTF-16 = %+v, %v", ims, err)
		}
	})
}

// richContacts exercises everything WriteVCard must keep.
func richContacts() ([]model.Contact, map[int64][]string) {
	cs := []model.Contact{
		{
			ID:     1,
			Name:   "  Zoë Ångström-Nowak ",
			Emails: []string{"Zoe <ZOE@Example.org>", "z.nowak@lab.example"},
			Handles: []model.Handle{
				{Kind: model.HandleMastodon, Value: "@zoe@Social.Example"},
				{Kind: model.HandleWebsite, Value: "https://zoe.example/blog?x=1,2;3"},
				{Kind: model.HandleProfile, Value: "https://www.linkedin.example/in/zoe"},
				{Kind: model.HandleWebsite, Value: "https://social.example/@zoe"},
			},
			Circles:       []model.Circle{model.CircleTeam, model.CircleCommunity},
			Communities:   []string{"L&D Guild", "Go; Rust, and Zig meetup", "Café Pédagogique"},
			Interests:     []string{"remote onboarding", "knowledge management, KM", "team", "community:not really", "starred", "semi;colon", `back\slash`, "^caret^", `"quoted"`},
			Role:          "Lead, Learning; Culture",
			Organisation:  "Acme; Research, Lab",
			TimeZone:      "Europe/Lisbon",
			WorkStart:     "08:30",
			WorkEnd:       "16:30",
			Cadence:       72 * time.Hour,
			Channel:       model.ChannelMastodon,
			Notes:         "Line one\nLine two, with comma; and semicolon \\ backslash\n\n  indented: colon\tand tab ",
			SourceIDs:     []int64{7, 8},
			LastContacted: time.Date(2024, 5, 6, 7, 8, 9, 123456789, time.FixedZone("CEST", 2*3600)),
		},
		{ID: 2, Name: "李小龍", Circles: []model.Circle{model.CircleNetwork}},
		{ID: 3, Name: "ada@mastodon.example", Handles: []model.Handle{{Kind: model.HandleMastodon, Value: "ada@mastodon.example"}}},
		{ID: 4, Name: strings.Repeat("Ü", 30) + " Long", Notes: strings.Repeat("Übergrößenträger ", 20) + "日本語のメモ" + strings.Repeat("x", 80)},
		// A website shaped like a Mastodon profile, without that handle.
		{ID: 5, Name: "Only Website", Handles: []model.Handle{{Kind: model.HandleWebsite, Value: "https://m.example/@only"}}},
		{ID: 6, Name: "Community, No Names", Circles: []model.Circle{model.CircleCommunity}, Channel: model.ChannelCopy},
		{ID: 7, Name: "Names, No Circle", Communities: []string{"Reading Group"}, WorkStart: "9:00", WorkEnd: "17:00"},
		{ID: 8, Name: "Single"},
	}
	feeds := map[int64][]string{
		1: {"https://zoe.example/feed.xml", "https://social.example/@zoe.rss", "https://zoe.example/feed.xml"},
		3: {"https://mastodon.example/@ada.rss"},
		9: {"https://nobody.example/feed"},
	}
	return cs, feeds
}

func TestRoundTrip(t *testing.T) {
	cs, feeds := richContacts()
	var buf bytes.Buffer
	if err := WriteVCard(&buf, cs, feeds); err != nil {
		t.Fatal(err)
	}
	ims, err := ParseVCard(bytes.NewReader(buf.Bytes()))
	if err != nil {
		t.Fatalf("%v\n%s", err, buf.String())
	}
	if len(ims) != len(cs) {
		t.Fatalf("got %d contacts back, want %d", len(ims), len(cs))
	}
	for i, c := range cs {
		want := c
		if err := want.Normalize(); err != nil {
			t.Fatal(err)
		}
		want.ID, want.SourceIDs = 0, nil
		got := ims[i].Contact
		if !got.LastContacted.Equal(want.LastContacted) {
			t.Errorf("%s: LastContacted = %v, want %v", c.Name, got.LastContacted, want.LastContacted)
		}
		got.LastContacted, want.LastContacted = time.Time{}, time.Time{}
		if !reflect.DeepEqual(got, want) {
			t.Errorf("contact %d came back different\n got %+v\nwant %+v", i, got, want)
		}
		if wf := uniqueStrings(feeds[c.ID]); !reflect.DeepEqual(ims[i].Feeds, wf) {
			t.Errorf("%s: feeds = %q, want %q", c.Name, ims[i].Feeds, wf)
		}
	}
	if t.Failed() {
		t.Logf("written:\n%s", buf.String())
	}
}

// TestRoundTripFixtures writes what was read from each vCard fixture and
// reads it again.
func TestRoundTripFixtures(t *testing.T) {
	for _, name := range []string{"apple-contacts-3.0.vcf", "google-contacts-3.0.vcf", "nextcloud-4.0.vcf"} {
		ims := parseFixture(t, name, ParseVCard)
		var cs []model.Contact
		feeds := map[int64][]string{}
		for i, im := range ims {
			im.Contact.ID = int64(i + 1)
			cs = append(cs, im.Contact)
			feeds[im.Contact.ID] = im.Feeds
		}
		var buf bytes.Buffer
		if err := WriteVCard(&buf, cs, feeds); err != nil {
			t.Fatal(err)
		}
		again, err := ParseVCard(&buf)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		for i := range again {
			again[i].Line = ims[i].Line
		}
		if !reflect.DeepEqual(again, ims) {
			t.Errorf("%s came back different\n got %+v\nwant %+v", name, again, ims)
		}
	}
}

func TestWriteVCardFormat(t *testing.T) {
	cs, feeds := richContacts()
	var buf bytes.Buffer
	if err := WriteVCard(&buf, cs[:1], feeds); err != nil {
		t.Fatal(err)
	}
	out := buf.String()
	if !strings.HasPrefix(out, "BEGIN:VCARD\r\nVERSION:4.0\r\n") || !strings.HasSuffix(out, "END:VCARD\r\n") {
		t.Errorf("card framing:\n%s", out)
	}
	if strings.Contains(strings.ReplaceAll(out, "\r\n", ""), "\n") || strings.Contains(strings.ReplaceAll(out, "\r\n", ""), "\r") {
		t.Error("a line break that is not CRLF")
	}
	for _, line := range strings.Split(strings.TrimSuffix(out, "\r\n"), "\r\n") {
		if len(line) > 75 {
			t.Errorf("line of %d octets: %q", len(line), line)
		}
		if !utf8.ValidString(line) {
			t.Errorf("fold inside a character: %q", line)
		}
	}
	unfolded := strings.ReplaceAll(out, "\r\n ", "")
	for _, want := range []string{
		"FN:Zoë Ångström-Nowak\r\n",
		"N:Ångström-Nowak;Zoë;;;\r\n",
		"EMAIL:zoe@example.org\r\n",
		"URL:https://zoe.example/blog?x=1,2;3\r\n",
		"URL;TYPE=profile:https://www.linkedin.example/in/zoe\r\n",
		"X-KNOWFLOW-MASTODON:zoe@social.example\r\n",
		"X-SOCIALPROFILE;TYPE=mastodon:https://social.example/@zoe\r\n",
		"ORG:Acme\\; Research\\, Lab\r\n",
		"TITLE:Lead\\, Learning\\; Culture\r\n",
		"TZ:Europe/Lisbon\r\n",
		"NOTE:Line one\\nLine two\\, with comma\\; and semicolon \\\\ backslash\\n\\n  indented: colon\tand tab \r\n",
		// Circles and the interests that read back as interests.
		"CATEGORIES:team,community,remote onboarding,knowledge management\\, KM,semi\\;colon,back\\\\slash,^caret^,\"quoted\"\r\n",
		"X-KNOWFLOW-CIRCLE:team\r\n",
		"X-KNOWFLOW-COMMUNITY:Go\\; Rust\\, and Zig meetup\r\n",
		"X-KNOWFLOW-INTEREST:team\r\n",
		"X-KNOWFLOW-CADENCE:72h0m0s\r\n",
		"X-KNOWFLOW-WORK-HOURS:08:30-16:30\r\n",
		"X-KNOWFLOW-CHANNEL:mastodon\r\n",
		"X-KNOWFLOW-LAST-CONTACTED:2024-05-06T05:08:09.123456789Z\r\n",
		"X-KNOWFLOW-FEED:https://zoe.example/feed.xml\r\n",
	} {
		if !strings.Contains(unfolded, want) {
			t.Errorf("output lacks %q", want)
		}
	}
	if strings.Count(unfolded, "X-KNOWFLOW-FEED:https://zoe.example/feed.xml") != 1 {
		t.Error("a repeated feed was written twice")
	}

	// Invalid input is refused, not half-written.
	for name, c := range map[string]model.Contact{
		"no name":  {Name: " "},
		"bad feed": {ID: 1, Name: "X"},
	} {
		buf.Reset()
		err := WriteVCard(&buf, []model.Contact{c}, map[int64][]string{1: {"feed.example/rss"}})
		if err == nil || !strings.HasPrefix(err.Error(), "people: vcard: contact 1") {
			t.Errorf("%s: error = %v", name, err)
		}
	}
	buf.Reset()
	if err := WriteVCard(&buf, nil, nil); err != nil || buf.Len() != 0 {
		t.Errorf("no contacts: %q, %v", buf.String(), err)
	}
}

func TestEscapes(t *testing.T) {
	check(t, "split", splitEscaped(`a\,b,c\\,d,`, ','), []string{`a\,b`, `c\\`, "d", ""})
	check(t, "unescape", unescape(`a\nb\Nc\\d\,e\;f\:g\x\`), "a\nb\nc\\d,e;f:g\\x\\")
	check(t, "CR", unescape("a\r\nb\rc"), "a\nb\nc")
	for _, s := range []string{"", "plain", "a,b;c\\d\ne", "\\n literally", "ends with \\"} {
		if got := unescape(escapeText(s)); got != s {
			t.Errorf("unescape(escapeText(%q)) = %q", s, got)
		}
		if got := splitEscaped(escapeText(s), ','); len(got) != 1 {
			t.Errorf("escaped %q splits into %q", s, got)
		}
	}
}
