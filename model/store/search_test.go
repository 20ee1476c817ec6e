package store

import (
	"context"
	"database/sql"
	"fmt"
	"path/filepath"
	"strings"
	"testing"

	"github.com/knowflow/knowflow/model"
)

// oldSchemaDB makes a database as a Knowflow at schema version wrote it,
// with one source (ID 1), and returns its path, open with plain SQL.
func oldSchemaDB(t *testing.T, version int) (string, *sql.DB) {
	t.Helper()
	path := filepath.Join(t.TempDir(), fmt.Sprintf("v%d.db", version))
	db, err := sql.Open("sqlite", dsn(path, false))
	if err != nil {
		t.Fatal(err)
	}
	qs := append([]string{`CREATE TABLE schema_version (version INTEGER NOT NULL)`}, migrations[:version]...)
	for _, q := range append(qs,
		fmt.Sprintf(`INSERT INTO schema_version (version) VALUES (%d)`, version),
		fmt.Sprintf(`PRAGMA application_id = %d`, ApplicationID),
		`INSERT INTO sources (id, feed_url, created_at) VALUES (1, 'https://example.com/feed', 1)`,
	) {
		if _, err := db.Exec(q); err != nil {
			t.Fatalf("%.40s: %v", q, err)
		}
	}
	return path, db
}

// A database written by a Knowflow with schema 1 (SQLite's porter index)
// opens at the current version with every item searchable through the new
// index, the old index gone, and its shares kept through migration 3.
func TestMigrationIndexesExistingItems(t *testing.T) {
	path, db := oldSchemaDB(t, 1)
	// More items than one chunk of indexSearch, as schema 1 stored them.
	const n = 1234
	for i := 1; i <= n; i++ {
		title, text := fmt.Sprintf("Post %d", i), "plain words"
		if i == 777 {
			title, text = "Remote onboarding", "How we welcomed engineers"
		}
		if _, err := db.Exec(`INSERT INTO items (id, source_id, dedupe_key, title, content_text, author, fetched_at)
			VALUES (?, 1, ?, ?, ?, 'Zoë', 1)`, i, fmt.Sprint(i), title, text); err != nil {
			t.Fatal(err)
		}
		if _, err := db.Exec(`INSERT INTO items_fts (rowid, title, content_text, author, categories) VALUES (?, ?, ?, 'Zoë', '')`,
			i, title, text); err != nil {
			t.Fatal(err)
		}
	}
	// And a share, as schema 1 stored it (migration 3 keeps its title).
	for _, q := range []string{
		`INSERT INTO contacts (id, name, created_at) VALUES (1, 'Ana', 1)`,
		`INSERT INTO shares (item_id, contact_id, channel, shared_at) VALUES (777, 1, 'email', 100)`,
	} {
		if _, err := db.Exec(q); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
	}
	db.Close()

	s, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	ctx := context.Background()
	for q, want := range map[string]int{"welcoming": 1, "plain": n - 1, "zoe": n, "nowhere": 0} {
		var got int
		err := s.db.QueryRow(`SELECT count(*) FROM items_search WHERE items_search MATCH ?`, FTSQuery(q)).Scan(&got)
		if err != nil || got != want {
			t.Errorf("search %q after migration = %d, %v; want %d", q, got, err, want)
		}
	}
	var old int
	if err := s.db.QueryRow(`SELECT count(*) FROM sqlite_schema WHERE name LIKE 'items_fts%'`).Scan(&old); err != nil || old != 0 {
		t.Errorf("schema 1's index left behind: %d objects, %v", old, err)
	}
	if r, err := s.Check(ctx); err != nil || !r.OK() || r.SchemaVersion != SchemaVersion() {
		t.Errorf("check after migration = %+v, %v", r, err)
	}
	// The share survives its source's removal.
	if _, err := s.RemoveSource(ctx, 1); err != nil {
		t.Fatal(err)
	}
	h, err := s.History(ctx, HistoryFilter{})
	if err != nil || len(h) != 1 || h[0].ItemTitle != "Remote onboarding" || h[0].ContactName != "Ana" {
		t.Errorf("history after migration and removal: %+v %v", h, err)
	}
}

