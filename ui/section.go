package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/widget"
)

// section holds one section's content in the window's tabs and keeps
// the tabs' refreshes out of it. Fyne's AppTabs refreshes every tab's
// content on each Refresh, and it refreshes itself on every switch: each
// click on Share, People or Flow refreshed all four sections' widget
// trees, every label and list row (about 60 ms of the UI goroutine on
// 100,000 items, 85-150 ms of waiting beside a refresh). The sections
// refresh their own widgets when their data changes, so a refresh from
// the tabs only matters when the theme has changed (a dark variant, a
// new theme), and only then does section pass it on. Repainting does not
// need it: the tabs ask for their own repaint after a switch.
//
// Tried and not kept: spreading a switch over the UI goroutine's turns
// (the new section laid out in a task of its own, drawn in the frame
// after). AppTabs draws only the selected tab's content, so the click's
// frame would show an empty section: a flash on every switch.
type section struct {
	widget.BaseWidget
	content fyne.CanvasObject

	theme   fyne.Theme // the theme and variant at the last refresh passed on; nil: none yet
	variant fyne.ThemeVariant
}

func newSection(content fyne.CanvasObject) *section {
	s := &section{content: content}
	s.ExtendBaseWidget(s)
	return s
}

func (s *section) CreateRenderer() fyne.WidgetRenderer {
	s.themeChanged() // what the content is first drawn with
	return &sectionRenderer{s: s}
}

// themeChanged reports whether the app's theme or variant differs from
// the last time it was asked, and remembers them.
func (s *section) themeChanged() bool {
	set := fyne.CurrentApp().Settings()
	th, v := set.Theme(), set.ThemeVariant()
	changed := s.theme == nil || th != s.theme || v != s.variant
	s.theme, s.variant = th, v
	return changed
}

type sectionRenderer struct{ s *section }

func (r *sectionRenderer) Layout(size fyne.Size) {
	r.s.content.Move(fyne.NewPos(0, 0))
	r.s.content.Resize(size)
}

func (r *sectionRenderer) MinSize() fyne.Size { return r.s.content.MinSize() }

func (r *sectionRenderer) Refresh() {
	if r.s.themeChanged() {
		r.s.content.Refresh()
	}
}

func (r *sectionRenderer) Objects() []fyne.CanvasObject { return []fyne.CanvasObject{r.s.content} }

func (r *sectionRenderer) Destroy() {}
