package ui

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/knowflow/knowflow/model"
	"github.com/knowflow/knowflow/model/store"
)

// A tick queued before the scheduler stopped starts nothing after it.
func TestTickAfterStopDoesNothing(t *testing.T) {
	u, _ := quietUI(t)
	u.lastRefresh = remindNow.Add(-24 * time.Hour) // a refresh is due
	u.StopScheduler()
	u.Tick()
	if u.seek.refreshing || !u.lastRefresh.Equal(remindNow.Add(-24*time.Hour)) {
		t.Error("a tick after StopScheduler started a refresh")
	}
	if u.computing {
		t.Error("a tick after StopScheduler started the engine")
	}
}

// Once the app's lifetime has ended (the service is closing), background
// work is refused and the window is left as it was, not waiting for an
// answer that will never come.
func TestNothingStartsAfterTheLifetime(t *testing.T) {
	u, b := quietUI(t)
	if err := b.Close(); err != nil {
		t.Fatal(err)
	}
	if u.background(func(context.Context) { t.Error("a job ran after Close") }) {
		t.Error("background accepted a job after Close")
	}
	u.recomputeSuggestions()
	if u.computing || u.again {
		t.Errorf("computing %v, again %v after a refused run", u.computing, u.again)
	}
	u.RefreshNow()
	if u.seek.refreshing || u.seek.progress.Visible() {
		t.Error("Refresh shows progress for a refresh that never started")
	}
	if u.seek.refreshBtn.Disabled() {
		t.Error("the Refresh button stays disabled")
	}
}

// The Ideas dialog opens with the engine's answer, computed through the
// service (in the background in the real window).
func TestIdeasDialogFromTheService(t *testing.T) {
	u, b := quietUI(t)
	ctx := context.Background()
	src, _, err := b.AddSource(ctx, model.Source{Title: "Notes", FeedURL: "https://notes.example/feed"})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := b.SaveFetches(ctx, []store.FetchResult{{SourceID: src.ID, CheckedAt: remindNow, Items: []model.Item{
		{DedupeKey: "1", Title: "Remote onboarding that works", Link: "https://notes.example/1", Text: "A remote onboarding plan.", Published: remindNow.Add(-time.Hour)},
	}}}); err != nil {
		t.Fatal(err)
	}
	id, err := b.SaveContact(ctx, model.Contact{Name: "Ana Lima", Circles: []model.Circle{model.CircleTeam}, Interests: []string{"remote onboarding"}})
	if err != nil {
		t.Fatal(err)
	}
	c, err := b.Contact(ctx, id)
	if err != nil {
		t.Fatal(err)
	}
	u.showIdeas(c)
	if u.ideasDlg == nil {
		t.Fatal("no Ideas dialog")
	}
	if got := texts(u.win.Canvas().Overlays().Top()); !strings.Contains(got, "Remote onboarding that works") {
		t.Errorf("Ideas dialog shows:\n%s", got)
	}
}
