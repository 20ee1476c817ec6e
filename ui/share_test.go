package ui

import (
	"context"
	"fmt"
	"image/png"
	"net/url"
	"os"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"github.com/knowflow/knowflow/model"
	"github.com/knowflow/knowflow/model/store"
	"github.com/knowflow/knowflow/model/suggest"
)

// Thursday 26 November 2026, 10:00 UTC: the Share tests' clock.
var shareNow = time.Date(2026, 11, 26, 10, 0, 0, 0, time.UTC)

// shareFixture names what seedShare stored.
type shareFixture struct {
	item                    map[string]model.Item // by short name
	ana, kenji, chen, bruno model.Contact
	guild, pkm              model.Community
}

// seedShare stores two sources with items (one with a note, one starred),
// four contacts in the three circles and two communities.
func seedShare(t *testing.T, b backend) shareFixture {
	t.Helper()
	ctx := context.Background()
	if _, err := b.ImportSources(ctx, []model.Source{
		{Title: "Team blog", FeedURL: "https://team.example/feed"},
		{Title: "Kenji's notes", FeedURL: "https://kenji.example/feed"},
	}); err != nil {
		t.Fatal(err)
	}
	team, _ := b.SourceByURL(ctx, "https://team.example/feed")
	kenjiSrc, _ := b.SourceByURL(ctx, "https://kenji.example/feed")
	item := func(key, title, text string, hoursAgo int) model.Item {
		return model.Item{DedupeKey: "guid:" + key, Hash: key, Title: title, Text: text,
			Link: "https://team.example/" + key, ContentHTML: "<p>" + text + "</p>",
			Published: shareNow.Add(-time.Duration(hoursAgo) * time.Hour)}
	}
	teamItems := []model.Item{
		item("onboarding", "Remote onboarding that works", "What we learned about remote onboarding of new hires.", 2),
		item("zettel", "Zettelkasten for teams", "A zettelkasten shared by a whole team.", 3),
		item("analytics", "Learning analytics in practice", "Dashboards for learning analytics.", 4),
		item("retro", "Running better retrospectives", "Retrospectives, facilitation and remote onboarding.", 5),
	}
	sqlite := item("sqlite", "SQLite is all you need", "Why a single SQLite file is enough.", 6)
	sqlite.Link = "https://kenji.example/sqlite"
	if _, err := b.SaveFetches(ctx, []store.FetchResult{
		{SourceID: team.ID, CheckedAt: shareNow, Items: teamItems},
		{SourceID: kenjiSrc.ID, CheckedAt: shareNow, Items: []model.Item{sqlite}},
	}); err != nil {
		t.Fatal(err)
	}
	fx := shareFixture{item: map[string]model.Item{}}
	items, err := b.Items(ctx, store.ItemFilter{Limit: 100})
	if err != nil {
		t.Fatal(err)
	}
	for _, it := range items {
		fx.item[strings.TrimPrefix(it.DedupeKey, "guid:")] = it
	}
	if err := b.SetNote(ctx, fx.item["onboarding"].ID, "Ana starts three new hires next month."); err != nil {
		t.Fatal(err)
	}
	if err := b.SetStarred(ctx, fx.item["sqlite"].ID, true); err != nil {
		t.Fatal(err)
	}
	for _, k := range []model.Community{
		{Name: "L&D Guild", Description: "Learning designers swapping what works.", DigestDay: time.Friday, DigestTime: "10:00"},
		{Name: "PKM Circle", DigestDay: time.Friday, DigestTime: "10:00"},
	} {
		if _, err := b.SaveCommunity(ctx, k); err != nil {
			t.Fatal(err)
		}
	}
	allDay := func(c model.Contact) model.Contact {
		c.TimeZone, c.WorkStart, c.WorkEnd = "UTC", "00:00", "23:59"
		return c
	}
	save := func(c model.Contact, feeds ...string) model.Contact {
		id, err := b.SaveContact(ctx, allDay(c), feeds...)
		if err != nil {
			t.Fatalf("seed %s: %v", c.Name, err)
		}
		c, err = b.Contact(ctx, id)
		if err != nil {
			t.Fatal(err)
		}
		return c
	}
	fx.ana = save(model.Contact{Name: "Ana Costa", Circles: []model.Circle{model.CircleTeam, model.CircleCommunity},
		Communities: []string{"L&D Guild"}, Emails: []string{"ana@example.org"}, Channel: model.ChannelEmail,
		Interests: []string{"remote onboarding"}})
	fx.kenji = save(model.Contact{Name: "Kenji Sato", Circles: []model.Circle{model.CircleTeam},
		Emails: []string{"kenji@example.jp"}}, "https://kenji.example/feed")
	fx.chen = save(model.Contact{Name: "Chen Wei", Circles: []model.Circle{model.CircleNetwork},
		Handles: []model.Handle{{Kind: model.HandleMastodon, Value: "chen@social.example"}}, Channel: model.ChannelMastodon,
		Interests: []string{"learning analytics"}})
	fx.bruno = save(model.Contact{Name: "Bruno Silva", Circles: []model.Circle{model.CircleCommunity},
		Communities: []string{"PKM Circle"}, Interests: []string{"zettelkasten"}})
	cs, err := b.Communities(ctx)
	if err != nil {
		t.Fatal(err)
	}
	for _, k := range cs {
		switch k.Name {
		case "L&D Guild":
			fx.guild = k
		case "PKM Circle":
			fx.pkm = k
		}
	}
	p := model.DefaultPrefs()
	p.TimeZone = "UTC"
	p.QuietStart, p.QuietEnd = "03:00", "03:01"
	if err := b.SavePrefs(ctx, p); err != nil {
		t.Fatal(err)
	}
	return fx
}

