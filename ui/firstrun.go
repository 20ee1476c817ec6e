package ui

import (
	"fyne.io/fyne/v2/dialog"
)

// PrefStartAtLoginAsked is the Fyne preference that records that the
// first run asked about starting at login. (The name is the one the
// question had when it lived in cmd/knowflow/internal/desktop: those who
// answered then are not asked again.)
const PrefStartAtLoginAsked = "desktop.startAtLogin.asked"

// AskStartAtLogin asks, the first time only, whether Knowflow should
// start at login (Options.StartAtLogin), with "Start at login" as the
// default. Like every dialog of the window it owns the keyboard
// (dialogs.go): Enter says yes, Esc "Not now", and the reader's keys do
// not reach Seek behind it. Either answer is kept, and the login item set
// as answered. It reports whether it asked: not without a login item nor
// when it was asked before.
func (u *App) AskStartAtLogin() bool {
	prefs := u.app.Preferences()
	if u.startAtLogin == nil || prefs.Bool(PrefStartAtLoginAsked) {
		return false
	}
	d := dialog.NewConfirm("Start Knowflow when you log in?",
		"Knowflow then waits in the system tray and reminds you of the shares\n"+
			"that are due. File ▸ Preferences… changes this later.",
		func(yes bool) {
			prefs.SetBool(PrefStartAtLoginAsked, true)
			if err := u.startAtLogin.SetEnabled(yes); err != nil {
				u.showError(err)
			}
		}, u.win)
	d.SetConfirmText("Start at login")
	d.SetDismissText("Not now")
	d.Show()
	u.ownKeys(d, nil, d.Confirm)
	return true
}
