package ui

import (
	"image/color"
	"net/url"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/knowflow/knowflow/feeds/sanitize"
)

// bodyTextRuns is t's runs as its renderer lays them out.
func bodyTextRuns(t *bodyText) []bodyRun {
	return test.WidgetRenderer(t).(*bodyTextRenderer).runs
}

// corpusBodies is the sanitised bodies of the corpus's real-world feeds.
func corpusBodies(t *testing.T) []string {
	t.Helper()
	var out []string
	for _, it := range corpusItems(t) {
		body := it.Content
		if body == "" {
			body = it.Description
		}
		out = append(out, sanitize.HTML(body, it.Link))
	}
	if len(out) < 50 {
		t.Fatalf("only %d bodies from the corpus", len(out))
	}
	return out
}

// noSpace is s without white space.
func noSpace(s string) string { return strings.Join(strings.Fields(s), "") }

// Every line bodyText wraps fits its width as Fyne draws it, loses no
// text, and is full: the next line's first word would not have fitted
// on it. On every block of the corpus's real bodies and the hard texts
// (other scripts), from a narrow pane to a wide one.
func TestBodyTextWrapsRealBodiesToFit(t *testing.T) {
	if raceEnabled {
		// One goroutine, no sharing: nothing for the race detector, which
		// makes Fyne's exact measure this test leans on ten times slower
		// (a minute). The plain run (make test runs both) covers it.
		t.Skip("single-goroutine layout check: run without -race")
	}
	test.NewTempApp(t)
	var blocks [][]widget.RichTextSegment
	for _, body := range corpusBodies(t) {
		blocks = append(blocks, bodyBlocks(htmlSegments(body, nil))...)
	}
	for _, s := range hardTexts {
		blocks = append(blocks, []widget.RichTextSegment{&widget.TextSegment{Text: s + " " + s, Style: widget.RichTextStyleParagraph}})
	}
	widths := []float32{120, 260, 420, 640}
	wrapped, full, cutWords := 0, 0, 0
	for _, segs := range blocks {
		if !bodyTextFits(segs) {
			continue
		}
		bt := newBodyText(segs)
		runs := bodyTextRuns(bt)
		for _, w := range widths {
			lines := wrapRuns(runs, w)
			var drawn strings.Builder
			for i, line := range lines {
				var lw float32
				text := ""
				for _, p := range line {
					lw += fyne.MeasureText(p.text, runs[p.run].m.size, runs[p.run].m.style).Width
					text += p.text
				}
				drawn.WriteString(text)
				if lw > w+0.5 && len([]rune(strings.TrimSpace(text))) > 1 {
					t.Errorf("width %v: line %q is %.1f wide as drawn", w, text, lw)
				}
				if i == len(lines)-1 {
					continue
				}
				wrapped++
				next := lines[i+1]
				if len(next) == 0 || strings.HasPrefix(next[0].text, " ") {
					continue
				}
				// The next line's first word, which may run over pieces.
				word, ends := "", false
				for _, p := range next {
					if k := strings.IndexAny(p.text, " \n"); k >= 0 {
						word += p.text[:k]
						ends = true
						break
					}
					word += p.text
				}
				if !ends && len(next) > 0 && i+2 < len(lines) && len(next) == 1 {
					cutWords++ // a word longer than a line, cut
				}
				// Fyne shapes with kerning, which narrows: a line may end
				// a few pixels early, never a word early.
				m := runs[next[0].run].m
				// (summed rune advances run up to about 1% wide over a line).
				if lw+fyne.MeasureText(" "+word, m.size, m.style).Width <= w-max(4, w/100) && !strings.Contains(bt.String(), "\n") && !strings.Contains(bt.String(), "  ") {
					t.Errorf("width %v: %q would have fitted after %q", w, word, text)
				} else {
					full++
				}
			}
			if noSpace(drawn.String()) != noSpace(bt.String()) {
				t.Fatalf("width %v: text lost:\n got %q\nwant %q", w, drawn.String(), bt.String())
			}
		}
	}
	if wrapped < 1000 || full == 0 || cutWords == 0 {
		t.Fatalf("too little exercised: %d wrapped lines, %d checked full, %d cut words", wrapped, full, cutWords)
	}
}