func sharePrefs() model.Prefs {
	p := model.DefaultPrefs()
	p.TimeZone = "UTC"
	p.QuietStart, p.QuietEnd = "03:00", "03:01"
	return p
}

// newShareUI is a window on seedShare's data, on the Share section, with
// the clock at shareNow and the first computation over.
func newShareUI(t *testing.T) (*App, fyne.App, backend, shareFixture) {
	t.Helper()
	a := test.NewTempApp(t)
	b := newBackend(t)
	fx := seedShare(t, b)
	u := testNew(t, a, b, Options{Section: SectionShare})
	u.bg.Wait()
	u.now = func() time.Time { return shareNow }
	u.Window().Resize(fyne.NewSize(1100, 700))
	return u, a, b, fx
}

// handSuggestions are eight suggestions over every group, relative to shareNow.
func handSuggestions(fx shareFixture) []model.Suggestion {
	sug := func(key string, to model.Contact, circle model.Circle, score float64, when time.Duration, why string) model.Suggestion {
		it := fx.item[key]
		return model.Suggestion{Kind: model.KindShare, ItemID: it.ID, ItemTitle: it.Title, ItemURL: it.Link,
			ContactID: to.ID, ContactName: to.Name, Circle: circle, Score: score, When: shareNow.Add(when), Why: why}
	}
	digest := func(key string, k model.Community, score float64) model.Suggestion {
		it := fx.item[key]
		return model.Suggestion{Kind: model.KindShare, ItemID: it.ID, ItemTitle: it.Title, ItemURL: it.Link,
			CommunityID: k.ID, Community: k.Name, Circle: model.CircleCommunity, Score: score,
			When: time.Date(2026, 11, 27, 10, 0, 0, 0, time.UTC), Why: "matches 3 members' interest 'remote onboarding'; next digest Fri 10:00"}
	}
	sq := fx.item["sqlite"]
	list := []model.Suggestion{
		sug("onboarding", fx.ana, model.CircleTeam, 0.82, -time.Hour, "matches 'remote onboarding'; team, inside their working hours"),
		{Kind: model.KindThank, ItemID: sq.ID, ItemTitle: sq.Title, ItemURL: sq.Link, ContactID: fx.kenji.ID,
			ContactName: fx.kenji.Name, Circle: model.CircleTeam, Score: 1, When: shareNow,
			Why: "they write Kenji's notes and you starred it: credit or thank the author"},
		sug("analytics", fx.chen, model.CircleNetwork, 0.91, 5*time.Hour, "strong match on 'learning analytics'; network"),
		sug("retro", fx.ana, model.CircleTeam, 0.6, 2*24*time.Hour, "matches 'remote onboarding'; team, 1-day cadence after the one before"),
		sug("zettel", fx.chen, model.CircleNetwork, 0.77, 10*24*time.Hour, "strong match; sparingly, at most once every 30 days"),
		digest("onboarding", fx.guild, 0.7),
		digest("retro", fx.guild, 0.58),
		digest("zettel", fx.pkm, 0.8),
	}
	return list
}

func headers(s *shareScreen) []string {
	var out []string
	for _, r := range s.rows {
		if r.sug < 0 {
			g := s.groups[r.group]
			out = append(out, fmt.Sprintf("%s (%d)", g.title, g.n))
		}
	}
	return out
}

