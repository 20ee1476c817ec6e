package store

import (
	"context"
	"testing"
	"time"

	"github.com/knowflow/knowflow/model"
	"github.com/knowflow/knowflow/model/flow"
)

// FlowInput loads shares and the items read from people's own sources in
// the period, and everyone with when they were added; flow.Build then
// gives the per-circle and per-person figures.
func TestFlowInput(t *testing.T) {
	s, _ := openTemp(t)
	ctx := context.Background()
	now := time.Date(2026, 11, 26, 15, 0, 0, 0, time.UTC)
	day := 24 * time.Hour

	ana, err := s.SaveContact(ctx, model.Contact{Name: "Ana", Circles: []model.Circle{model.CircleTeam}, Communities: []string{"Guild"}},
		"https://ana.example/feed")
	if err != nil {
		t.Fatal(err)
	}
	bo, err := s.SaveContact(ctx, model.Contact{Name: "Bo", Circles: []model.Circle{model.CircleNetwork}})
	if err != nil {
		t.Fatal(err)
	}
	c, _ := s.Contact(ctx, ana)
	srcs, _ := s.Sources(ctx)
	if len(c.SourceIDs) != 1 || len(srcs) != 1 {
		t.Fatalf("Ana's sources %v, sources %d", c.SourceIDs, len(srcs))
	}
	at := func(d time.Duration, key string) model.Item {
		it := item(key, "Post "+key, "text")
		it.Published = now.Add(-d)
		return it
	}
	if _, err := s.SaveFetches(ctx, []FetchResult{{SourceID: c.SourceIDs[0], CheckedAt: now, Items: []model.Item{
		at(1*day, "guid:read"), at(2*day, "guid:starred"), at(3*day, "guid:unread"), at(200*day, "guid:old"),
	}}}); err != nil {
		t.Fatal(err)
	}
	items, _ := s.Items(ctx, ItemFilter{})
	ids := map[string]int64{}
	for _, it := range items {
		ids[it.DedupeKey] = it.ID
	}
	s.SetRead(ctx, ids["guid:read"], true)
	s.SetStarred(ctx, ids["guid:starred"], true)
	s.SetRead(ctx, ids["guid:old"], true) // before the period
	if _, err := s.RecordShare(ctx, model.Share{ItemID: ids["guid:read"], ContactID: bo, SharedAt: now.Add(-day)}); err != nil {
		t.Fatal(err)
	}
	ks, _ := s.Communities(ctx)
	if _, err := s.RecordShare(ctx, model.Share{ItemID: ids["guid:starred"], CommunityID: ks[0].ID, SharedAt: now.Add(-2 * day)}); err != nil {
		t.Fatal(err)
	}

	in, err := s.FlowInput(ctx, now, 4)
	if err != nil {
		t.Fatal(err)
	}
	if len(in.Given) != 2 || len(in.Received) != 2 || len(in.People) != 2 {
		t.Fatalf("given %d, received %d, people %d; want 2, 2, 2", len(in.Given), len(in.Received), len(in.People))
	}
	if got := in.LastDigests["Guild"]; !got.Equal(now.Add(-2 * day)) {
		t.Errorf("last digest into Guild = %v", got)
	}
	for _, p := range in.People {
		if p.Added.IsZero() {
			t.Errorf("%s has no added time", p.Contact.Name)
		}
	}
	r := flow.Build(in)
	if r.Given != 2 || r.Received != 2 {
		t.Errorf("report given %d received %d", r.Given, r.Received)
	}
	for _, cf := range r.Circles {
		switch cf.Circle {
		case model.CircleTeam:
			if cf.TotalReceived != 2 || cf.TotalGiven != 0 {
				t.Errorf("team: %+v", cf)
			}
		case model.CircleCommunity:
			if cf.TotalGiven != 1 {
				t.Errorf("community: %+v", cf)
			}
		case model.CircleNetwork:
			if cf.TotalGiven != 1 {
				t.Errorf("network: %+v", cf)
			}
		}
	}
	if len(r.People) != 2 || r.People[0].Contact.Name != "Ana" || r.People[0].Owed() != 2 {
		t.Errorf("people: %+v", r.People)
	}
}
