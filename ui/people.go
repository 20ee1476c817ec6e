package ui

import (
	"context"
	"fmt"
	"strings"
	"time"

	"fyne.io/fyne/v2"
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
	store   peopleStore
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

	// listGen is the listing asked last, commGen the community names,
	// pageGen the page's shares and feeds: older answers are dropped.
	listGen, commGen, pageGen int
	want                      int64         // select this contact once listed (selectContact)
	busy                      map[int64]int // writes under way per contact (their page's buttons are off)

	form      *contactForm          // the form last opened (tests)
	removeDlg *dialog.ConfirmDialog // the confirmation last asked (tests)
}

func newPeopleScreen(u *App, st peopleStore) *peopleScreen {
	s := &peopleScreen{app: u, store: st, busy: map[int64]int{}}
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
	s.touchBtn = widget.NewButtonWithIcon("In touch today", inTouchIcon(), func() {
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
	s.communityNames(&s.commGen, s.setCommunities)
}

// setCommunities makes names the community filter's options.
func (s *peopleScreen) setCommunities(names []string) {
	opts := append([]string{allCommunities}, names...)
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
	s.app.userActs()
	if !s.loading {
		s.reloadContacts()
	}
}

// reloadContacts lists the contacts the filters select, read on a worker
// (typing in the search box: the last filter asked wins), and keeps the
// shown contact selected while it is listed.
func (s *peopleScreen) reloadContacts() {
	f := s.filter()
	async(s.app, s.store, &s.listGen, 10*time.Second, func(ctx context.Context, st peopleStore) ([]model.Contact, error) {
		return st.Contacts(ctx, f)
	}, s.contactsLoaded)
}

// contactsLoaded shows the contacts listed, then selects the one asked
// for (selectContact), else keeps the one shown.
func (s *peopleScreen) contactsLoaded(cs []model.Contact, err error) {
	want := s.want
	s.want = 0
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
	if want == 0 && s.hasCurrent {
		want = s.current.ID
	}
	if i := s.indexOf(want); want != 0 && i >= 0 {
		s.selectIndex(i)
		return
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
// hide it; the next listing read selects it too (after a save, the one
// with what was saved).
func (s *peopleScreen) selectContact(id int64) {
	s.want = id
	if i := s.indexOf(id); i >= 0 {
		s.selectIndex(i)
		return
	}
	s.loading = true
	s.search.SetText("")
	s.circle.SetSelected(allCircles)
	s.community.SetSelected(allCommunities)
	s.loading = false
	s.reloadContacts()
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
		return // selected by the screen itself, not the user
	}
	s.app.userActs()
	c := s.contacts[i]
	s.showContact(&c)
}

// --- list ---

func (s *peopleScreen) listLength() int { return len(s.contacts) }

func (s *peopleScreen) listCreate() fyne.CanvasObject {
	name := newRowText("Contact name")
	name.TextStyle.Bold = true
	meta := newRowText("role · organisation")
	meta.Importance = widget.LowImportance
	right := container.New(layout.NewCustomPaddedLayout(0, 0, 0, theme.Padding()*2), container.NewCenter(circleColumns(model.Contact{})))
	return container.NewBorder(nil, nil, nil, right, container.NewVBox(name, meta))
}

func (s *peopleScreen) listUpdate(i widget.ListItemID, o fyne.CanvasObject) {
	if i < 0 || i >= len(s.contacts) {
		return
	}
	c := s.contacts[i]
	row := o.(*fyne.Container)
	text := row.Objects[0].(*fyne.Container)
	text.Objects[0].(*rowText).SetText(c.Name)
	text.Objects[1].(*rowText).SetText(contactSubtitle(c))
	badges := row.Objects[1].(*fyne.Container).Objects[0].(*fyne.Container).Objects[0].(*fyne.Container)
	fillCircleColumns(badges, c)
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
	s.app.ownKeys(s.removeDlg, nil, s.removeDlg.Confirm) // dialogs.go: Enter removes, Esc cancels
}

// touchContact records on a worker that the user was in touch with c now
// (outside Knowflow): the reminders and the suggestions' cadence take it
// from there. "In touch today" is off for c meanwhile.
func (u *App) touchContact(c model.Contact) {
	p := u.people
	p.busy[c.ID]++
	p.updateButtons()
	at := u.now()
	async(u, u.flowSt, nil, time.Minute, func(ctx context.Context, st flowStore) (struct{}, error) {
		return struct{}{}, st.TouchContact(ctx, c.ID, at)
	}, func(_ struct{}, err error) {
		p.done(c.ID)
		if err != nil {
			u.showError(err)
			return
		}
		u.Reload() // the page, the flow, the suggestions and the reminders
		if p.hasCurrent && p.current.ID == c.ID {
			p.selectContact(c.ID)
		}
	})
}

// remove deletes contact id on a worker; their page's buttons are off
// meanwhile.
func (s *peopleScreen) remove(id int64) {
	s.busy[id]++
	s.updateButtons()
	async(s.app, s.store, nil, time.Minute, func(ctx context.Context, st peopleStore) (struct{}, error) {
		return struct{}{}, st.DeleteContact(ctx, id)
	}, func(_ struct{}, err error) {
		s.done(id)
		if err != nil {
			s.app.showError(err)
			return
		}
		if s.current.ID == id {
			s.showContact(nil)
		}
		s.app.Reload()
	})
}

// done ends one write for contact id.
func (s *peopleScreen) done(id int64) {
	if s.busy[id]--; s.busy[id] <= 0 {
		delete(s.busy, id)
	}
	s.updateButtons()
}

// updateButtons turns the page's buttons off while a write for its
// contact is under way.
func (s *peopleScreen) updateButtons() {
	for _, b := range []*widget.Button{s.editBtn, s.touchBtn, s.removeBtn} {
		if s.hasCurrent && s.busy[s.current.ID] > 0 {
			b.Disable()
		} else {
			b.Enable()
		}
	}
}
