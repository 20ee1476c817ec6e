package ui

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"github.com/knowflow/knowflow/feeds"
	"github.com/knowflow/knowflow/model"
	"github.com/knowflow/knowflow/model/store"
)

// seedReader stores two sources with items, one of them failing.
func seedReader(t *testing.T, b backend) (good, bad model.Source) {
	t.Helper()
	ctx := context.Background()
	if _, err := b.ImportSources(ctx, []model.Source{
		{Title: "Team blog", FeedURL: "https://team.example/feed", Folder: []string{"Work"}},
		{Title: "Broken feed", FeedURL: "https://broken.example/feed"},
	}); err != nil {
		t.Fatal(err)
	}
	good, _ = b.SourceByURL(ctx, "https://team.example/feed")
	bad, _ = b.SourceByURL(ctx, "https://broken.example/feed")
	var items []model.Item
	for i := 0; i < 5; i++ {
		items = append(items, model.Item{
			DedupeKey: fmt.Sprintf("guid:%d", i), Hash: fmt.Sprint(i),
			Title:       fmt.Sprintf("Post %d about remote onboarding", i),
			Link:        fmt.Sprintf("https://team.example/post/%d", i),
			ContentHTML: fmt.Sprintf(`<p>Body of post %d with <a href="https://team.example/ref">a link</a>.</p>`, i),
			Text:        fmt.Sprintf("Body of post %d", i),
			Published:   time.Date(2026, 11, 20+i, 9, 0, 0, 0, time.UTC),
		})
	}
	items = append(items, model.Item{DedupeKey: "guid:x", Hash: "x", Title: "Knowledge gardens", Text: "zettelkasten notes",
		ContentHTML: "<p>zettelkasten notes</p>", Published: time.Date(2026, 11, 1, 9, 0, 0, 0, time.UTC)})
	now := testNow // the window's clock in tests
	if _, err := b.SaveFetches(ctx, []store.FetchResult{
		{SourceID: good.ID, CheckedAt: now, Items: items},
		{SourceID: bad.ID, CheckedAt: now, Err: "fetch: https://broken.example/feed: HTTP 500 Internal Server Error", NextCheckAt: now.Add(time.Hour)},
	}); err != nil {
		t.Fatal(err)
	}
	return good, bad
}

// newReaderUI is the window on Seek with seedReader's data and what more
// seeds.
func newReaderUI(t *testing.T, more ...func(*testing.T, backend) []model.Source) (*App, fyne.App, backend) {
	t.Helper()
	a := test.NewTempApp(t)
	b := newBackend(t)
	seedReader(t, b)
	for _, seed := range more {
		seed(t, b)
	}
	u := testNew(t, a, b, Options{Section: SectionSeek})
	u.Window().Resize(fyne.NewSize(1100, 700))
	settle(t, u)
	return u, a, b
}

func TestReaderListsItemsNewestFirst(t *testing.T) {
	u, _, _ := newReaderUI(t)
	s := u.seek
	if s.count != 6 {
		t.Fatalf("list has %d items, want 6", s.count)
	}
	first, _ := s.itemAt(0)
	if first.Title != "Post 4 about remote onboarding" {
		t.Errorf("first item = %q, want the newest", first.Title)
	}
	// Unread items are bold in the list.
	row := s.listCreate()
	s.listUpdate(0, row)
	title := row.(*seekRow).title
	if !title.TextStyle.Bold {
		t.Error("unread item is not bold")
	}
	// The tree shows folders, sources and unread counts, and marks the failing one.
	name, unread, _, failing := s.nodeInfo(nodeAll)
	if name != "All items" || unread != 6 || failing {
		t.Errorf("All items node = %q %d %v", name, unread, failing)
	}
	var badID string
	for _, id := range s.children[""] {
		if n, _, _, f := s.nodeInfo(id); f && id != nodeProblems {
			badID = id
			if n != "Broken feed" {
				t.Errorf("failing node = %q", n)
			}
		}
	}
	if badID == "" {
		t.Fatal("the failing source has no error mark")
	}
	s.tree.Select(badID)
	settle(t, u)
	if !s.banner.Visible() || !strings.Contains(s.bannerL.Text, "HTTP 500") {
		t.Errorf("error banner = %v %q", s.banner.Visible(), s.bannerL.Text)
	}
	if s.count != 0 {
		t.Errorf("failing source lists %d items", s.count)
	}
	s.tree.Select(nodeAll)
	settle(t, u)
	if s.banner.Visible() {
		t.Error("banner still shown for All items")
	}
}

