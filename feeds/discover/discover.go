// Package discover finds the feeds behind a URL a person pasted to
// subscribe: the URL itself when it is a feed; otherwise the feeds its
// HTML page declares with <link rel="alternate">; otherwise feeds found at
// the usual paths (/feed, /rss.xml, /index.xml, ...). Every candidate is
// fetched and checked by content before it is returned.
package discover

import (
	"context"
	"crypto/sha256"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"path"
	"regexp"
	"sort"
	"strings"
	"sync"

	"github.com/knowflow/knowflow/feeds/fetch"
)

// Errors Find and NormalizeURL can wrap; match them with errors.Is.
var (
	// ErrNoFeed: the page is reachable but neither it nor the usual
	// places hold a feed.
	ErrNoFeed = errors.New("no feed found")
	// ErrInvalidURL: the input cannot be made into an http(s) URL.
	ErrInvalidURL = errors.New("invalid URL")
)

// maxLinks bounds how many of a page's declared feeds are checked.
const maxLinks = 10

// Feed is a discovered feed.
type Feed struct {
	URL   string // the URL to subscribe to
	Title string // the feed's own title, else the link's, else the page's
	Type  string // TypeRSS, TypeAtom or TypeJSON
}

// commonPaths are tried, in order, when a page declares no feed.
func commonPaths() []string {
	return []string{"feed", "feed/", "rss", "rss.xml", "atom.xml", "index.xml", "feed.xml", "feed.json"}
}

// Find returns the feeds for pageURL, best first.
//
// pageURL is normalised first (see NormalizeURL); when it had no scheme
// and https cannot be reached, http is tried. If the URL is a feed, Find
// returns just that feed. Otherwise it returns the feeds the HTML page
// declares with <link rel="alternate"> that really are feeds (comment
// feeds last), and when there are none, the feeds found at the common
// paths (/feed, /feed/, /rss, /rss.xml, /atom.xml, /index.xml, /feed.xml,
// /feed.json) under the page's own path and then under the site root.
// Results are deduplicated. When there is nothing, the error wraps
// ErrNoFeed: "discover: no feed found at https://example.com/".
//
// A feed reached through permanent redirects is returned at its new URL;
// one reached through temporary redirects at the URL asked for. A nil f
// uses a Fetcher with default options.
func Find(ctx context.Context, f *fetch.Fetcher, pageURL string) ([]Feed, error) {
	if f == nil {
		f = fetch.New(fetch.Options{})
		defer f.CloseIdleConnections()
	}
	u, guessed, err := normalize(pageURL)
	if err != nil {
		return nil, err
	}
	resp, err := f.Fetch(ctx, fetch.Request{URL: u.String()})
	if err != nil && guessed && canTryHTTP(ctx, err) {
		hu := *u
		hu.Scheme = "http"
		if r, herr := f.Fetch(ctx, fetch.Request{URL: hu.String()}); herr == nil {
			u, resp, err = &hu, r, nil
		}
	}

	probeBase := u
	var pageErr error
	if err != nil {
		// A page that answers 403 or 404 may still have a feed at a
		// usual path; an unreachable, overloaded or failing server is
		// not probed further.
		var he *fetch.HTTPError
		if !errors.As(err, &he) || he.StatusCode == http.StatusTooManyRequests || he.StatusCode >= 500 {
			return nil, fmt.Errorf("discover: %w", err)
		}
		pageErr = err
	} else {
		if kind, title, ok := sniff(resp.Body, resp.ContentType); ok {
			return []Feed{{URL: storeURL(u.String(), resp), Title: title, Type: kind}}, nil
		}
		page, err := url.Parse(resp.URL)
		if err != nil {
			page = u
		}
		probeBase = page
		links, pageTitle := pageLinks(resp.Body, resp.ContentType, page)
		if feeds := checkLinks(ctx, f, links, pageTitle); len(feeds) > 0 {
			return feeds, nil
		}
	}

	feeds := probe(ctx, f, candidates(probeBase))
	if err := ctx.Err(); err != nil {
		return nil, fmt.Errorf("discover: %s: %w", u.Redacted(), err)
	}
	if len(feeds) > 0 {
		return feeds, nil
	}
	if pageErr != nil {
		return nil, fmt.Errorf("discover: %w at %s: %w", ErrNoFeed, u.Redacted(), pageErr)
	}
	return nil, fmt.Errorf("discover: %w at %s", ErrNoFeed, u.Redacted())
}

