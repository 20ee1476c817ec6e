package ui

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"github.com/knowflow/knowflow/model"
	"github.com/knowflow/knowflow/model/cpus"
	"github.com/knowflow/knowflow/model/service"
	"github.com/knowflow/knowflow/model/store"
)

// Each store call a tap or a reload makes runs on the runner's worker:
// held work has not called the store when the tap returns, and an answer
// a newer request overtook is dropped. spyStore counts the calls.

type spyStore struct {
	Store
	mu    sync.Mutex
	calls map[string]int
}

func spy(st Store) *spyStore { return &spyStore{Store: st, calls: map[string]int{}} }

func (s *spyStore) called(name string) {
	s.mu.Lock()
	s.calls[name]++
	s.mu.Unlock()
}

func (s *spyStore) count(name string) int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.calls[name]
}

func (s *spyStore) Suggest(ctx context.Context, now time.Time) (service.Suggestions, error) {
	s.called("Suggest")
	if cpus.IsBackground(ctx) {
		s.called("Suggest in the background")
	}
	return s.Store.Suggest(ctx, now)
}
func (s *spyStore) Summary(ctx context.Context) (store.Summary, error) {
	s.called("Summary")
	return s.Store.Summary(ctx)
}
func (s *spyStore) Sources(ctx context.Context) ([]model.Source, error) {
	s.called("Sources")
	return s.Store.Sources(ctx)
}
func (s *spyStore) Prefs(ctx context.Context) (model.Prefs, error) {
	s.called("Prefs")
	return s.Store.Prefs(ctx)
}
func (s *spyStore) ItemsPage(ctx context.Context, f store.ItemFilter) (store.Page, error) {
	s.called("ItemsPage")
	return s.Store.ItemsPage(ctx, f)
}
func (s *spyStore) CountItems(ctx context.Context, f store.ItemFilter) (int, error) {
	s.called("CountItems")
	return s.Store.CountItems(ctx, f)
}
func (s *spyStore) RemoveSource(ctx context.Context, id int64) (int, error) {
	s.called("RemoveSource")
	return s.Store.RemoveSource(ctx, id)
}
func (s *spyStore) RemoveSources(ctx context.Context, ids []int64) (int, error) {
	s.called("RemoveSources")
	return s.Store.RemoveSources(ctx, ids)
}
func (s *spyStore) EditSource(ctx context.Context, id int64, title string, folder []string) error {
	s.called("EditSource")
	return s.Store.EditSource(ctx, id, title, folder)
}
func (s *spyStore) Contacts(ctx context.Context, f store.ContactFilter) ([]model.Contact, error) {
	s.called("Contacts")
	return s.Store.Contacts(ctx, f)
}
func (s *spyStore) Contact(ctx context.Context, id int64) (model.Contact, error) {
	s.called("Contact")
	return s.Store.Contact(ctx, id)
}
func (s *spyStore) SaveContact(ctx context.Context, c model.Contact, feedURLs ...string) (int64, error) {
	s.called("SaveContact")
	return s.Store.SaveContact(ctx, c, feedURLs...)
}
func (s *spyStore) DeleteContact(ctx context.Context, id int64) error {
	s.called("DeleteContact")
	return s.Store.DeleteContact(ctx, id)
}
func (s *spyStore) TouchContact(ctx context.Context, id int64, at time.Time) error {
	s.called("TouchContact")
	return s.Store.TouchContact(ctx, id, at)
}
func (s *spyStore) Communities(ctx context.Context) ([]model.Community, error) {
	s.called("Communities")
	return s.Store.Communities(ctx)
}
func (s *spyStore) History(ctx context.Context, f store.HistoryFilter) ([]store.ShareRecord, error) {
	s.called("History")
	return s.Store.History(ctx, f)
}
func (s *spyStore) Item(ctx context.Context, id int64) (model.Item, error) {
	s.called("Item")
	return s.Store.Item(ctx, id)
}
func (s *spyStore) RecordShare(ctx context.Context, sh model.Share) (model.Share, error) {
	s.called("RecordShare")
	return s.Store.RecordShare(ctx, sh)
}
func (s *spyStore) SaveFeedback(ctx context.Context, f model.Feedback) error {
	s.called("SaveFeedback")
	return s.Store.SaveFeedback(ctx, f)
}

