package ui

import (
	"context"
	"errors"
	"strconv"
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
)

// contactForm adds or edits one contact. It is a dialog with its own Save
// button, so a refused contact keeps the dialog open with the reason shown
// under the fields; submit does the work and tests call it directly.
type contactForm struct {
	app   *App
	store peopleStore   // the People section's
	orig  model.Contact // the contact being edited (ID 0 when adding)

	name         *escEntry
	team         *widget.Check
	community    *widget.Check
	network      *widget.Check
	communities  *escEntry
	addCommunity *widget.Select
	emails       *escEntry
	mastodon     *escEntry
	website      *escEntry
	profiles     *escEntry
	interests    *escEntry
	role         *escEntry
	org          *escEntry
	tz           *escEntry // the zone, and the search over tzZones
	tzList       *widget.List
	tzShown      []string
	workStart    *escEntry
	workEnd      *escEntry
	cadence      *escEntry
	channel      *widget.Select
	notes        *escEntry
	feeds        *escEntry

	errLabel *widget.Label
	saveBtn  *widget.Button
	// feedsLoading: the contact's feeds are being read; saving: the
	// contact is being stored. Save is off during either.
	feedsLoading, saving bool
	scroll               *container.Scroll
	content              fyne.CanvasObject
	dlg                  *dialog.CustomDialog

	// onSaved hears the stored contact's id after a successful save.
	onSaved func(id int64)
}

// channelLabels names the sharing channels in the form's Select.
var channelLabels = []struct {
	ch    model.Channel
	label string
}{
	{model.ChannelEmail, "E-mail"},
	{model.ChannelMastodon, "Mastodon"},
	{model.ChannelCopy, "Copy to clipboard"},
	{model.ChannelOther, "Other"},
}

func channelLabel(ch model.Channel) string {
	for _, c := range channelLabels {
		if c.ch == ch {
			return c.label
		}
	}
	return string(ch)
}

