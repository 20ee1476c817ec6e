package fetch

import (
	"bytes"
	"compress/flate"
	"compress/gzip"
	"compress/zlib"
	"context"
	"errors"
	"fmt"
	"io"
	"math/rand"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"regexp"
	"runtime"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

const rssBody = `<?xml version="1.0"?><rss version="2.0"><channel><title>T</title></channel></rss>`

// newServer starts a test server that is closed when the test ends.
func newServer(t *testing.T, h http.HandlerFunc) *httptest.Server {
	t.Helper()
	srv := httptest.NewServer(h)
	t.Cleanup(srv.Close)
	return srv
}

// newFetcher returns a Fetcher with short limits for tests.
func newFetcher(t *testing.T, opts Options) *Fetcher {
	t.Helper()
	if opts.Timeout == 0 {
		opts.Timeout = 5 * time.Second
	}
	f := New(opts)
	t.Cleanup(f.CloseIdleConnections)
	return f
}

// waitOrCancel blocks a handler until the client goes away (or a safety
// limit passes), so the server can close promptly.
func waitOrCancel(r *http.Request, d time.Duration) {
	select {
	case <-r.Context().Done():
	case <-time.After(d):
	}
}

func gzipBytes(t testing.TB, b []byte) []byte {
	t.Helper()
	var buf bytes.Buffer
	zw, err := gzip.NewWriterLevel(&buf, gzip.BestCompression)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := zw.Write(b); err != nil {
		t.Fatal(err)
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func TestFetchOK(t *testing.T) {
	var got http.Header
	srv := newServer(t, func(w http.ResponseWriter, r *http.Request) {
		got = r.Header.Clone()
		w.Header().Set("Content-Type", "application/rss+xml; charset=utf-8")
		w.Header().Set("ETag", `"v1"`)
		w.Header().Set("Last-Modified", "Mon, 02 Jan 2006 15:04:05 GMT")
		io.WriteString(w, rssBody)
	})
	f := newFetcher(t, Options{})
	resp, err := f.Fetch(context.Background(), Request{URL: srv.URL + "/feed"})
	if err != nil {
		t.Fatal(err)
	}
	if string(resp.Body) != rssBody {
		t.Errorf("body = %q", resp.Body)
	}
	if resp.URL != srv.URL+"/feed" || resp.StatusCode != 200 || resp.NotModified || resp.PermanentRedirect != "" {
		t.Errorf("resp = %+v", resp)
	}
	if resp.ContentType != "application/rss+xml; charset=utf-8" || resp.ETag != `"v1"` || resp.LastModified != "Mon, 02 Jan 2006 15:04:05 GMT" {
		t.Errorf("headers: %+v", resp)
	}
	if ua := got.Get("User-Agent"); ua != DefaultUserAgent {
		t.Errorf("User-Agent = %q, want %q", ua, DefaultUserAgent)
	}
	if a := got.Get("Accept"); !strings.HasPrefix(a, "application/rss+xml, application/atom+xml, application/feed+json") || !strings.Contains(a, "text/html;q=0.5") {
		t.Errorf("Accept = %q", a)
	}
	if ae := got.Get("Accept-Encoding"); ae != "gzip" {
		t.Errorf("Accept-Encoding = %q", ae)
	}
	if got.Get("If-None-Match") != "" || got.Get("If-Modified-Since") != "" {
		t.Errorf("conditional headers sent without validators: %v", got)
	}
}

func TestUserAgentOption(t *testing.T) {
	var ua atomic.Value
	srv := newServer(t, func(w http.ResponseWriter, r *http.Request) {
		ua.Store(r.UserAgent())
		io.WriteString(w, rssBody)
	})
	f := newFetcher(t, Options{UserAgent: "Test/1.0"})
	if _, err := f.Fetch(context.Background(), Request{URL: srv.URL}); err != nil {
		t.Fatal(err)
	}
	if got := ua.Load(); got != "Test/1.0" {
		t.Errorf("User-Agent = %q", got)
	}
}

// The default User-Agent names the app's version, kept in FyneApp.toml.
func TestDefaultUserAgentVersion(t *testing.T) {
	b, err := os.ReadFile("../../FyneApp.toml")
	if err != nil {
		t.Skipf("FyneApp.toml: %v", err)
	}
	m := regexp.MustCompile(`(?m)^\s*Version\s*=\s*"([^"]+)"`).FindSubmatch(b)
	if m == nil {
		t.Fatal("no Version in FyneApp.toml")
	}
	if want := "Knowflow/" + string(m[1]) + " "; !strings.HasPrefix(DefaultUserAgent, want) {
		t.Errorf("DefaultUserAgent = %q, want prefix %q (FyneApp.toml)", DefaultUserAgent, want)
	}
}

func TestConditionalGetETag(t *testing.T) {
	const etag = `W/"abc123"`
	var hits atomic.Int32
	srv := newServer(t, func(w http.ResponseWriter, r *http.Request) {
		hits.Add(1)
		if r.Header.Get("If-None-Match") == etag {
			w.Header().Set("ETag", etag)
			w.WriteHeader(http.StatusNotModified)
			return
		}
		w.Header().Set("ETag", etag)
		io.WriteString(w, rssBody)
	})
	f := newFetcher(t, Options{})
	first, err := f.Fetch(context.Background(), Request{URL: srv.URL})
	if err != nil {
		t.Fatal(err)
	}
	if first.NotModified || first.ETag != etag {
		t.Fatalf("first = %+v", first)
	}
	second, err := f.Fetch(context.Background(), Request{URL: srv.URL, ETag: first.ETag})
	if err != nil {
		t.Fatalf("304 should not be an error: %v", err)
	}
	if !second.NotModified || second.StatusCode != 304 || len(second.Body) != 0 || second.ETag != etag {
		t.Errorf("second = %+v", second)
	}
	if hits.Load() != 2 {
		t.Errorf("hits = %d", hits.Load())
	}
}

func TestConditionalGetLastModified(t *testing.T) {
	lastMod := time.Date(2024, 5, 6, 7, 8, 9, 0, time.UTC)
	srv := newServer(t, func(w http.ResponseWriter, r *http.Request) {
		if t, err := http.ParseTime(r.Header.Get("If-Modified-Since")); err == nil && !lastMod.After(t) {
			w.WriteHeader(http.StatusNotModified)
			return
		}
		w.Header().Set("Last-Modified", lastMod.Format(http.TimeFormat))
		io.WriteString(w, rssBody)
	})
	f := newFetcher(t, Options{})
	first, err := f.Fetch(context.Background(), Request{URL: srv.URL})
	if err != nil {
		t.Fatal(err)
	}
	if first.LastModified != lastMod.Format(http.TimeFormat) {
		t.Fatalf("LastModified = %q", first.LastModified)
	}
	second, err := f.Fetch(context.Background(), Request{URL: srv.URL, LastModified: first.LastModified, ETag: `"kept"`})
	if err != nil {
		t.Fatal(err)
	}
	if !second.NotModified || second.Body != nil {
		t.Fatalf("second = %+v", second)
	}
	// The 304 repeated neither validator: the request's come back, so a
	// caller storing them does not lose them.
	if second.LastModified != first.LastModified || second.ETag != `"kept"` {
		t.Errorf("validators not kept: %+v", second)
	}
}

func TestGzipAndDeflate(t *testing.T) {
	body := []byte(strings.Repeat(rssBody, 50))
	zl := func() []byte {
		var b bytes.Buffer
		w := zlib.NewWriter(&b)
		w.Write(body)
		w.Close()
		return b.Bytes()
	}()
	raw := func() []byte {
		var b bytes.Buffer
		w, _ := flate.NewWriter(&b, flate.DefaultCompression)
		w.Write(body)
		w.Close()
		return b.Bytes()
	}()
	gz := gzipBytes(t, body)
	cases := []struct {
		name, encoding string
		payload        []byte
	}{
		{"gzip", "gzip", gz},
		{"x-gzip", "x-gzip", gz},
		{"deflate zlib", "deflate", zl},
		{"deflate raw", "deflate", raw},
		{"gzip unannounced", "", gz},
		{"identity", "identity", body},
		{"gzip twice", "gzip, gzip", gzipBytes(t, gz)},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			srv := newServer(t, func(w http.ResponseWriter, r *http.Request) {
				if c.encoding != "" {
					w.Header().Set("Content-Encoding", c.encoding)
				}
				w.Write(c.payload)
			})
			resp, err := newFetcher(t, Options{}).Fetch(context.Background(), Request{URL: srv.URL})
			if err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(resp.Body, body) {
				t.Errorf("body not decoded: %d bytes, want %d", len(resp.Body), len(body))
			}
		})
	}
}

func TestBadEncoding(t *testing.T) {
	for _, c := range []struct{ encoding, body, want string }{
		{"br", "xx", `unsupported Content-Encoding "br"`},
		{"gzip", "not gzip at all", "gzip"},
	} {
		srv := newServer(t, func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Content-Encoding", c.encoding)
			io.WriteString(w, c.body)
		})
		_, err := newFetcher(t, Options{}).Fetch(context.Background(), Request{URL: srv.URL})
		if err == nil || !strings.Contains(err.Error(), c.want) || !strings.HasPrefix(err.Error(), "fetch: "+srv.URL) {
			t.Errorf("%s: err = %v, want mention of %q", c.encoding, err, c.want)
		}
	}
}

