// Package greader speaks the Google Reader API (as Miniflux, FreshRSS,
// Inoreader, The Old Reader and BazQux serve it) and syncs a Knowflow
// store with such a server: subscriptions and folders, new items, and
// read and starred state, both ways.
//
// The client keeps the API's auth token (from ClientLogin), never the
// password, and never puts the token in a URL, an error or a log line: GET
// requests carry it in the Authorization header, POST requests in the
// form body (T), which is what Miniflux reads for each.
package greader

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"
)

// Stream IDs of the built-in states.
const (
	StreamReadingList = "user/-/state/com.google/reading-list"
	StreamRead        = "user/-/state/com.google/read"
	StreamStarred     = "user/-/state/com.google/starred"
	labelPrefix       = "user/-/label/"
	feedPrefix        = "feed/"
)

// Errors a caller can tell apart (errors.Is).
var (
	// ErrLogin: the server refused the user name or password, or its
	// Google Reader API is not enabled for the user.
	ErrLogin = errors.New("greader: login refused (wrong user or password, or the server's Google Reader API is off)")
	// ErrToken: the stored token is no longer accepted (the password or
	// the API settings changed on the server): log in again.
	ErrToken = errors.New("greader: the server no longer accepts the saved login; add the account again")
	// ErrNotReader: the address answers, but not as a Google Reader API.
	ErrNotReader = errors.New("greader: the address does not serve the Google Reader API")
)

// maxBody caps what is read of one answer.
const maxBody = 64 << 20

// Client calls one server's Google Reader API with a token.
type Client struct {
	base  string // without a trailing slash
	token string
	http  *http.Client
}

// New returns a client of the API at base (the server's root; for
// FreshRSS, .../api/greader.php) that authenticates with token. hc may be
// nil (http.DefaultClient); every call takes its own context.
func New(base, token string, hc *http.Client) *Client {
	if hc == nil {
		hc = http.DefaultClient
	}
	return &Client{base: strings.TrimRight(base, "/"), token: token, http: hc}
}

// Login exchanges a user name and password for the API's auth token
// (POST /accounts/ClientLogin). The password is sent once and not kept.
func Login(ctx context.Context, hc *http.Client, base, user, password string) (string, error) {
	c := New(base, "", hc)
	body, err := c.call(ctx, http.MethodPost, "/accounts/ClientLogin", nil, url.Values{"Email": {user}, "Passwd": {password}})
	if errors.Is(err, ErrToken) {
		return "", ErrLogin
	}
	if err != nil {
		return "", err
	}
	for _, line := range strings.Split(string(body), "\n") {
		if tok, ok := strings.CutPrefix(strings.TrimSpace(line), "Auth="); ok && tok != "" {
			return tok, nil
		}
	}
	return "", ErrNotReader
}

// HTTPError is an answer with an unexpected status.
type HTTPError struct {
	Method, Path string
	Status       int
	Message      string // the start of the body
}

func (e *HTTPError) Error() string {
	msg := ""
	if e.Message != "" {
		msg = ": " + e.Message
	}
	return fmt.Sprintf("greader: %s %s: %d %s%s", e.Method, e.Path, e.Status, http.StatusText(e.Status), msg)
}

