package ui

import (
	"context"
	"net/url"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/knowflow/knowflow/model"
	"github.com/knowflow/knowflow/model/store"
)

// seedPeople stores four contacts (not in name order) and links Ana to the
// "Team blog" source of seedReader, which has items.
func seedPeople(t *testing.T, b backend) {
	t.Helper()
	seedReader(t, b)
	ctx := context.Background()
	for _, x := range []struct {
		c     model.Contact
		feeds []string
	}{
		{c: model.Contact{Name: "Dara Okafor", Circles: []model.Circle{model.CircleNetwork, model.CircleTeam},
			Emails: []string{"dara@example.com"}, Role: "Engineering manager"}},
		{c: model.Contact{Name: "Chen Wei", Circles: []model.Circle{model.CircleNetwork},
			Emails: []string{"chen@example.net"}, Organisation: "Open University", Interests: []string{"learning analytics"}}},
		{c: model.Contact{Name: "Ana Costa", Circles: []model.Circle{model.CircleTeam, model.CircleCommunity},
			Communities: []string{"L&D Guild"}, Emails: []string{"ana@example.org"},
			Handles: []model.Handle{{Kind: model.HandleMastodon, Value: "ana@social.example"},
				{Kind: model.HandleWebsite, Value: "https://ana.example/"}},
			Interests: []string{"remote onboarding", "pkm"}, Role: "Learning designer", Organisation: "Acme",
			TimeZone: "Europe/Lisbon", Notes: "Met at the onboarding meetup."},
			feeds: []string{"https://team.example/feed"}},
		{c: model.Contact{Name: "Bruno Silva", Circles: []model.Circle{model.CircleCommunity},
			Communities: []string{"PKM Circle", "L&D Guild"}, Interests: []string{"zettelkasten"}, Cadence: 3 * 24 * time.Hour}},
	} {
		if _, err := b.SaveContact(ctx, x.c, x.feeds...); err != nil {
			t.Fatalf("seed %s: %v", x.c.Name, err)
		}
	}
}

func newPeopleUI(t *testing.T) (*App, backend) {
	t.Helper()
	a := test.NewTempApp(t)
	b := newBackend(t)
	seedPeople(t, b)
	u := testNew(t, a, b, Options{Section: SectionPeople})
	// The contact page says what time it is in a contact's zone and
	// whether they are working: a Thursday 10:00 UTC.
	u.now = func() time.Time { return remindNow }
	u.Window().Resize(fyne.NewSize(1100, 700))
	return u, b
}

// peopleTexts is texts plus hyperlinks and canvas texts (the badges).
func peopleTexts(o fyne.CanvasObject) string {
	var sb strings.Builder
	visit(o, func(o fyne.CanvasObject) bool {
		switch w := o.(type) {
		case *widget.Label:
			sb.WriteString(w.Text + "\n")
		case *rowText:
			sb.WriteString(w.Text + "\n")
			return false
		case *widget.Button:
			sb.WriteString("[" + w.Text + "]\n")
		case *widget.Hyperlink:
			sb.WriteString("<" + w.Text + ">\n")
			return false
		case *widget.RichText:
			sb.WriteString(w.String() + "\n")
		case *bodyText:
			sb.WriteString(w.String() + "\n")
			return false
		case *canvas.Text:
			sb.WriteString(w.Text + "\n")
		}
		return true
	})
	return sb.String()
}

func findHyperlink(t *testing.T, o fyne.CanvasObject, text string) *widget.Hyperlink {
	t.Helper()
	var found *widget.Hyperlink
	visit(o, func(o fyne.CanvasObject) bool {
		if h, ok := o.(*widget.Hyperlink); ok && h.Text == text && found == nil {
			found = h
		}
		return found == nil
	})
	if found == nil {
		t.Fatalf("no hyperlink %q in:\n%s", text, peopleTexts(o))
	}
	return found
}

func listed(s *peopleScreen) []string {
	var out []string
	for i := 0; i < s.listLength(); i++ {
		row := s.listCreate()
		s.listUpdate(i, row)
		out = append(out, row.(*fyne.Container).Objects[0].(*fyne.Container).Objects[0].(*rowText).Text)
	}
	return out
}

