package ui

import (
	"fmt"
	"sort"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/knowflow/knowflow/model"
	"github.com/knowflow/knowflow/model/store"
)

// Titles of the Share section's time groups, in display order.
const (
	groupDue   = "Due now"
	groupToday = "Later today"
	groupWeek  = "This week"
	groupLater = "Later"
)

// shareGroup is one section of the Share list: a time band, or the next
// digest of one community.
type shareGroup struct {
	title       string
	n           int
	communityID int64 // set for a digest group
	community   string
	when        time.Time // a digest's time
}

// shareRow is one row of the flattened list: a group's header (sug < 0)
// or a suggestion (an index into shareScreen.sugs).
type shareRow struct {
	group int
	sug   int
}

// shareScreen is the Share section: what to share, with whom, when and
// why. The left pane is one virtualised list of group headers and
// suggestions; the right pane is the selected suggestion with its actions.
type shareScreen struct {
	app     *App
	store   shareStore
	content *fyne.Container
	noData  fyne.CanvasObject // no items or no contacts yet
	noneDue *fyne.Container   // data, but nothing to suggest: why (share_reason.go)
	main    fyne.CanvasObject

	hasData  bool // the store has items and contacts
	computed bool // suggestions have been set at least once
	idea     bool // the page shows an idea (showIdea), not a listed suggestion

	historyDlg *dialog.CustomDialog // the History dialog last opened (tests)
	historyN   int                  // how many shares it listed

	// toolbar
	summary    *widget.Label
	status     *widget.Label
	refreshBtn *widget.Button
	historyBtn *widget.Button
	undoBtn    *widget.Button // Undo, while the last action may be taken back
	undo       *pendingUndo
	undoGen    int

	// the list
	list       *widget.List
	sugs       []model.Suggestion
	groups     []shareGroup
	rows       []shareRow
	prefs      model.Prefs
	loc        *time.Location
	at         time.Time
	rowHeight  float32
	headHeight float32
	tall       map[int]bool // rows whose height was set as a header's
	selecting  bool         // the list is being selected from code
	removed    map[string]time.Time
	busy       map[string]bool // suggestions whose share or verdict is being written
	detailGen  int             // the page's contact and item asked last
	historyGen int             // the History dialog's read asked last
	digestGen  int             // the digest copy asked last
	reasonGen  int             // the empty state's reason asked last
	reason     emptyReason     // the reason shown
	// loadingDetail: the page's contact and item are being read;
	// savingNote: its note is being written.
	loadingDetail, savingNote bool

	// the selected suggestion
	cur     model.Suggestion
	hasCur  bool
	curRow  int
	contact model.Contact // cur's contact (ID 0 for a community)
	item    model.Item
	channel map[string]model.Channel // channel last used per suggestion, this session

	detail      *fyne.Container // the stack: placeholder or page
	placeholder fyne.CanvasObject
	page        fyne.CanvasObject
	pageScroll  *container.Scroll
	dTitle      *widget.Label
	dKind       *widget.Label
	dTo         *widget.Label
	dWhen       *widget.Label
	dScore      *widget.Label
	dLink       *widget.Hyperlink
	dWhy        *widget.Label
	note        *widget.Entry
	saveNoteBtn *widget.Button
	emailBtn    *widget.Button
	copyTextBtn *widget.Button
	copyMDBtn   *widget.Button
	mastodonBtn *widget.Button
	sharedBtn   *widget.Button
	snoozeBtn   *widget.Button
	dismissBtn  *widget.Button
	hint        *widget.Label
}

