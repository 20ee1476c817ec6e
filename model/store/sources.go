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

// ImportResult says what an import did.
type ImportResult struct {
	Added   int // new sources
	Skipped int // already subscribed (same feed URL)
	Folders int // folders created
}

// ImportSources adds sources, creating their folders by path, in one
// transaction: either all are stored or, on error, none. A source whose feed
// URL is already subscribed is skipped and counted, never duplicated.
func (s *Store) ImportSources(ctx context.Context, srcs []model.Source) (res ImportResult, err error) {
	defer s.onDiskFull(&err, "nothing was imported")
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return res, fmt.Errorf("store: import sources: %w", err)
	}
	defer tx.Rollback()
	now := time.Now().Unix()
	place := newPlacer(tx)
	insert, err := tx.PrepareContext(ctx, `INSERT INTO sources
		(folder_id, title, feed_url, site_url, description, category, position, created_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?)
		ON CONFLICT (feed_url) DO NOTHING`)
	if err != nil {
		return ImportResult{}, fmt.Errorf("store: import sources: %w", err)
	}
	defer insert.Close()
	for i, src := range srcs {
		failed := func(err error) (ImportResult, error) {
			return ImportResult{}, fmt.Errorf("store: import source %d (%s): %w", i+1, src.FeedURL, err)
		}
		folderID, created, err := place.folder(ctx, src.Folder)
		if err != nil {
			return failed(err)
		}
		res.Folders += created
		pos, err := place.position(ctx, "sources")
		if err != nil {
			return failed(err)
		}
		r, err := insert.ExecContext(ctx, nullID(folderID), src.Title, src.FeedURL, src.SiteURL, src.Description, src.Category, pos, now)
		if err != nil {
			return failed(err)
		}
		if n, _ := r.RowsAffected(); n == 0 {
			res.Skipped++
		} else {
			res.Added++
		}
	}
	if err := tx.Commit(); err != nil {
		return ImportResult{}, fmt.Errorf("store: import sources: %w", err)
	}
	return res, nil
}

// AddSource subscribes to one source. It returns the stored source and
// whether it was new; an already subscribed feed URL returns the existing one.
func (s *Store) AddSource(ctx context.Context, src model.Source) (model.Source, bool, error) {
	res, err := s.ImportSources(ctx, []model.Source{src})
	if err != nil {
		return model.Source{}, false, err
	}
	got, err := s.SourceByURL(ctx, src.FeedURL)
	return got, res.Added == 1, err
}

func nullID(id int64) any {
	if id == 0 {
		return nil
	}
	return id
}

