package ui

import (
	"context"
	"errors"
	"fmt"
	"maps"
	"strconv"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/knowflow/knowflow/model"
)

// refreshChoices are the background refresh intervals Preferences offers.
var refreshChoices = []struct {
	label string
	d     time.Duration
}{
	{"15 min", 15 * time.Minute},
	{"30 min", 30 * time.Minute},
	{"1 hour", time.Hour},
	{"2 hours", 2 * time.Hour},
	{"6 hours", 6 * time.Hour},
	{"12 hours", 12 * time.Hour},
	{"24 hours", 24 * time.Hour},
}

// LoginItem is the "Start Knowflow when I log in" preference, kept
// outside the database (one per machine, not per database file).
type LoginItem interface {
	Enabled() bool
	SetEnabled(on bool) error
}

// prefsForm is the Preferences dialog. Like the contact form it has its own
// Save button: refused preferences keep it open with the reason shown, and
// submit does the work (tests call it directly).
type prefsForm struct {
	app  *App
	orig model.Prefs

	refresh     *widget.Select
	refreshOpt  map[string]time.Duration
	quietStart  *escEntry // Esc in any field cancels (dialogs.go)
	quietEnd    *escEntry
	tz          *escSelectEntry
	mastodon    *escEntry
	cadence     map[model.Circle]*escEntry
	cadenceWas  map[model.Circle]string // the text each cadence was shown with
	keepRead    *widget.Select
	keepOpt     map[string]int // keepRead's labels → months (0: forever)
	suggestDays *widget.Select
	daysOpt     map[string]int // suggestDays' labels → days
	images      *widget.Check  // "Load remote images"
	login       *widget.Check  // nil without Options.StartAtLogin

	errLabel *widget.Label
	saveBtn  *widget.Button
	dlg      *dialog.CustomDialog

	// onSaved hears about each successful save (tests).
	onSaved func(model.Prefs)
}

// showPreferences opens the Preferences dialog (File ▸ Preferences…)
// once a worker has read the stored preferences; of several asks, the
// last one's.
func (u *App) showPreferences() {
	async(u, u.prefsSt, &u.prefsGen, 5*time.Second, func(ctx context.Context, st prefsStore) (model.Prefs, error) {
		return st.Prefs(ctx)
	}, func(p model.Prefs, err error) {
		if err != nil {
			u.showError(err)
			return
		}
		u.prefsDlg = newPrefsForm(u, p)
		u.prefsDlg.show()
	})
}