// newContactForm builds the form for c; nil adds a new contact.
func newContactForm(u *App, c *model.Contact) *contactForm {
	f := &contactForm{app: u, store: u.people.store}
	if c != nil {
		f.orig = *c
	}
	c0 := f.orig

	f.name = newEscEntry()
	f.name.SetPlaceHolder("Full name")
	f.name.SetText(c0.Name)
	f.name.Validator = func(s string) error {
		if strings.TrimSpace(s) == "" {
			return errors.New("a contact needs a name")
		}
		return nil
	}
	f.name.OnSubmitted = func(string) { f.onSave() }

	f.team = widget.NewCheck(model.CircleTeam.Title(), func(bool) { f.updateCadenceHint() })
	f.community = widget.NewCheck(model.CircleCommunity.Title(), func(bool) { f.updateCadenceHint() })
	f.network = widget.NewCheck(model.CircleNetwork.Title(), func(bool) { f.updateCadenceHint() })
	f.team.Checked = c0.InCircle(model.CircleTeam)
	f.community.Checked = c0.InCircle(model.CircleCommunity)
	f.network.Checked = c0.InCircle(model.CircleNetwork)

	f.communities = newEscEntry()
	f.communities.SetPlaceHolder("e.g. L&D Guild, PKM Circle")
	f.communities.SetText(strings.Join(c0.Communities, ", "))
	f.addCommunity = widget.NewSelect(nil, f.onAddCommunity)
	f.addCommunity.PlaceHolder = "Add existing…"
	f.addCommunity.Hide() // until the communities are read, if there are any
	u.people.communityNames(new(int), func(names []string) {
		f.addCommunity.SetOptions(names)
		if len(names) > 0 {
			f.addCommunity.Show()
		}
	})

	f.emails = newEscEntry()
	f.emails.SetPlaceHolder("ana@example.org, a.costa@work.example")
	f.emails.SetText(strings.Join(c0.Emails, ", "))
	f.emails.Validator = listValidator(func(s string) error {
		_, err := model.NormalizeEmail(s)
		return err
	})
	f.mastodon = newEscEntry()
	f.mastodon.SetPlaceHolder("user@host")
	f.mastodon.SetText(strings.Join(handleValues(c0, model.HandleMastodon), ", "))
	f.mastodon.Validator = listValidator(func(s string) error {
		_, err := model.NormalizeMastodon(s)
		return err
	})
	f.website = newEscEntry()
	f.website.SetPlaceHolder("https://…")
	f.website.SetText(strings.Join(handleValues(c0, model.HandleWebsite), ", "))
	f.website.Validator = listValidator(httpValidator("website"))
	f.profiles = newEscEntry()
	f.profiles.SetPlaceHolder("LinkedIn, GitHub… profile URLs")
	f.profiles.SetText(strings.Join(handleValues(c0, model.HandleProfile), ", "))
	f.profiles.Validator = listValidator(httpValidator("profile"))

	f.interests = newEscEntry()
	f.interests.SetPlaceHolder("in your words: remote onboarding, pkm")
	f.interests.SetText(strings.Join(c0.Interests, ", "))
	f.role = newEscEntry()
	f.role.SetText(c0.Role)
	f.org = newEscEntry()
	f.org.SetText(c0.Organisation)

	f.tz = newEscEntry()
	f.tz.SetPlaceHolder("Search, e.g. Lisbon (empty: your own zone)")
	f.tz.SetText(c0.TimeZone)
	f.tz.Validator = searchedZoneValidator
	f.tz.OnChanged = func(string) { f.filterZones() }
	f.tzList = widget.NewList(
		func() int { return len(f.tzShown) },
		func() fyne.CanvasObject {
			off := widget.NewLabel("UTC+00:00")
			off.Importance = widget.LowImportance
			return container.NewBorder(nil, nil, nil, off, widget.NewLabel("America/Argentina/Buenos_Aires"))
		},
		func(i widget.ListItemID, o fyne.CanvasObject) {
			c := o.(*fyne.Container)
			z := f.tzShown[i]
			c.Objects[0].(*widget.Label).SetText(z)
			c.Objects[1].(*widget.Label).SetText(zoneOffset(z, f.app.now()))
		},
	)
	f.tzList.OnSelected = func(i widget.ListItemID) {
		if i >= 0 && i < len(f.tzShown) {
			f.tz.SetText(f.tzShown[i])
		}
		f.tzList.UnselectAll()
	}
	f.filterZones()

	f.workStart = newEscEntry()
	f.workStart.SetPlaceHolder("09:00")
	f.workStart.SetText(c0.WorkStart)
	f.workStart.Validator = clockValidator
	f.workEnd = newEscEntry()
	f.workEnd.SetPlaceHolder("17:00")
	f.workEnd.SetText(c0.WorkEnd)
	f.workEnd.Validator = clockValidator

	f.cadence = newEscEntry()
	if c0.Cadence > 0 {
		f.cadence.SetText(strconv.FormatFloat(c0.Cadence.Hours()/24, 'f', -1, 64))
	}
	f.cadence.Validator = func(s string) error { _, err := parseCadenceDays(s); return err }
	f.updateCadenceHint()

	var opts []string
	for _, c := range channelLabels {
		opts = append(opts, c.label)
	}
	f.channel = widget.NewSelect(opts, nil)
	ch := c0.Channel
	if ch == "" {
		ch = model.ChannelEmail
	}
	f.channel.SetSelected(channelLabel(ch))

	f.notes = newEscMultiLineEntry()
	f.notes.Wrapping = fyne.TextWrapWord
	f.notes.SetMinRowsVisible(3)
	f.notes.SetPlaceHolder("What you know about them, what they care about")
	f.notes.SetText(c0.Notes)
	f.feeds = newEscMultiLineEntry()
	f.feeds.SetMinRowsVisible(2)
	f.feeds.SetPlaceHolder(feedsPlaceHolder)
	if len(c0.SourceIDs) > 0 {
		// The feeds they write are read on a worker; until they come the
		// field and Save wait, so neither what is typed nor the feeds
		// stored are lost.
		f.feedsLoading = true
		f.feeds.SetPlaceHolder("Reading their feeds…")
		f.feeds.Disable()
		f.feedURLs(c0.SourceIDs, func(urls []string) {
			f.feedsLoading = false
			f.feeds.SetPlaceHolder(feedsPlaceHolder)
			f.feeds.SetText(strings.Join(urls, "\n"))
			f.feeds.Enable()
			f.updateSave()
		})
	}
	f.feeds.Validator = func(s string) error {
		for _, line := range feedLines(s) {
			if err := httpValidator("feed")(line); err != nil {
				return err
			}
		}
		return nil
	}

	f.errLabel = widget.NewLabel("")
	f.errLabel.Importance = widget.DangerImportance
	f.errLabel.Wrapping = fyne.TextWrapWord
	f.errLabel.Hide()

	// The zone list keeps a few rows visible under its search entry.
	tzRows := canvas.NewRectangle(nil)
	tzRows.SetMinSize(fyne.NewSize(10, 132))
	tzBox := container.NewBorder(f.tz, nil, nil, nil, container.NewStack(tzRows, f.tzList))

	form := widget.NewForm(
		widget.NewFormItem("Name", f.name),
		widget.NewFormItem("Circles", container.NewHBox(f.team, f.community, f.network)),
		widget.NewFormItem("Communities", container.NewBorder(nil, nil, nil, f.addCommunity, f.communities)),
		widget.NewFormItem("E-mails", f.emails),
		widget.NewFormItem("Mastodon", f.mastodon),
		widget.NewFormItem("Website", f.website),
		widget.NewFormItem("Other profiles", f.profiles),
		widget.NewFormItem("Interests", f.interests),
		widget.NewFormItem("Role", f.role),
		widget.NewFormItem("Organisation", f.org),
		widget.NewFormItem("Time zone", tzBox),
		widget.NewFormItem("Working hours", container.NewGridWithColumns(2, f.workStart, f.workEnd)),
		widget.NewFormItem("Cadence (days)", f.cadence),
		widget.NewFormItem("Channel", f.channel),
		widget.NewFormItem("Notes", f.notes),
		widget.NewFormItem("Writes (feeds)", f.feeds),
	)
	form.Items[1].HintText = "at least one"
	form.Items[3].HintText = "comma separated"
	form.Items[11].HintText = "their local time, HH:MM to HH:MM"

	f.scroll = container.NewVScroll(container.New(layout.NewCustomPaddedLayout(0, 0, 0, theme.Padding()*3), form))
	f.scroll.SetMinSize(fyne.NewSize(560, 440))
	f.content = container.NewBorder(nil, f.errLabel, nil, nil, f.scroll)

	title := "Add person"
	if f.orig.ID != 0 {
		title = "Edit " + f.orig.Name
	}
	f.clearErrorsWhenFixed()
	f.dlg = dialog.NewCustomWithoutButtons(title, f.content, u.win)
	f.saveBtn = widget.NewButtonWithIcon("Save", theme.ConfirmIcon(), f.onSave)
	f.saveBtn.Importance = widget.HighImportance
	cancel := widget.NewButtonWithIcon("Cancel", theme.CancelIcon(), f.dlg.Hide)
	f.dlg.SetButtons([]fyne.CanvasObject{cancel, f.saveBtn})
	f.updateSave()
	return f
}

