package ui

import (
	"fmt"
	"image/color"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"
)

// Every text colour of the window's theme reaches 4.5:1 against every
// surface, in both variants; the default theme's secondary text did not.
func TestThemeContrast(t *testing.T) {
	base := theme.DefaultTheme()
	th := Theme(base)
	for _, v := range []fyne.ThemeVariant{theme.VariantDark, theme.VariantLight} {
		name := map[fyne.ThemeVariant]string{theme.VariantDark: "dark", theme.VariantLight: "light"}[v]
		bg := th.Color(theme.ColorNameBackground, v)
		worst := func(tt fyne.Theme, n fyne.ThemeColorName) float64 {
			low := 99.0
			for _, b := range backgrounds {
				s := over(tt.Color(b, v), bg)
				low = min(low, contrast(over(tt.Color(n, v), s), s))
			}
			return low
		}
		for _, n := range textColors {
			if c := worst(th, n); c < minContrast {
				t.Errorf("%s: %s reaches only %.2f:1", name, n, c)
			}
		}
		// Secondary text stays quieter than the foreground.
		fg, sec := th.Color(theme.ColorNameForeground, v), th.Color(theme.ColorNameDisabled, v)
		if contrast(over(sec, bg), bg) >= contrast(over(fg, bg), bg) {
			t.Errorf("%s: secondary text %v is as strong as the foreground %v", name, sec, fg)
		}
		if c := worst(base, theme.ColorNameDisabled); c >= minContrast {
			t.Errorf("%s: the default theme's secondary text already reaches %.2f:1; this test measures nothing", name, c)
		}
		t.Logf("%s: secondary text %s, %.2f:1 on the background (default theme %.2f:1)", name,
			hex(over(sec, bg)), contrast(over(sec, bg), bg), contrast(over(base.Color(theme.ColorNameDisabled, v), bg), bg))
	}
}

func TestContrastFormula(t *testing.T) {
	black, white := color.NRGBA{A: 0xff}, color.NRGBA{R: 0xff, G: 0xff, B: 0xff, A: 0xff}
	if c := contrast(black, white); c < 20.99 || c > 21.01 {
		t.Errorf("black on white %.3f, want 21", c)
	}
	grey := color.NRGBA{R: 0x76, G: 0x76, B: 0x76, A: 0xff} // WCAG's classic 4.54:1 grey on white
	if c := contrast(grey, white); c < 4.5 || c > 4.6 {
		t.Errorf("#767676 on white %.3f", c)
	}
}

func hex(c color.Color) string {
	r, g, b, _ := c.RGBA()
	return fmt.Sprintf("#%02x%02x%02x", r>>8, g>>8, b>>8)
}

// shiftingTheme is the default theme with a disabled colour a test sets.
type shiftingTheme struct {
	fyne.Theme
	disabled color.Color
}

func (s *shiftingTheme) Color(n fyne.ThemeColorName, v fyne.ThemeVariant) color.Color {
	if n == theme.ColorNameDisabled && s.disabled != nil {
		return s.disabled
	}
	return s.Theme.Color(n, v)
}

// A readable colour is remembered, and made again when the base's changes.
func TestThemeFollowsItsBase(t *testing.T) {
	base := &shiftingTheme{Theme: theme.DefaultTheme()}
	th := Theme(base)
	first := th.Color(theme.ColorNameDisabled, theme.VariantDark)
	if again := th.Color(theme.ColorNameDisabled, theme.VariantDark); !sameColor(first, again) {
		t.Errorf("the same question gave %v, then %v", first, again)
	}
	base.disabled = color.NRGBA{R: 0xff, G: 0x40, B: 0x40, A: 0xff}
	fresh := Theme(base).Color(theme.ColorNameDisabled, theme.VariantDark) // nothing remembered
	if got := th.Color(theme.ColorNameDisabled, theme.VariantDark); sameColor(got, first) || !sameColor(got, fresh) {
		t.Errorf("after the base changed: %v (was %v, want %v)", got, first, fresh)
	}
}
