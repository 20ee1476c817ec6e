package ui

import (
	"context"
	"fmt"
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
	"github.com/knowflow/knowflow/model"
	"github.com/knowflow/knowflow/model/store"
)

// Tree node ids of the Seek section.
const (
	nodeAll     = "all"
	nodeUnread  = "unread"
	nodeStarred = "starred"
)

// seekScreen is the Seek section: the source tree, the item list and the reader.
type seekScreen struct {
	app *App
	// hiddenChange: another program changed the database while another
	// section was shown; Seek is read again at the next poll (reloadOnce).
	hiddenChange bool
	store        seekStore
	content      *fyne.Container
	empty        fyne.CanvasObject
	reader       fyne.CanvasObject

	// source tree
	tree     *seekTree
	treeGen  int                    // the tree's reload asked last
	treeThen []func()               // what runs once it is shown
	sources  map[int64]model.Source // as shown: without the hidden ones
	folders  map[int64]model.Folder
	children map[string][]string
	node     string // selected tree node
	// treeSrcs and treeFolders are the tree as last read, hidden
	// sources included.
	treeSrcs      []model.Source
	treeFolders   []model.Folder
	unsubscribing // Unsubscribe's hidden sources and its Undo (unsubscribe.go)

	// toolbar
	search     *escEntry // Esc leaves it
	refreshBtn *widget.Button
	allReadBtn *widget.Button
	unsubBtn   *widget.Button  // on sourceBar
	sourceBar  *fyne.Container // the selected source: its feed URL and Unsubscribe…
	sourceL    *widget.Label
	editDlg    *editSourceDialog     // the Edit source dialog last opened (tests)
	listHead   *fyne.Container       // above the list: search, source bar, error banner
	stride     float32               // a list row's height and the gap below it, as anchorRows last measured it
	middle     *fyne.Container       // listHead and the list
	unsubDlg   *dialog.ConfirmDialog // the confirmation last asked (tests)
	unsubGen   int                   // the count for Unsubscribe… asked last
	counting   bool                  // that count is under way
	removing   int                   // removals of sources under way
	editBtn    *widget.Button
	saving     int // Edit source saves under way
	progress   *widget.ProgressBar
	progressV  binding.Float
	status     *widget.Label
	refreshing bool

	seekList // the item list, paged from the store (seek_list.go)
	banner   *fyne.Container
	bannerL  *widget.Label
	bannerD  *widget.Label  // the failing source's technical detail, on demand
	bannerB  *widget.Button // Details
	listBox  fyne.CanvasObject

	// errors (problems.go) and folders (folders.go)
	lastErrors []feeds.SourceError // the last refresh's failures
	failedBtn  *widget.Button      // "8 failed": lists them
	failedDlg  *dialog.CustomDialog
	problems   *problemsView
	// wantProblems: show Sources with problems once the tree is read
	// (--section problems).
	wantProblems bool
	folderBar    *fyne.Container    // the selected folder: Rename… and Delete…
	folderDlg    dialog.Dialog      // the folder dialog last opened (tests)
	folderChoice *widget.RadioGroup // in the last Delete folder dialog (tests)

	// item view
	current    model.Item
	hasCurrent bool
	title      *widget.Label
	meta       *widget.Label
	body       *itemBody // the item's text, built on a worker (itembody.go)
	bodyGen    int       // the body asked for last: an older one is dropped
	bodyScroll *container.Scroll
	openBtn    *widget.Button
	starBtn    *widget.Button
	readBtn    *widget.Button
	note       *widget.Entry  // Sense: why this matters
	noteBtn    *widget.Button // saves the note
	shareHint  *widget.Label  // who the item is suggested for
}

