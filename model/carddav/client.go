// Package carddav syncs Knowflow's contacts with an address book on a
// CardDAV server (Nextcloud, Radicale, iCloud, Fastmail): client.go finds
// the address books and reads and writes cards; sync.go merges both sides.
//
// Discovery and listing go through github.com/emersion/go-webdav. Cards
// themselves are read and written as text, by GET, PUT and DELETE with
// If-Match: go-webdav's PutAddressObject re-encodes a card through
// go-vcard (which loses the order of properties and mangles escaped
// commas) and sends no If-Match, and a sync must give back every byte of
// a card it did not change.
package carddav

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strings"

	"github.com/emersion/go-webdav/carddav"
)

// Errors a caller can tell apart (errors.Is).
var (
	// ErrLogin: the server refused the user name or password (401).
	ErrLogin = errors.New("carddav: login refused (check the user name and password)")
	// ErrChanged: the card changed on the server since it was read (412
	// on an If-Match), or one was already there (If-None-Match).
	ErrChanged = errors.New("carddav: the card changed on the server")
	// ErrGone: no such card on the server (404).
	ErrGone = errors.New("carddav: no such card on the server")
	// ErrNoBook: the server holds no address book for the user.
	ErrNoBook = errors.New("carddav: no address book found")
)

// maxCard is the largest card read (a card with a photo is a few hundred
// kB).
const maxCard = 8 << 20

// Book is an address book on the server.
type Book struct {
	Path string `json:"path"` // e.g. /alice/contacts/
	Name string `json:"name"` // its display name, or the last part of the path
}

// Object is a card on the server: its path and ETag.
type Object struct {
	Href string
	ETag string
}

// Client talks to one CardDAV server as one user.
type Client struct {
	base *url.URL
	http authClient
	dav  *carddav.Client
}

// authClient logs in with basic auth and turns a 401 into ErrLogin.
type authClient struct {
	hc         *http.Client
	user, pass string
}

func (a authClient) Do(req *http.Request) (*http.Response, error) {
	req.SetBasicAuth(a.user, a.pass)
	resp, err := a.hc.Do(req)
	if err != nil {
		return nil, err
	}
	if resp.StatusCode == http.StatusUnauthorized {
		resp.Body.Close()
		return nil, ErrLogin
	}
	return resp, nil
}

// New returns a client of the server at serverURL (an http or https URL:
// the server, a principal, a home set or an address book) logging in as
// user. hc nil is http.DefaultClient.
func New(serverURL, user, password string, hc *http.Client) (*Client, error) {
	u, err := url.Parse(strings.TrimSpace(serverURL))
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return nil, fmt.Errorf("carddav: %q is not an http or https URL", serverURL)
	}
	if hc == nil {
		hc = http.DefaultClient
	}
	c := &Client{base: u, http: authClient{hc: hc, user: user, pass: password}}
	c.dav, err = carddav.NewClient(c.http, u.String())
	if err != nil {
		return nil, fmt.Errorf("carddav: %w", err)
	}
	return c, nil
}

// Discover lists the user's address books (RFC 6764, RFC 6352 7.1): the
// current-user-principal of the URL given, else of the server's
// /.well-known/carddav, then the principal's addressbook-home-set and the
// address books in it. A URL that is itself a home set or an address book
// gives its books when there is no principal to be found.
func (c *Client) Discover(ctx context.Context) ([]Book, error) {
	books, err := c.discover(ctx)
	if err != nil {
		return nil, fmt.Errorf("carddav: discover the address books at %s: %w", c.base.Redacted(), err)
	}
	if len(books) == 0 {
		return nil, fmt.Errorf("%w at %s", ErrNoBook, c.base.Redacted())
	}
	return books, nil
}

