package ui

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/knowflow/knowflow/model/store"
)

// Unsubscribe with Undo. Once confirmed (Seek's source bar, or the bulk
// Unsubscribe of Sources with problems), the sources are hidden, not
// removed: the tree leaves them out and the listings ask the store to
// (ItemFilter.ExcludeSources), and a line below Seek's status says
// "Unsubscribed from NAME (N items)" with Undo for undoFor. Undo shows
// them again as they were: nothing was deleted. Only when that time has
// passed (or another Unsubscribe comes, or the app quits: StopScheduler)
// is the removal queued on the reader's write queue, which quitting waits
// for; a synced source is then queued for unsubscribing on its server by
// the store, as an immediate removal would have been.

// unsubscribing is Seek's state of the unsubscribes: what is hidden and
// the one that may still be undone.
type unsubscribing struct {
	// hidden are the sources left out of the tree and the listings: the
	// one pending, and those removed until the tree is read again.
	hidden map[int64]bool
	// hiddenFolders are folders deleted with their sources (Delete
	// folder… with Unsubscribe), left out of the tree until removed.
	hiddenFolders map[int64]bool
	later         *pendingUnsub // the unsubscribe Undo takes back; nil: none
	undoL         *widget.Label
	undoB         *widget.Button
	undoR         *fyne.Container // undoL and undoB, shown while later is set
	said          string          // what the status last said of an unsubscribe
}

// pendingUnsub is an unsubscribe not carried out yet.
type pendingUnsub struct {
	ids    []int64
	name   string // "Team blog", "2 sources"
	items  int    // how many items go; -1 while not counted
	node   string // the tree node selected when it was asked
	folder int64  // a folder deleted with them (named name), or 0
}

// newUndoRow is the line that offers Undo, hidden until an unsubscribe.
func (s *seekScreen) newUndoRow() fyne.CanvasObject {
	s.undoL = widget.NewLabel("")
	s.undoL.Wrapping = fyne.TextWrapWord
	s.undoB = widget.NewButtonWithIcon("Undo", theme.ContentUndoIcon(), s.onUndoUnsubscribe)
	s.undoB.Importance = widget.LowImportance
	s.undoR = container.NewBorder(nil, nil, nil, container.NewVBox(s.undoB), s.undoL)
	s.undoR.Hide()
	return s.undoR
}

// onUnsubscribe counts the selected source's items on a worker, then
// asks, then hides the source for undoFor before it goes. Unsubscribe…
// is off while counting; a count that comes after another node was
// selected is dropped.
func (s *seekScreen) onUnsubscribe() {
	kind, id := parseNode(s.node)
	src, ok := s.sources[id]
	if kind != "s" || !ok {
		return
	}
	name := sourceName(src)
	node := s.node
	s.counting = true
	s.unsubBtn.Disable()
	async(s.app, s.store, &s.unsubGen, 10*time.Second, func(ctx context.Context, st seekStore) (int, error) {
		return st.CountItems(ctx, store.ItemFilter{SourceID: id})
	}, func(n int, err error) {
		s.counting = false
		s.updateUnsubscribe()
		if s.node != node {
			return // the user went elsewhere meanwhile
		}
		what := "Its items go too."
		if err == nil {
			what = fmt.Sprintf("Its %s go too.", plural(n, "item", "items"))
		} else {
			n = -1
		}
		s.unsubDlg = dialog.NewConfirm("Unsubscribe from "+name+"?",
			what+" What you shared from it stays in your history and your flow.",
			func(ok bool) {
				if ok {
					s.unsubscribeLater([]int64{id}, name, n)
				}
			}, s.app.win)
		s.unsubDlg.SetConfirmText("Unsubscribe")
		s.unsubDlg.Show()
		s.app.ownKeys(s.unsubDlg, nil, s.unsubDlg.Confirm)
	})
}

// updateUnsubscribe offers Unsubscribe… unless a count or a removal is
// under way.
func (s *seekScreen) updateUnsubscribe() {
	s.problems.updateButtons()
	if !s.counting && s.removing == 0 {
		s.unsubBtn.Enable()
	} else {
		s.unsubBtn.Disable()
	}
}

