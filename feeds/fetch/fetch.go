// Package fetch downloads feeds over HTTP for Knowflow.
//
// A Fetcher does conditional GET (ETag / Last-Modified), asks for gzip and
// decompresses it itself with a cap on the decompressed size (a gzip bomb
// fails cleanly), follows a bounded number of redirects and only to http and
// https, reports permanent redirects so callers can update stored URLs, and
// limits how many requests run at once, overall and per host. Every request
// takes a context and has a total time limit that includes reading the body.
//
// Errors say which URL failed and why, in words a person can read, and are
// typed for the caller's backoff: HTTP statuses come back as *HTTPError
// (with Retry-After for 429 and 503), and ErrTooLarge, ErrTimeout,
// ErrTooManyRedirects, ErrRedirectLoop and ErrUnsupportedScheme can be
// matched with errors.Is.
package fetch

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"strings"
	"time"

	"golang.org/x/net/publicsuffix"
)

// Defaults for the zero values of Options.
const (
	DefaultUserAgent    = "Knowflow/0.1.0 (+https://github.com/knowflow/knowflow; feed reader)"
	DefaultTimeout      = 30 * time.Second
	DefaultMaxBodyBytes = 10 << 20 // 10 MiB
	DefaultMaxRedirects = 5
	DefaultMaxInFlight  = 32
	DefaultMaxPerHost   = 4
)

// acceptHeader prefers feed formats, then generic XML, then HTML (a page
// discovery can look into), then anything.
const acceptHeader = "application/rss+xml, application/atom+xml, application/feed+json, application/json, application/xml, text/xml, text/html;q=0.5, */*;q=0.1"

// Options configure a Fetcher. Zero values take the defaults above.
type Options struct {
	// UserAgent is sent with every request; default DefaultUserAgent.
	UserAgent string
	// Timeout bounds one Fetch from the moment its request starts to the
	// last byte of the body read, redirects included; default 30s. Time
	// spent queued for a free slot (MaxInFlight, MaxPerHost) before the
	// first request starts does not count.
	Timeout time.Duration
	// MaxBodyBytes caps the body as received and again after
	// decompression; default 10 MiB.
	MaxBodyBytes int64
	// MaxRedirects is how many redirects one Fetch follows; default 5.
	// A negative value follows none.
	MaxRedirects int
	// MaxInFlight caps concurrent requests over the whole Fetcher;
	// default 32.
	MaxInFlight int
	// MaxPerHost caps concurrent requests to one host name (ports and
	// schemes share the host's slots); default 4.
	MaxPerHost int
	// Transport sends the requests; nil uses a Transport tuned for feeds.
	// It must not decompress bodies on its own (http.Transport does not
	// when the caller sets Accept-Encoding, as Fetch does).
	Transport http.RoundTripper
}

func (o Options) withDefaults() Options {
	if o.UserAgent == "" {
		o.UserAgent = DefaultUserAgent
	}
	if o.Timeout <= 0 {
		o.Timeout = DefaultTimeout
	}
	if o.MaxBodyBytes <= 0 {
		o.MaxBodyBytes = DefaultMaxBodyBytes
	}
	switch {
	case o.MaxRedirects == 0:
		o.MaxRedirects = DefaultMaxRedirects
	case o.MaxRedirects < 0:
		o.MaxRedirects = 0
	}
	if o.MaxInFlight <= 0 {
		o.MaxInFlight = DefaultMaxInFlight
	}
	if o.MaxPerHost <= 0 {
		o.MaxPerHost = DefaultMaxPerHost
	}
	return o
}

// Fetcher fetches feeds. It is safe for concurrent use; make one with New
// and share it, since the concurrency limits are per Fetcher.
type Fetcher struct {
	opts      Options
	transport http.RoundTripper
	inFlight  chan struct{}
	hosts     *hostLimiter
}

// New returns a Fetcher with opts, defaults filled in.
func New(opts Options) *Fetcher {
	opts = opts.withDefaults()
	t := opts.Transport
	if t == nil {
		t = newTransport(opts)
	}
	return &Fetcher{
		opts:      opts,
		transport: t,
		inFlight:  make(chan struct{}, opts.MaxInFlight),
		hosts:     newHostLimiter(opts.MaxPerHost),
	}
}

