package suggest

import (
	"cmp"
	"fmt"
	"slices"
	"sort"
	"strings"
	"time"

	"github.com/knowflow/knowflow/model"
)

// Tuning (see search for how scores are made): an interest in a title
// scores about 0.8, mentioned once in a long text about 0.4.
const (
	minTeam         = 0.45 // team: direct and soon
	minCommunity    = 0.55 // a community digest, or one of its people alone
	minNetwork      = 0.75 // loose network: strong matches only
	matchedStrength = 0.2  // an interest this strong is named in "why"

	maxPerTeamContact      = 3  // suggestions per team contact in one run, a cadence apart
	maxPerCommunityContact = 2  // community people outside any named community
	maxPerNetworkContact   = 1  // sparingly
	maxPerDigest           = 10 // items in one community digest

	weightInterest = 1.0
	weightRole     = 0.2
	weightWriting  = 0.25
	weightShared   = 0.3
	weightDismiss  = -0.5
	writingTerms   = 8
	feedbackTerms  = 5

	titleWeight, categoryWeight, textWeight = 3, 2, 1
	maxTextBytes                            = 16 << 10
)

// target is a contact or a community.
type target struct{ contact, community int64 }

type pair struct {
	item int64
	to   target
}

// engine is one run over an Input.
type engine struct {
	in         Input
	ix         *Index
	items      []Candidate
	itemIdx    map[int64]int
	contacts   map[int64]model.Contact
	shared     map[pair]bool
	dismissed  map[pair]bool
	snoozed    map[pair]time.Time
	lastShare  map[target]time.Time
	sharedInto map[int64][]int64 // item → communities it went to
	memberOf   map[int64][]int64 // contact → communities
	direct     map[int64][]int64 // item → contacts it goes to directly (shared, or suggested in this run)
}

// Suggest ranks contacts and communities for every candidate item and
// returns the suggestions, sorted by when, then score (best first). The
// same Input always gives the same result.
func Suggest(in Input) []model.Suggestion {
	e := newEngine(in)
	var out []model.Suggestion
	ids := make([]int64, 0, len(in.Contacts))
	for _, c := range in.Contacts {
		ids = append(ids, c.ID)
	}
	sort.Slice(ids, func(i, j int) bool { return ids[i] < ids[j] })
	for _, id := range ids {
		c := e.contacts[id]
		shares, next := e.forContact(c)
		for _, sg := range shares {
			e.direct[sg.ItemID] = append(e.direct[sg.ItemID], c.ID)
		}
		out = append(out, shares...)
		// Thanks come after this run's shares with them, a cadence apart:
		// they are contact too.
		out = append(out, e.thanks(c, next)...)
	}
	comms := append([]CommunityInfo(nil), in.Communities...)
	sort.Slice(comms, func(i, j int) bool { return comms[i].ID < comms[j].ID })
	for _, k := range comms {
		out = append(out, e.forCommunity(k)...)
	}
	Sort(out)
	return out
}

// Rank lists every recipient each candidate item suits, under the same
// relevance thresholds and hard rules as Suggest but without timing (When
// is zero) and without the limits on suggestions per person and digest:
// what Suggest schedules from, and what "Share with…" on one item shows.
// Items come in the order of in.Items; each item's recipients best first.
func Rank(in Input) []model.Suggestion {
	e := newEngine(in)
	byItem := make([][]model.Suggestion, len(e.items))
	add := func(q *query, h hit, s model.Suggestion) {
		byItem[h.item] = append(byItem[h.item], e.ranked(q, h, s))
	}
	for _, c := range in.Contacts {
		circle, min, _, ok := e.norms(c)
		if !ok {
			continue
		}
		q, hits := e.rankContact(c, min)
		for _, h := range hits {
			add(q, h, model.Suggestion{ContactID: c.ID, ContactName: c.Name, Circle: circle})
		}
	}
	for _, k := range in.Communities {
		q, hits := e.rankCommunity(k)
		for _, h := range hits {
			add(q, h, model.Suggestion{CommunityID: k.ID, Community: k.Name, Circle: model.CircleCommunity})
		}
	}
	var out []model.Suggestion
	for _, s := range byItem {
		sort.SliceStable(s, func(i, j int) bool {
			if s[i].Score != s[j].Score {
				return s[i].Score > s[j].Score
			}
			if s[i].ContactID != s[j].ContactID {
				return s[i].ContactID < s[j].ContactID
			}
			return s[i].CommunityID < s[j].CommunityID
		})
		out = append(out, s...)
	}
	return out
}

