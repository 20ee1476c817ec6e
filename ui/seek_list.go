package ui

import (
	"context"
	"fmt"
	"strconv"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/knowflow/knowflow/model"
	"github.com/knowflow/knowflow/model/store"
)

// Seek's item list. The UI goroutine never waits on the store here: a
// listing (a view, a source or folder, a search) is asked of a worker,
// and its first page and count come back through the runner's ui; later
// pages are asked for when the list shows its last rows, each starting
// after the last item it has (keyset paging). Each listing has a
// generation: a page or count of an older one is dropped, so a slow
// answer to "kno" never replaces the answer to "know". The search box
// waits for a pause in typing (searchDelay) before it asks. Flags and
// notes are written by a queue on a worker (writeQueue): the list shows
// the change at once.

// itemPageSize is how many items the list loads at a time.
const itemPageSize = 100

// searchDelay is the pause in typing after which the search box searches.
const searchDelay = 150 * time.Millisecond

// loadTimeout bounds one page's query.
const loadTimeout = 30 * time.Second

// seekList is the item list's state; it belongs to the UI goroutine.
type seekList struct {
	run         runner
	writes      writeQueue
	searchDelay time.Duration

	list     *widget.List
	countL   *widget.Label // how many the listing holds
	noMatch  *widget.Label // over the list when it is empty
	items    []model.Item  // the listing's items loaded so far, in order
	more     bool          // a page may follow items
	loading  bool          // a page of this generation is on its way
	count    int           // how many the listing holds; a search counts up to store.MaxSearchResults
	capped   bool          // a search matched more than count
	selected int           // index in items, -1 for none
	want     int           // j or k went here, past the items loaded: select it when it is (-1: none)
	selects  int           // the list's selections so far (OnSelected)
	// rowAt is the row last given each index; it shows another one
	// since if its id says so.
	rowAt map[int]*seekRow
	// shown is the filter of the listing on screen (the search as typed
	// when it was asked for): later pages and All read use it.
	shown store.ItemFilter
	gen   int // the listing asked for last
	// keepNext asks the next listing to keep the selection and scroll
	// (another process changed the data: watch.go); keepGen is that
	// listing's generation; restoring is on while it selects again.
	keepNext  bool
	keepGen   int
	restoring bool
	stop      context.CancelFunc // ends the previous listing's query
	typed     int                // edits of the search box; a pause acts on the last one only

	// pending are the flag writes queued and not done yet, shown over
	// what pages load meanwhile; flagSeq numbers them.
	pending map[flagKey]flagWrite
	flagSeq int
	// queued counts the writes ever queued, writing those not done yet;
	// treeStale says the tree was read while some were, so it is read
	// once more when none is.
	queued, writing int
	treeStale       bool
}

// flagKey is one flag of one item.
type flagKey struct {
	id      int64
	starred bool // the starred flag, else read
}

type flagWrite struct {
	v   bool
	seq int
}

func (s *seekScreen) initList(r runner) {
	s.run = r
	s.writes.run = r
	s.searchDelay = searchDelay
	s.selected, s.want = -1, -1
	s.pending = map[flagKey]flagWrite{}
	s.list = widget.NewList(s.listLength, s.listCreate, s.listUpdate)
	s.list.OnSelected = s.onItemSelected
	s.countL = widget.NewLabel("")
	s.countL.Importance = widget.LowImportance
	s.countL.Truncation = fyne.TextTruncateEllipsis
	s.noMatch = widget.NewLabel("")
	s.noMatch.Alignment = fyne.TextAlignCenter
	s.noMatch.Wrapping = fyne.TextWrapWord
	s.noMatch.Importance = widget.LowImportance
	s.noMatch.Hide()
}

// listArea is the list with its empty state over it and its count below.
func (s *seekScreen) listArea() fyne.CanvasObject {
	return container.NewBorder(nil, s.countL, nil, nil, container.NewStack(s.list, container.NewVBox(s.noMatch)))
}

// filter is the listing the tree and the search box select now.
func (s *seekScreen) filter() store.ItemFilter {
	f := store.ItemFilter{Query: s.search.Text, ExcludeSources: s.hiddenSources()}
	switch kind, n := parseNode(s.node); {
	case s.node == nodeUnread:
		f.Unread = true
	case s.node == nodeStarred:
		f.Starred = true
	case kind == "f":
		f.FolderID = n
	case kind == "s":
		f.SourceID = n
	}
	return f
}

