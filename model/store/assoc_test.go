package store

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/knowflow/knowflow/model"
	"github.com/knowflow/knowflow/model/analysis"
)

// assocDocs is a small hand-written network: onboarding, where "remote"
// and "distributed" travel together, next to gardening and cooking.
var assocDocs = []struct{ title, cat, text string }{
	{"Remote onboarding guide", "Onboarding", "Welcome new hires to a remote, distributed team with an async handbook."},
	{"Distributed teams and remote work", "Remote", "A remote distributed team spans time zones and writes things down."},
	{"Onboarding remote engineers", "Onboarding", "The first week: a buddy, remote distributed setup, a laptop that works."},
	{"The async handbook", "Remote", "Our distributed remote company writes a handbook for its culture."},
	{"Tomato garden", "Gardening", "Tomato seedlings want compost, good soil, water and sun."},
	{"Compost basics", "Gardening", "Compost soil with worms from kitchen scraps."},
	{"Pasta sauce", "Cooking", "Tomato sauce with garlic, basil and olive oil from the kitchen."},
	{"Bread baking", "Cooking", "Flour, water, yeast and salt in a hot oven."},
	{"Weekly review", "Productivity", "Calendar, notes and goals for the week."},
	{"Writing notes", "Productivity", "Notes help writing and reviewing ideas."},
}

// saveAssocItems stores n items cycling over assocDocs, from item number
// first on, through SaveFetches.
func saveAssocItems(t *testing.T, s *Store, first, n int) {
	t.Helper()
	ctx := context.Background()
	src, _, err := s.AddSource(ctx, model.Source{FeedURL: "https://assoc.example/feed"})
	if err != nil {
		t.Fatal(err)
	}
	r := FetchResult{SourceID: src.ID, CheckedAt: time.Date(2026, 11, 2, 9, 0, 0, 0, time.UTC)}
	for i := first; i < first+n; i++ {
		d := assocDocs[i%len(assocDocs)]
		r.Items = append(r.Items, model.Item{
			DedupeKey: fmt.Sprintf("guid:%d", i), Hash: fmt.Sprint(i), Title: d.title, Text: d.text,
			Categories: []string{d.cat}, Published: time.Date(2026, 11, 1, 0, 0, i, 0, time.UTC),
		})
	}
	if _, err := s.SaveFetches(ctx, []FetchResult{r}); err != nil {
		t.Fatal(err)
	}
}

func term(t *testing.T, w string) string {
	t.Helper()
	ts := analysis.Analyze(w)
	if len(ts) != 1 {
		t.Fatalf("Analyze(%q) = %q", w, ts)
	}
	return ts[0]
}

func assocDocsCount(t *testing.T, s *Store) (docs, last int64) {
	t.Helper()
	if err := s.db.QueryRow(`SELECT docs, last_item FROM assoc_state`).Scan(&docs, &last); err != nil {
		t.Fatal(err)
	}
	return docs, last
}

func checkRemoteDistributed(t *testing.T, s *Store) {
	t.Helper()
	remote, distributed, tomato := term(t, "remote"), term(t, "distributed"), term(t, "tomato")
	got, err := s.Associations(context.Background(), []string{remote, tomato, "nosuchterm", remote}, 3)
	if err != nil {
		t.Fatal(err)
	}
	ns := got[remote]
	if len(ns) == 0 || ns[0].Term != distributed {
		t.Fatalf("neighbours of %q = %+v, want %q first", remote, ns, distributed)
	}
	if len(ns) > 3 {
		t.Errorf("k = 3 gave %d neighbours", len(ns))
	}
	for _, nb := range got[tomato] {
		if nb.Term == remote || nb.Term == distributed {
			t.Errorf("tomato's neighbour %+v", nb)
		}
	}
	if _, ok := got["nosuchterm"]; ok {
		t.Error("an unknown term has neighbours")
	}
}

