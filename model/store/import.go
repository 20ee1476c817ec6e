package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"

	"github.com/knowflow/knowflow/model"
)

// ContactImport is one contact read from a file, with the feeds they write
// and where in the file it came from (for error messages).
type ContactImport struct {
	Contact model.Contact
	Feeds   []string
	Line    int
}

// ContactImportResult says what ImportContacts did.
type ContactImportResult struct {
	Added  int // new contacts
	Merged int // matched an existing contact by e-mail or handle
	Feeds  int // feeds linked to contacts
}

// ImportContacts stores contacts read from a file in one transaction. A
// contact whose e-mail or handle is already known is merged into that
// contact instead of duplicated. Any error refuses the whole file and
// names its line; nothing is half imported.
func (s *Store) ImportContacts(ctx context.Context, in []ContactImport) (res ContactImportResult, err error) {
	defer s.onDiskFull(&err, "nothing was imported")
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return res, fmt.Errorf("store: import contacts: %w", err)
	}
	defer tx.Rollback()
	place := newPlacer(tx)
	for _, ci := range in {
		c := ci.Contact
		where := func(err error) error { return fmt.Errorf("line %d (%s): %w", ci.Line, c.Name, err) }
		if err := c.Normalize(); err != nil {
			return ContactImportResult{}, where(err)
		}
		for _, u := range ci.Feeds {
			id, err := s.ensureSource(ctx, place, u)
			if err != nil {
				return ContactImportResult{}, where(err)
			}
			c.SourceIDs = append(c.SourceIDs, id)
			res.Feeds++
		}
		existing, err := s.matchContact(ctx, tx, c)
		if err != nil {
			return ContactImportResult{}, where(err)
		}
		if existing != 0 {
			old, err := s.contactTx(ctx, tx, existing)
			if err != nil {
				return ContactImportResult{}, where(err)
			}
			old.Merge(c)
			c = old
			res.Merged++
		} else {
			res.Added++
		}
		if _, err := s.saveContactTx(ctx, tx, c); err != nil {
			return ContactImportResult{}, where(err)
		}
	}
	if err := tx.Commit(); err != nil {
		return ContactImportResult{}, fmt.Errorf("store: import contacts: %w", err)
	}
	return res, nil
}

// matchContact finds a contact sharing an e-mail or a handle with c.
func (s *Store) matchContact(ctx context.Context, tx *sql.Tx, c model.Contact) (int64, error) {
	var id int64
	for _, e := range c.Emails {
		err := tx.QueryRowContext(ctx, `SELECT contact_id FROM contact_emails WHERE email = ?`, e).Scan(&id)
		if err == nil {
			return id, nil
		}
		if !errors.Is(err, sql.ErrNoRows) {
			return 0, err
		}
	}
	for _, h := range c.Handles {
		err := tx.QueryRowContext(ctx, `SELECT contact_id FROM contact_handles WHERE kind = ? AND value = ?`, h.Kind, h.Value).Scan(&id)
		if err == nil {
			return id, nil
		}
		if !errors.Is(err, sql.ErrNoRows) {
			return 0, err
		}
	}
	return 0, nil
}

// contactTx reads one contact inside a transaction.
func (s *Store) contactTx(ctx context.Context, tx *sql.Tx, id int64) (model.Contact, error) {
	cs, err := s.contactsQ(ctx, tx, ContactFilter{ID: id})
	if err != nil {
		return model.Contact{}, err
	}
	if len(cs) == 0 {
		return model.Contact{}, fmt.Errorf("%w: contact %d", ErrNotFound, id)
	}
	return cs[0], nil
}
