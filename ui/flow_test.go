package ui

import (
	"context"
	"strconv"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/test"

	"github.com/knowflow/knowflow/model"
	"github.com/knowflow/knowflow/model/store"
)

func TestFlowEmptyState(t *testing.T) {
	u, _, _ := newTestUI(t, Options{Section: SectionFlow})
	u.Reload()
	settle(t, u)
	if got := texts(u.flow.content); !strings.Contains(got, "No flow to show yet") {
		t.Fatalf("empty Flow section shows:\n%s", got)
	}
}

// flowFixture: Ana (team) writes a blog the user read 3 posts of and got 1
// share back; Bo (network) was last contacted 200 days ago.
func flowFixture(t *testing.T) (*App, time.Time) {
	t.Helper()
	now := time.Date(2026, 11, 26, 12, 0, 0, 0, time.UTC)
	a := test.NewTempApp(t)
	b := newBackend(t)
	ctx := context.Background()
	ana, err := b.SaveContact(ctx, model.Contact{Name: "Ana Costa", Circles: []model.Circle{model.CircleTeam}}, "https://ana.example/feed")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := b.SaveContact(ctx, model.Contact{Name: "Bo Chen", Circles: []model.Circle{model.CircleNetwork},
		Interests: []string{"knowledge sharing"}, LastContacted: now.Add(-200 * 24 * time.Hour)}); err != nil {
		t.Fatal(err)
	}
	c, _ := b.Contact(ctx, ana)
	var items []model.Item
	for i, key := range []string{"a", "b", "c"} {
		items = append(items, model.Item{DedupeKey: key, Title: "Post " + key, Text: "text",
			Published: now.Add(-time.Duration(i*8+1) * 24 * time.Hour)})
	}
	if _, err := b.SaveFetches(ctx, []store.FetchResult{{SourceID: c.SourceIDs[0], CheckedAt: now, Items: items}}); err != nil {
		t.Fatal(err)
	}
	all, _ := b.Items(ctx, store.ItemFilter{})
	for _, it := range all {
		b.SetRead(ctx, it.ID, true)
	}
	if _, err := b.RecordShare(ctx, model.Share{ItemID: all[0].ID, ContactID: ana, SharedAt: now.Add(-time.Hour)}); err != nil {
		t.Fatal(err)
	}
	// Unread, recent, and just what Bo cares about: an idea for him.
	if _, err := b.SaveFetches(ctx, []store.FetchResult{{SourceID: c.SourceIDs[0], CheckedAt: now, Items: []model.Item{{
		DedupeKey: "ks", Title: "Knowledge sharing in distributed teams", Text: "How knowledge sharing works when nobody shares an office.",
		Published: now.Add(-48 * time.Hour)}}}}); err != nil {
		t.Fatal(err)
	}
	u := testNew(t, a, b, Options{Section: SectionFlow, At: now})
	u.Window().Resize(fyne.NewSize(1000, 700))
	u.Reload()
	settle(t, u)
	return u, now
}

func TestFlowShowsCirclesAndPeople(t *testing.T) {
	u, _ := flowFixture(t)
	s := u.flow
	got := texts(s.content)
	for _, want := range []string{
		"In the last 12 weeks you passed on 1 share",
		"passed on 1 · read 3", // team
		"passed on 0 · read 0", // community and network
	} {
		if !strings.Contains(got, want) {
			t.Errorf("Flow section lacks %q:\n%s", want, got)
		}
	}
	if got := axisLabels(s.axis); len(got) != 12 || got[0].Text != "7 Sep" || got[11].Text != "this week" {
		t.Errorf("the time axis shows %d labels: %v", len(got), got)
	}
	if got := texts(s.owed); !strings.Contains(got, "Ana Costa") || !strings.Contains(got, "you read 3 of their posts and shared 1 item with them") {
		t.Errorf("You owe:\n%s", got)
	}
	if got := texts(s.overdue); !strings.Contains(got, "Bo Chen") || !strings.Contains(got, "last in touch 6 months ago") || strings.Contains(got, "Ana") {
		t.Errorf("Not in touch for too long:\n%s", got)
	}
	// The team chart: a bar up in this week (the share), bars down in the
	// three weeks with a post read, all on one scale.
	team := s.circles[0].chart
	r := test.WidgetRenderer(team).(*flowChartRenderer)
	n := len(r.up)
	if n != 12 {
		t.Fatalf("team chart has %d weeks, want 12", n)
	}
	if r.up[n-1].Size().Height <= 0 || r.up[n-2].Size().Height != 0 {
		t.Errorf("share bars: this week %v, last week %v", r.up[n-1].Size(), r.up[n-2].Size())
	}
	var down int
	for _, d := range r.down {
		if d.Size().Height > 0 {
			down++
		}
	}
	if down != 3 {
		t.Errorf("%d weeks with a read bar, want 3", down)
	}
	if r.up[n-1].Size().Height != r.down[n-1].Size().Height {
		t.Errorf("one share and one read in a week differ in height: %v vs %v", r.up[n-1].Size(), r.down[n-1].Size())
	}
}