// show opens the form's dialog, sized to the window.
func (f *contactForm) show() {
	size := fyne.NewSize(660, 640)
	if ws := f.app.win.Canvas().Size(); ws.Height > 100 && ws.Height-40 < size.Height {
		size.Height = ws.Height - 40
	}
	f.dlg.Resize(size)
	f.dlg.Show()
	// dialogs.go: focus, Enter in a one-line field saves, Esc in any cancels.
	f.app.ownKeys(f.dlg, f.name, f.onSave, f.name, f.communities, f.emails, f.mastodon, f.website, f.profiles,
		f.interests, f.role, f.org, f.tz, f.workStart, f.workEnd, f.cadence, f.notes, f.feeds)
}

func (f *contactForm) onSave() { f.submit() }

// feedsPlaceHolder is the feeds field's hint.
const feedsPlaceHolder = "Feeds they write, one URL per line:\nhttps://example.org/feed.xml"

// updateSave offers Save unless the feeds are being read or a save is
// under way.
func (f *contactForm) updateSave() {
	if f.feedsLoading || f.saving {
		f.saveBtn.Disable()
	} else {
		f.saveBtn.Enable()
	}
}

// submit checks the form, then stores the contact on a worker; the form
// stays open, with Save off and saying so, until the store answers. A
// refused contact keeps the form open with the reason under the fields
// (and everything typed); a stored one closes it and reloads the window.
// submit returns the form's own refusal at once (nothing is stored then).
func (f *contactForm) submit() error {
	if f.feedsLoading || f.saving {
		return errors.New("the form is busy")
	}
	c, feeds, err := f.contact()
	if err != nil {
		f.showError(err)
		return err
	}
	f.saving = true
	f.saveBtn.SetText("Saving…")
	f.updateSave()
	async(f.app, f.store, nil, time.Minute, func(ctx context.Context, st peopleStore) (int64, error) {
		return st.SaveContact(ctx, c, feeds...)
	}, func(id int64, err error) {
		f.saving = false
		f.saveBtn.SetText("Save")
		f.updateSave()
		if err != nil {
			f.showError(err)
			return
		}
		f.errLabel.SetText("")
		f.errLabel.Hide()
		f.dlg.Hide()
		f.app.Reload()
		f.app.people.selectContact(id)
		if f.onSaved != nil {
			f.onSaved(id)
		}
	})
	return nil
}