func newShareScreen(u *App, st shareStore) *shareScreen {
	s := &shareScreen{app: u, store: st, curRow: -1, tall: map[int]bool{}, removed: map[string]time.Time{},
		channel: map[string]model.Channel{}, busy: map[string]bool{}, prefs: model.DefaultPrefs(), loc: time.Local}
	s.noData = emptyState(theme.MailSendIcon(), "Nothing to share yet",
		"Knowflow suggests who in your network would value an item, and when to send it. It needs sources to read (Seek) and people to share with (People).",
		widget.NewButton("Go to Seek", func() { u.ShowSection(SectionSeek) }),
		widget.NewButton("Go to People", func() { u.ShowSection(SectionPeople) }),
	)
	s.noneDue = noneDueBox()

	s.summary = widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	s.status = widget.NewLabel("")
	s.status.Importance = widget.LowImportance
	s.status.Truncation = fyne.TextTruncateEllipsis
	s.refreshBtn = widget.NewButtonWithIcon("Refresh suggestions", theme.ViewRefreshIcon(), s.onRefresh)
	s.historyBtn = widget.NewButtonWithIcon("History…", theme.HistoryIcon(), s.showHistory)
	s.undoBtn = s.newUndoButton()
	toolbar := container.NewBorder(nil, nil, s.summary, container.NewHBox(s.undoBtn, s.historyBtn, s.refreshBtn), s.status)

	s.list = widget.NewList(s.listLength, s.listCreate, s.listUpdate)
	s.list.OnSelected = s.onSelected
	s.rowHeight = s.listCreate().MinSize().Height
	s.headHeight = newShareRowView(s).head.MinSize().Height

	s.buildDetail()
	s.showDetail(nil)

	split := container.NewHSplit(s.list, s.detail)
	split.Offset = 0.5
	s.main = container.NewBorder(container.NewVBox(toolbar, widget.NewSeparator()), nil, nil, nil, split)
	s.content = container.NewStack(s.noData)
	return s
}

func (s *shareScreen) reload(sum store.Summary) {
	s.hasData = sum.Items > 0 && sum.Contacts > 0
	s.updateView()
}

// updateView shows the list, or the empty state that says why there is none.
func (s *shareScreen) updateView() {
	switch {
	case len(s.sugs) > 0 || s.idea:
		showOnly(s.content, s.main)
	case !s.hasData:
		showOnly(s.content, s.noData)
	case s.computed:
		showOnly(s.content, s.noneDue)
	default: // the first suggestions are being computed
		showOnly(s.content, s.main)
	}
}

func (s *shareScreen) onRefresh() {
	s.status.SetText("Looking for suggestions…")
	s.app.recomputeSuggestions()
}

// setSuggestions shows a new set of suggestions computed at at, sorted by
// when, then score. The selected suggestion stays selected while listed.
func (s *shareScreen) setSuggestions(list []model.Suggestion, p model.Prefs, at time.Time) {
	s.prefs, s.at, s.loc = p, at, p.Location()
	s.computed = true
	// A computation that started before a row was acted on may still list
	// it: leave it out.
	if len(s.removed) > 0 {
		kept := make([]model.Suggestion, 0, len(list))
		for _, x := range list {
			if t, ok := s.removed[suggestionKey(x)]; ok && at.Before(t) {
				continue
			}
			kept = append(kept, x)
		}
		list = kept
		for k, t := range s.removed {
			if !at.Before(t) {
				delete(s.removed, k)
			}
		}
	}
	s.sugs = list
	if len(list) == 0 {
		s.findReason()
	}
	if s.status.Text == "Looking for suggestions…" {
		s.status.SetText("")
	}
	s.rebuild()
	s.updateMastodon()
}

// rebuild groups s.sugs into the list's rows and keeps the selection.
func (s *shareScreen) rebuild() {
	groups, rows := groupSuggestions(s.sugs, s.at, s.loc)
	// Headers are lower than suggestion rows.
	headers := make(map[int]bool, len(groups))
	for i, r := range rows {
		if r.sug < 0 {
			headers[i] = true
		}
	}
	var rowAt, headAt []int
	for i := range s.tall {
		if !headers[i] {
			rowAt = append(rowAt, i)
		}
	}
	for i := range headers {
		if !s.tall[i] {
			headAt = append(headAt, i)
		}
	}
	if len(rowAt)+len(headAt) == 0 {
		s.groups, s.rows = groups, rows
		s.list.Refresh()
	} else {
		// Fyne 2.7 lays the whole list out again at each SetItemHeight:
		// with no rows meanwhile, that costs nothing, and the one Refresh
		// below lays out the new rows once.
		offset := s.list.GetScrollOffset()
		s.groups, s.rows = nil, nil
		for _, i := range rowAt {
			s.list.SetItemHeight(i, s.rowHeight)
			delete(s.tall, i)
		}
		for _, i := range headAt {
			s.list.SetItemHeight(i, s.headHeight)
			s.tall[i] = true
		}
		s.groups, s.rows = groups, rows
		s.list.Refresh()
		s.list.ScrollToOffset(offset)
	}
	s.updateSummary()
	s.updateView()

	if !s.hasCur {
		s.list.UnselectAll()
		return
	}
	key := suggestionKey(s.cur)
	for i, r := range s.rows {
		if r.sug >= 0 && suggestionKey(s.sugs[r.sug]) == key {
			// Keep the page (and a note being written); take the new when and why.
			s.cur = s.sugs[r.sug]
			s.curRow = i
			s.selectRow(i)
			s.fillDetailText()
			return
		}
	}
	s.list.UnselectAll()
	if !s.idea {
		s.showDetail(nil)
	}
}

