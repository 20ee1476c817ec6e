package cli

import (
	"encoding/json"
	"strings"
	"testing"
	"time"
)

func TestContactCommands(t *testing.T) {
	db := tempDB(t)
	code, out, errOut := run(t, Env{}, "--db", db, "contact", "add", "Ana Costa", "--circle", "team", "--circle", "community",
		"--community", "L&D Guild", "--email", "ana@example.org", "--interests", "remote onboarding, knowledge management",
		"--timezone", "Europe/Lisbon", "--feed", "https://ana.example/feed.xml", "--mastodon", "@ana@social.example", "--cadence", "3d")
	if code != 0 || !strings.HasPrefix(out, "added 1 Ana Costa") {
		t.Fatalf("contact add: %d %q %q", code, out, errOut)
	}
	code, out, _ = run(t, Env{}, "--db", db, "contact", "show", "1", "--json")
	var c contactJSON
	if code != 0 || json.Unmarshal([]byte(out), &c) != nil {
		t.Fatalf("contact show: %d %q", code, out)
	}
	if c.Name != "Ana Costa" || len(c.Circles) != 2 || c.Communities[0] != "L&D Guild" || c.Emails[0] != "ana@example.org" ||
		len(c.Interests) != 2 || c.TimeZone != "Europe/Lisbon" || len(c.Sources) != 1 || c.Sources[0].FeedURL != "https://ana.example/feed.xml" ||
		c.CadenceDays != 3 || c.Handles[0].Value != "ana@social.example" || c.WorkHours != "09:00-17:00" || c.LastContacted != nil {
		t.Errorf("contact = %+v", c)
	}
	// The feed became a source.
	_, out, _ = run(t, Env{}, "--db", db, "sources", "--json")
	if !strings.Contains(out, "https://ana.example/feed.xml") {
		t.Errorf("feed not subscribed: %s", out)
	}

	// Edit changes only what is given.
	if code, _, errOut := run(t, Env{}, "--db", db, "contact", "edit", "1", "--circle", "network", "--role", "Engineering manager"); code != 0 {
		t.Fatalf("edit: %s", errOut)
	}
	_, out, _ = run(t, Env{}, "--db", db, "contact", "show", "1", "--json")
	json.Unmarshal([]byte(out), &c)
	if len(c.Circles) != 1 || c.Circles[0] != "network" || c.Role != "Engineering manager" || len(c.Emails) != 1 || len(c.Sources) != 1 {
		t.Errorf("after edit = %+v", c)
	}

	// Clear errors, nothing changed.
	for _, args := range [][]string{
		{"contact", "add", "Bo", "--circle", "family"},
		{"contact", "add", "Bo", "--circle", "team", "--email", "not-an-email"},
		{"contact", "add", "Bo", "--circle", "team", "--timezone", "Mars/Base"},
		{"contact", "add", "Bo"},
		{"contact", "edit", "1", "--timezone", "Nowhere"},
		{"contact", "add", "Bo", "--circle", "team", "--email", "ANA@example.org"},
		{"contact", "add", "Bo", "--circle", "team", "--feed", "https://bo.example/feed", "--email", "bad"},
	} {
		code, _, errOut := run(t, Env{}, append([]string{"--db", db}, args...)...)
		if code != 1 || errOut == "" {
			t.Errorf("%v: exit %d, stderr %q", args, code, errOut)
		}
	}
	_, out, _ = run(t, Env{}, "--db", db, "contacts", "--json")
	var all []contactJSON
	json.Unmarshal([]byte(out), &all)
	if len(all) != 1 || all[0].Role != "Engineering manager" || all[0].TimeZone != "Europe/Lisbon" {
		t.Errorf("after refused commands contacts = %+v", all)
	}
	_, out, _ = run(t, Env{}, "--db", db, "sources", "--json")
	if strings.Contains(out, "bo.example") {
		t.Error("a refused contact left its feed behind")
	}

	// Filters and communities.
	run(t, Env{}, "--db", db, "contact", "add", "Bo", "--circle", "community", "--community", "Go meetup")
	_, out, _ = run(t, Env{}, "--db", db, "contacts", "--circle", "community", "--json")
	json.Unmarshal([]byte(out), &all)
	if len(all) != 1 || all[0].Name != "Bo" {
		t.Errorf("--circle community = %+v", all)
	}
	_, out, _ = run(t, Env{}, "--db", db, "communities", "--json")
	var ks []communityJSON
	if json.Unmarshal([]byte(out), &ks) != nil || len(ks) != 2 || ks[0].Name != "Go meetup" || ks[0].DigestDay != "Friday" || ks[0].DigestTime != "10:00" {
		t.Errorf("communities = %s", out)
	}
	if code, out, errOut := run(t, Env{}, "--db", db, "community", "Go meetup", "--description", "Monthly Go talks", "--digest-day", "wed", "--digest-time", "18:30"); code != 0 || !strings.Contains(out, "digest Wednesday 18:30") {
		t.Errorf("community: %d %q %q", code, out, errOut)
	}
	_, out, _ = run(t, Env{}, "--db", db, "communities", "--json")
	json.Unmarshal([]byte(out), &ks)
	if ks[0].Description != "Monthly Go talks" || ks[0].DigestDay != "Wednesday" || ks[0].DigestTime != "18:30" || ks[0].Members != 1 {
		t.Errorf("after community edit = %+v", ks[0])
	}
	for _, bad := range [][]string{{"community", "X", "--digest-day", "someday"}, {"community", "X", "--digest-time", "25:00"}} {
		if code, _, _ := run(t, Env{}, append([]string{"--db", db}, bad...)...); code != 1 {
			t.Errorf("%v: exit %d, want 1", bad, code)
		}
	}
	if code, _, _ := run(t, Env{}, "--db", db, "contacts", "--circle", "family"); code != 2 {
		t.Errorf("unknown circle filter exit %d, want 2", code)
	}
	if code, out, _ := run(t, Env{}, "--db", db, "contact", "rm", "2"); code != 0 || !strings.Contains(out, "removed 2 Bo") {
		t.Errorf("rm: %d %q", code, out)
	}
	if code, _, _ := run(t, Env{}, "--db", db, "contact", "show", "2"); code != 1 {
		t.Errorf("show removed contact exit %d", code)
	}
}

