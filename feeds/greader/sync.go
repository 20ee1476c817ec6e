package greader

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"net/http"
	"strings"
	"sync"
	"time"

	"github.com/knowflow/knowflow/feeds/sanitize"
	"github.com/knowflow/knowflow/model"
	"github.com/knowflow/knowflow/model/secrets"
	"github.com/knowflow/knowflow/model/store"
	"golang.org/x/sync/errgroup"
)

// Syncer syncs a store's accounts with their servers.
//
// A sync runs in three steps, each stored in its own transactions, so a
// sync that fails (server gone, network lost, process killed) leaves the
// database as the last finished step made it, and the next sync takes up
// from there without downloading again what was stored:
//
//  1. subscriptions: unsubscribes and adds made here go to the server;
//     then the server's list is taken: new subscriptions (with their
//     folder) are added here, those gone from the server are removed, and
//     a folder changed on one side follows on the other (the server's
//     wins when both changed).
//  2. items: the ids of the newest items (ot: published since the last
//     sync, a day's margin), of every unread and starred item and of every
//     item of a feed new here; those not stored yet are fetched, a few
//     hundred per request and per transaction.
//  3. read and starred: each flag is merged against the state last agreed
//     with the server. Changed on one side: that side wins. Changed on
//     both: the newer change wins (Knowflow's change time against the
//     item's change time on the server). Winners from here go to the
//     server (edit-tag) before the result is stored.
type Syncer struct {
	Store   *store.Store
	Secrets secrets.Secrets
	HTTP    *http.Client     // nil: http.DefaultClient
	Now     func() time.Time // nil: time.Now
}

// Result says what one account's sync did.
type Result struct {
	Account      int64   `json:"account"`
	SourcesAdded int     `json:"sources_added"`
	SourcesGone  int     `json:"sources_removed"`
	Subscribed   int     `json:"subscribed_on_server"`
	Unsubscribed int     `json:"unsubscribed_on_server"`
	NewItems     int     `json:"new_items"`
	FlagsSent    int     `json:"flags_sent"`
	FlagsTaken   int     `json:"flags_taken"`
	Seconds      float64 `json:"seconds"`
	Error        string  `json:"error,omitempty"`
}

func (s *Syncer) now() time.Time {
	if s.Now != nil {
		return s.Now()
	}
	return time.Now()
}

// SyncAll syncs every Google Reader account (or only the one with id
// only, when not 0); other kinds (CardDAV) are model/carddav's.
// One account failing does not stop the others: its error is in its
// Result and recorded on the account; the error returned is the first.
func (s *Syncer) SyncAll(ctx context.Context, only int64) ([]Result, error) {
	return store.SyncAccounts(ctx, s.Store, "greader", only, s.Sync)
}

// Sync syncs one account and records how it went on it.
func (s *Syncer) Sync(ctx context.Context, a store.Account) (Result, error) {
	res := Result{Account: a.ID}
	took, err := store.RecordSync(ctx, s.Store, "greader", a, s.now, func() (time.Time, error) {
		return s.sync(ctx, a, &res)
	})
	res.Seconds = took.Seconds()
	if err != nil {
		res.Error = err.Error()
	}
	return res, err
}

func (s *Syncer) sync(ctx context.Context, a store.Account, res *Result) (time.Time, error) {
	tok, err := s.Secrets.Get(a.ID)
	if err != nil {
		return time.Time{}, err
	}
	c := New(a.URL, tok, s.HTTP)
	newFeeds, err := s.syncSubscriptions(ctx, c, a, res)
	if err != nil {
		return time.Time{}, err
	}
	state, newest, err := s.syncItems(ctx, c, a, newFeeds, res)
	if err != nil {
		return newest, err
	}
	return newest, s.syncFlags(ctx, c, a, state, res)
}

// label is a folder path as one label: its parts joined with "/".
func label(path []string) string { return strings.Join(path, "/") }

