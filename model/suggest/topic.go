package suggest

import (
	"slices"
	"sort"
)

// Topical evidence: an item can be about an interest without a phrase
// that says it ("a pager rota that people can live with" is about
// on-call). Each interest gets a few related single terms, once per run
// (bridgesOf caches them): the associations learned from the user's own
// items (model/assoc), for a one-word interest its neighbours, for a
// phrase the neighbours two of its terms share.
//
// Measured and left out: pseudo-relevance feedback (RM3-like: the terms
// that the candidates matching the interest literally and strongly
// share). On testdata/share it took precision@3 from 0.68 to 0.53–0.62
// (the shared terms of one feed's items are its boilerplate as much as
// its topic: "conference", "strategy" for "test automation") and found
// nothing on the dev fixture, whose interests have one literal item each;
// with thresholds strict enough to keep precision it changed nothing.
//
// Measured and not built yet: related terms from whole-item co-occurrence
// (every term of an item that holds the interest's term, not only those
// within assoc.Window) over the fixtures and testdata/background (450
// items of the same fields). Its neighbours read as topics ("hire" →
// candidate, interview, recruit; "kubernet" → node, pod; "observ" →
// signal, trace, metric), where the windowed ones over the same items
// are few or none. As topic terms they took the dev fixture's paraphrase
// recall@3 from 0.23 to 0.30 and cost testdata/share precision@3 0.69 →
// 0.62 and "nobody" 0.96 → 0.92. Storing them would cost the store's
// learning about five times the pairs per item.
//
// Second-order similarity (terms that share neighbours: cosine of PPMI
// vectors) measured again on 2026-12-06 over the dev fixture and
// testdata/background (513 items). Over windowed pairs (assoc.Window)
// the vectors hold 0–20 terms and the cosines are noise ("cloud" ~
// "councillor"). Over whole items they read as topics: "hire" → candid,
// interview, role, rubric, recruit; "incid" → alert, postmortem,
// monitor; "cloud" → instanc, bill, idl; "visual" → chart, bar; "wellb"
// → stress, mental, burnout; "observ" → instrument, trace, signal,
// telemetri. But a term's ten strongest whole-item neighbours added to
// its associations took dev paraphrase recall@3 only from 0.23 to 0.26
// (one synonym), with testdata/share precision@3 0.69 → 0.68: the items
// that say an interest in other words rarely hold its topic's terms
// twice, which a topic bridge needs (minTopicTerms).
//
// Each term is a one-term bridge worth a factor below a synonym's, that
// counts only where at least minTopicTerms different ones of the same
// interest occur in one item (topicHits): one related word is chance,
// several are a topic. They add up like independent chances (search), so
// that an item writing three of them counts like a bridged mention.

const (
	bridgeTopic    = 0.5 // times the term's weight: what one related term is worth
	minTopicTerms  = 2   // different related terms of an interest an item needs
	topicTerms     = 6   // related terms per interest
	minTopicIDF    = 1.0 // a related term in more than about 37% of the candidates says little
	minTopicWeight = 0.3 // the least weight of a related term (1 for the best)
)

// topicBridges lists the related terms of the interest whose terms are
// terms as one-term bridges, strongest first.
func (e *engine) topicBridges(terms []string) []bridgeSpec {
	type scored struct {
		t string
		w float64
	}
	score := map[string]float64{}
	for t, w := range e.assocTerms(terms) {
		score[t] = max(score[t], w)
	}
	var ws []scored
	for t, w := range score {
		if slices.Contains(terms, t) || e.ix.IDF(t) < minTopicIDF {
			continue
		}
		ws = append(ws, scored{t, w})
	}
	sort.Slice(ws, func(i, j int) bool {
		if ws[i].w != ws[j].w {
			return ws[i].w > ws[j].w
		}
		return ws[i].t < ws[j].t
	})
	var out []bridgeSpec
	for _, s := range ws {
		if len(out) == topicTerms || s.w/ws[0].w < minTopicWeight {
			break
		}
		out = append(out, bridgeSpec{terms: []string{s.t}, factor: bridgeTopic * s.w / ws[0].w, topic: true})
	}
	return out
}

// assocTerms are the association neighbours of an interest's terms: of a
// one-word interest, its neighbours; of a phrase, the neighbours that at
// least two of its terms share (a neighbour of "management" alone is
// not about "knowledge management"). Weighted by the association.
func (e *engine) assocTerms(terms []string) map[string]float64 {
	sum := map[string]float64{}
	n := map[string]int{}
	for _, t := range terms {
		for _, nb := range e.in.Associations[t] {
			if nb.Weight >= minAssocWeight {
				sum[nb.Term] += nb.Weight
				n[nb.Term]++
			}
		}
	}
	out := map[string]float64{}
	for t, w := range sum {
		if len(terms) == 1 || n[t] >= 2 {
			out[t] = w / float64(n[t])
		}
	}
	return out
}

// topicHits are the related terms of one interest one item holds, while
// searching: their strengths combine like independent chances, but only
// once there are minTopicTerms of them. The zero value holds none.
type topicHits struct {
	n    int
	keep float64 // Π(1 − strength), once n > 0
}

// add notes one related term of the strength given.
func (t *topicHits) add(strength float64) {
	if t.n == 0 {
		t.keep = 1
	}
	t.keep *= 1 - strength
	t.n++
}

// miss is the chance that the item is not about the interest, as far as
// its related terms tell: 1 while they are fewer than minTopicTerms.
func (t topicHits) miss() float64 {
	if t.n < minTopicTerms {
		return 1
	}
	return t.keep
}
