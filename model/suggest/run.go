package suggest

import (
	"slices"

	"github.com/knowflow/knowflow/model/suggest/internal/bm25"
)

// A run's order of work, for speed: every query first, while the index
// knows only its terms' idf; then the index sealed with those queries'
// terms alone (prepare); then where each of their phrases matches, once
// (prepareLists); then the rankings, side by side (rankCommunities,
// rankAll).

// prepare makes every query the run can make (each contact's and each
// community's) while the index knows only its terms' idf, which is all a
// query needs, and then seals the index with the postings and positions
// of those queries' terms alone: the other terms of the items (most of
// them) count toward the items' lengths and the idf, and are never
// stored. The terms the sense check reads (guard.uses) are kept too:
// postings for the words that tell a sense, positions for the phrases it
// matches. The contacts' queries are kept for rankAll, by ID (the last
// contact of an ID, as e.contacts), and the communities' for
// rankCommunity (those of an ID held by one community only).
func (e *engine) prepare() {
	e.warm()
	// The communities' queries first: they are the largest (every
	// member's interests, each ambiguous one's sense check read against
	// all the others).
	ks := e.in.Communities
	kqs := make([]query, len(ks))
	qs := make([]query, len(e.in.Contacts))
	e.each(len(kqs)+len(qs), func(i int) {
		if i < len(kqs) {
			kqs[i] = e.communityQuery(ks[i])
			return
		}
		qs[i-len(kqs)] = e.contactQuery(e.in.Contacts[i-len(kqs)])
	})
	if e.halted() {
		return // the queries are not all made: nothing is sealed
	}
	use := make([]bm25.Use, e.ix.NumTerms())
	mark := func(q *query) {
		for _, g := range q.guards {
			if g != nil {
				g.uses(e.ix, func(t int32, u bm25.Use) { use[t] = max(use[t], u) })
			}
		}
		for _, b := range q.bridges {
			for _, t := range append(slices.Clip(b.otherSense), b.own...) {
				if id := e.ix.KnownID(t); id >= 0 {
					use[id] = max(use[id], bm25.UsePostings)
				}
			}
		}
		for i, p := range q.phrases {
			u := bm25.UsePostings // a weak signal: scored alone
			if i < q.nBridged() {
				u = bm25.UsePositions // matched as a phrase, or counted (guard)
			}
			for _, t := range p.Terms {
				if id := e.ix.KnownID(t); id >= 0 {
					use[id] = max(use[id], u)
				}
			}
		}
	}
	e.queries = make(map[int64]*query, len(qs))
	for i, c := range e.in.Contacts {
		mark(&qs[i])
		e.queries[c.ID] = &qs[i]
	}
	e.kQueries = make(map[int64]*query, len(ks))
	n := map[int64]int{}
	for i, k := range ks {
		mark(&kqs[i])
		e.kQueries[k.ID] = &kqs[i]
		n[k.ID]++
	}
	for id, n := range n {
		if n > 1 {
			delete(e.kQueries, id) // which one is meant: made when ranked
		}
	}
	e.setProfiles(kqs, qs)
	e.ix.Seal(func(t int32) bm25.Use { return use[t] })
}

// rankCommunities ranks every community not ranked yet on every
// processor (the first of an ID, as rankCommunity would).
func (e *engine) rankCommunities() {
	var todo []CommunityInfo
	seen := map[int64]bool{}
	for _, k := range e.in.Communities {
		if _, ok := e.communityRanks[k.ID]; !ok && !seen[k.ID] {
			seen[k.ID] = true
			todo = append(todo, k)
		}
	}
	rs := make([]ranking, len(todo))
	e.each(len(todo), func(i int) { rs[i] = e.rankCommunityOnce(todo[i]) })
	if e.communityRanks == nil {
		e.communityRanks = map[int64]ranking{}
	}
	for i, k := range todo {
		e.communityRanks[k.ID] = rs[i]
	}
}
