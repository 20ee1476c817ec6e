package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"github.com/knowflow/knowflow/model"
)

// Pruning read items, so that the database stops growing (issue 12, the
// "Keep read items for" preference).
//
// An item's age for pruning is the later of when it was stored (its first
// fetch) and when it was marked read (read_at, migration 6): "keep read
// items for 3 months" keeps what arrived or was read in the last three
// months, so an old post read today is not gone tomorrow, and a feed's
// archive fetched on subscribing is not pruned for being published long
// ago. Items never read, starred, noted, shared, or with a verdict on a
// suggestion (dismissed, snoozed: what the engine learns from) are kept.
//
// Each batch is one short write transaction: the batch's dedupe keys go
// to pruned_items (so that a feed still listing an item does not bring it
// back as unread: SaveFetches skips them) and its items are deleted; the
// items_search_delete trigger takes their terms out of the search index
// (and so out of items_search_vocab, which reads that index). Batches are
// paced (PruneOptions.Pause) so that the reader's writes and the
// refresh's get in between.
//
// FTS5 rewrites a segment of the index once a tenth of its rows are
// deleted ('deletemerge', on by default): with half the items going, that
// rewrote the big segments again and again, 5 to 14 s a transaction at
// 200,000 items, and its 'merge' command, asked for afterwards in small
// steps, still took 27 s in one step (a segment whose rows are all deleted
// writes nothing, and the step is bounded by what it writes). So
// migration 6 turns deletemerge off: deleted rows leave the index when
// their segment is next merged with others, or at once with Compact
// ('optimize'). Then, on a database made with
// auto_vacuum=INCREMENTAL (every database made since migration 6), the
// free pages are given back to the file system in short
// incremental_vacuum steps; an older database keeps them inside the file,
// where later refreshes reuse them, until Compact is run once.

// Defaults of PruneOptions.
const (
	DefaultPruneBatch = 250
	DefaultPrunePause = 100 * time.Millisecond
	// PrunedKeyTTL is how long a pruned item's dedupe key is remembered
	// after a fetch last listed it.
	PrunedKeyTTL = 365 * 24 * time.Hour
	// vacuumPages is how many free pages one incremental_vacuum step
	// gives back (4 MB of 4 KB pages).
	vacuumPages = 1024
)

// PruneOptions say what PruneRead prunes and how.
type PruneOptions struct {
	// Before is the cutoff: read items stored and read before it go.
	Before time.Time
	// Now is the clock's time: pruned keys are stamped with it, and keys
	// no fetch listed since Now-PrunedKeyTTL are forgotten. Zero means
	// Before.
	Now time.Time
	// Batch is how many items one transaction deletes (DefaultPruneBatch
	// when 0).
	Batch int
	// Pause is the wait between two transactions, so other writers get
	// the database (DefaultPrunePause when 0; none when negative).
	Pause time.Duration
	// DryRun counts what would go and changes nothing.
	DryRun bool

	afterBatch func() // tests: runs after each committed batch
}

// PruneStats say what PruneRead did (or, for a dry run, would do).
type PruneStats struct {
	Items int `json:"items"` // pruned, or that would be
	// Kept are the read items older than the cutoff kept for their note,
	// share or suggestion verdict (starred ones are not counted).
	Kept int `json:"kept"`
	// TextBytes is how much text (HTML and plain) the pruned items held.
	TextBytes int64 `json:"text_bytes"`
	// Forgotten are the pruned keys no fetch listed for PrunedKeyTTL,
	// forgotten.
	Forgotten int `json:"forgotten_keys"`
	Batches   int `json:"batches"`
	// Longest is the longest write transaction (a batch or a vacuum
	// step): how long another writer may have waited.
	Longest time.Duration `json:"-"`
	// Vacuumed is the time spent giving free pages back (pauses
	// included).
	Vacuumed time.Duration `json:"-"`
	// SizeBefore and SizeAfter are the database's size (its pages) before
	// and after; FreeAfter is what is free inside it afterwards (reused by
	// later writes; given back only by Compact when not Incremental).
	SizeBefore  int64 `json:"size_before"`
	SizeAfter   int64 `json:"size_after"`
	FreeAfter   int64 `json:"free_after"`
	Incremental bool  `json:"incremental"` // auto_vacuum=INCREMENTAL
}

