package ui

import (
	"context"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"github.com/knowflow/knowflow/feeds"
	"github.com/knowflow/knowflow/model"
)

// Thursday 26 November 2026, 10:00 UTC (Lisbon time in winter).
var remindNow = time.Date(2026, 11, 26, 10, 0, 0, 0, time.UTC)

func trayItem(t *testing.T, m *fyne.Menu, prefix string) *fyne.MenuItem {
	t.Helper()
	for _, it := range m.Items {
		if !it.IsSeparator && strings.HasPrefix(it.Label, prefix) {
			return it
		}
	}
	t.Fatalf("no tray item %q in %v", prefix, m.Items)
	return nil
}

// quietUI is a test window whose clock is fixed and whose first background
// computation (on an empty store) is over.
func quietUI(t *testing.T) (*App, backend) {
	u, _, b := newTestUI(t, Options{})
	u.bg.Wait()
	u.now = func() time.Time { return remindNow }
	p := model.DefaultPrefs()
	p.TimeZone = "UTC"
	u.prefs = p
	// In the store too: a computation reads the prefs there, and quiet
	// hours must not depend on the machine's zone.
	if err := b.SavePrefs(context.Background(), p); err != nil {
		t.Fatal(err)
	}
	// No background refresh from Tick unless a test asks for one: its
	// goroutine would race with the test in the test driver.
	u.lastRefresh = remindNow.Add(365 * 24 * time.Hour)
	return u, b
}

// apply shows hand-made suggestions and keeps them: Tick recomputes from
// the (empty) store only once they are 15 minutes old, so say they are
// fresh for a year.
func apply(u *App, s []model.Suggestion, at time.Time) {
	u.applySuggestions(s, u.prefs, at)
	u.computedAt = remindNow.Add(365 * 24 * time.Hour)
}

func handMade() []model.Suggestion {
	return []model.Suggestion{
		{Kind: model.KindShare, ItemID: 1, ItemTitle: "Remote onboarding that works", ContactID: 1, ContactName: "Ana Lima", Circle: model.CircleTeam, Score: 0.8, When: remindNow.Add(-time.Hour)},
		{Kind: model.KindThank, ItemID: 2, ItemTitle: "SQLite is all you need", ContactID: 2, ContactName: "Kenji Sato", Circle: model.CircleTeam, Score: 1, When: remindNow},
		{Kind: model.KindShare, ItemID: 3, ItemTitle: "Climate policy after the summit", CommunityID: 1, Community: "Builders", Circle: model.CircleCommunity, Score: 0.7, When: remindNow.Add(26 * time.Hour)},
	}
}

func TestTrayCountsDueSharesAndOpensShare(t *testing.T) {
	u, _ := quietUI(t)
	m := u.TrayMenu()
	if got := trayItem(t, m, "No shares").Label; got != "No shares due" {
		t.Errorf("empty tray says %q", got)
	}
	apply(u, handMade(), remindNow)
	if got := trayItem(t, m, "2 shares").Label; got != "2 shares due" {
		t.Errorf("tray says %q, want 2 shares due", got)
	}
	// A day later the digest is due too.
	u.now = func() time.Time { return remindNow.Add(27 * time.Hour) }
	u.Tick()
	if got := trayItem(t, m, "3 shares").Label; got != "3 shares due" {
		t.Errorf("tray says %q after a day, want 3 shares due", got)
	}
	u.ShowSection(SectionSeek)
	u.Window().Hide()
	trayItem(t, m, "3 shares").Action()
	if u.Section() != SectionShare {
		t.Errorf("the due count opened %q, want the Share section", u.Section())
	}
}

func TestReminderNotification(t *testing.T) {
	u, _ := quietUI(t)
	want := fyne.NewNotification("Knowflow: 2 shares due",
		"for Ana Lima: Remote onboarding that works\nthank Kenji Sato: SQLite is all you need")
	test.AssertNotificationSent(t, want, func() { apply(u, handMade(), remindNow) })
	// Nothing new is due: no second notification.
	test.AssertNotificationSent(t, nil, func() {
		u.now = func() time.Time { return remindNow.Add(40 * time.Minute) }
		u.Tick()
	})
	// The digest falls due, but within 30 minutes of a reminder: it waits.
	u.lastNotified = remindNow.Add(26*time.Hour + 10*time.Minute)
	test.AssertNotificationSent(t, nil, func() {
		u.now = func() time.Time { return remindNow.Add(26*time.Hour + 30*time.Minute) }
		u.Tick()
	})
	test.AssertNotificationSent(t, fyne.NewNotification("Knowflow: 1 share due", "for Builders digest: Climate policy after the summit"), func() {
		u.now = func() time.Time { return remindNow.Add(26*time.Hour + 41*time.Minute) }
		u.Tick()
	})
}

