package people

import (
	"testing"

	"github.com/knowflow/knowflow/model"
)

var network = []model.Circle{model.CircleNetwork}

func TestParseLinkedIn(t *testing.T) {
	ims := parseFixture(t, "linkedin-connections.csv", ParseLinkedIn)
	if len(ims) != 5 { // the closed account's empty row is skipped
		t.Fatalf("got %d contacts, want 5", len(ims))
	}

	a := ims[0]
	check(t, "line", a.Line, 5)
	check(t, "name", a.Contact.Name, "Amélie Durand")
	check(t, "emails", a.Contact.Emails, []string(nil))
	check(t, "handles", a.Contact.Handles, []model.Handle{{Kind: model.HandleProfile, Value: "https://www.linkedin.example/in/amelie-durand"}})
	check(t, "organisation", a.Contact.Organisation, "Lumen Learning Lab")
	check(t, "role", a.Contact.Role, "Learning Designer")
	check(t, "circles", a.Contact.Circles, network)
	check(t, "notes", a.Contact.Notes, "LinkedIn connection since 12 Mar 2024")
	check(t, "feeds", a.Feeds, []string(nil))

	j := byName(t, ims, "Jonas Berg")
	check(t, "emails", j.Contact.Emails, []string{"jonas.berg@example.com"})
	check(t, "role with comma", j.Contact.Role, "Data Coach, Learning & Development")

	s := byName(t, ims, "Sam O'Neil")
	check(t, "organisation with comma", s.Contact.Organisation, "Acme, Inc.")
	check(t, "role with quotes", s.Contact.Role, `Head of "People" Programs`)

	w := byName(t, ims, "Wei Zhang")
	check(t, "line", w.Line, 8)
	check(t, "role with a line break", w.Contact.Role, "Teacher\nTrainer")

	n := byName(t, ims, "Nadia Haddad")
	check(t, "line after a multi-line row", n.Line, 11)
	check(t, "organisation", n.Contact.Organisation, "")
}

func TestParseLinkedInOld(t *testing.T) {
	ims := parseFixture(t, "linkedin-connections-old.csv", ParseLinkedIn) // BOM, CRLF, no preamble
	if len(ims) != 2 {
		t.Fatalf("got %d contacts, want 2", len(ims))
	}
	g := ims[0]
	check(t, "name", g.Contact.Name, "Grace Kim")
	check(t, "line", g.Line, 2)
	check(t, "emails", g.Contact.Emails, []string{"grace.kim@example.org"})
	check(t, "role", g.Contact.Role, "Founder")
	check(t, "second line", ims[1].Line, 3)
	check(t, "second role", ims[1].Contact.Role, "Head of Teaching, Japan")
}

func TestParseMastodon(t *testing.T) {
	ims := parseFixture(t, "mastodon-following.csv", ParseMastodon)
	if len(ims) != 4 {
		t.Fatalf("got %d contacts, want 4", len(ims))
	}
	a := ims[0]
	check(t, "line", a.Line, 2)
	check(t, "name", a.Contact.Name, "amelie@mastodon.example")
	check(t, "handles", a.Contact.Handles, []model.Handle{{Kind: model.HandleMastodon, Value: "amelie@mastodon.example"}})
	check(t, "circles", a.Contact.Circles, network)
	check(t, "feeds", a.Feeds, []string{"https://mastodon.example/@amelie.rss"})
	check(t, "emails", a.Contact.Emails, []string(nil))

	p := ims[2]
	check(t, "name lower-cased", p.Contact.Name, "priya@social.example")
	check(t, "feed", p.Feeds, []string{"https://social.example/@priya.rss"})
	check(t, "line", p.Line, 4)

	old := parseFixture(t, "mastodon-following-old.csv", ParseMastodon)
	if len(old) != 2 || old[1].Contact.Name != "grace@edu.example" || old[1].Feeds[0] != "https://edu.example/@grace.rss" {
		t.Errorf("old export = %+v", old)
	}
}
