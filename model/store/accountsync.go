package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"slices"
	"time"

	"github.com/knowflow/knowflow/model"
)

// What a sync reads and writes. Each Apply/Save call is one transaction:
// a sync that fails between two of them leaves the database as the last
// one made it, and the next sync takes up from there.

// SyncedSource is a source an account syncs.
type SyncedSource struct {
	SourceID int64
	RemoteID string   // the server's stream id, "feed/42"
	Folder   string   // the label last agreed with the server
	Local    []string // its folder path here now
	FeedURL  string
}

// SyncedSources lists the account's sources.
func (s *Store) SyncedSources(ctx context.Context, account int64) ([]SyncedSource, error) {
	paths, err := s.folderPaths(ctx)
	if err != nil {
		return nil, err
	}
	var out []SyncedSource
	err = queryAll(ctx, s.db, "synced sources", `SELECT x.source_id, x.remote_id, x.folder, ifnull(s.folder_id, 0), s.feed_url
		FROM account_sources x JOIN sources s ON s.id = x.source_id WHERE x.account_id = ?`, []any{account},
		func(rows *sql.Rows) error {
			var ss SyncedSource
			var folder int64
			if err := rows.Scan(&ss.SourceID, &ss.RemoteID, &ss.Folder, &folder, &ss.FeedURL); err != nil {
				return err
			}
			ss.Local = paths[folder]
			out = append(out, ss)
			return nil
		})
	return out, err
}

// AddedSources lists the sources added here since the last sync that are
// to be subscribed to on the account's server.
func (s *Store) AddedSources(ctx context.Context, account int64) ([]model.Source, error) {
	var ids []int64
	if err := queryAll(ctx, s.db, "added sources", `SELECT source_id FROM account_added WHERE account_id = ? ORDER BY source_id`,
		[]any{account}, func(rows *sql.Rows) error {
			ids = append(ids, 0)
			return rows.Scan(&ids[len(ids)-1])
		}); err != nil {
		return nil, err
	}
	out := make([]model.Source, 0, len(ids))
	for _, id := range ids {
		src, err := s.Source(ctx, id)
		if err != nil {
			return nil, err
		}
		out = append(out, src)
	}
	return out, nil
}

// UnsubscribedSources lists the server's stream ids of synced sources
// removed here since the last sync.
func (s *Store) UnsubscribedSources(ctx context.Context, account int64) ([]string, error) {
	var out []string
	err := queryAll(ctx, s.db, "unsubscribed sources", `SELECT remote_id FROM account_unsubscribed WHERE account_id = ?`,
		[]any{account}, func(rows *sql.Rows) error {
			var id string
			err := rows.Scan(&id)
			out = append(out, id)
			return err
		})
	return out, err
}

// RemoteSource is a subscription on the server.
type RemoteSource struct {
	RemoteID, Title, FeedURL, SiteURL, Folder string
	// SourceID, when set, is the local source it is (one added here and
	// just subscribed to on the server).
	SourceID int64
}

// SourceFolder is a synced source's folder after a sync: Folder is the
// label now agreed; Move also moves the local source into it.
type SourceFolder struct {
	SourceID int64
	Folder   string
	Move     bool
}

// SubscriptionChanges is what the subscriptions step of a sync stores.
type SubscriptionChanges struct {
	Account int64
	// New are subscriptions not synced yet: a local source with the same
	// feed URL is taken over, else a source is added.
	New []RemoteSource
	// Folders are synced sources whose folder changed on either side.
	Folders []SourceFolder
	// Gone are synced sources the server no longer has: removed here.
	Gone []int64
	// Unsubscribed are stream ids unsubscribed from on the server.
	Unsubscribed []string
}

