package ui

import (
	"fyne.io/fyne/v2/widget"
)

// clearErrorsWhenFixed has the form's error line follow the fields: once
// shown (a refused save), each change checks the form again, and the line
// goes as soon as what it said is fixed (or says what is wrong now).
func (f *contactForm) clearErrorsWhenFixed() {
	for _, e := range []*escEntry{f.name, f.communities, f.emails, f.mastodon, f.website, f.profiles,
		f.interests, f.role, f.org, f.tz, f.workStart, f.workEnd, f.cadence, f.notes, f.feeds} {
		prev := e.OnChanged
		e.OnChanged = func(s string) {
			if prev != nil {
				prev(s)
			}
			f.recheck()
		}
	}
	for _, c := range []*widget.Check{f.team, f.community, f.network} {
		prev := c.OnChanged
		c.OnChanged = func(b bool) {
			if prev != nil {
				prev(b)
			}
			f.recheck()
		}
	}
}

// recheck updates a shown error line from the fields as they stand.
func (f *contactForm) recheck() {
	if f.errLabel == nil || !f.errLabel.Visible() || f.saving {
		return
	}
	if _, _, err := f.contact(); err != nil {
		f.errLabel.SetText(friendlyError(err))
		return
	}
	f.errLabel.SetText("")
	f.errLabel.Hide()
}
