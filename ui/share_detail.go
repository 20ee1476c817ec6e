package ui

import (
	"context"
	"net/url"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/knowflow/knowflow/model"
)

// The Share section's detail pane: the suggestion, its item and the note.

func (s *shareScreen) buildDetail() {
	head := widget.NewLabelWithStyle("No suggestion selected", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	hintText := widget.NewLabel("Pick a suggestion on the left to see why it suits them, add your note and share it.")
	hintText.Wrapping = fyne.TextWrapWord
	hintText.Importance = widget.LowImportance
	s.placeholder = container.NewPadded(container.NewVBox(head, hintText))

	s.dTitle = widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	s.dTitle.SizeName = theme.SizeNameSubHeadingText
	s.dTitle.Wrapping = fyne.TextWrapWord
	s.dKind = widget.NewLabel("")
	s.dKind.Importance = widget.LowImportance
	s.dKind.Wrapping = fyne.TextWrapWord
	wrap := func() *widget.Label {
		l := widget.NewLabel("")
		l.Wrapping = fyne.TextWrapWord
		return l
	}
	s.dTo, s.dWhen, s.dScore, s.dWhy = wrap(), wrap(), wrap(), wrap()
	s.dLink = widget.NewHyperlink("", nil)
	s.dLink.Truncation = fyne.TextTruncateEllipsis
	s.dLink.OnTapped = func() {
		if u, err := url.Parse(s.cur.ItemURL); err == nil {
			s.open(u, "", nil)
		}
	}
	details := container.New(layout.NewFormLayout())
	for _, x := range []struct {
		label string
		value fyne.CanvasObject
	}{{"To", s.dTo}, {"When", s.dWhen}, {"Score", s.dScore}, {"Link", s.dLink}} {
		details.Add(widget.NewLabelWithStyle(x.label, fyne.TextAlignTrailing, fyne.TextStyle{Bold: true}))
		details.Add(x.value)
	}

	s.note = widget.NewMultiLineEntry()
	s.note.Wrapping = fyne.TextWrapWord
	s.note.SetMinRowsVisible(3)
	s.note.SetPlaceHolder(notePlaceHolder)
	s.saveNoteBtn = widget.NewButtonWithIcon("Save note", theme.DocumentSaveIcon(), s.onSaveNote)

	s.emailBtn = widget.NewButtonWithIcon("E-mail…", theme.MailComposeIcon(), s.onEmail)
	s.mastodonBtn = widget.NewButtonWithIcon("Mastodon…", theme.MailSendIcon(), s.onMastodon)
	s.copyTextBtn = widget.NewButtonWithIcon("Copy text", theme.ContentCopyIcon(), s.onCopyText)
	s.copyMDBtn = widget.NewButtonWithIcon("Copy Markdown", theme.ContentCopyIcon(), s.onCopyMarkdown)
	s.sharedBtn = widget.NewButtonWithIcon("Mark shared", sharedIcon(), s.onMarkShared)
	s.sharedBtn.Importance = widget.HighImportance
	s.snoozeBtn = widget.NewButtonWithIcon("Snooze 1 day", theme.HistoryIcon(), s.onSnooze)
	s.dismissBtn = widget.NewButtonWithIcon("Not for them", theme.CancelIcon(), s.onDismiss)
	s.hint = widget.NewLabel("")
	s.hint.Wrapping = fyne.TextWrapWord
	s.hint.Importance = widget.LowImportance

	// Save note on the left: on the right a scrollbar would cover it.
	page := container.NewVBox(
		s.dTitle, s.dKind, details,
		widget.NewSeparator(),
		heading("Why"), s.dWhy,
		heading("Why this matters"), s.note,
		container.NewHBox(s.saveNoteBtn),
	)
	s.pageScroll = container.NewVScroll(container.NewPadded(page))
	// The actions stay below the scrolling text, in the same places for
	// every suggestion: one that does not apply is off, never hidden.
	actions := container.NewPadded(container.NewVBox(
		widget.NewSeparator(),
		container.NewGridWithColumns(2, s.emailBtn, s.mastodonBtn, s.copyTextBtn, s.copyMDBtn),
		container.NewGridWithColumns(3, s.sharedBtn, s.snoozeBtn, s.dismissBtn),
		s.hint,
	))
	s.page = container.NewBorder(nil, actions, nil, nil, s.pageScroll)
	s.detail = container.NewStack(s.placeholder)
}

// notePlaceHolder is the hint in the Share page's note.
const notePlaceHolder = "Your note: what they will get from it. It goes with the share and into digests."

// detailData is what the Share page reads for a suggestion.
type detailData struct {
	contact model.Contact
	item    model.Item
	hasItem bool
}

// showDetail shows suggestion x on the right; nil shows the placeholder.
func (s *shareScreen) showDetail(x *model.Suggestion) {
	s.idea = false
	if x == nil {
		s.detailGen++ // drop a read under way
		s.loadingDetail = false
		s.hasCur, s.cur, s.curRow = false, model.Suggestion{}, -1
		s.contact, s.item = model.Contact{}, model.Item{}
		showOnly(s.detail, s.placeholder)
		return
	}
	s.cur, s.hasCur = *x, true
	s.contact = model.Contact{}
	s.item = model.Item{ID: x.ItemID, Title: x.ItemTitle, Link: x.ItemURL}
	s.fillDetailText()
	// The contact (their address, channel) and the item (its note) are
	// read on a worker; until they come the note and the actions wait.
	s.loadingDetail = true
	s.note.SetText("")
	s.note.SetPlaceHolder("Loading…")
	s.note.Disable()
	s.updateActions()
	contactID, itemID := x.ContactID, x.ItemID
	async(s.app, s.store, &s.detailGen, 10*time.Second, func(ctx context.Context, st shareStore) (detailData, error) {
		var d detailData
		if contactID != 0 {
			if c, err := st.Contact(ctx, contactID); err == nil {
				d.contact = c
			} else {
				fyne.LogError("loading a suggestion's contact", err)
			}
		}
		if it, err := st.Item(ctx, itemID); err == nil {
			d.item, d.hasItem = it, true
		} else {
			fyne.LogError("loading a suggestion's item", err)
		}
		return d, nil
	}, func(d detailData, _ error) {
		if !s.hasCur || s.cur.ItemID != itemID || s.cur.ContactID != contactID {
			return
		}
		s.loadingDetail = false
		s.contact = d.contact
		if d.hasItem {
			s.item = d.item
		}
		s.fillDetailText()
		s.note.SetPlaceHolder(notePlaceHolder)
		s.note.SetText(s.item.Note)
		s.note.Enable()
		s.updateActions()
	})
	if x.Kind == model.KindThank {
		s.dismissBtn.SetText("Skip")
	} else {
		s.dismissBtn.SetText("Not for them")
	}
	s.updateMastodon()
	showOnly(s.detail, s.page)
	s.pageScroll.ScrollToTop()
}

// fillDetailText sets the page's labels from s.cur (not the note).
func (s *shareScreen) fillDetailText() {
	x := s.cur
	title := x.ItemTitle
	if title == "" {
		title = "(untitled)"
	}
	s.dTitle.SetText(title)
	switch {
	case x.Kind == model.KindThank:
		s.dKind.SetText("Thank the author: " + x.ContactName + " wrote this, and you starred it or noted why it matters.")
	case x.CommunityID != 0:
		s.dKind.SetText("Share into the " + x.Community + " digest")
	default:
		s.dKind.SetText("Share with " + x.ContactName + " (" + x.Circle.Title() + ")")
	}
	to := x.ContactName
	if x.CommunityID != 0 {
		to = x.Community + " digest"
	} else if len(s.contact.Emails) > 0 {
		to += " <" + s.contact.Emails[0] + ">"
	}
	s.dTo.SetText(to)
	when := whenText(x.When, s.at, s.loc)
	if when != "now" {
		when = x.When.In(s.loc).Format("Mon 2 Jan 15:04")
	}
	s.dWhen.SetText(when)
	s.dScore.SetText(percent(x.Score))
	if u, err := url.Parse(x.ItemURL); err == nil && webURL(u) {
		s.dLink.SetText(x.ItemURL)
		s.dLink.SetURL(u)
		s.dLink.Show()
	} else {
		s.dLink.SetText("")
		s.dLink.Hide()
	}
	why := x.Why
	if why == "" {
		why = "—"
	}
	s.dWhy.SetText(why)
}

// updateMastodon enables Mastodon… when Preferences name an instance.
func (s *shareScreen) updateMastodon() {
	if strings.TrimSpace(s.prefs.MastodonInstance) == "" {
		s.mastodonBtn.Disable()
		s.hint.SetText("Mastodon… needs your instance: set it in File ▸ Preferences….")
		return
	}
	s.mastodonBtn.Enable()
	s.hint.SetText("")
}

// noteText is the note as it stands in the entry.
func (s *shareScreen) noteText() string { return strings.TrimSpace(s.note.Text) }

// setStatus says msg on the status line; Undo goes with the message it
// was offered with.
func (s *shareScreen) setStatus(msg string) {
	s.status.SetText(msg)
	if s.undo != nil {
		s.clearUndo()
	}
}

// --- actions ---

// onSaveNote stores the note through Seek's queue of the reader's writes
// (after the writes queued before it, never on the UI goroutine); Save
// note is off until it is written.
func (s *shareScreen) onSaveNote() {
	if !s.hasCur || s.savingNote {
		return
	}
	id, body, st := s.cur.ItemID, s.noteText(), s.store
	s.savingNote = true
	s.saveNoteBtn.Disable()
	s.setStatus("Saving the note…")
	s.app.seek.queueWrite(func(ctx context.Context) error { return st.SetNote(ctx, id, body) }, func(err error) {
		s.savingNote = false
		s.saveNoteBtn.Enable()
		if err != nil {
			s.setStatus("")
			s.app.showError(err)
			return
		}
		s.app.seek.syncNote(id, body)
		if s.hasCur && s.cur.ItemID == id {
			s.item.Note = body
		}
		if body == "" {
			s.setStatus("Note removed.")
		} else {
			s.setStatus("Note saved.")
		}
	})
}
