package ui

import (
	"context"
	"fmt"
	"strings"

	"github.com/knowflow/knowflow/model"
)

// Seek's writes: the read and starred flags, notes and Mark all read,
// shown at once and queued (worker.go's writeQueue), put back when one
// fails.

// setFlag shows item it's read (or starred) flag as v everywhere at once
// and queues the write. A write that fails puts the flag back, unless a
// later one for it is queued, and says why.
func (s *seekScreen) setFlag(it model.Item, starred, v bool) {
	s.showFlag(it.ID, it.SourceID, starred, v)
	k := flagKey{it.ID, starred}
	s.flagSeq++
	seq, st := s.flagSeq, s.store
	s.pending[k] = flagWrite{v, seq}
	s.queueWrite(func(ctx context.Context) error {
		if starred {
			return st.SetStarred(ctx, it.ID, v)
		}
		return st.SetRead(ctx, it.ID, v)
	}, func(err error) {
		last := s.pending[k].seq == seq
		if last {
			delete(s.pending, k)
		}
		if err != nil {
			if last {
				s.showFlag(it.ID, it.SourceID, starred, !v)
			}
			s.app.showError(err)
		}
	})
}

// queueWrite queues a write of the reader; once the last queued write is
// done, the tree is read again if it was read while they waited (its
// unread counts would miss them).
func (s *seekScreen) queueWrite(write func(context.Context) error, done func(error)) {
	s.queued++
	s.writing++
	s.writes.push(write, func(err error) {
		s.writing--
		done(err)
		s.writesDone()
	})
}

// writesDone reads the tree again if it is stale and no write waits.
func (s *seekScreen) writesDone() {
	if s.writing == 0 && s.treeStale {
		s.treeStale = false
		s.reloadTree()
	}
}

// showFlag sets an item's flag in the list, the item view and (for read)
// its source's unread count.
func (s *seekScreen) showFlag(id, sourceID int64, starred, v bool) {
	changed := false
	for i := range s.items {
		if s.items[i].ID != id {
			continue
		}
		f := &s.items[i].Read
		if starred {
			f = &s.items[i].Starred
		}
		if *f != v {
			*f, changed = v, true
			s.refreshRow(i)
		}
	}
	if s.hasCurrent && s.current.ID == id {
		f := &s.current.Read
		if starred {
			f = &s.current.Starred
		}
		changed = changed || *f != v
		*f = v
		s.updateItemButtons()
	}
	if changed && !starred {
		if v {
			s.adjustUnread(sourceID, -1)
		} else {
			s.adjustUnread(sourceID, +1)
		}
	}
}

func (s *seekScreen) adjustUnread(sourceID int64, delta int) {
	if src, ok := s.sources[sourceID]; ok {
		src.Unread += delta
		s.sources[sourceID] = src
		s.tree.Refresh()
	}
}

func (s *seekScreen) onStar() {
	if s.hasCurrent {
		s.setFlag(s.current, true, !s.current.Starred)
	}
}

func (s *seekScreen) onToggleRead() {
	if s.hasCurrent {
		s.setFlag(s.current, false, !s.current.Read)
	}
}

// onSaveNote stores the note after the writes queued before it.
func (s *seekScreen) onSaveNote() {
	if !s.hasCurrent {
		return
	}
	id, body, was, st := s.current.ID, strings.TrimSpace(s.note.Text), s.current.Note, s.store
	s.current.Note = body
	s.syncNote(id, body)
	s.updateNoteButton()
	s.queueWrite(func(ctx context.Context) error { return st.SetNote(ctx, id, body) }, func(err error) {
		if err != nil {
			s.syncNote(id, was)
			if s.hasCurrent && s.current.ID == id {
				s.current.Note = was
				s.updateNoteButton()
			}
			s.app.showError(err)
			return
		}
		s.app.recomputeSuggestions() // a note can make a thank-you due
	})
}

// syncNote copies a note into the list's copy of its item.
func (s *seekScreen) syncNote(id int64, body string) {
	for i := range s.items {
		if s.items[i].ID == id {
			s.items[i].Note = body
		}
	}
}

// onMarkAllRead marks every unread item of the listing on screen (the
// selected source, folder or view, and the search) read.
func (s *seekScreen) onMarkAllRead() {
	f, st := s.shown, s.store
	var n int64
	s.queueWrite(func(ctx context.Context) (err error) {
		n, err = st.MarkAllRead(ctx, f)
		return err
	}, func(err error) {
		if err != nil {
			s.app.showError(err)
			return
		}
		s.status.SetText(fmt.Sprintf("Marked %s read.", plural(int(n), "item", "items")))
		if n == 0 {
			return
		}
		if s.hasCurrent {
			s.current.Read = true
			s.updateItemButtons()
		}
		s.reloadTree()
		s.reloadItems()
		s.app.recomputeSuggestions() // only unread or starred items are suggested
	})
}