func (s *Syncer) syncSubscriptions(ctx context.Context, c *Client, a store.Account, res *Result) (newFeeds []string, err error) {
	subs, err := c.Subscriptions(ctx)
	if err != nil {
		return nil, err
	}
	onServer := map[string]Subscription{}
	for _, sub := range subs {
		onServer[sub.ID] = sub
	}
	ch := store.SubscriptionChanges{Account: a.ID}

	// Unsubscribed here: those still on the server go.
	unsubs, err := s.Store.UnsubscribedSources(ctx, a.ID)
	if err != nil {
		return nil, err
	}
	var still []string
	for _, id := range unsubs {
		if _, ok := onServer[id]; ok {
			still = append(still, id)
			delete(onServer, id)
		}
	}
	if err := c.Unsubscribe(ctx, still...); err != nil {
		return nil, err
	}
	res.Unsubscribed = len(still)
	ch.Unsubscribed = unsubs

	// Added here: subscribed to on the server, in their folder.
	added, err := s.Store.AddedSources(ctx, a.ID)
	if err != nil {
		return nil, err
	}
	byURL := map[string]Subscription{}
	for _, sub := range onServer {
		byURL[sub.URL] = sub
	}
	for _, src := range added {
		folder := label(src.Folder)
		if sub, ok := byURL[src.FeedURL]; ok {
			ch.New = append(ch.New, store.RemoteSource{RemoteID: sub.ID, FeedURL: sub.URL, Folder: firstOr(sub.Folders), SourceID: src.ID})
			delete(onServer, sub.ID)
			continue
		}
		id, err := c.QuickAdd(ctx, src.FeedURL)
		if err != nil {
			return nil, err
		}
		if folder != "" {
			if err := c.EditSubscription(ctx, id, "", folder); err != nil {
				return nil, err
			}
		}
		ch.New = append(ch.New, store.RemoteSource{RemoteID: id, FeedURL: src.FeedURL, Folder: folder, SourceID: src.ID})
		newFeeds = append(newFeeds, id)
		res.Subscribed++
	}

	// Synced before: gone from the server, or moved on either side.
	synced, err := s.Store.SyncedSources(ctx, a.ID)
	if err != nil {
		return nil, err
	}
	for _, ss := range synced {
		sub, ok := onServer[ss.RemoteID]
		if !ok {
			ch.Gone = append(ch.Gone, ss.SourceID)
			continue
		}
		delete(onServer, ss.RemoteID)
		server, local := firstOr(sub.Folders), label(ss.Local)
		switch {
		case server != ss.Folder:
			ch.Folders = append(ch.Folders, store.SourceFolder{SourceID: ss.SourceID, Folder: server, Move: server != local})
		case local != ss.Folder && local != "":
			if err := c.EditSubscription(ctx, ss.RemoteID, "", local); err != nil {
				return nil, err
			}
			ch.Folders = append(ch.Folders, store.SourceFolder{SourceID: ss.SourceID, Folder: local})
		}
	}
	res.SourcesGone = len(ch.Gone)

	// New on the server.
	for _, sub := range subs {
		if _, ok := onServer[sub.ID]; !ok {
			continue
		}
		ch.New = append(ch.New, store.RemoteSource{RemoteID: sub.ID, Title: sub.Title, FeedURL: sub.URL, SiteURL: sub.HTMLURL, Folder: firstOr(sub.Folders)})
		newFeeds = append(newFeeds, sub.ID)
	}
	res.SourcesAdded, err = s.Store.ApplySubscriptions(ctx, ch)
	return newFeeds, err
}

func firstOr(xs []string) string {
	if len(xs) == 0 {
		return ""
	}
	return xs[0]
}

// serverState is the server's read and starred sets.
type serverState struct {
	unread, starred map[int64]bool
	// known: the items stored here before this sync (new ones come with
	// the server's flags, nothing to reconcile).
	known map[int64]store.SyncedItem
}

// contentsAhead is how many batches of contents are asked for at once.
const contentsAhead = 3

// feedQueries asks for every item of each feed (new subscriptions).
func feedQueries(feeds []string) []IDsQuery {
	qs := make([]IDsQuery, len(feeds))
	for i, f := range feeds {
		qs[i] = IDsQuery{Stream: f}
	}
	return qs
}

func set(ids []int64) map[int64]bool {
	m := make(map[int64]bool, len(ids))
	for _, id := range ids {
		m[id] = true
	}
	return m
}