// rowBadges returns the badge texts drawn in the i-th row ("TEAM COP").
func rowBadges(s *peopleScreen, i int) string {
	row := s.listCreate()
	s.listUpdate(i, row)
	var on []string
	badges := row.(*fyne.Container).Objects[1].(*fyne.Container).Objects[0].(*fyne.Container).Objects[0].(*fyne.Container)
	for _, o := range badges.Objects {
		if b := o.(*circleBadge); b.on {
			if b.bg.FillColor != circleColor(b.circle) {
				t := b.text.Text
				return "wrong colour on " + t
			}
			on = append(on, b.text.Text)
		}
	}
	return strings.Join(on, " ")
}

// tapLink taps a hyperlink on its text (taps beside the text do nothing).
func tapLink(h *widget.Hyperlink) {
	test.TapAt(h, fyne.NewPos(theme.Size(theme.SizeNameInnerPadding)+4, h.MinSize().Height/2))
}

func topOverlay(u *App) fyne.CanvasObject { return u.Window().Canvas().Overlays().Top() }

func countContacts(t *testing.T, b backend) int {
	t.Helper()
	cs, err := b.Contacts(context.Background(), store.ContactFilter{})
	if err != nil {
		t.Fatal(err)
	}
	return len(cs)
}

func TestPeopleEmptyStateOpensForm(t *testing.T) {
	u, _, _ := newTestUI(t, Options{Section: SectionPeople})
	got := texts(u.people.content)
	if !strings.Contains(got, "No people yet") {
		t.Fatalf("People shows:\n%s", got)
	}
	test.Tap(findButton(t, u.people.content, "Add person…"))
	settle(t, u)
	o := topOverlay(u)
	if o == nil || u.people.form == nil {
		t.Fatal("Add person… opened no dialog")
	}
	if got := peopleTexts(o); !strings.Contains(got, "Add person") || !strings.Contains(got, "Time zone") {
		t.Errorf("dialog shows:\n%s", got)
	}
	if u.Window().Canvas().Focused() != u.people.form.name {
		t.Error("the name field is not focused")
	}
	test.Tap(findButton(t, o, "Cancel"))
	settle(t, u)
	if topOverlay(u) != nil {
		t.Error("Cancel left the dialog open")
	}
}

func TestPeopleListSortedWithBadges(t *testing.T) {
	u, _ := newPeopleUI(t)
	s := u.people
	if got := texts(s.content); strings.Contains(got, "No people yet") {
		t.Fatalf("People still shows the empty state:\n%s", got)
	}
	want := "Ana Costa,Bruno Silva,Chen Wei,Dara Okafor"
	if got := strings.Join(listed(s), ","); got != want {
		t.Fatalf("list = %s, want %s", got, want)
	}
	badges := []string{"TEAM COP", "COP", "NET", "TEAM NET"}
	for i, w := range badges {
		if got := rowBadges(s, i); got != w {
			t.Errorf("row %d badges = %q, want %q", i, got, w)
		}
	}
	row := s.listCreate()
	s.listUpdate(0, row)
	if got := peopleTexts(row); !strings.Contains(got, "Learning designer · Acme") {
		t.Errorf("Ana's row:\n%s", got)
	}
	if s.count.Text != "4 people" {
		t.Errorf("count = %q", s.count.Text)
	}
	// The three colours differ.
	if circleColor(model.CircleTeam) == circleColor(model.CircleCommunity) ||
		circleColor(model.CircleCommunity) == circleColor(model.CircleNetwork) ||
		circleColor(model.CircleTeam) == circleColor(model.CircleNetwork) {
		t.Error("circle colours are not distinct")
	}
	// The rendered list shows the rows, not just the model.
	if got := peopleTexts(s.list); !strings.Contains(got, "Ana Costa") || !strings.Contains(got, "TEAM") {
		t.Errorf("rendered list:\n%s", got)
	}
}

