package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
)

// ErrFolderName: a folder name is blank, holds "/" (which separates a
// path's folders), or is taken beside it.
var ErrFolderName = errors.New("folder name")

// RenameFolder renames folder id. The name is trimmed; it must not be
// blank, hold "/", or be another folder's beside it (case aside).
func (s *Store) RenameFolder(ctx context.Context, id int64, name string) error {
	name = strings.TrimSpace(name)
	switch {
	case name == "":
		return fmt.Errorf("store: rename folder: %w: a folder needs a name", ErrFolderName)
	case strings.Contains(name, "/"):
		return fmt.Errorf("store: rename folder: %w: %q holds a /, which separates folders in a path", ErrFolderName, name)
	}
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("store: rename folder: %w", err)
	}
	defer tx.Rollback()
	var taken int
	err = tx.QueryRowContext(ctx, `SELECT count(*) FROM folders f, folders me
		WHERE me.id = ? AND f.id <> me.id AND ifnull(f.parent_id, 0) = ifnull(me.parent_id, 0) AND lower(f.name) = lower(?)`,
		id, name).Scan(&taken)
	if err != nil {
		return fmt.Errorf("store: rename folder: %w", err)
	}
	if taken > 0 {
		return fmt.Errorf("store: rename folder: %w: a folder named %q is already there", ErrFolderName, name)
	}
	r, err := tx.ExecContext(ctx, `UPDATE folders SET name = ? WHERE id = ?`, name, id)
	if err != nil {
		return fmt.Errorf("store: rename folder %d: %w", id, err)
	}
	if n, _ := r.RowsAffected(); n == 0 {
		return fmt.Errorf("%w: folder %d", ErrNotFound, id)
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("store: rename folder: %w", err)
	}
	return nil
}

// FolderContents is what is inside a folder, its subfolders included: what
// deleting it would move or remove.
type FolderContents struct {
	Folders, Sources, Items int
}

// FolderContents counts what folder id holds, all the way down.
func (s *Store) FolderContents(ctx context.Context, id int64) (FolderContents, error) {
	c, err := folderContents(ctx, s.db, id)
	if err != nil {
		return c, fmt.Errorf("store: folder %d: %w", id, err)
	}
	return c, nil
}

// subFolders selects folder ? and every folder below it, as sub.
const subFolders = `WITH RECURSIVE sub(id) AS (SELECT ? UNION ALL SELECT f.id FROM folders f JOIN sub ON f.parent_id = sub.id) `

func folderContents(ctx context.Context, q queryer, id int64) (FolderContents, error) {
	var c FolderContents
	err := q.QueryRowContext(ctx, subFolders+`SELECT (SELECT count(*) - 1 FROM sub),
			(SELECT count(*) FROM sources WHERE folder_id IN sub),
			(SELECT count(*) FROM items WHERE source_id IN (SELECT id FROM sources WHERE folder_id IN sub))`, id).
		Scan(&c.Folders, &c.Sources, &c.Items)
	return c, err
}

// DeleteFolder deletes folder id in one transaction. With unsubscribe
// false its sources and subfolders move up to its parent (the top level
// for a top folder), a subfolder merging into one of the same name there;
// with unsubscribe true every source inside it, all the way down, is
// removed as RemoveSource removes one, and its subfolders go too. It says
// what it moved or removed.
func (s *Store) DeleteFolder(ctx context.Context, id int64, unsubscribe bool) (FolderContents, error) {
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return FolderContents{}, fmt.Errorf("store: delete folder: %w", err)
	}
	defer tx.Rollback()
	var parent sql.NullInt64
	if err := tx.QueryRowContext(ctx, `SELECT parent_id FROM folders WHERE id = ?`, id).Scan(&parent); err != nil {
		if errors.Is(err, sql.ErrNoRows) {
			return FolderContents{}, fmt.Errorf("%w: folder %d", ErrNotFound, id)
		}
		return FolderContents{}, fmt.Errorf("store: delete folder %d: %w", id, err)
	}
	var c FolderContents
	if unsubscribe {
		if c, err = folderContents(ctx, tx, id); err == nil {
			_, err = tx.ExecContext(ctx, subFolders+`DELETE FROM sources WHERE folder_id IN sub`, id)
		}
	} else {
		c, err = moveUp(ctx, tx, id, parent)
	}
	if err == nil {
		_, err = tx.ExecContext(ctx, `DELETE FROM folders WHERE id = ?`, id) // subfolders cascade
	}
	if err != nil {
		return FolderContents{}, fmt.Errorf("store: delete folder %d: %w", id, err)
	}
	if err := tx.Commit(); err != nil {
		return FolderContents{}, fmt.Errorf("store: delete folder: %w", err)
	}
	return c, nil
}

