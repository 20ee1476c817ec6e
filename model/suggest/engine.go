package suggest

import (
	"context"
	"fmt"
	"sort"
	"strings"
	"sync/atomic"
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
	in        Input
	ix        *Index
	items     []Candidate
	itemIdx   map[int64]int
	contacts  map[int64]model.Contact
	shared    map[pair]bool
	dismissed map[pair]bool
	snoozed   map[pair]time.Time
	lastShare map[target]time.Time
	closed    map[target][]int64 // target → items shared with or dismissed for it
	memberOf  map[int64][]int64  // contact → communities
	direct    map[int64][]int64  // item → contacts it goes to directly (shared, or suggested in this run)

	wroteBy        map[int64][]int // contact → the candidates they wrote
	communities    map[int64]CommunityInfo
	communityRanks map[int64]ranking // community → its ranking, once per run

	bridgeCache map[string][]bridgeSpec // interest, lower case → its bridges
	lists       listCache               // phrase → where it matches in full
	senses      senseCache              // word → its senses as index terms (guard.go)
	queries     map[int64]*query        // contact → their query (prepare)
	kQueries    map[int64]*query        // community → its query (prepare)
	// digestOnly: a community's ranking keeps only its next digest's
	// items (Suggest, IdeasFor), not every item that suits it (Rank).
	digestOnly bool
	defs       map[string][]string      // acronym → expansions the candidates define
	forms      map[string][]string      // acronym → how they write it there, other than in capitals ("CoPs")
	recur      map[string][]initialsRun // acronym → runs of terms with its initials that recur

	// halt is set when the run's context ends: the run's loops stop at
	// their next check (halted) and the run returns no result.
	halt atomic.Bool
}

// Suggest ranks contacts and communities for every candidate item and
// returns the suggestions, sorted by when, then score (best first). The
// same Input always gives the same result.
func Suggest(in Input) []model.Suggestion {
	out, _ := SuggestContext(context.Background(), in)
	return out
}

