package ui

import (
	"context"
	"fmt"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"

	"github.com/knowflow/knowflow/model/store"
)

// maxHistory bounds the History dialog; knowflow history reads further.
const maxHistory = 1000

// showHistory opens what went to whom, newest first, read on a worker:
// History… is off until it comes, and of several reads the last asked is
// shown.
func (s *shareScreen) showHistory() {
	s.historyBtn.Disable()
	async(s.app, s.store, &s.historyGen, 10*time.Second, func(ctx context.Context, st shareStore) ([]store.ShareRecord, error) {
		return st.History(ctx, store.HistoryFilter{Limit: maxHistory})
	}, func(recs []store.ShareRecord, err error) {
		s.historyBtn.Enable()
		if err != nil {
			s.app.showError(err)
			return
		}
		s.openHistory(recs)
	})
}

// openHistory opens the History dialog on recs.
func (s *shareScreen) openHistory(recs []store.ShareRecord) {
	loc := s.loc
	if loc == nil {
		loc = time.Local
	}
	var content fyne.CanvasObject
	if len(recs) == 0 {
		l := widget.NewLabel("Nothing shared yet. Mark a suggestion shared, or record a share with knowflow share.")
		l.Wrapping = fyne.TextWrapWord
		content = l
	} else {
		list := widget.NewList(func() int { return len(recs) },
			func() fyne.CanvasObject {
				title := widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
				title.Truncation = fyne.TextTruncateEllipsis
				meta := widget.NewLabel("")
				meta.Importance = widget.LowImportance
				meta.Truncation = fyne.TextTruncateEllipsis
				return container.NewVBox(title, meta)
			},
			func(i widget.ListItemID, o fyne.CanvasObject) {
				h := recs[i]
				box := o.(*fyne.Container)
				title := h.ItemTitle
				if title == "" {
					title = "(untitled)"
				}
				to := h.ContactName
				if h.CommunityName != "" {
					to = h.CommunityName + " digest"
				}
				box.Objects[0].(*widget.Label).SetText(title)
				box.Objects[1].(*widget.Label).SetText(fmt.Sprintf("%s · to %s · %s",
					h.SharedAt.In(loc).Format("Mon 2 Jan 2006 15:04"), to, channelLabel(h.Channel)))
			})
		content = list
	}
	title := "History"
	if len(recs) > 0 {
		title = fmt.Sprintf("History: %s, newest first", plural(len(recs), "share", "shares"))
	}
	s.historyDlg = dialog.NewCustom(title, "Close", content, s.app.win)
	s.historyDlg.Resize(fyne.NewSize(640, 480))
	s.historyDlg.Show()
	s.app.ownKeys(s.historyDlg, nil, s.historyDlg.Hide) // dialogs.go: Enter and Esc close
	s.historyN = len(recs)
}
