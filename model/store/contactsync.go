package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"slices"
	"strings"

	"github.com/knowflow/knowflow/model"
)

// migration10CardDAV lets the accounts table hold CardDAV accounts
// (kind 'carddav') and adds what a contacts sync (model/carddav) needs:
//   - carddav_books: the address book an account syncs with, and the
//     sync-token the server gave at the end of the last sync;
//   - carddav_cards: which card is which contact, with the card's ETag
//     and text as last agreed with the server (card) and Knowflow's own
//     card of the contact then (local), to see what changed on each side.
//     A contact deleted here leaves its row with contact_id NULL, for the
//     next sync to delete the card on the server.
//
// SQLite cannot change a CHECK in place, so the account tables of
// migration 9 are made again (their SQL, with the new kinds; a source
// added here goes to the first Google Reader account, never to a CardDAV
// one) and their rows copied; the triggers that name them are dropped
// first and made again by that SQL.
var migration10CardDAV = `
DROP TRIGGER account_items_read;
DROP TRIGGER account_items_starred;
DROP TRIGGER account_source_added;
DROP TRIGGER account_source_removed;
` + eachAccountTable(false, "ALTER TABLE %[1]s RENAME TO %[1]s_v9;") +
	mustReplace(mustReplace(mustReplace(migration9Accounts,
		"CHECK (kind IN ('greader'))", "CHECK (kind IN ('greader', 'carddav'))"),
		"WHEN EXISTS (SELECT 1 FROM accounts) BEGIN", "WHEN EXISTS (SELECT 1 FROM accounts WHERE kind = 'greader') BEGIN"),
		"(SELECT min(id) FROM accounts)", "(SELECT min(id) FROM accounts WHERE kind = 'greader')") +
	eachAccountTable(true, "INSERT INTO %[1]s SELECT * FROM %[1]s_v9;") +
	eachAccountTable(false, "DROP TABLE %[1]s_v9;") + `
CREATE TABLE carddav_books (
	account_id INTEGER PRIMARY KEY REFERENCES accounts(id) ON DELETE CASCADE,
	path       TEXT NOT NULL,
	name       TEXT NOT NULL,
	sync_token TEXT NOT NULL DEFAULT ''
);
CREATE TABLE carddav_cards (
	account_id INTEGER NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
	href       TEXT NOT NULL,
	etag       TEXT NOT NULL,
	card       TEXT NOT NULL,
	local      TEXT NOT NULL,
	contact_id INTEGER UNIQUE REFERENCES contacts(id) ON DELETE SET NULL,
	PRIMARY KEY (account_id, href)
) WITHOUT ROWID;
`

// eachAccountTable repeats format (%[1]s: a table) for migration 9's
// account tables: children before accounts (dropped in that order, no
// foreign key cascades), or accounts first when parentFirst (filled in
// that order, every reference found).
func eachAccountTable(parentFirst bool, format string) string {
	tables := []string{"account_sources", "account_items", "account_changes", "account_added", "account_unsubscribed", "accounts"}
	if parentFirst {
		slices.Reverse(tables)
	}
	var b strings.Builder
	for _, t := range tables {
		fmt.Fprintf(&b, format+"\n", t)
	}
	return b.String()
}

// mustReplace replaces old in s, which must hold it.
func mustReplace(s, old, new string) string {
	if !strings.Contains(s, old) {
		panic("store: migration: " + old + " not found")
	}
	return strings.ReplaceAll(s, old, new)
}

// CardBook is the address book a CardDAV account syncs with.
type CardBook struct {
	Account int64
	Path    string // e.g. /alice/contacts/
	Name    string
	Token   string // the sync-token of the last sync, "" before the first
}

