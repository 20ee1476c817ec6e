package suggest

import (
	"strings"
	"time"

	"github.com/knowflow/knowflow/model"
)

// Each contact's ranking and its schedule: the circle's norms, what is
// blocked, when the next share may be, and thank-yous.

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
	if closest(c) == model.CircleNetwork {
		q.plainBar = minNetworkPlain
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
			Kind: model.KindShare, ItemID: it.ID, ItemTitle: it.Title, ItemURL: it.Link, SourceID: it.SourceID,
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
			Kind: model.KindThank, ItemID: it.ID, ItemTitle: it.Title, ItemURL: it.Link, SourceID: it.SourceID,
			ContactID: c.ID, ContactName: c.Name, Circle: closest(c), Score: 1, When: when, Why: why,
		})
	}
	return out
}