func (s *Syncer) syncItems(ctx context.Context, c *Client, a store.Account, newFeeds []string, res *Result) (serverState, time.Time, error) {
	var st serverState
	var newest time.Time
	// The server's lists and what is stored here, all at once: each list
	// is a round trip and a query on the server, independent of the
	// others.
	q := IDsQuery{Stream: StreamReadingList}
	if !a.ItemsSince.IsZero() {
		q.Since = a.ItemsSince.Add(-24 * time.Hour)
	}
	queries := []IDsQuery{{Stream: StreamReadingList, ExcludeRead: true}, {Stream: StreamStarred}, q}
	if !q.Since.IsZero() {
		// A feed new since the last sync: its older items too (the
		// first sync's whole reading list has every feed's).
		queries = append(queries, feedQueries(newFeeds)...)
	}
	lists := make([][]int64, len(queries))
	var known map[int64]store.SyncedItem
	var synced []store.SyncedSource
	g, gctx := errgroup.WithContext(ctx)
	g.SetLimit(4)
	for i, q := range queries {
		g.Go(func() (err error) {
			lists[i], err = c.StreamIDs(gctx, q)
			return err
		})
	}
	g.Go(func() (err error) {
		if known, err = s.Store.SyncedItems(gctx, a.ID); err == nil {
			synced, err = s.Store.SyncedSources(gctx, a.ID)
		}
		return err
	})
	if err := g.Wait(); err != nil {
		return st, newest, err
	}
	unread, starred := lists[0], lists[1]
	st = serverState{unread: set(unread), starred: set(starred), known: known}
	var wanted []int64
	for _, l := range lists {
		wanted = append(wanted, l...)
	}
	sourceOf := map[string]int64{}
	for _, ss := range synced {
		sourceOf[ss.RemoteID] = ss.SourceID
	}
	var fetch []int64
	seen := map[int64]bool{}
	for _, id := range wanted {
		if _, ok := known[id]; !ok && !seen[id] {
			seen[id] = true
			fetch = append(fetch, id)
		}
	}
	// Contents come a batch at a time, up to contentsAhead batches in
	// flight (each made safe and analysed on its own goroutine: the
	// sanitiser is most of the CPU), and are stored in order by this
	// goroutine, the one writer, a batch per transaction: a sync that
	// stops stores whole batches, and the next one asks only for what is
	// missing.
	var wg sync.WaitGroup
	defer wg.Wait() // after cancel, below: what is in flight gives up
	fctx, cancel := context.WithCancel(ctx)
	defer cancel()
	n := (len(fetch) + contentsBatch - 1) / contentsBatch
	var ahead []chan contentsBatchOf // the batches asked for and not stored, in order
	asked := 0
	askUntil := func(end int) { // asks for the batches before end
		for ; asked < min(n, end); asked++ {
			ch := make(chan contentsBatchOf, 1)
			ids := fetch[asked*contentsBatch : min((asked+1)*contentsBatch, len(fetch))]
			wg.Go(func() { ch <- fetchContents(fctx, c, ids, sourceOf) })
			ahead = append(ahead, ch)
		}
	}
	askUntil(contentsAhead)
	for i := range n {
		b := <-ahead[0]
		ahead = ahead[1:]
		askUntil(i + 1 + contentsAhead) // the next goes out while this one is stored
		if b.err != nil {
			return st, newest, b.err
		}
		k, err := s.Store.SaveRemoteItems(ctx, a.ID, b.items, s.now())
		if err != nil {
			return st, time.Time{}, err
		}
		res.NewItems += k
		if b.newest.After(newest) {
			newest = b.newest
		}
	}
	return st, newest, nil
}

// contentsBatchOf is one batch of contents as the writer takes it.
type contentsBatchOf struct {
	items  []store.RemoteItem
	newest time.Time // the newest publication time among them
	err    error
}

// fetchContents asks for the items ids and makes them ready to store:
// made safe, analysed for search (here, not on the writer). An item of
// a feed not synced here yet (subscribed to on the server during this
// sync) is left for the next sync.
func fetchContents(ctx context.Context, c *Client, ids []int64, sourceOf map[string]int64) contentsBatchOf {
	items, err := c.Contents(ctx, ids)
	b := contentsBatchOf{err: err}
	for _, it := range items {
		src, ok := sourceOf[it.Feed]
		if !ok {
			continue
		}
		b.items = append(b.items, remoteItem(it, src))
		if it.Published.After(b.newest) {
			b.newest = it.Published
		}
	}
	store.PrepareRemoteSearch(b.items)
	return b
}