// Folders lists every folder.
func (s *Store) Folders(ctx context.Context) ([]model.Folder, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT id, ifnull(parent_id, 0), name FROM folders ORDER BY position, id`)
	if err != nil {
		return nil, fmt.Errorf("store: folders: %w", err)
	}
	defer rows.Close()
	var out []model.Folder
	for rows.Next() {
		var f model.Folder
		if err := rows.Scan(&f.ID, &f.ParentID, &f.Name); err != nil {
			return nil, fmt.Errorf("store: folders: %w", err)
		}
		out = append(out, f)
	}
	return out, rows.Err()
}

// folderPaths maps each folder id to its path from the top.
func (s *Store) folderPaths(ctx context.Context) (map[int64][]string, error) {
	fs, err := s.Folders(ctx)
	if err != nil {
		return nil, err
	}
	byID := make(map[int64]model.Folder, len(fs))
	for _, f := range fs {
		byID[f.ID] = f
	}
	paths := make(map[int64][]string, len(fs))
	var walk func(id int64, depth int) []string
	walk = func(id int64, depth int) []string {
		if p, ok := paths[id]; ok {
			return p
		}
		f, ok := byID[id]
		if !ok || depth > 64 {
			return nil
		}
		p := append(append([]string(nil), walk(f.ParentID, depth+1)...), f.Name)
		paths[id] = p
		return p
	}
	for _, f := range fs {
		walk(f.ID, 0)
	}
	return paths, nil
}

const sourceColumns = `s.id, ifnull(s.folder_id, 0), s.title, s.feed_url, s.site_url, s.description, s.category,
	s.etag, s.last_modified, s.last_checked_at, s.next_check_at, s.last_error, s.last_error_detail, s.error_count, s.failing_since`

// sourceSelect reads all sources with their unread counts, taken in one
// pass over the partial index of unread items rather than one per source.
const sourceSelect = `SELECT ` + sourceColumns + `, ifnull(u.n, 0)
	FROM sources s LEFT JOIN (SELECT source_id, count(*) AS n FROM items WHERE read = 0 GROUP BY source_id) u
	ON u.source_id = s.id`

// oneSourceSelect reads one source; its count uses the same partial index.
const oneSourceSelect = `SELECT ` + sourceColumns + `,
	(SELECT count(*) FROM items i INDEXED BY items_source_unread WHERE i.source_id = s.id AND i.read = 0)
	FROM sources s`

func scanSource(sc interface{ Scan(...any) error }) (model.Source, error) {
	var src model.Source
	var checked, next, failing int64
	err := sc.Scan(&src.ID, &src.FolderID, &src.Title, &src.FeedURL, &src.SiteURL, &src.Description, &src.Category,
		&src.ETag, &src.LastModified, &checked, &next, &src.LastError, &src.ErrorDetail, &src.ErrorCount, &failing, &src.Unread)
	src.LastCheckedAt, src.NextCheckAt, src.FailingSince = fromUnix(checked), fromUnix(next), fromUnix(failing)
	return src, err
}

// Sources lists every source in folder order, with unread counts and folder paths.
func (s *Store) Sources(ctx context.Context) ([]model.Source, error) {
	paths, err := s.folderPaths(ctx)
	if err != nil {
		return nil, err
	}
	rows, err := s.db.QueryContext(ctx, sourceSelect+` ORDER BY s.position, s.id`)
	if err != nil {
		return nil, fmt.Errorf("store: sources: %w", err)
	}
	defer rows.Close()
	var out []model.Source
	for rows.Next() {
		src, err := scanSource(rows)
		if err != nil {
			return nil, fmt.Errorf("store: sources: %w", err)
		}
		src.Folder = paths[src.FolderID]
		out = append(out, src)
	}
	return out, rows.Err()
}

// ErrNotFound is returned when a looked-up row does not exist.
var ErrNotFound = errors.New("store: not found")

// Source returns one source by id.
func (s *Store) Source(ctx context.Context, id int64) (model.Source, error) {
	return s.sourceWhere(ctx, `s.id = ?`, id)
}

// SourceByURL returns the source with that feed URL.
func (s *Store) SourceByURL(ctx context.Context, feedURL string) (model.Source, error) {
	return s.sourceWhere(ctx, `s.feed_url = ?`, feedURL)
}

func (s *Store) sourceWhere(ctx context.Context, where string, arg any) (model.Source, error) {
	src, err := scanSource(s.db.QueryRowContext(ctx, oneSourceSelect+` WHERE `+where, arg))
	if errors.Is(err, sql.ErrNoRows) {
		return src, fmt.Errorf("%w: source %v", ErrNotFound, arg)
	}
	if err != nil {
		return src, fmt.Errorf("store: source %v: %w", arg, err)
	}
	if src.FolderID != 0 {
		paths, err := s.folderPaths(ctx)
		if err != nil {
			return src, err
		}
		src.Folder = paths[src.FolderID]
	}
	return src, nil
}

// RemoveSource unsubscribes from a source: it deletes the source and its
// items (their search terms, notes and verdicts go with them) in one
// transaction and returns how many items went. Shares of those items stay
// in the history, with the title and link they had, and people who wrote
// the source keep everything but the link to it.
func (s *Store) RemoveSource(ctx context.Context, id int64) (items int, err error) {
	return s.RemoveSources(ctx, []int64{id})
}

// EditSource renames a source and moves it into the folder at path ("A/B"
// as its parts; none for the top level), creating folders as needed. A
// blank title keeps the one the feed gave. Folders left empty stay, as
// an OPML import would keep them.
func (s *Store) EditSource(ctx context.Context, id int64, title string, folder []string) error {
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("store: edit source: %w", err)
	}
	defer tx.Rollback()
	folderID, _, err := newPlacer(tx).folder(ctx, folder)
	if err != nil {
		return fmt.Errorf("store: edit source %d: %w", id, err)
	}
	r, err := tx.ExecContext(ctx, `UPDATE sources SET title = CASE WHEN ? = '' THEN title ELSE ? END, folder_id = ? WHERE id = ?`,
		strings.TrimSpace(title), strings.TrimSpace(title), nullID(folderID), id)
	if err != nil {
		return fmt.Errorf("store: edit source %d: %w", id, err)
	}
	if n, _ := r.RowsAffected(); n == 0 {
		return fmt.Errorf("%w: source %d", ErrNotFound, id)
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("store: edit source: %w", err)
	}
	return nil
}
