package feeds

import (
	"context"
	"crypto/tls"
	"crypto/x509"
	"errors"
	"fmt"
	"net"
	"net/url"
	"strings"
	"syscall"
	"time"

	"github.com/knowflow/knowflow/feeds/discover"
	"github.com/knowflow/knowflow/feeds/fetch"
	"github.com/knowflow/knowflow/feeds/parse"
)

// Explain says in plain words why fetching or reading a feed failed, for
// the person who follows it: "tech.example.com could not be found (DNS)",
// "the server took longer than 30 s", "this page has no feed; try the
// site's RSS link". The technical message (err.Error()) is the detail a
// person can ask for; Explain never starts with a package name.
func Explain(err error) string {
	if err == nil {
		return ""
	}
	var (
		dns  *net.DNSError
		he   *fetch.HTTPError
		to   *fetch.TimeoutError
		cert *tls.CertificateVerificationError
		ue   *url.Error
	)
	host := ""
	var op *net.OpError
	switch {
	case errors.As(err, &ue):
		if u, perr := url.Parse(ue.URL); perr == nil {
			host = u.Hostname()
		}
	case errors.As(err, &op) && op.Addr != nil:
		if h, _, serr := net.SplitHostPort(op.Addr.String()); serr == nil {
			host = h
		}
	}
	switch {
	case errors.As(err, &to):
		return fmt.Sprintf("the server took longer than %s to answer", plainDuration(to.After))
	case errors.Is(err, fetch.ErrTimeout), errors.Is(err, context.DeadlineExceeded):
		return "the server took too long to answer"
	case errors.As(err, &dns):
		if dns.IsTimeout || dns.IsTemporary {
			return fmt.Sprintf("%s could not be looked up just now (DNS); it will be tried again", dns.Name)
		}
		return fmt.Sprintf("%s could not be found (DNS)", dns.Name)
	case errors.As(err, &he):
		return httpReason(he)
	case errors.Is(err, syscall.ECONNREFUSED):
		return fmt.Sprintf("%s refused the connection; the site may be down", orServer(host))
	case errors.Is(err, syscall.ECONNRESET), errors.Is(err, syscall.EPIPE):
		return fmt.Sprintf("%s cut the connection", orServer(host))
	case errors.Is(err, syscall.EHOSTUNREACH), errors.Is(err, syscall.ENETUNREACH):
		return fmt.Sprintf("the network cannot reach %s; are you online?", orServer(host))
	case errors.As(err, &cert), IsCertError(err):
		return fmt.Sprintf("%s's security certificate is not valid, so Knowflow did not read it", orServer(host))
	case errors.Is(err, fetch.ErrTooLarge):
		return "the feed is larger than Knowflow reads (" + after(err.Error(), "response too large") + ")"
	case errors.Is(err, fetch.ErrTooManyRedirects):
		return "the address redirects too many times"
	case errors.Is(err, fetch.ErrRedirectLoop):
		return "the address redirects in a loop"
	case errors.Is(err, fetch.ErrUnsupportedScheme):
		return "not a web address (only http and https addresses are read)"
	case errors.Is(err, discover.ErrNoFeed):
		return "this page has no feed; try the site's RSS or Atom link"
	case errors.Is(err, parse.ErrEmpty):
		return "the server sent an empty document instead of a feed"
	case errors.Is(err, parse.ErrNotFeed):
		if strings.Contains(err.Error(), "HTML page") {
			return "this address is a web page, not a feed; try the site's RSS link"
		}
		return "this address does not serve a feed (" + after(err.Error(), "not a feed") + ")"
	}
	if msg := err.Error(); strings.Contains(msg, "malformed") {
		rest := after(msg, "malformed")
		for _, kind := range []string{"XML: ", "JSON: "} {
			rest = strings.TrimPrefix(rest, kind)
		}
		return "the feed is broken: " + rest
	}
	return Plain(err)
}

// httpReason says what an HTTP status means for a feed.
func httpReason(he *fetch.HTTPError) string {
	code := fmt.Sprintf("HTTP %d", he.StatusCode)
	switch c := he.StatusCode; {
	case c == 404 || c == 410:
		return "the feed is not there any more (" + code + "); it may have moved"
	case c == 401 || c == 403:
		return "the server refused access (" + code + ")"
	case c == 429:
		return "the server asked Knowflow to come back later (" + code + ")"
	case c >= 500:
		return "the server had a problem (" + code + "); it will be tried again"
	}
	return "the server answered " + he.Status
}

// IsCertError reports an invalid or untrusted certificate.
func IsCertError(err error) bool {
	var (
		ua x509.UnknownAuthorityError
		hn x509.HostnameError
		ci x509.CertificateInvalidError
	)
	return errors.As(err, &ua) || errors.As(err, &hn) || errors.As(err, &ci)
}

func orServer(host string) string {
	if host == "" {
		return "the server"
	}
	return host
}

// after is the part of msg after marker, trimmed of ": " and brackets, or
// msg itself.
func after(msg, marker string) string {
	i := strings.LastIndex(msg, marker)
	if i < 0 {
		return msg
	}
	rest := strings.Trim(strings.TrimSpace(msg[i+len(marker):]), ":()")
	if rest == "" {
		return marker
	}
	return strings.TrimSpace(rest)
}

// plainDuration reads 30s as "30 s" and 1m30s as "90 s".
func plainDuration(d time.Duration) string {
	if d%time.Second == 0 {
		return fmt.Sprintf("%d s", int(d/time.Second))
	}
	return d.String()
}

// packages are the names Knowflow's packages put in front of their
// errors; Plain drops them.
var packages = map[string]bool{
	"fetch": true, "parse": true, "store": true, "people": true, "opml": true,
	"service": true, "feeds": true, "discover": true, "images": true, "model": true,
	"suggest": true, "flow": true, "assoc": true, "lexicon": true, "analysis": true,
}

// Plain is err's message without the package names Knowflow's errors
// start their parts with ("store: import: people: line 3: ..." reads
// "import: line 3: ..."): what a person reads in the window or the CLI.
func Plain(err error) string {
	if err == nil {
		return ""
	}
	parts := strings.Split(err.Error(), ": ")
	kept := parts[:0]
	for i, p := range parts {
		if packages[p] && i < len(parts)-1 {
			continue
		}
		kept = append(kept, p)
	}
	return strings.Join(kept, ": ")
}
