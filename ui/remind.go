package ui

import (
	"context"
	"fmt"
	"sort"
	"strconv"
	"strings"
	"sync"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"

	"github.com/knowflow/knowflow/model"
	"github.com/knowflow/knowflow/model/cpus"
	"github.com/knowflow/knowflow/model/flow"
)

// notifyEvery is the least time between two reminders.
const notifyEvery = 30 * time.Minute

// reminders hold the current suggestions and what the tray and the
// desktop notifications say about them. Its fields belong to the UI
// goroutine.
type reminders struct {
	now      func() time.Time // the clock; tests set it
	remindSt remindStore

	suggestions []model.Suggestion // as shown: computed, less the unsubscribed sources'
	computed    []model.Suggestion // the last computation's, all of them
	prefs       model.Prefs
	computedAt  time.Time
	// removedAt are the sources Unsubscribe removed, each with when:
	// their items' suggestions from a computation that started before are
	// left out (those of sources it hides, seek.hidden, always are).
	removedAt map[int64]time.Time
	computing bool
	again     bool // recompute once the running computation ends

	tray        desktop.App // nil without a system tray
	trayMenu    *fyne.Menu
	trayDue     *fyne.MenuItem
	trayOverdue *fyne.MenuItem

	// overdue are the people not in touch for too long (flow.Build), as of
	// the last computation; overdueNotified says when each was last named
	// in a reminder.
	overdue             []flow.PersonFlow
	overdueNotified     map[int64]time.Time
	lastOverdueNotified time.Time

	lastRefresh  time.Time
	lastNotified time.Time
	notified     map[string]bool // suggestions already announced

	// onSuggested, when set, hears about each finished computation (tests).
	onSuggested func([]model.Suggestion)
	stopOnce    sync.Once
	stop        chan struct{}
	stopped     bool // the scheduler has stopped: a tick queued before does nothing
}

func (r *reminders) init(st remindStore) {
	r.remindSt = st
	r.now = time.Now
	r.notified = map[string]bool{}
	r.overdueNotified = map[int64]time.Time{}
	r.prefs = model.DefaultPrefs()
	r.stop = make(chan struct{})
}

// Suggestions are the suggestions shown in the Share section, sorted by
// when then score.
func (u *App) Suggestions() []model.Suggestion { return u.suggestions }

// DueCount is how many suggestions are due at t.
func (u *App) DueCount(t time.Time) int {
	n := 0
	for _, s := range u.suggestions {
		if !s.When.After(t) {
			n++
		}
	}
	return n
}

// recomputeSuggestions runs the engine in the background and applies the
// result on the UI goroutine. A request while one runs is queued (once).
func (u *App) recomputeSuggestions() {
	if u.computing {
		u.again = true
		return
	}
	u.computing = true
	now := u.now()
	started := u.background(func(ctx context.Context) {
		// In the background: its loops pause while the user acts (userActs).
		ctx, cancel := context.WithTimeout(cpus.Background(ctx), time.Minute)
		defer cancel()
		run, err := u.remindSt.Suggest(ctx, now)
		var overdue []flow.PersonFlow
		var oerr error
		if err == nil {
			overdue, oerr = u.remindSt.Overdue(ctx, now)
		}
		u.do(func() {
			u.computing = false
			if err != nil {
				if u.store.Context().Err() == nil { // not quitting
					fyne.LogError("suggestions", err)
				}
			} else {
				if oerr != nil {
					fyne.LogError("people not in touch", oerr)
				} else {
					u.overdue = overdue
				}
				u.applySuggestions(run.List, run.Prefs, now)
			}
			if u.again {
				u.again = false
				u.recomputeSuggestions()
			}
		})
	})
	if !started {
		u.computing, u.again = false, false // quitting
	}
}

