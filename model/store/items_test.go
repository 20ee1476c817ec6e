package store

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/knowflow/knowflow/model"
)

func seedSources(t *testing.T, s *Store) (a, b model.Source) {
	t.Helper()
	ctx := context.Background()
	res, err := s.ImportSources(ctx, []model.Source{
		{Title: "A", FeedURL: "https://a.example/feed", Folder: []string{"Work", "Team"}},
		{Title: "B", FeedURL: "https://b.example/feed", Folder: []string{"Work"}},
		{Title: "A again", FeedURL: "https://a.example/feed"},
	})
	if err != nil {
		t.Fatal(err)
	}
	if res.Added != 2 || res.Skipped != 1 || res.Folders != 2 {
		t.Fatalf("import result = %+v", res)
	}
	a, err = s.SourceByURL(ctx, "https://a.example/feed")
	if err != nil {
		t.Fatal(err)
	}
	b, _ = s.SourceByURL(ctx, "https://b.example/feed")
	if a.FolderPath() != "Work/Team" || b.FolderPath() != "Work" {
		t.Fatalf("folders: %q %q", a.FolderPath(), b.FolderPath())
	}
	return a, b
}

func item(key, title, text string) model.Item {
	return model.Item{DedupeKey: key, Hash: title + text, Title: title, Text: text, ContentHTML: "<p>" + text + "</p>",
		Link: "https://a.example/" + key, Published: time.Date(2026, 11, 1, 10, 0, 0, 0, time.UTC)}
}

func TestSaveFetchesDedupesAndKeepsState(t *testing.T) {
	s, _ := openTemp(t)
	ctx := context.Background()
	a, b := seedSources(t, s)
	now := time.Date(2026, 11, 26, 12, 0, 0, 0, time.UTC)
	stats, err := s.SaveFetches(ctx, []FetchResult{
		{SourceID: a.ID, ETag: `"v1"`, CheckedAt: now, Items: []model.Item{item("guid:1", "Remote onboarding", "welcoming engineers"), item("guid:2", "Two", "second")}},
		{SourceID: b.ID, Err: "fetch: HTTP 500", CheckedAt: now, NextCheckAt: now.Add(5 * time.Minute)},
	})
	if err != nil {
		t.Fatal(err)
	}
	if stats[0].New != 2 {
		t.Fatalf("stats = %+v", stats)
	}
	got, _ := s.Source(ctx, b.ID)
	if got.LastError != "fetch: HTTP 500" || got.ErrorCount != 1 || !got.NextCheckAt.Equal(now.Add(5*time.Minute)) {
		t.Fatalf("failed source = %+v", got)
	}
	items, err := s.Items(ctx, ItemFilter{SourceID: a.ID})
	if err != nil || len(items) != 2 {
		t.Fatalf("items = %v, %v", items, err)
	}
	// Same publication time: the newer id comes first.
	first, other := items[1], items[0]
	if first.DedupeKey != "guid:1" || other.DedupeKey != "guid:2" {
		t.Fatalf("order = %q, %q", first.DedupeKey, other.DedupeKey)
	}
	if err := s.SetRead(ctx, first.ID, true); err != nil {
		t.Fatal(err)
	}
	if err := s.SetStarred(ctx, first.ID, true); err != nil {
		t.Fatal(err)
	}

	// Second fetch: one item changed, one unchanged, one new; B recovers.
	changed := item(first.DedupeKey, first.Title+" (updated)", "new text")
	stats, err = s.SaveFetches(ctx, []FetchResult{
		{SourceID: a.ID, ETag: `"v2"`, CheckedAt: now, Items: []model.Item{changed, item(other.DedupeKey, other.Title, "second"), item("guid:3", "Three", "third")}},
		{SourceID: b.ID, NotModified: true, CheckedAt: now},
	})
	if err != nil {
		t.Fatal(err)
	}
	if stats[0] != (SaveStats{New: 1, Updated: 1, Unchanged: 1}) {
		t.Fatalf("second stats = %+v", stats[0])
	}
	up, err := s.Item(ctx, first.ID)
	if err != nil {
		t.Fatal(err)
	}
	if up.Title != first.Title+" (updated)" || !up.Read || !up.Starred {
		t.Errorf("updated item lost state or content: %+v", up)
	}
	got, _ = s.Source(ctx, b.ID)
	if got.LastError != "" || got.ErrorCount != 0 {
		t.Errorf("error not reset on success: %+v", got)
	}
	if _, err := s.SaveFetches(ctx, []FetchResult{{SourceID: a.ID, NotModified: true, CheckedAt: now}}); err != nil {
		t.Fatal(err)
	}
	got, _ = s.Source(ctx, a.ID)
	if got.ETag != `"v2"` {
		t.Errorf("etag after 200 then 304 = %q, want the 200's", got.ETag)
	}
	if n, _ := s.CountItems(ctx, ItemFilter{Unread: true}); n != 2 {
		t.Errorf("unread = %d, want 2", n)
	}
	if n, _ := s.CountItems(ctx, ItemFilter{Starred: true}); n != 1 {
		t.Errorf("starred = %d, want 1", n)
	}
}

