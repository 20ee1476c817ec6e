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
	"github.com/knowflow/knowflow/model/suggest"
)

// maxIdeas is how many items the Ideas dialog offers.
const maxIdeas = 5

// ideasFor is suggest.IdeasFor on the usual input: the recent items that
// suit c now, best first.
func (u *App) ideasFor(c model.Contact) ([]model.Suggestion, error) {
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	now := u.now()
	in, err := u.store.SuggestInput(ctx, now, suggest.DefaultWindow)
	if err != nil {
		return nil, err
	}
	return suggest.IdeasFor(in, c.ID, now, maxIdeas), nil
}

// showIdeas opens the Ideas dialog for c: the best recent items for them,
// each of which opens in the Share section, ready to send.
func (u *App) showIdeas(c model.Contact) {
	ideas, err := u.ideasFor(c)
	if err != nil {
		u.showError(err)
		return
	}
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
}

// onlyThroughDigests reports whether c is reached only through their
// communities' digests: the community circle is their closest (they are
// not in the team) and they belong to a community (the engine's norm).
func onlyThroughDigests(c model.Contact) bool {
	return len(c.Communities) > 0 && c.InCircle(model.CircleCommunity) && !c.InCircle(model.CircleTeam)
}
