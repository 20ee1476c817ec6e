package ui

import (
	"net/url"
	"strconv"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"github.com/knowflow/knowflow/model"
)

// pressKey sends key k to the window as the driver does: to the focused
// object, else to the canvas's handler.
func pressKey(c fyne.Canvas, k fyne.KeyName) {
	ev := &fyne.KeyEvent{Name: k}
	if f := c.Focused(); f != nil {
		f.TypedKey(ev)
		return
	}
	c.(interface{ OnTypedKey() func(*fyne.KeyEvent) }).OnTypedKey()(ev)
}

// typeInWindow types chars as the driver does: into the focused object,
// else to the canvas's handler (test.TypeOnCanvas always does the latter).
func typeInWindow(c fyne.Canvas, chars string) {
	if f := c.Focused(); f != nil {
		for _, r := range chars {
			f.TypedRune(r)
		}
		return
	}
	test.TypeOnCanvas(c, chars)
}

// readerState is what the reader's shortcuts change.
type readerState struct {
	selected         int
	starred, read    bool
	refreshing       bool
	opened, overlays int
}

func stateOf(u *App, opened *[]string) readerState {
	s := u.seek
	return readerState{s.selected, s.current.Starred, s.current.Read, s.refreshing, len(*opened), len(u.dialogs)}
}

// dialogCase is one dialog of the window: how it opens, its first field
// (nil: none), and whether Esc closes it while that field has the focus
// (a dialog whose fields are Fyne's plain entries closes on Esc only
// when no field has the focus).
type dialogCase struct {
	name       string
	open       func(u *App)
	first      func(u *App) fyne.Focusable
	escInField bool
}

func dialogCases() []dialogCase {
	return []dialogCase{
		{"Add feed", func(u *App) { u.onAddFeed() }, func(u *App) fyne.Focusable { return u.dialogFirst() }, true},
		{"Edit source", func(u *App) { u.seek.tree.Select(nodeOfFirstSource(u)); u.seek.onEditSource() },
			func(u *App) fyne.Focusable { return u.seek.editDlg.title }, true},
		{"Unsubscribe", func(u *App) { u.seek.tree.Select(nodeOfFirstSource(u)); u.seek.onUnsubscribe() }, nil, false},
		{"Accounts", func(u *App) { u.showAccounts() }, nil, false},
		{"Preferences", func(u *App) { u.showPreferences() }, func(u *App) fyne.Focusable { return u.prefsDlg.refresh }, false},
		{"Import OPML", func(u *App) { u.onImportOPML() }, nil, false},
		{"Export OPML", func(u *App) { u.onExportOPML() }, nil, false},
		{"Add person", func(u *App) { u.people.onAdd() }, func(u *App) fyne.Focusable { return u.people.form.name }, false},
		{"History", func(u *App) { u.share.showHistory() }, nil, false},
		{"Information", func(u *App) { u.showInfo("OPML imported", "3 sources") }, nil, false},
	}
}

// dialogFirst is the field that has the focus (Add feed's test).
func (u *App) dialogFirst() fyne.Focusable { return u.win.Canvas().Focused() }

func nodeOfFirstSource(u *App) string {
	for id := range u.seek.sources {
		if u.seek.sources[id].Title == "Team blog" {
			return "s:" + strconv.FormatInt(id, 10)
		}
	}
	return nodeAll
}

// Every dialog owns the keyboard: its first field has the focus, typing
// "rsmoj" (in the field, or with nothing focused) fires none of the
// reader's shortcuts behind it, Esc closes it, and then the shortcuts work
// again.
func TestDialogsOwnTheKeyboard(t *testing.T) {
	for _, tc := range dialogCases() {
		t.Run(tc.name, func(t *testing.T) {
			u, _, _ := newReaderUI(t)
			c := u.Window().Canvas()
			var opened []string
			u.openURL = func(x *url.URL) error { opened = append(opened, x.String()); return nil }
			test.TypeOnCanvas(c, "j") // an item is open: s, m, o would act on it
			settle(t, u)
			tc.open(u)
			settle(t, u)
			if len(u.dialogs) == 0 || c.Overlays().Top() == nil {
				t.Fatal("no dialog open")
			}
			if tc.first != nil {
				if f := tc.first(u); f == nil || c.Focused() != f {
					t.Errorf("focused = %T, want the first field", c.Focused())
				}
			} else if c.Focused() != nil {
				t.Errorf("focused = %T, want nothing", c.Focused())
			}
			before := stateOf(u, &opened)
			if c.Focused() != nil {
				typeInWindow(c, "rsmoj") // into the field
			}
			first := c.Focused()
			c.Unfocus()
			test.TypeOnCanvas(c, "rsmoj")
			pressKey(c, fyne.KeyDown)
			settle(t, u)
			if got := stateOf(u, &opened); got != before {
				t.Errorf("keys leaked out of the dialog: %+v, was %+v", got, before)
			}
			if tc.escInField && first != nil {
				c.Focus(first)
			}
			pressKey(c, fyne.KeyEscape)
			settle(t, u)
			if len(u.dialogs) != 0 || c.Overlays().Top() != nil {
				t.Fatalf("Esc left the dialog open (%d)", len(u.dialogs))
			}
			test.TypeOnCanvas(c, "j")
			if u.seek.selected != before.selected+1 {
				t.Errorf("after the dialog, j selected %d", u.seek.selected)
			}
		})
	}
}

