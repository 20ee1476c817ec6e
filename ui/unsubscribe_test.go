package ui

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2/test"

	"github.com/knowflow/knowflow/model"
	"github.com/knowflow/knowflow/model/store"
)

// unsubscribeTeamBlog marks two of Team blog's items (one read, one
// starred), then unsubscribes from it in Seek's source bar, keeping
// Undo's timer; it returns the source and its items as they were.
func unsubscribeTeamBlog(t *testing.T) (*App, backend, model.Source, []model.Item) {
	t.Helper()
	u, _, b := newReaderUI(t)
	s, ctx := u.seek, context.Background()
	good, _ := b.SourceByURL(ctx, "https://team.example/feed")
	before, err := b.Items(ctx, store.ItemFilter{SourceID: good.ID})
	if err != nil || len(before) != 6 {
		t.Fatalf("%d items, %v", len(before), err)
	}
	if err := b.SetRead(ctx, before[0].ID, true); err != nil {
		t.Fatal(err)
	}
	if err := b.SetStarred(ctx, before[1].ID, true); err != nil {
		t.Fatal(err)
	}
	before, _ = b.Items(ctx, store.ItemFilter{SourceID: good.ID})
	u.Reload()
	settle(t, u)
	s.tree.Select(fmt.Sprintf("s:%d", good.ID))
	settle(t, u)
	test.Tap(s.unsubBtn)
	settle(t, u)
	if s.unsubDlg == nil {
		t.Fatal("no confirmation")
	}
	s.unsubDlg.Confirm()
	settleKeepTimers(t, u)
	return u, b, good, before
}

// inTree says the tree lists source id.
func inTree(s *seekScreen, id int64) bool {
	node := fmt.Sprintf("s:%d", id)
	for _, children := range s.children {
		for _, c := range children {
			if c == node {
				return true
			}
		}
	}
	_, ok := s.sources[id]
	return ok
}

// Once confirmed, the source leaves the tree and every listing at once
// while it stays stored; the status line offers Undo, which brings it
// back as it was, its items' read and starred flags included.
func TestUnsubscribeHidesAndUndoBringsBack(t *testing.T) {
	u, b, good, before := unsubscribeTeamBlog(t)
	s, ctx := u.seek, context.Background()
	if inTree(s, good.ID) {
		t.Error("the tree still lists the source")
	}
	if s.node != nodeAll || s.count != 0 || len(s.items) != 0 {
		t.Errorf("after Unsubscribe: node %q, %d items listed", s.node, s.count)
	}
	if _, unread, _, _ := s.nodeInfo(nodeAll); unread != 0 {
		t.Errorf("All items counts %d unread", unread)
	}
	s.search.SetText("onboarding")
	s.reloadItems()
	settleKeepTimers(t, u)
	if s.count != 0 {
		t.Errorf("a search finds %d items of the source", s.count)
	}
	s.search.SetText("")
	s.reloadItems()
	settleKeepTimers(t, u)
	if !s.undoR.Visible() || s.undoL.Text != "Unsubscribed from Team blog (6 items)" {
		t.Fatalf("Undo shown %v, saying %q", s.undoR.Visible(), s.undoL.Text)
	}
	if _, err := b.Source(ctx, good.ID); err != nil {
		t.Fatalf("the source was removed before its time: %v", err)
	}

	test.Tap(s.undoB)
	settle(t, u)
	if !inTree(s, good.ID) || s.sources[good.ID].Unread != 5 {
		t.Fatalf("after Undo: in the tree %v, %d unread", inTree(s, good.ID), s.sources[good.ID].Unread)
	}
	if s.node != fmt.Sprintf("s:%d", good.ID) || s.count != 6 {
		t.Errorf("after Undo: node %q, %d items listed", s.node, s.count)
	}
	after, err := b.Items(ctx, store.ItemFilter{SourceID: good.ID})
	if err != nil || len(after) != len(before) {
		t.Fatalf("%d items after Undo, %v", len(after), err)
	}
	for i := range before {
		if after[i].ID != before[i].ID || after[i].Read != before[i].Read || after[i].Starred != before[i].Starred {
			t.Errorf("item %d: %+v, was %+v", i, after[i], before[i])
		}
	}
	for i, it := range s.items {
		if it.Read != before[i].Read || it.Starred != before[i].Starred {
			t.Errorf("listed item %q: read %v starred %v, was %v %v", it.Title, it.Read, it.Starred, before[i].Read, before[i].Starred)
		}
	}
	if s.undoR.Visible() || !strings.HasPrefix(s.status.Text, "Undone") {
		t.Errorf("after Undo: Undo shown %v, status %q", s.undoR.Visible(), s.status.Text)
	}
	if _, err := b.Source(ctx, good.ID); err != nil {
		t.Errorf("the source is gone after Undo and its time: %v", err)
	}
}

