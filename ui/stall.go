package ui

import (
	"context"
	"fmt"
	"io"
	"runtime"
	"slices"
	"sync"
	"time"

	"fyne.io/fyne/v2"
)

// The stall meter: a watchdog that posts a no-op to the UI goroutine
// (fyne.Do) every 20 ms and records how long it waited to run. A wait is
// a frame the window could not draw: the UI goroutine was busy with
// something it should have handed to a worker.

const (
	stallEvery  = 20 * time.Millisecond // how often the watchdog probes
	stallReport = 50 * time.Millisecond // waits over this are written to the log
	stallDump   = time.Second           // a wait this long also writes every goroutine's stack
)

// StallMeter measures how long the UI goroutine takes to run a posted
// no-op. Its methods are safe for concurrent use.
type StallMeter struct {
	// Every is the time between probes; Report the least wait written to
	// Log (one line each); 0 means stallEvery and stallReport.
	Every, Report time.Duration
	Log           io.Writer // may be nil
	// Post runs f on the UI goroutine; nil means fyne.Do (tests set it).
	Post func(f func())
	// StartUp is the window's start: waits of probes posted this soon
	// after Run began are written as start-up stalls and kept apart from
	// the Stats: the first frames on screen (GL shaders compiled, every
	// text drawn for the first time, the first listing laid out) are the
	// window coming up, and kfbench -stall prints their worst apart.
	StartUp time.Duration

	mu         sync.Mutex
	waits      []time.Duration
	startWorst time.Duration
	done       chan struct{}
}

// Run probes until ctx ends, then writes a summary line to Log.
func (m *StallMeter) Run(ctx context.Context) {
	every, post := m.Every, m.Post
	if every <= 0 {
		every = stallEvery
	}
	if post == nil {
		post = fyne.Do
	}
	began := time.Now()
	tick := time.NewTicker(every)
	defer tick.Stop()
	ran := make(chan struct{}, 1)
	for {
		select {
		case <-ctx.Done():
			m.summary()
			return
		case <-tick.C:
		}
		start := time.Now()
		starting := start.Sub(began) < m.StartUp
		post(func() { ran <- struct{}{} })
		dump := time.NewTimer(stallDump)
	wait:
		for {
			select {
			case <-ran:
				break wait
			case <-dump.C:
				m.dump() // what the UI goroutine is doing while it keeps us waiting
			case <-ctx.Done(): // the UI goroutine is gone or stuck: count what it waited
				dump.Stop()
				m.record(time.Since(start), starting)
				m.summary()
				return
			}
		}
		dump.Stop()
		m.record(time.Since(start), starting)
	}
}

func (m *StallMeter) record(d time.Duration, starting bool) {
	report := m.Report
	if report <= 0 {
		report = stallReport
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	what := "stall"
	if starting {
		what = "start-up stall"
		m.startWorst = max(m.startWorst, d)
	} else {
		m.waits = append(m.waits, d)
	}
	if d > report && m.Log != nil {
		fmt.Fprintf(m.Log, "%s %d ms at %s\n", what, d.Milliseconds(), time.Now().UTC().Format("15:04:05.000"))
	}
}

// Stats are the waits measured so far, after StartUp: how many, the
// worst and the 99th percentile.
func (m *StallMeter) Stats() (n int, worst, p99 time.Duration) {
	m.mu.Lock()
	w := slices.Clone(m.waits)
	m.mu.Unlock()
	if len(w) == 0 {
		return 0, 0, 0
	}
	slices.Sort(w)
	return len(w), w[len(w)-1], w[(len(w)-1)*99/100]
}

// dump writes every goroutine's stack to Log: the UI goroutine's shows
// what keeps it busy.
func (m *StallMeter) dump() {
	if m.Log == nil {
		return
	}
	buf := make([]byte, 1<<20)
	buf = buf[:runtime.Stack(buf, true)]
	m.mu.Lock()
	defer m.mu.Unlock()
	fmt.Fprintf(m.Log, "stacks after a wait of %v:\n%s\n", stallDump, buf)
}

func (m *StallMeter) summary() {
	n, worst, p99 := m.Stats()
	if m.Log != nil {
		m.mu.Lock()
		start := m.startWorst
		m.mu.Unlock()
		fmt.Fprintf(m.Log, "stalls: %d probes, worst %d ms, p99 %d ms; start-up worst %d ms\n", n, worst.Milliseconds(), p99.Milliseconds(), start.Milliseconds())
	}
}
