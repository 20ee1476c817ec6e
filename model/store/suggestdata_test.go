package store

import (
	"context"
	"errors"
	"fmt"
	"math/rand"
	"path/filepath"
	"reflect"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/knowflow/knowflow/model"
	"github.com/knowflow/knowflow/model/cpus"
	"github.com/knowflow/knowflow/model/suggest"
)

func TestSuggestInput(t *testing.T) {
	s, _ := openTemp(t)
	ctx := context.Background()
	now := time.Date(2026, 11, 26, 12, 0, 0, 0, time.UTC)
	day := 24 * time.Hour
	res, err := s.ImportSources(ctx, []model.Source{
		{Title: "Ana's blog", FeedURL: "https://ana.example/feed"},
		{Title: "Team notes", FeedURL: "https://team.example/feed"},
		{Title: "News", FeedURL: "https://news.example/feed"},
		{Title: "Carla's log", FeedURL: "https://carla.example/feed"},
	})
	if err != nil || res.Added != 4 {
		t.Fatalf("import = %+v, %v", res, err)
	}
	srcs, _ := s.Sources(ctx)
	srcA, srcB, srcC, srcD := srcs[0].ID, srcs[1].ID, srcs[2].ID, srcs[3].ID
	at := func(key, title string, ago time.Duration, cats ...string) model.Item {
		it := item(key, title, "text of "+title)
		it.Published = now.Add(-ago)
		it.Categories = cats
		return it
	}
	var carla []model.Item
	for i := 0; i < 60; i++ {
		carla = append(carla, at(fmt.Sprintf("d%02d", i), fmt.Sprintf("Carla %02d", i), 100*day-time.Duration(i)*time.Hour))
	}
	if _, err := s.SaveFetches(ctx, []FetchResult{
		{SourceID: srcA, CheckedAt: now, Items: []model.Item{
			at("a1", "Unread recent", day, "Onboarding"),
			at("a2", "Read but starred", 2*day),
			at("a3", "Read not starred", 3*day),
			at("a4", "Too old", 20*day),
			at("a5", "From the future", -time.Hour),
		}},
		{SourceID: srcB, CheckedAt: now, Items: []model.Item{at("b1", "SQLite tips", time.Hour, "Go", "SQLite")}},
		{SourceID: srcC, CheckedAt: now, Items: []model.Item{
			at("c1", "Window edge", 14*day),
			at("c2", "Unknown date, fetched lately", 0),
			at("c3", "Unknown date, fetched long ago", 0),
		}},
		{SourceID: srcD, CheckedAt: now, Items: carla},
	}); err != nil {
		t.Fatal(err)
	}
	ids := map[string]int64{}
	rows, _ := s.db.Query(`SELECT dedupe_key, id FROM items`)
	for rows.Next() {
		var k string
		var id int64
		rows.Scan(&k, &id)
		ids[k] = id
	}
	rows.Close()
	for _, k := range []string{"a2", "a3", "d00"} {
		s.SetRead(ctx, ids[k], true)
	}
	s.SetStarred(ctx, ids["a2"], true)
	s.SetNote(ctx, ids["a1"], "For the new hires")
	// Items without a publication time fall back to their fetch time.
	s.db.Exec(`UPDATE items SET published_at = 0, fetched_at = ? WHERE id = ?`, now.Add(-day).Unix(), ids["c2"])
	s.db.Exec(`UPDATE items SET published_at = 0, fetched_at = ? WHERE id = ?`, now.Add(-30*day).Unix(), ids["c3"])

	ana, err := s.SaveContact(ctx, model.Contact{Name: "Ana", Circles: []model.Circle{model.CircleTeam, model.CircleCommunity},
		Communities: []string{"Guild"}, Interests: []string{"remote onboarding", "sqlite"}, TimeZone: "Europe/Lisbon",
		WorkStart: "08:00", WorkEnd: "16:00", Cadence: 2 * day, SourceIDs: []int64{srcA, srcB}})
	if err != nil {
		t.Fatal(err)
	}
	bo, _ := s.SaveContact(ctx, model.Contact{Name: "Bo", Circles: []model.Circle{model.CircleNetwork}, Communities: []string{"Guild"},
		SourceIDs: []int64{srcB}})
	carlaID, _ := s.SaveContact(ctx, model.Contact{Name: "Carla", Circles: []model.Circle{model.CircleCommunity}, SourceIDs: []int64{srcD}})
	empty, _ := s.SaveCommunity(ctx, model.Community{Name: "Empty", DigestDay: time.Monday, DigestTime: "09:30"})
	guild, _ := s.SaveCommunity(ctx, model.Community{Name: "Guild", DigestDay: time.Friday})

	shareAt := now.Add(-5 * day)
	for _, sh := range []model.Share{
		{ItemID: ids["a4"], ContactID: bo, SharedAt: shareAt.Add(time.Hour)}, // old item: a feedback item
		{ItemID: ids["a1"], ContactID: bo, SharedAt: shareAt},                // a candidate
		{ItemID: ids["c1"], CommunityID: guild, SharedAt: shareAt.Add(2 * time.Hour)},
	} {
		if _, err := s.RecordShare(ctx, sh); err != nil {
			t.Fatal(err)
		}
	}
	if err := s.SaveFeedback(ctx, model.Feedback{ItemID: ids["a3"], ContactID: ana, Verdict: model.VerdictDismissed, At: now.Add(-day)}); err != nil {
		t.Fatal(err)
	}
	prefs := model.DefaultPrefs()
	prefs.TimeZone = "Europe/Berlin"
	if err := s.SavePrefs(ctx, prefs); err != nil {
		t.Fatal(err)
	}

	in, err := s.SuggestInput(ctx, now, 0)
	if err != nil {
		t.Fatal(err)
	}
	if !in.Now.Equal(now) || in.Prefs.TimeZone != "Europe/Berlin" || in.Prefs.Cadence[model.CircleTeam] != day {
		t.Errorf("now %v, prefs %+v", in.Now, in.Prefs)
	}
	var got []string
	byKey := map[string]model.Candidate{}
	for _, c := range in.Items {
		got = append(got, c.DedupeKey)
		byKey[c.DedupeKey] = c
	}
	// Newest first (c2 and a1 tie: the newer id first); a3 is read and not starred, a4 and c3 too old, a5 not yet published.
	if want := "b1,c2,a1,a2,c1"; strings.Join(got, ",") != want {
		t.Errorf("candidates = %v, want %s", got, want)
	}
	a1, b1 := byKey["a1"], byKey["b1"]
	if a1.Title != "Unread recent" || a1.Text != "text of Unread recent" || a1.Note != "For the new hires" ||
		a1.Link != "https://a.example/a1" || a1.SourceTitle != "Ana's blog" || !reflect.DeepEqual(a1.Categories, []string{"Onboarding"}) ||
		!a1.Published.Equal(now.Add(-day)) || a1.SourceID != srcA {
		t.Errorf("a1 = %+v", a1)
	}
	if !byKey["a2"].Starred || !byKey["a2"].Read || byKey["a1"].Starred {
		t.Errorf("starred/read flags: a2 %+v", byKey["a2"].Item)
	}
	if !reflect.DeepEqual(a1.AuthorIDs, []int64{ana}) || !reflect.DeepEqual(b1.AuthorIDs, []int64{ana, bo}) ||
		byKey["c1"].AuthorIDs != nil || strings.Join(b1.WrittenBy, ",") != "Ana,Bo" {
		t.Errorf("authors: a1 %v, b1 %v %v, c1 %v", a1.AuthorIDs, b1.AuthorIDs, b1.WrittenBy, byKey["c1"].AuthorIDs)
	}

	// A narrower window.
	in2, err := s.SuggestInput(ctx, now, 2*day)
	if err != nil {
		t.Fatal(err)
	}
	got = nil
	for _, c := range in2.Items {
		got = append(got, c.DedupeKey)
	}
	if want := "b1,c2,a1,a2"; strings.Join(got, ",") != want {
		t.Errorf("2-day candidates = %v, want %s", got, want)
	}

	// Contacts, fully loaded.
	if len(in.Contacts) != 3 {
		t.Fatalf("contacts = %+v", in.Contacts)
	}
	a := in.Contacts[0]
	if a.ID != ana || a.TimeZone != "Europe/Lisbon" || a.WorkStart != "08:00" || a.WorkEnd != "16:00" || a.Cadence != 2*day ||
		!reflect.DeepEqual(a.Interests, []string{"remote onboarding", "sqlite"}) ||
		!reflect.DeepEqual(a.Circles, []model.Circle{model.CircleTeam, model.CircleCommunity}) ||
		!reflect.DeepEqual(a.Communities, []string{"Guild"}) || !reflect.DeepEqual(a.SourceIDs, []int64{srcA, srcB}) {
		t.Errorf("Ana = %+v", a)
	}
	if b := in.Contacts[1]; b.ID != bo || !b.LastContacted.Equal(shareAt.Add(time.Hour)) {
		t.Errorf("Bo = %+v", b)
	}

	// Communities with their members.
	if len(in.Communities) != 2 {
		t.Fatalf("communities = %+v", in.Communities)
	}
	e, g := in.Communities[0], in.Communities[1]
	if e.ID != empty || e.MemberIDs != nil || e.DigestDay != time.Monday || e.DigestTime != "09:30" {
		t.Errorf("Empty = %+v", e)
	}
	if g.ID != guild || g.Name != "Guild" || !reflect.DeepEqual(g.MemberIDs, []int64{ana, bo}) || g.Members != 2 || g.DigestDay != time.Friday {
		t.Errorf("Guild = %+v", g)
	}

	// Every share, oldest first, and every verdict.
	if len(in.Shares) != 3 || in.Shares[0].ItemID != ids["a1"] || in.Shares[1].ItemID != ids["a4"] ||
		in.Shares[2].CommunityID != guild || in.Shares[2].Channel != model.ChannelCopy || !in.Shares[0].SharedAt.Equal(shareAt) {
		t.Errorf("shares = %+v", in.Shares)
	}
	var verdicts []string
	for _, f := range in.Feedback {
		verdicts = append(verdicts, fmt.Sprintf("%d:%d:%d:%s", f.ItemID, f.ContactID, f.CommunityID, f.Verdict))
	}
	want := []string{
		fmt.Sprintf("%d:%d:0:shared", ids["a1"], bo), fmt.Sprintf("%d:%d:0:shared", ids["a4"], bo),
		fmt.Sprintf("%d:0:%d:shared", ids["c1"], guild), fmt.Sprintf("%d:%d:0:dismissed", ids["a3"], ana),
	}
	if !reflect.DeepEqual(verdicts, want) {
		t.Errorf("feedback = %v, want %v", verdicts, want)
	}

	// Writing: the latest items of the sources each contact writes.
	wa := in.Writing[ana]
	if len(wa) != 6 || wa[0] != "From the future" || wa[1] != "SQLite tips . Go . SQLite" || wa[2] != "Unread recent . Onboarding" || wa[5] != "Too old" {
		t.Errorf("Ana writes %q", wa)
	}
	if wb := in.Writing[bo]; !reflect.DeepEqual(wb, []string{"SQLite tips . Go . SQLite"}) {
		t.Errorf("Bo writes %q", wb)
	}
	if wc := in.Writing[carlaID]; len(wc) != 50 || wc[0] != "Carla 59" || wc[49] != "Carla 10" {
		t.Errorf("Carla writes %d: %q ... %q", len(wc), wc[0], wc[len(wc)-1])
	}
	if len(in.Writing) != 3 {
		t.Errorf("writing for %d contacts", len(in.Writing))
	}

	// Feedback items: named in shares or verdicts and not candidates.
	var fids []int64
	for id := range in.FeedbackItems {
		fids = append(fids, id)
	}
	sort.Slice(fids, func(i, j int) bool { return fids[i] < fids[j] })
	if !reflect.DeepEqual(fids, []int64{ids["a3"], ids["a4"]}) {
		t.Errorf("feedback items = %v, want a3 %d and a4 %d", fids, ids["a3"], ids["a4"])
	}
	if fi := in.FeedbackItems[ids["a4"]]; fi.Title != "Too old" || fi.Text != "text of Too old" {
		t.Errorf("a4 feedback item = %+v", fi)
	}

	// The engine takes it as it is.
	_ = suggest.Suggest(in)
}