// moveUp moves folder id's sources and subfolders into parent; a
// subfolder whose name parent already has merges into it, recursively.
func moveUp(ctx context.Context, tx *sql.Tx, id int64, parent sql.NullInt64) (FolderContents, error) {
	var c FolderContents
	r, err := tx.ExecContext(ctx, `UPDATE sources SET folder_id = ? WHERE folder_id = ?`, parent, id)
	if err != nil {
		return c, err
	}
	n, _ := r.RowsAffected()
	c.Sources = int(n)
	type sub struct {
		id   int64
		name string
	}
	var subs []sub
	rows, err := tx.QueryContext(ctx, `SELECT id, name FROM folders WHERE parent_id = ? ORDER BY position, id`, id)
	if err != nil {
		return c, err
	}
	for rows.Next() {
		var f sub
		if err := rows.Scan(&f.id, &f.name); err != nil {
			rows.Close()
			return c, err
		}
		subs = append(subs, f)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return c, err
	}
	for _, f := range subs {
		var same int64
		err := tx.QueryRowContext(ctx, `SELECT id FROM folders WHERE ifnull(parent_id, 0) = ifnull(?, 0) AND name = ?`, parent, f.name).Scan(&same)
		switch {
		case errors.Is(err, sql.ErrNoRows):
			if _, err := tx.ExecContext(ctx, `UPDATE folders SET parent_id = ? WHERE id = ?`, parent, f.id); err != nil {
				return c, err
			}
			c.Folders++
		case err != nil:
			return c, err
		default:
			// Merge: its contents go into the namesake, then it goes.
			inner, err := moveUp(ctx, tx, f.id, sql.NullInt64{Int64: same, Valid: true})
			if err != nil {
				return c, err
			}
			if _, err := tx.ExecContext(ctx, `DELETE FROM folders WHERE id = ?`, f.id); err != nil {
				return c, err
			}
			c.Sources += inner.Sources
			c.Folders += inner.Folders + 1
		}
	}
	return c, nil
}

// RemoveSources removes several sources, as RemoveSource removes one, in
// one transaction (the "Sources with problems" view's bulk Unsubscribe):
// all or none. It returns how many items went.
func (s *Store) RemoveSources(ctx context.Context, ids []int64) (items int, err error) {
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return 0, fmt.Errorf("store: remove sources: %w", err)
	}
	defer tx.Rollback()
	for _, id := range ids {
		var n int
		if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM items WHERE source_id = ?`, id).Scan(&n); err != nil {
			return 0, fmt.Errorf("store: remove sources: %w", err)
		}
		r, err := tx.ExecContext(ctx, `DELETE FROM sources WHERE id = ?`, id)
		if err != nil {
			return 0, fmt.Errorf("store: remove source %d: %w", id, err)
		}
		if k, _ := r.RowsAffected(); k == 0 {
			return 0, fmt.Errorf("%w: source %d", ErrNotFound, id)
		}
		items += n
	}
	if err := tx.Commit(); err != nil {
		return 0, fmt.Errorf("store: remove sources: %w", err)
	}
	return items, nil
}
