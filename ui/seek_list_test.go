package ui

import (
	"context"
	"database/sql"
	"fmt"
	"net/url"
	"slices"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"github.com/knowflow/knowflow/model"
	"github.com/knowflow/knowflow/model/store"
)

// addItems stores items titled titles in the team blog of seedReader,
// published an hour apart after its others, and shows them.
func addItems(t *testing.T, u *App, b backend, titles ...string) {
	t.Helper()
	ctx := context.Background()
	src, err := b.SourceByURL(ctx, "https://team.example/feed")
	if err != nil {
		t.Fatal(err)
	}
	var items []model.Item
	for i, title := range titles {
		items = append(items, model.Item{DedupeKey: "guid:add-" + title, Hash: title, Title: title, Text: "more text",
			Published: time.Date(2026, 11, 25, 0, 0, 0, 0, time.UTC).Add(time.Duration(i) * time.Hour)})
	}
	if _, err := b.SaveFetches(ctx, []store.FetchResult{{SourceID: src.ID, CheckedAt: testNow, Items: items}}); err != nil {
		t.Fatal(err)
	}
	u.Reload()
	settle(t, u)
}

func titles(items []model.Item) []string {
	var out []string
	for _, it := range items {
		out = append(out, it.Title)
	}
	return out
}

// The search box searches once the user pauses (searchDelay), on a
// worker, for what the box says then; of two searches, the one typed last
// is shown, whichever answer comes last.
func TestSearchWaitsForAPauseAndShowsTheLastQuery(t *testing.T) {
	u, _, b := newReaderUI(t)
	addItems(t, u, b, "Knots for sailors")
	s, r := u.seek, u.run.(*loopRunner)
	if s.count != 7 {
		t.Fatalf("list has %d items, want 7", s.count)
	}
	r.setHold(true)

	// Typed quickly: one pause pending per keystroke, nothing searched
	// yet, then one search, for "know".
	test.Type(s.search, "know")
	if n := r.pendingTimers(); n != 4 {
		t.Fatalf("%d pauses pending after 4 keystrokes", n)
	}
	for _, d := range r.delays {
		if d != searchDelay || searchDelay != 150*time.Millisecond {
			t.Errorf("search waits %v for a pause, want 150ms", d)
		}
	}
	if r.heldWork() != 0 || s.count != 7 {
		t.Fatalf("searched before the pause: %d queries, %d items listed", r.heldWork(), s.count)
	}
	r.fire()
	if n := r.heldWork(); n != 1 {
		t.Fatalf("the pause ran %d searches, want 1", n)
	}
	if s.count != 7 {
		t.Error("the list changed before the search's answer came")
	}
	r.runHeld(0)
	r.runCalls()
	if s.count != 1 || fmt.Sprint(titles(s.items)) != "[Knowledge gardens]" || s.countL.Text != "1 match" {
		t.Fatalf("know: %d %v %q", s.count, titles(s.items), s.countL.Text)
	}

	// "kno" then "know", each after a pause; "kno"'s answer comes last and
	// is dropped.
	for _, lastFirst := range []bool{true, false} {
		s.search.SetText("")
		r.fire()
		r.runHeld(0)
		r.runCalls()
		if s.count != 7 {
			t.Fatalf("cleared: %d items", s.count)
		}
		test.Type(s.search, "kno")
		r.fire()
		r.runHeld(0) // answered, not shown yet
		test.Type(s.search, "w")
		r.fire()
		r.runHeld(0)
		if r.waitingCalls() != 2 {
			t.Fatalf("%d answers waiting, want 2", r.waitingCalls())
		}
		if lastFirst {
			r.runCall(1) // know
			r.runCall(0) // kno
		} else {
			r.runCalls()
		}
		if s.shown.Query != "know" || fmt.Sprint(titles(s.items)) != "[Knowledge gardens]" || s.countL.Text != "1 match" {
			t.Errorf("know's answer first %v: shows %q: %v, %q", lastFirst, s.shown.Query, titles(s.items), s.countL.Text)
		}
	}
	r.setHold(false)
	s.search.SetText("kno")
	settle(t, u)
	if fmt.Sprint(titles(s.items)) != "[Knots for sailors Knowledge gardens]" || s.countL.Text != "2 matches" {
		t.Errorf("kno: %v %q", titles(s.items), s.countL.Text)
	}
}