func TestSaveFetchesIsolatesABadSource(t *testing.T) {
	s, _ := openTemp(t)
	ctx := context.Background()
	a, _ := seedSources(t, s)
	// A result for a source that is gone violates the foreign key: it must
	// not take the good source's items down with it.
	stats, err := s.SaveFetches(ctx, []FetchResult{
		{SourceID: 9999, CheckedAt: fetchedAt, Items: []model.Item{item("guid:x", "X", "x")}},
		{SourceID: a.ID, CheckedAt: fetchedAt, Items: []model.Item{item("guid:1", "One", "one")}},
	})
	if err != nil {
		t.Fatal(err)
	}
	if stats[1].New != 1 {
		t.Fatalf("good source stats = %+v", stats[1])
	}
	if n, _ := s.CountItems(ctx, ItemFilter{}); n != 1 {
		t.Errorf("items = %d, want 1", n)
	}
}

func TestSearchAndFolders(t *testing.T) {
	s, _ := openTemp(t)
	ctx := context.Background()
	a, b := seedSources(t, s)
	var its []model.Item
	for i := 0; i < 5; i++ {
		its = append(its, item(fmt.Sprintf("guid:%d", i), fmt.Sprintf("Post %d", i), "plain words"))
	}
	its = append(its, item("guid:r", "Remote onboarding that works", "How we welcomed engineers across time zones"))
	intl := item("guid:i", "Le café des équipes", "Wissensmanagement für Teams; 知識 共有; To be or not to be")
	intl.Author, intl.Categories = "Zoë Ångström", []string{"Knowledge sharing", "k8s"}
	its = append(its, intl)
	// One result analysed ahead (as the fetchers do), one by SaveFetches.
	prepared := FetchResult{SourceID: a.ID, CheckedAt: fetchedAt, Items: its}
	prepared.PrepareSearch()
	if _, err := s.SaveFetches(ctx, []FetchResult{
		prepared,
		{SourceID: b.ID, CheckedAt: fetchedAt, Items: []model.Item{item("guid:b", "Knowledge management", "PKM seek sense share")}},
	}); err != nil {
		t.Fatal(err)
	}
	for q, want := range map[string]int{
		"onboarding":             1,
		"welcoming":              1, // stemmed
		"onboard":                1, // prefix
		`"time zones"`:           1,
		`"zones time"`:           0,
		"remote engineers":       1,
		`AND OR NOT ( * "`:       0, // FTS syntax cannot break the query
		"knowledge":              2, // a title, a category
		"plain":                  5,
		"nothing-like-this-here": 0,
		"WELCOMED":               1, // case
		"cafe":                   1, // diacritics
		"Équipe":                 1, // diacritics and stemming
		"zoe angstrom":           1, // author
		"sharing":                2, // stemmed: "share", "Knowledge sharing"
		"k8s":                    1,
		"知識":                     1,
		`"to be or not to be"`:   1, // stop words are searchable
		"wissensmanagement":      1,
	} {
		got, err := s.Items(ctx, ItemFilter{Query: q})
		if err != nil {
			t.Errorf("search %q: %v", q, err)
			continue
		}
		if len(got) != want {
			t.Errorf("search %q found %d, want %d", q, len(got), want)
		}
	}
	work, team := int64(0), int64(0)
	fs, _ := s.Folders(ctx)
	for _, f := range fs {
		switch f.Name {
		case "Work":
			work = f.ID
		case "Team":
			team = f.ID
		}
	}
	if n, _ := s.CountItems(ctx, ItemFilter{FolderID: work}); n != 8 {
		t.Errorf("folder Work (with sub-folder) has %d items, want 8", n)
	}
	if n, _ := s.CountItems(ctx, ItemFilter{FolderID: team}); n != 7 {
		t.Errorf("folder Team has %d items, want 7", n)
	}
	srcs, _ := s.Sources(ctx)
	if len(srcs) != 2 || srcs[0].Unread != 7 || srcs[1].Unread != 1 {
		t.Errorf("sources unread = %+v", srcs)
	}
}

