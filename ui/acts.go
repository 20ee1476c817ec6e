package ui

import (
	"time"

	"github.com/knowflow/knowflow/model/cpus"
)

// actHold is how long the window's background work (a suggestion run and
// its learning) steps aside after each thing the user does: a key, a
// selection, a search typed, a section switched to. Long enough to span
// the next keys of j/k held down and the frames an action starts (a
// listing, a body, a section's first frame); short enough that the work
// goes on as soon as the user reads.
const actHold = 400 * time.Millisecond

// userActs is called by the handlers of what the user does: background
// loops pause for u.hold (cpus.Hold), so that the UI goroutine finds a
// free processor for the frames that follow (model/cpus/yield.go says
// why).
func (u *App) userActs() {
	if u.hold > 0 {
		cpus.Hold(u.hold)
	}
}
