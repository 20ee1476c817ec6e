package ui

import (
	"bytes"
	"context"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"github.com/knowflow/knowflow/model/service"
	"github.com/knowflow/knowflow/model/store"
)

type backend = *service.Service

func newBackend(t *testing.T) backend {
	t.Helper()
	st, err := store.Open(filepath.Join(t.TempDir(), "knowflow.db"))
	if err != nil {
		t.Fatal(err)
	}
	b := service.New(st, service.Options{})
	t.Cleanup(func() { b.Close() })
	return b
}

// testNow is the window's clock in tests that do not set one (Options.At
// or u.now): Thursday 26 November 2026, 10:00 UTC, fixed.
var testNow = remindNow

// testNew is New for tests: background work ends before the store closes,
// Seek's runs when the test says (loopRunner: settle runs it all), and the
// clock is fixed at testNow unless opts.At starts it elsewhere.
func testNew(t *testing.T, a fyne.App, st Store, opts Options) *App {
	if opts.At.IsZero() && opts.now == nil {
		opts.now = func() time.Time { return testNow }
	}
	r := newLoopRunner()
	if opts.run == nil {
		opts.run = r
	}
	u := newInline(a, st, opts)
	t.Cleanup(func() { u.StopScheduler(); u.bg.Wait() })
	t.Cleanup(r.wait) // first: the queued writes' worker ends before StopScheduler waits for it
	if r, ok := opts.run.(*loopRunner); ok {
		r.settle(t) // the first Reload
	}
	return u
}

// settle runs Seek's background work and what it hands back to the UI
// goroutine until nothing is left (a test's UI goroutine is its own).
func settle(t *testing.T, u *App) {
	t.Helper()
	u.run.(*loopRunner).settle(t)
}

func newTestUI(t *testing.T, opts Options) (*App, fyne.App, backend) {
	t.Helper()
	a := test.NewTempApp(t)
	b := newBackend(t)
	u := testNew(t, a, b, opts)
	u.Window().Resize(fyne.NewSize(900, 600))
	return u, a, b
}

// texts collects the text of every label, rich text and button under o.
func texts(o fyne.CanvasObject) string {
	var sb strings.Builder
	visit(o, func(o fyne.CanvasObject) bool {
		switch w := o.(type) {
		case *widget.Label:
			sb.WriteString(w.Text + "\n")
		case *rowText:
			sb.WriteString(w.Text + "\n")
			return false // not its cut lines again
		case *widget.Button:
			sb.WriteString("[" + w.Text + "]\n")
		case *widget.RichText:
			sb.WriteString(w.String() + "\n")
		case *bodyText:
			sb.WriteString(w.String() + "\n")
			return false
		}
		return true
	})
	return sb.String()
}

func findButton(t *testing.T, o fyne.CanvasObject, label string) *widget.Button {
	t.Helper()
	var found *widget.Button
	visit(o, func(o fyne.CanvasObject) bool {
		if b, ok := o.(*widget.Button); ok && b.Text == label && found == nil {
			found = b
		}
		return found == nil
	})
	if found == nil {
		t.Fatalf("no visible button %q in:\n%s", label, texts(o))
	}
	return found
}

func TestShellSectionsAndEmptyStates(t *testing.T) {
	u, _, _ := newTestUI(t, Options{})
	if got := u.Section(); got != SectionSeek {
		t.Fatalf("first section = %q, want seek", got)
	}
	want := map[string]string{
		SectionSeek:   "No sources yet",
		SectionShare:  "Nothing to share yet",
		SectionPeople: "No people yet",
		SectionFlow:   "No flow to show yet",
	}
	for i, name := range Sections {
		// Switch the way a user does: tap the tab.
		test.Tap(tabButton(t, u, i))
		if got := u.Section(); got != name {
			t.Fatalf("after tapping tab %d section = %q, want %q", i, got, name)
		}
		if got := texts(u.tabs.Selected().Content); !strings.Contains(got, want[name]) {
			t.Errorf("section %s shows:\n%s\nwant %q", name, got, want[name])
		}
	}
	// Share's empty state leads to the sections it needs.
	u.ShowSection(SectionShare)
	test.Tap(findButton(t, u.share.content, "Go to People"))
	if u.Section() != SectionPeople {
		t.Errorf("Go to People went to %q", u.Section())
	}
}

// tabButton finds the i-th tab's button in the rendered AppTabs.
func tabButton(t *testing.T, u *App, i int) fyne.Tappable {
	t.Helper()
	var tabs []fyne.Tappable
	visit(u.tabs, func(o fyne.CanvasObject) bool {
		if tb, ok := o.(fyne.Tappable); ok && strings.HasSuffix(strings.TrimPrefix(typeName(o), "*"), "tabButton") {
			tabs = append(tabs, tb)
			return false
		}
		return true
	})
	if i >= len(tabs) {
		t.Fatalf("found %d tab buttons, want > %d", len(tabs), i)
	}
	return tabs[i]
}