func TestTooLargePlain(t *testing.T) {
	const limit = 1024
	big := strings.Repeat("x", limit+1)
	cases := []struct {
		name string
		h    http.HandlerFunc
	}{
		{"content-length", func(w http.ResponseWriter, r *http.Request) {
			io.WriteString(w, big)
		}},
		{"chunked", func(w http.ResponseWriter, r *http.Request) {
			for i := 0; i < 4; i++ {
				io.WriteString(w, big[:limit/2])
				w.(http.Flusher).Flush()
			}
		}},
		{"compressed too large", func(w http.ResponseWriter, r *http.Request) {
			// Random bytes do not compress: the raw body is over the cap.
			b := make([]byte, 4*limit)
			rand.New(rand.NewSource(1)).Read(b)
			w.Header().Set("Content-Encoding", "gzip")
			w.Write(gzipBytes(t, b))
		}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			srv := newServer(t, c.h)
			_, err := newFetcher(t, Options{MaxBodyBytes: limit}).Fetch(context.Background(), Request{URL: srv.URL})
			if !errors.Is(err, ErrTooLarge) {
				t.Fatalf("err = %v, want ErrTooLarge", err)
			}
			if want := "fetch: " + srv.URL + ": response too large (limit 1 KiB)"; err.Error() != want {
				t.Errorf("err = %q, want %q", err, want)
			}
		})
	}

	t.Run("exactly at limit", func(t *testing.T) {
		srv := newServer(t, func(w http.ResponseWriter, r *http.Request) {
			io.WriteString(w, big[:limit])
		})
		resp, err := newFetcher(t, Options{MaxBodyBytes: limit}).Fetch(context.Background(), Request{URL: srv.URL})
		if err != nil || len(resp.Body) != limit {
			t.Fatalf("resp, err = %v, %v", resp, err)
		}
	})
}