// canTryHTTP reports whether an https failure may go away over http: the
// server could not be reached over TLS, as opposed to answering, timing
// out or the caller giving up.
func canTryHTTP(ctx context.Context, err error) bool {
	var he *fetch.HTTPError
	return ctx.Err() == nil && !errors.As(err, &he) && !errors.Is(err, fetch.ErrTimeout) &&
		!errors.Is(err, fetch.ErrTooLarge)
}

// storeURL is the URL to subscribe to for a feed asked for at asked: its
// new home after permanent redirects, else the URL asked for.
func storeURL(asked string, resp *fetch.Response) string {
	if resp.PermanentRedirect != "" {
		return resp.PermanentRedirect
	}
	return asked
}

// checked is a candidate URL after fetching it.
type checked struct {
	asked string
	resp  *fetch.Response
	kind  string
	title string
}

// fetchFeeds fetches urls concurrently (the Fetcher bounds how many run
// at once) and returns, in the same order, those that are feeds; the
// others are nil.
func fetchFeeds(ctx context.Context, f *fetch.Fetcher, urls []string) []*checked {
	out := make([]*checked, len(urls))
	var wg sync.WaitGroup
	for i, u := range urls {
		wg.Go(func() {
			resp, err := f.Fetch(ctx, fetch.Request{URL: u})
			if err != nil {
				return
			}
			if kind, title, ok := sniff(resp.Body, resp.ContentType); ok {
				out[i] = &checked{asked: u, resp: resp, kind: kind, title: title}
			}
		})
	}
	wg.Wait()
	return out
}

// dedupe collects feeds, dropping one already seen by URL, final URL or
// identical body.
type dedupe struct {
	feeds []Feed
	seen  map[string]bool
}

func (d *dedupe) add(c *checked, fallbackTitle string) {
	if d.seen == nil {
		d.seen = map[string]bool{}
	}
	feedURL := storeURL(c.asked, c.resp)
	sum := sha256.Sum256(c.resp.Body)
	keys := []string{"u:" + feedURL, "u:" + c.asked, "u:" + c.resp.URL, "b:" + string(sum[:])}
	dup := false
	for _, k := range keys {
		dup = dup || d.seen[k]
	}
	for _, k := range keys {
		d.seen[k] = true
	}
	if dup {
		return
	}
	title := c.title
	if title == "" {
		title = fallbackTitle
	}
	d.feeds = append(d.feeds, Feed{URL: feedURL, Title: title, Type: c.kind})
}

// checkLinks keeps the declared feeds that are feeds, main feeds before
// comment feeds.
func checkLinks(ctx context.Context, f *fetch.Fetcher, links []link, pageTitle string) []Feed {
	var urls []string
	titles := map[string]string{}
	for _, l := range links {
		if _, ok := titles[l.URL]; ok {
			continue
		}
		titles[l.URL] = l.Title
		urls = append(urls, l.URL)
		if len(urls) == maxLinks {
			break
		}
	}
	var d dedupe
	for _, c := range fetchFeeds(ctx, f, urls) {
		if c == nil {
			continue
		}
		title := titles[c.asked]
		if title == "" {
			title = pageTitle
		}
		d.add(c, title)
	}
	// Stable: document order otherwise.
	sort.SliceStable(d.feeds, func(i, j int) bool {
		return !isComments(d.feeds[i]) && isComments(d.feeds[j])
	})
	return d.feeds
}

var commentsRE = regexp.MustCompile(`(?i)\bcomments?\b`)

// isComments spots comment feeds (WordPress's "Comments Feed",
// /comments/feed/), which are rarely what a person subscribes to.
func isComments(f Feed) bool {
	return commentsRE.MatchString(f.Title) || strings.Contains(strings.ToLower(f.URL), "/comments/")
}

