package service

import (
	"context"
	"errors"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/knowflow/knowflow/model"
	"github.com/knowflow/knowflow/model/people"
	"github.com/knowflow/knowflow/model/store"
)

// at is a Thursday noon: the tests' clock.
var at = time.Date(2026, 11, 26, 12, 0, 0, 0, time.UTC)

// newService opens a service on a fresh database file with a fixed clock,
// closed at the end of the test.
func newService(t *testing.T) *Service {
	t.Helper()
	s, err := Open(filepath.Join(t.TempDir(), "knowflow.db"), Options{Now: func() time.Time { return at }})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

// seed gives s recent items and people who care about some of them.
func seed(t *testing.T, s *Service) {
	t.Helper()
	ctx := context.Background()
	src, _, err := s.AddSource(ctx, model.Source{Title: "Team notes", FeedURL: "https://notes.example/feed"})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.SaveFetches(ctx, []store.FetchResult{{SourceID: src.ID, CheckedAt: at, Items: []model.Item{
		{DedupeKey: "1", Title: "Remote onboarding that works", Link: "https://notes.example/1", Text: "A remote onboarding plan: a buddy and a first pull request.", Published: at.Add(-2 * time.Hour)},
		{DedupeKey: "2", Title: "SQLite in production", Link: "https://notes.example/2", Text: "WAL mode and full-text search in SQLite.", Published: at.Add(-time.Hour)},
		{DedupeKey: "3", Title: "Derby day drama", Link: "https://notes.example/3", Text: "A late goal wins the derby.", Published: at.Add(-3 * time.Hour)},
	}}}); err != nil {
		t.Fatal(err)
	}
	for _, c := range []model.Contact{
		{Name: "Ana Lima", Circles: []model.Circle{model.CircleTeam}, TimeZone: "UTC", Interests: []string{"remote onboarding"}},
		{Name: "Tom Hill", Circles: []model.Circle{model.CircleNetwork}, Interests: []string{"sqlite"}},
	} {
		if _, err := s.SaveContact(ctx, c); err != nil {
			t.Fatal(err)
		}
	}
	p := model.DefaultPrefs()
	p.TimeZone = "UTC"
	if err := s.SavePrefs(ctx, p); err != nil {
		t.Fatal(err)
	}
}

func TestSuggestAndIdeas(t *testing.T) {
	s := newService(t)
	seed(t, s)
	ctx := context.Background()
	got, err := s.Suggest(ctx, s.Now())
	if err != nil {
		t.Fatal(err)
	}
	if !got.At.Equal(at) || got.Prefs.TimeZone != "UTC" {
		t.Errorf("run at %v with zone %q", got.At, got.Prefs.TimeZone)
	}
	if _, err := s.Overdue(ctx, s.Now()); err != nil {
		t.Errorf("overdue: %v", err)
	}
	to := map[string]string{}
	for _, sg := range got.List {
		to[sg.ContactName] = sg.ItemTitle
	}
	if to["Ana Lima"] != "Remote onboarding that works" || to["Tom Hill"] != "SQLite in production" {
		t.Errorf("suggestions %v, want Ana ← onboarding and Tom ← SQLite", to)
	}
	if _, ok := to[""]; ok {
		t.Errorf("a suggestion without a recipient: %v", got.List)
	}

	cs, err := s.Contacts(ctx, store.ContactFilter{})
	if err != nil {
		t.Fatal(err)
	}
	var ana int64
	for _, c := range cs {
		if c.Name == "Ana Lima" {
			ana = c.ID
		}
	}
	ideas, err := s.Ideas(ctx, s.Now(), ana, 5)
	if err != nil {
		t.Fatal(err)
	}
	if len(ideas) != 1 || ideas[0].ItemTitle != "Remote onboarding that works" || !ideas[0].When.Equal(at) {
		t.Errorf("ideas for Ana: %+v", ideas)
	}

	ranked, in, err := s.Rank(ctx, s.Now(), 0)
	if err != nil {
		t.Fatal(err)
	}
	if len(ranked) != 2 || len(in.Items) != 3 {
		t.Errorf("rank: %d recipients over %d items, want 2 over 3", len(ranked), len(in.Items))
	}
}

// Close cancels the lifetime, waits for every job and only then closes
// the store; nothing starts after it.
func TestCloseWaitsForJobs(t *testing.T) {
	s := newService(t)
	started := make(chan struct{})
	var finished atomic.Bool
	if !s.Go(func(ctx context.Context) {
		close(started)
		<-ctx.Done() // a job that runs until the app ends
		// The store is still open while a job runs.
		if _, err := s.Summary(context.Background()); err != nil {
			t.Errorf("store closed under a running job: %v", err)
		}
		finished.Store(true)
	}) {
		t.Fatal("Go refused a job before Close")
	}
	<-started

	var wg sync.WaitGroup
	errs := make([]error, 3)
	for i := range errs {
		wg.Add(1)
		go func() { defer wg.Done(); errs[i] = s.Close() }()
	}
	wg.Wait()
	if !finished.Load() {
		t.Fatal("Close returned before the job ended")
	}
	for _, err := range errs {
		if err != nil {
			t.Errorf("Close: %v", err)
		}
	}
	if s.Go(func(context.Context) { t.Error("a job ran after Close") }) {
		t.Error("Go accepted a job after Close")
	}
	if _, err := s.Summary(context.Background()); err == nil {
		t.Error("the store is still open after Close")
	}
	if _, err := s.Suggest(context.Background(), at); !errors.Is(err, ErrClosed) {
		t.Errorf("Suggest after Close: %v, want ErrClosed", err)
	}
}

// A use case running when Close starts sees its context end.
func TestUseCaseEndsWithTheLifetime(t *testing.T) {
	s := newService(t)
	seed(t, s)
	inCase := make(chan context.Context, 1)
	ctx, done, err := s.begin(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	defer done()
	inCase <- ctx
	s.cancel() // what Close does first
	select {
	case <-(<-inCase).Done():
	case <-time.After(10 * time.Second):
		t.Fatal("a use case's context outlived the app")
	}
	if _, err := s.Ideas(context.Background(), at, 1, 5); !errors.Is(err, ErrClosed) {
		t.Errorf("Ideas after the lifetime ended: %v, want ErrClosed", err)
	}
}

// ImportFile recognises a file by its content and imports it whole, or
// refuses it whole.
func TestImportFile(t *testing.T) {
	s := newService(t)
	ctx := context.Background()
	opml := `<?xml version="1.0"?><opml version="2.0"><head><title>x</title></head><body>
<outline text="Tech"><outline type="rss" text="Go blog" xmlUrl="https://go.dev/blog/feed.atom"/></outline></body></opml>`
	res, err := s.ImportFile(ctx, strings.NewReader(opml))
	if err != nil || res.Format != people.FormatOPML || res.Sources.Added != 1 {
		t.Fatalf("OPML: %+v, %v", res, err)
	}
	card := "BEGIN:VCARD\r\nVERSION:4.0\r\nFN:Ana Lima\r\nEMAIL:ana@example.org\r\nEND:VCARD\r\n"
	res, err = s.ImportFile(ctx, strings.NewReader(card))
	if err != nil || res.Format != people.FormatVCard || res.Contacts.Added != 1 || !strings.Contains(res.Summary(), "1 new contacts") {
		t.Fatalf("vCard: %+v, %v", res, err)
	}
	bad := card + "BEGIN:VCARD\r\nVERSION:4.0\r\nFN:Bo\r\nEMAIL:not an address\r\nEND:VCARD\r\n"
	if _, err := s.ImportFile(ctx, strings.NewReader(strings.ReplaceAll(bad, "Ana Lima", "Cy Doe"))); err == nil {
		t.Fatal("a vCard with a broken card was imported")
	}
	cs, _ := s.Contacts(ctx, store.ContactFilter{})
	if len(cs) != 1 {
		t.Errorf("%d contacts after a refused file, want 1: nothing half-imported", len(cs))
	}
	if _, err := s.ImportFile(ctx, strings.NewReader("<html>not a list</html>")); err == nil {
		t.Error("HTML was imported")
	}
}