func TestSaveFetchesSameKeyTwiceInOneFetch(t *testing.T) {
	s, _ := openTemp(t)
	ctx := context.Background()
	a, _ := seedSources(t, s)
	stats, err := s.SaveFetches(ctx, []FetchResult{{SourceID: a.ID, CheckedAt: fetchedAt,
		Items: []model.Item{item("guid:1", "One", "one"), item("guid:1", "One", "one"), item("guid:1", "One again", "changed")}}})
	if err != nil {
		t.Fatal(err)
	}
	if stats[0] != (SaveStats{New: 1, Unchanged: 1, Updated: 1}) {
		t.Errorf("stats = %+v", stats[0])
	}
	got, _ := s.Source(ctx, a.ID)
	if got.LastError != "" {
		t.Errorf("a repeated key failed the source: %q", got.LastError)
	}
	if its, _ := s.Items(ctx, ItemFilter{SourceID: a.ID}); len(its) != 1 || its[0].Title != "One again" {
		t.Errorf("items = %+v", its)
	}
}

func TestMarkAllRead(t *testing.T) {
	s, _ := openTemp(t)
	ctx := context.Background()
	a, b := seedSources(t, s)
	var its []model.Item
	for i := 0; i < 4; i++ {
		its = append(its, item(fmt.Sprintf("guid:a%d", i), fmt.Sprintf("Post %d", i), "plain words"))
	}
	its = append(its, item("guid:onb", "Remote onboarding", "welcoming engineers"))
	if _, err := s.SaveFetches(ctx, []FetchResult{
		{SourceID: a.ID, CheckedAt: fetchedAt, Items: its},
		{SourceID: b.ID, CheckedAt: fetchedAt, Items: []model.Item{item("guid:b1", "Onboarding elsewhere", "x"), item("guid:b2", "Two", "y")}},
	}); err != nil {
		t.Fatal(err)
	}
	unread := func(f ItemFilter) int {
		f.Unread = true
		n, err := s.CountItems(ctx, f)
		if err != nil {
			t.Fatal(err)
		}
		return n
	}
	// A search within a source: only what it finds there.
	if n, err := s.MarkAllRead(ctx, ItemFilter{SourceID: a.ID, Query: "onboarding"}); err != nil || n != 1 {
		t.Fatalf("search in A: marked %d, %v", n, err)
	}
	if unread(ItemFilter{SourceID: a.ID}) != 4 || unread(ItemFilter{SourceID: b.ID}) != 2 {
		t.Fatalf("after the search: A %d unread, B %d", unread(ItemFilter{SourceID: a.ID}), unread(ItemFilter{SourceID: b.ID}))
	}
	// A source.
	if n, err := s.MarkAllRead(ctx, ItemFilter{SourceID: a.ID}); err != nil || n != 4 {
		t.Fatalf("source A: marked %d, %v", n, err)
	}
	if n, _ := s.MarkAllRead(ctx, ItemFilter{SourceID: a.ID}); n != 0 {
		t.Errorf("marking again marked %d", n)
	}
	if unread(ItemFilter{}) != 2 {
		t.Errorf("B's items were touched: %d unread", unread(ItemFilter{}))
	}
	// Everything; the paging and unread parts of a filter do not matter.
	if n, err := s.MarkAllRead(ctx, ItemFilter{Unread: true, Limit: 1, After: Cursor{Published: 1, ID: 1}}); err != nil || n != 2 {
		t.Fatalf("all: marked %d, %v", n, err)
	}
	srcs, _ := s.Sources(ctx)
	for _, src := range srcs {
		if src.Unread != 0 {
			t.Errorf("%s still has %d unread", src.Title, src.Unread)
		}
	}
}

