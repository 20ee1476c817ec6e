package store

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/knowflow/knowflow/model"
)

// shareFixture is a store with two items (the first with a note), Ana
// (team, prefers Mastodon), Bo (network, e-mail) and the community Guild.
type shareFixture struct {
	s              *Store
	one, two       model.Item
	ana, bo, guild int64
	anaLastContact time.Time
}

func newShareFixture(t *testing.T) *shareFixture {
	t.Helper()
	s, _ := openTemp(t)
	ctx := context.Background()
	a, _ := seedSources(t, s)
	if _, err := s.SaveFetches(ctx, []FetchResult{{SourceID: a.ID, CheckedAt: fetchedAt, Items: []model.Item{
		item("guid:1", "Remote onboarding", "welcoming engineers"), item("guid:2", "SQLite in production", "WAL mode")}}}); err != nil {
		t.Fatal(err)
	}
	its, err := s.Items(ctx, ItemFilter{SourceID: a.ID})
	if err != nil || len(its) != 2 {
		t.Fatalf("items = %v, %v", its, err)
	}
	f := &shareFixture{s: s, one: its[1], two: its[0]}
	if f.one.Title != "Remote onboarding" {
		t.Fatalf("item order: %+v", its)
	}
	if err := s.SetNote(ctx, f.one.ID, "  Our onboarding needs this.  "); err != nil {
		t.Fatal(err)
	}
	f.anaLastContact = time.Date(2026, 11, 20, 9, 0, 0, 0, time.UTC)
	if f.ana, err = s.SaveContact(ctx, model.Contact{Name: "Ana", Circles: []model.Circle{model.CircleTeam},
		Channel: model.ChannelMastodon, LastContacted: f.anaLastContact, Communities: []string{"Guild"}}); err != nil {
		t.Fatal(err)
	}
	if f.bo, err = s.SaveContact(ctx, model.Contact{Name: "Bo", Circles: []model.Circle{model.CircleNetwork}}); err != nil {
		t.Fatal(err)
	}
	if f.guild, err = s.SaveCommunity(ctx, model.Community{Name: "Guild"}); err != nil {
		t.Fatal(err)
	}
	return f
}

// count counts a table's rows.
func (f *shareFixture) count(t *testing.T, table string) int {
	t.Helper()
	var n int
	if err := f.s.db.QueryRow(`SELECT count(*) FROM ` + table).Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n
}

func TestSetNote(t *testing.T) {
	f := newShareFixture(t)
	ctx := context.Background()
	got, err := f.s.Item(ctx, f.one.ID)
	if err != nil || got.Note != "Our onboarding needs this." {
		t.Fatalf("note = %q, %v", got.Note, err)
	}
	if err := f.s.SetNote(ctx, f.one.ID, "Changed."); err != nil {
		t.Fatal(err)
	}
	if got, _ := f.s.Item(ctx, f.one.ID); got.Note != "Changed." {
		t.Errorf("changed note = %q", got.Note)
	}
	if its, _ := f.s.Items(ctx, ItemFilter{}); its[1].Note != "Changed." || its[0].Note != "" {
		t.Errorf("notes in the list = %q, %q", its[1].Note, its[0].Note)
	}
	if err := f.s.SetNote(ctx, f.one.ID, " \n "); err != nil {
		t.Fatal(err)
	}
	if got, _ := f.s.Item(ctx, f.one.ID); got.Note != "" || f.count(t, "notes") != 0 {
		t.Errorf("blank note kept: %q, %d rows", got.Note, f.count(t, "notes"))
	}
	if err := f.s.SetNote(ctx, 999, "x"); !errors.Is(err, ErrNotFound) {
		t.Errorf("note on unknown item: %v", err)
	}
	if f.count(t, "notes") != 0 {
		t.Error("a refused note was stored")
	}
}

