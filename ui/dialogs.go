package ui

import (
	"errors"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"

	"github.com/knowflow/knowflow/feeds"
)

// Dialogs own the keyboard. Every dialog of the window goes through
// ownKeys as it opens: its first field has the focus, Enter submits it,
// Esc cancels it, and the reader's shortcuts (keys.go) are off while it
// is open, whether or not a field has the focus.

// closable is what ownKeys needs of a dialog: every Fyne dialog, the
// file dialogs included.
type closable interface {
	Hide()
	SetOnClosed(func())
}

// openDialog is a dialog on screen that owns the keyboard.
type openDialog struct {
	cancel func()
	submit func() // nil: Enter does nothing
}

// ownKeys makes d, just shown, own the keyboard until it closes: first
// (nil: none) gets the focus; Enter in any single-line entry of fields,
// or with nothing focused, runs submit (nil: nothing); Esc cancels (Hide)
// when nothing is focused or the focus is in an entry of this file's
// (escEntry, escSelectEntry). It returns d.
func (u *App) ownKeys(d closable, first fyne.Focusable, submit func(), fields ...fyne.CanvasObject) {
	od := &openDialog{cancel: d.Hide, submit: submit}
	u.dialogs = append(u.dialogs, od)
	d.SetOnClosed(func() {
		for i, o := range u.dialogs {
			if o == od {
				u.dialogs = append(u.dialogs[:i], u.dialogs[i+1:]...)
				break
			}
		}
	})
	for _, f := range fields {
		var e *widget.Entry
		switch w := f.(type) {
		case *widget.Entry:
			e = w
		case *escEntry:
			e = &w.Entry
		case *escSelectEntry:
			e = &w.Entry
		case *widget.SelectEntry:
			e = &w.Entry
		}
		if e != nil && !e.MultiLine && e.OnSubmitted == nil && submit != nil {
			e.OnSubmitted = func(string) { submit() }
		}
		switch w := f.(type) {
		case *escEntry:
			w.onEsc = d.Hide
		case *escSelectEntry:
			w.onEsc = d.Hide
		}
	}
	c := u.win.Canvas()
	if first != nil {
		c.Focus(first)
	} else {
		c.Unfocus() // Enter and Esc reach the window's handler, which hands them here
	}
}

// topDialog is the dialog opened last that is still open, or nil.
func (u *App) topDialog() *openDialog {
	if len(u.dialogs) == 0 {
		return nil
	}
	return u.dialogs[len(u.dialogs)-1]
}

// dialogOpen says a dialog (or any pop-up) is over the window: the
// reader's keys are off.
func (u *App) dialogOpen() bool {
	return len(u.dialogs) > 0 || u.win.Canvas().Overlays().Top() != nil
}

// escEntry is an Entry that hears Esc, which Fyne's Entry ignores: in a
// dialog it cancels, in the search box it leaves the box.
type escEntry struct {
	widget.Entry
	onEsc func()
}

func newEscEntry() *escEntry {
	e := &escEntry{}
	e.ExtendBaseWidget(e)
	return e
}

// TypedKey hands Esc to onEsc and every other key to the Entry.
func (e *escEntry) TypedKey(k *fyne.KeyEvent) { escKey(k, e.onEsc, e.Entry.TypedKey) }

// escKey hands Esc to onEsc (when set) and any other key to next.
func escKey(k *fyne.KeyEvent, onEsc func(), next func(*fyne.KeyEvent)) {
	if k.Name == fyne.KeyEscape && onEsc != nil {
		onEsc()
		return
	}
	next(k)
}

// escSelectEntry is a SelectEntry that hears Esc.
type escSelectEntry struct {
	widget.SelectEntry
	onEsc func()
}

func newEscSelectEntry() *escSelectEntry {
	e := &escSelectEntry{}
	e.ExtendBaseWidget(e)
	e.Wrapping = fyne.TextWrap(fyne.TextTruncateClip)
	return e
}

// TypedKey hands Esc to onEsc and every other key to the SelectEntry.
func (e *escSelectEntry) TypedKey(k *fyne.KeyEvent) { escKey(k, e.onEsc, e.SelectEntry.TypedKey) }

// showInfo and showError show a message that Enter or Esc closes.
func (u *App) showInfo(title, msg string) {
	d := dialog.NewInformation(title, msg, u.win)
	d.Show()
	u.ownKeys(d, nil, d.Hide)
}

func (u *App) showError(err error) {
	d := dialog.NewError(plainError(err), u.win)
	d.Show()
	u.ownKeys(d, nil, d.Hide)
}

// plainError is err in plain words, without package prefixes.
func plainError(err error) error { return errors.New(feeds.Plain(err)) }

// newEscMultiLineEntry is a multi-line escEntry.
func newEscMultiLineEntry() *escEntry {
	e := newEscEntry()
	e.MultiLine = true
	e.Wrapping = fyne.TextWrapWord
	return e
}