func TestEditSource(t *testing.T) {
	s, _ := openTemp(t)
	ctx := context.Background()
	a, b := seedSources(t, s) // A in Work/Team, B in Work
	if err := s.EditSource(ctx, a.ID, "  Team notes ", []string{"Reading", "Later"}); err != nil {
		t.Fatal(err)
	}
	got, _ := s.Source(ctx, a.ID)
	if got.Title != "Team notes" || strings.Join(got.Folder, "/") != "Reading/Later" {
		t.Errorf("after edit: %q in %v", got.Title, got.Folder)
	}
	// A blank title keeps the title; no folder is the top level.
	if err := s.EditSource(ctx, b.ID, "", nil); err != nil {
		t.Fatal(err)
	}
	got, _ = s.Source(ctx, b.ID)
	if got.Title != b.Title || len(got.Folder) != 0 || got.FolderID != 0 {
		t.Errorf("after moving B to the top: %q in %v (%d)", got.Title, got.Folder, got.FolderID)
	}
	if err := s.EditSource(ctx, 999, "x", nil); !errors.Is(err, ErrNotFound) {
		t.Errorf("editing no source: %v", err)
	}
	var listed []string
	srcs, _ := s.Sources(ctx)
	for _, src := range srcs {
		listed = append(listed, src.Title+":"+strings.Join(src.Folder, "/"))
	}
	if !strings.Contains(strings.Join(listed, ";"), "Team notes:Reading/Later") {
		t.Errorf("sources: %v", listed)
	}
}

// Pages follow one another by keyset (published date, id): read two at a
// time, every view lists each item once, in the order one long page has,
// newest first and, among items published at the same second, the last
// stored first.
func TestItemsKeysetPaging(t *testing.T) {
	s, _ := openTemp(t)
	ctx := context.Background()
	a, b := seedSources(t, s)
	at := func(h int) time.Time { return time.Date(2026, 11, 1, h, 0, 0, 0, time.UTC) }
	// Stored out of date order, three at 10:00 and three at 08:00.
	hours := map[int64][]int{a.ID: {10, 8, 10, 12, 8, 10, 9}, b.ID: {8, 12, 11}}
	var results []FetchResult
	for _, src := range []int64{a.ID, b.ID} {
		r := FetchResult{SourceID: src, CheckedAt: fetchedAt}
		for k, h := range hours[src] {
			it := item(fmt.Sprintf("guid:%d-%d", src, k), fmt.Sprintf("Post %d-%d", src, k), "plain words")
			it.Published = at(h)
			r.Items = append(r.Items, it)
		}
		results = append(results, r)
	}
	if _, err := s.SaveFetches(ctx, results); err != nil {
		t.Fatal(err)
	}
	all, err := s.Items(ctx, ItemFilter{Limit: 100})
	if err != nil || len(all) != 10 {
		t.Fatalf("all items: %d, %v", len(all), err)
	}
	for i := 1; i < len(all); i++ {
		p, q := all[i-1], all[i]
		if p.Published.Before(q.Published) || p.Published.Equal(q.Published) && p.ID < q.ID {
			t.Fatalf("order: %d (%v) before %d (%v)", p.ID, p.Published, q.ID, q.Published)
		}
	}
	for _, it := range all[:4] { // two of the ties at 10:00 and before
		if err := s.SetRead(ctx, it.ID, true); err != nil {
			t.Fatal(err)
		}
	}
	if err := s.SetStarred(ctx, all[5].ID, true); err != nil {
		t.Fatal(err)
	}
	work := int64(0)
	fs, _ := s.Folders(ctx)
	for _, f := range fs {
		if f.Name == "Work" {
			work = f.ID
		}
	}
	for name, f := range map[string]ItemFilter{
		"all": {}, "unread": {Unread: true}, "starred": {Starred: true}, "source": {SourceID: a.ID},
		"folder": {FolderID: work}, "search": {Query: "plain"}, "search unread": {Query: "words", Unread: true},
	} {
		f.Limit = 100
		want, err := s.Items(ctx, f)
		if err != nil || len(want) == 0 {
			t.Fatalf("%s: %d items, %v", name, len(want), err)
		}
		var got []int64
		f.Limit = 2
		for page := 0; ; page++ {
			items, err := s.Items(ctx, f)
			if err != nil {
				t.Fatal(err)
			}
			for _, it := range items {
				got = append(got, it.ID)
			}
			if len(items) < f.Limit || page > 10 {
				break
			}
			f.After = CursorOf(items[len(items)-1])
		}
		if fmt.Sprint(got) != fmt.Sprint(ids(want)) {
			t.Errorf("%s: paged %v, want %v", name, got, ids(want))
		}
	}
}

