package ui

import (
	"image/color"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/knowflow/knowflow/model"
)

// --- circle badge ---

// pill is a small coloured tag with bold caption text.
type pill struct {
	widget.BaseWidget
	bg   *canvas.Rectangle
	text *canvas.Text
}

// newPill is a tag with white text on c.
func newPill(text string, c color.Color) *pill {
	p := &pill{}
	p.init(text, c, color.White)
	p.ExtendBaseWidget(p)
	return p
}

// init makes the pill's canvas objects; a widget embedding pill calls it,
// then ExtendBaseWidget on itself.
func (p *pill) init(text string, bg, fg color.Color) {
	p.bg = canvas.NewRectangle(bg)
	p.bg.CornerRadius = 4
	p.text = canvas.NewText(text, fg)
	p.text.TextStyle = fyne.TextStyle{Bold: true}
	p.text.TextSize = theme.Size(theme.SizeNameCaptionText)
	p.text.Alignment = fyne.TextAlignCenter
}

func (p *pill) CreateRenderer() fyne.WidgetRenderer {
	return widget.NewSimpleRenderer(container.NewStack(p.bg,
		container.New(layout.NewCustomPaddedLayout(2, 2, 6, 6), p.text)))
}

// circleBadge is a pill for a circle: TEAM, COP or NET. An "off" badge
// keeps its place but draws nothing, so the list's badges line up in
// columns.
type circleBadge struct {
	pill
	circle model.Circle
	on     bool
}

func newCircleBadge(k model.Circle) *circleBadge {
	b := &circleBadge{circle: k}
	b.init(circleShort(k), color.Transparent, color.Transparent)
	b.ExtendBaseWidget(b)
	return b
}

// MinSize is as wide as the widest circle's badge: badges of different
// circles are the same size, and line up.
func (b *circleBadge) MinSize() fyne.Size {
	m := b.BaseWidget.MinSize()
	for _, k := range model.Circles {
		m.Width = max(m.Width, fyne.MeasureText(circleShort(k), b.text.TextSize, b.text.TextStyle).Width+12)
	}
	return m
}

// setCircle turns the badge into k's, shown.
func (b *circleBadge) setCircle(k model.Circle) {
	if b.circle == k && b.on {
		return
	}
	b.circle = k
	b.text.Text = circleShort(k)
	b.on = false
	b.setOn(true)
}

// setOn shows or blanks the badge.
func (b *circleBadge) setOn(on bool) {
	if b.on == on && b.bg.FillColor != nil {
		return
	}
	b.on = on
	if on {
		b.bg.FillColor = circleColor(b.circle)
		b.text.Color = color.White
	} else {
		b.bg.FillColor = color.Transparent
		b.text.Color = color.Transparent
	}
	b.bg.Refresh()
	b.text.Refresh()
}

// circleShort is the badge text of a circle.
func circleShort(k model.Circle) string {
	switch k {
	case model.CircleTeam:
		return "TEAM"
	case model.CircleCommunity:
		return "COP"
	case model.CircleNetwork:
		return "NET"
	}
	return strings.ToUpper(string(k))
}

// circleColor is a circle's badge colour; white text reads on each, in the
// light and the dark theme.
func circleColor(k model.Circle) color.Color {
	switch k {
	case model.CircleTeam:
		return color.NRGBA{R: 0x25, G: 0x63, B: 0xeb, A: 0xff} // blue
	case model.CircleCommunity:
		return color.NRGBA{R: 0x04, G: 0x78, B: 0x57, A: 0xff} // green
	case model.CircleNetwork:
		return color.NRGBA{R: 0x7c, G: 0x3a, B: 0xed, A: 0xff} // violet
	}
	return color.NRGBA{R: 0x6b, G: 0x72, B: 0x80, A: 0xff}
}

// circleBadges is c's circles as badges side by side, no place kept for
// the others: next to a name, as in Flow's lists of people.
func circleBadges(c model.Contact) *fyne.Container {
	badges := container.NewHBox()
	for _, k := range model.Circles {
		if c.InCircle(k) {
			badges.Add(newPill(circleShort(k), circleColor(k)))
		}
	}
	return badges
}

// circleColumns is c's circles as badges, packed from the left in a box
// with room for every circle: in a list of people the badges start in
// one column, whatever circles each is in.
func circleColumns(c model.Contact) *fyne.Container {
	badges := container.NewHBox()
	for _, k := range model.Circles {
		badges.Add(newCircleBadge(k))
	}
	fillCircleColumns(badges, c)
	return badges
}

// fillCircleColumns shows c's circles in badges (made by circleColumns),
// in model.Circles' order, and blanks the places left.
func fillCircleColumns(badges *fyne.Container, c model.Contact) {
	i := 0
	for _, k := range model.Circles {
		if c.InCircle(k) && i < len(badges.Objects) {
			badges.Objects[i].(*circleBadge).setCircle(k)
			i++
		}
	}
	for ; i < len(badges.Objects); i++ {
		badges.Objects[i].(*circleBadge).setOn(false)
	}
}
