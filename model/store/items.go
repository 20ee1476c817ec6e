package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/knowflow/knowflow/model"
)

// FetchResult is what one refresh of one source produced, for SaveFetches.
type FetchResult struct {
	SourceID int64
	// Err, when set, is recorded as the source's error (ErrorCount grows)
	// and nothing else changes but the check times.
	Err string
	// ErrDetail is Err's technical message, shown on demand.
	ErrDetail   string
	NotModified bool
	Items       []model.Item
	// search is Items as the search index takes them (PrepareSearch);
	// SaveFetches analyses the items itself when it is missing.
	search []searchDoc
	// Updated source fields; empty ones are left as they were.
	ETag, LastModified string
	Title, SiteURL     string
	FeedURL            string // a permanent redirect's new URL
	CheckedAt          time.Time
	NextCheckAt        time.Time
}

// SaveStats counts what SaveFetches stored.
type SaveStats struct {
	New, Updated, Unchanged int
}

// SaveFetches stores the results of many fetches in one transaction. A
// source whose items cannot be stored records that as its error and the
// others are kept: the batch is first written straight through, and only
// when some result fails is it written again with each source inside its
// own savepoint (savepoints make FTS5 flush its index every time, so the
// common case avoids them). It returns per-result stats in the same order,
// and an error only when the transaction itself failed (then nothing was
// stored).
//
// On a full disk nothing of the batch is stored and the error wraps
// ErrDiskFull; the sources keep their next check time, so the next
// refresh fetches them again.
func (s *Store) SaveFetches(ctx context.Context, results []FetchResult) (stats []SaveStats, err error) {
	defer s.onDiskFull(&err, "the items just fetched were not stored (those stored before are kept)")
	stats, err = s.saveFetches(ctx, results, false)
	if errors.Is(err, errResultFailed) && !isDiskFull(err) {
		return s.saveFetches(ctx, results, true)
	}
	return stats, err
}

// errResultFailed aborts a batch written without savepoints.
var errResultFailed = errors.New("store: a fetch result could not be stored")

func (s *Store) saveFetches(ctx context.Context, results []FetchResult, isolate bool) ([]SaveStats, error) {
	stats := make([]SaveStats, len(results))
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return nil, fmt.Errorf("store: save fetches: %w", err)
	}
	defer tx.Rollback()
	st := stmts{known: map[int]*sql.Stmt{}}
	defer func() {
		for _, stmt := range st.known {
			stmt.Close()
		}
	}()
	for _, p := range []struct {
		dst **sql.Stmt
		sql string
	}{
		{&st.insert, `INSERT INTO items (source_id, dedupe_key, hash, guid, link, title, author, content_html, content_text,
			categories, published_at, updated_at, fetched_at, enclosures) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`},
		{&st.index, insertSearch},
		{&st.unindex, `DELETE FROM items_search WHERE rowid = ?`},
		{&st.source, `UPDATE sources SET
			etag = CASE WHEN ? THEN etag ELSE ? END,
			last_modified = CASE WHEN ? THEN last_modified ELSE ? END,
			title = CASE WHEN title = '' AND ? <> '' THEN ? ELSE title END,
			site_url = CASE WHEN site_url = '' AND ? <> '' THEN ? ELSE site_url END,
			feed_url = CASE WHEN ? <> '' AND NOT EXISTS (SELECT 1 FROM sources o WHERE o.feed_url = ?) THEN ? ELSE feed_url END,
			last_error = '', last_error_detail = '', error_count = 0, failing_since = 0,
			last_checked_at = ?, next_check_at = ?
			WHERE id = ?`},
		{&st.update, `UPDATE items SET hash = ?, guid = ?, link = ?, title = ?, author = ?,
			content_html = ?, content_text = ?, categories = ?, published_at = ?, updated_at = ?, enclosures = ? WHERE id = ?`},
	} {
		stmt, err := tx.PrepareContext(ctx, p.sql)
		if err != nil {
			return nil, fmt.Errorf("store: save fetches: %w", err)
		}
		defer stmt.Close()
		*p.dst = stmt
	}

	for i, r := range results {
		if !isolate {
			one, err := saveOne(ctx, tx, st, r)
			if err != nil {
				return nil, fmt.Errorf("%w: %w", errResultFailed, err)
			}
			stats[i] = one
			continue
		}
		if _, err := tx.ExecContext(ctx, `SAVEPOINT fetch`); err != nil {
			return nil, fmt.Errorf("store: save fetches: %w", err)
		}
		one, err := saveOne(ctx, tx, st, r)
		if err != nil {
			if isDiskFull(err) {
				return nil, err // SQLite has rolled the whole transaction back
			}
			if _, rerr := tx.ExecContext(ctx, `ROLLBACK TO fetch`); rerr != nil {
				return nil, fmt.Errorf("store: save fetch of source %d: %w (then: %w)", r.SourceID, err, rerr)
			}
			r.Err = "storing items failed: " + err.Error()
			r.Items = nil
			one, err = saveOne(ctx, tx, st, r)
			if err != nil {
				return nil, fmt.Errorf("store: save fetch of source %d: %w", r.SourceID, err)
			}
		}
		if _, err := tx.ExecContext(ctx, `RELEASE fetch`); err != nil {
			return nil, fmt.Errorf("store: save fetches: %w", err)
		}
		stats[i] = one
	}
	if err := tx.Commit(); err != nil {
		return nil, fmt.Errorf("store: save fetches: %w", err)
	}
	return stats, nil
}

