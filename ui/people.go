package ui

import (
	"context"
	"fmt"
	"image/color"
	"net/url"
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
	"github.com/knowflow/knowflow/model/flow"
	"github.com/knowflow/knowflow/model/store"
)

// Options of the People section's filters.
const (
	allCircles     = "All circles"
	allCommunities = "All communities"
)

// peopleScreen is the People section: contacts in three circles. The left
// pane lists and filters them, the right pane is the selected one's page.
type peopleScreen struct {
	app     *App
	content *fyne.Container
	empty   fyne.CanvasObject
	main    fyne.CanvasObject

	// left pane
	search    *widget.Entry
	circle    *widget.Select
	community *widget.Select
	count     *widget.Label
	list      *widget.List
	noMatch   *widget.Label
	contacts  []model.Contact
	total     int
	loading   bool // filters are being set from code: no reload per change
	selecting bool // the list is being selected from code

	// right pane: the contact page
	current    model.Contact
	hasCurrent bool
	page       *fyne.Container
	pageScroll *container.Scroll
	editBtn    *widget.Button
	touchBtn   *widget.Button // "In touch today"
	removeBtn  *widget.Button

	// flows is each person's flow over the last flow.DefaultWeeks weeks
	// (those with any), and overdue who has not heard from the user for too
	// long, as of the last reload.
	flows   map[int64]flow.PersonFlow
	overdue map[int64]bool

	form      *contactForm          // the form last opened (tests)
	removeDlg *dialog.ConfirmDialog // the confirmation last asked (tests)
}

func newPeopleScreen(u *App) *peopleScreen {
	s := &peopleScreen{app: u}
	s.empty = emptyState(theme.AccountIcon(), "No people yet",
		"Add the people you learn with, in three circles: your team, your communities of practice and your loose network, or import them from a vCard file, LinkedIn's Connections.csv or Mastodon's follows export. Knowflow then suggests with whom to share what you read.",
		widget.NewButtonWithIcon("Add person…", theme.ContentAddIcon(), s.onAdd),
		widget.NewButtonWithIcon("Import contacts…", theme.FolderOpenIcon(), u.onImportContacts),
	)

	addBtn := widget.NewButtonWithIcon("Add person…", theme.ContentAddIcon(), s.onAdd)
	s.count = widget.NewLabel("")
	s.count.Importance = widget.LowImportance
	s.count.Alignment = fyne.TextAlignTrailing

	s.search = widget.NewEntry()
	s.search.SetPlaceHolder("Search name, e-mail, handle, role, interest")
	s.search.OnChanged = func(string) { s.onFilterChanged() }
	s.search.ActionItem = widget.NewButtonWithIcon("", theme.CancelIcon(), func() { s.search.SetText("") })

	circles := []string{allCircles}
	for _, k := range model.Circles {
		circles = append(circles, k.Title())
	}
	s.circle = widget.NewSelect(circles, func(string) { s.onFilterChanged() })
	s.community = widget.NewSelect([]string{allCommunities}, func(string) { s.onFilterChanged() })
	s.loading = true
	s.circle.SetSelected(allCircles)
	s.community.SetSelected(allCommunities)
	s.loading = false

	s.list = widget.NewList(s.listLength, s.listCreate, s.listUpdate)
	s.list.OnSelected = s.onSelected
	s.noMatch = widget.NewLabel("No one matches these filters.")
	s.noMatch.Alignment = fyne.TextAlignCenter
	s.noMatch.Importance = widget.LowImportance
	s.noMatch.Hide()

	s.editBtn = widget.NewButtonWithIcon("Edit…", theme.DocumentCreateIcon(), s.onEdit)
	s.removeBtn = widget.NewButtonWithIcon("Remove", theme.DeleteIcon(), s.onRemove)
	s.touchBtn = widget.NewButtonWithIcon("In touch today", theme.ConfirmIcon(), func() {
		if s.hasCurrent {
			s.app.touchContact(s.current)
		}
	})
	s.page = container.NewVBox()
	s.pageScroll = container.NewVScroll(container.NewPadded(s.page))
	s.showContact(nil)

	importBtn := widget.NewButtonWithIcon("Import…", theme.FolderOpenIcon(), u.onImportContacts)
	toolbar := container.NewBorder(nil, nil, container.NewHBox(addBtn, importBtn), nil, s.count)
	filters := container.NewGridWithColumns(2, s.circle, s.community)
	left := container.NewBorder(container.NewVBox(toolbar, s.search, filters), nil, nil, nil,
		container.NewStack(s.list, container.NewVBox(s.noMatch)))
	split := container.NewHSplit(left, s.pageScroll)
	split.Offset = 0.38
	s.main = split
	s.content = container.NewStack(s.empty)
	return s
}

