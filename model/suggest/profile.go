package suggest

import (
	"sort"
	"strings"

	"github.com/knowflow/knowflow/model/assoc"
)

// Profile bridges: an item about an interest in other words. The store
// learns, for each interest, the vocabulary of the user's own items that
// name it (assoc.ProfileOf: "hiring" → candidate, interview, recruit,
// offer, ...). An item whose words are close to that vocabulary (the
// cosine of its tf-idf vector and the profile, bm25.Index.Similar) is
// about the interest even where it never names it: "Our recruiting
// pipeline got slower" for hiring, "telecommuting" for remote work. Its
// strength grows from nothing at profileLow to full at profileHigh, and
// the bridge is worth bridgeProfile of a literal match: a bridged match
// is weaker than a literal one. "why" names the item's words that are
// closest to the profile (profileSurface).
//
// Tuned on testdata/dev-paraphrase and testdata/share with
// testdata/background as the store (the held-out fixture only measures):
// off-topic items come within 0.09 of some profile, items that say an
// interest in other words 0.1 to 0.4 of its own.

const (
	profileLow    = 0.09 // a cosine below this says nothing
	profileHigh   = 0.24 // from this cosine on, the bridge is at full strength
	bridgeProfile = 0.7  // what a full profile match is worth against a literal one
	minProfile    = 4    // the fewest profile terms the candidates must hold at all
	minProfileHit = 3    // the fewest profile terms an item must hold: one shared word is chance
	profileWhy    = 3    // the item's words "why" names
)

// profileOf is the profile of an interest of terms, nil when the store
// has none (or the candidates know too few of its terms to say).
func (e *engine) profileOf(terms []string) []assoc.Neighbour {
	p := e.in.Profiles[assoc.ProfileKey(terms)]
	known := 0
	for _, nb := range p {
		if e.ix.IDF(nb.Term) > 0 {
			known++
		}
	}
	if known < minProfile {
		return nil
	}
	return p
}

// profileBridges is the bridge of the interest of terms to its profile,
// if it has one.
func (e *engine) profileBridges(terms []string) []bridgeSpec {
	if e.profileOf(terms) == nil {
		return nil
	}
	return []bridgeSpec{{profile: assoc.ProfileKey(terms), factor: bridgeProfile}}
}

// profileList works out where the candidates are close to the profile of
// key, and the strength there.
func (e *engine) profileList(key string) *phraseList {
	p := e.in.Profiles[key]
	terms := make([]string, len(p))
	weights := make([]float64, len(p))
	for i, nb := range p {
		terms[i], weights[i] = nb.Term, nb.Weight
	}
	l := new(phraseList)
	var sims []float64
	l.docs, sims = e.ix.Similar(terms, weights, profileLow, minProfileHit)
	l.strength = make([]float64, len(sims))
	for i, s := range sims {
		l.strength[i] = min1((s - profileLow) / (profileHigh - profileLow))
	}
	return l
}

// profileSurface names the words of item i closest to the profile of
// key: its profileWhy terms that weigh most there, as the item writes
// them.
func (e *engine) profileSurface(i int, key string) string {
	type tw struct {
		t string
		w float64
	}
	var ws []tw
	for _, nb := range e.in.Profiles[key] {
		if tf := e.ix.TermFreq(nb.Term, int32(i)); tf > 0 {
			ws = append(ws, tw{nb.Term, nb.Weight * e.ix.IDF(nb.Term) * tf})
		}
	}
	sort.Slice(ws, func(a, b int) bool {
		if ws[a].w != ws[b].w {
			return ws[a].w > ws[b].w
		}
		return ws[a].t < ws[b].t
	})
	var out []string
	for _, w := range ws {
		if len(out) == profileWhy {
			break
		}
		out = append(out, strings.ToLower(e.surface(i, []string{w.t})))
	}
	return strings.Join(out, ", ")
}
