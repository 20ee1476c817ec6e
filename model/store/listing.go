package store

import (
	"context"
	"database/sql"
	"fmt"
	"strings"

	"github.com/knowflow/knowflow/model"
)

// Listings of items: a view (all, unread, starred), a source or folder,
// a search; a page at a time by keyset, with a count.

// ItemFilter selects items for Items.
type ItemFilter struct {
	SourceID int64
	FolderID int64 // items of every source in this folder and below
	Unread   bool
	Starred  bool
	Query    string // full-text search (FTS5) over title, text, author, categories
	Limit    int    // default 50
	// ExcludeSources leaves these sources' items out of every listing,
	// count, search and MarkAllRead: the window hides a source whose
	// Unsubscribe may still be undone before it is removed.
	ExcludeSources []int64
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

// MaxSearchResults caps what a search counts: a common word matches most of
// a large database, and counting every match costs more than the search.
const MaxSearchResults = 1000

const itemColumns = `i.id, i.source_id, s.title, i.guid, i.link, i.title, i.author, i.content_html, i.categories,
	i.published_at, i.updated_at, i.fetched_at, i.dedupe_key, i.hash, i.read, i.starred, ifnull(n.body, ''), i.enclosures,
	ifnull((SELECT group_concat(c.name, char(10)) FROM contact_sources cs JOIN contacts c ON c.id = cs.contact_id
		WHERE cs.source_id = i.source_id), '')`

const itemJoins = ` JOIN sources s ON s.id = i.source_id LEFT JOIN notes n ON n.item_id = i.id`

// folderTree selects the folder ? and every folder below it.
const folderTree = subFolders + `SELECT id FROM sub`

// queryer is a *sql.DB or a *sql.Tx.
type queryer interface {
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
	QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
}

func isSearch(f ItemFilter) bool { return strings.TrimSpace(f.Query) != "" }

func limitOf(f ItemFilter) int {
	if f.Limit <= 0 {
		return 50
	}
	return f.Limit
}

// listQuery builds the FROM and WHERE clauses and arguments of a listing
// that is not a search. With columns set the FROM clause joins what
// itemColumns reads; without, only what the filter needs (counting
// 500,000 items takes 10 ms alone, 180 ms joined).
func listQuery(f ItemFilter, columns bool) (fromWhere string, args []any) {
	var where []string
	from := `items i`
	if columns {
		from += itemJoins
	}
	if f.After.ID != 0 {
		// The order of the index items_published (and of its partial and
		// per-source twins), which this seeks into.
		where = append(where, `(i.published_at, i.id) < (?, ?)`)
		args = append(args, f.After.Published, f.After.ID)
	}
	where, args = appendFilters(where, args, f)
	return withWhere(from, where), args
}

// appendFilters adds f's source, folder, excluded sources, unread and
// starred parts.
func appendFilters(where []string, args []any, f ItemFilter) ([]string, []any) {
	if f.SourceID != 0 {
		where = append(where, `i.source_id = ?`)
		args = append(args, f.SourceID)
	}
	if f.FolderID != 0 {
		where = append(where, `i.source_id IN (SELECT fs.id FROM sources fs WHERE fs.folder_id IN (`+folderTree+`))`)
		args = append(args, f.FolderID)
	}
	if len(f.ExcludeSources) > 0 {
		where = append(where, `i.source_id NOT IN (`+placeholders(len(f.ExcludeSources))+`)`)
		args = append(args, anys(f.ExcludeSources)...)
	}
	if f.Unread {
		where = append(where, `i.read = 0`)
	}
	if f.Starred {
		where = append(where, `i.starred = 1`)
	}
	return where, args
}

func withWhere(from string, where []string) string {
	if len(where) == 0 {
		return from
	}
	return from + ` WHERE ` + strings.Join(where, ` AND `)
}

const listOrder = ` ORDER BY i.published_at DESC, i.id DESC`

// Items lists items newest first (a search: the most recently stored
// first), f.Limit of them from f.After on.
func (s *Store) Items(ctx context.Context, f ItemFilter) ([]model.Item, error) {
	items, err := queryItems(ctx, s.db, f)
	if err != nil {
		return nil, fmt.Errorf("store: items: %w", err)
	}
	return items, nil
}

func queryItems(ctx context.Context, q queryer, f ItemFilter) ([]model.Item, error) {
	if isSearch(f) {
		ids, _, err := searchIDs(ctx, q, f, limitOf(f), -1)
		if err != nil {
			return nil, err
		}
		return loadItems(ctx, q, ids)
	}
	fromWhere, args := listQuery(f, true)
	rows, err := q.QueryContext(ctx, `SELECT `+itemColumns+` FROM `+fromWhere+listOrder+` LIMIT ?`, append(args, limitOf(f))...)
	if err != nil {
		return nil, err
	}
	return scanItems(rows)
}

// loadItems reads the items of ids, which are in descending order, in
// that order.
func loadItems(ctx context.Context, q queryer, ids []int64) ([]model.Item, error) {
	var out []model.Item
	const chunk = 500
	for start := 0; start < len(ids); start += chunk {
		part := ids[start:min(start+chunk, len(ids))]
		rows, err := q.QueryContext(ctx, `SELECT `+itemColumns+` FROM items i`+itemJoins+` WHERE i.id IN (`+placeholders(len(part))+`)
			ORDER BY i.id DESC`, anys(part)...)
		if err != nil {
			return nil, err
		}
		items, err := scanItems(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, items...)
	}
	return out, nil
}

func placeholders(n int) string { return "?" + strings.Repeat(", ?", n-1) }

func anys(ids []int64) []any {
	out := make([]any, len(ids))
	for i, id := range ids {
		out[i] = id
	}
	return out
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
	if isSearch(f) {
		ids, _, err := searchIDs(ctx, q, f, MaxSearchResults+1, -1)
		if err != nil {
			return 0, false, err
		}
		return min(len(ids), MaxSearchResults), len(ids) > MaxSearchResults, nil
	}
	fromWhere, args := listQuery(f, false)
	var n int
	err := q.QueryRowContext(ctx, `SELECT count(*) FROM `+fromWhere, args...).Scan(&n)
	return n, false, err
}

// Page is the first page of a listing and how many items the listing
// holds.
type Page struct {
	Items []model.Item
	// Total counts what the filter selects (from f.After on); for a
	// search at most MaxSearchResults, and Capped says more match. A
	// search with a quoted phrase counts only as far as a budget of
	// items checked (phraseBudget), and is Capped if it stopped there.
	Total  int
	Capped bool
}

// ItemsPage is Items with CountItems, as the Seek list shows them, read in
// one snapshot. A search reads the index once for both: the ids of up to
// MaxSearchResults+1 matches, newest first, whose first f.Limit are then
// loaded.
func (s *Store) ItemsPage(ctx context.Context, f ItemFilter) (Page, error) {
	tx, err := s.db.BeginTx(ctx, &sql.TxOptions{ReadOnly: true}) // a deferred BEGIN: one snapshot, no write lock
	if err != nil {
		return Page{}, fmt.Errorf("store: items page: %w", err)
	}
	defer tx.Rollback()
	var p Page
	if isSearch(f) {
		// The page exactly; the count, for a phrase, as far as a budget
		// of candidates goes (Capped then says "at least").
		var ids []int64
		var short bool
		ids, short, err = searchIDs(ctx, tx, f, MaxSearchResults+1, limitOf(f))
		if err == nil {
			p.Total, p.Capped = min(len(ids), MaxSearchResults), short || len(ids) > MaxSearchResults
			p.Items, err = loadItems(ctx, tx, ids[:min(len(ids), limitOf(f))])
		}
	} else {
		p.Total, _, err = countItems(ctx, tx, f)
		if err == nil {
			p.Items, err = queryItems(ctx, tx, f)
		}
	}
	if err != nil {
		return Page{}, fmt.Errorf("store: items page: %w", err)
	}
	return p, nil
}

// MarkAllRead marks every unread item that f selects (its source,
// folder, starred and search parts; not its paging) as read, in one
// transaction, and returns how many it marked.
func (s *Store) MarkAllRead(ctx context.Context, f ItemFilter) (int64, error) {
	f.Unread, f.Limit, f.After = false, 0, Cursor{}
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return 0, fmt.Errorf("store: mark all read: %w", err)
	}
	defer tx.Rollback()
	var n int64
	readAt := s.now().Unix() // for PruneRead
	if isSearch(f) {
		f.Unread = true
		ids, _, err := searchIDs(ctx, tx, f, 0, -1)
		if err != nil {
			return 0, fmt.Errorf("store: mark all read: %w", err)
		}
		const chunk = 500
		for start := 0; start < len(ids); start += chunk {
			part := ids[start:min(start+chunk, len(ids))]
			r, err := tx.ExecContext(ctx, `UPDATE items SET read = 1, read_at = ? WHERE read = 0 AND id IN (`+placeholders(len(part))+`)`, append([]any{readAt}, anys(part)...)...)
			if err != nil {
				return 0, fmt.Errorf("store: mark all read: %w", err)
			}
			k, _ := r.RowsAffected()
			n += k
		}
	} else {
		fromWhere, args := listQuery(f, false)
		r, err := tx.ExecContext(ctx, `UPDATE items SET read = 1, read_at = ? WHERE read = 0 AND id IN (SELECT i.id FROM `+fromWhere+`)`, append([]any{readAt}, args...)...)
		if err != nil {
			return 0, fmt.Errorf("store: mark all read: %w", err)
		}
		n, _ = r.RowsAffected()
	}
	if err := tx.Commit(); err != nil {
		return 0, fmt.Errorf("store: mark all read: %w", err)
	}
	return n, nil
}
