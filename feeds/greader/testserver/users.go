package testserver

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"strconv"
	"strings"
	"sync/atomic"
	"testing"
)

// User is a Miniflux user of one test, with the Google Reader API enabled
// under GReaderUser with the same password.
type User struct {
	mf          *Miniflux
	ID          int64
	Name        string
	Password    string
	GReaderUser string
}

var userSeq atomic.Int64

// NewUser creates a fresh Miniflux user for the test, and turns its Google
// Reader API on (in SQL: Miniflux's REST API cannot; the integration's
// password column holds the same bcrypt hash as the user's).
func (m *Miniflux) NewUser(t testing.TB) *User {
	t.Helper()
	n := userSeq.Add(1)
	u := &User{mf: m, Name: fmt.Sprintf("user%d", n), Password: fmt.Sprintf("pw-%d-secret", n), GReaderUser: fmt.Sprintf("reader%d", n)}
	var created struct {
		ID int64 `json:"id"`
	}
	admin := &User{mf: m, Name: "admin", Password: m.adminPW}
	admin.Do(t, "POST", "/v1/users", map[string]any{"username": u.Name, "password": u.Password}, &created)
	u.ID = created.ID
	sql := fmt.Sprintf(`INSERT INTO integrations (user_id) VALUES (%[1]d) ON CONFLICT DO NOTHING;
UPDATE integrations SET googlereader_enabled = true, googlereader_username = '%[2]s',
	googlereader_password = (SELECT password FROM users WHERE id = %[1]d) WHERE user_id = %[1]d;`, u.ID, u.GReaderUser)
	if out, err := m.pg.psql("miniflux", sql); err != nil {
		t.Fatalf("testserver: enable the Google Reader API: %v\n%s", err, out)
	}
	return u
}

// Do calls Miniflux's REST API as the user: body (when not nil) is sent as
// JSON and the JSON answer decoded into out (when not nil). A status other
// than 2xx fails the test.
func (u *User) Do(t testing.TB, method, path string, body, out any) {
	t.Helper()
	if err := u.do(method, path, body, out); err != nil {
		t.Fatal(err)
	}
}

