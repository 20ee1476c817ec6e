package suggest_test

import (
	"bufio"
	"cmp"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/knowflow/knowflow/feeds/parse"
	"github.com/knowflow/knowflow/model"
	"github.com/knowflow/knowflow/model/acronym"
	"github.com/knowflow/knowflow/model/analysis"
	"github.com/knowflow/knowflow/model/assoc"
	"github.com/knowflow/knowflow/model/people"
	"github.com/knowflow/knowflow/model/suggest"
)

// The held-out fixture (testdata/heldout, see its README.md): a learning
// network and items written before any tuning on them, each labelled
// literal, paraphrase (and which kind) or off-topic. The engine is tuned
// on testdata/share, never on this one: it only measures.
const (
	heldoutDir      = "../../testdata/heldout"
	heldoutFeedBase = "https://feeds.example/heldout/"
)

// Floors on the held-out fixture. The targets are literal top-1
// >= 0.9 (met), paraphrase recall@3 >= 0.7 and off-topic false positives
// <= 0.05 (not met yet). Measured on 2026-12-06 with the engine tuned on
// testdata/share only: first 0.63 / 0.24 / 0.30; after the bridges, the
// guard and digests for what half a community wants, 1.00 / 0.39 / 0.23;
// after the sense check tuned on testdata/dev-homonym (guard.go), 1.00 /
// 0.39 / 0.13; after an acronym's expansion from one item that repeats it
// and camel-case blends (tuned on testdata/dev-paraphrase), 1.00 / 0.42 /
// 0.13; after interest profiles learned from the store (profile.go,
// tuned on testdata/dev-paraphrase and testdata/share), 1.00 / 0.55 /
// 0.13; after a name's profile reads its sense (guard.go), 1.00 / 0.55 /
// 0.10. On 2026-12-07, with testdata/background grown from 10 feeds to 25
// (a store of 1,050 items rather than 450), a profile needing two
// effective sources (assoc.MinEffectiveSources) and read for a name only
// where the item does not plainly write it as one (guard.go), each
// chosen on the dev fixtures: 1.00 / 0.58 / 0.10; with the profile's
// closeness recalibrated to that store (profile.go), 1.00 / 0.63 / 0.10;
// with the acronym work chosen on testdata/dev-acronym (acronyms in
// capitals only, definitions from the whole store, blends and
// numeronyms), 1.00 / 0.64 / 0.10. Later, with a digest yielding to a
// member's own stronger interest (community.go), "MTTR" read for "mean
// time to recovery" and the dictionary of acronyms (model/lexicon's
// acronyms.tsv, from bsdgames), each chosen on testdata/dev-acronym:
// 1.00 / 0.66 / 0.10; with "A/B" one term, "behaviour" folded and a
// joined compound meeting its words written apart (chosen on the blind
// testdata/dev-twin), 1.00 / 0.67 / 0.10; with "IaC" finding
// "infrastructure as code", "LLMs" for large language models and a
// network contact taking an acronym in capitals as strongly as a plain
// profile match (each chosen on testdata/dev-twin and dev-acronym),
// 1.00 / 0.69 / 0.10; with an ambiguous interest counting, in an item
// whose text says nothing of the recipient's field, only under a
// category that may speak for it (chosen on testdata/dev-homonym and
// dev-twin), 1.00 / 0.69 / 0.07; with "FOI" in capitals an acronym that
// spells "of" and "organizational" folded like "organisational" (chosen
// on the blind testdata/dev-twin2), 1.00 / 0.70 / 0.07; with a category
// vouching for the recipient's field only where a quarter of its items
// hold it (chosen on testdata/dev-homonym), 1.00 / 0.70 / 0.03. The
// floors are the (literal top-1 0.9, paraphrase recall@3 0.7,
// off-topic 0.05), all met. Raise them as the engine improves, never
// lower them to let a change through.
const (
	heldoutLiteralTop1     = 0.90 // of literal items given a top recipient, this many are right
	heldoutParaphraseFloor = 0.70 // of the recipients wanted for paraphrases, this many in the top 3
	heldoutOffTopicCeiling = 0.05 // of the off-topic items, at most this many go to anyone
)

// qualityRow is one labelled item of a fixture.
type qualityRow struct {
	Kind     string   // literal, paraphrase:KIND, off-topic[:homonym]; "" where unlabelled
	Expected []string // names (FN) and community:NAME; empty for nobody
	Title    string
}