// A link is a real hyperlink wherever it wraps: each of its pieces opens
// it, and the text around it is drawn as text.
func TestBodyTextLinksOpenFromEveryPiece(t *testing.T) {
	test.NewTempApp(t)
	var opened []string
	open := func(u *url.URL) { opened = append(opened, u.String()) }
	segs := htmlSegments(`<p>Read <a href="https://blog.example/a">the long article about remote onboarding</a> today.</p>`, open)
	bt := newBodyText(segs)
	w := test.NewTempWindow(t, bt)
	w.Resize(fyne.NewSize(600, 200))
	bt.Resize(fyne.NewSize(fyne.MeasureText("Read the long article", theme.TextSize(), fyne.TextStyle{}).Width+2*theme.InnerPadding()+4, 200))
	var links []*widget.Hyperlink
	visit(bt, func(o fyne.CanvasObject) bool {
		if h, ok := o.(*widget.Hyperlink); ok {
			links = append(links, h)
		}
		return true
	})
	if len(links) < 2 {
		t.Fatalf("the link should wrap over lines: %d pieces", len(links))
	}
	joined := ""
	for _, h := range links {
		joined += h.Text + " "
		tapLink(h)
	}
	if strings.TrimSpace(joined) != "the long article about remote onboarding" {
		t.Errorf("link pieces %q", joined)
	}
	if len(opened) != len(links) || opened[0] != "https://blog.example/a" || opened[len(opened)-1] != "https://blog.example/a" {
		t.Errorf("opened %q", opened)
	}
	if got := texts(container.NewVBox(bt)); !strings.Contains(got, "Read the long article about remote onboarding today.") {
		t.Errorf("String: %q", got)
	}
}

// A code block keeps its lines and their indents; a quote is indented
// as RichText indents it; a heading is bold and larger.
func TestBodyTextBlocks(t *testing.T) {
	test.NewTempApp(t)
	segs := htmlSegments("<pre>func main() {\n    fmt.Println(1)\n\n}</pre><blockquote>Said once.</blockquote><h2>Title</h2>", nil)
	blocks := bodyBlocks(segs)
	if len(blocks) != 3 {
		t.Fatalf("%d blocks", len(blocks))
	}
	code := newBodyText(blocks[0])
	lines := wrapRuns(bodyTextRuns(code), 600)
	var got []string
	for _, l := range lines {
		s := ""
		for _, p := range l {
			s += p.text
		}
		got = append(got, s)
	}
	if strings.Join(got, "|") != "func main() {|    fmt.Println(1)||}" {
		t.Errorf("code lines %q", got)
	}
	if r := bodyTextRuns(code); !r[0].m.style.Monospace {
		t.Errorf("code is not monospace")
	}

	quote, plain := newBodyText(blocks[1]), newBodyText([]widget.RichTextSegment{&widget.TextSegment{Text: "Said once.", Style: widget.RichTextStyleParagraph}})
	for _, bt := range []*bodyText{quote, plain} {
		bt.Resize(fyne.NewSize(400, bt.MinSize().Height))
	}
	qx := test.WidgetRenderer(quote).Objects()[0].Position().X
	px := test.WidgetRenderer(plain).Objects()[0].Position().X
	if qx-px != 4*theme.LineSpacing() {
		t.Errorf("quote at x %v, paragraph at %v: want it indented by %v", qx, px, 4*theme.LineSpacing())
	}
	head := newBodyText(blocks[2])
	head.Resize(fyne.NewSize(400, 100))
	c := test.WidgetRenderer(head).Objects()[0].(*canvas.Text)
	if !c.TextStyle.Bold || c.TextSize != theme.Size(theme.SizeNameHeadingText) {
		t.Errorf("heading drawn %+v size %v", c.TextStyle, c.TextSize)
	}
}

