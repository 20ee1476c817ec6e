package main

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/knowflow/knowflow/feeds/feedtest"
	"github.com/knowflow/knowflow/model/store"
)

// buildKnowflow builds this command into a temp dir and returns the
// binary's path.
func buildKnowflow(t *testing.T) string {
	t.Helper()
	if testing.Short() {
		t.Skip("builds the binary")
	}
	goBin, err := exec.LookPath("go")
	if err != nil {
		goBin = filepath.Join(runtime.GOROOT(), "bin", "go")
	}
	bin := filepath.Join(t.TempDir(), "knowflow")
	if out, err := exec.Command(goBin, "build", "-o", bin, ".").CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	return bin
}

const itemsPerFeed = 10

// feed is a small RSS feed named by path.
func feed(path string) string {
	var b strings.Builder
	fmt.Fprintf(&b, `<?xml version="1.0"?><rss version="2.0"><channel><title>Feed %s</title><link>http://feeds.example%s</link>`, path, path)
	for i := range itemsPerFeed {
		fmt.Fprintf(&b, `<item><title>Post %d of %s</title><link>http://feeds.example%s/%d</link><guid>%s-%d</guid><description>Notes, part %d.</description></item>`, i, path, path, i, path, i, i)
	}
	b.WriteString(`</channel></rss>`)
	return b.String()
}

// `knowflow refresh` stopped by SIGTERM mid refresh (300 feeds, half of
// them on hosts that never answer) exits 1 within 2 s saying it stopped,
// having stored whole sources only; `knowflow check` then passes.
func TestRefreshQuitsOnSIGTERM(t *testing.T) {
	bin := buildKnowflow(t)
	fast := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/rss+xml")
		fmt.Fprint(w, feed(r.URL.Path))
	})
	hanging := make(chan struct{}, 300)
	slow := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		hanging <- struct{}{}
		<-r.Context().Done() // until the client gives up
	})
	var fastSrv, slowSrv []*httptest.Server
	for i := 1; i <= 4; i++ {
		fastSrv = append(fastSrv, feedtest.HostServer(t, fmt.Sprintf("127.0.0.%d", i), fast))
		slowSrv = append(slowSrv, feedtest.HostServer(t, fmt.Sprintf("127.0.0.%d", i+4), slow))
	}
	var opml strings.Builder
	opml.WriteString(`<?xml version="1.0"?><opml version="2.0"><body>`)
	for i := range 300 {
		srv := fastSrv[i/2%4]
		if i%2 == 1 {
			srv = slowSrv[i/2%4]
		}
		fmt.Fprintf(&opml, `<outline type="rss" text="Feed %d" xmlUrl="%s/feed/%d.xml"/>`, i, srv.URL, i)
	}
	opml.WriteString(`</body></opml>`)
	dir := t.TempDir()
	db := filepath.Join(dir, "knowflow.db")
	opmlFile := filepath.Join(dir, "feeds.opml")
	if err := os.WriteFile(opmlFile, []byte(opml.String()), 0o600); err != nil {
		t.Fatal(err)
	}
	if out, err := exec.Command(bin, "--db", db, "import", opmlFile).CombinedOutput(); err != nil {
		t.Fatalf("import: %v\n%s", err, out)
	}

	cmd := exec.Command(bin, "--db", db, "refresh")
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	exited := make(chan error, 1)
	go func() { exited <- cmd.Wait() }()
	// Mid refresh: every slow host's four requests hang, and some fast
	// feeds are stored (read from the database the refresh writes).
	for range 16 {
		select {
		case <-hanging:
		case err := <-exited:
			t.Fatalf("refresh ended before the slow feeds were asked: %v\n%s%s", err, &stdout, &stderr)
		}
	}
	waitUntil(t, 30*time.Second, "some feeds stored", func() bool {
		st, err := store.Open(db)
		if err != nil {
			return false
		}
		defer st.Close()
		sum, err := st.Summary(context.Background())
		return err == nil && sum.Items > 0
	})

	t0 := time.Now() // wall clock: elapsed time only (the 2 s to exit)
	if err := cmd.Process.Signal(syscall.SIGTERM); err != nil {
		t.Fatal(err)
	}
	var err error
	select {
	case err = <-exited:
	case <-time.After(10 * time.Second):
		cmd.Process.Kill()
		t.Fatalf("refresh still running 10 s after SIGTERM\n%s%s", &stdout, &stderr)
	}
	took := time.Since(t0) // wall clock: elapsed time only
	t.Logf("exited %v after SIGTERM: %v\nstdout: %s\nstderr: %s", took, err, &stdout, &stderr)
	if took > 2*time.Second {
		t.Errorf("refresh exited %v after SIGTERM, want within 2 s", took)
	}
	var exit *exec.ExitError
	if !errors.As(err, &exit) || exit.ExitCode() != 1 {
		t.Errorf("exit: %v, want status 1", err)
	}
	if !strings.Contains(stderr.String(), "knowflow: refresh stopped: terminated signal received") ||
		!strings.Contains(stderr.String(), "sources stored") {
		t.Errorf("stderr says %q, want that the refresh stopped, why, and what it stored", &stderr)
	}

	out, err := exec.Command(bin, "--db", db, "check").CombinedOutput()
	if err != nil || !strings.Contains(string(out), "integrity:      ok") {
		t.Fatalf("check after SIGTERM: %v\n%s", err, out)
	}
	st, err := store.Open(db)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	srcs, err := st.Sources(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	stored := 0
	for _, src := range srcs {
		items, err := st.Items(context.Background(), store.ItemFilter{SourceID: src.ID, Limit: 100})
		if err != nil {
			t.Fatal(err)
		}
		if n := len(items); n == itemsPerFeed {
			stored++
		} else if n != 0 {
			t.Errorf("source %s holds %d items: half a feed", src.FeedURL, n)
		}
		if src.LastError != "" {
			t.Errorf("source %s records the stop as its error: %q", src.FeedURL, src.LastError)
		}
	}
	t.Logf("%d of %d sources stored", stored, len(srcs))
	if stored == 0 || stored == len(srcs) {
		t.Errorf("%d of %d sources stored: not stopped mid refresh", stored, len(srcs))
	}
}

// waitUntil polls cond until it holds, failing the test after limit.
func waitUntil(t *testing.T, limit time.Duration, what string, cond func() bool) {
	t.Helper()
	end := time.Now().Add(limit) // wall clock: elapsed time only (a deadline to fail by)
	for !cond() {
		if time.Now().After(end) { // wall clock: elapsed time only
			t.Fatalf("no %s within %v", what, limit)
		}
		time.Sleep(50 * time.Millisecond)
	}
}
