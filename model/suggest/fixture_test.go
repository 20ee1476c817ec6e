// This file is in package suggest_test, not suggest: model/people imports
// model/store, which imports model/suggest, so an in-package test cannot
// import model/people. Tests using the fixture live in suggest_test too and
// call the engine through its exported API (suggest.Suggest).
package suggest_test

import (
	"bufio"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/knowflow/knowflow/feeds/corpus"
	"github.com/knowflow/knowflow/feeds/parse"
	"github.com/knowflow/knowflow/model"
	"github.com/knowflow/knowflow/model/people"
)

// The sharing-quality fixture (testdata/share, see its README.md): a
// learning network of contacts and, for items of the shared real-world
// corpus, the recipients a person would pick, written before the engine
// was tuned.
const (
	fixtureDir = "../../testdata/share"
	// fixtureFeedBase + a corpus file name is the URL the fixture's corpus
	// feeds are parsed from, and the X-KNOWFLOW-FEED URL of the contact
	// who writes that feed.
	fixtureFeedBase = "https://feeds.example/"
)

// fixtureRow is one item of expected.tsv.
type fixtureRow struct {
	File      string // corpus file under feeds/realworld, e.g. "guardian.rss"
	DedupeKey string // parse.Item.DedupeKey
	Title     string // for humans only
	// Expected are contact names (FN) and "community:NAME" entries; empty
	// when nobody should get the item ("-" in the file).
	Expected []string
}