// probe tries the common paths and keeps those that are feeds.
func probe(ctx context.Context, f *fetch.Fetcher, urls []string) []Feed {
	var d dedupe
	for _, c := range fetchFeeds(ctx, f, urls) {
		if c != nil {
			d.add(c, "")
		}
	}
	return d.feeds
}

// candidates lists the common feed paths under page's directory (when it
// is not the root), then under the site root, without duplicates.
func candidates(page *url.URL) []string {
	dir := page.Path
	if dir == "" {
		dir = "/"
	}
	if !strings.HasSuffix(dir, "/") {
		if strings.Contains(path.Base(dir), ".") {
			dir = path.Dir(dir) // a file such as /blog/index.html
		}
		dir = strings.TrimSuffix(dir, "/") + "/"
	}
	dirs := []string{"/"}
	if dir != "/" {
		dirs = []string{dir, "/"}
	}
	var out []string
	seen := map[string]bool{}
	for _, d := range dirs {
		for _, p := range commonPaths() {
			u := url.URL{Scheme: page.Scheme, User: page.User, Host: page.Host, Path: d + p}
			if s := u.String(); !seen[s] {
				seen[s] = true
				out = append(out, s)
			}
		}
	}
	return out
}

// NormalizeURL turns what a person pasted into an absolute http or https
// URL. It trims spaces; adds https:// when the scheme is missing
// ("example.com/blog" → "https://example.com/blog", "//example.com" →
// "https://example.com"); reads feed: URLs ("feed://example.com/rss",
// "feed:https://example.com/rss"); lowercases the scheme and host and drops
// the fragment. Other schemes (ftp:, file:, mailto:, javascript:, ...) are
// refused with an error wrapping fetch.ErrUnsupportedScheme.
func NormalizeURL(raw string) (string, error) {
	u, _, err := normalize(raw)
	if err != nil {
		return "", err
	}
	return u.String(), nil
}

// schemeRE matches a URL scheme and its colon.
var schemeRE = regexp.MustCompile(`^[A-Za-z][A-Za-z0-9+.\-]*:`)

// normalize is NormalizeURL that also reports whether the scheme was
// guessed (so http may be tried when https fails).
func normalize(raw string) (u *url.URL, guessed bool, err error) {
	s := strings.TrimSpace(raw)
	if s == "" {
		return nil, false, fmt.Errorf("discover: %w: empty", ErrInvalidURL)
	}
	if m := schemeRE.FindString(s); strings.EqualFold(m, "feed:") {
		s = s[len(m):]
		if strings.HasPrefix(s, "//") {
			// feed://host/path: the scheme of the feed itself is unknown.
			s = strings.TrimPrefix(s, "//")
			guessed = true
		}
	}
	switch {
	case strings.HasPrefix(s, "//"):
		s = "https:" + s
		guessed = true
	case !hasScheme(s):
		s = "https://" + s
		guessed = true
	}
	u, err = url.Parse(s)
	if err != nil {
		var ue *url.Error
		if errors.As(err, &ue) {
			err = ue.Err
		}
		return nil, false, fmt.Errorf("discover: %w %q: %w", ErrInvalidURL, raw, err)
	}
	u.Scheme = strings.ToLower(u.Scheme)
	if !isHTTP(u) {
		return nil, false, fmt.Errorf("discover: %w %q in %q: only http and https URLs can be subscribed to",
			fetch.ErrUnsupportedScheme, u.Scheme, raw)
	}
	if u.Host == "" || strings.HasPrefix(u.Host, ":") {
		return nil, false, fmt.Errorf("discover: %w %q: no host name", ErrInvalidURL, raw)
	}
	u.Host = strings.ToLower(u.Host)
	u.Fragment, u.RawFragment = "", ""
	return u, guessed, nil
}

// hasScheme tells "https://x", "mailto:x" and "ftp://x" (schemes) from
// "example.com/blog" and "localhost:8080/feed" (a host, maybe a port).
func hasScheme(s string) bool {
	m := schemeRE.FindString(s)
	if m == "" {
		return false
	}
	rest := s[len(m):]
	if rest != "" && rest[0] >= '0' && rest[0] <= '9' {
		return false // host:port
	}
	return true
}
