package ui

import (
	"net/url"
	"strings"
	"time"

	"fyne.io/fyne/v2/widget"

	"github.com/knowflow/knowflow/feeds/sanitize"
	"github.com/knowflow/knowflow/model"
)

// --- item view ---

// Seek's item view: the item picked in the list, its body, its buttons
// and note.

func (s *seekScreen) showItem(it *model.Item) {
	if it == nil {
		s.hasCurrent = false
		s.title.SetText("No item selected")
		s.meta.SetText("Pick an item on the left, or use j and k to move through the list.")
		s.bodyGen++
		s.body.set(nil)
		s.showEnclosures(nil)
		s.openBtn.Disable()
		s.starBtn.Disable()
		s.readBtn.Disable()
		s.note.SetText("")
		s.note.Disable()
		s.noteBtn.Disable()
		s.shareHint.SetText("")
		return
	}
	s.current, s.hasCurrent = *it, true
	s.note.Enable()
	s.note.SetText(it.Note)
	s.updateNoteButton()
	s.updateShareHint()
	s.title.SetText(it.Title)
	s.meta.SetText(itemMeta(*it))
	s.showEnclosures(it.Enclosures)
	s.showBody(it.ContentHTML)
	s.bodyScroll.ScrollToTop()
	if sanitize.SafeURL(it.Link) {
		s.openBtn.Enable()
	} else {
		s.openBtn.Disable()
	}
	s.starBtn.Enable()
	s.readBtn.Enable()
	s.updateItemButtons()
}

// bodyDelay is how long j and k must pause before the body is shown: the
// body's first screenful is the costliest layout of a move, and walking
// the list lays out none of the items passed.
const bodyDelay = 120 * time.Millisecond

// showBody parses an item's HTML into blocks of rich text on a worker,
// once the moves through the list pause for bodyDelay, then shows them a
// screenful per turn of the UI goroutine (itembody.go). Only the body
// asked for last is shown.
func (s *seekScreen) showBody(html string) {
	s.bodyGen++
	gen, open := s.bodyGen, s.openURL
	s.body.newImage = s.newBodyImage
	s.body.set(nil)
	s.run.after(bodyDelay, func() {
		if gen != s.bodyGen {
			return // another item meanwhile
		}
		s.run.work(func() {
			chunks := bodyChunks(bodyBlocks(htmlSegments(html, open)))
			s.run.ui(func() { s.bodyLoaded(gen, chunks) })
		})
	})
}

// bodyLoaded shows the first of chunks, then the rest a frame apart
// (bodyFrame), while body gen is still the one asked.
func (s *seekScreen) bodyLoaded(gen int, chunks [][][]widget.RichTextSegment) {
	if gen != s.bodyGen || len(chunks) == 0 {
		return
	}
	s.body.add(chunks[0])
	if rest := chunks[1:]; len(rest) > 0 {
		s.run.after(bodyFrame, func() { s.bodyLoaded(gen, rest) })
	}
}

func (s *seekScreen) updateItemButtons() {
	if s.current.Starred {
		s.starBtn.SetText("Unstar")
	} else {
		s.starBtn.SetText("Star")
	}
	if s.current.Read {
		s.readBtn.SetText("Mark unread")
	} else {
		s.readBtn.SetText("Mark read")
	}
}

// openURL opens a link in the browser, but only http, https and mailto.
func (s *seekScreen) openURL(u *url.URL) {
	if u == nil || !sanitize.SafeURL(u.String()) {
		return
	}
	s.app.openLink(u, "", nil) // open.go: checked on a worker, failure said
}

func (s *seekScreen) onOpen() {
	if !s.hasCurrent {
		return
	}
	if u, err := url.Parse(s.current.Link); err == nil {
		s.openURL(u)
	}
}

// updateNoteButton offers to save only a changed note.
func (s *seekScreen) updateNoteButton() {
	if s.hasCurrent && strings.TrimSpace(s.note.Text) != strings.TrimSpace(s.current.Note) {
		s.noteBtn.Enable()
	} else {
		s.noteBtn.Disable()
	}
}

// updateShareHint says who the current item is suggested for, from the
// suggestions the Share section shows.
func (s *seekScreen) updateShareHint() {
	if !s.hasCurrent {
		return
	}
	var who []string
	for _, sg := range s.app.suggestions {
		if sg.ItemID != s.current.ID {
			continue
		}
		name := recipientName(sg)
		if sg.Kind == model.KindThank {
			name = "thank " + name
		}
		who = append(who, name)
	}
	if len(who) == 0 {
		s.shareHint.SetText("")
		return
	}
	s.shareHint.SetText("Suggested for " + strings.Join(who, ", ") + " (see Share)")
}