// showError says under the fields why the contact was refused and shows
// the field at fault.
func (f *contactForm) showError(err error) {
	f.errLabel.SetText(friendlyError(err))
	f.errLabel.Show()
	f.reveal(f.invalidField())
}

// contact builds and checks the contact the form describes, with the feed
// URLs they write.
func (f *contactForm) contact() (model.Contact, []string, error) {
	c := model.Contact{
		ID:            f.orig.ID,
		LastContacted: f.orig.LastContacted,
		Name:          f.name.Text,
		Communities:   model.SplitList(f.communities.Text),
		Emails:        model.SplitList(f.emails.Text),
		Interests:     model.SplitList(f.interests.Text),
		Role:          f.role.Text,
		Organisation:  f.org.Text,
		WorkStart:     strings.TrimSpace(f.workStart.Text),
		WorkEnd:       strings.TrimSpace(f.workEnd.Text),
		Notes:         strings.TrimSpace(f.notes.Text),
	}
	if z, ok := searchedZone(f.tz.Text); ok {
		c.TimeZone = z
	} else {
		c.TimeZone = f.tz.Text // Normalize says what is wrong with it
	}
	for _, k := range []struct {
		kind  string
		entry *escEntry
	}{{model.HandleMastodon, f.mastodon}, {model.HandleWebsite, f.website}, {model.HandleProfile, f.profiles}} {
		for _, v := range model.SplitList(k.entry.Text) {
			c.Handles = append(c.Handles, model.Handle{Kind: k.kind, Value: v})
		}
	}
	c.Circles = f.circles()
	for _, x := range channelLabels {
		if x.label == f.channel.Selected {
			c.Channel = x.ch
		}
	}
	if err := c.Normalize(); err != nil {
		return c, nil, err
	}
	if len(c.Circles) == 0 {
		return c, nil, errors.New("pick at least one circle: Team, Community or Network")
	}
	d, err := parseCadenceDays(f.cadence.Text)
	if err != nil {
		return c, nil, err
	}
	c.Cadence = d
	feeds := feedLines(f.feeds.Text)
	for _, u := range feeds {
		if err := httpValidator("feed")(u); err != nil {
			return c, nil, err
		}
	}
	return c, feeds, nil
}

