package store

import (
	"context"
	"testing"

	"github.com/knowflow/knowflow/model"
)

// ExcludeSources leaves a source's items out of listings, counts,
// searches (words, prefixes, phrases, within a folder) and MarkAllRead,
// as if it were gone, while they stay stored as they were.
func TestExcludeSources(t *testing.T) {
	s, _ := openTemp(t)
	ctx := context.Background()
	a, b := seedSources(t, s) // A in Work/Team, B in Work
	if _, err := s.SaveFetches(ctx, []FetchResult{
		{SourceID: a.ID, CheckedAt: fetchedAt, Items: []model.Item{item("guid:a1", "Remote onboarding", "welcoming engineers"), item("guid:a2", "Plain", "words")}},
		{SourceID: b.ID, CheckedAt: fetchedAt, Items: []model.Item{item("guid:b1", "Onboarding elsewhere", "welcoming engineers"), item("guid:b2", "Two", "y")}},
	}); err != nil {
		t.Fatal(err)
	}
	var work int64
	fs, _ := s.Folders(ctx)
	for _, f := range fs {
		if f.Name == "Work" {
			work = f.ID
		}
	}
	noA := []int64{a.ID}
	for _, c := range []struct {
		f    ItemFilter
		want int
	}{
		{ItemFilter{}, 4},
		{ItemFilter{ExcludeSources: noA}, 2},
		{ItemFilter{ExcludeSources: noA, Unread: true}, 2},
		{ItemFilter{ExcludeSources: noA, FolderID: work}, 2},
		{ItemFilter{ExcludeSources: noA, SourceID: a.ID}, 0},
		{ItemFilter{ExcludeSources: []int64{a.ID, b.ID}}, 0},
		{ItemFilter{Query: "onboarding"}, 2},
		{ItemFilter{Query: "onboarding", ExcludeSources: noA}, 1},
		{ItemFilter{Query: "onb", ExcludeSources: noA}, 1},
		{ItemFilter{Query: "onboarding", ExcludeSources: noA, Unread: true}, 1},
		{ItemFilter{Query: "onboarding", ExcludeSources: noA, FolderID: work}, 1},
		{ItemFilter{Query: `"welcoming engineers"`, ExcludeSources: noA}, 1},
		{ItemFilter{Query: "onboarding", ExcludeSources: []int64{a.ID, b.ID}}, 0},
	} {
		p, err := s.ItemsPage(ctx, c.f)
		if err != nil {
			t.Fatalf("%+v: %v", c.f, err)
		}
		n, err := s.CountItems(ctx, c.f)
		if err != nil {
			t.Fatalf("%+v: %v", c.f, err)
		}
		items, err := s.Items(ctx, c.f)
		if err != nil {
			t.Fatalf("%+v: %v", c.f, err)
		}
		if p.Total != c.want || len(p.Items) != c.want || n != c.want || len(items) != c.want {
			t.Errorf("%+v: page %d of %d, count %d, items %d; want %d", c.f, len(p.Items), p.Total, n, len(items), c.want)
		}
		for _, it := range append(p.Items, items...) {
			if it.SourceID == a.ID && len(c.f.ExcludeSources) > 0 {
				t.Errorf("%+v listed %q of the excluded source", c.f, it.Title)
			}
		}
	}

	// All read, on everything and on a search, leaves A's items unread.
	if n, err := s.MarkAllRead(ctx, ItemFilter{Query: "onboarding", ExcludeSources: noA}); err != nil || n != 1 {
		t.Errorf("mark all read of a search: %d, %v", n, err)
	}
	if n, err := s.MarkAllRead(ctx, ItemFilter{ExcludeSources: noA}); err != nil || n != 1 {
		t.Errorf("mark all read: %d, %v", n, err)
	}
	if n, _ := s.CountItems(ctx, ItemFilter{SourceID: a.ID, Unread: true}); n != 2 {
		t.Errorf("%d of A's items unread, want 2: All read reached the excluded source", n)
	}
}