// gzipBomb returns a gzip file (one member per MiB, a valid multi-member
// gzip) of n MiB of zeros: about 1 KB compressed per MiB.
func gzipBomb(t testing.TB, mib int) []byte {
	member := gzipBytes(t, make([]byte, 1<<20))
	return bytes.Repeat(member, mib)
}

func TestGzipBomb(t *testing.T) {
	bomb := gzipBomb(t, 100) // 100 MiB of zeros
	if len(bomb) > 200<<10 {
		t.Fatalf("bomb is %d bytes compressed; expected ~100 KB", len(bomb))
	}
	srv := newServer(t, func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/rss+xml")
		w.Header().Set("Content-Encoding", "gzip")
		w.Write(bomb)
	})
	const limit = 1 << 20
	f := newFetcher(t, Options{MaxBodyBytes: limit})

	runtime.GC()
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	_, err := f.Fetch(context.Background(), Request{URL: srv.URL})
	runtime.ReadMemStats(&after)

	if !errors.Is(err, ErrTooLarge) {
		t.Fatalf("err = %v, want ErrTooLarge", err)
	}
	if !strings.Contains(err.Error(), "limit 1 MiB") {
		t.Errorf("err = %q, want the limit named", err)
	}
	// Decompression stops at the cap: the allocation is a few times the
	// cap (buffer doubling, gzip state, HTTP), nowhere near 100 MiB.
	if alloc := after.TotalAlloc - before.TotalAlloc; alloc > 8*limit {
		t.Errorf("allocated %d bytes for a %d-byte cap", alloc, limit)
	}
}

func TestReadAllNeverExceedsLimit(t *testing.T) {
	const limit = 100_000
	for _, n := range []int{0, 1, limit - 1, limit, limit + 1, 3 * limit} {
		b, err := readAll(io.LimitReader(zeroReader{}, int64(n)), limit, -1)
		if n > limit {
			if !errors.Is(err, errOverLimit) {
				t.Errorf("n=%d: err = %v", n, err)
			}
			continue
		}
		if err != nil || len(b) != n {
			t.Errorf("n=%d: len=%d err=%v", n, len(b), err)
		}
		if cap(b) > limit+1 {
			t.Errorf("n=%d: cap %d > limit+1", n, cap(b))
		}
	}
}

type zeroReader struct{}

func (zeroReader) Read(p []byte) (int, error) {
	clear(p)
	return len(p), nil
}

// redirectServer serves /hop/N redirecting to /hop/N-1 with code, and
// /hop/0 as the feed.
func redirectServer(t *testing.T, codes func(n int) int) *httptest.Server {
	return newServer(t, func(w http.ResponseWriter, r *http.Request) {
		var n int
		if _, err := fmt.Sscanf(r.URL.Path, "/hop/%d", &n); err != nil {
			http.NotFound(w, r)
			return
		}
		if n == 0 {
			w.Header().Set("ETag", `"final"`)
			io.WriteString(w, rssBody)
			return
		}
		http.Redirect(w, r, fmt.Sprintf("/hop/%d", n-1), codes(n))
	})
}

