package store

import (
	"context"
	"fmt"
	"math"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/knowflow/knowflow/model"
	"github.com/knowflow/knowflow/model/analysis"
	"github.com/knowflow/knowflow/model/assoc"
	"github.com/knowflow/knowflow/model/suggest"
)

// profileDocs: items about hiring from three sources, each naming it,
// beside gardening and cooking; and one about a recruiting pipeline that
// never says "hiring".
var profileDocs = []struct{ source, title, text string }{
	{"people", "Hiring without a rubric", "Our hiring loop: each candidate gets a structured interview, a rubric, and a recruiter who answers fast. Offers accepted went up."},
	{"people", "Hiring for potential", "When hiring juniors, the interview asks how a candidate learns. Recruiters screen for curiosity before the offer."},
	{"eng", "What hiring managers owe candidates", "Hiring managers should reply within a week. A candidate who waits a month takes another offer; recruiters know."},
	{"eng", "Hiring in a downturn", "Fewer roles, more candidates: hiring gets slower, interviews get longer, the recruiter's inbox fills."},
	{"news", "A hiring freeze at the city council", "The council stopped hiring; candidates already interviewed heard nothing, and the recruiter left."},
	{"garden", "Tomato seedlings", "Seedlings want compost, water and sun; pinch the side shoots."},
	{"garden", "Compost that works", "Worms, kitchen scraps and patience make compost for the garden beds."},
	{"food", "Pasta sauce", "Tomato, garlic, basil and olive oil; simmer the sauce slowly."},
	{"food", "Bread at home", "Flour, water, yeast and salt in a very hot oven."},
}

func init() {
	// More of the rest, so that hiring's words are rare in the store as a
	// whole, as in a real one.
	rest := profileDocs[5:]
	for i := 0; i < 3; i++ {
		profileDocs = append(profileDocs, rest...)
	}
}

// saveProfileItems stores docs as items of their sources, numbered from
// first, published in the week before now.
func saveProfileItems(t *testing.T, s *Store, now time.Time, first int, docs []struct{ source, title, text string }) {
	t.Helper()
	ctx := context.Background()
	bySource := map[string]*FetchResult{}
	var order []string
	for i, d := range docs {
		r := bySource[d.source]
		if r == nil {
			src, _, err := s.AddSource(ctx, model.Source{FeedURL: "https://profiles.example/" + d.source})
			if err != nil {
				t.Fatal(err)
			}
			r = &FetchResult{SourceID: src.ID, CheckedAt: now}
			bySource[d.source] = r
			order = append(order, d.source)
		}
		n := first + i
		r.Items = append(r.Items, model.Item{DedupeKey: fmt.Sprintf("guid:%d", n), Hash: fmt.Sprint(n), Title: d.title,
			Text: d.text, Link: fmt.Sprintf("https://profiles.example/%d", n), Published: now.Add(-time.Duration(n+1) * time.Hour)})
	}
	for _, src := range order {
		if _, err := s.SaveFetches(ctx, []FetchResult{*bySource[src]}); err != nil {
			t.Fatal(err)
		}
	}
}

// profileTerms lists a profile's terms, strongest first.
func profileTerms(ns []assoc.Neighbour) []string {
	var out []string
	for _, nb := range ns {
		out = append(out, nb.Term)
	}
	return out
}

