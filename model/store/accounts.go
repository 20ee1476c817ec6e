package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"time"
)

// migration9Accounts: accounts on feed servers, which local source is
// which server subscription (account_sources, with the folder last agreed
// with the server), which local item is which server item
// (account_items, with the read and starred state last agreed), and what
// changed here since the last sync, for the next one to send:
//   - account_changes: the newest read or starred change of a synced item
//     and when it was made (ms), written by triggers so that every writer
//     (the window, the CLI) is covered without knowing about accounts;
//   - account_added: a source added here while an account exists, to
//     subscribe to on the server;
//   - account_unsubscribed: a synced source removed here, to unsubscribe
//     from on the server.
//
// A sync writes items' flags itself and clears the rows its own writes
// make, in the same transaction.
const migration9Accounts = `
CREATE TABLE accounts (
	id           INTEGER PRIMARY KEY,
	kind         TEXT NOT NULL CHECK (kind IN ('greader')),
	url          TEXT NOT NULL CHECK (url <> ''),
	username     TEXT NOT NULL,
	created_at   INTEGER NOT NULL,
	last_sync_at INTEGER NOT NULL DEFAULT 0,
	last_error   TEXT NOT NULL DEFAULT '',
	items_since  INTEGER NOT NULL DEFAULT 0, -- newest item published time synced (unix s), for ot
	UNIQUE (kind, url, username)
);
CREATE TABLE account_sources (
	source_id  INTEGER PRIMARY KEY REFERENCES sources(id) ON DELETE CASCADE,
	account_id INTEGER NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
	remote_id  TEXT NOT NULL,
	folder     TEXT NOT NULL DEFAULT '', -- the label last agreed with the server
	UNIQUE (account_id, remote_id)
);
CREATE TABLE account_items (
	item_id    INTEGER PRIMARY KEY REFERENCES items(id) ON DELETE CASCADE,
	account_id INTEGER NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
	remote_id  INTEGER NOT NULL,
	read       INTEGER NOT NULL,
	starred    INTEGER NOT NULL,
	UNIQUE (account_id, remote_id)
);
CREATE TABLE account_changes (
	item_id    INTEGER NOT NULL REFERENCES items(id) ON DELETE CASCADE,
	flag       TEXT NOT NULL CHECK (flag IN ('read', 'starred')),
	value      INTEGER NOT NULL,
	changed_at INTEGER NOT NULL,
	PRIMARY KEY (item_id, flag)
) WITHOUT ROWID;
CREATE TRIGGER account_items_read AFTER UPDATE OF read ON items
WHEN new.read <> old.read AND EXISTS (SELECT 1 FROM account_items WHERE item_id = new.id) BEGIN
	INSERT INTO account_changes (item_id, flag, value, changed_at)
	VALUES (new.id, 'read', new.read, CAST(unixepoch('subsec') * 1000 AS INTEGER))
	ON CONFLICT (item_id, flag) DO UPDATE SET value = excluded.value, changed_at = excluded.changed_at;
END;
CREATE TRIGGER account_items_starred AFTER UPDATE OF starred ON items
WHEN new.starred <> old.starred AND EXISTS (SELECT 1 FROM account_items WHERE item_id = new.id) BEGIN
	INSERT INTO account_changes (item_id, flag, value, changed_at)
	VALUES (new.id, 'starred', new.starred, CAST(unixepoch('subsec') * 1000 AS INTEGER))
	ON CONFLICT (item_id, flag) DO UPDATE SET value = excluded.value, changed_at = excluded.changed_at;
END;
CREATE TABLE account_added (
	source_id  INTEGER PRIMARY KEY REFERENCES sources(id) ON DELETE CASCADE,
	account_id INTEGER NOT NULL REFERENCES accounts(id) ON DELETE CASCADE
);
CREATE TRIGGER account_source_added AFTER INSERT ON sources
WHEN EXISTS (SELECT 1 FROM accounts) BEGIN
	INSERT INTO account_added (source_id, account_id) VALUES (new.id, (SELECT min(id) FROM accounts));
END;
CREATE TABLE account_unsubscribed (
	account_id INTEGER NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
	remote_id  TEXT NOT NULL,
	PRIMARY KEY (account_id, remote_id)
) WITHOUT ROWID;
CREATE TRIGGER account_source_removed BEFORE DELETE ON sources
WHEN EXISTS (SELECT 1 FROM account_sources WHERE source_id = old.id) BEGIN
	INSERT OR IGNORE INTO account_unsubscribed (account_id, remote_id)
	SELECT account_id, remote_id FROM account_sources WHERE source_id = old.id;
END;
`

// Account is a feed server account. Its secret is not stored here.
type Account struct {
	ID         int64     `json:"id"`
	Kind       string    `json:"kind"` // "greader"
	URL        string    `json:"url"`
	User       string    `json:"user"`
	CreatedAt  time.Time `json:"created_at"`
	LastSyncAt time.Time `json:"last_sync_at"` // zero: never synced
	LastError  string    `json:"last_error,omitempty"`
	// ItemsSince is the newest publication time of the items synced, for
	// asking the server only for newer ones (ot).
	ItemsSince time.Time `json:"-"`
	Sources    int       `json:"sources"` // subscriptions synced with it
}

