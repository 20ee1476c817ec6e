package ui

import (
	"bytes"
	"context"
	"strings"
	"sync"
	"testing"
	"time"
)

// The meter sees a UI goroutine that is slow to run what is posted to it,
// writes each long wait and a summary, and stops with its context.
func TestStallMeter(t *testing.T) {
	var mu sync.Mutex
	var log bytes.Buffer
	probes := 0
	ctx, cancel := context.WithCancel(context.Background())
	m := &StallMeter{Every: time.Millisecond, Report: 70 * time.Millisecond, Log: lockedWriter{&mu, &log}}
	m.Post = func(f func()) {
		probes++
		delay := time.Duration(0)
		if probes == 3 {
			delay = 80 * time.Millisecond // one busy frame
		}
		if probes == 6 {
			cancel()
		}
		go func() { time.Sleep(delay); f() }()
	}
	done := make(chan struct{})
	go func() { m.Run(ctx); close(done) }()
	<-done
	n, worst, p99 := m.Stats()
	if n < 5 || worst < 80*time.Millisecond || p99 > worst {
		t.Errorf("%d probes, worst %v, p99 %v; want at least 5 probes and the 80 ms one", n, worst, p99)
	}
	mu.Lock()
	defer mu.Unlock()
	out := log.String()
	if !strings.Contains(out, "stall 8") && !strings.Contains(out, "stall 9") || !strings.Contains(out, "stalls: ") {
		t.Errorf("log:\n%s\nwant the 80 ms stall and the summary", out)
	}
}

// Waits in the window's start-up are written apart and left out of the
// Stats; the first wait after it counts.
func TestStallMeterKeepsStartUpApart(t *testing.T) {
	var mu sync.Mutex
	var log bytes.Buffer
	probes := 0
	ctx, cancel := context.WithCancel(context.Background())
	m := &StallMeter{Every: time.Millisecond, Report: 70 * time.Millisecond, StartUp: 500 * time.Millisecond, Log: lockedWriter{&mu, &log}}
	m.Post = func(f func()) {
		probes++
		delay := time.Duration(0)
		switch probes {
		case 1:
			delay = 600 * time.Millisecond // the first frames: ends after StartUp
		case 2:
			delay = 80 * time.Millisecond // the first probe after StartUp
		case 4:
			cancel()
		}
		go func() { time.Sleep(delay); f() }()
	}
	m.Run(ctx)
	n, worst, _ := m.Stats()
	if n < 2 || worst < 80*time.Millisecond || worst >= 600*time.Millisecond {
		t.Errorf("%d probes, worst %v; want the 80 ms wait and not the start-up one", n, worst)
	}
	mu.Lock()
	defer mu.Unlock()
	out := log.String()
	if !strings.Contains(out, "start-up stall 6") || !strings.Contains(out, "; start-up worst 6") {
		t.Errorf("log:\n%s\nwant the 600 ms start-up stall written apart", out)
	}
}

type lockedWriter struct {
	mu *sync.Mutex
	b  *bytes.Buffer
}

func (w lockedWriter) Write(p []byte) (int, error) {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.b.Write(p)
}