// loadFixture reads testdata/share: the contacts of contacts.vcf (in file
// order, given IDs 1, 2, ... in that order), which corpus file each
// author writes (corpus file → contact name, from their X-KNOWFLOW-FEED
// URLs fixtureFeedBase+FILE), and the rows of expected.tsv.
func loadFixture(t testing.TB) (contacts []model.Contact, feedsOf map[string]string, rows []fixtureRow) {
	t.Helper()
	f, err := os.Open(filepath.Join(fixtureDir, "contacts.vcf"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	imported, err := people.ParseVCard(f)
	if err != nil {
		t.Fatalf("contacts.vcf: %v", err)
	}
	feedsOf = map[string]string{}
	for i, im := range imported {
		c := im.Contact
		c.ID = int64(i + 1)
		contacts = append(contacts, c)
		for _, u := range im.Feeds {
			file, ok := strings.CutPrefix(u, fixtureFeedBase)
			if !ok || file == "" || strings.Contains(file, "/") {
				t.Fatalf("contacts.vcf: %s: feed %q is not %sFILE", c.Name, u, fixtureFeedBase)
			}
			if other, dup := feedsOf[file]; dup {
				t.Fatalf("contacts.vcf: %s is written by both %s and %s", file, other, c.Name)
			}
			feedsOf[file] = c.Name
		}
	}

	tf, err := os.Open(filepath.Join(fixtureDir, "expected.tsv"))
	if err != nil {
		t.Fatal(err)
	}
	defer tf.Close()
	sc := bufio.NewScanner(tf)
	sc.Buffer(make([]byte, 0, 64*1024), 1024*1024)
	for line := 1; sc.Scan(); line++ {
		s := sc.Text()
		if strings.TrimSpace(s) == "" || strings.HasPrefix(s, "#") {
			continue
		}
		fields := strings.Split(s, "\t")
		if len(fields) != 4 {
			t.Fatalf("expected.tsv:%d: %d fields, want 4 (file, dedupe_key, title, expected)", line, len(fields))
		}
		r := fixtureRow{File: fields[0], DedupeKey: fields[1], Title: fields[2]}
		if r.File == "" || r.DedupeKey == "" {
			t.Fatalf("expected.tsv:%d: empty file or dedupe_key", line)
		}
		if exp := strings.TrimSpace(fields[3]); exp != "-" {
			for _, name := range strings.Split(exp, ";") {
				name = strings.TrimSpace(name)
				if name == "" || name == "-" {
					t.Fatalf("expected.tsv:%d: bad expected list %q", line, exp)
				}
				r.Expected = append(r.Expected, name)
			}
		}
		rows = append(rows, r)
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	return contacts, feedsOf, rows
}

// parseFixtureFeed parses one corpus file (under dir, as returned by
// corpus.Dir(t, "feeds", "realworld")) the way the fixture was made.
func parseFixtureFeed(t testing.TB, dir, file string) *parse.Feed {
	t.Helper()
	body, err := os.ReadFile(filepath.Join(dir, file))
	if err != nil {
		t.Fatal(err)
	}
	feed, err := parse.Parse(body, "", fixtureFeedBase+file)
	if err != nil {
		t.Fatalf("%s: %v", file, err)
	}
	return feed
}

// TestFixtureIsValid checks the fixture itself: enough contacts and rows,
// enough rows where nobody should get the item, recipients that exist,
// authors never expected for their own feed, and (when the corpus is
// present) every row naming a real item.
func TestFixtureIsValid(t *testing.T) {
	contacts, feedsOf, rows := loadFixture(t)
	if len(contacts) < 30 {
		t.Errorf("%d contacts, want at least 30", len(contacts))
	}
	names := map[string]bool{}
	communities := map[string]bool{}
	for _, c := range contacts {
		if names[c.Name] {
			t.Errorf("two contacts named %q", c.Name)
		}
		names[c.Name] = true
		for _, k := range c.Communities {
			communities[k] = true
		}
	}
	for file, author := range feedsOf {
		if !names[author] {
			t.Errorf("feed %s: author %q is not a contact", file, author)
		}
	}

	nobody := 0
	seen := map[[2]string]bool{}
	for _, r := range rows {
		id := [2]string{r.File, r.DedupeKey}
		if seen[id] {
			t.Errorf("%s %s: listed twice", r.File, r.DedupeKey)
		}
		seen[id] = true
		if len(r.Expected) == 0 {
			nobody++
		}
		dup := map[string]bool{}
		for _, e := range r.Expected {
			if dup[e] {
				t.Errorf("%s %q: %q listed twice", r.File, r.Title, e)
			}
			dup[e] = true
			if k, ok := strings.CutPrefix(e, "community:"); ok {
				if !communities[k] {
					t.Errorf("%s %q: no contact is in community %q", r.File, r.Title, k)
				}
				continue
			}
			if !names[e] {
				t.Errorf("%s %q: %q is not a contact's FN", r.File, r.Title, e)
			}
			if feedsOf[r.File] == e {
				t.Errorf("%s %q: %q is the feed's author", r.File, r.Title, e)
			}
		}
	}
	if len(rows) < 100 {
		t.Errorf("%d rows, want at least 100", len(rows))
	}
	if 4*nobody < len(rows) {
		t.Errorf("%d of %d rows expect nobody, want at least 25%%", nobody, len(rows))
	}
	t.Logf("fixture: %d contacts, %d authors, %d rows, %d expect nobody", len(contacts), len(feedsOf), len(rows), nobody)

	dir := corpus.Dir(t, "feeds", "realworld")
	items := map[string]map[string]string{} // file → dedupe key → title
	for _, r := range rows {
		if items[r.File] == nil {
			byKey := map[string]string{}
			for _, it := range parseFixtureFeed(t, dir, r.File).Items {
				byKey[it.DedupeKey] = it.Title
			}
			items[r.File] = byKey
		}
		title, ok := items[r.File][r.DedupeKey]
		if !ok {
			t.Errorf("%s: no item with dedupe key %q (%q)", r.File, r.DedupeKey, r.Title)
			continue
		}
		if got := strings.Join(strings.Fields(title), " "); got != r.Title {
			t.Logf("%s %s: title is now %q, fixture says %q", r.File, r.DedupeKey, got, r.Title)
		}
	}
	for file := range feedsOf {
		if items[file] == nil {
			t.Errorf("author feed %s has no rows in expected.tsv", file)
		}
	}
}