// applySuggestions shows new suggestions everywhere: Share section, tray,
// reminders.
func (u *App) applySuggestions(out []model.Suggestion, p model.Prefs, at time.Time) {
	u.computed, u.prefs, u.computedAt = out, p, at
	for id, t := range u.removedAt {
		if !at.Before(t) { // computed without the source's items
			delete(u.removedAt, id)
		}
	}
	u.showSuggestions()
	if u.onSuggested != nil {
		u.onSuggested(u.suggestions)
	}
}

// showSuggestions shows the computed suggestions, less those of the
// sources Unsubscribe hides or removed since the computation started, in
// the Share section, the tray and the reminders.
func (u *App) showSuggestions() {
	list := u.computed
	if len(u.seek.hidden) > 0 || len(u.removedAt) > 0 {
		list = make([]model.Suggestion, 0, len(u.computed))
		for _, x := range u.computed {
			if u.seek.hidden[x.SourceID] || u.computedAt.Before(u.removedAt[x.SourceID]) {
				continue
			}
			list = append(list, x)
		}
	}
	u.suggestions = list
	u.share.setSuggestions(list, u.prefs, u.computedAt)
	u.seek.updateShareHint()
	u.updateTray(u.now())
	u.remind(u.now())
}

// hiddenSourcesChanged follows Seek's Unsubscribe hiding the sources
// ids, or showing them again (Undo, or a removal that failed): their
// items' suggestions leave Share, the tray and the reminders, or come
// back, at once, and a person's page that lists them is shown again.
func (u *App) hiddenSourcesChanged(ids []int64) {
	u.people.sourcesUnsubscribed(ids)
	if !u.computedAt.IsZero() { // something computed
		u.showSuggestions()
	}
}

// sourcesRemoved notes that Unsubscribe removed the sources ids now: a
// computation that started before still has their items.
func (u *App) sourcesRemoved(ids []int64) {
	if u.removedAt == nil {
		u.removedAt = map[int64]time.Time{}
	}
	for _, id := range ids {
		u.removedAt[id] = u.now()
	}
}

// TrayMenu is the system tray's menu: live counts first.
func (u *App) TrayMenu() *fyne.Menu {
	if u.trayMenu != nil {
		return u.trayMenu
	}
	quit := fyne.NewMenuItem("Quit", u.Quit)
	quit.IsQuit = true
	u.trayDue = fyne.NewMenuItem(dueLabel(0), func() {
		u.ShowWindow()
		u.ShowSection(SectionShare)
	})
	u.trayOverdue = fyne.NewMenuItem(overdueLabel(0), func() {
		u.ShowWindow()
		u.ShowSection(SectionFlow)
	})
	u.trayMenu = fyne.NewMenu("Knowflow",
		u.trayDue,
		u.trayOverdue,
		fyne.NewMenuItem("Refresh now", u.RefreshNow),
		fyne.NewMenuItemSeparator(),
		fyne.NewMenuItem("Open Knowflow", u.ShowWindow),
		fyne.NewMenuItemSeparator(),
		quit,
	)
	u.updateTray(u.now())
	return u.trayMenu
}

func dueLabel(n int) string {
	switch n {
	case 0:
		return "No shares due"
	case 1:
		return "1 share due"
	}
	return fmt.Sprintf("%d shares due", n)
}

// overdueLabel is the tray's line for n people not in touch for too long.
func overdueLabel(n int) string {
	switch n {
	case 0:
		return "No one to get back to"
	case 1:
		return "1 person to get back to"
	}
	return fmt.Sprintf("%d people to get back to", n)
}

// updateTray sets the tray's live counts.
func (u *App) updateTray(t time.Time) {
	if u.trayDue == nil {
		return
	}
	due, overdue := dueLabel(u.DueCount(t)), overdueLabel(len(u.overdue))
	if u.trayDue.Label == due && u.trayOverdue.Label == overdue {
		return
	}
	u.trayDue.Label, u.trayOverdue.Label = due, overdue
	u.trayMenu.Refresh()
	if u.tray != nil {
		u.tray.SetSystemTrayMenu(u.trayMenu)
	}
	if u.trayTooltip != nil {
		u.trayTooltip("Knowflow: " + due + "; " + strings.ToLower(overdue[:1]) + overdue[1:])
	}
}

