// Package service is Knowflow's one service layer: the window and the
// command line both call it for every use case, so they do the same
// thing. It owns the store, the feed service, the engine's glue, the
// clock and the app's lifetime: one context from start to Close, and
// every background job it runs (Go) tracked, so that Close cancels them,
// waits for the last one and only then closes the store.
package service

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"time"

	"github.com/knowflow/knowflow/feeds"
	"github.com/knowflow/knowflow/model/store"
)

// ErrClosed is returned by use cases started after Close.
var ErrClosed = errors.New("service: closed")

// Options tune a service.
type Options struct {
	// Now is the clock; nil means the wall clock. Tests fix it.
	Now func() time.Time
}

// Service runs Knowflow's use cases on one store. Its methods are safe
// for concurrent use.
type Service struct {
	feeds.Backend // the store's own methods and Seek's operations

	now    func() time.Time
	ctx    context.Context // the app's lifetime
	cancel context.CancelFunc

	mu      sync.Mutex
	closing bool
	jobs    sync.WaitGroup
	closed  chan struct{}
	err     error // Close's result

	prune pruneState // the background prune (prune.go)
}

// Open opens (and migrates) the database at path and returns a service on
// it; Close closes it.
func Open(path string, o Options) (*Service, error) {
	st, err := store.Open(path)
	if err != nil {
		return nil, err
	}
	return New(st, o), nil
}

// New returns a service on st, which it owns from now on: Close closes
// it.
func New(st *store.Store, o Options) *Service {
	s := &Service{Backend: feeds.NewBackend(st), now: o.Now, closed: make(chan struct{})}
	if s.now == nil {
		s.now = time.Now
	}
	s.Backend.Service.Now = s.now
	st.SetClock(s.now) // items are marked read at the service's time
	s.ctx, s.cancel = context.WithCancel(context.Background())
	return s
}

// Now is the time by the service's clock.
func (s *Service) Now() time.Time { return s.now() }

// Context is the app's lifetime: cancelled when Close starts.
func (s *Service) Context() context.Context { return s.ctx }

// Go runs job on a goroutine of its own with the lifetime context, and
// tracks it: Close cancels that context and waits for job to return. A job
// should return soon after its context ends. Go reports false, and runs
// nothing, once Close has started.
func (s *Service) Go(job func(ctx context.Context)) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.closing {
		return false
	}
	s.jobs.Add(1)
	go func() {
		defer s.jobs.Done()
		job(s.ctx)
	}()
	return true
}

// Close ends the app's lifetime: it cancels the lifetime context, waits
// for every job Go started, then closes the store. It is safe to call more
// than once and from several goroutines; every call returns when the
// store is closed, with the same result.
func (s *Service) Close() error {
	s.mu.Lock()
	first := !s.closing
	s.closing = true
	s.mu.Unlock()
	if !first {
		<-s.closed
		return s.err
	}
	s.cancel()
	s.jobs.Wait()
	if err := s.Store.Close(); err != nil {
		s.err = fmt.Errorf("service: close: %w", err)
	}
	close(s.closed)
	return s.err
}

// begin derives a use case's context from ctx and the lifetime: it ends
// when either does.
func (s *Service) begin(ctx context.Context) (context.Context, context.CancelFunc, error) {
	if err := s.ctx.Err(); err != nil {
		return nil, nil, ErrClosed
	}
	ctx, cancel := context.WithCancel(ctx)
	stop := context.AfterFunc(s.ctx, cancel)
	return ctx, func() { stop(); cancel() }, nil
}
