package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/knowflow/knowflow/model/store"
)

// shareScreen is the Share section: what to share, with whom, when and why.
type shareScreen struct {
	app     *App
	content *fyne.Container
	noData  fyne.CanvasObject
}

func newShareScreen(u *App) *shareScreen {
	s := &shareScreen{app: u}
	s.noData = emptyState(theme.MailSendIcon(), "Nothing to share yet",
		"Knowflow suggests who in your network would value an item, and when to send it. It needs sources to read (Seek) and people to share with (People).",
		widget.NewButton("Go to Seek", func() { u.ShowSection(SectionSeek) }),
		widget.NewButton("Go to People", func() { u.ShowSection(SectionPeople) }),
	)
	s.content = container.NewStack(s.noData)
	return s
}

func (s *shareScreen) reload(store.Summary) {}
