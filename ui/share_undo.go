package ui

import (
	"context"
	"time"

	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/knowflow/knowflow/model"
)

// Undo for Share's Mark shared, Not for them and Snooze: the status line
// offers it for undoFor after the action; one action's undo at a time.

// undoFor is how long the status line offers Undo.
const undoFor = 8 * time.Second

// undoFunc takes back one recorded action (on a worker).
type undoFunc func(ctx context.Context, st shareStore) error

// pendingUndo is the action the status line's Undo takes back.
type pendingUndo struct {
	x    model.Suggestion
	undo undoFunc
}

func (s *shareScreen) newUndoButton() *widget.Button {
	b := widget.NewButtonWithIcon("Undo", theme.ContentUndoIcon(), s.onUndo)
	b.Importance = widget.LowImportance
	b.Hide()
	return b
}

// offerUndo shows Undo for x's action until undoFor has passed, another
// message takes the status line, or it is used.
func (s *shareScreen) offerUndo(x model.Suggestion, undo undoFunc) {
	if undo == nil {
		return
	}
	s.undoGen++
	g := s.undoGen
	s.undo = &pendingUndo{x: x, undo: undo}
	s.undoBtn.Show()
	s.app.run.after(undoFor, func() {
		if s.undoGen == g {
			s.clearUndo()
		}
	})
}

func (s *shareScreen) clearUndo() {
	s.undoGen++
	s.undo = nil
	s.undoBtn.Hide()
}

// onUndo takes the action back on a worker; x is listed again at once
// and the suggestions computed anew.
func (s *shareScreen) onUndo() {
	p := s.undo
	if p == nil {
		return
	}
	s.writeThen("Undoing…", p.undo, func() {
		key := suggestionKey(p.x)
		delete(s.removed, key)
		listed := false
		for _, y := range s.sugs {
			listed = listed || suggestionKey(y) == key
		}
		if !listed {
			s.sugs = append(s.sugs[:len(s.sugs):len(s.sugs)], p.x) // a new slice: the old one is the App's too
			s.rebuild()
		}
		s.setStatus("Undone: “" + clipText(p.x.ItemTitle, 40) + "” for " + recipient(p.x) + " is back.")
		s.app.recomputeSuggestions()
	})
}

// writeThen says working on the status line while write runs on a
// worker, then runs then on the UI goroutine; a failed write clears the
// status and shows its error.
func (s *shareScreen) writeThen(working string, write func(context.Context, shareStore) error, then func()) {
	s.setStatus(working)
	async(s.app, s.store, nil, time.Minute, func(ctx context.Context, st shareStore) (struct{}, error) {
		return struct{}{}, write(ctx, st)
	}, func(_ struct{}, err error) {
		if err != nil {
			s.setStatus("")
			s.app.showError(err)
			return
		}
		then()
	})
}
