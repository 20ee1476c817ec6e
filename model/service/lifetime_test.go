package service

import (
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/knowflow/knowflow/feeds"
	"github.com/knowflow/knowflow/feeds/feedtest"
	"github.com/knowflow/knowflow/model"
	"github.com/knowflow/knowflow/model/cpus"
	"github.com/knowflow/knowflow/model/store"
)

// quitWithin is how soon Close must return once asked, whatever runs:
// the window has 2 s from SIGTERM to exit.
const quitWithin = 2 * time.Second

// words makes n distinct pseudo-words of two or three syllables, the same
// for a seed.
func words(r *rand.Rand, n int) []string {
	on := strings.Fields("b br c d dr f g gr h j k l m n p pl r s st t tr v z")
	vo := strings.Fields("a e i o u ai ou")
	seen := map[string]bool{}
	var out []string
	for len(out) < n {
		var b strings.Builder
		for range 2 + r.IntN(2) {
			b.WriteString(on[r.IntN(len(on))])
			b.WriteString(vo[r.IntN(len(vo))])
		}
		if w := b.String(); !seen[w] {
			seen[w] = true
			out = append(out, w)
		}
	}
	return out
}

// seedLarge gives s nItems recent items of ~1.5 KB and nPeople people
// (a third team, a third in 20 communities, a third loose network), each
// with two to five interests drawn from 400 two-word topics the items are
// about: a network at scale, whose suggestion run takes seconds.
func seedLarge(t *testing.T, s *Service, nItems, nPeople int) {
	t.Helper()
	ctx := context.Background()
	r := rand.New(rand.NewPCG(12, 26))
	vocab := words(r, 4000)
	zipf := rand.NewZipf(r, 1.07, 1, uint64(len(vocab)-1))
	topics := make([]string, 400)
	for i := range topics {
		topics[i] = vocab[500+r.IntN(3000)] + " " + vocab[500+r.IntN(3000)]
	}
	const perSource = 500
	var srcs []model.Source
	for i := range (nItems + perSource - 1) / perSource {
		srcs = append(srcs, model.Source{Title: fmt.Sprintf("Source %d", i), FeedURL: fmt.Sprintf("https://s%d.example/feed", i)})
	}
	if _, err := s.ImportSources(ctx, srcs); err != nil {
		t.Fatal(err)
	}
	all, err := s.Sources(ctx)
	if err != nil {
		t.Fatal(err)
	}
	for si, src := range all {
		res := store.FetchResult{SourceID: src.ID, CheckedAt: at}
		for i := si * perSource; i < min(nItems, (si+1)*perSource); i++ {
			topic := topics[r.IntN(len(topics))]
			var text strings.Builder
			for w := range 200 {
				if w%60 == 30 {
					text.WriteString(topic + " ")
				}
				text.WriteString(vocab[zipf.Uint64()] + " ")
			}
			res.Items = append(res.Items, model.Item{
				DedupeKey: fmt.Sprint(i), Title: topic + " " + vocab[zipf.Uint64()] + " " + vocab[r.IntN(len(vocab))],
				Link: fmt.Sprintf("https://items.example/%d", i), Text: text.String(),
				Published: at.Add(-time.Duration(r.IntN(13*24)) * time.Hour),
			})
		}
		res.PrepareSearch()
		if _, err := s.SaveFetches(ctx, []store.FetchResult{res}); err != nil {
			t.Fatal(err)
		}
	}
	var people []store.ContactImport
	for i := range nPeople {
		c := model.Contact{Name: fmt.Sprintf("Person %d", i), TimeZone: "UTC"}
		switch i % 3 {
		case 0:
			c.Circles = []model.Circle{model.CircleTeam}
		case 1:
			c.Circles = []model.Circle{model.CircleCommunity}
			c.Communities = []string{fmt.Sprintf("Community %d", i%20)}
		default:
			c.Circles = []model.Circle{model.CircleNetwork}
		}
		for range 2 + r.IntN(4) {
			c.Interests = append(c.Interests, topics[r.IntN(len(topics))])
		}
		people = append(people, store.ContactImport{Contact: c, Line: i + 1})
	}
	if _, err := s.ImportContacts(ctx, people); err != nil {
		t.Fatal(err)
	}
}