// rowOf is the list row of the suggestion of item key for the named
// recipient (a contact's or a community's name).
func rowOf(t *testing.T, s *shareScreen, fx shareFixture, key, to string) int {
	t.Helper()
	for i, r := range s.rows {
		if r.sug < 0 {
			continue
		}
		x := s.sugs[r.sug]
		if x.ItemID == fx.item[key].ID && (x.ContactName == to || x.Community == to) {
			return i
		}
	}
	t.Fatalf("no row for %s → %s in %v", key, to, headers(s))
	return -1
}

func hasSuggestion(s *shareScreen, itemID, contactID, communityID int64) bool {
	for _, x := range s.sugs {
		if x.ItemID == itemID && x.ContactID == contactID && x.CommunityID == communityID {
			return true
		}
	}
	return false
}

func TestShareGroupsAndHeaders(t *testing.T) {
	u, _, _, fx := newShareUI(t)
	u.applySuggestions(handSuggestions(fx), sharePrefs(), shareNow)
	s := u.share
	want := []string{"Due now (2)", "Later today (1)", "This week (1)", "Later (1)",
		"L&D Guild digest · Fri 27 Nov 10:00 (2)", "PKM Circle digest · Fri 27 Nov 10:00 (1)"}
	if got := headers(s); strings.Join(got, "|") != strings.Join(want, "|") {
		t.Errorf("headers = %q\nwant %q", got, want)
	}
	if len(s.rows) != 8+6 {
		t.Errorf("%d rows, want 14", len(s.rows))
	}
	// Community suggestions are only in their digest.
	for _, r := range s.rows {
		if r.sug >= 0 && (s.sugs[r.sug].CommunityID != 0) != (s.groups[r.group].communityID != 0) {
			t.Errorf("row %+v is in group %q", s.sugs[r.sug], s.groups[r.group].title)
		}
	}
	if got := s.summary.Text; got != "2 due now · 6 later" {
		t.Errorf("summary = %q", got)
	}
	got := texts(s.content)
	for _, w := range []string{"Due now", "2 suggestions", "Remote onboarding that works", "→ Ana Costa", "now",
		"→ thank Kenji Sato, the author", "15:00", "91%", "Sat 10:00", "[Refresh suggestions]"} {
		if !strings.Contains(got, w) {
			t.Errorf("Share shows no %q:\n%s", w, got)
		}
	}
	s.list.ScrollToBottom()
	if got := texts(s.content); !strings.Contains(got, "PKM Circle digest · Fri 27 Nov 10:00") ||
		!strings.Contains(got, "[Copy digest]") || !strings.Contains(got, "→ PKM Circle digest") {
		t.Errorf("the end of the list shows:\n%s", got)
	}
}

func TestShareGroupsInTheUsersZone(t *testing.T) {
	// 10:00 UTC is 19:00 in Tokyo: 16:00 UTC is tomorrow there.
	tokyo, _ := time.LoadLocation("Asia/Tokyo")
	list := []model.Suggestion{
		{ItemID: 1, ContactID: 1, When: shareNow.Add(5 * time.Hour)},
		{ItemID: 2, ContactID: 1, When: shareNow.Add(7 * 24 * time.Hour)},
		{ItemID: 3, ContactID: 1, When: shareNow.Add(7*24*time.Hour + time.Minute)},
	}
	groups, _ := groupSuggestions(list, shareNow, tokyo)
	if len(groups) != 2 || groups[0].title != groupWeek || groups[0].n != 2 || groups[1].title != groupLater {
		t.Errorf("Tokyo groups = %+v", groups)
	}
	groups, _ = groupSuggestions(list, shareNow, time.UTC)
	if groups[0].title != groupToday {
		t.Errorf("UTC groups = %+v", groups)
	}
	for _, c := range []struct {
		d    time.Duration
		want string
	}{{0, "now"}, {-time.Hour, "now"}, {5 * time.Hour, "15:00"}, {24 * time.Hour, "Fri 10:00"}, {9 * 24 * time.Hour, "Sat 5 Dec 10:00"}} {
		if got := whenText(shareNow.Add(c.d), shareNow, time.UTC); got != c.want {
			t.Errorf("whenText(+%v) = %q, want %q", c.d, got, c.want)
		}
	}
}

