package cpus

import (
	"context"
	"testing"
	"time"
)

// since is the time elapsed from t0.
func since(t0 time.Time) time.Duration { return time.Since(t0) } // wall clock: elapsed time only

func now() time.Time { return time.Now() } // wall clock: elapsed time only

// A hold pauses only background work, for as long as it runs; without
// one, Step returns at once.
func TestStepPausesOnlyBackgroundWorkWhileHeld(t *testing.T) {
	defer Release()
	bg := Background(context.Background())
	if !IsBackground(bg) || IsBackground(context.Background()) {
		t.Fatal("Background does not mark the context")
	}
	done := make(chan struct{})
	go func() { Step(bg); Step(context.Background()); close(done) }()
	select {
	case <-done:
	case <-time.After(5 * time.Second):
		t.Fatal("Step waited with no hold")
	}

	const hold = 300 * time.Millisecond
	Hold(hold)
	Hold(hold / 10) // a shorter hold does not shorten it
	t0 := now()
	Step(context.Background())
	if d := since(t0); d >= hold {
		t.Errorf("work not marked background waited %v", d)
	}
	Step(bg)
	if d := since(t0); d < hold*9/10 {
		t.Errorf("background work went on after %v of a %v hold", d, hold)
	}
	if heldUntil.Load() != 0 {
		t.Errorf("the ended hold is still recorded")
	}
}

// A paused step ends when its context does (quitting), not at the
// hold's end.
func TestStepEndsWithItsContext(t *testing.T) {
	defer Release()
	Hold(time.Hour)
	ctx, cancel := context.WithCancel(Background(context.Background()))
	done := make(chan struct{})
	go func() { Step(ctx); close(done) }()
	select {
	case <-done:
		t.Fatal("Step did not pause under the hold")
	case <-time.After(50 * time.Millisecond):
	}
	cancel()
	select {
	case <-done:
	case <-time.After(5 * time.Second):
		t.Fatal("Step still paused after its context was cancelled")
	}
}