// ApplySubscriptions stores the subscriptions step in one transaction and
// returns how many sources it added.
func (s *Store) ApplySubscriptions(ctx context.Context, ch SubscriptionChanges) (added int, err error) {
	err = s.inTx(ctx, "apply subscriptions", func(tx *sql.Tx) error {
		place := newPlacer(tx)
		for _, rs := range ch.New {
			id := rs.SourceID
			var err error
			if id == 0 {
				err = tx.QueryRowContext(ctx, `SELECT id FROM sources WHERE feed_url = ?
					AND id NOT IN (SELECT source_id FROM account_sources)`, rs.FeedURL).Scan(&id)
			}
			if errors.Is(err, sql.ErrNoRows) {
				folderID, _, err := place.folder(ctx, folderPath(rs.Folder))
				if err != nil {
					return err
				}
				pos, err := place.position(ctx, "sources")
				if err != nil {
					return err
				}
				r, err := tx.ExecContext(ctx, `INSERT INTO sources (folder_id, title, feed_url, site_url, position, created_at)
					VALUES (?, ?, ?, ?, ?, ?)`,
					nullID(folderID), rs.Title, rs.FeedURL, rs.SiteURL, pos, s.now().Unix())
				if err != nil {
					return err
				}
				id, _ = r.LastInsertId()
				added++
			} else if err != nil {
				return err
			}
			if _, err := tx.ExecContext(ctx, `DELETE FROM account_added WHERE source_id = ?`, id); err != nil {
				return err
			}
			if _, err := tx.ExecContext(ctx, `INSERT INTO account_sources (source_id, account_id, remote_id, folder) VALUES (?, ?, ?, ?)
				ON CONFLICT (source_id) DO UPDATE SET remote_id = excluded.remote_id, folder = excluded.folder`,
				id, ch.Account, rs.RemoteID, rs.Folder); err != nil {
				return err
			}
		}
		for _, f := range ch.Folders {
			if f.Move {
				folderID, _, err := place.folder(ctx, folderPath(f.Folder))
				if err != nil {
					return err
				}
				if _, err := tx.ExecContext(ctx, `UPDATE sources SET folder_id = ? WHERE id = ?`, nullID(folderID), f.SourceID); err != nil {
					return err
				}
			}
			if _, err := tx.ExecContext(ctx, `UPDATE account_sources SET folder = ? WHERE source_id = ?`, f.Folder, f.SourceID); err != nil {
				return err
			}
		}
		for _, id := range ch.Gone {
			// Forget the mapping first, so the delete trigger does not
			// queue an unsubscribe of what the server dropped itself.
			if _, err := tx.ExecContext(ctx, `DELETE FROM account_sources WHERE source_id = ?`, id); err != nil {
				return err
			}
			if _, err := tx.ExecContext(ctx, `DELETE FROM sources WHERE id = ?`, id); err != nil {
				return err
			}
		}
		for _, rid := range ch.Unsubscribed {
			if _, err := tx.ExecContext(ctx, `DELETE FROM account_unsubscribed WHERE account_id = ? AND remote_id = ?`, ch.Account, rid); err != nil {
				return err
			}
		}
		return nil
	})
	return added, err
}

// folderPath is a label as a folder path: one folder, or none.
func folderPath(label string) []string {
	if label == "" {
		return nil
	}
	return []string{label}
}

// SyncedItem is a synced item: its server id, the state last agreed with
// the server (Base) and its state here now.
type SyncedItem struct {
	ItemID, RemoteID      int64
	BaseRead, BaseStarred bool
	Read, Starred         bool
}

// SyncedItems maps the server ids of the account's items to them.
func (s *Store) SyncedItems(ctx context.Context, account int64) (map[int64]SyncedItem, error) {
	out := map[int64]SyncedItem{}
	err := queryAll(ctx, s.db, "synced items", `SELECT x.item_id, x.remote_id, x.read, x.starred, i.read, i.starred
		FROM account_items x JOIN items i ON i.id = x.item_id WHERE x.account_id = ?`, []any{account},
		func(rows *sql.Rows) error {
			var it SyncedItem
			err := rows.Scan(&it.ItemID, &it.RemoteID, &it.BaseRead, &it.BaseStarred, &it.Read, &it.Starred)
			out[it.RemoteID] = it
			return err
		})
	return out, err
}

// FlagChange is a read or starred change made here to a synced item since
// the last sync.
type FlagChange struct {
	ItemID, RemoteID int64
	Flag             string // "read" or "starred"
	Value            bool
	ChangedAt        int64 // unix ms
}

