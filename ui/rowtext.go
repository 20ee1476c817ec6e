package ui

import (
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// rowText is a list row's text: one line cut with an ellipsis, or up to
// Lines lines wrapped at words, the last one cut. It looks like a
// widget.Label with the same settings (padding, colours, sizes).
//
// Why not a Label: to cut or wrap, Fyne 2.7 shapes the text again for
// each candidate length (a binary search of MeasureText calls on new
// strings, plus a shaping of the whole text with a new shaper for the
// ellipsis). In a list, every row shown is new text, so a section's
// first frame spent a quarter of the UI goroutine's time there (perf of
// the stall run: Share, People, Seek). rowText measures from the
// advances of single runes, kept for the app's life, and shapes only
// what it draws. Text it cannot measure so (marks, joiners, right-to-left
// or other scripts that shape across letters) is measured whole by Fyne.
type rowText struct {
	widget.BaseWidget
	Text       string
	TextStyle  fyne.TextStyle
	SizeName   fyne.ThemeSizeName // theme.SizeNameText when empty
	Importance widget.Importance
	Lines      int // lines at most (0 or 1: one); read when first drawn
}

func newRowText(text string) *rowText {
	t := &rowText{Text: text}
	t.ExtendBaseWidget(t)
	return t
}

// SetText shows text, in the TextStyle and Importance set now (like
// Label.SetText, it refreshes even when the text is the same).
func (t *rowText) SetText(text string) {
	t.Text = text
	t.Refresh()
}

func (t *rowText) lines() int { return max(t.Lines, 1) }

func (t *rowText) CreateRenderer() fyne.WidgetRenderer {
	t.ExtendBaseWidget(t)
	r := &rowTextRenderer{t: t}
	for range t.lines() {
		r.texts = append(r.texts, canvas.NewText("", nil))
	}
	r.objs = make([]fyne.CanvasObject, len(r.texts))
	for i, c := range r.texts {
		r.objs[i] = c
	}
	r.applyTheme()
	r.laidWidth = -1
	return r
}

type rowTextRenderer struct {
	t     *rowText
	texts []*canvas.Text
	objs  []fyne.CanvasObject

	pad, lineH float32
	measure    *runeWidths
	laidText   string // the text and width of the last cut
	laidWidth  float32
	cut        []string // the lines of the last cut
}

// applyTheme reads sizes and colours, on creation and on Refresh; it
// says whether the drawn texts' look changed.
func (r *rowTextRenderer) applyTheme() bool {
	t := r.t
	th := t.Theme()
	v := fyne.CurrentApp().Settings().ThemeVariant()
	m := t.widths()
	if m != r.measure {
		r.measure = m
		r.laidWidth = -1
	}
	r.pad = th.Size(theme.SizeNameInnerPadding)
	r.lineH = m.lineHeight()
	col := th.Color(labelColorName(t.Importance), v)
	changed := false
	for _, c := range r.texts {
		if c.TextSize != m.size || c.TextStyle != t.TextStyle || c.Color != col {
			c.TextSize, c.TextStyle, c.Color = m.size, t.TextStyle, col
			changed = true
		}
	}
	return changed
}

// widths measures text in this widget's font, size and style.
func (t *rowText) widths() *runeWidths {
	th := t.Theme()
	sizeName := t.SizeName
	if sizeName == "" {
		sizeName = theme.SizeNameText
	}
	return widthsFor(th.Size(sizeName), t.TextStyle, th.Font(t.TextStyle))
}

// textWidth is s's width in this widget's font, size and style, without padding.
func (t *rowText) textWidth(s string) float32 { return t.widths().width(s) }

// labelColorName is the colour widget.Label gives an importance.
func labelColorName(i widget.Importance) fyne.ThemeColorName {
	switch i {
	case widget.LowImportance:
		return theme.ColorNameDisabled
	case widget.HighImportance:
		return theme.ColorNamePrimary
	case widget.DangerImportance:
		return theme.ColorNameError
	case widget.WarningImportance:
		return theme.ColorNameWarning
	case widget.SuccessImportance:
		return theme.ColorNameSuccess
	default:
		return theme.ColorNameForeground
	}
}

func (r *rowTextRenderer) Layout(size fyne.Size) {
	width := size.Width - 2*r.pad
	if r.t.Text != r.laidText || width != r.laidWidth {
		r.laidText, r.laidWidth = r.t.Text, width
		r.cut = cutLines(r.t.Text, width, r.t.lines(), r.measure)
	}
	y := r.pad
	for i, c := range r.texts {
		s := ""
		if i < len(r.cut) {
			s = r.cut[i]
		}
		if c.Text != s {
			c.Text = s
			c.Refresh()
		}
		c.Move(fyne.NewPos(r.pad, y))
		c.Resize(fyne.NewSize(width, r.lineH))
		y += r.lineH
	}
}

// MinSize: as a cut Label's, room for "M…" on one line.
func (r *rowTextRenderer) MinSize() fyne.Size {
	return fyne.NewSize(r.measure.width("M…")+2*r.pad, r.lineH+2*r.pad)
}

// Refresh redraws only the lines whose text or look changed: a
// canvas.Text refreshed is shaped and drawn again.
func (r *rowTextRenderer) Refresh() {
	if r.applyTheme() {
		for _, c := range r.texts {
			c.Refresh()
		}
	}
	r.Layout(r.t.Size())
}

func (r *rowTextRenderer) Objects() []fyne.CanvasObject { return r.objs }
func (r *rowTextRenderer) Destroy()                     {}

// --- measuring ---------------------------------------------------------------

// runeWidths measures text in one font, size and style: by the sum of
// its runes' advances where that is the shaped width, else by Fyne.
type runeWidths struct {
	size  float32
	style fyne.TextStyle
	mu    sync.Mutex
	adv   map[rune]float32
	h     float32
}

type widthsKey struct {
	size  float32
	style fyne.TextStyle
	font  string
}

var allWidths sync.Map // widthsKey -> *runeWidths

func widthsFor(size float32, style fyne.TextStyle, font fyne.Resource) *runeWidths {
	k := widthsKey{size, style, ""}
	if font != nil {
		k.font = font.Name()
	}
	if w, ok := allWidths.Load(k); ok {
		return w.(*runeWidths)
	}
	w, _ := allWidths.LoadOrStore(k, &runeWidths{size: size, style: style, adv: map[rune]float32{}})
	return w.(*runeWidths)
}

func (m *runeWidths) lineHeight() float32 {
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.h == 0 {
		m.h = fyne.MeasureText("M", m.size, m.style).Height
	}
	return m.h
}

// width of s on one line.
func (m *runeWidths) width(s string) float32 {
	if !byRunes(s) {
		return fyne.MeasureText(s, m.size, m.style).Width
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	var w float32
	for _, r := range s {
		w += m.advLocked(r)
	}
	return w
}

func (m *runeWidths) advLocked(r rune) float32 {
	a, ok := m.adv[r]
	if !ok {
		a = fyne.MeasureText(string(r), m.size, m.style).Width
		m.adv[r] = a
	}
	return a
}

// byRunes: s's width is the sum of its runes' widths (give or take
// kerning, which narrows): only scripts the theme's font draws whose
// letters do not change shape with their neighbours (Latin, Greek,
// Cyrillic), common punctuation and arrows, and no combining marks.
// Other text (CJK and symbols come from fallback fonts) is measured whole.
func byRunes(s string) bool {
	for _, r := range s {
		switch {
		case r < 0x300: // Latin, its supplements and extensions
		case r >= 0x370 && r < 0x483, r >= 0x48A && r < 0x530: // Greek, Cyrillic
		case r >= 0x1E00 && r < 0x200B: // Latin and Greek extended, spaces
		case r >= 0x2010 && r < 0x2028, r >= 0x2030 && r < 0x205F: // punctuation
		case r >= 0x2190 && r < 0x2200: // arrows
		default:
			return false
		}
		if unicode.Is(unicode.Mn, r) || unicode.Is(unicode.Me, r) {
			return false
		}
	}
	return true
}

// cutLines breaks text into at most n lines of width at most w, at
// spaces where it can (inside a word too long for a line), the last
// line ending in "…" when text does not fit. Line breaks in text count as
// spaces when n is 1, and end a line otherwise.
func cutLines(text string, w float32, n int, m *runeWidths) []string {
	text = strings.TrimSpace(strings.ReplaceAll(text, "\t", " "))
	if n == 1 {
		text = strings.Join(strings.Fields(text), " ")
	}
	if text == "" {
		return nil
	}
	if w <= 0 {
		return []string{""}
	}
	var out []string
	rest := text
	for len(out) < n && rest != "" {
		para, after, hasNL := strings.Cut(rest, "\n")
		para = strings.TrimSpace(para)
		last := len(out) == n-1
		if m.width(para) <= w {
			if last && hasNL && strings.TrimSpace(after) != "" {
				out = append(out, ellipsise(strings.Join(strings.Fields(para+" "+after), " "), w, m))
				return out
			}
			out = append(out, para)
			rest = after
			continue
		}
		if last {
			out = append(out, ellipsise(para, w, m))
			return out
		}
		line, remain := fitWords(para, w, m)
		out = append(out, line)
		rest = remain
		if hasNL {
			rest += "\n" + after
		}
	}
	return out
}

// fitWords splits s after the most words that fit in w (or the most
// runes, when the first word alone does not fit).
func fitWords(s string, w float32, m *runeWidths) (line, rest string) {
	fit := longestFit(s, w, m)
	if fit >= len(s) {
		return s, ""
	}
	if sp := strings.LastIndexByte(s[:fit+1], ' '); sp > 0 {
		return strings.TrimRight(s[:sp], " "), strings.TrimLeft(s[sp:], " ")
	}
	if fit == 0 { // not even one rune: give it the line
		_, fit = utf8.DecodeRuneInString(s)
	}
	return s[:fit], strings.TrimLeft(s[fit:], " ")
}

// ellipsise cuts s to fit w with "…" at its end.
func ellipsise(s string, w float32, m *runeWidths) string {
	if m.width(s) <= w {
		return s
	}
	room := w - m.width("…")
	if room <= 0 {
		return "…"
	}
	fit := longestFit(s, room, m)
	return strings.TrimRight(s[:fit], " ,;:-–—") + "…"
}

// longestFit is the byte length of the longest prefix of s (whole
// runes) no wider than w.
func longestFit(s string, w float32, m *runeWidths) int {
	if byRunes(s) {
		m.mu.Lock()
		defer m.mu.Unlock()
		var x float32
		for i, r := range s {
			x += m.advLocked(r)
			if x > w {
				return i
			}
		}
		return len(s)
	}
	// Measured whole: a binary search over rune boundaries.
	idx := make([]int, 0, len(s)+1)
	for i := range s {
		idx = append(idx, i)
	}
	idx = append(idx, len(s))
	lo, hi := 0, len(idx)-1 // idx[lo] fits; find the largest
	for lo < hi {
		mid := (lo + hi + 1) / 2
		if fyne.MeasureText(s[:idx[mid]], m.size, m.style).Width <= w {
			lo = mid
		} else {
			hi = mid - 1
		}
	}
	return idx[lo]
}