func TestFlowPeriod(t *testing.T) {
	u, _ := flowFixture(t)
	s := u.flow
	s.period.SetSelected("4 weeks")
	if len(s.report.Weeks) != 4 || !strings.Contains(s.summary.Text, "In the last 4 weeks") {
		t.Fatalf("4 weeks: %d weeks, summary %q", len(s.report.Weeks), s.summary.Text)
	}
	if n := len(test.WidgetRenderer(s.circles[0].chart).(*flowChartRenderer).up); n != 4 {
		t.Errorf("chart has %d weeks after choosing 4", n)
	}
	// Sharing from elsewhere shows when the section is opened again.
	ctx := context.Background()
	all, _ := full(u).Items(ctx, store.ItemFilter{})
	cs, _ := full(u).Contacts(ctx, store.ContactFilter{})
	var bo int64
	for _, c := range cs {
		if c.Name == "Bo Chen" {
			bo = c.ID
		}
	}
	if _, err := full(u).RecordShare(ctx, model.Share{ItemID: all[1].ID, ContactID: bo, SharedAt: u.now()}); err != nil {
		t.Fatal(err)
	}
	u.ShowSection(SectionSeek)
	u.ShowSection(SectionFlow)
	settle(t, u)
	if !strings.Contains(s.summary.Text, "passed on 2 shares") {
		t.Errorf("after a new share: %q", s.summary.Text)
	}
	if strings.Contains(texts(s.overdue), "Bo Chen") {
		t.Errorf("Bo is still overdue after a share:\n%s", texts(s.overdue))
	}
}

// A person's page says what went each way with them lately.
func TestPeoplePageShowsFlow(t *testing.T) {
	u, _ := flowFixture(t)
	u.ShowSection(SectionPeople)
	ctx := context.Background()
	cs, _ := full(u).Contacts(ctx, store.ContactFilter{})
	for _, c := range cs {
		u.people.selectContact(c.ID)
		settle(t, u)
		got := texts(u.people.page)
		var want, not string
		switch c.Name {
		case "Ana Costa":
			want, not = "last 12 weeks: read 3 posts of theirs, passed on 1 item to them", "not in touch for too long"
		case "Bo Chen":
			want, not = "last 12 weeks: nothing passed on or read from them\nnot in touch for too long", "posts of theirs"
		}
		if !strings.Contains(got, want) || strings.Contains(got, not) {
			t.Errorf("%s's page lacks %q or has %q:\n%s", c.Name, want, not, got)
		}
	}
}

// Ideas… on someone not in touch for too long offers what to send them;
// Share… opens it on the Share page, where it is sent like any suggestion.
func TestFlowIdeasForSomeoneOverdue(t *testing.T) {
	u, _ := flowFixture(t)
	test.Tap(findButton(t, u.flow.overdue, "Ideas…"))
	settle(t, u)
	if u.ideasDlg == nil || topOverlay(u) == nil {
		t.Fatal("no Ideas dialog")
	}
	got := texts(topOverlay(u))
	if !strings.Contains(got, "Knowledge sharing in distributed teams") || !strings.Contains(got, "matches 'knowledge sharing'") {
		t.Fatalf("Ideas for Bo:\n%s", got)
	}
	test.Tap(findButton(t, topOverlay(u), "Share…"))
	settle(t, u)
	if u.Section() != SectionShare {
		t.Fatalf("Share… opened %q", u.Section())
	}
	if got := u.share.dKind.Text; got != "Share with Bo Chen (Network)" {
		t.Errorf("the Share page says %q", got)
	}
	if !strings.Contains(texts(u.share.content), "Knowledge sharing in distributed teams") {
		t.Errorf("the idea is not on the Share page:\n%s", texts(u.share.content))
	}
	// The engine had it in the list too: its row is the one shown.
	if !u.share.hasCur || u.share.idea || u.share.curRow < 0 {
		t.Errorf("the listed idea is not selected in the list: idea %v, row %d", u.share.idea, u.share.curRow)
	}
	test.Tap(findButton(t, u.share.content, "Mark shared"))
	settle(t, u)
	u.ShowSection(SectionFlow)
	settle(t, u)
	if got := texts(u.flow.overdue); strings.Contains(got, "Bo Chen") {
		t.Errorf("Bo is still overdue after the share:\n%s", got)
	}
	h, _ := full(u).History(context.Background(), store.HistoryFilter{})
	if len(h) != 2 || h[0].ContactName != "Bo Chen" || h[0].ItemTitle != "Knowledge sharing in distributed teams" {
		t.Errorf("history = %+v", h)
	}
}

