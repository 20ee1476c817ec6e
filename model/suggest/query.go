package suggest

import (
	"slices"
	"sort"
	"strings"

	"github.com/knowflow/knowflow/model"
	"github.com/knowflow/knowflow/model/suggest/internal/bm25"
)

// Queries: what a recipient cares about as weighted phrases, and how an
// item's match against them becomes a score and a reason.

// query is what a recipient cares about, as weighted phrases: first
// nInterests phrases, their interests, named in "why"; then the bridges,
// which say an interest in other words (bridges[i] is phrase
// nInterests+i); then the weaker signals.
type query struct {
	phrases    []bm25.Phrase
	names      []string // the user's words for each interest
	nInterests int
	bridges    []bridge
	guards     []*guard  // per interest: nil, or what a homonym needs to count
	members    []int     // for a community: members holding each interest
	maxima     []float64 // the most each phrase can score (set by search)
	// plainBar, when above 0, is the least score of a hit that names an
	// interest plainly in other words (plainlyAbout), below the search's
	// min: a network contact's (rank.go).
	plainBar float64
}

// guardAt is the guard of q's interest i, made empty where it has none.
func (q *query) guardAt(i int) *guard {
	if q.guards[i] == nil {
		q.guards[i] = &guard{}
	}
	return q.guards[i]
}

// nBridged is the number of interest and bridge phrases.
func (q *query) nBridged() int { return q.nInterests + len(q.bridges) }

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
		q.phrases = append(q.phrases, bm25.Phrase{Terms: terms, Weight: weightInterest})
		q.names = append(q.names, s)
	}
	q.nInterests = len(q.phrases)
	e.addBridges(&q)
	for _, t := range Analyze(c.Role) {
		e.addSignal(&q, t, weightRole)
	}
	for _, t := range e.topTerms(e.in.Writing[c.ID], writingTerms) {
		e.addSignal(&q, t, weightWriting)
	}
	e.feedbackPhrases(&q, target{contact: c.ID})
	e.addGuards(&q)
	e.addNameFields(&q)
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
	q.phrases = append(q.phrases, bm25.Phrase{Terms: []string{term}, Weight: weight})
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
	named []named // the interests it matched strongly enough to say so
}

// named is an interest a hit matched, literally or through a bridge.
type named struct {
	interest int
	bridge   int     // index into query.bridges, or -1 for a literal match
	strength float64 // of the match, 0..1
}

// plainlyAbout reports whether h names an interest as plainly as a
// literal match in a title does, at a strength of nearFullProfile of
// bridgeProfile at least: all its words in the title, in another order
// ("reviews of their performance"); through its profile, at nearly the
// most a profile bridge gives; through its acronym written in capitals
// ("DDD without the jargon" for domain-driven design); or through the
// same words in other letters (its expansion, its compound written
// apart: a bridge worth bridgeInitials or more) all in the title, as
// strong as its own words there would be.
func (e *engine) plainlyAbout(q *query, h *hit) bool {
	const least = nearFullProfile * bridgeProfile
	for _, n := range h.named {
		if n.bridge < 0 {
			if n.strength >= least && e.titleHolds(h.item, q.phrases[n.interest].Terms) {
				return true
			}
			continue
		}
		b := q.bridges[n.bridge]
		if (b.profile != "" || b.caps != "") && n.strength >= least {
			return true
		}
		if !b.topic && b.profile == "" && b.factor >= bridgeInitials && n.strength >= least*b.factor && e.titleHolds(h.item, q.phrases[q.nInterests+n.bridge].Terms) {
			return true // "Freedom of Information requests ..." for FOI requests, as strong as the words themselves would be
		}
	}
	return false
}

// titleHolds reports whether item i's title holds every one of terms.
func (e *engine) titleHolds(i int, terms []string) bool {
	title := Analyze(e.items[i].Title)
	for _, t := range terms {
		if !slices.Contains(title, t) {
			return false
		}
	}
	return true
}

// labels names the interests h matched strongly enough to say so, with
// the words of the item that bridged each one ("" for a literal match),
// and for a community how many members hold each.
func (e *engine) labels(q *query, h hit) (matched, through []string, counts []int) {
	for _, n := range h.named {
		matched = append(matched, q.names[n.interest])
		via := ""
		if n.bridge >= 0 {
			if p := q.bridges[n.bridge].profile; p != "" {
				via = e.profileSurface(h.item, p)
			} else if f := q.bridges[n.bridge].form; f != "" {
				via = e.formSurface(h.item, f)
			} else {
				via = e.surface(h.item, q.phrases[q.nInterests+n.bridge].Terms)
			}
		}
		through = append(through, via)
		if q.members != nil {
			counts = append(counts, q.members[n.interest])
		}
	}
	return matched, through, counts
}