// onSearchChanged waits for a pause in typing, then searches.
func (s *seekScreen) onSearchChanged(string) {
	s.app.userActs()
	s.typed++
	typed := s.typed
	s.run.after(s.searchDelay, func() {
		if typed == s.typed {
			s.reloadItems()
		}
	})
}

// reloadItems asks for the listing the tree and search box select; the
// list shows the one it has until the answer comes.
func (s *seekScreen) reloadItems() {
	gen, f, ctx, cancel := s.nextListing()
	st := s.store
	s.query(f, func() {
		p, err := st.ItemsPage(ctx, f)
		cancel()
		s.run.ui(func() { s.itemsLoaded(gen, f, p, err) })
	})
}

// nextListing starts a new listing: its generation, its filter (a page
// of it), and the context its query runs in, which the next listing
// cancels.
func (s *seekScreen) nextListing() (gen int, f store.ItemFilter, ctx context.Context, cancel context.CancelFunc) {
	s.typed++ // a pending pause has nothing left to do
	s.gen++
	if s.keepNext {
		s.keepGen, s.keepNext = s.gen, false
	}
	if s.stop != nil {
		s.stop()
	}
	f = s.filter()
	f.Limit = itemPageSize
	ctx, cancel = context.WithTimeout(context.Background(), loadTimeout)
	s.stop = cancel
	s.loading = true
	return s.gen, f, ctx, cancel
}

// reloadTogether reads the tree and the listing again in one worker job
// and shows both in one turn of the UI goroutine: one frame to draw, not
// two (on a software renderer each is a full-window frame of 50 ms or
// more). The watcher's reloads, every 2 s while another program writes,
// come this way. The Unread and Starred views, which wait behind queued
// writes (query), are read as reloadTree and reloadItems do.
func (s *seekScreen) reloadTogether() {
	if (s.node == nodeUnread || s.node == nodeStarred) && s.writing > 0 {
		s.reloadTree()
		s.reloadItems()
		return
	}
	s.treeGen++
	treeGen, queued := s.treeGen, s.queued
	gen, f, ctx, cancel := s.nextListing()
	st := s.store
	s.run.work(func() {
		defer cancel()
		// The tree is read in a context of its own (readTree): the next
		// listing (a folder clicked meanwhile) cancels only this one's,
		// and the tree read is still wanted. With the listing's, the user
		// saw "Context canceled" when clicking during a refresh.
		srcs, fs, err := readTree(st)
		p, perr := st.ItemsPage(ctx, f)
		s.run.ui(func() {
			if s.app.Section() != SectionSeek && gen == s.gen {
				// Switched away meanwhile: read again when shown (reloadOnce).
				s.loading, s.hiddenChange = false, true
				return
			}
			s.treeLoaded(treeGen, queued, srcs, fs, err)
			s.itemsLoaded(gen, f, p, perr)
		})
	})
}

// query runs a listing's query on a worker: at once, or, for the Unread
// or Starred view while writes of the reader are queued, after them, so
// that what was just starred is in Starred (reads of other listings never
// wait for writes, which may wait for a refresh's writer).
func (s *seekScreen) query(f store.ItemFilter, job func()) {
	if (f.Unread || f.Starred) && s.writing > 0 {
		s.writes.push(func(context.Context) error { job(); return nil }, func(error) {})
		return
	}
	s.run.work(job)
}

// itemsLoaded shows a listing's first page and count, unless a newer
// listing was asked for since.
func (s *seekScreen) itemsLoaded(gen int, f store.ItemFilter, p store.Page, err error) {
	if gen != s.gen {
		return
	}
	s.loading = false
	if err != nil {
		s.app.showError(err)
		return
	}
	keep, keepID, offset := gen == s.keepGen, int64(-1), s.list.GetScrollOffset()
	if s.hasCurrent && s.selected >= 0 {
		keepID = s.current.ID
	}
	var anchor func([]model.Item) float32
	if keep && (keepID >= 0 || offset > 0) {
		anchor = s.anchorRows(offset)
	}
	s.shown = f
	s.items = s.withPending(p.Items)
	if anchor != nil {
		offset = anchor(s.items)
	}
	s.more = len(p.Items) == itemPageSize
	s.count, s.capped = p.Total, p.Capped
	s.selected, s.want = -1, -1
	s.list.UnselectAll()
	s.list.Refresh()
	s.showCount()
	if keep {
		s.restoreSelection(keepID, offset)
	} else {
		s.list.ScrollToTop()
	}
}