// PruneRead deletes the read items older than o.Before that nothing keeps
// (see the package comment above), a batch per transaction, then gives the
// space back. It checks ctx between transactions: cancelled, it stops
// there, with what was pruned so far committed and the database
// consistent, and returns the stats so far with ctx's error.
func (s *Store) PruneRead(ctx context.Context, o PruneOptions) (PruneStats, error) {
	var st PruneStats
	if o.Before.IsZero() {
		return st, errors.New("store: prune: no cutoff")
	}
	if o.Now.IsZero() {
		o.Now = o.Before
	}
	if o.Batch <= 0 {
		o.Batch = DefaultPruneBatch
	}
	if o.Pause == 0 {
		o.Pause = DefaultPrunePause
	}
	sp, err := s.Space(ctx)
	if err != nil {
		return st, err
	}
	st.SizeBefore, st.SizeAfter, st.FreeAfter, st.Incremental = sp.Size, sp.Size, sp.Free, sp.Incremental
	cutoff := o.Before.Unix()
	if o.DryRun {
		err := s.db.QueryRowContext(ctx, `SELECT count(*),
			coalesce(sum(octet_length(i.content_html) + octet_length(i.content_text)), 0)
			FROM items i INDEXED BY items_read_age WHERE `+prunable, cutoff).Scan(&st.Items, &st.TextBytes)
		if err != nil {
			return st, fmt.Errorf("store: prune: %w", err)
		}
		if st.Kept, err = s.keptOld(ctx, cutoff, st.Items); err != nil {
			return st, err
		}
		return st, nil
	}

	if err := s.pruneBatches(ctx, o, cutoff, &st); err != nil {
		return st, err
	}
	if st.Kept, err = s.keptOld(ctx, cutoff, 0); err != nil {
		return st, err
	}
	if st.Forgotten, err = s.forgetPruned(ctx, o.Now.Add(-PrunedKeyTTL).Unix(), o.Batch); err != nil {
		return st, err
	}
	if st.Incremental {
		start := time.Now() // elapsed time only
		longest, err := s.vacuumFree(ctx, o.Pause)
		st.Vacuumed = time.Since(start)
		st.Longest = max(st.Longest, longest)
		if err != nil {
			return st, err
		}
	}
	if sp, err = s.Space(ctx); err != nil {
		return st, err
	}
	st.SizeAfter, st.FreeAfter = sp.Size, sp.Free
	return st, nil
}

// pruneBatches runs PruneRead's batches until none is left or ctx ends.
func (s *Store) pruneBatches(ctx context.Context, o PruneOptions, cutoff int64, st *PruneStats) error {
	for {
		if err := ctx.Err(); err != nil {
			return fmt.Errorf("store: prune: %w", err)
		}
		start := time.Now() // elapsed time only
		n, bytes, err := s.pruneBatch(ctx, cutoff, o.Now.Unix(), o.Batch)
		if err != nil {
			return err
		}
		st.Longest = max(st.Longest, time.Since(start))
		if n == 0 {
			return nil
		}
		st.Items += n
		st.TextBytes += bytes
		st.Batches++
		if o.afterBatch != nil {
			o.afterBatch()
		}
		if n < o.Batch {
			return nil
		}
		if err := pause(ctx, o.Pause); err != nil {
			return fmt.Errorf("store: prune: %w", err)
		}
	}
}

// prunable selects the items PruneRead deletes, with the cutoff as its one
// argument; it matches items_read_age's expression and WHERE, so the
// index lists them.
const prunable = `i.read = 1 AND i.starred = 0 AND max(i.fetched_at, i.read_at) < ?
	AND NOT EXISTS (SELECT 1 FROM notes n WHERE n.item_id = i.id)
	AND NOT EXISTS (SELECT 1 FROM shares sh WHERE sh.item_id = i.id)
	AND NOT EXISTS (SELECT 1 FROM suggestion_feedback f WHERE f.item_id = i.id)`

