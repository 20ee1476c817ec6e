package ui

import (
	"errors"
	"net/url"
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"
)

// failOpener is an opener that never opens anything, as xdg-open without
// a browser.
func failOpener(u *App) *int {
	n := 0
	u.openURL = func(*url.URL) error { n++; return errors.New("xdg-open: exit status 3") }
	return &n
}

// o with an opener that fails says so and offers to copy the link.
func TestOpenFailureIsSaid(t *testing.T) {
	u, a, _ := newReaderUI(t)
	tries := failOpener(u)
	c := u.Window().Canvas()
	test.TypeOnCanvas(c, "jo")
	settle(t, u)
	if *tries != 1 || u.openDlg == nil || c.Overlays().Top() == nil {
		t.Fatalf("o with a failing opener: %d tries, no dialog", *tries)
	}
	got := texts(c.Overlays().Top())
	if !strings.Contains(got, "could not open the link") || !strings.Contains(got, "exit status 3") {
		t.Errorf("dialog says:\n%s", got)
	}
	test.Tap(findButton(t, c.Overlays().Top(), "Copy link"))
	if a.Clipboard().Content() != u.seek.current.Link {
		t.Errorf("clipboard %q, want %q", a.Clipboard().Content(), u.seek.current.Link)
	}
	pressKey(c, "Escape")
	if c.Overlays().Top() != nil {
		t.Error("Esc left the dialog open")
	}
	// Only http, https and mailto reach the opener.
	for _, raw := range []string{"file:///etc/passwd", "javascript:alert(1)", "https:///nohost"} {
		x, _ := url.Parse(raw)
		if u.openLink(x, "", nil) {
			t.Errorf("%s offered to the opener", raw)
		}
	}
	settle(t, u)
	if *tries != 1 {
		t.Errorf("opener called %d times", *tries)
	}
}

// E-mail… with an opener that fails never claims an e-mail was opened,
// and offers the e-mail's text to copy.
func TestShareEmailFailureIsSaid(t *testing.T) {
	u, a, _, fx := newShareUI(t)
	failOpener(u)
	u.applySuggestions(handSuggestions(fx), sharePrefs(), shareNow)
	s := u.share
	s.list.Select(rowOf(t, s, fx, "onboarding", "Ana Costa"))
	settle(t, u)
	test.Tap(findButton(t, s.detail, "E-mail…"))
	settle(t, u)
	if strings.Contains(s.status.Text, "Opened") {
		t.Errorf("status claims success: %q", s.status.Text)
	}
	top := u.Window().Canvas().Overlays().Top()
	if top == nil || !strings.Contains(texts(top), "could not open the e-mail") {
		t.Fatalf("no failure said: %v", top)
	}
	test.Tap(findButton(t, top, "Copy text"))
	if !strings.Contains(a.Clipboard().Content(), s.cur.ItemURL) {
		t.Errorf("copied %q", a.Clipboard().Content())
	}
}