// Options returns the options in effect, defaults filled in.
func (f *Fetcher) Options() Options { return f.opts }

// CloseIdleConnections closes idle keep-alive connections of the
// transport, when it supports that.
func (f *Fetcher) CloseIdleConnections() {
	if c, ok := f.transport.(interface{ CloseIdleConnections() }); ok {
		c.CloseIdleConnections()
	}
}

func newTransport(o Options) *http.Transport {
	return &http.Transport{
		Proxy: http.ProxyFromEnvironment,
		DialContext: (&net.Dialer{
			Timeout:   30 * time.Second,
			KeepAlive: 30 * time.Second,
		}).DialContext,
		ForceAttemptHTTP2:      true,
		MaxIdleConns:           100,
		MaxIdleConnsPerHost:    o.MaxPerHost,
		IdleConnTimeout:        90 * time.Second,
		TLSHandshakeTimeout:    10 * time.Second,
		ExpectContinueTimeout:  1 * time.Second,
		MaxResponseHeaderBytes: 1 << 20,
		DisableCompression:     true, // Fetch decompresses, with a cap
	}
}

// Request is one feed to fetch. ETag and LastModified are the validators
// stored from the previous successful fetch; when set they are sent as
// If-None-Match and If-Modified-Since.
type Request struct {
	URL          string
	ETag         string
	LastModified string
	// Accept is the Accept header; empty asks for feeds (and pages that
	// may link to one).
	Accept string
}

// Response is a fetched feed.
type Response struct {
	// URL is the final URL, after redirects.
	URL string
	// StatusCode is the final HTTP status (2xx, or 304).
	StatusCode int
	// NotModified reports a 304: Body is empty and the stored copy is
	// current.
	NotModified bool
	// Body is the decompressed body, at most MaxBodyBytes long.
	Body []byte
	// ContentType is the Content-Type header as sent.
	ContentType string
	// ETag and LastModified are the validators to store for the next
	// conditional GET. On a 304 that does not repeat them they are the
	// request's, so storing them never loses a validator.
	ETag, LastModified string
	// PermanentRedirect is the URL the feed permanently moved to, set when
	// the redirect chain began with 301/308 redirects: the URL reached by
	// those permanent hops (the final URL when every hop was permanent).
	// Callers should store it in place of the requested URL. Empty when
	// the feed did not move permanently.
	PermanentRedirect string
}

// timedOut is the cause of a request context that ran out of Timeout.
var timedOut = errors.New("fetch timeout")

// Fetch gets r.URL. A 304 is a success with NotModified set; any other
// status outside 2xx is an *HTTPError. Fetch waits for a free slot (see
// Options.MaxInFlight and MaxPerHost) while ctx allows, then has
// Options.Timeout to finish.
//
// Redirects (301, 302, 303, 307, 308) are followed up to
// Options.MaxRedirects, to http and https only, always with GET and the
// same conditional headers; each hop takes its own host's slot. Cookies a
// server sets during the redirects are sent back within the same Fetch
// (some sites redirect to themselves once a cookie is set) and then
// forgotten. A redirect back to a URL already requested with the same
// cookies fails at once with ErrRedirectLoop. Credentials in the URL
// (https://user:pass@host/feed) are sent as basic auth to that URL only,
// and hidden in error messages.
func (f *Fetcher) Fetch(ctx context.Context, r Request) (*Response, error) {
	u, err := parseURL(r.URL)
	if err != nil {
		if r.URL == "" {
			return nil, fmt.Errorf("fetch: %w", err)
		}
		return nil, fmt.Errorf("fetch: %s: %w", redact(r.URL), err)
	}
	if err := ctx.Err(); err != nil {
		return nil, fmt.Errorf("fetch: %s: %w", u.Redacted(), err)
	}
	select {
	case f.inFlight <- struct{}{}:
	case <-ctx.Done():
		return nil, fmt.Errorf("fetch: %s: %w", u.Redacted(), ctx.Err())
	}
	defer func() { <-f.inFlight }()
	release, err := f.hosts.acquire(ctx, hostKey(u))
	if err != nil {
		return nil, fmt.Errorf("fetch: %s: %w", u.Redacted(), err)
	}

	reqCtx, cancel := context.WithTimeoutCause(ctx, f.opts.Timeout, timedOut)
	defer cancel()
	resp, cur, err := f.do(reqCtx, u, r, release)
	if err == nil {
		return resp, nil
	}
	var he *HTTPError
	switch {
	case errors.As(err, &he):
		return nil, err
	case isOwn(err):
	case ctx.Err() != nil:
		err = ctx.Err()
	case errors.Is(context.Cause(reqCtx), timedOut):
		return nil, fmt.Errorf("fetch: %s: %w", cur.Redacted(), &TimeoutError{After: f.opts.Timeout})
	}
	return nil, fmt.Errorf("fetch: %s: %w", cur.Redacted(), err)
}

