package ui

import (
	"fmt"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"
)

// benchBody is an item body like kfbench's: paras paragraphs of 48 words
// and a link each (5 paragraphs make about 2 KB, 20 about 8 KB).
func benchBody(paras, seed int) string {
	words := strings.Fields("knowledge flow team community network share remote onboarding " +
		"documentation practice learning garden ritual digest cadence interest reader feed " +
		"sense seek people circle weekly meeting notes habit mentor writing")
	var b strings.Builder
	for p := 0; p < paras; p++ {
		b.WriteString("<p>")
		for w := 0; w < 48; w++ {
			b.WriteString(words[(seed*31+p*48+w*7)%len(words)])
			b.WriteByte(' ')
		}
		fmt.Fprintf(&b, `<a href="https://bench.example/ref/%d">reference</a></p>`, p)
	}
	return b.String()
}

// BenchmarkItemBody splits what showing an item's body costs: parsing its
// HTML into segments (segments), the rich text's word wrapping and layout
// in the reader's scroll at the window's size (layout), and a whole frame
// of the window drawn by the test driver's software painter (frame; the
// real one paints faster, the layout is the same). Two bodies alternate,
// as when j walks the list.
func BenchmarkItemBody(b *testing.B) {
	for _, size := range []struct {
		name  string
		paras int
		one   bool // one long paragraph
	}{{"2KB", 5, false}, {"8KB", 20, false}, {"8KB-one-paragraph", 20, true}} {
		bodies := []string{benchBody(size.paras, 1), benchBody(size.paras, 2)}
		if size.one {
			for i, body := range bodies {
				body = strings.ReplaceAll(body, "<p>", "")
				bodies[i] = "<p>" + strings.ReplaceAll(body, "</p>", " ") + "</p>"
			}
		}
		b.Run("segments/"+size.name, func(b *testing.B) {
			b.SetBytes(int64(len(bodies[0])))
			for i := 0; b.Loop(); i++ {
				htmlSegments(bodies[i%2], nil)
			}
		})
		segs := [][][]widget.RichTextSegment{bodyBlocks(htmlSegments(bodies[0], nil)), bodyBlocks(htmlSegments(bodies[1], nil))}
		b.Run("layout/"+size.name, func(b *testing.B) {
			body, scroll, _ := benchReaderPane(b)
			for i := 0; b.Loop(); i++ {
				body.set(segs[i%2])
				scroll.Refresh()
			}
		})
		b.Run("first-screenful/"+size.name, func(b *testing.B) {
			body, scroll, w := benchReaderPane(b)
			for i := 0; b.Loop(); i++ {
				body.set(bodyChunks(segs[i%2])[0])
				scroll.Refresh()
				w.Canvas().Capture()
			}
		})
		b.Run("frame/"+size.name, func(b *testing.B) {
			body, scroll, w := benchReaderPane(b)
			for i := 0; b.Loop(); i++ {
				body.set(segs[i%2])
				scroll.Refresh()
				w.Canvas().Capture()
			}
		})
	}
}

// benchReaderPane is an item body in a scroll under a title, in a window
// the reader's size, on a fresh test app.
func benchReaderPane(b *testing.B) (*itemBody, *container.Scroll, fyne.Window) {
	test.NewTempApp(b)
	body := newItemBody()
	scroll := container.NewVScroll(container.NewVBox(widget.NewLabel("title"), body.content()))
	w := test.NewTempWindow(b, scroll)
	w.Resize(fyne.NewSize(640, 700))
	return body, scroll, w
}
