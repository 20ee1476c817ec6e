package suggest

import (
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/knowflow/knowflow/model"
	"github.com/knowflow/knowflow/model/assoc"
)

// meaningInput is a team of one person with interests, and items by
// title and text; filler items make the idf of their words realistic.
func meaningInput(interests []string, items ...[2]string) Input {
	in := Input{Now: now, Prefs: prefs(), Contacts: []model.Contact{
		contact(1, "Ana Lima", model.CircleTeam, "Europe/Lisbon", interests...),
	}}
	for i, it := range items {
		in.Items = append(in.Items, Candidate{Item: model.Item{
			ID: int64(i + 1), SourceID: 1, Title: it[0], Text: it[1], Published: now.Add(-time.Hour),
		}})
	}
	for i, key := range []string{"football", "gardening", "climate", "sqlite"} {
		c := item(int64(100+i), key, 3*time.Hour)
		in.Items = append(in.Items, c)
	}
	return in
}

// rankedFor returns what Rank finds for contact 1: item ID → suggestion.
func rankedFor(in Input) map[int64]model.Suggestion {
	out := map[int64]model.Suggestion{}
	for _, s := range Rank(in) {
		if s.ContactID == 1 {
			out[s.ItemID] = s
		}
	}
	return out
}

func TestAcronymBridgesBothWays(t *testing.T) {
	items := [][2]string{
		{"What site reliability engineering taught our on-call rotation", "Error budgets, toil and blameless reviews: site reliability engineering in a team of five."},
		{"SRE at a small company", "Our SRE practice began with one pager and a spreadsheet of incidents. SRE is a habit."},
		{"A glossary for new hires", "Site Reliability Engineering (SRE) is how operations is done as software. Personal Knowledge Mastery (PKM) is how you keep learning."},
		{"Notes on PKM", "PKM starts with seeking good sources and sensing what they say; PKM ends in sharing."},
	}
	// The acronym finds the expansion (defined in item 3)...
	got := rankedFor(meaningInput([]string{"SRE"}, items...))
	s, ok := got[1]
	if !ok {
		t.Fatalf("interest SRE: item 1 (site reliability engineering) not found; got %v", got)
	}
	if want := "matches 'SRE' (through 'site reliability engineering')"; s.Why != want {
		t.Errorf("why %q, want %q", s.Why, want)
	}
	if !slices.Equal(s.Through, []string{"site reliability engineering"}) {
		t.Errorf("Through = %q", s.Through)
	}
	if lit, ok := got[2]; !ok || lit.Through != nil || lit.Score < s.Score {
		t.Errorf("the literal SRE item %+v should beat the bridged one %+v", lit, s)
	}
	// ... and the expansion finds the acronym.
	got = rankedFor(meaningInput([]string{"personal knowledge mastery"}, items...))
	if s, ok := got[4]; !ok || !strings.Contains(s.Why, "(through 'PKM')") {
		t.Errorf("interest 'personal knowledge mastery': item 4 (PKM) %+v", s)
	}
	got = rankedFor(meaningInput([]string{"site reliability engineering"}, items...))
	if s, ok := got[2]; !ok || !strings.Contains(s.Why, "(through 'SRE')") {
		t.Errorf("interest 'site reliability engineering': item 2 (SRE) %+v", s)
	}
}

// An acronym of two letters is too short to guess: it bridges only where
// the candidates define it.
func TestShortAcronymNeedsADefinition(t *testing.T) {
	items := [][2]string{
		{"KM in practice", "How our KM wiki grew: KM is a habit more than a tool."},
		{"Running: 10 km a day", "I ran 10 km every day for a month."},
	}
	if got := rankedFor(meaningInput([]string{"knowledge management"}, items...)); len(got) != 0 {
		t.Errorf("'km' undefined, yet bridged: %v", got)
	}
	items = append(items, [2]string{"Words we use", "Knowledge management (KM) is what we do with what we learn."})
	got := rankedFor(meaningInput([]string{"knowledge management"}, items...))
	if _, ok := got[1]; !ok {
		t.Errorf("'KM' defined in item 3, item 1 not found: %v", got)
	}
}

// A definition the user's older items gave (Input.AcronymDefs, learned
// by the store) counts as one a candidate gives, both ways.
func TestAcronymDefinedByOlderItems(t *testing.T) {
	items := [][2]string{
		{"KM in practice", "How our KM wiki grew: KM is a habit more than a tool."},
		{"Knowledge management on a shoestring", "A wiki, a glossary and an hour a week."},
		{"Running: 10 km a day", "I ran 10 km every day for a month."},
	}
	in := meaningInput([]string{"knowledge management"}, items[0], items[2])
	if got := rankedFor(in); len(got) != 0 {
		t.Fatalf("'km' undefined, yet bridged: %v", got)
	}
	in.AcronymDefs = []model.AcronymDef{{Acronym: "km", Expansion: "knowledge management", Form: "KM", Count: 2}}
	got := rankedFor(in)
	if s, ok := got[1]; !ok || !strings.Contains(s.Why, "(through 'KM')") {
		t.Errorf("interest 'knowledge management', KM defined by older items: item 1 %+v", s)
	}
	if _, ok := got[2]; ok {
		t.Errorf("'10 km a day' bridged to knowledge management: %+v", got[2])
	}
	in = meaningInput([]string{"KM"}, items[1], items[2])
	in.AcronymDefs = []model.AcronymDef{{Acronym: "km", Expansion: "knowledge management", Form: "KM", Count: 2}}
	if s, ok := rankedFor(in)[1]; !ok || !strings.Contains(strings.ToLower(s.Why), "(through 'knowledge management')") {
		t.Errorf("interest 'KM', defined by older items: item 1 %+v", s)
	}
	// A definition of another acronym, or none the interests want, is
	// not read.
	in = meaningInput([]string{"knowledge management"}, items[0], items[2])
	in.AcronymDefs = []model.AcronymDef{{Acronym: "pkm", Expansion: "personal knowledge management", Form: "PKM", Count: 9}}
	if got := rankedFor(in); len(got) != 0 {
		t.Errorf("a definition of PKM bridged KM: %v", got)
	}
}