// With nothing relevant, Ideas says why and what to do.
func TestFlowIdeasWhenNothingMatches(t *testing.T) {
	u, _ := flowFixture(t)
	cs, _ := full(u).Contacts(context.Background(), store.ContactFilter{})
	for _, c := range cs {
		if c.Name == "Ana Costa" {
			u.showIdeas(c)
		}
	}
	if got := texts(topOverlay(u)); !strings.Contains(got, "Nothing from the last two weeks matches what Ana Costa cares about. Add their interests") {
		t.Errorf("Ideas for Ana:\n%s", got)
	}
}

// An idea the list does not have (its slot is later than the window of
// the list, or it was computed before) is shown on its own and can be sent.
func TestShareShowsAnIdeaNotInTheList(t *testing.T) {
	u, now := flowFixture(t)
	u.share.setSuggestions(nil, u.prefs, now)
	cs, _ := full(u).Contacts(context.Background(), store.ContactFilter{})
	var bo model.Contact
	for _, c := range cs {
		if c.Name == "Bo Chen" {
			bo = c
		}
	}
	ideas, err := full(u).Ideas(context.Background(), u.now(), bo.ID, maxIdeas)
	if err != nil || len(ideas) != 1 {
		t.Fatalf("ideas for Bo: %v %v", ideas, err)
	}
	u.ShowSection(SectionShare)
	u.share.showIdea(ideas[0])
	settle(t, u)
	if !u.share.idea || u.share.curRow != -1 || u.share.dKind.Text != "Share with Bo Chen (Network)" {
		t.Fatalf("idea %v row %d page %q", u.share.idea, u.share.curRow, u.share.dKind.Text)
	}
	if !strings.Contains(texts(u.share.content), "Mark shared") {
		t.Fatalf("no page for the idea with no suggestions listed:\n%s", texts(u.share.content))
	}
	test.Tap(findButton(t, u.share.content, "Mark shared"))
	settle(t, u)
	h, _ := full(u).History(context.Background(), store.HistoryFilter{ContactID: bo.ID})
	if len(h) != 1 {
		t.Errorf("history with Bo = %+v", h)
	}
	if u.share.hasCur {
		t.Error("the page still shows the idea after it was shared")
	}
}

// Pointing at a week of a chart says what happened in it.
func TestFlowChartHover(t *testing.T) {
	u, _ := flowFixture(t)
	s := u.flow
	chart := s.circles[0].chart // team
	w := chart.Size().Width
	if w <= 0 {
		t.Fatal("the chart has no width")
	}
	chart.MouseIn(&desktop.MouseEvent{PointEvent: fyne.PointEvent{Position: fyne.NewPos(w-1, 10)}})
	if got := s.hover.Text; got != "Team, week of 23 Nov: passed on 1, read 1" {
		t.Errorf("hover on this week: %q", got)
	}
	chart.MouseMoved(&desktop.MouseEvent{PointEvent: fyne.PointEvent{Position: fyne.NewPos(chart.gutter()+1, 10)}})
	if got := s.hover.Text; got != "Team, week of 7 Sep: passed on 0, read 0" {
		t.Errorf("hover on the first week: %q", got)
	}
	chart.MouseOut()
	if s.hover.Text != "" {
		t.Errorf("hover text stays after the pointer left: %q", s.hover.Text)
	}
}

// In touch (Flow's overdue card, or a person's page) records a contact
// made outside Knowflow: the person is no longer overdue, and the tray
// follows.
func TestInTouchClearsOverdue(t *testing.T) {
	u, _ := flowFixture(t)
	m := u.TrayMenu()
	u.recomputeSuggestions()
	u.bg.Wait()
	if got := trayItem(t, m, "1 person").Label; got != "1 person to get back to" {
		t.Fatalf("tray says %q", got)
	}
	test.Tap(findButton(t, u.flow.overdue, "In touch"))
	settle(t, u)
	if got := texts(u.flow.overdue); strings.Contains(got, "Bo Chen") {
		t.Errorf("Bo is still overdue:\n%s", got)
	}
	if got := trayItem(t, m, "No one").Label; got != "No one to get back to" {
		t.Errorf("tray says %q after In touch", got)
	}
	cs, _ := full(u).Contacts(context.Background(), store.ContactFilter{})
	for _, c := range cs {
		if c.Name == "Bo Chen" && c.LastContacted.Before(u.now().Add(-time.Minute)) {
			t.Errorf("Bo's last contact = %v, want now (%v)", c.LastContacted, u.now())
		}
	}
	// The page's button does the same for anyone.
	u.ShowSection(SectionPeople)
	for _, c := range cs {
		if c.Name == "Ana Costa" {
			u.people.selectContact(c.ID)
			settle(t, u)
		}
	}
	test.Tap(findButton(t, u.people.page, "In touch today"))
	settle(t, u)
	if got := texts(u.people.page); !strings.Contains(got, u.now().Local().Format("Jan 2, 2006")) {
		t.Errorf("Ana's page does not show today as her last contact:\n%s", got)
	}
}