// ranked fills s, whose recipient is set, as a share of hit h of query q
// without timing: the item, the score and the matched phrases.
func (e *engine) ranked(q *query, h hit, s model.Suggestion) model.Suggestion {
	it := e.items[h.item]
	s.Kind, s.ItemID, s.ItemTitle, s.ItemURL = model.KindShare, it.ID, it.Title, it.Link
	s.Matched, _ = q.labels(h)
	s.Score, s.Why = round(h.score), "matches "+quoted(s.Matched)
	return s
}

// IdeasFor lists what suits one person now, best first, at most limit (0:
// all): what Rank finds for them, under the same thresholds and hard rules
// (a member of the community circle whose communities' digests reach them
// gets nothing directly), each due at now rather than at a slot. It is
// what to send someone who has not heard from the user for a while. Only
// that person is ranked.
func IdeasFor(in Input, contactID int64, now time.Time, limit int) []model.Suggestion {
	e := newEngine(in)
	c, ok := e.contacts[contactID]
	if !ok {
		return nil
	}
	circle, min, _, ok := e.norms(c)
	if !ok {
		return nil
	}
	q, hits := e.rankContact(c, min)
	var out []model.Suggestion
	for _, h := range hits {
		out = append(out, e.ranked(q, h, model.Suggestion{ContactID: c.ID, ContactName: c.Name, Circle: circle, When: now}))
	}
	sort.SliceStable(out, func(i, j int) bool {
		if out[i].Score != out[j].Score {
			return out[i].Score > out[j].Score
		}
		return out[i].ItemID < out[j].ItemID
	})
	if limit > 0 && len(out) > limit {
		out = out[:limit]
	}
	return out
}

// Sort orders suggestions by when, then score (best first), then item and
// recipient, so that equal inputs always list the same way.
func Sort(s []model.Suggestion) {
	sort.SliceStable(s, func(i, j int) bool {
		a, b := s[i], s[j]
		if !a.When.Equal(b.When) {
			return a.When.Before(b.When)
		}
		if a.Score != b.Score {
			return a.Score > b.Score
		}
		if a.ItemID != b.ItemID {
			return a.ItemID < b.ItemID
		}
		if a.ContactID != b.ContactID {
			return a.ContactID < b.ContactID
		}
		return a.CommunityID < b.CommunityID
	})
}

func newEngine(in Input) *engine {
	if err := in.Prefs.Normalize(); err != nil {
		in.Prefs = model.DefaultPrefs()
	}
	e := &engine{
		in:         in,
		items:      in.Items,
		itemIdx:    make(map[int64]int, len(in.Items)),
		contacts:   make(map[int64]model.Contact, len(in.Contacts)),
		shared:     map[pair]bool{},
		dismissed:  map[pair]bool{},
		snoozed:    map[pair]time.Time{},
		lastShare:  map[target]time.Time{},
		sharedInto: map[int64][]int64{},
		memberOf:   map[int64][]int64{},
		direct:     map[int64][]int64{},
	}
	docs := make([]Doc, len(in.Items))
	for i, it := range in.Items {
		e.itemIdx[it.ID] = i
		text := it.Text
		if len(text) > maxTextBytes {
			text = text[:maxTextBytes]
		}
		docs[i] = Doc{Fields: []Field{
			{Text: it.Title, Weight: titleWeight},
			{Text: strings.Join(it.Categories, " . "), Weight: categoryWeight},
			{Text: text, Weight: textWeight},
		}}
	}
	e.ix = NewIndex(docs)
	for _, c := range in.Contacts {
		e.contacts[c.ID] = c
		if !c.LastContacted.IsZero() {
			e.noteShare(target{contact: c.ID}, c.LastContacted)
		}
	}
	for _, sh := range in.Shares {
		to := target{sh.ContactID, sh.CommunityID}
		e.shared[pair{sh.ItemID, to}] = true
		e.noteShare(to, sh.SharedAt)
		if sh.CommunityID != 0 {
			e.sharedInto[sh.ItemID] = append(e.sharedInto[sh.ItemID], sh.CommunityID)
		} else {
			e.direct[sh.ItemID] = append(e.direct[sh.ItemID], sh.ContactID)
		}
	}
	for _, f := range in.Feedback {
		p := pair{f.ItemID, target{f.ContactID, f.CommunityID}}
		switch f.Verdict {
		case model.VerdictDismissed:
			e.dismissed[p] = true
		case model.VerdictShared:
			e.shared[p] = true
		case model.VerdictSnoozed:
			if f.Until.After(e.snoozed[p]) {
				e.snoozed[p] = f.Until
			}
		}
	}
	for _, k := range in.Communities {
		for _, m := range k.MemberIDs {
			e.memberOf[m] = append(e.memberOf[m], k.ID)
		}
	}
	return e
}

