package ui

import (
	"context"
	"fmt"
	"image/color"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/knowflow/knowflow/model"
	"github.com/knowflow/knowflow/model/flow"
	"github.com/knowflow/knowflow/model/store"
)

// The periods the Flow section offers.
var flowPeriods = []struct {
	label string
	weeks int
}{{"4 weeks", 4}, {"12 weeks", 12}, {"26 weeks", 26}, {"52 weeks", 52}}

// flowScreen is the Flow section: how much knowledge goes to and comes from
// each circle, week by week, whom the user owes, and who has not heard from
// them for too long.
type flowScreen struct {
	app     *App
	content *fyne.Container
	empty   fyne.CanvasObject
	main    fyne.CanvasObject

	period  *widget.Select
	weeks   int
	summary *widget.Label
	circles [3]*circleFlowRow
	axis    *flowAxis       // the weeks, under the charts
	hover   *widget.Label   // the week under the pointer, in words
	owed    *fyne.Container // rows of people who gave more than they got
	overdue *fyne.Container // rows of people not in touch for too long
	report  flow.Report     // the report shown (tests)
	sum     store.Summary   // what the last reload was given
}

func newFlowScreen(u *App) *flowScreen {
	s := &flowScreen{app: u, weeks: flow.DefaultWeeks}
	s.empty = emptyState(theme.HistoryIcon(), "No flow to show yet",
		"As you read and share, this shows how much knowledge comes from and goes to your team, your communities and your network over time, so you see whether you only collaborate or also cooperate. Add the people you learn with, and link them to their blogs, to see what you owe them.",
	)
	var labels []string
	for _, p := range flowPeriods {
		labels = append(labels, p.label)
	}
	s.period = widget.NewSelect(labels, s.onPeriod)
	s.period.SetSelected("12 weeks")
	s.summary = widget.NewLabel("")
	s.summary.Wrapping = fyne.TextWrapWord
	s.summary.TextStyle = fyne.TextStyle{Bold: true}

	s.hover = widget.NewLabel("")
	s.hover.Importance = widget.LowImportance
	legend := container.NewBorder(nil, nil, container.NewHBox(
		legendSwatch(theme.Color(theme.ColorNamePrimary)), widget.NewLabel("passed on"),
		legendSwatch(readBarColor), widget.NewLabel("read from them"),
	), nil, s.hover)
	rows := container.NewVBox()
	for i, k := range model.Circles {
		k := k
		s.circles[i] = newCircleFlowRow(k)
		s.circles[i].chart.onHover = func(week int) { s.onHover(k, week) }
		if i > 0 {
			// A line between two circles' charts: one's lowest value
			// and the next one's highest stood 5 px apart.
			rows.Add(widget.NewSeparator())
		}
		rows.Add(s.circles[i].box)
	}
	s.axis = newFlowAxis(s.circles[0].chart.gutter) // one scale for every chart: one gutter
	rows.Add(container.NewBorder(nil, nil, container.NewGridWrap(fyne.NewSize(flowLabelWidth, 1)), nil, s.axis))
	s.owed = container.NewVBox()
	s.overdue = container.NewVBox()
	people := container.NewGridWithColumns(2,
		widget.NewCard("You owe", "You read more from them than you passed to them", s.owed),
		widget.NewCard("Not in touch for too long", "Longer than four times their cadence", s.overdue),
	)
	head := container.NewBorder(nil, nil, nil, container.NewHBox(widget.NewLabel("Over the last"), s.period), s.summary)
	body := container.NewVBox(head, legend, rows, people)
	s.main = container.NewVScroll(container.NewPadded(body))
	s.content = container.NewStack(s.empty)
	return s
}

func (s *flowScreen) onPeriod(label string) {
	for _, p := range flowPeriods {
		if p.label == label && p.weeks != s.weeks {
			s.weeks = p.weeks
			s.reload(s.sum)
		}
	}
}

// onHover says what happened in one week of a circle's chart (-1: the
// pointer left it).
func (s *flowScreen) onHover(k model.Circle, week int) {
	if week < 0 || week >= len(s.report.Weeks) {
		s.hover.SetText("")
		return
	}
	for _, c := range s.report.Circles {
		if c.Circle == k {
			s.hover.SetText(fmt.Sprintf("%s, week of %s: passed on %d, read %d",
				k.Title(), s.report.Weeks[week].Format("2 Jan"), c.Given[week], c.Received[week]))
		}
	}
}

// reload reads the flow of the chosen period and shows it, or the empty
// state when there is no one and nothing shared. The report is read in
// the background; until it comes the section shows what it showed.
func (s *flowScreen) reload(sum store.Summary) {
	s.sum = sum
	if sum.Contacts == 0 && sum.Shares == 0 {
		showOnly(s.content, s.empty)
		return
	}
	weeks := s.weeks
	s.app.withFlowReport(weeks, func(r flow.Report, err error) {
		if weeks != s.weeks {
			return // another period was chosen meanwhile
		}
		if err != nil {
			s.app.showError(err)
			return
		}
		s.show(r)
		showOnly(s.content, s.main)
	})
}

