package ui

import (
	"image/color"
	"strconv"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/theme"
)

// The Flow chart's axis values and the colour of its "read" bars.

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
