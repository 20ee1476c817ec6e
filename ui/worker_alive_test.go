package ui

import (
	"context"
	"testing"
)

// ctxLifetime is a lifetime whose context the test ends.
type ctxLifetime struct{ ctx context.Context }

func (l ctxLifetime) Go(job func(ctx context.Context)) bool { go job(l.ctx); return l.ctx.Err() == nil }
func (l ctxLifetime) Context() context.Context              { return l.ctx }

// Once the app's lifetime has ended, what workers hand to the UI
// goroutine is dropped: after the window's loop, fyne.Do would run it at
// once on the worker, beside others.
func TestWhileAliveDropsWorkAfterQuitting(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	l := ctxLifetime{ctx}
	ran := 0
	f := whileAlive(l, func() { ran++ })
	f()
	if ran != 1 {
		t.Fatalf("ran %d times while the app lives, want 1", ran)
	}
	cancel()
	f()
	if ran != 1 {
		t.Errorf("ran after the lifetime ended")
	}
}