// An interest written as a compound with a stop word ("on-call") is one
// word: split, it would be a common word alone ("call") and match every
// phone call.
func TestCompoundInterestIsOneWord(t *testing.T) {
	items := [][2]string{
		{"On-call rotations people can live with", "Two weeks on, four off, and a pager that rarely rings."},
		{"Our oncall handbook", "What to do when paged at night."},
		{"The first call with a customer", "Listen more than you talk; call back the next day."},
	}
	got := rankedFor(meaningInput([]string{"on-call"}, items...))
	for _, id := range []int64{1, 2} {
		if _, ok := got[id]; !ok {
			t.Errorf("item %d (%s) not found: %v", id, items[id-1][0], got)
		}
	}
	if s, ok := got[3]; ok {
		t.Errorf("a customer call matched on-call: %+v", s)
	}
}

func TestWordOrderAndDistance(t *testing.T) {
	items := [][2]string{
		{"Onboarding people who work remotely", "A checklist for the first week."},
		{"The design of instruction for new starters", "Sequencing, practice and feedback."},
		{"Remote offices and their costs", "Rent, travel and the onboarding budget of a regional office, which has nothing else in common with the rest of this piece about property."},
	}
	got := rankedFor(meaningInput([]string{"remote onboarding", "instructional design"}, items...))
	if s, ok := got[1]; !ok || s.Why != "matches 'remote onboarding'" {
		t.Errorf("item 1: %+v", s)
	}
	if s, ok := got[2]; !ok || s.Why != "matches 'instructional design'" {
		t.Errorf("item 2: %+v", s)
	}
	if s, ok := got[3]; ok && slices.Contains(s.Matched, "remote onboarding") {
		t.Errorf("item 3 has the words far apart, yet matched: %+v", s)
	}
}

func TestSpellingVariantsMeet(t *testing.T) {
	items := [][2]string{
		{"Email marketing that people read", "Plain text, one link, a real reply-to."},
		{"Co-operation across teams", "Why cross-team work stalls."},
	}
	got := rankedFor(meaningInput([]string{"e-mail marketing", "cooperation"}, items...))
	for _, id := range []int64{1, 2} {
		if s, ok := got[id]; !ok || s.Through != nil {
			t.Errorf("item %d: %+v", id, s)
		}
	}
}

// A one-word interest that is an everyday word counts only where the
// item reads it in the interest's sense.
func TestHomonymGuard(t *testing.T) {
	old, oldEveryday := commonWord, everydayWord
	commonWord = func(w string) bool { return w == "go" || w == "rust" }
	defer func() { commonWord, everydayWord = old, oldEveryday }()
	items := [][2]string{
		{"Let's go hiking this weekend", "We go up the hill at dawn and go down by noon. Go early."},
		{"Generics one year on", "Code written in Go changed little; the Go team kept its promise of compatibility."},
		{"Rust on the old bridge", "The council says rust has eaten the railings; repairs start in spring."},
		{"Why we rewrote the parser in Rust", "Memory safety without a garbage collector: Rust gave us both, and the borrow checker taught the team."},
		{"Go", "Go go go."},
	}
	got := rankedFor(meaningInput([]string{"Go", "Rust"}, items...))
	for id, want := range map[int64]bool{1: false, 2: true, 3: false, 4: true, 5: false} {
		if _, ok := got[id]; ok != want {
			t.Errorf("item %d %q: suggested %v, want %v", id, items[id-1][0], ok, want)
		}
	}
	// The guard applies to common words only.
	commonWord = func(string) bool { return false }
	everydayWord = func(string) bool { return false }
	if _, ok := rankedFor(meaningInput([]string{"Go"}, items...))[1]; !ok {
		t.Error("without the guard, the plain word matches as before")
	}
}

func TestAcronymAnalysis(t *testing.T) {
	if a, b := Analyze("L&D"), Analyze("ld"); !slices.Equal(a, b) {
		t.Errorf("L&D %q, ld %q", a, b)
	}
	if a, b := Analyze("SREs PMs"), Analyze("SRE PM"); !slices.Equal(a, b) {
		t.Errorf("plural acronyms %q, singular %q", a, b)
	}
	for s, want := range map[string]string{"Kubernetes": "k8s", "internationalization": "i18n", "Go": "", "remote work": ""} {
		if got := numeronym(s); got != want {
			t.Errorf("numeronym(%q) = %q, want %q", s, got, want)
		}
	}
}

