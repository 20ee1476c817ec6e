package ui

import (
	"context"
	"fmt"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"github.com/knowflow/knowflow/model"
	"github.com/knowflow/knowflow/model/service"
	"github.com/knowflow/knowflow/model/store"
)

// watchedStore is a store in a temp file with seedReader's sources, the
// service over it, and a second Store on the same file: another process,
// as the CLI would be. more, when set, is saved in the good source first.
func watchedStore(t *testing.T, more []model.Item) (b backend, good model.Source, cli *store.Store) {
	t.Helper()
	path := filepath.Join(t.TempDir(), "knowflow.db")
	st, err := store.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	svc := service.New(st, service.Options{})
	t.Cleanup(func() { svc.Close() })
	good, _ = seedReader(t, svc)
	if len(more) > 0 {
		if _, err := svc.SaveFetches(context.Background(), []store.FetchResult{{SourceID: good.ID, CheckedAt: testNow, Items: more}}); err != nil {
			t.Fatal(err)
		}
	}
	if cli, err = store.Open(path); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { cli.Close() })
	return svc, good, cli
}

// Another process (the CLI: a second Store on the same file) stars,
// reads and adds; the window shows it after its next poll, keeping the
// item open and selected.
func TestWindowNoticesOtherProcessesChanges(t *testing.T) {
	b, good, cli := watchedStore(t, nil)

	u := testNew(t, test.NewTempApp(t), b, Options{Section: SectionSeek})
	u.Window().Resize(fyne.NewSize(1100, 700))
	u.startWatching(false)
	settle(t, u)
	if u.watcher == nil {
		t.Fatal("no watcher")
	}
	s, c, ctx := u.seek, u.Window().Canvas(), context.Background()
	test.TypeOnCanvas(c, "jj")
	settle(t, u)
	open, unread, count := s.current, s.unreadUnder(""), s.count

	// Nothing changed elsewhere: a poll reloads nothing.
	u.pollChanges(nil)
	settle(t, u)
	if s.selected != 1 || s.current.ID != open.ID {
		t.Fatalf("a quiet poll moved the selection: %d", s.selected)
	}
	// Our own writes are not another process's.
	u.pollChanges(nil)
	settle(t, u)

	if err := cli.SetStarred(ctx, open.ID, true); err != nil {
		t.Fatal(err)
	}
	if err := cli.SetRead(ctx, s.items[3].ID, true); err != nil {
		t.Fatal(err)
	}
	if _, err := cli.SaveFetches(ctx, []store.FetchResult{{SourceID: good.ID, CheckedAt: testNow, Items: []model.Item{
		{DedupeKey: "guid:cli", Hash: "cli", Title: "Added from the CLI", Published: testNow.Add(-time.Hour)}}}}); err != nil {
		t.Fatal(err)
	}
	if s.current.Starred || s.count != count {
		t.Fatal("changed before the poll")
	}
	u.pollChanges(nil)
	settle(t, u)
	if !s.current.Starred || s.starBtn.Text != "Unstar" {
		t.Errorf("the item open is not shown starred: %v %q", s.current.Starred, s.starBtn.Text)
	}
	if s.count != count+1 || s.items[0].Title != "Added from the CLI" {
		t.Errorf("list: %d items, first %q", s.count, s.items[0].Title)
	}
	if got := s.unreadUnder(""); got != unread { // one read, one added
		t.Errorf("unread %d, want %d", got, unread)
	}
	if s.current.ID != open.ID || s.selected < 0 || s.items[s.selected].ID != open.ID {
		t.Errorf("the selection moved: %d", s.selected)
	}
}

// While someone reads down a long list, what another program adds goes in
// above the rows on screen: they keep showing the items they showed.
func TestNewItemsArriveAboveTheRowsOnScreen(t *testing.T) {
	var items []model.Item
	for i := 0; i < 40; i++ {
		items = append(items, model.Item{DedupeKey: fmt.Sprintf("guid:old%d", i), Hash: fmt.Sprint("old", i),
			Title: fmt.Sprintf("Older post %d", i), Published: testNow.Add(-time.Duration(100+i) * time.Hour)})
	}
	b, good, cli := watchedStore(t, items)
	ctx := context.Background()

	u := testNew(t, test.NewTempApp(t), b, Options{Section: SectionSeek})
	u.Window().Resize(fyne.NewSize(1100, 700))
	u.startWatching(false)
	settle(t, u)
	s := u.seek
	test.TypeOnCanvas(u.Window().Canvas(), strings.Repeat("j", 20)+"kkkk") // the item open mid-screen
	settle(t, u)
	off := s.list.GetScrollOffset()
	if off == 0 {
		t.Fatal("twenty j did not scroll the list")
	}
	s.anchorRows(off) // measures the row
	first, open := s.items[int(off/s.stride)], s.current

	var added []model.Item
	for i := 0; i < 3; i++ {
		added = append(added, model.Item{DedupeKey: fmt.Sprintf("guid:new%d", i), Hash: fmt.Sprint("new", i),
			Title: fmt.Sprintf("New post %d", i), Published: testNow.Add(-time.Duration(i) * time.Minute)})
	}
	if _, err := cli.SaveFetches(ctx, []store.FetchResult{{SourceID: good.ID, CheckedAt: testNow, Items: added}}); err != nil {
		t.Fatal(err)
	}
	u.pollChanges(nil)
	settle(t, u)
	if s.items[0].Title != "New post 0" {
		t.Fatalf("the new items are not in the listing: first %q", s.items[0].Title)
	}
	if got := s.list.GetScrollOffset(); got != off+3*s.stride {
		t.Errorf("scrolled to %v, want %v (three rows further)", got, off+3*s.stride)
	}
	if got := s.items[int(s.list.GetScrollOffset()/s.stride)]; got.ID != first.ID {
		t.Errorf("first row on screen %q, want %q", got.Title, first.Title)
	}
	if s.current.ID != open.ID || s.items[s.selected].ID != open.ID {
		t.Errorf("the selection moved to %d", s.selected)
	}
}

