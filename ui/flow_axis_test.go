package ui

import (
	"fmt"
	"slices"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// The time axis keeps every label that fits, else every second, third…
// counted back from the last, which always shows; kept labels never
// touch and stay inside the width.
func TestAxisLabelsKept(t *testing.T) {
	same := func(n int, w, last float32) []float32 {
		ws := make([]float32, n)
		for i := range ws {
			ws[i] = w
		}
		if n > 0 {
			ws[n-1] = last
		}
		return ws
	}
	every := func(n, step int) []int {
		var kept []int
		for i := (n - 1) % step; i < n; i += step {
			kept = append(kept, i)
		}
		return kept
	}
	for _, tc := range []struct {
		name   string
		width  float32
		widths []float32
		want   []int
	}{
		// Slots 69 wide: 40 and a gap of 12 fit in each.
		{"12 weeks, room for all", 830, same(12, 40, 40), every(12, 1)},
		// Slots 32 wide: every second (64 apart).
		{"26 weeks: every second", 830, same(26, 40, 40), every(26, 2)},
		// "this week" is wider: kept inside the axis it moves left, and
		// the one two before it would touch it.
		{"26 weeks and a wide last", 830, same(26, 40, 60), every(26, 3)},
		// Slots 16 wide: every fourth is 64 apart, but the last, moved
		// inside, would be 11.8 from the one before: every fifth.
		{"52 weeks", 830, same(52, 40, 40), every(52, 5)},
		{"52 weeks in a narrow window", 400, same(52, 40, 40), every(52, 9)},
		{"one label", 830, same(1, 40, 40), []int{0}},
		{"no room even for the last", 30, same(4, 40, 40), []int{3}},
		{"none", 830, nil, nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := axisLabelsKept(tc.width, tc.widths, 12); !slices.Equal(got, tc.want) {
				t.Errorf("kept %v, want %v", got, tc.want)
			}
		})
	}
	// Whatever the widths: the last is kept, and no two kept ones overlap.
	for n := 1; n <= 53; n += 4 {
		for width := float32(80); width <= 1400; width += 90 {
			widths := make([]float32, n)
			for i := range widths {
				widths[i] = float32(30 + (i*37)%35)
			}
			kept := axisLabelsKept(width, widths, 12)
			if kept[len(kept)-1] != n-1 {
				t.Fatalf("n %d width %.0f: the last label is left out: %v", n, width, kept)
			}
			if len(kept) > 1 && !axisLabelsFit(width, widths, 12, kept) {
				t.Fatalf("n %d width %.0f: kept labels %v touch", n, width, kept)
			}
		}
	}
}

// axisLabels are the labels the axis shows, left to right.
func axisLabels(a *flowAxis) []*canvas.Text {
	var shown []*canvas.Text
	for _, o := range test.WidgetRenderer(a).Objects() {
		if tx, ok := o.(*canvas.Text); ok && tx.Visible() {
			shown = append(shown, tx)
		}
	}
	return shown
}

// At the window's default size (1100×720), over each period, the axis's
// labels are apart and inside it, this week last; and in the lists of
// people, the circle's badge is next to the name.
func TestFlowAxisAndBadgesAtTheDefaultSize(t *testing.T) {
	u, _ := flowFixture(t)
	u.Window().Resize(fyne.NewSize(1100, 720))
	s := u.flow
	for _, p := range flowPeriods {
		s.period.SetSelected(p.label)
		settle(t, u)
		shown := axisLabels(s.axis)
		if len(shown) < min(p.weeks, 8) || shown[len(shown)-1].Text != "this week" {
			t.Fatalf("%s: the axis shows %d labels, last %q", p.label, len(shown), shown[len(shown)-1].Text)
		}
		var drawn []string
		for i, tx := range shown {
			w := fyne.MeasureText(tx.Text, tx.TextSize, tx.TextStyle).Width
			drawn = append(drawn, fmt.Sprintf("%s@%.0f-%.0f", tx.Text, tx.Position().X, tx.Position().X+w))
			if tx.Position().X < s.axis.gutter() || tx.Position().X+w > s.axis.Size().Width {
				t.Errorf("%s: %q is outside the axis (%.0f wide)", p.label, tx.Text, s.axis.Size().Width)
			}
			if i > 0 {
				prev := shown[i-1]
				if end := prev.Position().X + fyne.MeasureText(prev.Text, prev.TextSize, prev.TextStyle).Width; end+theme.Padding() > tx.Position().X {
					t.Errorf("%s: %q runs into %q", p.label, prev.Text, tx.Text)
				}
			}
		}
		t.Logf("%s: %v", p.label, drawn)
	}

	// You owe: Ana (team); the badge is a short space from her name.
	var name *widget.Label
	var badge *pill
	var namePos, badgePos fyne.Position
	walkAt(s.owed, fyne.Position{}, func(o fyne.CanvasObject, at fyne.Position) {
		switch x := o.(type) {
		case *widget.Label:
			if x.Text == "Ana Costa" {
				name, namePos = x, at
			}
		case *pill:
			badge, badgePos = x, at
		case *circleBadge:
			if x.on {
				badge, badgePos = &x.pill, at
			}
		}
	})
	if name == nil || badge == nil {
		t.Fatalf("You owe has no name or badge:\n%s", texts(s.owed))
	}
	textStart := namePos.X + theme.InnerPadding()
	textEnd := textStart + fyne.MeasureText(name.Text, theme.TextSize(), name.TextStyle).Width
	gap := badgePos.X - textEnd
	if badgePos.X < textStart {
		gap = textStart - (badgePos.X + badge.Size().Width)
	}
	if gap < 0 || gap > 2*theme.InnerPadding() {
		t.Errorf("the badge is %.0f from the name (badge at x %.0f, name's text %.0f–%.0f)", gap, badgePos.X, textStart, textEnd)
	}
}