// What went to whom: the Share section's History… lists every share,
// and a person's page the ones with them.
func TestHistoryInTheWindow(t *testing.T) {
	u, _ := flowFixture(t)
	u.ShowSection(SectionShare)
	test.Tap(findButton(t, u.share.content, "History…"))
	settle(t, u)
	if u.share.historyDlg == nil || u.share.historyN != 1 {
		t.Fatalf("history lists %d shares", u.share.historyN)
	}
	got := texts(topOverlay(u))
	if !strings.Contains(got, "Post a") || !strings.Contains(got, "to Ana Costa") || !strings.Contains(got, "E-mail") {
		t.Errorf("History:\n%s", got)
	}
	u.share.historyDlg.Hide()
	u.ShowSection(SectionPeople)
	cs, _ := full(u).Contacts(context.Background(), store.ContactFilter{})
	for _, c := range cs {
		u.people.selectContact(c.ID)
		settle(t, u)
		page := texts(u.people.page)
		switch c.Name {
		case "Ana Costa":
			if !strings.Contains(page, "Passed on to them:") || !strings.Contains(page, "Post a") {
				t.Errorf("Ana's page:\n%s", page)
			}
		case "Bo Chen":
			if !strings.Contains(page, "Nothing yet.") {
				t.Errorf("Bo's page:\n%s", page)
			}
		}
	}
}

// The flow is read off the UI goroutine: until it comes, the section
// shows what it showed; a read that a newer reload overtook is dropped,
// and never answers for the newer one.
func TestFlowReadInTheBackground(t *testing.T) {
	u, _ := flowFixture(t)
	var queue []func(context.Context)
	u.spawn = func(job func(context.Context)) bool { queue = append(queue, job); return true }
	ctx := context.Background()
	before := texts(u.flow.content)
	u.Reload()
	settle(t, u)
	older := queue
	queue = nil
	if len(older) == 0 {
		t.Fatal("Reload read nothing in the background")
	}
	if got := texts(u.flow.content); got != before {
		t.Errorf("the section changed before the read ended:\n%s", got)
	}
	u.Reload() // a newer reload overtakes the first
	settle(t, u)
	newer := queue
	queue = nil
	for _, job := range older { // it answers with what the store held then
		job(ctx)
	}
	// Then the user shares, and the newer reload's read sees it.
	cs, _ := full(u).Contacts(ctx, store.ContactFilter{})
	items, _ := full(u).Items(ctx, store.ItemFilter{})
	for _, c := range cs {
		if c.Name == "Ana Costa" {
			if _, err := full(u).RecordShare(ctx, model.Share{ItemID: items[1].ID, ContactID: c.ID, SharedAt: u.now().Add(-time.Minute)}); err != nil {
				t.Fatal(err)
			}
		}
	}
	for _, job := range newer {
		job(ctx)
	}
	if got := texts(u.flow.content); !strings.Contains(got, "you passed on 2 shares") {
		t.Errorf("Flow shows an overtaken read:\n%s", got)
	}
	for len(queue) > 0 { // what the answers started (suggestions again)
		job := queue[0]
		queue = queue[1:]
		job(ctx)
	}
}

// The chart's axis carries its values (the top count each way, and 0), and
// the "read" bars are drawn in a colour of their own, not the disabled grey.
func TestFlowChartAxisValuesAndReadBars(t *testing.T) {
	u, _ := flowFixture(t)
	chart := u.flow.circles[0].chart
	var labels []string
	bars := 0
	for _, o := range test.WidgetRenderer(chart).Objects() {
		switch x := o.(type) {
		case *canvas.Text:
			labels = append(labels, x.Text)
		case *canvas.Rectangle:
			if x.FillColor == readBarColor && x.Size().Height > 0 {
				bars++
			}
		}
	}
	top := strconv.Itoa(chart.top)
	if strings.Join(labels, ",") != top+",0,"+top {
		t.Errorf("axis values %v, want %s, 0, %s", labels, top, top)
	}
	if bars == 0 {
		t.Error("no read bar drawn")
	}
	if chart.gutter() <= 0 || chart.weekAt(0) != -1 {
		t.Error("the bars overlap the axis values")
	}
}