// A search that finds nothing says so; the count under the list says how
// many matched.
func TestSearchWithoutMatchesSaysSo(t *testing.T) {
	u, _, _ := newReaderUI(t)
	s := u.seek
	if s.countL.Text != "6 items" || s.noMatch.Visible() {
		t.Fatalf("count %q, no-match shown %v", s.countL.Text, s.noMatch.Visible())
	}
	test.Type(s.search, "zzzq")
	settle(t, u)
	if !s.noMatch.Visible() || s.noMatch.Text != "No items match “zzzq”." || s.countL.Text != "0 matches" || s.listLength() != 0 {
		t.Errorf("no match: shown %v %q, count %q, %d rows", s.noMatch.Visible(), s.noMatch.Text, s.countL.Text, s.listLength())
	}
	s.search.SetText("onboarding")
	settle(t, u)
	if s.noMatch.Visible() || s.countL.Text != "5 matches" {
		t.Errorf("onboarding: no-match shown %v, count %q", s.noMatch.Visible(), s.countL.Text)
	}
	s.search.SetText("")
	s.tree.Select(nodeStarred)
	settle(t, u)
	if !s.noMatch.Visible() || s.noMatch.Text != "No starred items. Star an item with s or its Star button." || s.countL.Text != "0 items" {
		t.Errorf("starred: shown %v %q, count %q", s.noMatch.Visible(), s.noMatch.Text, s.countL.Text)
	}
	// A search that matches more than the count goes to.
	s.shown, s.count, s.capped = store.ItemFilter{Query: "c"}, store.MaxSearchResults, true
	s.showCount()
	if s.countL.Text != "1,000+ matches" {
		t.Errorf("capped count %q", s.countL.Text)
	}
	for n, want := range map[int]string{0: "0", 999: "999", 1000: "1,000", 1234567: "1,234,567", -1234: "-1,234"} {
		if got := thousands(n); got != want {
			t.Errorf("thousands(%d) = %q", n, got)
		}
	}
}

// manyItems adds 290 items to seedReader's 6, 40 of them published at
// the same second, and returns the store's order of all of them.
func manyItems(t *testing.T, u *App, b backend) []model.Item {
	t.Helper()
	var many []string
	for i := 0; i < 250; i++ {
		many = append(many, fmt.Sprintf("Many %03d", i))
	}
	addItems(t, u, b, many...)
	ctx := context.Background()
	src, _ := b.SourceByURL(ctx, "https://team.example/feed")
	var tied []model.Item
	for i := 0; i < 40; i++ {
		tied = append(tied, model.Item{DedupeKey: fmt.Sprintf("guid:tie-%d", i), Hash: "t", Title: fmt.Sprintf("Tie %02d", i),
			Published: time.Date(2026, 11, 24, 12, 0, 0, 0, time.UTC)})
	}
	if _, err := b.SaveFetches(ctx, []store.FetchResult{{SourceID: src.ID, CheckedAt: testNow, Items: tied}}); err != nil {
		t.Fatal(err)
	}
	u.seek.reloadItems()
	settle(t, u)
	want, err := b.Items(ctx, store.ItemFilter{Limit: 1000})
	if err != nil || len(want) != 296 {
		t.Fatalf("store lists %d, %v", len(want), err)
	}
	return want
}

