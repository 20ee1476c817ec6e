package cli

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/knowflow/knowflow/model"
	"github.com/knowflow/knowflow/model/store"
)

// flowTestNow is the clock of the flow and ideas tests.
var flowTestNow = time.Date(2026, 11, 26, 12, 0, 0, 0, time.UTC)

// openDB makes a database and opens its store for seeding; the caller
// closes it before running commands.
func openDB(t *testing.T) (string, *store.Store) {
	t.Helper()
	db := tempDB(t)
	st, err := store.Open(db)
	if err != nil {
		t.Fatal(err)
	}
	return db, st
}

func TestFlowCommand(t *testing.T) {
	db, st := openDB(t)
	ctx, now := context.Background(), flowTestNow
	ana, err := st.SaveContact(ctx, model.Contact{Name: "Ana Costa", Circles: []model.Circle{model.CircleTeam}}, "https://ana.example/feed")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := st.SaveContact(ctx, model.Contact{Name: "Bo", Circles: []model.Circle{model.CircleNetwork},
		LastContacted: now.Add(-200 * 24 * time.Hour)}); err != nil {
		t.Fatal(err)
	}
	c, _ := st.Contact(ctx, ana)
	var items []model.Item
	for i := 0; i < 3; i++ {
		items = append(items, model.Item{DedupeKey: string(rune('a' + i)), Title: "Post", Text: "text", Published: now.Add(-time.Duration(i+1) * 24 * time.Hour)})
	}
	if _, err := st.SaveFetches(ctx, []store.FetchResult{{SourceID: c.SourceIDs[0], CheckedAt: now, Items: items}}); err != nil {
		t.Fatal(err)
	}
	all, _ := st.Items(ctx, store.ItemFilter{})
	for _, it := range all {
		st.SetRead(ctx, it.ID, true)
	}
	if _, err := st.RecordShare(ctx, model.Share{ItemID: all[0].ID, ContactID: ana, SharedAt: now.Add(-time.Hour)}); err != nil {
		t.Fatal(err)
	}
	st.Close()

	code, out, errOut := run(t, Env{}, "--db", db, "flow", "--weeks", "2", "--at", now.Format(time.RFC3339))
	if code != 0 {
		t.Fatalf("flow: %d %s", code, errOut)
	}
	for _, want := range []string{
		"In the last 2 weeks you passed on 1 share",
		"Team       1          3     ·█",
		"You owe", "Ana Costa", "you read 3 of their posts and shared 1 item with them",
		"Not in touch for too long:", "Bo", "last in touch 6 months ago",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("flow output lacks %q:\n%s", want, out)
		}
	}

	code, out, _ = run(t, Env{}, "--db", db, "flow", "--json", "--weeks", "2", "--at", now.Format(time.RFC3339))
	var got flowJSON
	if code != 0 || json.Unmarshal([]byte(out), &got) != nil {
		t.Fatalf("flow --json: %d %s", code, out)
	}
	if len(got.Weeks) != 2 || got.Given != 1 || got.Received != 3 || len(got.Circles) != 3 || got.Circles[0].Received[1] != 3 {
		t.Errorf("flow --json = %+v", got)
	}
	if len(got.People) != 1 || got.People[0].Name != "Ana Costa" || got.People[0].LastContact == nil {
		t.Errorf("people = %+v", got.People)
	}
	if len(got.Overdue) != 1 || got.Overdue[0].Name != "Bo" || got.Overdue[0].QuietDays != 200 {
		t.Errorf("overdue = %+v", got.Overdue)
	}

	for _, args := range [][]string{{"--weeks", "0"}, {"--at", "yesterday"}, {"extra"}} {
		if code, _, _ := run(t, Env{}, append([]string{"--db", db, "flow"}, args...)...); code != 2 {
			t.Errorf("flow %v: exit %d, want 2", args, code)
		}
	}
}

