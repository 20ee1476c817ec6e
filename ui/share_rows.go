package ui

import (
	"fmt"
	"image/color"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/knowflow/knowflow/model"
)

// The Share section's list: its rows, drawn only while on screen.

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
		return // selected by the screen itself, not the user
	}
	s.app.userActs()
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
	headTitle *rowText
	headCount *widget.Label
	copyBtn   *widget.Button
	headRight *fyne.Container

	body     *fyne.Container
	title    *rowText
	when     *widget.Label
	badge    *circleBadge
	thank    *pill
	thankBox *fyne.Container
	tags     *fyne.Container
	to       *rowText
	line1    *fyne.Container
	line2    *fyne.Container
	bar      *scoreBar
	pct      *widget.Label
	why      *rowText
}

func newShareRowView(s *shareScreen) *shareRowView {
	v := &shareRowView{s: s, id: -1}
	v.headTitle = newRowText("Group")
	v.headTitle.TextStyle.Bold = true
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

	v.title = newRowText("Item title")
	v.title.TextStyle.Bold = true
	v.when = widget.NewLabel("Fri 10:00")
	v.when.Alignment = fyne.TextAlignTrailing
	v.badge = newCircleBadge(model.CircleTeam)
	v.badge.setOn(true)
	v.thank = newPill("THANK", thankColor)
	v.to = newRowText("→ Name")
	v.bar = newScoreBar()
	v.pct = widget.NewLabel("100%")
	v.pct.Importance = widget.LowImportance
	v.why = newRowText("why")
	v.why.Lines = 2
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