func TestPeopleSearchAndFilters(t *testing.T) {
	u, _ := newPeopleUI(t)
	s := u.people
	for _, c := range []struct{ q, want string }{
		{"zettel", "Bruno Silva"},       // interest
		{"acme", "Ana Costa"},           // organisation
		{"social.example", "Ana Costa"}, // handle
		{"example.net", "Chen Wei"},     // e-mail
		{"manager", "Dara Okafor"},      // role
		{"cost", "Ana Costa"},           // name
		{"nobody-at-all", ""},           // no match
		{"", "Ana Costa,Bruno Silva,Chen Wei,Dara Okafor"},
	} {
		s.search.SetText("")
		settle(t, u)
		test.Type(s.search, c.q)
		settle(t, u)
		if got := strings.Join(listed(s), ","); got != c.want {
			t.Errorf("search %q lists %q, want %q", c.q, got, c.want)
		}
	}
	test.Type(s.search, "nobody")
	settle(t, u)
	if !s.noMatch.Visible() || s.count.Text != "0 of 4 people" {
		t.Errorf("no-match state: %v %q", s.noMatch.Visible(), s.count.Text)
	}
	s.search.SetText("")
	settle(t, u)

	if got := strings.Join(s.community.Options, ","); got != "All communities,L&D Guild,PKM Circle" {
		t.Errorf("community options = %s", got)
	}
	s.circle.SetSelected("Network")
	settle(t, u)
	if got := strings.Join(listed(s), ","); got != "Chen Wei,Dara Okafor" {
		t.Errorf("network lists %s", got)
	}
	s.circle.SetSelected("Community")
	settle(t, u)
	if got := strings.Join(listed(s), ","); got != "Ana Costa,Bruno Silva" {
		t.Errorf("community circle lists %s", got)
	}
	s.circle.SetSelected(allCircles)
	settle(t, u)
	s.community.SetSelected("PKM Circle")
	settle(t, u)
	if got := strings.Join(listed(s), ","); got != "Bruno Silva" {
		t.Errorf("PKM Circle lists %s", got)
	}
	s.community.SetSelected("L&D Guild")
	settle(t, u)
	s.circle.SetSelected("Team")
	settle(t, u)
	if got := strings.Join(listed(s), ","); got != "Ana Costa" {
		t.Errorf("Team in L&D Guild lists %s", got)
	}
	if s.count.Text != "1 of 4 people" {
		t.Errorf("count = %q", s.count.Text)
	}
}

func TestPeopleContactPage(t *testing.T) {
	u, _ := newPeopleUI(t)
	s := u.people
	if got := peopleTexts(s.pageScroll); !strings.Contains(got, "No one selected") {
		t.Errorf("page before selecting:\n%s", got)
	}
	s.list.Select(0)
	settle(t, u)
	if !s.hasCurrent || s.current.Name != "Ana Costa" {
		t.Fatalf("selected %+v", s.current)
	}
	got := peopleTexts(s.pageScroll)
	for _, w := range []string{
		"Ana Costa", "TEAM", "COP", "Learning designer · Acme", "[Edit…]", "[Remove]",
		"Team, Community", "L&D Guild", "ana@example.org", "<@ana@social.example>", "<https://ana.example/>",
		"remote onboarding, pkm", "Europe/Lisbon (UTC+00:00), 10:00 there now", "09:00–17:00 their time, working now", "every day (circle default)",
		"E-mail", "Last contacted", "never", "Met at the onboarding meetup.",
		"Writes:", "Team blog", "<https://team.example/feed>",
		"<Post 4 about remote onboarding>", "<Post 0 about remote onboarding>",
	} {
		if !strings.Contains(got, w) {
			t.Errorf("page lacks %q:\n%s", w, got)
		}
	}
	if strings.Contains(got, "Knowledge gardens") {
		t.Error("page shows more than the 5 most recent items")
	}

	// Links open in the browser through u.openURL.
	var opened []string
	u.openURL = func(x *url.URL) error { opened = append(opened, x.String()); return nil }
	for _, l := range []string{"https://ana.example/", "@ana@social.example", "Post 4 about remote onboarding"} {
		tapLink(findHyperlink(t, s.pageScroll, l))
		settle(t, u) // links open on a worker (open.go)
	}
	want := "https://ana.example/ https://social.example/@ana https://team.example/post/4"
	if strings.Join(opened, " ") != want {
		t.Errorf("opened %v, want %s", opened, want)
	}
	s.openLink("javascript:alert(1)")
	s.openLink("file:///etc/passwd")
	if len(opened) != 3 {
		t.Errorf("unsafe link opened: %v", opened)
	}

	// Bruno has his own cadence and no feeds.
	s.list.Select(1)
	settle(t, u)
	got = peopleTexts(s.pageScroll)
	for _, w := range []string{"Bruno Silva", "every 3 days", "No feeds linked yet", "your own time zone"} {
		if !strings.Contains(got, w) {
			t.Errorf("Bruno's page lacks %q:\n%s", w, got)
		}
	}
	if strings.Contains(got, "circle default") {
		t.Error("Bruno's own cadence shown as the circle default")
	}

	// A filter that hides the shown contact clears the page.
	s.circle.SetSelected("Network")
	settle(t, u)
	if s.hasCurrent {
		t.Errorf("page still shows %s after filtering them out", s.current.Name)
	}
}