// RefreshNow refreshes every source (as File ▸ Refresh all); the
// suggestions follow when it ends.
func (u *App) RefreshNow() {
	u.lastRefresh = u.now()
	u.seek.onRefresh()
}

// remind raises one desktop notification for the suggestions that became
// due since the last one, or else, once a day, for the people not in touch
// for too long; at most every 30 minutes and never in the user's quiet
// hours.
func (u *App) remind(t time.Time) {
	if quiet, _ := u.prefs.Quiet(t); quiet {
		return
	}
	if !u.lastNotified.IsZero() && t.Sub(u.lastNotified) < notifyEvery {
		return
	}
	if !u.remindShares(t) {
		u.remindPeople(t)
	}
}

// overdueEvery is the least time between two reminders about people, and
// between two mentions of the same person.
const (
	overdueEvery        = 24 * time.Hour
	overdueMentionEvery = 7 * 24 * time.Hour
)

// remindPeople names the people not in touch for too long who were not
// named in the last week, at most once a day.
func (u *App) remindPeople(t time.Time) {
	if !u.lastOverdueNotified.IsZero() && t.Sub(u.lastOverdueNotified) < overdueEvery {
		return
	}
	var fresh []flow.PersonFlow
	for _, p := range u.overdue {
		if last, ok := u.overdueNotified[p.Contact.ID]; !ok || t.Sub(last) >= overdueMentionEvery {
			fresh = append(fresh, p)
		}
	}
	if len(fresh) == 0 {
		return
	}
	for _, p := range fresh {
		u.overdueNotified[p.Contact.ID] = t
	}
	u.lastNotified, u.lastOverdueNotified = t, t
	u.savePeopleReminded()
	u.notify(peopleReminder(fresh), func() {
		u.ShowWindow()
		if len(fresh) == 1 {
			u.ShowSection(SectionPeople)
			u.people.selectContact(fresh[0].Contact.ID)
		} else {
			u.ShowSection(SectionFlow) // as the tray's count: who to get back to
		}
	})
}

// prefPeopleReminded keeps who was named in a people reminder, and when,
// across restarts: "LAST;ID=UNIX,ID=UNIX".
const prefPeopleReminded = "reminders.people"

// savePeopleReminded writes the people reminders' state to the app's
// preferences, leaving out mentions older than a week (they no longer
// hold anyone back).
func (u *App) savePeopleReminded() {
	var parts []string
	for id, at := range u.overdueNotified {
		if u.lastOverdueNotified.Sub(at) < overdueMentionEvery {
			parts = append(parts, fmt.Sprintf("%d=%d", id, at.Unix()))
		}
	}
	sort.Strings(parts)
	u.app.Preferences().SetString(prefPeopleReminded,
		fmt.Sprintf("%d;%s", u.lastOverdueNotified.Unix(), strings.Join(parts, ",")))
}

// loadPeopleReminded reads what savePeopleReminded wrote; anything it
// cannot read is left out.
func (u *App) loadPeopleReminded() {
	last, mentions, ok := strings.Cut(u.app.Preferences().String(prefPeopleReminded), ";")
	if !ok {
		return
	}
	if n, err := strconv.ParseInt(last, 10, 64); err == nil && n > 0 {
		u.lastOverdueNotified = time.Unix(n, 0)
	}
	for _, m := range strings.Split(mentions, ",") {
		id, at, ok := strings.Cut(m, "=")
		i, err1 := strconv.ParseInt(id, 10, 64)
		n, err2 := strconv.ParseInt(at, 10, 64)
		if ok && err1 == nil && err2 == nil {
			u.overdueNotified[i] = time.Unix(n, 0)
		}
	}
}

