package ui

import (
	"fmt"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
)

func typeName(v any) string { return fmt.Sprintf("%T", v) }

// visit calls fn on o and, depth first, on every visible object rendered
// under it, going into an object's children only while fn returns true.
func visit(o fyne.CanvasObject, fn func(fyne.CanvasObject) bool) {
	if o == nil || !o.Visible() || !fn(o) {
		return
	}
	switch c := o.(type) {
	case *fyne.Container:
		for _, child := range c.Objects {
			visit(child, fn)
		}
	case fyne.Widget:
		for _, child := range test.WidgetRenderer(c).Objects() {
			visit(child, fn)
		}
	}
}

// full is the whole store u was built from: tests seed and read the data
// through it, whatever part of it the window's parts hold.
func full(u *App) Store { return u.store.(Store) }