// SetCardBook records an account's address book (its token starts empty).
func (s *Store) SetCardBook(ctx context.Context, b CardBook) error {
	_, err := s.db.ExecContext(ctx, `INSERT INTO carddav_books (account_id, path, name) VALUES (?, ?, ?)
		ON CONFLICT (account_id) DO UPDATE SET path = excluded.path, name = excluded.name, sync_token = ''`, b.Account, b.Path, b.Name)
	if err != nil {
		return fmt.Errorf("store: address book of account %d: %w", b.Account, err)
	}
	return nil
}

// CardBook returns an account's address book (ErrNotFound without one).
func (s *Store) CardBook(ctx context.Context, account int64) (CardBook, error) {
	b := CardBook{Account: account}
	err := s.db.QueryRowContext(ctx, `SELECT path, name, sync_token FROM carddav_books WHERE account_id = ?`, account).
		Scan(&b.Path, &b.Name, &b.Token)
	if errors.Is(err, sql.ErrNoRows) {
		return b, fmt.Errorf("%w: address book of account %d", ErrNotFound, account)
	}
	if err != nil {
		return b, fmt.Errorf("store: address book of account %d: %w", account, err)
	}
	return b, nil
}

// SetCardToken records the sync-token a finished sync ends with.
func (s *Store) SetCardToken(ctx context.Context, account int64, token string) error {
	if _, err := s.db.ExecContext(ctx, `UPDATE carddav_books SET sync_token = ? WHERE account_id = ?`, token, account); err != nil {
		return fmt.Errorf("store: sync-token of account %d: %w", account, err)
	}
	return nil
}

// SyncedCard is a card of an address book as last agreed with the server.
type SyncedCard struct {
	Href  string
	ETag  string
	Card  string // the card's text
	Local string // Knowflow's card of the contact (people.Card) then
	// Contact is the contact's id, 0 when it was deleted here.
	Contact int64
}

// SyncedCards returns an account's cards by href.
func (s *Store) SyncedCards(ctx context.Context, account int64) (map[string]SyncedCard, error) {
	out := map[string]SyncedCard{}
	err := queryAll(ctx, s.db, "synced cards", `SELECT href, etag, card, local, coalesce(contact_id, 0)
		FROM carddav_cards WHERE account_id = ?`, []any{account}, func(r *sql.Rows) error {
		var c SyncedCard
		if err := r.Scan(&c.Href, &c.ETag, &c.Card, &c.Local, &c.Contact); err != nil {
			return err
		}
		out[c.Href] = c
		return nil
	})
	return out, err
}

// UnsyncedContacts lists the contacts in no address book, with the URLs
// of the feeds they write.
func (s *Store) UnsyncedContacts(ctx context.Context) ([]model.Contact, map[int64][]string, error) {
	var ids []int64
	err := queryAll(ctx, s.db, "unsynced contacts", `SELECT id FROM contacts
		WHERE id NOT IN (SELECT contact_id FROM carddav_cards WHERE contact_id IS NOT NULL) ORDER BY id`, nil,
		func(r *sql.Rows) error {
			var id int64
			err := r.Scan(&id)
			ids = append(ids, id)
			return err
		})
	if err != nil {
		return nil, nil, err
	}
	var cs []model.Contact
	for _, id := range ids {
		c, err := s.Contact(ctx, id)
		if err != nil {
			return nil, nil, err
		}
		cs = append(cs, c)
	}
	feeds, err := s.ContactFeeds(ctx, ids)
	return cs, feeds, err
}

// ContactFeeds maps each contact of ids to the URLs of the feeds they
// write.
func (s *Store) ContactFeeds(ctx context.Context, ids []int64) (map[int64][]string, error) {
	return contactFeeds(ctx, s.db, ids)
}

func contactFeeds(ctx context.Context, db querier, ids []int64) (map[int64][]string, error) {
	out := map[int64][]string{}
	for _, id := range ids {
		err := queryAll(ctx, db, "contact feeds", `SELECT s.feed_url FROM contact_sources x JOIN sources s ON s.id = x.source_id
			WHERE x.contact_id = ? ORDER BY s.feed_url`, []any{id}, func(r *sql.Rows) error {
			var u string
			err := r.Scan(&u)
			out[id] = append(out[id], u)
			return err
		})
		if err != nil {
			return nil, err
		}
	}
	return out, nil
}