func (s *peopleScreen) ctx() (context.Context, context.CancelFunc) {
	return s.app.ctx(10 * time.Second)
}

func (s *peopleScreen) reload(sum store.Summary) {
	s.total = sum.Contacts
	if sum.Contacts == 0 {
		s.contacts = nil
		s.list.UnselectAll()
		s.list.Refresh()
		s.showContact(nil)
		showOnly(s.content, s.empty)
		return
	}
	showOnly(s.content, s.main)
	s.reloadFlows()
	s.reloadCommunities()
	s.reloadContacts()
}

// reloadFlows works out what went each way with each person lately, in
// the background, and shows it on the person's page when it comes.
func (s *peopleScreen) reloadFlows() {
	s.app.withFlowReport(flow.DefaultWeeks, func(r flow.Report, err error) {
		if err != nil {
			s.app.showError(err)
			return
		}
		s.flows, s.overdue = map[int64]flow.PersonFlow{}, map[int64]bool{}
		for _, p := range r.People {
			s.flows[p.Contact.ID] = p
		}
		for _, p := range r.Overdue {
			s.overdue[p.Contact.ID] = true
		}
		if s.hasCurrent {
			c := s.current
			s.showContact(&c)
		}
	})
}

// flowLine says what went each way with c lately.
func (s *peopleScreen) flowLine(c model.Contact) string {
	line := "nothing passed on or read from them"
	if p, ok := s.flows[c.ID]; ok {
		var parts []string
		if p.Received > 0 {
			parts = append(parts, "read "+plural(p.Received, "post", "posts")+" of theirs")
		}
		if p.Given > 0 {
			parts = append(parts, "passed on "+plural(p.Given, "item", "items")+" to them")
		} else {
			parts = append(parts, "passed nothing back")
		}
		line = strings.Join(parts, ", ")
	}
	line = fmt.Sprintf("last %d weeks: %s", flow.DefaultWeeks, line)
	if s.overdue[c.ID] {
		line += "\nnot in touch for too long: they may like to hear from you"
	}
	return line
}

// reloadCommunities refreshes the community filter's options, keeping the
// chosen one while it exists.
func (s *peopleScreen) reloadCommunities() {
	opts := append([]string{allCommunities}, s.app.communityNames()...)
	keep := allCommunities
	for _, o := range opts {
		if o == s.community.Selected {
			keep = o
		}
	}
	s.loading = true
	s.community.SetOptions(opts)
	s.community.SetSelected(keep)
	s.loading = false
}

func (s *peopleScreen) filter() store.ContactFilter {
	f := store.ContactFilter{Query: strings.TrimSpace(s.search.Text)}
	if k, err := model.ParseCircle(s.circle.Selected); err == nil {
		f.Circle = k
	}
	if c := s.community.Selected; c != "" && c != allCommunities {
		f.Community = c
	}
	return f
}

func (s *peopleScreen) onFilterChanged() {
	if !s.loading {
		s.reloadContacts()
	}
}

// reloadContacts lists the contacts the filters select and keeps the
// shown contact selected while it is listed.
func (s *peopleScreen) reloadContacts() {
	ctx, cancel := s.ctx()
	defer cancel()
	cs, err := s.app.store.Contacts(ctx, s.filter())
	if err != nil {
		s.app.showError(err)
		return
	}
	s.contacts = cs
	if len(cs) == s.total {
		s.count.SetText(plural(len(cs), "person", "people"))
	} else {
		s.count.SetText(fmt.Sprintf("%d of %s", len(cs), plural(s.total, "person", "people")))
	}
	if len(cs) == 0 {
		s.noMatch.Show()
	} else {
		s.noMatch.Hide()
	}
	s.list.UnselectAll()
	s.list.Refresh()
	if s.hasCurrent {
		if i := s.indexOf(s.current.ID); i >= 0 {
			s.selectIndex(i)
			return
		}
	}
	s.showContact(nil)
}

func plural(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return fmt.Sprintf("%d %s", n, many)
}

func (s *peopleScreen) indexOf(id int64) int {
	for i, c := range s.contacts {
		if c.ID == id {
			return i
		}
	}
	return -1
}