// offUI checks that action's calls of the store (names) wait for the
// runner's work: none has run when action returns; each has once the
// held work and what it hands back have run.
func offUI(t *testing.T, u *App, sp *spyStore, action func(), names ...string) {
	t.Helper()
	r := u.run.(*loopRunner)
	before := map[string]int{}
	for _, n := range names {
		before[n] = sp.count(n)
	}
	r.setHold(true)
	action()
	for _, n := range names {
		if sp.count(n) != before[n] {
			t.Errorf("%s ran on the UI goroutine, before the worker's turn", n)
		}
	}
	if r.heldWork() == 0 {
		t.Errorf("%v: no work waits for a worker", names)
	}
	r.setHold(false)
	r.runAllHeld()
	r.settle(t)
	for _, n := range names {
		if sp.count(n) == before[n] {
			t.Errorf("%s never ran", n)
		}
	}
}

func newSpyUI(t *testing.T, section string, seed func(backend)) (*App, *spyStore, backend) {
	t.Helper()
	a := test.NewTempApp(t)
	b := newBackend(t)
	if seed != nil {
		seed(b)
	}
	sp := spy(b)
	u := testNew(t, a, sp, Options{Section: section})
	u.now = func() time.Time { return remindNow }
	u.Window().Resize(fyne.NewSize(1100, 700))
	settle(t, u)
	return u, sp, b
}

// Selecting items quickly shows the last one's body, built once the
// moves pause: the bodies of the items passed are never built.
func TestItemBodyOnAWorkerLastWins(t *testing.T) {
	u, _, _ := newReaderUI(t)
	s, r := u.seek, u.run.(*loopRunner)
	if len(s.items) < 2 {
		t.Fatalf("%d items", len(s.items))
	}
	r.setHold(true)
	s.list.Select(0) // held: the writes' queue; a timer: the body
	s.list.Select(1) // a timer: the body
	if r.heldWork() != 1 || r.pendingTimers() != 2 || s.body.String() != "" {
		t.Fatalf("%d jobs held, %d timers, body %q: the body was built on the UI goroutine", r.heldWork(), r.pendingTimers(), s.body.String())
	}
	r.fire() // the moves paused: only the last item's body is built
	if r.heldWork() != 2 {
		t.Fatalf("%d jobs held after the pause", r.heldWork())
	}
	r.runHeld(1)
	r.runCalls()
	want := newItemBody()
	want.set(bodyBlocks(htmlSegments(s.items[1].ContentHTML, nil)))
	if got := s.body.String(); got != want.String() || got == "" {
		t.Errorf("body = %q, want the second item's %q", got, want.String())
	}
	r.setHold(false)
	r.runAllHeld()
	settle(t, u)
}

// A long body comes in pieces a frame apart: small ones over the first
// screen, larger ones below it; another item shown meanwhile stops the
// rest.
func TestItemBodyInPieces(t *testing.T) {
	var html strings.Builder
	for i := 0; i < 40; i++ {
		fmt.Fprintf(&html, "<p>Paragraph %d: %s</p>", i, strings.Repeat("knowledge flows through people ", 8))
	}
	chunks := bodyChunks(bodyBlocks(htmlSegments(html.String(), nil)))
	if len(chunks) < 5 {
		t.Fatalf("%d chunks", len(chunks))
	}
	size := func(c [][]widget.RichTextSegment) (n int) {
		for _, b := range c {
			n += blockLen(b)
		}
		return n
	}
	if first, last := size(chunks[0]), size(chunks[len(chunks)-2]); first > firstChunk+300 || last < bodyChunk {
		t.Errorf("pieces of %d characters first, %d below the first screen", first, last)
	}
	u, _, _ := newReaderUI(t)
	s, r := u.seek, u.run.(*loopRunner)
	s.bodyGen++
	gen := s.bodyGen
	s.body.set(nil)
	s.bodyLoaded(gen, chunks)
	if n := len(s.body.box.Objects); n != len(chunks[0]) {
		t.Errorf("first turn shows %d blocks, want %d", n, len(chunks[0]))
	}
	if r.runCalls() != 0 || len(r.delays) != 1 || r.delays[0] != bodyFrame {
		t.Fatalf("the next piece should wait a frame: delays %v", r.delays)
	}
	r.fire()
	if n := len(s.body.box.Objects); n != len(chunks[0])+len(chunks[1]) {
		t.Errorf("second piece shows %d blocks", n)
	}
	s.bodyGen++ // another item
	r.fire()
	r.fire()
	if n := len(s.body.box.Objects); n != len(chunks[0])+len(chunks[1]) {
		t.Errorf("the rest came after another item was asked for: %d blocks", n)
	}
}