// stmts are the prepared statements of one SaveFetches transaction.
type stmts struct {
	insert, index, unindex, update, source *sql.Stmt
	// known[n] looks up n dedupe keys of a source (knownItems); prepared
	// on first use, since feeds come in a handful of sizes.
	known map[int]*sql.Stmt
}

type knownItem struct {
	id     int64
	hash   string
	pruned bool // pruned by PruneRead: not stored again
}

// knownItems looks up which of items the source already has, in one query
// per few hundred items rather than one per item.
func knownItems(ctx context.Context, tx *sql.Tx, q stmts, sourceID int64, items []model.Item) (map[string]knownItem, error) {
	known := make(map[string]knownItem, len(items))
	const chunk = 500
	for start := 0; start < len(items); start += chunk {
		part := items[start:min(start+chunk, len(items))]
		args := make([]any, 0, len(part)+1)
		args = append(args, sourceID)
		for _, it := range part {
			args = append(args, it.DedupeKey)
		}
		stmt := q.known[len(part)]
		if stmt == nil {
			var err error
			stmt, err = tx.PrepareContext(ctx, `SELECT dedupe_key, id, hash FROM items WHERE source_id = ? AND dedupe_key IN (?`+
				strings.Repeat(", ?", len(part)-1)+`)`)
			if err != nil {
				return nil, err
			}
			q.known[len(part)] = stmt
		}
		rows, err := stmt.QueryContext(ctx, args...)
		if err != nil {
			return nil, err
		}
		for rows.Next() {
			var key string
			var k knownItem
			if err := rows.Scan(&key, &k.id, &k.hash); err != nil {
				rows.Close()
				return nil, err
			}
			known[key] = k
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return nil, err
		}
	}
	return known, nil
}

func saveOne(ctx context.Context, tx *sql.Tx, q stmts, r FetchResult) (SaveStats, error) {
	var st SaveStats
	checked, next := unix(r.CheckedAt), unix(r.NextCheckAt)
	if r.Err != "" {
		_, err := tx.ExecContext(ctx, `UPDATE sources SET last_error = ?, last_error_detail = ?,
			error_count = error_count + 1, failing_since = CASE WHEN failing_since = 0 THEN ? ELSE failing_since END,
			last_checked_at = ?, next_check_at = ? WHERE id = ?`, r.Err, r.ErrDetail, checked, checked, next, r.SourceID)
		return st, err
	}
	fetched := r.CheckedAt.Unix()
	known, err := knownItems(ctx, tx, q, r.SourceID, r.Items)
	if err != nil {
		return st, err
	}
	if err := knownPruned(ctx, tx, r.SourceID, r.Items, known, fetched); err != nil {
		return st, err
	}
	search := r.search
	if len(search) != len(r.Items) {
		search = searchDocs(r.Items)
	}
	for i, it := range r.Items {
		k, found := known[it.DedupeKey]
		id, hash := k.id, k.hash
		published := unix(it.Published)
		if published == 0 {
			published = fetched
		}
		cats := lines(it.Categories)
		switch {
		case k.pruned:
			st.Unchanged++ // read and pruned: it stays gone
		case !found:
			res, err := q.insert.ExecContext(ctx, r.SourceID, it.DedupeKey, it.Hash, it.GUID, it.Link, it.Title, it.Author,
				it.ContentHTML, it.Text, cats, published, unix(it.Updated), fetched, encodeEnclosures(it.Enclosures))
			if err != nil {
				return st, err
			}
			id, _ = res.LastInsertId()
			if err := search[i].index(ctx, q.index, id, r.SourceID); err != nil {
				return st, err
			}
			known[it.DedupeKey] = knownItem{id: id, hash: it.Hash}
			st.New++
		case hash == it.Hash:
			st.Unchanged++
		default:
			// Updated in place: read/starred state and notes stay.
			if _, err := q.update.ExecContext(ctx, it.Hash, it.GUID, it.Link, it.Title, it.Author,
				it.ContentHTML, it.Text, cats, published, unix(it.Updated), encodeEnclosures(it.Enclosures), id); err != nil {
				return st, err
			}
			if _, err := q.unindex.ExecContext(ctx, id); err != nil {
				return st, err
			}
			if err := search[i].index(ctx, q.index, id, r.SourceID); err != nil {
				return st, err
			}
			known[it.DedupeKey] = knownItem{id: id, hash: it.Hash}
			st.Updated++
		}
	}
	_, err = q.source.ExecContext(ctx,
		r.NotModified, r.ETag, r.NotModified, r.LastModified,
		r.Title, r.Title, r.SiteURL, r.SiteURL,
		r.FeedURL, r.FeedURL, r.FeedURL,
		checked, next, r.SourceID)
	return st, err
}

