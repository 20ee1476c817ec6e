package testserver

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"strings"
	"testing"
)

func TestMain(m *testing.M) { os.Exit(Main(m)) }

// The harness itself: a real Miniflux fetches a loopback feed, and its
// Google Reader API answers ClientLogin for a fresh user.
func TestMinifluxServesLoopbackFeedAndGoogleReader(t *testing.T) {
	mf := StartMiniflux(t)
	var feed *httptest.Server
	feed = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		fmt.Fprint(w, RSS("Loop", feed.URL, "First post", "Second post"))
	}))
	defer feed.Close()
	u := mf.NewUser(t)
	id := u.Subscribe(t, feed.URL+"/feed.xml", "Tech")
	if id == 0 {
		t.Fatal("no feed id")
	}
	if n := len(u.Entries(t)); n != 2 {
		t.Fatalf("entries = %d, want 2", n)
	}
	resp, err := http.PostForm(mf.URL+"/accounts/ClientLogin", map[string][]string{"Email": {u.GReaderUser}, "Passwd": {u.Password}})
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var b strings.Builder
	fmt.Fscan(resp.Body, &b)
	if resp.StatusCode != 200 {
		t.Fatalf("ClientLogin: %s", resp.Status)
	}
}