func TestShareSelectShowsDetail(t *testing.T) {
	u, _, _, fx := newShareUI(t)
	u.applySuggestions(handSuggestions(fx), sharePrefs(), shareNow)
	s := u.share
	if got := texts(s.detail); !strings.Contains(got, "No suggestion selected") {
		t.Errorf("detail before selection:\n%s", got)
	}
	s.list.Select(rowOf(t, s, fx, "onboarding", "Ana Costa"))
	settle(t, u)
	got := texts(s.detail)
	for _, w := range []string{"Remote onboarding that works", "Share with Ana Costa (Team)", "Ana Costa <ana@example.org>",
		"now", "82%", "matches 'remote onboarding'", "Why this matters", "[E-mail…]", "[Copy text]", "[Copy Markdown]",
		"[Mastodon…]", "[Mark shared]", "[Snooze 1 day]", "[Not for them]", "set it in File ▸ Preferences…"} {
		if !strings.Contains(got, w) {
			t.Errorf("detail shows no %q:\n%s", w, got)
		}
	}
	if s.note.Text != "Ana starts three new hires next month." {
		t.Errorf("note = %q", s.note.Text)
	}
	if !s.mastodonBtn.Disabled() {
		t.Error("Mastodon… is enabled without an instance")
	}
	// A header is not a suggestion: the selection stays.
	s.list.Select(0)
	settle(t, u)
	if !s.hasCur || s.cur.ContactName != "Ana Costa" {
		t.Errorf("selecting a header changed the page to %+v", s.cur)
	}
	// A thank-you says so.
	s.list.Select(rowOf(t, s, fx, "sqlite", "Kenji Sato"))
	settle(t, u)
	if got := texts(s.detail); !strings.Contains(got, "Thank the author: Kenji Sato wrote this") || !strings.Contains(got, "[Skip]") {
		t.Errorf("thank detail:\n%s", got)
	}
}

func TestShareKeepsSelectionAndNoteAcrossRecompute(t *testing.T) {
	u, _, _, fx := newShareUI(t)
	list := handSuggestions(fx)
	u.applySuggestions(list, sharePrefs(), shareNow)
	s := u.share
	s.list.Select(rowOf(t, s, fx, "analytics", "Chen Wei"))
	settle(t, u)
	s.note.SetText("half written")
	list[2].Why = "a newer reason"
	u.applySuggestions(list, sharePrefs(), shareNow)
	if !s.hasCur || s.cur.ContactName != "Chen Wei" || s.note.Text != "half written" || s.dWhy.Text != "a newer reason" {
		t.Errorf("after recompute: cur %+v, note %q, why %q", s.cur, s.note.Text, s.dWhy.Text)
	}
	// Gone from the new list: the page clears.
	u.applySuggestions(list[:2], sharePrefs(), shareNow)
	if s.hasCur {
		t.Errorf("a suggestion no longer listed is still shown: %+v", s.cur)
	}
}

func recordURLs(u *App) *[]*url.URL {
	var opened []*url.URL
	u.openURL = func(x *url.URL) error { opened = append(opened, x); return nil }
	return &opened
}

func TestShareEmail(t *testing.T) {
	u, _, _, fx := newShareUI(t)
	opened := recordURLs(u)
	u.applySuggestions(handSuggestions(fx), sharePrefs(), shareNow)
	s := u.share
	s.list.Select(rowOf(t, s, fx, "onboarding", "Ana Costa"))
	settle(t, u)
	s.note.SetText("Ana starts three new hires next month & needs this?")
	test.Tap(findButton(t, s.detail, "E-mail…"))
	settle(t, u)
	if len(*opened) != 1 {
		t.Fatalf("opened %d URLs", len(*opened))
	}
	m := (*opened)[0]
	if m.Scheme != "mailto" || m.Opaque != "ana@example.org" {
		t.Errorf("mailto URL %q", m)
	}
	raw := m.String()
	if strings.Contains(raw, "+") || !strings.Contains(raw, "Remote%20onboarding%20that%20works") {
		t.Errorf("spaces are not %%20 in %q", raw)
	}
	q, err := url.ParseQuery(m.RawQuery)
	if err != nil {
		t.Fatal(err)
	}
	if q.Get("subject") != "Remote onboarding that works" {
		t.Errorf("subject = %q", q.Get("subject"))
	}
	if want := "Ana starts three new hires next month & needs this?\r\n\r\nhttps://team.example/onboarding"; q.Get("body") != want {
		t.Errorf("body = %q, want %q", q.Get("body"), want)
	}
	if len(q) != 2 {
		t.Errorf("query has %d keys: %v", len(q), q)
	}
	// The channel used is what Mark shared records.
	test.Tap(findButton(t, s.detail, "Mark shared"))
	settle(t, u)
	h, _ := full(u).History(context.Background(), store.HistoryFilter{ContactID: fx.ana.ID})
	if len(h) != 1 || h[0].Channel != model.ChannelEmail {
		t.Errorf("history = %+v", h)
	}
}