// A database of schema 4, whose index has no prefix tables, opens with
// every item in the rebuilt index: found by whole words, phrases, authors
// and prefixes of one to three letters and more, within its source, and
// gone from it when the item is deleted.
func TestMigrationAddsPrefixTables(t *testing.T) {
	path, db := oldSchemaDB(t, 4)
	// More items than one chunk of indexSearch, indexed as schema 4 did.
	const n = 1234
	for i := 1; i <= n; i++ {
		it := model.Item{Title: fmt.Sprintf("Post %d", i), Text: "plain words", Author: "Zoë"}
		if i == 777 {
			it.Title, it.Text, it.Categories = "Remote onboarding", "How we welcomed engineers", []string{"Community of practice"}
		}
		if _, err := db.Exec(`INSERT INTO items (id, source_id, dedupe_key, title, content_text, author, categories, published_at, fetched_at)
			VALUES (?, 1, ?, ?, ?, ?, ?, ?, 1)`, i, fmt.Sprint(i), it.Title, it.Text, it.Author, lines(it.Categories), 1000+i); err != nil {
			t.Fatal(err)
		}
		d := searchDocs([]model.Item{it})[0]
		if _, err := db.Exec(`INSERT INTO items_search (rowid, title, body, author, categories) VALUES (?, ?, ?, ?, ?)`,
			i, d.title, d.body, d.author, d.categories); err != nil {
			t.Fatal(err)
		}
	}
	db.Close()

	s, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	ctx := context.Background()
	var schema string
	if err := s.db.QueryRow(`SELECT sql FROM sqlite_schema WHERE name = 'items_search'`).Scan(&schema); err != nil ||
		!strings.Contains(schema, "prefix='1 2 3'") {
		t.Fatalf("items_search after migration: %s %v", schema, err)
	}
	count := func(q string) int {
		t.Helper()
		n, err := s.CountItems(ctx, ItemFilter{Query: q})
		if err != nil {
			t.Fatalf("search %q: %v", q, err)
		}
		return n
	}
	for q, want := range map[string]int{
		"w": MaxSearchResults, "wo": MaxSearchResults, "wor": MaxSearchResults, "word": MaxSearchResults, // capped
		"welcoming": 1, "welc": 1, "we": 1, "onboarding": 1, "remote onb": 1, "remote onboarding ": 1,
		`"community of practice"`: 1, "zoe": MaxSearchResults, "z": MaxSearchResults, "post 77": 10, "post 778": 1, // 777 is titled otherwise
		"r": 1, "plain remote": 0, "nowhere": 0,
	} {
		if got := count(q); got != want {
			t.Errorf("search %q after migration = %d, want %d", q, got, want)
		}
	}
	if items, err := s.Items(ctx, ItemFilter{Query: "welc"}); err != nil || len(items) != 1 || items[0].ID != 777 {
		t.Errorf("search welc = %+v, %v", items, err)
	}
	if items, err := s.Items(ctx, ItemFilter{Query: "w", Limit: 5}); err != nil || len(items) != 5 || items[0].ID != n {
		t.Errorf("search w = %v, %v", ids(items), err)
	}
	// Each item is in the index with its source.
	if n, err := s.CountItems(ctx, ItemFilter{Query: "welc", SourceID: 1}); err != nil || n != 1 {
		t.Errorf("search welc within source 1 = %d, %v", n, err)
	}
	// The delete trigger is back: a removed source's items leave the index.
	if _, err := s.RemoveSource(ctx, 1); err != nil {
		t.Fatal(err)
	}
	var left int
	if err := s.db.QueryRow(`SELECT count(*) FROM items_search WHERE items_search MATCH 'p*'`).Scan(&left); err != nil || left != 0 {
		t.Errorf("%d items left in the index after removing their source, %v", left, err)
	}
	if r, err := s.Check(ctx); err != nil || !r.OK() || r.SchemaVersion != SchemaVersion() {
		t.Errorf("check after migration = %+v, %v", r, err)
	}
}