func TestIdeasCommand(t *testing.T) {
	db, st := openDB(t)
	ctx, now := context.Background(), flowTestNow
	src, _, err := st.AddSource(ctx, model.Source{Title: "Blog", FeedURL: "https://blog.example/feed"})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := st.SaveFetches(ctx, []store.FetchResult{{SourceID: src.ID, CheckedAt: now, Items: []model.Item{
		{DedupeKey: "ks", Title: "Knowledge sharing in distributed teams", Text: "How knowledge sharing works remotely.", Published: now.Add(-24 * time.Hour)},
		{DedupeKey: "fb", Title: "Derby day drama", Text: "A late goal wins the derby.", Published: now.Add(-24 * time.Hour)},
	}}}); err != nil {
		t.Fatal(err)
	}
	for _, c := range []model.Contact{
		{Name: "Bo Chen", Circles: []model.Circle{model.CircleNetwork}, Interests: []string{"knowledge sharing"}},
		{Name: "Ana Costa", Circles: []model.Circle{model.CircleTeam}, Interests: []string{"gardening"}},
	} {
		if _, err := st.SaveContact(ctx, c); err != nil {
			t.Fatal(err)
		}
	}
	st.Close()
	at := now.Format(time.RFC3339)
	code, out, errOut := run(t, Env{}, "--db", db, "ideas", "Bo Chen", "--at", at)
	if code != 0 || !strings.Contains(out, "Knowledge sharing in distributed teams") || !strings.Contains(out, "matches 'knowledge sharing'") ||
		strings.Contains(out, "Derby") || !strings.Contains(out, `knowflow share ITEM "Bo Chen"`) {
		t.Errorf("ideas Bo: %d %q %q", code, out, errOut)
	}
	code, out, _ = run(t, Env{}, "--db", db, "ideas", "--json", "Bo Chen", "--at", at)
	var js []suggestionJSON
	if code != 0 || json.Unmarshal([]byte(out), &js) != nil || len(js) != 1 || js[0].ContactName != "Bo Chen" || !js[0].When.Equal(now) {
		t.Errorf("ideas --json: %d %s", code, out)
	}
	if code, out, _ := run(t, Env{}, "--db", db, "ideas", "Ana Costa", "--at", at); code != 0 || !strings.Contains(out, "Nothing from the last two weeks suits Ana Costa") {
		t.Errorf("ideas Ana: %d %q", code, out)
	}
	if code, _, errOut := run(t, Env{}, "--db", db, "ideas", "Nobody"); code != 1 || !strings.Contains(errOut, "Nobody") {
		t.Errorf("ideas for no one: %d %q", code, errOut)
	}
	if code, _, _ := run(t, Env{}, "--db", db, "ideas"); code != 2 {
		t.Errorf("ideas without a contact: exit %d, want 2", code)
	}
}

func TestContactTouch(t *testing.T) {
	db, st := openDB(t)
	id, err := st.SaveContact(context.Background(), model.Contact{Name: "Bo Chen", Circles: []model.Circle{model.CircleNetwork},
		LastContacted: flowTestNow.Add(-200 * 24 * time.Hour)})
	if err != nil {
		t.Fatal(err)
	}
	st.Close()
	at := flowTestNow.Format(time.RFC3339)
	if code, out, errOut := run(t, Env{}, "--db", db, "contact", "touch", fmt.Sprint(id), "--at", at); code != 0 ||
		out != fmt.Sprintf("in touch with %d Bo Chen on 2026-11-26\n", id) {
		t.Errorf("contact touch: %d %q %q", code, out, errOut)
	}
	_, out, _ := run(t, Env{}, "--db", db, "flow", "--json", "--at", at)
	var got flowJSON
	if json.Unmarshal([]byte(out), &got) != nil || len(got.Overdue) != 0 {
		t.Errorf("Bo is still overdue after contact touch: %s", out)
	}
	if code, _, _ := run(t, Env{}, "--db", db, "contact", "touch", "99"); code != 1 {
		t.Errorf("touch 99: exit %d, want 1", code)
	}
	if code, _, _ := run(t, Env{}, "--db", db, "contact", "touch", fmt.Sprint(id), "--at", "soon"); code != 2 {
		t.Errorf("touch --at soon: exit %d, want 2", code)
	}
}
