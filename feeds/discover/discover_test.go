package discover

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"reflect"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/knowflow/knowflow/feeds/fetch"
)

const (
	rssFeed = `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>RSS Blog</title><link>https://example.com/</link>
<item><title>First post</title></item></channel></rss>`
	atomFeed = `<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title type="text">Atom Blog</title>
<entry><title>Post</title></entry></feed>`
	jsonFeed = `{"version": "https://jsonfeed.org/version/1.1", "title": "JSON Blog", "items": []}`
	rdfFeed  = `<?xml version="1.0"?>
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/">
<channel rdf:about="https://example.com/"><title>RDF Blog</title></channel>
<item rdf:about="https://example.com/1"><title>One</title></item></rdf:RDF>`
	htmlPage = `<!DOCTYPE html><html><head><title>Just a page</title></head><body><p>Hello</p></body></html>`
)

// page is one path of a test site.
type page struct {
	status      int // 200 when 0
	contentType string
	body        string
	location    string // redirect target, with status
}

// site serves pages by path (404 for the rest) and counts requests.
type site struct {
	*httptest.Server
	mu    sync.Mutex
	pages map[string]page
	hits  map[string]int
}

func newSite(t *testing.T, pages map[string]page) *site {
	t.Helper()
	s := &site{pages: pages, hits: map[string]int{}}
	s.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		s.mu.Lock()
		s.hits[r.URL.Path]++
		p, ok := s.pages[r.URL.Path]
		s.mu.Unlock()
		if !ok {
			http.NotFound(w, r)
			return
		}
		if p.location != "" {
			http.Redirect(w, r, p.location, p.status)
			return
		}
		if p.contentType != "" {
			w.Header().Set("Content-Type", p.contentType)
		}
		if p.status != 0 {
			w.WriteHeader(p.status)
		}
		io.WriteString(w, p.body)
	}))
	t.Cleanup(s.Close)
	return s
}

func (s *site) hitCount(path string) int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.hits[path]
}

func (s *site) totalHits() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	n := 0
	for _, h := range s.hits {
		n += h
	}
	return n
}

func testFetcher(t *testing.T) *fetch.Fetcher {
	f := fetch.New(fetch.Options{Timeout: 5 * time.Second})
	t.Cleanup(f.CloseIdleConnections)
	return f
}

func find(t *testing.T, pageURL string) ([]Feed, error) {
	t.Helper()
	return Find(context.Background(), testFetcher(t), pageURL)
}

func mustFind(t *testing.T, pageURL string) []Feed {
	t.Helper()
	feeds, err := find(t, pageURL)
	if err != nil {
		t.Fatalf("Find(%q): %v", pageURL, err)
	}
	return feeds
}

func checkFeeds(t *testing.T, got, want []Feed) {
	t.Helper()
	if !reflect.DeepEqual(got, want) {
		t.Errorf("feeds:\n got %+v\nwant %+v", got, want)
	}
}

func TestFindDirectFeed(t *testing.T) {
	s := newSite(t, map[string]page{
		"/rss":  {contentType: "application/rss+xml", body: rssFeed},
		"/atom": {contentType: "application/atom+xml", body: atomFeed},
		"/json": {contentType: "application/feed+json", body: jsonFeed},
		"/rdf":  {contentType: "application/rdf+xml", body: rdfFeed},
		// The content decides, not the Content-Type.
		"/as-html": {contentType: "text/html; charset=utf-8", body: rssFeed},
		"/as-text": {contentType: "text/plain", body: jsonFeed},
	})
	cases := []struct{ path, title, kind string }{
		{"/rss", "RSS Blog", "rss"},
		{"/atom", "Atom Blog", "atom"},
		{"/json", "JSON Blog", "json"},
		{"/rdf", "RDF Blog", "rss"},
		{"/as-html", "RSS Blog", "rss"},
		{"/as-text", "JSON Blog", "json"},
	}
	for _, c := range cases {
		t.Run(c.path, func(t *testing.T) {
			got := mustFind(t, s.URL+c.path)
			checkFeeds(t, got, []Feed{{URL: s.URL + c.path, Title: c.title, Type: c.kind}})
		})
	}
	// A feed URL needs one request: no page parsing, no probing.
	if n := s.totalHits(); n != len(cases) {
		t.Errorf("%d requests for %d feeds", n, len(cases))
	}
}