// ids are the items' IDs, in order.
func ids(items []model.Item) []int64 {
	var out []int64
	for _, it := range items {
		out = append(out, it.ID)
	}
	return out
}

func TestFTSQuery(t *testing.T) {
	if q := parseQuery(`a "time zones" "one" "to be or not" b`); fmt.Sprint(q.phrases) != "[[time zone] [to be or not]]" {
		t.Errorf("phrases = %q", q.phrases)
	}
	for in, want := range map[string]string{
		"Sharing":              `"share"*`,
		"Sharing ":             `"share"`,
		"remote engineers":     `"remot" "engin"*`,
		"remote  engineers\t":  `"remot" "engin"`,
		`"time zones" team`:    `"time" "zone" "team"*`, // the phrase's order is checked apart
		`team "time zones"`:    `"team" "time" "zone"`,
		"e-mail":               `"e" "mail"*`,
		`AND OR NOT ( * "`:     `"and" "or" "not"`,
		`AND OR NOT ( *`:       `"and" "or" "not"`,
		"c":                    `"c"*`,
		"Café":                 `"cafe"*`,
		"":                     `""`,
		" ":                    `""`,
		`"unterminated phrase`: `"untermin" "phrase"`,
	} {
		if got := FTSQuery(in); got != want {
			t.Errorf("FTSQuery(%q) = %s, want %s", in, got, want)
		}
	}
}

// A prefix longer than the prefix tables is matched as the terms it
// starts, or, when more than maxPrefixTerms do, as FTS5's prefix query:
// either way it finds every item holding one of them.
func TestSearchLongPrefixes(t *testing.T) {
	s, _ := openTemp(t)
	ctx := context.Background()
	a, _ := seedSources(t, s)
	var its []model.Item
	for i := 0; i < maxPrefixTerms+6; i++ { // zeta0 … zeta69: more terms than maxPrefixTerms
		its = append(its, item(fmt.Sprintf("guid:%d", i), fmt.Sprintf("zeta%d", i), "onboarding"))
	}
	its = append(its, item("guid:o", "Onboard", "onboarded onboards"), item("guid:x", "Other", "offboarding"))
	if _, err := s.SaveFetches(ctx, []FetchResult{{SourceID: a.ID, CheckedAt: fetchedAt, Items: its}}); err != nil {
		t.Fatal(err)
	}
	if terms, err := prefixTerms(ctx, s.db, "onboa"); err != nil || fmt.Sprint(terms) != "[onboard]" {
		t.Errorf("terms of onboa: %v, %v", terms, err)
	}
	if terms, err := prefixTerms(ctx, s.db, "zeta"); err != nil || terms != nil {
		t.Errorf("terms of zeta: %d, %v; want none (too many)", len(terms), err)
	}
	if terms, err := prefixTerms(ctx, s.db, "zzzz"); err != nil || terms == nil || len(terms) != 0 {
		t.Errorf("terms of zzzz: %v, %v; want an empty list", terms, err)
	}
	for q, want := range map[string]int{
		"onboa": maxPrefixTerms + 7, "onboard": maxPrefixTerms + 7, "onboarding": maxPrefixTerms + 7, "onboarding ": maxPrefixTerms + 7,
		"zeta": maxPrefixTerms + 6, "zeta6": 11, "zeta 1": 0, "onbo zeta1": 0, "onboard zeta1": 11, // a word before the last is whole "zzzz": 0, "onboarding zzzz": 0,
		"offb": 1, `"onboard" onbo`: maxPrefixTerms + 7,
	} {
		if n, err := s.CountItems(ctx, ItemFilter{Query: q}); err != nil || n != want {
			t.Errorf("search %q: %d, %v; want %d", q, n, err, want)
		}
	}
}
