package ui

import (
	"context"
	"fmt"
	"net/url"
	"strconv"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/data/binding"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/knowflow/knowflow/feeds"
	"github.com/knowflow/knowflow/feeds/sanitize"
	"github.com/knowflow/knowflow/model"
	"github.com/knowflow/knowflow/model/store"
)

// Tree node ids of the Seek section.
const (
	nodeAll     = "all"
	nodeUnread  = "unread"
	nodeStarred = "starred"
)

const itemPageSize = 100

// seekScreen is the Seek section: the source tree, the item list and the reader.
type seekScreen struct {
	app     *App
	content *fyne.Container
	empty   fyne.CanvasObject
	reader  fyne.CanvasObject

	// source tree
	tree     *widget.Tree
	sources  map[int64]model.Source
	folders  map[int64]model.Folder
	children map[string][]string
	node     string // selected tree node

	// toolbar
	search     *widget.Entry
	refreshBtn *widget.Button
	allReadBtn *widget.Button
	unsubBtn   *widget.Button  // on sourceBar
	sourceBar  *fyne.Container // the selected source: its feed URL and Unsubscribe…
	sourceL    *widget.Label
	editDlg    *editSourceDialog     // the Edit source dialog last opened (tests)
	listHead   *fyne.Container       // above the list: search, source bar, error banner
	middle     *fyne.Container       // listHead and the list
	unsubDlg   *dialog.ConfirmDialog // the confirmation last asked (tests)
	progress   *widget.ProgressBar
	progressV  binding.Float
	status     *widget.Label
	refreshing bool

	// item list, paged from the store
	list     *widget.List
	count    int
	pages    map[int][]model.Item
	selected int // index in the list, -1 for none
	banner   *fyne.Container
	bannerL  *widget.Label

	// item view
	current    model.Item
	hasCurrent bool
	title      *widget.Label
	meta       *widget.Label
	body       *widget.RichText
	bodyScroll *container.Scroll
	openBtn    *widget.Button
	starBtn    *widget.Button
	readBtn    *widget.Button
	note       *widget.Entry  // Sense: why this matters
	noteBtn    *widget.Button // saves the note
	shareHint  *widget.Label  // who the item is suggested for
}

