package cli

import (
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/knowflow/knowflow/model/store"
	"github.com/knowflow/knowflow/model/store/testfs"
)

// bulkyFeeds serves /N.xml: 10 items of about 4 KB of text each.
func bulkyFeeds(t *testing.T) *httptest.Server {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/rss+xml")
		fmt.Fprintf(w, `<?xml version="1.0"?><rss version="2.0"><channel><title>Feed %s</title><link>https://example.org/</link>`, r.URL.Path)
		for k := range 10 {
			var words strings.Builder
			for i := range 500 {
				fmt.Fprintf(&words, "w%d%s ", (i*7919+k*104729)%60000, r.URL.Path[1:])
			}
			fmt.Fprintf(w, `<item><title>Post %d</title><guid>%s-%d</guid><description>%s</description></item>`, k, r.URL.Path, k, words.String())
		}
		fmt.Fprint(w, `</channel></rss>`)
	}))
	t.Cleanup(srv.Close)
	return srv
}

// TestRefreshOnAFullDisk: a refresh that fills the disk says "disk full"
// (it said "no such savepoint: fetch"), keeps what it stored, and the next
// refresh, once there is space, completes.
func TestRefreshOnAFullDisk(t *testing.T) {
	dir := testfs.Small(t, 24<<20)
	db := filepath.Join(dir, "knowflow.db")
	srv := bulkyFeeds(t)
	var opml strings.Builder
	opml.WriteString(`<?xml version="1.0"?><opml version="2.0"><body>`)
	for i := range 20 {
		fmt.Fprintf(&opml, `<outline text="Feed %d" type="rss" xmlUrl="%s/%d.xml"/>`, i, srv.URL, i)
	}
	opml.WriteString(`</body></opml>`)
	subs := filepath.Join(t.TempDir(), "subs.opml")
	os.WriteFile(subs, []byte(opml.String()), 0o600)
	if code, _, errOut := run(t, Env{}, "--db", db, "import", subs); code != 0 {
		t.Fatal(errOut)
	}
	items := func() int {
		_, out, _ := run(t, Env{}, "--db", db, "check", "--json")
		var rep store.Report
		if err := json.Unmarshal([]byte(out), &rep); err != nil || !rep.OK() {
			t.Fatalf("check: %v %q", err, out)
		}
		return rep.Counts["items"]
	}
	// Five sources are stored while there is space.
	if code, _, errOut := run(t, Env{}, "--db", db, "refresh", "--source", "1", "--source", "2", "--source", "3", "--source", "4", "--source", "5"); code != 0 {
		t.Fatal(errOut)
	}
	filler := testfs.Fill(t, dir, 256<<10)
	code, _, errOut := run(t, Env{}, "--db", db, "refresh")
	if code != 1 || !strings.Contains(errOut, "disk full: the disk holding "+db+" is full") || strings.Contains(errOut, "savepoint") {
		t.Fatalf("refresh on a full disk: %d %q", code, errOut)
	}
	if kept := items(); kept < 50 || kept >= 200 {
		t.Fatalf("after the full disk: %d items, want the first five sources' 50 and not all 200", kept)
	}
	os.Remove(filler)
	code, out, errOut := run(t, Env{}, "--db", db, "refresh")
	if code != 0 || !strings.Contains(out, "0 failed") {
		t.Fatalf("refresh once there is space: %d %q %q", code, out, errOut)
	}
	if n := items(); n != 200 {
		t.Fatalf("after the refresh with space: %d items, want 200", n)
	}
}