func TestRecordShareToContact(t *testing.T) {
	f := newShareFixture(t)
	ctx := context.Background()
	at := time.Date(2026, 11, 26, 10, 30, 0, 0, time.UTC)
	sh, err := f.s.RecordShare(ctx, model.Share{ItemID: f.one.ID, ContactID: f.ana, SharedAt: at})
	if err != nil {
		t.Fatal(err)
	}
	// Channel from the contact, note from the item.
	if sh.ID == 0 || sh.Channel != model.ChannelMastodon || sh.Note != "Our onboarding needs this." || !sh.SharedAt.Equal(at) {
		t.Errorf("share = %+v", sh)
	}
	if f.count(t, "shares") != 1 || f.count(t, "suggestion_feedback") != 1 {
		t.Errorf("rows: %d shares, %d feedback", f.count(t, "shares"), f.count(t, "suggestion_feedback"))
	}
	var verdict string
	var created, until int64
	f.s.db.QueryRow(`SELECT verdict, created_at, until_at FROM suggestion_feedback WHERE item_id = ? AND contact_id = ?`, f.one.ID, f.ana).
		Scan(&verdict, &created, &until)
	if verdict != "shared" || created != at.Unix() || until != 0 {
		t.Errorf("feedback = %q at %d until %d", verdict, created, until)
	}
	if c, _ := f.s.Contact(ctx, f.ana); !c.LastContacted.Equal(at) {
		t.Errorf("last contacted = %v, want %v", c.LastContacted, at)
	}

	// An earlier share (entered late) does not move last contact back.
	early := f.anaLastContact.Add(-48 * time.Hour)
	sh2, err := f.s.RecordShare(ctx, model.Share{ItemID: f.two.ID, ContactID: f.ana, SharedAt: early, Channel: "Email", Note: "  mine "})
	if err != nil {
		t.Fatal(err)
	}
	if sh2.Channel != model.ChannelEmail || sh2.Note != "mine" {
		t.Errorf("second share = %+v", sh2)
	}
	if c, _ := f.s.Contact(ctx, f.ana); !c.LastContacted.Equal(at) {
		t.Errorf("last contacted moved back to %v", c.LastContacted)
	}

	// The same item with the same contact again is refused, nothing written.
	_, err = f.s.RecordShare(ctx, model.Share{ItemID: f.one.ID, ContactID: f.ana})
	if !errors.Is(err, ErrAlreadyShared) || !strings.Contains(err.Error(), `"Remote onboarding" with Ana on 2026-11-2`) {
		t.Errorf("duplicate share: %v", err)
	}
	if f.count(t, "shares") != 2 || f.count(t, "suggestion_feedback") != 2 {
		t.Errorf("a refused share wrote rows: %d shares, %d feedback", f.count(t, "shares"), f.count(t, "suggestion_feedback"))
	}
	// ...but the same item with someone else is fine, and now is the default time.
	before := time.Now().Add(-time.Second) // wall clock: checks the default time is the wall clock
	sh3, err := f.s.RecordShare(ctx, model.Share{ItemID: f.one.ID, ContactID: f.bo})
	if err != nil {
		t.Fatal(err)
	}
	if sh3.Channel != model.ChannelEmail || sh3.SharedAt.Before(before) || sh3.SharedAt.After(time.Now()) { // wall clock: checks the default time is the wall clock
		t.Errorf("share with Bo = %+v", sh3)
	}
	if c, _ := f.s.Contact(ctx, f.bo); !c.LastContacted.Equal(sh3.SharedAt) {
		t.Errorf("Bo last contacted = %v", c.LastContacted)
	}
}

func TestRecordShareToCommunity(t *testing.T) {
	f := newShareFixture(t)
	ctx := context.Background()
	sh, err := f.s.RecordShare(ctx, model.Share{ItemID: f.two.ID, CommunityID: f.guild})
	if err != nil {
		t.Fatal(err)
	}
	if sh.Channel != model.ChannelCopy || sh.Note != "" || sh.ContactID != 0 {
		t.Errorf("community share = %+v", sh)
	}
	var fbCommunity int64
	f.s.db.QueryRow(`SELECT community_id FROM suggestion_feedback WHERE contact_id IS NULL`).Scan(&fbCommunity)
	if fbCommunity != f.guild {
		t.Errorf("feedback community = %d", fbCommunity)
	}
	// A member's last contact is not a community share.
	if c, _ := f.s.Contact(ctx, f.ana); !c.LastContacted.Equal(f.anaLastContact) {
		t.Errorf("member's last contact moved to %v", c.LastContacted)
	}
	if _, err := f.s.RecordShare(ctx, model.Share{ItemID: f.two.ID, CommunityID: f.guild}); !errors.Is(err, ErrAlreadyShared) ||
		!strings.Contains(err.Error(), "with Guild on ") {
		t.Errorf("duplicate community share: %v", err)
	}
}