func TestShareCopyTextAndMarkdown(t *testing.T) {
	u, a, _, fx := newShareUI(t)
	u.applySuggestions(handSuggestions(fx), sharePrefs(), shareNow)
	s := u.share
	s.list.Select(rowOf(t, s, fx, "onboarding", "Ana Costa"))
	settle(t, u)
	test.Tap(findButton(t, s.detail, "Copy text"))
	settle(t, u)
	if got, want := a.Clipboard().Content(), "Remote onboarding that works\nhttps://team.example/onboarding\n\nAna starts three new hires next month."; got != want {
		t.Errorf("text = %q, want %q", got, want)
	}
	s.note.SetText("Line one\nline two")
	test.Tap(findButton(t, s.detail, "Copy Markdown"))
	settle(t, u)
	if got, want := a.Clipboard().Content(), "[Remote onboarding that works](https://team.example/onboarding)\n\n> Line one\n> line two"; got != want {
		t.Errorf("markdown = %q, want %q", got, want)
	}
	if got := s.status.Text; got != "Copied as Markdown." {
		t.Errorf("status = %q", got)
	}
	if got := shareMarkdown("A [b] c", "https://x.example/a (1)", ""); got != `[A \[b\] c](https://x.example/a%20%281%29)` {
		t.Errorf("escaped markdown = %q", got)
	}
}

func TestShareMastodon(t *testing.T) {
	u, _, _, fx := newShareUI(t)
	opened := recordURLs(u)
	p := sharePrefs()
	p.MastodonInstance = "social.example"
	u.applySuggestions(handSuggestions(fx), p, shareNow)
	s := u.share
	s.list.Select(rowOf(t, s, fx, "analytics", "Chen Wei"))
	settle(t, u)
	s.note.SetText("For your dashboards")
	b := findButton(t, s.detail, "Mastodon…")
	if b.Disabled() || s.hint.Text != "" {
		t.Fatalf("Mastodon… disabled (%v) or hint %q with an instance", b.Disabled(), s.hint.Text)
	}
	test.Tap(b)
	settle(t, u)
	if len(*opened) != 1 {
		t.Fatalf("opened %v", *opened)
	}
	m := (*opened)[0]
	if m.Scheme != "https" || m.Host != "social.example" || m.Path != "/share" {
		t.Errorf("Mastodon URL %q", m)
	}
	if got, want := m.Query().Get("text"), "Learning analytics in practice\nhttps://team.example/analytics\n\nFor your dashboards"; got != want {
		t.Errorf("text = %q, want %q", got, want)
	}
}

func TestShareMarkSharedRemovesTheRow(t *testing.T) {
	u, _, b, fx := newShareUI(t)
	u.applySuggestions(handSuggestions(fx), sharePrefs(), shareNow)
	s := u.share
	// Without a channel used this session, the contact's preferred one.
	s.list.Select(rowOf(t, s, fx, "analytics", "Chen Wei"))
	settle(t, u)
	var removedAt []int
	u.onSuggested = func([]model.Suggestion) { removedAt = append(removedAt, len(s.sugs)) }
	test.Tap(findButton(t, s.detail, "Mark shared"))
	settle(t, u)
	h, err := b.History(context.Background(), store.HistoryFilter{})
	if err != nil || len(h) != 1 {
		t.Fatalf("history = %+v, %v", h, err)
	}
	if h[0].ItemID != fx.item["analytics"].ID || h[0].ContactID != fx.chen.ID || h[0].Channel != model.ChannelMastodon || !h[0].SharedAt.Equal(shareNow) {
		t.Errorf("share = %+v", h[0].Share)
	}
	if len(removedAt) != 1 {
		t.Errorf("Mark shared recomputed %d times, want 1", len(removedAt))
	}
	if hasSuggestion(s, fx.item["analytics"].ID, fx.chen.ID, 0) {
		t.Error("the shared suggestion is still listed")
	}
	if !strings.Contains(s.status.Text, "with Chen Wei") {
		t.Errorf("status = %q", s.status.Text)
	}

	// A copy before sharing into a digest is the channel.
	u.applySuggestions(handSuggestions(fx)[5:], sharePrefs(), shareNow)
	s.list.Select(rowOf(t, s, fx, "retro", "L&D Guild"))
	settle(t, u)
	test.Tap(findButton(t, s.detail, "Copy text"))
	settle(t, u)
	n := len(s.sugs)
	u.computing = true // look at the list before the engine's answer
	test.Tap(findButton(t, s.detail, "Mark shared"))
	settle(t, u)
	if len(s.sugs) != n-1 || hasSuggestion(s, fx.item["retro"].ID, 0, fx.guild.ID) {
		t.Errorf("the row was not removed at once: %d rows", len(s.sugs))
	}
	// A computation that started before the share still lists it: left out.
	u.applySuggestions(handSuggestions(fx)[5:], sharePrefs(), shareNow.Add(-time.Second))
	if hasSuggestion(s, fx.item["retro"].ID, 0, fx.guild.ID) {
		t.Error("an older computation brought the shared row back")
	}
	u.computing, u.again = false, false
	h, _ = b.History(context.Background(), store.HistoryFilter{CommunityID: fx.guild.ID})
	if len(h) != 1 || h[0].Channel != model.ChannelCopy {
		t.Errorf("digest share = %+v", h)
	}
}

