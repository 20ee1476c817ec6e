package ui

import (
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// refreshCounter is a label that counts its refreshes.
type refreshCounter struct {
	widget.Label
	n int
}

func newRefreshCounter(text string) *refreshCounter {
	c := &refreshCounter{}
	c.Text = text
	c.ExtendBaseWidget(c)
	return c
}

func (c *refreshCounter) Refresh() {
	c.n++
	c.Label.Refresh()
}

// A switch of section refreshes no section's widgets (Fyne's AppTabs
// refreshes every tab's content on each switch); a new theme still
// reaches every section, and the section switched to is drawn.
func TestSectionSwitchRefreshesNoSection(t *testing.T) {
	a := test.NewTempApp(t)
	seek, share := newRefreshCounter("seek"), newRefreshCounter("share")
	tabs := container.NewAppTabs(
		container.NewTabItem("Seek", newSection(container.NewVBox(seek))),
		container.NewTabItem("Share", newSection(container.NewVBox(share))),
	)
	w := test.NewWindow(tabs)
	defer w.Close()
	w.Resize(fyne.NewSize(400, 300))

	// The bare tabs, for comparison: the test must be able to fail.
	bareA, bareB := newRefreshCounter("a"), newRefreshCounter("b")
	bare := container.NewAppTabs(container.NewTabItem("A", bareA), container.NewTabItem("B", bareB))
	bw := test.NewWindow(bare)
	defer bw.Close()
	before := bareA.n
	bare.SelectIndex(1)
	if bareA.n == before {
		t.Fatal("AppTabs no longer refreshes every tab's content on a switch: section is not needed")
	}

	seekN, shareN := seek.n, share.n
	tabs.SelectIndex(1)
	tabs.SelectIndex(0)
	tabs.SelectIndex(1)
	if seek.n != seekN || share.n != shareN {
		t.Errorf("switching refreshed the sections: seek %d → %d, share %d → %d", seekN, seek.n, shareN, share.n)
	}
	if !isShown(w, share) || isShown(w, seek) {
		t.Error("the section switched to is not the one on screen")
	}

	a.Settings().SetTheme(theme.DarkTheme()) //nolint:staticcheck // a different theme is what matters
	tabs.Refresh()                           // as the driver does on a theme change
	if seek.n == seekN || share.n == shareN {
		t.Errorf("a new theme did not reach every section: seek %d → %d, share %d → %d", seekN, seek.n, shareN, share.n)
	}
}

// isShown reports whether o is in w's visible tree.
func isShown(w fyne.Window, o fyne.CanvasObject) bool {
	found := false
	visit(w.Content(), func(x fyne.CanvasObject) bool {
		if x == o && x.Visible() {
			found = true
		}
		return x.Visible()
	})
	return found
}

// What a section shows while another is on screen, and lays out as the
// sections do (a refresh of its container), is in place when it comes
// back: the section refreshes nothing itself, and needs not.
func TestSectionChangedWhileHiddenIsLaidOutOnReturn(t *testing.T) {
	test.NewTempApp(t)
	status := widget.NewLabel("a line that appears while Seek is hidden")
	status.Hide()
	top := widget.NewLabel("Seek")
	seek := container.NewVBox(top, status)
	tabs := container.NewAppTabs(
		container.NewTabItem("Seek", newSection(seek)),
		container.NewTabItem("Share", newSection(widget.NewLabel("Share"))),
	)
	w := test.NewWindow(tabs)
	defer w.Close()
	w.Resize(fyne.NewSize(500, 300))

	tabs.SelectIndex(1)
	status.Show() // as a reload does while the user is on Share
	seek.Refresh()
	tabs.SelectIndex(0)
	if !isShown(w, status) || status.Size().Height == 0 || status.Position().Y < top.Size().Height {
		t.Errorf("the line shown while hidden is at %v, size %v: not laid out", status.Position(), status.Size())
	}
}
