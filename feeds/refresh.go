package feeds

import (
	"context"
	"errors"
	"fmt"
	"math/rand"
	"time"

	"golang.org/x/sync/errgroup"

	"github.com/knowflow/knowflow/feeds/fetch"
	"github.com/knowflow/knowflow/feeds/parse"
	"github.com/knowflow/knowflow/model"
	"github.com/knowflow/knowflow/model/cpus"
	"github.com/knowflow/knowflow/model/store"
)

// RefreshOptions choose what Refresh does.
type RefreshOptions struct {
	// SourceIDs limits the refresh to these sources; a refresh the user
	// asked for by source ignores their backoff.
	SourceIDs []int64
	// Force ignores every source's backoff.
	Force bool
	// Progress, when set, is called after each source is done (from the
	// refresh's own goroutine, never concurrently).
	Progress func(done, total int)
}

// SourceError is one failed source in a refresh.
type SourceError struct {
	ID      int64  `json:"id"`
	Title   string `json:"title"`
	FeedURL string `json:"feed_url"`
	Error   string `json:"error"`  // in plain words (Explain)
	Detail  string `json:"detail"` // the technical message
}

// RefreshSummary says what a refresh did.
type RefreshSummary struct {
	Sources   int           `json:"sources"`       // sources checked
	Skipped   int           `json:"skipped"`       // backing off after errors, not checked
	New       int           `json:"new_items"`     // items never seen before
	Updated   int           `json:"updated_items"` // items changed in place
	Unchanged int           `json:"unchanged"`     // sources with nothing new (304 or same items)
	Failed    int           `json:"failed"`
	Stored    int           `json:"-"` // sources whose results were stored (Sources unless stopped)
	Duration  time.Duration `json:"-"`
	Seconds   float64       `json:"seconds"`
	Errors    []SourceError `json:"errors"`
}

// Refresh fetches the sources that are due (or those asked for) in
// parallel, with a bounded number of requests in flight, and stores what
// they publish. One source failing never stops the others: it records its
// own error and backs off with jitter. Refresh returns an error only when
// the store itself fails or ctx ends. When ctx ends it stops soon: no new
// fetch starts, those under way end, the writer finishes the transaction
// it is in (whole sources, never half of one) and stores nothing more,
// and Refresh returns once every goroutine it started has, with the
// summary of what was stored and an error that wraps ctx's (ErrStopped).
func (s *Service) Refresh(ctx context.Context, opts RefreshOptions) (RefreshSummary, error) {
	start := time.Now()
	var sum RefreshSummary
	all, err := s.Store.Sources(ctx)
	if ctx.Err() != nil {
		return sum, fmt.Errorf("%w: %w", ErrStopped, context.Cause(ctx))
	}
	if err != nil {
		return sum, err
	}
	synced, err := s.Store.SyncedSourceIDs(ctx)
	if err != nil {
		return sum, err
	}
	if s.Sync != nil && len(opts.SourceIDs) == 0 {
		n, errs := s.Sync(ctx)
		sum.New += n
		sum.Failed += len(errs)
		sum.Errors = append(sum.Errors, errs...)
	}
	now := s.now()
	wanted := map[int64]bool{}
	for _, id := range opts.SourceIDs {
		wanted[id] = true
	}
	var due []model.Source
	for _, src := range all {
		switch {
		case synced[src.ID]: // its account's server fetches it
		case len(wanted) > 0 && !wanted[src.ID]:
		case len(wanted) > 0 || opts.Force || !src.NextCheckAt.After(now):
			due = append(due, src)
		default:
			sum.Skipped++
		}
	}
	sum.Sources = len(due)

	results := make(chan job, 16)
	var g errgroup.Group
	g.SetLimit(s.workers())
	go func() {
		for _, src := range due {
			if ctx.Err() != nil {
				break // stopping: the rest wait for the next refresh
			}
			src := src
			g.Go(func() error {
				// Each job records its own error; nothing here cancels the others.
				results <- s.refreshOne(ctx, src)
				return nil
			})
		}
		g.Wait()
		close(results)
	}()

	saveErr := s.saveResults(ctx, results, len(due), &sum, opts.Progress)
	sum.Duration = time.Since(start)
	sum.Seconds = sum.Duration.Seconds()
	if saveErr != nil {
		return sum, saveErr
	}
	if ctx.Err() != nil {
		return sum, fmt.Errorf("%w: %w", ErrStopped, context.Cause(ctx))
	}
	return sum, nil
}

// ErrStopped is wrapped (with the context's error) by a refresh that
// stopped because its context ended: what it stored is whole sources.
var ErrStopped = errors.New("feeds: refresh stopped")

// job is one source's fetched and parsed result, ready to store.
type job struct {
	src    model.Source
	result store.FetchResult
}