// Acronyms as people write them: plural, with a stop word's lower-case
// initial, as a numeronym; and spelled out by the user's own network
// (one person's interest is another's acronym) or beside the acronym in
// one item.
func TestAcronymsAsWritten(t *testing.T) {
	items := [][2]string{
		{"SREs are not your ops team", "The SREs we know spend half their time removing toil."},
		{"CoPs that outlive their sponsors", "Communities of practice (CoPs) often die when the sponsor moves on."},
		{"Why our CoPs meet monthly", "Our CoPs choose their own agenda."},
		{"K8s upgrades without drama", "We upgrade our K8s clusters every quarter."},
		{"Seasonal recipes", "Slow roasted eggplant, a simple recipe."},
	}
	got := rankedFor(meaningInput([]string{"site reliability engineering"}, items...))
	if s, ok := got[1]; !ok || !strings.Contains(s.Why, "(through 'SREs')") {
		t.Errorf("plural SREs: %+v", got)
	}
	got = rankedFor(meaningInput([]string{"communities of practice"}, items...))
	if s, ok := got[3]; !ok || !strings.Contains(s.Why, "(through 'CoPs')") {
		t.Errorf("CoPs, defined in item 2: %+v", got)
	}
	got = rankedFor(meaningInput([]string{"Kubernetes"}, items...))
	if s, ok := got[4]; !ok || !strings.Contains(s.Why, "(through 'K8s')") {
		t.Errorf("K8s: %+v", got)
	}
	for _, s := range got {
		if s.ItemID != 4 {
			t.Errorf("Kubernetes matched %+v", s)
		}
	}

	// The network spells it out: Bea's "SRE" is Ana's "site reliability
	// engineering", both ways.
	items = [][2]string{
		{"What site reliability engineering taught our data team", "Service level objectives for data freshness."},
		{"What an SRE does all day", "Mornings are alerts, afternoons automation."},
		{"Seasonal recipes", "Slow roasted eggplant, a simple recipe."},
	}
	in := meaningInput([]string{"SRE"}, items...)
	in.Contacts = append(in.Contacts, contact(2, "Bea Sousa", model.CircleTeam, "Europe/Lisbon", "site reliability engineering"))
	why := map[int64]map[int64]string{1: {}, 2: {}} // contact → item → why
	for _, s := range Rank(in) {
		why[s.ContactID][s.ItemID] = s.Why
	}
	if w := why[1]; len(w) != 2 || w[1] != "matches 'SRE' (through 'site reliability engineering')" {
		t.Errorf("SRE: %v", w)
	}
	if w := why[2]; len(w) != 2 || w[2] != "matches 'site reliability engineering' (through 'SRE')" {
		t.Errorf("site reliability engineering: %v", w)
	}

	// One item that writes the acronym and its words spells it out.
	items = [][2]string{
		{"Building a PKM stack with plain text", "PKM, personal knowledge management, is about habits."},
		{"Personal knowledge management in ten minutes a day", "Capture, link, review."},
		{"Personal kitchen makeover", "Tiles and taps."},
	}
	got = rankedFor(meaningInput([]string{"PKM"}, items...))
	if s, ok := got[2]; !ok || !strings.Contains(strings.ToLower(s.Why), "(through 'personal knowledge management')") {
		t.Errorf("PKM spelled out beside it in item 1: %+v", got)
	}
	if _, ok := got[3]; ok {
		t.Error("personal kitchen makeover bridged PKM")
	}
}

func TestAsName(t *testing.T) {
	for _, c := range []struct {
		s, word string
		want    int
	}{
		{"Code written in Go changed little", "Go", 1},
		{"Go 1.24 is out", "Go", 0},                       // a sentence's start says nothing
		{"We shipped it. Go is fast.", "Go", 0},           // nor does another's
		{"Tickets for Taylor Swift sold out", "Swift", 0}, // part of another name
		{"towns of the Rust Belt", "Rust", 0},
		{"the Go team, the Go tools, and gopls in Go", "Go", 3},
		{"Gopher and ProGo", "Go", 0},
	} {
		if got := asName(c.s, c.word); got != c.want {
			t.Errorf("asName(%q, %q) = %d, want %d", c.s, c.word, got, c.want)
		}
	}
}

func TestAsNameInGerman(t *testing.T) {
	if got := asName("Neu. Die Java-Plattform wächst", "Java"); got != 1 {
		t.Errorf("asName = %d, want 1", got)
	}
}

func TestEnglish(t *testing.T) {
	if !readsEnglish("The parser was rewritten in Rust and it is fast.") {
		t.Error("English not recognised")
	}
	if readsEnglish("Die Java Virtual Machine Zing ist speziell auf speicherhungrige Anwendungen ausgelegt.") {
		t.Error("German taken for English")
	}
}

