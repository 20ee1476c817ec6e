package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"

	"github.com/knowflow/knowflow/model/store"
)

// flowScreen is the Flow section: how knowledge flows to and from each circle.
type flowScreen struct {
	app     *App
	content *fyne.Container
	empty   fyne.CanvasObject
}

func newFlowScreen(u *App) *flowScreen {
	s := &flowScreen{app: u}
	s.empty = emptyState(theme.HistoryIcon(), "No flow to show yet",
		"As you read and share, this shows how much knowledge comes from and goes to your team, your communities and your network over time, so you see whether you only collaborate or also cooperate.",
	)
	s.content = container.NewStack(s.empty)
	return s
}

func (s *flowScreen) reload(store.Summary) {}