func newSeekScreen(u *App, st seekStore) *seekScreen {
	s := &seekScreen{app: u, store: st, node: nodeAll}
	s.initList(u.run)
	s.empty = emptyState(theme.SearchIcon(), "No sources yet",
		"Follow blogs, newsletters and people's feeds. Paste a site's address and Knowflow finds its feed, or bring your subscriptions from another reader as an OPML file.",
		widget.NewButtonWithIcon("Add feed…", theme.ContentAddIcon(), u.onAddFeed),
		widget.NewButtonWithIcon("Import OPML…", theme.FolderOpenIcon(), u.onImportOPML),
	)

	s.tree = newSeekTree(u, s)
	s.tree.OnSelected = s.onNodeSelected
	s.children = map[string][]string{}

	s.search = newEscEntry()
	s.search.onEsc = func() { u.win.Canvas().Unfocus() }
	s.search.SetPlaceHolder("Search items (/ or Ctrl+F)")
	s.search.OnChanged = s.onSearchChanged
	s.search.ActionItem = widget.NewButtonWithIcon("", theme.CancelIcon(), func() { s.search.SetText("") })

	s.progressV = binding.NewFloat()
	s.progress = widget.NewProgressBarWithData(s.progressV)
	s.progress.Hide()
	s.status = widget.NewLabel("")
	s.status.Wrapping = fyne.TextWrapWord // never cut: "412 new · 8 failed"
	s.failedBtn = widget.NewButtonWithIcon("", theme.WarningIcon(), s.showRefreshErrors)
	s.failedBtn.Importance = widget.LowImportance
	s.failedBtn.Hide()
	s.refreshBtn = widget.NewButtonWithIcon("Refresh", theme.ViewRefreshIcon(), s.onRefresh)
	addBtn := widget.NewButtonWithIcon("Add feed…", theme.ContentAddIcon(), u.onAddFeed)

	s.bannerL = widget.NewLabel("")
	s.bannerL.Wrapping = fyne.TextWrapWord
	s.bannerB, s.bannerD = detailToggle("")
	s.banner = container.NewBorder(nil, s.bannerD, widget.NewIcon(theme.WarningIcon()),
		container.NewHBox(s.bannerB, widget.NewButton("Retry now", s.onRetrySource)), s.bannerL)
	s.banner.Hide()

	s.title = widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	s.title.Wrapping = fyne.TextWrapWord
	s.meta = widget.NewLabel("")
	s.meta.Wrapping = fyne.TextWrapWord
	s.meta.Importance = widget.LowImportance
	s.body = newItemBody()
	s.openBtn = widget.NewButtonWithIcon("Open in browser", theme.ComputerIcon(), s.onOpen)
	s.starBtn = widget.NewButtonWithIcon("Star", starIcon(), s.onStar)
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
	s.bodyScroll = container.NewVScroll(s.body.content()) // only the body scrolls: the header stays
	itemHeader := container.NewVBox(s.title, s.meta, actions, sense, s.shareHint, widget.NewSeparator())
	s.showItem(nil)

	toolbar := container.NewVBox(container.NewBorder(nil, nil, container.NewHBox(addBtn, s.refreshBtn), nil, s.progress),
		s.status, container.NewHBox(s.failedBtn), s.newUndoRow())
	left := container.NewBorder(toolbar, nil, nil, nil, s.tree)
	s.allReadBtn = widget.NewButtonWithIcon("All read", theme.ConfirmIcon(), s.onMarkAllRead)
	s.unsubBtn = widget.NewButtonWithIcon("Unsubscribe…", theme.DeleteIcon(), s.onUnsubscribe)
	s.unsubBtn.Importance = widget.LowImportance
	s.sourceL = widget.NewLabel("")
	s.sourceL.Truncation = fyne.TextTruncateEllipsis
	s.sourceL.Importance = widget.LowImportance
	s.editBtn = widget.NewButtonWithIcon("Edit…", theme.DocumentCreateIcon(), s.onEditSource)
	s.editBtn.Importance = widget.LowImportance
	s.sourceBar = container.NewBorder(nil, nil, nil, container.NewHBox(s.editBtn, s.unsubBtn), s.sourceL)
	s.sourceBar.Hide()
	s.folderBar = s.newFolderBar()
	s.listHead = container.NewVBox(container.NewBorder(nil, nil, nil, s.allReadBtn, s.search), s.sourceBar, s.folderBar, s.banner)
	s.problems = newProblemsView(s)
	s.problems.content.Hide()
	s.listBox = container.NewBorder(s.listHead, nil, nil, nil, s.listArea())
	s.middle = container.NewStack(s.listBox, s.problems.content)
	inner := container.NewHSplit(s.middle, container.NewBorder(itemHeader, nil, nil, nil, s.bodyScroll))
	inner.Offset = 0.42
	outer := container.NewHSplit(left, inner)
	outer.Offset = 0.24
	s.reader = outer
	s.content = container.NewStack(s.empty)
	return s
}

func (s *seekScreen) reload(sum store.Summary) {
	if s.showsReader(sum) {
		s.reloadTree()
		s.reloadItems()
	}
}