// flowWaiters are the callers waiting for one period's report.
type flowWaiters struct {
	gen   int // the reload the report is read for
	calls []func(flow.Report, error)
}

// withFlowReport calls f on the UI goroutine with the flow over the last
// weeks as of now: at once when this reload has read it already (Reload
// and opening Flow empty the cache), else when the background read ends.
// The Flow and People sections share one read per reload and period. A
// read that a newer reload has overtaken is dropped, and its callers with
// it: the newer reload asks again.
func (u *App) withFlowReport(weeks int, f func(flow.Report, error)) {
	if r, ok := u.flowReports[weeks]; ok {
		f(r, nil)
		return
	}
	if w, ok := u.flowPending[weeks]; ok && w.gen == u.flowGen {
		w.calls = append(w.calls, f)
		return
	}
	if u.flowPending == nil {
		u.flowPending = map[int]*flowWaiters{}
	}
	gen := u.flowGen
	u.flowPending[weeks] = &flowWaiters{gen: gen, calls: []func(flow.Report, error){f}}
	now := u.now()
	u.background(func(ctx context.Context) {
		ctx, cancel := context.WithTimeout(ctx, 30*time.Second)
		defer cancel()
		in, err := u.flowSt.FlowInput(ctx, now, weeks)
		var r flow.Report
		if err == nil {
			r = flow.Build(in)
		}
		u.do(func() {
			w := u.flowPending[weeks]
			if w == nil || w.gen != gen || u.flowGen != gen {
				return // overtaken by a newer reload
			}
			delete(u.flowPending, weeks)
			if err == nil {
				if u.flowReports == nil {
					u.flowReports = map[int]flow.Report{}
				}
				u.flowReports[weeks] = r
			}
			for _, call := range w.calls {
				call(r, err)
			}
		})
	})
}

// dropFlowReports forgets the reports read so far, and any read under
// way: the store changed.
func (u *App) dropFlowReports() {
	u.flowReports = nil
	u.flowGen++
}

// show puts a report on screen.
func (s *flowScreen) show(r flow.Report) {
	s.report = r
	s.summary.SetText(r.Summary)
	// One scale for every circle, so that their bars compare.
	top := 1
	for _, c := range r.Circles {
		for i := range c.Given {
			top = max(top, c.Given[i], c.Received[i])
		}
	}
	for i, c := range r.Circles {
		if i < len(s.circles) {
			s.circles[i].show(c, top)
		}
	}
	s.axis.set(r.Weeks)
	var owed []flow.PersonFlow
	for _, p := range r.People {
		if p.Owed() > 0 {
			owed = append(owed, p)
		}
	}
	fillPeople(s.owed, owed, "No one: you pass on at least as much as you read from each person.", s.app.showIdeas, nil)
	fillPeople(s.overdue, r.Overdue, "No one: everyone has heard from you recently enough.", s.app.showIdeas, s.app.touchContact)
}

// maxFlowPeople bounds the rows of each people card.
const maxFlowPeople = 8

