package greader

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"os/exec"
	"strconv"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	"github.com/knowflow/knowflow/model/secrets"
	"github.com/knowflow/knowflow/model/store"
)

// The child process of TestSyncKilledMidSync: it syncs the account named
// by the environment through the forward proxy named there, and is
// killed (SIGKILL) while it downloads contents.
const syncChildEnv = "KNOWFLOW_TEST_SYNC_CHILD"

func syncChild() int {
	db, proxy := os.Getenv(syncChildEnv), os.Getenv("KNOWFLOW_TEST_SYNC_PROXY")
	id, _ := strconv.ParseInt(os.Getenv("KNOWFLOW_TEST_SYNC_ACCOUNT"), 10, 64)
	st, err := store.Open(db)
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 2
	}
	defer st.Close()
	pu, err := url.Parse(proxy)
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 2
	}
	ctx := context.Background()
	a, err := st.GetAccount(ctx, id)
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 2
	}
	sy := &Syncer{Store: st, Secrets: secrets.Beside(db), HTTP: &http.Client{Transport: &http.Transport{Proxy: http.ProxyURL(pu)}}}
	if _, err := sy.Sync(ctx, a); err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 1
	}
	return 0
}

// A sync killed with SIGKILL while it downloads (a power cut, the OOM
// killer): the database stays whole, what was stored is whole steps, and
// the next sync ends with both sides the same: every item here once, and
// an item read here before the kill read on the server too.
func TestSyncKilledMidSync(t *testing.T) {
	if testing.Short() {
		t.Skip("runs a second process")
	}
	e := newEnv(t)
	ctx := context.Background()
	small := e.fs.feed("/small.xml", "Small one", "Small two", "Small three")
	e.u.Subscribe(t, small, "Tech")
	e.sync()
	must(t, e.st.SetRead(ctx, e.item("Small two").ID, true)) // to be sent by the killed sync or the next
	titles := make([]string, 600)
	for i := range titles {
		titles[i] = "Big " + itoa(int64(i))
	}
	e.u.Subscribe(t, e.fs.feed("/big.xml", titles...), "Tech")

	// A forward proxy in front of Miniflux that holds the second request
	// for contents and says so: the child is killed while it waits.
	held := make(chan struct{}, 1)
	var contents atomic.Int32
	proxy := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/reader/api/0/stream/items/contents" {
			if contents.Add(1) == 2 {
				// Read the body first: the server notices the client
				// gone (and ends r's context) only once it has.
				io.Copy(io.Discard, r.Body)
				held <- struct{}{}
				<-r.Context().Done()
				return
			}
		}
		out := r.Clone(r.Context())
		out.RequestURI = ""
		resp, err := http.DefaultTransport.RoundTrip(out)
		if err != nil {
			http.Error(w, err.Error(), http.StatusBadGateway)
			return
		}
		defer resp.Body.Close()
		for k, v := range resp.Header {
			w.Header()[k] = v
		}
		w.WriteHeader(resp.StatusCode)
		buf := make([]byte, 32<<10)
		for {
			n, err := resp.Body.Read(buf)
			w.Write(buf[:n])
			if err != nil {
				return
			}
		}
	}))
	defer proxy.Close()

	db := e.st.Path()
	child := exec.Command(os.Args[0], "-test.run=^$")
	child.Env = append(os.Environ(), syncChildEnv+"="+db, "KNOWFLOW_TEST_SYNC_PROXY="+proxy.URL,
		"KNOWFLOW_TEST_SYNC_ACCOUNT="+itoa(e.acct.ID))
	out := &bytes.Buffer{}
	child.Stdout, child.Stderr = out, out
	if err := child.Start(); err != nil {
		t.Fatal(err)
	}
	select {
	case <-held:
	case <-time.After(2 * time.Minute):
		child.Process.Kill()
		child.Wait()
		t.Fatalf("the child never asked for a second batch of contents:\n%s", out.String())
	}
	child.Process.Signal(syscall.SIGKILL)
	if err := child.Wait(); err == nil {
		t.Fatalf("the child was not killed:\n%s", out.String())
	}

	rep, err := e.st.Check(ctx)
	must(t, err)
	if !rep.OK() {
		t.Fatalf("integrity check after the kill: %v", rep.Integrity)
	}
	stored := rep.Counts["items"]
	t.Logf("%d items stored when the sync was killed", stored)
	// Batches are asked for a few at a time and stored in order: the
	// first may be stored (the second never came), nothing in part.
	if stored != 3 && stored != 3+contentsBatch {
		t.Fatalf("%d items after the kill: want 3, or 3 and one whole batch (%d)", stored, 3+contentsBatch)
	}

	res := e.sync()
	if res.NewItems != 3+600-stored {
		t.Errorf("the sync after the kill stored %d items, want %d (nothing twice)", res.NewItems, 3+600-stored)
	}
	items, err := e.st.Items(ctx, store.ItemFilter{Limit: 2000})
	must(t, err)
	seen := map[string]int{}
	for _, it := range items {
		seen[it.Title]++
	}
	if len(items) != 603 || len(seen) != 603 {
		t.Fatalf("%d items here (%d titles), want 603 once each", len(items), len(seen))
	}
	if got := e.u.EntryByTitle(t, "Small two"); got.Status != "read" {
		t.Errorf("read here before the kill, on the server: %+v", got)
	}
	if got := e.u.EntryCount(t); got != 603 {
		t.Errorf("%d entries on the server, want 603", got)
	}
	a, err := e.st.GetAccount(ctx, e.acct.ID)
	must(t, err)
	if a.LastError != "" {
		t.Errorf("error still recorded after a good sync: %s", a.LastError)
	}
}