func TestReloadReadsTheSummaryOnAWorkerLastWins(t *testing.T) {
	u, sp, b := newSpyUI(t, SectionPeople, nil)
	offUI(t, u, sp, u.Reload, "Summary")
	r := u.run.(*loopRunner)
	r.setHold(true)
	u.Reload() // older: reads the empty store...
	r.runHeld(0)
	if _, err := b.SaveContact(context.Background(), model.Contact{Name: "Ana Costa", Circles: []model.Circle{model.CircleTeam}}); err != nil {
		t.Fatal(err)
	}
	u.Reload() // ...newer: reads Ana
	r.runHeld(0)
	r.setHold(false)
	r.runCall(1) // the newer answer first
	r.runCall(0) // the older one is dropped
	settle(t, u)
	if got := texts(u.people.content); strings.Contains(got, "No people yet") {
		t.Errorf("an overtaken reload showed the empty store:\n%s", got)
	}
}

func TestSeekWritesOnAWorker(t *testing.T) {
	u, sp, b := newSpyUI(t, SectionSeek, func(b backend) { seedReader(t, b) })
	s := u.seek
	good, _ := b.SourceByURL(context.Background(), "https://team.example/feed")
	node := "s:" + fmt.Sprint(good.ID)
	s.tree.Select(node)
	settle(t, u)

	// Edit source: saved on a worker; Edit… is off meanwhile.
	s.onEditSource()
	s.editDlg.title.SetText("Team notes")
	offUI(t, u, sp, func() {
		s.editDlg.form.Submit()
		if !s.editBtn.Disabled() || !strings.Contains(s.status.Text, "Saving") {
			t.Errorf("while saving: Edit… disabled %v, status %q", s.editBtn.Disabled(), s.status.Text)
		}
	}, "EditSource")
	if src, _ := b.Source(context.Background(), good.ID); src.Title != "Team notes" || s.editBtn.Disabled() {
		t.Errorf("after saving: title %q, Edit… disabled %v", src.Title, s.editBtn.Disabled())
	}

	// A count that comes after the user went to another node asks nothing.
	r := u.run.(*loopRunner)
	r.setHold(true)
	test.Tap(s.unsubBtn)
	s.tree.Select(nodeAll)
	r.setHold(false)
	r.runAllHeld()
	settle(t, u)
	if s.unsubDlg != nil {
		t.Error("a stale count asked to unsubscribe")
	}

	// Unsubscribe…: the count on a worker, then, once Undo's time has
	// passed, the removal on a worker too.
	s.tree.Select(node)
	settle(t, u)
	offUI(t, u, sp, func() { test.Tap(s.unsubBtn) }, "CountItems")
	if s.unsubDlg == nil {
		t.Fatal("no confirmation")
	}
	s.unsubDlg.Confirm()
	settleKeepTimers(t, u)
	offUI(t, u, sp, func() {
		r.fire()
		if !s.unsubBtn.Disabled() {
			t.Error("Unsubscribe… stays on while removing")
		}
	}, "RemoveSources", "Summary")
	if _, err := b.Source(context.Background(), good.ID); err == nil {
		t.Error("the source is still stored")
	}
	if !strings.Contains(s.status.Text, "Unsubscribed") {
		t.Errorf("status %q", s.status.Text)
	}
}