func TestRedirects(t *testing.T) {
	always := func(code int) func(int) int { return func(int) int { return code } }
	cases := []struct {
		name      string
		hops      int
		codes     func(int) int
		opts      Options
		err       error
		permanent string // path of PermanentRedirect, "" for none
	}{
		{name: "3 permanent", hops: 3, codes: always(301), permanent: "/hop/0"},
		{name: "3 permanent 308", hops: 3, codes: always(308), permanent: "/hop/0"},
		{name: "3 temporary", hops: 3, codes: always(302)},
		{name: "307", hops: 1, codes: always(307)},
		{name: "303", hops: 1, codes: always(303)},
		// 301 from /hop/3 to /hop/2, then 302s: the feed moved to /hop/2.
		{name: "permanent then temporary", hops: 3, codes: func(n int) int {
			if n == 3 {
				return 301
			}
			return 302
		}, permanent: "/hop/2"},
		{name: "temporary then permanent", hops: 3, codes: func(n int) int {
			if n == 3 {
				return 302
			}
			return 301
		}},
		{name: "5 is the limit", hops: 5, codes: always(301), permanent: "/hop/0"},
		{name: "6 refused", hops: 6, codes: always(301), err: ErrTooManyRedirects},
		{name: "custom limit", hops: 3, codes: always(302), opts: Options{MaxRedirects: 2}, err: ErrTooManyRedirects},
		{name: "none allowed", hops: 1, codes: always(302), opts: Options{MaxRedirects: -1}, err: ErrTooManyRedirects},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			srv := redirectServer(t, c.codes)
			start := fmt.Sprintf("%s/hop/%d", srv.URL, c.hops)
			resp, err := newFetcher(t, c.opts).Fetch(context.Background(), Request{URL: start})
			if c.err != nil {
				if !errors.Is(err, c.err) {
					t.Fatalf("err = %v, want %v", err, c.err)
				}
				if !strings.HasPrefix(err.Error(), "fetch: "+srv.URL) || !strings.Contains(err.Error(), "too many redirects (limit ") {
					t.Errorf("err = %q", err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if resp.URL != srv.URL+"/hop/0" || string(resp.Body) != rssBody || resp.ETag != `"final"` {
				t.Errorf("resp = %+v", resp)
			}
			want := ""
			if c.permanent != "" {
				want = srv.URL + c.permanent
			}
			if resp.PermanentRedirect != want {
				t.Errorf("PermanentRedirect = %q, want %q", resp.PermanentRedirect, want)
			}
		})
	}
}

func TestRedirectSixRefusedMessage(t *testing.T) {
	srv := redirectServer(t, func(int) int { return 302 })
	_, err := newFetcher(t, Options{}).Fetch(context.Background(), Request{URL: srv.URL + "/hop/6"})
	if want := "fetch: " + srv.URL + "/hop/1: too many redirects (limit 5)"; err == nil || err.Error() != want {
		t.Errorf("err = %v, want %q", err, want)
	}
}

func TestRedirectLoop(t *testing.T) {
	srv := newServer(t, func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/a":
			http.Redirect(w, r, "/b", http.StatusFound)
		case "/b":
			http.Redirect(w, r, "/a", http.StatusMovedPermanently)
		case "/self":
			http.Redirect(w, r, "/self", http.StatusFound)
		}
	})
	f := newFetcher(t, Options{MaxRedirects: 20})
	for _, p := range []string{"/a", "/self"} {
		_, err := f.Fetch(context.Background(), Request{URL: srv.URL + p})
		if !errors.Is(err, ErrRedirectLoop) {
			t.Fatalf("%s: err = %v, want ErrRedirectLoop", p, err)
		}
		if !strings.Contains(err.Error(), "redirect loop back to "+srv.URL+p) {
			t.Errorf("%s: err = %q", p, err)
		}
	}
	// With the default limit a loop is still refused, whichever check
	// comes first.
	if _, err := newFetcher(t, Options{}).Fetch(context.Background(), Request{URL: srv.URL + "/a"}); err == nil {
		t.Error("loop fetched")
	}
}

// A site that sets a cookie and redirects to the same URL is not a loop.
func TestRedirectWithCookie(t *testing.T) {
	srv := newServer(t, func(w http.ResponseWriter, r *http.Request) {
		if _, err := r.Cookie("consent"); err != nil {
			http.SetCookie(w, &http.Cookie{Name: "consent", Value: "yes", Path: "/"})
			http.Redirect(w, r, r.URL.Path, http.StatusFound)
			return
		}
		io.WriteString(w, rssBody)
	})
	resp, err := newFetcher(t, Options{}).Fetch(context.Background(), Request{URL: srv.URL + "/feed"})
	if err != nil {
		t.Fatal(err)
	}
	if string(resp.Body) != rssBody {
		t.Errorf("body = %q", resp.Body)
	}
}

func TestRedirectToNonHTTP(t *testing.T) {
	for _, loc := range []string{"ftp://example.com/feed", "file:///etc/passwd", "javascript:alert(1)"} {
		srv := newServer(t, func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Location", loc)
			w.WriteHeader(http.StatusFound)
		})
		_, err := newFetcher(t, Options{}).Fetch(context.Background(), Request{URL: srv.URL})
		if !errors.Is(err, ErrUnsupportedScheme) || !strings.Contains(err.Error(), "refusing redirect to") {
			t.Errorf("%s: err = %v", loc, err)
		}
	}
}

// A 3xx without Location is not followed: it is an HTTP error.
func TestRedirectWithoutLocation(t *testing.T) {
	srv := newServer(t, func(w http.ResponseWriter, r *http.Request) {
		w.WriteHeader(http.StatusFound)
	})
	_, err := newFetcher(t, Options{}).Fetch(context.Background(), Request{URL: srv.URL})
	var he *HTTPError
	if !errors.As(err, &he) || he.StatusCode != 302 {
		t.Errorf("err = %v", err)
	}
}

