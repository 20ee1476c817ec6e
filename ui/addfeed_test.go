package ui

import (
	"context"
	"fmt"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
)

// When adding fails (a page that is no feed, a server that refuses the
// connection) Add feed stays open with the address as typed and says why
// in plain words under it; corrected, it subscribes and closes.
func TestAddFeedFailureKeepsTheDialogOpen(t *testing.T) {
	page := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		fmt.Fprint(w, `<!doctype html><html><head><title>A blog</title></head><body><p>No feed linked here.</p></body></html>`)
	}))
	t.Cleanup(page.Close)
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	refused := "http://" + ln.Addr().String() + "/feed.xml"
	ln.Close() // nothing listens there now: the connection is refused

	for _, tc := range []struct{ name, url, says string }{
		{"not a feed", page.URL + "/blog", "this page has no feed"},
		{"connection refused", refused, "127.0.0.1 refused the connection"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			u, _, b := newTestUI(t, Options{})
			c := u.Window().Canvas()
			u.onAddFeed()
			settle(t, u)
			url, ok := c.Focused().(*escEntry)
			if !ok {
				t.Fatalf("focused %T, want the address", c.Focused())
			}
			typeInWindow(c, tc.url)
			pressKey(c, fyne.KeyReturn)
			settle(t, u)
			dlg := c.Overlays().Top()
			if dlg == nil || !holds(dlg, url) {
				t.Fatalf("Add feed closed on a failure; on screen:\n%s", texts(dlg))
			}
			if url.Text != tc.url {
				t.Errorf("address %q after the failure, want it as typed %q", url.Text, tc.url)
			}
			shown := texts(dlg)
			if want := "Could not subscribe to " + tc.url + ": " + tc.says; !strings.Contains(shown, want) {
				t.Errorf("the dialog does not say %q:\n%s", want, shown)
			}
			for _, jargon := range []string{"discover:", "fetch:", "dial tcp", "feeds:"} {
				if strings.Contains(shown, jargon) {
					t.Errorf("the dialog says %q:\n%s", jargon, shown)
				}
			}
			if c.Focused() != url {
				t.Errorf("focused %T after the failure, want the address to correct", c.Focused())
			}
			if srcs, _ := b.Sources(context.Background()); len(srcs) != 0 {
				t.Errorf("subscribed after a failure: %+v", srcs)
			}

			// Corrected, Enter subscribes and closes the dialog.
			url.SetText(feedServer(t, 2).URL + "/")
			pressKey(c, fyne.KeyReturn)
			settle(t, u)
			if len(u.dialogs) != 0 || c.Overlays().Top() != nil {
				t.Errorf("the dialog stayed open after subscribing:\n%s", texts(c.Overlays().Top()))
			}
			if srcs, _ := b.Sources(context.Background()); len(srcs) != 1 {
				t.Errorf("%d sources after the corrected address, want 1", len(srcs))
			}
		})
	}
}

// holds says o is on screen under top.
func holds(top, o fyne.CanvasObject) bool {
	found := false
	visit(top, func(c fyne.CanvasObject) bool {
		found = found || c == o
		return !found
	})
	return found
}

// validationIcon is the name of the icon entry shows beside its text
// (its validation: a tick, an error), "" for none.
func validationIcon(e fyne.Widget) string {
	name := ""
	visit(e, func(o fyne.CanvasObject) bool {
		if img, ok := o.(*canvas.Image); ok && img.Resource != nil {
			name = img.Resource.Name()
		}
		return true
	})
	return name
}

// The address is checked as it is typed: http and https addresses with a
// host name, or a host and path (https:// is added), get the tick and
// Add; anything else gets neither, and its error once the field is left.
func TestAddFeedChecksTheAddressAsTyped(t *testing.T) {
	u, _, _ := newTestUI(t, Options{})
	c := u.Window().Canvas()
	u.onAddFeed()
	settle(t, u)
	url, ok := c.Focused().(*escEntry)
	if !ok {
		t.Fatalf("focused %T, want the address", c.Focused())
	}
	for _, tc := range []struct {
		typed string
		valid bool
		says  string
	}{
		{"htp:/bad url", false, "only http and https addresses can be subscribed to"},
		{"https://example.com/feed", true, ""},
		{"example.com/feed", true, ""},
		{"ftp://example.com/feed", false, ""},
		{"https://", false, "not a web address: it needs a host name, like example.com/feed"},
		{"https://example.com/a feed", false, "an address has no spaces"},
		{"feed://example.com/rss", true, ""},
	} {
		url.SetText("")
		typeInWindow(c, tc.typed)
		err := url.Validate()
		icon := validationIcon(url)
		add := findButton(t, c.Overlays().Top(), "Add")
		if tc.says != "" && (err == nil || err.Error() != tc.says) {
			t.Errorf("%q: says %v, want %q", tc.typed, err, tc.says)
		}
		if (err == nil) != tc.valid || add.Disabled() == tc.valid {
			t.Errorf("%q: error %v, Add on %v; want valid %v", tc.typed, err, !add.Disabled(), tc.valid)
		}
		if tick := strings.HasSuffix(icon, "_check.svg"); tick != tc.valid {
			t.Errorf("%q: icon %q; want a tick %v", tc.typed, icon, tc.valid)
		}
	}
	url.SetText("htp:/bad url")
	c.Unfocus()
	if icon := validationIcon(url); !strings.Contains(icon, "error") {
		t.Errorf("left with %q: icon %q, want the error", url.Text, icon)
	}
}