func TestFindDirectFeedRedirects(t *testing.T) {
	s := newSite(t, map[string]page{
		"/moved":   {status: http.StatusMovedPermanently, location: "/rss"},
		"/briefly": {status: http.StatusFound, location: "/rss"},
		"/rss":     {body: rssFeed},
	})
	// Moved for good: subscribe to the new URL.
	checkFeeds(t, mustFind(t, s.URL+"/moved"), []Feed{{URL: s.URL + "/rss", Title: "RSS Blog", Type: "rss"}})
	// Temporarily elsewhere: keep the URL given.
	checkFeeds(t, mustFind(t, s.URL+"/briefly"), []Feed{{URL: s.URL + "/briefly", Title: "RSS Blog", Type: "rss"}})
}

func TestFindLinkAlternate(t *testing.T) {
	var s *site
	s = newSite(t, map[string]page{
		"/blog/": {contentType: "text/html; charset=utf-8", body: `<!DOCTYPE html>
<html><head><title>My Blog</title>
<link rel="stylesheet" href="/style.css">
<link rel="alternate" type="application/rss+xml" title="My Blog &raquo; Comments Feed" href="/comments/feed/">
<link rel="alternate" type="application/rss+xml" title="My Blog &raquo; Feed" href="/feed.xml">
<link rel="alternate" type="application/rss+xml" title="Duplicate" href="/feed.xml#top">
<link rel="alternate" type="application/atom+xml" title="Atom" href="ABSOLUTE/atom.xml">
<link rel="Alternate" type="application/feed+json; charset=utf-8" href="feed.json">
<link rel="alternate" type="application/json" href="/wp-json/wp/v2/pages/2">
<link rel="alternate" type="application/json+oembed" href="/oembed?url=x">
<link rel="alternate" hreflang="de" href="/de/blog/">
<link rel="alternate" type="application/rss+xml" title="Gone" href="/gone.xml">
<link rel="alternate" type="application/rss+xml" title="Not XML" href="/not-a-feed">
<link rel="alternate" type="application/rss+xml" href="javascript:alert(1)">
</head><body><p>Hi</p></body></html>`},
		"/comments/feed/":        {body: strings.Replace(rssFeed, "RSS Blog", "Comments on My Blog", 1)},
		"/feed.xml":              {body: strings.Replace(rssFeed, "RSS Blog", "My Blog", 1)},
		"/atom.xml":              {body: atomFeed},
		"/blog/feed.json":        {body: jsonFeed},
		"/wp-json/wp/v2/pages/2": {contentType: "application/json", body: `{"id": 2, "title": {"rendered": "About"}}`},
		"/not-a-feed":            {body: htmlPage},
		"/feed":                  {body: rssFeed}, // a common path, not tried: the page declares feeds
	})
	s.mu.Lock()
	p := s.pages["/blog/"]
	p.body = strings.Replace(p.body, "ABSOLUTE", s.URL, 1)
	s.pages["/blog/"] = p
	s.mu.Unlock()

	got := mustFind(t, s.URL+"/blog/")
	checkFeeds(t, got, []Feed{
		{URL: s.URL + "/feed.xml", Title: "My Blog", Type: "rss"},
		{URL: s.URL + "/atom.xml", Title: "Atom Blog", Type: "atom"},
		{URL: s.URL + "/blog/feed.json", Title: "JSON Blog", Type: "json"},
		{URL: s.URL + "/comments/feed/", Title: "Comments on My Blog", Type: "rss"},
	})
	if n := s.hitCount("/feed"); n != 0 {
		t.Errorf("probed common paths although the page declares feeds")
	}
}

// The link's title, then the page's, stand in when a feed has none.
func TestFindLinkTitles(t *testing.T) {
	untitled := `<rss version="2.0"><channel><link>x</link></channel></rss>`
	s := newSite(t, map[string]page{
		"/": {body: `<html><head><title>  The
		Page </title>
<link rel="alternate" type="application/rss+xml" title="Link Title" href="/a.xml">
<link rel="alternate" type="application/rss+xml" href="/b.xml">
</head></html>`},
		"/a.xml": {body: untitled},
		"/b.xml": {body: strings.Replace(untitled, "<link>x", "<link>y", 1)},
	})
	checkFeeds(t, mustFind(t, s.URL+"/"), []Feed{
		{URL: s.URL + "/a.xml", Title: "Link Title", Type: "rss"},
		{URL: s.URL + "/b.xml", Title: "The Page", Type: "rss"},
	})
}

