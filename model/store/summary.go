package store

import (
	"context"
	"fmt"
)

// Summary holds the counts the window's empty states and the tray need.
type Summary struct {
	Sources     int
	Items       int
	Unread      int
	Starred     int
	Contacts    int
	Communities int
	Shares      int
}

// Summary counts what the database holds, in one read.
func (s *Store) Summary(ctx context.Context) (Summary, error) {
	var m Summary
	err := s.db.QueryRowContext(ctx, `SELECT
		(SELECT count(*) FROM sources),
		(SELECT count(*) FROM items),
		(SELECT count(*) FROM items WHERE read = 0),
		(SELECT count(*) FROM items WHERE starred = 1),
		(SELECT count(*) FROM contacts),
		(SELECT count(*) FROM communities),
		(SELECT count(*) FROM shares)`).Scan(
		&m.Sources, &m.Items, &m.Unread, &m.Starred, &m.Contacts, &m.Communities, &m.Shares)
	if err != nil {
		return m, fmt.Errorf("store: summary: %w", err)
	}
	return m, nil
}