// Close during a suggestion run over a large network stops the run
// (Suggest returns context.Canceled), waits for it and closes the store,
// within quitWithin. The run has 3,000 people and 20,000 items (5,000
// under the race detector, which makes the one part of a run that does
// not look at its context, the analysis of the items' text, four times
// slower).
func TestCloseStopsASuggestionRun(t *testing.T) {
	if testing.Short() {
		t.Skip("a large run")
	}
	items := 20000
	if raceEnabled {
		items = 5000
	}
	path := filepath.Join(t.TempDir(), "knowflow.db")
	s, err := Open(path, Options{Now: func() time.Time { return at }})
	if err != nil {
		t.Fatal(err)
	}
	seedLarge(t, s, items, 3000)
	// A first run, whole: the input gives suggestions, and the learning
	// of the new items is done (the run below goes to the engine sooner).
	t0 := time.Now() // wall clock: elapsed time only (where to place Close)
	first, err := s.Suggest(context.Background(), at)
	if err != nil || len(first.List) == 0 {
		t.Fatalf("a whole run: %d suggestions, %v", len(first.List), err)
	}
	whole := time.Since(t0) // wall clock: elapsed time only
	t0 = time.Now()         // wall clock: elapsed time only
	if _, err := s.SuggestInput(context.Background(), at, 14*24*time.Hour); err != nil {
		t.Fatal(err)
	}
	load := time.Since(t0) // wall clock: elapsed time only
	t.Logf("a whole run takes %v, loading its input %v", whole, load)
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}

	// Wherever the run is when Close comes, it must stop: Close comes
	// halfway through loading the input, then halfway through the
	// engine's part (the times only place it; the test holds wherever it
	// lands).
	for _, after := range []time.Duration{load / 2, (load + whole) / 2} {
		s, err := Open(path, Options{Now: func() time.Time { return at }})
		if err != nil {
			t.Fatal(err)
		}
		runErr := make(chan error, 1)
		started := make(chan struct{})
		if !s.Go(func(ctx context.Context) {
			close(started)
			_, err := s.Suggest(ctx, at)
			runErr <- err
		}) {
			t.Fatal("Go refused the run")
		}
		<-started
		time.Sleep(after)
		t0 := time.Now() // wall clock: elapsed time only (the 2 s to close)
		if err := s.Close(); err != nil {
			t.Fatalf("Close: %v", err)
		}
		took := time.Since(t0) // wall clock: elapsed time only
		t.Logf("Close %v into the run returned %v after it was called", after, took)
		if took > quitWithin {
			t.Errorf("Close took %v during a suggestion run, want at most %v", took, quitWithin)
		}
		select {
		case err := <-runErr:
			if !errors.Is(err, context.Canceled) {
				t.Errorf("the run ended with %v, want context.Canceled", err)
			}
		default:
			t.Error("Close returned before the run it cancelled had ended")
		}
	}
}

// feedOf is a small RSS feed of n items, named by path.
func feedOf(path string, n int) string {
	var b strings.Builder
	fmt.Fprintf(&b, `<?xml version="1.0"?><rss version="2.0"><channel><title>Feed %s</title><link>http://feeds.example%s</link>`, path, path)
	for i := range n {
		fmt.Fprintf(&b, `<item><title>Post %d of %s</title><link>http://feeds.example%s/%d</link><guid>%s-%d</guid><pubDate>Wed, 25 Nov 2026 10:00:00 GMT</pubDate><description>Remote onboarding notes, part %d.</description></item>`, i, path, path, i, path, i, i)
	}
	b.WriteString(`</channel></rss>`)
	return b.String()
}

// slowFeeds serves fast feeds on 127.0.0.1–4 and, on 127.0.0.5–8, feeds
// that never answer until their request is given up. It returns the
// feeds' URLs, fast and slow interleaved, the number of items each fast
// feed has, and a channel that hears of each slow request's start.
func slowFeeds(t *testing.T, n int) (urls []string, perFeed int, slowStarted <-chan struct{}) {
	t.Helper()
	perFeed = 10
	fast := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/rss+xml")
		fmt.Fprint(w, feedOf(r.URL.Path, perFeed))
	})
	started := make(chan struct{}, n)
	slow := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		started <- struct{}{}
		<-r.Context().Done()
	})
	var fastSrv, slowSrv []*httptest.Server
	for i := 1; i <= 4; i++ {
		fastSrv = append(fastSrv, feedtest.HostServer(t, fmt.Sprintf("127.0.0.%d", i), fast))
		slowSrv = append(slowSrv, feedtest.HostServer(t, fmt.Sprintf("127.0.0.%d", i+4), slow))
	}
	for i := range n {
		srv := fastSrv[i/2%4]
		if i%2 == 1 {
			srv = slowSrv[i/2%4]
		}
		urls = append(urls, fmt.Sprintf("%s/feed/%d.xml", srv.URL, i))
	}
	return urls, perFeed, started
}