func (e *engine) noteShare(to target, t time.Time) {
	if t.After(e.lastShare[to]) {
		e.lastShare[to] = t
	}
}

// closest is the contact's closest circle: team, then community, then network.
func closest(c model.Contact) model.Circle {
	for _, k := range model.Circles {
		if c.InCircle(k) {
			return k
		}
	}
	return model.CircleNetwork
}

// query is what a recipient cares about, as weighted phrases; the first
// nInterests phrases are their interests, named in "why".
type query struct {
	phrases    []Phrase
	names      []string // the user's words for each interest
	nInterests int
	members    []int     // for a community: members holding each interest
	maxima     []float64 // the most each phrase can score (set by search)
}

// contactQuery: interests, role, what they write, and what the user shared
// with or dismissed for them before.
func (e *engine) contactQuery(c model.Contact) query {
	var q query
	seen := map[string]bool{}
	for _, s := range c.Interests {
		terms := AnalyzePhrase(s)
		key := strings.Join(terms, " ")
		if len(terms) == 0 || seen[key] {
			continue
		}
		seen[key] = true
		q.phrases = append(q.phrases, Phrase{Terms: terms, Weight: weightInterest})
		q.names = append(q.names, s)
	}
	q.nInterests = len(q.phrases)
	for _, t := range Analyze(c.Role) {
		e.addSignal(&q, t, weightRole)
	}
	for _, t := range e.topTerms(e.in.Writing[c.ID], writingTerms) {
		e.addSignal(&q, t, weightWriting)
	}
	e.feedbackPhrases(&q, target{contact: c.ID})
	return q
}

// minSignalIDF is the least idf a weak signal's term needs: a term in
// nearly every candidate ("lead", "news") tells nothing about any of
// them, and scoring its postings costs the most.
const minSignalIDF = 0.5

// addSignal adds a one-term phrase of a weaker signal (role, what they
// write, feedback) to q, unless the term is in nearly every candidate.
func (e *engine) addSignal(q *query, term string, weight float64) {
	if e.ix.IDF(term) < minSignalIDF {
		return
	}
	q.phrases = append(q.phrases, Phrase{Terms: []string{term}, Weight: weight})
}

// feedbackPhrases adds the distinctive terms of items shared with to (up)
// and of items dismissed for to (down).
func (e *engine) feedbackPhrases(q *query, to target) {
	var shared, dismissed []string
	for _, sh := range e.in.Shares {
		if (target{sh.ContactID, sh.CommunityID}) == to {
			shared = append(shared, e.itemText(sh.ItemID))
		}
	}
	for _, f := range e.in.Feedback {
		if (target{f.ContactID, f.CommunityID}) == to && f.Verdict == model.VerdictDismissed {
			dismissed = append(dismissed, e.itemText(f.ItemID))
		}
	}
	for _, t := range e.topTerms(shared, feedbackTerms) {
		e.addSignal(q, t, weightShared)
	}
	for _, t := range e.topTerms(dismissed, feedbackTerms) {
		e.addSignal(q, t, weightDismiss)
	}
}