func TestReaderKeyboard(t *testing.T) {
	u, _, b := newReaderUI(t)
	s := u.seek
	c := u.Window().Canvas()
	ctx := context.Background()

	test.TypeOnCanvas(c, "j")
	if s.selected != 0 || !s.hasCurrent || s.current.Title != "Post 4 about remote onboarding" {
		t.Fatalf("j selected %d %q", s.selected, s.current.Title)
	}
	if !s.current.Read {
		t.Error("opening an item did not mark it read")
	}
	settle(t, u)
	if it, _ := b.Item(ctx, s.current.ID); !it.Read {
		t.Error("read state not stored")
	}
	if got := texts(s.bodyScroll); !strings.Contains(got, "Body of post 4") {
		t.Errorf("reader shows:\n%s", got)
	}
	test.TypeOnCanvas(c, "jj")
	if s.selected != 2 {
		t.Errorf("after jj selected = %d", s.selected)
	}
	test.TypeOnCanvas(c, "k")
	if s.selected != 1 {
		t.Errorf("after k selected = %d", s.selected)
	}
	id := s.current.ID
	test.TypeOnCanvas(c, "s")
	settle(t, u)
	if it, _ := b.Item(ctx, id); !it.Starred || s.starBtn.Text != "Unstar" {
		t.Errorf("s did not star: %v %q", it.Starred, s.starBtn.Text)
	}
	test.TypeOnCanvas(c, "m")
	settle(t, u)
	if it, _ := b.Item(ctx, id); it.Read {
		t.Error("m did not mark unread")
	}
	test.TypeOnCanvas(c, "m")
	settle(t, u)
	if it, _ := b.Item(ctx, id); !it.Read {
		t.Error("second m did not mark read")
	}

	// o and Enter open the item's link in the browser.
	var opened []string
	u.openURL = func(x *url.URL) error { opened = append(opened, x.String()); return nil }
	test.TypeOnCanvas(c, "o")
	settle(t, u)
	c.(interface{ OnTypedKey() func(*fyne.KeyEvent) }).OnTypedKey()(&fyne.KeyEvent{Name: fyne.KeyReturn})
	settle(t, u) // links open on a worker (open.go)
	want := s.current.Link + " " + s.current.Link
	if strings.Join(opened, " ") != want {
		t.Errorf("opened %v, want %s twice", opened, s.current.Link)
	}
	// A javascript: link is never opened.
	s.current.Link = "javascript:alert(1)"
	test.TypeOnCanvas(c, "o")
	if len(opened) != 2 {
		t.Errorf("unsafe link opened: %v", opened)
	}

	// / focuses the search box; typing there filters and does not move.
	test.TypeOnCanvas(c, "/")
	if c.Focused() != s.search {
		t.Fatalf("/ did not focus search, focused = %T", c.Focused())
	}
	test.Type(s.search, "zettelkasten")
	settle(t, u)
	if s.count != 1 {
		t.Errorf("search found %d items, want 1", s.count)
	}
	if first, _ := s.itemAt(0); first.Title != "Knowledge gardens" {
		t.Errorf("search hit = %q", first.Title)
	}
	c.Unfocus()
	s.search.SetText("")
	settle(t, u)
	if s.count != 6 {
		t.Errorf("clearing search shows %d items", s.count)
	}
}

func TestReaderStarredAndUnreadViews(t *testing.T) {
	u, _, _ := newReaderUI(t)
	s := u.seek
	s.list.Select(0)
	s.onStar()
	s.tree.Select(nodeStarred)
	settle(t, u)
	if s.count != 1 {
		t.Errorf("starred view has %d items", s.count)
	}
	s.tree.Select(nodeUnread)
	settle(t, u)
	if s.count != 5 {
		t.Errorf("unread view has %d items, want 5 (one was opened)", s.count)
	}
}