// Without Undo, the source is removed from the database once Undo's
// time has passed.
func TestUnsubscribeRemovesAfterItsTime(t *testing.T) {
	u, b, good, _ := unsubscribeTeamBlog(t)
	s, r, ctx := u.seek, u.run.(*loopRunner), context.Background()
	if r.pendingTimers() == 0 {
		t.Fatal("no timer for Undo")
	}
	r.fire()
	settle(t, u)
	if _, err := b.Source(ctx, good.ID); !errors.Is(err, store.ErrNotFound) {
		t.Fatalf("the source is still stored after Undo's time: %v", err)
	}
	if n, _ := b.CountItems(ctx, store.ItemFilter{SourceID: good.ID}); n != 0 {
		t.Errorf("%d of its items left", n)
	}
	if s.undoR.Visible() || s.status.Text != "Unsubscribed from Team blog (6 items removed)." {
		t.Errorf("Undo shown %v, status %q", s.undoR.Visible(), s.status.Text)
	}
	if inTree(s, good.ID) || len(s.hidden) != 0 {
		t.Errorf("in the tree %v, hidden %v", inTree(s, good.ID), s.hidden)
	}
}

// Quitting while Undo is offered carries the removal out before the
// store closes.
func TestUnsubscribeCarriedOutOnQuit(t *testing.T) {
	u, b, good, _ := unsubscribeTeamBlog(t)
	s := u.seek
	u.StopScheduler() // what quitting calls before the store closes
	if _, err := b.Source(context.Background(), good.ID); !errors.Is(err, store.ErrNotFound) {
		t.Fatalf("the source is still stored after quitting: %v", err)
	}
	// What the removal hands back touches no widget: Fyne may run it off
	// its goroutine once the window's loop has ended.
	gen, status := s.treeGen, s.status.Text
	u.run.(*loopRunner).runCalls()
	if s.treeGen != gen || s.status.Text != status || !s.undoR.Visible() {
		t.Errorf("the window changed after quitting: tree read %v, status %q, Undo shown %v",
			s.treeGen != gen, s.status.Text, s.undoR.Visible())
	}
}

// The bulk Unsubscribe of Sources with problems hides the sources it
// names, counts their items for the status line, and Undo lists them
// again in the view.
func TestProblemsUnsubscribeUndo(t *testing.T) {
	u, _, b := newProblemsUI(t)
	s, ctx := u.seek, context.Background()
	s.tree.Select(nodeProblems)
	settle(t, u)
	v := s.problems
	for id, c := range v.checks {
		if s.sources[id].Title != "Broken feed" {
			c.SetChecked(true)
		}
	}
	test.Tap(v.unsubBtn)
	v.confirm.Confirm()
	settleKeepTimers(t, u)
	if got := texts(v.content); !strings.Contains(got, "1 source cannot be read") || strings.Contains(got, "Dead blog") {
		t.Errorf("while Undo is offered the view shows:\n%s", got)
	}
	if s.undoL.Text != "Unsubscribed from 2 sources (0 items)" {
		t.Errorf("status line %q", s.undoL.Text)
	}
	if srcs, _ := b.Sources(ctx); len(srcs) != 4 {
		t.Fatalf("%d sources stored, want all 4 until Undo's time", len(srcs))
	}
	test.Tap(s.undoB)
	settle(t, u)
	if got := texts(v.content); !strings.Contains(got, "3 sources cannot be read") || !strings.Contains(got, "Dead blog") {
		t.Errorf("after Undo the view shows:\n%s", got)
	}
	if srcs, _ := b.Sources(ctx); len(srcs) != 4 {
		t.Errorf("%d sources stored after Undo, want 4", len(srcs))
	}
}