// itemText is the title and categories of an item, from the candidates or
// from the feedback items.
func (e *engine) itemText(id int64) string {
	if i, ok := e.itemIdx[id]; ok {
		it := e.items[i]
		return it.Title + " . " + strings.Join(it.Categories, " . ")
	}
	if f, ok := e.in.FeedbackItems[id]; ok {
		return f.Title + " . " + strings.Join(f.Categories, " . ")
	}
	return ""
}

// topTerms are the n terms of texts with the highest tf × idf over the
// candidates (terms no candidate has are useless for ranking them).
func (e *engine) topTerms(texts []string, n int) []string {
	if len(texts) == 0 {
		return nil
	}
	tf := map[string]int{}
	for _, s := range texts {
		for _, t := range Analyze(s) {
			tf[t]++
		}
	}
	type tw struct {
		t string
		w float64
	}
	var ws []tw
	for t, c := range tf {
		if idf := e.ix.IDF(t); idf > 0 {
			ws = append(ws, tw{t, float64(c) * idf})
		}
	}
	sort.Slice(ws, func(i, j int) bool {
		if ws[i].w != ws[j].w {
			return ws[i].w > ws[j].w
		}
		return ws[i].t < ws[j].t
	})
	var out []string
	for i := 0; i < len(ws) && i < n; i++ {
		out = append(out, ws[i].t)
	}
	return out
}

// hit is one item matched for a recipient.
type hit struct {
	item  int // index into e.items
	score float64
	m     *Match // what matched, for naming it (labels)
}

// labels names the interests h matched strongly enough to say so, and for
// a community how many members hold each.
func (q *query) labels(h hit) (matched []string, counts []int) {
	for i, p := range h.m.Phrases {
		if p < q.nInterests && h.m.Full[i] && q.maxima[p] > 0 && h.m.Scores[i]/q.maxima[p] >= matchedStrength {
			matched = append(matched, q.names[p])
			if q.members != nil {
				counts = append(counts, q.members[p])
			}
		}
	}
	return matched, counts
}

// search runs q and keeps items that match at least one interest as a
// phrase, scoring at least min, best first.
//
// A score says how strongly an item matches what the recipient cares
// about, whatever the number of items: each phrase's BM25 score is divided
// by the most that phrase can score (every term's idf × (k1+1)), giving
// its strength in 0..1; interests combine like independent chances,
// 1 − Π(1 − strength); the weaker signals (role, what they write, what
// was shared with them) raise that by up to a quarter, and what was
// dismissed for them lowers it.
func (e *engine) search(q *query, min float64) []hit {
	if q.nInterests == 0 {
		return nil
	}
	q.maxima = make([]float64, len(q.phrases))
	var auxMax, negMax float64
	for i, p := range q.phrases {
		for _, t := range p.Terms {
			q.maxima[i] += e.ix.IDF(t) * (bm25K1 + 1)
		}
		q.maxima[i] *= abs(p.Weight)
		switch {
		case i < q.nInterests:
		case p.Weight > 0:
			auxMax += q.maxima[i]
		default:
			negMax += q.maxima[i]
		}
	}
	ms := e.ix.Search(q.phrases)
	var hits []hit
	for mi := range ms {
		m := &ms[mi]
		named := false
		miss := 1.0
		var aux, neg float64
		for i, p := range m.Phrases {
			sc := m.Scores[i]
			switch {
			case p < q.nInterests:
				if q.maxima[p] <= 0 {
					continue
				}
				strength := min1(sc / q.maxima[p])
				miss *= 1 - strength
				if m.Full[i] && strength >= matchedStrength {
					named = true
				}
			case sc > 0:
				aux += sc
			default:
				neg -= sc
			}
		}
		if !named {
			continue
		}
		score := 1 - miss
		if auxMax > 0 {
			score *= 1 + 0.25*min1(aux/auxMax)
		}
		if negMax > 0 {
			score *= 1 - 0.6*min1(neg/negMax)
		}
		score = min1(score)
		if score < min {
			continue
		}
		hits = append(hits, hit{item: m.Doc, score: score, m: m})
	}
	// Item IDs are unique: a total order, deterministic without stability.
	slices.SortFunc(hits, func(a, b hit) int {
		if a.score != b.score {
			if a.score > b.score {
				return -1
			}
			return 1
		}
		return cmp.Compare(e.items[a.item].ID, e.items[b.item].ID)
	})
	return hits
}