// anchorRows notes the item in the list's first visible row at scroll
// offset; given the listing read again, it returns the offset that shows
// that item in the same place. While someone reads, the items another
// program adds arrive above what they look at instead of pushing it
// down; the rows they see keep their items, so the list draws no new
// text (a frame at most, not one of ~100 ms on a software renderer).
// When the item has gone, the offset stays as it was.
func (s *seekScreen) anchorRows(offset float32) func([]model.Item) float32 {
	// Measured each time (a row made and sized, well under a
	// millisecond): the text size may have changed since the last.
	s.stride = s.list.CreateItem().MinSize().Height + s.list.Theme().Size(theme.SizeNamePadding)
	first := int(offset / s.stride)
	if first < 0 || first >= len(s.items) {
		return func([]model.Item) float32 { return offset }
	}
	id, within := s.items[first].ID, offset-float32(first)*s.stride
	return func(items []model.Item) float32 {
		for i, it := range items {
			if it.ID == id {
				return float32(i)*s.stride + within
			}
		}
		return offset
	}
}

// askMore asks for the next page unless it is on its way or none
// follows, from the UI goroutine's queue: it may be called from inside
// the list's own update.
func (s *seekScreen) askMore() {
	if !s.more || s.loading {
		return
	}
	s.loading = true
	gen := s.gen
	s.run.ui(func() { s.loadMore(gen) })
}

// loadMore asks a worker for the page after the items loaded, for
// listing gen.
func (s *seekScreen) loadMore(gen int) {
	if gen != s.gen {
		return // a new listing took over
	}
	if len(s.items) == 0 {
		s.loading = false
		return
	}
	f, st := s.shown, s.store
	f.After = store.CursorOf(s.items[len(s.items)-1])
	ctx, cancel := context.WithTimeout(context.Background(), loadTimeout)
	s.stop = cancel
	s.query(f, func() {
		items, err := st.Items(ctx, f)
		cancel()
		s.run.ui(func() { s.moreLoaded(gen, items, err) })
	})
}

func (s *seekScreen) moreLoaded(gen int, items []model.Item, err error) {
	if gen != s.gen {
		return
	}
	s.loading = false
	if err != nil {
		s.more = false // the list ends here rather than asking again and again
		s.list.Refresh()
		fyne.LogError("loading items", err)
		return
	}
	s.items = append(s.items, s.withPending(items)...)
	s.more = len(items) == itemPageSize
	s.list.Refresh()
	if w := s.want; w >= 0 {
		if w >= len(s.items) && s.more {
			s.askMore() // still further down
			return
		}
		s.want = -1
		s.selectAt(min(w, len(s.items)-1))
	}
}

// withPending shows the flag writes not done yet on freshly loaded items.
func (s *seekScreen) withPending(items []model.Item) []model.Item {
	if len(s.pending) == 0 {
		return items
	}
	for i := range items {
		if w, ok := s.pending[flagKey{items[i].ID, false}]; ok {
			items[i].Read = w.v
		}
		if w, ok := s.pending[flagKey{items[i].ID, true}]; ok {
			items[i].Starred = w.v
		}
	}
	return items
}

// showCount says how many items the listing holds, or that it has none.
func (s *seekScreen) showCount() {
	q := strings.TrimSpace(s.shown.Query)
	switch {
	case q != "" && s.capped:
		s.countL.SetText(thousands(s.count) + "+ matches")
	case q != "":
		s.countL.SetText(plural(s.count, "match", "matches"))
	default:
		s.countL.SetText(strings.Replace(plural(s.count, "item", "items"), strconv.Itoa(s.count), thousands(s.count), 1))
	}
	if s.count > 0 {
		s.noMatch.Hide()
		return
	}
	switch {
	case q != "":
		s.noMatch.SetText(fmt.Sprintf("No items match “%s”.", q))
	case s.shown.Unread:
		s.noMatch.SetText("No unread items.")
	case s.shown.Starred:
		s.noMatch.SetText("No starred items. Star an item with s or its Star button.")
	default:
		s.noMatch.SetText("No items yet.")
	}
	s.noMatch.Show()
}

