package service

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/knowflow/knowflow/feeds"
	"github.com/knowflow/knowflow/model"
	"github.com/knowflow/knowflow/model/store"
)

// testClock is a clock the test moves; the background prune reads it too.
type testClock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *testClock) now() time.Time  { c.mu.Lock(); defer c.mu.Unlock(); return c.t }
func (c *testClock) set(t time.Time) { c.mu.Lock(); c.t = t; c.mu.Unlock() }

// threePosts serves a feed that always lists the same three posts.
func threePosts(t *testing.T) string {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/rss+xml")
		fmt.Fprint(w, `<?xml version="1.0"?><rss version="2.0"><channel><title>Notes</title><link>https://notes.example/</link>
<item><title>Zebra crossings</title><guid>z</guid><link>https://notes.example/z</link><description>zebra</description></item>
<item><title>Yak shaving</title><guid>y</guid><link>https://notes.example/y</link><description>yak</description></item>
<item><title>Xylophone lessons</title><guid>x</guid><link>https://notes.example/x</link><description>xylophone</description></item>
</channel></rss>`)
	}))
	t.Cleanup(srv.Close)
	return srv.URL + "/feed.xml"
}

func titles(t *testing.T, s *Service, f store.ItemFilter) []string {
	t.Helper()
	items, err := s.Items(context.Background(), f)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, it := range items {
		out = append(out, it.Title)
	}
	slices.Sort(out)
	return out
}

// The window's refreshes prune in the background as the preference says,
// once a day, and a later refresh of a feed that still lists the pruned
// posts does not bring them back.
func TestRefreshPrunesInTheBackground(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "knowflow.db")
	start := time.Date(2026, 1, 10, 9, 0, 0, 0, time.UTC)
	clock := &testClock{t: start}
	open := func() *Service {
		s, err := Open(path, Options{Now: clock.now})
		if err != nil {
			t.Fatal(err)
		}
		return s
	}
	s := open()
	feed := threePosts(t)
	if _, err := s.ImportSources(ctx, []model.Source{{Title: "Notes", FeedURL: feed}}); err != nil {
		t.Fatal(err)
	}
	if sum, err := s.Refresh(ctx, feeds.RefreshOptions{Force: true}); err != nil || sum.New != 3 {
		t.Fatalf("first refresh = %+v, %v", sum, err)
	}
	s.prune.jobs.Wait() // its background prune (kept forever: nothing) is over before the clock moves
	// Read two the next day, star one of them.
	clock.set(start.Add(24 * time.Hour))
	items, _ := s.Items(ctx, store.ItemFilter{})
	for _, it := range items {
		switch it.Title {
		case "Zebra crossings":
			s.SetRead(ctx, it.ID, true)
		case "Yak shaving":
			s.SetRead(ctx, it.ID, true)
			s.SetStarred(ctx, it.ID, true)
		}
	}
	p, _ := s.Prefs(ctx)
	p.KeepReadMonths = 3
	if err := s.SavePrefs(ctx, p); err != nil {
		t.Fatal(err)
	}
	// Half a year on, a refresh prunes the read post that is not starred.
	clock.set(start.AddDate(0, 6, 0))
	if _, err := s.Refresh(ctx, feeds.RefreshOptions{Force: true}); err != nil {
		t.Fatal(err)
	}
	s.prune.jobs.Wait()
	if _, res, err := s.LastPrune(); err != nil || res.Items != 1 || res.Kept != 0 {
		t.Errorf("background prune = %+v, %v; want 1 item", res, err)
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}

	s = open()
	defer s.Close()
	want := []string{"Xylophone lessons", "Yak shaving"}
	if got := titles(t, s, store.ItemFilter{}); !slices.Equal(got, want) {
		t.Fatalf("after the background prune items = %v, want %v", got, want)
	}
	// The feed still lists it: refreshing does not bring it back.
	clock.set(start.AddDate(0, 6, 1))
	if sum, err := s.Refresh(ctx, feeds.RefreshOptions{Force: true}); err != nil || sum.New != 0 {
		t.Fatalf("refresh after pruning = %+v, %v", sum, err)
	}
	if got := titles(t, s, store.ItemFilter{}); !slices.Equal(got, want) {
		t.Errorf("after refreshing again items = %v, want %v", got, want)
	}
	if got := titles(t, s, store.ItemFilter{Query: "zebra"}); got != nil {
		t.Errorf("search finds a pruned item: %v", got)
	}
	if got := titles(t, s, store.ItemFilter{Query: "yak"}); !slices.Equal(got, []string{"Yak shaving"}) {
		t.Errorf("search for a kept item = %v", got)
	}
}

func TestPruneOlderThanAndDryRun(t *testing.T) {
	s := newService(t) // the clock is at
	seed(t, s)
	ctx := context.Background()
	// The preference keeps read items forever: nothing to do.
	if res, err := s.Prune(ctx, PruneOptions{}); err != nil || !res.Forever || res.Items != 0 {
		t.Fatalf("prune by default = %+v, %v", res, err)
	}
	items, _ := s.Items(ctx, store.ItemFilter{})
	for _, it := range items {
		s.SetRead(ctx, it.ID, true) // read at "at"
	}
	// Stored and read at "at": not older than an hour yet.
	if res, err := s.Prune(ctx, PruneOptions{OlderThan: time.Hour, DryRun: true}); err != nil || res.Items != 0 {
		t.Errorf("dry run = %+v, %v", res, err)
	}
	later := at.Add(2 * time.Hour)
	s.now = func() time.Time { return later }
	res, err := s.Prune(ctx, PruneOptions{OlderThan: time.Hour, DryRun: true})
	if err != nil || res.Items != 3 || !res.Cutoff.Equal(later.Add(-time.Hour)) {
		t.Errorf("dry run two hours on = %+v, %v", res, err)
	}
	if res, err := s.Prune(ctx, PruneOptions{OlderThan: time.Hour, Pause: -1}); err != nil || res.Items != 3 {
		t.Errorf("prune = %+v, %v", res, err)
	}
	if r, err := s.Check(ctx); err != nil || !r.OK() || r.Counts["items"] != 0 {
		t.Errorf("check after pruning = %+v, %v", r, err)
	}
}