func abs(x float64) float64 {
	if x < 0 {
		return -x
	}
	return x
}

func min1(x float64) float64 {
	if x > 1 {
		return 1
	}
	if x < 0 {
		return 0
	}
	return x
}

// norms are a contact's circle, the least score worth suggesting and how
// many suggestions one run makes for them; ok is false for contacts reached
// through their communities' digests instead.
func (e *engine) norms(c model.Contact) (circle model.Circle, min float64, max int, ok bool) {
	circle = closest(c)
	switch circle {
	case model.CircleTeam:
		return circle, minTeam, maxPerTeamContact, true
	case model.CircleCommunity:
		if len(e.memberOf[c.ID]) > 0 {
			return circle, 0, 0, false // their communities' digests reach them
		}
		return circle, minCommunity, maxPerCommunityContact, true
	}
	return circle, minNetwork, maxPerNetworkContact, true
}

// rankContact lists the items that suit c and may go to them (not shared
// or dismissed before, not theirs, not already in one of their
// communities), best first.
func (e *engine) rankContact(c model.Contact, min float64) (*query, []hit) {
	to := target{contact: c.ID}
	q := e.contactQuery(c)
	var out []hit
	for _, h := range e.search(&q, min) {
		it := e.items[h.item]
		if e.open(it, to) && !wrote(it, c.ID) && !e.reachedThroughCommunity(it.ID, c.ID) {
			out = append(out, h)
		}
	}
	return &q, out
}

// forContact suggests items for one person, under their circle's norms,
// each a cadence after the one before. It also returns when the next
// contact with them may be.
func (e *engine) forContact(c model.Contact) ([]model.Suggestion, time.Time) {
	to := target{contact: c.ID}
	cadence := e.in.Prefs.CadenceFor(c)
	base, last := e.earliest(to, cadence)
	circle, min, max, ok := e.norms(c)
	if !ok {
		return nil, base
	}
	w := contactWindow(c, e.in.Prefs)
	next := base
	var out []model.Suggestion
	q, hits := e.rankContact(c, min)
	for _, h := range hits {
		if len(out) == max {
			break
		}
		matched, _ := q.labels(h)
		it := e.items[h.item]
		from, snoozed := e.notBefore(it.ID, to, next)
		when, inHours := w.slot(from, e.in.Prefs)
		next = when.Add(cadence)
		out = append(out, model.Suggestion{
			Kind: model.KindShare, ItemID: it.ID, ItemTitle: it.Title, ItemURL: it.Link,
			ContactID: c.ID, ContactName: c.Name, Circle: circle, Score: round(h.score),
			When: when, Matched: matched,
			Why: contactWhy(matched, circle, w, when, inHours, cadence, last, len(out), snoozed.After(base)),
		})
	}
	return out, next
}

// earliest is when the next share with to may be: now, or the cadence after
// the last share. It also returns that last share (zero if none).
func (e *engine) earliest(to target, cadence time.Duration) (time.Time, time.Time) {
	now := e.in.Now
	last := e.lastShare[to]
	if !last.IsZero() && last.Add(cadence).After(now) {
		return last.Add(cadence), last
	}
	return now, last
}

// notBefore is t, or the end of the user's snooze of item for to when that
// is later; it also returns that snooze (zero if none).
func (e *engine) notBefore(item int64, to target, t time.Time) (time.Time, time.Time) {
	s := e.snoozed[pair{item, to}]
	if s.After(t) {
		return s, s
	}
	return t, s
}

