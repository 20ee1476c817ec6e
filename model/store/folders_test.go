package store

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/knowflow/knowflow/model"
)

// folderTestStore holds Work (A), Work/Team (B), Work/Team/Deep (C),
// Team (D) at the top, and E outside any folder; A, B and C have items.
func folderTestStore(t *testing.T) (*Store, map[string]int64, map[string]int64) {
	t.Helper()
	s, _ := openTemp(t)
	ctx := context.Background()
	if _, err := s.ImportSources(ctx, []model.Source{
		{Title: "A", FeedURL: "https://a.example/feed", Folder: []string{"Work"}},
		{Title: "B", FeedURL: "https://b.example/feed", Folder: []string{"Work", "Team"}},
		{Title: "C", FeedURL: "https://c.example/feed", Folder: []string{"Work", "Team", "Deep"}},
		{Title: "D", FeedURL: "https://d.example/feed", Folder: []string{"Team"}},
		{Title: "E", FeedURL: "https://e.example/feed"},
	}); err != nil {
		t.Fatal(err)
	}
	srcs, _ := s.Sources(ctx)
	ids := map[string]int64{}
	for _, src := range srcs {
		ids[src.Title] = src.ID
	}
	now := time.Date(2026, 11, 26, 12, 0, 0, 0, time.UTC)
	var res []FetchResult
	for _, k := range []string{"A", "B", "C"} {
		res = append(res, FetchResult{SourceID: ids[k], CheckedAt: now, Items: []model.Item{item("guid:"+k, "item of "+k, "text")}})
	}
	if _, err := s.SaveFetches(ctx, res); err != nil {
		t.Fatal(err)
	}
	return s, ids, folderIDs(t, s)
}

// folderIDs maps each folder's path to its ID.
func folderIDs(t *testing.T, s *Store) map[string]int64 {
	t.Helper()
	paths, err := s.folderPaths(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]int64{}
	for id, p := range paths {
		out[model.Source{Folder: p}.FolderPath()] = id
	}
	return out
}

func pathsBySource(t *testing.T, s *Store) map[string]string {
	t.Helper()
	srcs, err := s.Sources(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]string{}
	for _, src := range srcs {
		out[src.Title] = src.FolderPath()
	}
	return out
}

func TestRenameFolder(t *testing.T) {
	s, _, f := folderTestStore(t)
	ctx := context.Background()
	if err := s.RenameFolder(ctx, f["Work/Team"], "  Crew "); err != nil {
		t.Fatal(err)
	}
	if got := pathsBySource(t, s); got["B"] != "Work/Crew" || got["C"] != "Work/Crew/Deep" {
		t.Errorf("after rename: %v", got)
	}
	for _, name := range []string{"", "  ", "A/B", "work", "Work"} {
		err := s.RenameFolder(ctx, f["Team"], name)
		if !errors.Is(err, ErrFolderName) {
			t.Errorf("rename to %q: %v", name, err)
		}
	}
	if err := s.RenameFolder(ctx, 999, "X"); !errors.Is(err, ErrNotFound) {
		t.Errorf("missing folder: %v", err)
	}
}

// Deleting a folder moves what it holds up a level, merging a subfolder
// into its namesake there; or unsubscribes from everything inside.
func TestDeleteFolder(t *testing.T) {
	s, ids, f := folderTestStore(t)
	ctx := context.Background()
	c, err := s.FolderContents(ctx, f["Work"])
	if err != nil || c != (FolderContents{Folders: 2, Sources: 3, Items: 3}) {
		t.Fatalf("contents of Work: %+v, %v", c, err)
	}
	got, err := s.DeleteFolder(ctx, f["Work"], false)
	if err != nil {
		t.Fatal(err)
	}
	// A goes to the top; Work/Team merges into the top's Team (D's).
	if want := (FolderContents{Sources: 2, Folders: 2}); got != want {
		t.Errorf("moved %+v, want %+v", got, want)
	}
	want := map[string]string{"A": "", "B": "Team", "C": "Team/Deep", "D": "Team", "E": ""}
	for k, v := range pathsBySource(t, s) {
		if want[k] != v {
			t.Errorf("%s in %q, want %q", k, v, want[k])
		}
	}
	if n, _ := s.CountItems(ctx, ItemFilter{}); n != 3 {
		t.Errorf("%d items left, want 3: moving keeps them", n)
	}

	f = folderIDs(t, s)
	got, err = s.DeleteFolder(ctx, f["Team"], true)
	if err != nil {
		t.Fatal(err)
	}
	if want := (FolderContents{Folders: 1, Sources: 3, Items: 2}); got != want {
		t.Errorf("unsubscribed %+v, want %+v", got, want)
	}
	left := pathsBySource(t, s)
	if len(left) != 2 || left["A"] != "" || left["E"] != "" {
		t.Errorf("left %v", left)
	}
	if _, err := s.Source(ctx, ids["C"]); !errors.Is(err, ErrNotFound) {
		t.Errorf("C survived: %v", err)
	}
	if fs, _ := s.Folders(ctx); len(fs) != 0 {
		t.Errorf("folders left: %+v", fs)
	}
	if _, err := s.DeleteFolder(ctx, 999, false); !errors.Is(err, ErrNotFound) {
		t.Errorf("missing folder: %v", err)
	}
	if r, err := s.Check(ctx); err != nil || !r.OK() {
		t.Errorf("check: %+v, %v", r, err)
	}
}

// Several sources go in one transaction, or none does.
func TestRemoveSources(t *testing.T) {
	s, ids, _ := folderTestStore(t)
	ctx := context.Background()
	if _, err := s.RemoveSources(ctx, []int64{ids["A"], 999}); !errors.Is(err, ErrNotFound) {
		t.Fatalf("with a missing one: %v", err)
	}
	if _, err := s.Source(ctx, ids["A"]); err != nil {
		t.Fatalf("A went although the batch failed: %v", err)
	}
	n, err := s.RemoveSources(ctx, []int64{ids["A"], ids["B"], ids["E"]})
	if err != nil || n != 2 {
		t.Fatalf("removed %d items, %v", n, err)
	}
	if srcs, _ := s.Sources(ctx); len(srcs) != 2 {
		t.Errorf("%d sources left", len(srcs))
	}
}