func TestLearnProfiles(t *testing.T) {
	s, _ := openTemp(t)
	ctx := context.Background()
	now := time.Date(2026, 11, 20, 9, 0, 0, 0, time.UTC)
	saveProfileItems(t, s, now, 0, profileDocs)
	if _, err := s.SaveContact(ctx, model.Contact{Name: "Marta", Circles: []model.Circle{model.CircleTeam}, Interests: []string{"hiring"}}); err != nil {
		t.Fatal(err)
	}
	if err := s.LearnRecent(ctx); err != nil {
		t.Fatal(err)
	}
	hire := term(t, "hiring")
	got, err := s.Profiles(ctx, []string{hire})
	if err != nil {
		t.Fatal(err)
	}
	p := profileTerms(got[hire])
	t.Logf("hiring: %v", p)
	for _, w := range []string{"candidate", "interview", "recruiter"} {
		if i := slices.Index(p, term(t, w)); i < 0 || i > 5 {
			t.Errorf("%q is not among the first terms of hiring's profile %v", w, p)
		}
	}
	for _, w := range []string{"compost", "tomato", hire} {
		if slices.Contains(p, term(t, w)) {
			t.Errorf("hiring's profile %v holds %q", p, w)
		}
	}

	// The store's profile is what assoc makes of the same items at once:
	// learned in batches, the sums are the same.
	var items []*assoc.Doc
	var sources []int64
	srcOf := map[string]int64{}
	for _, d := range profileDocs {
		items = append(items, assoc.NewDoc(analysis.Analyze(d.title), analysis.Analyze(""), analysis.Analyze(d.text)))
		if srcOf[d.source] == 0 {
			srcOf[d.source] = int64(len(srcOf) + 1)
		}
		sources = append(sources, srcOf[d.source])
	}
	want := assoc.ProfilesOver(items, sources, [][]string{{hire}})[hire]
	if len(want) != len(got[hire]) {
		t.Fatalf("store profile has %d terms, assoc's %d", len(got[hire]), len(want))
	}
	for i := range want {
		if want[i].Term != got[hire][i].Term || math.Abs(want[i].Weight-got[hire][i].Weight) > 1e-9 {
			t.Errorf("term %d: store %+v, assoc %+v", i, got[hire][i], want[i])
		}
	}

	// Nothing new: nothing learned. New items: only they.
	if n, err := s.LearnProfiles(ctx); err != nil || n != 0 {
		t.Errorf("second learn = %d, %v", n, err)
	}
	saveProfileItems(t, s, now, len(profileDocs), profileDocs[:2])
	if n, err := s.LearnProfiles(ctx); err != nil || n != 2 {
		t.Errorf("incremental learn = %d items, %v; want 2", n, err)
	}
	var docs int
	if err := s.db.QueryRow(`SELECT sum(docs) FROM profile_sources WHERE key = ?`, hire).Scan(&docs); err != nil || docs != 7 {
		t.Errorf("hiring's docs = %d, %v; want 7", docs, err)
	}

	// A new interest learns from the items already there; one nobody holds
	// any more is forgotten.
	c, err := s.Contacts(ctx, ContactFilter{})
	if err != nil || len(c) != 1 {
		t.Fatal(c, err)
	}
	c[0].Interests = []string{"compost"}
	if _, err := s.SaveContact(ctx, c[0]); err != nil {
		t.Fatal(err)
	}
	if _, err := s.LearnProfiles(ctx); err != nil {
		t.Fatal(err)
	}
	for _, q := range []string{`SELECT count(*) FROM profile_state WHERE key = ?`, `SELECT count(*) FROM profile_terms WHERE key = ?`,
		`SELECT count(*) FROM profile_sources WHERE key = ?`} {
		var n int
		if err := s.db.QueryRow(q, hire).Scan(&n); err != nil || n != 0 {
			t.Errorf("%s: %d rows, %v; want none", q, n, err)
		}
	}
	compost := term(t, "compost")
	if err := s.db.QueryRow(`SELECT sum(docs) FROM profile_sources WHERE key = ?`, compost).Scan(&docs); err != nil || docs != 8 {
		t.Errorf("compost's docs = %d, %v; want 8", docs, err)
	}
	// Items of one source are no profile (assoc.MinProfileSources).
	if got, err := s.Profiles(ctx, []string{compost}); err != nil || len(got) != 0 {
		t.Errorf("compost's profile = %v, %v; want none", got, err)
	}
}