// FlagChanges lists the account's flag changes made here since the last sync.
func (s *Store) FlagChanges(ctx context.Context, account int64) ([]FlagChange, error) {
	var out []FlagChange
	err := queryAll(ctx, s.db, "flag changes", `SELECT c.item_id, x.remote_id, c.flag, c.value, c.changed_at
		FROM account_changes c JOIN account_items x ON x.item_id = c.item_id WHERE x.account_id = ?`, []any{account},
		func(rows *sql.Rows) error {
			var c FlagChange
			err := rows.Scan(&c.ItemID, &c.RemoteID, &c.Flag, &c.Value, &c.ChangedAt)
			out = append(out, c)
			return err
		})
	return out, err
}

// FlagUpdate is the outcome of one item's flag in a sync: Value is now
// agreed with the server. SetLocal also sets the item (the server's change
// won); Resolves is the ChangedAt of the local change it settles (0: none).
type FlagUpdate struct {
	ItemID   int64
	Flag     string
	Value    bool
	SetLocal bool
	Resolves int64
}

// ApplyFlags stores a sync's flag outcomes in one transaction. An item
// changed here again since the sync read its changes is left for the next
// sync: that newer change wins.
func (s *Store) ApplyFlags(ctx context.Context, updates []FlagUpdate) error {
	now := s.now().Unix()
	return s.inTx(ctx, "apply flags", func(tx *sql.Tx) error {
		for _, u := range updates {
			if u.Flag != "read" && u.Flag != "starred" {
				return fmt.Errorf("unknown flag %q", u.Flag)
			}
			var pending int64
			err := tx.QueryRowContext(ctx, `SELECT changed_at FROM account_changes WHERE item_id = ? AND flag = ?`, u.ItemID, u.Flag).Scan(&pending)
			if err != nil && !errors.Is(err, sql.ErrNoRows) {
				return err
			}
			if pending != u.Resolves {
				continue // changed here meanwhile
			}
			if u.SetLocal {
				if err := setItemFlag(ctx, tx, u.ItemID, u.Flag, u.Value, now); err != nil {
					return err
				}
			}
			if _, err := tx.ExecContext(ctx, `UPDATE account_items SET `+u.Flag+` = ? WHERE item_id = ?`, u.Value, u.ItemID); err != nil {
				return err
			}
			if _, err := tx.ExecContext(ctx, `DELETE FROM account_changes WHERE item_id = ? AND flag = ?`, u.ItemID, u.Flag); err != nil {
				return err
			}
		}
		return nil
	})
}

// setItemFlag sets an item's read or starred flag as SetRead and
// SetStarred do (read_at stamped when it becomes read).
func setItemFlag(ctx context.Context, tx *sql.Tx, id int64, flag string, v bool, now int64) error {
	var err error
	if flag == "read" {
		_, err = tx.ExecContext(ctx, `UPDATE items SET read = ?1,
			read_at = CASE WHEN NOT ?1 THEN 0 WHEN read = 0 THEN ?2 ELSE read_at END WHERE id = ?3`, v, now, id)
	} else {
		_, err = tx.ExecContext(ctx, `UPDATE items SET starred = ? WHERE id = ?`, v, id)
	}
	return err
}

// RemoteItem is a server item to store.
type RemoteItem struct {
	RemoteID      int64
	SourceID      int64
	Item          model.Item // Title, Link, Author, ContentHTML (safe), Text, Published
	Read, Starred bool
	search        *searchDoc // PrepareRemoteSearch's; SaveRemoteItems analyses the item itself without it
}

// PrepareRemoteSearch analyses items for the search index now, on the
// caller's goroutine, so that SaveRemoteItems, which runs on the one
// writer, does not have to (as FetchResult.PrepareSearch does for a
// refresh). It must be called again if an Item changes.
func PrepareRemoteSearch(items []RemoteItem) {
	m := make([]model.Item, len(items))
	for i, ri := range items {
		m[i] = ri.Item
	}
	for i, d := range searchDocs(m) {
		items[i].search = &d
	}
}