// Conditional headers follow the redirect, and a 304 at the end still
// reports that the feed moved.
func TestRedirectThenNotModified(t *testing.T) {
	srv := newServer(t, func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/old" {
			http.Redirect(w, r, "/new", http.StatusMovedPermanently)
			return
		}
		if r.Header.Get("If-None-Match") == `"x"` {
			w.WriteHeader(http.StatusNotModified)
			return
		}
		io.WriteString(w, rssBody)
	})
	resp, err := newFetcher(t, Options{}).Fetch(context.Background(), Request{URL: srv.URL + "/old", ETag: `"x"`})
	if err != nil {
		t.Fatal(err)
	}
	if !resp.NotModified || resp.PermanentRedirect != srv.URL+"/new" || resp.URL != srv.URL+"/new" {
		t.Errorf("resp = %+v", resp)
	}
}

// Each hop takes its host's slot only while it runs: with one slot per
// host, a redirect to the same host must not wait for itself.
func TestRedirectSameHostOneSlot(t *testing.T) {
	srv := redirectServer(t, func(int) int { return 302 })
	f := newFetcher(t, Options{MaxPerHost: 1, Timeout: 2 * time.Second})
	if _, err := f.Fetch(context.Background(), Request{URL: srv.URL + "/hop/3"}); err != nil {
		t.Fatal(err)
	}
	if n := f.hosts.size(); n != 0 {
		t.Errorf("%d host entries left after the fetch", n)
	}
}

// Two fetches that redirect across two hosts in opposite directions, with
// one slot per host: a fetch that kept its first host's slot while waiting
// for the next host's would deadlock here.
func TestRedirectAcrossHostsNoDeadlock(t *testing.T) {
	if addrs, err := net.LookupHost("localhost"); err != nil || !slices.Contains(addrs, "127.0.0.1") {
		t.Skipf("localhost does not resolve to 127.0.0.1: %v %v", addrs, err)
	}
	var arrived sync.WaitGroup
	arrived.Add(2)
	both := make(chan struct{})
	go func() { arrived.Wait(); close(both) }()
	var srv *httptest.Server
	srv = newServer(t, func(w http.ResponseWriter, r *http.Request) {
		port := srv.Listener.Addr().(*net.TCPAddr).Port
		switch r.URL.Path {
		case "/a", "/b":
			arrived.Done()
			select {
			case <-both:
			case <-time.After(2 * time.Second):
			}
			other := "localhost"
			if r.URL.Path == "/b" {
				other = "127.0.0.1"
			}
			http.Redirect(w, r, fmt.Sprintf("http://%s:%d/done", other, port), http.StatusFound)
		default:
			io.WriteString(w, rssBody)
		}
	})
	port := srv.Listener.Addr().(*net.TCPAddr).Port
	f := newFetcher(t, Options{MaxPerHost: 1, Timeout: 3 * time.Second})
	runConcurrent(t, f, []string{
		fmt.Sprintf("http://127.0.0.1:%d/a", port),
		fmt.Sprintf("http://localhost:%d/b", port),
	})
}

func TestTimeout(t *testing.T) {
	t.Run("headers", func(t *testing.T) {
		srv := newServer(t, func(w http.ResponseWriter, r *http.Request) {
			waitOrCancel(r, 5*time.Second)
		})
		f := newFetcher(t, Options{Timeout: 200 * time.Millisecond})
		start := time.Now() // wall clock: elapsed time only
		_, err := f.Fetch(context.Background(), Request{URL: srv.URL + "/slow"})
		if !errors.Is(err, ErrTimeout) {
			t.Fatalf("err = %v, want ErrTimeout", err)
		}
		if want := "fetch: " + srv.URL + "/slow: timed out after 200ms"; err.Error() != want {
			t.Errorf("err = %q, want %q", err, want)
		}
		if d := time.Since(start); d > 2*time.Second { // wall clock: elapsed time only
			t.Errorf("took %v", d)
		}
	})
	t.Run("body", func(t *testing.T) {
		// Headers arrive at once, the body stalls: the timeout covers
		// reading the body too.
		srv := newServer(t, func(w http.ResponseWriter, r *http.Request) {
			io.WriteString(w, "<rss>")
			w.(http.Flusher).Flush()
			waitOrCancel(r, 5*time.Second)
		})
		f := newFetcher(t, Options{Timeout: 200 * time.Millisecond})
		_, err := f.Fetch(context.Background(), Request{URL: srv.URL})
		if !errors.Is(err, ErrTimeout) {
			t.Fatalf("err = %v, want ErrTimeout", err)
		}
	})
}

func TestContextCancel(t *testing.T) {
	srv := newServer(t, func(w http.ResponseWriter, r *http.Request) {
		waitOrCancel(r, 5*time.Second)
	})
	f := newFetcher(t, Options{})
	ctx, cancel := context.WithCancel(context.Background())
	time.AfterFunc(50*time.Millisecond, cancel)
	start := time.Now() // wall clock: elapsed time only
	_, err := f.Fetch(ctx, Request{URL: srv.URL})
	if !errors.Is(err, context.Canceled) || errors.Is(err, ErrTimeout) {
		t.Fatalf("err = %v, want context.Canceled", err)
	}
	if want := "fetch: " + srv.URL + ": context canceled"; err.Error() != want {
		t.Errorf("err = %q, want %q", err, want)
	}
	if d := time.Since(start); d > 2*time.Second { // wall clock: elapsed time only
		t.Errorf("took %v", d)
	}

	// Already cancelled: no request at all.
	var hits atomic.Int32
	srv2 := newServer(t, func(w http.ResponseWriter, r *http.Request) { hits.Add(1) })
	if _, err := f.Fetch(ctx, Request{URL: srv2.URL}); !errors.Is(err, context.Canceled) {
		t.Errorf("err = %v", err)
	}
	if hits.Load() != 0 {
		t.Error("request sent with a cancelled context")
	}
}

