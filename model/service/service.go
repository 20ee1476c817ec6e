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
	"log"
	"runtime"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/knowflow/knowflow/feeds"
	"github.com/knowflow/knowflow/feeds/greader"
	"github.com/knowflow/knowflow/model/carddav"
	"github.com/knowflow/knowflow/model/secrets"
	"github.com/knowflow/knowflow/model/store"
)

// ErrClosed is returned by use cases started after Close.
var ErrClosed = errors.New("service: closed")

// Options tune a service.
type Options struct {
	// Now is the clock; nil means the wall clock. Tests fix it.
	Now func() time.Time
	// CloseWait bounds how long Close waits for the jobs Go started once
	// it has cancelled them; 0 means as long as they run. The window
	// waits 1.5 s: a job still running then is logged, and the store is
	// closed under it (SQLite rolls its transaction back).
	CloseWait time.Duration
	// Logf logs what Close found still running; nil means log.Printf.
	Logf func(format string, args ...any)
}

// Service runs Knowflow's use cases on one store. Its methods are safe
// for concurrent use.
type Service struct {
	feeds.Backend // the store's own methods and Seek's operations

	now       func() time.Time
	ctx       context.Context // the app's lifetime
	cancel    context.CancelFunc
	closeWait time.Duration
	logf      func(format string, args ...any)

	mu      sync.Mutex
	closing bool
	jobs    sync.WaitGroup
	running map[int]*job // the jobs Go started that have not returned
	nextJob int
	closed  chan struct{}
	err     error // Close's result

	prune pruneState // the background prune (prune.go)

	// The accounts' syncers (accounts.go), for a refresh and for
	// SyncAccounts; syncMu lets one sync of the accounts run at a time.
	feedSync    *greader.Syncer
	contactSync *carddav.Syncer
	syncMu      sync.Mutex
	// sec keeps the accounts' secrets for both syncers and the account
	// use cases: the keyring, else the file beside the database.
	sec secrets.Secrets
}

// job is one running job: where Go was called from, for Close's log.
type job struct {
	pcs   [4]uintptr
	start time.Time
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
	s := &Service{Backend: feeds.NewBackend(st), now: o.Now, closeWait: o.CloseWait, logf: o.Logf,
		running: map[int]*job{}, closed: make(chan struct{})}
	if s.now == nil {
		s.now = time.Now
	}
	if s.logf == nil {
		s.logf = log.Printf
	}
	s.Backend.Service.Now = s.now
	st.SetClock(s.now) // items are marked read at the service's time
	// A refresh syncs the feed server accounts (feeds/greader), then the
	// address books (model/carddav).
	s.sec = secrets.For(st.Path())
	s.feedSync = greader.NewSyncer(st)
	s.feedSync.Now, s.feedSync.Secrets = s.now, s.sec
	s.contactSync = carddav.NewSyncer(st)
	s.contactSync.Now, s.contactSync.Secrets = s.now, s.sec
	s.Backend.Service.Sync = func(ctx context.Context) (int, []feeds.SourceError) {
		s.syncMu.Lock()
		defer s.syncMu.Unlock()
		n, errs := s.feedSync.ForRefresh(ctx)
		results, _ := s.contactSync.SyncAll(ctx, 0)
		for _, r := range results {
			if r.Error != "" {
				errs = append(errs, feeds.SourceError{ID: r.Account, Title: fmt.Sprintf("account %d (contacts)", r.Account), Error: r.Error, Detail: r.Error})
			}
		}
		return n, errs
	}
	s.ctx, s.cancel = context.WithCancel(context.Background())
	return s
}

// Now is the time by the service's clock.
func (s *Service) Now() time.Time { return s.now() }

// Context is the app's lifetime: cancelled by Cancel, or when Close
// starts.
func (s *Service) Context() context.Context { return s.ctx }

