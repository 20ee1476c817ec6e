package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"
)

// emptyState is the centred message a section shows when it has nothing
// yet: what the section is for and what to do next.
func emptyState(icon fyne.Resource, title, text string, actions ...*widget.Button) fyne.CanvasObject {
	img := widget.NewIcon(icon)
	head := widget.NewLabelWithStyle(title, fyne.TextAlignCenter, fyne.TextStyle{Bold: true})
	body := widget.NewLabel(text)
	body.Wrapping = fyne.TextWrapWord
	body.Alignment = fyne.TextAlignCenter
	buttons := container.NewHBox()
	for _, b := range actions {
		buttons.Add(b)
	}
	box := container.NewVBox(
		container.NewCenter(container.NewGridWrap(fyne.NewSize(64, 64), img)),
		head,
		body,
		container.NewCenter(buttons),
	)
	// Keep the text to a readable measure in a wide window.
	return container.NewCenter(container.NewGridWrap(fyne.NewSize(460, box.MinSize().Height+40), box))
}

// showOnly makes o the one object of the stack c (a section switching
// between its empty state and its main view), refreshing only on change.
func showOnly(c *fyne.Container, o fyne.CanvasObject) {
	if len(c.Objects) == 1 && c.Objects[0] == o {
		return
	}
	c.Objects = []fyne.CanvasObject{o}
	c.Refresh()
}