// fillValid fills the form with a valid new contact.
func fillValid(f *contactForm) {
	f.name.SetText("Eva Lind")
	f.team.SetChecked(true)
	f.emails.SetText("eva@example.org")
	f.tz.SetText("Europe/Stockholm")
	f.workStart.SetText("08:00")
	f.workEnd.SetText("16:00")
}

func TestContactFormValidation(t *testing.T) {
	for _, c := range []struct {
		name   string
		change func(f *contactForm)
		want   string
		focus  func(f *contactForm) fyne.Focusable
	}{
		{"missing name", func(f *contactForm) { f.name.SetText("  ") }, "A contact needs a name", func(f *contactForm) fyne.Focusable { return f.name }},
		{"no circle", func(f *contactForm) { f.team.SetChecked(false) }, "Pick at least one circle", func(f *contactForm) fyne.Focusable { return f.team }},
		{"bad e-mail", func(f *contactForm) { f.emails.SetText("eva@example.org, eva-at-example") }, `"eva-at-example" is not an e-mail address`, func(f *contactForm) fyne.Focusable { return f.emails }},
		{"unknown time zone", func(f *contactForm) { f.tz.SetText("Europe/Atlantis") }, `Unknown time zone "Europe/Atlantis"`, func(f *contactForm) fyne.Focusable { return f.tz }},
		{"bad hours", func(f *contactForm) { f.workEnd.SetText("25:00") }, `"25:00" is not a time like 09:00`, func(f *contactForm) fyne.Focusable { return f.workEnd }},
		{"empty hours", func(f *contactForm) { f.workEnd.SetText("08:00") }, "Working hours 08:00-08:00 are empty", func(*contactForm) fyne.Focusable { return nil }},
		{"bad cadence", func(f *contactForm) { f.cadence.SetText("weekly") }, `Cadence "weekly" is not a number of days`, func(f *contactForm) fyne.Focusable { return f.cadence }},
		{"bad website", func(f *contactForm) { f.website.SetText("ana.example") }, `Website "ana.example" is not an http(s) URL`, func(f *contactForm) fyne.Focusable { return f.website }},
		{"bad mastodon", func(f *contactForm) { f.mastodon.SetText("ana") }, "is not a Mastodon handle", func(f *contactForm) fyne.Focusable { return f.mastodon }},
		{"bad feed", func(f *contactForm) { f.feeds.SetText("https://ok.example/feed\nftp://x.example/feed") }, `Feed "ftp://x.example/feed" is not an http(s) URL`, func(f *contactForm) fyne.Focusable { return f.feeds }},
	} {
		t.Run(c.name, func(t *testing.T) {
			u, _, b := newTestUI(t, Options{Section: SectionPeople})
			test.Tap(findButton(t, u.people.content, "Add person…"))
			settle(t, u)
			f := u.people.form
			fillValid(f)
			c.change(f)
			// Save through the dialog's button: it must stay open.
			test.Tap(findButton(t, topOverlay(u), "Save"))
			settle(t, u)
			if topOverlay(u) == nil {
				t.Fatal("a refused contact closed the form")
			}
			if !f.errLabel.Visible() || !strings.Contains(f.errLabel.Text, c.want) {
				t.Errorf("error label %v %q, want %q", f.errLabel.Visible(), f.errLabel.Text, c.want)
			}
			if got := peopleTexts(topOverlay(u)); !strings.Contains(got, c.want) {
				t.Errorf("dialog does not show the error:\n%s", got)
			}
			if want := c.focus(f); want != nil && u.Window().Canvas().Focused() != want {
				t.Errorf("focused %T, want the field at fault", u.Window().Canvas().Focused())
			}
			if c.name == "bad feed" && f.scroll.Offset.Y <= 0 {
				t.Error("the form did not scroll to the feeds at fault")
			}
			if err := f.submit(); err == nil {
				t.Error("submit accepted the contact")
			}
			if n := countContacts(t, b); n != 0 {
				t.Errorf("%d contacts stored", n)
			}
			if got := texts(u.people.content); !strings.Contains(got, "No people yet") {
				t.Error("the empty state went away")
			}
		})
	}
}

