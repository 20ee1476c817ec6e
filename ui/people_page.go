package ui

import (
	"context"
	"fmt"
	"maps"
	"net/url"
	"slices"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/knowflow/knowflow/model"
	"github.com/knowflow/knowflow/model/store"
)

// The People section's contact page.

// --- contact page ---

// sourcesUnsubscribed shows the page again when it lists one of ids
// (Unsubscribe hid them, or Undo brought them back).
func (s *peopleScreen) sourcesUnsubscribed(ids []int64) {
	if !s.hasCurrent {
		return
	}
	for _, id := range ids {
		if slices.Contains(s.current.SourceIDs, id) {
			c := s.current
			s.showContact(&c)
			return
		}
	}
}

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
	// What was passed on to them and what they write are read on a
	// worker; their places say so until then.
	passed, writes := container.NewVBox(loadingLabel()), container.NewVBox(loadingLabel())
	objs = append(objs, widget.NewSeparator(), heading("Passed on to them:"), passed)
	objs = append(objs, widget.NewSeparator(), heading("Writes:"), writes)
	s.page.Objects = objs
	s.page.Refresh()
	s.pageScroll.ScrollToTop()
	s.updateButtons()
	s.loadPage(*c, passed, writes)
}

func loadingLabel() *widget.Label {
	l := widget.NewLabel("Loading…")
	l.Importance = widget.LowImportance
	return l
}

// pageData is what a contact's page reads from the store.
type pageData struct {
	shares  []store.ShareRecord
	sources []sourceItems
}

// sourceItems is a source a contact writes with its latest items.
type sourceItems struct {
	src   model.Source
	items []model.Item
	err   error // reading the items
}

// loadPage reads the shares with c and the feeds c writes on a worker and
// fills passed and writes with them, unless another page was shown since.
// A feed being unsubscribed from (Undo still offered) is left out.
func (s *peopleScreen) loadPage(c model.Contact, passed, writes *fyne.Container) {
	hidden := maps.Clone(s.app.seek.hidden)
	async(s.app, s.store, &s.pageGen, 10*time.Second, func(ctx context.Context, st peopleStore) (pageData, error) {
		var d pageData
		var err error
		d.shares, err = st.History(ctx, store.HistoryFilter{ContactID: c.ID, Limit: maxPassedOn})
		if err != nil {
			fyne.LogError("loading what was shared with a contact", err)
		}
		for _, id := range c.SourceIDs {
			if hidden[id] {
				continue
			}
			src, err := st.Source(ctx, id)
			if err != nil {
				fyne.LogError("loading a contact's source", err)
				continue
			}
			items, err := st.Items(ctx, store.ItemFilter{SourceID: id, Limit: 5})
			d.sources = append(d.sources, sourceItems{src, items, err})
		}
		return d, nil
	}, func(d pageData, _ error) {
		passed.Objects = s.passedOn(d.shares)
		passed.Refresh()
		writes.Objects = s.writes(c, d.sources)
		writes.Refresh()
	})
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
func (s *peopleScreen) passedOn(recs []store.ShareRecord) []fyne.CanvasObject {
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
func (s *peopleScreen) writes(c model.Contact, srcs []sourceItems) []fyne.CanvasObject {
	if len(c.SourceIDs) > 0 && len(srcs) == 0 { // unsubscribing from them, Undo still offered
		l := widget.NewLabel("None to show: you are unsubscribing from their feed.")
		l.Importance = widget.LowImportance
		return []fyne.CanvasObject{l}
	}
	if len(c.SourceIDs) == 0 {
		l := widget.NewLabel("No feeds linked yet. Use Edit… to add their blog or Mastodon feed.")
		l.Wrapping = fyne.TextWrapWord
		l.Importance = widget.LowImportance
		return []fyne.CanvasObject{l}
	}
	var out []fyne.CanvasObject
	for _, x := range srcs {
		src, items, err := x.src, x.items, x.err
		title := src.Title
		if title == "" {
			title = src.FeedURL
		}
		t := widget.NewLabelWithStyle(title, fyne.TextAlignLeading, fyne.TextStyle{Italic: true})
		t.Truncation = fyne.TextTruncateEllipsis
		out = append(out, t, s.link(src.FeedURL, src.FeedURL))
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
	s.app.openLink(u, "", nil) // open.go: checked on a worker, failure said
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