// open reports whether it may still be suggested to to: not shared with
// them, not dismissed for them.
func (e *engine) open(it Candidate, to target) bool {
	p := pair{it.ID, to}
	return !e.shared[p] && !e.dismissed[p]
}

func wrote(it Candidate, contact int64) bool {
	for _, a := range it.AuthorIDs {
		if a == contact {
			return true
		}
	}
	return false
}

// reachedThroughCommunity reports whether the item already went into a
// community the contact belongs to.
func (e *engine) reachedThroughCommunity(item, contact int64) bool {
	for _, k := range e.sharedInto[item] {
		for _, m := range e.memberOf[contact] {
			if k == m {
				return true
			}
		}
	}
	return false
}

// rankCommunity lists the items that suit a community and may go into its
// digest, best first.
func (e *engine) rankCommunity(k CommunityInfo) (*query, []hit) {
	to := target{community: k.ID}
	q := e.communityQuery(k)
	var out []hit
	for _, h := range e.search(&q, minCommunity) {
		if e.open(e.items[h.item], to) {
			out = append(out, h)
		}
	}
	return &q, out
}

// forCommunity batches a community's items into its next digest.
func (e *engine) forCommunity(k CommunityInfo) []model.Suggestion {
	to := target{community: k.ID}
	base, last := e.earliest(to, e.in.Prefs.Cadence[model.CircleCommunity])
	var out []model.Suggestion
	q, hits := e.rankCommunity(k)
	for _, h := range hits {
		if len(out) == maxPerDigest {
			break
		}
		matched, counts := q.labels(h)
		it := e.items[h.item]
		from, _ := e.notBefore(it.ID, to, base)
		when := digestSlot(from, k.Community, e.in.Prefs)
		why := communityWhy(matched, counts, k, when, e.in.Prefs, last)
		if names := e.membersReached(k, it.ID); len(names) > 0 {
			// The digest goes to everyone; say who would get it twice.
			verb := " also get it directly"
			if len(names) == 1 {
				verb = " also gets it directly"
			}
			why += "; " + andList(names) + verb
		}
		out = append(out, model.Suggestion{
			Kind: model.KindShare, ItemID: it.ID, ItemTitle: it.Title, ItemURL: it.Link,
			CommunityID: k.ID, Community: k.Name, Circle: model.CircleCommunity,
			Score: round(h.score), When: when, Matched: matched, Why: why,
		})
	}
	return out
}

// membersReached names the members of k the item goes to directly.
func (e *engine) membersReached(k CommunityInfo, item int64) []string {
	var names []string
	for _, m := range k.MemberIDs {
		for _, c := range e.direct[item] {
			if c == m {
				names = append(names, e.contacts[m].Name)
				break
			}
		}
	}
	return names
}

// communityQuery: the interests its members hold (weighted by how many
// hold them) and the words of its description.
func (e *engine) communityQuery(k CommunityInfo) query {
	type interest struct {
		label string
		terms []string
		n     int
	}
	byKey := map[string]*interest{}
	var order []string
	for _, id := range k.MemberIDs {
		for _, s := range e.contacts[id].Interests {
			terms := AnalyzePhrase(s)
			key := strings.Join(terms, " ")
			if len(terms) == 0 {
				continue
			}
			if byKey[key] == nil {
				byKey[key] = &interest{label: s, terms: terms}
				order = append(order, key)
			}
			byKey[key].n++
		}
	}
	sort.Strings(order)
	var q query
	members := max(len(k.MemberIDs), 1)
	for _, key := range order {
		in := byKey[key]
		q.phrases = append(q.phrases, Phrase{Terms: in.terms, Weight: weightInterest * (0.6 + 0.4*float64(in.n)/float64(members))})
		q.names = append(q.names, in.label)
		q.members = append(q.members, in.n)
	}
	q.nInterests = len(q.phrases)
	for _, t := range Analyze(k.Description) {
		e.addSignal(&q, t, weightRole)
	}
	e.feedbackPhrases(&q, target{community: k.ID})
	return q
}