// maxBridged is the most an interest's bridges together can be worth.
const maxBridged = 0.9

// bridgedOf is what an interest's bridges are worth together, given
// Π(1 − strength) over them: more evidence than one, but never as much as
// the interest's own words can be.
func bridgedOf(miss float64) float64 {
	if 1-miss > maxBridged {
		return maxBridged
	}
	return 1 - miss
}

// weakSignals is how much the weaker signals (role, what they write, what
// was shared with them) can raise a match: a quarter.
const weakSignals = 0.25

// search runs q and returns the items that match at least one interest
// as a phrase, literally or through a bridge, scoring at least min, and
// that keep accepts (nil: all), given their item and named interests:
// with limit > 0 only the best limit of them, best first; else all, in
// no order (sortHits).
//
// A score says how strongly an item matches what the recipient cares
// about, whatever the number of items: each phrase's BM25 score is divided
// by the most that phrase can score (every term's idf × (k1+1)), giving
// its strength in 0..1. An interest's strength is the best of its literal
// match and its bridges' (each bridge's strength times its factor, below
// 1: a bridged match is weaker than a literal one; several bridges in one
// item combine like independent chances, up to maxBridged). Interests combine
// like independent chances, 1 − Π(1 − strength); the weaker signals
// (role, what they write, what was shared with them) raise that by up to
// a quarter, and what was dismissed for them lowers it. An ambiguous
// interest ("Go", "Rust", "hiring") counts only where the item passes its
// guard (guard.go).
//
// Only the items where an interest or a bridge matches in full can be
// hits, so search merges those phrases' lists (listOf) and looks up the
// rest (an interest's scattered words, the weaker signals) only for the
// items it finds; with a limit, not even for those that cannot beat the
// worst hit kept (mayBeat), and reads nothing of an item that could not
// even with a perfect score. Guards only lower a score: they are read
// only for an item that would be kept if they passed, which is then
// scored again if one fails.
func (e *engine) search(q *query, min float64, limit int, keep func(h *hit) bool) []hit {
	return e.searchNeeding(q, min, limit, nil, keep)
}

// haltEvery is how many items a search reads between two looks at
// whether the run has halted: a look costs an atomic load, a thousand
// items well under a millisecond.
const haltEvery = 1024

