package ui

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"
)

// bodyRows lays body out at width w and returns the text drawn on each
// row of its blocks (bodyText or RichText), piece by piece, and the x where rows start.
func bodyRows(body *itemBody, w float32) (pieces []*canvas.Text, left float32) {
	for i := 0; i < 2; i++ { // a rich text's height follows its width
		body.all.Resize(fyne.NewSize(w, body.all.MinSize().Height))
	}
	left = w
	for _, o := range body.box.Objects {
		wid, ok := o.(fyne.Widget)
		if !ok {
			continue
		}
		r := test.WidgetRenderer(wid)
		r.Layout(wid.Size())
		for _, o := range r.Objects() {
			if t, ok := o.(*canvas.Text); ok && t.Text != "" {
				pieces = append(pieces, t)
				left = min(left, t.Position().X)
			}
		}
	}
	return pieces, left
}

// A footnote's marker stays on the line of the word it follows, at every
// width of the reader's pane: a linked one in <sup> (raised, as text),
// a linked "[2]", a plain "word[3]" and a <sup>[4]</sup>, and, glued to
// their word, a linked "[5]" and a <sup>6</sup> written after a space.
func TestFootnoteMarkersStayOnTheirLine(t *testing.T) {
	test.NewTempApp(t)
	filler := "Knowledge flows through people who read, note and pass on what matters to them and to others. "
	html := "<p>" + strings.Repeat(filler, 2) + `the first footnote text<sup><a href="https://blog.example/post#fn1">1</a></sup> ` +
		strings.Repeat(filler, 2) + `a second word<a href="https://blog.example/post#fn2">[2]</a> ` +
		strings.Repeat(filler, 2) + `a third plain[3] ` +
		strings.Repeat(filler, 2) + `a fourth note<sup>[4]</sup> ` +
		strings.Repeat(filler, 2) + `a fifth claim <a href="https://blog.example/post#fn5">[5]</a> ` +
		strings.Repeat(filler, 2) + `a sixth power <sup>6</sup> ` + filler + "</p>"
	glued := []string{"text¹", "word[2]", "plain[3]", "note[4]", "claim[5]", "power⁶"}
	markers := []string{"¹", "[2]", "[3]", "[4]", "[5]", "⁶"}

	body := newItemBody()
	body.set(bodyBlocks(htmlSegments(html, nil)))
	atLineEnd := make([]int, len(glued))
	for w := float32(240); w <= 560; w++ {
		pieces, left := bodyRows(body, w)
		all := ""
		for _, p := range pieces {
			all += p.Text + "|"
			if p.Position().X == left {
				for _, m := range markers {
					if strings.HasPrefix(strings.TrimLeft(p.Text, " "), m) {
						t.Errorf("width %v: a row starts with the marker %q: %q", w, m, p.Text)
					}
				}
			}
			for i, g := range glued {
				if strings.HasSuffix(strings.TrimRight(p.Text, " "), g) {
					atLineEnd[i]++
				}
			}
		}
		for _, g := range glued {
			if !strings.Contains(all, g) {
				t.Errorf("width %v: %q is not drawn in one piece:\n%s", w, g, all)
			}
		}
		if t.Failed() {
			return
		}
	}
	for i, n := range atLineEnd {
		if n == 0 {
			t.Errorf("%q never came at a line's end: the test did not try the case", glued[i])
		}
	}
}

// Only digits and signs are raised; a marker in words stays as written.
func TestSuperscriptsAndMarkers(t *testing.T) {
	segs := htmlSegments(`<p>E = mc<sup>2</sup>, the 1<sup>st</sup> <b>bold</b><sup>(12)</sup> and <a href="https://x.example/a#b">a link</a>.</p>`, nil)
	var text strings.Builder
	links := 0
	for _, s := range segs {
		switch x := s.(type) {
		case *widget.TextSegment:
			text.WriteString(x.Text + "|")
		case *widget.HyperlinkSegment:
			links++
		}
	}
	if got, want := text.String(), "E = mc², the 1st |bold⁽¹²⁾| and |.|"; got != want {
		t.Errorf("text = %q, want %q", got, want)
	}
	if links != 1 {
		t.Errorf("%d links, want the one whose text is not a marker", links)
	}
}