// wholeSources checks that every source of st holds all its feed's items
// or none (a refresh never stores half a feed) and that no source records
// an error or backs off because the refresh was stopped. It returns how
// many sources were stored.
func wholeSources(t *testing.T, st *store.Store, perFeed int) int {
	t.Helper()
	ctx := context.Background()
	srcs, err := st.Sources(ctx)
	if err != nil {
		t.Fatal(err)
	}
	stored := 0
	for _, src := range srcs {
		items, err := st.Items(ctx, store.ItemFilter{SourceID: src.ID, Limit: 1000})
		if err != nil {
			t.Fatal(err)
		}
		switch len(items) {
		case 0:
		case perFeed:
			stored++
		default:
			t.Errorf("source %d (%s) holds %d items, want 0 or %d", src.ID, src.FeedURL, len(items), perFeed)
		}
		if src.LastError != "" || src.ErrorCount != 0 {
			t.Errorf("source %d (%s) records an error after the refresh was stopped: %q (%d)", src.ID, src.FeedURL, src.LastError, src.ErrorCount)
		}
	}
	return stored
}

// Close during a refresh of many feeds, half of which never answer, stops
// the refresh within quitWithin; what it stored is whole sources, no
// source records the stop as its error, and the database passes the
// check `knowflow check` runs.
func TestCloseStopsARefresh(t *testing.T) {
	urls, perFeed, slowStarted := slowFeeds(t, 400)
	path := filepath.Join(t.TempDir(), "knowflow.db")
	s, err := Open(path, Options{Now: func() time.Time { return at }})
	if err != nil {
		t.Fatal(err)
	}
	var srcs []model.Source
	for i, u := range urls {
		srcs = append(srcs, model.Source{Title: fmt.Sprintf("Feed %d", i), FeedURL: u})
	}
	if _, err := s.ImportSources(context.Background(), srcs); err != nil {
		t.Fatal(err)
	}

	var mu sync.Mutex
	stored := 0
	someStored := make(chan struct{})
	var once sync.Once
	type result struct {
		sum feeds.RefreshSummary
		err error
	}
	done := make(chan result, 1)
	var running atomic.Bool
	if !s.Go(func(ctx context.Context) {
		running.Store(true)
		sum, err := s.Refresh(ctx, feeds.RefreshOptions{Progress: func(n, _ int) {
			mu.Lock()
			stored = n
			mu.Unlock()
			if n > 0 {
				once.Do(func() { close(someStored) })
			}
		}})
		done <- result{sum, err}
	}) {
		t.Fatal("Go refused the refresh")
	}
	// Mid refresh: some feeds stored, every slow host's four requests
	// hanging.
	<-someStored
	for range 16 {
		<-slowStarted
	}
	t0 := time.Now() // wall clock: elapsed time only (the 2 s to close)
	if err := s.Close(); err != nil {
		t.Fatalf("Close: %v", err)
	}
	took := time.Since(t0) // wall clock: elapsed time only
	t.Logf("Close returned %v after it was called", took)
	if took > quitWithin {
		t.Errorf("Close took %v during a refresh, want at most %v", took, quitWithin)
	}
	var r result
	select {
	case r = <-done:
	default:
		t.Fatal("Close returned before the refresh it cancelled had ended")
	}
	if !errors.Is(r.err, feeds.ErrStopped) || !errors.Is(r.err, context.Canceled) {
		t.Errorf("the refresh ended with %v, want feeds.ErrStopped and context.Canceled", r.err)
	}

	st, err := store.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	rep, err := st.Check(context.Background())
	if err != nil || !rep.OK() {
		t.Fatalf("check after the stopped refresh: %v %v", rep.Integrity, err)
	}
	n := wholeSources(t, st, perFeed)
	t.Logf("%d of %d sources stored before the stop (%d reported), %d new items", n, len(urls), stored, r.sum.New)
	if n == 0 || n >= len(urls) {
		t.Errorf("%d of %d sources stored: not stopped mid refresh", n, len(urls))
	}
	if r.sum.New != n*perFeed {
		t.Errorf("the summary says %d new items, the store holds %d", r.sum.New, n*perFeed)
	}
}