// Cancel ends the app's lifetime without waiting: the lifetime context is
// cancelled, so every job and use case under way stops soon, and Go
// starts nothing more. The store stays open until Close. The window calls
// it as soon as it is asked to quit (a signal, or Quit), before it waits
// for anything.
func (s *Service) Cancel() {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.cancel()
}

// Go runs job on a goroutine of its own with the lifetime context, and
// tracks it: Close cancels that context and waits for job to return. A job
// should return soon after its context ends. Go reports false, and runs
// nothing, once the lifetime has ended (Cancel or Close).
func (s *Service) Go(fn func(ctx context.Context)) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.closing || s.ctx.Err() != nil {
		return false
	}
	j := &job{start: time.Now()}
	runtime.Callers(2, j.pcs[:]) // Go's caller and theirs, for Close's log
	id := s.nextJob
	s.nextJob++
	s.running[id] = j
	s.jobs.Add(1)
	go func() {
		defer func() {
			s.mu.Lock()
			delete(s.running, id)
			s.mu.Unlock()
			s.jobs.Done()
		}()
		fn(s.ctx)
	}()
	return true
}

// Close ends the app's lifetime: it cancels the lifetime context, waits
// for every job Go started (at most Options.CloseWait, when set: what
// still runs then is logged and left to end), then closes the store. It
// is safe to call more than once and from several goroutines; every call
// returns when the store is closed, with the same result.
func (s *Service) Close() error {
	s.mu.Lock()
	first := !s.closing
	s.closing = true
	s.cancel()
	s.mu.Unlock()
	if !first {
		<-s.closed
		return s.err
	}
	if !s.wait() {
		s.logf("service: close: closing the store under %s", s.describeRunning())
	}
	if err := s.Store.Close(); err != nil {
		s.err = fmt.Errorf("service: close: %w", err)
	}
	close(s.closed)
	return s.err
}

// wait waits for the jobs Go started, at most CloseWait when it is set;
// it reports whether they all returned.
func (s *Service) wait() bool {
	if s.closeWait <= 0 {
		s.jobs.Wait()
		return true
	}
	done := make(chan struct{})
	go func() { s.jobs.Wait(); close(done) }()
	t := time.NewTimer(s.closeWait)
	defer t.Stop()
	select {
	case <-done:
		return true
	case <-t.C:
		return false
	}
}

// describeRunning names the jobs still running, by where Go was called,
// oldest first: "2 jobs still running 1.5s after they were cancelled:
// ui.(*seekScreen).refresh ← ui.(*seekScreen).onRefresh (for 3.2s); …".
func (s *Service) describeRunning() string {
	s.mu.Lock()
	js := make([]*job, 0, len(s.running))
	for _, j := range s.running {
		js = append(js, j)
	}
	s.mu.Unlock()
	sort.Slice(js, func(a, b int) bool { return js[a].start.Before(js[b].start) })
	var b strings.Builder
	fmt.Fprintf(&b, "%d jobs still running %v after they were cancelled:", len(js), s.closeWait)
	for i, j := range js {
		if i > 0 {
			b.WriteString(";")
		}
		b.WriteString(" ")
		b.WriteString(j.where())
		fmt.Fprintf(&b, " (for %v)", time.Since(j.start).Round(100*time.Millisecond))
	}
	return b.String()
}

// where is the chain of calls that started j, innermost first, each
// function named by its package's last element.
func (j *job) where() string {
	n := 0
	for n < len(j.pcs) && j.pcs[n] != 0 {
		n++
	}
	frames := runtime.CallersFrames(j.pcs[:n])
	var names []string
	for {
		f, more := frames.Next()
		if name := f.Function; name != "" {
			if i := strings.LastIndex(name, "/"); i >= 0 {
				name = name[i+1:]
			}
			names = append(names, name)
		}
		if !more {
			break
		}
	}
	if len(names) == 0 {
		return "a job"
	}
	return strings.Join(names, " ← ")
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