func TestFindBaseHref(t *testing.T) {
	s := newSite(t, map[string]page{
		"/page": {body: `<html><head>
<base href="/blog/posts/">
<base href="/ignored/">
<link rel="alternate" type="application/atom+xml" href="../atom.xml">
</head></html>`},
		"/blog/atom.xml": {body: atomFeed},
	})
	checkFeeds(t, mustFind(t, s.URL+"/page"), []Feed{{URL: s.URL + "/blog/atom.xml", Title: "Atom Blog", Type: "atom"}})
}

// Links resolve against the page's final URL, after redirects.
func TestFindLinksAfterRedirect(t *testing.T) {
	s := newSite(t, map[string]page{
		"/":             {status: http.StatusFound, location: "/home/"},
		"/home/":        {body: `<link rel="alternate" type="application/rss+xml" href="rss.xml">`},
		"/home/rss.xml": {body: rssFeed},
	})
	checkFeeds(t, mustFind(t, s.URL), []Feed{{URL: s.URL + "/home/rss.xml", Title: "RSS Blog", Type: "rss"}})
}

func TestFindCommonPath(t *testing.T) {
	s := newSite(t, map[string]page{
		"/":      {contentType: "text/html", body: htmlPage},
		"/feed":  {status: http.StatusMovedPermanently, location: "/feed/"},
		"/feed/": {contentType: "application/rss+xml", body: rssFeed},
	})
	// /feed and /feed/ are one feed: its permanent home comes back once.
	checkFeeds(t, mustFind(t, s.URL+"/"), []Feed{{URL: s.URL + "/feed/", Title: "RSS Blog", Type: "rss"}})
	for _, p := range []string{"/rss", "/rss.xml", "/atom.xml", "/index.xml", "/feed.xml", "/feed.json"} {
		if s.hitCount(p) != 1 {
			t.Errorf("%s tried %d times, want 1", p, s.hitCount(p))
		}
	}
}

func TestFindCommonPathRejectsHTML(t *testing.T) {
	s := newSite(t, map[string]page{
		"/": {body: htmlPage},
		// A site that answers every path with its HTML, even as XML.
		"/index.xml": {contentType: "application/xml", body: htmlPage},
		"/feed":      {body: htmlPage},
		"/feed.json": {contentType: "application/json", body: `{"version": "1"}`},
		"/rss.xml":   {body: rssFeed},
		// Same bytes as /rss.xml under another name: one feed.
		"/feed.xml": {body: rssFeed},
	})
	checkFeeds(t, mustFind(t, s.URL), []Feed{{URL: s.URL + "/rss.xml", Title: "RSS Blog", Type: "rss"}})
}

// Under a path, feeds next to the page come before the site's.
func TestFindCommonPathUnderPath(t *testing.T) {
	s := newSite(t, map[string]page{
		"/blog":           {body: htmlPage},
		"/blog/index.xml": {body: atomFeed},
		"/feed":           {body: rssFeed},
	})
	checkFeeds(t, mustFind(t, s.URL+"/blog"), []Feed{
		{URL: s.URL + "/blog/index.xml", Title: "Atom Blog", Type: "atom"},
		{URL: s.URL + "/feed", Title: "RSS Blog", Type: "rss"},
	})
}

func TestFindNoFeed(t *testing.T) {
	s := newSite(t, map[string]page{"/about": {body: htmlPage}})
	_, err := find(t, s.URL+"/about")
	if !errors.Is(err, ErrNoFeed) {
		t.Fatalf("err = %v, want ErrNoFeed", err)
	}
	if want := "discover: no feed found at " + s.URL + "/about"; err.Error() != want {
		t.Errorf("err = %q, want %q", err, want)
	}
	// The page, then the common paths under /about/ and under /.
	if n := s.totalHits(); n != 1+2*len(commonPaths()) {
		t.Errorf("%d requests", n)
	}
}

// A page that is missing may still sit beside a feed.
func TestFindPageNotFound(t *testing.T) {
	s := newSite(t, map[string]page{"/feed": {body: rssFeed}})
	checkFeeds(t, mustFind(t, s.URL+"/nothing-here"), []Feed{{URL: s.URL + "/feed", Title: "RSS Blog", Type: "rss"}})

	empty := newSite(t, map[string]page{})
	_, err := find(t, empty.URL+"/x")
	var he *fetch.HTTPError
	if !errors.Is(err, ErrNoFeed) || !errors.As(err, &he) || he.StatusCode != 404 {
		t.Fatalf("err = %v, want ErrNoFeed and the 404", err)
	}
	if want := "discover: no feed found at " + empty.URL + "/x: fetch: " + empty.URL + "/x: HTTP 404 Not Found"; err.Error() != want {
		t.Errorf("err = %q, want %q", err, want)
	}
}