func TestContactFormFieldValidators(t *testing.T) {
	u, _, _ := newTestUI(t, Options{})
	f := newContactForm(u, nil)
	for _, c := range []struct {
		e    *escEntry
		good []string
		bad  []string
	}{
		{f.name, []string{"Eva"}, []string{"", "  "}},
		{f.emails, []string{"", "a@b.example, c@d.example"}, []string{"a@b.example, nope"}},
		{f.tz, []string{"", "Europe/Lisbon", "europe/lisbon", "lisbon", "America/Argentina/Cordoba", "UTC"}, []string{"Mars/Olympus", "Local", "europe"}},
		{f.workStart, []string{"", "09:00", "23:59"}, []string{"9am", "24:00"}},
		{f.cadence, []string{"", "7", "0.5"}, []string{"0", "-3", "week"}},
		{f.feeds, []string{"", "https://a.example/feed\n\nhttp://b.example/rss"}, []string{"a.example/feed"}},
	} {
		for _, g := range c.good {
			if err := c.e.Validator(g); err != nil {
				t.Errorf("%q refused: %v", g, err)
			}
		}
		for _, b := range c.bad {
			if c.e.Validator(b) == nil {
				t.Errorf("%q accepted", b)
			}
		}
	}
}

func TestTimeZonePicker(t *testing.T) {
	if len(tzZones) < 140 {
		t.Errorf("only %d zones", len(tzZones))
	}
	for _, z := range tzZones {
		if _, err := time.LoadLocation(z); err != nil {
			t.Errorf("zone %s: %v", z, err)
		}
	}
	u, _, _ := newTestUI(t, Options{})
	f := newContactForm(u, nil)
	if len(f.tzShown) != len(tzZones) {
		t.Errorf("empty search shows %d zones", len(f.tzShown))
	}
	test.Type(f.tz, "new york")
	settle(t, u)
	if strings.Join(f.tzShown, ",") != "America/New_York" {
		t.Errorf("new york finds %v", f.tzShown)
	}
	f.tz.SetText("")
	test.Type(f.tz, "lisb")
	settle(t, u)
	if strings.Join(f.tzShown, ",") != "Europe/Lisbon" {
		t.Fatalf("lisb finds %v", f.tzShown)
	}
	f.tzList.Select(0)
	if f.tz.Text != "Europe/Lisbon" {
		t.Errorf("picking from the list set %q", f.tz.Text)
	}
	if z, ok := canonicalZone("europe/LISBON"); !ok || z != "Europe/Lisbon" {
		t.Errorf("canonicalZone = %q %v", z, ok)
	}
	winter, summer := remindNow, time.Date(2026, 7, 1, 12, 0, 0, 0, time.UTC)
	if got := zoneOffset("Asia/Kolkata", winter); got != "UTC+05:30" {
		t.Errorf("Kolkata offset = %q", got)
	}
	if got := zoneOffset("America/St_Johns", winter); got != "UTC-03:30" {
		t.Errorf("St Johns offset in November = %q", got)
	}
	if got := zoneOffset("America/St_Johns", summer); got != "UTC-02:30" {
		t.Errorf("St Johns offset in July = %q", got)
	}
}

