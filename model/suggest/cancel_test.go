package suggest

import (
	"context"
	"errors"
	"reflect"
	"testing"
	"time"

	"github.com/knowflow/knowflow/model/cpus"
)

// A run whose context ends stops soon, at any point of the run, and
// returns nothing but the context's error; a run that ends first returns
// what Suggest does. 3,000 people and 20,000 items (the network-shaped
// corpus) make a run of about 2 s. The one part of a run that does not
// look (the analysis of the items' text, about 0.4 s here) is bounded by
// the items: under the race detector, which makes it four times slower,
// the run has 5,000.
func TestSuggestStopsWhenCancelled(t *testing.T) {
	if testing.Short() {
		t.Skip("a large run")
	}
	items := 20000
	if raceEnabled {
		items = 5000
	}
	in := networkInputOf(items, 3000)

	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if out, err := SuggestContext(ctx, in); out != nil || !errors.Is(err, context.Canceled) {
		t.Fatalf("cancelled before the run: %d suggestions, %v", len(out), err)
	}

	// Cancelled after these delays: wherever the run is then, it stops.
	for _, after := range []time.Duration{0, 20 * time.Millisecond, 100 * time.Millisecond, 300 * time.Millisecond, time.Second} {
		ctx, cancel := context.WithCancel(context.Background())
		type result struct {
			n   int
			err error
		}
		done := make(chan result, 1)
		go func() {
			out, err := SuggestContext(ctx, in)
			done <- result{len(out), err}
		}()
		time.Sleep(after)
		cancel()
		t0 := time.Now() // wall clock: elapsed time only (logged)
		select {
		case r := <-done:
			t.Logf("cancelled after %v: returned %v later", after, time.Since(t0)) // wall clock: elapsed time only
			switch {
			case errors.Is(r.err, context.Canceled):
				if r.n != 0 {
					t.Errorf("cancelled after %v: %d suggestions with the error", after, r.n)
				}
			case r.err != nil:
				t.Errorf("cancelled after %v: %v, want context.Canceled", after, r.err)
			default: // it ended first
				t.Logf("cancelled after %v: the run had ended", after)
			}
		case <-time.After(2 * time.Second):
			t.Fatalf("cancelled after %v: still running 2 s later", after)
		}
	}
}

// The context-aware entry points give what the plain ones do.
func TestContextVariantsAgree(t *testing.T) {
	in := benchInputOf(300, 100)
	ctx := context.Background()
	got, err := SuggestContext(ctx, in)
	if err != nil || !reflect.DeepEqual(got, Suggest(in)) {
		t.Errorf("SuggestContext differs from Suggest (%v)", err)
	}
	ranked, err := RankContext(ctx, in)
	if err != nil || !reflect.DeepEqual(ranked, Rank(in)) {
		t.Errorf("RankContext differs from Rank (%v)", err)
	}
	ideas, err := IdeasForContext(ctx, in, 1, now, 5)
	if err != nil || !reflect.DeepEqual(ideas, IdeasFor(in, 1, now, 5)) {
		t.Errorf("IdeasForContext differs from IdeasFor (%v)", err)
	}
	cctx, cancel := context.WithCancel(ctx)
	cancel()
	if _, err := RankContext(cctx, in); !errors.Is(err, context.Canceled) {
		t.Errorf("RankContext cancelled: %v", err)
	}
	if _, err := IdeasForContext(cctx, in, 1, now, 5); !errors.Is(err, context.Canceled) {
		t.Errorf("IdeasForContext cancelled: %v", err)
	}
}

// A run in the background (cpus.Background) pauses while the user acts
// (cpus.Hold) and gives what it would have; cancelled while paused, it
// stops.
func TestBackgroundRunPausesWhileHeld(t *testing.T) {
	in := benchInputOf(300, 100)
	want := Suggest(in)
	defer cpus.Release()
	const hold = 300 * time.Millisecond
	cpus.Hold(hold)
	t0 := time.Now() // wall clock: elapsed time only
	got, err := SuggestContext(cpus.Background(context.Background()), in)
	if d := time.Since(t0); d < hold*9/10 { // wall clock: elapsed time only
		t.Errorf("a background run under a %v hold ended after %v", hold, d)
	}
	if err != nil || !reflect.DeepEqual(got, want) {
		t.Errorf("the paused run gave other suggestions (%v)", err)
	}

	cpus.Hold(time.Hour)
	ctx, cancel := context.WithCancel(cpus.Background(context.Background()))
	done := make(chan error, 1)
	go func() { _, err := SuggestContext(ctx, in); done <- err }()
	time.Sleep(50 * time.Millisecond)
	cancel()
	select {
	case err := <-done:
		if !errors.Is(err, context.Canceled) {
			t.Errorf("cancelled while paused: %v", err)
		}
	case <-time.After(5 * time.Second):
		t.Fatal("a run cancelled while paused did not stop")
	}
}