func TestHTTPErrors(t *testing.T) {
	date := time.Now().Add(2 * time.Minute).UTC().Format(http.TimeFormat) // wall clock: Retry-After is relative to the fetcher's wall clock
	cases := []struct {
		code       int
		retryAfter string
		want       string
		min, max   time.Duration
	}{
		{code: 500, want: "HTTP 500 Internal Server Error"},
		{code: 404, want: "HTTP 404 Not Found"},
		{code: 410, want: "HTTP 410 Gone"},
		{code: 429, retryAfter: "120", want: "HTTP 429 Too Many Requests", min: 120 * time.Second, max: 120 * time.Second},
		{code: 429, retryAfter: date, want: "HTTP 429 Too Many Requests", min: 100 * time.Second, max: 121 * time.Second},
		{code: 503, retryAfter: "3600", want: "HTTP 503 Service Unavailable", min: time.Hour, max: time.Hour},
		{code: 503, retryAfter: date, want: "HTTP 503 Service Unavailable", min: 100 * time.Second, max: 121 * time.Second},
		{code: 503, retryAfter: "soon", want: "HTTP 503 Service Unavailable"},
		{code: 429, retryAfter: "99999999999", want: "HTTP 429 Too Many Requests", min: MaxRetryAfter, max: MaxRetryAfter},
		// Retry-After only counts on 429 and 503.
		{code: 500, retryAfter: "120", want: "HTTP 500 Internal Server Error"},
	}
	for _, c := range cases {
		t.Run(fmt.Sprintf("%d %s", c.code, c.retryAfter), func(t *testing.T) {
			srv := newServer(t, func(w http.ResponseWriter, r *http.Request) {
				if c.retryAfter != "" {
					w.Header().Set("Retry-After", c.retryAfter)
				}
				w.WriteHeader(c.code)
				io.WriteString(w, "error page")
			})
			_, err := newFetcher(t, Options{}).Fetch(context.Background(), Request{URL: srv.URL + "/feed"})
			var he *HTTPError
			if !errors.As(err, &he) {
				t.Fatalf("err = %v (%T), want *HTTPError", err, err)
			}
			if he.StatusCode != c.code || he.URL != srv.URL+"/feed" {
				t.Errorf("he = %+v", he)
			}
			if want := "fetch: " + srv.URL + "/feed: " + c.want; err.Error() != want {
				t.Errorf("err = %q, want %q", err, want)
			}
			if he.RetryAfter < c.min || he.RetryAfter > c.max {
				t.Errorf("RetryAfter = %v, want in [%v, %v]", he.RetryAfter, c.min, c.max)
			}
		})
	}
}

func TestParseRetryAfter(t *testing.T) {
	now := time.Date(2025, 1, 2, 3, 4, 5, 0, time.UTC)
	cases := []struct {
		in   string
		want time.Duration
	}{
		{"", 0},
		{"0", 0},
		{"-5", 0},
		{"30", 30 * time.Second},
		{" 30 ", 30 * time.Second},
		{"1.5", 0},
		{"tomorrow", 0},
		{now.Add(90 * time.Second).Format(http.TimeFormat), 90 * time.Second},
		{now.Add(-time.Hour).Format(http.TimeFormat), 0},
		{now.Add(30 * 24 * time.Hour).Format(http.TimeFormat), MaxRetryAfter},
		{"Thursday, 02-Jan-25 03:05:05 GMT", time.Minute}, // RFC 850 form
		{"99999999999999999999999", 0},                    // not an int64
		{"9999999999", MaxRetryAfter},
	}
	for _, c := range cases {
		if got := parseRetryAfter(c.in, now); got != c.want {
			t.Errorf("parseRetryAfter(%q) = %v, want %v", c.in, got, c.want)
		}
	}
}

func TestStatusLine(t *testing.T) {
	cases := []struct {
		code   int
		status string
		want   string
	}{
		{500, "500 Internal Server Error", "500 Internal Server Error"},
		{500, "500", "500 Internal Server Error"},
		{500, "", "500 Internal Server Error"},
		{503, "503 Back Soon", "503 Back Soon"},
		{599, "599", "599"},
	}
	for _, c := range cases {
		if got := statusLine(c.code, c.status); got != c.want {
			t.Errorf("statusLine(%d, %q) = %q, want %q", c.code, c.status, got, c.want)
		}
	}
}

