package service

import (
	"context"
	"crypto/tls"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"syscall"

	"github.com/knowflow/knowflow/feeds"
	"github.com/knowflow/knowflow/feeds/greader"
	"github.com/knowflow/knowflow/model/carddav"
	"github.com/knowflow/knowflow/model/secrets"
)

// AccountProblem is what went wrong connecting to an account's server.
type AccountProblem int

const (
	ProblemNone        AccountProblem = iota
	ProblemAddress                    // the URL is not an http or https address
	ProblemUnreachable                // the address cannot be reached: DNS, refused, time-out, certificate
	ProblemLogin                      // the server answered and refused the user name or password
	ProblemNotReader                  // the server answered, but not as a Google Reader API (or the API is off)
	ProblemNotCardDAV                 // the server answered, but no address book was found
	ProblemServer                     // the server answered with an error of its own (5xx, 429)
	ProblemOther
)

// ExplainAccount says in plain words why connecting to a server of kind
// (KindGReader, KindCardDAV) failed with err, as AddAccount or
// CheckAccount return it, and which of the problems it is: the address
// cannot be reached (no such name, nothing listening, no answer in time, a
// bad certificate), the server refused the login, the server is no
// Google Reader API there (or it is off), or no address book was found.
// It never repeats the password (errors do not hold it).
func ExplainAccount(kind string, err error) (AccountProblem, string) {
	if err == nil {
		return ProblemNone, ""
	}
	host := hostOf(err)
	var (
		dns  *net.DNSError
		he   *greader.HTTPError
		ne   net.Error
		cert *tls.CertificateVerificationError
		rec  tls.RecordHeaderError
	)
	switch {
	case errors.Is(err, secrets.ErrLocked):
		return ProblemOther, "The login worked, but the keyring where Knowflow keeps it is locked: unlock it (log in to the desktop) and try again."
	case errors.Is(err, secrets.ErrKeyring):
		return ProblemOther, "The login worked, but the keyring (the Secret Service) did not save it. Try again; if it fails again, check that the keyring is running."
	case errors.Is(err, ErrBadAddress), isScheme(err):
		return ProblemAddress, "This is not a web address: it should start with https:// (or http://), like https://rss.example.org."
	case errors.Is(err, ErrClosed), errors.Is(err, context.Canceled):
		return ProblemOther, "Stopped before the server answered."
	case errors.As(err, &dns):
		if dns.IsTimeout || dns.IsTemporary {
			return ProblemUnreachable, fmt.Sprintf("The address cannot be reached: %s could not be looked up just now (DNS). Are you online?", dns.Name)
		}
		return ProblemUnreachable, fmt.Sprintf("The address cannot be reached: no server is called %s (DNS). Check the address.", dns.Name)
	case errors.Is(err, context.DeadlineExceeded), errors.As(err, &ne) && ne.Timeout():
		return ProblemUnreachable, fmt.Sprintf("The address cannot be reached: %s did not answer in time. Check the address, or try again later.", host.or("the server"))
	case errors.Is(err, syscall.ECONNREFUSED):
		return ProblemUnreachable, fmt.Sprintf("The address cannot be reached: %s refused the connection%s. Check the address and port, and that the server is running.", host.or("the server"), host.onPort())
	case errors.Is(err, syscall.EHOSTUNREACH), errors.Is(err, syscall.ENETUNREACH):
		return ProblemUnreachable, fmt.Sprintf("The address cannot be reached: the network cannot reach %s. Are you online?", host.or("the server"))
	case errors.As(err, &cert), feeds.IsCertError(err):
		return ProblemUnreachable, fmt.Sprintf("The address cannot be reached safely: the security certificate of %s is not valid, so Knowflow did not send the password.", host.or("the server"))
	case errors.As(err, &rec), errors.Is(err, http.ErrSchemeMismatch):
		return ProblemUnreachable, fmt.Sprintf("The address cannot be reached: %s does not speak https on this port. Try http:// instead.", host.or("the server"))
	case errors.Is(err, syscall.ECONNRESET), errors.Is(err, syscall.EPIPE), errors.Is(err, io.ErrUnexpectedEOF), errors.Is(err, io.EOF):
		return ProblemUnreachable, fmt.Sprintf("The address cannot be reached: %s closed the connection without answering.", host.or("the server"))
	case errors.Is(err, greader.ErrLogin), errors.Is(err, greader.ErrToken):
		return ProblemLogin, "The server answered, but refused the login: check the user name and password. Miniflux and FreshRSS have a password of their own for the Google Reader API, set in their settings, where the API must also be turned on."
	case errors.Is(err, carddav.ErrLogin):
		return ProblemLogin, "The server answered, but refused the login: check the user name and password (some providers want an app password)."
	case kind == KindGReader && errors.As(err, &he) && (he.Status >= 500 || he.Status == http.StatusTooManyRequests):
		return ProblemServer, fmt.Sprintf("The server answered with an error (HTTP %d %s). Try again later.", he.Status, http.StatusText(he.Status))
	case kind == KindGReader && (errors.Is(err, greader.ErrNotReader) || errors.As(err, &he)):
		return ProblemNotReader, "The server answered, but it does not serve the Google Reader API at this address, or the API is turned off. Check the address (FreshRSS's ends in /api/greader.php) and that the Google Reader API is enabled in the server's settings."
	case kind == KindCardDAV:
		return ProblemNotCardDAV, "The server answered, but no address book was found: this address is not a CardDAV server, or the user has no address book there. Try the server's CardDAV address (Nextcloud: https://HOST/remote.php/dav)."
	}
	return ProblemOther, "Could not connect: " + feeds.Plain(err)
}