// loadHeldout builds the engine's input from testdata/heldout
// (loadLabelled).
func loadHeldout(t testing.TB) (suggest.Input, []qualityRow) {
	t.Helper()
	return loadLabelled(t, heldoutDir, heldoutFeedBase)
}

// loadLabelled builds the engine's input from a labelled fixture in dir
// (people.vcf, feeds/, expected.tsv; its feeds read from feedBase+FILE):
// every item of its feeds as a fresh unread candidate, in expected.tsv's
// order (ID = row number), the contacts of people.vcf (IDs 1, 2, ... in
// file order), their communities (digest on Fridays) and who writes which
// feed.
func loadLabelled(t testing.TB, dir, feedBase string) (suggest.Input, []qualityRow) {
	t.Helper()
	f, err := os.Open(filepath.Join(dir, "people.vcf"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	imported, err := people.ParseVCard(f)
	if err != nil {
		t.Fatalf("people.vcf: %v", err)
	}
	var contacts []model.Contact
	authorOf := map[string]int64{} // feed file → contact
	for i, im := range imported {
		c := im.Contact
		c.ID = int64(i + 1)
		contacts = append(contacts, c)
		for _, u := range im.Feeds {
			if file, ok := strings.CutPrefix(u, feedBase); ok {
				authorOf[file] = c.ID
			}
		}
	}
	in := newQualityInput(contacts)

	items := map[string]map[string]parse.Item{} // file → guid → item
	tf, err := os.Open(filepath.Join(dir, "expected.tsv"))
	if err != nil {
		t.Fatal(err)
	}
	defer tf.Close()
	var rows []qualityRow
	sc := bufio.NewScanner(tf)
	for line := 1; sc.Scan(); line++ {
		s := sc.Text()
		if strings.TrimSpace(s) == "" || strings.HasPrefix(s, "#") {
			continue
		}
		fields := strings.Split(s, "\t")
		if len(fields) < 5 {
			t.Fatalf("expected.tsv:%d: %d fields, want file, guid, kind, expected, title[, bridge]", line, len(fields))
		}
		file, guid, kind := fields[0], fields[1], fields[2]
		if items[file] == nil {
			body, err := os.ReadFile(filepath.Join(dir, "feeds", file))
			if err != nil {
				t.Fatalf("expected.tsv:%d: %v", line, err)
			}
			feed, err := parse.Parse(body, "", feedBase+file)
			if err != nil {
				t.Fatalf("%s: %v", file, err)
			}
			items[file] = map[string]parse.Item{}
			for _, it := range feed.Items {
				items[file][it.GUID] = it
			}
		}
		it, ok := items[file][guid]
		if !ok {
			t.Fatalf("expected.tsv:%d: %s has no item %q", line, file, guid)
		}
		switch {
		case kind == "literal", kind == "off-topic", kind == "off-topic:homonym",
			strings.HasPrefix(kind, "paraphrase:"):
		default:
			t.Fatalf("expected.tsv:%d: unknown kind %q", line, kind)
		}
		r := qualityRow{Kind: kind, Title: it.Title, Expected: recipients(fields[3])}
		if strings.HasPrefix(kind, "off-topic") != (len(r.Expected) == 0) && kind != "off-topic:homonym" {
			t.Fatalf("expected.tsv:%d: kind %s with recipients %q", line, kind, fields[3])
		}
		c := suggest.Candidate{Item: model.Item{
			ID: int64(len(rows) + 1), SourceTitle: file, Title: it.Title, Link: it.Link, Author: it.Author,
			Text: it.Text, Categories: it.Categories, Published: fixtureNow.Add(-time.Duration(len(rows)) * time.Minute),
		}}
		if a, ok := authorOf[file]; ok {
			c.AuthorIDs = []int64{a}
		}
		in.Items = append(in.Items, c)
		rows = append(rows, r)
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	in.Associations = learnAssociations(in.Items, in.Contacts)
	in.AcronymDefs = learnAcronymDefs(in.Items, in.Contacts)
	if os.Getenv("KF_NOPROFILE") == "" {
		in.Profiles = learnProfiles(in.Items, in.Contacts)
	}
	return in, rows
}

// learnAssociations learns which terms travel together in items and in
// the background store (backgroundItems), as the store does
// (store.LearnAssociations: title, categories and the start of the text,
// each analysed), and returns the neighbours of the contacts' interest
// terms, as store.Associations would.
func learnAssociations(items []suggest.Candidate, contacts []model.Contact) map[string][]assoc.Neighbour {
	counts := assoc.NewCounts()
	all := items
	if os.Getenv("KF_NOBG") == "" {
		all = append(slices.Clone(items), backgroundItems()...)
	}

	for _, it := range all {
		text := it.Text
		if len(text) > 8<<10 {
			text = text[:8<<10]
		}
		counts.Add(suggest.Analyze(it.Title), suggest.Analyze(strings.Join(it.Categories, ", ")), suggest.Analyze(text))
	}
	out := map[string][]assoc.Neighbour{}
	for _, t := range suggest.InterestTerms(contacts) {
		if ns := counts.Neighbours(t, 10); len(ns) > 0 {
			out[t] = ns
		}
	}
	return out
}

// learnAcronymDefs finds the acronyms that items and the background
// store define and that the contacts' interests use or make, as the
// store does (store.LearnAssociations, store.AcronymDefs): each item's
// title and the start of its text, each definition once per item.
func learnAcronymDefs(items []suggest.Candidate, contacts []model.Contact) []model.AcronymDef {
	all := items
	if os.Getenv("KF_NOBG") == "" {
		all = append(slices.Clone(items), backgroundItems()...)
	}
	var interests []string
	for _, c := range contacts {
		interests = append(interests, c.Interests...)
	}
	wanted := acronym.Wanted(interests)
	counts := map[model.AcronymDef]int{}
	for _, it := range all {
		text := it.Text
		if len(text) > 4<<10 {
			text = text[:4<<10]
		}
		acronym.OfItem(it.Title, text, func(acr, exp, form string, beside bool) {
			if wanted[acr] {
				counts[model.AcronymDef{Acronym: acr, Expansion: exp, Form: form, Beside: beside}]++
			}
		})
	}
	var out []model.AcronymDef
	for d, n := range counts {
		d.Count = n
		out = append(out, d)
	}
	slices.SortFunc(out, func(a, b model.AcronymDef) int {
		return cmp.Or(cmp.Compare(a.Acronym, b.Acronym), cmpBool(a.Beside, b.Beside), cmp.Compare(b.Count, a.Count),
			cmp.Compare(a.Expansion, b.Expansion), cmp.Compare(a.Form, b.Form))
	})
	return out
}

// learnProfiles learns the profile of every contact's interest from items
// and the background store, as the store does (store.LearnAssociations,
// store.Profiles): the same fields, analysed the same way.
func learnProfiles(items []suggest.Candidate, contacts []model.Contact) map[string][]assoc.Neighbour {
	all := items
	if os.Getenv("KF_NOBG") == "" {
		all = append(slices.Clone(items), backgroundItems()...)
	}
	srcOf := map[string]int64{}
	docs := make([]*assoc.Doc, len(all))
	sources := make([]int64, len(all))
	for i, it := range all {
		text := it.Text
		if len(text) > 4<<10 {
			text = text[:4<<10]
		}
		docs[i] = assoc.NewDoc(suggest.Analyze(it.Title), suggest.Analyze(strings.Join(it.Categories, ", ")), suggest.Analyze(text))
		if srcOf[it.SourceTitle] == 0 {
			srcOf[it.SourceTitle] = int64(len(srcOf) + 1)
		}
		sources[i] = srcOf[it.SourceTitle]
	}
	return assoc.ProfilesOver(docs, sources, analysis.Interests(contacts))
}

// backgroundDir holds a stand-in for what a user of these fixtures' fields
// has received before (see its README.md): learned from, never suggested.
const backgroundDir = "../../testdata/background/feeds"

// backgroundItems are the items of backgroundDir's feeds, read once.
var backgroundItems = sync.OnceValue(func() []suggest.Candidate {
	files, err := filepath.Glob(filepath.Join(backgroundDir, "*.xml"))
	if err != nil || len(files) == 0 {
		panic(fmt.Sprintf("background feeds in %s: %v", backgroundDir, err))
	}
	var out []suggest.Candidate
	for _, f := range files {
		body, err := os.ReadFile(f)
		if err != nil {
			panic(err)
		}
		feed, err := parse.Parse(body, "", "https://bg.example/"+filepath.Base(f))
		if err != nil {
			panic(fmt.Sprintf("%s: %v", f, err))
		}
		for _, it := range feed.Items {
			out = append(out, suggest.Candidate{Item: model.Item{SourceTitle: "bg:" + filepath.Base(f), Title: it.Title, Text: it.Text, Categories: it.Categories}})
		}
	}
	return out
})

// newQualityInput is an engine input at fixtureNow for contacts, with
// their communities (digest on Fridays at 10:00).
func newQualityInput(contacts []model.Contact) suggest.Input {
	var names []string
	members := map[string][]int64{}
	for _, c := range contacts {
		for _, k := range c.Communities {
			if members[k] == nil {
				names = append(names, k)
			}
			members[k] = append(members[k], c.ID)
		}
	}
	sort.Strings(names)
	in := suggest.Input{Now: fixtureNow, Prefs: model.DefaultPrefs(), Contacts: contacts}
	in.Prefs.TimeZone = "Europe/Lisbon"
	for i, n := range names {
		in.Communities = append(in.Communities, suggest.CommunityInfo{
			Community: model.Community{ID: int64(i + 1), Name: n, DigestDay: time.Friday, DigestTime: "10:00"},
			MemberIDs: members[n],
		})
	}
	return in
}

// recipients parses an expected list: names and community:NAME separated
// by ';', or "-" for nobody.
func recipients(s string) []string {
	s = strings.TrimSpace(s)
	if s == "-" || s == "" {
		return nil
	}
	var out []string
	for _, n := range strings.Split(s, ";") {
		if n = strings.TrimSpace(n); n != "" && n != "-" {
			out = append(out, n)
		}
	}
	return out
}

// kindScore is what one kind of item measured.
type kindScore struct {
	rows                 int
	top1, top1Right      int // rows given a top recipient, and right
	wanted, found        int // recipients wanted, and found in the top 3
	offTopic, offTopicFP int // rows for nobody, and suggested to someone
}

func (k kindScore) top1Precision() float64 { return ratio(k.top1Right, k.top1) }
func (k kindScore) recall3() float64       { return ratio(k.found, k.wanted) }
func (k kindScore) offTopicRate() float64  { return ratio(k.offTopicFP, k.offTopic) }

// measure ranks in with suggest.Rank and scores the top 3 recipients of
// each row, per kind ("all" for every row). A community counts as right
// only where the row names it (community:NAME), a person only where the
// row names them; an item for nobody is a false positive when anyone at
// all is suggested. It also returns the first wrong suggestions, to read.
func measure(in suggest.Input, rows []qualityRow) (map[string]*kindScore, []string) {
	top := map[int64][]model.Suggestion{}
	for _, s := range suggest.Rank(in) {
		if len(top[s.ItemID]) < 3 {
			top[s.ItemID] = append(top[s.ItemID], s)
		}
	}
	byKind := map[string]*kindScore{}
	var wrong []string
	for i, r := range rows {
		got := top[int64(i+1)]
		want := map[string]bool{}
		for _, e := range r.Expected {
			want[e] = true
		}
		kinds := []string{"all"}
		if r.Kind != "" {
			kinds = append(kinds, r.Kind)
			if k, _, ok := strings.Cut(r.Kind, ":"); ok {
				kinds = append(kinds, k) // "paraphrase", "off-topic"
			}
		}
		for _, kind := range kinds {
			k := byKind[kind]
			if k == nil {
				k = &kindScore{}
				byKind[kind] = k
			}
			k.rows++
			if len(r.Expected) == 0 {
				k.offTopic++
				if len(got) > 0 {
					k.offTopicFP++
				}
				continue
			}
			k.wanted += len(r.Expected)
			for j, s := range got {
				right := want[recipientName(s)]
				if j == 0 {
					k.top1++
					if right {
						k.top1Right++
					}
				}
				if right {
					k.found++
				}
			}
		}
		if os.Getenv("KF_MISSES") != "" && len(r.Expected) > 0 {
			have := map[string]bool{}
			for _, s := range got {
				have[recipientName(s)] = true
			}
			for _, e := range r.Expected {
				if !have[e] {
					wrong = append(wrong, fmt.Sprintf("  MISS [%s] %q → %s", r.Kind, clip(r.Title), e))
				}
			}
		}
		for _, s := range got {
			if !want[recipientName(s)] && len(wrong) < 40 {
				wrong = append(wrong, fmt.Sprintf("  [%s] %q → %s: %s (wanted %s)", r.Kind, clip(r.Title), recipientName(s), s.Why, strings.Join(r.Expected, "; ")))
			}
		}
	}
	return byKind, wrong
}

func recipientName(s model.Suggestion) string {
	if s.CommunityID != 0 {
		return "community:" + s.Community
	}
	return s.ContactName
}

// report logs a fixture's scores per kind.
func report(t *testing.T, name string, byKind map[string]*kindScore) {
	kinds := make([]string, 0, len(byKind))
	for k := range byKind {
		kinds = append(kinds, k)
	}
	sort.Strings(kinds)
	t.Logf("%s: %-22s %5s %12s %12s %14s", name, "kind", "rows", "top-1 prec.", "recall@3", "off-topic FP")
	for _, kind := range kinds {
		k := byKind[kind]
		cell := func(ok bool, v float64, a, b int) string {
			if !ok {
				return "-"
			}
			return fmt.Sprintf("%.2f (%d/%d)", v, a, b)
		}
		t.Logf("%s: %-22s %5d %12s %12s %14s", name, kind, k.rows,
			cell(k.top1 > 0, k.top1Precision(), k.top1Right, k.top1),
			cell(k.wanted > 0, k.recall3(), k.found, k.wanted),
			cell(k.offTopic > 0, k.offTopicRate(), k.offTopicFP, k.offTopic))
	}
}

// measureFixture ranks the labelled fixture of dir, reports it per kind
// under name and, in a verbose run, logs its first wrong recipients.
func measureFixture(t *testing.T, name, dir, feedBase string) map[string]*kindScore {
	t.Helper()
	in, rows := loadLabelled(t, dir, feedBase)
	byKind, wrong := measure(in, rows)
	report(t, name, byKind)
	if testing.Verbose() {
		t.Logf("first wrong recipients:\n%s", strings.Join(wrong, "\n"))
	}
	return byKind
}

// floors are a dev fixture's least recall@3 per kind and most off-topic
// false positives.
type floors struct {
	recall      map[string]float64 // kind → least recall@3
	offTopicMax float64            // of the off-topic items, at most this many go to anyone
}

// assertFloors measures the labelled fixture of dir (measureFixture) and
// fails where a kind's recall@3 is below its floor or the off-topic
// items' false positives above their ceiling.
func assertFloors(t *testing.T, name, dir, feedBase string, f floors) {
	t.Helper()
	byKind := measureFixture(t, name, dir, feedBase)
	kinds := make([]string, 0, len(f.recall))
	for k := range f.recall {
		kinds = append(kinds, k)
	}
	sort.Strings(kinds)
	for _, kind := range kinds {
		k := byKind[kind]
		if k == nil {
			t.Fatalf("no %s rows in %s", kind, dir)
		}
		if v := k.recall3(); v < f.recall[kind] {
			t.Errorf("%s recall@3 %.2f is below %.2f", kind, v, f.recall[kind])
		}
	}
	if v := byKind["off-topic"].offTopicRate(); v > f.offTopicMax {
		t.Errorf("%.2f of off-topic items were suggested to someone, ceiling %.2f", v, f.offTopicMax)
	}
}

// heldoutQuality measures the engine on the held-out fixture, per
// kind, and asserts its floors.
func heldoutQuality(t *testing.T) {
	in, rows := loadHeldout(t)
	byKind, wrong := measure(in, rows)
	t.Logf("held-out fixture: %d items, %d contacts, %d communities", len(rows), len(in.Contacts), len(in.Communities))
	report(t, "heldout", byKind)
	if testing.Verbose() {
		t.Logf("first wrong recipients:\n%s", strings.Join(wrong, "\n"))
	}
	get := func(kind string) kindScore {
		if k := byKind[kind]; k != nil {
			return *k
		}
		t.Fatalf("no %s rows in the held-out fixture", kind)
		return kindScore{}
	}
	if v := get("literal").top1Precision(); v < heldoutLiteralTop1 {
		t.Errorf("literal top-1 precision %.2f is below %.2f", v, heldoutLiteralTop1)
	}
	if v := get("paraphrase").recall3(); v < heldoutParaphraseFloor {
		t.Errorf("paraphrase recall@3 %.2f is below %.2f", v, heldoutParaphraseFloor)
	}
	if v := get("off-topic").offTopicRate(); v > heldoutOffTopicCeiling {
		t.Errorf("%.2f of off-topic items were suggested to someone, ceiling %.2f", v, heldoutOffTopicCeiling)
	}
}

// cmpBool orders false before true.
func cmpBool(a, b bool) int {
	switch {
	case a == b:
		return 0
	case a:
		return 1
	}
	return -1
}
