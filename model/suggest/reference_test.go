package suggest

import (
	"cmp"
	"math"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/knowflow/knowflow/model"
	"github.com/knowflow/knowflow/model/assoc"
	"github.com/knowflow/knowflow/model/suggest/internal/bm25"
)

// searchReference is search as it was before retrieval by phrase lists:
// one bm25.Index.Search over every phrase of q. It runs q and keeps items that match at least one interest as a
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
func (e *engine) searchReference(q *query, min float64) []hit {
	if q.nInterests == 0 {
		return nil
	}
	nb := q.nBridged()
	q.maxima = make([]float64, len(q.phrases))
	var auxMax, negMax float64
	for i, p := range q.phrases {
		for _, t := range p.Terms {
			q.maxima[i] += e.ix.IDF(t) * (bm25.K1 + 1)
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
	// Profile bridges: where each is close, worked out by brute force
	// (profileReference); the items close to one and matching no phrase
	// join the matches.
	prof := map[int]map[int]float64{} // phrase → item → strength
	inMs := map[int]bool{}
	for _, m := range ms {
		inMs[m.Doc] = true
	}
	for j, b := range q.bridges {
		if b.profile == "" {
			continue
		}
		prof[q.nInterests+j] = e.profileReference(b.profile)
		for d := range prof[q.nInterests+j] {
			if !inMs[d] {
				inMs[d] = true
				ms = append(ms, bm25.Match{Doc: d})
			}
		}
	}
	slices.SortFunc(ms, func(a, b bm25.Match) int { return a.Doc - b.Doc })
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
	tops := make([]topicHits, q.nInterests)
	var touched []int
	var arena []named // every hit's named, one allocation or a few
	for mi := range ms {
		m := &ms[mi]
		// The phrases matched and the profiles close, in phrase order.
		type entry struct {
			p        int
			strength float64
			full     bool
		}
		var ents []entry
		for i, p := range m.Phrases {
			if q.maxima[p] > 0 {
				ents = append(ents, entry{p, min1(m.Scores[i] / q.maxima[p]), m.Full[i]})
			}
		}
		for p, docs := range prof {
			if st, ok := docs[m.Doc]; ok {
				ents = append(ents, entry{p, st, true})
			}
		}
		slices.SortFunc(ents, func(a, b entry) int { return a.p - b.p })
		for _, en := range ents { // interests and bridges only
			p, strength := en.p, en.strength
			in, br := p, -1
			if p >= q.nInterests {
				br = p - q.nInterests
				b := q.bridges[br]
				if !en.full || b.caps != "" && !e.writesCaps(m.Doc, b.caps) {
					continue // a bridge counts only as a whole
				}
				if g := q.guards[b.interest]; g != nil && g.longerName(q.phrases[p].Terms) {
					continue // a longer name of the word: another sense
				}
				if b.nameSense && !q.guards[b.interest].fieldOf(e, m.Doc) {
					continue // a name's profile, far from the recipient's field
				}
				in, strength = b.interest, strength*b.factor
			}
			if lit[in] == 0 && best[in] == 0 && bmiss[in] == 1 {
				touched = append(touched, in)
			}
			if br < 0 {
				if g := q.guards[in]; g != nil && en.full && !g.passes(e, m.Doc) {
					strength *= guardFailed // a homonym: a hint at most
				} else {
					litNamed[in] = en.full
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
				arena = append(arena, named{interest: in, bridge: -1, strength: lit[in]})
			case bridged >= matchedStrength && best[in] > 0:
				arena = append(arena, named{interest: in, bridge: bestBridge[in], strength: bridged})
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
		for _, p := range q.phrases[nb:] {
			if sc := p.Weight * termScore(e.ix, p.Terms[0], int32(m.Doc)); sc > 0 {
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

// TestSearchIsExhaustive checks retrieval by phrase lists against one
// bm25.Index.Search over every phrase of each query (searchReference): the
// same hits, scores and named interests, for every contact and
// community, on a dense corpus (every item holds nearly every interest)
// and a network-shaped one, with shares, dismissals and acronyms; and
// with a limit, the best of them in order.
func TestSearchIsExhaustive(t *testing.T) {
	dense := benchInputOf(300, 120)
	network := networkInputOf(1500, 200)
	for _, in := range []Input{dense, network} {
		for i := 0; i < len(in.Contacts); i += 7 {
			in.Feedback = append(in.Feedback, model.Feedback{ItemID: in.Items[(i*13)%len(in.Items)].ID, ContactID: in.Contacts[i].ID, Verdict: model.VerdictDismissed})
		}
		in.Contacts[0].Interests = append(in.Contacts[0].Interests, "SRE", "site reliability engineering")
		// Names that are everyday words, read by the name guard and the
		// sense check; Franz Kafka, a longer name of Kafka, is no bridge
		// of it.
		in.Items = slices.Clone(in.Items)
		for i, it := range [][2]string{
			{"The Metamorphosis at 110: why Kafka still feels modern", "Franz Kafka's story of Gregor Samsa waking up as an insect is read today as a parable."},
			{"Upgrading our Kafka brokers without downtime", "Rolling restarts, one broker at a time; topics stayed available for producers and the upgrade of Kafka took an afternoon."},
			{"Volcano erupts on Java, thousands evacuated", "Mount Semeru on the Indonesian island of Java erupted on Sunday, sending ash into the sky."},
			{"Records and pattern matching in modern Java", "Records, sealed interfaces and switch pattern matching let us model the domain; the compiler checks every case of the program."},
			{"Let's go hiking", "We go up the hill at dawn. Java coffee and Kafka on the way; Go early."},
		} {
			in.Items = append(in.Items, Candidate{Item: model.Item{ID: int64(100000 + i), SourceID: 1, Title: it[0], Text: it[1], Published: now}})
		}
		for i := 1; i < 4; i++ {
			in.Contacts[i].Interests = append(slices.Clip(in.Contacts[i].Interests), "Kafka", "Java", "Go", "compilers")
		}
		// Learned neighbours for some interest terms: association and
		// topic bridges.
		in.Associations = map[string][]assoc.Neighbour{}
		terms := InterestTerms(in.Contacts)
		for i := 0; i+2 < len(terms); i += 5 {
			in.Associations[terms[i]] = []assoc.Neighbour{{Term: terms[i+1], Weight: 0.7}, {Term: terms[i+2], Weight: 0.5}}
		}
		e := newEngine(in)
		e.warm()
		var qs []query
		var mins []float64
		for _, c := range in.Contacts {
			_, min, _ := e.norms(c)
			qs, mins = append(qs, e.contactQuery(c)), append(mins, min)
		}
		for _, k := range in.Communities {
			qs, mins = append(qs, e.communityQuery(k)), append(mins, minCommunity)
		}
		hits := 0
		for i := range qs {
			want := e.searchReference(&qs[i], mins[i])
			got := e.search(&qs[i], mins[i], 0, nil)
			byItem := func(a, b hit) int { return a.item - b.item }
			slices.SortFunc(want, byItem)
			slices.SortFunc(got, byItem)
			hits += len(want)
			sameHits(t, i, got, want)
			// The best 3, in order: scores may differ in their last bits
			// (the reference divides by a weighted maximum), so equal
			// scores may order differently; each must be a hit as good.
			e.sortHits(want)
			top := e.search(&qs[i], mins[i], 3, nil)
			if len(top) != min(3, len(want)) {
				t.Fatalf("query %d: %d best hits, want %d", i, len(top), min(3, len(want)))
			}
			for j, h := range top {
				if math.Abs(h.score-want[j].score) > 1e-9 {
					t.Fatalf("query %d: best hit %d scores %v, want %v", i, j, h.score, want[j].score)
				}
			}
		}
		if hits == 0 {
			t.Fatal("no query matched anything: the comparison says nothing")
		}
		t.Logf("%d queries, %d hits compared", len(qs), hits)
	}
}

func sameHits(t *testing.T, query int, got, want []hit) {
	t.Helper()
	if len(got) != len(want) {
		t.Fatalf("query %d: %d hits, want %d", query, len(got), len(want))
	}
	for j := range want {
		g, w := got[j], want[j]
		sameNamed := slices.EqualFunc(g.named, w.named, func(a, b named) bool {
			return a.interest == b.interest && a.bridge == b.bridge && math.Abs(a.strength-b.strength) < 1e-9
		})
		if g.item != w.item || math.Abs(g.score-w.score) > 1e-9 || !sameNamed {
			t.Fatalf("query %d, hit %d: got item %d score %v named %v, want item %d score %v named %v", query, j, g.item, g.score, g.named, w.item, w.score, w.named)
		}
	}
}

// termScore is bm25(t, d) of the analysed term t, as Search adds it for
// a one-term phrase of weight 1 (0 when d lacks the term or no document
// has it).
func termScore(ix *bm25.Index, t string, d int32) float64 {
	c := ix.TermCursor(t)
	s, _ := c.Score(d, 1)
	return s
}

// profileReference is where the candidates are close to the profile of
// key, and the strength there, as profileList has it, worked out by
// brute force: each item's fields analysed and weighted as the index
// does, its vector's cosine with the profile's terms that count
// (profileMinPart), the items holding minProfileHit of them at the
// naming closeness or more, and of more than the list may hold, the
// closest (by cosine, then item).
func (e *engine) profileReference(key string) map[int]float64 {
	if e.profileIdx[key] < 0 {
		return nil // not read: its terms are everywhere (spread)
	}
	refMu.Lock()
	defer refMu.Unlock()
	if got, ok := refProfiles[refKey{e, key}]; ok {
		return got
	}
	if refTF[e] == nil {
		for _, it := range e.items {
			tf := map[string]float64{}
			for _, f := range []struct {
				text string
				w    float64
			}{{it.Title, titleWeight}, {strings.Join(it.Categories, " . "), categoryWeight}, {body(it.Text), textWeight}} {
				for _, t := range Analyze(f.text) {
					tf[t] += f.w
				}
			}
			refTF[e] = append(refTF[e], tf)
		}
	}
	var top float64
	for _, nb := range e.in.Profiles[key] {
		top = max(top, nb.Weight*e.ix.IDF(nb.Term))
	}
	weight := map[string]float64{}
	var pr bm25.Profile
	for _, nb := range e.in.Profiles[key] {
		if nb.Weight*e.ix.IDF(nb.Term) >= profileMinPart*top {
			weight[nb.Term] = nb.Weight
			pr.Terms, pr.Weights = append(pr.Terms, nb.Term), append(pr.Weights, nb.Weight)
		}
	}
	head := e.ix.Head(pr) // an item holding none of these is not measured
	type close struct {
		doc int
		sim float64
	}
	var found []close
	for d, tf := range refTF[e] {
		var dot, sq float64
		n := 0
		if !slices.ContainsFunc(head, func(t string) bool { return tf[t] > 0 }) {
			continue
		}
		for t, f := range tf {
			w := (1 + math.Log(f)) * e.ix.IDF(t)
			sq += w * w
			if pw, ok := weight[t]; ok {
				dot += pw * w
				n++
			}
		}
		if n >= minProfileHit && sq > 0 {
			if sim := dot / math.Sqrt(sq); sim >= profileLow-1e-12 {
				found = append(found, close{d, sim})
			}
		}
	}
	if most := max(profileMinList, e.ix.Len()/profileShare); len(found) > most {
		slices.SortStableFunc(found, func(a, b close) int { return cmp.Compare(b.sim, a.sim) })
		least := found[most-1].sim
		keep := found[:0]
		for _, c := range found {
			if c.sim >= least {
				keep = append(keep, c)
			}
		}
		slices.SortFunc(keep, func(a, b close) int { return a.doc - b.doc })
		found = keep[:min(len(keep), most)]
	}
	out := map[int]float64{}
	for _, c := range found {
		out[c.doc] = min1((c.sim - profileLow) / (profileHigh - profileLow))
	}
	refProfiles[refKey{e, key}] = out
	return out
}

// profileReference's caches: each engine's items' weighted term
// frequencies, and each profile's closeness.
type refKey struct {
	e   *engine
	key string
}

var (
	refMu       sync.Mutex
	refTF       = map[*engine][]map[string]float64{}
	refProfiles = map[refKey]map[int]float64{}
)
