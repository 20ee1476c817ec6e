package greader

import (
	"context"
	"fmt"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/knowflow/knowflow/feeds"
	"github.com/knowflow/knowflow/model"
	"github.com/knowflow/knowflow/model/store"
)

// BenchmarkSync measures, against a real Miniflux on loopback, the first
// sync of 1,000 feeds of 20 items each and an incremental sync that
// brings 100 new items, beside Knowflow's own first refresh of the same
// feeds (the targets: the first sync at most twice that refresh,
// the incremental one at most 0.5 s). Setting up (Miniflux fetching the
// 1,000 feeds) takes a minute or two and is not measured.
func BenchmarkSync(b *testing.B) {
	const nFeeds, perFeed, newFeeds, newPerFeed = 1000, 20, 20, 5
	e := newEnv(b)
	ctx := context.Background()
	urls := make([]string, nFeeds)
	for i := range urls {
		items := make([]string, perFeed)
		for j := range items {
			items[j] = fmt.Sprintf("Post %d of feed %d", j, i)
		}
		urls[i] = e.fs.feed(fmt.Sprintf("/f%d.xml", i), items...)
	}
	setup := time.Now() // wall clock: elapsed time only
	var opml strings.Builder
	opml.WriteString(`<?xml version="1.0"?><opml version="2.0"><body>`)
	for f := 0; f < 10; f++ {
		fmt.Fprintf(&opml, `<outline text="Folder %d">`, f)
		for i := f; i < nFeeds; i += 10 {
			fmt.Fprintf(&opml, `<outline type="rss" text="Feed %d" xmlUrl="%s"/>`, i, urls[i])
		}
		opml.WriteString(`</outline>`)
	}
	opml.WriteString(`</body></opml>`)
	e.u.Import(b, []byte(opml.String()))
	e.u.RefreshAll(b)
	for e.u.EntryCount(b) < nFeeds*perFeed {
		if time.Since(setup) > 10*time.Minute { // wall clock: elapsed time only
			b.Fatalf("Miniflux fetched %d of %d entries in 10 minutes", e.u.EntryCount(b), nFeeds*perFeed)
		}
		time.Sleep(time.Second)
	}
	ids := map[string]int64{}
	for _, f := range e.u.Feeds(b) {
		ids[f.FeedURL] = f.ID
	}
	b.Logf("Miniflux imported and fetched %d feeds in %v", nFeeds, time.Since(setup).Round(time.Second)) // wall clock: elapsed time only

	// Knowflow's own first refresh of the same feeds, into a database of
	// its own.
	own, err := store.Open(filepath.Join(b.TempDir(), "own.db"))
	must(b, err)
	defer own.Close()
	srcs := make([]model.Source, nFeeds)
	for i, u := range urls {
		srcs[i] = model.Source{FeedURL: u}
	}
	_, err = own.ImportSources(ctx, srcs)
	must(b, err)
	t0 := time.Now() // wall clock: elapsed time only
	sum, err := feeds.New(own).Refresh(ctx, feeds.RefreshOptions{Force: true})
	must(b, err)
	refresh := time.Since(t0) // wall clock: elapsed time only
	if sum.New != nFeeds*perFeed {
		b.Fatalf("own refresh stored %d items", sum.New)
	}

	t0 = time.Now() // wall clock: elapsed time only
	first := e.sync()
	firstSync := time.Since(t0) // wall clock: elapsed time only
	if n, _ := e.st.CountItems(ctx, store.ItemFilter{}); n != nFeeds*perFeed {
		b.Fatalf("first sync stored %d items (%+v)", n, first)
	}

	for i := 0; i < newFeeds; i++ {
		items := make([]string, 0, perFeed+newPerFeed)
		for j := 0; j < perFeed+newPerFeed; j++ {
			items = append(items, fmt.Sprintf("Post %d of feed %d", j, i))
		}
		e.u.RefreshFeed(b, ids[e.fs.feed(fmt.Sprintf("/f%d.xml", i), items...)])
	}
	t0 = time.Now() // wall clock: elapsed time only
	e.sync()
	incremental := time.Since(t0) // wall clock: elapsed time only
	if n, _ := e.st.CountItems(ctx, store.ItemFilter{}); n != nFeeds*perFeed+newFeeds*newPerFeed {
		b.Fatalf("after the incremental sync: %d items", n)
	}
	b.ReportMetric(firstSync.Seconds(), "s/first-sync")
	b.ReportMetric(incremental.Seconds(), "s/incremental")
	b.ReportMetric(refresh.Seconds(), "s/own-refresh")
	b.Logf("first sync of %d feeds × %d items: %v (%.1f× Knowflow's own first refresh, %v) [≤ 2×]; incremental sync of %d new items: %v [≤ 0.5 s]",
		nFeeds, perFeed, firstSync.Round(time.Millisecond), firstSync.Seconds()/refresh.Seconds(), refresh.Round(time.Millisecond),
		newFeeds*newPerFeed, incremental.Round(time.Millisecond))
}
