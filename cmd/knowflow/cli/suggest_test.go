package cli

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/knowflow/knowflow/model"
	"github.com/knowflow/knowflow/model/store"
)

// suggestDB makes a database with three recent items and people who care
// about some of them; at is a Thursday noon in Lisbon.
func suggestDB(t *testing.T) (db string, at time.Time) {
	t.Helper()
	db = tempDB(t)
	st, err := store.Open(db)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	ctx := context.Background()
	at = time.Date(2026, 11, 26, 12, 0, 0, 0, time.UTC)
	src, _, err := st.AddSource(ctx, model.Source{Title: "Team notes", FeedURL: "https://notes.example/feed"})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := st.SaveFetches(ctx, []store.FetchResult{{SourceID: src.ID, CheckedAt: at, Items: []model.Item{
		{DedupeKey: "1", Title: "Remote onboarding that works", Link: "https://notes.example/1", Text: "A remote onboarding plan: a buddy and a first pull request.", Published: at.Add(-2 * time.Hour)},
		{DedupeKey: "2", Title: "SQLite in production", Link: "https://notes.example/2", Text: "WAL mode and full-text search in SQLite.", Published: at.Add(-time.Hour)},
		{DedupeKey: "3", Title: "Derby day drama", Link: "https://notes.example/3", Text: "A late goal wins the derby.", Published: at.Add(-3 * time.Hour)},
		{DedupeKey: "4", Title: "Old onboarding notes", Link: "https://notes.example/4", Text: "remote onboarding", Published: at.Add(-40 * 24 * time.Hour)},
	}}}); err != nil {
		t.Fatal(err)
	}
	for _, c := range []model.Contact{
		{Name: "Ana Lima", Circles: []model.Circle{model.CircleTeam}, TimeZone: "Europe/Lisbon", Interests: []string{"remote onboarding"}},
		{Name: "Lea Roth", Circles: []model.Circle{model.CircleCommunity}, Communities: []string{"Local-first"}, Interests: []string{"sqlite"}},
		{Name: "Tom Hill", Circles: []model.Circle{model.CircleCommunity}, Communities: []string{"Local-first"}, Interests: []string{"sqlite", "full-text search"}},
	} {
		if _, err := st.SaveContact(ctx, c); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := st.SaveCommunity(ctx, model.Community{Name: "Local-first", Description: "People building local-first apps", DigestDay: time.Friday, DigestTime: "10:00"}); err != nil {
		t.Fatal(err)
	}
	// The user's zone is UTC, not the machine's: digests and quiet hours
	// are in the user's time.
	p := model.DefaultPrefs()
	p.TimeZone = "UTC"
	if err := st.SavePrefs(ctx, p); err != nil {
		t.Fatal(err)
	}
	return db, at
}

func TestSuggestCommand(t *testing.T) {
	db, at := suggestDB(t)
	code, out, errOut := run(t, Env{}, "--db", db, "suggest", "--json", "--at", at.Format(time.RFC3339))
	if code != 0 {
		t.Fatalf("suggest: %d %s", code, errOut)
	}
	var got []map[string]any
	if err := json.Unmarshal([]byte(out), &got); err != nil {
		t.Fatalf("suggest --json: %v\n%s", err, out)
	}
	if len(got) < 2 {
		t.Fatalf("want suggestions for Ana and the Local-first digest, got %s", out)
	}
	for _, k := range []string{"item_id", "item_title", "item_url", "contact_id", "contact_name", "community", "circle", "score", "when", "why"} {
		if _, ok := got[0][k]; !ok {
			t.Errorf("JSON lacks %q: %v", k, got[0])
		}
	}
	first := got[0]
	if first["contact_name"] != "Ana Lima" || first["item_title"] != "Remote onboarding that works" || first["when"] != "2026-11-26T12:00:00Z" {
		t.Errorf("first suggestion = %v, want the onboarding item for Ana now", first)
	}
	if m, _ := first["matched"].([]any); len(m) == 0 || first["through"] != nil {
		t.Errorf("first suggestion's matched %v, through %v: want its interest, no bridge", first["matched"], first["through"])
	}
	var digest map[string]any
	for _, s := range got {
		if s["item_title"] == "Derby day drama" || s["item_title"] == "Old onboarding notes" {
			t.Errorf("suggested %v", s)
		}
		if s["community"] == "Local-first" {
			digest = s
		}
		if s["contact_name"] == "Lea Roth" || s["contact_name"] == "Tom Hill" {
			t.Errorf("a community member got an individual suggestion: %v", s)
		}
	}
	if digest == nil || digest["when"] != "2026-11-27T10:00:00Z" || digest["circle"] != "community" {
		t.Errorf("digest suggestion = %v, want Friday 10:00 UTC", digest)
	}
	// Sorted by when.
	for i := 1; i < len(got); i++ {
		if got[i]["when"].(string) < got[i-1]["when"].(string) {
			t.Errorf("not sorted by when: %v before %v", got[i-1]["when"], got[i]["when"])
		}
	}
	// --limit, and the text form names the why.
	code, out, _ = run(t, Env{}, "--db", db, "suggest", "--limit", "1", "--at", at.Format(time.RFC3339))
	if code != 0 || !strings.Contains(out, "Ana Lima") || !strings.Contains(out, "why: matches 'remote onboarding'") || strings.Contains(out, "Local-first") {
		t.Errorf("suggest --limit 1: %d\n%s", code, out)
	}
	// After sharing, the same item is never suggested to Ana again.
	if code, _, errOut := run(t, Env{}, "--db", db, "share", "1", "Ana Lima", "--at", at.Format(time.RFC3339)); code != 0 {
		t.Fatalf("share: %s", errOut)
	}
	_, out, _ = run(t, Env{}, "--db", db, "suggest", "--json", "--at", at.Add(time.Hour).Format(time.RFC3339))
	if strings.Contains(out, `"item_title": "Remote onboarding that works",
    "item_url": "https://notes.example/1",
    "contact_id": 1`) {
		t.Errorf("shared item suggested again:\n%s", out)
	}
	for _, bad := range [][]string{{"suggest", "--at", "tomorrow"}, {"suggest", "--limit", "-1"}, {"suggest", "extra"}} {
		if code, _, _ := run(t, Env{}, append([]string{"--db", db}, bad...)...); code != 2 {
			t.Errorf("%v: exit %d, want 2", bad, code)
		}
	}
}

func TestDigestCommand(t *testing.T) {
	db, at := suggestDB(t)
	if code, _, errOut := run(t, Env{}, "--db", db, "note", "2", "The WAL section answers our locking question."); code != 0 {
		t.Fatal(errOut)
	}
	code, out, errOut := run(t, Env{}, "--db", db, "digest", "--community", "local-first", "--at", at.Format(time.RFC3339))
	if code != 0 {
		t.Fatalf("digest: %d %s", code, errOut)
	}
	for _, want := range []string{"# Local-first digest", "People building local-first apps", "## [SQLite in production](https://notes.example/2)", "The WAL section answers our locking question."} {
		if !strings.Contains(out, want) {
			t.Errorf("digest lacks %q:\n%s", want, out)
		}
	}
	if strings.Contains(out, "Derby") {
		t.Errorf("digest has an item nobody in the community cares about:\n%s", out)
	}
	file := filepath.Join(t.TempDir(), "d.md")
	code, out, _ = run(t, Env{}, "--db", db, "digest", "--community", "Local-first", "--output", file, "--at", at.Format(time.RFC3339))
	b, _ := os.ReadFile(file)
	if code != 0 || !strings.Contains(out, "wrote the Local-first digest") || !strings.Contains(string(b), "SQLite in production") {
		t.Errorf("digest --output: %d %q\n%s", code, out, b)
	}
	if code, _, errOut := run(t, Env{}, "--db", db, "digest", "--community", "Nope"); code != 1 || !strings.Contains(errOut, "Local-first") {
		t.Errorf("unknown community: %d %q", code, errOut)
	}
	if code, _, _ := run(t, Env{}, "--db", db, "digest"); code != 2 {
		t.Errorf("digest without --community: exit %d, want 2", code)
	}
}
