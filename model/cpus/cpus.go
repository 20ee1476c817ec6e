// Package cpus says how many goroutines CPU-bound work may keep busy at
// once: the suggestion engine's loops and index, the refresh's parsers,
// the search index check.
//
// The window keeps one of Go's processors (Ps) for its UI goroutine
// (KeepOneForUI). A goroutine runs only on a P; Fyne's UI goroutine is
// locked to the main thread, and when every P is busy with the engine's
// loops it waits in a run queue behind them, however the kernel weighs
// the threads: the window's workers run at a higher nice than the UI
// thread (cmd/internal/priority), but a P held by a worker thread the
// kernel is not running holds the UI goroutine too. Traced with perf's
// sched_switch under the stall run (kfbench -stall: two cores, 1,000
// feeds refreshed beside), the UI thread slept through most of waits of
// 57-84 ms while only the workers' threads (then at nice 10) ran. With a
// P kept, the run's p99 wait went from 13-23 ms (median 16) to 11-19 ms
// (median 12) over ten runs each; its worst wait, the first frame of a
// section switched to, stayed as it was (32-121 ms).
package cpus

import (
	"runtime"
	"sync/atomic"
)

// reserved is how many Ps CPU-bound loops leave alone.
var reserved atomic.Int32

// Workers is how many goroutines a CPU-bound loop should run: one per
// processor, less the one the window keeps for its UI goroutine; at
// least one.
func Workers() int {
	return max(runtime.GOMAXPROCS(0)-int(reserved.Load()), 1)
}

// KeepOneForUI gives the process one P more than it had and keeps it
// out of Workers, so that loops sized by Workers leave the UI goroutine
// a P. Called once, by the window, before any work starts; a second call
// changes nothing.
//
// Three more Ps (so that the window's other busy goroutines, learning
// and Flow's input, would leave one idle to take the UI goroutine) was
// worse: over six stall runs the worst waits were 29-486 ms against
// 47-74 ms with one, and a search step took 29 s.
func KeepOneForUI() {
	if reserved.CompareAndSwap(0, 1) {
		runtime.GOMAXPROCS(runtime.GOMAXPROCS(0) + 1)
	}
}
