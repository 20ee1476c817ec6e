package store

import (
	"context"
	"database/sql"
	"fmt"
)

// Watcher notices commits to the database made since it last looked by
// any other connection: another process (a `knowflow` command beside the
// window) or this process's other connections. It reads SQLite's
// data_version on a connection of its own, which costs a few
// microseconds, so a window can poll it every second or two and reload
// what changed.
type Watcher struct {
	conn *sql.Conn
	last int64
}

// Watch returns a Watcher holding one of the store's connections until
// Close.
func (s *Store) Watch(ctx context.Context) (*Watcher, error) {
	conn, err := s.db.Conn(ctx)
	if err != nil {
		return nil, fmt.Errorf("store: watch: %w", err)
	}
	w := &Watcher{conn: conn}
	if w.last, err = w.version(ctx); err != nil {
		conn.Close()
		return nil, err
	}
	return w, nil
}

func (w *Watcher) version(ctx context.Context) (int64, error) {
	var v int64
	if err := w.conn.QueryRowContext(ctx, `PRAGMA data_version`).Scan(&v); err != nil {
		return 0, fmt.Errorf("store: watch: %w", err)
	}
	return v, nil
}

// Changed reports whether anything was committed since the last call (or
// since Watch).
func (w *Watcher) Changed(ctx context.Context) (bool, error) {
	v, err := w.version(ctx)
	if err != nil {
		return false, err
	}
	changed := v != w.last
	w.last = v
	return changed, nil
}

// Close gives the connection back.
func (w *Watcher) Close() error { return w.conn.Close() }