// searchNeeding is search where an item is kept only if it names one of
// the interests need says (nil: any), as keep must then also require: a
// community's digest only takes items that match an interest half its
// members hold. Only the lists of those interests and of their bridges
// are merged; the others' are read at the items those find. A community
// without such an interest costs nothing.
func (e *engine) searchNeeding(q *query, min float64, limit int, need []bool, keep func(h *hit) bool) []hit {
	if q.nInterests == 0 {
		return nil
	}
	nb := q.nBridged()
	// The weaker signals (one term each) only raise or lower a match,
	// never make one: they are scored only for the items found.
	var auxMax, negMax float64
	aux := q.phrases[nb:]
	auxAt := make([]bm25.TermCursor, len(aux)) // per signal: where its postings are read on
	for j, p := range aux {
		auxAt[j] = e.ix.TermCursor(p.Terms[0])
		m := e.ix.IDF(p.Terms[0]) * (bm25.K1 + 1) * abs(p.Weight)
		if p.Weight > 0 {
			auxMax += m
		} else {
			negMax += m
		}
	}
	floor := min // the least score of any hit: lower for one plainly about an interest in other words (plainBar)
	if q.plainBar > 0 && q.plainBar < min {
		floor = q.plainBar
	}
	lists := make([]*phraseList, nb)
	merged := make([]*phraseList, nb) // the lists of the interests needed and of their bridges
	var others []int                  // the other lists, ascending
	for i := range q.phrases[:nb] {
		lists[i] = e.listFor(q, i)
		in := i
		if i >= q.nInterests {
			in = q.bridges[i-q.nInterests].interest
		}
		switch {
		case need == nil || need[in]:
			merged[i] = lists[i]
		case len(lists[i].docs) > 0:
			others = append(others, i)
		}
	}
	othersAt := make([]int, len(others)) // per other list: its next entry
	// An interest of several words may count where it does not match in
	// full: its words scattered, or some of them (bm25.PhraseCursor).
	words := make([]*bm25.PhraseCursor, q.nInterests)
	wordsIn := make([]bm25.DocSet, q.nInterests) // the items holding some of its words
	var multi []int                              // those interests, ascending
	for i, p := range q.phrases[:q.nInterests] {
		if len(p.Terms) > 1 {
			words[i], wordsIn[i] = e.ix.PhraseCursor(p.Terms), e.wordsOf(p.Terms)
			multi = append(multi, i)
		}
	}
	top := topHits{e: e, limit: limit}
	// Per interest, for the item at hand: the literal strength and
	// whether it may be named; the best bridge and its strength.
	lit := make([]float64, q.nInterests)
	litNamed := make([]bool, q.nInterests)
	seen := make([]bool, q.nInterests)
	best := make([]float64, q.nInterests)
	bestBridge := make([]int, q.nInterests)
	bmiss := make([]float64, q.nInterests) // Π(1 − strength) over its bridges
	for i := range bmiss {
		bmiss[i] = 1
	}
	tops := make([]topicHits, q.nInterests) // its related terms (topic.go)
	// The interests that a list names for the item at hand: only their
	// state is read and cleared, however many interests q has.
	var touched []int
	var nm []named
	var h hit
	// pending: a guarded interest matched literally, its guard not read
	// yet. Guards are read only for an item that would be kept if they
	// passed (they only lower a score), and then it is scored again.
	pending := make([]bool, q.nInterests)
	var ents []listEntry // the lists' entries for the item at hand, in list order
	cur := newCursors(merged)
	for n := 1; ; n++ {
		doc := cur.peek()
		if doc < 0 || n%haltEvery == 0 && e.halted() {
			break
		}
		if top.full() && !e.mayBeat(1, int(doc), top.worst()) {
			// Not even a perfect score would be kept: its entries are
			// passed over, unread.
			for cur.peek() == doc {
				cur.next()
			}
			continue
		}
		ents = ents[:0]
		for cur.peek() == doc {
			p, _, strength, _ := cur.next()
			ents = append(ents, listEntry{p, strength})
		}
		if n := len(ents); len(others) > 0 {
			for k, j := range others {
				if strength, ok := lists[j].find(&othersAt[k], doc); ok {
					ents = append(ents, listEntry{j, strength})
				}
			}
			if len(ents) > n {
				slices.SortFunc(ents, func(a, b listEntry) int { return a.list - b.list })
			}
		}
		guarded := false
		for _, en := range ents {
			p, strength := en.list, en.strength
			in, br := p, -1
			if p >= q.nInterests {
				br = p - q.nInterests
				b := q.bridges[br]
				if b.caps != "" && !e.writesCaps(int(doc), b.caps) || b.form != "" && !e.writesForm(int(doc), b.form) {
					continue
				}
				if b.own != nil && !e.holdsAny(int(doc), b.own) && (e.holdsAny(int(doc), b.otherSense) || b.initials != "" && e.spellsOther(int(doc), b.initials, b.own)) {
					continue // "a part-time LLM in planning law"
				}
				if g := q.guards[b.interest]; g != nil && g.longerName(q.phrases[p].Terms) {
					continue // "Franz Kafka" is not Kafka the software
				}
				if b.nameSense && !q.guards[b.interest].fieldOf(e, int(doc)) {
					continue
				}
				in, strength = b.interest, strength*b.factor
			}
			if !seen[in] {
				seen[in] = true
				touched = append(touched, in)
			}
			if br < 0 {
				if q.guards[in] != nil {
					pending[in], guarded = true, true
				}
				litNamed[in] = true
				lit[in] = max(lit[in], strength)
			} else {
				if strength > best[in] {
					best[in], bestBridge[in] = strength, br
				}
				if q.bridges[br].topic {
					tops[in].add(strength)
				} else {
					bmiss[in] *= 1 - strength
				}
			}
		}
		slices.Sort(touched)
		auxDone := false
		var pos, neg float64
		// score names the interests the item matches and scores it, or
		// reports that it cannot be a hit: it names none, keep refuses it
		// (an item that names no interest, or that keep refuses, costs no
		// look-ups), or it scores too little (mayBeat). It reads only the
		// interests touched and those of several words: any other would
		// multiply miss by exactly 1.
		score := func() bool {
			nm = nm[:0]
			for _, in := range touched {
				switch {
				case litNamed[in] && lit[in] >= matchedStrength:
					nm = append(nm, named{interest: in, bridge: -1, strength: lit[in]})
				case bridgedOf(bmiss[in]*tops[in].miss()) >= matchedStrength && best[in] > 0:
					nm = append(nm, named{interest: in, bridge: bestBridge[in], strength: bridgedOf(bmiss[in] * tops[in].miss())})
				}
			}
			h = hit{item: int(doc), named: nm}
			if len(nm) == 0 || keep != nil && !keep(&h) {
				return false
			}
			// The item's strength, interest by interest, in order: those
			// touched, and those of several words, whose words may be in
			// the item all the same.
			miss := 1.0
			for ti, mi := 0, 0; ti < len(touched) || mi < len(multi); {
				var in int
				if mi == len(multi) || ti < len(touched) && touched[ti] <= multi[mi] {
					in = touched[ti]
					ti++
					if mi < len(multi) && multi[mi] == in {
						mi++
					}
				} else {
					in = multi[mi]
					mi++
				}
				l := lit[in]
				if w := words[in]; !litNamed[in] && w != nil && l == 0 && wordsIn[in].Has(doc) {
					// Not in full: its words scattered, or some of them
					// (without any of them, 0).
					l = w.Strength(doc)
				}
				miss *= 1 - max(l, bridgedOf(bmiss[in]*tops[in].miss()))
			}
			// The most the weaker signals can make of it: not enough for
			// min, or to beat the worst hit kept, and they need not be
			// looked up.
			score := 1 - miss
			most := score
			if auxMax > 0 {
				most *= 1 + weakSignals
			}
			if most = min1(most); most < floor || top.full() && !e.mayBeat(most, int(doc), top.worst()) {
				return false
			}
			if !auxDone {
				auxDone = true
				for j, p := range aux {
					sc, ok := auxAt[j].Score(doc, p.Weight)
					if !ok {
						continue
					}
					if sc > 0 {
						pos += sc
					} else {
						neg -= sc
					}
				}
			}
			if auxMax > 0 {
				score *= 1 + weakSignals*min1(pos/auxMax)
			}
			if negMax > 0 {
				score *= 1 - 0.6*min1(neg/negMax)
			}
			if h.score = min1(score); h.score < min && (h.score < floor || !e.plainlyAbout(q, &h)) {
				return false
			}
			return !top.full() || e.before(h, top.worst())
		}
		ok := score()
		if ok && guarded {
			failed := false
			for _, in := range touched {
				if pending[in] && !q.guards[in].passes(e, int(doc)) {
					lit[in] *= guardFailed // a homonym: a hint at most
					litNamed[in], failed = false, true
				}
			}
			if failed {
				ok = score()
			}
		}
		// The state of the touched is cleared for the next item either
		// way.
		for _, in := range touched {
			lit[in], litNamed[in], seen[in], best[in], bmiss[in], tops[in], pending[in] = 0, false, false, 0, 1, topicHits{}, false
		}
		touched = touched[:0]
		if !ok {
			continue
		}
		h.named = slices.Clone(nm)
		top.add(h)
	}
	if limit > 0 {
		e.sortHits(top.hits)
	}
	return top.hits
}

