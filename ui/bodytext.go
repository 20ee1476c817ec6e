package ui

import (
	"image/color"
	"math"
	"slices"
	"strings"
	"unicode/utf8"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// bodyText is one block of an item's body in the reader: a paragraph, a
// heading, a quote or a code block, as runs of styled text and links
// wrapped at spaces. It looks like the widget.RichText it replaces (the
// same padding, sizes, colours and hyperlinks).
//
// Why not a RichText: to wrap, Fyne 2.7 shapes the rest of a segment
// again for every candidate line length (a binary search of MeasureText
// calls on new strings), and an item's body is all new text. perf of the
// stall run: showing the first screenful of a kfbench item (1,000
// characters) kept the UI goroutine 40–70 ms, nearly all of it in that
// search. bodyText measures with rowText's cached rune advances
// (runeWidths; text of other scripts is measured whole by Fyne), so
// wrapping costs no shaping; only the lines drawn are shaped.
//
// It breaks lines only at spaces and line breaks (a word longer than the
// line is cut where it must), never where one run ends and the next
// begins: "word[1]" or a bold word's closing comma stay on their line.
type bodyText struct {
	widget.BaseWidget
	segs []widget.RichTextSegment // *widget.TextSegment and *widget.HyperlinkSegment only
}

// bodyTextFits says whether segs can be shown by a bodyText: text and
// links only (not a list, a separator or an image).
func bodyTextFits(segs []widget.RichTextSegment) bool {
	for _, s := range segs {
		switch s.(type) {
		case *widget.TextSegment, *widget.HyperlinkSegment:
		default:
			return false
		}
	}
	return len(segs) > 0
}

func newBodyText(segs []widget.RichTextSegment) *bodyText {
	t := &bodyText{segs: segs}
	t.ExtendBaseWidget(t)
	return t
}

// String is the text shown, as RichText.String gives it.
func (t *bodyText) String() string {
	var sb strings.Builder
	for _, s := range t.segs {
		sb.WriteString(s.Textual())
	}
	return sb.String()
}

func (t *bodyText) CreateRenderer() fyne.WidgetRenderer {
	t.ExtendBaseWidget(t)
	r := &bodyTextRenderer{t: t, laidWidth: -1}
	r.applyTheme()
	return r
}

// bodyRun is a segment as bodyText lays it out.
type bodyRun struct {
	text string
	m    *runeWidths
	col  color.Color
	link *widget.HyperlinkSegment // nil: plain text
}

type bodyTextRenderer struct {
	t    *bodyText
	runs []bodyRun

	pad, lineH, indent float32

	laidWidth float32
	lines     [][]bodyPiece

	texts []*canvas.Text      // drawn text pieces, reused across layouts
	links []*widget.Hyperlink // link pieces, reused likewise
	boxes []*fyne.Container   // each link in its unpadded box
	objs  []fyne.CanvasObject
}

// applyTheme reads the segments' sizes, fonts and colours from the theme,
// and says whether they changed since last read.
func (r *bodyTextRenderer) applyTheme() bool {
	t := r.t
	th := t.Theme()
	v := fyne.CurrentApp().Settings().ThemeVariant()
	pad, lineH, indent := th.Size(theme.SizeNameInnerPadding), float32(0), float32(0)
	runs := make([]bodyRun, 0, len(t.segs))
	for i, s := range t.segs {
		var run bodyRun
		var st widget.RichTextStyle
		switch s := s.(type) {
		case *widget.TextSegment:
			run.text, st = s.Text, s.Style
		case *widget.HyperlinkSegment:
			run.text, run.link = s.Text, s
			st = widget.RichTextStyleInline
		}
		size := st.SizeName
		if size == "" {
			size = theme.SizeNameText
		}
		col := st.ColorName
		if col == "" {
			col = theme.ColorNameForeground
		}
		run.col = th.Color(col, v)
		run.m = widthsFor(th.Size(size), st.TextStyle, th.Font(st.TextStyle))
		lineH = max(lineH, run.m.lineHeight())
		if i == 0 && st == widget.RichTextStyleBlockquote {
			indent = th.Size(theme.SizeNameLineSpacing) * 4 // as RichText indents a quote
		}
		runs = append(runs, run)
	}
	same := pad == r.pad && lineH == r.lineH && indent == r.indent && slices.Equal(runs, r.runs)
	r.runs, r.pad, r.lineH, r.indent = runs, pad, lineH, indent
	if !same {
		r.laidWidth = -1
	}
	return !same
}

func (r *bodyTextRenderer) Layout(size fyne.Size) {
	w := size.Width - 2*r.pad - r.indent
	if w != r.laidWidth {
		r.laidWidth = w
		r.lines = wrapRuns(r.runs, w)
	}
	r.objs = r.objs[:0]
	nText, nLink := 0, 0
	y := r.pad
	for _, line := range r.lines {
		for _, p := range line {
			run := r.runs[p.run]
			x := r.pad + r.indent + p.x
			if run.link != nil {
				box := r.link(nLink, p.text, run.link)
				nLink++
				box.Move(fyne.NewPos(x, y))
				box.Resize(fyne.NewSize(p.w, r.lineH))
				r.objs = append(r.objs, box)
				continue
			}
			c := r.text(nText)
			nText++
			if c.Text != p.text || c.TextSize != run.m.size || c.TextStyle != run.m.style || c.Color != run.col {
				c.Text, c.TextSize, c.TextStyle, c.Color = p.text, run.m.size, run.m.style, run.col
				c.Refresh()
			}
			c.Move(fyne.NewPos(x, y))
			c.Resize(fyne.NewSize(p.w, r.lineH))
			r.objs = append(r.objs, c)
		}
		y += r.lineH
	}
}

// text is the n-th drawn text piece, made when first needed.
func (r *bodyTextRenderer) text(n int) *canvas.Text {
	if n == len(r.texts) {
		r.texts = append(r.texts, canvas.NewText("", nil))
	}
	return r.texts[n]
}

// link is the n-th link piece, showing text and opening seg's URL, in a
// box that places the link's text where the box is (as RichText does).
func (r *bodyTextRenderer) link(n int, text string, seg *widget.HyperlinkSegment) *fyne.Container {
	if n == len(r.links) {
		h := widget.NewHyperlink(text, seg.URL)
		h.OnTapped = seg.OnTapped
		r.links = append(r.links, h)
		r.boxes = append(r.boxes, &fyne.Container{Layout: unpadLayout{h}, Objects: []fyne.CanvasObject{h}})
		return r.boxes[n]
	}
	h := r.links[n]
	if h.Text != text || h.URL != seg.URL {
		h.Text, h.URL = text, seg.URL
		h.Refresh()
	}
	h.OnTapped = seg.OnTapped
	return r.boxes[n]
}

// MinSize: the height of the lines at the width last laid out (the
// first layout, at width 0, puts each line break's text on one line).
func (r *bodyTextRenderer) MinSize() fyne.Size {
	if r.laidWidth < 0 {
		r.Layout(r.t.Size())
	}
	h := float32(len(r.lines)) * r.lineH
	if len(r.lines) == 0 {
		h = r.lineH
	}
	return fyne.NewSize(2*r.pad+r.indent, h+2*r.pad)
}

// Refresh lays out and draws again only when the theme changed what the
// text looks like: the column holding the body refreshes every block each
// time a piece is added, and a text drawn again is rasterised again.
func (r *bodyTextRenderer) Refresh() {
	if !r.applyTheme() {
		return
	}
	for _, c := range r.texts {
		c.Text = "" // set again, in the new look, by the layout
	}
	for _, h := range r.links {
		h.Refresh()
	}
	r.Layout(r.t.Size())
	canvas.Refresh(r.t)
}

func (r *bodyTextRenderer) Objects() []fyne.CanvasObject { return r.objs }
func (r *bodyTextRenderer) Destroy()                     {}

// unpadLayout places a widget with inner padding (a hyperlink) so that
// its text starts where its box does.
type unpadLayout struct{ w fyne.Widget }

func (u unpadLayout) Layout(o []fyne.CanvasObject, s fyne.Size) {
	pad := theme.SizeForWidget(theme.SizeNameInnerPadding, u.w)
	o[0].Move(fyne.NewPos(-pad, -pad))
	o[0].Resize(s.AddWidthHeight(2*pad, 2*pad))
}

func (u unpadLayout) MinSize(o []fyne.CanvasObject) fyne.Size {
	pad := theme.SizeForWidget(theme.SizeNameInnerPadding, u.w)
	return o[0].MinSize().SubtractWidthHeight(2*pad, 2*pad)
}

// --- wrapping ----------------------------------------------------------------

// bodyPiece is the part of one run drawn on one line, x from the line's
// start, w wide.
type bodyPiece struct {
	run   int
	text  string
	x, w  float32
	whole bool // measured whole: it holds text runeWidths does not add up
}

// bodyTok is a word, a space or a line break of one run.
type bodyTok struct {
	run  int
	text string
	kind byte // 'w' word, ' ' space, '\n' line break
}

// bodyToks splits runs into words, spaces and line breaks.
func bodyToks(runs []bodyRun) []bodyTok {
	var toks []bodyTok
	for i, run := range runs {
		s := run.text
		for s != "" {
			switch s[0] {
			case '\n':
				toks = append(toks, bodyTok{i, "\n", '\n'})
				s = s[1:]
			case ' ', '\t':
				n := 1
				for n < len(s) && (s[n] == ' ' || s[n] == '\t') {
					n++
				}
				toks = append(toks, bodyTok{i, strings.ReplaceAll(s[:n], "\t", "    "), ' '})
				s = s[n:]
			default:
				n := strings.IndexAny(s, " \t\n")
				if n < 0 {
					n = len(s)
				}
				toks = append(toks, bodyTok{i, s[:n], 'w'})
				s = s[n:]
			}
		}
	}
	return toks
}

// wrapRuns breaks runs into lines no wider than w (no limit when w <= 0):
// at spaces, at the text's own line breaks, and inside a word only when
// it alone is wider than a line. Spaces at a wrapped line's start or end
// are not drawn; those at the start of the text or after a line break
// (a code block's indent) are.
func wrapRuns(runs []bodyRun, w float32) [][]bodyPiece {
	if w <= 0 {
		w = float32(math.Inf(1))
	}
	l := &lineBuilder{runs: runs}
	toks := bodyToks(runs)
	var pending []bodyTok // spaces since the line's last word
	lineStart := true     // no word since the text's start or a line break
	for i := 0; i < len(toks); {
		switch toks[i].kind {
		case '\n':
			l.flush()
			pending, lineStart = nil, true
			i++
			continue
		case ' ':
			if l.words {
				pending = append(pending, toks[i])
			} else if lineStart {
				l.put(toks[i]) // an indent
			}
			i++
			continue
		}
		// A word: the tokens up to the next space or line break, in
		// whichever runs they are.
		j := i
		for j < len(toks) && toks[j].kind == 'w' {
			j++
		}
		word := toks[i:j]
		i = j
		if l.words {
			if l.widthWith(pending, word) <= w {
				l.put(pending...)
				l.put(word...)
				pending = nil
				continue
			}
			l.flush()
			lineStart = false
		}
		pending = nil
		if l.widthWith(nil, word) <= w {
			l.put(word...)
			continue
		}
		// Wider than a line: cut where it must be.
		for _, tok := range word {
			rest, m := tok.text, runs[tok.run].m
			for rest != "" {
				fit := longestFit(rest, w-l.x(), m)
				if fit == 0 && len(l.cur) == 0 {
					_, fit = utf8.DecodeRuneInString(rest)
				}
				if fit > 0 {
					l.put(bodyTok{tok.run, rest[:fit], 'w'})
					rest = rest[fit:]
				}
				if rest != "" {
					l.flush()
					lineStart = false
				}
			}
		}
	}
	if len(l.cur) > 0 || len(l.lines) == 0 {
		l.flush()
	}
	return l.lines
}

// lineBuilder collects wrapRuns' lines, one piece per run on a line.
type lineBuilder struct {
	runs  []bodyRun
	lines [][]bodyPiece
	cur   []bodyPiece
	words bool // cur has a word
}

// x is where the line's next piece would start.
func (l *lineBuilder) x() float32 {
	if n := len(l.cur); n > 0 {
		return l.cur[n-1].x + l.cur[n-1].w
	}
	return 0
}

// grow is p with tok's text after it (tok is of p's run).
func (l *lineBuilder) grow(p bodyPiece, tok bodyTok) bodyPiece {
	m := l.runs[p.run].m
	p.text += tok.text
	if p.whole || !byRunes(tok.text) {
		p.w, p.whole = m.width(p.text), true // shaped across the join
	} else {
		p.w += m.width(tok.text)
	}
	return p
}

// start is a new piece of tok at x.
func (l *lineBuilder) start(tok bodyTok, x float32) bodyPiece {
	return l.grow(bodyPiece{run: tok.run, x: x}, tok)
}

// widthWith is the line's width with the tokens of a and then b added.
func (l *lineBuilder) widthWith(a, b []bodyTok) float32 {
	var last bodyPiece
	has := len(l.cur) > 0
	if has {
		last = l.cur[len(l.cur)-1]
	}
	for _, toks := range [2][]bodyTok{a, b} {
		for _, t := range toks {
			if has && t.run == last.run {
				last = l.grow(last, t)
			} else {
				last = l.start(t, last.x+last.w)
				has = true
			}
		}
	}
	return last.x + last.w
}

// put adds toks to the line.
func (l *lineBuilder) put(toks ...bodyTok) {
	for _, t := range toks {
		if n := len(l.cur); n > 0 && l.cur[n-1].run == t.run {
			l.cur[n-1] = l.grow(l.cur[n-1], t)
		} else {
			l.cur = append(l.cur, l.start(t, l.x()))
		}
		if t.kind == 'w' {
			l.words = true
		}
	}
}

// flush ends the line.
func (l *lineBuilder) flush() {
	l.lines = append(l.lines, l.cur)
	l.cur, l.words = nil, false
}
