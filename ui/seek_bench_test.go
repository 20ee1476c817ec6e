package ui

import (
	"fmt"
	"path/filepath"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"github.com/knowflow/knowflow/model"
	"github.com/knowflow/knowflow/model/service"
	"github.com/knowflow/knowflow/model/store"
)

// benchUI is a window of 1100×720 on an empty store in a temp file, its
// background jobs run inline.
func benchUI(b *testing.B, opts Options) *App {
	a := test.NewTempApp(b)
	st, err := store.Open(filepath.Join(b.TempDir(), "knowflow.db"))
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { st.Close() })
	u := newInline(a, service.New(st, service.Options{}), opts)
	b.Cleanup(u.StopScheduler)
	u.Window().Resize(fyne.NewSize(1100, 720))
	return u
}

// benchSeek is a window on an empty store whose Seek list holds n made-up
// items, a third of them unread, a tenth starred. Its runner holds all
// work (the item bodies, the flag writes): what is measured is what the
// UI goroutine does. rows and creates count the list's row updates and
// row creations.
func benchSeek(b *testing.B, n int) (s *seekScreen, r *loopRunner, rows, creates *int) {
	r = newLoopRunner()
	r.setHold(true)
	u := benchUI(b, Options{Section: SectionSeek, run: r})
	b.Cleanup(r.dropHeld) // before StopScheduler, which waits for the writes
	s = u.seek
	showOnly(s.content, s.reader) // as when the store has sources
	at := time.Date(2026, 11, 26, 10, 0, 0, 0, time.UTC)
	s.items = make([]model.Item, n)
	for i := range s.items {
		s.items[i] = model.Item{ID: int64(i + 1), SourceID: int64(i%40 + 1),
			SourceTitle: fmt.Sprintf("Blog %d of a learning designer", i%40),
			Title:       fmt.Sprintf("Item %d: notes on remote onboarding, knowledge gardens and team rituals", i),
			Published:   at.Add(-time.Duration(i) * time.Hour),
			Read:        i%3 != 0, Starred: i%10 == 0}
	}
	s.count, s.more, s.selected, s.want = n, false, -1, -1
	rows, creates = new(int), new(int)
	update, create := s.list.UpdateItem, s.list.CreateItem
	s.list.UpdateItem = func(i widget.ListItemID, o fyne.CanvasObject) { *rows++; update(i, o) }
	s.list.CreateItem = func() fyne.CanvasObject { *creates++; return create() }
	s.list.Refresh()
	u.Window().Canvas().Capture() // laid out and drawn once
	if *rows == 0 {
		b.Fatal("no row shown")
	}
	return s, r, rows, creates
}

// dropHeld runs the work the runner holds and forgets what it hands to
// the UI goroutine (not timed: the bodies, the flag writes, which fail on
// items that are not stored).
func (r *loopRunner) dropHeld() {
	r.runAllHeld()
	r.mu.Lock()
	r.calls = nil
	r.mu.Unlock()
}

// BenchmarkSeekListMove: j on a list of 2,000 items, as the UI goroutine
// does it (selecting, scrolling, the read flag, the item view; the body
// is parsed on a worker, held here), without painting. It reports the
// rows updated and created per j.
func BenchmarkSeekListMove(b *testing.B) {
	s, r, rows, creates := benchSeek(b, 2000)
	*rows, *creates = 0, 0
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if s.selected >= len(s.items)-1 {
			b.StopTimer()
			s.selectAt(0)
			r.dropHeld()
			b.StartTimer()
		}
		s.move(+1)
	}
	b.StopTimer()
	r.dropHeld()
	b.ReportMetric(float64(*rows)/float64(b.N), "rows/op")
	b.ReportMetric(float64(*creates)/float64(b.N), "creates/op")
}

// BenchmarkSeekListRefresh: the list refreshed whole (a page arriving, a
// scroll), 2,000 items, without painting.
func BenchmarkSeekListRefresh(b *testing.B) {
	s, r, rows, creates := benchSeek(b, 2000)
	s.selectAt(100)
	r.dropHeld()
	*rows, *creates = 0, 0
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		s.list.Refresh()
	}
	b.StopTimer()
	b.ReportMetric(float64(*rows)/float64(b.N), "rows/op")
	b.ReportMetric(float64(*creates)/float64(b.N), "creates/op")
}
