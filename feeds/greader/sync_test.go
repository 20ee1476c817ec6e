package greader

import (
	"context"
	"net/http"
	"path/filepath"
	"slices"
	"strconv"
	"sync/atomic"
	"testing"
	"time"

	"github.com/knowflow/knowflow/feeds/greader/testserver"
	"github.com/knowflow/knowflow/model"
	"github.com/knowflow/knowflow/model/secrets"
	"github.com/knowflow/knowflow/model/store"
)

// env is one test's Knowflow database with an account on a fresh
// Miniflux user.
type env struct {
	t    testing.TB
	mf   *testserver.Miniflux
	u    *testserver.User
	fs   *feedServer
	st   *store.Store
	acct store.Account
	sy   *Syncer
}

func newEnv(t testing.TB) *env {
	mf := testserver.StartMiniflux(t)
	e := &env{t: t, mf: mf, u: mf.NewUser(t), fs: newFeedServer(t)}
	var err error
	db := filepath.Join(t.TempDir(), "kf.db")
	e.st, err = store.Open(db)
	must(t, err)
	t.Cleanup(func() { e.st.Close() })
	ctx := context.Background()
	tok, err := Login(ctx, nil, mf.URL, e.u.GReaderUser, e.u.Password)
	must(t, err)
	e.acct, err = e.st.AddAccount(ctx, store.Account{Kind: "greader", URL: mf.URL, User: e.u.GReaderUser})
	must(t, err)
	e.sy = &Syncer{Store: e.st, Secrets: secrets.Beside(db)}
	must(t, e.sy.Secrets.Set(e.acct.ID, tok))
	return e
}

func (e *env) sync() Result {
	e.t.Helper()
	a, err := e.st.GetAccount(context.Background(), e.acct.ID)
	must(e.t, err)
	res, err := e.sy.Sync(context.Background(), a)
	if err != nil {
		e.t.Fatalf("sync: %v", err)
	}
	return res
}

func (e *env) item(title string) model.Item {
	e.t.Helper()
	items, err := e.st.Items(context.Background(), store.ItemFilter{Limit: 1000})
	must(e.t, err)
	for _, it := range items {
		if it.Title == title {
			return it
		}
	}
	e.t.Fatalf("no item %q here", title)
	return model.Item{}
}

func (e *env) source(feedURL string) (model.Source, bool) {
	src, err := e.st.SourceByURL(context.Background(), feedURL)
	return src, err == nil
}