// The list loads a page at a time, by keyset, on a worker, when its last
// rows are shown; it keeps the store's order, ties included.
func TestListLoadsPagesAsItScrolls(t *testing.T) {
	u, _, b := newReaderUI(t)
	want := manyItems(t, u, b)
	s, r := u.seek, u.run.(*loopRunner)
	if s.count != 296 || s.countL.Text != "296 items" || len(s.items) != itemPageSize || s.listLength() != itemPageSize+1 {
		t.Fatalf("first page: count %d (%q), %d loaded, %d rows", s.count, s.countL.Text, len(s.items), s.listLength())
	}
	row := s.listCreate()
	s.listUpdate(itemPageSize, row)
	if got := row.(*seekRow).title.Text; got != "Loading…" {
		t.Errorf("the last row says %q", got)
	}
	r.setHold(true)
	for pages := 2; pages <= 3; pages++ {
		// Showing a row near the end asks for the next page, from the UI
		// goroutine's queue; the store is read on a worker.
		s.listUpdate(len(s.items)-10, row)
		r.runCalls()
		if r.heldWork() != 1 || len(s.items) != (pages-1)*itemPageSize {
			t.Fatalf("page %d: %d queries waiting, %d items loaded", pages, r.heldWork(), len(s.items))
		}
		s.listUpdate(len(s.items)-5, row) // asked once
		r.runCalls()
		if r.heldWork() != 1 {
			t.Fatalf("page %d asked for %d times", pages, r.heldWork())
		}
		r.runHeld(0)
		r.runCalls()
	}
	if len(s.items) != 296 || s.more || s.listLength() != 296 {
		t.Fatalf("after three pages: %d loaded, more %v, %d rows", len(s.items), s.more, s.listLength())
	}
	if fmt.Sprint(titles(s.items)) != fmt.Sprint(titles(want)) {
		t.Errorf("list order differs from the store's:\n%v\n%v", titles(s.items), titles(want))
	}
	// A page of a listing no longer shown is dropped.
	s.listUpdate(0, row)
	s.more = true
	s.listUpdate(len(s.items)-1, row)
	r.runCalls() // asks for the page
	s.search.SetText("many 1")
	r.fire() // asks for the search
	r.runHeld(0)
	r.runHeld(0)
	r.runCalls()
	if s.shown.Query != "many 1" || s.count != 100 || len(s.items) != 100 {
		t.Errorf("search after a page was asked for: %q, %d matches, %d loaded", s.shown.Query, s.count, len(s.items))
	}
}

// j past the last item loaded selects it once its page comes; the
// presses made meanwhile add up.
func TestKeysWalkPastTheLoadedPage(t *testing.T) {
	u, _, b := newReaderUI(t)
	want := manyItems(t, u, b)
	s, r := u.seek, u.run.(*loopRunner)
	r.setHold(true)
	s.list.Select(itemPageSize - 2) // its read flag and the next page wait
	test.TypeOnCanvas(u.Window().Canvas(), "jjjj")
	r.runCalls()
	// Held: the writes' queue, the next page (the bodies wait for a pause).
	if s.selected != itemPageSize-1 || r.heldWork() != 2 || len(s.items) != itemPageSize {
		t.Fatalf("at the end of the page: selected %d, %d jobs waiting, %d loaded", s.selected, r.heldWork(), len(s.items))
	}
	r.runAllHeld()
	r.runCalls()
	if s.selected != itemPageSize+2 || s.current.ID != want[itemPageSize+2].ID {
		t.Errorf("after the page came: selected %d (%q), want %d", s.selected, s.current.Title, itemPageSize+2)
	}
	test.TypeOnCanvas(u.Window().Canvas(), "k")
	if s.selected != itemPageSize+1 {
		t.Errorf("k selected %d", s.selected)
	}
}

// The Starred view asked for while a star is still being written lists
// it: its query waits for the reader's queued writes (other listings'
// do not).
func TestStarredViewAfterAQueuedStar(t *testing.T) {
	u, _, _ := newReaderUI(t)
	s, r := u.seek, u.run.(*loopRunner)
	s.list.Select(0)
	settle(t, u)
	r.setHold(true)
	s.onStar()
	s.tree.Select(nodeStarred)
	if r.heldWork() != 1 {
		t.Fatalf("%d jobs held, want the write queue's only", r.heldWork())
	}
	r.runHeld(0)
	r.runCalls()
	if s.count != 1 || len(s.items) != 1 || !s.items[0].Starred {
		t.Errorf("starred view: %d items %v", s.count, titles(s.items))
	}
	// The All view does not wait for writes.
	s.list.Select(0) // switching views closed the item: open it again
	r.runAllHeld()   // its body
	r.runCalls()
	s.onStar() // unstar, held
	s.tree.Select(nodeAll)
	if r.heldWork() != 2 {
		t.Fatalf("%d jobs held, want the write queue and the All view's query", r.heldWork())
	}
	r.runHeld(1)
	r.runCalls()
	if s.count != 6 {
		t.Errorf("all view: %d items", s.count)
	}
}

