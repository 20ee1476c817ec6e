package desktop

import (
	"errors"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"
)

// The window says why, lets the user choose other files until one opens,
// then closes; Quit quits.
func TestStartupErrorChooseAnotherFile(t *testing.T) {
	a := test.NewTempApp(t)
	var tried []string
	s := ShowStartupError(a, "/data/notes.db", errors.New("/data/notes.db is not a Knowflow database"), func(p string) error {
		tried = append(tried, p)
		if p == "/data/newer.db" {
			return errors.New("written by a newer Knowflow (schema 99)")
		}
		return nil
	})
	if r := s.Reason(); !strings.Contains(r, "/data/notes.db is not a Knowflow database") {
		t.Fatalf("reason %q", r)
	}
	closed := false
	s.Win.SetOnClosed(func() { closed = true })
	next := "/data/newer.db"
	s.Pick = func(done func(string)) { done(next) }
	tapButton(t, s.Win.Content(), "Choose another file…")
	if r := s.Reason(); !strings.Contains(r, "/data/newer.db") || !strings.Contains(r, "schema 99") {
		t.Fatalf("after a refused file the reason is %q", r)
	}
	if closed {
		t.Fatal("window closed after a refused file")
	}
	next = "/data/good.db"
	tapButton(t, s.Win.Content(), "Choose another file…")
	if strings.Join(tried, ",") != "/data/newer.db,/data/good.db" {
		t.Errorf("tried %v", tried)
	}
	if !closed {
		t.Error("the error window stays open after a file opened")
	}
}

func TestStartupErrorQuit(t *testing.T) {
	a := test.NewTempApp(t)
	s := ShowStartupError(a, "/x.db", errors.New("unreadable"), func(string) error { return nil })
	quit := false
	s.Quit = func() { quit = true }
	s.Pick = func(func(string)) { t.Error("Quit picked a file") }
	tapButton(t, s.Win.Content(), "Quit")
	if !quit {
		t.Error("Quit did not quit")
	}
}

// tapButton taps the button labelled label inside o.
func tapButton(t *testing.T, o fyne.CanvasObject, label string) {
	t.Helper()
	var found *widget.Button
	var walk func(fyne.CanvasObject)
	walk = func(o fyne.CanvasObject) {
		switch v := o.(type) {
		case *widget.Button:
			if v.Text == label {
				found = v
			}
		case *fyne.Container:
			for _, c := range v.Objects {
				walk(c)
			}
		case fyne.Widget:
			for _, c := range test.WidgetRenderer(v).Objects() {
				walk(c)
			}
		}
	}
	walk(o)
	if found == nil {
		t.Fatalf("no button %q", label)
	}
	test.Tap(found)
}