// engineSuggestions computes suggestions from the store at shareNow.
func engineSuggestions(t *testing.T, u *App) []model.Suggestion {
	t.Helper()
	var got []model.Suggestion
	done := false
	u.onSuggested = func(s []model.Suggestion) { got, done = s, true }
	u.recomputeSuggestions()
	u.bg.Wait()
	u.onSuggested = nil
	if !done {
		t.Fatal("no suggestions computed")
	}
	return got
}

func TestShareNotForThemFromTheEngine(t *testing.T) {
	u, _, _, fx := newShareUI(t)
	out := engineSuggestions(t, u)
	s := u.share
	onboarding := fx.item["onboarding"].ID
	if !hasSuggestion(s, onboarding, fx.ana.ID, 0) {
		t.Fatalf("the engine does not suggest onboarding to Ana: %+v", out)
	}
	s.list.Select(rowOf(t, s, fx, "onboarding", "Ana Costa"))
	settle(t, u)
	test.Tap(findButton(t, s.detail, "Not for them"))
	settle(t, u)
	if hasSuggestion(s, onboarding, fx.ana.ID, 0) {
		t.Error("still suggested after Not for them")
	}
	engineSuggestions(t, u)
	if hasSuggestion(s, onboarding, fx.ana.ID, 0) {
		t.Error("suggested again by a second computation")
	}
	in, err := full(u).(backend).SuggestInput(context.Background(), shareNow, 0)
	if err != nil {
		t.Fatal(err)
	}
	found := false
	for _, f := range in.Feedback {
		found = found || f.ItemID == onboarding && f.ContactID == fx.ana.ID && f.Verdict == model.VerdictDismissed
	}
	if !found {
		t.Errorf("no dismissed verdict in %+v", in.Feedback)
	}
}

func TestShareSnooze(t *testing.T) {
	u, _, _, fx := newShareUI(t)
	engineSuggestions(t, u)
	s := u.share
	onboarding := fx.item["onboarding"].ID
	s.list.Select(rowOf(t, s, fx, "onboarding", "Ana Costa"))
	settle(t, u)
	test.Tap(findButton(t, s.detail, "Snooze 1 day"))
	settle(t, u)
	in, err := full(u).(backend).SuggestInput(context.Background(), shareNow, 0)
	if err != nil {
		t.Fatal(err)
	}
	found := false
	for _, f := range in.Feedback {
		found = found || f.ItemID == onboarding && f.ContactID == fx.ana.ID && f.Verdict == model.VerdictSnoozed &&
			f.Until.Equal(shareNow.Add(24*time.Hour))
	}
	if !found {
		t.Errorf("no snooze until %v in %+v", shareNow.Add(24*time.Hour), in.Feedback)
	}
	// The recomputation holds it back at least a day.
	for _, x := range s.sugs {
		if x.ItemID == onboarding && x.ContactID == fx.ana.ID && x.When.Before(shareNow.Add(24*time.Hour)) {
			t.Errorf("snoozed suggestion due %v", x.When)
		}
	}
}