// newPrefsForm builds the dialog with the stored preferences p.
func newPrefsForm(u *App, p model.Prefs) *prefsForm {
	f := &prefsForm{app: u, orig: p, refreshOpt: map[string]time.Duration{},
		cadence: map[model.Circle]*escEntry{}, cadenceWas: map[model.Circle]string{}}

	var opts []string
	current := ""
	for _, c := range refreshChoices {
		opts = append(opts, c.label)
		f.refreshOpt[c.label] = c.d
		if c.d == p.RefreshInterval {
			current = c.label
		}
	}
	if current == "" { // set elsewhere (the CLI) to another value: keep it on offer
		current = "every " + p.RefreshInterval.String()
		opts = append([]string{current}, opts...)
		f.refreshOpt[current] = p.RefreshInterval
	}
	f.refresh = widget.NewSelect(opts, nil)
	f.refresh.SetSelected(current)

	f.quietStart = newEscEntry()
	f.quietStart.SetPlaceHolder("22:00")
	f.quietStart.SetText(p.QuietStart)
	f.quietStart.Validator = clockValidator
	f.quietEnd = newEscEntry()
	f.quietEnd.SetPlaceHolder("07:00")
	f.quietEnd.SetText(p.QuietEnd)
	f.quietEnd.Validator = clockValidator

	f.tz = newEscSelectEntry()
	f.tz.SetOptions(tzZones)
	f.tz.SetPlaceHolder("Type to search, e.g. Lisbon (empty: the system's zone)")
	f.tz.SetText(p.TimeZone)
	f.tz.Validator = zoneValidator
	// Typing narrows the drop-down to the zones that hold every word typed.
	f.tz.OnChanged = func(s string) { f.tz.SetOptions(matchZones(s)) }
	f.tz.SetOptions(matchZones(p.TimeZone))

	f.mastodon = newEscEntry()
	f.mastodon.SetPlaceHolder("e.g. mastodon.social")
	f.mastodon.SetText(p.MastodonInstance)

	for _, k := range model.Circles {
		e := newEscEntry()
		e.SetPlaceHolder(strconv.Itoa(int(k.DefaultCadence() / (24 * time.Hour))))
		text := cadenceDaysText(p.Cadence[k])
		e.SetText(text)
		f.cadenceWas[k] = text
		e.Validator = func(s string) error {
			if strings.TrimSpace(s) == f.cadenceWas[k] {
				return nil
			}
			_, err := parseWholeDays(s, k)
			return err
		}
		f.cadence[k] = e
	}

	f.keepRead, f.keepOpt = choiceSelect(model.KeepReadChoices, p.KeepReadMonths, model.KeepReadLabel)
	f.suggestDays, f.daysOpt = choiceSelect(model.SuggestDayChoices, p.SuggestDays, func(n int) string { return fmt.Sprintf("%d days", n) })
	daysHint := widget.NewLabel("Share suggests unread and starred items published this recently.")
	daysHint.Importance = widget.LowImportance
	daysHint.Wrapping = fyne.TextWrapWord
	keepHint := widget.NewLabel("Older read items are deleted in the background; starred, noted and shared ones are always kept.")
	keepHint.Importance = widget.LowImportance
	keepHint.Wrapping = fyne.TextWrapWord

	f.images = widget.NewCheck("Load remote images", nil)
	f.images.SetChecked(!p.NoRemoteImages)
	imagesHint := widget.NewLabel("Off: an image loads when you click its placeholder. Tracking pixels are never loaded.")
	imagesHint.Importance = widget.LowImportance
	imagesHint.Wrapping = fyne.TextWrapWord

	f.errLabel = widget.NewLabel("")
	f.errLabel.Importance = widget.DangerImportance
	f.errLabel.Wrapping = fyne.TextWrapWord
	f.errLabel.Hide()

	zoneHint := widget.NewLabel("Quiet hours and digest times are in this zone.")
	zoneHint.Importance = widget.LowImportance
	form := widget.NewForm(
		widget.NewFormItem("Refresh feeds every", f.refresh),
		widget.NewFormItem("Quiet hours", container.NewGridWithColumns(3,
			f.quietStart, widget.NewLabelWithStyle("to", fyne.TextAlignCenter, fyne.TextStyle{}), f.quietEnd)),
		widget.NewFormItem("Your time zone", container.NewVBox(f.tz, zoneHint)),
		widget.NewFormItem("Mastodon instance", f.mastodon),
		widget.NewFormItem("Team cadence (days)", f.cadence[model.CircleTeam]),
		widget.NewFormItem("Community cadence (days)", f.cadence[model.CircleCommunity]),
		widget.NewFormItem("Network cadence (days)", f.cadence[model.CircleNetwork]),
		widget.NewFormItem("Suggest items from the last", container.NewVBox(f.suggestDays, daysHint)),
		widget.NewFormItem("Keep read items for", container.NewVBox(f.keepRead, keepHint)),
		widget.NewFormItem("Images", container.NewVBox(f.images, imagesHint)),
	)
	if u.startAtLogin != nil {
		f.login = widget.NewCheck("Start Knowflow when I log in (in the tray)", nil)
		f.login.SetChecked(u.startAtLogin.Enabled())
		form.Append("Session", f.login)
	}
	intro := widget.NewLabel("A cadence is the least time between two shares with someone of the circle, in whole days (1 to 365); a contact's own cadence wins.")
	intro.Importance = widget.LowImportance
	intro.Wrapping = fyne.TextWrapWord
	content := container.NewVBox(form, intro, f.errLabel)

	f.dlg = dialog.NewCustomWithoutButtons("Preferences", content, u.win)
	f.saveBtn = widget.NewButtonWithIcon("Save", theme.ConfirmIcon(), f.onSave)
	f.saveBtn.Importance = widget.HighImportance
	cancelBtn := widget.NewButtonWithIcon("Cancel", theme.CancelIcon(), f.dlg.Hide)
	f.dlg.SetButtons([]fyne.CanvasObject{cancelBtn, f.saveBtn})
	return f
}

func (f *prefsForm) show() {
	f.dlg.Resize(fyne.NewSize(600, 480))
	f.dlg.Show()
	f.app.ownKeys(f.dlg, f.refresh, f.onSave, f.quietStart, f.quietEnd, f.tz, f.mastodon, // dialogs.go: Enter saves, Esc cancels
		f.cadence[model.CircleTeam], f.cadence[model.CircleCommunity], f.cadence[model.CircleNetwork])
}

func (f *prefsForm) onSave() { f.submit() } // a refusal is on show in the dialog

// submit checks the preferences here, on the UI goroutine, and stores them
// on a worker (the database's writer may be busy with a refresh or a
// prune); once stored, the dialog closes and the suggestions are computed
// again. A refused value is shown in the dialog and returned, and nothing
// is stored; so is a failed save, when it comes back.
func (f *prefsForm) submit() error {
	p, err := f.prefs()
	if err == nil {
		check := p
		check.Cadence = maps.Clone(p.Cadence)
		err = check.Normalize() // SavePrefs checks the same
	}
	if err == nil && f.login != nil && f.login.Checked != f.app.startAtLogin.Enabled() {
		err = f.app.startAtLogin.SetEnabled(f.login.Checked)
	}
	if err != nil {
		f.showError(err)
		return err
	}
	f.saveBtn.Disable()
	async(f.app, f.app.prefsSt, nil, writeTimeout, func(ctx context.Context, st prefsStore) (struct{}, error) {
		return struct{}{}, st.SavePrefs(ctx, p)
	}, func(_ struct{}, err error) { f.saved(p, err) })
	return nil
}

