package ui

import (
	"context"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2/test"

	"github.com/knowflow/knowflow/model"
	"github.com/knowflow/knowflow/model/store"
)

// emptyShare is Share after a computation that found nothing, at now,
// with the reason found on the worker.
func emptyShare(t *testing.T, u *App, now time.Time) string {
	t.Helper()
	u.now = func() time.Time { return now }
	r := u.run.(*loopRunner)
	r.setHold(true)
	u.applySuggestions(nil, sharePrefs(), now)
	if r.heldWork() == 0 {
		t.Error("the reason is not read on a worker")
	}
	r.setHold(false)
	r.runAllHeld()
	settle(t, u)
	return texts(u.share.content)
}

func TestShareEmptyReasonTooOld(t *testing.T) {
	u, _, b, _ := newShareUI(t)
	got := emptyShare(t, u, shareNow.Add(21*24*time.Hour))
	want := "Share considers unread and starred items from the last 14 days; your newest is from 3 weeks ago."
	if !strings.Contains(got, "Nothing recent enough") || !strings.Contains(got, want) {
		t.Fatalf("too old:\n%s", got)
	}
	if !strings.Contains(got, "[Use the last 30 days]") || !strings.Contains(got, "[Use the last 60 days]") {
		t.Errorf("no offer to widen:\n%s", got)
	}
	n := 0
	u.onSuggested = func([]model.Suggestion) { n++ }
	test.Tap(findButton(t, u.share.content, "Use the last 30 days"))
	settle(t, u)
	u.bg.Wait()
	settle(t, u)
	p, err := b.Prefs(context.Background())
	if err != nil || p.SuggestDays != 30 {
		t.Errorf("window = %d days (%v), want 30", p.SuggestDays, err)
	}
	if n != 1 {
		t.Errorf("widening computed %d times, want 1", n)
	}
}

func TestShareEmptyReasonNoInterests(t *testing.T) {
	u, _, b, fx := newShareUI(t)
	ctx := context.Background()
	for _, c := range []model.Contact{fx.ana, fx.chen, fx.bruno} {
		c.Interests = nil
		if _, err := b.SaveContact(ctx, c); err != nil {
			t.Fatal(err)
		}
	}
	got := emptyShare(t, u, shareNow)
	if !strings.Contains(got, "No one has interests yet") || !strings.Contains(got, "[Go to People]") {
		t.Errorf("no interests:\n%s", got)
	}
}

func TestShareEmptyReasonEverythingRead(t *testing.T) {
	u, _, b, fx := newShareUI(t)
	ctx := context.Background()
	if _, err := b.MarkAllRead(ctx, store.ItemFilter{}); err != nil {
		t.Fatal(err)
	}
	if err := b.SetStarred(ctx, fx.item["sqlite"].ID, false); err != nil {
		t.Fatal(err)
	}
	if got := emptyShare(t, u, shareNow); !strings.Contains(got, "Everything is read") {
		t.Errorf("all read:\n%s", got)
	}
}

func TestShareEmptyReasonCadence(t *testing.T) {
	u, _, b, fx := newShareUI(t)
	ctx := context.Background()
	for _, c := range []model.Contact{fx.ana, fx.chen, fx.bruno} {
		if _, err := b.RecordShare(ctx, model.Share{ItemID: fx.item["retro"].ID, ContactID: c.ID,
			Channel: model.ChannelEmail, SharedAt: shareNow.Add(-2 * time.Hour)}); err != nil {
			t.Fatal(err)
		}
	}
	got := emptyShare(t, u, shareNow)
	// Ana is in the team: her one day ends first.
	if !strings.Contains(got, "Everyone is within their cadence") || !strings.Contains(got, "ends Fri 27 Nov 08:00 (Ana Costa)") {
		t.Errorf("cadence:\n%s", got)
	}
}