func (u *User) do(method, path string, body, out any) error {
	var rd io.Reader
	contentType := "application/json"
	switch b := body.(type) {
	case nil:
	case []byte: // sent as it is: an OPML file for /v1/import
		rd, contentType = bytes.NewReader(b), "text/xml"
	default:
		j, err := json.Marshal(body)
		if err != nil {
			return err
		}
		rd = bytes.NewReader(j)
	}
	req, err := http.NewRequest(method, u.mf.URL+path, rd)
	if err != nil {
		return err
	}
	req.SetBasicAuth(u.Name, u.Password)
	req.Header.Set("Content-Type", contentType)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return fmt.Errorf("testserver: %s %s: %w", method, path, err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	if resp.StatusCode/100 != 2 {
		return fmt.Errorf("testserver: %s %s: %s: %s", method, path, resp.Status, b)
	}
	if out != nil && len(b) > 0 {
		if err := json.Unmarshal(b, out); err != nil {
			return fmt.Errorf("testserver: %s %s: %w", method, path, err)
		}
	}
	return nil
}

// Category returns the id of the user's category with title, creating it.
func (u *User) Category(t testing.TB, title string) int64 {
	t.Helper()
	var cats []struct {
		ID    int64  `json:"id"`
		Title string `json:"title"`
	}
	u.Do(t, "GET", "/v1/categories", nil, &cats)
	for _, c := range cats {
		if c.Title == title {
			return c.ID
		}
	}
	var c struct {
		ID int64 `json:"id"`
	}
	u.Do(t, "POST", "/v1/categories", map[string]any{"title": title}, &c)
	return c.ID
}

// Subscribe subscribes the user to feedURL in the category titled folder
// (Miniflux fetches it at once) and returns the feed's id.
func (u *User) Subscribe(t testing.TB, feedURL, folder string) int64 {
	t.Helper()
	var f struct {
		FeedID int64 `json:"feed_id"`
	}
	u.Do(t, "POST", "/v1/feeds", map[string]any{"feed_url": feedURL, "category_id": u.Category(t, folder)}, &f)
	return f.FeedID
}

// Import subscribes the user to every feed of an OPML file (Miniflux
// fetches them later: RefreshAll).
func (u *User) Import(t testing.TB, opml []byte) {
	t.Helper()
	u.Do(t, "POST", "/v1/import", opml, nil)
}

// RefreshAll makes Miniflux fetch every feed of the user, in the
// background.
func (u *User) RefreshAll(t testing.TB) {
	t.Helper()
	u.Do(t, "PUT", "/v1/feeds/refresh", nil, nil)
}

// EntryCount is how many entries the user has, every status.
func (u *User) EntryCount(t testing.TB) int {
	t.Helper()
	var out struct {
		Total int `json:"total"`
	}
	u.Do(t, "GET", "/v1/entries?limit=1", nil, &out)
	return out.Total
}

// Feed is a Miniflux feed as its REST API gives it.
type Feed struct {
	ID       int64  `json:"id"`
	Title    string `json:"title"`
	FeedURL  string `json:"feed_url"`
	Category struct {
		Title string `json:"title"`
	} `json:"category"`
}

// Feeds lists the user's feeds.
func (u *User) Feeds(t testing.TB) []Feed {
	t.Helper()
	var fs []Feed
	u.Do(t, "GET", "/v1/feeds", nil, &fs)
	return fs
}

// RefreshFeed makes Miniflux fetch a feed now (synchronously).
func (u *User) RefreshFeed(t testing.TB, feedID int64) {
	t.Helper()
	u.Do(t, "PUT", "/v1/feeds/"+strconv.FormatInt(feedID, 10)+"/refresh", nil, nil)
}

// Entry is a Miniflux entry as its REST API gives it.
type Entry struct {
	ID      int64  `json:"id"`
	FeedID  int64  `json:"feed_id"`
	Title   string `json:"title"`
	URL     string `json:"url"`
	Status  string `json:"status"` // "read", "unread"
	Starred bool   `json:"starred"`
}

// Entries lists the user's entries (every status), newest first.
func (u *User) Entries(t testing.TB) []Entry {
	t.Helper()
	var out struct {
		Entries []Entry `json:"entries"`
	}
	u.Do(t, "GET", "/v1/entries?limit=1000&order=id&direction=asc", nil, &out)
	return out.Entries
}

// EntryByTitle returns the user's entry with title, failing the test when
// there is none.
func (u *User) EntryByTitle(t testing.TB, title string) Entry {
	t.Helper()
	for _, e := range u.Entries(t) {
		if e.Title == title {
			return e
		}
	}
	t.Fatalf("testserver: no entry titled %q", title)
	return Entry{}
}

// SetStatus sets entries "read" or "unread".
func (u *User) SetStatus(t testing.TB, status string, ids ...int64) {
	t.Helper()
	u.Do(t, "PUT", "/v1/entries", map[string]any{"entry_ids": ids, "status": status}, nil)
}

// ToggleStar stars an unstarred entry and unstars a starred one.
func (u *User) ToggleStar(t testing.TB, id int64) {
	t.Helper()
	u.Do(t, "PUT", "/v1/entries/"+strconv.FormatInt(id, 10)+"/bookmark", nil, nil)
}

// RSS is a small RSS 2.0 document with one item per title, each linking
// to base + "/" + a slug of the title, for a test's loopback feed.
func RSS(title, base string, items ...string) string {
	var b strings.Builder
	fmt.Fprintf(&b, `<?xml version="1.0"?><rss version="2.0"><channel><title>%s</title><link>%s/</link>`, title, base)
	for i, it := range items {
		slug := strings.ReplaceAll(strings.ToLower(it), " ", "-")
		fmt.Fprintf(&b, `<item><title>%s</title><link>%s/%s</link><guid>%s/%s</guid><description>Text of %s.</description><pubDate>Mon, 0%d Jan 2024 10:00:00 GMT</pubDate></item>`,
			it, base, slug, base, slug, it, 1+i%9)
	}
	b.WriteString(`</channel></rss>`)
	return b.String()
}
