package store

import (
	"context"
	"strings"
	"testing"

	"github.com/knowflow/knowflow/model"
)

func TestImportContactsMergesAndIsAtomic(t *testing.T) {
	s, _ := openTemp(t)
	ctx := context.Background()
	first := []ContactImport{
		{Line: 1, Contact: model.Contact{Name: "Ana Costa", Emails: []string{"ana@example.org"}, Circles: []model.Circle{model.CircleTeam}, Role: "Lead"}},
		{Line: 5, Contact: model.Contact{Name: "bob@social.example", Circles: []model.Circle{model.CircleNetwork},
			Handles: []model.Handle{{Kind: model.HandleMastodon, Value: "bob@social.example"}}}, Feeds: []string{"https://social.example/@bob.rss"}},
	}
	res, err := s.ImportContacts(ctx, first)
	if err != nil || res.Added != 2 || res.Merged != 0 || res.Feeds != 1 {
		t.Fatalf("first import = %+v, %v", res, err)
	}
	// Re-import with more detail: merged by e-mail and by handle.
	again := []ContactImport{
		{Line: 1, Contact: model.Contact{Name: "Ana C.", Emails: []string{"ANA@example.org", "ana@home.example"}, Circles: []model.Circle{model.CircleCommunity},
			Communities: []string{"L&D Guild"}, Role: "Other"}},
		{Line: 2, Contact: model.Contact{Name: "Bob Lee", Handles: []model.Handle{{Kind: model.HandleMastodon, Value: "@bob@social.example"}}}},
	}
	res, err = s.ImportContacts(ctx, again)
	if err != nil || res.Added != 0 || res.Merged != 2 {
		t.Fatalf("re-import = %+v, %v", res, err)
	}
	cs, _ := s.Contacts(ctx, ContactFilter{})
	if len(cs) != 2 {
		t.Fatalf("%d contacts after re-import", len(cs))
	}
	ana, bob := cs[0], cs[1]
	if ana.Name != "Ana Costa" || ana.Role != "Lead" || len(ana.Emails) != 2 || len(ana.Circles) != 2 || ana.Communities[0] != "L&D Guild" {
		t.Errorf("merged Ana = %+v", ana)
	}
	if bob.Name != "Bob Lee" || len(bob.SourceIDs) != 1 {
		t.Errorf("merged Bob = %+v (the handle name gives way to a real one; the feed stays)", bob)
	}

	// A bad row refuses the whole file, naming its line.
	bad := []ContactImport{
		{Line: 3, Contact: model.Contact{Name: "New Person", Circles: []model.Circle{model.CircleNetwork}}, Feeds: []string{"https://new.example/feed"}},
		{Line: 9, Contact: model.Contact{Name: "Broken", Emails: []string{"not-an-email"}}},
	}
	_, err = s.ImportContacts(ctx, bad)
	if err == nil || !strings.Contains(err.Error(), "line 9") {
		t.Fatalf("bad import error = %v", err)
	}
	if cs, _ := s.Contacts(ctx, ContactFilter{}); len(cs) != 2 {
		t.Errorf("half-imported: %d contacts", len(cs))
	}
	if _, err := s.SourceByURL(ctx, "https://new.example/feed"); err == nil {
		t.Error("half-imported: the refused file's feed was subscribed")
	}
}