func TestSuggestInputEmpty(t *testing.T) {
	s, _ := openTemp(t)
	in, err := s.SuggestInput(context.Background(), fetchedAt, 0)
	if err != nil {
		t.Fatal(err)
	}
	if len(in.Items) != 0 || len(in.Contacts) != 0 || in.Writing == nil || in.FeedbackItems == nil || in.Prefs.RefreshInterval != time.Hour {
		t.Errorf("empty input = %+v", in)
	}
}

// BenchmarkSuggestInput loads the engine's input from a database with
// 5,000 recent items (of 25,000), 500 contacts in 20 communities, 100
// sources of which 60 are written by contacts, 1,000 shares and 1,000
// verdicts. Target: well under 300 ms per load.
func BenchmarkSuggestInput(b *testing.B) {
	s, err := Open(filepath.Join(b.TempDir(), "suggest.db"))
	if err != nil {
		b.Fatal(err)
	}
	defer s.Close()
	ctx := context.Background()
	now := time.Date(2026, 11, 26, 12, 0, 0, 0, time.UTC)
	rnd := rand.New(rand.NewSource(1))
	words := func(n int) string {
		w := make([]string, n)
		for i := range w {
			w[i] = benchWords[rnd.Intn(len(benchWords))]
		}
		return strings.Join(w, " ")
	}
	benchSources(b, s, 100)
	// 25,000 items: 50 per source in the default 14-day window, the other
	// 200 up to 90 days before it.
	var results []FetchResult
	for src := 1; src <= 100; src++ {
		r := FetchResult{SourceID: int64(src), CheckedAt: now}
		for k := 0; k < 250; k++ {
			var ago time.Duration
			if k < 50 {
				ago = time.Duration(rnd.Int63n(int64(model.SuggestWindow)))
			} else {
				ago = model.SuggestWindow + time.Hour + time.Duration(rnd.Int63n(int64(90*24*time.Hour)))
			}
			r.Items = append(r.Items, model.Item{
				DedupeKey: fmt.Sprintf("%d-%d", src, k), Title: words(8), Text: words(150), Link: fmt.Sprintf("https://s%d.example/%d", src, k),
				Categories: []string{benchWords[rnd.Intn(len(benchWords))], benchWords[rnd.Intn(len(benchWords))]},
				Published:  now.Add(-ago),
			})
		}
		results = append(results, r)
	}
	if _, err := s.SaveFetches(ctx, results); err != nil {
		b.Fatal(err)
	}
	var imports []ContactImport
	for i := 0; i < 500; i++ {
		c := model.Contact{Name: fmt.Sprintf("Contact %d", i), Emails: []string{fmt.Sprintf("c%d@example.org", i)},
			Circles:     []model.Circle{model.Circles[i%3]},
			Communities: []string{fmt.Sprintf("Community %d", i%20)},
			Interests:   []string{words(2), words(1), words(2)},
			TimeZone:    "Europe/Lisbon",
		}
		if i < 60 {
			c.SourceIDs = []int64{int64(i + 1)}
		}
		imports = append(imports, ContactImport{Contact: c, Line: i + 1})
	}
	if _, err := s.ImportContacts(ctx, imports); err != nil {
		b.Fatal(err)
	}
	tx, err := s.db.Begin()
	if err != nil {
		b.Fatal(err)
	}
	for i := 0; i < 1000; i++ {
		item, contact := rnd.Int63n(25000)+1, int64(i%500)+1
		at := now.Add(-time.Duration(rnd.Int63n(int64(60 * 24 * time.Hour)))).Unix()
		if _, err := tx.Exec(`INSERT INTO shares (item_id, contact_id, channel, shared_at) VALUES (?, ?, 'email', ?)`, item, contact, at); err != nil {
			b.Fatal(err)
		}
		if _, err := tx.Exec(`INSERT INTO suggestion_feedback (item_id, contact_id, verdict, created_at) VALUES (?, ?, 'shared', ?)`, item, contact, at); err != nil {
			b.Fatal(err)
		}
		if _, err := tx.Exec(`INSERT INTO suggestion_feedback (item_id, contact_id, verdict, created_at) VALUES (?, ?, 'dismissed', ?)`,
			rnd.Int63n(25000)+1, contact, at); err != nil {
			b.Fatal(err)
		}
	}
	if err := tx.Commit(); err != nil {
		b.Fatal(err)
	}
	in, err := s.SuggestInput(ctx, now, 0)
	if err != nil {
		b.Fatal(err)
	}
	if len(in.Items) != 5000 || len(in.Contacts) != 500 || len(in.Communities) != 20 || len(in.Writing) != 60 {
		b.Fatalf("input: %d items, %d contacts, %d communities, %d writing", len(in.Items), len(in.Contacts), len(in.Communities), len(in.Writing))
	}
	var total time.Duration
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		t0 := time.Now() // wall clock: elapsed time only
		if _, err := s.SuggestInput(ctx, now, 0); err != nil {
			b.Fatal(err)
		}
		total += time.Since(t0) // wall clock: elapsed time only
	}
	b.StopTimer()
	ms := float64(total.Microseconds()) / 1000 / float64(b.N)
	b.ReportMetric(ms, "ms/load")
	b.Logf("SuggestInput: %d items, %d contacts, %d feedback items: %.1f ms per load", len(in.Items), len(in.Contacts), len(in.FeedbackItems), ms)
}