func (c *Client) discover(ctx context.Context) ([]Book, error) {
	principal, err := c.dav.FindCurrentUserPrincipal(ctx)
	if errors.Is(err, ErrLogin) || ctx.Err() != nil {
		return nil, err
	}
	if err != nil || principal == "" {
		if wk, werr := c.wellKnown(ctx); werr == nil {
			if dav, derr := carddav.NewClient(c.http, wk); derr == nil {
				principal, err = dav.FindCurrentUserPrincipal(ctx)
			}
		}
	}
	if err == nil && principal != "" {
		home, herr := c.dav.FindAddressBookHomeSet(ctx, principal)
		if herr == nil {
			return c.books(ctx, home)
		}
		err = herr
	}
	// No principal: the URL may be a home set or an address book.
	books, berr := c.books(ctx, c.base.Path)
	if berr == nil && len(books) > 0 {
		return books, nil
	}
	if err == nil {
		err = berr
	}
	return books, err
}

// wellKnown follows /.well-known/carddav's redirect (RFC 6764 5) and
// returns the context URL it names.
func (c *Client) wellKnown(ctx context.Context) (string, error) {
	wk := c.base.ResolveReference(&url.URL{Path: "/.well-known/carddav"})
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, wk.String(), nil)
	if err != nil {
		return "", err
	}
	noRedirect, hc := c.http, *c.http.hc
	hc.CheckRedirect = func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }
	noRedirect.hc = &hc
	resp, err := noRedirect.Do(req)
	if err != nil {
		return "", err
	}
	resp.Body.Close()
	loc, err := resp.Location()
	if err != nil {
		return "", fmt.Errorf("%s: %s, no redirect", wk.Path, resp.Status)
	}
	return loc.String(), nil
}

func (c *Client) books(ctx context.Context, home string) ([]Book, error) {
	abs, err := c.dav.FindAddressBooks(ctx, home)
	if err != nil {
		return nil, err
	}
	out := make([]Book, 0, len(abs))
	for _, ab := range abs {
		name := ab.Name
		if name == "" {
			name = lastPart(ab.Path)
		}
		out = append(out, Book{Path: ab.Path, Name: name})
	}
	return out, nil
}

func lastPart(p string) string {
	p = strings.TrimRight(p, "/")
	return p[strings.LastIndex(p, "/")+1:]
}

// ChooseBook picks the book named name: its path (the one book it names
// even when two share a display name; the window's choice is its path),
// else its display name or the last part of its path, case-insensitive;
// the first when name is "".
func ChooseBook(books []Book, name string) (Book, error) {
	if len(books) == 0 {
		return Book{}, ErrNoBook
	}
	if name == "" {
		return books[0], nil
	}
	if strings.HasPrefix(name, "/") {
		for _, b := range books {
			if strings.TrimRight(b.Path, "/") == strings.TrimRight(name, "/") {
				return b, nil
			}
		}
	}
	var names []string
	for _, b := range books {
		if strings.EqualFold(b.Name, name) || strings.EqualFold(lastPart(b.Path), name) {
			return b, nil
		}
		names = append(names, b.Name)
	}
	return Book{}, fmt.Errorf("%w named %q (there are: %s)", ErrNoBook, name, strings.Join(names, ", "))
}

// Changes lists what changed in the book since token (RFC 6578
// sync-collection): the cards new or changed with their ETags, the paths
// of those deleted, and the token to give next time. token "" lists every
// card. A server without sync-collection, or one that refuses an old
// token, gives an error: the caller then lists the book (List).
func (c *Client) Changes(ctx context.Context, book, token string) (changed []Object, deleted []string, next string, err error) {
	resp, err := c.dav.SyncCollection(ctx, book, &carddav.SyncQuery{
		DataRequest: carddav.AddressDataRequest{Props: []string{}},
		SyncToken:   token,
	})
	if err != nil {
		return nil, nil, "", fmt.Errorf("carddav: changes in %s: %w", book, err)
	}
	for _, o := range resp.Updated {
		changed = append(changed, Object{Href: o.Path, ETag: quoteETag(o.ETag)})
	}
	return changed, resp.Deleted, resp.SyncToken, nil
}

