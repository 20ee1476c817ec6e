package ui

import (
	"sync"
	"testing"
	"time"
)

// loopRunner is the tests' runner (Options.run). Work runs on goroutines,
// or, while held, waits for the test to run it; what work hands back to
// the UI goroutine, and the timers, wait for the test to run them on its
// own goroutine, which is the UI goroutine of fyne's test driver. So a
// test decides the order of everything, and time never matters: a
// timer's delay is only recorded.
type loopRunner struct {
	mu      sync.Mutex
	hold    bool     // work is queued in held instead of started
	held    []func() // work waiting for runHeld or release
	calls   []func() // for the UI goroutine
	timers  []func() // set by after, not fired yet
	delays  []time.Duration
	running int // work on goroutines, not ended
	wake    chan struct{}
	wg      sync.WaitGroup
}

func newLoopRunner() *loopRunner { return &loopRunner{wake: make(chan struct{}, 1)} }

func (r *loopRunner) work(f func()) {
	r.mu.Lock()
	if r.hold {
		r.held = append(r.held, f)
		r.mu.Unlock()
		return
	}
	r.running++
	r.wg.Add(1)
	r.mu.Unlock()
	go func() {
		defer r.wg.Done()
		f()
		r.mu.Lock()
		r.running--
		r.mu.Unlock()
		r.signal()
	}()
}

func (r *loopRunner) ui(f func()) {
	r.mu.Lock()
	r.calls = append(r.calls, f)
	r.mu.Unlock()
	r.signal()
}

func (r *loopRunner) after(d time.Duration, f func()) {
	r.mu.Lock()
	r.timers = append(r.timers, f)
	r.delays = append(r.delays, d)
	r.mu.Unlock()
}

func (r *loopRunner) signal() {
	select {
	case r.wake <- struct{}{}:
	default:
	}
}

// setHold holds work from now on (true) or starts it again (false; what
// was held stays held until runHeld or release).
func (r *loopRunner) setHold(hold bool) {
	r.mu.Lock()
	r.hold = hold
	r.mu.Unlock()
}

// heldWork is how much work waits.
func (r *loopRunner) heldWork() int {
	r.mu.Lock()
	defer r.mu.Unlock()
	return len(r.held)
}

// runHeld runs the i-th held work on the calling goroutine and forgets it.
func (r *loopRunner) runHeld(i int) {
	r.mu.Lock()
	f := r.held[i]
	r.held = append(r.held[:i:i], r.held[i+1:]...)
	r.mu.Unlock()
	f()
}

// runAllHeld runs the held work, in the order it was asked for, until none
// is held (what it queues for the UI goroutine waits).
func (r *loopRunner) runAllHeld() {
	for r.heldWork() > 0 {
		r.runHeld(0)
	}
}

// pendingTimers is how many timers wait to fire.
func (r *loopRunner) pendingTimers() int {
	r.mu.Lock()
	defer r.mu.Unlock()
	return len(r.timers)
}

// fire runs the timers set so far, in the order they were set.
func (r *loopRunner) fire() {
	r.mu.Lock()
	ts := r.timers
	r.timers = nil
	r.mu.Unlock()
	for _, f := range ts {
		f()
	}
}

// runCalls runs what waits for the UI goroutine, and what that queues,
// until nothing does; it reports how many ran.
func (r *loopRunner) runCalls() int {
	n := 0
	for {
		r.mu.Lock()
		if len(r.calls) == 0 {
			r.mu.Unlock()
			return n
		}
		f := r.calls[0]
		r.calls = r.calls[1:]
		r.mu.Unlock()
		f()
		n++
	}
}

// runCall runs the i-th of the calls waiting for the UI goroutine (not
// what it queues) and forgets it.
func (r *loopRunner) runCall(i int) {
	r.mu.Lock()
	f := r.calls[i]
	r.calls = append(r.calls[:i:i], r.calls[i+1:]...)
	r.mu.Unlock()
	f()
}

// waitingCalls is how many calls wait for the UI goroutine.
func (r *loopRunner) waitingCalls() int {
	r.mu.Lock()
	defer r.mu.Unlock()
	return len(r.calls)
}

// settle runs everything but held work until nothing is left: the UI
// calls, the work on goroutines (waiting for it to end), the timers. It
// fails the test if that takes more than a minute.
func (r *loopRunner) settle(t *testing.T) {
	t.Helper()
	deadline := time.After(time.Minute)
	for {
		r.runCalls()
		r.mu.Lock()
		running, timers := r.running, len(r.timers)
		r.mu.Unlock()
		switch {
		case running > 0:
			select {
			case <-r.wake:
			case <-deadline:
				t.Fatal("background work did not end within a minute")
			}
		case timers > 0:
			r.fire()
		default:
			if r.runCalls() == 0 {
				return
			}
		}
	}
}

// wait runs the work still held and waits for the work on goroutines to
// end (a test's end, before the store closes).
func (r *loopRunner) wait() {
	r.setHold(false)
	r.runAllHeld()
	r.wg.Wait()
}