// do runs the request and its redirects. release frees the host slot
// already taken for u. It returns the URL it was at, for errors.
func (f *Fetcher) do(ctx context.Context, u *url.URL, r Request, release func()) (_ *Response, cur *url.URL, err error) {
	held := release // the host slot for cur, while held
	defer func() {
		if held != nil {
			held()
		}
	}()
	// Cookies live for one Fetch: enough for sites that set a cookie and
	// redirect back to the same URL, nothing kept between fetches.
	jar, err := cookiejar.New(&cookiejar.Options{PublicSuffixList: publicsuffix.List})
	if err != nil {
		return nil, u, err
	}
	cur = u
	seen := map[string]bool{}
	permanent := true // every hop so far was 301/308
	moved := ""
	for redirects := 0; ; {
		if held == nil {
			if held, err = f.hosts.acquire(ctx, hostKey(cur)); err != nil {
				return nil, cur, err
			}
		}
		req, err := f.newRequest(ctx, cur, r, jar)
		if err != nil {
			return nil, cur, err
		}
		seen[visitKey(cur, req.Header.Get("Cookie"))] = true
		hr, err := f.transport.RoundTrip(req)
		if err != nil {
			return nil, cur, err
		}
		if c := hr.Cookies(); len(c) > 0 {
			jar.SetCookies(cur, c)
		}
		loc := hr.Header.Get("Location")
		if !isRedirect(hr.StatusCode) || loc == "" {
			defer hr.Body.Close()
			resp, err := f.finish(hr, cur, r)
			if resp != nil && moved != u.String() {
				resp.PermanentRedirect = moved
			}
			return resp, cur, err
		}

		discard(hr.Body)
		held()
		held = nil
		next, err := cur.Parse(loc)
		if err != nil {
			return nil, cur, fmt.Errorf("bad redirect Location %q: %w", loc, err)
		}
		if next.Scheme != "http" && next.Scheme != "https" {
			return nil, cur, fmt.Errorf("%w: refusing redirect to %s", ErrUnsupportedScheme, next.Redacted())
		}
		if next.Host == "" {
			return nil, cur, fmt.Errorf("bad redirect Location %q: no host", loc)
		}
		next.Fragment, next.RawFragment = "", ""
		redirects++
		if redirects > f.opts.MaxRedirects {
			return nil, cur, fmt.Errorf("%w (limit %d)", ErrTooManyRedirects, f.opts.MaxRedirects)
		}
		if seen[visitKey(next, cookieHeader(jar, next))] {
			return nil, cur, fmt.Errorf("%w back to %s", ErrRedirectLoop, next.Redacted())
		}
		if permanent && (hr.StatusCode == http.StatusMovedPermanently || hr.StatusCode == http.StatusPermanentRedirect) {
			moved = next.String()
		} else {
			permanent = false
		}
		cur = next
	}
}