// hostPort is the server an error names ("" when none).
type hostPort struct{ host, port string }

func (h hostPort) or(s string) string {
	if h.host == "" {
		return s
	}
	return h.host
}

func (h hostPort) onPort() string {
	if h.port == "" {
		return ""
	}
	return " on port " + h.port
}

// hostOf finds the server in err: the URL asked, else the address dialled.
func hostOf(err error) hostPort {
	var ue *url.Error
	if errors.As(err, &ue) {
		if u, perr := url.Parse(ue.URL); perr == nil && u.Host != "" {
			port := u.Port()
			if port == "" && u.Scheme == "https" {
				port = "443"
			} else if port == "" {
				port = "80"
			}
			return hostPort{u.Hostname(), port}
		}
	}
	var op *net.OpError
	if errors.As(err, &op) && op.Addr != nil {
		if h, p, serr := net.SplitHostPort(op.Addr.String()); serr == nil {
			return hostPort{h, p}
		}
	}
	return hostPort{}
}

// isScheme reports a URL that net/http cannot ask (no http or https).
func isScheme(err error) bool {
	var ue *url.Error
	if !errors.As(err, &ue) || ue.Err == nil {
		return false
	}
	msg := ue.Err.Error()
	return strings.Contains(msg, "unsupported protocol scheme") || strings.Contains(msg, "no Host in request URL")
}

// ExplainSyncError says in plain words why an account's last sync failed,
// from the message the store recorded (store.Account.LastError: the error
// itself is gone by then), or "" when it cannot tell; the message stays
// the detail. It reads the texts of the sync's own errors and of Go's
// network errors.
func ExplainSyncError(msg string) string {
	has := func(subs ...string) bool {
		for _, s := range subs {
			if strings.Contains(msg, s) {
				return true
			}
		}
		return false
	}
	switch {
	case msg == "":
		return ""
	case has(secrets.ErrNone.Error()):
		return "The saved login is missing: remove the account and add it again."
	case has(secrets.ErrLocked.Error()):
		return "The keyring that holds the saved login is locked: unlock it (log in to the desktop) and sync again."
	case has(secrets.ErrKeyring.Error()):
		return "The keyring that holds the saved login (the Secret Service) did not give it: is it still running? The next sync tries again."
	case has(greader.ErrToken.Error(), greader.ErrLogin.Error(), carddav.ErrLogin.Error()):
		return "The server refused the saved login (its password or API settings changed): remove the account and add it again."
	case has("no such host", "server misbehaving"):
		return "The server cannot be reached: its name is not found (DNS). Are you online?"
	case has("connection refused"):
		return "The server cannot be reached: it refused the connection. Is it running?"
	case has("i/o timeout", "deadline exceeded", "Client.Timeout"):
		return "The server cannot be reached: it did not answer in time."
	case has("network is unreachable", "no route to host"):
		return "The server cannot be reached: the network cannot reach it. Are you online?"
	case has("certificate"):
		return "The server cannot be reached safely: its security certificate is not valid."
	case has("connection reset", "broken pipe", "unexpected EOF", ": EOF"):
		return "The server closed the connection during the sync; the next sync goes on from there."
	case has(greader.ErrNotReader.Error()):
		return "The server no longer serves the Google Reader API at this address, or the API was turned off."
	case has(carddav.ErrNoBook.Error()):
		return "The address book is no longer found on the server."
	case has("context canceled", "stopped"):
		return "The sync was stopped (Knowflow quit); the next one goes on from there."
	}
	return httpStatusReason(msg)
}

// httpStatus finds an HTTP status in an error's text: "…: 404 Not Found…".
var httpStatus = regexp.MustCompile(`(?:^|: )([1-5][0-9][0-9]) ([A-Z][A-Za-z' -]+)`)

// httpStatusReason says what the first HTTP status in msg means for a
// sync, or "".
func httpStatusReason(msg string) string {
	for _, m := range httpStatus.FindAllStringSubmatch(msg, -1) {
		code, _ := strconv.Atoi(m[1])
		text := http.StatusText(code)
		if text == "" || !strings.HasPrefix(m[2], text) {
			continue
		}
		status := fmt.Sprintf("HTTP %d %s", code, text)
		switch {
		case code == http.StatusNotFound || code == http.StatusGone:
			return "The server no longer answers at this address (" + status + "): it moved, or its API was turned off."
		case code == http.StatusUnauthorized || code == http.StatusForbidden:
			return "The server refused the saved login (" + status + "): remove the account and add it again."
		case code == http.StatusTooManyRequests:
			return "The server asked Knowflow to wait (" + status + "); the next sync tries again."
		case code >= 500:
			return "The server had a problem (" + status + "); the next sync tries again."
		case code >= 400:
			return "The server refused a request of the sync (" + status + ")."
		}
	}
	return ""
}