// pruneBatch prunes up to batch items in one transaction and returns how
// many, and how much text they held.
func (s *Store) pruneBatch(ctx context.Context, cutoff, now int64, batch int) (int, int64, error) {
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return 0, 0, fmt.Errorf("store: prune: %w", err)
	}
	defer tx.Rollback()
	ids, err := queryColumn[int64](ctx, tx, `SELECT i.id FROM items i INDEXED BY items_read_age WHERE `+prunable+` LIMIT ?`, cutoff, batch)
	if err != nil || len(ids) == 0 {
		if err != nil {
			err = fmt.Errorf("store: prune: %w", err)
		}
		return 0, 0, err
	}
	in := `(` + placeholders(len(ids)) + `)`
	var bytes int64
	if err := tx.QueryRowContext(ctx, `SELECT coalesce(sum(octet_length(content_html) + octet_length(content_text)), 0)
		FROM items WHERE id IN `+in, anys(ids)...).Scan(&bytes); err != nil {
		return 0, 0, fmt.Errorf("store: prune: %w", err)
	}
	if _, err := tx.ExecContext(ctx, `INSERT OR REPLACE INTO pruned_items (source_id, dedupe_key, seen_at)
		SELECT source_id, dedupe_key, ? FROM items WHERE id IN `+in, append([]any{now}, anys(ids)...)...); err != nil {
		return 0, 0, fmt.Errorf("store: prune: remember keys: %w", err)
	}
	// The items_search_delete trigger unindexes each one.
	if _, err := tx.ExecContext(ctx, `DELETE FROM items WHERE id IN `+in, anys(ids)...); err != nil {
		return 0, 0, fmt.Errorf("store: prune: %w", err)
	}
	if err := tx.Commit(); err != nil {
		return 0, 0, fmt.Errorf("store: prune: %w", err)
	}
	return len(ids), bytes, nil
}

// keptOld counts the read, unstarred items older than the cutoff, less
// prunable (those that PruneRead deletes): the ones kept for a note, a
// share or a verdict.
func (s *Store) keptOld(ctx context.Context, cutoff int64, prunable int) (int, error) {
	var n int
	if err := s.db.QueryRowContext(ctx, `SELECT count(*) FROM items INDEXED BY items_read_age
		WHERE read = 1 AND starred = 0 AND max(fetched_at, read_at) < ?`, cutoff).Scan(&n); err != nil {
		return 0, fmt.Errorf("store: prune: %w", err)
	}
	return n - prunable, nil
}

// forgetPruned forgets the pruned keys no fetch listed since seenBefore, a
// batch per transaction.
func (s *Store) forgetPruned(ctx context.Context, seenBefore int64, batch int) (int, error) {
	total := 0
	for {
		r, err := s.db.ExecContext(ctx, `DELETE FROM pruned_items WHERE (source_id, dedupe_key) IN
			(SELECT source_id, dedupe_key FROM pruned_items WHERE seen_at < ? LIMIT ?)`, seenBefore, batch)
		if err != nil {
			return total, fmt.Errorf("store: prune: forget keys: %w", err)
		}
		n, _ := r.RowsAffected()
		total += int(n)
		if int(n) < batch {
			return total, nil
		}
		if err := ctx.Err(); err != nil {
			return total, fmt.Errorf("store: prune: %w", err)
		}
	}
}

// knownPruned marks in known the items of a fetch of source that were
// pruned, so that SaveFetches does not store them again, and notes that
// the feed still lists them (seen_at, at most once a day).
func knownPruned(ctx context.Context, tx *sql.Tx, source int64, items []model.Item, known map[string]knownItem, fetched int64) error {
	var keys []any
	for _, it := range items {
		if _, ok := known[it.DedupeKey]; !ok {
			keys = append(keys, it.DedupeKey)
		}
	}
	if len(keys) == 0 {
		return nil
	}
	var has int
	if err := tx.QueryRowContext(ctx, `SELECT EXISTS (SELECT 1 FROM pruned_items WHERE source_id = ?)`, source).Scan(&has); err != nil || has == 0 {
		return err
	}
	const chunk = 500
	var stale []any
	for start := 0; start < len(keys); start += chunk {
		part := keys[start:min(start+chunk, len(keys))]
		rows, err := tx.QueryContext(ctx, `SELECT dedupe_key, seen_at FROM pruned_items
			WHERE source_id = ? AND dedupe_key IN (`+placeholders(len(part))+`)`, append([]any{source}, part...)...)
		if err != nil {
			return err
		}
		for rows.Next() {
			var key string
			var seen int64
			if err := rows.Scan(&key, &seen); err != nil {
				rows.Close()
				return err
			}
			known[key] = knownItem{pruned: true}
			if seen < fetched-24*60*60 {
				stale = append(stale, key)
			}
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return err
		}
	}
	for start := 0; start < len(stale); start += chunk {
		part := stale[start:min(start+chunk, len(stale))]
		if _, err := tx.ExecContext(ctx, `UPDATE pruned_items SET seen_at = ? WHERE source_id = ? AND dedupe_key IN (`+
			placeholders(len(part))+`)`, append([]any{fetched, source}, part...)...); err != nil {
			return err
		}
	}
	return nil
}

// Space is how big the database is and what is free inside it.
type Space struct {
	Size        int64 `json:"size"`        // pages × page size
	Free        int64 `json:"free"`        // free pages × page size
	Incremental bool  `json:"incremental"` // auto_vacuum=INCREMENTAL: PruneRead gives free pages back
}

