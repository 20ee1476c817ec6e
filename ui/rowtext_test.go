package ui

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
	"github.com/mmcdole/gofeed"

	"github.com/knowflow/knowflow/feeds/corpus"
)

// exactWidth is s's width as Fyne shapes it (what is drawn).
func exactWidth(s string, style fyne.TextStyle) float32 {
	return fyne.MeasureText(s, theme.TextSize(), style).Width
}

// Texts from other scripts and hard cases, measured whole by Fyne.
var hardTexts = []string{
	"مرحبا بكم في نشرة الفريق الأسبوعية حول التعلم عن بعد",
	"शिक्षा और सीखने के नेटवर्क पर एक लंबा शीर्षक जो कटना चाहिए",
	"チームの学習ネットワークとリモートオンボーディングについての長いタイトル",
	"Cafe\u0301 au lait and re\u0301sume\u0301s, with combining accents in a long title",
	"Family 👨\u200d👩\u200d👧 emoji with joiners and ❤\ufe0f variation selectors in a title",
	"Supercalifragilisticexpialidociousandevenlongerwordsthatneverbreakanywhere",
	"Ünïcödé Ælfrēd — “quoted” ‘text’ · with dashes – and ellipses… in it",
	"→ thank Marta Silva, the author of ≠ and ∑ and other symbols ★ ✓",
	"Ελληνικά και Русский текст в одной строке, достаточно длинной",
}

// corpusItems is the items of the corpus's real-world feeds (those the
// parser reads).
func corpusItems(t *testing.T) []*gofeed.Item {
	t.Helper()
	dir := corpus.Dir(t, "feeds", "realworld")
	files, _ := filepath.Glob(filepath.Join(dir, "*"))
	p := gofeed.NewParser()
	var out []*gofeed.Item
	for _, f := range files {
		r, err := os.Open(f)
		if err != nil {
			t.Fatal(err)
		}
		feed, err := p.Parse(r)
		r.Close()
		if err != nil {
			continue // not a feed (LICENSE) or one the parser refuses
		}
		out = append(out, feed.Items...)
	}
	return out
}

// Every line rowText cuts fits its width as Fyne draws it, on real feed
// titles (the corpus) and on the hard texts above, at widths from a
// narrow column to a wide one; a text that fits is shown whole.
func TestRowTextCutsFitWhenDrawn(t *testing.T) {
	test.NewTempApp(t)
	titles := append([]string{}, hardTexts...)
	for _, it := range corpusItems(t) {
		titles = append(titles, it.Title, it.Description)
	}
	if len(titles) < 100 {
		t.Fatalf("only %d texts from the corpus", len(titles))
	}
	cut, whole := 0, 0
	for _, style := range []fyne.TextStyle{{}, {Bold: true}} {
		m := widthsFor(theme.TextSize(), style, theme.DefaultTheme().Font(style))
		for _, s := range titles {
			for _, w := range []float32{60, 140, 260, 420} {
				for _, n := range []int{1, 2} {
					lines := cutLines(s, w, n, m)
					if len(lines) > n {
						t.Fatalf("%q at %v: %d lines, want at most %d", s, w, len(lines), n)
					}
					for _, l := range lines {
						// Fyne draws at whole pixels: half a pixel of slack.
						if ew := exactWidth(l, style); ew > w+0.5 {
							t.Errorf("%q at width %v (%d lines): line %q is %.1f wide as drawn", s, w, n, l, ew)
						}
					}
					flat := strings.Join(strings.Fields(s), " ")
					if n == 1 && flat != "" && exactWidth(flat, style) <= w-8 {
						whole++
						if len(lines) != 1 || lines[0] != flat {
							t.Errorf("%q fits %v but was cut to %q", flat, w, lines)
						}
					}
					if len(lines) > 0 && strings.HasSuffix(lines[len(lines)-1], "…") {
						cut++
					}
				}
			}
		}
	}
	if cut == 0 || whole == 0 {
		t.Fatalf("nothing exercised: %d cut, %d whole", cut, whole)
	}
}