func TestShareSaveNote(t *testing.T) {
	u, _, b, fx := newShareUI(t)
	u.applySuggestions(handSuggestions(fx), sharePrefs(), shareNow)
	s := u.share
	s.list.Select(rowOf(t, s, fx, "analytics", "Chen Wei"))
	settle(t, u)
	if s.note.Text != "" {
		t.Errorf("note = %q, want none", s.note.Text)
	}
	s.note.SetText("  The dashboards Chen asked about.  ")
	test.Tap(findButton(t, s.detail, "Save note"))
	settle(t, u)
	it, err := b.Item(context.Background(), fx.item["analytics"].ID)
	if err != nil || it.Note != "The dashboards Chen asked about." {
		t.Errorf("stored note %q, %v", it.Note, err)
	}
	if s.status.Text != "Note saved." {
		t.Errorf("status = %q", s.status.Text)
	}
}

func TestShareCopyDigest(t *testing.T) {
	u, a, _, fx := newShareUI(t)
	u.applySuggestions(handSuggestions(fx), sharePrefs(), shareNow)
	s := u.share
	test.Tap(copyDigestButton(t, s, "L&D Guild"))
	settle(t, u)
	md := a.Clipboard().Content()
	for _, w := range []string{"# L&D Guild digest, 27 November 2026", "Learning designers swapping what works.",
		"## [Remote onboarding that works](https://team.example/onboarding)", "*Team blog*",
		"Why it matters: Ana starts three new hires next month.", "## [Running better retrospectives](https://team.example/retro)"} {
		if !strings.Contains(md, w) {
			t.Errorf("digest has no %q:\n%s", w, md)
		}
	}
	if strings.Contains(md, "Zettelkasten") {
		t.Errorf("another community's item in the digest:\n%s", md)
	}
	if got := s.status.Text; got != "Copied the L&D Guild digest (2 items) as Markdown." {
		t.Errorf("status = %q", got)
	}
}

// copyDigestButton is the Copy digest button on community's header row.
func copyDigestButton(t *testing.T, s *shareScreen, community string) *widget.Button {
	t.Helper()
	header := -1
	for i, r := range s.rows {
		if r.sug < 0 && s.groups[r.group].community == community {
			header = i
		}
	}
	s.list.ScrollTo(header)
	var btn *widget.Button
	visit(s.list, func(o fyne.CanvasObject) bool {
		if v, ok := o.(*shareRowView); ok && v.id == header {
			btn = v.copyBtn
		}
		return btn == nil
	})
	if btn == nil || !btn.Visible() {
		t.Fatalf("no Copy digest button on the %s header", community)
	}
	return btn
}

func TestShareEmptyStates(t *testing.T) {
	u, _, _ := newTestUI(t, Options{Section: SectionShare})
	if got := texts(u.share.content); !strings.Contains(got, "Nothing to share yet") {
		t.Errorf("no data:\n%s", got)
	}
	u2, _, _, _ := newShareUI(t)
	u2.applySuggestions(nil, sharePrefs(), shareNow)
	settle(t, u2)
	got := texts(u2.share.content)
	if !strings.Contains(got, "Nothing to share right now") || !strings.Contains(got, "matches anyone's interests closely enough") {
		t.Errorf("nothing due:\n%s", got)
	}
	test.Tap(findButton(t, u2.share.content, "Go to People"))
	settle(t, u)
	if u2.Section() != SectionPeople {
		t.Errorf("Go to People went to %q", u2.Section())
	}
}

func TestShareRefreshButtonRecomputes(t *testing.T) {
	u, _, _, fx := newShareUI(t)
	u.applySuggestions(handSuggestions(fx), sharePrefs(), shareNow)
	n := 0
	u.onSuggested = func([]model.Suggestion) { n++ }
	test.Tap(findButton(t, u.share.content, "Refresh suggestions"))
	settle(t, u)
	u.bg.Wait()
	if n != 1 {
		t.Errorf("Refresh suggestions computed %d times", n)
	}
}

func TestShareURLBuilders(t *testing.T) {
	m := mailtoURL("a+b@example.org", "R&D? 100% + more", "line 1\nline 2")
	if got, want := m.String(), "mailto:a+b@example.org?subject=R%26D%3F%20100%25%20%2B%20more&body=line%201%0D%0Aline%202"; got != want {
		t.Errorf("mailto = %q\nwant     %q", got, want)
	}
	if got := mailtoURL("", "x", "y").String(); got != "mailto:?subject=x&body=y" {
		t.Errorf("mailto without address = %q", got)
	}
	if _, ok := mastodonShareURL("", "t", "u", ""); ok {
		t.Error("a Mastodon URL without an instance")
	}
	u, _ := mastodonShareURL("social.example", "A & B", "https://x.example/?a=1&b=2", "")
	if got := u.Query().Get("text"); got != "A & B\nhttps://x.example/?a=1&b=2" {
		t.Errorf("mastodon text = %q", got)
	}
	if got := shareText("T", "https://x.example", ""); got != "T\nhttps://x.example" {
		t.Errorf("text without a note = %q", got)
	}
}

