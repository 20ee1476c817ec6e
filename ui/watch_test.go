package ui

import (
	"context"
	"path/filepath"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"github.com/knowflow/knowflow/model"
	"github.com/knowflow/knowflow/model/service"
	"github.com/knowflow/knowflow/model/store"
)

// Another process (the CLI: a second Store on the same file) stars,
// reads and adds; the window shows it after its next poll, keeping the
// item open and selected.
func TestWindowNoticesOtherProcessesChanges(t *testing.T) {
	path := filepath.Join(t.TempDir(), "knowflow.db")
	st, err := store.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	b := service.New(st, service.Options{})
	t.Cleanup(func() { b.Close() })
	good, _ := seedReader(t, b)
	cli, err := store.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { cli.Close() })

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
