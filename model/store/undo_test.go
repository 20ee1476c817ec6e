package store

import (
	"context"
	"testing"
	"time"

	"github.com/knowflow/knowflow/model"
)

func TestUndoShare(t *testing.T) {
	f := newShareFixture(t)
	ctx := context.Background()
	at := time.Date(2026, 11, 26, 10, 0, 0, 0, time.UTC)
	sh, err := f.s.RecordShare(ctx, model.Share{ItemID: f.one.ID, ContactID: f.ana, SharedAt: at})
	if err != nil {
		t.Fatal(err)
	}
	kept, err := f.s.RecordShare(ctx, model.Share{ItemID: f.one.ID, CommunityID: f.guild, SharedAt: at})
	if err != nil {
		t.Fatal(err)
	}
	if c, _ := f.s.Contact(ctx, f.ana); !c.LastContacted.Equal(at) {
		t.Fatalf("last contact after the share = %v", c.LastContacted)
	}
	if err := f.s.UndoShare(ctx, sh, f.anaLastContact); err != nil {
		t.Fatal(err)
	}
	if n := f.count(t, "shares"); n != 1 {
		t.Errorf("%d shares after the undo, want the community's", n)
	}
	if n := f.count(t, "suggestion_feedback"); n != 1 {
		t.Errorf("%d verdicts after the undo, want the community's", n)
	}
	if c, _ := f.s.Contact(ctx, f.ana); !c.LastContacted.Equal(f.anaLastContact) {
		t.Errorf("last contact after the undo = %v, want %v", c.LastContacted, f.anaLastContact)
	}
	// Shared again: allowed, the first is gone. A second undo of the first does nothing.
	if _, err := f.s.RecordShare(ctx, model.Share{ItemID: f.one.ID, ContactID: f.ana, SharedAt: at}); err != nil {
		t.Errorf("sharing again after the undo: %v", err)
	}
	if err := f.s.UndoShare(ctx, sh, time.Time{}); err != nil || f.count(t, "shares") != 2 {
		t.Errorf("undoing a share that is gone: %v, %d shares", err, f.count(t, "shares"))
	}
	if err := f.s.UndoShare(ctx, kept, time.Time{}); err != nil || f.count(t, "shares") != 1 {
		t.Errorf("undoing the community's share: %v, %d shares", err, f.count(t, "shares"))
	}
}

func TestDeleteFeedback(t *testing.T) {
	f := newShareFixture(t)
	ctx := context.Background()
	at := time.Date(2026, 11, 26, 10, 0, 0, 0, time.UTC)
	first := model.Feedback{ItemID: f.one.ID, ContactID: f.bo, Verdict: model.VerdictDismissed, At: at}
	later := model.Feedback{ItemID: f.two.ID, ContactID: f.bo, Verdict: model.VerdictDismissed, At: at.Add(time.Minute)}
	for _, fb := range []model.Feedback{first, later} {
		if err := f.s.SaveFeedback(ctx, fb); err != nil {
			t.Fatal(err)
		}
	}
	if err := f.s.DeleteFeedback(ctx, later); err != nil {
		t.Fatal(err)
	}
	if n := f.count(t, "suggestion_feedback"); n != 1 {
		t.Errorf("%d verdicts after the delete, want 1", n)
	}
	// A dismissal again is stored once: withdrawing it by the later time leaves the first.
	again := first
	again.At = at.Add(time.Hour)
	if err := f.s.SaveFeedback(ctx, again); err != nil {
		t.Fatal(err)
	}
	if err := f.s.DeleteFeedback(ctx, again); err != nil || f.count(t, "suggestion_feedback") != 1 {
		t.Errorf("the first dismissal went: %v, %d verdicts", err, f.count(t, "suggestion_feedback"))
	}
	if err := f.s.DeleteFeedback(ctx, model.Feedback{Verdict: model.VerdictShared}); err == nil {
		t.Error("a shared verdict was deleted as feedback")
	}
}
