package ui

import (
	"context"
	"testing"
	"time"

	"fyne.io/fyne/v2"

	"github.com/knowflow/knowflow/model"
)

// A click on a reminder (Options.Notify's open) shows what it is about:
// the Share section for shares due, the person for one person not in
// touch, the Flow section for several.
func TestReminderOpensWhatItIsAbout(t *testing.T) {
	u, b := quietUI(t)
	var sent []*fyne.Notification
	var open func()
	u.notify = func(n *fyne.Notification, o func()) { sent, open = append(sent, n), o }

	s := handMade()[:1]
	s[0].When = remindNow.Add(-time.Minute)
	apply(u, s, remindNow)
	if len(sent) != 1 {
		t.Fatalf("%d reminders, want 1", len(sent))
	}
	open()
	if u.Section() != SectionShare {
		t.Errorf("the shares' reminder opened %q", u.Section())
	}

	id, err := b.SaveContact(context.Background(), model.Contact{Name: "Bo Chen",
		Circles: []model.Circle{model.CircleNetwork}, LastContacted: remindNow.Add(-200 * 24 * time.Hour)})
	if err != nil {
		t.Fatal(err)
	}
	u.now = func() time.Time { return remindNow.Add(time.Hour) }
	u.recomputeSuggestions()
	u.bg.Wait()
	if len(sent) != 2 || sent[1].Title != "Knowflow: 1 person has not heard from you" {
		t.Fatalf("reminders %v", sent)
	}
	open()
	if u.Section() != SectionPeople || u.people.want != id {
		t.Errorf("the people reminder opened %q on contact %d, want people on %d", u.Section(), u.people.want, id)
	}
}

// loginItem is a Start at login preference in memory; set records each
// SetEnabled.
type loginItem struct {
	on  bool
	set []bool
}

func (l *loginItem) Enabled() bool            { return l.on }
func (l *loginItem) SetEnabled(on bool) error { l.on, l.set = on, append(l.set, on); return nil }

func TestPreferencesStartAtLogin(t *testing.T) {
	if f := openPrefs(t, Options{}); f.login != nil {
		t.Error("a Start at login box without Options.StartAtLogin")
	}
	login := &loginItem{}
	f := openPrefs(t, Options{StartAtLogin: login})
	if f.login == nil || f.login.Checked {
		t.Fatal("want an unchecked Start at login box")
	}
	f.login.SetChecked(true)
	if err := f.submit(); err != nil {
		t.Fatal(err)
	}
	if !login.on {
		t.Error("Save did not switch Start at login on")
	}
}

func openPrefs(t *testing.T, opts Options) *prefsForm {
	t.Helper()
	u, _, _ := newTestUI(t, opts)
	return loadPrefsForm(t, u)
}

// The tray's tooltip says what is due, as the tray's counts change.
func TestTrayTooltipSaysWhatIsDue(t *testing.T) {
	u, _ := quietUI(t)
	var tips []string
	u.trayTooltip = func(s string) { tips = append(tips, s) }
	u.TrayMenu()
	s := handMade()[:2]
	s[0].When, s[1].When = remindNow.Add(-time.Minute), remindNow.Add(-time.Minute)
	apply(u, s, remindNow)
	if want := "Knowflow: 2 shares due; no one to get back to"; len(tips) == 0 || tips[len(tips)-1] != want {
		t.Errorf("tooltips %q, want last %q", tips, want)
	}
}
