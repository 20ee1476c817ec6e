package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/widget"
)

// installKeys binds the reader's keyboard shortcuts on the window canvas.
// Runes reach the canvas only when nothing has the focus, so typing in
// the search box never moves the selection; the shortcuts are off while
// a dialog is open (dialogs.go), which then hears Enter and Esc.
//
//	j / k       next / previous item
//	o or Enter  open the item in the browser
//	s           star or unstar
//	m           toggle read
//	A           mark every item of the list read
//	r           refresh all sources
//	/ or Ctrl+F search
//	Esc         leave the search box or the source tree
func (u *App) installKeys() {
	c := u.win.Canvas()
	c.SetOnTypedRune(u.onTypedRune)
	c.SetOnTypedKey(u.onTypedKey)
	c.AddShortcut(&desktop.CustomShortcut{KeyName: fyne.KeyF, Modifier: fyne.KeyModifierShortcutDefault},
		func(fyne.Shortcut) {
			if !u.dialogOpen() {
				u.focusSearch()
			}
		})
}

func (u *App) focusSearch() {
	u.ShowSection(SectionSeek)
	u.win.Canvas().Focus(u.seek.search)
}

// readerKeys says the reader's shortcuts apply: Seek is on screen and no
// dialog is open; those that act on items (all but r and /) only while
// the list is shown, not "Sources with problems".
func (u *App) readerKeys(onItems bool) bool {
	return u.Section() == SectionSeek && !u.dialogOpen() && !(onItems && u.seek.node == nodeProblems)
}

func (u *App) onTypedRune(r rune) {
	u.userActs()
	if !u.readerKeys(r != 'r' && r != '/') {
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
	u.userActs()
	if d := u.topDialog(); d != nil {
		switch e.Name {
		case fyne.KeyEscape:
			d.cancel()
		case fyne.KeyReturn, fyne.KeyEnter:
			if d.submit != nil {
				d.submit()
			}
		}
		return
	}
	if e.Name == fyne.KeyEscape {
		u.win.Canvas().Unfocus()
		return
	}
	if !u.readerKeys(true) {
		return
	}
	switch e.Name {
	case fyne.KeyReturn, fyne.KeyEnter:
		u.seek.onOpen()
	case fyne.KeyDown:
		u.seek.move(+1)
	case fyne.KeyUp:
		u.seek.move(-1)
	}
}

// seekTree is Seek's source tree. A click selects a node and gives the
// tree the focus (Fyne's Tree does); the reader's keys work on: runes,
// Up, Down and Enter go to the reader, Esc lets go of the focus; Left,
// Right and Space stay the tree's (close, open, select).
type seekTree struct {
	widget.Tree
	app *App
}

func newSeekTree(u *App, s *seekScreen) *seekTree {
	t := &seekTree{app: u}
	t.ChildUIDs, t.IsBranch, t.CreateNode, t.UpdateNode = s.treeChildren, s.treeIsBranch, s.treeCreate, s.treeUpdate
	t.ExtendBaseWidget(t)
	return t
}

// TypedRune hands the reader's shortcuts to the window.
func (t *seekTree) TypedRune(r rune) { t.app.onTypedRune(r) }

// TypedKey keeps Left, Right and Space for the tree.
func (t *seekTree) TypedKey(e *fyne.KeyEvent) {
	switch e.Name {
	case fyne.KeyLeft, fyne.KeyRight, fyne.KeySpace:
		t.Tree.TypedKey(e)
	default:
		t.app.onTypedKey(e)
	}
}