func TestRecordShareRefusesAndWritesNothing(t *testing.T) {
	f := newShareFixture(t)
	ctx := context.Background()
	for _, tc := range []struct {
		sh   model.Share
		want string
	}{
		{model.Share{ItemID: 999, ContactID: f.ana}, "not found: item 999"},
		{model.Share{ItemID: f.one.ID, ContactID: 999}, "not found: contact 999"},
		{model.Share{ItemID: f.one.ID, CommunityID: 999}, "not found: community 999"},
		{model.Share{ItemID: f.one.ID}, "exactly one contact or one community"},
		{model.Share{ItemID: f.one.ID, ContactID: f.ana, CommunityID: f.guild}, "exactly one contact or one community"},
		{model.Share{ItemID: f.one.ID, ContactID: f.ana, Channel: "carrier pigeon"}, "unknown channel"},
	} {
		_, err := f.s.RecordShare(ctx, tc.sh)
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("RecordShare(%+v) = %v, want %q", tc.sh, err, tc.want)
		}
	}
	if f.count(t, "shares") != 0 || f.count(t, "suggestion_feedback") != 0 {
		t.Errorf("refused shares wrote rows")
	}
	if c, _ := f.s.Contact(ctx, f.ana); !c.LastContacted.Equal(f.anaLastContact) {
		t.Errorf("refused share moved last contact to %v", c.LastContacted)
	}
}

func TestSaveFeedback(t *testing.T) {
	f := newShareFixture(t)
	ctx := context.Background()
	now := time.Date(2026, 11, 26, 10, 0, 0, 0, time.UTC)
	for _, tc := range []struct {
		fb   model.Feedback
		want string
	}{
		{model.Feedback{ItemID: f.one.ID, ContactID: f.ana, Verdict: model.VerdictSnoozed, At: now, Until: now}, "not in the future"},
		{model.Feedback{ItemID: f.one.ID, ContactID: f.ana, Verdict: model.VerdictSnoozed, At: now}, "needs the time it ends"},
		{model.Feedback{ItemID: f.one.ID, ContactID: f.ana, Verdict: model.VerdictSnoozed, Until: now.Add(-time.Hour)}, "not in the future"}, // At defaults to the wall clock, later than now
		{model.Feedback{ItemID: f.one.ID, ContactID: f.ana, Verdict: model.VerdictDismissed, Until: now.Add(time.Hour)}, "only a snooze"},
		{model.Feedback{ItemID: f.one.ID, ContactID: f.ana, Verdict: model.VerdictShared}, "RecordShare"},
		{model.Feedback{ItemID: f.one.ID, ContactID: f.ana, Verdict: "meh"}, `unknown verdict "meh"`},
		{model.Feedback{ItemID: f.one.ID, Verdict: model.VerdictDismissed}, "exactly one contact or one community"},
		{model.Feedback{ItemID: f.one.ID, ContactID: f.ana, CommunityID: f.guild, Verdict: model.VerdictDismissed}, "exactly one"},
		{model.Feedback{ItemID: 999, ContactID: f.ana, Verdict: model.VerdictDismissed}, "not found: item 999"},
		{model.Feedback{ItemID: f.one.ID, ContactID: 999, Verdict: model.VerdictDismissed}, "not found: contact 999"},
		{model.Feedback{ItemID: f.one.ID, CommunityID: 999, Verdict: model.VerdictDismissed}, "not found: community 999"},
	} {
		err := f.s.SaveFeedback(ctx, tc.fb)
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("SaveFeedback(%+v) = %v, want %q", tc.fb, err, tc.want)
		}
	}
	if f.count(t, "suggestion_feedback") != 0 {
		t.Fatal("refused feedback was stored")
	}
	until := now.Add(72 * time.Hour)
	if err := f.s.SaveFeedback(ctx, model.Feedback{ItemID: f.one.ID, ContactID: f.ana, Verdict: model.VerdictSnoozed, At: now, Until: until}); err != nil {
		t.Fatal(err)
	}
	if err := f.s.SaveFeedback(ctx, model.Feedback{ItemID: f.two.ID, CommunityID: f.guild, Verdict: model.VerdictDismissed}); err != nil {
		t.Fatal(err)
	}
	// Dismissing again stores nothing new.
	if err := f.s.SaveFeedback(ctx, model.Feedback{ItemID: f.two.ID, CommunityID: f.guild, Verdict: model.VerdictDismissed}); err != nil {
		t.Fatal(err)
	}
	if n := f.count(t, "suggestion_feedback"); n != 2 {
		t.Errorf("%d feedback rows, want 2", n)
	}
	var u, at int64
	f.s.db.QueryRow(`SELECT until_at, created_at FROM suggestion_feedback WHERE verdict = 'snoozed'`).Scan(&u, &at)
	if u != until.Unix() || at != now.Unix() {
		t.Errorf("snooze stored until %d at %d", u, at)
	}
	in, err := f.s.SuggestInput(ctx, now, 0)
	if err != nil {
		t.Fatal(err)
	}
	if len(in.Feedback) != 2 || in.Feedback[0].Verdict != model.VerdictSnoozed || !in.Feedback[0].Until.Equal(until) ||
		in.Feedback[1].CommunityID != f.guild || in.Feedback[1].ContactID != 0 {
		t.Errorf("feedback read back = %+v", in.Feedback)
	}
}

