package cli

import (
	"context"
	"encoding/json"
	"strings"
	"testing"
	"time"

	"github.com/knowflow/knowflow/model"
	"github.com/knowflow/knowflow/model/store"
)

// pruneDB makes a database with 6 items fetched on 1 May 2026, all read
// the day after but "unread-1", and "starred-1" starred.
func pruneDB(t *testing.T) string {
	t.Helper()
	db := tempDB(t)
	st, err := store.Open(db)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	ctx := context.Background()
	src, _, err := st.AddSource(ctx, model.Source{Title: "Blog", FeedURL: "https://blog.example/feed"})
	if err != nil {
		t.Fatal(err)
	}
	fetched := time.Date(2026, 5, 1, 9, 0, 0, 0, time.UTC)
	var items []model.Item
	for _, k := range []string{"read-1", "read-2", "read-3", "read-4", "unread-1", "starred-1"} {
		items = append(items, model.Item{DedupeKey: k, Title: "Post " + k, Link: "https://blog.example/" + k,
			Text: strings.Repeat("words of a post ", 100), Published: fetched})
	}
	if _, err := st.SaveFetches(ctx, []store.FetchResult{{SourceID: src.ID, CheckedAt: fetched, Items: items}}); err != nil {
		t.Fatal(err)
	}
	st.SetClock(func() time.Time { return fetched.Add(24 * time.Hour) })
	all, err := st.Items(ctx, store.ItemFilter{})
	if err != nil {
		t.Fatal(err)
	}
	for _, it := range all {
		if it.DedupeKey != "unread-1" {
			st.SetRead(ctx, it.ID, true)
		}
		if it.DedupeKey == "starred-1" {
			st.SetStarred(ctx, it.ID, true)
		}
	}
	return db
}

func TestPruneCommand(t *testing.T) {
	db := pruneDB(t)
	items := func() int {
		t.Helper()
		code, out, errOut := run(t, Env{}, "--db", db, "check", "--json")
		var rep store.Report
		if code != 0 || json.Unmarshal([]byte(out), &rep) != nil {
			t.Fatalf("check: %d %s %s", code, out, errOut)
		}
		return rep.Counts["items"]
	}

	// The preference keeps read items forever.
	code, out, errOut := run(t, Env{}, "--db", db, "prune")
	if code != 0 || !strings.Contains(out, "kept forever") {
		t.Errorf("prune by default: %d %q %q", code, out, errOut)
	}
	// Read on 2 May: not older than a year on 26 November.
	if code, out, _ := run(t, Env{}, "--db", db, "prune", "--older-than", "52w", "--dry-run"); code != 0 ||
		!strings.HasPrefix(out, "would prune 0 read items older than 2025-11-27") {
		t.Errorf("prune --older-than 52w --dry-run: %d %q", code, out)
	}
	code, out, _ = run(t, Env{}, "--db", db, "prune", "--older-than", "90d", "--dry-run")
	if code != 0 || !strings.HasPrefix(out, "would prune 4 read items older than 2026-08-28 (7 KB of text)") || items() != 6 {
		t.Errorf("prune --dry-run: %d %q, %d items", code, out, items())
	}
	code, out, _ = run(t, Env{}, "--db", db, "prune", "--older-than", "90d")
	if code != 0 || !strings.HasPrefix(out, "pruned 4 read items older than 2026-08-28") || !strings.Contains(out, "database: ") {
		t.Errorf("prune: %d %q", code, out)
	}
	if n := items(); n != 2 { // check passes too
		t.Errorf("%d items after pruning, want 2", n)
	}

	// By the preference, as JSON.
	if code, out, errOut := run(t, Env{}, "--db", db, "prefs", "--keep-read", "3m"); code != 0 || !strings.Contains(out, "keep read items    3 months") {
		t.Errorf("prefs --keep-read 3m: %d %q %q", code, out, errOut)
	}
	code, out, _ = run(t, Env{}, "--db", db, "prune", "--json")
	var res pruneJSON
	if code != 0 || json.Unmarshal([]byte(out), &res) != nil || res.Forever || res.Items != 0 ||
		!res.Cutoff.Equal(cliTestNow.AddDate(0, -3, 0)) || !res.Incremental || res.SizeAfter == 0 {
		t.Errorf("prune --json: %d %s", code, out)
	}

	for _, bad := range [][]string{{"prune", "--older-than", "soon"}, {"prune", "--older-than", "0"}, {"prune", "extra"},
		{"prefs", "--keep-read", "often"}, {"prefs", "--keep-read", "11y"}} {
		if code, _, _ := run(t, Env{}, append([]string{"--db", db}, bad...)...); code != 2 {
			t.Errorf("%v: exit %d, want 2", bad, code)
		}
	}
}

func TestCompactCommand(t *testing.T) {
	db := pruneDB(t)
	code, out, errOut := run(t, Env{}, "--db", db, "compact")
	if code != 0 || !strings.HasPrefix(out, "compacted: ") {
		t.Fatalf("compact: %d %q %q", code, out, errOut)
	}
	code, out, _ = run(t, Env{}, "--db", db, "compact", "--json")
	var sizes struct{ Before, After store.Space }
	if code != 0 || json.Unmarshal([]byte(out), &sizes) != nil || !sizes.After.Incremental || sizes.After.Free != 0 {
		t.Errorf("compact --json: %d %s", code, out)
	}
	if code, _, _ := run(t, Env{}, "--db", db, "check"); code != 0 {
		t.Errorf("check after compact: exit %d", code)
	}
}