// thanks suggests crediting or thanking a contact for an item they wrote
// that the user starred or annotated, from next on, a cadence apart.
func (e *engine) thanks(c model.Contact, next time.Time) []model.Suggestion {
	to := target{contact: c.ID}
	cadence := e.in.Prefs.CadenceFor(c)
	w := contactWindow(c, e.in.Prefs)
	var out []model.Suggestion
	for _, it := range e.items {
		if !wrote(it, c.ID) || !(it.Starred || strings.TrimSpace(it.Note) != "") || !e.open(it, to) {
			continue
		}
		from, _ := e.notBefore(it.ID, to, next)
		when, _ := w.slot(from, e.in.Prefs)
		next = when.Add(cadence)
		src := it.SourceTitle
		if src == "" {
			src = "the source"
		}
		why := "they write " + src + " and you starred it: credit or thank the author"
		if !it.Starred {
			why = "they write " + src + " and you noted why it matters: credit or thank the author"
		}
		out = append(out, model.Suggestion{
			Kind: model.KindThank, ItemID: it.ID, ItemTitle: it.Title, ItemURL: it.Link,
			ContactID: c.ID, ContactName: c.Name, Circle: closest(c), Score: 1, When: when, Why: why,
		})
	}
	return out
}

func round(x float64) float64 { return float64(int(x*1000+0.5)) / 1000 }

// quoted lists interests for a sentence: 'a', 'b' and 'c'.
func quoted(xs []string) string {
	q := make([]string, len(xs))
	for i, x := range xs {
		q[i] = "'" + x + "'"
	}
	return andList(q)
}

// andList joins phrases for a sentence: a, b and c.
func andList(q []string) string {
	switch len(q) {
	case 0:
		return ""
	case 1:
		return q[0]
	}
	return strings.Join(q[:len(q)-1], ", ") + " and " + q[len(q)-1]
}

func contactWhy(matched []string, circle model.Circle, w workWindow, when time.Time, inHours bool, cadence time.Duration, last time.Time, nth int, snoozed bool) string {
	var b strings.Builder
	if circle == model.CircleNetwork {
		b.WriteString("strong match on " + quoted(matched))
	} else {
		b.WriteString("matches " + quoted(matched))
	}
	b.WriteString("; " + string(circle))
	place := city(w.loc)
	local := when.In(w.loc).Format("Mon 15:04")
	if inHours {
		fmt.Fprintf(&b, ", inside their working hours in %s (%s their time)", place, local)
	} else {
		fmt.Fprintf(&b, ", outside their working hours in %s, which fall in your quiet hours (%s their time)", place, local)
	}
	switch {
	case circle == model.CircleNetwork:
		fmt.Fprintf(&b, "; sparingly, at most once every %s", every(cadence))
	case nth > 0:
		fmt.Fprintf(&b, "; %s cadence after the one before", humanDuration(cadence))
	case !last.IsZero() && when.Sub(last) < cadence+24*time.Hour && !snoozed:
		fmt.Fprintf(&b, "; %s cadence since your last share (%s)", humanDuration(cadence), last.In(w.loc).Format("Mon 2 Jan"))
	}
	if snoozed {
		b.WriteString("; snoozed until then")
	}
	return b.String()
}

func communityWhy(matched []string, counts []int, k CommunityInfo, when time.Time, p model.Prefs, last time.Time) string {
	parts := make([]string, len(matched))
	for i, m := range matched {
		who := "1 member"
		if counts[i] > 1 {
			who = fmt.Sprintf("%d members", counts[i])
		}
		parts[i] = fmt.Sprintf("'%s' (%s)", m, who)
	}
	s := "matches " + andList(parts)
	s += fmt.Sprintf("; community, in the %s digest on %s", k.Name, when.In(p.Location()).Format("Mon 2 Jan 15:04"))
	if !last.IsZero() && when.Sub(last) < 8*24*time.Hour {
		s += fmt.Sprintf(" (a week after the last one, %s)", last.In(p.Location()).Format("Mon 2 Jan"))
	}
	return s
}