func TestSyncBothWays(t *testing.T) {
	e := newEnv(t)
	ctx := context.Background()
	aURL := e.fs.feed("/a.xml", "A one", "A two")
	e.u.Subscribe(t, aURL, "Tech")

	// subscribe on the server -> here, with its folder and items
	res := e.sync()
	src, ok := e.source(aURL)
	if !ok || !slices.Equal(src.Folder, []string{"Tech"}) || res.SourcesAdded != 1 || res.NewItems != 2 {
		t.Fatalf("after first sync: source %+v (%v), result %+v", src, ok, res)
	}
	synced, err := e.st.SyncedSourceIDs(ctx)
	must(t, err)
	if !synced[src.ID] {
		t.Fatal("the source is not marked as synced (a refresh would fetch it itself)")
	}

	// nothing downloaded again
	if res := e.sync(); res.NewItems != 0 || res.SourcesAdded != 0 || res.FlagsSent+res.FlagsTaken != 0 {
		t.Fatalf("second sync did something: %+v", res)
	}

	// read here -> read on the server
	must(t, e.st.SetRead(ctx, e.item("A one").ID, true))
	if res := e.sync(); res.FlagsSent != 1 {
		t.Fatalf("read here: %+v", res)
	}
	if got := e.u.EntryByTitle(t, "A one"); got.Status != "read" {
		t.Fatalf("server entry after read here: %+v", got)
	}

	// starred on the server -> starred here
	e.u.ToggleStar(t, e.u.EntryByTitle(t, "A two").ID)
	if res := e.sync(); res.FlagsTaken != 1 {
		t.Fatalf("starred there: %+v", res)
	}
	if !e.item("A two").Starred {
		t.Fatal("starred on the server, not here")
	}

	// a new item on the server comes incrementally
	e.fs.feed("/a.xml", "A one", "A two", "A three")
	e.u.RefreshFeed(t, e.u.Feeds(t)[0].ID)
	if res := e.sync(); res.NewItems != 1 {
		t.Fatalf("new item: %+v", res)
	}

	// moved to another folder on the server -> moved here
	var fid int64
	for _, f := range e.u.Feeds(t) {
		fid = f.ID
	}
	e.u.Do(t, "PUT", "/v1/feeds/"+itoa(fid), map[string]any{"category_id": e.u.Category(t, "Later")}, nil)
	e.sync()
	if src, _ := e.source(aURL); !slices.Equal(src.Folder, []string{"Later"}) {
		t.Fatalf("folder after a move on the server: %v", src.Folder)
	}
	// moved here -> moved on the server
	must(t, e.st.EditSource(ctx, src.ID, "", []string{"Reading"}))
	e.sync()
	if f := e.u.Feeds(t)[0]; f.Category.Title != "Reading" {
		t.Fatalf("server folder after a move here: %q", f.Category.Title)
	}

	// added here -> subscribed on the server, in its folder
	bURL := e.fs.feed("/b.xml", "B one")
	_, _, err = e.st.AddSource(ctx, model.Source{FeedURL: bURL, Folder: []string{"News"}})
	must(t, err)
	if res := e.sync(); res.Subscribed != 1 || res.NewItems != 1 {
		t.Fatalf("added here: %+v", res)
	}
	var onServer bool
	for _, f := range e.u.Feeds(t) {
		if f.FeedURL == bURL && f.Category.Title == "News" {
			onServer = true
		}
	}
	if !onServer {
		t.Fatalf("added here, not on the server: %+v", e.u.Feeds(t))
	}

	// unsubscribed here -> gone on the server
	src, _ = e.source(aURL)
	_, err = e.st.RemoveSource(ctx, src.ID)
	must(t, err)
	if res := e.sync(); res.Unsubscribed != 1 {
		t.Fatalf("unsubscribed here: %+v", res)
	}
	for _, f := range e.u.Feeds(t) {
		if f.FeedURL == aURL {
			t.Fatal("unsubscribed here, still on the server")
		}
	}

	// unsubscribed on the server -> gone here
	for _, f := range e.u.Feeds(t) {
		e.u.Do(t, "DELETE", "/v1/feeds/"+itoa(f.ID), nil, nil)
	}
	if res := e.sync(); res.SourcesGone != 1 {
		t.Fatalf("unsubscribed there: %+v", res)
	}
	if _, ok := e.source(bURL); ok {
		t.Fatal("unsubscribed on the server, still here")
	}
}

