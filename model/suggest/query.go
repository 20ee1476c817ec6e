package suggest

import (
	"slices"
	"sort"
	"strings"

	"github.com/knowflow/knowflow/model"
)

// Queries: what a recipient cares about as weighted phrases, and how an
// item's match against them becomes a score and a reason.

// query is what a recipient cares about, as weighted phrases: first
// nInterests phrases, their interests, named in "why"; then the bridges,
// which say an interest in other words (bridges[i] is phrase
// nInterests+i); then the weaker signals.
type query struct {
	phrases    []Phrase
	names      []string // the user's words for each interest
	nInterests int
	bridges    []bridge
	guards     []*guard  // per interest: nil, or what a homonym needs to count
	members    []int     // for a community: members holding each interest
	maxima     []float64 // the most each phrase can score (set by search)
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
		q.phrases = append(q.phrases, Phrase{Terms: terms, Weight: weightInterest})
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
	named []named // the interests it matched strongly enough to say so
}

// named is an interest a hit matched, literally or through a bridge.
type named struct {
	interest int
	bridge   int // index into query.bridges, or -1 for a literal match
}

// labels names the interests h matched strongly enough to say so, with
// the words of the item that bridged each one ("" for a literal match),
// and for a community how many members hold each.
func (e *engine) labels(q *query, h hit) (matched, through []string, counts []int) {
	for _, n := range h.named {
		matched = append(matched, q.names[n.interest])
		via := ""
		if n.bridge >= 0 {
			via = e.surface(h.item, q.phrases[q.nInterests+n.bridge].Terms)
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

// search runs q and keeps items that match at least one interest as a
// phrase, literally or through a bridge, scoring at least min, in no
// order (sortHits, bestHits).
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
// one-word interest ("Go", "Rust") counts only where the item passes its
// guard (guard.go).
func (e *engine) search(q *query, min float64) []hit {
	if q.nInterests == 0 {
		return nil
	}
	nb := q.nBridged()
	q.maxima = make([]float64, len(q.phrases))
	var auxMax, negMax float64
	for i, p := range q.phrases {
		for _, t := range p.Terms {
			q.maxima[i] += e.ix.IDF(t) * (bm25K1 + 1)
		}
		q.maxima[i] *= abs(p.Weight)
		switch {
		case i < nb:
		case p.Weight > 0:
			auxMax += q.maxima[i]
		default:
			negMax += q.maxima[i]
		}
	}
	// The index scores the interests and bridges; the weaker signals
	// (one term each) only for the items they name (below): they raise
	// or lower a match, never make one, and their terms are common.
	ms := e.ix.Search(q.phrases[:nb])
	auxIDs := make([]int32, len(q.phrases)-nb)
	for j, p := range q.phrases[nb:] {
		auxIDs[j] = e.ix.termID(p.Terms[0])
	}
	var hits []hit
	// Per interest, for the match at hand: the literal strength and
	// whether it may be named; the best bridge and its strength.
	lit := make([]float64, q.nInterests)
	litNamed := make([]bool, q.nInterests)
	best := make([]float64, q.nInterests)
	bestBridge := make([]int, q.nInterests)
	bmiss := make([]float64, q.nInterests) // Π(1 − strength) over its bridges
	for i := range bmiss {
		bmiss[i] = 1
	}
	tops := make([]topicHits, q.nInterests) // its related terms (topic.go)
	var touched []int
	var arena []named // every hit's named, one allocation or a few
	for mi := range ms {
		m := &ms[mi]
		for i, p := range m.Phrases { // interests and bridges only
			if q.maxima[p] <= 0 {
				continue
			}
			strength := min1(m.Scores[i] / q.maxima[p])
			in, br := p, -1
			if p >= q.nInterests {
				br = p - q.nInterests
				b := q.bridges[br]
				if !m.Full[i] || b.caps != "" && !e.writesCaps(m.Doc, b.caps) {
					continue // a bridge counts only as a whole
				}
				in, strength = b.interest, strength*b.factor
			}
			if lit[in] == 0 && best[in] == 0 && bmiss[in] == 1 {
				touched = append(touched, in)
			}
			if br < 0 {
				if g := q.guards[in]; g != nil && !g.passes(e, m.Doc) {
					strength *= guardFailed // a homonym: a hint at most
				} else {
					litNamed[in] = m.Full[i]
				}
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
		miss := 1.0
		start := len(arena)
		slices.Sort(touched)
		for _, in := range touched {
			// Several bridges in one item are more evidence than one,
			// but never as much as the interest's own words can be.
			bridged := 1 - bmiss[in]*tops[in].miss()
			if bridged > maxBridged {
				bridged = maxBridged
			}
			switch {
			case litNamed[in] && lit[in] >= matchedStrength:
				arena = append(arena, named{interest: in, bridge: -1})
			case bridged >= matchedStrength && best[in] > 0:
				arena = append(arena, named{interest: in, bridge: bestBridge[in]})
			}
			miss *= 1 - max(lit[in], bridged)
			lit[in], litNamed[in], best[in], bmiss[in], tops[in] = 0, false, 0, 1, topicHits{}
		}
		touched = touched[:0]
		if len(arena) == start {
			continue
		}
		nm := arena[start:len(arena):len(arena)]
		var aux, neg float64
		for j, p := range q.phrases[nb:] {
			if sc := p.Weight * e.ix.termScore(auxIDs[j], int32(m.Doc)); sc > 0 {
				aux += sc
			} else {
				neg -= sc
			}
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
			arena = arena[:start]
			continue
		}
		hits = append(hits, hit{item: m.Doc, score: score, named: nm})
	}
	return hits
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

// bestHits calls yield with hits best first until it returns false,
// sorting only as far as it goes: a person with 300 matching items and
// three slots costs a heap, not a sort. It reorders hits.
func (e *engine) bestHits(hits []hit, yield func(hit) bool) {
	down := func(h []hit, i int) {
		for {
			c := 2*i + 1
			if c >= len(h) {
				return
			}
			if c+1 < len(h) && e.before(h[c+1], h[c]) {
				c++
			}
			if !e.before(h[c], h[i]) {
				return
			}
			h[i], h[c] = h[c], h[i]
			i = c
		}
	}
	for i := len(hits)/2 - 1; i >= 0; i-- {
		down(hits, i)
	}
	for n := len(hits); n > 0; n-- {
		if !yield(hits[0]) {
			return
		}
		hits[0], hits[n-1] = hits[n-1], hits[0]
		down(hits[:n-1], 0)
	}
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
		q.phrases = append(q.phrases, Phrase{Terms: in.terms, Weight: weightInterest * (0.6 + 0.4*float64(in.n)/float64(members))})
		q.names = append(q.names, in.label)
		q.members = append(q.members, in.n)
	}
	q.nInterests = len(q.phrases)
	e.addBridges(&q)
	for _, t := range Analyze(k.Description) {
		e.addSignal(&q, t, weightRole)
	}
	e.feedbackPhrases(&q, target{community: k.ID})
	return q
}