// call sends one request and returns the body of a 2xx answer. The token
// goes in the Authorization header of a GET and in the form (T) of a POST.
func (c *Client) call(ctx context.Context, method, path string, query, form url.Values) ([]byte, error) {
	u := c.base + path
	if len(query) > 0 {
		u += "?" + query.Encode()
	}
	var rd io.Reader
	if method == http.MethodPost {
		if form == nil {
			form = url.Values{}
		}
		if c.token != "" {
			form.Set("T", c.token)
		}
		rd = strings.NewReader(form.Encode())
	}
	req, err := http.NewRequestWithContext(ctx, method, u, rd)
	if err != nil {
		return nil, fmt.Errorf("greader: %s %s: %w", method, path, err)
	}
	if method == http.MethodPost {
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	}
	if c.token != "" {
		req.Header.Set("Authorization", "GoogleLogin auth="+c.token)
	}
	resp, err := c.http.Do(req)
	if err != nil {
		return nil, fmt.Errorf("greader: %s %s: %w", method, path, err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(io.LimitReader(resp.Body, maxBody))
	if err != nil {
		return nil, fmt.Errorf("greader: %s %s: %w", method, path, err)
	}
	switch {
	case resp.StatusCode == http.StatusUnauthorized || resp.StatusCode == http.StatusForbidden:
		return nil, ErrToken
	case resp.StatusCode == http.StatusNotFound && strings.HasPrefix(path, "/accounts/"):
		return nil, ErrNotReader
	case resp.StatusCode/100 != 2:
		msg := string(body)
		if len(msg) > 200 {
			msg = msg[:200]
		}
		return nil, &HTTPError{Method: method, Path: path, Status: resp.StatusCode, Message: strings.TrimSpace(msg)}
	}
	return body, nil
}

func (c *Client) getJSON(ctx context.Context, path string, query url.Values, out any) error {
	if query == nil {
		query = url.Values{}
	}
	query.Set("output", "json")
	body, err := c.call(ctx, http.MethodGet, path, query, nil)
	if err != nil {
		return err
	}
	if err := json.Unmarshal(body, out); err != nil {
		return fmt.Errorf("greader: GET %s: %w: %w", path, ErrNotReader, err)
	}
	return nil
}

// postOK sends a write and expects the API's plain "OK".
func (c *Client) postOK(ctx context.Context, path string, form url.Values) error {
	body, err := c.call(ctx, http.MethodPost, path, nil, form)
	if err != nil {
		return err
	}
	if s := strings.TrimSpace(string(body)); s != "OK" {
		return fmt.Errorf("greader: POST %s: the server said %q, not OK", path, truncate(s, 200))
	}
	return nil
}

func truncate(s string, n int) string {
	if len(s) > n {
		return s[:n]
	}
	return s
}

// CheckToken asks the server whether the token is still good
// (GET /reader/api/0/token).
func (c *Client) CheckToken(ctx context.Context) error {
	_, err := c.call(ctx, http.MethodGet, "/reader/api/0/token", nil, nil)
	return err
}

// Subscription is one feed the server follows for the user.
type Subscription struct {
	ID      string   // stream id, "feed/42"
	Title   string   //
	URL     string   // the feed's own URL
	HTMLURL string   // its site
	Folders []string // label names
}

// Subscriptions lists the user's feeds (GET subscription/list).
func (c *Client) Subscriptions(ctx context.Context) ([]Subscription, error) {
	var resp struct {
		Subscriptions []struct {
			ID         string `json:"id"`
			Title      string `json:"title"`
			URL        string `json:"url"`
			HTMLURL    string `json:"htmlUrl"`
			Categories []struct {
				ID    string `json:"id"`
				Label string `json:"label"`
			} `json:"categories"`
		} `json:"subscriptions"`
	}
	if err := c.getJSON(ctx, "/reader/api/0/subscription/list", nil, &resp); err != nil {
		return nil, err
	}
	out := make([]Subscription, 0, len(resp.Subscriptions))
	for _, s := range resp.Subscriptions {
		sub := Subscription{ID: s.ID, Title: s.Title, URL: s.URL, HTMLURL: s.HTMLURL}
		for _, cat := range s.Categories {
			if name := LabelName(cat.ID); name != "" {
				sub.Folders = append(sub.Folders, name)
			} else if cat.Label != "" {
				sub.Folders = append(sub.Folders, cat.Label)
			}
		}
		out = append(out, sub)
	}
	return out, nil
}

// Labels lists the user's folders (GET tag/list), by name.
func (c *Client) Labels(ctx context.Context) ([]string, error) {
	var resp struct {
		Tags []struct {
			ID string `json:"id"`
		} `json:"tags"`
	}
	if err := c.getJSON(ctx, "/reader/api/0/tag/list", nil, &resp); err != nil {
		return nil, err
	}
	var out []string
	for _, t := range resp.Tags {
		if name := LabelName(t.ID); name != "" {
			out = append(out, name)
		}
	}
	return out, nil
}

// LabelName is the folder name of a label stream id
// ("user/-/label/Tech", "user/1/label/Tech"), or "" for another stream.
func LabelName(stream string) string {
	if !strings.HasPrefix(stream, "user/") {
		return ""
	}
	_, name, ok := strings.Cut(strings.TrimPrefix(stream, "user/"), "/label/")
	if !ok {
		return ""
	}
	return name
}

// Label is the stream id of the folder named name.
func Label(name string) string { return labelPrefix + name }

// IDsQuery chooses the item ids StreamIDs lists.
type IDsQuery struct {
	Stream      string    // StreamReadingList, StreamStarred, "feed/42"...
	ExcludeRead bool      // only unread items (xt=read)
	Since       time.Time // only items published after it (ot); zero: all
	PageSize    int       // n per request; 0: idsPage
}

// StreamIDs lists the ids of a stream's items, following the
// continuation until the server has no more.
// idsPage is how many ids StreamIDs asks for at once: Miniflux and
// FreshRSS give up to 10,000 (a server that gives fewer says so with a
// continuation). At 1,000, the unread ids of 20,000 items took twenty
// round trips, each an OFFSET query on the server.
const idsPage = 10000

func (c *Client) StreamIDs(ctx context.Context, q IDsQuery) ([]int64, error) {
	n := q.PageSize
	if n <= 0 {
		n = idsPage
	}
	var ids []int64
	cont := ""
	for {
		v := url.Values{"s": {q.Stream}, "n": {strconv.Itoa(n)}}
		if q.ExcludeRead {
			v.Set("xt", StreamRead)
		}
		if !q.Since.IsZero() {
			v.Set("ot", strconv.FormatInt(q.Since.Unix(), 10))
		}
		if cont != "" {
			v.Set("c", cont)
		}
		var resp struct {
			ItemRefs []struct {
				ID string `json:"id"`
			} `json:"itemRefs"`
			Continuation json.RawMessage `json:"continuation"`
		}
		if err := c.getJSON(ctx, "/reader/api/0/stream/items/ids", v, &resp); err != nil {
			return nil, err
		}
		for _, r := range resp.ItemRefs {
			id, err := ParseItemID(r.ID)
			if err != nil {
				return nil, err
			}
			ids = append(ids, id)
		}
		next := strings.Trim(string(resp.Continuation), `"`)
		if next == "" || next == "null" || next == "0" || next == cont || len(resp.ItemRefs) == 0 {
			return ids, nil
		}
		cont = next
	}
}

// ParseItemID reads an item id in any of the API's forms: decimal
// ("12345"), bare 16-digit hex, or "tag:google.com,2005:reader/item/<hex>".
func ParseItemID(s string) (int64, error) {
	if hex, ok := strings.CutPrefix(s, "tag:google.com,2005:reader/item/"); ok {
		id, err := strconv.ParseUint(hex, 16, 64)
		if err != nil {
			return 0, fmt.Errorf("greader: item id %q: %w", s, err)
		}
		return int64(id), nil
	}
	if len(s) == 16 {
		if id, err := strconv.ParseUint(s, 16, 64); err == nil {
			return int64(id), nil
		}
	}
	id, err := strconv.ParseInt(s, 10, 64)
	if err != nil {
		return 0, fmt.Errorf("greader: item id %q: %w", s, err)
	}
	return id, nil
}

// longID is the long form of an item id, which every server accepts.
func longID(id int64) string {
	return fmt.Sprintf("tag:google.com,2005:reader/item/%016x", uint64(id))
}

// Item is one entry with its content and state.
type Item struct {
	ID        int64
	Feed      string // stream id of its feed, "feed/42"
	Title     string
	Link      string
	Author    string
	Content   string // HTML as the server gives it
	Published time.Time
	Changed   time.Time // when the server last changed it (Miniflux: its state too)
	Read      bool
	Starred   bool
}

// contentsBatch is how many items one stream/items/contents asks for.
const contentsBatch = 250

// Contents fetches the items with these ids (POST stream/items/contents),
// a few hundred per request.
func (c *Client) Contents(ctx context.Context, ids []int64) ([]Item, error) {
	var out []Item
	for start := 0; start < len(ids); start += contentsBatch {
		part := ids[start:min(start+contentsBatch, len(ids))]
		form := url.Values{"output": {"json"}}
		for _, id := range part {
			form.Add("i", longID(id))
		}
		body, err := c.call(ctx, http.MethodPost, "/reader/api/0/stream/items/contents", nil, form)
		if err != nil {
			return nil, err
		}
		var resp struct {
			Items []struct {
				ID            string   `json:"id"`
				Categories    []string `json:"categories"`
				Title         string   `json:"title"`
				Published     int64    `json:"published"`
				Updated       int64    `json:"updated"`
				TimestampUsec string   `json:"timestampUsec"`
				Author        string   `json:"author"`
				Alternate     []struct {
					Href string `json:"href"`
				} `json:"alternate"`
				Canonical []struct {
					Href string `json:"href"`
				} `json:"canonical"`
				Summary struct {
					Content string `json:"content"`
				} `json:"summary"`
				Content struct {
					Content string `json:"content"`
				} `json:"content"`
				Origin struct {
					StreamID string `json:"streamId"`
				} `json:"origin"`
			} `json:"items"`
		}
		if err := json.Unmarshal(body, &resp); err != nil {
			return nil, fmt.Errorf("greader: stream/items/contents: %w: %w", ErrNotReader, err)
		}
		for _, r := range resp.Items {
			id, err := ParseItemID(r.ID)
			if err != nil {
				return nil, err
			}
			it := Item{ID: id, Feed: r.Origin.StreamID, Title: r.Title, Author: r.Author,
				Content: r.Content.Content, Published: time.Unix(r.Published, 0)}
			if it.Content == "" {
				it.Content = r.Summary.Content
			}
			if r.Updated > 0 {
				it.Changed = time.Unix(r.Updated, 0)
			}
			if len(r.Canonical) > 0 {
				it.Link = r.Canonical[0].Href
			}
			if it.Link == "" && len(r.Alternate) > 0 {
				it.Link = r.Alternate[0].Href
			}
			for _, cat := range r.Categories {
				switch {
				case strings.HasSuffix(cat, "/state/com.google/read"):
					it.Read = true
				case strings.HasSuffix(cat, "/state/com.google/starred"):
					it.Starred = true
				}
			}
			out = append(out, it)
		}
	}
	return out, nil
}

// editBatch is how many items one edit-tag changes.
const editBatch = 250

// EditTag adds the stream tag (StreamRead, StreamStarred) to the items
// when add is true, and removes it otherwise (POST edit-tag).
func (c *Client) EditTag(ctx context.Context, tag string, add bool, ids []int64) error {
	param := "r"
	if add {
		param = "a"
	}
	for start := 0; start < len(ids); start += editBatch {
		part := ids[start:min(start+editBatch, len(ids))]
		form := url.Values{param: {tag}}
		for _, id := range part {
			form.Add("i", longID(id))
		}
		if err := c.postOK(ctx, "/reader/api/0/edit-tag", form); err != nil {
			return err
		}
	}
	return nil
}

// Subscribe subscribes to feedURL in folder ("" for the server's
// default), titled title when not empty (subscription/edit ac=subscribe).
func (c *Client) Subscribe(ctx context.Context, feedURL, title, folder string) error {
	form := url.Values{"ac": {"subscribe"}, "s": {feedPrefix + feedURL}}
	if title != "" {
		form.Set("t", title)
	}
	if folder != "" {
		form.Set("a", Label(folder))
	}
	return c.postOK(ctx, "/reader/api/0/subscription/edit", form)
}

// Unsubscribe drops the subscriptions with these stream ids ("feed/42").
func (c *Client) Unsubscribe(ctx context.Context, streams ...string) error {
	if len(streams) == 0 {
		return nil
	}
	return c.postOK(ctx, "/reader/api/0/subscription/edit", url.Values{"ac": {"unsubscribe"}, "s": streams})
}

// EditSubscription renames a subscription (title, when not empty) and
// moves it into folder (when not empty).
func (c *Client) EditSubscription(ctx context.Context, stream, title, folder string) error {
	form := url.Values{"ac": {"edit"}, "s": {stream}}
	if title != "" {
		form.Set("t", title)
	}
	if folder != "" {
		form.Set("a", Label(folder))
	}
	return c.postOK(ctx, "/reader/api/0/subscription/edit", form)
}

// QuickAdd subscribes to the feed at feedURL (the server discovers it)
// and returns its stream id (subscription/quickadd).
func (c *Client) QuickAdd(ctx context.Context, feedURL string) (string, error) {
	body, err := c.call(ctx, http.MethodPost, "/reader/api/0/subscription/quickadd", nil, url.Values{"quickadd": {feedURL}})
	if err != nil {
		return "", err
	}
	var resp struct {
		NumResults int    `json:"numResults"`
		StreamID   string `json:"streamId"`
	}
	if err := json.Unmarshal(body, &resp); err != nil {
		return "", fmt.Errorf("greader: quickadd: %w: %w", ErrNotReader, err)
	}
	if resp.NumResults == 0 || resp.StreamID == "" {
		return "", fmt.Errorf("greader: the server found no feed at %s", feedURL)
	}
	return resp.StreamID, nil
}
