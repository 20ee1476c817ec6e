package ui

import (
	"context"
	"errors"
	"fmt"
	"net/url"
	"sort"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

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

	name         *widget.Entry
	team         *widget.Check
	community    *widget.Check
	network      *widget.Check
	communities  *widget.Entry
	addCommunity *widget.Select
	emails       *widget.Entry
	mastodon     *widget.Entry
	website      *widget.Entry
	profiles     *widget.Entry
	interests    *widget.Entry
	role         *widget.Entry
	org          *widget.Entry
	tz           *widget.Entry // the zone, and the search over tzZones
	tzList       *widget.List
	tzShown      []string
	workStart    *widget.Entry
	workEnd      *widget.Entry
	cadence      *widget.Entry
	channel      *widget.Select
	notes        *widget.Entry
	feeds        *widget.Entry

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

	f.name = widget.NewEntry()
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

	f.communities = widget.NewEntry()
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

	f.emails = widget.NewEntry()
	f.emails.SetPlaceHolder("ana@example.org, a.costa@work.example")
	f.emails.SetText(strings.Join(c0.Emails, ", "))
	f.emails.Validator = listValidator(func(s string) error {
		_, err := model.NormalizeEmail(s)
		return err
	})
	f.mastodon = widget.NewEntry()
	f.mastodon.SetPlaceHolder("user@host")
	f.mastodon.SetText(strings.Join(handleValues(c0, model.HandleMastodon), ", "))
	f.mastodon.Validator = listValidator(func(s string) error {
		_, err := model.NormalizeMastodon(s)
		return err
	})
	f.website = widget.NewEntry()
	f.website.SetPlaceHolder("https://…")
	f.website.SetText(strings.Join(handleValues(c0, model.HandleWebsite), ", "))
	f.website.Validator = listValidator(httpValidator("website"))
	f.profiles = widget.NewEntry()
	f.profiles.SetPlaceHolder("LinkedIn, GitHub… profile URLs")
	f.profiles.SetText(strings.Join(handleValues(c0, model.HandleProfile), ", "))
	f.profiles.Validator = listValidator(httpValidator("profile"))

	f.interests = widget.NewEntry()
	f.interests.SetPlaceHolder("in your words: remote onboarding, pkm")
	f.interests.SetText(strings.Join(c0.Interests, ", "))
	f.role = widget.NewEntry()
	f.role.SetText(c0.Role)
	f.org = widget.NewEntry()
	f.org.SetText(c0.Organisation)

	f.tz = widget.NewEntry()
	f.tz.SetPlaceHolder("Search, e.g. Lisbon (empty: your own zone)")
	f.tz.SetText(c0.TimeZone)
	f.tz.Validator = zoneValidator
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

	f.workStart = widget.NewEntry()
	f.workStart.SetPlaceHolder("09:00")
	f.workStart.SetText(c0.WorkStart)
	f.workStart.Validator = clockValidator
	f.workEnd = widget.NewEntry()
	f.workEnd.SetPlaceHolder("17:00")
	f.workEnd.SetText(c0.WorkEnd)
	f.workEnd.Validator = clockValidator

	f.cadence = widget.NewEntry()
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

	f.notes = widget.NewMultiLineEntry()
	f.notes.Wrapping = fyne.TextWrapWord
	f.notes.SetMinRowsVisible(3)
	f.notes.SetPlaceHolder("What you know about them, what they care about")
	f.notes.SetText(c0.Notes)
	f.feeds = widget.NewMultiLineEntry()
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
	f.app.win.Canvas().Focus(f.name)
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
	if z, ok := canonicalZone(f.tz.Text); ok {
		c.TimeZone = z
	} else {
		c.TimeZone = f.tz.Text // Normalize says what is wrong with it
	}
	for _, k := range []struct {
		kind  string
		entry *widget.Entry
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
	for _, e := range []*widget.Entry{f.name} {
		if e.Validate() != nil {
			return e
		}
	}
	if len(f.circles()) == 0 {
		return f.team
	}
	for _, e := range []*widget.Entry{f.emails, f.mastodon, f.website, f.profiles, f.tz, f.workStart, f.workEnd, f.cadence, f.feeds} {
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

// filterZones lists the zones whose name holds every word of the entry.
func (f *contactForm) filterZones() {
	q := strings.ToLower(strings.TrimSpace(f.tz.Text))
	words := strings.Fields(strings.NewReplacer("_", " ", "/", " ").Replace(q))
	f.tzShown = f.tzShown[:0]
	for _, z := range tzZones {
		if strings.ToLower(z) == q {
			f.tzShown = append(f.tzShown[:0], z)
			break
		}
		name := strings.ToLower(strings.ReplaceAll(z, "_", " "))
		ok := true
		for _, w := range words {
			ok = ok && strings.Contains(name, w)
		}
		if ok {
			f.tzShown = append(f.tzShown, z)
		}
	}
	if f.tzList != nil {
		f.tzList.Refresh()
		f.tzList.ScrollToTop()
	}
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

func handleValues(c model.Contact, kind string) []string {
	var out []string
	for _, h := range c.Handles {
		if h.Kind == kind {
			out = append(out, h.Value)
		}
	}
	return out
}

func feedLines(s string) []string {
	var out []string
	for _, line := range strings.Split(s, "\n") {
		if line = strings.TrimSpace(line); line != "" {
			out = append(out, line)
		}
	}
	return out
}

// listValidator checks every part of a comma-separated list with check.
func listValidator(check func(string) error) fyne.StringValidator {
	return func(s string) error {
		for _, part := range model.SplitList(s) {
			if err := check(part); err != nil {
				return errors.New(friendlyError(err))
			}
		}
		return nil
	}
}

func httpValidator(what string) func(string) error {
	return func(s string) error {
		u, err := url.Parse(strings.TrimSpace(s))
		if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
			return fmt.Errorf("%s %q is not an http(s) URL", what, s)
		}
		return nil
	}
}

func clockValidator(s string) error {
	if strings.TrimSpace(s) == "" {
		return nil // the default
	}
	_, err := model.ParseClock(s)
	if err != nil {
		return errors.New(friendlyError(err))
	}
	return nil
}

// parseCadenceDays reads a number of days; empty is 0, the circle default.
func parseCadenceDays(s string) (time.Duration, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return 0, nil
	}
	d, err := strconv.ParseFloat(s, 64)
	if err != nil || d <= 0 || d > 3660 {
		return 0, fmt.Errorf("cadence %q is not a number of days like 7 (leave it empty for the circle default)", s)
	}
	return time.Duration(d * 24 * float64(time.Hour)).Round(time.Minute), nil
}

// formatDays is "every day", "every 7 days" or "every 12 hours".
func formatDays(d time.Duration) string {
	switch {
	case d == 24*time.Hour:
		return "every day"
	case d%(24*time.Hour) == 0:
		return fmt.Sprintf("every %d days", d/(24*time.Hour))
	case d < 24*time.Hour:
		return fmt.Sprintf("every %s hours", strconv.FormatFloat(d.Hours(), 'f', -1, 64))
	default:
		return fmt.Sprintf("every %s days", strconv.FormatFloat(d.Hours()/24, 'f', 1, 64))
	}
}

// friendlyError drops the package prefix ("model: ") and capitalises.
func friendlyError(err error) string {
	s := err.Error()
	for _, p := range []string{"model: ", "store: "} {
		s = strings.TrimPrefix(s, p)
	}
	if r, n := utf8.DecodeRuneInString(s); n > 0 && unicode.IsLower(r) {
		s = string(unicode.ToUpper(r)) + s[n:]
	}
	return s
}

// zoneValidator accepts an empty entry (the user's own zone) or a zone
// canonicalZone knows.
func zoneValidator(s string) error {
	if s = strings.TrimSpace(s); s == "" {
		return nil
	}
	if _, ok := canonicalZone(s); !ok {
		return fmt.Errorf("unknown time zone %q: pick one from the list", s)
	}
	return nil
}

// canonicalZone returns the IANA zone named s, matching the list's
// spelling case-insensitively; any other name time.LoadLocation accepts
// is taken as is.
func canonicalZone(s string) (string, bool) {
	s = strings.TrimSpace(s)
	if s == "" || s == "Local" {
		return "", false
	}
	for _, z := range tzZones {
		if strings.EqualFold(z, s) {
			s = z
			break
		}
	}
	if _, err := time.LoadLocation(s); err != nil {
		return "", false
	}
	return s, true
}

// zoneOffset is the zone's offset from UTC at t (the app's now), e.g.
// "UTC+05:30".
func zoneOffset(name string, t time.Time) string {
	loc, ok := model.LoadLocation(name)
	if !ok {
		return ""
	}
	_, off := t.In(loc).Zone()
	sign := "+"
	if off < 0 {
		sign, off = "-", -off
	}
	return fmt.Sprintf("UTC%s%02d:%02d", sign, off/3600, off/60%60)
}

// tzZones is a curated list of common IANA time zones, sorted; the form
// also accepts any other name time.LoadLocation knows.
var tzZones = func() []string {
	zs := []string{
		"UTC",
		"Africa/Abidjan", "Africa/Accra", "Africa/Addis_Ababa", "Africa/Algiers", "Africa/Cairo",
		"Africa/Casablanca", "Africa/Dakar", "Africa/Dar_es_Salaam", "Africa/Johannesburg", "Africa/Kampala",
		"Africa/Khartoum", "Africa/Kinshasa", "Africa/Lagos", "Africa/Luanda", "Africa/Maputo",
		"Africa/Nairobi", "Africa/Tripoli", "Africa/Tunis", "Africa/Windhoek",
		"America/Anchorage", "America/Argentina/Buenos_Aires", "America/Asuncion", "America/Bogota",
		"America/Caracas", "America/Chicago", "America/Costa_Rica", "America/Denver", "America/Edmonton",
		"America/El_Salvador", "America/Guatemala", "America/Guayaquil", "America/Halifax", "America/Havana",
		"America/La_Paz", "America/Lima", "America/Los_Angeles", "America/Manaus", "America/Mexico_City",
		"America/Montevideo", "America/New_York", "America/Panama", "America/Phoenix", "America/Puerto_Rico",
		"America/Recife", "America/Regina", "America/Santiago", "America/Santo_Domingo", "America/Sao_Paulo",
		"America/St_Johns", "America/Toronto", "America/Vancouver", "America/Winnipeg",
		"Asia/Almaty", "Asia/Amman", "Asia/Baghdad", "Asia/Baku", "Asia/Bangkok", "Asia/Beirut",
		"Asia/Colombo", "Asia/Dhaka", "Asia/Dubai", "Asia/Ho_Chi_Minh", "Asia/Hong_Kong", "Asia/Jakarta",
		"Asia/Jerusalem", "Asia/Kabul", "Asia/Karachi", "Asia/Kathmandu", "Asia/Kolkata", "Asia/Kuala_Lumpur",
		"Asia/Manila", "Asia/Novosibirsk", "Asia/Qatar", "Asia/Riyadh", "Asia/Seoul", "Asia/Shanghai",
		"Asia/Singapore", "Asia/Taipei", "Asia/Tashkent", "Asia/Tbilisi", "Asia/Tehran", "Asia/Tokyo",
		"Asia/Ulaanbaatar", "Asia/Vladivostok", "Asia/Yangon", "Asia/Yekaterinburg", "Asia/Yerevan",
		"Atlantic/Azores", "Atlantic/Canary", "Atlantic/Cape_Verde", "Atlantic/Reykjavik",
		"Australia/Adelaide", "Australia/Brisbane", "Australia/Darwin", "Australia/Hobart",
		"Australia/Melbourne", "Australia/Perth", "Australia/Sydney",
		"Europe/Amsterdam", "Europe/Athens", "Europe/Belgrade", "Europe/Berlin", "Europe/Brussels",
		"Europe/Bucharest", "Europe/Budapest", "Europe/Copenhagen", "Europe/Dublin", "Europe/Helsinki",
		"Europe/Istanbul", "Europe/Kyiv", "Europe/Lisbon", "Europe/Ljubljana", "Europe/London",
		"Europe/Luxembourg", "Europe/Madrid", "Europe/Malta", "Europe/Minsk", "Europe/Moscow", "Europe/Oslo",
		"Europe/Paris", "Europe/Prague", "Europe/Riga", "Europe/Rome", "Europe/Sofia", "Europe/Stockholm",
		"Europe/Tallinn", "Europe/Vienna", "Europe/Vilnius", "Europe/Warsaw", "Europe/Zagreb", "Europe/Zurich",
		"Indian/Maldives", "Indian/Mauritius", "Indian/Reunion",
		"Pacific/Auckland", "Pacific/Chatham", "Pacific/Fiji", "Pacific/Guam", "Pacific/Honolulu",
		"Pacific/Port_Moresby", "Pacific/Tongatapu",
	}
	sort.Strings(zs)
	return zs
}()