// List lists every card of the book with its ETag (PROPFIND, depth 1).
func (c *Client) List(ctx context.Context, book string) ([]Object, error) {
	fis, err := c.dav.ReadDir(ctx, book, false)
	if err != nil {
		return nil, fmt.Errorf("carddav: list %s: %w", book, err)
	}
	var out []Object
	for _, fi := range fis {
		if !fi.IsDir {
			out = append(out, Object{Href: fi.Path, ETag: quoteETag(fi.ETag)})
		}
	}
	return out, nil
}

// quoteETag gives an ETag go-webdav read from XML (unquoted) the form of
// the ETag header, which If-Match wants.
func quoteETag(s string) string {
	if s == "" || strings.HasPrefix(s, `"`) || strings.HasPrefix(s, "W/") {
		return s
	}
	return `"` + s + `"`
}

// Get reads a card's text and ETag.
func (c *Client) Get(ctx context.Context, href string) (card, etag string, err error) {
	resp, err := c.do(ctx, http.MethodGet, href, "", nil)
	if err != nil {
		return "", "", fmt.Errorf("carddav: get %s: %w", href, err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(io.LimitReader(resp.Body, maxCard+1))
	if err != nil {
		return "", "", fmt.Errorf("carddav: get %s: %w", href, err)
	}
	if len(b) > maxCard {
		return "", "", fmt.Errorf("carddav: get %s: the card is larger than %d MB", href, maxCard>>20)
	}
	return string(b), resp.Header.Get("ETag"), nil
}

// Put writes a card: over the version with ETag ifMatch, or as a new card
// when ifMatch is "" (If-None-Match: *). ErrChanged when the server holds
// another version. It returns the new ETag ("" when the server gives none).
func (c *Client) Put(ctx context.Context, href, card, ifMatch string) (string, error) {
	h := http.Header{"Content-Type": {"text/vcard; charset=utf-8"}}
	if ifMatch != "" {
		h.Set("If-Match", ifMatch)
	} else {
		h.Set("If-None-Match", "*")
	}
	resp, err := c.do(ctx, http.MethodPut, href, card, h)
	if err != nil {
		return "", fmt.Errorf("carddav: put %s: %w", href, err)
	}
	resp.Body.Close()
	return resp.Header.Get("ETag"), nil
}

// Delete removes the card if it is still the version with ETag etag
// (ErrChanged if not); a card already gone is not an error.
func (c *Client) Delete(ctx context.Context, href, etag string) error {
	h := http.Header{}
	if etag != "" {
		h.Set("If-Match", etag)
	}
	resp, err := c.do(ctx, http.MethodDelete, href, "", h)
	if errors.Is(err, ErrGone) {
		return nil
	}
	if err != nil {
		return fmt.Errorf("carddav: delete %s: %w", href, err)
	}
	resp.Body.Close()
	return nil
}

// do sends one request for a card and maps the statuses a sync acts on.
func (c *Client) do(ctx context.Context, method, href, body string, h http.Header) (*http.Response, error) {
	u := c.base.ResolveReference(&url.URL{Path: href})
	req, err := http.NewRequestWithContext(ctx, method, u.String(), strings.NewReader(body))
	if err != nil {
		return nil, err
	}
	if body == "" {
		req.Body, req.ContentLength = http.NoBody, 0
	}
	for k, v := range h {
		req.Header[k] = v
	}
	resp, err := c.http.Do(req)
	if err != nil {
		return nil, err
	}
	if resp.StatusCode/100 == 2 {
		return resp, nil
	}
	msg, _ := io.ReadAll(io.LimitReader(resp.Body, 512))
	resp.Body.Close()
	switch resp.StatusCode {
	case http.StatusPreconditionFailed:
		return nil, ErrChanged
	case http.StatusNotFound, http.StatusGone:
		return nil, ErrGone
	}
	return nil, fmt.Errorf("%s: %s", resp.Status, strings.TrimSpace(string(msg)))
}