// Share, the tray and the reminders leave out the suggestions of a
// source's items as soon as it is unsubscribed from, while Undo is still
// offered; Undo shows them again. Once removed, they stay out until a
// computation made after the removal (which no longer has the items).
func TestUnsubscribeLeavesItsItemsOutOfShare(t *testing.T) {
	u, _, b := newReaderUI(t)
	s, ctx := u.seek, context.Background()
	u.bg.Wait()
	settle(t, u)
	good, _ := b.SourceByURL(ctx, "https://team.example/feed")
	items, err := b.Items(ctx, store.ItemFilter{SourceID: good.ID})
	if err != nil || len(items) == 0 {
		t.Fatalf("%d items, %v", len(items), err)
	}
	u.now = func() time.Time { return remindNow }
	u.lastRefresh = remindNow.Add(365 * 24 * time.Hour) // no background refresh from Tick
	mine := model.Suggestion{Kind: model.KindShare, ItemID: items[0].ID, SourceID: good.ID, ItemTitle: items[0].Title,
		ContactID: 1, ContactName: "Ana Lima", Circle: model.CircleTeam, Score: 0.8, When: remindNow.Add(-time.Hour)}
	other := model.Suggestion{Kind: model.KindShare, ItemID: items[0].ID + 1000, SourceID: good.ID + 1000, ItemTitle: "Another source's item",
		ContactID: 1, ContactName: "Ana Lima", Circle: model.CircleTeam, Score: 0.7, When: remindNow.Add(-time.Hour)}
	u.applySuggestions([]model.Suggestion{mine, other}, u.prefs, remindNow)
	shown := func() []string {
		var titles []string
		for _, x := range u.share.sugs {
			titles = append(titles, x.ItemTitle)
		}
		return titles
	}
	if got := shown(); len(got) != 2 || u.DueCount(remindNow) != 2 {
		t.Fatalf("before: Share shows %q, %d due", got, u.DueCount(remindNow))
	}

	u.now = func() time.Time { return remindNow.Add(time.Minute) }
	unsubscribe := func() { // Team blog, keeping Undo's timer
		t.Helper()
		s.tree.Select(fmt.Sprintf("s:%d", good.ID))
		settle(t, u)
		test.Tap(s.unsubBtn)
		settle(t, u)
		s.unsubDlg.Confirm()
		settleKeepTimers(t, u)
	}
	unsubscribe()
	if got := shown(); len(got) != 1 || got[0] != other.ItemTitle || u.DueCount(remindNow) != 1 || len(u.Suggestions()) != 1 {
		t.Errorf("while Undo is offered: Share shows %q, %d due", got, u.DueCount(remindNow))
	}

	test.Tap(s.undoB)
	settle(t, u)
	if got := shown(); len(got) != 2 || u.DueCount(remindNow) != 2 {
		t.Errorf("after Undo: Share shows %q, %d due", got, u.DueCount(remindNow))
	}

	// Unsubscribed again and removed when Undo's time has passed: a
	// computation that started before the removal (its items still there)
	// is shown without them; one that started after it ends the matter.
	unsubscribe()
	u.applySuggestions([]model.Suggestion{mine, other}, u.prefs, remindNow.Add(90*time.Second)) // while Undo is offered
	if got := shown(); len(got) != 1 || got[0] != other.ItemTitle {
		t.Errorf("a computation while Undo is offered: Share shows %q", got)
	}
	u.now = func() time.Time { return remindNow.Add(2 * time.Minute) }
	settle(t, u) // Undo's time: the removal, then a computation that no longer has the items
	u.bg.Wait()
	settle(t, u)
	if _, err := b.Source(ctx, good.ID); err == nil {
		t.Fatal("the source is still stored after Undo's time")
	}
	if len(u.removedAt) != 0 {
		t.Errorf("%d sources still left out after a computation since the removal", len(u.removedAt))
	}
	u.now = func() time.Time { return remindNow.Add(3 * time.Minute) }
	u.sourcesRemoved([]int64{good.ID})                                                           // as if removed again at 3 minutes
	u.applySuggestions([]model.Suggestion{mine, other}, u.prefs, remindNow.Add(150*time.Second)) // started before it
	if got := shown(); len(got) != 1 || got[0] != other.ItemTitle {
		t.Errorf("a computation from before the removal: Share shows %q", got)
	}
	u.applySuggestions([]model.Suggestion{other}, u.prefs, remindNow.Add(3*time.Minute)) // started after it
	if got := shown(); len(got) != 1 || len(u.removedAt) != 0 {
		t.Errorf("after a computation since: Share shows %q, %d sources still left out", got, len(u.removedAt))
	}
}
