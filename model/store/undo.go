package store

import (
	"context"
	"fmt"
	"time"

	"github.com/knowflow/knowflow/model"
)

// Undo for what Share records: a share taken back, a verdict withdrawn,
// a few seconds after it was made.

// UndoShare takes back the share sh (as RecordShare returned it: its ID,
// recipient and time): the share and the "shared" verdict it stored go,
// and a contact's last contact, when this share set it, goes back to the
// later of before (what it was until the share; zero when unknown) and
// their latest remaining share. A share that is gone already is not an
// error.
func (s *Store) UndoShare(ctx context.Context, sh model.Share, before time.Time) error {
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("store: undo share: %w", err)
	}
	defer tx.Rollback()
	at := sh.SharedAt.Unix()
	res, err := tx.ExecContext(ctx, `DELETE FROM shares WHERE id = ?`, sh.ID)
	if err != nil {
		return fmt.Errorf("store: undo share: %w", err)
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return nil
	}
	if _, err := tx.ExecContext(ctx, `DELETE FROM suggestion_feedback WHERE id = (SELECT id FROM suggestion_feedback
		WHERE item_id = ? AND ifnull(contact_id, 0) = ? AND ifnull(community_id, 0) = ? AND verdict = ? AND created_at = ?
		ORDER BY id DESC LIMIT 1)`, sh.ItemID, sh.ContactID, sh.CommunityID, string(model.VerdictShared), at); err != nil {
		return fmt.Errorf("store: undo share: %w", err)
	}
	if sh.ContactID != 0 {
		if _, err := tx.ExecContext(ctx, `UPDATE contacts SET last_contacted_at = max(?,
			ifnull((SELECT max(shared_at) FROM shares WHERE contact_id = ?), 0))
			WHERE id = ? AND last_contacted_at = ?`, unix(before), sh.ContactID, sh.ContactID, at); err != nil {
			return fmt.Errorf("store: undo share: %w", err)
		}
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("store: undo share: %w", err)
	}
	return nil
}

// DeleteFeedback withdraws the verdict f (as given to SaveFeedback: its
// item, recipient, verdict and time, to the second). A verdict that is
// gone already, or was stored earlier than f (a second dismissal stores
// nothing), stays as it is.
func (s *Store) DeleteFeedback(ctx context.Context, f model.Feedback) error {
	if f.Verdict == model.VerdictShared {
		return fmt.Errorf("store: a share is taken back with UndoShare")
	}
	if _, err := s.db.ExecContext(ctx, `DELETE FROM suggestion_feedback WHERE item_id = ? AND ifnull(contact_id, 0) = ?
		AND ifnull(community_id, 0) = ? AND verdict = ? AND created_at = ?`,
		f.ItemID, f.ContactID, f.CommunityID, string(f.Verdict), f.At.Unix()); err != nil {
		return fmt.Errorf("store: delete feedback: %w", err)
	}
	return nil
}
