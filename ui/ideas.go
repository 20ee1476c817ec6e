package ui

import (
	"context"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/knowflow/knowflow/model"
)

// maxIdeas is how many items the Ideas dialog offers.
const maxIdeas = 5

// showIdeas opens the Ideas dialog for c: the best recent items for them,
// each of which opens in the Share section, ready to send. The engine runs
// in the background; the dialog opens when it has answered.
func (u *App) showIdeas(c model.Contact) {
	now := u.now()
	u.background(func(ctx context.Context) {
		ctx, cancel := context.WithTimeout(ctx, 30*time.Second)
		defer cancel()
		ideas, err := u.flowSt.Ideas(ctx, now, c.ID, maxIdeas)
		u.do(func() {
			if err != nil {
				if u.store.Context().Err() == nil {
					u.showError(err)
				}
				return
			}
			u.ideasDialog(c, ideas)
		})
	})
}

// ideasDialog shows ideas, the best recent items for c.
func (u *App) ideasDialog(c model.Contact, ideas []model.Suggestion) {
	box := container.NewVBox()
	var dlg *dialog.CustomDialog
	if len(ideas) == 0 {
		msg := "Nothing from the last two weeks matches what " + c.Name + " cares about."
		if onlyThroughDigests(c) {
			msg = "What suits " + c.Name + " goes into the digest of " + strings.Join(c.Communities, ", ") +
				", which reaches them: see the Share section."
		} else if len(c.Interests) == 0 {
			msg += " Add their interests on their page (People ▸ Edit…), or link their blog, and Knowflow will find more."
		} else {
			msg += " Their interests: " + strings.Join(c.Interests, ", ") + "."
		}
		l := widget.NewLabel(msg)
		l.Wrapping = fyne.TextWrapWord
		box.Add(l)
	}
	for _, x := range ideas {
		x := x
		title := widget.NewLabelWithStyle(x.ItemTitle, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
		title.Wrapping = fyne.TextWrapWord
		why := widget.NewLabel(x.Why + " · " + percent(x.Score))
		why.Wrapping = fyne.TextWrapWord
		why.Importance = widget.LowImportance
		share := widget.NewButtonWithIcon("Share…", theme.MailSendIcon(), func() {
			dlg.Hide()
			u.ShowSection(SectionShare)
			u.share.showIdea(x)
		})
		box.Add(container.NewBorder(nil, nil, nil, container.NewCenter(share), container.NewVBox(title, why)))
	}
	dlg = dialog.NewCustom("Ideas for "+c.Name, "Close", container.NewVScroll(box), u.win)
	dlg.Resize(fyne.NewSize(560, 420))
	u.ideasDlg = dlg
	dlg.Show()
	u.ownKeys(dlg, nil, dlg.Hide) // dialogs.go: Enter and Esc close
}

// onlyThroughDigests reports whether c is reached only through their
// communities' digests: the community circle is their closest (they are
// not in the team) and they belong to a community (the engine's norm).
func onlyThroughDigests(c model.Contact) bool {
	return len(c.Communities) > 0 && c.InCircle(model.CircleCommunity) && !c.InCircle(model.CircleTeam)
}