// Opening an item marks it read at once in the window; the write waits
// for the database's writer on a worker, never on the UI goroutine, and
// lands once the writer is done.
func TestSelectingMarksReadWithoutWaitingForTheWriter(t *testing.T) {
	u, _, b := newReaderUI(t)
	s := u.seek
	ctx := context.Background()
	first, _ := s.itemAt(0)
	_, before, _, _ := s.nodeInfo(nodeAll)

	// Another connection holds the write lock, as a refresh's writer does.
	db, err := sql.Open("sqlite", "file:"+(&url.URL{Path: b.Store.Path()}).EscapedPath()+"?_txlock=immediate")
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	tx, err := db.Begin()
	if err != nil {
		t.Fatal(err)
	}
	defer tx.Rollback()
	if _, err := tx.Exec(`UPDATE settings SET value = value`); err != nil {
		t.Fatal(err)
	}

	start := time.Now() // wall clock: elapsed time only (did Select wait for the writer?)
	s.list.Select(0)
	took := time.Since(start) // wall clock: elapsed time only
	if !s.hasCurrent || s.current.ID != first.ID || !s.current.Read || !s.items[0].Read {
		t.Fatalf("the item is not shown read: current %v %+v", s.hasCurrent, s.current)
	}
	if _, after, _, _ := s.nodeInfo(nodeAll); after != before-1 {
		t.Errorf("unread count %d, want %d", after, before-1)
	}
	if it, _ := b.Item(ctx, first.ID); it.Read {
		t.Fatal("the read flag was written while another connection held the writer")
	}
	if took > 5*time.Second {
		t.Errorf("selecting took %v: it waited for the writer", took)
	}
	// A page loaded meanwhile (reads do not wait for the writer) shows
	// the item read too.
	r := u.run.(*loopRunner)
	r.setHold(true)
	s.reloadItems()
	r.runHeld(0)
	r.runCalls()
	r.setHold(false)
	if !s.items[0].Read || s.items[0].ID != first.ID {
		t.Error("a page loaded while the write waited shows the item unread")
	}
	if err := tx.Commit(); err != nil {
		t.Fatal(err)
	}
	settle(t, u)
	if it, _ := b.Item(ctx, first.ID); !it.Read {
		t.Error("the read flag did not land after the writer finished")
	}
	srcs, _ := b.Sources(ctx)
	for _, src := range srcs {
		if src.Unread != s.sources[src.ID].Unread {
			t.Errorf("%s: %d unread in the store, %d in the tree", src.Title, src.Unread, s.sources[src.ID].Unread)
		}
	}
}

