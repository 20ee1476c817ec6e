package feeds

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/knowflow/knowflow/feeds/fetch"
	"github.com/knowflow/knowflow/model"
	"github.com/knowflow/knowflow/model/store"
)

func newService(t *testing.T) *Service {
	t.Helper()
	st, err := store.Open(filepath.Join(t.TempDir(), "knowflow.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	s := New(st)
	s.Fetcher = fetch.New(fetch.Options{Timeout: 3 * time.Second})
	s.Now = func() time.Time { return refreshNow }
	return s
}

// refreshNow is the service's clock in tests: Thursday 26 November 2026,
// 10:00 UTC.
var refreshNow = time.Date(2026, 11, 26, 10, 0, 0, 0, time.UTC)

// site serves /good/N.xml feeds with ETags, a dead /dead.xml (500), an HTML
// page at /page.html, and counts requests.
type site struct {
	*httptest.Server
	mu       sync.Mutex
	titles   map[string]string // per feed path, the first item's title
	requests atomic.Int64
	notMod   atomic.Int64
}

func newSite(t *testing.T) *site {
	s := &site{titles: map[string]string{}}
	s.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		s.requests.Add(1)
		switch {
		case r.URL.Path == "/dead.xml":
			http.Error(w, "boom", http.StatusInternalServerError)
			return
		case r.URL.Path == "/page.html":
			w.Header().Set("Content-Type", "text/html")
			fmt.Fprint(w, "<html><body>not a feed</body></html>")
			return
		case strings.HasPrefix(r.URL.Path, "/good/"):
		default:
			http.NotFound(w, r)
			return
		}
		s.mu.Lock()
		first, ok := s.titles[r.URL.Path]
		s.mu.Unlock()
		if !ok {
			first = "First post"
		}
		etag := fmt.Sprintf(`"%x"`, first)
		if r.Header.Get("If-None-Match") == etag {
			s.notMod.Add(1)
			w.WriteHeader(http.StatusNotModified)
			return
		}
		w.Header().Set("ETag", etag)
		w.Header().Set("Content-Type", "application/rss+xml")
		fmt.Fprintf(w, `<?xml version="1.0"?><rss version="2.0"><channel><title>Feed %s</title><link>https://example.org/</link>
<item><title>%s</title><guid>a</guid><description>&lt;p&gt;Hello &lt;script&gt;alert(1)&lt;/script&gt;&lt;/p&gt;</description></item>
<item><title>Second post</title><guid>b</guid><description>two</description></item>
</channel></rss>`, r.URL.Path, first)
	}))
	t.Cleanup(s.Close)
	return s
}

func importURLs(t *testing.T, s *Service, urls ...string) {
	t.Helper()
	var srcs []model.Source
	for _, u := range urls {
		srcs = append(srcs, model.Source{FeedURL: u})
	}
	if _, err := s.Store.ImportSources(context.Background(), srcs); err != nil {
		t.Fatal(err)
	}
}

