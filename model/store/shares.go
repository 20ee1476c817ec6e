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

// ErrAlreadyShared is returned when an item was already shared with that
// contact or into that community.
var ErrAlreadyShared = errors.New("store: already shared")

// recipient is the contact or community of a share or a verdict, as stored.
type recipient struct {
	name    string
	channel model.Channel // the contact's preferred channel
	last    int64         // the contact's last_contacted_at
}

// oneTarget checks that exactly one of a contact and a community is named.
func oneTarget(contactID, communityID int64) error {
	if (contactID != 0) == (communityID != 0) {
		return fmt.Errorf("store: name exactly one contact or one community (got contact %d, community %d)", contactID, communityID)
	}
	if contactID < 0 || communityID < 0 {
		return fmt.Errorf("store: contact and community ids are positive (got contact %d, community %d)", contactID, communityID)
	}
	return nil
}

// lookupItem returns an item's title and its current note.
func lookupItem(ctx context.Context, tx *sql.Tx, id int64) (title, link, note string, err error) {
	err = tx.QueryRowContext(ctx, `SELECT i.title, i.link, ifnull(n.body, '') FROM items i
		LEFT JOIN notes n ON n.item_id = i.id WHERE i.id = ?`, id).Scan(&title, &link, &note)
	if errors.Is(err, sql.ErrNoRows) {
		return "", "", "", fmt.Errorf("%w: item %d", ErrNotFound, id)
	}
	if err != nil {
		return "", "", "", fmt.Errorf("store: item %d: %w", id, err)
	}
	return title, link, note, nil
}

// lookupRecipient reads the contact or community a share or verdict names.
func lookupRecipient(ctx context.Context, tx *sql.Tx, contactID, communityID int64) (recipient, error) {
	var r recipient
	if contactID != 0 {
		var channel string
		err := tx.QueryRowContext(ctx, `SELECT name, channel, last_contacted_at FROM contacts WHERE id = ?`, contactID).
			Scan(&r.name, &channel, &r.last)
		if errors.Is(err, sql.ErrNoRows) {
			return r, fmt.Errorf("%w: contact %d", ErrNotFound, contactID)
		}
		if err != nil {
			return r, fmt.Errorf("store: contact %d: %w", contactID, err)
		}
		r.channel = model.Channel(channel)
		return r, nil
	}
	err := tx.QueryRowContext(ctx, `SELECT name FROM communities WHERE id = ?`, communityID).Scan(&r.name)
	if errors.Is(err, sql.ErrNoRows) {
		return r, fmt.Errorf("%w: community %d", ErrNotFound, communityID)
	}
	if err != nil {
		return r, fmt.Errorf("store: community %d: %w", communityID, err)
	}
	r.channel = model.ChannelCopy
	return r, nil
}

// validChannel reports whether c is one of the sharing channels.
func validChannel(c model.Channel) bool {
	switch c {
	case model.ChannelEmail, model.ChannelMastodon, model.ChannelCopy, model.ChannelOther:
		return true
	}
	return false
}