// fillPeople lists people, each with their circles next to their name
// and why, in c, an
// Ideas… button that calls ideas with the person and, when touch is set,
// an In touch button that calls it.
func fillPeople(c *fyne.Container, people []flow.PersonFlow, none string, ideas, touch func(model.Contact)) {
	c.Objects = nil
	if len(people) == 0 {
		l := widget.NewLabel(none)
		l.Wrapping = fyne.TextWrapWord
		l.Importance = widget.LowImportance
		c.Add(l)
	}
	for i, p := range people {
		if i == maxFlowPeople {
			more := widget.NewLabel(fmt.Sprintf("and %d more", len(people)-maxFlowPeople))
			more.Importance = widget.LowImportance
			c.Add(more)
			break
		}
		name := widget.NewLabelWithStyle(p.Contact.Name, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
		why := widget.NewLabel(p.Why)
		why.Wrapping = fyne.TextWrapWord
		why.Importance = widget.LowImportance
		contact := p.Contact
		btn := widget.NewButton("Ideas…", func() { ideas(contact) })
		btn.Importance = widget.LowImportance
		buttons := container.NewVBox(btn)
		if touch != nil {
			in := widget.NewButton("In touch", func() { touch(contact) })
			in.Importance = widget.LowImportance
			buttons.Add(in)
		}
		c.Add(container.NewBorder(nil, nil, nil, container.NewCenter(buttons),
			container.NewVBox(container.NewHBox(name, container.NewCenter(circleBadges(p.Contact))), why)))
	}
	c.Refresh()
}

// legendSwatch is a small square of colour c.
func legendSwatch(c color.Color) fyne.CanvasObject {
	r := canvas.NewRectangle(c)
	r.SetMinSize(fyne.NewSize(12, 12))
	return container.NewCenter(r)
}

// flowLabelWidth is the width of the circle names left of the charts.
const flowLabelWidth = 190

// circleFlowRow is one circle's line: its name, totals and weekly chart.
type circleFlowRow struct {
	box    *fyne.Container
	totals *widget.Label
	chart  *flowChart
}

func newCircleFlowRow(k model.Circle) *circleFlowRow {
	r := &circleFlowRow{totals: widget.NewLabel(""), chart: newFlowChart()}
	title := widget.NewLabelWithStyle(k.Title(), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	left := container.NewVBox(container.NewHBox(title, container.NewCenter(newPill(circleShort(k), circleColor(k)))), r.totals)
	r.box = container.NewBorder(nil, nil, container.NewGridWrap(fyne.NewSize(flowLabelWidth, left.MinSize().Height), left), nil, r.chart)
	return r
}

func (r *circleFlowRow) show(c flow.CircleFlow, top int) {
	r.totals.SetText(fmt.Sprintf("passed on %d · read %d", c.TotalGiven, c.TotalReceived))
	r.chart.set(c.Given, c.Received, top)
}

// flowChart draws two bars a week: what was passed on (up, in the primary
// colour) and what was read (down, greyed), on a common scale.
type flowChart struct {
	widget.BaseWidget
	given, received []int
	top             int // the count a full half-height bar stands for
	// onHover hears which week the pointer is over, -1 when it leaves.
	onHover func(week int)
}

// weekAt is the week under x, or -1.
func (c *flowChart) weekAt(x float32) int {
	n := len(c.given)
	x -= c.gutter()
	w := c.Size().Width - c.gutter()
	if n == 0 || w <= 0 || x < 0 || x >= w {
		return -1
	}
	return int(x / (w / float32(n)))
}

func (c *flowChart) MouseIn(e *desktop.MouseEvent)    { c.MouseMoved(e) }
func (c *flowChart) MouseMoved(e *desktop.MouseEvent) { c.hover(c.weekAt(e.Position.X)) }
func (c *flowChart) MouseOut()                        { c.hover(-1) }

func (c *flowChart) hover(week int) {
	if c.onHover != nil {
		c.onHover(week)
	}
}

func newFlowChart() *flowChart {
	c := &flowChart{}
	c.ExtendBaseWidget(c)
	return c
}

func (c *flowChart) set(given, received []int, top int) {
	c.given, c.received, c.top = given, received, max(top, 1)
	c.Refresh()
}

func (c *flowChart) CreateRenderer() fyne.WidgetRenderer {
	r := &flowChartRenderer{chart: c, axis: canvas.NewRectangle(theme.Color(theme.ColorNameSeparator))}
	for i := range r.scale {
		r.scale[i] = axisText("")
	}
	r.rebuild()
	return r
}

type flowChartRenderer struct {
	chart    *flowChart
	axis     *canvas.Rectangle
	up, down []*canvas.Rectangle
	// scale labels the axis: the top count passed on, 0, the top count read.
	scale   [3]*canvas.Text
	objects []fyne.CanvasObject
}

// rebuild makes one rectangle per week and direction.
func (r *flowChartRenderer) rebuild() {
	n := len(r.chart.given)
	for len(r.up) < n {
		r.up = append(r.up, canvas.NewRectangle(theme.Color(theme.ColorNamePrimary)))
		r.down = append(r.down, canvas.NewRectangle(readBarColor))
	}
	r.up, r.down = r.up[:n], r.down[:n]
	r.objects = []fyne.CanvasObject{r.axis, r.scale[0], r.scale[1], r.scale[2]}
	for i := 0; i < n; i++ {
		r.objects = append(r.objects, r.up[i], r.down[i])
	}
}

func (r *flowChartRenderer) Layout(size fyne.Size) {
	n := len(r.chart.given)
	mid := size.Height / 2
	g := r.chart.gutter()
	r.layoutScale(size, g)
	r.axis.Move(fyne.NewPos(g, mid))
	r.axis.Resize(fyne.NewSize(size.Width-g, 1))
	if n == 0 {
		return
	}
	top := max(r.chart.top, 1)
	slot := (size.Width - g) / float32(n)
	w := max(slot*0.6, 1)
	room := mid - 2
	for i := 0; i < n; i++ {
		x := g + float32(i)*slot + (slot-w)/2
		hu := room * float32(r.chart.given[i]) / float32(top)
		hd := room * float32(r.chart.received[i]) / float32(top)
		r.up[i].Move(fyne.NewPos(x, mid-hu))
		r.up[i].Resize(fyne.NewSize(w, hu))
		r.down[i].Move(fyne.NewPos(x, mid+1))
		r.down[i].Resize(fyne.NewSize(w, hd))
	}
}

func (r *flowChartRenderer) MinSize() fyne.Size {
	return fyne.NewSize(r.chart.gutter()+float32(4*max(len(r.chart.given), 1)), 64)
}

func (r *flowChartRenderer) Refresh() {
	r.axis.FillColor = theme.Color(theme.ColorNameSeparator)
	r.rebuild()
	for i := range r.up {
		r.up[i].FillColor = theme.Color(theme.ColorNamePrimary)
		r.down[i].FillColor = readBarColor
	}
	r.Layout(r.chart.Size())
	canvas.Refresh(r.chart)
}

func (r *flowChartRenderer) Objects() []fyne.CanvasObject { return r.objects }
func (r *flowChartRenderer) Destroy()                     {}