func TestContactFormAddSaves(t *testing.T) {
	u, _, b := newTestUI(t, Options{Section: SectionPeople})
	ctx := context.Background()
	if _, err := b.SaveContact(ctx, model.Contact{Name: "Zoe", Circles: []model.Circle{model.CircleNetwork},
		Communities: []string{"PKM Circle"}}); err != nil {
		t.Fatal(err)
	}
	u.Reload()
	settle(t, u)
	s := u.people
	s.circle.SetSelected("Network") // filters that would hide the new contact
	settle(t, u)
	test.Tap(findButton(t, s.content, "Add person…"))
	settle(t, u)
	f := s.form
	test.Type(f.name, "Eva Lind")
	settle(t, u)
	f.team.SetChecked(true)
	f.community.SetChecked(true)
	if !strings.Contains(f.cadence.PlaceHolder, "every day") {
		t.Errorf("cadence hint = %q", f.cadence.PlaceHolder)
	}
	f.communities.SetText("L&D Guild")
	f.addCommunity.SetSelected("PKM Circle") // an existing one, appended
	if f.communities.Text != "L&D Guild, PKM Circle" || f.addCommunity.Selected != "" {
		t.Errorf("communities = %q, select = %q", f.communities.Text, f.addCommunity.Selected)
	}
	f.emails.SetText("Eva <EVA@example.org>, eva@home.example")
	f.mastodon.SetText("@eva@social.example")
	f.website.SetText("https://eva.example")
	f.interests.SetText("onboarding; coaching")
	f.role.SetText("Coach")
	f.org.SetText("Acme")
	test.Type(f.tz, "stockh")
	settle(t, u)
	f.tzList.Select(0)
	f.workStart.SetText("08:30")
	f.workEnd.SetText("16:30")
	f.cadence.SetText("2")
	f.channel.SetSelected("Mastodon")
	f.notes.SetText("Runs the coaching circle.")
	f.feeds.SetText("https://eva.example/feed.xml\n")
	test.Tap(findButton(t, topOverlay(u), "Save"))
	settle(t, u)
	if f.errLabel.Visible() {
		t.Fatalf("refused: %s", f.errLabel.Text)
	}
	if topOverlay(u) != nil {
		t.Error("the form stayed open after saving")
	}

	cs, err := b.Contacts(ctx, store.ContactFilter{Query: "Eva"})
	if err != nil || len(cs) != 1 {
		t.Fatalf("stored %+v, %v", cs, err)
	}
	c := cs[0]
	if c.Name != "Eva Lind" || strings.Join(c.Emails, ",") != "eva@example.org,eva@home.example" ||
		len(c.Circles) != 2 || strings.Join(c.Communities, ",") != "L&D Guild,PKM Circle" ||
		strings.Join(c.Interests, ",") != "onboarding,coaching" || c.Role != "Coach" || c.Organisation != "Acme" ||
		c.TimeZone != "Europe/Stockholm" || c.WorkStart != "08:30" || c.WorkEnd != "16:30" ||
		c.Cadence != 48*time.Hour || c.Channel != model.ChannelMastodon || c.Notes != "Runs the coaching circle." ||
		len(c.SourceIDs) != 1 || len(c.Handles) != 2 || c.Handles[0].Value != "eva@social.example" {
		t.Errorf("stored %+v", c)
	}
	src, _ := b.Source(ctx, c.SourceIDs[0])
	if src.FeedURL != "https://eva.example/feed.xml" {
		t.Errorf("linked source %+v", src)
	}
	// It shows up, selected, and the filters were cleared to show it.
	if got := strings.Join(listed(s), ","); got != "Eva Lind,Zoe" {
		t.Errorf("list = %s", got)
	}
	if !s.hasCurrent || s.current.ID != c.ID || s.circle.Selected != allCircles {
		t.Errorf("shown %q, circle filter %q", s.current.Name, s.circle.Selected)
	}
	if got := peopleTexts(s.pageScroll); !strings.Contains(got, "Eva Lind") || !strings.Contains(got, "every 2 days") {
		t.Errorf("page:\n%s", got)
	}
}

