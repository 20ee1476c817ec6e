package service

import (
	"context"
	"fmt"
	"sync"
	"time"

	"github.com/knowflow/knowflow/feeds"
	"github.com/knowflow/knowflow/model/store"
)

// PruneEvery is how often the background prune runs at most: after the
// first refresh, then after the first refresh a day later, and so on.
const PruneEvery = 24 * time.Hour

// PruneOptions say what Prune prunes.
type PruneOptions struct {
	// OlderThan, when positive, prunes read items older than this instead
	// of what the "Keep read items for" preference says.
	OlderThan time.Duration
	// DryRun counts what would go and changes nothing.
	DryRun bool
	// Pause is the wait between two transactions (store.PruneOptions.Pause).
	Pause time.Duration
}

// PruneResult is what Prune did.
type PruneResult struct {
	store.PruneStats
	// Forever is true when the preference keeps read items forever and no
	// OlderThan was given: nothing was pruned.
	Forever bool      `json:"forever"`
	Cutoff  time.Time `json:"cutoff"` // read items older than this were pruned
}

// pruneState is the background prune's: when it last ran and whether it
// runs now.
type pruneState struct {
	mu      sync.Mutex
	running bool
	last    time.Time // by the service's clock; zero: not since start
	result  PruneResult
	err     error
	jobs    sync.WaitGroup // the running prune (tests wait for it)
}

// Prune deletes the read items older than the "Keep read items for"
// preference (or o.OlderThan) at the service's clock, keeping starred,
// noted and shared ones, in short transactions, then gives the space back
// (store.PruneRead). Cancelled, it stops between two transactions with
// what it pruned so far kept.
func (s *Service) Prune(ctx context.Context, o PruneOptions) (PruneResult, error) {
	var res PruneResult
	ctx, done, err := s.begin(ctx)
	if err != nil {
		return res, err
	}
	defer done()
	now := s.now()
	if o.OlderThan > 0 {
		res.Cutoff = now.Add(-o.OlderThan)
	} else {
		p, err := s.Prefs(ctx)
		if err != nil {
			return res, err
		}
		var ok bool
		if res.Cutoff, ok = p.ReadCutoff(now); !ok {
			res.Forever = true
			sp, err := s.Space(ctx)
			res.SizeBefore, res.SizeAfter, res.FreeAfter, res.Incremental = sp.Size, sp.Size, sp.Free, sp.Incremental
			return res, err
		}
	}
	res.PruneStats, err = s.PruneRead(ctx, store.PruneOptions{Before: res.Cutoff, Now: now, DryRun: o.DryRun, Pause: o.Pause})
	if err != nil {
		return res, fmt.Errorf("service: prune: %w", err)
	}
	return res, nil
}

// Refresh refreshes the sources that are due (feeds.Service.Refresh) and
// then prunes as the preference says in the background (Go), at most once
// every PruneEvery: the window's
// scheduler refreshes through here. The command line's refresh does not
// prune (knowflow prune does).
func (s *Service) Refresh(ctx context.Context, opts feeds.RefreshOptions) (feeds.RefreshSummary, error) {
	sum, err := s.Backend.Refresh(ctx, opts)
	if err == nil {
		s.pruneInBackground()
	}
	return sum, err
}

// pruneInBackground starts the background prune unless it runs already or
// ran less than PruneEvery ago.
func (s *Service) pruneInBackground() {
	ps := &s.prune
	ps.mu.Lock()
	defer ps.mu.Unlock()
	now := s.now()
	if ps.running || (!ps.last.IsZero() && now.Sub(ps.last) < PruneEvery) {
		return
	}
	ps.jobs.Add(1)
	ps.running = s.Go(func(ctx context.Context) {
		defer ps.jobs.Done()
		res, err := s.Prune(ctx, PruneOptions{})
		ps.mu.Lock()
		defer ps.mu.Unlock()
		ps.running = false
		ps.result, ps.err = res, err
		if err == nil && !res.Forever {
			// Kept forever: the first refresh after the preference
			// changes prunes.
			ps.last = now
		}
	})
	if !ps.running {
		ps.jobs.Done() // closing: not started
	}
}

// LastPrune is what the last background prune did, and when it started
// (zero when none has finished pruning since the service started).
func (s *Service) LastPrune() (at time.Time, res PruneResult, err error) {
	s.prune.mu.Lock()
	defer s.prune.mu.Unlock()
	return s.prune.last, s.prune.result, s.prune.err
}