// RecordShare stores that the user shared an item with a contact or into a
// community. Exactly one of sh.ContactID and sh.CommunityID is set, and the
// item and the recipient must exist. An empty Channel is the contact's
// preferred one (copy for a community); a zero SharedAt is now; an empty
// Note is the item's current note. In one transaction it stores the share,
// a "shared" verdict for the suggestion, and, for a contact, moves their
// last contact to the share's time if that is later. The same item is
// never shared twice with the same recipient (ErrAlreadyShared). It returns
// the stored share with its ID.
func (s *Store) RecordShare(ctx context.Context, sh model.Share) (model.Share, error) {
	if err := oneTarget(sh.ContactID, sh.CommunityID); err != nil {
		return model.Share{}, err
	}
	sh.Channel = model.Channel(strings.ToLower(strings.TrimSpace(string(sh.Channel))))
	if sh.Channel != "" && !validChannel(sh.Channel) {
		return model.Share{}, fmt.Errorf("store: unknown channel %q (want email, mastodon, copy or other)", sh.Channel)
	}
	if sh.SharedAt.IsZero() {
		sh.SharedAt = time.Now()
	}
	at := sh.SharedAt.Unix()
	sh.SharedAt = time.Unix(at, 0) // as stored: whole seconds
	sh.Note = strings.TrimSpace(sh.Note)

	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return model.Share{}, fmt.Errorf("store: record share: %w", err)
	}
	defer tx.Rollback()
	title, link, note, err := lookupItem(ctx, tx, sh.ItemID)
	if err != nil {
		return model.Share{}, err
	}
	to, err := lookupRecipient(ctx, tx, sh.ContactID, sh.CommunityID)
	if err != nil {
		return model.Share{}, err
	}
	if sh.Channel == "" {
		sh.Channel = to.channel
		if !validChannel(sh.Channel) {
			sh.Channel = model.ChannelEmail
		}
	}
	if sh.Note == "" {
		sh.Note = note
	}
	var before int64
	err = tx.QueryRowContext(ctx, `SELECT shared_at FROM shares WHERE item_id = ? AND (contact_id = ? OR community_id = ?)
		ORDER BY shared_at LIMIT 1`, sh.ItemID, sh.ContactID, sh.CommunityID).Scan(&before)
	if err == nil {
		return model.Share{}, fmt.Errorf("%w: %q with %s on %s", ErrAlreadyShared, title, to.name, time.Unix(before, 0).Format("2006-01-02"))
	}
	if !errors.Is(err, sql.ErrNoRows) {
		return model.Share{}, fmt.Errorf("store: record share: %w", err)
	}
	res, err := tx.ExecContext(ctx, `INSERT INTO shares (item_id, item_title, item_url, contact_id, community_id, channel, shared_at, note)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?)`, sh.ItemID, title, link, nullID(sh.ContactID), nullID(sh.CommunityID), string(sh.Channel), at, sh.Note)
	if err != nil {
		return model.Share{}, fmt.Errorf("store: record share: %w", err)
	}
	sh.ID, _ = res.LastInsertId()
	if _, err := tx.ExecContext(ctx, `INSERT INTO suggestion_feedback (item_id, contact_id, community_id, verdict, until_at, created_at)
		VALUES (?, ?, ?, ?, 0, ?)`, sh.ItemID, nullID(sh.ContactID), nullID(sh.CommunityID), string(model.VerdictShared), at); err != nil {
		return model.Share{}, fmt.Errorf("store: record share: %w", err)
	}
	if sh.ContactID != 0 {
		if _, err := tx.ExecContext(ctx, `UPDATE contacts SET last_contacted_at = max(last_contacted_at, ?) WHERE id = ?`,
			at, sh.ContactID); err != nil {
			return model.Share{}, fmt.Errorf("store: record share: %w", err)
		}
	}
	if err := tx.Commit(); err != nil {
		return model.Share{}, fmt.Errorf("store: record share: %w", err)
	}
	return sh, nil
}