func TestContactFormEdit(t *testing.T) {
	u, b := newPeopleUI(t)
	s := u.people
	ctx := context.Background()
	s.list.Select(0) // Ana
	settle(t, u)
	test.Tap(findButton(t, s.pageScroll, "Edit…"))
	settle(t, u)
	f := s.form
	if f == nil || topOverlay(u) == nil {
		t.Fatal("Edit… opened no form")
	}
	if f.name.Text != "Ana Costa" || f.emails.Text != "ana@example.org" || f.tz.Text != "Europe/Lisbon" ||
		!f.team.Checked || !f.community.Checked || f.network.Checked || f.communities.Text != "L&D Guild" ||
		f.mastodon.Text != "ana@social.example" || f.website.Text != "https://ana.example/" ||
		f.feeds.Text != "https://team.example/feed" || f.channel.Selected != "E-mail" || f.cadence.Text != "" ||
		f.workStart.Text != "09:00" {
		t.Errorf("form not filled in: name %q emails %q tz %q communities %q feeds %q",
			f.name.Text, f.emails.Text, f.tz.Text, f.communities.Text, f.feeds.Text)
	}
	if got := peopleTexts(topOverlay(u)); !strings.Contains(got, "Edit Ana Costa") {
		t.Errorf("dialog title:\n%s", got)
	}
	f.role.SetText("Head of learning")
	f.network.SetChecked(true)
	test.Tap(findButton(t, topOverlay(u), "Save"))
	settle(t, u)
	if f.errLabel.Visible() {
		t.Fatalf("refused: %s", f.errLabel.Text)
	}
	cs, _ := b.Contacts(ctx, store.ContactFilter{Query: "Ana Costa"})
	if len(cs) != 1 || cs[0].Role != "Head of learning" || len(cs[0].Circles) != 3 || len(cs[0].SourceIDs) != 1 ||
		cs[0].TimeZone != "Europe/Lisbon" || len(cs[0].Handles) != 2 {
		t.Fatalf("after edit: %+v", cs)
	}
	if n := countContacts(t, b); n != 4 {
		t.Errorf("edit made %d contacts", n)
	}
	if got := peopleTexts(s.pageScroll); !strings.Contains(got, "Head of learning · Acme") || !strings.Contains(got, "Team, Community, Network") {
		t.Errorf("page after edit:\n%s", got)
	}
	if rowBadges(s, 0) != "TEAM COP NET" {
		t.Errorf("badges after edit: %q", rowBadges(s, 0))
	}

	// An e-mail that belongs to someone else is refused by the store, inline.
	test.Tap(findButton(t, s.pageScroll, "Edit…"))
	settle(t, u)
	f = s.form
	f.emails.SetText("chen@example.net")
	if err := f.submit(); err != nil {
		t.Fatal(err) // the form's own checks pass: the store refuses
	}
	settle(t, u)
	if !strings.Contains(f.errLabel.Text, "already belongs to another contact") || f.saving || f.saveBtn.Disabled() {
		t.Errorf("duplicate e-mail: label %q, saving %v", f.errLabel.Text, f.saving)
	}
	if f.emails.Text != "chen@example.net" || topOverlay(u) == nil {
		t.Error("the refused form lost what was typed, or closed")
	}
	if c, _ := b.Contact(ctx, s.current.ID); strings.Join(c.Emails, ",") != "ana@example.org" {
		t.Errorf("refused edit stored e-mails %v", c.Emails)
	}
}