func TestNoReminderInQuietHours(t *testing.T) {
	u, _ := quietUI(t)
	late := time.Date(2026, 11, 26, 23, 0, 0, 0, time.UTC)
	u.now = func() time.Time { return late }
	test.AssertNotificationSent(t, nil, func() { apply(u, handMade()[:1], late) })
	// Quiet hours over (07:00): the held-back reminder goes out.
	u.now = func() time.Time { return late.Add(8*time.Hour + time.Minute) }
	test.AssertNotificationSent(t, fyne.NewNotification("Knowflow: 1 share due", "for Ana Lima: Remote onboarding that works"), u.Tick)
}

func TestTickRefreshesOnTheInterval(t *testing.T) {
	u, _ := quietUI(t)
	refreshed := make(chan feeds.RefreshSummary, 4)
	u.onRefreshed = func(s feeds.RefreshSummary) { refreshed <- s }
	u.prefs.RefreshInterval = time.Hour
	u.lastRefresh = time.Time{}
	u.Tick() // the first tick only starts the clock
	settle(t, u)
	if len(refreshed) > 0 {
		t.Fatal("refreshed on the first tick")
	}
	u.now = func() time.Time { return remindNow.Add(61 * time.Minute) }
	u.Tick()
	settle(t, u)
	if len(refreshed) != 1 {
		t.Fatal("no refresh after the interval")
	}
	if !u.lastRefresh.Equal(remindNow.Add(61 * time.Minute)) {
		t.Errorf("lastRefresh = %v", u.lastRefresh)
	}
}

func TestTrayRefreshNow(t *testing.T) {
	u, _ := quietUI(t)
	refreshed := make(chan feeds.RefreshSummary, 1)
	u.onRefreshed = func(s feeds.RefreshSummary) { refreshed <- s }
	trayItem(t, u.TrayMenu(), "Refresh now").Action()
	settle(t, u)
	if len(refreshed) != 1 {
		t.Fatal("Refresh now did not refresh")
	}
}

// TestSuggestionsFromTheStore: items and contacts in a real store become
// suggestions in the window and a count in the tray.
func TestSuggestionsFromTheStore(t *testing.T) {
	u, b := quietUI(t)
	ctx := context.Background()
	// Published in the hour before the test's clock (a Thursday morning), so
	// the outcome does not depend on the day the test runs.
	srv := datedFeedServer(t, 3, remindNow.Add(-time.Hour))
	if _, err := b.Add(ctx, srv.URL+"/feed.xml", ""); err != nil {
		t.Fatal(err)
	}
	interest := "loop" // the feed's items are "Loop 0", "Loop 1"...
	if _, err := b.SaveContact(ctx, model.Contact{Name: "Ana Lima", Circles: []model.Circle{model.CircleTeam},
		Interests: []string{interest}, TimeZone: "UTC", WorkStart: "00:00", WorkEnd: "23:59"}); err != nil {
		t.Fatal(err)
	}
	p := model.DefaultPrefs()
	p.TimeZone = "UTC"
	p.QuietStart, p.QuietEnd = "03:00", "03:01"
	if err := b.SavePrefs(ctx, p); err != nil {
		t.Fatal(err)
	}
	got := make(chan []model.Suggestion, 4)
	u.onSuggested = func(s []model.Suggestion) { got <- s }
	u.recomputeSuggestions()
	var out []model.Suggestion
	select {
	case out = <-got:
	case <-time.After(10 * time.Second):
		t.Fatal("no suggestions computed")
	}
	u.bg.Wait()
	if len(out) == 0 || out[0].ContactName != "Ana Lima" {
		t.Fatalf("suggestions %+v (interest %q)", out, interest)
	}
	if n := u.DueCount(u.now()); n == 0 {
		t.Errorf("nothing due")
	}
}

