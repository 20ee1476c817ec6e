package fetch

import (
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"
)

// Errors a Fetch can wrap; match them with errors.Is. The full message
// also names the URL and, where it helps, the limit that was hit.
var (
	// ErrTooLarge: the body, as received or decompressed, passed
	// Options.MaxBodyBytes.
	ErrTooLarge = errors.New("response too large")
	// ErrTimeout: the request ran past Options.Timeout.
	ErrTimeout = errors.New("timed out")
	// ErrTooManyRedirects: more than Options.MaxRedirects redirects.
	ErrTooManyRedirects = errors.New("too many redirects")
	// ErrRedirectLoop: a redirect led back to a URL already requested in
	// the same way.
	ErrRedirectLoop = errors.New("redirect loop")
	// ErrUnsupportedScheme: the URL, or a redirect, is not http or https.
	ErrUnsupportedScheme = errors.New("unsupported URL scheme")
)

// TimeoutError is ErrTimeout with the time-out that ran out.
type TimeoutError struct{ After time.Duration }

func (e *TimeoutError) Error() string        { return fmt.Sprintf("%v after %s", ErrTimeout, e.After) }
func (e *TimeoutError) Is(target error) bool { return target == ErrTimeout }

// isOwn reports errors this package made, whose message is already the
// reason (as opposed to a transport error a timeout may explain better).
func isOwn(err error) bool {
	for _, e := range []error{ErrTooLarge, ErrTooManyRedirects, ErrRedirectLoop, ErrUnsupportedScheme} {
		if errors.Is(err, e) {
			return true
		}
	}
	return false
}

// MaxRetryAfter bounds a server's Retry-After: a larger value (or a date
// further ahead) is taken as this, so a feed is never parked for good.
const MaxRetryAfter = 7 * 24 * time.Hour

// HTTPError is a response whose status is neither 2xx nor 304.
type HTTPError struct {
	StatusCode int
	// Status is the status line's code and reason, e.g.
	// "500 Internal Server Error".
	Status string
	// RetryAfter is the server's Retry-After on a 429 or 503, as a
	// duration from when the response arrived (0 when absent or invalid;
	// at most MaxRetryAfter).
	RetryAfter time.Duration
	// URL is the URL that answered with this status (after redirects).
	URL string
}

// Error reads like "fetch: https://example.com/feed: HTTP 500 Internal
// Server Error".
func (e *HTTPError) Error() string {
	return fmt.Sprintf("fetch: %s: HTTP %s", e.URL, e.Status)
}

func newHTTPError(hr *http.Response, u *url.URL, now time.Time) *HTTPError {
	e := &HTTPError{
		StatusCode: hr.StatusCode,
		Status:     statusLine(hr.StatusCode, hr.Status),
		URL:        u.Redacted(),
	}
	if hr.StatusCode == http.StatusTooManyRequests || hr.StatusCode == http.StatusServiceUnavailable {
		e.RetryAfter = parseRetryAfter(hr.Header.Get("Retry-After"), now)
	}
	return e
}

// statusLine returns "code reason", filling in the standard reason when
// the server sent none.
func statusLine(code int, status string) string {
	prefix := strconv.Itoa(code)
	reason := strings.TrimSpace(strings.TrimPrefix(strings.TrimSpace(status), prefix))
	if reason == "" {
		reason = http.StatusText(code)
	}
	if reason == "" {
		return prefix
	}
	return prefix + " " + reason
}

// parseRetryAfter reads a Retry-After value, delta-seconds or HTTP-date,
// as a duration from now. Invalid or past values give 0.
func parseRetryAfter(v string, now time.Time) time.Duration {
	v = strings.TrimSpace(v)
	if v == "" {
		return 0
	}
	var d time.Duration
	if secs, err := strconv.ParseInt(v, 10, 64); err == nil {
		if secs <= 0 {
			return 0
		}
		if secs > int64(MaxRetryAfter/time.Second) {
			return MaxRetryAfter
		}
		d = time.Duration(secs) * time.Second
	} else if t, err := http.ParseTime(v); err == nil {
		d = t.Sub(now)
	} else {
		return 0
	}
	return min(max(d, 0), MaxRetryAfter)
}