// Without a definition, an acronym's expansion is a run of words with its
// initials that several items write; once is chance.
func TestAcronymFromRecurringInitials(t *testing.T) {
	items := [][2]string{
		{"Site reliability engineering on a budget", "Error budgets at a small company."},
		{"What site reliability engineering taught our on-call rotation", "Less toil, fewer pages."},
		{"Seasonal recipes", "Slow roasted eggplant, a simple recipe."},
	}
	got := rankedFor(meaningInput([]string{"SRE"}, items...))
	for _, id := range []int64{1, 2} {
		if s, ok := got[id]; !ok || !strings.Contains(strings.ToLower(s.Why), "(through 'site reliability engineering')") {
			t.Errorf("item %d: %+v", id, s)
		}
	}
	if _, ok := got[3]; ok {
		t.Error("\"slow roasted eggplant\" bridged SRE")
	}
	// One item that writes it once is not enough: that may be chance.
	if got := rankedFor(meaningInput([]string{"SRE"}, items[0], items[2])); len(got) != 0 {
		t.Errorf("one run made an expansion: %v", got)
	}
}

// One item that names its subject by an acronym's initials more than once
// (its title and its text) spells the acronym out, more weakly than runs
// the network repeats; a chance run written once does not.
func TestAcronymFromOneItemsRepeatedRun(t *testing.T) {
	items := [][2]string{
		{"Seek, sense, share: personal knowledge mastery for busy people", "Personal knowledge mastery is a way to keep learning at work."},
		{"A personal kitchen makeover", "Tiles, taps and a new worktop."},
		{"Site reliability engineering on a budget", "Error budgets at a small company."},
		{"What site reliability engineering taught our on-call rotation", "Less toil, fewer pages."},
	}
	got := rankedFor(meaningInput([]string{"PKM", "SRE"}, items...))
	s, ok := got[1]
	if !ok || !strings.Contains(s.Why, "(through 'personal knowledge mastery')") {
		t.Fatalf("PKM → item 1: %+v", got)
	}
	if _, ok := got[2]; ok {
		t.Error("personal kitchen makeover bridged PKM")
	}
	if r, ok := got[3]; !ok || r.Score <= s.Score {
		t.Errorf("a run two items write (%+v) should outweigh one item's (%+v)", r, s)
	}
}

// A camel-case blend ("DevEx") is the run of words each starting with its
// parts ("developer experience"), even in one item; and only that.
func TestBlendBridges(t *testing.T) {
	items := [][2]string{
		{"What makes a good developer experience", "Fast builds, clear errors and docs you can trust: developer experience is felt daily."},
		{"Design experience from the field", "Dev teams and designers."},
		{"Devon excursions for the half-term", "Beaches and moors."},
	}
	got := rankedFor(meaningInput([]string{"DevEx"}, items...))
	if s, ok := got[1]; !ok || s.Why != "matches 'DevEx' (through 'developer experience')" {
		t.Errorf("DevEx → developer experience: %+v", got)
	}
	if _, ok := got[2]; ok {
		t.Error("design experience bridged DevEx")
	}
	if _, ok := got[3]; ok {
		t.Error("Devon excursions, written once, bridged DevEx")
	}
	// A blend of an acronym's letters and a word's start, the word's
	// plural: "MLOps" is machine learning operations.
	items = [][2]string{
		{"Machine learning operations for our arrival-time models", "Machine learning operations is what keeps the models honest after launch."},
		{"Making lunch on Mondays", "Operations at the canteen."},
	}
	got = rankedFor(meaningInput([]string{"MLOps"}, items...))
	if s, ok := got[1]; !ok || !strings.Contains(s.Why, "(through 'Machine learning operations')") {
		t.Errorf("MLOps → machine learning operations: %+v", got)
	}
	if _, ok := got[2]; ok {
		t.Error("'making lunch on Mondays' bridged MLOps")
	}
}