func TestRowTextWrapsAtWords(t *testing.T) {
	test.NewTempApp(t)
	m := widthsFor(theme.TextSize(), fyne.TextStyle{}, theme.DefaultTheme().Font(fyne.TextStyle{}))
	s := "matches remote onboarding in her interests and documentation in her team's notes, and more besides"
	w := exactWidth("matches remote onboarding in her", fyne.TextStyle{}) + 2
	lines := cutLines(s, w, 2, m)
	if len(lines) != 2 || lines[0] != "matches remote onboarding in her" {
		t.Fatalf("lines %q: want the first to end at the last whole word that fits", lines)
	}
	if !strings.HasPrefix(lines[1], "interests and") || !strings.HasSuffix(lines[1], "…") {
		t.Errorf("second line %q: want the rest, cut with an ellipsis", lines[1])
	}
	// Three lines' room for a text of two: no ellipsis.
	if got := cutLines("short one\nand two", 400, 3, m); len(got) != 2 || got[0] != "short one" || got[1] != "and two" {
		t.Errorf("line breaks kept: %q", got)
	}
	// One line: a line break is a space.
	if got := cutLines("short one\nand two", 400, 1, m); len(got) != 1 || got[0] != "short one and two" {
		t.Errorf("one line: %q", got)
	}
	// A word wider than the line is broken inside.
	long := "Supercalifragilisticexpialidocious and more"
	lines = cutLines(long, exactWidth("Supercalifrag", fyne.TextStyle{})+1, 2, m)
	if len(lines) != 2 || !strings.HasPrefix(lines[0], "Supercalifra") || !strings.HasSuffix(lines[1], "…") {
		t.Errorf("long word: %q", lines)
	}
	if got := cutLines("   ", 100, 1, m); got != nil {
		t.Errorf("blank: %q", got)
	}
}

// rowText sits where a Label sat: the same padding, line height and
// colours, and it draws the cut lines.
func TestRowTextLooksLikeALabel(t *testing.T) {
	test.NewTempApp(t)
	rt := newRowText("A title that is far too long to be shown whole in this narrow column")
	rt.TextStyle.Bold = true
	lb := widget.NewLabelWithStyle("A title", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	lb.Truncation = fyne.TextTruncateEllipsis
	if got, want := rt.MinSize().Height, lb.MinSize().Height; got != want {
		t.Errorf("height %v, a Label's %v", got, want)
	}
	w := test.NewWindow(rt)
	defer w.Close()
	rt.Resize(fyne.NewSize(200, rt.MinSize().Height))
	r := test.WidgetRenderer(rt).(*rowTextRenderer)
	drawn := r.texts[0]
	if !strings.HasSuffix(drawn.Text, "…") || !drawn.TextStyle.Bold {
		t.Fatalf("drawn %q bold %v", drawn.Text, drawn.TextStyle.Bold)
	}
	if pad := theme.InnerPadding(); drawn.Position() != fyne.NewPos(pad, pad) {
		t.Errorf("text at %v, want the Label's inner padding %v", drawn.Position(), pad)
	}
	if ew := exactWidth(drawn.Text, drawn.TextStyle); ew > 200-2*theme.InnerPadding()+0.5 {
		t.Errorf("drawn %q is %.1f wide in %v", drawn.Text, ew, 200-2*theme.InnerPadding())
	}
	before := drawn.Text
	rt.Resize(fyne.NewSize(600, rt.MinSize().Height))
	if drawn.Text == before || strings.HasSuffix(drawn.Text, "…") {
		t.Errorf("wider, still %q", drawn.Text)
	}
	rt.Importance = widget.LowImportance
	rt.SetText("Other")
	if drawn.Text != "Other" || drawn.Color != theme.Color(theme.ColorNameDisabled) {
		t.Errorf("after SetText: %q in %v", drawn.Text, drawn.Color)
	}
}