// Typing into Add feed fills the field only; Enter submits.
func TestAddFeedTypingAndEnter(t *testing.T) {
	u, _, _ := newReaderUI(t)
	c := u.Window().Canvas()
	u.onAddFeed()
	settle(t, u)
	typeInWindow(c, "rsm")
	d, ok := c.Focused().(*escEntry)
	if !ok || d.Text != "rsm" {
		t.Fatalf("focused %T %q", c.Focused(), d.Text)
	}
	if u.seek.refreshing {
		t.Error("r refreshed behind the dialog")
	}
	d.SetText(feedServer(t, 3).URL + "/")
	added := false
	u.onAdded = func() { added = true }
	pressKey(c, fyne.KeyReturn)
	settle(t, u)
	if len(u.dialogs) != 0 || !added {
		t.Errorf("Enter did not submit: %d dialogs open, added %v", len(u.dialogs), added)
	}
}

// After a click on a source or folder, j moves in the list; Esc lets go
// of the tree; Esc also leaves the search box.
func TestReaderKeysAfterAClickInTheTree(t *testing.T) {
	u, _, _ := newReaderUI(t)
	c := u.Window().Canvas()
	s := u.seek
	s.tree.Select(nodeOfFirstSource(u))
	c.Focus(s.tree) // a click focuses the tree
	settle(t, u)
	typeInWindow(c, "j")
	if s.selected != 0 {
		t.Errorf("j after a click in the tree selected %d", s.selected)
	}
	c.Focus(s.tree)
	pressKey(c, fyne.KeyDown)
	if s.selected != 1 {
		t.Errorf("Down in the tree selected %d", s.selected)
	}
	c.Focus(s.tree)
	pressKey(c, fyne.KeyEscape)
	if c.Focused() != nil {
		t.Errorf("Esc kept the focus on %T", c.Focused())
	}
	test.TypeOnCanvas(c, "/")
	if c.Focused() != s.search {
		t.Fatal("/ did not focus the search box")
	}
	pressKey(c, fyne.KeyEscape)
	if c.Focused() != nil {
		t.Errorf("Esc did not leave the search box")
	}
}

// Esc in any of the Preferences' text fields cancels, as in the other
// dialogs: Fyne's own entries ignore it.
func TestPreferencesEscInAField(t *testing.T) {
	for _, field := range []string{"quiet start", "time zone", "mastodon", "team cadence"} {
		t.Run(field, func(t *testing.T) {
			u, _, _ := newTestUI(t, Options{})
			c := u.Window().Canvas()
			u.showPreferences()
			settle(t, u)
			f := u.prefsDlg
			if f == nil || len(u.dialogs) == 0 {
				t.Fatal("no Preferences dialog")
			}
			target := map[string]fyne.Focusable{"quiet start": f.quietStart, "time zone": f.tz,
				"mastodon": f.mastodon, "team cadence": f.cadence[model.CircleTeam]}[field]
			c.Focus(target)
			pressKey(c, fyne.KeyEscape)
			settle(t, u)
			if len(u.dialogs) != 0 || c.Overlays().Top() != nil {
				t.Errorf("Esc in the %s field left Preferences open", field)
			}
		})
	}
}

// Esc in any of the person form's fields cancels it, multi-line ones too.
func TestPersonFormEscInAField(t *testing.T) {
	for _, field := range []string{"e-mail", "interests", "notes"} {
		t.Run(field, func(t *testing.T) {
			u, _, _ := newTestUI(t, Options{})
			c := u.Window().Canvas()
			u.people.onAdd()
			settle(t, u)
			f := u.people.form
			if f == nil || len(u.dialogs) == 0 {
				t.Fatal("no person form")
			}
			target := map[string]fyne.Focusable{"e-mail": f.emails, "interests": f.interests, "notes": f.notes}[field]
			c.Focus(target)
			typeInWindow(c, "ab")
			pressKey(c, fyne.KeyEscape)
			settle(t, u)
			if len(u.dialogs) != 0 || c.Overlays().Top() != nil {
				t.Errorf("Esc in the %s field left the form open", field)
			}
		})
	}
}