func TestHTMLSegmentsOnlySafeLinks(t *testing.T) {
	var opened []string
	segs := htmlSegments(`<h2>Title</h2><p>Hello <b>bold</b> <a href="https://ok.example/">ok</a>
		<a href="javascript:alert(1)">bad</a> <a href="mailto:a@b.example">mail</a></p>
		<ul><li>one</li><li>two</li></ul><pre>code
 block</pre><img src="https://img.example/x.png" alt="chart"><script>alert(1)</script>`,
		func(u *url.URL) { opened = append(opened, u.String()) })
	var links []string
	var text strings.Builder
	for _, seg := range segs {
		switch x := seg.(type) {
		case *widget.HyperlinkSegment:
			links = append(links, x.URL.String())
			x.OnTapped()
		case *widget.TextSegment:
			text.WriteString(x.Text + "|")
		case *widget.ListSegment:
			text.WriteString(fmt.Sprintf("list(%d)|", len(x.Items)))
		case *imageSegment: // a picture of its own (images.go)
			text.WriteString("img(" + x.src + ")|")
		}
	}
	want := "https://ok.example/ mailto:a@b.example"
	if strings.Join(links, " ") != want {
		t.Errorf("links = %v, want %s", links, want)
	}
	if strings.Join(opened, " ") != want {
		t.Errorf("opened = %v", opened)
	}
	got := text.String()
	for _, w := range []string{"Title|", "bold", "bad", "list(2)", "code\n block", "img(https://img.example/x.png)"} {
		if !strings.Contains(got, w) {
			t.Errorf("text lacks %q: %s", w, got)
		}
	}
	if strings.Contains(got, "alert") {
		t.Errorf("script text shown: %s", got)
	}
}

// feedServer serves one RSS feed and a page that links to it. Its items
// have no pubDate, so they are dated by their fetch.
func feedServer(t *testing.T, items int) *httptest.Server {
	return datedFeedServer(t, items, time.Time{})
}

// datedFeedServer is feedServer whose items carry a pubDate: item i was
// published i hours before newest. A zero newest leaves the dates out.
func datedFeedServer(t *testing.T, items int, newest time.Time) *httptest.Server {
	t.Helper()
	mux := http.NewServeMux()
	mux.HandleFunc("/feed.xml", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/rss+xml")
		fmt.Fprint(w, `<?xml version="1.0"?><rss version="2.0"><channel><title>Loopback blog</title><link>http://x/</link>`)
		for i := 0; i < items; i++ {
			pub := ""
			if !newest.IsZero() {
				pub = "<pubDate>" + newest.Add(-time.Duration(i)*time.Hour).UTC().Format(time.RFC1123Z) + "</pubDate>"
			}
			fmt.Fprintf(w, `<item><title>Loop %d</title><guid>loop-%d</guid><description>text %d</description>%s</item>`, i, i, i, pub)
		}
		fmt.Fprint(w, `</channel></rss>`)
	})
	mux.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html")
		fmt.Fprint(w, `<html><head><link rel="alternate" type="application/rss+xml" href="/feed.xml"></head><body>blog</body></html>`)
	})
	srv := httptest.NewServer(mux)
	t.Cleanup(srv.Close)
	return srv
}

func TestAddFeedDialogSubscribes(t *testing.T) {
	srv := feedServer(t, 3)
	u, _, b := newTestUI(t, Options{})
	d := u.newAddFeedDialog()
	test.Type(d.url, srv.URL+"/")
	d.folder.SetText("Blogs/Loop")
	done := make(chan struct{})
	u.onAdded = func() { close(done) }
	d.submit()
	settle(t, u)
	select {
	case <-done:
	default:
		t.Fatal("add did not finish")
	}
	srcs, _ := b.Sources(context.Background())
	if len(srcs) != 1 || srcs[0].FeedURL != srv.URL+"/feed.xml" || srcs[0].FolderPath() != "Blogs/Loop" {
		t.Fatalf("sources = %+v", srcs)
	}
	if u.seek.count != 3 || !strings.Contains(u.seek.status.Text, "Subscribed to Loopback blog: 3 items") {
		t.Errorf("after add: %d items, status %q", u.seek.count, u.seek.status.Text)
	}
	// The empty validator refuses a blank address.
	if d.url.Validator("  ") == nil {
		t.Error("blank address accepted")
	}
}