// The engine's input carries what the user's items taught: learned from
// the items saved since the last run, for the contacts' interest terms.
func TestSuggestInputLearnsAssociations(t *testing.T) {
	s, _ := openTemp(t)
	ctx := context.Background()
	now := time.Date(2026, 11, 26, 12, 0, 0, 0, time.UTC)
	src, _, err := s.AddSource(ctx, model.Source{Title: "Team notes", FeedURL: "https://team.example/feed"})
	if err != nil {
		t.Fatal(err)
	}
	var items []model.Item
	for i := 0; i < 12; i++ {
		it := item(fmt.Sprintf("r%d", i), fmt.Sprintf("Remote distributed teams, week %d", i), "How a remote distributed team hands work across time zones.")
		it.Published = now.Add(-time.Duration(i) * time.Hour)
		items = append(items, it)
		it = item(fmt.Sprintf("g%d", i), fmt.Sprintf("Garden notes %d", i), "Tomatoes, compost and the soil in autumn.")
		it.Published = now.Add(-time.Duration(i) * time.Hour)
		items = append(items, it)
	}
	if _, err := s.SaveFetches(ctx, []FetchResult{{SourceID: src.ID, CheckedAt: now, Items: items}}); err != nil {
		t.Fatal(err)
	}
	if _, err := s.SaveContact(ctx, model.Contact{Name: "Ana", Circles: []model.Circle{model.CircleTeam}, Interests: []string{"remote work"}}); err != nil {
		t.Fatal(err)
	}
	if err := s.LearnRecent(ctx); err != nil {
		t.Fatal(err)
	}
	in, err := s.SuggestInput(ctx, now, 0)
	if err != nil {
		t.Fatal(err)
	}
	found := false
	for _, nb := range in.Associations["remot"] {
		if nb.Term == "tomato" || nb.Term == "compost" {
			t.Errorf("remote is associated with %q", nb.Term)
		}
		found = found || nb.Term == "distribut"
	}
	if !found {
		t.Errorf("remote's neighbours %+v lack distributed", in.Associations["remot"])
	}
	if _, ok := in.Associations["compost"]; ok {
		t.Error("neighbours of a term no interest has")
	}
}