func TestLearnAssociations(t *testing.T) {
	s, _ := openTemp(t)
	ctx := context.Background()
	saveAssocItems(t, s, 0, 40)
	st, err := s.LearnAssociations(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if st.Items != 40 || st.Pairs == 0 || st.Duration <= 0 {
		t.Errorf("stats = %+v", st)
	}
	checkRemoteDistributed(t, s)
	got, _ := s.Associations(ctx, []string{term(t, "remote")}, 3)
	t.Logf("remote: %+v", got[term(t, "remote")])
	got, _ = s.Associations(ctx, []string{term(t, "compost"), term(t, "kitchen")}, 3)
	t.Logf("compost, kitchen: %+v", got)

	// Nothing new: nothing learned.
	if st, err := s.LearnAssociations(ctx); err != nil || st.Items != 0 || st.Pairs != 0 {
		t.Errorf("second learn = %+v, %v", st, err)
	}
	// Only the new items are learned next time.
	saveAssocItems(t, s, 40, 16)
	if st, err := s.LearnAssociations(ctx); err != nil || st.Items != 16 {
		t.Errorf("incremental learn = %+v, %v; want 16 items", st, err)
	}
	if docs, _ := assocDocsCount(t, s); docs != 56 {
		t.Errorf("docs = %d, want 56", docs)
	}
	var df int
	if err := s.db.QueryRow(`SELECT df FROM assoc_terms WHERE term = ?`, term(t, "remote")).Scan(&df); err != nil || df != 24 {
		t.Errorf("df(remote) = %d, %v; want 24", df, err)
	}
	if r, err := s.Check(ctx); err != nil || !r.OK() {
		t.Errorf("check = %+v, %v", r, err)
	}
	// Nothing asked, nothing answered.
	if got, err := s.Associations(ctx, nil, 5); err != nil || len(got) != 0 {
		t.Errorf("Associations(nil) = %v, %v", got, err)
	}
}

// Learning cancelled between batches keeps what it committed and the next
// call goes on from there, ending where one uninterrupted run ends.
func TestLearnAssociationsResumes(t *testing.T) {
	const n = 3*assocBatchItems + 50
	whole, _ := openTemp(t)
	saveAssocItems(t, whole, 0, n)
	if st, err := whole.LearnAssociations(context.Background()); err != nil || st.Items != n {
		t.Fatalf("learn = %+v, %v", st, err)
	}

	s, _ := openTemp(t)
	saveAssocItems(t, s, 0, n)
	ctx, cancel := context.WithCancel(context.Background())
	batches := 0
	afterAssocBatch = func() {
		if batches++; batches == 1 {
			cancel()
		}
	}
	defer func() { afterAssocBatch = nil }()
	st, err := s.LearnAssociations(ctx)
	if !errors.Is(err, context.Canceled) || !strings.HasPrefix(err.Error(), "store: ") {
		t.Fatalf("cancelled learn = %+v, %v", st, err)
	}
	if st.Items != assocBatchItems {
		t.Errorf("learned %d items before stopping, want one batch of %d", st.Items, assocBatchItems)
	}
	docs, last := assocDocsCount(t, s)
	if docs != assocBatchItems || last != assocBatchItems {
		t.Errorf("state after cancel: docs %d, last item %d", docs, last)
	}
	afterAssocBatch = nil
	st, err = s.LearnAssociations(context.Background())
	if err != nil || st.Items != n-assocBatchItems {
		t.Fatalf("resumed learn = %+v, %v; want %d items", st, err, n-assocBatchItems)
	}
	for _, q := range []string{
		`SELECT docs || ' ' || last_item FROM assoc_state`,
		`SELECT group_concat(term || '=' || df, ' ') FROM (SELECT term, df FROM assoc_terms ORDER BY term)`,
		`SELECT group_concat(ta || '-' || tb || '=' || n, ' ') FROM (SELECT x.term AS ta, y.term AS tb, n FROM assoc_pairs p
			JOIN assoc_terms x ON x.id = p.a JOIN assoc_terms y ON y.id = p.b ORDER BY 1, 2)`,
	} {
		var a, b string
		if err := whole.db.QueryRow(q).Scan(&a); err != nil {
			t.Fatal(err)
		}
		if err := s.db.QueryRow(q).Scan(&b); err != nil {
			t.Fatal(err)
		}
		if a != b {
			t.Errorf("%s:\nwhole   %s\nresumed %s", q, a, b)
		}
	}
	checkRemoteDistributed(t, s)
}

// A new analyser version forgets the counts and learns everything again.
func TestLearnAssociationsRelearnsAfterAnalyzerChange(t *testing.T) {
	s, _ := openTemp(t)
	ctx := context.Background()
	saveAssocItems(t, s, 0, 24)
	if _, err := s.LearnAssociations(ctx); err != nil {
		t.Fatal(err)
	}
	// As if learned by an older analysis, with a term it made.
	if _, err := s.db.Exec(`UPDATE assoc_state SET analyzer = analyzer - 1`); err != nil {
		t.Fatal(err)
	}
	if _, err := s.db.Exec(`INSERT INTO assoc_terms (term, df) VALUES ('oldstem', 99)`); err != nil {
		t.Fatal(err)
	}
	// Stale counts answer nothing until learned again.
	if got, err := s.Associations(ctx, []string{term(t, "remote")}, 3); err != nil || len(got) != 0 {
		t.Errorf("stale associations = %v, %v", got, err)
	}
	st, err := s.LearnAssociations(ctx)
	if err != nil || st.Items != 24 {
		t.Fatalf("relearn = %+v, %v; want 24 items", st, err)
	}
	if docs, _ := assocDocsCount(t, s); docs != 24 {
		t.Errorf("docs = %d, want 24", docs)
	}
	var old int
	s.db.QueryRow(`SELECT count(*) FROM assoc_terms WHERE term = 'oldstem'`).Scan(&old)
	if old != 0 {
		t.Error("a term of the old analysis survived")
	}
	checkRemoteDistributed(t, s)
}

// A database at schema 3 with items migrates, and its items are learned.
func TestMigrationLearnsExistingItems(t *testing.T) {
	path, db := oldSchemaDB(t, 3)
	for i := 1; i <= 32; i++ {
		d := assocDocs[i%len(assocDocs)]
		if _, err := db.Exec(`INSERT INTO items (id, source_id, dedupe_key, title, content_text, categories, fetched_at)
			VALUES (?, 1, ?, ?, ?, ?, 1)`, i, fmt.Sprint(i), d.title, d.text, d.cat); err != nil {
			t.Fatal(err)
		}
	}
	db.Close()

	s, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	ctx := context.Background()
	if v, err := s.Version(ctx); err != nil || v != SchemaVersion() {
		t.Fatalf("version = %d, %v", v, err)
	}
	if got, err := s.Associations(ctx, []string{term(t, "remote")}, 3); err != nil || len(got) != 0 {
		t.Errorf("before learning: %v, %v", got, err)
	}
	if st, err := s.LearnAssociations(ctx); err != nil || st.Items != 32 {
		t.Fatalf("learn = %+v, %v", st, err)
	}
	checkRemoteDistributed(t, s)
}