// reloadOnce is reload with the tree and the listing shown together
// (reloadTogether): another program's changes, every poll. While another
// section is shown it only notes them (hiddenChange): Seek is read again
// at the first poll after it is shown again (otherSettled). Applying a
// listing to the hidden list took the UI goroutine 62 ms at the moment
// the user switched section (the stall run), for nothing seen.
func (s *seekScreen) reloadOnce(sum store.Summary) {
	if s.app.Section() != SectionSeek {
		s.hiddenChange = true
		return
	}
	s.hiddenChange = false
	if s.showsReader(sum) {
		s.reloadTogether()
	}
}

// showsReader shows the reader when there are sources, else the empty
// state, and says which.
func (s *seekScreen) showsReader(sum store.Summary) bool {
	if sum.Sources == 0 {
		showOnly(s.content, s.empty)
		return false
	}
	showOnly(s.content, s.reader)
	return true
}

// --- source tree ---

// reloadTree asks a worker for the sources (with their unread counts,
// 0.2 s at 500,000 items) and folders; then, on the UI goroutine, shows
// them and runs then. Of several reloads only the last one asked is
// shown (then of the others runs with it).
func (s *seekScreen) reloadTree(then ...func()) {
	s.treeGen++
	s.treeThen = append(s.treeThen, then...)
	gen, queued, st := s.treeGen, s.queued, s.store
	s.run.work(func() {
		srcs, fs, err := readTree(st)
		s.run.ui(func() { s.treeLoaded(gen, queued, srcs, fs, err) })
	})
}

// readTree reads the tree's sources and folders, on a worker, in a
// context of its own.
func readTree(st seekStore) ([]model.Source, []model.Folder, error) {
	ctx, cancel := context.WithTimeout(context.Background(), loadTimeout)
	defer cancel()
	srcs, err := st.Sources(ctx)
	var fs []model.Folder
	if err == nil {
		fs, err = st.Folders(ctx)
	}
	return srcs, fs, err
}

// treeLoaded shows the tree read for reload gen, asked when queued
// writes had been queued.
func (s *seekScreen) treeLoaded(gen, queued int, srcs []model.Source, fs []model.Folder, err error) {
	if gen != s.treeGen {
		return
	}
	then := s.treeThen
	s.treeThen = nil
	if err != nil {
		s.app.showError(err)
		return
	}
	s.treeSrcs, s.treeFolders = srcs, fs
	s.showTree()
	for _, f := range then {
		f()
	}
	// The unread counts may miss writes queued since the tree was asked
	// for: read it again once they are done.
	if s.queued != queued || s.writing > 0 {
		s.treeStale = true
		s.writesDone()
	}
}