// saveResults stores results as they arrive, many sources per transaction:
// SQLite has one writer, so the fetchers never wait on each other's writes.
// Once ctx ends it stores nothing more (the transaction under way is
// finished, not cut short), and only drains in until the fetchers end:
// what they bring then is mostly their own cancellation, which is no
// error of the source's.
func (s *Service) saveResults(ctx context.Context, in <-chan job, total int, sum *RefreshSummary, progress func(int, int)) error {
	// A batch is written when it holds this many sources or this many bytes
	// of item text, or has waited this long: large enough that commits and
	// FTS5 flushes are few, small enough to bound memory.
	const maxBatch = 100
	const maxBytes = 2 << 20
	const maxWait = 100 * time.Millisecond
	var batch []job
	bytes := 0
	var firstErr error
	done := 0
	flush := func() {
		if len(batch) == 0 {
			return
		}
		results := make([]store.FetchResult, len(batch))
		for i, j := range batch {
			results[i] = j.result
		}
		s.cpuSlots().acquireWriter()
		stats, err := s.Store.SaveFetches(context.WithoutCancel(ctx), results)
		s.cpuSlots().release()
		if err != nil {
			if firstErr == nil {
				firstErr = err
			}
		} else {
			sum.Stored += len(batch)
			for i, j := range batch {
				st := stats[i]
				sum.New += st.New
				sum.Updated += st.Updated
				switch {
				case j.result.Err != "":
					sum.Failed++
					sum.Errors = append(sum.Errors, SourceError{ID: j.src.ID, Title: j.src.Title, FeedURL: j.src.FeedURL, Error: j.result.Err, Detail: j.result.ErrDetail})
				case st.New == 0 && st.Updated == 0:
					sum.Unchanged++
				}
			}
		}
		done += len(batch)
		batch, bytes = batch[:0], 0
		if progress != nil {
			progress(done, total)
		}
	}
	if progress != nil {
		progress(0, total)
	}
	timer := time.NewTimer(maxWait)
	defer timer.Stop()
	for {
		select {
		case j, ok := <-in:
			if !ok {
				if ctx.Err() == nil {
					flush()
				}
				return firstErr
			}
			if ctx.Err() != nil {
				continue // stopping: nothing more is stored
			}
			batch = append(batch, j)
			for _, it := range j.result.Items {
				bytes += len(it.ContentHTML) + len(it.Text)
			}
			if len(batch) >= maxBatch || bytes >= maxBytes {
				flush()
			}
		case <-timer.C:
			if ctx.Err() == nil {
				flush()
			}
			timer.Reset(maxWait)
		}
	}
}

// refreshOne fetches and parses one source. It never fails: errors go into
// the result, with the source's next check pushed back.
func (s *Service) refreshOne(ctx context.Context, src model.Source) job {
	now := s.now()
	j := job{src: src, result: store.FetchResult{SourceID: src.ID, CheckedAt: now}}
	fail := func(err error) job {
		var retryAfter time.Duration
		if he, ok := asHTTPError(err); ok {
			retryAfter = he.RetryAfter
		}
		j.result.Err, j.result.ErrDetail = Explain(err), err.Error()
		j.result.NextCheckAt = now.Add(s.backoff(src.ErrorCount+1, retryAfter))
		return j
	}
	resp, err := s.fetcher().Fetch(ctx, fetch.Request{URL: src.FeedURL, ETag: src.ETag, LastModified: src.LastModified})
	if err != nil {
		return fail(err)
	}
	j.result.ETag, j.result.LastModified = resp.ETag, resp.LastModified
	j.result.FeedURL = resp.PermanentRedirect
	if resp.NotModified {
		j.result.NotModified = true
		return j
	}
	// Fetching waits on the network, parsing on the CPU: many fetches run
	// at once, but only as many parses as there are CPUs (fewer while the
	// writer works), which also bounds the memory parsed documents hold.
	if err := ctx.Err(); err != nil {
		return fail(err)
	}
	s.cpuSlots().acquire()
	defer s.cpuSlots().release()
	if err := ctx.Err(); err != nil { // waited for a slot while stopping
		return fail(err)
	}
	feed, err := parse.Parse(resp.Body, resp.ContentType, resp.URL)
	if err != nil {
		return fail(err)
	}
	j.result.Title, j.result.SiteURL = feed.Title, feed.SiteURL
	j.result.Items = make([]model.Item, 0, len(feed.Items))
	for _, it := range feed.Items {
		j.result.Items = append(j.result.Items, model.Item{
			GUID: it.GUID, Link: it.Link, Title: it.Title, Author: it.Author,
			ContentHTML: it.ContentHTML, Text: it.Text, Categories: it.Categories, Enclosures: it.Enclosures,
			Published: it.Published, Updated: it.Updated, DedupeKey: it.DedupeKey, Hash: it.Hash,
		})
	}
	// Here, in parallel, rather than on the one writer.
	j.result.PrepareSearch()
	return j
}

func (s *Service) workers() int {
	if s.Workers > 0 {
		return s.Workers
	}
	return 32
}

func (s *Service) now() time.Time {
	if s.Now != nil {
		return s.Now()
	}
	return time.Now()
}

func (s *Service) fetcher() *fetch.Fetcher {
	s.init()
	return s.Fetcher
}

func (s *Service) cpuSlots() *cpuSlots {
	s.init()
	return s.cpu
}

func (s *Service) init() {
	s.once.Do(func() {
		if s.Fetcher == nil {
			s.Fetcher = fetch.New(fetch.Options{})
		}
		s.cpu = newCPUSlots(cpus.Workers())
	})
}

func (s *Service) backoff(errors int, retryAfter time.Duration) time.Duration {
	s.rndMu.Lock()
	defer s.rndMu.Unlock()
	if s.rnd == nil {
		s.rnd = rand.New(rand.NewSource(time.Now().UnixNano()))
	}
	return fetch.Backoff(errors, retryAfter, s.rnd)
}

func asHTTPError(err error) (*fetch.HTTPError, bool) {
	var he *fetch.HTTPError
	if errors.As(err, &he) {
		return he, true
	}
	return nil, false
}