// showIdea shows one of the Ideas for a person on the page, where it is
// sent and recorded like any other suggestion: as its row when the list
// has it, else on its own.
func (s *shareScreen) showIdea(x model.Suggestion) {
	key := suggestionKey(x)
	for i, r := range s.rows {
		if r.sug >= 0 && suggestionKey(s.sugs[r.sug]) == key {
			s.list.Select(i)
			s.list.ScrollTo(i)
			return
		}
	}
	s.selecting = true
	s.list.UnselectAll()
	s.selecting = false
	s.showDetail(&x)
	s.idea, s.curRow = true, -1
	s.updateView()
}

func (s *shareScreen) updateSummary() {
	due := 0
	for _, x := range s.sugs {
		if !x.When.After(s.at) {
			due++
		}
	}
	if len(s.sugs) == 0 {
		s.summary.SetText("Nothing due")
		return
	}
	s.summary.SetText(fmt.Sprintf("%d due now · %d later", due, len(s.sugs)-due))
}

// groupSuggestions sorts list (by when, then score) into time groups and
// one group per community digest, and flattens them into rows: each
// group's header, then its suggestions. Community suggestions go only
// into their digest. Empty groups are left out.
func groupSuggestions(list []model.Suggestion, at time.Time, loc *time.Location) ([]shareGroup, []shareRow) {
	lt := at.In(loc)
	y, m, d := lt.Date()
	endOfDay := time.Date(y, m, d+1, 0, 0, 0, 0, loc)
	week := at.Add(7 * 24 * time.Hour)

	var bands [4][]int
	digests := map[int64]int{} // community → index in digestIdx
	var digestIdx [][]int
	var digestGroups []shareGroup
	for i, x := range list {
		if x.CommunityID != 0 {
			k, ok := digests[x.CommunityID]
			if !ok {
				k = len(digestIdx)
				digests[x.CommunityID] = k
				digestIdx = append(digestIdx, nil)
				digestGroups = append(digestGroups, shareGroup{communityID: x.CommunityID, community: x.Community, when: x.When})
			}
			if x.When.Before(digestGroups[k].when) {
				digestGroups[k].when = x.When
			}
			digestIdx[k] = append(digestIdx[k], i)
			continue
		}
		switch {
		case !x.When.After(at):
			bands[0] = append(bands[0], i)
		case x.When.Before(endOfDay):
			bands[1] = append(bands[1], i)
		case !x.When.After(week):
			bands[2] = append(bands[2], i)
		default:
			bands[3] = append(bands[3], i)
		}
	}

	var groups []shareGroup
	var rows []shareRow
	add := func(g shareGroup, idx []int) {
		if len(idx) == 0 {
			return
		}
		g.n = len(idx)
		gi := len(groups)
		groups = append(groups, g)
		rows = append(rows, shareRow{group: gi, sug: -1})
		for _, i := range idx {
			rows = append(rows, shareRow{group: gi, sug: i})
		}
	}
	for b, title := range []string{groupDue, groupToday, groupWeek, groupLater} {
		add(shareGroup{title: title}, bands[b])
	}
	order := make([]int, len(digestGroups))
	for i := range order {
		order[i] = i
	}
	sort.SliceStable(order, func(a, b int) bool {
		ga, gb := digestGroups[order[a]], digestGroups[order[b]]
		if !ga.when.Equal(gb.when) {
			return ga.when.Before(gb.when)
		}
		return ga.community < gb.community
	})
	for _, k := range order {
		g := digestGroups[k]
		g.title = g.community + " digest · " + g.when.In(loc).Format("Mon 2 Jan 15:04")
		add(g, digestIdx[k])
	}
	return groups, rows
}

// whenText is when a suggestion falls due, as short as it can be said:
// "now", "15:00" (today), "Fri 10:00" (this week), "Fri 4 Dec 10:00".
func whenText(t, at time.Time, loc *time.Location) string {
	if !t.After(at) {
		return "now"
	}
	lt, la := t.In(loc), at.In(loc)
	if y, m, d := lt.Date(); y == la.Year() && m == la.Month() && d == la.Day() {
		return lt.Format("15:04")
	}
	if t.Sub(at) <= 7*24*time.Hour {
		return lt.Format("Mon 15:04")
	}
	return lt.Format("Mon 2 Jan 15:04")
}

// --- the list ---