// selectContact shows the contact with id, clearing the filters when they
// hide it.
func (s *peopleScreen) selectContact(id int64) {
	i := s.indexOf(id)
	if i < 0 {
		s.loading = true
		s.search.SetText("")
		s.circle.SetSelected(allCircles)
		s.community.SetSelected(allCommunities)
		s.loading = false
		s.reloadContacts()
		i = s.indexOf(id)
	}
	if i >= 0 {
		s.selectIndex(i)
	}
}

func (s *peopleScreen) selectIndex(i int) {
	s.selecting = true
	s.list.Select(i)
	s.list.ScrollTo(i)
	s.selecting = false
	c := s.contacts[i]
	s.showContact(&c)
}

func (s *peopleScreen) onSelected(i widget.ListItemID) {
	if s.selecting || i < 0 || i >= len(s.contacts) {
		return
	}
	c := s.contacts[i]
	s.showContact(&c)
}

// --- list ---

func (s *peopleScreen) listLength() int { return len(s.contacts) }

func (s *peopleScreen) listCreate() fyne.CanvasObject {
	name := widget.NewLabelWithStyle("Contact name", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	name.Truncation = fyne.TextTruncateEllipsis
	meta := widget.NewLabel("role · organisation")
	meta.Importance = widget.LowImportance
	meta.Truncation = fyne.TextTruncateEllipsis
	badges := container.NewHBox()
	for _, k := range model.Circles {
		badges.Add(newCircleBadge(k))
	}
	right := container.New(layout.NewCustomPaddedLayout(0, 0, 0, theme.Padding()*2), container.NewCenter(badges))
	return container.NewBorder(nil, nil, nil, right, container.NewVBox(name, meta))
}

func (s *peopleScreen) listUpdate(i widget.ListItemID, o fyne.CanvasObject) {
	if i < 0 || i >= len(s.contacts) {
		return
	}
	c := s.contacts[i]
	row := o.(*fyne.Container)
	text := row.Objects[0].(*fyne.Container)
	text.Objects[0].(*widget.Label).SetText(c.Name)
	text.Objects[1].(*widget.Label).SetText(contactSubtitle(c))
	badges := row.Objects[1].(*fyne.Container).Objects[0].(*fyne.Container).Objects[0].(*fyne.Container)
	for _, b := range badges.Objects {
		b := b.(*circleBadge)
		b.setOn(c.InCircle(b.circle))
	}
}

// contactSubtitle is "Role · Organisation", else their communities, else
// their first e-mail.
func contactSubtitle(c model.Contact) string {
	var parts []string
	for _, p := range []string{c.Role, c.Organisation} {
		if p != "" {
			parts = append(parts, p)
		}
	}
	switch {
	case len(parts) > 0:
		return strings.Join(parts, " · ")
	case len(c.Communities) > 0:
		return strings.Join(c.Communities, ", ")
	case len(c.Emails) > 0:
		return c.Emails[0]
	}
	return ""
}

// --- contact page ---

func (s *peopleScreen) showContact(c *model.Contact) {
	if c == nil {
		s.hasCurrent = false
		s.current = model.Contact{}
		head := widget.NewLabelWithStyle("No one selected", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
		hint := widget.NewLabel("Pick a person on the left to see their page: how to reach them, what they care about and what they write.")
		hint.Wrapping = fyne.TextWrapWord
		hint.Importance = widget.LowImportance
		s.page.Objects = []fyne.CanvasObject{head, hint}
		s.page.Refresh()
		return
	}
	s.current, s.hasCurrent = *c, true

	name := widget.NewLabelWithStyle(c.Name, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	name.SizeName = theme.SizeNameSubHeadingText
	name.Wrapping = fyne.TextWrapWord
	badges := container.NewHBox()
	for _, k := range c.Circles {
		b := newCircleBadge(k)
		b.setOn(true)
		badges.Add(b)
	}
	sub := widget.NewLabel(contactSubtitle(*c))
	sub.Importance = widget.LowImportance
	sub.Truncation = fyne.TextTruncateEllipsis
	inset := theme.Size(theme.SizeNameInnerPadding)
	header := container.NewBorder(nil, nil,
		container.New(layout.NewCustomPaddedLayout(0, 0, inset, 0), container.NewCenter(badges)), nil, sub)
	actions := container.NewHBox(s.editBtn, s.touchBtn, s.removeBtn)

	details := container.New(layout.NewFormLayout())
	row := func(label string, value fyne.CanvasObject) {
		l := widget.NewLabelWithStyle(label, fyne.TextAlignTrailing, fyne.TextStyle{Bold: true})
		details.Add(l)
		details.Add(value)
	}
	text := func(s string) *widget.Label {
		l := widget.NewLabel(s)
		l.Wrapping = fyne.TextWrapWord
		return l
	}
	var circles []string
	for _, k := range c.Circles {
		circles = append(circles, k.Title())
	}
	row("Circles", text(orNone(strings.Join(circles, ", "))))
	if len(c.Communities) > 0 {
		row("Communities", text(strings.Join(c.Communities, ", ")))
	}
	if len(c.Emails) > 0 {
		l := text(strings.Join(c.Emails, "\n"))
		l.Selectable = true
		row(pluralWord(len(c.Emails), "E-mail", "E-mails"), l)
	}
	for _, h := range []struct{ kind, label string }{
		{model.HandleMastodon, "Mastodon"}, {model.HandleWebsite, "Website"}, {model.HandleProfile, "Profile"},
	} {
		vals := handleValues(*c, h.kind)
		if len(vals) == 0 {
			continue
		}
		box := container.NewVBox()
		for _, v := range vals {
			shown, link := v, v
			if h.kind == model.HandleMastodon {
				shown, link = "@"+v, mastodonURL(v)
			}
			box.Add(s.link(shown, link))
		}
		row(pluralWord(len(vals), h.label, h.label+"s"), box)
	}
	if len(c.Interests) > 0 {
		row("Interests", text(strings.Join(c.Interests, ", ")))
	}
	now := s.app.now()
	row("Time zone", text(zoneLine(c.TimeZone, now)))
	row("Working hours", text(hoursLine(*c, now)))
	cadence := formatDays(c.EffectiveCadence())
	if c.Cadence == 0 {
		cadence += " (circle default)"
	}
	row("Share at most", text(cadence))
	row("Channel", text(channelLabel(c.Channel)))
	last := "never"
	if !c.LastContacted.IsZero() {
		last = c.LastContacted.Local().Format("Jan 2, 2006")
	}
	row("Last contacted", text(last))
	row("Flow", text(s.flowLine(*c)))

	objs := []fyne.CanvasObject{name, header, actions, widget.NewSeparator(), details}
	if c.Notes != "" {
		objs = append(objs, widget.NewSeparator(), heading("Notes"), text(c.Notes))
	}
	objs = append(objs, widget.NewSeparator(), heading("Passed on to them:"))
	objs = append(objs, s.passedOn(*c)...)
	objs = append(objs, widget.NewSeparator(), heading("Writes:"))
	objs = append(objs, s.writes(*c)...)
	s.page.Objects = objs
	s.page.Refresh()
	s.pageScroll.ScrollToTop()
}

func heading(s string) *widget.Label {
	return widget.NewLabelWithStyle(s, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
}

func orNone(s string) string {
	if s == "" {
		return "none"
	}
	return s
}

func pluralWord(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}

// maxPassedOn is how many of the shares with a person their page lists.
const maxPassedOn = 10

// passedOn lists the last items shared with the contact, newest first.
func (s *peopleScreen) passedOn(c model.Contact) []fyne.CanvasObject {
	ctx, cancel := s.ctx()
	defer cancel()
	recs, err := s.app.store.History(ctx, store.HistoryFilter{ContactID: c.ID, Limit: maxPassedOn})
	if err != nil {
		fyne.LogError("loading what was shared with a contact", err)
	}
	if len(recs) == 0 {
		l := widget.NewLabel("Nothing yet.")
		l.Importance = widget.LowImportance
		return []fyne.CanvasObject{l}
	}
	var out []fyne.CanvasObject
	for _, h := range recs {
		title := h.ItemTitle
		if title == "" {
			title = "(untitled)"
		}
		d := widget.NewLabel(h.SharedAt.Local().Format("Jan 2") + " · " + channelLabel(h.Channel))
		d.Importance = widget.LowImportance
		out = append(out, container.NewBorder(nil, nil, widget.NewLabel("•"), d, s.link(title, h.ItemURL)))
	}
	return out
}

// writes lists the sources the contact writes with their recent items.
func (s *peopleScreen) writes(c model.Contact) []fyne.CanvasObject {
	if len(c.SourceIDs) == 0 {
		l := widget.NewLabel("No feeds linked yet. Use Edit… to add their blog or Mastodon feed.")
		l.Wrapping = fyne.TextWrapWord
		l.Importance = widget.LowImportance
		return []fyne.CanvasObject{l}
	}
	ctx, cancel := s.ctx()
	defer cancel()
	var out []fyne.CanvasObject
	for _, id := range c.SourceIDs {
		src, err := s.app.store.Source(ctx, id)
		if err != nil {
			fyne.LogError("loading a contact's source", err)
			continue
		}
		title := src.Title
		if title == "" {
			title = src.FeedURL
		}
		t := widget.NewLabelWithStyle(title, fyne.TextAlignLeading, fyne.TextStyle{Italic: true})
		t.Truncation = fyne.TextTruncateEllipsis
		out = append(out, t, s.link(src.FeedURL, src.FeedURL))
		items, err := s.app.store.Items(ctx, store.ItemFilter{SourceID: id, Limit: 5})
		if err != nil {
			fyne.LogError("loading a contact's items", err)
			continue
		}
		if len(items) == 0 {
			l := widget.NewLabel("No items yet: refresh in Seek.")
			l.Importance = widget.LowImportance
			out = append(out, l)
		}
		for _, it := range items {
			t := it.Title
			if t == "" {
				t = "(untitled)"
			}
			var date fyne.CanvasObject = layout.NewSpacer()
			if !it.Published.IsZero() {
				d := widget.NewLabel(it.Published.Local().Format("Jan 2"))
				d.Importance = widget.LowImportance
				date = d
			}
			out = append(out, container.NewBorder(nil, nil, widget.NewLabel("•"), date, s.link(t, it.Link)))
		}
	}
	return out
}

// link is a hyperlink to raw when it is an http(s) URL, else a label.
func (s *peopleScreen) link(text, raw string) fyne.CanvasObject {
	u, err := url.Parse(raw)
	if err != nil || !webURL(u) {
		l := widget.NewLabel(text)
		l.Truncation = fyne.TextTruncateEllipsis
		return l
	}
	h := widget.NewHyperlink(text, u)
	h.Truncation = fyne.TextTruncateEllipsis
	h.OnTapped = func() { s.openLink(raw) }
	return h
}

func webURL(u *url.URL) bool {
	return u != nil && (u.Scheme == "http" || u.Scheme == "https") && u.Host != ""
}

// openLink opens raw in the browser, but only when it is http or https.
func (s *peopleScreen) openLink(raw string) {
	u, err := url.Parse(raw)
	if err != nil || !webURL(u) {
		return
	}
	if err := s.app.openURL(u); err != nil {
		s.app.showError(err)
	}
}

// mastodonURL is the profile page of user@host.
func mastodonURL(handle string) string {
	user, host, ok := strings.Cut(handle, "@")
	if !ok {
		return ""
	}
	return "https://" + host + "/@" + user
}

// zoneLine is "Europe/Lisbon (UTC+00:00), 14:05 there now" at now.
func zoneLine(zone string, now time.Time) string {
	if zone == "" {
		return "your own time zone"
	}
	loc, ok := model.LoadLocation(zone)
	if !ok {
		return zone
	}
	return fmt.Sprintf("%s (%s), %s there now", zone, zoneOffset(zone, now), now.In(loc).Format("15:04"))
}

// hoursLine is "09:00–17:00 their time, working now".
func hoursLine(c model.Contact, now time.Time) string {
	line := c.WorkStart + "–" + c.WorkEnd
	if c.TimeZone != "" {
		line += " their time"
	}
	start, err1 := model.ParseClock(c.WorkStart)
	end, err2 := model.ParseClock(c.WorkEnd)
	if err1 != nil || err2 != nil {
		return line
	}
	if c.TimeZone != "" {
		if loc, ok := model.LoadLocation(c.TimeZone); ok {
			now = now.In(loc)
		}
	}
	m := now.Hour()*60 + now.Minute()
	working := (start < end && m >= start && m < end) || (start > end && (m >= start || m < end))
	if working {
		return line + ", working now"
	}
	return line + ", off now"
}

// --- actions ---

func (s *peopleScreen) onAdd() {
	s.form = newContactForm(s.app, nil)
	s.form.show()
}

func (s *peopleScreen) onEdit() {
	if !s.hasCurrent {
		return
	}
	c := s.current
	s.form = newContactForm(s.app, &c)
	s.form.show()
}

func (s *peopleScreen) onRemove() {
	if !s.hasCurrent {
		return
	}
	c := s.current
	s.removeDlg = dialog.NewConfirm("Remove "+c.Name+"?",
		fmt.Sprintf("Remove %s from your network? The feeds they write stay in Seek.", c.Name),
		func(ok bool) {
			if ok {
				s.remove(c.ID)
			}
		}, s.app.win)
	s.removeDlg.SetConfirmText("Remove")
	s.removeDlg.SetDismissText("Cancel")
	s.removeDlg.SetConfirmImportance(widget.DangerImportance)
	s.removeDlg.Show()
}

// touchContact records that the user was in touch with c now (outside
// Knowflow): the reminders and the suggestions' cadence take it from
// there.
func (u *App) touchContact(c model.Contact) {
	ctx, cancel := u.ctx(10 * time.Second)
	defer cancel()
	if err := u.store.TouchContact(ctx, c.ID, u.now()); err != nil {
		u.showError(err)
		return
	}
	u.Reload() // the page, the flow, the suggestions and the reminders
	if u.people.hasCurrent && u.people.current.ID == c.ID {
		u.people.selectContact(c.ID)
	}
}

func (s *peopleScreen) remove(id int64) {
	ctx, cancel := s.ctx()
	defer cancel()
	if err := s.app.store.DeleteContact(ctx, id); err != nil {
		s.app.showError(err)
		return
	}
	if s.current.ID == id {
		s.showContact(nil)
	}
	s.app.Reload()
}

// --- circle badge ---

// pill is a small coloured tag with bold caption text.
type pill struct {
	widget.BaseWidget
	bg   *canvas.Rectangle
	text *canvas.Text
}

// newPill is a tag with white text on c.
func newPill(text string, c color.Color) *pill {
	p := &pill{}
	p.init(text, c, color.White)
	p.ExtendBaseWidget(p)
	return p
}

// init makes the pill's canvas objects; a widget embedding pill calls it,
// then ExtendBaseWidget on itself.
func (p *pill) init(text string, bg, fg color.Color) {
	p.bg = canvas.NewRectangle(bg)
	p.bg.CornerRadius = 4
	p.text = canvas.NewText(text, fg)
	p.text.TextStyle = fyne.TextStyle{Bold: true}
	p.text.TextSize = theme.Size(theme.SizeNameCaptionText)
	p.text.Alignment = fyne.TextAlignCenter
}

func (p *pill) CreateRenderer() fyne.WidgetRenderer {
	return widget.NewSimpleRenderer(container.NewStack(p.bg,
		container.New(layout.NewCustomPaddedLayout(2, 2, 6, 6), p.text)))
}

// circleBadge is a pill for a circle: TEAM, COP or NET. An "off" badge
// keeps its place but draws nothing, so the list's badges line up in
// columns.
type circleBadge struct {
	pill
	circle model.Circle
	on     bool
}

func newCircleBadge(k model.Circle) *circleBadge {
	b := &circleBadge{circle: k}
	b.init(circleShort(k), color.Transparent, color.Transparent)
	b.ExtendBaseWidget(b)
	return b
}

// setCircle turns the badge into k's, shown.
func (b *circleBadge) setCircle(k model.Circle) {
	if b.circle == k && b.on {
		return
	}
	b.circle = k
	b.text.Text = circleShort(k)
	b.on = false
	b.setOn(true)
}

// setOn shows or blanks the badge.
func (b *circleBadge) setOn(on bool) {
	if b.on == on && b.bg.FillColor != nil {
		return
	}
	b.on = on
	if on {
		b.bg.FillColor = circleColor(b.circle)
		b.text.Color = color.White
	} else {
		b.bg.FillColor = color.Transparent
		b.text.Color = color.Transparent
	}
	b.bg.Refresh()
	b.text.Refresh()
}

// circleShort is the badge text of a circle.
func circleShort(k model.Circle) string {
	switch k {
	case model.CircleTeam:
		return "TEAM"
	case model.CircleCommunity:
		return "COP"
	case model.CircleNetwork:
		return "NET"
	}
	return strings.ToUpper(string(k))
}

// circleColor is a circle's badge colour; white text reads on each, in the
// light and the dark theme.
func circleColor(k model.Circle) color.Color {
	switch k {
	case model.CircleTeam:
		return color.NRGBA{R: 0x25, G: 0x63, B: 0xeb, A: 0xff} // blue
	case model.CircleCommunity:
		return color.NRGBA{R: 0x04, G: 0x78, B: 0x57, A: 0xff} // green
	case model.CircleNetwork:
		return color.NRGBA{R: 0x7c, G: 0x3a, B: 0xed, A: 0xff} // violet
	}
	return color.NRGBA{R: 0x6b, G: 0x72, B: 0x80, A: 0xff}
}