// mayBeat reports whether a hit of item i scoring at most most may rank
// before hit b (before): not when most is below b's score, nor when it
// is b's and i's ID is higher. Scores are capped at 1: once the worst of
// the hits kept scores 1, only items of lower IDs are worth reading.
func (e *engine) mayBeat(most float64, i int, b hit) bool {
	return most > b.score || most == b.score && e.items[i].ID < e.items[b.item].ID
}

// before reports whether hit a ranks before hit b: a higher score, then
// a lower item ID (IDs are unique: a total order, deterministic).
func (e *engine) before(a, b hit) bool {
	if a.score != b.score {
		return a.score > b.score
	}
	return e.items[a.item].ID < e.items[b.item].ID
}

// sortHits orders hits best first.
func (e *engine) sortHits(hits []hit) {
	slices.SortFunc(hits, func(a, b hit) int {
		if e.before(a, b) {
			return -1
		}
		if e.before(b, a) {
			return 1
		}
		return 0
	})
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
		q.phrases = append(q.phrases, bm25.Phrase{Terms: in.terms, Weight: weightInterest * (0.6 + 0.4*float64(in.n)/float64(members))})
		q.names = append(q.names, in.label)
		q.members = append(q.members, in.n)
	}
	q.nInterests = len(q.phrases)
	e.addBridges(&q)
	for _, t := range Analyze(k.Description) {
		e.addSignal(&q, t, weightRole)
	}
	e.feedbackPhrases(&q, target{community: k.ID})
	e.addGuards(&q)
	e.addNameFields(&q)
	return q
}
