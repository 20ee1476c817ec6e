package cpus

import (
	"context"
	"sync/atomic"
	"time"
)

// Background work steps aside while the user acts.
//
// Why: a P held by a background goroutine holds the UI goroutine too,
// whatever the kernel's priorities (see the package comment). Traced with
// sched_switch under the stall run, after the reader's own costs were
// gone: in a 117 ms wait the UI thread ran 8 ms; it slept 62 ms in
// exitsyscallNoP (back from a GL call, every P taken by the engine, the
// learning and the sqlite reads of a suggestion run started by the
// refresh beside) and 33 ms parked, ready but queued behind them. Go's
// scheduler takes a goroutine from the global run queue only when a P's
// own queue is empty or once in 61 turns, and the threads holding the Ps
// run at nice 19. So the window marks its background jobs (Background),
// their loops call Step between steps, and each user action (a key, a
// selection, a section switched to) holds them for a moment (Hold): the
// paused goroutines sleep, the Ps are idle, and the UI goroutine takes
// one at once. Work the user waits for (a listing, a search, Ideas…)
// runs on contexts not marked, and never pauses.

// heldUntil is when the hold ends, in Unix nanoseconds; 0: none.
var heldUntil atomic.Int64

// Hold pauses background loops (Step on a Background context) until d
// from now, or later if a hold already runs longer.
func Hold(d time.Duration) {
	until := time.Now().Add(d).UnixNano()
	for {
		cur := heldUntil.Load()
		if cur >= until || heldUntil.CompareAndSwap(cur, until) {
			return
		}
	}
}

type backgroundKey struct{}

// Background marks ctx's work as background: Step pauses it while a Hold
// runs.
func Background(ctx context.Context) context.Context {
	return context.WithValue(ctx, backgroundKey{}, true)
}

// IsBackground says whether ctx is marked by Background.
func IsBackground(ctx context.Context) bool { return ctx.Value(backgroundKey{}) != nil }

// Step is what a background loop calls between steps of about a
// millisecond or less: it returns at once unless a hold runs and ctx is
// marked Background; then it sleeps until the hold ends or ctx is done.
// With no hold it costs one atomic load.
func Step(ctx context.Context) {
	if heldUntil.Load() == 0 || !IsBackground(ctx) {
		return
	}
	for {
		until := heldUntil.Load()
		d := time.Until(time.Unix(0, until))
		if until == 0 || d <= 0 {
			heldUntil.CompareAndSwap(until, 0)
			return
		}
		t := time.NewTimer(d)
		select {
		case <-ctx.Done():
			t.Stop()
			return
		case <-t.C:
		}
	}
}

// Release ends any hold at once.
func Release() { heldUntil.Store(0) }

// Held says whether a hold runs now.
func Held() bool { return heldUntil.Load() > time.Now().UnixNano() }