// bodyText draws a paragraph where RichText drew it: the same first
// line's position, line height and colour, and the same height at a
// width where both break the same way.
func TestBodyTextLooksLikeARichText(t *testing.T) {
	test.NewTempApp(t)
	para := "Knowledge flows through people who read, note and pass on what matters to them and to others, every week."
	seg := func() []widget.RichTextSegment {
		return []widget.RichTextSegment{&widget.TextSegment{Text: para, Style: widget.RichTextStyleParagraph}}
	}
	rt := widget.NewRichText(seg()...)
	rt.Wrapping = fyne.TextWrapWord
	bt := newBodyText(seg())
	for _, o := range []fyne.CanvasObject{rt, bt} {
		for range 2 {
			o.Resize(fyne.NewSize(300, o.MinSize().Height))
		}
	}
	rtexts := func(w fyne.Widget) []*canvas.Text {
		var out []*canvas.Text
		for _, o := range test.WidgetRenderer(w).Objects() {
			if c, ok := o.(*canvas.Text); ok && c.Text != "" {
				out = append(out, c)
			}
		}
		return out
	}
	a, b := rtexts(rt), rtexts(bt)
	if len(a) != len(b) {
		t.Fatalf("RichText drew %d lines, bodyText %d", len(a), len(b))
	}
	for i := range a {
		if strings.TrimSpace(a[i].Text) != strings.TrimSpace(b[i].Text) || a[i].Position() != b[i].Position() ||
			a[i].Color != b[i].Color || a[i].TextSize != b[i].TextSize {
			t.Errorf("line %d: RichText %q at %v (%v), bodyText %q at %v (%v)", i, a[i].Text, a[i].Position(), a[i].Color,
				b[i].Text, b[i].Position(), b[i].Color)
		}
	}
	if rt.MinSize().Height != bt.MinSize().Height {
		t.Errorf("heights: RichText %v, bodyText %v", rt.MinSize().Height, bt.MinSize().Height)
	}
	// Narrower: more lines, taller.
	h := bt.MinSize().Height
	bt.Resize(fyne.NewSize(150, h))
	if bt.MinSize().Height <= h {
		t.Errorf("at 150 wide the height %v did not grow from %v", bt.MinSize().Height, h)
	}
}

// redText is the default theme with red text.
type redText struct{ fyne.Theme }

func (r redText) Color(n fyne.ThemeColorName, v fyne.ThemeVariant) color.Color {
	if n == theme.ColorNameForeground {
		return color.NRGBA{R: 0xff, A: 0xff}
	}
	return r.Theme.Color(n, v)
}

// A refresh with nothing changed lays out and draws nothing again (the
// body's column refreshes every block as each piece is added); a new
// theme's colours reach the text.
func TestBodyTextRefreshesOnlyForANewLook(t *testing.T) {
	a := test.NewTempApp(t)
	bt := newBodyText(htmlSegments("<p>Knowledge flows through people who read and pass on what matters.</p>", nil))
	bt.Resize(fyne.NewSize(200, 100))
	r := test.WidgetRenderer(bt).(*bodyTextRenderer)
	lines := &r.lines[0]
	bt.Refresh()
	if &r.lines[0] != lines {
		t.Error("a refresh with nothing changed wrapped the text again")
	}
	a.Settings().SetTheme(redText{theme.DefaultTheme()})
	bt.Refresh()
	c := r.Objects()[0].(*canvas.Text)
	if c.Color != (color.NRGBA{R: 0xff, A: 0xff}) || c.Text == "" {
		t.Errorf("after a theme change the text is %q in %v", c.Text, c.Color)
	}
}