// peopleReminder is the notification for people not in touch for too long.
func peopleReminder(ps []flow.PersonFlow) *fyne.Notification {
	title := "1 person has not heard from you"
	if len(ps) > 1 {
		title = fmt.Sprintf("%d people have not heard from you", len(ps))
	}
	var lines []string
	for i, p := range ps {
		if i == 3 {
			lines = append(lines, fmt.Sprintf("and %d more", len(ps)-3))
			break
		}
		when := "never in touch yet"
		if !p.LastContact.IsZero() {
			when = "last in touch " + flow.Ago(p.Since)
		}
		lines = append(lines, p.Contact.Name+": "+when)
	}
	return fyne.NewNotification("Knowflow: "+title, strings.Join(lines, "\n"))
}

// remindShares announces the suggestions that became due since the last
// reminder; it reports whether it did.
func (u *App) remindShares(t time.Time) bool {
	var fresh []model.Suggestion
	for _, s := range u.suggestions {
		if !s.When.After(t) && !u.notified[suggestionKey(s)] {
			fresh = append(fresh, s)
		}
	}
	if len(fresh) == 0 {
		return false
	}
	for _, s := range fresh {
		u.notified[suggestionKey(s)] = true
	}
	u.lastNotified = t
	u.notify(reminder(fresh), func() {
		u.ShowWindow()
		u.ShowSection(SectionShare)
	})
	return true
}

// reminder is the notification for newly due suggestions.
func reminder(s []model.Suggestion) *fyne.Notification {
	title := dueLabel(len(s))
	var lines []string
	for i, x := range s {
		if i == 3 {
			lines = append(lines, fmt.Sprintf("and %d more", len(s)-3))
			break
		}
		to := recipientName(x)
		verb := "for"
		if x.Kind == model.KindThank {
			verb = "thank"
		}
		lines = append(lines, fmt.Sprintf("%s %s: %s", verb, to, clipText(x.ItemTitle, 60)))
	}
	return fyne.NewNotification("Knowflow: "+title, strings.Join(lines, "\n"))
}

// recipientName names who a suggestion is for: a person, or "X digest".
func recipientName(s model.Suggestion) string {
	if s.CommunityID != 0 {
		return s.Community + " digest"
	}
	return s.ContactName
}

func suggestionKey(s model.Suggestion) string {
	return fmt.Sprintf("%s/%d/%d/%d", s.Kind, s.ItemID, s.ContactID, s.CommunityID)
}

func clipText(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n-1]) + "…"
}

// Tick is the scheduler's heartbeat (every minute while the app runs): it
// starts the background refresh when the interval has passed, keeps the
// tray's count current as suggestions fall due, and reminds.
func (u *App) Tick() {
	if u.stopped {
		return // queued before StopScheduler
	}
	t := u.now()
	u.updateTray(t)
	u.remind(t)
	switch {
	case u.lastRefresh.IsZero():
		u.lastRefresh = t // the first refresh waits a full interval
	case t.Sub(u.lastRefresh) >= u.prefs.RefreshInterval: // normalised: never 0
		u.RefreshNow() // the suggestions follow the refresh
	case t.Sub(u.computedAt) >= 15*time.Minute:
		u.recomputeSuggestions() // items age, cadences expire
	}
}

// StartScheduler ticks every minute until the app stops.
func (u *App) StartScheduler() {
	go func() {
		tick := time.NewTicker(time.Minute)
		defer tick.Stop()
		for {
			select {
			case <-tick.C:
				u.do(u.Tick)
			case <-u.stop:
				return
			}
		}
	}()
}

// StopScheduler ends the ticks (a tick already queued does nothing),
// carries out an Unsubscribe still offering Undo and waits for the
// reader's queued writes. Call it on the UI goroutine.
// Other background work goes on until the store's lifetime ends
// (service.Close cancels it and waits for it).
func (u *App) StopScheduler() {
	u.stopped = true
	u.stopOnce.Do(func() { close(u.stop) })
	u.seek.commitUnsubscribe()
	u.seek.writes.wait() // the reader's last flags and notes reach the store
}