func TestPeopleCallsOnAWorker(t *testing.T) {
	u, sp, b := newSpyUI(t, SectionPeople, func(b backend) { seedPeople(t, b) })
	s := u.people
	r := u.run.(*loopRunner)

	// Typing in the search box: the last filter asked wins.
	offUI(t, u, sp, func() { s.search.SetText("acme") }, "Contacts")
	r.setHold(true)
	s.search.SetText("zettel") // older
	s.search.SetText("")       // newer
	r.runHeld(1)
	r.runHeld(0)
	r.setHold(false)
	settle(t, u)
	if got := strings.Join(listed(s), ","); got != "Ana Costa,Bruno Silva,Chen Wei,Dara Okafor" {
		t.Errorf("listed %q after an overtaken search", got)
	}

	// A page: what was passed on and what they write.
	offUI(t, u, sp, func() { s.list.Select(0) }, "History")

	// In touch today, then Remove: the page's buttons are off meanwhile.
	offUI(t, u, sp, func() {
		test.Tap(s.touchBtn)
		if !s.touchBtn.Disabled() || !s.removeBtn.Disabled() {
			t.Error("the page's buttons stay on while saving")
		}
	}, "TouchContact")
	if c, _ := b.Contact(context.Background(), s.current.ID); c.LastContacted.IsZero() || s.touchBtn.Disabled() {
		t.Errorf("after In touch: last contacted %v, button off %v", c.LastContacted, s.touchBtn.Disabled())
	}
	id := s.current.ID
	s.onRemove()
	offUI(t, u, sp, s.removeDlg.Confirm, "DeleteContact")
	if _, err := b.Contact(context.Background(), id); err == nil {
		t.Error("the contact is still stored")
	}

	// The form: its communities, then the save.
	offUI(t, u, sp, s.onAdd, "Communities")
	f := s.form
	if len(f.addCommunity.Options) == 0 {
		t.Error("the form has no communities to add")
	}
	fillValid(f)
	offUI(t, u, sp, func() {
		if err := f.submit(); err != nil {
			t.Fatal(err)
		}
		if !f.saveBtn.Disabled() || f.saveBtn.Text != "Saving…" || topOverlay(u) == nil {
			t.Errorf("while saving: Save %q disabled %v", f.saveBtn.Text, f.saveBtn.Disabled())
		}
	}, "SaveContact")
	if topOverlay(u) != nil {
		t.Error("the form stayed open after saving")
	}
}

func TestShareCallsOnAWorker(t *testing.T) {
	a := test.NewTempApp(t)
	b := newBackend(t)
	fx := seedShare(t, b)
	sp := spy(b)
	u := testNew(t, a, sp, Options{Section: SectionShare})
	u.bg.Wait()
	u.now = func() time.Time { return shareNow }
	u.Window().Resize(fyne.NewSize(1100, 700))
	u.applySuggestions(handSuggestions(fx), sharePrefs(), shareNow)
	s, r := u.share, u.run.(*loopRunner)

	// The page reads its contact and item on a worker; the last row
	// selected wins, and its actions wait for them.
	first, second := rowOf(t, s, fx, "analytics", "Chen Wei"), rowOf(t, s, fx, "onboarding", "Ana Costa")
	r.setHold(true)
	s.list.Select(first)
	s.list.Select(second)
	if sp.count("Contact") != 0 || !s.sharedBtn.Disabled() || !s.note.Disabled() {
		t.Errorf("before the worker: %d contact reads, Mark shared off %v, note off %v", sp.count("Contact"), s.sharedBtn.Disabled(), s.note.Disabled())
	}
	r.runHeld(1)
	r.runHeld(0)
	r.setHold(false)
	r.runCall(1) // the older selection's answer comes last and is dropped
	r.runCall(0)
	settle(t, u)
	if s.contact.ID != fx.ana.ID || s.sharedBtn.Disabled() || s.note.Disabled() {
		t.Errorf("page of %d (want Ana %d), Mark shared off %v", s.contact.ID, fx.ana.ID, s.sharedBtn.Disabled())
	}

	offUI(t, u, sp, func() {
		test.Tap(s.sharedBtn)
		if !s.sharedBtn.Disabled() || !s.dismissBtn.Disabled() {
			t.Error("the actions stay on while the share is written")
		}
	}, "RecordShare")
	if hasSuggestion(s, fx.item["onboarding"].ID, fx.ana.ID, 0) {
		t.Error("the shared suggestion is still listed")
	}
	s.list.Select(rowOf(t, s, fx, "analytics", "Chen Wei"))
	settle(t, u)
	offUI(t, u, sp, func() { test.Tap(s.dismissBtn) }, "SaveFeedback")
	offUI(t, u, sp, func() { test.Tap(s.historyBtn) }, "History")
	if s.historyDlg == nil || s.historyN != 1 {
		t.Errorf("History lists %d shares", s.historyN)
	}

	// Copy digest: the community and the items are read on a worker; the
	// clipboard gets the digest when they are back.
	a.Clipboard().SetContent("")
	offUI(t, u, sp, func() {
		test.Tap(copyDigestButton(t, s, "L&D Guild"))
		if a.Clipboard().Content() != "" || !strings.Contains(s.status.Text, "Writing the L&D Guild digest") {
			t.Errorf("before the worker: clipboard %q, status %q", a.Clipboard().Content(), s.status.Text)
		}
	}, "Communities", "Item")
	if md := a.Clipboard().Content(); !strings.HasPrefix(md, "# L&D Guild digest") {
		t.Errorf("clipboard after the worker: %q", md)
	}
}