// Changed on both sides: the newer change wins, per item and per flag.
// With flags that are true or false, both sides changing one flag from
// the state last agreed means they agree; they differ when one side
// changed it and changed it back. Knowflow's change time is in ms, the
// server's (Miniflux: the entry's changed_at) in seconds, and per item.
func TestSyncConflictNewestWins(t *testing.T) {
	e := newEnv(t)
	ctx := context.Background()
	e.u.Subscribe(t, e.fs.feed("/c.xml", "Old here", "New here", "Both"), "Tech")
	e.sync()

	// "Old here": read and unread again here, then read on the server.
	old := e.item("Old here")
	must(t, e.st.SetRead(ctx, old.ID, true))
	must(t, e.st.SetRead(ctx, old.ID, false))
	// "New here": starred on the server, then starred and unstarred here.
	e.u.ToggleStar(t, e.u.EntryByTitle(t, "New here").ID)
	// "Both": read here, starred on the server: each flag keeps its change.
	must(t, e.st.SetRead(ctx, e.item("Both").ID, true))
	e.u.ToggleStar(t, e.u.EntryByTitle(t, "Both").ID)
	time.Sleep(1100 * time.Millisecond) // the server's change times are in seconds
	e.u.SetStatus(t, "read", e.u.EntryByTitle(t, "Old here").ID)
	time.Sleep(1100 * time.Millisecond)
	newer := e.item("New here")
	must(t, e.st.SetStarred(ctx, newer.ID, true))
	must(t, e.st.SetStarred(ctx, newer.ID, false))

	e.sync()
	if it := e.item("Old here"); !it.Read {
		t.Fatal("Old here: the server's newer read should win")
	}
	if got := e.u.EntryByTitle(t, "New here"); got.Starred {
		t.Fatalf("New here on the server: Knowflow's newer unstar should win: %+v", got)
	}
	if it := e.item("New here"); it.Starred {
		t.Fatal("New here: starred here again")
	}
	if got, it := e.u.EntryByTitle(t, "Both"), e.item("Both"); got.Status != "read" || !got.Starred || !it.Read || !it.Starred {
		t.Fatalf("Both: server %+v, here read %v starred %v; want read and starred on both", got, it.Read, it.Starred)
	}
}

// A server that stops in the middle of a sync: the sync fails and says
// why, what it stored is whole steps, and the next sync ends with both
// sides the same without downloading again what was stored.
func TestSyncServerStoppedMidSync(t *testing.T) {
	e := newEnv(t)
	ctx := context.Background()
	titles := make([]string, 600)
	for i := range titles {
		titles[i] = "Item " + itoa(int64(i))
	}
	e.u.Subscribe(t, e.fs.feed("/big.xml", titles...), "Tech")

	// The server goes away after the first batch of contents.
	var calls atomic.Int32
	e.sy.HTTP = &http.Client{Transport: roundTripFunc(func(r *http.Request) (*http.Response, error) {
		if r.URL.Path == "/reader/api/0/stream/items/contents" && calls.Add(1) == 2 {
			e.mf.Stop()
		}
		return http.DefaultTransport.RoundTrip(r)
	})}
	a, _ := e.st.GetAccount(ctx, e.acct.ID)
	res, err := e.sy.Sync(ctx, a)
	if err == nil {
		t.Fatal("a sync against a stopped server worked")
	}
	// Batches are asked for a few at a time, and a stopping server ends
	// the requests in flight first: the first batches may have come
	// before it stopped, or not, whichever request stopped it (the
	// second to go out is not always the second batch); none is stored
	// in part, and not all of them.
	if res.NewItems%contentsBatch != 0 || res.NewItems >= 600 {
		t.Fatalf("stored %d items before the server stopped, want whole batches of %d and not all 600", res.NewItems, contentsBatch)
	}
	stored := res.NewItems
	a, _ = e.st.GetAccount(ctx, e.acct.ID)
	if a.LastError == "" {
		t.Fatal("the failure is not recorded on the account")
	}
	e.mf.Start(t)
	e.sy.HTTP = nil
	if res := e.sync(); res.NewItems != 600-stored {
		t.Fatalf("resumed sync stored %d items, want %d", res.NewItems, 600-stored)
	}
	items, err := e.st.Items(ctx, store.ItemFilter{Limit: 1000})
	must(t, err)
	if len(items) != 600 {
		t.Fatalf("%d items here, want 600", len(items))
	}
	a, _ = e.st.GetAccount(ctx, e.acct.ID)
	if a.LastError != "" {
		t.Fatalf("error still recorded after a good sync: %s", a.LastError)
	}
}

type roundTripFunc func(*http.Request) (*http.Response, error)

func (f roundTripFunc) RoundTrip(r *http.Request) (*http.Response, error) { return f(r) }

func itoa(n int64) string { return strconv.FormatInt(n, 10) }
