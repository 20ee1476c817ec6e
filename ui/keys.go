package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
)

// installKeys binds the reader's keyboard shortcuts on the window canvas.
// Runes reach the canvas only when no entry has focus, so typing in the
// search box never moves the selection.
//
//	j / k       next / previous item
//	o or Enter  open the item in the browser
//	s           star or unstar
//	m           toggle read
//	A           mark every item of the list read
//	r           refresh all sources
//	/ or Ctrl+F search
func (u *App) installKeys() {
	c := u.win.Canvas()
	c.SetOnTypedRune(u.onTypedRune)
	c.SetOnTypedKey(u.onTypedKey)
	c.AddShortcut(&desktop.CustomShortcut{KeyName: fyne.KeyF, Modifier: fyne.KeyModifierShortcutDefault},
		func(fyne.Shortcut) { u.focusSearch() })
}

func (u *App) focusSearch() {
	u.ShowSection(SectionSeek)
	u.win.Canvas().Focus(u.seek.search)
}

func (u *App) onTypedRune(r rune) {
	if u.Section() != SectionSeek {
		return
	}
	s := u.seek
	switch r {
	case 'j':
		s.move(+1)
	case 'k':
		s.move(-1)
	case 'o':
		s.onOpen()
	case 's':
		s.onStar()
	case 'm':
		s.onToggleRead()
	case 'A':
		s.onMarkAllRead()
	case 'r':
		s.onRefresh()
	case '/':
		u.focusSearch()
	}
}

func (u *App) onTypedKey(e *fyne.KeyEvent) {
	if u.Section() != SectionSeek {
		return
	}
	switch e.Name {
	case fyne.KeyReturn, fyne.KeyEnter:
		u.seek.onOpen()
	case fyne.KeyDown:
		u.seek.move(+1)
	case fyne.KeyUp:
		u.seek.move(-1)
	case fyne.KeyEscape:
		u.win.Canvas().Unfocus()
	}
}
