package feeds

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/knowflow/knowflow/feeds/fetch"
	"github.com/knowflow/knowflow/feeds/parse"
)

// Each failure is made for real (a loopback server, a closed port, a name
// that cannot resolve) and explained without a package name in front.
func TestExplain(t *testing.T) {
	mux := http.NewServeMux()
	mux.HandleFunc("/gone", func(w http.ResponseWriter, r *http.Request) { http.Error(w, "gone", http.StatusGone) })
	mux.HandleFunc("/broken", func(w http.ResponseWriter, r *http.Request) { http.Error(w, "oops", http.StatusInternalServerError) })
	mux.HandleFunc("/private", func(w http.ResponseWriter, r *http.Request) { http.Error(w, "no", http.StatusForbidden) })
	mux.HandleFunc("/slow", func(w http.ResponseWriter, r *http.Request) { <-r.Context().Done() })
	mux.HandleFunc("/page", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html")
		fmt.Fprint(w, "<!DOCTYPE html><html><head><title>Blog</title></head><body>hello</body></html>")
	})
	mux.HandleFunc("/bad.xml", func(w http.ResponseWriter, r *http.Request) {
		fmt.Fprint(w, "<?xml version=\"1.0\"?>\n<rss version=\"2.0\">\n<channel>\n<title>t</title>\n<item><title>x</title></item>\n</channel>\n</rss")
	})
	srv := httptest.NewServer(mux)
	defer srv.Close()
	closed := httptest.NewServer(mux)
	closedURL := closed.URL
	closed.Close()

	f := fetch.New(fetch.Options{Timeout: 200 * time.Millisecond})
	get := func(u string) error {
		resp, err := f.Fetch(context.Background(), fetch.Request{URL: u})
		if err != nil {
			return err
		}
		_, err = parse.Parse(resp.Body, resp.ContentType, u)
		return err
	}
	host := strings.TrimPrefix(closedURL, "http://")
	host = host[:strings.IndexByte(host, ':')]
	for _, c := range []struct {
		url, want string
	}{
		{srv.URL + "/gone", "the feed is not there any more (HTTP 410); it may have moved"},
		{srv.URL + "/broken", "the server had a problem (HTTP 500); it will be tried again"},
		{srv.URL + "/private", "the server refused access (HTTP 403)"},
		{srv.URL + "/slow", "the server took longer than 200ms to answer"},
		{srv.URL + "/page", "this address is a web page, not a feed; try the site's RSS link"},
		{closedURL + "/feed", host + " refused the connection; the site may be down"},
		{"http://tech.adroll.invalid/feed", "tech.adroll.invalid could not be found (DNS)"},
		{"ftp://example.org/feed", "not a web address (only http and https addresses are read)"},
	} {
		err := get(c.url)
		if err == nil {
			t.Errorf("%s: no error", c.url)
			continue
		}
		if got := Explain(err); got != c.want {
			t.Errorf("%s:\n got %q\nwant %q\n(detail %q)", c.url, got, c.want, err)
		}
	}
	if got := Explain(get(srv.URL + "/bad.xml")); !strings.HasPrefix(got, "the feed is broken: line ") {
		t.Errorf("malformed feed: %q", got)
	}
}

func TestPlain(t *testing.T) {
	err := fmt.Errorf("store: import: %w", fmt.Errorf("people: line 3: %w", errors.New("bad BDAY")))
	if got := Plain(err); got != "import: line 3: bad BDAY" {
		t.Errorf("Plain = %q", got)
	}
	if got := Plain(errors.New("store")); got != "store" {
		t.Errorf("a lone word is kept: %q", got)
	}
	var dns *net.DNSError
	if Explain(nil) != "" || errors.As(nil, &dns) {
		t.Error("nil explained")
	}
}