// ItemsPage is the first page with the count the list shows: exact for a
// view, capped at MaxSearchResults for a search, zero when nothing
// matches.
func TestItemsPage(t *testing.T) {
	s, _ := openTemp(t)
	ctx := context.Background()
	a, b := seedSources(t, s)
	var its []model.Item
	for i := 0; i < MaxSearchResults+5; i++ {
		its = append(its, item(fmt.Sprintf("guid:%d", i), fmt.Sprintf("Post %d", i), "plain words"))
	}
	if _, err := s.SaveFetches(ctx, []FetchResult{
		{SourceID: a.ID, CheckedAt: fetchedAt, Items: its},
		{SourceID: b.ID, CheckedAt: fetchedAt, Items: []model.Item{item("guid:b", "Remote onboarding", "welcoming engineers")}},
	}); err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		f            ItemFilter
		total, shown int
		capped       bool
		first        string
	}{
		{ItemFilter{Limit: 10}, MaxSearchResults + 6, 10, false, "Remote onboarding"},
		{ItemFilter{Limit: 10, SourceID: b.ID}, 1, 1, false, "Remote onboarding"},
		{ItemFilter{Limit: 10, Query: "p"}, MaxSearchResults, 10, true, fmt.Sprintf("Post %d", MaxSearchResults+4)},
		{ItemFilter{Limit: 10, Query: "plain", SourceID: b.ID}, 0, 0, false, ""},
		{ItemFilter{Limit: 10, Query: "welc"}, 1, 1, false, "Remote onboarding"},
		{ItemFilter{Limit: 10, Query: "welcoming engineers"}, 1, 1, false, "Remote onboarding"},
		{ItemFilter{Limit: 10, Query: "zzz"}, 0, 0, false, ""},
	} {
		p, err := s.ItemsPage(ctx, c.f)
		if err != nil {
			t.Fatal(err)
		}
		first := ""
		if len(p.Items) > 0 {
			first = p.Items[0].Title
		}
		if p.Total != c.total || p.Capped != c.capped || len(p.Items) != c.shown || first != c.first {
			t.Errorf("%+v: total %d capped %v, %d shown, first %q; want %d %v, %d, %q",
				c.f, p.Total, p.Capped, len(p.Items), first, c.total, c.capped, c.shown, c.first)
		}
		if want, _ := s.Items(ctx, c.f); fmt.Sprint(ids(want)) != fmt.Sprint(ids(p.Items)) {
			t.Errorf("%+v: page %v, Items %v", c.f, ids(p.Items), ids(want))
		}
	}
}