// A row sets only what changed: the list updates every row on screen at
// each refresh, and setting a label's text shapes it again.
func TestSeekRowSetsOnlyWhatChanged(t *testing.T) {
	test.NewTempApp(t)
	at := time.Date(2026, 11, 26, 10, 0, 0, 0, time.UTC)
	date := "· " + at.Local().Format(itemDateLayout)
	it := model.Item{ID: 1, Title: "Knowledge gardens", SourceTitle: "Team blog", Published: at}
	r := newSeekRow()
	r.showItem(it, false)
	if r.title.Text != "Knowledge gardens" || !r.title.TextStyle.Bold || r.source.Text != "Team blog" || r.date.Text != date || r.star.Resource != nil {
		t.Fatalf("row shows %q bold %v, %q %q, star %v", r.title.Text, r.title.TextStyle.Bold, r.source.Text, r.date.Text, r.star.Resource)
	}
	r.title.Text, r.source.Text, r.date.Text = "kept", "kept", "kept"
	r.showItem(it, false) // the same: nothing is set
	if r.title.Text != "kept" || r.source.Text != "kept" || r.date.Text != "kept" {
		t.Errorf("the same item was set again: %q, %q %q", r.title.Text, r.source.Text, r.date.Text)
	}
	it.Read, it.Starred = true, true
	r.showItem(it, false) // read and starred: the title and the star, not the source and date
	if r.title.Text != "Knowledge gardens" || r.title.TextStyle.Bold || r.source.Text != "kept" || r.date.Text != "kept" || r.star.Resource == nil {
		t.Errorf("after read and star: %q bold %v, %q %q, star %v", r.title.Text, r.title.TextStyle.Bold, r.source.Text, r.date.Text, r.star.Resource)
	}
	r.showItem(model.Item{}, true)
	if r.title.Text != "Loading…" || r.source.Text != "" || r.date.Visible() || r.star.Resource != nil {
		t.Errorf("loading row: %q, %q, date shown %v, star %v", r.title.Text, r.source.Text, r.date.Visible(), r.star.Resource)
	}
	r.showItem(it, false) // back from Loading…: everything
	if r.title.Text != "Knowledge gardens" || r.source.Text != "Team blog" || r.date.Text != date || !r.date.Visible() || r.star.Resource == nil {
		t.Errorf("after loading: %q, %q %q, star %v", r.title.Text, r.source.Text, r.date.Text, r.star.Resource)
	}
}

// Selecting an unread item shows it read in its row without refreshing
// the list; j selects once (Select scrolls too).
func TestSelectingRefreshesOnlyItsRow(t *testing.T) {
	u, _, _ := newReaderUI(t)
	s := u.seek
	i := slices.IndexFunc(s.items, func(it model.Item) bool { return !it.Read })
	if i < 0 {
		t.Fatal("no unread item")
	}
	rows := 0
	update := s.list.UpdateItem
	s.list.UpdateItem = func(id widget.ListItemID, o fyne.CanvasObject) { rows++; update(id, o) }
	s.list.Select(i)
	if row := s.rowAt[i]; row == nil || row.id != i || row.title.TextStyle.Bold {
		t.Errorf("the selected item's row is still bold (or none shows it)")
	}
	shown := len(s.rowAt)
	if rows == 0 || rows > shown {
		t.Errorf("selecting updated %d rows, %d on screen: the list refreshed more than once", rows, shown)
	}
	rows = 0
	s.move(+1)
	if rows == 0 || rows > shown+1 {
		t.Errorf("j updated %d rows, %d on screen", rows, shown)
	}
	settle(t, u)
}

// A listing chosen while the tree and the listing are being read again
// together (the watcher does it every 2 s while a refresh writes) cancels
// only the listing it overtakes: no "Context canceled" error, and the
// tree read then is still shown.
func TestNewListingDuringReloadTogetherShowsNoError(t *testing.T) {
	u, _, b := newReaderUI(t)
	s, r := u.seek, u.run.(*loopRunner)
	ctx := context.Background()
	if _, err := b.ImportSources(ctx, []model.Source{{Title: "Added meanwhile", FeedURL: "https://added.example/feed"}}); err != nil {
		t.Fatal(err)
	}
	r.setHold(true)
	s.reloadTogether()
	s.tree.Select(nodeStarred) // the user picks another listing meanwhile
	r.setHold(false)
	r.runAllHeld()
	settle(t, u)
	if o := topObj(u); o != nil {
		t.Fatalf("a dialog is shown:\n%s", texts(o))
	}
	found := false
	for _, src := range s.sources {
		found = found || src.Title == "Added meanwhile"
	}
	if !found {
		t.Error("the tree read together with the overtaken listing was not shown")
	}
	if s.node != nodeStarred {
		t.Errorf("listing %q, want Starred", s.node)
	}
}