// SaveRemoteItems stores a batch of server items in one transaction, with
// their state, and returns how many were new here. An item that the source
// has already (fetched here before it was synced: same link) is taken over
// and gets the server's state.
func (s *Store) SaveRemoteItems(ctx context.Context, account int64, items []RemoteItem, fetched time.Time) (added int, err error) {
	now := s.now().Unix()
	if slices.ContainsFunc(items, func(ri RemoteItem) bool { return ri.search == nil }) {
		items = slices.Clone(items)
		PrepareRemoteSearch(items)
	}
	err = s.inTx(ctx, "save remote items", func(tx *sql.Tx) error {
		// Each statement prepared once for the batch: preparing it per
		// item cost as much as running it.
		var stmts [5]*sql.Stmt
		for i, q := range []string{insertSearch,
			`SELECT id FROM items WHERE source_id = ? AND (dedupe_key = ? OR (link = ? AND link <> ''))
				AND id NOT IN (SELECT item_id FROM account_items) ORDER BY id LIMIT 1`,
			`INSERT INTO items (source_id, dedupe_key, hash, link, title, author, content_html,
				content_text, published_at, fetched_at, read, starred, read_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
			`INSERT INTO account_items (item_id, account_id, remote_id, read, starred) VALUES (?, ?, ?, ?, ?)`,
			`DELETE FROM account_changes WHERE item_id = ?`,
		} {
			st, err := tx.PrepareContext(ctx, q)
			if err != nil {
				return err
			}
			defer st.Close()
			stmts[i] = st
		}
		index, existing, insert, link, forget := stmts[0], stmts[1], stmts[2], stmts[3], stmts[4]
		// Only a source with items of its own, not from the server
		// (fetched here before it was synced), can hold one to take over.
		mixed, err := sourcesWithLocalItems(ctx, tx, items)
		if err != nil {
			return err
		}
		for _, ri := range items {
			it := ri.Item
			key := "link:" + it.Link
			if it.Link == "" {
				key = fmt.Sprintf("greader:%d", ri.RemoteID)
			}
			var id int64
			err := sql.ErrNoRows
			if mixed[ri.SourceID] {
				err = existing.QueryRowContext(ctx, ri.SourceID, key, it.Link).Scan(&id)
			}
			switch {
			case errors.Is(err, sql.ErrNoRows):
				published := unix(it.Published)
				if published == 0 {
					published = fetched.Unix()
				}
				readAt := int64(0)
				if ri.Read {
					readAt = now
				}
				r, err := insert.ExecContext(ctx, ri.SourceID, key, it.Hash, it.Link, it.Title, it.Author, it.ContentHTML, it.Text,
					published, fetched.Unix(), ri.Read, ri.Starred, readAt)
				if err != nil {
					return err
				}
				id, _ = r.LastInsertId()
				if err := ri.search.index(ctx, index, id, ri.SourceID); err != nil {
					return err
				}
				added++
			case err != nil:
				return err
			default: // taken over: the server's state, and no change of ours left to send
				if err := setItemFlag(ctx, tx, id, "read", ri.Read, now); err != nil {
					return err
				}
				if err := setItemFlag(ctx, tx, id, "starred", ri.Starred, now); err != nil {
					return err
				}
				if _, err := forget.ExecContext(ctx, id); err != nil {
					return err
				}
			}
			if _, err := link.ExecContext(ctx, id, account, ri.RemoteID, ri.Read, ri.Starred); err != nil {
				return err
			}
		}
		return nil
	})
	return added, err
}

// sourcesWithLocalItems are the sources of items that hold items not
// from their account's server.
func sourcesWithLocalItems(ctx context.Context, tx *sql.Tx, items []RemoteItem) (map[int64]bool, error) {
	var ids []int64
	for _, ri := range items {
		if !slices.Contains(ids, ri.SourceID) {
			ids = append(ids, ri.SourceID)
		}
	}
	out := map[int64]bool{}
	if len(ids) == 0 {
		return out, nil
	}
	mixed, err := queryColumn[int64](ctx, tx, `SELECT DISTINCT source_id FROM items WHERE source_id IN (`+placeholders(len(ids))+`)
		AND id NOT IN (SELECT item_id FROM account_items)`, anys(ids)...)
	if err != nil {
		return nil, err // inTx says what failed
	}
	for _, id := range mixed {
		out[id] = true
	}
	return out, nil
}

// inTx runs f in one write transaction, committed when f returns nil.
func (s *Store) inTx(ctx context.Context, what string, f func(*sql.Tx) error) error {
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("store: %s: %w", what, err)
	}
	defer tx.Rollback()
	if err := f(tx); err != nil {
		return fmt.Errorf("store: %s: %w", what, err)
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("store: %s: %w", what, err)
	}
	return nil
}
