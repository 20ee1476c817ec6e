package ui

import (
	"context"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"github.com/knowflow/knowflow/model"
	"github.com/knowflow/knowflow/model/store"
)

// settleKeepTimers is settle without firing the timers: Undo stays offered.
func settleKeepTimers(t *testing.T, u *App) {
	t.Helper()
	r := u.run.(*loopRunner)
	deadline := time.After(time.Minute)
	for {
		r.runCalls()
		r.mu.Lock()
		running := r.running
		r.mu.Unlock()
		if running == 0 {
			if r.runCalls() == 0 {
				return
			}
			continue
		}
		select {
		case <-r.wake:
		case <-deadline:
			t.Fatal("background work did not end within a minute")
		}
	}
}

// feedbackOf is the verdicts stored for item and contact.
func feedbackOf(t *testing.T, u *App, itemID, contactID int64) []model.Feedback {
	t.Helper()
	in, err := full(u).(backend).SuggestInput(context.Background(), shareNow, 0)
	if err != nil {
		t.Fatal(err)
	}
	var out []model.Feedback
	for _, f := range in.Feedback {
		if f.ItemID == itemID && f.ContactID == contactID {
			out = append(out, f)
		}
	}
	return out
}

// handShareOn is Share with handSuggestions, the suggestion of item key
// to contact to selected and its page read.
func handShareOn(t *testing.T, key, to string) (*App, backend, shareFixture) {
	t.Helper()
	u, _, b, fx := newShareUI(t)
	u.applySuggestions(handSuggestions(fx), sharePrefs(), shareNow)
	u.share.list.Select(rowOf(t, u.share, fx, key, to))
	settle(t, u)
	return u, b, fx
}

func TestShareUndoMarkShared(t *testing.T) {
	u, b, fx := handShareOn(t, "analytics", "Chen Wei")
	s := u.share
	test.Tap(findButton(t, s.detail, "Mark shared"))
	settleKeepTimers(t, u)
	u.bg.Wait()
	settleKeepTimers(t, u)
	if !s.undoBtn.Visible() || !strings.Contains(s.status.Text, "with Chen Wei") {
		t.Fatalf("after Mark shared: Undo shown %v, status %q", s.undoBtn.Visible(), s.status.Text)
	}
	test.Tap(s.undoBtn)
	settle(t, u)
	u.bg.Wait()
	settle(t, u)
	ctx := context.Background()
	if h, err := b.History(ctx, store.HistoryFilter{}); err != nil || len(h) != 0 {
		t.Errorf("history after Undo = %+v, %v", h, err)
	}
	if n := len(feedbackOf(t, u, fx.item["analytics"].ID, fx.chen.ID)); n != 0 {
		t.Errorf("%d verdicts left after Undo", n)
	}
	if c, _ := b.Contact(ctx, fx.chen.ID); !c.LastContacted.Equal(fx.chen.LastContacted) {
		t.Errorf("Chen's last contact = %v, want %v as before", c.LastContacted, fx.chen.LastContacted)
	}
	if !hasSuggestion(s, fx.item["analytics"].ID, fx.chen.ID, 0) {
		t.Error("the suggestion is not back after Undo")
	}
	if s.undoBtn.Visible() || !strings.HasPrefix(s.status.Text, "Undone") {
		t.Errorf("after Undo: Undo shown %v, status %q", s.undoBtn.Visible(), s.status.Text)
	}
}

func TestShareUndoNotForThemAndItsTime(t *testing.T) {
	u, _, fx := handShareOn(t, "onboarding", "Ana Costa")
	s, r := u.share, u.run.(*loopRunner)
	onboarding := fx.item["onboarding"].ID
	test.Tap(findButton(t, s.detail, "Not for them"))
	settleKeepTimers(t, u)
	if n := len(feedbackOf(t, u, onboarding, fx.ana.ID)); n != 1 || !s.undoBtn.Visible() {
		t.Fatalf("after Not for them: %d verdicts, Undo shown %v", n, s.undoBtn.Visible())
	}
	test.Tap(s.undoBtn)
	settle(t, u)
	if n := len(feedbackOf(t, u, onboarding, fx.ana.ID)); n != 0 {
		t.Errorf("%d verdicts after Undo", n)
	}
	if !hasSuggestion(s, onboarding, fx.ana.ID, 0) {
		t.Error("not listed again after Undo")
	}

	// Undo is offered for a while: once its timer fires it is gone.
	s.list.Select(s.nearestSuggestionRow(0))
	settle(t, u)
	test.Tap(s.dismissBtn)
	settleKeepTimers(t, u)
	if !s.undoBtn.Visible() || r.pendingTimers() == 0 {
		t.Fatalf("Undo shown %v with %d timers", s.undoBtn.Visible(), r.pendingTimers())
	}
	r.fire()
	if s.undoBtn.Visible() {
		t.Error("Undo still offered after its time")
	}
}

func TestShareSnoozeSaysUntilWhen(t *testing.T) {
	u, _, _ := handShareOn(t, "onboarding", "Ana Costa")
	s := u.share
	test.Tap(findButton(t, s.detail, "Snooze 1 day"))
	settle(t, u)
	if want := "until Fri 27 Nov 10:00."; !strings.HasSuffix(s.status.Text, want) {
		t.Errorf("status = %q, want it to end %q", s.status.Text, want)
	}
}

// The actions stay where they are from one suggestion to the next, and
// one that does not apply is off, not hidden.
func TestShareActionsKeepTheirPlaces(t *testing.T) {
	u, _, _, fx := newShareUI(t)
	u.applySuggestions(handSuggestions(fx), sharePrefs(), shareNow)
	s := u.share
	d := fyne.CurrentApp().Driver()
	var first []fyne.Position
	for i, row := range []int{rowOf(t, s, fx, "onboarding", "Ana Costa"), rowOf(t, s, fx, "sqlite", "Kenji Sato"), rowOf(t, s, fx, "zettel", "Chen Wei")} {
		s.list.Select(row)
		settle(t, u)
		var at []fyne.Position
		for _, b := range []fyne.CanvasObject{s.emailBtn, s.mastodonBtn, s.sharedBtn, s.snoozeBtn, s.dismissBtn} {
			if !b.Visible() {
				t.Errorf("row %d: a hidden action", row)
			}
			at = append(at, d.AbsolutePositionForObject(b))
		}
		if i == 0 {
			first = at
			continue
		}
		for k := range at {
			if at[k] != first[k] {
				t.Errorf("row %d: action %d at %v, was at %v", row, k, at[k], first[k])
			}
		}
	}
	if !s.mastodonBtn.Disabled() {
		t.Error("Mastodon… is on without an instance")
	}
}