func newSeekScreen(u *App) *seekScreen {
	s := &seekScreen{app: u, node: nodeAll, selected: -1, pages: map[int][]model.Item{}}
	s.empty = emptyState(theme.SearchIcon(), "No sources yet",
		"Follow blogs, newsletters and people's feeds. Paste a site's address and Knowflow finds its feed, or bring your subscriptions from another reader as an OPML file.",
		widget.NewButtonWithIcon("Add feed…", theme.ContentAddIcon(), u.onAddFeed),
		widget.NewButtonWithIcon("Import OPML…", theme.FolderOpenIcon(), u.onImportOPML),
	)

	s.tree = widget.NewTree(s.treeChildren, s.treeIsBranch, s.treeCreate, s.treeUpdate)
	s.tree.OnSelected = s.onNodeSelected
	s.children = map[string][]string{}

	s.search = widget.NewEntry()
	s.search.SetPlaceHolder("Search items (/ or Ctrl+F)")
	s.search.OnChanged = func(string) { s.reloadItems() }
	s.search.ActionItem = widget.NewButtonWithIcon("", theme.CancelIcon(), func() { s.search.SetText("") })

	s.progressV = binding.NewFloat()
	s.progress = widget.NewProgressBarWithData(s.progressV)
	s.progress.Hide()
	s.status = widget.NewLabel("")
	s.status.Truncation = fyne.TextTruncateEllipsis
	s.refreshBtn = widget.NewButtonWithIcon("Refresh", theme.ViewRefreshIcon(), s.onRefresh)
	addBtn := widget.NewButtonWithIcon("Add feed…", theme.ContentAddIcon(), u.onAddFeed)

	s.list = widget.NewList(s.listLength, s.listCreate, s.listUpdate)
	s.list.OnSelected = s.onItemSelected
	s.bannerL = widget.NewLabel("")
	s.bannerL.Wrapping = fyne.TextWrapWord
	s.banner = container.NewBorder(nil, nil, widget.NewIcon(theme.WarningIcon()),
		widget.NewButton("Retry now", s.onRetrySource), s.bannerL)
	s.banner.Hide()

	s.title = widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	s.title.Wrapping = fyne.TextWrapWord
	s.meta = widget.NewLabel("")
	s.meta.Wrapping = fyne.TextWrapWord
	s.meta.Importance = widget.LowImportance
	s.body = widget.NewRichText()
	s.body.Wrapping = fyne.TextWrapWord
	s.openBtn = widget.NewButtonWithIcon("Open in browser", theme.ComputerIcon(), s.onOpen)
	s.starBtn = widget.NewButtonWithIcon("Star", theme.ConfirmIcon(), s.onStar)
	s.readBtn = widget.NewButtonWithIcon("Mark unread", theme.VisibilityOffIcon(), s.onToggleRead)
	actions := container.NewHBox(s.openBtn, s.starBtn, s.readBtn)
	s.note = widget.NewMultiLineEntry()
	s.note.SetPlaceHolder("Why this matters: a note that goes along when you share it")
	s.note.Wrapping = fyne.TextWrapWord
	s.note.SetMinRowsVisible(2)
	s.note.OnChanged = func(string) { s.updateNoteButton() }
	s.noteBtn = widget.NewButtonWithIcon("Save note", theme.DocumentSaveIcon(), s.onSaveNote)
	s.shareHint = widget.NewLabel("")
	s.shareHint.Wrapping = fyne.TextWrapWord
	s.shareHint.Importance = widget.LowImportance
	sense := container.NewBorder(nil, nil, nil, container.NewVBox(s.noteBtn), s.note)
	s.bodyScroll = container.NewVScroll(container.NewVBox(s.title, s.meta, actions, sense, s.shareHint, widget.NewSeparator(), s.body))
	s.showItem(nil)

	toolbar := container.NewBorder(nil, nil, container.NewHBox(addBtn, s.refreshBtn), nil,
		container.NewStack(s.status, s.progress))
	left := container.NewBorder(toolbar, nil, nil, nil, s.tree)
	s.allReadBtn = widget.NewButtonWithIcon("All read", theme.ConfirmIcon(), s.onMarkAllRead)
	s.unsubBtn = widget.NewButtonWithIcon("Unsubscribe…", theme.DeleteIcon(), s.onUnsubscribe)
	s.unsubBtn.Importance = widget.LowImportance
	s.sourceL = widget.NewLabel("")
	s.sourceL.Truncation = fyne.TextTruncateEllipsis
	s.sourceL.Importance = widget.LowImportance
	editBtn := widget.NewButtonWithIcon("Edit…", theme.DocumentCreateIcon(), s.onEditSource)
	editBtn.Importance = widget.LowImportance
	s.sourceBar = container.NewBorder(nil, nil, nil, container.NewHBox(editBtn, s.unsubBtn), s.sourceL)
	s.sourceBar.Hide()
	s.listHead = container.NewVBox(container.NewBorder(nil, nil, nil, s.allReadBtn, s.search), s.sourceBar, s.banner)
	s.middle = container.NewBorder(s.listHead, nil, nil, nil, s.list)
	inner := container.NewHSplit(s.middle, s.bodyScroll)
	inner.Offset = 0.42
	outer := container.NewHSplit(left, inner)
	outer.Offset = 0.24
	s.reader = outer
	s.content = container.NewStack(s.empty)
	return s
}

func (s *seekScreen) ctx() (context.Context, context.CancelFunc) {
	return context.WithTimeout(context.Background(), 10*time.Second)
}