func TestShareOpensOnlyWebAndMail(t *testing.T) {
	u, _, _, _ := newShareUI(t)
	opened := recordURLs(u)
	for _, raw := range []string{"javascript:alert(1)", "file:///etc/passwd", "https:///nohost"} {
		x, _ := url.Parse(raw)
		if u.share.open(x, "", nil) {
			t.Errorf("opened %q", raw)
		}
	}
	if len(*opened) != 0 {
		t.Errorf("opened %v", *opened)
	}
}

// TestShareScreenshot renders the Share section with a dozen suggestions
// into $KNOWFLOW_SHARE_PNG, to look at.
func TestShareScreenshot(t *testing.T) {
	path := os.Getenv("KNOWFLOW_SHARE_PNG")
	if path == "" {
		t.Skip("set KNOWFLOW_SHARE_PNG=/tmp/share.png to render the Share section")
	}
	u, _, _, fx := newShareUI(t)
	list := handSuggestions(fx)
	for i, k := range []string{"zettel", "analytics", "retro", "onboarding"} {
		x := list[0]
		it := fx.item[k]
		x.ItemID, x.ItemTitle, x.ItemURL = it.ID, it.Title, it.Link
		x.ContactID, x.ContactName, x.Circle = fx.bruno.ID, fx.bruno.Name, model.CircleCommunity
		x.When = shareNow.Add(time.Duration(30*(i+1)) * time.Minute)
		x.Score = 0.55 + 0.1*float64(i)
		x.Why = "matches 'zettelkasten' and 'personal knowledge management'; community, inside their working hours in Lisbon (Thu 11:30 their time); 7-day cadence since your last share (Mon 23 Nov)"
		list = append(list, x)
	}
	list[0].ItemTitle = "A rather long title about remote onboarding that will not fit on one line of the list at all"
	suggest.Sort(list)
	u.applySuggestions(list, sharePrefs(), shareNow)
	s := u.share
	s.list.Select(rowOf(t, s, fx, "onboarding", "Ana Costa"))
	settle(t, u)
	img := u.Window().Canvas().Capture()
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if err := png.Encode(f, img); err != nil {
		t.Fatal(err)
	}
	// The end of the list: the digests.
	s.list.ScrollToBottom()
	f2, err := os.Create(strings.TrimSuffix(path, ".png") + "-end.png")
	if err != nil {
		t.Fatal(err)
	}
	defer f2.Close()
	if err := png.Encode(f2, u.Window().Canvas().Capture()); err != nil {
		t.Fatal(err)
	}
	// And the Preferences dialog.
	u.showPreferences()
	settle(t, u)
	f3, err := os.Create(strings.TrimSuffix(path, ".png") + "-prefs.png")
	if err != nil {
		t.Fatal(err)
	}
	defer f3.Close()
	if err := png.Encode(f3, u.Window().Canvas().Capture()); err != nil {
		t.Fatal(err)
	}
}

// When the groups move (a suggestion falls due, another group appears),
// the list keeps where the user scrolled to.
func TestShareListKeepsScrollWhenGroupsMove(t *testing.T) {
	u, _, _ := newTestUI(t, Options{Section: SectionShare})
	u.Window().Resize(fyne.NewSize(1100, 720))
	p := model.DefaultPrefs()
	p.TimeZone = "UTC"
	list := benchSuggestions(400, shareNow)
	u.share.setSuggestions(list, p, shareNow)
	u.Window().Canvas().Capture()
	u.share.list.ScrollToOffset(3000)
	if got := u.share.list.GetScrollOffset(); got != 3000 {
		t.Fatalf("scrolled to %v", got)
	}
	// An hour later more are due: the "Due now" group grows, every header
	// below moves.
	u.share.setSuggestions(list, p, shareNow.Add(3*time.Hour))
	if got := u.share.list.GetScrollOffset(); got != 3000 {
		t.Errorf("scroll offset after the groups moved = %v, want 3000", got)
	}
	heads := 0
	for _, r := range u.share.rows {
		if r.sug < 0 {
			heads++
		}
	}
	if heads != len(u.share.groups) || len(u.share.tall) != heads {
		t.Errorf("%d header rows, %d groups, %d short rows", heads, len(u.share.groups), len(u.share.tall))
	}
}