// RenderContact is Knowflow's card of a contact with the feeds they
// write (people.Card): the store calls it on a contact it has just stored,
// read back, to record what was agreed.
type RenderContact func(model.Contact, []string) (string, error)

// SaveCardContact stores a card's contact (a new one when c.ID is 0, else
// in place of the contact c.ID), with the feeds they write, and records
// the card as agreed, its Local being render of the contact as stored.
// One transaction. It returns the contact's id.
func (s *Store) SaveCardContact(ctx context.Context, account int64, card SyncedCard, c model.Contact, feeds []string, render RenderContact) (int64, error) {
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return 0, fmt.Errorf("store: save card %s: %w", card.Href, err)
	}
	defer tx.Rollback()
	c.SourceIDs = nil
	if err := s.linkFeeds(ctx, tx, &c, feeds); err != nil {
		return 0, err
	}
	id, err := s.saveContactTx(ctx, tx, c)
	if err != nil {
		return 0, err
	}
	stored, err := s.contactsQ(ctx, tx, ContactFilter{ID: id})
	if err != nil || len(stored) != 1 {
		return 0, fmt.Errorf("store: save card %s: read back contact %d: %v", card.Href, id, err)
	}
	fs, err := contactFeeds(ctx, tx, []int64{id})
	if err != nil {
		return 0, err
	}
	if card.Local, err = render(stored[0], fs[id]); err != nil {
		return 0, err
	}
	card.Contact = id
	if err := putCard(ctx, tx, account, card); err != nil {
		return 0, err
	}
	if err := tx.Commit(); err != nil {
		return 0, fmt.Errorf("store: save card %s: %w", card.Href, err)
	}
	return id, nil
}

// SetSyncedCard records a card as agreed (after Knowflow's change went to
// the server), its contact unchanged.
func (s *Store) SetSyncedCard(ctx context.Context, account int64, card SyncedCard) error {
	return putCard(ctx, s.db, account, card)
}

func putCard(ctx context.Context, db interface {
	ExecContext(context.Context, string, ...any) (sql.Result, error)
}, account int64, c SyncedCard) error {
	var contact any
	if c.Contact != 0 {
		contact = c.Contact
	}
	_, err := db.ExecContext(ctx, `INSERT INTO carddav_cards (account_id, href, etag, card, local, contact_id) VALUES (?, ?, ?, ?, ?, ?)
		ON CONFLICT (account_id, href) DO UPDATE SET etag = excluded.etag, card = excluded.card, local = excluded.local,
		contact_id = excluded.contact_id`, account, c.Href, c.ETag, c.Card, c.Local, contact)
	if err != nil {
		return fmt.Errorf("store: synced card %s: %w", c.Href, err)
	}
	return nil
}

// ForgetCard forgets a card, and deletes its contact too when
// deleteContact (the card was deleted on the server). One transaction.
func (s *Store) ForgetCard(ctx context.Context, account int64, card SyncedCard, deleteContact bool) error {
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("store: forget card %s: %w", card.Href, err)
	}
	defer tx.Rollback()
	if _, err := tx.ExecContext(ctx, `DELETE FROM carddav_cards WHERE account_id = ? AND href = ?`, account, card.Href); err != nil {
		return fmt.Errorf("store: forget card %s: %w", card.Href, err)
	}
	if deleteContact && card.Contact != 0 {
		if _, err := tx.ExecContext(ctx, `DELETE FROM contacts WHERE id = ?`, card.Contact); err != nil {
			return fmt.Errorf("store: forget card %s: %w", card.Href, err)
		}
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("store: forget card %s: %w", card.Href, err)
	}
	return nil
}