func (s *seekScreen) reload(sum store.Summary) {
	if sum.Sources == 0 {
		showOnly(s.content, s.empty)
		return
	}
	showOnly(s.content, s.reader)
	s.reloadTree()
	s.reloadItems()
}

// --- source tree ---

func (s *seekScreen) reloadTree() {
	ctx, cancel := s.ctx()
	defer cancel()
	srcs, err := s.app.store.Sources(ctx)
	if err != nil {
		s.app.showError(err)
		return
	}
	fs, err := s.app.store.Folders(ctx)
	if err != nil {
		s.app.showError(err)
		return
	}
	s.sources = make(map[int64]model.Source, len(srcs))
	s.folders = make(map[int64]model.Folder, len(fs))
	s.children = map[string][]string{"": {nodeAll, nodeUnread, nodeStarred}}
	for _, f := range fs {
		s.folders[f.ID] = f
		parent := ""
		if f.ParentID != 0 {
			parent = "f:" + strconv.FormatInt(f.ParentID, 10)
		}
		s.children[parent] = append(s.children[parent], "f:"+strconv.FormatInt(f.ID, 10))
	}
	for _, src := range srcs {
		s.sources[src.ID] = src
		parent := ""
		if src.FolderID != 0 {
			parent = "f:" + strconv.FormatInt(src.FolderID, 10)
		}
		s.children[parent] = append(s.children[parent], "s:"+strconv.FormatInt(src.ID, 10))
	}
	s.tree.Refresh()
	s.updateBanner()
}

func (s *seekScreen) treeChildren(id widget.TreeNodeID) []widget.TreeNodeID { return s.children[id] }

func (s *seekScreen) treeIsBranch(id widget.TreeNodeID) bool {
	return id == "" || strings.HasPrefix(id, "f:")
}

func (s *seekScreen) treeCreate(branch bool) fyne.CanvasObject {
	icon := widget.NewIcon(theme.DocumentIcon())
	label := widget.NewLabel("Source title")
	label.Truncation = fyne.TextTruncateEllipsis
	count := widget.NewLabel("")
	return container.NewBorder(nil, nil, icon, count, label)
}

func (s *seekScreen) treeUpdate(id widget.TreeNodeID, branch bool, o fyne.CanvasObject) {
	c := o.(*fyne.Container)
	label := c.Objects[0].(*widget.Label)
	icon := c.Objects[1].(*widget.Icon)
	count := c.Objects[2].(*widget.Label)
	name, unread, res, failing := s.nodeInfo(id)
	if failing {
		res = theme.WarningIcon()
	}
	icon.SetResource(res)
	label.TextStyle.Bold = unread > 0
	label.SetText(name)
	if unread > 0 {
		count.SetText(strconv.Itoa(unread))
	} else {
		count.SetText("")
	}
}

// nodeInfo returns a tree node's label, unread count, icon and whether it failed.
func (s *seekScreen) nodeInfo(id string) (string, int, fyne.Resource, bool) {
	switch id {
	case nodeAll:
		return "All items", s.unreadUnder(""), theme.ListIcon(), false
	case nodeUnread:
		return "Unread", s.unreadUnder(""), theme.VisibilityIcon(), false
	case nodeStarred:
		return "Starred", 0, theme.ConfirmIcon(), false
	}
	kind, n := parseNode(id)
	switch kind {
	case "f":
		return s.folders[n].Name, s.unreadUnder(id), theme.FolderIcon(), false
	case "s":
		src := s.sources[n]
		title := src.Title
		if title == "" {
			title = src.FeedURL
		}
		return title, src.Unread, theme.DocumentIcon(), src.LastError != ""
	}
	return id, 0, theme.DocumentIcon(), false
}

func (s *seekScreen) unreadUnder(node string) int {
	total := 0
	for _, child := range s.children[node] {
		kind, n := parseNode(child)
		switch kind {
		case "f":
			total += s.unreadUnder(child)
		case "s":
			total += s.sources[n].Unread
		}
	}
	return total
}

