package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"

	"github.com/knowflow/knowflow/model/store"
)

// peopleScreen is the People section: contacts in three circles.
type peopleScreen struct {
	app     *App
	content *fyne.Container
	empty   fyne.CanvasObject
}

func newPeopleScreen(u *App) *peopleScreen {
	s := &peopleScreen{app: u}
	s.empty = emptyState(theme.AccountIcon(), "No people yet",
		"Add the people you learn with, in three circles: your team, your communities of practice and your loose network. Knowflow then suggests with whom to share what you read.",
	)
	s.content = container.NewStack(s.empty)
	return s
}

func (s *peopleScreen) reload(store.Summary) {}