func TestRefreshButtonShowsProgressAndResult(t *testing.T) {
	srv := feedServer(t, 4)
	u, _, b := newTestUI(t, Options{})
	if _, err := b.ImportSources(context.Background(), []model.Source{
		{Title: "Loop", FeedURL: srv.URL + "/feed.xml"},
		{Title: "Dead", FeedURL: srv.URL + "/missing"},
	}); err != nil {
		t.Fatal(err)
	}
	u.Reload()
	settle(t, u)
	got := make(chan feeds.RefreshSummary, 1)
	u.onRefreshed = func(s feeds.RefreshSummary) { got <- s }
	test.Tap(u.seek.refreshBtn)
	settle(t, u)
	var sum feeds.RefreshSummary
	select {
	case sum = <-got:
	default:
		t.Fatal("refresh did not finish")
	}
	if sum.New != 4 || sum.Failed != 1 {
		t.Errorf("summary = %+v", sum)
	}
	if u.seek.progress.Visible() || u.seek.refreshBtn.Disabled() {
		t.Error("progress still shown after refresh")
	}
	if !strings.Contains(u.seek.status.Text, "4 new items from 2 sources") || u.seek.failedBtn.Text != "1 failed" {
		t.Errorf("status = %q", u.seek.status.Text)
	}
	if u.seek.count != 4 {
		t.Errorf("list has %d items after refresh", u.seek.count)
	}
}

func TestItemViewNamesTheContactWhoWroteIt(t *testing.T) {
	a := test.NewTempApp(t)
	b := newBackend(t)
	good, _ := seedReader(t, b)
	if _, err := b.SaveContact(context.Background(), model.Contact{Name: "Marta Silva", Circles: []model.Circle{model.CircleTeam},
		SourceIDs: []int64{good.ID}}); err != nil {
		t.Fatal(err)
	}
	u := testNew(t, a, b, Options{Section: SectionSeek})
	settle(t, u)
	u.seek.list.Select(0)
	if !strings.Contains(u.seek.meta.Text, "by Marta Silva") {
		t.Errorf("item meta = %q, want the contact who writes the source", u.seek.meta.Text)
	}
}

// TestReaderNote: Sense from the reader. A note typed on an item is saved
// to the store, survives a reload, and the item shows who it is suggested
// for.
func TestReaderNote(t *testing.T) {
	u, _, b := newReaderUI(t)
	s := u.seek
	s.list.Select(0)
	if !s.hasCurrent || s.noteBtn.Disabled() == false {
		t.Fatalf("with an unchanged note Save should be disabled (current %v)", s.hasCurrent)
	}
	test.Type(s.note, "Our new hires ask exactly this.")
	if s.noteBtn.Disabled() {
		t.Fatal("Save note stays disabled after typing")
	}
	test.Tap(s.noteBtn)
	settle(t, u)
	items, err := b.Items(context.Background(), store.ItemFilter{Limit: 10})
	if err != nil {
		t.Fatal(err)
	}
	var saved string
	for _, it := range items {
		if it.ID == s.current.ID {
			saved = it.Note
		}
	}
	if saved != "Our new hires ask exactly this." {
		t.Errorf("stored note = %q", saved)
	}
	if !s.noteBtn.Disabled() {
		t.Error("Save note still enabled after saving")
	}
	s.list.Select(1)
	s.list.Select(0)
	if s.note.Text != "Our new hires ask exactly this." {
		t.Errorf("note after coming back = %q", s.note.Text)
	}
	u.applySuggestions([]model.Suggestion{{Kind: model.KindShare, ItemID: s.current.ID, ContactID: 1, ContactName: "Ana Lima", When: u.now()},
		{Kind: model.KindShare, ItemID: s.current.ID, CommunityID: 1, Community: "Builders", When: u.now()}}, model.DefaultPrefs(), u.now())
	if got := s.shareHint.Text; got != "Suggested for Ana Lima, Builders digest (see Share)" {
		t.Errorf("share hint = %q", got)
	}
}

