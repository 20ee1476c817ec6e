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

// The Radicale harness: a fresh user's address book takes a card and
// gives it back.
func TestRadicaleServesAnAddressBook(t *testing.T) {
	r := StartRadicale(t)
	u := r.NewCardDAVUser(t)
	_, etag := u.Do(t, http.MethodPut, u.Book+"a.vcf", "BEGIN:VCARD\r\nVERSION:4.0\r\nUID:a\r\nFN:Ada\r\nTEL:+351 1\r\nEND:VCARD\r\n", http.StatusCreated)
	if etag == "" {
		t.Error("PUT gave no ETag")
	}
	body, _ := u.Do(t, http.MethodGet, u.Book+"a.vcf", "", http.StatusOK)
	if !strings.Contains(body, "TEL:+351 1") {
		t.Errorf("card = %q", body)
	}
}