// unsubscribeLater hides the sources ids at once and offers Undo;
// after undoFor they are removed. items is how many items they hold
// (-1: counted here, on a worker). An unsubscribe still pending goes now.
func (s *seekScreen) unsubscribeLater(ids []int64, name string, items int) {
	s.hideLater(&pendingUnsub{ids: ids, name: name, items: items, node: s.node})
}

// deleteFolderLater hides folder id (named name), its subfolders and its
// sources ids at once and offers Undo; after undoFor the folder is
// deleted with its sources (Delete folder… with Unsubscribe).
func (s *seekScreen) deleteFolderLater(id int64, name string, ids []int64, items int) {
	s.hideLater(&pendingUnsub{ids: ids, name: name, items: items, node: s.node, folder: id})
}

// hideLater hides what p unsubscribes from and offers Undo; after
// undoFor it goes. An unsubscribe still pending goes now.
func (s *seekScreen) hideLater(p *pendingUnsub) {
	s.commitUnsubscribe()
	ids, items := p.ids, p.items
	s.later = p
	if s.hidden == nil {
		s.hidden = map[int64]bool{}
	}
	for _, id := range ids {
		s.hidden[id] = true
	}
	if p.folder != 0 {
		if s.hiddenFolders == nil {
			s.hiddenFolders = map[int64]bool{}
		}
		s.hiddenFolders[p.folder] = true
	}
	s.app.hiddenSourcesChanged(ids) // their items out of Share
	if s.status.Text == s.said {
		s.status.SetText("") // the line with Undo says what is new
	}
	s.showUndo(p)
	s.showHidden()
	if items < 0 {
		async(s.app, s.store, nil, 10*time.Second, func(ctx context.Context, st seekStore) (int, error) {
			total := 0
			for _, id := range ids {
				n, err := st.CountItems(ctx, store.ItemFilter{SourceID: id})
				if err != nil {
					return 0, err
				}
				total += n
			}
			return total, nil
		}, func(n int, err error) {
			if err == nil && s.later == p {
				p.items = n
				s.showUndo(p)
			}
		})
	}
	s.run.after(undoFor, func() {
		if s.later == p {
			s.commitUnsubscribe()
		}
	})
}

// showUndo says what p unsubscribed from, with Undo.
func (s *seekScreen) showUndo(p *pendingUnsub) {
	msg := "Unsubscribed from " + p.name
	if p.folder != 0 {
		msg = "Deleted folder " + p.name + " and unsubscribed from its " + plural(len(p.ids), "source", "sources")
	}
	if p.items >= 0 {
		msg += " (" + plural(p.items, "item", "items") + ")"
	}
	s.undoL.SetText(msg)
	s.undoR.Show()
}

// showHidden shows the tree and the listing without the hidden sources.
// A hidden source selected gives way to All items, and an item of one
// open in the reader is closed.
func (s *seekScreen) showHidden() {
	s.showTree()
	if s.hasCurrent && s.hidden[s.current.SourceID] {
		s.showItem(nil)
	}
	if kind, n := parseNode(s.node); kind == "s" && s.hidden[n] || kind == "f" && s.folderHidden(n) {
		s.tree.Select(nodeAll) // lists All items
		return
	}
	if s.node != nodeProblems {
		s.reloadItems()
	}
}

// onUndoUnsubscribe shows the pending unsubscribe's sources again, as
// they were, and the node that was selected then.
func (s *seekScreen) onUndoUnsubscribe() {
	p := s.later
	if p == nil {
		return
	}
	s.later = nil
	s.undoR.Hide()
	for _, id := range p.ids {
		delete(s.hidden, id)
	}
	delete(s.hiddenFolders, p.folder)
	s.app.hiddenSourcesChanged(p.ids)
	if p.folder != 0 {
		s.sayUnsubscribed("Undone: folder " + p.name + " and its sources are back.")
	} else {
		s.sayUnsubscribed("Undone: still subscribed to " + p.name + ".")
	}
	back := s.node == nodeAll && p.node != nodeAll
	s.showTree()
	if back {
		s.tree.Select(p.node)
	} else if s.node != nodeProblems {
		s.reloadItems()
	}
	s.reloadTree() // their unread counts may have changed meanwhile
}

