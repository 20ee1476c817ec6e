package store

import (
	"bytes"
	"context"
	"crypto/sha256"
	"database/sql"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/knowflow/knowflow/model"
)

// fetchedAt is when the tests' fetches happened: Thursday 26 November
// 2026, 09:00 UTC, before the "now" of the tests that read by time.
var fetchedAt = time.Date(2026, 11, 26, 9, 0, 0, 0, time.UTC)

func openTemp(t *testing.T) (*Store, string) {
	t.Helper()
	path := filepath.Join(t.TempDir(), "knowflow.db")
	s, err := Open(path)
	if err != nil {
		t.Fatalf("Open: %v", err)
	}
	t.Cleanup(func() { s.Close() })
	return s, path
}

func fileSum(t *testing.T, path string) [32]byte {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return sha256.Sum256(b)
}

func TestOpenMigratesFromEmpty(t *testing.T) {
	s, path := openTemp(t)
	ctx := context.Background()
	v, err := s.Version(ctx)
	if err != nil || v != SchemaVersion() {
		t.Fatalf("version = %d, %v; want %d", v, err, SchemaVersion())
	}
	st, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	if st.Mode().Perm() != 0o600 {
		t.Errorf("file mode = %v, want 0600", st.Mode().Perm())
	}
	var mode string
	if err := s.db.QueryRow(`PRAGMA journal_mode`).Scan(&mode); err != nil || mode != "wal" {
		t.Errorf("journal_mode = %q, %v; want wal", mode, err)
	}
	var fk int
	if err := s.db.QueryRow(`PRAGMA foreign_keys`).Scan(&fk); err != nil || fk != 1 {
		t.Errorf("foreign_keys = %d, %v; want 1", fk, err)
	}
	var app int
	if err := s.db.QueryRow(`PRAGMA application_id`).Scan(&app); err != nil || app != ApplicationID {
		t.Errorf("application_id = %x, %v", app, err)
	}
	r, err := s.Check(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if !r.OK() || r.SchemaVersion != SchemaVersion() {
		t.Errorf("check = %+v", r)
	}
	for _, tbl := range CountedTables {
		if n, ok := r.Counts[tbl]; !ok || n != 0 {
			t.Errorf("count %s = %d, %v", tbl, n, ok)
		}
	}
}

func TestForeignKeysAndFTS(t *testing.T) {
	s, _ := openTemp(t)
	if _, err := s.db.Exec(`INSERT INTO items (source_id, dedupe_key, fetched_at) VALUES (999, 'x', 1)`); err == nil {
		t.Fatal("item with a missing source was accepted: foreign keys are off")
	}
	res, err := s.db.Exec(`INSERT INTO sources (feed_url, created_at) VALUES ('https://example.com/feed', 1)`)
	if err != nil {
		t.Fatal(err)
	}
	src, _ := res.LastInsertId()
	if _, err := s.SaveFetches(context.Background(), []FetchResult{{SourceID: src, CheckedAt: fetchedAt, Items: []model.Item{
		{DedupeKey: "a", Title: "Onboarding remote teams", Text: "How we welcomed new engineers"}}}}); err != nil {
		t.Fatal(err)
	}
	// Stemmed terms: "welcoming" finds "welcomed".
	count := func(q string) int {
		t.Helper()
		var n int
		if err := s.db.QueryRow(`SELECT count(*) FROM items_search WHERE items_search MATCH ?`, FTSQuery(q)).Scan(&n); err != nil {
			t.Fatal(err)
		}
		return n
	}
	if n := count("welcoming"); n != 1 {
		t.Fatalf("search welcoming = %d; want 1", n)
	}
	// An item updated in place is indexed again.
	if _, err := s.SaveFetches(context.Background(), []FetchResult{{SourceID: src, CheckedAt: fetchedAt, Items: []model.Item{
		{DedupeKey: "a", Hash: "changed", Title: "Onboarding remote teams", Text: "nothing here"}}}}); err != nil {
		t.Fatal(err)
	}
	if n := count("welcoming"); n != 0 {
		t.Fatalf("search welcoming after update = %d; want 0", n)
	}
	if n := count("nothing"); n != 1 {
		t.Fatalf("search nothing after update = %d; want 1", n)
	}
	if _, err := s.db.Exec(`DELETE FROM sources WHERE id = ?`, src); err != nil {
		t.Fatal(err)
	}
	var n int
	if err := s.db.QueryRow(`SELECT count(*) FROM items`).Scan(&n); err != nil || n != 0 {
		t.Fatalf("items after source delete = %d, %v; want 0 (cascade)", n, err)
	}
	if n := count("onboarding"); n != 0 {
		t.Fatalf("search after source delete = %d; want 0", n)
	}
	r, err := s.Check(context.Background())
	if err != nil || !r.OK() {
		t.Fatalf("check after writes: %+v %v", r, err)
	}
}

func TestReopenKeepsData(t *testing.T) {
	s, path := openTemp(t)
	if _, err := s.db.Exec(`INSERT INTO contacts (name, created_at) VALUES ('Ada', 1)`); err != nil {
		t.Fatal(err)
	}
	s.Close()
	s2, err := Open(path)
	if err != nil {
		t.Fatalf("reopen: %v", err)
	}
	defer s2.Close()
	m, err := s2.Summary(context.Background())
	if err != nil || m.Contacts != 1 {
		t.Fatalf("summary after reopen = %+v, %v", m, err)
	}
	v, _ := s2.Version(context.Background())
	if v != SchemaVersion() {
		t.Fatalf("version after reopen = %d", v)
	}
}

func TestRefusesNewerSchema(t *testing.T) {
	s, path := openTemp(t)
	if _, err := s.db.Exec(`UPDATE schema_version SET version = ?`, SchemaVersion()+1); err != nil {
		t.Fatal(err)
	}
	s.Close()
	before := fileSum(t, path)
	_, err := Open(path)
	if !errors.Is(err, ErrNewerSchema) {
		t.Fatalf("Open newer schema: err = %v, want ErrNewerSchema", err)
	}
	if !strings.Contains(err.Error(), "newer Knowflow") {
		t.Errorf("message not clear: %v", err)
	}
	if fileSum(t, path) != before {
		t.Error("refused file was modified")
	}
}

func TestRefusesCorruptFiles(t *testing.T) {
	dir := t.TempDir()
	// A valid database whose pages past the header are garbage.
	good := filepath.Join(dir, "good.db")
	s, err := Open(good)
	if err != nil {
		t.Fatal(err)
	}
	s.Close()
	raw, err := os.ReadFile(good)
	if err != nil {
		t.Fatal(err)
	}
	mangled := append([]byte(nil), raw[:100]...)
	mangled = append(mangled, bytes.Repeat([]byte{0xA5}, len(raw)-100)...)

	other := filepath.Join(dir, "other.db")
	db, err := sql.Open("sqlite", other)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := db.Exec(`CREATE TABLE notes (x)`); err != nil {
		t.Fatal(err)
	}
	db.Close()

	cases := map[string][]byte{
		"text.db":      []byte("these are not the bytes you are looking for\n"),
		"opml.db":      []byte(`<?xml version="1.0"?><opml version="2.0"></opml>`),
		"mangled.db":   mangled,
		"truncated.db": raw[:10],
	}
	for name, data := range cases {
		t.Run(name, func(t *testing.T) {
			path := filepath.Join(dir, name)
			if err := os.WriteFile(path, data, 0o644); err != nil {
				t.Fatal(err)
			}
			_, err := Open(path)
			if !errors.Is(err, ErrNotDatabase) {
				t.Fatalf("Open: err = %v, want ErrNotDatabase", err)
			}
			if !strings.Contains(err.Error(), "left untouched") {
				t.Errorf("message does not say the file is safe: %v", err)
			}
			got, _ := os.ReadFile(path)
			if !bytes.Equal(got, data) {
				t.Error("refused file was modified")
			}
			for _, suffix := range []string{"-wal", "-shm", "-journal"} {
				if _, err := os.Stat(path + suffix); err == nil {
					t.Errorf("left %s behind", suffix)
				}
			}
		})
	}
	t.Run("another application", func(t *testing.T) {
		before := fileSum(t, other)
		_, err := Open(other)
		if !errors.Is(err, ErrNotDatabase) || !strings.Contains(err.Error(), "another application") {
			t.Fatalf("Open other app db: %v", err)
		}
		if fileSum(t, other) != before {
			t.Error("other application's file was modified")
		}
	})
}

func TestEmptyFileBecomesDatabase(t *testing.T) {
	path := filepath.Join(t.TempDir(), "empty.db")
	if err := os.WriteFile(path, nil, 0o600); err != nil {
		t.Fatal(err)
	}
	s, err := Open(path)
	if err != nil {
		t.Fatalf("Open empty file: %v", err)
	}
	s.Close()
}

func TestDefaultPath(t *testing.T) {
	t.Setenv("KNOWFLOW_DB", "")
	t.Setenv("XDG_DATA_HOME", "/tmp/xdg-test")
	p, err := DefaultPath()
	if err != nil {
		t.Fatal(err)
	}
	if p != "/tmp/xdg-test/knowflow/knowflow.db" {
		t.Errorf("DefaultPath = %q", p)
	}
	t.Setenv("XDG_DATA_HOME", "")
	t.Setenv("HOME", "/home/ada")
	if p, _ := DefaultPath(); p != "/home/ada/.local/share/knowflow/knowflow.db" {
		t.Errorf("DefaultPath without XDG = %q", p)
	}
	t.Setenv("KNOWFLOW_DB", "/x/y.db")
	if p, _ := DefaultPath(); p != "/x/y.db" {
		t.Errorf("DefaultPath with KNOWFLOW_DB = %q", p)
	}
}