func TestBadURL(t *testing.T) {
	f := newFetcher(t, Options{})
	cases := []struct {
		url  string
		is   error
		want string
	}{
		{"", nil, "fetch: empty URL"},
		{"ftp://example.com/feed", ErrUnsupportedScheme, `fetch: ftp://example.com/feed: unsupported URL scheme "ftp" (want http or https)`},
		{"example.com/feed", ErrUnsupportedScheme, "fetch: example.com/feed: unsupported URL scheme: URL has no scheme (want http:// or https://)"},
		{"http://", nil, "fetch: http://: invalid URL: no host"},
		{"http://exa mple.com/", nil, "invalid URL"},
	}
	for _, c := range cases {
		_, err := f.Fetch(context.Background(), Request{URL: c.url})
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("Fetch(%q) err = %v, want %q", c.url, err, c.want)
		}
		if c.is != nil && !errors.Is(err, c.is) {
			t.Errorf("Fetch(%q) err = %v, want errors.Is %v", c.url, err, c.is)
		}
	}
}

func TestConnectionRefused(t *testing.T) {
	srv := httptest.NewServer(http.NotFoundHandler())
	url := srv.URL
	srv.Close()
	_, err := newFetcher(t, Options{}).Fetch(context.Background(), Request{URL: url + "/feed"})
	if err == nil || !strings.HasPrefix(err.Error(), "fetch: "+url+"/feed: ") || errors.Is(err, ErrTimeout) {
		t.Errorf("err = %v", err)
	}
}

func TestBasicAuthFromURL(t *testing.T) {
	srv := newServer(t, func(w http.ResponseWriter, r *http.Request) {
		if u, p, ok := r.BasicAuth(); !ok || u != "me" || p != "secret" {
			w.WriteHeader(http.StatusUnauthorized)
			return
		}
		io.WriteString(w, rssBody)
	})
	f := newFetcher(t, Options{})
	withAuth := strings.Replace(srv.URL, "http://", "http://me:secret@", 1)
	if _, err := f.Fetch(context.Background(), Request{URL: withAuth}); err != nil {
		t.Fatal(err)
	}
	wrong := strings.Replace(srv.URL, "http://", "http://me:wrong@", 1)
	_, err := f.Fetch(context.Background(), Request{URL: wrong})
	if err == nil || strings.Contains(err.Error(), "wrong") || !strings.Contains(err.Error(), "HTTP 401") {
		t.Errorf("err = %v; want 401 with the password hidden", err)
	}
}

// concurrency counts handlers running at once. Handlers block until the
// expected maximum is reached (or a safety limit passes), so a limiter
// that lets too many through shows up as a higher maximum, and one that
// lets too few through as a maximum never reached.
type concurrency struct {
	want        int32
	cur, max    atomic.Int32
	reached     chan struct{}
	reachedOnce sync.Once
}

func newConcurrency(want int) *concurrency {
	return &concurrency{want: int32(want), reached: make(chan struct{})}
}

func (c *concurrency) handler(w http.ResponseWriter, r *http.Request) {
	n := c.cur.Add(1)
	defer c.cur.Add(-1)
	for {
		m := c.max.Load()
		if n <= m || c.max.CompareAndSwap(m, n) {
			break
		}
	}
	if n >= c.want {
		c.reachedOnce.Do(func() { close(c.reached) })
	}
	select {
	case <-c.reached:
	case <-time.After(2 * time.Second):
	}
	time.Sleep(5 * time.Millisecond) // let others pile up if unlimited
	io.WriteString(w, rssBody)
}