// All read (or A) marks what the list shows read: here a search within
// the Unread view, then the rest.
func TestReaderMarkAllRead(t *testing.T) {
	u, _, b := newReaderUI(t)
	s := u.seek
	c := u.Window().Canvas()
	s.tree.Select(nodeUnread)
	settle(t, u)
	if s.count != 6 {
		t.Fatalf("unread view has %d items", s.count)
	}
	test.Type(s.search, "zettelkasten")
	settle(t, u)
	if s.count != 1 {
		t.Fatalf("search found %d", s.count)
	}
	test.Tap(s.allReadBtn)
	settle(t, u)
	if got := s.status.Text; got != "Marked 1 item read." {
		t.Errorf("status %q", got)
	}
	if s.count != 0 {
		t.Errorf("the unread search still lists %d", s.count)
	}
	s.search.SetText("")
	settle(t, u)
	if s.count != 5 {
		t.Fatalf("unread view has %d items after marking one", s.count)
	}
	c.Unfocus()
	test.TypeOnCanvas(c, "A")
	settle(t, u)
	if s.count != 0 || s.status.Text != "Marked 5 items read." {
		t.Errorf("after A: %d unread listed, status %q", s.count, s.status.Text)
	}
	srcs, _ := b.Sources(context.Background())
	for _, src := range srcs {
		if src.Unread != 0 || s.sources[src.ID].Unread != 0 {
			t.Errorf("%s: %d unread in the store, %d in the tree", src.Title, src.Unread, s.sources[src.ID].Unread)
		}
	}
}

// Unsubscribe… (on a selected source) asks, then removes the source and
// its items; the tree and the counts follow.
func TestReaderUnsubscribe(t *testing.T) {
	u, _, b := newReaderUI(t)
	s := u.seek
	good, _ := b.SourceByURL(context.Background(), "https://team.example/feed")
	if s.sourceBar.Visible() {
		t.Error("Unsubscribe… shows with no source selected")
	}
	s.tree.Select("s:" + fmt.Sprint(good.ID))
	if !s.sourceBar.Visible() || s.sourceL.Text != "https://team.example/feed" {
		t.Fatalf("the source bar is hidden on a source, or says %q", s.sourceL.Text)
	}
	test.Tap(s.unsubBtn)
	settle(t, u)
	if s.unsubDlg == nil || !strings.Contains(texts(topOverlay(u)), "Its 6 items go too") {
		t.Fatalf("no confirmation, or it does not say what goes:\n%s", texts(topOverlay(u)))
	}
	s.unsubDlg.Confirm()
	settle(t, u)
	if _, err := b.Source(context.Background(), good.ID); err == nil {
		t.Fatal("the source is still in the store")
	}
	if _, ok := s.sources[good.ID]; ok {
		t.Error("the tree still lists the source")
	}
	if s.node != nodeAll || s.count != 0 {
		t.Errorf("after unsubscribing: node %q, %d items listed", s.node, s.count)
	}
	if got := s.status.Text; got != "Unsubscribed from Team blog (6 items removed)." {
		t.Errorf("status %q", got)
	}
}

// Edit… on a source renames it and moves it to another folder; the tree
// follows and keeps it selected.
func TestReaderEditSource(t *testing.T) {
	u, _, b := newReaderUI(t)
	s := u.seek
	good, _ := b.SourceByURL(context.Background(), "https://team.example/feed")
	s.selectSourceNode(good.ID)
	test.Tap(findButton(t, s.sourceBar, "Edit…"))
	d := s.editDlg
	if d == nil || d.title.Text != "Team blog" || d.folder.Text != "Work" {
		t.Fatalf("dialog = %+v", d)
	}
	d.title.SetText("Team notes")
	d.folder.SetText("Reading / Later")
	d.form.Submit()
	settle(t, u)
	got, _ := b.Source(context.Background(), good.ID)
	if got.Title != "Team notes" || got.FolderPath() != "Reading/Later" {
		t.Errorf("stored: %q in %q", got.Title, got.FolderPath())
	}
	if s.node != "s:"+fmt.Sprint(good.ID) || s.sources[good.ID].Title != "Team notes" {
		t.Errorf("tree: node %q, title %q", s.node, s.sources[good.ID].Title)
	}
	if s.count != 6 {
		t.Errorf("the source's items are not listed: %d", s.count)
	}
}
