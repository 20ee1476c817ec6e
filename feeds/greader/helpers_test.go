package greader

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"sync"
	"testing"

	"github.com/knowflow/knowflow/feeds/greader/testserver"
)

func TestMain(m *testing.M) {
	if os.Getenv(syncChildEnv) != "" {
		os.Exit(syncChild()) // a sync in a process of its own, to be killed (kill_test.go)
	}
	os.Exit(testserver.Main(m))
}

// feedServer serves RSS feeds on loopback whose items a test changes.
type feedServer struct {
	*httptest.Server
	mu    sync.Mutex
	feeds map[string][]string // path -> item titles
}

func newFeedServer(t testing.TB) *feedServer {
	fs := &feedServer{feeds: map[string][]string{}}
	fs.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		fs.mu.Lock()
		items, ok := fs.feeds[r.URL.Path]
		fs.mu.Unlock()
		if !ok {
			http.NotFound(w, r)
			return
		}
		w.Header().Set("Content-Type", "application/rss+xml")
		fmt.Fprint(w, testserver.RSS("Feed "+r.URL.Path, fs.URL+r.URL.Path, items...))
	}))
	t.Cleanup(fs.Close)
	return fs
}

// feed sets the items of the feed at path and returns its URL.
func (fs *feedServer) feed(path string, items ...string) string {
	fs.mu.Lock()
	defer fs.mu.Unlock()
	fs.feeds[path] = items
	return fs.URL + path
}

// login returns a client logged in as the user.
func login(t testing.TB, mf *testserver.Miniflux, u *testserver.User) *Client {
	t.Helper()
	tok, err := Login(context.Background(), nil, mf.URL, u.GReaderUser, u.Password)
	if err != nil {
		t.Fatal(err)
	}
	return New(mf.URL, tok, nil)
}

func must(t testing.TB, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

func isErr(err, target error) bool { return errors.Is(err, target) }