func runConcurrent(t *testing.T, f *Fetcher, urls []string) {
	t.Helper()
	var wg sync.WaitGroup
	errs := make(chan error, len(urls))
	for _, u := range urls {
		wg.Go(func() {
			if _, err := f.Fetch(context.Background(), Request{URL: u}); err != nil {
				errs <- err
			}
		})
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
}

func TestPerHostLimit(t *testing.T) {
	const perHost = 3
	c := newConcurrency(perHost)
	srv := newServer(t, c.handler)
	f := newFetcher(t, Options{MaxPerHost: perHost, MaxInFlight: 50})
	urls := make([]string, 15)
	for i := range urls {
		urls[i] = fmt.Sprintf("%s/feed/%d", srv.URL, i)
	}
	runConcurrent(t, f, urls)
	if got := c.max.Load(); got != perHost {
		t.Errorf("max concurrent requests to one host = %d, want %d", got, perHost)
	}
	if n := f.hosts.size(); n != 0 {
		t.Errorf("%d host entries left", n)
	}
}

func TestMaxInFlight(t *testing.T) {
	const inFlight = 2
	c := newConcurrency(inFlight)
	srv := newServer(t, c.handler)
	f := newFetcher(t, Options{MaxPerHost: 10, MaxInFlight: inFlight})
	urls := make([]string, 10)
	for i := range urls {
		urls[i] = fmt.Sprintf("%s/feed/%d", srv.URL, i)
	}
	runConcurrent(t, f, urls)
	if got := c.max.Load(); got != inFlight {
		t.Errorf("max concurrent requests = %d, want %d", got, inFlight)
	}
}

// Waiting for a host slot ends with the caller's context.
func TestSlotWaitHonoursContext(t *testing.T) {
	release := make(chan struct{})
	started := make(chan struct{}, 1)
	srv := newServer(t, func(w http.ResponseWriter, r *http.Request) {
		started <- struct{}{}
		select {
		case <-release:
		case <-r.Context().Done():
		}
	})
	defer close(release)
	f := newFetcher(t, Options{MaxPerHost: 1})
	go f.Fetch(context.Background(), Request{URL: srv.URL + "/a"})
	<-started

	ctx, cancel := context.WithTimeout(context.Background(), 100*time.Millisecond)
	defer cancel()
	start := time.Now() // wall clock: elapsed time only
	_, err := f.Fetch(ctx, Request{URL: srv.URL + "/b"})
	if !errors.Is(err, context.DeadlineExceeded) || errors.Is(err, ErrTimeout) {
		t.Fatalf("err = %v, want context.DeadlineExceeded", err)
	}
	if d := time.Since(start); d > time.Second { // wall clock: elapsed time only
		t.Errorf("took %v", d)
	}
}

// Time queued behind other requests to the same host does not count
// against Timeout: the second request waits ~250ms, runs ~250ms, and
// still fits a 400ms Timeout.
func TestQueueTimeNotInTimeout(t *testing.T) {
	srv := newServer(t, func(w http.ResponseWriter, r *http.Request) {
		time.Sleep(250 * time.Millisecond)
		io.WriteString(w, rssBody)
	})
	f := newFetcher(t, Options{MaxPerHost: 1, Timeout: 400 * time.Millisecond})
	runConcurrent(t, f, []string{srv.URL + "/a", srv.URL + "/b"})
}

func TestBackoff(t *testing.T) {
	rnd := rand.New(rand.NewSource(42))
	within := func(d, base time.Duration) bool {
		return d >= base*8/10 && d <= min(base*12/10, BackoffMax)
	}
	for n, base := range map[int]time.Duration{
		1: 5 * time.Minute,
		2: 10 * time.Minute,
		3: 20 * time.Minute,
		4: 40 * time.Minute,
		5: 80 * time.Minute,
		6: 160 * time.Minute,
		7: 320 * time.Minute,
		8: 640 * time.Minute,
		9: 1280 * time.Minute, // 21h20m: jitter may not pass 24h
	} {
		for i := 0; i < 100; i++ {
			if d := Backoff(n, 0, rnd); !within(d, base) {
				t.Fatalf("Backoff(%d) = %v, want %v ±20%%", n, d, base)
			}
		}
	}
	// Near and at the cap: never above 24h, never below 80% of it.
	for _, n := range []int{10, 11, 50, 1000, 1 << 30} {
		for i := 0; i < 100; i++ {
			d := Backoff(n, 0, rnd)
			if d > BackoffMax || d < BackoffMax*8/10 {
				t.Fatalf("Backoff(%d) = %v, want in [19.2h, 24h]", n, d)
			}
		}
	}
	// errorCount below 1 counts as the first error.
	for _, n := range []int{0, -3} {
		if d := Backoff(n, 0, rnd); !within(d, 5*time.Minute) {
			t.Errorf("Backoff(%d) = %v", n, d)
		}
	}
	// Never less than the server's Retry-After, capped so a feed is
	// never parked forever.
	if d := Backoff(1, 2*time.Hour, rnd); d != 2*time.Hour {
		t.Errorf("Backoff(1, 2h) = %v, want 2h", d)
	}
	if d := Backoff(10, 3*24*time.Hour, rnd); d != 3*24*time.Hour {
		t.Errorf("Backoff(10, 72h) = %v, want 72h", d)
	}
	if d := Backoff(1, 1000*time.Hour, rnd); d != MaxRetryAfter {
		t.Errorf("Backoff(1, 1000h) = %v, want %v", d, MaxRetryAfter)
	}
	if d := Backoff(3, time.Second, rnd); !within(d, 20*time.Minute) {
		t.Errorf("small Retry-After changed the backoff: %v", d)
	}
	// Jitter is real and deterministic for a seed.
	a, b := rand.New(rand.NewSource(7)), rand.New(rand.NewSource(7))
	seen := map[time.Duration]bool{}
	for i := 0; i < 20; i++ {
		x, y := Backoff(4, 0, a), Backoff(4, 0, b)
		if x != y {
			t.Fatalf("same seed, different backoff: %v, %v", x, y)
		}
		seen[x] = true
	}
	if len(seen) < 10 {
		t.Errorf("jitter too weak: %d distinct values in 20", len(seen))
	}
	// nil rnd works.
	if d := Backoff(1, 0, nil); !within(d, 5*time.Minute) {
		t.Errorf("Backoff(1, nil) = %v", d)
	}
}

func TestFormatBytes(t *testing.T) {
	for n, want := range map[int64]string{
		10 << 20:   "10 MiB",
		1 << 20:    "1 MiB",
		1536 << 10: "1.5 MiB",
		1024:       "1 KiB",
		1500:       "1.5 KiB",
		300:        "300 bytes",
	} {
		if got := formatBytes(n); got != want {
			t.Errorf("formatBytes(%d) = %q, want %q", n, got, want)
		}
	}
}

func TestOptionsDefaults(t *testing.T) {
	o := New(Options{}).Options()
	if o.UserAgent != DefaultUserAgent || o.Timeout != 30*time.Second || o.MaxBodyBytes != 10<<20 ||
		o.MaxRedirects != 5 || o.MaxInFlight != 32 || o.MaxPerHost != 4 {
		t.Errorf("defaults = %+v", o)
	}
}