func TestPeopleRemove(t *testing.T) {
	u, b := newPeopleUI(t)
	s := u.people
	s.list.Select(2) // Chen
	settle(t, u)
	test.Tap(findButton(t, s.pageScroll, "Remove"))
	settle(t, u)
	o := topOverlay(u)
	if o == nil || !strings.Contains(peopleTexts(o), "Remove Chen Wei from your network?") {
		t.Fatal("Remove asked nothing")
	}
	test.Tap(findButton(t, o, "Cancel"))
	settle(t, u)
	if n := countContacts(t, b); n != 4 {
		t.Fatalf("Cancel removed someone: %d left", n)
	}
	test.Tap(findButton(t, s.pageScroll, "Remove"))
	settle(t, u)
	test.Tap(findButton(t, topOverlay(u), "Remove"))
	settle(t, u)
	if n := countContacts(t, b); n != 3 {
		t.Fatalf("%d contacts left, want 3", n)
	}
	if got := strings.Join(listed(s), ","); got != "Ana Costa,Bruno Silva,Dara Okafor" {
		t.Errorf("list = %s", got)
	}
	if s.hasCurrent {
		t.Errorf("page still shows %s", s.current.Name)
	}
	// Removing everyone brings the empty state back.
	for s.listLength() > 0 {
		s.list.Select(0)
		settle(t, u)
		s.onRemove()
		settle(t, u)
		s.removeDlg.Confirm()
		settle(t, u)
	}
	if got := texts(s.content); !strings.Contains(got, "No people yet") {
		t.Errorf("after removing everyone:\n%s", got)
	}
}

// Working now or off now is a matter of the clock given, in the contact's
// zone; hours may cross midnight.
func TestHoursLine(t *testing.T) {
	lisbon := model.Contact{TimeZone: "Europe/Lisbon", WorkStart: "09:00", WorkEnd: "17:00"}
	night := model.Contact{WorkStart: "22:00", WorkEnd: "06:00"}
	for _, tc := range []struct {
		c    model.Contact
		at   time.Time
		want string
	}{
		{lisbon, remindNow, "09:00–17:00 their time, working now"},
		{lisbon, remindNow.Add(8 * time.Hour), "09:00–17:00 their time, off now"},
		// 08:30 UTC in July is 09:30 summer time in Lisbon.
		{lisbon, time.Date(2026, 7, 2, 8, 30, 0, 0, time.UTC), "09:00–17:00 their time, working now"},
		{night, time.Date(2026, 11, 26, 23, 0, 0, 0, time.UTC), "22:00–06:00, working now"},
		{night, time.Date(2026, 11, 26, 12, 0, 0, 0, time.UTC), "22:00–06:00, off now"},
	} {
		if got := hoursLine(tc.c, tc.at); got != tc.want {
			t.Errorf("hoursLine(%s–%s %q, %v) = %q, want %q", tc.c.WorkStart, tc.c.WorkEnd, tc.c.TimeZone, tc.at, got, tc.want)
		}
	}
}

// A person's page leaves out the feed of theirs being unsubscribed from
// while Undo is offered, at once if the page is open, and lists it
// again after Undo.
func TestPeoplePageFollowsUnsubscribe(t *testing.T) {
	u, b := newPeopleUI(t)
	s := u.people
	s.list.Select(0)
	settle(t, u)
	if got := peopleTexts(s.pageScroll); !strings.Contains(got, "Post 4 about remote onboarding") {
		t.Fatalf("Ana's page before:\n%s", got)
	}
	src, err := b.SourceByURL(context.Background(), "https://team.example/feed")
	if err != nil {
		t.Fatal(err)
	}
	u.seek.unsubscribeLater([]int64{src.ID}, "Team blog", 6)
	settleKeepTimers(t, u)
	got := peopleTexts(s.pageScroll)
	if strings.Contains(got, "Post 4 about remote onboarding") || !strings.Contains(got, "None to show: you are unsubscribing from their feed") {
		t.Errorf("Ana's page while Undo is offered:\n%s", got)
	}
	test.Tap(u.seek.undoB)
	settle(t, u)
	if got := peopleTexts(s.pageScroll); !strings.Contains(got, "Post 4 about remote onboarding") {
		t.Errorf("Ana's page after Undo:\n%s", got)
	}
}