// showTree shows the sources and folders last read, but for the hidden
// sources (unsubscribe.go).
func (s *seekScreen) showTree() {
	srcs, fs := s.treeSrcs, s.treeFolders
	if len(s.hidden) > 0 {
		shown := make([]model.Source, 0, len(srcs))
		for _, src := range srcs {
			if !s.hidden[src.ID] {
				shown = append(shown, src)
			}
		}
		srcs = shown
	}
	s.sources = make(map[int64]model.Source, len(srcs))
	s.folders = make(map[int64]model.Folder, len(fs))
	s.children = map[string][]string{"": {nodeAll, nodeUnread, nodeStarred}}
	for _, src := range srcs {
		if src.LastError != "" {
			s.children[""] = append(s.children[""], nodeProblems)
			break
		}
	}
	for _, f := range fs {
		if len(s.hiddenFolders) > 0 && s.folderHidden(f.ID) {
			continue // deleted, while Undo is offered
		}
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
	s.problemsChanged()
}

func (s *seekScreen) treeChildren(id widget.TreeNodeID) []widget.TreeNodeID { return s.children[id] }

func (s *seekScreen) treeIsBranch(id widget.TreeNodeID) bool {
	return id == "" || strings.HasPrefix(id, "f:")
}

func (s *seekScreen) treeCreate(branch bool) fyne.CanvasObject {
	icon := widget.NewIcon(theme.DocumentIcon())
	label := newRowText("Source title")
	count := widget.NewLabel("")
	return container.NewBorder(nil, nil, icon, count, label)
}

func (s *seekScreen) treeUpdate(id widget.TreeNodeID, branch bool, o fyne.CanvasObject) {
	c := o.(*fyne.Container)
	label := c.Objects[0].(*rowText)
	icon := c.Objects[1].(*widget.Icon)
	count := c.Objects[2].(*widget.Label)
	name, unread, res, failing := s.nodeInfo(id)
	if failing {
		res = theme.WarningIcon()
	}
	// Set only what changed: the tree refreshes every row shown when one
	// count changes (each item read), and an icon set again decodes its
	// SVG again (perf of the stall run: most of the UI goroutine's time
	// on each j or k).
	if icon.Resource != res {
		icon.SetResource(res)
	}
	if bold := unread > 0; label.Text != name || label.TextStyle.Bold != bold {
		label.TextStyle.Bold = bold
		label.SetText(name)
	}
	n := ""
	if unread > 0 {
		n = thousands(unread)
	}
	if count.Text != n {
		count.SetText(n)
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
		return "Starred", 0, starIcon(), false
	case nodeProblems:
		return "Sources with problems", len(s.failing()), theme.WarningIcon(), true
	}
	kind, n := parseNode(id)
	switch kind {
	case "f":
		return s.folders[n].Name, s.unreadUnder(id), theme.FolderIcon(), s.failsUnder(id)
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

// sourcesUnder are the sources the tree shows under node, in its
// subfolders too.
func (s *seekScreen) sourcesUnder(node string) []int64 {
	var ids []int64
	for _, child := range s.children[node] {
		switch kind, n := parseNode(child); kind {
		case "f":
			ids = append(ids, s.sourcesUnder(child)...)
		case "s":
			ids = append(ids, n)
		}
	}
	return ids
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
	s.app.userActs()
	s.node = id
	kind, n := parseNode(id)
	if kind == "s" {
		s.sourceL.SetText(s.sources[n].FeedURL)
		s.sourceBar.Show()
	} else {
		s.sourceBar.Hide()
	}
	s.folderBar.Hidden = kind != "f"
	if id == nodeProblems {
		s.showProblems(true)
		s.showItem(nil)
		return
	}
	s.showProblems(false)
	s.updateBanner() // and lays the list out below the bars
	s.showItem(nil)  // the item open belongs to the listing left
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
	s.bannerL.SetText(fmt.Sprintf("This source cannot be read: %s.%s%s", src.LastError, sinceText(src), when))
	s.bannerD.SetText(src.ErrorDetail)
	s.bannerB.Hidden = src.ErrorDetail == ""
	s.banner.Show()
}

// --- refresh ---

func (s *seekScreen) onRefresh() { s.refresh(feeds.RefreshOptions{}) }

func (s *seekScreen) onRetrySource() {
	if kind, n := parseNode(s.node); kind == "s" {
		s.refresh(feeds.RefreshOptions{SourceIDs: []int64{n}})
	}
}

// refresh runs on a worker; the progress bar follows it through a
// binding and the results come back to the UI goroutine (fyne.Do).
func (s *seekScreen) refresh(opts feeds.RefreshOptions) {
	if s.refreshing {
		return
	}
	s.refreshing = true
	s.refreshBtn.Disable()
	s.progressV.Set(0)
	s.progress.Show()
	s.status.SetText("")
	// Quitting stops the refresh: the window may be gone by the time it
	// has, and fyne.Do would then run on this goroutine.
	quitting := func() bool { return s.app.store.Context().Err() != nil }
	opts.Progress = func(done, total int) {
		if total > 0 && !quitting() {
			s.progressV.Set(float64(done) / float64(total))
		}
	}
	started := s.app.background(func(ctx context.Context) {
		ctx, cancel := context.WithTimeout(ctx, 10*time.Minute)
		defer cancel()
		sum, err := s.store.Refresh(ctx, opts)
		if quitting() {
			return
		}
		s.app.do(func() { s.refreshDone(sum, err) })
	})
	if !started { // quitting
		s.refreshing = false
		s.refreshBtn.Enable()
		s.progress.Hide()
	}
}

func (s *seekScreen) refreshDone(sum feeds.RefreshSummary, err error) {
	s.refreshing = false
	s.refreshBtn.Enable()
	s.progress.Hide()
	if err != nil {
		s.app.showError(err)
		return
	}
	s.showRefreshSummary(sum)
	s.app.Reload()
	if s.app.onRefreshed != nil {
		s.app.onRefreshed(sum)
	}
}