// invalidField is the first field that its own check refuses, if any.
func (f *contactForm) invalidField() fyne.Focusable {
	for _, e := range []*escEntry{f.name} {
		if e.Validate() != nil {
			return e
		}
	}
	if len(f.circles()) == 0 {
		return f.team
	}
	for _, e := range []*escEntry{f.emails, f.mastodon, f.website, f.profiles, f.tz, f.workStart, f.workEnd, f.cadence, f.feeds} {
		if e.Validate() != nil {
			return e
		}
	}
	return nil
}

// reveal scrolls the form to o and focuses it.
func (f *contactForm) reveal(o fyne.Focusable) {
	w, ok := o.(fyne.CanvasObject)
	if !ok {
		return
	}
	if d := fyne.CurrentApp().Driver(); d != nil && f.scroll.Content != nil {
		y := d.AbsolutePositionForObject(w).Y - d.AbsolutePositionForObject(f.scroll.Content).Y
		f.scroll.ScrollToOffset(fyne.NewPos(0, max(0, y-theme.Padding()*4)))
	}
	if c := f.app.win.Canvas(); c != nil {
		c.Focus(o)
	}
}

func (f *contactForm) circles() []model.Circle {
	var out []model.Circle
	for _, x := range []struct {
		k     model.Circle
		check *widget.Check
	}{{model.CircleTeam, f.team}, {model.CircleCommunity, f.community}, {model.CircleNetwork, f.network}} {
		if x.check.Checked {
			out = append(out, x.k)
		}
	}
	return out
}

// updateCadenceHint shows the circle default the empty cadence stands for.
func (f *contactForm) updateCadenceHint() {
	if f.cadence == nil {
		return
	}
	d := model.Contact{Circles: f.circles()}.EffectiveCadence()
	f.cadence.SetPlaceHolder("empty: the circle default, " + formatDays(d))
}

func (f *contactForm) onAddCommunity(name string) {
	if name == "" {
		return
	}
	have := model.SplitList(f.communities.Text)
	found := false
	for _, h := range have {
		found = found || strings.EqualFold(h, name)
	}
	if !found {
		f.communities.SetText(strings.Join(append(have, name), ", "))
	}
	f.addCommunity.ClearSelected()
}

// --- helpers ---

// communityNames reads the names of all communities on a worker, then
// calls apply with them on the UI goroutine, unless *gen moved on since.
// An error is logged and leaves the names as they were.
func (s *peopleScreen) communityNames(gen *int, apply func([]string)) {
	async(s.app, s.store, gen, 5*time.Second, func(ctx context.Context, st peopleStore) ([]string, error) {
		cs, err := st.Communities(ctx)
		out := make([]string, 0, len(cs))
		for _, c := range cs {
			out = append(out, c.Name)
		}
		return out, err
	}, func(names []string, err error) {
		if err != nil {
			fyne.LogError("loading communities", err)
			return
		}
		apply(names)
	})
}

// feedURLs reads the feed URLs of the given sources on a worker, then
// calls apply with them on the UI goroutine (the ones it could not read
// are left out, as before).
func (f *contactForm) feedURLs(ids []int64, apply func([]string)) {
	async(f.app, f.store, nil, 5*time.Second, func(ctx context.Context, st peopleStore) ([]string, error) {
		var out []string
		for _, id := range ids {
			if src, err := st.Source(ctx, id); err == nil {
				out = append(out, src.FeedURL)
			}
		}
		return out, nil
	}, func(urls []string, _ error) { apply(urls) })
}