// SuggestContext is Suggest that stops soon after ctx ends (its loops
// check between people, communities and every so many items), returning
// no suggestions and an error that wraps ctx's.
func SuggestContext(ctx context.Context, in Input) ([]model.Suggestion, error) {
	e, end := startEngine(ctx, in)
	defer end()
	if e.halted() {
		return nil, e.err(ctx)
	}
	var out []model.Suggestion
	ids := make([]int64, 0, len(in.Contacts))
	for _, c := range in.Contacts {
		ids = append(ids, c.ID)
	}
	sort.Slice(ids, func(i, j int) bool { return ids[i] < ids[j] })
	ranked := e.rankAll(ids)
	if e.halted() {
		return nil, e.err(ctx)
	}
	for i, id := range ids {
		c := e.contacts[id]
		shares, next := e.forContact(c, ranked[i])
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
	if e.halted() {
		return nil, e.err(ctx)
	}
	Sort(out)
	return out, nil
}

// Rank lists every recipient each candidate item suits, under the same
// relevance thresholds and hard rules as Suggest but without timing (When
// is zero) and without the limits on suggestions per person and digest:
// what Suggest schedules from, and what "Share with…" on one item shows.
// Items come in the order of in.Items; each item's recipients best first.
func Rank(in Input) []model.Suggestion {
	out, _ := RankContext(context.Background(), in)
	return out
}

// RankContext is Rank that stops soon after ctx ends, returning nothing
// and an error that wraps ctx's.
func RankContext(ctx context.Context, in Input) ([]model.Suggestion, error) {
	e, end := startEngine(ctx, in)
	defer end()
	e.digestOnly = false
	byItem := make([][]model.Suggestion, len(e.items))
	add := func(q *query, h hit, s model.Suggestion) {
		byItem[h.item] = append(byItem[h.item], e.ranked(q, h, s))
	}
	for _, c := range in.Contacts {
		if e.halted() {
			return nil, e.err(ctx)
		}
		circle, min, _ := e.norms(c)
		q, hits := e.rankContact(c, min, 0)
		for _, h := range hits {
			add(q, h, model.Suggestion{ContactID: c.ID, ContactName: c.Name, Circle: circle})
		}
	}
	for _, k := range in.Communities {
		if e.halted() {
			return nil, e.err(ctx)
		}
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
	if e.halted() {
		return nil, e.err(ctx)
	}
	return out, nil
}

// ranked fills s, whose recipient is set, as a share of hit h of query q
// without timing: the item, the score and the matched phrases.
func (e *engine) ranked(q *query, h hit, s model.Suggestion) model.Suggestion {
	it := e.items[h.item]
	s.Kind, s.ItemID, s.ItemTitle, s.ItemURL = model.KindShare, it.ID, it.Title, it.Link
	var through []string
	s.Matched, through, _ = e.labels(q, h)
	s.Through = bridged(through)
	s.Score, s.Why = round(h.score), "matches "+quotedVia(s.Matched, through)
	return s
}

// IdeasFor lists what suits one person now, best first, at most limit (0:
// all): what Rank finds for them, under the same thresholds and hard rules
// (a member of the community circle gets nothing their community's next
// digest carries), each due at now rather than at a slot. It is
// what to send someone who has not heard from the user for a while. Only
// that person is ranked.
func IdeasFor(in Input, contactID int64, now time.Time, limit int) []model.Suggestion {
	out, _ := IdeasForContext(context.Background(), in, contactID, now, limit)
	return out
}

// IdeasForContext is IdeasFor that stops soon after ctx ends, returning
// nothing and an error that wraps ctx's.
func IdeasForContext(ctx context.Context, in Input, contactID int64, now time.Time, limit int) ([]model.Suggestion, error) {
	e, end := startEngine(ctx, in)
	defer end()
	c, ok := e.contacts[contactID]
	if !ok || e.halted() {
		return nil, e.err(ctx)
	}
	circle, min, _ := e.norms(c)
	q, hits := e.rankContact(c, min, 0)
	if e.halted() {
		return nil, e.err(ctx)
	}
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
	return out, nil
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

// newEngine is a run over in that nothing stops (tests).
func newEngine(in Input) *engine {
	e, _ := startEngine(context.Background(), in)
	return e
}

// startEngine starts a run over in that halts when ctx ends: its items
// indexed and every query made, unless ctx ended meanwhile. end releases
// the run's watch on ctx.
func startEngine(ctx context.Context, in Input) (*engine, func() bool) {
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
		closed:     map[target][]int64{},
		memberOf:   map[int64][]int64{},
		direct:     map[int64][]int64{},
		digestOnly: true,
	}
	end := context.AfterFunc(ctx, func() { e.halt.Store(true) })
	if ctx.Err() != nil {
		e.halt.Store(true) // AfterFunc sets it too, but later
		return e, end
	}
	docs := make([]Doc, len(in.Items))
	e.wroteBy = map[int64][]int{}
	for i, it := range in.Items {
		e.itemIdx[it.ID] = i
		for _, a := range it.AuthorIDs {
			e.wroteBy[a] = append(e.wroteBy[a], i)
		}
		text := body(it.Text)
		docs[i] = Doc{Fields: []Field{
			{Text: it.Title, Weight: titleWeight},
			{Text: strings.Join(it.Categories, " . "), Weight: categoryWeight},
			{Text: text, Weight: textWeight},
		}}
	}
	e.ix = analyzeDocsUntil(docs, e.halted)
	if e.halted() {
		return e, end
	}
	for _, c := range in.Contacts {
		e.contacts[c.ID] = c
		if !c.LastContacted.IsZero() {
			e.noteShare(target{contact: c.ID}, c.LastContacted)
		}
	}
	for _, sh := range in.Shares {
		to := target{sh.ContactID, sh.CommunityID}
		e.shared[pair{sh.ItemID, to}] = true
		e.closed[to] = append(e.closed[to], sh.ItemID)
		e.noteShare(to, sh.SharedAt)
		if sh.CommunityID == 0 {
			e.direct[sh.ItemID] = append(e.direct[sh.ItemID], sh.ContactID)
		}
	}
	for _, f := range in.Feedback {
		p := pair{f.ItemID, target{f.ContactID, f.CommunityID}}
		switch f.Verdict {
		case model.VerdictDismissed:
			e.dismissed[p] = true
			e.closed[p.to] = append(e.closed[p.to], p.item)
		case model.VerdictShared:
			e.shared[p] = true
			e.closed[p.to] = append(e.closed[p.to], p.item)
		case model.VerdictSnoozed:
			if f.Until.After(e.snoozed[p]) {
				e.snoozed[p] = f.Until
			}
		}
	}
	e.communities = map[int64]CommunityInfo{}
	for _, k := range in.Communities {
		e.communities[k.ID] = k
		for _, m := range k.MemberIDs {
			e.memberOf[m] = append(e.memberOf[m], k.ID)
		}
	}
	e.prepare()
	return e, end
}

// halted reports whether the run's context has ended: the run's loops
// stop, and what they leave is not a result.
func (e *engine) halted() bool { return e.halt.Load() }

// err is the error a halted run returns: ctx's, wrapped.
func (e *engine) err(ctx context.Context) error {
	if !e.halted() {
		return nil
	}
	err := ctx.Err()
	if err == nil {
		err = context.Canceled // halted when ctx ended: Err is set by then
	}
	return fmt.Errorf("suggest: %w", err)
}

// each runs f(i) for i in [0, n) on every processor (parallel), skipping
// what is left once the run halts.
func (e *engine) each(n int, f func(i int)) {
	parallel(n, func(i int) {
		if !e.halted() {
			f(i)
		}
	})
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

// norms are a contact's circle, the least score worth suggesting and how
// many suggestions one run makes for them. A member of a community gets
// directly what suits them alone; what their whole community would want
// goes into its digest (rankContact leaves it out).
func (e *engine) norms(c model.Contact) (circle model.Circle, min float64, max int) {
	circle = closest(c)
	switch circle {
	case model.CircleTeam:
		return circle, minTeam, maxPerTeamContact
	case model.CircleCommunity:
		return circle, minCommunity, maxPerCommunityContact
	}
	return circle, minNetwork, maxPerNetworkContact
}

// rankContact lists the items that suit c and may go to them (not shared
// or dismissed before, not theirs, not already in one of their
// communities or going into one's digest): with limit > 0 the best limit,
// best first, else all in no order.
func (e *engine) rankContact(c model.Contact, min float64, limit int) (*query, []hit) {
	q := e.contactQuery(c)
	return &q, e.rankQuery(c, &q, min, limit)
}

// rankQuery is rankContact with c's query.
func (e *engine) rankQuery(c model.Contact, q *query, min float64, limit int) []hit {
	if q.nInterests == 0 {
		return nil // nothing to match: costs nothing
	}
	blocked := e.blocked(c)
	var keep func(h *hit) bool
	if len(blocked) > 0 {
		keep = func(h *hit) bool { return !blocked[h.item] }
	}
	return e.search(q, min, limit, keep)
}

// blocked are the items (indices into e.items) that may not go to c:
// shared with or dismissed for them, theirs, already in one of their
// communities, or going into one's next digest (for a member of the
// community circle; a team member gets it directly all the same).
func (e *engine) blocked(c model.Contact) map[int]bool {
	out := map[int]bool{}
	add := func(id int64) {
		if i, ok := e.itemIdx[id]; ok {
			out[i] = true
		}
	}
	for _, id := range e.closed[target{contact: c.ID}] {
		add(id)
	}
	for _, i := range e.wroteBy[c.ID] {
		out[i] = true
	}
	for _, k := range e.memberOf[c.ID] {
		for _, id := range e.closed[target{community: k}] {
			if e.shared[pair{id, target{community: k}}] {
				add(id) // it went into the community
			}
		}
		if info, ok := e.communities[k]; ok && closest(c) == model.CircleCommunity {
			e.rankCommunity(info)
			for i := range e.communityRanks[k].digest {
				out[i] = true
			}
		}
	}
	return out
}

// forContact suggests items for one person, under their circle's norms,
// each a cadence after the one before. It also returns when the next
// contact with them may be.
func (e *engine) forContact(c model.Contact, r ranking) ([]model.Suggestion, time.Time) {
	to := target{contact: c.ID}
	cadence := e.in.Prefs.CadenceFor(c)
	base, last := e.earliest(to, cadence)
	circle, _, _ := e.norms(c)
	w := contactWindow(c, e.in.Prefs)
	next := base
	var out []model.Suggestion
	for _, h := range r.hits { // the best, as many as fit (rankAll)
		matched, through, _ := e.labels(r.q, h)
		it := e.items[h.item]
		from, snoozed := e.notBefore(it.ID, to, next)
		when, inHours := w.slot(from, e.in.Prefs)
		next = when.Add(cadence)
		out = append(out, model.Suggestion{
			Kind: model.KindShare, ItemID: it.ID, ItemTitle: it.Title, ItemURL: it.Link,
			ContactID: c.ID, ContactName: c.Name, Circle: circle, Score: round(h.score),
			When: when, Matched: matched, Through: bridged(through),
			Why: contactWhy(matched, through, circle, w, when, inHours, cadence, last, len(out), snoozed.After(base)),
		})
	}
	return out, next
}

// ranking is a recipient's query and the hits that may go to them.
type ranking struct {
	q    *query
	hits []hit
	// digest, for a community, holds the items of its next digest (its
	// first maxPerDigest hits).
	digest map[int]bool
}

// rankAll ranks the contacts ids (rankContact, under their norms) on
// every processor, keeping each one's best hits as many as one run may
// suggest to them. Their queries were made with the engine (prepare);
// where each of their phrases matches is worked out once (prepareLists),
// then the communities are ranked; the contacts' rankings then only read
// the engine. The result is the same as one at a time.
func (e *engine) rankAll(ids []int64) []ranking {
	qs := make([]*query, len(ids))
	for i, id := range ids {
		qs[i] = e.queries[id]
	}
	e.prepareLists(qs)
	e.rankCommunities()
	out := make([]ranking, len(ids))
	e.each(len(ids), func(i int) {
		c := e.contacts[ids[i]]
		_, min, max := e.norms(c)
		out[i] = ranking{q: qs[i], hits: e.rankQuery(c, qs[i], min, max)}
	})
	return out
}

// warm fills the engine's lazy caches (acronyms, every interest's
// bridges, the communities' phrase lists) so that queries can be made
// and run side by side, reading only.
func (e *engine) warm() {
	e.acronymDefs()
	e.recurring()
	for _, c := range e.in.Contacts {
		for _, s := range c.Interests {
			e.bridgesOf(s, AnalyzePhrase(s))
		}
	}
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

// rankCommunity lists the items that suit a community and may go into its
// digest, best first: those that match an interest at least half its
// members hold (broad): the digest goes to everyone, and an item for one
// member goes to that member. Each community is ranked once per run.
func (e *engine) rankCommunity(k CommunityInfo) (*query, []hit) {
	if r, ok := e.communityRanks[k.ID]; ok {
		return r.q, r.hits
	}
	r := e.rankCommunityOnce(k)
	if e.communityRanks == nil {
		e.communityRanks = map[int64]ranking{}
	}
	e.communityRanks[k.ID] = r
	return r.q, r.hits
}

// rankCommunityOnce is rankCommunity, uncached.
func (e *engine) rankCommunityOnce(k CommunityInfo) ranking {
	to := target{community: k.ID}
	q := e.kQueries[k.ID]
	if q == nil {
		kq := e.communityQuery(k)
		q = &kq
	}
	limit := 0
	if e.digestOnly {
		limit = maxPerDigest
	}
	need := make([]bool, q.nInterests) // the interests half its members hold
	for in := range need {
		need[in] = 2*q.members[in] >= len(k.MemberIDs)
	}
	out := e.searchNeeding(q, minCommunity, limit, need, func(h *hit) bool {
		return e.open(e.items[h.item], to) && q.broad(*h, len(k.MemberIDs))
	})
	e.sortHits(out)
	digest := map[int]bool{}
	for _, h := range out[:min(len(out), maxPerDigest)] {
		digest[h.item] = true
	}
	return ranking{q: q, hits: out, digest: digest}
}

// broad reports whether hit h of a community's query matches an interest
// that at least half of its members hold.
func (q *query) broad(h hit, members int) bool {
	for _, n := range h.named {
		if 2*q.members[n.interest] >= members {
			return true
		}
	}
	return false
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
		matched, through, counts := e.labels(q, h)
		it := e.items[h.item]
		from, _ := e.notBefore(it.ID, to, base)
		when := digestSlot(from, k.Community, e.in.Prefs)
		why := communityWhy(matched, through, counts, k, when, e.in.Prefs, last)
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
			Score: round(h.score), When: when, Matched: matched, Through: bridged(through), Why: why,
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

// thanks suggests crediting or thanking a contact for an item they wrote
// that the user starred or annotated, from next on, a cadence apart.
func (e *engine) thanks(c model.Contact, next time.Time) []model.Suggestion {
	to := target{contact: c.ID}
	cadence := e.in.Prefs.CadenceFor(c)
	w := contactWindow(c, e.in.Prefs)
	var out []model.Suggestion
	for _, i := range e.wroteBy[c.ID] {
		it := e.items[i]
		if !(it.Starred || strings.TrimSpace(it.Note) != "") || !e.open(it, to) {
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

// body is the part of an item's text the engine reads: its first
// maxTextBytes.
func body(text string) string {
	if len(text) > maxTextBytes {
		return text[:maxTextBytes]
	}
	return text
}

func round(x float64) float64 { return float64(int(x*1000+0.5)) / 1000 }

// quotedVia lists interests for a sentence, each with the words that
// bridged it: 'remote work' (through 'distributed team') and 'hiring'.
func quotedVia(xs, through []string) string {
	q := make([]string, len(xs))
	for i, x := range xs {
		q[i] = "'" + x + "'" + via(through, i)
	}
	return andList(q)
}

// via is " (through 'words')" for a bridged interest, "" for a literal one.
func via(through []string, i int) string {
	if i < len(through) && through[i] != "" {
		return " (through '" + through[i] + "')"
	}
	return ""
}

// bridged is through, or nil when every match was literal.
func bridged(through []string) []string {
	for _, t := range through {
		if t != "" {
			return through
		}
	}
	return nil
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

func contactWhy(matched, through []string, circle model.Circle, w workWindow, when time.Time, inHours bool, cadence time.Duration, last time.Time, nth int, snoozed bool) string {
	var b strings.Builder
	if circle == model.CircleNetwork {
		b.WriteString("strong match on " + quotedVia(matched, through))
	} else {
		b.WriteString("matches " + quotedVia(matched, through))
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

func communityWhy(matched, through []string, counts []int, k CommunityInfo, when time.Time, p model.Prefs, last time.Time) string {
	parts := make([]string, len(matched))
	for i, m := range matched {
		who := "1 member"
		if counts[i] > 1 {
			who = fmt.Sprintf("%d members", counts[i])
		}
		parts[i] = fmt.Sprintf("'%s' (%s)%s", m, who, via(through, i))
	}
	s := "matches " + andList(parts)
	s += fmt.Sprintf("; community, in the %s digest on %s", k.Name, when.In(p.Location()).Format("Mon 2 Jan 15:04"))
	if !last.IsZero() && when.Sub(last) < 8*24*time.Hour {
		s += fmt.Sprintf(" (a week after the last one, %s)", last.In(p.Location()).Format("Mon 2 Jan"))
	}
	return s
}