func TestRefreshOneDeadSourceAmongGood(t *testing.T) {
	site := newSite(t)
	s := newService(t)
	ctx := context.Background()
	importURLs(t, s, site.URL+"/good/1.xml", site.URL+"/dead.xml", site.URL+"/good/2.xml", site.URL+"/page.html", site.URL+"/good/3.xml")

	var progress []int
	sum, err := s.Refresh(ctx, RefreshOptions{Progress: func(done, total int) { progress = append(progress, done) }})
	if err != nil {
		t.Fatal(err)
	}
	if sum.Sources != 5 || sum.New != 6 || sum.Failed != 2 || len(sum.Errors) != 2 {
		t.Fatalf("summary = %+v", sum)
	}
	if progress[len(progress)-1] != 5 {
		t.Errorf("progress ended at %v", progress)
	}
	srcs, _ := s.Store.Sources(ctx)
	for _, src := range srcs {
		switch {
		case strings.HasSuffix(src.FeedURL, "dead.xml"):
			if !strings.Contains(src.LastError, "500") || src.ErrorCount != 1 || !src.NextCheckAt.After(refreshNow) {
				t.Errorf("dead source = %+v", src)
			}
		case strings.HasSuffix(src.FeedURL, "page.html"):
			if !strings.Contains(src.LastError, "not a feed") {
				t.Errorf("HTML page error = %q", src.LastError)
			}
		default:
			if src.LastError != "" || src.Unread != 2 || src.Title == "" {
				t.Errorf("good source = %+v", src)
			}
		}
	}
	items, _ := s.Store.Items(ctx, store.ItemFilter{Query: "hello"})
	for _, it := range items {
		if strings.Contains(it.ContentHTML, "script") || strings.Contains(it.ContentHTML, "alert") {
			t.Errorf("stored unsanitised HTML: %q", it.ContentHTML)
		}
	}

	// Second run: good sources answer 304; failing ones are backing off.
	before := site.requests.Load()
	sum, err = s.Refresh(ctx, RefreshOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if sum.Sources != 3 || sum.Skipped != 2 || sum.New != 0 || sum.Unchanged != 3 || site.notMod.Load() != 3 {
		t.Errorf("second summary = %+v, 304s = %d", sum, site.notMod.Load())
	}
	if got := site.requests.Load() - before; got != 3 {
		t.Errorf("second run made %d requests, want 3", got)
	}

	// A manual refresh of the dead source ignores its backoff.
	var dead model.Source
	for _, src := range srcs {
		if strings.HasSuffix(src.FeedURL, "dead.xml") {
			dead = src
		}
	}
	sum, err = s.Refresh(ctx, RefreshOptions{SourceIDs: []int64{dead.ID}})
	if err != nil || sum.Sources != 1 || sum.Failed != 1 {
		t.Fatalf("manual refresh = %+v, %v", sum, err)
	}
	got, _ := s.Store.Source(ctx, dead.ID)
	if got.ErrorCount != 2 {
		t.Errorf("error count = %d, want 2", got.ErrorCount)
	}
}

func TestRefreshUpdatesInPlaceAndKeepsState(t *testing.T) {
	site := newSite(t)
	s := newService(t)
	ctx := context.Background()
	importURLs(t, s, site.URL+"/good/1.xml")
	if _, err := s.Refresh(ctx, RefreshOptions{}); err != nil {
		t.Fatal(err)
	}
	items, _ := s.Store.Items(ctx, store.ItemFilter{})
	var first model.Item
	for _, it := range items {
		if it.Title == "First post" {
			first = it
		}
	}
	s.Store.SetStarred(ctx, first.ID, true)
	s.Store.SetRead(ctx, first.ID, true)

	site.mu.Lock()
	site.titles["/good/1.xml"] = "First post, revised"
	site.mu.Unlock()
	sum, err := s.Refresh(ctx, RefreshOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if sum.New != 0 || sum.Updated != 1 {
		t.Fatalf("summary = %+v", sum)
	}
	got, _ := s.Store.Item(ctx, first.ID)
	if got.Title != "First post, revised" || !got.Starred || !got.Read {
		t.Errorf("updated item = %+v", got)
	}
}

func TestAddDiscoversAndReportsDuplicates(t *testing.T) {
	mux := http.NewServeMux()
	mux.HandleFunc("/blog/", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html")
		fmt.Fprint(w, `<html><head><title>Blog</title><link rel="alternate" type="application/atom+xml" title="Blog feed" href="atom.xml"></head></html>`)
	})
	mux.HandleFunc("/blog/atom.xml", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/atom+xml")
		fmt.Fprint(w, `<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom"><title>Blog</title><id>x</id>
<entry><title>Hello</title><id>e1</id><link href="/blog/hello"/><updated>2026-11-01T00:00:00Z</updated><content type="html">hi</content></entry></feed>`)
	})
	srv := httptest.NewServer(mux)
	defer srv.Close()
	s := newService(t)
	ctx := context.Background()
	res, err := s.Add(ctx, srv.URL+"/blog/", "Tech/Blogs")
	if err != nil {
		t.Fatal(err)
	}
	if !res.New || res.Source.FeedURL != srv.URL+"/blog/atom.xml" || res.Source.FolderPath() != "Tech/Blogs" || res.Refresh.New != 1 {
		t.Fatalf("add = %+v", res)
	}
	items, _ := s.Store.Items(ctx, store.ItemFilter{})
	if len(items) != 1 || items[0].Link != srv.URL+"/blog/hello" {
		t.Errorf("items = %+v", items)
	}
	for _, again := range []string{srv.URL + "/blog/", srv.URL + "/blog/atom.xml"} {
		res, err = s.Add(ctx, again, "")
		if err != nil || res.New || res.Source.FeedURL != srv.URL+"/blog/atom.xml" {
			t.Errorf("re-add %s = %+v, %v", again, res, err)
		}
	}
	if srcs, _ := s.Store.Sources(ctx); len(srcs) != 1 {
		t.Errorf("%d sources after re-adding", len(srcs))
	}
	// Without a scheme: https is tried first, then plain http.
	s2 := newService(t)
	res, err = s2.Add(ctx, strings.TrimPrefix(srv.URL, "http://")+"/blog/", "")
	if err != nil || !res.New || res.Source.FeedURL != srv.URL+"/blog/atom.xml" {
		t.Errorf("add without scheme = %+v, %v", res, err)
	}
	if _, err := s.Add(ctx, srv.URL+"/nothing-here", ""); err == nil {
		t.Error("a page without a feed was subscribed")
	}
}
