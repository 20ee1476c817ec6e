package ui

import (
	"image/color"
	"math"
	"slices"
	"sync"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"
)

// Reading comfort: every text in the window reaches WCAG's 4.5:1 contrast
// against every background it is drawn on, in the dark and the light
// variant, which the theme takes from the system as Fyne's own does.
// Fyne draws secondary text (a label of low importance: dates, sources,
// "why" lines, subtitles) in its disabled colour, about 1.5:1 on the dark
// background; Theme lifts each text colour towards the foreground just as
// far as it needs to, so secondary text stays quieter than the rest.

// minContrast is WCAG 2's minimum for body text (AA).
const minContrast = 4.5

// textColors are the colours text is drawn in, and backgrounds the
// colours it is drawn on (translucent ones over the window's background;
// not the flash of a pressed button, which lasts a moment).
var (
	textColors = []fyne.ThemeColorName{
		theme.ColorNameForeground, theme.ColorNameDisabled, theme.ColorNamePlaceHolder,
		theme.ColorNamePrimary, theme.ColorNameHyperlink, theme.ColorNameError,
		theme.ColorNameSuccess, theme.ColorNameWarning,
	}
	backgrounds = []fyne.ThemeColorName{
		theme.ColorNameBackground, theme.ColorNameInputBackground, theme.ColorNameMenuBackground,
		theme.ColorNameOverlayBackground, theme.ColorNameHeaderBackground, theme.ColorNameButton,
		theme.ColorNameDisabledButton, theme.ColorNameHover, theme.ColorNameSelection,
	}
)

// Theme is the window's theme: base (theme.DefaultTheme() when nil) with
// every text colour made readable (see above).
func Theme(base fyne.Theme) fyne.Theme {
	if base == nil {
		base = theme.DefaultTheme()
	}
	return &readableTheme{Theme: base}
}

type readableTheme struct {
	fyne.Theme

	mu    sync.Mutex
	cache map[readableKey]readableColor // Color is asked for every text drawn
}

type readableKey struct {
	name    fyne.ThemeColorName
	variant fyne.ThemeVariant
}

// readableColor is a text colour made readable, and the base theme's
// colours it was made from (the text's, the foreground, the backgrounds):
// it is made again only when one of them changes (the user's primary
// colour, say).
type readableColor struct {
	from []color.Color
	out  color.Color
}

func (t *readableTheme) Color(n fyne.ThemeColorName, v fyne.ThemeVariant) color.Color {
	c := t.Theme.Color(n, v)
	if !slices.Contains(textColors, n) {
		return c
	}
	from := make([]color.Color, 0, 2+len(backgrounds))
	from = append(from, c, t.Theme.Color(theme.ColorNameForeground, v))
	for _, b := range backgrounds {
		from = append(from, t.Theme.Color(b, v))
	}
	k := readableKey{n, v}
	t.mu.Lock()
	defer t.mu.Unlock()
	if r, ok := t.cache[k]; ok && slices.EqualFunc(r.from, from, sameColor) {
		return r.out
	}
	out := readable(c, from[1], surfaces(from[2:]))
	if t.cache == nil {
		t.cache = map[readableKey]readableColor{}
	}
	t.cache[k] = readableColor{from, out}
	return out
}

// sameColor reports whether a and b are the same colour.
func sameColor(a, b color.Color) bool {
	ar, ag, ab, aa := a.RGBA()
	br, bg, bb, ba := b.RGBA()
	return ar == br && ag == bg && ab == bb && aa == ba
}

// surfaces are the opaque colours text may sit on: the backgrounds given
// (backgrounds' colours, the window's first), translucent ones over the
// window's.
func surfaces(bgs []color.Color) []color.Color {
	out := make([]color.Color, 0, len(bgs))
	for _, b := range bgs {
		out = append(out, over(b, bgs[0]))
	}
	return out
}

// readable is c, blended towards toward (the foreground) in small steps
// until it reaches minContrast against every surface (the first is the
// window's background, which a translucent c is first composited over).
func readable(c, toward color.Color, surfaces []color.Color) color.Color {
	c, toward = over(c, surfaces[0]), over(toward, surfaces[0])
	for step := 0; step <= 20; step++ {
		m := mix(c, toward, float64(step)/20)
		ok := true
		for _, s := range surfaces {
			if contrast(m, s) < minContrast {
				ok = false
				break
			}
		}
		if ok {
			return m
		}
	}
	return toward
}

// mix is a + (b-a)·f, of opaque colours.
func mix(a, b color.Color, f float64) color.Color {
	ar, ag, ab, _ := a.RGBA()
	br, bg, bb, _ := b.RGBA()
	ch := func(x, y uint32) uint8 {
		return uint8(math.Round((float64(x) + (float64(y)-float64(x))*f) / 257))
	}
	return color.NRGBA{R: ch(ar, br), G: ch(ag, bg), B: ch(ab, bb), A: 0xff}
}

// over is c composited over an opaque bg.
func over(c, bg color.Color) color.Color {
	r, g, b, a := c.RGBA() // premultiplied
	br, bgc, bb, _ := bg.RGBA()
	k := 1 - float64(a)/0xffff
	ch := func(x, y uint32) uint8 { return uint8(math.Round((float64(x) + float64(y)*k) / 257)) }
	return color.NRGBA{R: ch(r, br), G: ch(g, bgc), B: ch(b, bb), A: 0xff}
}

// contrast is WCAG 2's contrast ratio of two opaque colours.
func contrast(a, b color.Color) float64 {
	la, lb := luminance(a), luminance(b)
	if la < lb {
		la, lb = lb, la
	}
	return (la + 0.05) / (lb + 0.05)
}

// luminance is WCAG 2's relative luminance.
func luminance(c color.Color) float64 {
	r, g, b, _ := c.RGBA()
	lin := func(v uint32) float64 {
		s := float64(v) / 0xffff
		if s <= 0.03928 {
			return s / 12.92
		}
		return math.Pow((s+0.055)/1.055, 2.4)
	}
	return 0.2126*lin(r) + 0.7152*lin(g) + 0.0722*lin(b)
}
