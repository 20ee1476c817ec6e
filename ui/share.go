package ui

import (
	"context"
	"fmt"
	"image/color"
	"net/url"
	"sort"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/knowflow/knowflow/model"
	"github.com/knowflow/knowflow/model/digest"
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
	content *fyne.Container
	noData  fyne.CanvasObject // no items or no contacts yet
	noneDue fyne.CanvasObject // data, but nothing to suggest
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

func newShareScreen(u *App) *shareScreen {
	s := &shareScreen{app: u, curRow: -1, tall: map[int]bool{}, removed: map[string]time.Time{},
		channel: map[string]model.Channel{}, prefs: model.DefaultPrefs(), loc: time.Local}
	s.noData = emptyState(theme.MailSendIcon(), "Nothing to share yet",
		"Knowflow suggests who in your network would value an item, and when to send it. It needs sources to read (Seek) and people to share with (People).",
		widget.NewButton("Go to Seek", func() { u.ShowSection(SectionSeek) }),
		widget.NewButton("Go to People", func() { u.ShowSection(SectionPeople) }),
	)
	s.noneDue = emptyState(theme.ConfirmIcon(), "Nothing to share right now",
		"No recent item matches anyone's interests closely enough, or your cadences hold the matches back for now. Give people more interests, star or note what you read, or refresh your feeds: suggestions follow.",
		widget.NewButtonWithIcon("Go to People", theme.AccountIcon(), func() { u.ShowSection(SectionPeople) }),
		widget.NewButtonWithIcon("Refresh suggestions", theme.ViewRefreshIcon(), s.onRefresh),
	)

	s.summary = widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	s.status = widget.NewLabel("")
	s.status.Importance = widget.LowImportance
	s.status.Truncation = fyne.TextTruncateEllipsis
	s.refreshBtn = widget.NewButtonWithIcon("Refresh suggestions", theme.ViewRefreshIcon(), s.onRefresh)
	historyBtn := widget.NewButtonWithIcon("History…", theme.HistoryIcon(), s.showHistory)
	toolbar := container.NewBorder(nil, nil, s.summary, container.NewHBox(historyBtn, s.refreshBtn), s.status)

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

func (s *shareScreen) ctx() (context.Context, context.CancelFunc) {
	return s.app.ctx(10 * time.Second)
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

func (s *shareScreen) listLength() int { return len(s.rows) }

func (s *shareScreen) listCreate() fyne.CanvasObject { return newShareRowView(s) }

func (s *shareScreen) listUpdate(i widget.ListItemID, o fyne.CanvasObject) {
	if i < 0 || i >= len(s.rows) {
		return
	}
	o.(*shareRowView).set(i)
}

func (s *shareScreen) onSelected(i widget.ListItemID) {
	if s.selecting || i < 0 || i >= len(s.rows) {
		return
	}
	r := s.rows[i]
	if r.sug < 0 { // a header: keep the selected suggestion
		if s.hasCur && s.curRow >= 0 {
			s.selectRow(s.curRow)
		} else {
			s.selecting = true
			s.list.Unselect(i)
			s.selecting = false
		}
		return
	}
	s.curRow = i
	x := s.sugs[r.sug]
	s.showDetail(&x)
}

// selectRow selects row i without reloading the page.
func (s *shareScreen) selectRow(i int) {
	s.selecting = true
	s.list.Select(i)
	s.selecting = false
}

// shareRowView is one row of the list: a group header or a suggestion.
// Only the rows on screen exist; set fills one for row id.
type shareRowView struct {
	widget.BaseWidget
	s  *shareScreen
	id int

	head      *fyne.Container
	headTitle *widget.Label
	headCount *widget.Label
	copyBtn   *widget.Button
	headRight *fyne.Container

	body     *fyne.Container
	title    *widget.Label
	when     *widget.Label
	badge    *circleBadge
	thank    *pill
	thankBox *fyne.Container
	tags     *fyne.Container
	to       *widget.Label
	line1    *fyne.Container
	line2    *fyne.Container
	bar      *scoreBar
	pct      *widget.Label
	why      *widget.Label
}

func newShareRowView(s *shareScreen) *shareRowView {
	v := &shareRowView{s: s, id: -1}
	v.headTitle = widget.NewLabelWithStyle("Group", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	v.headTitle.Truncation = fyne.TextTruncateEllipsis
	v.headCount = widget.NewLabel("0")
	v.headCount.Importance = widget.LowImportance
	v.copyBtn = widget.NewButtonWithIcon("Copy digest", theme.ContentCopyIcon(), func() {
		if v.id >= 0 && v.id < len(s.rows) {
			s.onCopyDigest(s.rows[v.id].group)
		}
	})
	v.copyBtn.Importance = widget.LowImportance
	v.headRight = container.NewHBox(v.headCount, v.copyBtn)
	v.head = container.NewBorder(nil, nil, nil, v.headRight, v.headTitle)
	v.head.Hide()

	v.title = widget.NewLabelWithStyle("Item title", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	v.title.Truncation = fyne.TextTruncateEllipsis
	v.when = widget.NewLabel("Fri 10:00")
	v.when.Alignment = fyne.TextAlignTrailing
	v.badge = newCircleBadge(model.CircleTeam)
	v.badge.setOn(true)
	v.thank = newPill("THANK", thankColor)
	v.to = widget.NewLabel("→ Name")
	v.to.Truncation = fyne.TextTruncateEllipsis
	v.bar = newScoreBar()
	v.pct = widget.NewLabel("100%")
	v.pct.Importance = widget.LowImportance
	v.why = widget.NewLabel("why")
	v.why.Wrapping = fyne.TextWrapWord
	v.why.Truncation = fyne.TextTruncateEllipsis
	v.why.Importance = widget.LowImportance
	v.why.SizeName = theme.SizeNameCaptionText

	// Badges take one width, so that names line up.
	bw := newCircleBadge(model.CircleTeam).MinSize()
	if w := v.thank.MinSize().Width; w > bw.Width {
		bw.Width = w
	}
	v.thankBox = container.NewCenter(container.NewGridWrap(bw, v.thank))
	v.thankBox.Hide()
	v.tags = container.NewHBox(container.NewCenter(container.NewGridWrap(bw, v.badge)), v.thankBox)
	line1 := container.NewBorder(nil, nil, nil, v.when, v.title)
	v.line1 = line1
	v.pct.Alignment = fyne.TextAlignTrailing
	pctRoom := canvas.NewRectangle(color.Transparent)
	pctRoom.SetMinSize(widget.NewLabel("100%").MinSize())
	score := container.NewHBox(container.NewCenter(v.bar), container.NewStack(pctRoom, v.pct))
	line2 := container.NewBorder(nil, nil,
		container.New(layout.NewCustomPaddedLayout(0, 0, theme.Size(theme.SizeNameInnerPadding), 0), v.tags), score, v.to)
	v.line2 = line2
	// Why keeps two lines of room; longer reasons end in an ellipsis.
	twoLines := widget.NewLabel("Why\nWhy")
	twoLines.SizeName = theme.SizeNameCaptionText
	room := canvas.NewRectangle(color.Transparent)
	room.SetMinSize(fyne.NewSize(10, twoLines.MinSize().Height))
	why := container.NewStack(room, v.why)
	v.body = container.New(&tightVBox{gap: -theme.Padding() * 2}, line1, line2, why)
	v.ExtendBaseWidget(v)
	return v
}

func (v *shareRowView) CreateRenderer() fyne.WidgetRenderer {
	return widget.NewSimpleRenderer(container.NewStack(v.head, v.body))
}

// set shows row id.
func (v *shareRowView) set(id int) {
	s := v.s
	v.id = id
	r := s.rows[id]
	if r.sug < 0 {
		g := s.groups[r.group]
		v.body.Hide()
		v.head.Show()
		v.headTitle.SetText(g.title)
		if g.communityID != 0 {
			v.headCount.SetText(plural(g.n, "item", "items"))
			v.copyBtn.Show()
		} else {
			v.headCount.SetText(plural(g.n, "suggestion", "suggestions"))
			v.copyBtn.Hide()
		}
		v.head.Refresh() // lay out the count and the button again
		return
	}
	x := s.sugs[r.sug]
	v.head.Hide()
	v.body.Show()
	title := x.ItemTitle
	if title == "" {
		title = "(untitled)"
	}
	v.title.SetText(title)
	v.when.SetText(whenText(x.When, s.at, s.loc))
	v.badge.setCircle(x.Circle)
	if thank := x.Kind == model.KindThank; thank != v.thankBox.Visible() {
		v.thankBox.Hidden = !thank
		v.tags.Refresh()
		v.line2.Refresh() // the tags' width changed
	}
	switch {
	case x.Kind == model.KindThank:
		v.to.SetText("→ thank " + x.ContactName + ", the author")
	case x.CommunityID != 0:
		v.to.SetText("→ " + x.Community + " digest")
	default:
		v.to.SetText("→ " + x.ContactName)
	}
	v.bar.setValue(x.Score)
	v.pct.SetText(percent(x.Score))
	v.why.SetText(x.Why)
	// Texts changed width: place them again (the labels drew themselves).
	relayout(v.line1)
	relayout(v.line2)
}

// relayout lays c out again at its size, without refreshing its objects.
func relayout(c *fyne.Container) {
	if c.Layout != nil {
		c.Layout.Layout(c.Objects, c.Size())
	}
}

func percent(score float64) string {
	return fmt.Sprintf("%d%%", int(score*100+0.5))
}

// thankColor marks thank-you suggestions: amber, readable with white text.
var thankColor = color.NRGBA{R: 0xb4, G: 0x53, B: 0x09, A: 0xff}

// scoreBar draws a score in 0..1 as a short bar.
type scoreBar struct {
	widget.BaseWidget
	value float64
}

func newScoreBar() *scoreBar {
	b := &scoreBar{}
	b.ExtendBaseWidget(b)
	return b
}

func (b *scoreBar) setValue(v float64) {
	v = min(max(v, 0), 1)
	if v == b.value {
		return
	}
	b.value = v
	b.Refresh()
}

func (b *scoreBar) CreateRenderer() fyne.WidgetRenderer {
	r := &scoreBarRenderer{bar: b, bg: canvas.NewRectangle(color.Transparent), fg: canvas.NewRectangle(color.Transparent)}
	r.bg.CornerRadius, r.fg.CornerRadius = 3, 3
	r.Refresh()
	return r
}

type scoreBarRenderer struct {
	bar    *scoreBar
	bg, fg *canvas.Rectangle
}

func (r *scoreBarRenderer) Layout(size fyne.Size) {
	r.bg.Resize(size)
	r.fg.Resize(fyne.NewSize(size.Width*float32(r.bar.value), size.Height))
}

func (r *scoreBarRenderer) MinSize() fyne.Size { return fyne.NewSize(56, 6) }

func (r *scoreBarRenderer) Refresh() {
	th := r.bar.Theme()
	v := fyne.CurrentApp().Settings().ThemeVariant()
	r.bg.FillColor = th.Color(theme.ColorNameInputBorder, v)
	r.fg.FillColor = th.Color(theme.ColorNamePrimary, v)
	r.Layout(r.bar.Size())
	r.bg.Refresh()
	r.fg.Refresh()
}

func (r *scoreBarRenderer) Objects() []fyne.CanvasObject { return []fyne.CanvasObject{r.bg, r.fg} }
func (r *scoreBarRenderer) Destroy()                     {}

// tightVBox stacks its objects like a VBox with gap between them (a
// negative gap pulls labels' inner padding together).
type tightVBox struct{ gap float32 }

func (l *tightVBox) MinSize(objs []fyne.CanvasObject) fyne.Size {
	var w, h float32
	n := 0
	for _, o := range objs {
		if !o.Visible() {
			continue
		}
		m := o.MinSize()
		w = max(w, m.Width)
		h += m.Height
		n++
	}
	if n > 1 {
		h += l.gap * float32(n-1)
	}
	return fyne.NewSize(w, h)
}

func (l *tightVBox) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	var y float32
	for _, o := range objs {
		if !o.Visible() {
			continue
		}
		h := o.MinSize().Height
		o.Move(fyne.NewPos(0, y))
		o.Resize(fyne.NewSize(size.Width, h))
		y += h + l.gap
	}
}

// --- the detail page ---

func (s *shareScreen) buildDetail() {
	head := widget.NewLabelWithStyle("No suggestion selected", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	hintText := widget.NewLabel("Pick a suggestion on the left to see why it suits them, add your note and share it.")
	hintText.Wrapping = fyne.TextWrapWord
	hintText.Importance = widget.LowImportance
	s.placeholder = container.NewPadded(container.NewVBox(head, hintText))

	s.dTitle = widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	s.dTitle.SizeName = theme.SizeNameSubHeadingText
	s.dTitle.Wrapping = fyne.TextWrapWord
	s.dKind = widget.NewLabel("")
	s.dKind.Importance = widget.LowImportance
	s.dKind.Wrapping = fyne.TextWrapWord
	wrap := func() *widget.Label {
		l := widget.NewLabel("")
		l.Wrapping = fyne.TextWrapWord
		return l
	}
	s.dTo, s.dWhen, s.dScore, s.dWhy = wrap(), wrap(), wrap(), wrap()
	s.dLink = widget.NewHyperlink("", nil)
	s.dLink.Truncation = fyne.TextTruncateEllipsis
	s.dLink.OnTapped = func() {
		if u, err := url.Parse(s.cur.ItemURL); err == nil {
			s.open(u)
		}
	}
	details := container.New(layout.NewFormLayout())
	for _, x := range []struct {
		label string
		value fyne.CanvasObject
	}{{"To", s.dTo}, {"When", s.dWhen}, {"Score", s.dScore}, {"Link", s.dLink}} {
		details.Add(widget.NewLabelWithStyle(x.label, fyne.TextAlignTrailing, fyne.TextStyle{Bold: true}))
		details.Add(x.value)
	}

	s.note = widget.NewMultiLineEntry()
	s.note.Wrapping = fyne.TextWrapWord
	s.note.SetMinRowsVisible(3)
	s.note.SetPlaceHolder("Your note: what they will get from it. It goes with the share and into digests.")
	s.saveNoteBtn = widget.NewButtonWithIcon("Save note", theme.DocumentSaveIcon(), s.onSaveNote)

	s.emailBtn = widget.NewButtonWithIcon("E-mail…", theme.MailComposeIcon(), s.onEmail)
	s.mastodonBtn = widget.NewButtonWithIcon("Mastodon…", theme.MailSendIcon(), s.onMastodon)
	s.copyTextBtn = widget.NewButtonWithIcon("Copy text", theme.ContentCopyIcon(), s.onCopyText)
	s.copyMDBtn = widget.NewButtonWithIcon("Copy Markdown", theme.ContentCopyIcon(), s.onCopyMarkdown)
	s.sharedBtn = widget.NewButtonWithIcon("Mark shared", theme.ConfirmIcon(), s.onMarkShared)
	s.sharedBtn.Importance = widget.HighImportance
	s.snoozeBtn = widget.NewButtonWithIcon("Snooze 1 day", theme.HistoryIcon(), s.onSnooze)
	s.dismissBtn = widget.NewButtonWithIcon("Not for them", theme.CancelIcon(), s.onDismiss)
	s.hint = widget.NewLabel("")
	s.hint.Wrapping = fyne.TextWrapWord
	s.hint.Importance = widget.LowImportance

	page := container.NewVBox(
		s.dTitle, s.dKind, details,
		widget.NewSeparator(),
		heading("Why"), s.dWhy,
		heading("Why this matters"), s.note,
		container.NewBorder(nil, nil, nil, s.saveNoteBtn),
		widget.NewSeparator(),
		container.NewGridWithColumns(2, s.emailBtn, s.mastodonBtn, s.copyTextBtn, s.copyMDBtn),
		container.NewGridWithColumns(3, s.sharedBtn, s.snoozeBtn, s.dismissBtn),
		s.hint,
	)
	s.pageScroll = container.NewVScroll(container.NewPadded(page))
	s.page = s.pageScroll
	s.detail = container.NewStack(s.placeholder)
}

// showDetail shows suggestion x on the right; nil shows the placeholder.
func (s *shareScreen) showDetail(x *model.Suggestion) {
	s.idea = false
	if x == nil {
		s.hasCur, s.cur, s.curRow = false, model.Suggestion{}, -1
		s.contact, s.item = model.Contact{}, model.Item{}
		showOnly(s.detail, s.placeholder)
		return
	}
	s.cur, s.hasCur = *x, true
	s.contact = model.Contact{}
	s.item = model.Item{ID: x.ItemID, Title: x.ItemTitle, Link: x.ItemURL}
	ctx, cancel := s.ctx()
	defer cancel()
	if x.ContactID != 0 {
		if c, err := s.app.store.Contact(ctx, x.ContactID); err == nil {
			s.contact = c
		} else {
			fyne.LogError("loading a suggestion's contact", err)
		}
	}
	if it, ok := s.lookupItem(ctx, x.ItemID); ok {
		s.item = it
	}
	s.fillDetailText()
	s.note.SetText(s.item.Note)
	if x.Kind == model.KindThank {
		s.dismissBtn.SetText("Skip")
	} else {
		s.dismissBtn.SetText("Not for them")
	}
	s.updateMastodon()
	showOnly(s.detail, s.page)
	s.pageScroll.ScrollToTop()
}

// fillDetailText sets the page's labels from s.cur (not the note).
func (s *shareScreen) fillDetailText() {
	x := s.cur
	title := x.ItemTitle
	if title == "" {
		title = "(untitled)"
	}
	s.dTitle.SetText(title)
	switch {
	case x.Kind == model.KindThank:
		s.dKind.SetText("Thank the author: " + x.ContactName + " wrote this, and you starred it or noted why it matters.")
	case x.CommunityID != 0:
		s.dKind.SetText("Share into the " + x.Community + " digest")
	default:
		s.dKind.SetText("Share with " + x.ContactName + " (" + x.Circle.Title() + ")")
	}
	to := x.ContactName
	if x.CommunityID != 0 {
		to = x.Community + " digest"
	} else if len(s.contact.Emails) > 0 {
		to += " <" + s.contact.Emails[0] + ">"
	}
	s.dTo.SetText(to)
	when := whenText(x.When, s.at, s.loc)
	if when != "now" {
		when = x.When.In(s.loc).Format("Mon 2 Jan 15:04")
	}
	s.dWhen.SetText(when)
	s.dScore.SetText(percent(x.Score))
	if u, err := url.Parse(x.ItemURL); err == nil && webURL(u) {
		s.dLink.SetText(x.ItemURL)
		s.dLink.SetURL(u)
		s.dLink.Show()
	} else {
		s.dLink.SetText("")
		s.dLink.Hide()
	}
	why := x.Why
	if why == "" {
		why = "—"
	}
	s.dWhy.SetText(why)
}

// updateMastodon enables Mastodon… when Preferences name an instance.
func (s *shareScreen) updateMastodon() {
	if strings.TrimSpace(s.prefs.MastodonInstance) == "" {
		s.mastodonBtn.Disable()
		s.hint.SetText("Mastodon… needs your instance: set it in File ▸ Preferences….")
		return
	}
	s.mastodonBtn.Enable()
	s.hint.SetText("")
}

func (s *shareScreen) lookupItem(ctx context.Context, id int64) (model.Item, bool) {
	it, err := s.app.store.Item(ctx, id)
	if err != nil {
		fyne.LogError("loading a suggestion's item", err)
		return model.Item{}, false
	}
	return it, true
}

// noteText is the note as it stands in the entry.
func (s *shareScreen) noteText() string { return strings.TrimSpace(s.note.Text) }

func (s *shareScreen) setStatus(msg string) { s.status.SetText(msg) }

// --- actions ---

func (s *shareScreen) onSaveNote() {
	if !s.hasCur {
		return
	}
	ctx, cancel := s.ctx()
	defer cancel()
	body := s.noteText()
	if err := s.app.store.SetNote(ctx, s.cur.ItemID, body); err != nil {
		s.app.showError(err)
		return
	}
	s.item.Note = body
	if body == "" {
		s.setStatus("Note removed.")
	} else {
		s.setStatus("Note saved.")
	}
}

// open opens u outside the app: only http, https and mailto.
func (s *shareScreen) open(u *url.URL) bool {
	if u == nil {
		return false
	}
	switch u.Scheme {
	case "http", "https":
		if u.Host == "" {
			return false
		}
	case "mailto":
	default:
		return false
	}
	if err := s.app.openURL(u); err != nil {
		s.app.showError(err)
		return false
	}
	return true
}

func (s *shareScreen) onEmail() {
	if !s.hasCur {
		return
	}
	to := ""
	if len(s.contact.Emails) > 0 {
		to = s.contact.Emails[0]
	}
	body := s.cur.ItemURL
	if n := s.noteText(); n != "" {
		body = n + "\n\n" + s.cur.ItemURL
	}
	if s.open(mailtoURL(to, s.cur.ItemTitle, body)) {
		s.channel[suggestionKey(s.cur)] = model.ChannelEmail
		s.setStatus("Opened an e-mail to " + orNone(to) + ".")
	}
}

func (s *shareScreen) onMastodon() {
	if !s.hasCur {
		return
	}
	u, ok := mastodonShareURL(s.prefs.MastodonInstance, s.cur.ItemTitle, s.cur.ItemURL, s.noteText())
	if !ok {
		s.setStatus("Set your Mastodon instance in File ▸ Preferences… first.")
		return
	}
	if s.open(u) {
		s.channel[suggestionKey(s.cur)] = model.ChannelMastodon
		s.setStatus("Opened a Mastodon post on " + u.Host + ".")
	}
}

func (s *shareScreen) onCopyText() { s.copyAs(shareText, "Copied the title, link and note.") }

func (s *shareScreen) onCopyMarkdown() { s.copyAs(shareMarkdown, "Copied as Markdown.") }

// copyAs puts the current suggestion's item, formatted, on the clipboard
// and remembers that it went by copy.
func (s *shareScreen) copyAs(format func(title, link, note string) string, done string) {
	if !s.hasCur {
		return
	}
	s.app.app.Clipboard().SetContent(format(s.cur.ItemTitle, s.cur.ItemURL, s.noteText()))
	s.channel[suggestionKey(s.cur)] = model.ChannelCopy
	s.setStatus(done)
}

// channelFor is the channel a share of x went through: the one used last
// for it in this session, else the contact's preferred one, else other.
func (s *shareScreen) channelFor(x model.Suggestion) model.Channel {
	if ch, ok := s.channel[suggestionKey(x)]; ok {
		return ch
	}
	if x.ContactID != 0 && s.contact.ID == x.ContactID && s.contact.Channel != "" {
		return s.contact.Channel
	}
	return model.ChannelOther
}

func (s *shareScreen) onMarkShared() {
	if !s.hasCur {
		return
	}
	x := s.cur
	ctx, cancel := s.ctx()
	defer cancel()
	sh := model.Share{ItemID: x.ItemID, ContactID: x.ContactID, CommunityID: x.CommunityID,
		Channel: s.channelFor(x), SharedAt: s.app.now(), Note: s.noteText()}
	if _, err := s.app.store.RecordShare(ctx, sh); err != nil {
		s.app.showError(err)
		return
	}
	s.setStatus("Shared “" + clipText(x.ItemTitle, 40) + "” with " + recipient(x) + ".")
	s.done()
}

func (s *shareScreen) onSnooze() {
	if !s.hasCur {
		return
	}
	x := s.cur
	now := s.app.now()
	s.feedback(model.Feedback{ItemID: x.ItemID, ContactID: x.ContactID, CommunityID: x.CommunityID,
		Verdict: model.VerdictSnoozed, Until: now.Add(24 * time.Hour), At: now},
		"Snoozed “"+clipText(x.ItemTitle, 40)+"” for a day.")
}

func (s *shareScreen) onDismiss() {
	if !s.hasCur {
		return
	}
	x := s.cur
	msg := "“" + clipText(x.ItemTitle, 40) + "” is not for " + recipient(x) + ": noted."
	if x.Kind == model.KindThank {
		msg = "Skipped thanking " + x.ContactName + "."
	}
	s.feedback(model.Feedback{ItemID: x.ItemID, ContactID: x.ContactID, CommunityID: x.CommunityID,
		Verdict: model.VerdictDismissed, At: s.app.now()}, msg)
}

func (s *shareScreen) feedback(f model.Feedback, msg string) {
	ctx, cancel := s.ctx()
	defer cancel()
	if err := s.app.store.SaveFeedback(ctx, f); err != nil {
		s.app.showError(err)
		return
	}
	s.setStatus(msg)
	s.done()
}

func recipient(x model.Suggestion) string {
	if x.CommunityID != 0 {
		return "the " + recipientName(x)
	}
	return recipientName(x)
}

// done removes the current suggestion at once, selects the one that takes
// its place, and has the suggestions computed again.
func (s *shareScreen) done() {
	key := suggestionKey(s.cur)
	s.removed[key] = s.app.now()
	row := s.curRow
	for i, x := range s.sugs {
		if suggestionKey(x) == key {
			// A new slice: the old one is the App's too.
			s.sugs = append(s.sugs[:i:i], s.sugs[i+1:]...)
			break
		}
	}
	s.showDetail(nil)
	s.rebuild()
	if next := s.nearestSuggestionRow(row); next >= 0 {
		s.list.Select(next)
	}
	s.app.recomputeSuggestions()
}

// nearestSuggestionRow is the first suggestion row at or after row, else
// the last one before it; -1 when there is none.
func (s *shareScreen) nearestSuggestionRow(row int) int {
	if row < 0 {
		return -1
	}
	for i := row; i < len(s.rows); i++ {
		if s.rows[i].sug >= 0 {
			return i
		}
	}
	for i := min(row, len(s.rows)) - 1; i >= 0; i-- {
		if s.rows[i].sug >= 0 {
			return i
		}
	}
	return -1
}

// onCopyDigest copies the Markdown digest of group gi's community.
func (s *shareScreen) onCopyDigest(gi int) {
	if gi < 0 || gi >= len(s.groups) || s.groups[gi].communityID == 0 {
		return
	}
	g := s.groups[gi]
	md, n, err := s.digestMarkdown(g)
	if err != nil {
		s.app.showError(err)
		return
	}
	s.app.app.Clipboard().SetContent(md)
	for _, x := range s.sugs {
		if x.CommunityID == g.communityID {
			s.channel[suggestionKey(x)] = model.ChannelCopy
		}
	}
	s.setStatus(fmt.Sprintf("Copied the %s digest (%s) as Markdown.", g.community, plural(n, "item", "items")))
}

// digestMarkdown writes the digest of g's suggested items with their notes.
func (s *shareScreen) digestMarkdown(g shareGroup) (string, int, error) {
	ctx, cancel := s.ctx()
	defer cancel()
	desc := ""
	if cs, err := s.app.store.Communities(ctx); err == nil {
		for _, c := range cs {
			if c.ID == g.communityID {
				desc = c.Description
			}
		}
	}
	var entries []digest.Entry
	for _, x := range s.sugs {
		if x.CommunityID != g.communityID {
			continue
		}
		e := digest.Entry{Title: x.ItemTitle, URL: x.ItemURL}
		if it, ok := s.lookupItem(ctx, x.ItemID); ok {
			e.Source, e.Note = it.SourceTitle, it.Note
		}
		if s.hasCur && s.cur.ItemID == x.ItemID {
			e.Note = s.noteText() // the note as being written
		}
		entries = append(entries, e)
	}
	var b strings.Builder
	day := g.when.In(s.loc)
	if err := digest.Markdown(&b, g.community, desc, entries, day, day); err != nil {
		return "", 0, err
	}
	return b.String(), len(entries), nil
}

// --- what goes out ---

// shareText is "Title\nURL\n\nnote" (without a note, "Title\nURL").
func shareText(title, link, note string) string {
	t := strings.TrimSpace(title) + "\n" + strings.TrimSpace(link)
	if note = strings.TrimSpace(note); note != "" {
		t += "\n\n" + note
	}
	return t
}

// shareMarkdown is "[Title](URL)\n\n> note", the note quoted line by line.
func shareMarkdown(title, link, note string) string {
	t := strings.NewReplacer(`\`, `\\`, "[", `\[`, "]", `\]`).Replace(strings.Join(strings.Fields(title), " "))
	if u, err := url.Parse(strings.TrimSpace(link)); err == nil && webURL(u) {
		dest := strings.NewReplacer(" ", "%20", "(", "%28", ")", "%29", "<", "%3C", ">", "%3E").Replace(strings.TrimSpace(link))
		t = "[" + t + "](" + dest + ")"
	}
	if note = strings.TrimSpace(note); note != "" {
		lines := strings.Split(strings.ReplaceAll(note, "\r\n", "\n"), "\n")
		for i, l := range lines {
			lines[i] = strings.TrimRight("> "+l, " ")
		}
		t += "\n\n" + strings.Join(lines, "\n")
	}
	return t
}

// mailtoURL is a mailto: URL (RFC 6068) to addr with subject and body;
// spaces are %20 and line breaks %0D%0A, as mail programs expect.
func mailtoURL(addr, subject, body string) *url.URL {
	esc := func(v string) string {
		v = strings.ReplaceAll(strings.ReplaceAll(v, "\r\n", "\n"), "\n", "\r\n")
		return strings.ReplaceAll(url.QueryEscape(v), "+", "%20")
	}
	return &url.URL{Scheme: "mailto", Opaque: url.PathEscape(strings.TrimSpace(addr)),
		RawQuery: "subject=" + esc(subject) + "&body=" + esc(body)}
}

// mastodonShareURL is https://instance/share?text=… with the title, the
// link and the note; false when no instance is set.
func mastodonShareURL(instance, title, link, note string) (*url.URL, bool) {
	instance = strings.TrimSpace(instance)
	if instance == "" || strings.ContainsAny(instance, "/@ ?#") {
		return nil, false
	}
	text := strings.TrimSpace(title) + "\n" + strings.TrimSpace(link)
	if note = strings.TrimSpace(note); note != "" {
		text += "\n\n" + note
	}
	return &url.URL{Scheme: "https", Host: instance, Path: "/share",
		RawQuery: url.Values{"text": {text}}.Encode()}, true
}
