package store

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/knowflow/knowflow/model"
)

func TestContactsSaveListFilter(t *testing.T) {
	s, _ := openTemp(t)
	ctx := context.Background()
	src, _ := seedSources(t, s)
	ada := model.Contact{
		Name: "Ada", Emails: []string{"ada@example.org"}, Circles: []model.Circle{model.CircleTeam, model.CircleCommunity},
		Communities: []string{"L&D Guild"}, Interests: []string{"remote onboarding"}, TimeZone: "Europe/Lisbon",
		Handles: []model.Handle{{Kind: model.HandleMastodon, Value: "@ada@example.social"}}, SourceIDs: []int64{src.ID},
		Cadence: 48 * time.Hour,
	}
	id, err := s.SaveContact(ctx, ada)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.SaveContact(ctx, model.Contact{Name: "Bo", Circles: []model.Circle{model.CircleNetwork}, Communities: []string{"l&d guild", "Go meetup"}}); err != nil {
		t.Fatal(err)
	}
	got, err := s.Contact(ctx, id)
	if err != nil {
		t.Fatal(err)
	}
	if got.Name != "Ada" || len(got.Circles) != 2 || got.Handles[0].Value != "ada@example.social" || got.SourceIDs[0] != src.ID ||
		got.Cadence != 48*time.Hour || got.Communities[0] != "L&D Guild" || got.WorkStart != "09:00" {
		t.Errorf("contact = %+v", got)
	}
	for _, tc := range []struct {
		f    ContactFilter
		want string
	}{
		{ContactFilter{}, "Ada,Bo"},
		{ContactFilter{Circle: model.CircleTeam}, "Ada"},
		{ContactFilter{Circle: model.CircleNetwork}, "Bo"},
		{ContactFilter{Community: "L&D Guild"}, "Ada,Bo"},
		{ContactFilter{Community: "Go meetup"}, "Bo"},
		{ContactFilter{Query: "onboard"}, "Ada"},
		{ContactFilter{Query: "example.org"}, "Ada"},
		{ContactFilter{Query: "%"}, ""},
	} {
		cs, err := s.Contacts(ctx, tc.f)
		if err != nil {
			t.Fatal(err)
		}
		var names []string
		for _, c := range cs {
			names = append(names, c.Name)
		}
		if strings.Join(names, ",") != tc.want {
			t.Errorf("%+v: %v, want %s", tc.f, names, tc.want)
		}
	}
	if _, err := s.SaveFetches(ctx, []FetchResult{{SourceID: src.ID, CheckedAt: fetchedAt, Items: []model.Item{item("guid:by", "By Ada", "text")}}}); err != nil {
		t.Fatal(err)
	}
	if its, _ := s.Items(ctx, ItemFilter{SourceID: src.ID}); len(its) != 1 || strings.Join(its[0].WrittenBy, ",") != "Ada" {
		t.Errorf("item written by = %+v", its)
	}
	ks, _ := s.Communities(ctx)
	if len(ks) != 2 || ks[1].Name != "L&D Guild" || ks[1].Members != 2 || ks[1].DigestDay != time.Friday || ks[1].DigestTime != "10:00" {
		t.Errorf("communities = %+v", ks)
	}

	// Edit replaces lists; a duplicate e-mail is refused and nothing changes.
	got.Circles = []model.Circle{model.CircleNetwork}
	got.Interests = nil
	if _, err := s.SaveContact(ctx, got); err != nil {
		t.Fatal(err)
	}
	again, _ := s.Contact(ctx, id)
	if len(again.Circles) != 1 || len(again.Interests) != 0 || len(again.Emails) != 1 {
		t.Errorf("after edit = %+v", again)
	}
	_, err = s.SaveContact(ctx, model.Contact{Name: "Cy", Emails: []string{"ADA@example.org"}})
	if err == nil || !strings.Contains(err.Error(), "already belongs") {
		t.Errorf("duplicate e-mail: %v", err)
	}
	_, err = s.SaveContact(ctx, model.Contact{Name: "Cy", Emails: []string{"ada@example.org"}}, "https://cy.example/feed")
	if err == nil {
		t.Error("duplicate e-mail with a feed accepted")
	}
	if _, err := s.SourceByURL(ctx, "https://cy.example/feed"); err == nil {
		t.Error("a refused contact left its feed subscribed")
	}
	if cs, _ := s.Contacts(ctx, ContactFilter{Query: "Cy"}); len(cs) != 0 {
		t.Error("refused contact was half stored")
	}
	if _, err := s.SaveContact(ctx, model.Contact{Name: "Tz", TimeZone: "Nowhere/City"}); err == nil {
		t.Error("unknown time zone accepted")
	}
	if err := s.DeleteContact(ctx, id); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Contact(ctx, id); err == nil {
		t.Error("deleted contact still found")
	}
}

func TestTouchContact(t *testing.T) {
	s, _ := openTemp(t)
	ctx := context.Background()
	id, err := s.SaveContact(ctx, model.Contact{Name: "Ana", Circles: []model.Circle{model.CircleTeam}})
	if err != nil {
		t.Fatal(err)
	}
	day := time.Date(2026, 11, 20, 9, 0, 0, 0, time.UTC)
	if err := s.TouchContact(ctx, id, day); err != nil {
		t.Fatal(err)
	}
	if err := s.TouchContact(ctx, id, day.Add(-48*time.Hour)); err != nil { // earlier: no change
		t.Fatal(err)
	}
	c, _ := s.Contact(ctx, id)
	if !c.LastContacted.Equal(day) {
		t.Errorf("last contacted = %v, want %v", c.LastContacted, day)
	}
	if err := s.TouchContact(ctx, 999, day); !errors.Is(err, ErrNotFound) {
		t.Errorf("touching no one: %v", err)
	}
}