func scanItem(sc interface{ Scan(...any) error }) (model.Item, error) {
	var it model.Item
	var cats, by, encl string
	var pub, upd, fetched int64
	err := sc.Scan(&it.ID, &it.SourceID, &it.SourceTitle, &it.GUID, &it.Link, &it.Title, &it.Author, &it.ContentHTML, &cats,
		&pub, &upd, &fetched, &it.DedupeKey, &it.Hash, &it.Read, &it.Starred, &it.Note, &encl, &by)
	it.Categories = splitLines(cats)
	it.Enclosures = decodeEnclosures(encl)
	it.WrittenBy = splitLines(by)
	it.Published, it.Updated, it.FetchedAt = fromUnix(pub), fromUnix(upd), fromUnix(fetched)
	return it, err
}

// encodeEnclosures is the enclosures column: a JSON array, "" for none.
func encodeEnclosures(es []model.Enclosure) string {
	if len(es) == 0 {
		return ""
	}
	b, err := json.Marshal(es)
	if err != nil {
		return ""
	}
	return string(b)
}

// decodeEnclosures reads the enclosures column; a damaged value reads as
// none.
func decodeEnclosures(s string) []model.Enclosure {
	if s == "" {
		return nil
	}
	var es []model.Enclosure
	if json.Unmarshal([]byte(s), &es) != nil {
		return nil
	}
	return es
}

// Item returns one item.
func (s *Store) Item(ctx context.Context, id int64) (model.Item, error) {
	it, err := scanItem(s.db.QueryRowContext(ctx, `SELECT `+itemColumns+` FROM items i
		JOIN sources s ON s.id = i.source_id LEFT JOIN notes n ON n.item_id = i.id WHERE i.id = ?`, id))
	if errors.Is(err, sql.ErrNoRows) {
		return it, fmt.Errorf("%w: item %d", ErrNotFound, id)
	}
	if err != nil {
		return it, fmt.Errorf("store: item %d: %w", id, err)
	}
	return it, nil
}

// SetRead marks an item read or unread.
func (s *Store) SetRead(ctx context.Context, id int64, read bool) error {
	return s.setFlag(ctx, "read", id, read)
}

// SetStarred stars or unstars an item.
func (s *Store) SetStarred(ctx context.Context, id int64, starred bool) error {
	return s.setFlag(ctx, "starred", id, starred)
}

func (s *Store) setFlag(ctx context.Context, col string, id int64, v bool) error {
	var r sql.Result
	var err error
	if col == "read" {
		// read_at: when it became read (kept when it already was), for
		// PruneRead.
		r, err = s.db.ExecContext(ctx, `UPDATE items SET read = ?1,
			read_at = CASE WHEN NOT ?1 THEN 0 WHEN read = 0 THEN ?2 ELSE read_at END WHERE id = ?3`, v, s.now().Unix(), id)
	} else {
		r, err = s.db.ExecContext(ctx, `UPDATE items SET `+col+` = ? WHERE id = ?`, v, id)
	}
	if err != nil {
		return fmt.Errorf("store: set %s: %w", col, err)
	}
	if n, _ := r.RowsAffected(); n == 0 {
		return fmt.Errorf("%w: item %d", ErrNotFound, id)
	}
	return nil
}

// SetNote stores the user's note on an item ("why this matters"), trimmed;
// an empty body removes the note. An unknown item is ErrNotFound.
func (s *Store) SetNote(ctx context.Context, itemID int64, body string) error {
	body = strings.TrimSpace(body)
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("store: set note: %w", err)
	}
	defer tx.Rollback()
	var one int
	err = tx.QueryRowContext(ctx, `SELECT 1 FROM items WHERE id = ?`, itemID).Scan(&one)
	if errors.Is(err, sql.ErrNoRows) {
		return fmt.Errorf("%w: item %d", ErrNotFound, itemID)
	}
	if err != nil {
		return fmt.Errorf("store: set note on item %d: %w", itemID, err)
	}
	if body == "" {
		_, err = tx.ExecContext(ctx, `DELETE FROM notes WHERE item_id = ?`, itemID)
	} else {
		_, err = tx.ExecContext(ctx, `INSERT INTO notes (item_id, body, updated_at) VALUES (?, ?, ?)
			ON CONFLICT (item_id) DO UPDATE SET body = excluded.body, updated_at = excluded.updated_at`,
			itemID, body, time.Now().Unix())
	}
	if err != nil {
		return fmt.Errorf("store: set note on item %d: %w", itemID, err)
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("store: set note on item %d: %w", itemID, err)
	}
	return nil
}
