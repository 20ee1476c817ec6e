package ui

import (
	"image/color"
	"strconv"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// The Flow chart's axes (its values, its weeks) and the colour of its
// "read" bars.

// readBarColor is the "read from them" bars' colour: amber, plain to see
// on the dark and the light background, and unlike the primary blue of
// "passed on".
var readBarColor color.Color = color.NRGBA{R: 0xf5, G: 0x9e, B: 0x0b, A: 0xff}

// axisText is one of the chart's scale labels.
func axisText(s string) *canvas.Text {
	t := canvas.NewText(s, theme.Color(theme.ColorNameForeground))
	t.TextSize = theme.Size(theme.SizeNameCaptionText)
	t.Alignment = fyne.TextAlignTrailing
	return t
}

// gutter is the width left of the bars for the scale's values.
func (c *flowChart) gutter() float32 {
	w := fyne.MeasureText(strconv.Itoa(max(c.top, 1)), theme.Size(theme.SizeNameCaptionText), fyne.TextStyle{}).Width
	return w + 2*theme.Padding()
}

// layoutScale puts the top count at the top (passed on), 0 on the axis
// and the top count at the bottom (read), right-aligned in the gutter g.
func (r *flowChartRenderer) layoutScale(size fyne.Size, g float32) {
	top := strconv.Itoa(max(r.chart.top, 1))
	h := fyne.MeasureText("0", theme.Size(theme.SizeNameCaptionText), fyne.TextStyle{}).Height
	w := g - theme.Padding()
	for i, x := range []struct {
		text string
		y    float32
	}{{top, 0}, {"0", size.Height/2 - h/2}, {top, size.Height - h}} {
		t := r.scale[i]
		t.Text = x.text
		t.Color = theme.Color(theme.ColorNameForeground)
		t.Move(fyne.NewPos(0, x.y))
		t.Resize(fyne.NewSize(w, h))
		t.Refresh()
	}
}

// flowAxis is the charts' time axis, under them: each week's first day
// ("14 Sep") under its bars, "this week" under the last. Labels that
// would touch are left out, evenly (every second, third… counted back
// from this week, which always shows), so they never overlap whatever
// the window's width and the period.
type flowAxis struct {
	widget.BaseWidget
	weeks  []time.Time
	gutter func() float32 // the charts' gutter: the bars start after it
}

func newFlowAxis(gutter func() float32) *flowAxis {
	a := &flowAxis{gutter: gutter}
	a.ExtendBaseWidget(a)
	return a
}

// set shows the weeks of a report.
func (a *flowAxis) set(weeks []time.Time) {
	a.weeks = weeks
	a.Refresh()
}

// axisLabelGap is the least room between two labels of the axis.
func axisLabelGap() float32 { return 3 * theme.Padding() }

// axisLabelLeft is where a label w wide starts when it is centred under
// slot i of n over width, moved inside [0, width] at the ends.
func axisLabelLeft(width float32, n, i int, w float32) float32 {
	x := width*(float32(i)+0.5)/float32(n) - w/2
	return max(min(x, width-w), 0)
}

// axisLabelsKept says which of n labels (their widths), each centred
// under its slot of width, the axis shows: every step-th counted back
// from the last, for the smallest step at which no two are nearer than
// gap; the last alone when none fits.
func axisLabelsKept(width float32, widths []float32, gap float32) []int {
	n := len(widths)
	if n == 0 {
		return nil
	}
	for step := 1; step < n; step++ {
		var kept []int
		for i := (n - 1) % step; i < n; i += step {
			kept = append(kept, i)
		}
		if axisLabelsFit(width, widths, gap, kept) {
			return kept
		}
	}
	return []int{n - 1}
}

// axisLabelsFit says the labels kept (in order) are at least gap apart
// and inside width.
func axisLabelsFit(width float32, widths []float32, gap float32, kept []int) bool {
	end := float32(-gap) // where the previous label ends
	for _, i := range kept {
		if widths[i] > width {
			return false
		}
		x := axisLabelLeft(width, len(widths), i, widths[i])
		if x < end+gap {
			return false
		}
		end = x + widths[i]
	}
	return true
}

func (a *flowAxis) CreateRenderer() fyne.WidgetRenderer {
	r := &flowAxisRenderer{axis: a}
	r.Refresh()
	return r
}

type flowAxisRenderer struct {
	axis  *flowAxis
	texts []*canvas.Text
	objs  []fyne.CanvasObject
}

func (r *flowAxisRenderer) Layout(size fyne.Size) {
	g := r.axis.gutter()
	width := size.Width - g
	widths := make([]float32, len(r.texts))
	for i, t := range r.texts {
		widths[i] = t.MinSize().Width
		t.Hide()
	}
	for _, i := range axisLabelsKept(width, widths, axisLabelGap()) {
		t := r.texts[i]
		t.Move(fyne.NewPos(g+axisLabelLeft(width, len(widths), i, widths[i]), 0))
		t.Resize(fyne.NewSize(widths[i], size.Height))
		t.Show()
	}
}

// MinSize is one line high and as narrow as the last label: the axis
// leaves labels out rather than widen the window.
func (r *flowAxisRenderer) MinSize() fyne.Size {
	h := fyne.MeasureText("0", theme.Size(theme.SizeNameCaptionText), fyne.TextStyle{}).Height
	w := r.axis.gutter()
	if n := len(r.texts); n > 0 {
		w += r.texts[n-1].MinSize().Width
	}
	return fyne.NewSize(w, h+theme.Padding())
}

// Refresh makes a label per week, in the theme's colours.
func (r *flowAxisRenderer) Refresh() {
	weeks := r.axis.weeks
	for len(r.texts) < len(weeks) {
		t := canvas.NewText("", nil)
		t.TextSize = theme.Size(theme.SizeNameCaptionText)
		r.texts = append(r.texts, t)
	}
	r.texts = r.texts[:len(weeks)]
	r.objs = r.objs[:0]
	for i, t := range r.texts {
		t.Text = weeks[i].Format("2 Jan")
		if i == len(weeks)-1 {
			t.Text = "this week"
		}
		t.Color = theme.Color(theme.ColorNameDisabled)
		t.Refresh()
		r.objs = append(r.objs, t)
	}
	r.Layout(r.axis.Size())
	canvas.Refresh(r.axis)
}

func (r *flowAxisRenderer) Objects() []fyne.CanvasObject { return r.objs }
func (r *flowAxisRenderer) Destroy()                     {}