func TestParseDays(t *testing.T) {
	for in, want := range map[string]time.Duration{"3d": 72 * time.Hour, "2w": 14 * 24 * time.Hour, "12h": 12 * time.Hour, "1d12h": 36 * time.Hour, "0": 0} {
		got, err := parseDays(in)
		if err != nil || got != want {
			t.Errorf("parseDays(%q) = %v, %v", in, got, err)
		}
	}
	for _, bad := range []string{"d", "3", "3x", "abc"} {
		if _, err := parseDays(bad); err == nil {
			t.Errorf("parseDays(%q) accepted", bad)
		}
	}
}

func TestImportContactFilesAndExportVCard(t *testing.T) {
	db := tempDB(t)
	dir := "../../../testdata/people/"
	for _, f := range []string{"apple-contacts-3.0.vcf", "linkedin-connections.csv", "mastodon-following.csv", "nextcloud-4.0.vcf"} {
		code, out, errOut := run(t, Env{}, "--db", db, "import", dir+f)
		if code != 0 || !strings.Contains(out, "new contacts") {
			t.Fatalf("import %s: %d %q %q", f, code, out, errOut)
		}
	}
	_, out, _ := run(t, Env{}, "--db", db, "contacts", "--json")
	var before []contactJSON
	if err := json.Unmarshal([]byte(out), &before); err != nil || len(before) < 5 {
		t.Fatalf("contacts after import: %v %s", err, out)
	}
	// Importing the same files again merges instead of duplicating.
	for _, f := range []string{"apple-contacts-3.0.vcf", "linkedin-connections.csv", "mastodon-following.csv"} {
		code, out, _ := run(t, Env{}, "--db", db, "import", dir+f)
		if code != 0 || !strings.Contains(out, " 0 new contacts") {
			t.Errorf("re-import %s: %q", f, out)
		}
	}
	_, out, _ = run(t, Env{}, "--db", db, "contacts", "--json")
	var again []contactJSON
	json.Unmarshal([]byte(out), &again)
	if len(again) != len(before) {
		t.Errorf("re-import changed the count: %d -> %d", len(before), len(again))
	}
	// Mastodon follows bring their public feed as a source linked to them.
	linked := 0
	for _, c := range again {
		for _, s := range c.Sources {
			if strings.Contains(s.FeedURL, "/@") && strings.HasSuffix(s.FeedURL, ".rss") {
				linked++
			}
		}
	}
	if linked == 0 {
		t.Error("no Mastodon feed linked to a contact")
	}

	// Malformed files are refused whole with the line, nothing changed.
	for _, f := range []string{"bad-linkedin-fields.csv", "bad-mastodon-address.csv", "bad-vcard-no-end.vcf", "bad-vcard-no-name.vcf"} {
		code, _, errOut := run(t, Env{}, "--db", db, "import", dir+f)
		if code != 1 || !strings.Contains(errOut, "line") || !strings.Contains(errOut, "nothing changed") {
			t.Errorf("import %s: %d %q", f, code, errOut)
		}
	}
	_, out, _ = run(t, Env{}, "--db", db, "contacts", "--json")
	var after []contactJSON
	json.Unmarshal([]byte(out), &after)
	if len(after) != len(before) {
		t.Errorf("a refused file changed contacts: %d -> %d", len(before), len(after))
	}

	// vCard export re-imports to the same contacts.
	vcf := t.TempDir() + "/all.vcf"
	if code, _, errOut := run(t, Env{}, "--db", db, "export", "--contacts", "--output", vcf); code != 0 {
		t.Fatalf("export --contacts: %s", errOut)
	}
	db2 := tempDB(t)
	if code, _, errOut := run(t, Env{}, "--db", db2, "import", vcf); code != 0 {
		t.Fatalf("import export: %s", errOut)
	}
	_, out2, _ := run(t, Env{}, "--db", db2, "contacts", "--json")
	var round []contactJSON
	json.Unmarshal([]byte(out2), &round)
	if len(round) != len(after) {
		t.Fatalf("round trip: %d contacts, want %d", len(round), len(after))
	}
	for i := range round {
		a, b := after[i], round[i]
		a.ID, b.ID = 0, 0
		for k := range a.Sources {
			a.Sources[k].ID, a.Sources[k].Title = 0, ""
		}
		for k := range b.Sources {
			b.Sources[k].ID, b.Sources[k].Title = 0, ""
		}
		ja, _ := json.Marshal(a)
		jb, _ := json.Marshal(b)
		if string(ja) != string(jb) {
			t.Errorf("round trip differs:\n%s\n%s", ja, jb)
		}
	}
}