func (f *Fetcher) newRequest(ctx context.Context, u *url.URL, r Request, jar http.CookieJar) (*http.Request, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, u.String(), nil)
	if err != nil {
		return nil, err
	}
	h := req.Header
	h.Set("User-Agent", f.opts.UserAgent)
	if r.Accept != "" {
		h.Set("Accept", r.Accept)
	} else {
		h.Set("Accept", acceptHeader)
	}
	h.Set("Accept-Encoding", "gzip")
	if r.ETag != "" {
		h.Set("If-None-Match", r.ETag)
	}
	if r.LastModified != "" {
		h.Set("If-Modified-Since", r.LastModified)
	}
	if c := cookieHeader(jar, u); c != "" {
		h.Set("Cookie", c)
	}
	// Credentials only go to the URL that carries them: a redirect to
	// another host has none unless its Location names them.
	if u.User != nil {
		pw, _ := u.User.Password()
		req.SetBasicAuth(u.User.Username(), pw)
	}
	return req, nil
}

// finish turns the last response into a Response or an error.
func (f *Fetcher) finish(hr *http.Response, u *url.URL, r Request) (*Response, error) {
	resp := &Response{
		URL:          u.String(),
		StatusCode:   hr.StatusCode,
		ContentType:  hr.Header.Get("Content-Type"),
		ETag:         hr.Header.Get("ETag"),
		LastModified: hr.Header.Get("Last-Modified"),
	}
	switch {
	case hr.StatusCode == http.StatusNotModified:
		resp.NotModified = true
		if resp.ETag == "" {
			resp.ETag = r.ETag
		}
		if resp.LastModified == "" {
			resp.LastModified = r.LastModified
		}
		discard(hr.Body)
		return resp, nil
	case hr.StatusCode < 200 || hr.StatusCode > 299:
		discard(hr.Body)
		return nil, newHTTPError(hr, u, time.Now())
	}
	body, err := readBody(hr, f.opts.MaxBodyBytes)
	if err != nil {
		return nil, err
	}
	resp.Body = body
	return resp, nil
}

func parseURL(raw string) (*url.URL, error) {
	if strings.TrimSpace(raw) == "" {
		return nil, errors.New("empty URL")
	}
	u, err := url.Parse(strings.TrimSpace(raw))
	if err != nil {
		var ue *url.Error
		if errors.As(err, &ue) {
			err = ue.Err
		}
		return nil, fmt.Errorf("invalid URL: %w", err)
	}
	u.Scheme = strings.ToLower(u.Scheme)
	if u.Scheme != "http" && u.Scheme != "https" {
		if u.Scheme == "" {
			return nil, fmt.Errorf("%w: URL has no scheme (want http:// or https://)", ErrUnsupportedScheme)
		}
		return nil, fmt.Errorf("%w %q (want http or https)", ErrUnsupportedScheme, u.Scheme)
	}
	if u.Host == "" {
		return nil, errors.New("invalid URL: no host")
	}
	u.Fragment, u.RawFragment = "", ""
	return u, nil
}

// redact hides the password in a URL that may not be valid.
func redact(raw string) string {
	if u, err := url.Parse(raw); err == nil && u.User != nil {
		return u.Redacted()
	}
	return raw
}

// hostKey is the per-host limit's key: the host name without port, so
// http and https (and odd ports) of one server share its slots.
func hostKey(u *url.URL) string {
	return strings.TrimSuffix(strings.ToLower(u.Hostname()), ".")
}

func isRedirect(code int) bool {
	switch code {
	case http.StatusMovedPermanently, http.StatusFound, http.StatusSeeOther,
		http.StatusTemporaryRedirect, http.StatusPermanentRedirect:
		return true
	}
	return false
}

// visitKey identifies a request in a redirect chain: the same URL with
// the same cookies would get the same answer, so it is a loop.
func visitKey(u *url.URL, cookie string) string {
	return u.String() + "\x00" + cookie
}

func cookieHeader(jar http.CookieJar, u *url.URL) string {
	cs := jar.Cookies(u)
	if len(cs) == 0 {
		return ""
	}
	parts := make([]string, len(cs))
	for i, c := range cs {
		parts[i] = c.String()
	}
	return strings.Join(parts, "; ")
}

// discard reads a little of an unwanted body, so a keep-alive connection
// can be reused, and closes it.
func discard(body io.ReadCloser) {
	_, _ = io.CopyN(io.Discard, body, 4<<10)
	_ = body.Close()
}