// A background suggestion run's read (and its learning) pauses while the
// user acts (cpus.Hold), and reads the same; one the user waits for does
// not pause.
func TestBackgroundSuggestInputPausesWhileHeld(t *testing.T) {
	s, _ := openTemp(t)
	ctx := context.Background()
	now := time.Date(2026, 11, 26, 12, 0, 0, 0, time.UTC)
	if _, err := s.ImportSources(ctx, []model.Source{{Title: "Blog", FeedURL: "https://blog.example/feed"}}); err != nil {
		t.Fatal(err)
	}
	srcs, _ := s.Sources(ctx)
	it := item("x1", "Remote onboarding", "text about remote onboarding")
	it.Published = now.Add(-time.Hour)
	if _, err := s.SaveFetches(ctx, []FetchResult{{SourceID: srcs[0].ID, CheckedAt: now, Items: []model.Item{it}}}); err != nil {
		t.Fatal(err)
	}
	want, err := s.SuggestInput(ctx, now, 0)
	if err != nil || len(want.Items) != 1 {
		t.Fatalf("input: %d items, %v", len(want.Items), err)
	}

	const hold = 300 * time.Millisecond
	cpus.Hold(hold)
	t0 := time.Now() // wall clock: elapsed time only
	if _, err := s.SuggestInput(ctx, now, 0); err != nil {
		t.Fatal(err)
	}
	fg := time.Since(t0) // wall clock: elapsed time only
	got, err := s.SuggestInput(cpus.Background(ctx), now, 0)
	bg := time.Since(t0) // wall clock: elapsed time only
	if err != nil || len(got.Items) != 1 || got.Items[0].ID != want.Items[0].ID {
		t.Fatalf("background input: %d items, %v", len(got.Items), err)
	}
	if fg >= hold || bg < hold*9/10 {
		t.Errorf("under a %v hold: the foreground read took %v, the background one ended after %v", hold, fg, bg)
	}

	// Learning in the background pauses too, and ends with its context.
	cpus.Hold(time.Hour)
	defer cpus.Release()
	lctx, cancel := context.WithTimeout(cpus.Background(ctx), 200*time.Millisecond)
	defer cancel()
	if _, err := s.LearnAssociations(lctx); !errors.Is(err, context.DeadlineExceeded) {
		t.Errorf("learning under a long hold: %v, want it paused until its deadline", err)
	}
}