// AddAccount stores a new account; the same kind, URL and user twice is
// an error.
func (s *Store) AddAccount(ctx context.Context, a Account) (Account, error) {
	a.CreatedAt = s.now().Truncate(time.Second)
	r, err := s.db.ExecContext(ctx, `INSERT INTO accounts (kind, url, username, created_at) VALUES (?, ?, ?, ?)`,
		a.Kind, a.URL, a.User, a.CreatedAt.Unix())
	if err != nil {
		if strings.Contains(err.Error(), "UNIQUE") {
			return a, fmt.Errorf("store: add account: %s at %s is already an account", a.User, a.URL)
		}
		return a, fmt.Errorf("store: add account: %w", err)
	}
	a.ID, _ = r.LastInsertId()
	return a, nil
}

const accountColumns = `a.id, a.kind, a.url, a.username, a.created_at, a.last_sync_at, a.last_error, a.items_since,
	(SELECT count(*) FROM account_sources x WHERE x.account_id = a.id)`

func scanAccount(sc interface{ Scan(...any) error }) (Account, error) {
	var a Account
	var created, synced, since int64
	err := sc.Scan(&a.ID, &a.Kind, &a.URL, &a.User, &created, &synced, &a.LastError, &since, &a.Sources)
	a.CreatedAt, a.LastSyncAt, a.ItemsSince = fromUnix(created), fromUnix(synced), fromUnix(since)
	return a, err
}

// Accounts lists the accounts, oldest first.
func (s *Store) Accounts(ctx context.Context) ([]Account, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT `+accountColumns+` FROM accounts a ORDER BY a.id`)
	if err != nil {
		return nil, fmt.Errorf("store: accounts: %w", err)
	}
	defer rows.Close()
	var out []Account
	for rows.Next() {
		a, err := scanAccount(rows)
		if err != nil {
			return nil, fmt.Errorf("store: accounts: %w", err)
		}
		out = append(out, a)
	}
	return out, rows.Err()
}

// GetAccount returns one account (ErrNotFound when there is none).
func (s *Store) GetAccount(ctx context.Context, id int64) (Account, error) {
	a, err := scanAccount(s.db.QueryRowContext(ctx, `SELECT `+accountColumns+` FROM accounts a WHERE a.id = ?`, id))
	if errors.Is(err, sql.ErrNoRows) {
		return a, fmt.Errorf("%w: account %d", ErrNotFound, id)
	}
	if err != nil {
		return a, fmt.Errorf("store: account %d: %w", id, err)
	}
	return a, nil
}

// RemoveAccount forgets an account. Its sources and items stay, as local
// sources that Knowflow fetches itself again; nothing changes on the server.
func (s *Store) RemoveAccount(ctx context.Context, id int64) error {
	r, err := s.db.ExecContext(ctx, `DELETE FROM accounts WHERE id = ?`, id)
	if err != nil {
		return fmt.Errorf("store: remove account %d: %w", id, err)
	}
	if n, _ := r.RowsAffected(); n == 0 {
		return fmt.Errorf("%w: account %d", ErrNotFound, id)
	}
	return nil
}

// SetAccountSynced records the end of a sync: its time and error ("" when
// it worked; the time is then the last good sync's), and the newest item
// time synced when not zero.
func (s *Store) SetAccountSynced(ctx context.Context, id int64, at time.Time, syncErr string, itemsSince time.Time) error {
	_, err := s.db.ExecContext(ctx, `UPDATE accounts SET
		last_sync_at = CASE WHEN ?1 = '' THEN ?2 ELSE last_sync_at END, last_error = ?1,
		items_since = max(items_since, ?3) WHERE id = ?4`, syncErr, at.Unix(), unix(itemsSince), id)
	if err != nil {
		return fmt.Errorf("store: account %d synced: %w", id, err)
	}
	return nil
}

// SyncedSourceIDs is the set of sources an account syncs: a refresh does
// not fetch them itself.
func (s *Store) SyncedSourceIDs(ctx context.Context) (map[int64]bool, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT source_id FROM account_sources`)
	if err != nil {
		return nil, fmt.Errorf("store: synced sources: %w", err)
	}
	defer rows.Close()
	out := map[int64]bool{}
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			return nil, fmt.Errorf("store: synced sources: %w", err)
		}
		out[id] = true
	}
	return out, rows.Err()
}

// queryAll runs a query and scans each row with scan.
func queryAll(ctx context.Context, db interface {
	QueryContext(context.Context, string, ...any) (*sql.Rows, error)
}, what, q string, args []any, scan func(*sql.Rows) error) error {
	rows, err := db.QueryContext(ctx, q, args...)
	if err != nil {
		return fmt.Errorf("store: %s: %w", what, err)
	}
	defer rows.Close()
	for rows.Next() {
		if err := scan(rows); err != nil {
			return fmt.Errorf("store: %s: %w", what, err)
		}
	}
	if err := rows.Err(); err != nil {
		return fmt.Errorf("store: %s: %w", what, err)
	}
	return nil
}