// Switching to another folder or view leaves no item of the old one open.
func TestSwitchingFoldersClearsTheReader(t *testing.T) {
	u, _, _ := newReaderUI(t)
	s := u.seek
	test.TypeOnCanvas(u.Window().Canvas(), "j")
	if !s.hasCurrent {
		t.Fatal("j opened nothing")
	}
	s.tree.Select(nodeStarred)
	settle(t, u)
	if s.hasCurrent || s.title.Text != "No item selected" {
		t.Errorf("still showing %q", s.title.Text)
	}
}

// While another program keeps changing the database (a refresh writing
// for minutes), only Seek is read again on each poll; People, Share,
// Flow and the suggestions wait for the first poll that finds it quiet,
// or for heavyPolls polls of changes in a row.
func TestOthersSectionsWaitForThePause(t *testing.T) {
	b, good, cli := watchedStore(t, nil)
	u := testNew(t, test.NewTempApp(t), b, Options{Section: SectionSeek})
	u.startWatching(false)
	settle(t, u)
	s, p, ctx := u.seek, u.people, context.Background()

	n := 0
	change := func() { // another program: one new item and one new contact
		t.Helper()
		n++
		if _, err := cli.SaveFetches(ctx, []store.FetchResult{{SourceID: good.ID, CheckedAt: testNow, Items: []model.Item{
			{DedupeKey: fmt.Sprintf("guid:other%d", n), Hash: fmt.Sprint("other", n), Title: fmt.Sprintf("Other %d", n), Published: testNow}}}}); err != nil {
			t.Fatal(err)
		}
		if _, err := cli.SaveContact(ctx, model.Contact{Name: fmt.Sprintf("Contact %d", n), Circles: []model.Circle{model.CircleNetwork}}); err != nil {
			t.Fatal(err)
		}
	}
	poll := func() { u.pollChanges(nil); settle(t, u) }

	items := s.count
	change()
	poll()
	change()
	poll()
	if s.count != items+2 {
		t.Errorf("Seek shows %d items, want %d", s.count, items+2)
	}
	if p.total != 0 {
		t.Errorf("People read again while the other program writes: %d contacts", p.total)
	}
	poll() // quiet
	if p.total != 2 {
		t.Errorf("People after the pause: %d contacts, want 2", p.total)
	}
	// Changes that never pause: People is read again after heavyPolls.
	for i := 1; i < heavyPolls; i++ {
		change()
		poll()
	}
	if p.total != 2 {
		t.Fatalf("People read again after %d polls: %d", heavyPolls-1, p.total)
	}
	change()
	poll()
	if want := 2 + heavyPolls; p.total != want {
		t.Errorf("People after %d polls of changes: %d contacts, want %d", heavyPolls, p.total, want)
	}
}

// Another program's changes reach Seek's tree and list in one turn of the
// UI goroutine (one frame to draw): with the work held, running the one
// job the poll leads to queues one call, which shows both the new unread
// count and the new item.
func TestOthersChangesShowInOneTurn(t *testing.T) {
	b, good, cli := watchedStore(t, nil)
	u := testNew(t, test.NewTempApp(t), b, Options{Section: SectionSeek})
	u.startWatching(false)
	settle(t, u)
	s, r := u.seek, u.run.(*loopRunner)
	unread, count := s.unreadUnder(""), s.count
	if _, err := cli.SaveFetches(context.Background(), []store.FetchResult{{SourceID: good.ID, CheckedAt: testNow, Items: []model.Item{
		{DedupeKey: "guid:one-turn", Hash: "one-turn", Title: "One turn", Published: testNow}}}}); err != nil {
		t.Fatal(err)
	}
	r.setHold(true)
	u.pollChanges(nil)
	step := func(what string) { // the held job, then what it queued
		t.Helper()
		if r.heldWork() != 1 {
			t.Fatalf("%s: %d jobs held, want 1", what, r.heldWork())
		}
		r.runHeld(0)
	}
	step("the poll")
	r.runCalls()
	step("the summary")
	r.runCalls()
	step("the reload")
	if s.count != count || s.unreadUnder("") != unread {
		t.Fatal("shown before its turn")
	}
	if n := r.runCalls(); n != 1 {
		t.Errorf("the reload took %d turns of the UI goroutine, want 1", n)
	}
	if s.count != count+1 || s.unreadUnder("") != unread+1 || s.items[0].Title != "One turn" {
		t.Errorf("after one turn: %d items (want %d), unread %d (want %d), first %q",
			s.count, count+1, s.unreadUnder(""), unread+1, s.items[0].Title)
	}
	r.setHold(false)
	settle(t, u)
}