// The dialogs that offer what is stored read it on a worker: Add feed's
// and Edit source's folders, the Preferences.
func TestDialogsReadOnAWorker(t *testing.T) {
	u, sp, b := newSpyUI(t, SectionSeek, func(b backend) { seedReader(t, b) })
	ctx := context.Background()
	good, _ := b.SourceByURL(ctx, "https://team.example/feed")
	if err := b.EditSource(ctx, good.ID, good.Title, []string{"Work", "Team"}); err != nil {
		t.Fatal(err)
	}
	u.Reload()
	settle(t, u)

	var add *addFeedDialog
	offUI(t, u, sp, func() {
		add = u.newAddFeedDialog()
		if add.folders != nil {
			t.Errorf("folders offered before the worker: %v", add.folders)
		}
	}, "Sources")
	if !slices.Equal(add.folders, []string{"Work/Team"}) {
		t.Errorf("Add feed offers %v", add.folders)
	}

	s := u.seek
	s.tree.Select("s:" + fmt.Sprint(good.ID))
	settle(t, u)
	offUI(t, u, sp, s.onEditSource, "Sources")
	if !slices.Equal(s.editDlg.folders, []string{"Work/Team"}) || s.editDlg.folder.Text != "Work/Team" {
		t.Errorf("Edit source offers %v, shows %q", s.editDlg.folders, s.editDlg.folder.Text)
	}
	s.editDlg.form.Hide()

	offUI(t, u, sp, func() {
		u.showPreferences()
		if u.prefsDlg != nil {
			t.Error("the Preferences dialog opened before the worker read them")
		}
	}, "Prefs")
	if u.prefsDlg == nil || u.prefsDlg.refresh.Selected == "" {
		t.Error("the Preferences dialog did not open with the stored preferences")
	}
}

// Another program's changes reach a hidden Seek only when it is shown
// again: its listing is not read while another section is shown, and is
// read at the first poll after.
func TestHiddenSeekReadsChangesWhenShownAgain(t *testing.T) {
	u, sp, _ := newSpyUI(t, SectionSeek, func(b backend) { seedReader(t, b) })
	u.ShowSection(SectionPeople)
	settle(t, u)
	n := sp.count("ItemsPage")
	u.otherChanged()
	settle(t, u)
	if sp.count("ItemsPage") != n || !u.seek.hiddenChange {
		t.Fatalf("hidden Seek: listing read %d times more, change noted %v", sp.count("ItemsPage")-n, u.seek.hiddenChange)
	}
	u.otherSettled() // a poll while still hidden
	settle(t, u)
	if sp.count("ItemsPage") != n {
		t.Fatal("listing read while Seek is hidden")
	}
	u.ShowSection(SectionSeek)
	u.otherSettled() // the next poll
	settle(t, u)
	if sp.count("ItemsPage") != n+1 || u.seek.hiddenChange {
		t.Errorf("shown again: listing read %d times, change still noted %v", sp.count("ItemsPage")-n, u.seek.hiddenChange)
	}
	u.otherChanged() // shown: read at once
	settle(t, u)
	if sp.count("ItemsPage") != n+2 {
		t.Errorf("a change while shown: listing read %d times", sp.count("ItemsPage")-n)
	}

	// Switched away while the listing is read: it is not applied, and is
	// read again when Seek is shown.
	r := u.run.(*loopRunner)
	r.setHold(true)
	u.otherChanged()
	settle(t, u)
	r.setHold(false)
	u.ShowSection(SectionShare)
	r.runAllHeld()
	settle(t, u)
	if !u.seek.hiddenChange || u.seek.loading {
		t.Errorf("a listing read while switching away: change noted %v, loading %v", u.seek.hiddenChange, u.seek.loading)
	}
}
