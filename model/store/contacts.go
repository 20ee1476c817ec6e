package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"sort"
	"strings"
	"time"

	"github.com/knowflow/knowflow/model"
)

// SaveContact validates c and stores it: a new contact when c.ID is 0, else
// it replaces the stored one's fields, lists and memberships. Communities
// named but missing are created, and so are sources for feedURLs (feeds the
// contact writes), which are linked to the contact. All in one transaction:
// on error nothing is stored. It returns the stored contact's id.
func (s *Store) SaveContact(ctx context.Context, c model.Contact, feedURLs ...string) (int64, error) {
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return 0, fmt.Errorf("store: save contact: %w", err)
	}
	defer tx.Rollback()
	if err := s.linkFeeds(ctx, tx, &c, feedURLs); err != nil {
		return 0, err
	}
	id, err := s.saveContactTx(ctx, tx, c)
	if err != nil {
		return 0, err
	}
	if err := tx.Commit(); err != nil {
		return 0, fmt.Errorf("store: save contact: %w", err)
	}
	return id, nil
}

func (s *Store) saveContactTx(ctx context.Context, tx *sql.Tx, c model.Contact) (int64, error) {
	if err := c.Normalize(); err != nil {
		return 0, err
	}
	cadence := int64(c.Cadence / time.Second)
	if c.ID == 0 {
		r, err := tx.ExecContext(ctx, `INSERT INTO contacts (name, role, organisation, timezone, work_start, work_end,
			cadence_seconds, channel, notes, last_contacted_at, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
			c.Name, c.Role, c.Organisation, c.TimeZone, c.WorkStart, c.WorkEnd, cadence, string(c.Channel), c.Notes,
			unix(c.LastContacted), time.Now().Unix())
		if err != nil {
			return 0, fmt.Errorf("store: save contact %q: %w", c.Name, err)
		}
		c.ID, _ = r.LastInsertId()
	} else {
		r, err := tx.ExecContext(ctx, `UPDATE contacts SET name = ?, role = ?, organisation = ?, timezone = ?,
			work_start = ?, work_end = ?, cadence_seconds = ?, channel = ?, notes = ?, last_contacted_at = ? WHERE id = ?`,
			c.Name, c.Role, c.Organisation, c.TimeZone, c.WorkStart, c.WorkEnd, cadence, string(c.Channel), c.Notes,
			unix(c.LastContacted), c.ID)
		if err != nil {
			return 0, fmt.Errorf("store: save contact %q: %w", c.Name, err)
		}
		if n, _ := r.RowsAffected(); n == 0 {
			return 0, fmt.Errorf("%w: contact %d", ErrNotFound, c.ID)
		}
		for _, t := range []string{"contact_emails", "contact_handles", "contact_circles", "contact_interests", "contact_sources", "community_members"} {
			if _, err := tx.ExecContext(ctx, `DELETE FROM `+t+` WHERE contact_id = ?`, c.ID); err != nil {
				return 0, fmt.Errorf("store: save contact %q: %w", c.Name, err)
			}
		}
	}
	for _, e := range c.Emails {
		if _, err := tx.ExecContext(ctx, `INSERT INTO contact_emails (contact_id, email) VALUES (?, ?)`, c.ID, e); err != nil {
			if isUnique(err) {
				return 0, fmt.Errorf("store: e-mail %s already belongs to another contact", e)
			}
			return 0, fmt.Errorf("store: save contact %q: %w", c.Name, err)
		}
	}
	for _, h := range c.Handles {
		if _, err := tx.ExecContext(ctx, `INSERT INTO contact_handles (contact_id, kind, value) VALUES (?, ?, ?)`, c.ID, h.Kind, h.Value); err != nil {
			if isUnique(err) {
				return 0, fmt.Errorf("store: %s %s already belongs to another contact", h.Kind, h.Value)
			}
			return 0, fmt.Errorf("store: save contact %q: %w", c.Name, err)
		}
	}
	for _, k := range c.Circles {
		if _, err := tx.ExecContext(ctx, `INSERT INTO contact_circles (contact_id, circle) VALUES (?, ?)`, c.ID, string(k)); err != nil {
			return 0, fmt.Errorf("store: save contact %q: %w", c.Name, err)
		}
	}
	for _, p := range c.Interests {
		if _, err := tx.ExecContext(ctx, `INSERT INTO contact_interests (contact_id, phrase) VALUES (?, ?)`, c.ID, p); err != nil {
			return 0, fmt.Errorf("store: save contact %q: %w", c.Name, err)
		}
	}
	for _, name := range c.Communities {
		cid, err := s.ensureCommunity(ctx, tx, name)
		if err != nil {
			return 0, err
		}
		if _, err := tx.ExecContext(ctx, `INSERT OR IGNORE INTO community_members (community_id, contact_id) VALUES (?, ?)`, cid, c.ID); err != nil {
			return 0, fmt.Errorf("store: save contact %q: %w", c.Name, err)
		}
	}
	for _, sid := range c.SourceIDs {
		if _, err := tx.ExecContext(ctx, `INSERT OR IGNORE INTO contact_sources (contact_id, source_id) VALUES (?, ?)`, c.ID, sid); err != nil {
			return 0, fmt.Errorf("store: save contact %q: source %d: %w", c.Name, sid, err)
		}
	}
	return c.ID, nil
}

// linkFeeds adds to c's sources those of feedURLs, subscribing (without
// fetching) to those missing.
func (s *Store) linkFeeds(ctx context.Context, tx *sql.Tx, c *model.Contact, feedURLs []string) error {
	place := newPlacer(tx)
	for _, u := range feedURLs {
		sid, err := s.ensureSource(ctx, place, u)
		if err != nil {
			return err
		}
		c.SourceIDs = append(c.SourceIDs, sid)
	}
	return nil
}

// ensureSource returns the id of the source with feedURL, subscribing to it
// (without fetching) when missing.
func (s *Store) ensureSource(ctx context.Context, place *placer, feedURL string) (int64, error) {
	feedURL = strings.TrimSpace(feedURL)
	if !strings.HasPrefix(feedURL, "http://") && !strings.HasPrefix(feedURL, "https://") {
		return 0, fmt.Errorf("store: feed %q is not an http or https URL", feedURL)
	}
	var id int64
	err := place.tx.QueryRowContext(ctx, `SELECT id FROM sources WHERE feed_url = ?`, feedURL).Scan(&id)
	if err == nil {
		return id, nil
	}
	if !errors.Is(err, sql.ErrNoRows) {
		return 0, fmt.Errorf("store: source %s: %w", feedURL, err)
	}
	pos, err := place.position(ctx, "sources")
	if err != nil {
		return 0, fmt.Errorf("store: source %s: %w", feedURL, err)
	}
	r, err := place.tx.ExecContext(ctx, `INSERT INTO sources (feed_url, position, created_at) VALUES (?, ?, ?)`,
		feedURL, pos, time.Now().Unix())
	if err != nil {
		return 0, fmt.Errorf("store: source %s: %w", feedURL, err)
	}
	return r.LastInsertId()
}

func isUnique(err error) bool {
	return err != nil && strings.Contains(err.Error(), "UNIQUE constraint failed")
}

func (s *Store) ensureCommunity(ctx context.Context, tx *sql.Tx, name string) (int64, error) {
	var id int64
	err := tx.QueryRowContext(ctx, `SELECT id FROM communities WHERE name = ?`, name).Scan(&id)
	if errors.Is(err, sql.ErrNoRows) {
		r, err := tx.ExecContext(ctx, `INSERT INTO communities (name, created_at) VALUES (?, ?)`, name, time.Now().Unix())
		if err != nil {
			return 0, fmt.Errorf("store: community %q: %w", name, err)
		}
		return r.LastInsertId()
	}
	if err != nil {
		return 0, fmt.Errorf("store: community %q: %w", name, err)
	}
	return id, nil
}

// DeleteContact removes a contact and everything that is only theirs.
func (s *Store) DeleteContact(ctx context.Context, id int64) error {
	r, err := s.db.ExecContext(ctx, `DELETE FROM contacts WHERE id = ?`, id)
	if err != nil {
		return fmt.Errorf("store: delete contact %d: %w", id, err)
	}
	if n, _ := r.RowsAffected(); n == 0 {
		return fmt.Errorf("%w: contact %d", ErrNotFound, id)
	}
	return nil
}

// ContactFilter selects contacts.
type ContactFilter struct {
	ID        int64 // just this contact
	Circle    model.Circle
	Community string
	Query     string // substring of name, organisation, role, e-mail, handle or interest
}

// querier is a *sql.DB or a *sql.Tx.
type querier interface {
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
}

// Contacts lists contacts by name, with all their lists filled in.
func (s *Store) Contacts(ctx context.Context, f ContactFilter) ([]model.Contact, error) {
	return s.contactsQ(ctx, s.db, f)
}

func (s *Store) contactsQ(ctx context.Context, db querier, f ContactFilter) ([]model.Contact, error) {
	var where []string
	var args []any
	if f.ID != 0 {
		where = append(where, `c.id = ?`)
		args = append(args, f.ID)
	}
	if f.Circle != "" {
		where = append(where, `c.id IN (SELECT contact_id FROM contact_circles WHERE circle = ?)`)
		args = append(args, string(f.Circle))
	}
	if f.Community != "" {
		where = append(where, `c.id IN (SELECT m.contact_id FROM community_members m JOIN communities k ON k.id = m.community_id WHERE k.name = ?)`)
		args = append(args, f.Community)
	}
	if q := strings.TrimSpace(f.Query); q != "" {
		like := "%" + strings.NewReplacer(`\`, `\\`, `%`, `\%`, `_`, `\_`).Replace(q) + "%"
		where = append(where, `(c.name LIKE ? ESCAPE '\' OR c.organisation LIKE ? ESCAPE '\' OR c.role LIKE ? ESCAPE '\'
			OR c.id IN (SELECT contact_id FROM contact_emails WHERE email LIKE ? ESCAPE '\')
			OR c.id IN (SELECT contact_id FROM contact_handles WHERE value LIKE ? ESCAPE '\')
			OR c.id IN (SELECT contact_id FROM contact_interests WHERE phrase LIKE ? ESCAPE '\'))`)
		args = append(args, like, like, like, like, like, like)
	}
	q := `SELECT c.id, c.name, c.role, c.organisation, c.timezone, c.work_start, c.work_end, c.cadence_seconds,
		c.channel, c.notes, c.last_contacted_at FROM contacts c`
	if len(where) > 0 {
		q += ` WHERE ` + strings.Join(where, ` AND `)
	}
	q += ` ORDER BY c.name COLLATE NOCASE, c.id`
	rows, err := db.QueryContext(ctx, q, args...)
	if err != nil {
		return nil, fmt.Errorf("store: contacts: %w", err)
	}
	var out []model.Contact
	byID := map[int64]int{}
	for rows.Next() {
		var c model.Contact
		var cadence, last int64
		var channel string
		if err := rows.Scan(&c.ID, &c.Name, &c.Role, &c.Organisation, &c.TimeZone, &c.WorkStart, &c.WorkEnd,
			&cadence, &channel, &c.Notes, &last); err != nil {
			rows.Close()
			return nil, fmt.Errorf("store: contacts: %w", err)
		}
		c.Cadence = time.Duration(cadence) * time.Second
		c.Channel = model.Channel(channel)
		c.LastContacted = fromUnix(last)
		byID[c.ID] = len(out)
		out = append(out, c)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("store: contacts: %w", err)
	}
	if len(out) == 0 {
		return out, nil
	}
	if err := fillContacts(ctx, db, out, byID); err != nil {
		return nil, err
	}
	return out, nil
}

// fillContacts loads every contact's lists in one query per list.
func fillContacts(ctx context.Context, db querier, cs []model.Contact, byID map[int64]int) error {
	// Few contacts (one, or a filtered list): read only their rows.
	only := ""
	if len(cs) <= 200 {
		ids := make([]string, len(cs))
		for i, c := range cs {
			ids[i] = fmt.Sprint(c.ID)
		}
		only = " WHERE contact_id IN (" + strings.Join(ids, ",") + ")"
	}
	each := func(q string, fn func(c *model.Contact, a, b string)) error {
		if only != "" {
			if k := strings.Index(q, " ORDER BY"); k >= 0 {
				q = q[:k] + only + q[k:]
			} else {
				q += only
			}
		}
		rows, err := db.QueryContext(ctx, q)
		if err != nil {
			return fmt.Errorf("store: contacts: %w", err)
		}
		defer rows.Close()
		for rows.Next() {
			var id int64
			var a, b string
			if err := rows.Scan(&id, &a, &b); err != nil {
				return fmt.Errorf("store: contacts: %w", err)
			}
			if i, ok := byID[id]; ok {
				fn(&cs[i], a, b)
			}
		}
		return rows.Err()
	}
	steps := []struct {
		q  string
		fn func(c *model.Contact, a, b string)
	}{
		{`SELECT contact_id, email, '' FROM contact_emails ORDER BY rowid`, func(c *model.Contact, a, _ string) { c.Emails = append(c.Emails, a) }},
		{`SELECT contact_id, kind, value FROM contact_handles ORDER BY rowid`, func(c *model.Contact, a, b string) {
			c.Handles = append(c.Handles, model.Handle{Kind: a, Value: b})
		}},
		{`SELECT contact_id, circle, '' FROM contact_circles`, func(c *model.Contact, a, _ string) { c.Circles = append(c.Circles, model.Circle(a)) }},
		{`SELECT contact_id, phrase, '' FROM contact_interests ORDER BY rowid`, func(c *model.Contact, a, _ string) { c.Interests = append(c.Interests, a) }},
		{`SELECT contact_id, name, '' FROM community_members m JOIN communities k ON k.id = m.community_id ORDER BY k.name COLLATE NOCASE`,
			func(c *model.Contact, a, _ string) { c.Communities = append(c.Communities, a) }},
		{`SELECT contact_id, source_id, '' FROM contact_sources ORDER BY source_id`, func(c *model.Contact, a, _ string) {
			var id int64
			fmt.Sscan(a, &id)
			c.SourceIDs = append(c.SourceIDs, id)
		}},
	}
	for _, st := range steps {
		if err := each(st.q, st.fn); err != nil {
			return err
		}
	}
	order := map[model.Circle]int{model.CircleTeam: 0, model.CircleCommunity: 1, model.CircleNetwork: 2}
	for i := range cs {
		sort.Slice(cs[i].Circles, func(a, b int) bool { return order[cs[i].Circles[a]] < order[cs[i].Circles[b]] })
	}
	return nil
}

// Contact returns one contact.
func (s *Store) Contact(ctx context.Context, id int64) (model.Contact, error) {
	cs, err := s.Contacts(ctx, ContactFilter{ID: id})
	if err != nil {
		return model.Contact{}, err
	}
	if len(cs) == 0 {
		return model.Contact{}, fmt.Errorf("%w: contact %d", ErrNotFound, id)
	}
	return cs[0], nil
}

// Communities lists communities by name with their member counts.
func (s *Store) Communities(ctx context.Context) ([]model.Community, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT k.id, k.name, k.description, k.digest_day, k.digest_time,
		(SELECT count(*) FROM community_members m WHERE m.community_id = k.id)
		FROM communities k ORDER BY k.name COLLATE NOCASE`)
	if err != nil {
		return nil, fmt.Errorf("store: communities: %w", err)
	}
	defer rows.Close()
	var out []model.Community
	for rows.Next() {
		var c model.Community
		var day int
		if err := rows.Scan(&c.ID, &c.Name, &c.Description, &day, &c.DigestTime, &c.Members); err != nil {
			return nil, fmt.Errorf("store: communities: %w", err)
		}
		c.DigestDay = time.Weekday(day)
		out = append(out, c)
	}
	return out, rows.Err()
}

// SaveCommunity creates or changes the community named k.Name: its
// description and digest slot (weekday and "HH:MM" in the user's zone).
func (s *Store) SaveCommunity(ctx context.Context, k model.Community) (int64, error) {
	k.Name = strings.TrimSpace(k.Name)
	if k.Name == "" {
		return 0, fmt.Errorf("store: a community needs a name")
	}
	if k.DigestTime == "" {
		k.DigestTime = "10:00"
	}
	if _, err := model.ParseClock(k.DigestTime); err != nil {
		return 0, err
	}
	if k.DigestDay < time.Sunday || k.DigestDay > time.Saturday {
		return 0, fmt.Errorf("store: digest day %d is not a weekday", k.DigestDay)
	}
	_, err := s.db.ExecContext(ctx, `INSERT INTO communities (name, description, digest_day, digest_time, created_at)
		VALUES (?, ?, ?, ?, ?) ON CONFLICT (name) DO UPDATE SET
		description = excluded.description, digest_day = excluded.digest_day, digest_time = excluded.digest_time`,
		k.Name, strings.TrimSpace(k.Description), int(k.DigestDay), k.DigestTime, time.Now().Unix())
	if err != nil {
		return 0, fmt.Errorf("store: save community %q: %w", k.Name, err)
	}
	var id int64
	if err := s.db.QueryRowContext(ctx, `SELECT id FROM communities WHERE name = ?`, k.Name).Scan(&id); err != nil {
		return 0, fmt.Errorf("store: save community %q: %w", k.Name, err)
	}
	return id, nil
}

// TouchContact records that the user was in touch with a contact at at
// (a call, a meeting, a message outside Knowflow): their last contact
// becomes at, unless it is later already.
func (s *Store) TouchContact(ctx context.Context, id int64, at time.Time) error {
	r, err := s.db.ExecContext(ctx, `UPDATE contacts SET last_contacted_at = max(last_contacted_at, ?) WHERE id = ?`, at.Unix(), id)
	if err != nil {
		return fmt.Errorf("store: touch contact %d: %w", id, err)
	}
	if n, _ := r.RowsAffected(); n == 0 {
		return fmt.Errorf("%w: contact %d", ErrNotFound, id)
	}
	return nil
}
