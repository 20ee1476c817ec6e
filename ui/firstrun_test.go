package ui

import (
	"slices"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
)

// The first run's "Start Knowflow when you log in?" owns the keyboard as
// every dialog does: j does not move Seek's selection behind it, Esc
// answers Not now and Enter Start at login; either answer is kept, and
// the question does not come again.
func TestAskStartAtLoginOwnsTheKeyboard(t *testing.T) {
	for _, tc := range []struct {
		key  fyne.KeyName
		want bool
	}{{fyne.KeyEscape, false}, {fyne.KeyReturn, true}} {
		t.Run(string(tc.key), func(t *testing.T) {
			u, a, _ := newReaderUI(t)
			c := u.Window().Canvas()
			login := &loginItem{}
			u.startAtLogin = login
			test.TypeOnCanvas(c, "j")
			settle(t, u)
			before := u.seek.selected
			if !u.AskStartAtLogin() {
				t.Fatal("not asked on the first run")
			}
			if c.Overlays().Top() == nil {
				t.Fatal("the question is not on screen")
			}
			typeInWindow(c, "jjs")
			pressKey(c, fyne.KeyDown)
			settle(t, u)
			if u.seek.selected != before || u.seek.current.Starred {
				t.Errorf("keys reached Seek behind the question: selected %d (was %d), starred %v",
					u.seek.selected, before, u.seek.current.Starred)
			}
			pressKey(c, tc.key)
			settle(t, u)
			if c.Overlays().Top() != nil {
				t.Errorf("%s left the question open", tc.key)
			}
			if !slices.Equal(login.set, []bool{tc.want}) {
				t.Errorf("%s set Start at login to %v, want [%v]", tc.key, login.set, tc.want)
			}
			if !a.Preferences().Bool(PrefStartAtLoginAsked) {
				t.Error("the answer is not remembered")
			}
			if u.AskStartAtLogin() {
				t.Error("asked again")
			}
			test.TypeOnCanvas(c, "j")
			if u.seek.selected != before+1 {
				t.Errorf("after the question, j selected %d", u.seek.selected)
			}
		})
	}
}

// Without a login item (KNOWFLOW_AUTOSTART=off, no config directory)
// there is nothing to ask.
func TestAskStartAtLoginWithoutLoginItem(t *testing.T) {
	u, _, _ := newTestUI(t, Options{})
	if u.AskStartAtLogin() || len(u.dialogs) != 0 {
		t.Error("asked without a login item")
	}
}