func parseNode(id string) (string, int64) {
	kind, num, ok := strings.Cut(id, ":")
	if !ok {
		return "", 0
	}
	n, _ := strconv.ParseInt(num, 10, 64)
	return kind, n
}

func (s *seekScreen) onNodeSelected(id widget.TreeNodeID) {
	s.node = id
	if kind, n := parseNode(id); kind == "s" {
		s.sourceL.SetText(s.sources[n].FeedURL)
		s.sourceBar.Show()
	} else {
		s.sourceBar.Hide()
	}
	s.updateBanner() // and lays the list out below the bars
	s.reloadItems()
}

// selectSourceNode selects source id in the tree, opening its folders.
func (s *seekScreen) selectSourceNode(id int64) {
	node := "s:" + strconv.FormatInt(id, 10)
	for f := s.sources[id].FolderID; f != 0; f = s.folders[f].ParentID {
		s.tree.OpenBranch("f:" + strconv.FormatInt(f, 10))
	}
	s.tree.Select(node)
	s.tree.ScrollTo(node)
}

// onUnsubscribe asks, then removes the selected source and its items.
func (s *seekScreen) onUnsubscribe() {
	kind, id := parseNode(s.node)
	src, ok := s.sources[id]
	if kind != "s" || !ok {
		return
	}
	name := src.Title
	if name == "" {
		name = src.FeedURL
	}
	s.unsubDlg = dialog.NewConfirm("Unsubscribe from "+name+"?",
		fmt.Sprintf("Its %s go too. What you shared from it stays in your history and your flow.",
			plural(s.sourceItems(id), "item", "items")),
		func(ok bool) {
			if ok {
				s.unsubscribe(id, name)
			}
		}, s.app.win)
	s.unsubDlg.SetConfirmText("Unsubscribe")
	s.unsubDlg.Show()
}

// sourceItems counts the items of source id.
func (s *seekScreen) sourceItems(id int64) int {
	ctx, cancel := s.ctx()
	defer cancel()
	n, err := s.app.store.CountItems(ctx, store.ItemFilter{SourceID: id})
	if err != nil {
		return 0
	}
	return n
}

func (s *seekScreen) unsubscribe(id int64, name string) {
	ctx, cancel := s.ctx()
	defer cancel()
	n, err := s.app.store.RemoveSource(ctx, id)
	if err != nil {
		s.app.showError(err)
		return
	}
	s.node = nodeAll
	s.tree.Select(nodeAll)
	s.app.Reload()
	s.status.SetText(fmt.Sprintf("Unsubscribed from %s (%s removed).", name, plural(n, "item", "items")))
}

// updateBanner shows a failing source's error above its items.
func (s *seekScreen) updateBanner() {
	defer s.middle.Refresh() // the list starts lower or higher
	kind, n := parseNode(s.node)
	src, ok := s.sources[n]
	if kind != "s" || !ok || src.LastError == "" {
		s.banner.Hide()
		return
	}
	when := ""
	if !src.LastCheckedAt.IsZero() {
		when = " Last tried " + src.LastCheckedAt.Local().Format("Jan 2 15:04") + "."
	}
	if !src.NextCheckAt.IsZero() {
		when += " Next try " + src.NextCheckAt.Local().Format("Jan 2 15:04") + "."
	}
	s.bannerL.SetText(fmt.Sprintf("This source failed %d time(s): %s.%s", src.ErrorCount, src.LastError, when))
	s.banner.Show()
}

// --- item list ---