func TestSectionRemembered(t *testing.T) {
	a := test.NewTempApp(t)
	b := newBackend(t)
	u := testNew(t, a, b, Options{})
	u.ShowSection(SectionPeople)
	u.Window().Resize(fyne.NewSize(840, 610))
	u.SaveWindowState()

	u2 := testNew(t, a, b, Options{})
	if got := u2.Section(); got != SectionPeople {
		t.Errorf("reopened on %q, want people", got)
	}
	if w := a.Preferences().Float(prefWidth); w != 840 {
		t.Errorf("saved width = %v, want 840", w)
	}
	if got := testNew(t, a, b, Options{Section: SectionFlow}).Section(); got != SectionFlow {
		t.Errorf("--section flow opened %q", got)
	}
}

func TestTrayMenuActions(t *testing.T) {
	u, a, _ := newTestUI(t, Options{})
	m := u.TrayMenu()
	var labels []string
	for _, it := range m.Items {
		if !it.IsSeparator {
			labels = append(labels, it.Label)
		}
	}
	if strings.Join(labels, ",") != "No shares due,No one to get back to,Refresh now,Open Knowflow,Quit" {
		t.Fatalf("tray menu = %v", labels)
	}
	u.Window().Hide()
	trayItem(t, m, "Open Knowflow").Action() // shows and focuses the window
	if c := fyne.CurrentApp().Driver().CanvasForObject(u.tabs); c == nil {
		t.Error("Open Knowflow left the window without a canvas")
	}
	quit := m.Items[len(m.Items)-1]
	if !quit.IsQuit {
		t.Error("Quit is not marked IsQuit: Fyne would add a second Quit")
	}
	u.ShowSection(SectionFlow)
	settle(t, u)
	u.Window().Resize(fyne.NewSize(777, 555))
	quit.Action()
	if got := a.Preferences().Float(prefWidth); got != 777 {
		t.Errorf("quit did not save the window width: %v", got)
	}
}

func TestImportExportOPMLFromWindow(t *testing.T) {
	u, _, b := newTestUI(t, Options{})
	src := `<?xml version="1.0"?><opml version="2.0"><head><title>x</title></head><body>
<outline text="Go"><outline text="Go blog" type="rss" xmlUrl="https://go.dev/blog/feed.atom" htmlUrl="https://go.dev/blog"/></outline>
<outline text="Lone" type="rss" xmlUrl="https://example.org/feed"/>
</body></opml>`
	u.importFile(io.NopCloser(strings.NewReader(src)), "mine.opml")
	settle(t, u)
	sum, err := b.Summary(context.Background())
	if err != nil || sum.Sources != 2 {
		t.Fatalf("after import summary = %+v, %v", sum, err)
	}
	if got := texts(u.seek.content); strings.Contains(got, "No sources yet") {
		t.Errorf("Seek still shows the empty state after import:\n%s", got)
	}
	var buf closeBuffer
	u.exportOPML(&buf, "out.opml")
	if !buf.closed || !strings.Contains(buf.String(), `xmlUrl="https://go.dev/blog/feed.atom"`) {
		t.Errorf("export wrote %q (closed=%v)", buf.String(), buf.closed)
	}

	// A broken file is refused whole and nothing changes.
	u.importFile(io.NopCloser(strings.NewReader("<html><body>not opml</body></html>")), "bad.opml")
	sum2, _ := b.Summary(context.Background())
	if sum2.Sources != 2 {
		t.Errorf("broken import changed sources: %d", sum2.Sources)
	}
}

type closeBuffer struct {
	bytes.Buffer
	closed bool
}

func (c *closeBuffer) Close() error { c.closed = true; return nil }

func TestImportContactsFromWindow(t *testing.T) {
	u, _, b := newTestUI(t, Options{})
	f, err := os.Open("../testdata/people/linkedin-connections.csv")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	u.importFile(f, "Connections.csv")
	cs, err := b.Contacts(context.Background(), store.ContactFilter{})
	if err != nil || len(cs) == 0 {
		t.Fatalf("contacts after import: %d, %v", len(cs), err)
	}
	for _, c := range cs {
		if len(c.Circles) != 1 || c.Circles[0] != "network" {
			t.Errorf("LinkedIn contact %s circles = %v, want network", c.Name, c.Circles)
		}
	}
	bad, _ := os.Open("../testdata/people/bad-linkedin-fields.csv")
	defer bad.Close()
	u.importFile(bad, "bad.csv")
	if cs2, _ := b.Contacts(context.Background(), store.ContactFilter{}); len(cs2) != len(cs) {
		t.Errorf("a broken file changed contacts: %d -> %d", len(cs), len(cs2))
	}
}