// The engine's input carries the profiles, and the engine suggests an
// item that says an interest in other words, saying through which words.
func TestSuggestInputProfiles(t *testing.T) {
	s, _ := openTemp(t)
	ctx := context.Background()
	now := time.Date(2026, 11, 20, 9, 0, 0, 0, time.UTC) // a Friday
	docs := append(slices.Clone(profileDocs), struct{ source, title, text string }{"eng",
		"Our recruiting pipeline got slower, and that was good",
		"Each candidate now meets two interviewers instead of five, the recruiter calls back within a day, and more offers are accepted."})
	saveProfileItems(t, s, now, 0, docs)
	if _, err := s.SaveContact(ctx, model.Contact{Name: "Marta", Circles: []model.Circle{model.CircleTeam}, Interests: []string{"hiring"}}); err != nil {
		t.Fatal(err)
	}
	if err := s.LearnRecent(ctx); err != nil {
		t.Fatal(err)
	}
	in, err := s.SuggestInput(ctx, now, 0)
	if err != nil {
		t.Fatal(err)
	}
	if len(in.Profiles[term(t, "hiring")]) == 0 {
		t.Fatalf("no profile for hiring in the input: %v", in.Profiles)
	}
	var why []string
	found := false
	for _, sg := range suggest.Rank(in) {
		why = append(why, sg.ItemTitle+": "+sg.Why)
		if strings.HasPrefix(sg.ItemTitle, "Our recruiting pipeline") && sg.ContactName == "Marta" {
			found = true
			if len(sg.Through) != 1 || !strings.Contains(sg.Through[0], "recruit") && !strings.Contains(sg.Through[0], "candidate") {
				t.Errorf("through %q, want the item's words close to hiring's profile", sg.Through)
			}
		}
	}
	if !found {
		t.Errorf("the recruiting item was not suggested to Marta; suggestions:\n%s", strings.Join(why, "\n"))
	}
}

// Learning cut short keeps what it committed, and the next call goes on
// from there to the same profiles as one uninterrupted run.
func TestLearnProfilesResumes(t *testing.T) {
	now := time.Date(2026, 11, 20, 9, 0, 0, 0, time.UTC)
	var docs []struct{ source, title, text string }
	for len(docs) < 2*profileCommitItems+300 {
		docs = append(docs, profileDocs...)
	}
	open := func() *Store {
		s, _ := openTemp(t)
		saveProfileItems(t, s, now, 0, docs)
		if _, err := s.SaveContact(context.Background(), model.Contact{Name: "Marta", Circles: []model.Circle{model.CircleTeam}, Interests: []string{"hiring", "compost"}}); err != nil {
			t.Fatal(err)
		}
		if _, err := s.LearnAssociations(context.Background()); err != nil {
			t.Fatal(err)
		}
		return s
	}
	keys := []string{term(t, "hiring")} // compost: one source, no profile (its sums are learned all the same)

	whole := open()
	if n, err := whole.LearnProfiles(context.Background()); err != nil || n != len(docs) {
		t.Fatalf("one run: %d items, %v; want %d", n, err, len(docs))
	}
	want, err := whole.Profiles(context.Background(), keys)
	if err != nil {
		t.Fatal(err)
	}

	cut := open()
	ctx, cancel := context.WithCancel(context.Background())
	commits := 0
	afterProfileCommit = func() {
		if commits++; commits == 1 {
			cancel()
		}
	}
	defer func() { afterProfileCommit = nil }()
	if _, err := cut.LearnProfiles(ctx); err == nil {
		t.Fatal("a cancelled run reported no error")
	}
	var last int64
	// A commit comes once profileCommitItems were read, in pages.
	if err := cut.db.QueryRow(`SELECT min(last_item) FROM profile_state`).Scan(&last); err != nil ||
		last < profileCommitItems || last >= profileCommitItems+assocReadItems {
		t.Errorf("after the first commit, learned up to item %d, %v; want one commit's", last, err)
	}
	afterProfileCommit = nil
	if n, err := cut.LearnProfiles(context.Background()); err != nil || n != len(docs)-int(last) {
		t.Fatalf("the next run: %d items, %v; want %d", n, err, len(docs)-int(last))
	}
	got, err := cut.Profiles(context.Background(), keys)
	if err != nil {
		t.Fatal(err)
	}
	for _, k := range keys {
		if len(got[k]) == 0 || len(got[k]) != len(want[k]) {
			t.Fatalf("%s: %d terms after resuming, %d in one run", k, len(got[k]), len(want[k]))
		}
		for i := range want[k] {
			if got[k][i].Term != want[k][i].Term || math.Abs(got[k][i].Weight-want[k][i].Weight) > 1e-9 {
				t.Errorf("%s, term %d: %+v after resuming, %+v in one run", k, i, got[k][i], want[k][i])
			}
		}
	}
}
