package ui

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2"

	"github.com/knowflow/knowflow/model"
)

// The item's header (title, source, date, actions) stays put while the
// body scrolls; a long URL or word wraps in the pane, which does not grow.
func TestReaderHeaderStaysAndLongWordsWrap(t *testing.T) {
	u, _, _ := newReaderUI(t)
	s := u.seek
	before := u.Window().Content().MinSize().Width
	long := "https://example.org/" + strings.Repeat("averyveryverylongpathsegment", 40)
	var html strings.Builder
	html.WriteString(`<p>See <a href="` + long + `">` + long + `</a> and ` + strings.Repeat("x", 600) + `<sup>[1]</sup>.</p>`)
	for i := 0; i < 60; i++ {
		html.WriteString("<p>Knowledge flows through people, and a paragraph after another.</p>")
	}
	html.WriteString("<blockquote>A quote.</blockquote><pre>func main() {\n\tfmt.Println(1)\n}</pre>")
	s.showItem(&model.Item{ID: 96, Title: "A long item", ContentHTML: html.String()})
	settle(t, u)
	s.content.Refresh() // the window's tabs pass no refresh on (section.go)
	if after := u.Window().Content().MinSize().Width; after > before+1 {
		t.Errorf("window's minimum width grew from %v to %v", before, after)
	}
	inBody := false
	visit(s.bodyScroll.Content, func(o fyne.CanvasObject) bool {
		inBody = inBody || o == s.title || o == s.meta || o == s.openBtn
		return true
	})
	if inBody {
		t.Error("the header scrolls with the body")
	}
	pos := fyne.CurrentApp().Driver().AbsolutePositionForObject(s.title)
	s.bodyScroll.ScrollToBottom()
	if got := fyne.CurrentApp().Driver().AbsolutePositionForObject(s.title); got != pos {
		t.Errorf("title moved from %v to %v while the body scrolled", pos, got)
	}
	if s.bodyScroll.Offset.Y == 0 {
		t.Error("the body did not scroll")
	}
}