func TestHistory(t *testing.T) {
	f := newShareFixture(t)
	ctx := context.Background()
	t0 := time.Date(2026, 11, 1, 9, 0, 0, 0, time.UTC)
	for _, sh := range []model.Share{
		{ItemID: f.one.ID, ContactID: f.ana, SharedAt: t0.Add(2 * time.Hour)},
		{ItemID: f.two.ID, ContactID: f.ana, SharedAt: t0},
		{ItemID: f.one.ID, CommunityID: f.guild, SharedAt: t0.Add(24 * time.Hour)},
		{ItemID: f.two.ID, ContactID: f.bo, SharedAt: t0.Add(time.Hour), Note: "for you"},
	} {
		if _, err := f.s.RecordShare(ctx, sh); err != nil {
			t.Fatal(err)
		}
	}
	label := func(rs []ShareRecord) string {
		var out []string
		for _, r := range rs {
			out = append(out, r.ItemTitle[:3]+">"+r.ContactName+r.CommunityName)
		}
		return strings.Join(out, ",")
	}
	for _, tc := range []struct {
		f    HistoryFilter
		want string
	}{
		{HistoryFilter{}, "Rem>Guild,Rem>Ana,SQL>Bo,SQL>Ana"},
		{HistoryFilter{ContactID: f.ana}, "Rem>Ana,SQL>Ana"},
		{HistoryFilter{CommunityID: f.guild}, "Rem>Guild"},
		{HistoryFilter{Since: t0.Add(time.Hour)}, "Rem>Guild,Rem>Ana,SQL>Bo"},
		{HistoryFilter{Limit: 2}, "Rem>Guild,Rem>Ana"},
		{HistoryFilter{ContactID: 999}, ""},
	} {
		rs, err := f.s.History(ctx, tc.f)
		if err != nil {
			t.Fatal(err)
		}
		if got := label(rs); got != tc.want {
			t.Errorf("History(%+v) = %s, want %s", tc.f, got, tc.want)
		}
	}
	rs, _ := f.s.History(ctx, HistoryFilter{ContactID: f.bo})
	r := rs[0]
	if r.ItemURL != "https://a.example/guid:2" || r.Note != "for you" || r.Channel != model.ChannelEmail ||
		!r.SharedAt.Equal(t0.Add(time.Hour)) || r.ContactID != f.bo || r.CommunityID != 0 || r.ID == 0 || r.ItemID != f.two.ID {
		t.Errorf("record = %+v", r)
	}
}

// Removing a source deletes its items, but a share of one stays in the
// history with its title and link, and still counts in the flow.
func TestRemoveSourceKeepsShares(t *testing.T) {
	f := newShareFixture(t)
	ctx := context.Background()
	at := time.Date(2026, 11, 21, 9, 0, 0, 0, time.UTC)
	if _, err := f.s.RecordShare(ctx, model.Share{ItemID: f.one.ID, ContactID: f.ana, SharedAt: at}); err != nil {
		t.Fatal(err)
	}
	n, err := f.s.RemoveSource(ctx, f.one.SourceID)
	if err != nil || n < 1 {
		t.Fatalf("remove source: %d items, %v", n, err)
	}
	if _, err := f.s.Item(ctx, f.one.ID); !errors.Is(err, ErrNotFound) {
		t.Errorf("the item is still there: %v", err)
	}
	h, err := f.s.History(ctx, HistoryFilter{})
	if err != nil || len(h) != 1 || h[0].ItemTitle != f.one.Title || h[0].ItemURL != f.one.Link || h[0].ItemID != 0 || h[0].ContactID != f.ana {
		t.Fatalf("history after removing the source: %+v %v", h, err)
	}
	in, err := f.s.FlowInput(ctx, at.Add(24*time.Hour), 2)
	if err != nil || len(in.Given) != 1 {
		t.Errorf("flow input after removing the source: %+v %v", in.Given, err)
	}
	if _, err := f.s.SuggestInput(ctx, at, 14*24*time.Hour); err != nil {
		t.Errorf("suggest input with a share of a removed item: %v", err)
	}
	if r, err := f.s.Check(ctx); err != nil || !r.OK() {
		t.Errorf("check: %+v %v", r, err)
	}
	if _, err := f.s.RemoveSource(ctx, f.one.SourceID); !errors.Is(err, ErrNotFound) {
		t.Errorf("removing it again: %v", err)
	}
}