// remoteItem is a server item as Knowflow stores it: its HTML made safe
// by the one sanitiser, its plain text for search.
func remoteItem(it Item, source int64) store.RemoteItem {
	m := model.Item{Title: it.Title, Link: it.Link, Author: it.Author, Published: it.Published}
	if !sanitize.SafeURL(m.Link) {
		m.Link = ""
	}
	m.ContentHTML, m.Text = sanitize.HTMLText(it.Content, it.Link)
	m.Title = sanitize.Text(m.Title)
	sum := sha256.Sum256([]byte(m.Title + "\x00" + m.ContentHTML + "\x00" + m.Link))
	m.Hash = hex.EncodeToString(sum[:])
	return store.RemoteItem{RemoteID: it.ID, SourceID: source, Item: m, Read: it.Read, Starred: it.Starred}
}

type flagKey struct {
	item int64
	flag string
}

func (s *Syncer) syncFlags(ctx context.Context, c *Client, a store.Account, st serverState, res *Result) error {
	known := st.known
	changes, err := s.Store.FlagChanges(ctx, a.ID)
	if err != nil {
		return err
	}
	pending := map[flagKey]store.FlagChange{}
	for _, ch := range changes {
		pending[flagKey{ch.ItemID, ch.Flag}] = ch
	}
	var updates []store.FlagUpdate
	type push struct {
		tag   string
		value bool
	}
	pushes := map[push][]int64{}
	var conflicts []store.FlagChange
	for rid, it := range known {
		for _, f := range []struct {
			flag         string
			server, base bool
			tag          string
		}{
			{"read", !st.unread[rid], it.BaseRead, StreamRead},
			{"starred", st.starred[rid], it.BaseStarred, StreamStarred},
		} {
			ch, changed := pending[flagKey{it.ItemID, f.flag}]
			switch {
			case changed && ch.Value == f.server:
				updates = append(updates, store.FlagUpdate{ItemID: it.ItemID, Flag: f.flag, Value: ch.Value, Resolves: ch.ChangedAt})
			case changed && f.server == f.base:
				pushes[push{f.tag, ch.Value}] = append(pushes[push{f.tag, ch.Value}], rid)
				updates = append(updates, store.FlagUpdate{ItemID: it.ItemID, Flag: f.flag, Value: ch.Value, Resolves: ch.ChangedAt})
			case changed:
				conflicts = append(conflicts, ch)
			case f.server != f.base:
				updates = append(updates, store.FlagUpdate{ItemID: it.ItemID, Flag: f.flag, Value: f.server, SetLocal: true})
			}
		}
	}
	// Changed on both sides: the newer change wins.
	if len(conflicts) > 0 {
		ids := make([]int64, 0, len(conflicts))
		for _, ch := range conflicts {
			ids = append(ids, ch.RemoteID)
		}
		items, err := c.Contents(ctx, ids)
		if err != nil {
			return err
		}
		changedAt := map[int64]time.Time{}
		for _, it := range items {
			changedAt[it.ID] = it.Changed
		}
		for _, ch := range conflicts {
			if ch.ChangedAt >= changedAt[ch.RemoteID].UnixMilli() {
				tag := StreamRead
				if ch.Flag == "starred" {
					tag = StreamStarred
				}
				pushes[push{tag, ch.Value}] = append(pushes[push{tag, ch.Value}], ch.RemoteID)
				updates = append(updates, store.FlagUpdate{ItemID: ch.ItemID, Flag: ch.Flag, Value: ch.Value, Resolves: ch.ChangedAt})
			} else {
				updates = append(updates, store.FlagUpdate{ItemID: ch.ItemID, Flag: ch.Flag, Value: !ch.Value, SetLocal: true, Resolves: ch.ChangedAt})
			}
		}
	}
	for p, ids := range pushes {
		if err := c.EditTag(ctx, p.tag, p.value, ids); err != nil {
			return err
		}
		res.FlagsSent += len(ids)
	}
	for _, u := range updates {
		if u.SetLocal {
			res.FlagsTaken++
		}
	}
	return s.Store.ApplyFlags(ctx, updates)
}