// commitUnsubscribe removes the pending unsubscribe's sources, on the
// reader's write queue (quitting waits for it); the window reloads when
// they are gone, unless it is quitting.
func (s *seekScreen) commitUnsubscribe() {
	p := s.later
	if p == nil {
		return
	}
	s.later = nil
	st, removed := s.store, 0
	if s.app.stopped {
		// Quitting: the removal is made before the store closes; the
		// window, gone by the time it is, is left as it is.
		s.writes.push(func(ctx context.Context) error {
			_, err := p.remove(ctx, st)
			return err
		}, func(err error) {
			if err != nil {
				fyne.LogError("unsubscribing from "+p.name+" on quitting", err)
			}
		})
		return
	}
	s.undoR.Hide()
	s.removing++
	s.updateUnsubscribe()
	s.queueWrite(func(ctx context.Context) error {
		var err error
		removed, err = p.remove(ctx, st)
		return err
	}, func(err error) {
		s.removing--
		s.updateUnsubscribe()
		if err != nil {
			for _, id := range p.ids {
				delete(s.hidden, id)
			}
			delete(s.hiddenFolders, p.folder)
			s.app.hiddenSourcesChanged(p.ids)
			s.showTree()
			s.reloadTree()
			s.app.showError(err)
			return
		}
		s.app.sourcesRemoved(p.ids)
		// Hidden until the tree read after the removal is shown: a read
		// from before it may still come.
		s.reloadTree(func() {
			for _, id := range p.ids {
				delete(s.hidden, id)
			}
			delete(s.hiddenFolders, p.folder)
		})
		s.app.Reload()
		if p.folder != 0 {
			s.sayUnsubscribed(fmt.Sprintf("Deleted %s and unsubscribed from %s (%s removed).", p.name, plural(len(p.ids), "source", "sources"), plural(removed, "item", "items")))
		} else {
			s.sayUnsubscribed(fmt.Sprintf("Unsubscribed from %s (%s removed).", p.name, plural(removed, "item", "items")))
		}
	})
}

// sayUnsubscribed puts msg, about an unsubscribe, on the status line.
func (s *seekScreen) sayUnsubscribed(msg string) {
	s.said = msg
	s.status.SetText(msg)
}

// remove carries p out: its folder deleted with every source in it (what
// another program added there since included), or its sources removed.
// It returns how many items went.
func (p *pendingUnsub) remove(ctx context.Context, st seekStore) (int, error) {
	if p.folder == 0 {
		return removeSources(ctx, st, p.ids)
	}
	c, err := st.DeleteFolder(ctx, p.folder, true)
	return c.Items, err
}

// folderHidden says folder id, or a folder it is in, is hidden.
func (s *seekScreen) folderHidden(id int64) bool {
	for seen := 0; id != 0 && seen <= len(s.treeFolders); seen++ {
		if s.hiddenFolders[id] {
			return true
		}
		id = s.folderParent(id)
	}
	return false
}

// folderParent is folder id's parent in the tree as last read (0: the
// top level).
func (s *seekScreen) folderParent(id int64) int64 {
	for _, f := range s.treeFolders {
		if f.ID == id {
			return f.ParentID
		}
	}
	return 0
}

// removeSources removes ids in one transaction; one that another program
// removed meanwhile is not an error, the others still go.
func removeSources(ctx context.Context, st seekStore, ids []int64) (int, error) {
	n, err := st.RemoveSources(ctx, ids)
	if !errors.Is(err, store.ErrNotFound) {
		return n, err
	}
	n = 0
	for _, id := range ids {
		k, err := st.RemoveSource(ctx, id)
		if err != nil && !errors.Is(err, store.ErrNotFound) {
			return n, err
		}
		n += k
	}
	return n, nil
}

// hiddenSources are the sources the listings leave out (nil: none).
func (s *seekScreen) hiddenSources() []int64 {
	if len(s.hidden) == 0 {
		return nil
	}
	ids := make([]int64, 0, len(s.hidden))
	for id := range s.hidden {
		ids = append(ids, id)
	}
	slices.Sort(ids)
	return ids
}