// A failing server is not probed.
func TestFindServerError(t *testing.T) {
	s := newSite(t, map[string]page{"/": {status: 503, body: "down"}, "/feed": {body: rssFeed}})
	_, err := find(t, s.URL+"/")
	var he *fetch.HTTPError
	if !errors.As(err, &he) || he.StatusCode != 503 || !strings.HasPrefix(err.Error(), "discover: fetch: ") {
		t.Fatalf("err = %v", err)
	}
	if s.hitCount("/feed") != 0 {
		t.Error("probed a failing server")
	}
}

func TestFindUnreachable(t *testing.T) {
	s := httptest.NewServer(http.NotFoundHandler())
	u := s.URL
	s.Close()
	_, err := find(t, u)
	if err == nil || errors.Is(err, ErrNoFeed) || !strings.HasPrefix(err.Error(), "discover: fetch: "+u) {
		t.Errorf("err = %v", err)
	}
}

// Without a scheme https is tried first; a server that only speaks http
// is then reached over http.
func TestFindMissingSchemeFallsBackToHTTP(t *testing.T) {
	s := newSite(t, map[string]page{"/feed": {body: rssFeed}})
	hostPort := strings.TrimPrefix(s.URL, "http://")
	checkFeeds(t, mustFind(t, hostPort+"/feed"), []Feed{{URL: s.URL + "/feed", Title: "RSS Blog", Type: "rss"}})

	// With an explicit https:// there is no fallback.
	if _, err := find(t, "https://"+hostPort+"/feed"); err == nil {
		t.Error("https:// fell back to http")
	}
}

func TestFindRejectsNonHTTP(t *testing.T) {
	for _, in := range []string{"ftp://example.com/feed", "file:///etc/passwd", "javascript:alert(1)", "mailto:me@example.com"} {
		_, err := Find(context.Background(), nil, in)
		if !errors.Is(err, fetch.ErrUnsupportedScheme) || !strings.HasPrefix(err.Error(), "discover: ") {
			t.Errorf("Find(%q) err = %v", in, err)
		}
	}
	if _, err := Find(context.Background(), nil, "   "); !errors.Is(err, ErrInvalidURL) {
		t.Errorf("empty: err = %v", err)
	}
}

func TestFindContextCancelled(t *testing.T) {
	s := newSite(t, map[string]page{"/": {body: htmlPage}})
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	_, err := Find(ctx, testFetcher(t), s.URL)
	if !errors.Is(err, context.Canceled) {
		t.Errorf("err = %v", err)
	}
	if s.totalHits() != 0 {
		t.Error("requests sent with a cancelled context")
	}
}

func TestNormalizeURL(t *testing.T) {
	cases := []struct{ in, want string }{
		{"example.com/blog", "https://example.com/blog"},
		{"example.com", "https://example.com"},
		{"  Example.COM/Blog?x=1#frag ", "https://example.com/Blog?x=1"},
		{"http://example.com/feed", "http://example.com/feed"},
		{"HTTPS://Example.com/", "https://example.com/"},
		{"//example.com/rss", "https://example.com/rss"},
		{"localhost:8080/feed", "https://localhost:8080/feed"},
		{"example.com:8443", "https://example.com:8443"},
		{"127.0.0.1:1234/x", "https://127.0.0.1:1234/x"},
		{"feed://example.com/rss", "https://example.com/rss"},
		{"feed:https://example.com/rss", "https://example.com/rss"},
		{"FEED:http://example.com/rss", "http://example.com/rss"},
		{"www.example.com/a b", "https://www.example.com/a%20b"},
	}
	for _, c := range cases {
		got, err := NormalizeURL(c.in)
		if err != nil || got != c.want {
			t.Errorf("NormalizeURL(%q) = %q, %v; want %q", c.in, got, err, c.want)
		}
	}

	bad := []struct {
		in   string
		is   error
		want string
	}{
		{"", ErrInvalidURL, "discover: invalid URL: empty"},
		{"ftp://example.com/feed", fetch.ErrUnsupportedScheme, `discover: unsupported URL scheme "ftp" in "ftp://example.com/feed": only http and https URLs can be subscribed to`},
		{"file:///etc/passwd", fetch.ErrUnsupportedScheme, `scheme "file"`},
		{"javascript:alert(1)", fetch.ErrUnsupportedScheme, `scheme "javascript"`},
		{"feed:ftp://example.com/", fetch.ErrUnsupportedScheme, `scheme "ftp"`},
		{"https://", ErrInvalidURL, "no host name"},
		{"http://exa mple.com/", ErrInvalidURL, "invalid URL"},
		{"https://:8080/feed", ErrInvalidURL, "no host name"},
	}
	for _, c := range bad {
		_, err := NormalizeURL(c.in)
		if !errors.Is(err, c.is) || !strings.Contains(err.Error(), c.want) {
			t.Errorf("NormalizeURL(%q) err = %v, want %v containing %q", c.in, err, c.is, c.want)
		}
	}

	// Only a guessed scheme may fall back to http.
	for in, want := range map[string]bool{"example.com": true, "//example.com": true, "feed://example.com": true, "https://example.com": false, "feed:https://example.com": false} {
		if _, guessed, _ := normalize(in); guessed != want {
			t.Errorf("normalize(%q) guessed = %v, want %v", in, guessed, want)
		}
	}
}