// People not in touch for too long: counted in the tray (which opens the
// Flow section) and named in a reminder at most once a day, each at most
// once a week, never in quiet hours, never on top of a share reminder.
func TestPeopleReminder(t *testing.T) {
	u, b := quietUI(t)
	ctx := context.Background()
	for _, c := range []model.Contact{
		{Name: "Bo Chen", Circles: []model.Circle{model.CircleNetwork}, LastContacted: remindNow.Add(-200 * 24 * time.Hour)},
		{Name: "Lu Wei", Circles: []model.Circle{model.CircleTeam}, LastContacted: remindNow.Add(-20 * 24 * time.Hour)},
		{Name: "Ana Lima", Circles: []model.Circle{model.CircleTeam}, LastContacted: remindNow.Add(-2 * 24 * time.Hour)},
	} {
		if _, err := b.SaveContact(ctx, c); err != nil {
			t.Fatal(err)
		}
	}
	// Set the user's zone in the store too: the computation reads it there.
	if err := b.SavePrefs(ctx, u.prefs); err != nil {
		t.Fatal(err)
	}
	m := u.TrayMenu()
	want := fyne.NewNotification("Knowflow: 2 people have not heard from you",
		"Bo Chen: last in touch 6 months ago\nLu Wei: last in touch 2 weeks ago")
	test.AssertNotificationSent(t, want, func() {
		u.recomputeSuggestions()
		u.bg.Wait()
	})
	if got := trayItem(t, m, "2 people").Label; got != "2 people to get back to" {
		t.Errorf("tray says %q", got)
	}
	// The next hours: no second reminder.
	test.AssertNotificationSent(t, nil, func() {
		u.now = func() time.Time { return remindNow.Add(5 * time.Hour) }
		u.Tick()
	})
	// A day later they were named less than a week ago: still nothing.
	test.AssertNotificationSent(t, nil, func() {
		u.now = func() time.Time { return remindNow.Add(25 * time.Hour) }
		u.Tick()
	})
	// A week later, again; but a share falling due in the same tick comes
	// first, and the people wait for the next reminder slot.
	week := remindNow.Add(7*24*time.Hour + time.Hour)
	u.now = func() time.Time { return week }
	test.AssertNotificationSent(t, fyne.NewNotification("Knowflow: 1 share due", "for Ana Lima: Remote onboarding that works"), func() {
		s := handMade()[:1]
		s[0].When = week.Add(-time.Minute)
		apply(u, s, week)
	})
	test.AssertNotificationSent(t, nil, func() {
		u.now = func() time.Time { return week.Add(10 * time.Minute) }
		u.Tick()
	})
	test.AssertNotificationSent(t, fyne.NewNotification("Knowflow: 2 people have not heard from you",
		"Bo Chen: last in touch 6 months ago\nLu Wei: last in touch 3 weeks ago"), func() {
		u.now = func() time.Time { return week.Add(31 * time.Minute) }
		u.Tick()
	})
	u.ShowSection(SectionSeek)
	trayItem(t, m, "2 people").Action()
	if u.Section() != SectionFlow {
		t.Errorf("the people count opened %q, want the Flow section", u.Section())
	}
}

func TestNoPeopleReminderInQuietHours(t *testing.T) {
	u, b := quietUI(t)
	late := time.Date(2026, 11, 26, 23, 0, 0, 0, time.UTC)
	u.now = func() time.Time { return late }
	if _, err := b.SaveContact(context.Background(), model.Contact{Name: "Bo Chen", Circles: []model.Circle{model.CircleNetwork},
		LastContacted: late.Add(-200 * 24 * time.Hour)}); err != nil {
		t.Fatal(err)
	}
	test.AssertNotificationSent(t, nil, func() {
		u.recomputeSuggestions()
		u.bg.Wait()
	})
	test.AssertNotificationSent(t, fyne.NewNotification("Knowflow: 1 person has not heard from you", "Bo Chen: last in touch 6 months ago"), func() {
		u.now = func() time.Time { return late.Add(8*time.Hour + time.Minute) }
		u.Tick()
	})
}

// Who a people reminder named, and when, survives a restart: the next
// start does not name them again the same day.
func TestPeopleReminderSurvivesRestart(t *testing.T) {
	u, b := quietUI(t)
	if _, err := b.SaveContact(context.Background(), model.Contact{Name: "Bo Chen", Circles: []model.Circle{model.CircleNetwork},
		LastContacted: remindNow.Add(-200 * 24 * time.Hour)}); err != nil {
		t.Fatal(err)
	}
	test.AssertNotificationSent(t, fyne.NewNotification("Knowflow: 1 person has not heard from you", "Bo Chen: last in touch 6 months ago"), func() {
		u.recomputeSuggestions()
		u.bg.Wait()
	})
	// A new window on the same app (same preferences) and store, an hour later.
	again := testNew(t, u.app, b, Options{})
	again.bg.Wait()
	again.now = func() time.Time { return remindNow.Add(time.Hour) }
	again.prefs = u.prefs
	again.lastRefresh = remindNow.Add(365 * 24 * time.Hour)
	if !again.lastOverdueNotified.Equal(remindNow) || len(again.overdueNotified) != 1 {
		t.Fatalf("restored state: last %v, named %v", again.lastOverdueNotified, again.overdueNotified)
	}
	test.AssertNotificationSent(t, nil, func() {
		again.recomputeSuggestions()
		again.bg.Wait()
	})
	// Garbage in the preference is ignored.
	// The new window starts in quiet hours, so that its first computation
	// sends no reminder and leaves the restored state as it was read.
	u.app.Preferences().SetString(prefPeopleReminded, "x;1=y,=,7=100")
	third := testNew(t, u.app, b, Options{now: func() time.Time { return remindNow.Add(13 * time.Hour) }})
	if !third.lastOverdueNotified.IsZero() || len(third.overdueNotified) != 1 || third.overdueNotified[7].Unix() != 100 {
		t.Errorf("from garbage: last %v, named %v", third.lastOverdueNotified, third.overdueNotified)
	}
}
