package store

import (
	"context"
	"database/sql"
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
	Err         string
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
func (s *Store) SaveFetches(ctx context.Context, results []FetchResult) ([]SaveStats, error) {
	stats, err := s.saveFetches(ctx, results, false)
	if errors.Is(err, errResultFailed) {
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
			categories, published_at, updated_at, fetched_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`},
		{&st.index, insertSearch},
		{&st.unindex, `DELETE FROM items_search WHERE rowid = ?`},
		{&st.source, `UPDATE sources SET
			etag = CASE WHEN ? THEN etag ELSE ? END,
			last_modified = CASE WHEN ? THEN last_modified ELSE ? END,
			title = CASE WHEN title = '' AND ? <> '' THEN ? ELSE title END,
			site_url = CASE WHEN site_url = '' AND ? <> '' THEN ? ELSE site_url END,
			feed_url = CASE WHEN ? <> '' AND NOT EXISTS (SELECT 1 FROM sources o WHERE o.feed_url = ?) THEN ? ELSE feed_url END,
			last_error = '', error_count = 0, last_checked_at = ?, next_check_at = ?
			WHERE id = ?`},
		{&st.update, `UPDATE items SET hash = ?, guid = ?, link = ?, title = ?, author = ?,
			content_html = ?, content_text = ?, categories = ?, published_at = ?, updated_at = ? WHERE id = ?`},
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
				return nil, errResultFailed
			}
			stats[i] = one
			continue
		}
		if _, err := tx.ExecContext(ctx, `SAVEPOINT fetch`); err != nil {
			return nil, fmt.Errorf("store: save fetches: %w", err)
		}
		one, err := saveOne(ctx, tx, st, r)
		if err != nil {
			if _, rerr := tx.ExecContext(ctx, `ROLLBACK TO fetch`); rerr != nil {
				return nil, fmt.Errorf("store: save fetches: %w", rerr)
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
	id   int64
	hash string
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
		_, err := tx.ExecContext(ctx, `UPDATE sources SET last_error = ?, error_count = error_count + 1,
			last_checked_at = ?, next_check_at = ? WHERE id = ?`, r.Err, checked, next, r.SourceID)
		return st, err
	}
	fetched := r.CheckedAt.Unix()
	known, err := knownItems(ctx, tx, q, r.SourceID, r.Items)
	if err != nil {
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
		case !found:
			res, err := q.insert.ExecContext(ctx, r.SourceID, it.DedupeKey, it.Hash, it.GUID, it.Link, it.Title, it.Author,
				it.ContentHTML, it.Text, cats, published, unix(it.Updated), fetched)
			if err != nil {
				return st, err
			}
			id, _ = res.LastInsertId()
			if err := search[i].index(ctx, q.index, id, r.SourceID); err != nil {
				return st, err
			}
			known[it.DedupeKey] = knownItem{id, it.Hash}
			st.New++
		case hash == it.Hash:
			st.Unchanged++
		default:
			// Updated in place: read/starred state and notes stay.
			if _, err := q.update.ExecContext(ctx, it.Hash, it.GUID, it.Link, it.Title, it.Author,
				it.ContentHTML, it.Text, cats, published, unix(it.Updated), id); err != nil {
				return st, err
			}
			if _, err := q.unindex.ExecContext(ctx, id); err != nil {
				return st, err
			}
			if err := search[i].index(ctx, q.index, id, r.SourceID); err != nil {
				return st, err
			}
			known[it.DedupeKey] = knownItem{id, it.Hash}
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

// ItemFilter selects items for Items.
type ItemFilter struct {
	SourceID int64
	FolderID int64 // items of every source in this folder and below
	Unread   bool
	Starred  bool
	Query    string // full-text search (FTS5) over title, text, author, categories
	Limit    int    // default 50
	// After continues a listing after the item a page ended with
	// (CursorOf of its last item); zero starts at the top.
	After Cursor
}

// Cursor is a place in a listing: the item a page ended with. Paging by
// it (keyset) costs the same on every page, where OFFSET would read and
// drop every item before the page (a second at 400,000 items).
type Cursor struct {
	Published int64 // published_at as stored, Unix seconds
	ID        int64
}

// CursorOf is the place just after it in a listing.
func CursorOf(it model.Item) Cursor { return Cursor{Published: unix(it.Published), ID: it.ID} }

const itemColumns = `i.id, i.source_id, s.title, i.guid, i.link, i.title, i.author, i.content_html, i.categories,
	i.published_at, i.updated_at, i.fetched_at, i.dedupe_key, i.hash, i.read, i.starred, ifnull(n.body, ''),
	ifnull((SELECT group_concat(c.name, char(10)) FROM contact_sources cs JOIN contacts c ON c.id = cs.contact_id
		WHERE cs.source_id = i.source_id), '')`

// itemQuery builds the FROM and WHERE clauses, arguments and order of f,
// and the expression of an item's id in them. With columns set the FROM
// clause joins what itemColumns reads; without, only what the filter
// needs (counting 500,000 items takes 10 ms alone, 180 ms joined).
// sources, when not nil, are the sources a search is limited to
// (searchSources): the index finds their items itself.
func itemQuery(f ItemFilter, columns bool, sources []int64) (fromWhere string, args []any, order, id string) {
	var where []string
	from, order, id := `items i`, `i.published_at DESC, i.id DESC`, `i.id`
	if q := strings.TrimSpace(f.Query); q != "" {
		// Newest first, as everywhere in the reader. FTS5 walks its index in
		// rowid order and stops at the LIMIT; ranking by bm25 would score
		// and sort every match (hundreds of milliseconds for a common word
		// over 100,000 items).
		from, order, id = `items_search`, `items_search.rowid DESC`, `items_search.rowid`
		if columns || f.Unread || f.Starred || (sources == nil && (f.SourceID != 0 || f.FolderID != 0)) {
			from += ` JOIN items i ON i.id = items_search.rowid`
		}
		match := FTSQuery(f.Query) // untrimmed: a trailing space ends the last word
		if sources != nil {
			terms := []string{`"` + sourceTerm(0) + `"`} // no source has id 0: a folder without sources finds nothing
			for _, src := range sources {
				terms = append(terms, `"`+sourceTerm(src)+`"`)
			}
			match = `(` + strings.Join(terms, ` OR `) + `) AND (` + match + `)`
			f.SourceID, f.FolderID = 0, 0
		}
		where = append(where, `items_search MATCH ?`)
		args = append(args, match)
		if f.After.ID != 0 {
			where = append(where, `items_search.rowid < ?`)
			args = append(args, f.After.ID)
		}
	} else if f.After.ID != 0 {
		// The same order as the index items_published (and its partial and
		// per-source twins), which this seeks into.
		where = append(where, `(i.published_at, i.id) < (?, ?)`)
		args = append(args, f.After.Published, f.After.ID)
	}
	if columns {
		from += ` JOIN sources s ON s.id = i.source_id LEFT JOIN notes n ON n.item_id = i.id`
	}
	if f.SourceID != 0 {
		where = append(where, `i.source_id = ?`)
		args = append(args, f.SourceID)
	}
	if f.FolderID != 0 {
		where = append(where, `i.source_id IN (SELECT fs.id FROM sources fs WHERE fs.folder_id IN (`+folderTree+`))`)
		args = append(args, f.FolderID)
	}
	if f.Unread {
		where = append(where, `i.read = 0`)
	}
	if f.Starred {
		where = append(where, `i.starred = 1`)
	}
	fromWhere = from
	if len(where) > 0 {
		fromWhere += ` WHERE ` + strings.Join(where, ` AND `)
	}
	return fromWhere, args, order, id
}

// folderTree selects the folder ? and every folder below it.
const folderTree = `WITH RECURSIVE sub(id) AS (SELECT ? UNION ALL SELECT f.id FROM folders f JOIN sub ON f.parent_id = sub.id) SELECT id FROM sub`

// searchSources returns, for a search within a source or a folder, the
// sources it covers (empty, not nil, for a folder without any), and nil
// for any other filter.
func searchSources(ctx context.Context, q queryer, f ItemFilter) ([]int64, error) {
	if strings.TrimSpace(f.Query) == "" || f.SourceID == 0 && f.FolderID == 0 {
		return nil, nil
	}
	if f.FolderID == 0 {
		return []int64{f.SourceID}, nil
	}
	rows, err := q.QueryContext(ctx, `SELECT id FROM sources WHERE folder_id IN (`+folderTree+`) AND (? = 0 OR id = ?)`,
		f.FolderID, f.SourceID, f.SourceID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	ids := []int64{}
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			return nil, err
		}
		ids = append(ids, id)
	}
	return ids, rows.Err()
}

// itemQueryFor is itemQuery, having looked up the sources a search is
// limited to.
func itemQueryFor(ctx context.Context, q queryer, f ItemFilter, columns bool) (fromWhere string, args []any, order, id string, err error) {
	sources, err := searchSources(ctx, q, f)
	if err != nil {
		return "", nil, "", "", err
	}
	fromWhere, args, order, id = itemQuery(f, columns, sources)
	return fromWhere, args, order, id, nil
}

func limitOf(f ItemFilter) int {
	if f.Limit <= 0 {
		return 50
	}
	return f.Limit
}

// Items lists items newest first (a search: the most recently stored
// first), f.Limit of them from f.After on.
func (s *Store) Items(ctx context.Context, f ItemFilter) ([]model.Item, error) {
	items, err := queryItems(ctx, s.db, f)
	if err != nil {
		return nil, fmt.Errorf("store: items: %w", err)
	}
	return items, nil
}

// queryer is a *sql.DB or a *sql.Tx.
type queryer interface {
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
	QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
}

func queryItems(ctx context.Context, q queryer, f ItemFilter) ([]model.Item, error) {
	fromWhere, args, order, _, err := itemQueryFor(ctx, q, f, true)
	if err != nil {
		return nil, err
	}
	rows, err := q.QueryContext(ctx, `SELECT `+itemColumns+` FROM `+fromWhere+` ORDER BY `+order+` LIMIT ?`,
		append(args, limitOf(f))...)
	if err != nil {
		return nil, err
	}
	return scanItems(rows)
}

func scanItems(rows *sql.Rows) ([]model.Item, error) {
	defer rows.Close()
	var out []model.Item
	for rows.Next() {
		it, err := scanItem(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, it)
	}
	return out, rows.Err()
}

// MaxSearchResults caps what a search counts: a common word matches most of
// a large database, and counting every match costs more than the search.
const MaxSearchResults = 1000

// CountItems counts the items Items would list without a limit; for a
// search, at most MaxSearchResults.
func (s *Store) CountItems(ctx context.Context, f ItemFilter) (int, error) {
	n, _, err := countItems(ctx, s.db, f)
	if err != nil {
		return 0, fmt.Errorf("store: count items: %w", err)
	}
	return n, nil
}

// countItems counts what f selects, up to MaxSearchResults for a search,
// and says whether a search matches more.
func countItems(ctx context.Context, q queryer, f ItemFilter) (int, bool, error) {
	fromWhere, args, _, id, err := itemQueryFor(ctx, q, f, false)
	if err != nil {
		return 0, false, err
	}
	query := `SELECT count(*) FROM ` + fromWhere
	search := strings.TrimSpace(f.Query) != ""
	if search {
		query = `SELECT count(*) FROM (SELECT ` + id + ` FROM ` + fromWhere + ` LIMIT ?)`
		args = append(args, MaxSearchResults+1)
	}
	var n int
	if err := q.QueryRowContext(ctx, query, args...).Scan(&n); err != nil {
		return 0, false, err
	}
	if search && n > MaxSearchResults {
		return MaxSearchResults, true, nil
	}
	return n, false, nil
}

// Page is the first page of a listing and how many items the listing
// holds.
type Page struct {
	Items []model.Item
	// Total counts what the filter selects (from f.After on); for a
	// search at most MaxSearchResults, and Capped says more match.
	Total  int
	Capped bool
}

// ItemsPage is Items with CountItems, as the Seek list shows them, read in
// one snapshot. For a search the index is read once for both: the ids of
// the matches, newest first, up to MaxSearchResults+1, whose first
// f.Limit are then loaded. A prefix FTS5 has no table for costs the
// same on every read of it, so this halves what each pause in typing
// costs.
func (s *Store) ItemsPage(ctx context.Context, f ItemFilter) (Page, error) {
	tx, err := s.db.BeginTx(ctx, &sql.TxOptions{ReadOnly: true}) // a deferred BEGIN: one snapshot, no write lock
	if err != nil {
		return Page{}, fmt.Errorf("store: items page: %w", err)
	}
	defer tx.Rollback()
	var p Page
	if strings.TrimSpace(f.Query) == "" {
		p.Total, _, err = countItems(ctx, tx, f)
		if err == nil {
			p.Items, err = queryItems(ctx, tx, f)
		}
	} else {
		p, err = searchPage(ctx, tx, f)
	}
	if err != nil {
		return Page{}, fmt.Errorf("store: items page: %w", err)
	}
	return p, nil
}

func searchPage(ctx context.Context, tx *sql.Tx, f ItemFilter) (Page, error) {
	fromWhere, args, order, id, err := itemQueryFor(ctx, tx, f, false)
	if err != nil {
		return Page{}, err
	}
	rows, err := tx.QueryContext(ctx, `SELECT `+id+` FROM `+fromWhere+` ORDER BY `+order+` LIMIT ?`,
		append(args, MaxSearchResults+1)...)
	if err != nil {
		return Page{}, err
	}
	var ids []any
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			rows.Close()
			return Page{}, err
		}
		ids = append(ids, id)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return Page{}, err
	}
	p := Page{Total: min(len(ids), MaxSearchResults), Capped: len(ids) > MaxSearchResults}
	ids = ids[:min(len(ids), limitOf(f))]
	if len(ids) == 0 {
		return p, nil
	}
	// The ids are in the search's order (rowid descending), so are these.
	rows, err = tx.QueryContext(ctx, `SELECT `+itemColumns+` FROM items i JOIN sources s ON s.id = i.source_id
		LEFT JOIN notes n ON n.item_id = i.id WHERE i.id IN (?`+strings.Repeat(", ?", len(ids)-1)+`) ORDER BY i.id DESC`, ids...)
	if err != nil {
		return Page{}, err
	}
	p.Items, err = scanItems(rows)
	return p, err
}

func scanItem(sc interface{ Scan(...any) error }) (model.Item, error) {
	var it model.Item
	var cats, by string
	var pub, upd, fetched int64
	err := sc.Scan(&it.ID, &it.SourceID, &it.SourceTitle, &it.GUID, &it.Link, &it.Title, &it.Author, &it.ContentHTML, &cats,
		&pub, &upd, &fetched, &it.DedupeKey, &it.Hash, &it.Read, &it.Starred, &it.Note, &by)
	it.Categories = splitLines(cats)
	it.WrittenBy = splitLines(by)
	it.Published, it.Updated, it.FetchedAt = fromUnix(pub), fromUnix(upd), fromUnix(fetched)
	return it, err
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

// MarkAllRead marks every unread item that f selects (its source,
// folder, starred and search parts; not its paging) as read, in one
// statement, and returns how many it marked.
func (s *Store) MarkAllRead(ctx context.Context, f ItemFilter) (int64, error) {
	f.Unread, f.Limit, f.After = false, 0, Cursor{}
	fromWhere, args, _, id, err := itemQueryFor(ctx, s.db, f, false)
	if err != nil {
		return 0, fmt.Errorf("store: mark all read: %w", err)
	}
	r, err := s.db.ExecContext(ctx, `UPDATE items SET read = 1 WHERE read = 0 AND id IN (SELECT `+id+` FROM `+fromWhere+`)`, args...)
	if err != nil {
		return 0, fmt.Errorf("store: mark all read: %w", err)
	}
	return r.RowsAffected()
}

// SetStarred stars or unstars an item.
func (s *Store) SetStarred(ctx context.Context, id int64, starred bool) error {
	return s.setFlag(ctx, "starred", id, starred)
}

func (s *Store) setFlag(ctx context.Context, col string, id int64, v bool) error {
	r, err := s.db.ExecContext(ctx, `UPDATE items SET `+col+` = ? WHERE id = ?`, v, id)
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