// Close waits at most CloseWait for jobs that do not stop: it names them
// in its log and closes the store all the same.
func TestCloseWaitIsBounded(t *testing.T) {
	var mu sync.Mutex
	var logged []string
	s, err := Open(filepath.Join(t.TempDir(), "knowflow.db"), Options{
		Now:       func() time.Time { return at },
		CloseWait: 100 * time.Millisecond,
		Logf: func(format string, args ...any) {
			mu.Lock()
			defer mu.Unlock()
			logged = append(logged, fmt.Sprintf(format, args...))
		},
	})
	if err != nil {
		t.Fatal(err)
	}
	release := make(chan struct{})
	defer close(release)
	stubborn := func(context.Context) { <-release } // ignores its context
	if !s.Go(stubborn) {
		t.Fatal("Go refused a job")
	}
	if err := s.Close(); err != nil {
		t.Fatalf("Close: %v", err)
	}
	mu.Lock()
	defer mu.Unlock()
	if len(logged) != 1 || !strings.Contains(logged[0], "1 jobs still running") || !strings.Contains(logged[0], "TestCloseWaitIsBounded") {
		t.Errorf("Close logged %q, want the job still running, named by where it started", logged)
	}
	if _, err := s.Summary(context.Background()); err == nil {
		t.Error("the store is still open after Close")
	}
}

// Cancel ends the lifetime at once: use cases under way see their
// context end and nothing new starts, but the store stays open for the
// last writes until Close.
func TestCancelEndsTheLifetime(t *testing.T) {
	s := newService(t)
	s.Cancel()
	if s.Context().Err() == nil {
		t.Fatal("the lifetime goes on after Cancel")
	}
	if s.Go(func(context.Context) { t.Error("a job ran after Cancel") }) {
		t.Error("Go accepted a job after Cancel")
	}
	if _, err := s.Suggest(context.Background(), at); !errors.Is(err, ErrClosed) {
		t.Errorf("Suggest after Cancel: %v, want ErrClosed", err)
	}
	if _, err := s.MarkAllRead(context.Background(), store.ItemFilter{}); err != nil {
		t.Errorf("a write after Cancel: %v", err)
	}
	if err := s.Close(); err != nil {
		t.Errorf("Close after Cancel: %v", err)
	}
}

// A background suggestion run (the window's) pauses while the user acts
// (cpus.Hold), all the way down from the service; quitting meanwhile
// stops it at once, and one the user waits for is not held.
func TestHeldBackgroundRunPausesAndQuits(t *testing.T) {
	path := filepath.Join(t.TempDir(), "knowflow.db")
	s, err := Open(path, Options{Now: func() time.Time { return at }})
	if err != nil {
		t.Fatal(err)
	}
	seedLarge(t, s, 300, 30)
	defer cpus.Release()
	cpus.Hold(time.Hour)
	if _, err := s.Suggest(context.Background(), at); err != nil {
		t.Fatalf("a run not marked background under a hold: %v", err)
	}
	runErr := make(chan error, 1)
	if !s.Go(func(ctx context.Context) {
		_, err := s.Suggest(cpus.Background(ctx), at)
		runErr <- err
	}) {
		t.Fatal("Go refused the run")
	}
	select {
	case err := <-runErr:
		t.Fatalf("a background run ended under a hold: %v", err)
	case <-time.After(300 * time.Millisecond):
	}
	t0 := time.Now() // wall clock: elapsed time only (the 2 s to close)
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	if took := time.Since(t0); took > quitWithin { // wall clock: elapsed time only
		t.Errorf("Close took %v with a paused run, want at most %v", took, quitWithin)
	}
	if err := <-runErr; !errors.Is(err, context.Canceled) {
		t.Errorf("the paused run ended with %v, want context.Canceled", err)
	}
}