func TestBlendParts(t *testing.T) {
	for _, c := range []struct {
		in   string
		want []string
	}{
		{"DevEx", []string{"dev", "ex"}},
		{"InfoSec", []string{"info", "sec"}},
		{"FinOps", []string{"fin", "ops"}},
		{"MLOps", []string{"m", "l", "ops"}}, {"DevSecOps", []string{"dev", "sec", "ops"}},
		{"iOS", nil}, {"MLOPS", nil}, {"ML", nil}, {"Kafka", nil}, {"SRE", nil}, {"Dev-Ex", nil}, {"DeX", nil},
	} {
		if got := blendParts(c.in); !slices.Equal(got, c.want) {
			t.Errorf("blendParts(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}

// WordNet's synonyms bridge both ways, where both words are most often
// meant in the sense they share.
func TestSynonymBridgesBothWays(t *testing.T) {
	items := [][2]string{
		{"Teleworking across three time zones", "What a year of working from home taught us."},
		{"Telecommuting is here to stay", "Offices empty, calendars full."},
	}
	got := rankedFor(meaningInput([]string{"telecommuting"}, items...))
	if s, ok := got[1]; !ok || s.Why != "matches 'telecommuting' (through 'Teleworking')" {
		t.Errorf("telecommuting → teleworking: %+v", s)
	}
	got = rankedFor(meaningInput([]string{"teleworking"}, items...))
	if s, ok := got[2]; !ok || s.Why != "matches 'teleworking' (through 'Telecommuting')" {
		t.Errorf("teleworking → telecommuting: %+v", s)
	}
}

// What the user's items write beside an interest's words bridges it: the
// network taught that "distributed" stands for "remote".
func TestAssociationBridges(t *testing.T) {
	items := [][2]string{
		{"Distributed work without burnout", "Handing work across time zones, in writing."},
		{"Gardening in December", "Mulch, bulbs and frost."},
	}
	in := meaningInput([]string{"remote work"}, items...)
	if got := rankedFor(in); len(got) != 0 {
		t.Fatalf("matched without associations: %v", got)
	}
	in.Associations = map[string][]assoc.Neighbour{
		"remot": {{Term: "distribut", Weight: 0.8, Count: 12}, {Term: "garden", Weight: 0.1, Count: 3}},
	}
	got := rankedFor(in)
	if s, ok := got[1]; !ok || s.Why != "matches 'remote work' (through 'Distributed work')" {
		t.Errorf("item 1: %+v", s)
	}
	if _, ok := got[2]; ok {
		t.Error("a weak association bridged the gardening item")
	}
}

// An acronym inside an interest of several words is spelled out as the
// candidates define it: "PKM tools" finds "personal knowledge management
// tools", and not a kitchen.
func TestAcronymInsideAnInterest(t *testing.T) {
	items := [][2]string{
		{"A glossary", "Personal Knowledge Management (PKM) is how you keep what you learn."},
		{"Personal knowledge management tools compared", "Plain text against the rest."},
		{"Personal kitchen tools compared", "Knives and pans."},
	}
	got := rankedFor(meaningInput([]string{"PKM tools"}, items...))
	if s, ok := got[2]; !ok || !strings.Contains(strings.ToLower(s.Why), "(through 'personal knowledge management tools')") {
		t.Errorf("item 2: %+v", got)
	}
	if _, ok := got[3]; ok {
		t.Error("personal kitchen tools bridged PKM tools")
	}
}

// An interest written as an acronym counts only where the item writes it
// in capitals, or tags the item so; WordNet's words for it count only
// where they spell it ("hr" is an hour there).
func TestAcronymInterestInCapitals(t *testing.T) {
	items := [][2]string{
		{"Choir rehearsals: the Agnus Dei for the winter concert", "Twenty minutes of scales, then the Agnus Dei twice through."},
		{"Our DEI report for 2026", "Hiring, pay and promotion by group, and what we change next year."},
		{"Quarterly numbers", "Pay gaps and hiring panels by group."},
	}
	in := meaningInput([]string{"DEI"}, items...)
	in.Items[2].Categories = []string{"dei"}
	got := rankedFor(in)
	if s, ok := got[1]; ok {
		t.Errorf("'Agnus Dei' matched DEI: %+v", s)
	}
	for _, id := range []int64{2, 3} {
		if _, ok := got[id]; !ok {
			t.Errorf("item %d (DEI in capitals, or as a tag) not suggested: %v", id, got)
		}
	}
	hr := [][2]string{
		{"Charging spaces for electric cars", "A full charge takes forty minutes; book a slot of sixty minutes in the app."},
		{"Our new HR system", "Leave requests and payslips move to one place in February."},
	}
	got = rankedFor(meaningInput([]string{"HR"}, hr...))
	if s, ok := got[1]; ok {
		t.Errorf("'sixty minutes' bridged to HR: %+v", s)
	}
	if _, ok := got[2]; !ok {
		t.Errorf("the HR item was not suggested: %v", got)
	}
}

// An acronym that spells a phrase's short stop words too ("IaC", "L&D")
// needs no definition: its letters say the phrase.
func TestAcronymSpellingItsStopWords(t *testing.T) {
	for _, c := range []struct{ phrase, want string }{
		{"infrastructure as code", "IaC"}, {"learning and development", "L&D"}, {"ways of working", "WoW"},
		{"community of practice", "CoP"}, {"site reliability engineering", ""}, {"the data team", ""}, {"state of the art", "SotA"}, {"data and", ""},
	} {
		if got := fullInitials(c.phrase); got != c.want {
			t.Errorf("fullInitials(%q) = %q, want %q", c.phrase, got, c.want)
		}
	}
	items := [][2]string{
		{"Moving the last load balancers into IaC", "Terraform modules for every listener, reviewed like any other change."},
		{"An iac for the garden", "Not what you think."},
	}
	got := rankedFor(meaningInput([]string{"infrastructure as code"}, items...))
	if s, ok := got[1]; !ok || !strings.Contains(s.Why, "(through 'IaC')") {
		t.Errorf("'IaC' for infrastructure as code: %+v", s)
	}
	if s, ok := got[2]; ok {
		t.Errorf("'iac' in lower case bridged: %+v", s)
	}
}

// A camel-case blend in an item says an interest of two or three words
// by their starts ("DevEx", "FinOps"), the other way round from
// TestBlendBridges.
func TestBlendInTheItem(t *testing.T) {
	items := [][2]string{
		{"DevEx survey results", "Local setup is still the top complaint; builds come second."},
		{"What our first FinOps review found", "Idle instances and unattached volumes were a fifth of the bill."},
		{"Devexit", "A word nobody uses."},
	}
	got := rankedFor(meaningInput([]string{"developer experience"}, items...))
	if s, ok := got[1]; !ok || !strings.Contains(s.Why, "(through 'DevEx')") {
		t.Errorf("'DevEx' for developer experience: %+v", s)
	}
	got = rankedFor(meaningInput([]string{"cloud financial operations"}, items...))
	if s, ok := got[2]; !ok || !strings.Contains(s.Why, "(through 'FinOps')") {
		t.Errorf("'FinOps' for cloud financial operations: %+v", s)
	}
	for _, parts := range []struct {
		term  string
		words []string
		want  []string
	}{
		{"devex", []string{"developer", "experience"}, []string{"dev", "ex"}},
		{"finop", []string{"financial", "operations"}, []string{"fin", "op"}},
		{"developer", []string{"developer", "experience"}, nil},
		{"dex", []string{"developer", "experience"}, nil},
	} {
		if got := splitBlend(parts.term, parts.words); !slices.Equal(got, parts.want) {
			t.Errorf("splitBlend(%q, %q) = %q, want %q", parts.term, parts.words, got, parts.want)
		}
	}
}

// A numeronym interest ("a11y") finds the word it stands for in the
// candidates, a noun: "accessibility", not "automatically".
func TestNumeronymInterest(t *testing.T) {
	items := [][2]string{
		{"Accessibility audit of the web app", "Missing form labels, focus traps and poor contrast."},
		{"Deploys now run automatically", "Every merge goes out automatically within ten minutes."},
		{"Automatically tagged photos", "The app now tags them automatically."},
	}
	got := rankedFor(meaningInput([]string{"a11y"}, items...))
	if s, ok := got[1]; !ok || !strings.Contains(s.Why, "(through 'Accessibility')") {
		t.Errorf("'a11y' for accessibility: %+v (%v)", s, got)
	}
	for _, id := range []int64{2, 3} {
		if s, ok := got[id]; ok {
			t.Errorf("item %d bridged to a11y: %+v", id, s)
		}
	}
}

// Words the user's items write beside an acronym count as its expansion
// where they recur and outnumber any other words written beside it.
func TestAcronymWrittenBesideItsWords(t *testing.T) {
	items := [][2]string{
		{"How our PMs write specs", "One page, the problem first, and the metric it should move."},
		{"The 3 PM all-hands moves", "From next week, the all-hands starts an hour later."},
	}
	pm := func(defs ...model.AcronymDef) map[int64]model.Suggestion {
		in := meaningInput([]string{"product management"}, items...)
		in.AcronymDefs = defs
		return rankedFor(in)
	}
	beside := func(exp string, n int) model.AcronymDef {
		return model.AcronymDef{Acronym: "pm", Expansion: exp, Form: "PMs", Count: n, Beside: true}
	}
	got := pm(beside("product managers", 3), beside("product manager", 2), beside("panel members", 1), beside("pricing migration", 1))
	if s, ok := got[1]; !ok || !strings.Contains(s.Why, "(through 'PMs')") {
		t.Errorf("PMs beside product managers in five items: %+v", s)
	}
	if s, ok := got[2]; ok {
		t.Errorf("'3 PM' is a time, yet bridged: %+v", s)
	}
	for _, defs := range [][]model.AcronymDef{
		{beside("product managers", 1)},                             // once is chance
		{beside("product managers", 2), beside("panel members", 2)}, // not twice any other
	} {
		if s, ok := pm(defs...)[1]; ok {
			t.Errorf("%v made PM product management: %+v", defs, s)
		}
	}
}

// An acronym of four letters or more that spells a stop word ("MTtR") is
// written in capitals too ("MTTR"); a three-letter one ("IaC") is not
// read from "IAC".
func TestAcronymWithStopWordInCapitals(t *testing.T) {
	items := [][2]string{
		{"Our MTTR halved this quarter", "Most of it came from better alerts and a shorter paging chain."},
		{"IAC meeting minutes", "The committee met on Tuesday."},
	}
	got := rankedFor(meaningInput([]string{"mean time to recovery"}, items...))
	if s, ok := got[1]; !ok || !strings.Contains(s.Why, "(through 'MTTR')") {
		t.Errorf("'MTTR' for mean time to recovery: %+v", s)
	}
	got = rankedFor(meaningInput([]string{"infrastructure as code"}, items...))
	if s, ok := got[2]; ok {
		t.Errorf("'IAC' bridged to infrastructure as code: %+v", s)
	}
}

// The acronym list (model/lexicon, from bsdgames) bridges acronyms no
// item defines, both ways: "QA" for quality assurance (only in
// capitals), "user experience" for "UX research"; of an acronym with
// several meanings ("ML"), the one the user's items write beside it,
// and none where they tell none; and none where the user's items define
// the acronym otherwise.
func TestAcronymListBridges(t *testing.T) {
	items := [][2]string{
		{"Where QA sits in the new release process", "Testers join the squads from the first sprint."},
		{"Why qa is a word in Scrabble", "Two letters, no u."},
		{"What eight user experience research interviews told us", "Five of eight people never found the export button."},
		{"Machine learning for ticket routing", "A small classifier sends tickets to the right queue."},
		{"Mailing list etiquette", "Bottom-post, trim quotes, keep threads on topic."},
	}
	got := rankedFor(meaningInput([]string{"quality assurance"}, items...))
	if s, ok := got[1]; !ok || !strings.Contains(s.Why, "(through 'QA')") {
		t.Errorf("'QA' for quality assurance: %+v", s)
	}
	if s, ok := got[2]; ok {
		t.Errorf("'qa' in lower case bridged: %+v", s)
	}
	got = rankedFor(meaningInput([]string{"UX research"}, items...))
	if s, ok := got[3]; !ok || !strings.Contains(s.Why, "(through 'user experience research')") {
		t.Errorf("'user experience research' for UX research: %+v", s)
	}
	// ML: five meanings, and nothing in the user's items to tell them.
	got = rankedFor(meaningInput([]string{"ML"}, items...))
	if len(got) > 0 {
		t.Errorf("ML bridged with nothing to tell its meaning: %v", got)
	}
	// The user's items write "ML" beside "models" and "learning".
	in := meaningInput([]string{"ML"}, items...)
	in.Associations = map[string][]assoc.Neighbour{"ml": {{Term: "model", Weight: 0.4}, {Term: "learn", Weight: 0.3}}}
	got = rankedFor(in)
	if s, ok := got[4]; !ok || !strings.Contains(s.Why, "(through 'Machine learning')") {
		t.Errorf("'machine learning' for ML, told by the user's items: %+v", s)
	}
	if s, ok := got[5]; ok {
		t.Errorf("'mailing list' bridged to ML: %+v", s)
	}
	// The user's items define QA otherwise.
	in = meaningInput([]string{"quality assurance"}, items...)
	in.AcronymDefs = []model.AcronymDef{{Acronym: "qa", Expansion: "questions and answers", Form: "QA", Count: 3}}
	if s, ok := rankedFor(in)[1]; ok {
		t.Errorf("'QA' bridged to quality assurance where the user's items define it as questions and answers: %+v", s)
	}
}

// A short acronym ("HR") counts only in an item that holds a word of its
// field (the recipient's other interests, its bridges, what the user's
// items write beside it) or is tagged with it: in capitals it is also a
// heart rate.
func TestShortAcronymNeedsItsField(t *testing.T) {
	items := [][2]string{
		{"HR is taking over recruiting", "The people team now runs hiring end to end, from sourcing to offers."},
		{"Running club: train by HR, not by pace", "Keep your heart rate low on easy runs; the Saturday group meets by the river."},
		{"HR moves to the fourth floor", "The new kitchen opens on Monday."},
	}
	in := meaningInput([]string{"HR", "recruiting"}, items...)
	if s, ok := rankedFor(in)[3]; ok {
		t.Errorf("'HR' with no word of its field suggested: %+v", s)
	}
	in.Items[2].Categories = []string{"HR"}
	got := rankedFor(in)
	if _, ok := got[1]; !ok {
		t.Errorf("'HR' beside recruiting not suggested: %v", got)
	}
	if s, ok := got[2]; ok {
		t.Errorf("'HR' as a heart rate suggested: %+v", s)
	}
	if _, ok := got[3]; !ok {
		t.Errorf("an item tagged HR not suggested: %v", got)
	}
	// With nothing to tell its field, an acronym is read as written.
	got = rankedFor(meaningInput([]string{"HR"}, items...))
	if _, ok := got[2]; !ok {
		t.Errorf("'HR' alone, with no field to tell: %v", got)
	}
}

// A hyphenated compound that the analysis joins ("on-call",
// "docs-as-code") also meets the same words written apart, and only
// those: "on call", not "call" alone.
func TestCompoundWrittenApart(t *testing.T) {
	items := [][2]string{
		{"Who is on call over the holidays", "The rota for December, and how to swap a shift."},
		{"Call us on Monday", "The phone line opens at nine."},
		{"Our handbook moved to docs as code", "Pages are Markdown in the repository, reviewed in pull requests."},
	}
	got := rankedFor(meaningInput([]string{"on-call", "docs-as-code"}, items...))
	if s, ok := got[1]; !ok || !strings.Contains(s.Why, "on call") {
		t.Errorf("'on call' for on-call: %+v", s)
	}
	if s, ok := got[2]; ok {
		t.Errorf("a phone call for on-call: %+v", s)
	}
	if s, ok := got[3]; !ok || !strings.Contains(s.Why, "docs as code") {
		t.Errorf("'docs as code' for docs-as-code: %+v", s)
	}
}

// An acronym interest that spells its stop words ("IaC", "CoPs") finds
// its expansion in an item without any definition, both ways with
// TestAcronymSpellingItsStopWords, and only words whose initials spell it
// all: "integrated circuit" is not IaC.
func TestSpelledAcronymFindsItsExpansion(t *testing.T) {
	items := [][2]string{
		{"Infrastructure as code drift", "Defining infrastructure as code only works if the code stays the truth."},
		{"The integrated circuit shortage", "Integrated circuit lead times are back to normal."},
		{"What keeps communities of practice alive", "A steward, a rotating host and real problems from work."},
	}
	got := rankedFor(meaningInput([]string{"IaC"}, items...))
	if s, ok := got[1]; !ok || !strings.Contains(s.Why, "(through 'Infrastructure as code')") {
		t.Errorf("'infrastructure as code' for IaC: %+v", s)
	}
	if s, ok := got[2]; ok {
		t.Errorf("'integrated circuit' for IaC: %+v", s)
	}
	got = rankedFor(meaningInput([]string{"CoPs"}, items...))
	if s, ok := got[3]; !ok || !strings.Contains(s.Why, "communities of practice") {
		t.Errorf("'communities of practice' for CoPs: %+v", s)
	}
	if spelledLetters("SRE") != "" || spelledLetters("IaC") != "iac" || spelledLetters("CoPs") != "cop" {
		t.Errorf("spelledLetters: SRE %q, IaC %q, CoPs %q", spelledLetters("SRE"), spelledLetters("IaC"), spelledLetters("CoPs"))
	}
}

// A multiword interest's initials count even where WordNet knows them as
// another acronym without a vowel ("llm", its Master of Laws), but not
// in an item that holds the words of that other meaning and none of the
// interest's.
func TestInitialsWithAnotherMeaning(t *testing.T) {
	items := [][2]string{
		{"LLMs will not fix a messy knowledge base", "Point LLMs, the text-generating models behind chat assistants, at your content and see."},
		{"University launches a part-time LLM in planning law", "The master's course starts in September."},
	}
	got := rankedFor(meaningInput([]string{"large language models"}, items...))
	if s, ok := got[1]; !ok || !strings.Contains(s.Why, "(through 'LLMs')") {
		t.Errorf("'LLMs' for large language models: %+v", s)
	}
	if s, ok := got[2]; ok {
		t.Errorf("a Master of Laws for large language models: %+v", s)
	}
}

// A multiword interest's initials do not count in an item that spells
// them as other words: there it says what the acronym stands for. They
// still count where it spells them as the interest's own words, or not
// at all.
func TestInitialsTheItemSpellsOtherwise(t *testing.T) {
	items := [][2]string{
		{"New ADR scheme to settle landlord and tenant disputes", "Tenants can use a free ADR scheme. The alternative dispute resolution service is run with a mediation charity."},
		{"Our first year of ADRs", "Each ADR records one choice, the options we weighed and why."},
		{"ADRs, one year on", "Writing architecture decision records (ADRs) changed how we argue about design."},
	}
	got := rankedFor(meaningInput([]string{"architecture decision records"}, items...))
	if s, ok := got[1]; ok {
		t.Errorf("alternative dispute resolution for architecture decision records: %+v", s)
	}
	for _, id := range []int64{2, 3} {
		if s, ok := got[id]; !ok || !strings.Contains(s.Why, "ADR") && !strings.Contains(s.Why, "architecture decision records") {
			t.Errorf("item %d: ADRs for architecture decision records: %+v", id, s)
		}
	}
	e := &engine{items: []Candidate{{Item: model.Item{Title: "x", Text: "alternative, dispute, resolution; and an alternative dispute"}}}}
	if e.spellsOther(0, "adr", Analyze("architecture decision records")) {
		t.Error("spellsOther: words in separate clauses spell nothing")
	}
	e.items[0].Text = "the Alternative Dispute Resolution service"
	if !e.spellsOther(0, "adr", Analyze("architecture decision records")) || e.spellsOther(0, "adr", Analyze("alternative dispute resolutions")) {
		t.Error("spellsOther: 'Alternative Dispute Resolution' is another ADR, and its own")
	}
}

// An acronym in capitals may spell a stop word too ("FOI": freedom of
// information, "of" no term): it finds its expansion, not defined, but
// not the expansion's words apart.
func TestAcronymSpellingAStopWord(t *testing.T) {
	items := [][2]string{
		{"Freedom of Information requests reveal the pothole bill", "Answers to the requests show what the council paid out."},
		{"Freedom to innovate in the information age", "A talk on innovation and requests for proposals."},
	}
	got := rankedFor(meaningInput([]string{"FOI requests"}, items...))
	if s, ok := got[1]; !ok || !strings.Contains(s.Why, "(through 'Freedom of Information requests')") {
		t.Errorf("'Freedom of Information requests' for FOI requests: %+v", s)
	}
	if s, ok := got[2]; ok {
		t.Errorf("'freedom ... information' apart for FOI requests: %+v", s)
	}
}

// An interest of two words meets the two written as one, both ways of
// writing the plural: "styleguides" for "style guides".
func TestJoinedCompound(t *testing.T) {
	items := [][2]string{
		{"Writing styleguides that people follow", "Short, searchable, with examples."},
		{"Our new styleguide", "One page per rule."},
	}
	got := rankedFor(meaningInput([]string{"style guides"}, items...))
	for _, id := range []int64{1, 2} {
		if s, ok := got[id]; !ok || !strings.Contains(s.Why, "through 'styleguide") {
			t.Errorf("item %d: the joined compound for style guides: %+v", id, s)
		}
	}
}

// An "ex-" word's letter in an acronym is X, as in UX: "DX" is developer
// experience, written in capitals.
func TestExperienceIsX(t *testing.T) {
	items := [][2]string{
		{"DX is a product, not a slogan", "Fast builds, clear errors and a one-command setup."},
		{"The dx of the new ward", "Notes from the clinic."},
	}
	got := rankedFor(meaningInput([]string{"developer experience"}, items...))
	if s, ok := got[1]; !ok || !strings.Contains(s.Why, "(through 'DX')") {
		t.Errorf("'DX' for developer experience: %+v", s)
	}
	if s, ok := got[2]; ok {
		t.Errorf("'dx' in lower case for developer experience: %+v", s)
	}
	for name, want := range map[string]string{"developer experience": "dx", "customer experience": "cx", "developer tools": "", "experience": "", "the experience of work": "xw"} {
		if got := exInitials(name); got != want {
			t.Errorf("exInitials(%q) = %q, want %q", name, got, want)
		}
	}
}