// SaveFeedback stores the user's verdict on a suggestion: dismissed ("not
// for them") or snoozed until f.Until, which must come after f.At (a zero
// At is now). Exactly one of ContactID and CommunityID is set, and the item
// and the recipient must exist. Shares are recorded by RecordShare, which
// stores their verdict itself. Dismissing the same suggestion twice stores
// it once.
func (s *Store) SaveFeedback(ctx context.Context, f model.Feedback) error {
	if err := oneTarget(f.ContactID, f.CommunityID); err != nil {
		return err
	}
	if f.At.IsZero() {
		f.At = time.Now()
	}
	switch f.Verdict {
	case model.VerdictDismissed:
		if !f.Until.IsZero() {
			return fmt.Errorf("store: only a snooze has an until time")
		}
	case model.VerdictSnoozed:
		if f.Until.IsZero() {
			return fmt.Errorf("store: a snooze needs the time it ends")
		}
		if !f.Until.After(f.At) {
			return fmt.Errorf("store: snooze until %s is not in the future (now %s)",
				f.Until.Format(time.RFC3339), f.At.Format(time.RFC3339))
		}
	case model.VerdictShared:
		return fmt.Errorf("store: a share is recorded with RecordShare, not as feedback")
	default:
		return fmt.Errorf("store: unknown verdict %q (want dismissed or snoozed)", f.Verdict)
	}
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("store: save feedback: %w", err)
	}
	defer tx.Rollback()
	if _, _, _, err := lookupItem(ctx, tx, f.ItemID); err != nil {
		return err
	}
	if _, err := lookupRecipient(ctx, tx, f.ContactID, f.CommunityID); err != nil {
		return err
	}
	if f.Verdict == model.VerdictDismissed {
		var n int
		if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM suggestion_feedback WHERE item_id = ? AND verdict = ?
			AND ifnull(contact_id, 0) = ? AND ifnull(community_id, 0) = ?`,
			f.ItemID, string(f.Verdict), f.ContactID, f.CommunityID).Scan(&n); err != nil {
			return fmt.Errorf("store: save feedback: %w", err)
		}
		if n > 0 {
			return nil
		}
	}
	if _, err := tx.ExecContext(ctx, `INSERT INTO suggestion_feedback (item_id, contact_id, community_id, verdict, until_at, created_at)
		VALUES (?, ?, ?, ?, ?, ?)`, f.ItemID, nullID(f.ContactID), nullID(f.CommunityID), string(f.Verdict),
		unix(f.Until), f.At.Unix()); err != nil {
		return fmt.Errorf("store: save feedback: %w", err)
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("store: save feedback: %w", err)
	}
	return nil
}

// ShareRecord is a share with the names History shows.
type ShareRecord struct {
	model.Share
	ItemTitle, ItemURL string
	ContactName        string // empty for a community
	CommunityName      string // empty for a contact
}

// HistoryFilter selects shares for History; zero fields select all.
type HistoryFilter struct {
	ContactID   int64
	CommunityID int64
	Since       time.Time // shared at or after
	Limit       int       // 0: no limit
}

// History lists shares newest first.
func (s *Store) History(ctx context.Context, f HistoryFilter) ([]ShareRecord, error) {
	var where []string
	var args []any
	if f.ContactID != 0 {
		where = append(where, `sh.contact_id = ?`)
		args = append(args, f.ContactID)
	}
	if f.CommunityID != 0 {
		where = append(where, `sh.community_id = ?`)
		args = append(args, f.CommunityID)
	}
	if !f.Since.IsZero() {
		where = append(where, `sh.shared_at >= ?`)
		args = append(args, f.Since.Unix())
	}
	// An item removed with its source leaves its title and link as shared.
	q := `SELECT sh.id, ifnull(sh.item_id, 0), ifnull(sh.contact_id, 0), ifnull(sh.community_id, 0), sh.channel, sh.shared_at, sh.note,
		ifnull(i.title, sh.item_title), ifnull(i.link, sh.item_url), ifnull(c.name, ''), ifnull(k.name, '')
		FROM shares sh LEFT JOIN items i ON i.id = sh.item_id
		LEFT JOIN contacts c ON c.id = sh.contact_id LEFT JOIN communities k ON k.id = sh.community_id`
	if len(where) > 0 {
		q += ` WHERE ` + strings.Join(where, ` AND `)
	}
	q += ` ORDER BY sh.shared_at DESC, sh.id DESC`
	if f.Limit > 0 {
		q += ` LIMIT ?`
		args = append(args, f.Limit)
	}
	rows, err := s.db.QueryContext(ctx, q, args...)
	if err != nil {
		return nil, fmt.Errorf("store: history: %w", err)
	}
	defer rows.Close()
	var out []ShareRecord
	for rows.Next() {
		var r ShareRecord
		var channel string
		var at int64
		if err := rows.Scan(&r.ID, &r.ItemID, &r.ContactID, &r.CommunityID, &channel, &at, &r.Note,
			&r.ItemTitle, &r.ItemURL, &r.ContactName, &r.CommunityName); err != nil {
			return nil, fmt.Errorf("store: history: %w", err)
		}
		r.Channel = model.Channel(channel)
		r.SharedAt = time.Unix(at, 0)
		out = append(out, r)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("store: history: %w", err)
	}
	return out, nil
}