// A search within a source or a folder finds the items of those sources
// through the index's source terms, which nothing typed can match.
func TestSearchWithinSourcesAndFolders(t *testing.T) {
	s, _ := openTemp(t)
	ctx := context.Background()
	a, b := seedSources(t, s) // A in Work/Team, B in Work
	if _, err := s.ImportSources(ctx, []model.Source{{Title: "C", FeedURL: "https://c.example/feed", Folder: []string{"Empty"}}}); err != nil {
		t.Fatal(err)
	}
	c, _ := s.SourceByURL(ctx, "https://c.example/feed")
	if _, err := s.RemoveSource(ctx, c.ID); err != nil { // leaves the folder Empty without sources
		t.Fatal(err)
	}
	if _, err := s.SaveFetches(ctx, []FetchResult{
		{SourceID: a.ID, CheckedAt: fetchedAt, Items: []model.Item{item("guid:a1", "Remote onboarding", "welcoming engineers"), item("guid:a2", "Plain", "words")}},
		{SourceID: b.ID, CheckedAt: fetchedAt, Items: []model.Item{item("guid:b1", "Onboarding elsewhere", "x"), item("guid:b2", "Two", "y")}},
	}); err != nil {
		t.Fatal(err)
	}
	folder := map[string]int64{}
	fs, _ := s.Folders(ctx)
	for _, f := range fs {
		folder[f.Name] = f.ID
	}
	for _, c := range []struct {
		f    ItemFilter
		want int
	}{
		{ItemFilter{Query: "onboarding"}, 2},
		{ItemFilter{Query: "onboarding", SourceID: a.ID}, 1},
		{ItemFilter{Query: "o", SourceID: b.ID}, 1},
		{ItemFilter{Query: "onboarding", FolderID: folder["Team"]}, 1},
		{ItemFilter{Query: "onboarding", FolderID: folder["Work"]}, 2},
		{ItemFilter{Query: "onboarding", FolderID: folder["Work"], SourceID: b.ID}, 1},
		{ItemFilter{Query: "onboarding", FolderID: folder["Team"], SourceID: b.ID}, 0},
		{ItemFilter{Query: "onboarding", FolderID: folder["Empty"]}, 0},
		{ItemFilter{Query: "onboarding", SourceID: a.ID, Unread: true}, 1},
		{ItemFilter{Query: "*", SourceID: a.ID}, 0},
		{ItemFilter{Query: sourceTerm(a.ID)}, 0},
		{ItemFilter{Query: "_s"}, 0},
	} {
		p, err := s.ItemsPage(ctx, c.f)
		if err != nil {
			t.Fatalf("%+v: %v", c.f, err)
		}
		n, err := s.CountItems(ctx, c.f)
		if err != nil {
			t.Fatalf("%+v: %v", c.f, err)
		}
		if p.Total != c.want || len(p.Items) != c.want || n != c.want {
			t.Errorf("%+v: page %d of %d, count %d; want %d", c.f, len(p.Items), p.Total, n, c.want)
		}
		for _, it := range p.Items {
			if c.f.SourceID != 0 && it.SourceID != c.f.SourceID {
				t.Errorf("%+v found %q of source %d", c.f, it.Title, it.SourceID)
			}
		}
	}
	if n, err := s.MarkAllRead(ctx, ItemFilter{Query: "onboarding", FolderID: folder["Team"]}); err != nil || n != 1 {
		t.Errorf("mark all read in Team: %d, %v", n, err)
	}
}

// A quoted phrase: the index finds the items holding its terms, newest
// first, and their text is checked a batch at a time; pages and counts
// see only the items that hold the phrase.
func TestSearchPhrasesAcrossBatches(t *testing.T) {
	s, _ := openTemp(t)
	ctx := context.Background()
	a, _ := seedSources(t, s)
	const n = 2*phraseBatch + 234
	var its []model.Item
	want := map[int]bool{3: true, phraseBatch + 200: true, n - 1: true}
	for i := 0; i < n; i++ {
		text := "zones of time"
		if want[i] {
			text = "across time zones"
		}
		its = append(its, item(fmt.Sprintf("guid:%d", i), fmt.Sprintf("Post %d", i), text))
	}
	if _, err := s.SaveFetches(ctx, []FetchResult{{SourceID: a.ID, CheckedAt: fetchedAt, Items: its}}); err != nil {
		t.Fatal(err)
	}
	titles := func(items []model.Item) string {
		var out []string
		for _, it := range items {
			out = append(out, it.Title)
		}
		return strings.Join(out, ", ")
	}
	wantTitles := fmt.Sprintf("Post %d, Post %d, Post 3", n-1, phraseBatch+200)
	p, err := s.ItemsPage(ctx, ItemFilter{Query: `"time zones"`, Limit: 10})
	if err != nil || p.Total != 3 || p.Capped || titles(p.Items) != wantTitles {
		t.Fatalf("page: %d (%v) %s, %v", p.Total, p.Capped, titles(p.Items), err)
	}
	// A page of one: found at once; the count goes phraseBudget items
	// further, finds the second, and says there may be more.
	p, err = s.ItemsPage(ctx, ItemFilter{Query: `"time zones"`, Limit: 1})
	if err != nil || p.Total != 2 || !p.Capped || titles(p.Items) != fmt.Sprintf("Post %d", n-1) {
		t.Errorf("page of one: %d (%v) %s, %v", p.Total, p.Capped, titles(p.Items), err)
	}
	first, err := s.Items(ctx, ItemFilter{Query: `"time zones"`, Limit: 2})
	if err != nil || len(first) != 2 {
		t.Fatalf("first page: %s, %v", titles(first), err)
	}
	rest, err := s.Items(ctx, ItemFilter{Query: `"time zones"`, Limit: 2, After: CursorOf(first[1])})
	if err != nil || titles(append(first, rest...)) != wantTitles {
		t.Errorf("two pages: %s + %s, %v", titles(first), titles(rest), err)
	}
	if c, err := s.CountItems(ctx, ItemFilter{Query: `"zones of time" post`}); err != nil || c != MaxSearchResults {
		t.Errorf(`count "zones of time" post = %d, %v`, c, err)
	}
	if c, err := s.CountItems(ctx, ItemFilter{Query: `"time zones" "of time"`}); err != nil || c != 0 {
		t.Errorf(`count of two phrases in no item = %d, %v`, c, err)
	}
	if m, err := s.MarkAllRead(ctx, ItemFilter{Query: `"time zones"`}); err != nil || m != 3 {
		t.Errorf("mark all read: %d, %v", m, err)
	}
	if u, _ := s.CountItems(ctx, ItemFilter{Unread: true}); u != n-3 {
		t.Errorf("%d unread after marking the phrase's 3, want %d", u, n-3)
	}
}

