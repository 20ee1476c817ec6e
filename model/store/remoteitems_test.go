package store

import (
	"context"
	"testing"

	"github.com/knowflow/knowflow/model"
)

// An item fetched here before its source was synced is taken over by the
// server's copy of it (same link): not stored twice, given the server's
// read and starred state, and linked to the account; the server's other
// items are added beside it, in the same batch as items of a source that
// has only server items.
func TestSaveRemoteItemsTakesOverLocalItems(t *testing.T) {
	s, _ := openTemp(t)
	ctx := context.Background()
	if _, err := s.ImportSources(ctx, []model.Source{{FeedURL: "https://a.example/feed"}, {FeedURL: "https://b.example/feed"}}); err != nil {
		t.Fatal(err)
	}
	a, _ := s.SourceByURL(ctx, "https://a.example/feed")
	b, _ := s.SourceByURL(ctx, "https://b.example/feed")
	if _, err := s.SaveFetches(ctx, []FetchResult{{SourceID: a.ID, CheckedAt: fetchedAt, Items: []model.Item{
		{DedupeKey: "guid:1", Hash: "h1", Title: "Local one", Link: "https://a.example/1", Published: fetchedAt}}}}); err != nil {
		t.Fatal(err)
	}
	acct, err := s.AddAccount(ctx, Account{Kind: "greader", URL: "https://rss.example", User: "me"})
	if err != nil {
		t.Fatal(err)
	}
	remote := func(id, src int64, title, link string) RemoteItem {
		return RemoteItem{RemoteID: id, SourceID: src, Read: true, Starred: true,
			Item: model.Item{Title: title, Link: link, Hash: title, Text: title, Published: fetchedAt}}
	}
	added, err := s.SaveRemoteItems(ctx, acct.ID, []RemoteItem{
		remote(11, a.ID, "Server one", "https://a.example/1"),
		remote(12, a.ID, "Server two", "https://a.example/2"),
		remote(21, b.ID, "B one", "https://b.example/1"),
	}, fetchedAt)
	if err != nil {
		t.Fatal(err)
	}
	if added != 2 {
		t.Errorf("added %d items, want 2 (one taken over)", added)
	}
	items, err := s.Items(ctx, ItemFilter{Limit: 10})
	if err != nil {
		t.Fatal(err)
	}
	if len(items) != 3 {
		t.Fatalf("%d items, want 3", len(items))
	}
	for _, it := range items {
		if !it.Read || !it.Starred {
			t.Errorf("%q: read %v starred %v, want the server's (both)", it.Title, it.Read, it.Starred)
		}
	}
	known, err := s.SyncedItems(ctx, acct.ID)
	if err != nil {
		t.Fatal(err)
	}
	if len(known) != 3 {
		t.Errorf("%d items linked to the account, want 3", len(known))
	}
	if _, ok := known[11]; !ok {
		t.Error("the item taken over is not linked to its server id")
	}
}