// Space reads the database's size, its free space and whether it gives
// free pages back.
func (s *Store) Space(ctx context.Context) (Space, error) {
	var sp Space
	var pageSize, pages, free, av int64
	for _, p := range []struct {
		pragma string
		dst    *int64
	}{{"page_size", &pageSize}, {"page_count", &pages}, {"freelist_count", &free}, {"auto_vacuum", &av}} {
		if err := s.db.QueryRowContext(ctx, `PRAGMA `+p.pragma).Scan(p.dst); err != nil {
			return sp, fmt.Errorf("store: %s: %w", p.pragma, err)
		}
	}
	return Space{Size: pages * pageSize, Free: free * pageSize, Incremental: av == 2}, nil
}

// vacuumFree gives the free pages back to the file system, vacuumPages at
// a time, each step its own short transaction, pausing between steps. It
// returns the longest step.
func (s *Store) vacuumFree(ctx context.Context, wait time.Duration) (time.Duration, error) {
	var longest time.Duration
	last := int64(-1)
	for {
		var free int64
		if err := s.db.QueryRowContext(ctx, `PRAGMA freelist_count`).Scan(&free); err != nil {
			return longest, fmt.Errorf("store: vacuum: %w", err)
		}
		if free == 0 || free == last {
			break
		}
		last = free
		start := time.Now() // elapsed time only
		if _, err := s.db.ExecContext(ctx, fmt.Sprintf(`PRAGMA incremental_vacuum(%d)`, vacuumPages)); err != nil {
			return longest, fmt.Errorf("store: vacuum: %w", err)
		}
		longest = max(longest, time.Since(start))
		if free <= vacuumPages {
			break
		}
		if err := pause(ctx, wait); err != nil {
			return longest, fmt.Errorf("store: vacuum: %w", err)
		}
	}
	// Copy the WAL back now (if no reader holds it), which truncates
	// the file to its new size.
	if _, err := s.db.ExecContext(ctx, `PRAGMA wal_checkpoint(PASSIVE)`); err != nil {
		return longest, fmt.Errorf("store: vacuum: %w", err)
	}
	return longest, nil
}

// Compact merges the search index into one segment, which drops the rows
// of deleted items it still holds, and rewrites the whole database once
// (VACUUM) with auto_vacuum=INCREMENTAL, so that it gives back the free
// space it holds now, and from then on what PruneRead frees. It holds the database's
// writer for as long as the copy takes (seconds per gigabyte) and needs
// that much free space in the temporary directory: run it with the window
// closed. It returns the database's size before and after.
func (s *Store) Compact(ctx context.Context) (before, after Space, err error) {
	if before, err = s.Space(ctx); err != nil {
		return before, after, err
	}
	conn, err := s.db.Conn(ctx)
	if err != nil {
		return before, after, fmt.Errorf("store: compact: %w", err)
	}
	defer conn.Close()
	for _, q := range []string{`INSERT INTO items_search (items_search) VALUES ('optimize')`,
		`PRAGMA auto_vacuum = INCREMENTAL`, `VACUUM`, `PRAGMA wal_checkpoint(TRUNCATE)`} {
		if _, err := conn.ExecContext(ctx, q); err != nil {
			return before, after, fmt.Errorf("store: compact: %w", err)
		}
	}
	after, err = s.Space(ctx)
	return before, after, err
}

// incrementalIfNew makes a database with no tables yet give free pages
// back on demand (auto_vacuum=INCREMENTAL). The mode is fixed when the
// first table is created, and here even before: opening in WAL mode has
// written the file's first page, so the empty database is vacuumed (at
// once) to take it.
func (s *Store) incrementalIfNew(ctx context.Context) error {
	conn, err := s.db.Conn(ctx)
	if err != nil {
		return fmt.Errorf("store: migrate: %w", err)
	}
	defer conn.Close()
	var tables int
	if err := conn.QueryRowContext(ctx, `SELECT count(*) FROM sqlite_master`).Scan(&tables); err != nil {
		return fmt.Errorf("store: migrate: %w", err)
	}
	if tables > 0 {
		return nil
	}
	for _, q := range []string{`PRAGMA auto_vacuum = INCREMENTAL`, `VACUUM`} {
		if _, err := conn.ExecContext(ctx, q); err != nil {
			return fmt.Errorf("store: migrate: %w", err)
		}
	}
	return nil
}

// pause waits d (nothing when d <= 0) unless ctx ends first.
func pause(ctx context.Context, d time.Duration) error {
	if d <= 0 {
		return ctx.Err()
	}
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}