// saved is the end of a save, on the UI goroutine.
func (f *prefsForm) saved(p model.Prefs, err error) {
	f.saveBtn.Enable()
	if err != nil {
		f.showError(err)
		return
	}
	f.errLabel.SetText("")
	f.errLabel.Hide()
	f.dlg.Hide()
	f.app.recomputeSuggestions()
	if f.onSaved != nil {
		f.onSaved(p)
	}
}

func (f *prefsForm) showError(err error) {
	f.errLabel.SetText(friendlyError(errors.New(strings.ReplaceAll(err.Error(), "model: ", ""))))
	f.errLabel.Show()
}

// prefs reads the form; model.Prefs.Normalize (in SavePrefs) checks the rest.
func (f *prefsForm) prefs() (model.Prefs, error) {
	p := f.orig
	p.Cadence = maps.Clone(f.orig.Cadence)
	if p.Cadence == nil {
		p.Cadence = map[model.Circle]time.Duration{}
	}
	p.RefreshInterval = f.refreshOpt[f.refresh.Selected]
	p.QuietStart = strings.TrimSpace(f.quietStart.Text)
	p.QuietEnd = strings.TrimSpace(f.quietEnd.Text)
	if z, ok := canonicalZone(f.tz.Text); ok {
		p.TimeZone = z
	} else {
		p.TimeZone = strings.TrimSpace(f.tz.Text) // Normalize says what is wrong with it
	}
	p.MastodonInstance = f.mastodon.Text
	p.KeepReadMonths = f.keepOpt[f.keepRead.Selected]
	p.SuggestDays = f.daysOpt[f.suggestDays.Selected]
	p.NoRemoteImages = !f.images.Checked
	for _, k := range model.Circles {
		text := strings.TrimSpace(f.cadence[k].Text)
		if text == f.cadenceWas[k] {
			continue // unchanged: keep the stored value, whole days or not
		}
		d, err := parseWholeDays(text, k)
		if err != nil {
			return p, err
		}
		p.Cadence[k] = d
	}
	return p, nil
}

// parseWholeDays reads a circle's cadence: a whole number of days, 1..365;
// empty is the circle's default.
func parseWholeDays(s string, k model.Circle) (time.Duration, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return k.DefaultCadence(), nil
	}
	n, err := strconv.Atoi(s)
	if err != nil || n < 1 || n > 365 {
		return 0, fmt.Errorf("%s cadence %q is not a whole number of days from 1 to 365", strings.ToLower(k.Title()), s)
	}
	return time.Duration(n) * 24 * time.Hour, nil
}

// cadenceDaysText shows a cadence in days ("7", or "0.5" when not whole).
func cadenceDaysText(d time.Duration) string {
	if d <= 0 {
		return ""
	}
	if d%(24*time.Hour) == 0 {
		return strconv.Itoa(int(d / (24 * time.Hour)))
	}
	return strconv.FormatFloat(d.Hours()/24, 'f', -1, 64)
}

// matchZones lists the zones of tzZones whose name holds every word of q
// (all of them for an empty q or an exact name).
func matchZones(q string) []string {
	q = strings.ToLower(strings.TrimSpace(q))
	words := strings.Fields(strings.NewReplacer("_", " ", "/", " ").Replace(q))
	var out []string
	for _, z := range tzZones {
		if strings.ToLower(z) == q {
			return tzZones
		}
		name := strings.ToLower(strings.ReplaceAll(z, "_", " "))
		ok := true
		for _, w := range words {
			ok = ok && strings.Contains(name, w)
		}
		if ok {
			out = append(out, z)
		}
	}
	return out
}

// choiceSelect is a select of values by their labels, current selected;
// a current value not among them (set elsewhere, by the CLI) is kept on
// offer first. It returns the select and its labels' values.
func choiceSelect(values []int, current int, label func(int) string) (*widget.Select, map[string]int) {
	opt := map[string]int{}
	var labels []string
	for _, v := range values {
		labels = append(labels, label(v))
		opt[label(v)] = v
	}
	if _, ok := opt[label(current)]; !ok {
		labels = append([]string{label(current)}, labels...)
		opt[label(current)] = current
	}
	sel := widget.NewSelect(labels, nil)
	sel.SetSelected(label(current))
	return sel, opt
}
