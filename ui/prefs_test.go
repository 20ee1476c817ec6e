package ui

import (
	"context"
	"reflect"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"

	"github.com/knowflow/knowflow/model"
)

func storedPrefs(t *testing.T, u *App) model.Prefs {
	t.Helper()
	p, err := full(u).Prefs(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	return p
}

func TestPreferencesLoadCurrent(t *testing.T) {
	u, _, b := newTestUI(t, Options{})
	p := model.DefaultPrefs()
	p.RefreshInterval = 2 * time.Hour
	p.QuietStart, p.QuietEnd = "23:00", "06:30"
	p.TimeZone = "Europe/Lisbon"
	p.MastodonInstance = "social.example"
	p.Cadence[model.CircleTeam] = 2 * 24 * time.Hour
	p.Cadence[model.CircleNetwork] = 12 * time.Hour // not whole days: shown as is, kept as is
	if err := b.SavePrefs(context.Background(), p); err != nil {
		t.Fatal(err)
	}
	f := loadPrefsForm(t, u)
	got := map[string]string{
		"refresh": f.refresh.Selected, "start": f.quietStart.Text, "end": f.quietEnd.Text, "tz": f.tz.Text,
		"mastodon": f.mastodon.Text, "team": f.cadence[model.CircleTeam].Text,
		"community": f.cadence[model.CircleCommunity].Text, "network": f.cadence[model.CircleNetwork].Text,
	}
	want := map[string]string{
		"refresh": "2 hours", "start": "23:00", "end": "06:30", "tz": "Europe/Lisbon",
		"mastodon": "social.example", "team": "2", "community": "7", "network": "0.5",
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("form shows %v\nwant %v", got, want)
	}
	// Saving unchanged keeps every value, the 12 hours included.
	if err := f.submit(); err != nil {
		t.Fatal(err)
	}
	settle(t, u)
	if got := storedPrefs(t, u); !reflect.DeepEqual(got, p) {
		t.Errorf("unchanged save stored %+v, want %+v", got, p)
	}
}

func TestPreferencesRefusesInvalidValues(t *testing.T) {
	u, _, _ := newTestUI(t, Options{})
	before := storedPrefs(t, u)
	for _, c := range []struct {
		name string
		set  func(f *prefsForm)
		want string
	}{
		{"quiet start", func(f *prefsForm) { f.quietStart.SetText("25:00") }, `Quiet hours start: "25:00" is not a time like 09:00`},
		{"quiet end", func(f *prefsForm) { f.quietEnd.SetText("") }, `Quiet hours end: "" is not a time like 09:00`},
		{"zone", func(f *prefsForm) { f.tz.SetText("Mars/Olympus") }, `Unknown time zone "Mars/Olympus"`},
		{"mastodon", func(f *prefsForm) { f.mastodon.SetText("https://social.example/@me") }, "Mastodon instance"},
		{"cadence zero", func(f *prefsForm) { f.cadence[model.CircleTeam].SetText("0") }, `Team cadence "0" is not a whole number of days from 1 to 365`},
		{"cadence text", func(f *prefsForm) { f.cadence[model.CircleNetwork].SetText("soon") }, `Network cadence "soon"`},
		{"cadence too long", func(f *prefsForm) { f.cadence[model.CircleCommunity].SetText("400") }, "from 1 to 365"},
	} {
		t.Run(c.name, func(t *testing.T) {
			f := loadPrefsForm(t, u)
			f.show()
			defer f.dlg.Hide()
			recomputed := false
			u.onSuggested = func([]model.Suggestion) { recomputed = true }
			defer func() { u.onSuggested = nil }()
			c.set(f)
			f.onSave() // the Save button's action
			if !f.errLabel.Visible() || !strings.Contains(f.errLabel.Text, c.want) {
				t.Errorf("error shown %v: %q, want %q", f.errLabel.Visible(), f.errLabel.Text, c.want)
			}
			if u.Window().Canvas().Overlays().Top() == nil {
				t.Error("the dialog closed on an invalid value")
			}
			if recomputed {
				t.Error("an invalid save recomputed suggestions")
			}
			if got := storedPrefs(t, u); !reflect.DeepEqual(got, before) {
				t.Errorf("an invalid save stored %+v", got)
			}
		})
	}
}

func TestPreferencesSave(t *testing.T) {
	u, _, _ := newTestUI(t, Options{})
	u.bg.Wait()
	f := loadPrefsForm(t, u)
	f.show()
	f.refresh.SetSelected("30 min")
	f.quietStart.SetText("21:30")
	f.quietEnd.SetText(" 08:00 ")
	f.tz.SetText("asia/tokyo") // the list's spelling is taken
	f.mastodon.SetText("https://Social.Example/")
	f.cadence[model.CircleTeam].SetText("3")
	f.cadence[model.CircleCommunity].SetText("")
	f.cadence[model.CircleNetwork].SetText("60")
	f.keepRead.SetSelected("3 months")
	f.suggestDays.SetSelected("30 days")
	var applied []model.Prefs
	u.onSuggested = func([]model.Suggestion) { applied = append(applied, u.prefs) }
	var saved model.Prefs
	f.onSaved = func(p model.Prefs) { saved = p }
	f.onSave()
	settle(t, u)
	u.bg.Wait()
	if f.errLabel.Visible() {
		t.Fatalf("refused: %s", f.errLabel.Text)
	}
	if u.Window().Canvas().Overlays().Top() != nil {
		t.Error("the dialog is still open after saving")
	}
	want := model.Prefs{RefreshInterval: 30 * time.Minute, QuietStart: "21:30", QuietEnd: "08:00",
		TimeZone: "Asia/Tokyo", MastodonInstance: "social.example", Cadence: map[model.Circle]time.Duration{
			model.CircleTeam: 3 * 24 * time.Hour, model.CircleCommunity: 7 * 24 * time.Hour, model.CircleNetwork: 60 * 24 * time.Hour},
		KeepReadMonths: 3, SuggestDays: 30}
	if got := storedPrefs(t, u); !reflect.DeepEqual(got, want) {
		t.Errorf("stored %+v\nwant   %+v", got, want)
	}
	if saved.TimeZone != "Asia/Tokyo" {
		t.Errorf("onSaved heard %+v", saved)
	}
	// The suggestions were computed again, under the new preferences.
	if len(applied) != 1 || applied[0].MastodonInstance != "social.example" || applied[0].TimeZone != "Asia/Tokyo" {
		t.Errorf("recomputations after saving: %+v", applied)
	}
}

// Keep read items for: the four choices, a value set by the CLI kept on
// offer, and the save runs on a worker, not on the UI goroutine.
func TestPreferencesKeepReadSavesOffTheUIGoroutine(t *testing.T) {
	u, _, b := newTestUI(t, Options{})
	r := u.run.(*loopRunner)
	f := loadPrefsForm(t, u)
	if want := []string{"forever", "1 year", "6 months", "3 months"}; !reflect.DeepEqual(f.keepRead.Options, want) || f.keepRead.Selected != "forever" {
		t.Fatalf("keep read offers %v, shows %q; want %v, forever", f.keepRead.Options, f.keepRead.Selected, want)
	}
	f.show()
	f.keepRead.SetSelected("6 months")
	r.setHold(true)
	f.onSave()
	if r.heldWork() != 1 || !f.saveBtn.Disabled() || u.Window().Canvas().Overlays().Top() == nil {
		t.Fatalf("save: %d held, Save disabled %v; want the save waiting on a worker, the dialog open", r.heldWork(), f.saveBtn.Disabled())
	}
	if got := storedPrefs(t, u); got.KeepReadMonths != 0 {
		t.Fatalf("stored on the UI goroutine: %+v", got)
	}
	r.setHold(false)
	r.runHeld(0)
	settle(t, u)
	if got := storedPrefs(t, u); got.KeepReadMonths != 6 {
		t.Errorf("stored keep read = %d months, want 6", got.KeepReadMonths)
	}
	if u.Window().Canvas().Overlays().Top() != nil || f.saveBtn.Disabled() {
		t.Error("the dialog is still open, or Save disabled, after saving")
	}

	p := storedPrefs(t, u)
	p.KeepReadMonths = 2 // from the CLI
	if err := b.SavePrefs(context.Background(), p); err != nil {
		t.Fatal(err)
	}
	f = loadPrefsForm(t, u)
	if f.keepRead.Selected != "2 months" || f.keepRead.Options[0] != "2 months" {
		t.Errorf("a value set elsewhere: offers %v, shows %q", f.keepRead.Options, f.keepRead.Selected)
	}
}

func TestPreferencesZoneSearch(t *testing.T) {
	if got := matchZones("sao paulo"); len(got) != 1 || got[0] != "America/Sao_Paulo" {
		t.Errorf("sao paulo → %v", got)
	}
	if got := matchZones("europe/lisbon"); len(got) != len(tzZones) {
		t.Errorf("an exact name narrows the list to %d", len(got))
	}
	u, _, _ := newTestUI(t, Options{})
	f := loadPrefsForm(t, u)
	f.tz.SetText("kolk")
	if err := f.tz.Validate(); err == nil {
		t.Error("a partial zone name is valid")
	}
	f.tz.SetText("Asia/Kolkata")
	if err := f.tz.Validate(); err != nil {
		t.Errorf("Asia/Kolkata: %v", err)
	}
}

func TestPreferencesInFileMenu(t *testing.T) {
	u, _, _ := newTestUI(t, Options{})
	file := u.mainMenu().Items[0]
	var labels []string
	var prefs *fyne.MenuItem
	for _, it := range file.Items {
		if it.IsSeparator {
			continue
		}
		labels = append(labels, it.Label)
		if it.Label == "Preferences…" {
			prefs = it
		}
	}
	if n := len(labels); n < 2 || labels[n-2] != "Preferences…" || labels[n-1] != "Quit" {
		t.Fatalf("File menu = %v, want Preferences… before Quit", labels)
	}
	sc, ok := prefs.Shortcut.(*desktop.CustomShortcut)
	if !ok || sc.KeyName != fyne.KeyComma || sc.Modifier != fyne.KeyModifierShortcutDefault {
		t.Errorf("Preferences… shortcut = %#v, want Ctrl+,", prefs.Shortcut)
	}
	prefs.Action()
	settle(t, u)
	top := u.Window().Canvas().Overlays().Top()
	if top == nil || !strings.Contains(texts(top), "in whole days (1 to 365)") {
		t.Errorf("Preferences… opened:\n%s", texts(top))
	}
}

// loadPrefsForm opens the Preferences dialog as File ▸ Preferences… does
// and returns it, once the preferences are read.
func loadPrefsForm(t *testing.T, u *App) *prefsForm {
	t.Helper()
	u.prefsDlg = nil
	u.showPreferences()
	settle(t, u)
	if u.prefsDlg == nil {
		t.Fatal("the Preferences dialog did not open")
	}
	return u.prefsDlg
}