// thousands writes n with a comma every three digits.
func thousands(n int) string {
	d := strconv.Itoa(n)
	var b strings.Builder
	for i, c := range d {
		if i > 0 && (len(d)-i)%3 == 0 && d[i-1] != '-' {
			b.WriteByte(',')
		}
		b.WriteRune(c)
	}
	return b.String()
}

// itemAt returns the i-th item of the list, if it is loaded.
func (s *seekScreen) itemAt(i int) (model.Item, bool) {
	if i < 0 || i >= len(s.items) {
		return model.Item{}, false
	}
	return s.items[i], true
}

// listLength is the items loaded and, while more may follow, a row that
// says so and asks for them when shown.
func (s *seekScreen) listLength() int {
	if s.more {
		return len(s.items) + 1
	}
	return len(s.items)
}

func (s *seekScreen) listCreate() fyne.CanvasObject { return newSeekRow() }

func (s *seekScreen) listUpdate(i widget.ListItemID, o fyne.CanvasObject) {
	if i >= len(s.items)-itemPageSize/2 {
		s.askMore() // near the end
	}
	row := o.(*seekRow)
	if row.id != i {
		row.id = i
		if s.rowAt == nil {
			s.rowAt = map[int]*seekRow{}
		}
		s.rowAt[i] = row
	}
	it, ok := s.itemAt(i)
	row.showItem(it, !ok)
}

// refreshRow shows item i again in the row that shows it, if one does.
// List.RefreshItem would refresh the whole list (it refreshes the widget
// too): every row on screen, and a row made to be measured.
func (s *seekScreen) refreshRow(i int) {
	if row, ok := s.rowAt[i]; ok && row.id == i {
		it, ok := s.itemAt(i)
		row.showItem(it, !ok)
	}
}

// itemMeta is the reader's "Source · Jan 2, 2006 15:04 · by Author" (the
// list's rows show the source and date in labels of their own, seekRow).
func itemMeta(it model.Item) string {
	parts := []string{it.SourceTitle}
	if !it.Published.IsZero() {
		parts = append(parts, it.Published.Local().Format(itemDateLayout))
	}
	switch {
	case len(it.WrittenBy) > 0:
		// The source belongs to people the user knows: say who.
		parts = append(parts, "by "+strings.Join(it.WrittenBy, ", "))
	case it.Author != "":
		parts = append(parts, "by "+it.Author)
	}
	return strings.Join(parts, " · ")
}

// onItemSelected shows the item and marks it read: the list says so at
// once, the write is queued.
func (s *seekScreen) onItemSelected(i widget.ListItemID) {
	s.selects++
	it, ok := s.itemAt(i)
	if !ok {
		s.list.Unselect(i) // the Loading… row
		return
	}
	s.selected = i
	if s.restoring { // a reload selecting the item again, not the user
		s.reselected(it)
		return
	}
	s.app.userActs()
	if !it.Read {
		s.setFlag(it, false, true)
		it, _ = s.itemAt(i)
	}
	s.showItem(&it)
	// Keyboard shortcuts go to the window, not to the list.
	if c := s.app.win.Canvas(); c != nil {
		c.Unfocus()
	}
}

// move selects the next (+1) or previous (-1) item. Past the items
// loaded it waits for the next page: keys pressed meanwhile add up.
func (s *seekScreen) move(delta int) {
	from := s.selected
	if s.want >= 0 {
		from = s.want
	}
	next := from + delta
	if from < 0 {
		next = 0
	}
	switch {
	case next < 0:
	case next < len(s.items):
		s.want = -1
		s.selectAt(next)
	case s.more:
		s.want = next
		s.askMore()
	}
}

// selectAt selects row i and scrolls to it. Select scrolls too, unless i
// is selected already: each refreshes every row on screen, so only one
// of them is asked for.
func (s *seekScreen) selectAt(i int) {
	n := s.selects
	s.list.Select(i)
	if s.selects == n { // i was selected already: Select did not scroll
		s.list.ScrollTo(i)
	}
}
