package store

import (
	"context"
	"strings"
	"testing"

	"github.com/knowflow/knowflow/model"
)

// A database of schema 9 with a Google Reader account, its source, item,
// pending change and unsubscription migrates to 10 with every row kept,
// takes a CardDAV account, and a source added later still goes to the
// Google Reader account, not to the CardDAV one.
func TestMigration10KeepsAccountsAndTakesCardDAV(t *testing.T) {
	path, db := oldSchemaDB(t, 9)
	for _, q := range []string{
		`INSERT INTO accounts (id, kind, url, username, created_at) VALUES (2, 'greader', 'https://rss.example', 'me', 1)`,
		`INSERT INTO account_sources (source_id, account_id, remote_id, folder) VALUES (1, 2, 'feed/1', 'Tech')`,
		`INSERT INTO items (id, source_id, dedupe_key, title, fetched_at) VALUES (5, 1, 'k', 'T', 1)`,
		`INSERT INTO account_items (item_id, account_id, remote_id, read, starred) VALUES (5, 2, 99, 0, 0)`,
		`UPDATE items SET read = 1 WHERE id = 5`,
		`INSERT INTO account_unsubscribed (account_id, remote_id) VALUES (2, 'feed/9')`,
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
	var n int
	for q, want := range map[string]int{
		`SELECT count(*) FROM account_sources WHERE account_id = 2 AND folder = 'Tech'`: 1,
		`SELECT count(*) FROM account_items WHERE account_id = 2 AND remote_id = 99`:    1,
		`SELECT count(*) FROM account_changes WHERE item_id = 5 AND value = 1`:          1,
		`SELECT count(*) FROM account_unsubscribed WHERE account_id = 2`:                1,
		`SELECT count(*) FROM sqlite_schema WHERE name LIKE '%_v9' OR sql LIKE '%_v9%'`: 0,
	} {
		if err := s.db.QueryRow(q).Scan(&n); err != nil || n != want {
			t.Errorf("%s = %d, %v; want %d", q, n, err, want)
		}
	}
	card, err := s.AddAccount(ctx, Account{Kind: "carddav", URL: "https://dav.example", User: "me"})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.db.Exec(`INSERT INTO sources (feed_url, created_at) VALUES ('https://b.example/feed', 1)`); err != nil {
		t.Fatal(err)
	}
	if err := s.db.QueryRow(`SELECT account_id FROM account_added`).Scan(&n); err != nil || n != 2 {
		t.Errorf("a new source went to account %d (%v), want the Google Reader one, 2 (CardDAV is %d)", n, err, card.ID)
	}
	// Triggers still follow read state of synced items.
	if _, err := s.db.Exec(`UPDATE items SET starred = 1 WHERE id = 5`); err != nil {
		t.Fatal(err)
	}
	if err := s.db.QueryRow(`SELECT count(*) FROM account_changes WHERE item_id = 5`).Scan(&n); err != nil || n != 2 {
		t.Errorf("account_changes = %d, %v; want 2", n, err)
	}
	if _, err := s.AddAccount(ctx, Account{Kind: "caldav", URL: "https://x", User: "me"}); err == nil {
		t.Error("an unknown kind was stored")
	}
	rows, err := s.db.Query(`PRAGMA foreign_key_check`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	if rows.Next() {
		t.Error("foreign_key_check found rows")
	}
}

// Cards: a contact stored from a card is linked to it with Knowflow's card
// of it as read back; a contact deleted here leaves its card for the next
// sync to delete; forgetting a card deleted on the server deletes its
// contact; contacts in no book are listed with their feeds.
func TestSyncedCards(t *testing.T) {
	s, _ := openTemp(t)
	ctx := context.Background()
	a, err := s.AddAccount(ctx, Account{Kind: "carddav", URL: "https://dav.example", User: "me"})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.CardBook(ctx, a.ID); err == nil {
		t.Error("a book before one was set")
	}
	if err := s.SetCardBook(ctx, CardBook{Account: a.ID, Path: "/me/c/", Name: "Contacts"}); err != nil {
		t.Fatal(err)
	}
	if err := s.SetCardToken(ctx, a.ID, "tok1"); err != nil {
		t.Fatal(err)
	}
	if b, err := s.CardBook(ctx, a.ID); err != nil || b.Path != "/me/c/" || b.Token != "tok1" {
		t.Errorf("book = %+v, %v", b, err)
	}
	render := func(c model.Contact, feeds []string) (string, error) {
		return c.Name + "|" + strings.Join(feeds, ","), nil
	}
	ada := model.Contact{Name: "Ada", Circles: []model.Circle{model.CircleTeam}}
	id, err := s.SaveCardContact(ctx, a.ID, SyncedCard{Href: "/me/c/a.vcf", ETag: `"1"`, Card: "A"}, ada, []string{"https://ada.example/feed"}, render)
	if err != nil {
		t.Fatal(err)
	}
	_, err = s.SaveContact(ctx, model.Contact{Name: "Bo"}, "https://bo.example/feed")
	if err != nil {
		t.Fatal(err)
	}
	cards, err := s.SyncedCards(ctx, a.ID)
	if err != nil || cards["/me/c/a.vcf"].Contact != id || cards["/me/c/a.vcf"].Local != "Ada|https://ada.example/feed" {
		t.Fatalf("cards = %+v, %v", cards, err)
	}
	un, feeds, err := s.UnsyncedContacts(ctx)
	if err != nil || len(un) != 1 || un[0].Name != "Bo" || feeds[un[0].ID][0] != "https://bo.example/feed" {
		t.Fatalf("unsynced = %+v %v %v", un, feeds, err)
	}
	if err := s.DeleteContact(ctx, id); err != nil {
		t.Fatal(err)
	}
	cards, _ = s.SyncedCards(ctx, a.ID)
	if c, ok := cards["/me/c/a.vcf"]; !ok || c.Contact != 0 {
		t.Fatalf("after a delete here: %+v", cards)
	}
	if err := s.ForgetCard(ctx, a.ID, cards["/me/c/a.vcf"], true); err != nil {
		t.Fatal(err)
	}
	// A card deleted on the server takes its contact along.
	bo := un[0]
	if err := s.SetSyncedCard(ctx, a.ID, SyncedCard{Href: "/me/c/b.vcf", ETag: `"2"`, Card: "B", Local: "Bo|", Contact: bo.ID}); err != nil {
		t.Fatal(err)
	}
	cards, _ = s.SyncedCards(ctx, a.ID)
	if err := s.ForgetCard(ctx, a.ID, cards["/me/c/b.vcf"], true); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Contact(ctx, bo.ID); err == nil {
		t.Error("the contact of a card deleted on the server is still here")
	}
	if cards, _ = s.SyncedCards(ctx, a.ID); len(cards) != 0 {
		t.Errorf("cards left: %+v", cards)
	}
}
