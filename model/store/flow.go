package store

import (
	"context"
	"database/sql"
	"fmt"
	"time"

	"github.com/knowflow/knowflow/model"
)

// FlowInput loads, in one read snapshot, what flow.Build needs for the
// weeks up to now: the shares since the first week began, the items the
// user read or starred from people's sources in that time (at their
// publication), everyone with the time they were added, and the
// preferences (time zone, cadences).
func (s *Store) FlowInput(ctx context.Context, now time.Time, weeks int) (model.FlowInput, error) {
	in := model.FlowInput{Now: now, Weeks: weeks}
	tx, err := s.db.BeginTx(ctx, &sql.TxOptions{ReadOnly: true})
	if err != nil {
		return in, fmt.Errorf("store: flow: %w", err)
	}
	defer tx.Rollback()
	prefs, err := prefsQ(ctx, tx)
	if err != nil {
		return in, err
	}
	in.Prefs = prefs
	in.Location = prefs.Location()
	from := model.WeekStarts(now, in.Location, weeks)[0].Unix()

	events := func(query string) ([]model.FlowEvent, error) {
		rows, err := tx.QueryContext(ctx, query, from)
		if err != nil {
			return nil, fmt.Errorf("store: flow: %w", err)
		}
		defer rows.Close()
		var out []model.FlowEvent
		for rows.Next() {
			var at int64
			var e model.FlowEvent
			if err := rows.Scan(&at, &e.ContactID, &e.CommunityID); err != nil {
				return nil, fmt.Errorf("store: flow: %w", err)
			}
			e.At = time.Unix(at, 0)
			out = append(out, e)
		}
		if err := rows.Err(); err != nil {
			return nil, fmt.Errorf("store: flow: %w", err)
		}
		return out, nil
	}
	if in.Given, err = events(`SELECT shared_at, ifnull(contact_id, 0), ifnull(community_id, 0)
		FROM shares WHERE shared_at >= ?`); err != nil {
		return in, err
	}
	// The last share into each community, whenever it was: a digest keeps
	// its members in touch.
	in.LastDigests = map[string]time.Time{}
	digests, err := tx.QueryContext(ctx, `SELECT k.name, max(sh.shared_at) FROM shares sh
		JOIN communities k ON k.id = sh.community_id GROUP BY k.id`)
	if err != nil {
		return in, fmt.Errorf("store: flow: %w", err)
	}
	for digests.Next() {
		var name string
		var at int64
		if err := digests.Scan(&name, &at); err != nil {
			digests.Close()
			return in, fmt.Errorf("store: flow: %w", err)
		}
		in.LastDigests[name] = time.Unix(at, 0)
	}
	digests.Close()
	if err := digests.Err(); err != nil {
		return in, fmt.Errorf("store: flow: %w", err)
	}
	// Through the contact's sources to their items (by source and date):
	// contact_sources is small, items are many.
	if in.Received, err = events(`SELECT i.published_at, cs.contact_id, 0
		FROM contact_sources cs JOIN items i ON i.source_id = cs.source_id AND i.published_at >= ?
		WHERE i.read = 1 OR i.starred = 1`); err != nil {
		return in, err
	}

	contacts, err := s.contactsQ(ctx, tx, ContactFilter{})
	if err != nil {
		return in, err
	}
	added := map[int64]time.Time{}
	rows, err := tx.QueryContext(ctx, `SELECT id, created_at FROM contacts`)
	if err != nil {
		return in, fmt.Errorf("store: flow: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var id, at int64
		if err := rows.Scan(&id, &at); err != nil {
			return in, fmt.Errorf("store: flow: %w", err)
		}
		added[id] = fromUnix(at)
	}
	if err := rows.Err(); err != nil {
		return in, fmt.Errorf("store: flow: %w", err)
	}
	for _, c := range contacts {
		in.People = append(in.People, model.FlowPerson{Contact: c, Added: added[c.ID]})
	}
	return in, nil
}