func (s *seekScreen) filter() store.ItemFilter {
	f := store.ItemFilter{Query: s.search.Text}
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

func (s *seekScreen) reloadItems() {
	ctx, cancel := s.ctx()
	defer cancel()
	n, err := s.app.store.CountItems(ctx, s.filter())
	if err != nil {
		s.app.showError(err)
		return
	}
	s.count = n
	s.pages = map[int][]model.Item{}
	s.selected = -1
	s.list.UnselectAll()
	s.list.Refresh()
	s.list.ScrollToTop()
}

// itemAt returns the i-th item of the list, loading its page when needed.
func (s *seekScreen) itemAt(i int) (model.Item, bool) {
	if i < 0 || i >= s.count {
		return model.Item{}, false
	}
	page := i / itemPageSize
	// Pages follow one another by keyset: page p starts after the last
	// item of page p-1.
	for p := 0; p <= page; p++ {
		if _, ok := s.pages[p]; ok {
			continue
		}
		ctx, cancel := s.ctx()
		f := s.filter()
		f.Limit = itemPageSize
		if prev := s.pages[p-1]; len(prev) > 0 {
			f.After = store.CursorOf(prev[len(prev)-1])
		}
		items, err := s.app.store.Items(ctx, f)
		cancel()
		if err != nil {
			fyne.LogError("loading items", err)
			return model.Item{}, false
		}
		s.pages[p] = items
	}
	items := s.pages[page]
	if k := i % itemPageSize; k < len(items) {
		return items[k], true
	}
	return model.Item{}, false
}

func (s *seekScreen) setItemAt(i int, it model.Item) {
	if items, ok := s.pages[i/itemPageSize]; ok && i%itemPageSize < len(items) {
		items[i%itemPageSize] = it
	}
}

func (s *seekScreen) listLength() int { return s.count }

func (s *seekScreen) listCreate() fyne.CanvasObject {
	title := widget.NewLabel("Item title")
	title.Truncation = fyne.TextTruncateEllipsis
	meta := widget.NewLabel("source · date")
	meta.Importance = widget.LowImportance
	meta.Truncation = fyne.TextTruncateEllipsis
	star := widget.NewIcon(nil)
	return container.NewBorder(nil, nil, nil, star, container.NewVBox(title, meta))
}

func (s *seekScreen) listUpdate(i widget.ListItemID, o fyne.CanvasObject) {
	it, _ := s.itemAt(i)
	c := o.(*fyne.Container)
	text := c.Objects[0].(*fyne.Container)
	star := c.Objects[1].(*widget.Icon)
	title := text.Objects[0].(*widget.Label)
	meta := text.Objects[1].(*widget.Label)
	title.TextStyle.Bold = !it.Read
	t := it.Title
	if t == "" {
		t = "(untitled)"
	}
	title.SetText(t)
	meta.SetText(itemMeta(it, false))
	if it.Starred {
		star.SetResource(theme.ConfirmIcon())
	} else {
		star.SetResource(nil)
	}
}

// itemMeta is "Source · Jan 2, 2006" (with the author when long is set).
func itemMeta(it model.Item, long bool) string {
	parts := []string{it.SourceTitle}
	if !it.Published.IsZero() {
		parts = append(parts, it.Published.Local().Format("Jan 2, 2006 15:04"))
	}
	switch {
	case long && len(it.WrittenBy) > 0:
		// The source belongs to people the user knows: say who.
		parts = append(parts, "by "+strings.Join(it.WrittenBy, ", "))
	case long && it.Author != "":
		parts = append(parts, "by "+it.Author)
	}
	return strings.Join(parts, " · ")
}

func (s *seekScreen) onItemSelected(i widget.ListItemID) {
	it, ok := s.itemAt(i)
	if !ok {
		return
	}
	s.selected = i
	if !it.Read {
		ctx, cancel := s.ctx()
		defer cancel()
		if err := s.app.store.SetRead(ctx, it.ID, true); err != nil {
			s.app.showError(err)
		} else {
			it.Read = true
			s.setItemAt(i, it)
			s.adjustUnread(it.SourceID, -1)
			s.list.RefreshItem(i)
		}
	}
	s.showItem(&it)
	// Keyboard shortcuts go to the window, not to the list.
	if c := s.app.win.Canvas(); c != nil {
		c.Unfocus()
	}
}

func (s *seekScreen) adjustUnread(sourceID int64, delta int) {
	if src, ok := s.sources[sourceID]; ok {
		src.Unread += delta
		s.sources[sourceID] = src
		s.tree.Refresh()
	}
}

// --- item view ---

func (s *seekScreen) showItem(it *model.Item) {
	if it == nil {
		s.hasCurrent = false
		s.title.SetText("No item selected")
		s.meta.SetText("Pick an item on the left, or use j and k to move through the list.")
		s.body.Segments = nil
		s.body.Refresh()
		s.openBtn.Disable()
		s.starBtn.Disable()
		s.readBtn.Disable()
		s.note.SetText("")
		s.note.Disable()
		s.noteBtn.Disable()
		s.shareHint.SetText("")
		return
	}
	s.current, s.hasCurrent = *it, true
	s.note.Enable()
	s.note.SetText(it.Note)
	s.updateNoteButton()
	s.updateShareHint()
	s.title.SetText(it.Title)
	s.meta.SetText(itemMeta(*it, true))
	s.body.Segments = htmlSegments(it.ContentHTML, s.openURL)
	s.body.Refresh()
	s.bodyScroll.ScrollToTop()
	if sanitize.SafeURL(it.Link) {
		s.openBtn.Enable()
	} else {
		s.openBtn.Disable()
	}
	s.starBtn.Enable()
	s.readBtn.Enable()
	s.updateItemButtons()
}

func (s *seekScreen) updateItemButtons() {
	if s.current.Starred {
		s.starBtn.SetText("Unstar")
	} else {
		s.starBtn.SetText("Star")
	}
	if s.current.Read {
		s.readBtn.SetText("Mark unread")
	} else {
		s.readBtn.SetText("Mark read")
	}
}

// openURL opens a link in the browser, but only http, https and mailto.
func (s *seekScreen) openURL(u *url.URL) {
	if u == nil || !sanitize.SafeURL(u.String()) {
		return
	}
	if err := s.app.openURL(u); err != nil {
		s.app.showError(err)
	}
}

func (s *seekScreen) onOpen() {
	if !s.hasCurrent {
		return
	}
	if u, err := url.Parse(s.current.Link); err == nil {
		s.openURL(u)
	}
}

// updateNoteButton offers to save only a changed note.
func (s *seekScreen) updateNoteButton() {
	if s.hasCurrent && strings.TrimSpace(s.note.Text) != strings.TrimSpace(s.current.Note) {
		s.noteBtn.Enable()
	} else {
		s.noteBtn.Disable()
	}
}

func (s *seekScreen) onSaveNote() {
	if !s.hasCurrent {
		return
	}
	ctx, cancel := s.ctx()
	defer cancel()
	body := strings.TrimSpace(s.note.Text)
	if err := s.app.store.SetNote(ctx, s.current.ID, body); err != nil {
		s.app.showError(err)
		return
	}
	s.current.Note = body
	s.syncCurrent()
	s.updateNoteButton()
	s.app.recomputeSuggestions() // a note can make a thank-you due
}

// updateShareHint says who the current item is suggested for, from the
// suggestions the Share section shows.
func (s *seekScreen) updateShareHint() {
	if !s.hasCurrent {
		return
	}
	var who []string
	for _, sg := range s.app.suggestions {
		if sg.ItemID != s.current.ID {
			continue
		}
		name := recipientName(sg)
		if sg.Kind == model.KindThank {
			name = "thank " + name
		}
		who = append(who, name)
	}
	if len(who) == 0 {
		s.shareHint.SetText("")
		return
	}
	s.shareHint.SetText("Suggested for " + strings.Join(who, ", ") + " (see Share)")
}

func (s *seekScreen) onStar() {
	if !s.hasCurrent {
		return
	}
	ctx, cancel := s.ctx()
	defer cancel()
	if err := s.app.store.SetStarred(ctx, s.current.ID, !s.current.Starred); err != nil {
		s.app.showError(err)
		return
	}
	s.current.Starred = !s.current.Starred
	s.syncCurrent()
}

func (s *seekScreen) onToggleRead() {
	if !s.hasCurrent {
		return
	}
	ctx, cancel := s.ctx()
	defer cancel()
	if err := s.app.store.SetRead(ctx, s.current.ID, !s.current.Read); err != nil {
		s.app.showError(err)
		return
	}
	s.current.Read = !s.current.Read
	if s.current.Read {
		s.adjustUnread(s.current.SourceID, -1)
	} else {
		s.adjustUnread(s.current.SourceID, +1)
	}
	s.syncCurrent()
}

// onMarkAllRead marks every unread item of the list (the selected source,
// folder or view, and the search) read.
func (s *seekScreen) onMarkAllRead() {
	ctx, cancel := s.ctx()
	defer cancel()
	n, err := s.app.store.MarkAllRead(ctx, s.filter())
	if err != nil {
		s.app.showError(err)
		return
	}
	s.status.SetText(fmt.Sprintf("Marked %s read.", plural(int(n), "item", "items")))
	if n == 0 {
		return
	}
	if s.hasCurrent {
		s.current.Read = true
	}
	s.reloadTree()
	s.reloadItems()
	s.app.recomputeSuggestions() // only unread or starred items are suggested
}

// syncCurrent copies the shown item's state back into the list.
func (s *seekScreen) syncCurrent() {
	if s.selected >= 0 {
		s.setItemAt(s.selected, s.current)
		s.list.RefreshItem(s.selected)
	}
	s.updateItemButtons()
}

// move selects the next (+1) or previous (-1) item.
func (s *seekScreen) move(delta int) {
	next := s.selected + delta
	if s.selected < 0 {
		next = 0
	}
	if next < 0 || next >= s.count {
		return
	}
	s.list.Select(next)
	s.list.ScrollTo(next)
}

// --- refresh ---

func (s *seekScreen) onRefresh() { s.refresh(feeds.RefreshOptions{}) }

func (s *seekScreen) onRetrySource() {
	if kind, n := parseNode(s.node); kind == "s" {
		s.refresh(feeds.RefreshOptions{SourceIDs: []int64{n}})
	}
}

// refresh runs in the background; the progress bar follows it through a
// binding and the results come back to the UI goroutine through fyne.Do.
func (s *seekScreen) refresh(opts feeds.RefreshOptions) {
	if s.refreshing {
		return
	}
	s.refreshing = true
	s.refreshBtn.Disable()
	s.progressV.Set(0)
	s.progress.Show()
	s.status.SetText("")
	opts.Progress = func(done, total int) {
		if total > 0 {
			s.progressV.Set(float64(done) / float64(total))
		}
	}
	go func() {
		ctx, cancel := context.WithTimeout(context.Background(), 10*time.Minute)
		defer cancel()
		sum, err := s.app.store.Refresh(ctx, opts)
		fyne.Do(func() { s.refreshDone(sum, err) })
	}()
}

func (s *seekScreen) refreshDone(sum feeds.RefreshSummary, err error) {
	s.refreshing = false
	s.refreshBtn.Enable()
	s.progress.Hide()
	if err != nil {
		s.app.showError(err)
		return
	}
	msg := fmt.Sprintf("%d new items from %d sources", sum.New, sum.Sources)
	if sum.Failed > 0 {
		msg += fmt.Sprintf(", %d failed", sum.Failed)
	}
	s.status.SetText(msg)
	s.app.Reload()
	if s.app.onRefreshed != nil {
		s.app.onRefreshed(sum)
	}
}