// An item's enclosures are stored and read back; an update replaces them.
// A failing source keeps its plain error, the detail and since when it
// fails, until a fetch works.
func TestEnclosuresAndErrorDetail(t *testing.T) {
	s, _ := openTemp(t)
	ctx := context.Background()
	a, b := seedSources(t, s)
	now := time.Date(2026, 11, 26, 12, 0, 0, 0, time.UTC)
	ep := item("guid:ep1", "Episode 1", "show notes")
	ep.Enclosures = []model.Enclosure{{URL: "https://a.example/ep1.mp3", Type: "audio/mpeg", Length: 2400000, Duration: 52 * time.Minute}}
	if _, err := s.SaveFetches(ctx, []FetchResult{
		{SourceID: a.ID, CheckedAt: now, Items: []model.Item{ep, item("guid:plain", "Plain", "no files")}},
		{SourceID: b.ID, Err: "the server had a problem (HTTP 500)", ErrDetail: "fetch: https://b.example/feed: HTTP 500", CheckedAt: now},
	}); err != nil {
		t.Fatal(err)
	}
	items, err := s.Items(ctx, ItemFilter{SourceID: a.ID})
	if err != nil || len(items) != 2 {
		t.Fatalf("items %v, %v", items, err)
	}
	for _, it := range items {
		got, err := s.Item(ctx, it.ID)
		if err != nil {
			t.Fatal(err)
		}
		want := 0
		if it.DedupeKey == "guid:ep1" {
			want = 1
		}
		if len(got.Enclosures) != want || (want == 1 && got.Enclosures[0] != ep.Enclosures[0]) {
			t.Errorf("%s: enclosures %+v", it.DedupeKey, got.Enclosures)
		}
	}
	later := now.Add(time.Hour)
	if _, err := s.SaveFetches(ctx, []FetchResult{{SourceID: b.ID, Err: "the server had a problem (HTTP 503)", ErrDetail: "HTTP 503", CheckedAt: later}}); err != nil {
		t.Fatal(err)
	}
	src, _ := s.Source(ctx, b.ID)
	if src.LastError != "the server had a problem (HTTP 503)" || src.ErrorDetail != "HTTP 503" || src.ErrorCount != 2 || !src.FailingSince.Equal(now) {
		t.Errorf("failing source %+v", src)
	}
	if _, err := s.SaveFetches(ctx, []FetchResult{{SourceID: b.ID, CheckedAt: later.Add(time.Hour)}}); err != nil {
		t.Fatal(err)
	}
	src, _ = s.Source(ctx, b.ID)
	if src.LastError != "" || src.ErrorDetail != "" || src.ErrorCount != 0 || !src.FailingSince.IsZero() {
		t.Errorf("recovered source %+v", src)
	}
}