func TestCandidates(t *testing.T) {
	paths := func(s string) []string {
		u, _ := url.Parse(s)
		var out []string
		for _, c := range candidates(u) {
			out = append(out, strings.TrimPrefix(c, "https://example.com"))
		}
		return out
	}
	root := []string{"/feed", "/feed/", "/rss", "/rss.xml", "/atom.xml", "/index.xml", "/feed.xml", "/feed.json"}
	under := func(dir string) []string {
		var out []string
		for _, p := range root {
			out = append(out, dir+p)
		}
		return append(out, root...)
	}
	for in, want := range map[string][]string{
		"https://example.com":                 root,
		"https://example.com/":                root,
		"https://example.com/?page=2":         root,
		"https://example.com/blog":            under("/blog"),
		"https://example.com/blog/":           under("/blog"),
		"https://example.com/blog/index.html": under("/blog"),
		"https://example.com/index.html":      root,
		"https://example.com/a/b/":            under("/a/b"),
	} {
		if got := paths(in); !reflect.DeepEqual(got, want) {
			t.Errorf("candidates(%s) =\n %v\nwant\n %v", in, got, want)
		}
	}
}

func TestPageLinks(t *testing.T) {
	page, _ := url.Parse("https://example.com/blog/post?id=1")
	body := []byte(`<html><head>
<link rel="alternate feed" type="application/rss+xml" title=" Main
  Feed " href="  /feed  ">
<link rel="alternate" type="text/xml" href="rss.xml">
<link rel="feed" href="//cdn.example.net/f.xml">
<link rel="alternate" type="application/rss+xml" href="data:text/xml,x">
<link rel="alternate" type="application/rss+xml">
<svg><title>not the title</title></svg>
</head><body><title>Real Title</title>
<link rel="alternate" type="application/atom+xml" href="https://other.example.org/atom#x">
</body></html>`)
	links, title := pageLinks(body, "text/html", page)
	want := []link{
		{URL: "https://example.com/feed", Title: "Main Feed", Type: "rss"},
		{URL: "https://example.com/blog/rss.xml", Type: ""},
		{URL: "https://cdn.example.net/f.xml", Type: ""},
		{URL: "https://other.example.org/atom", Type: "atom"},
	}
	if !reflect.DeepEqual(links, want) {
		t.Errorf("links =\n %+v\nwant\n %+v", links, want)
	}
	if title != "Real Title" {
		t.Errorf("title = %q", title)
	}
}

func TestPageLinksCharset(t *testing.T) {
	page, _ := url.Parse("https://example.com/")
	body := []byte("<html><head><title>Caf\xe9</title></head></html>") // Latin-1
	if _, title := pageLinks(body, "text/html; charset=iso-8859-1", page); title != "Café" {
		t.Errorf("title = %q", title)
	}
}

// Many declared feeds: only the first maxLinks are checked.
func TestFindManyLinks(t *testing.T) {
	pages := map[string]page{}
	var b strings.Builder
	for i := 0; i < 3*maxLinks; i++ {
		fmt.Fprintf(&b, `<link rel="alternate" type="application/rss+xml" href="/f%d.xml">`, i)
		pages[fmt.Sprintf("/f%d.xml", i)] = page{body: strings.Replace(rssFeed, "RSS Blog", fmt.Sprint("Feed ", i), 1)}
	}
	pages["/"] = page{body: b.String()}
	s := newSite(t, pages)
	got := mustFind(t, s.URL)
	if len(got) != maxLinks || got[0].Title != "Feed 0" || got[maxLinks-1].Title != fmt.Sprint("Feed ", maxLinks-1) {
		t.Errorf("got %d feeds: %+v", len(got), got)
	}
}
