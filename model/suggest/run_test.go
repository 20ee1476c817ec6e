package suggest

import (
	"reflect"
	"slices"
	"testing"
)

// Ranking side by side (rankAll: the communities, then the contacts, on
// every processor) gives exactly what ranking one at a time gives.
func TestRankAllIsOneAtATime(t *testing.T) {
	for _, in := range []Input{benchInputOf(300, 120), networkInputOf(1500, 200)} {
		var ids []int64
		for _, c := range in.Contacts {
			ids = append(ids, c.ID)
		}
		slices.Sort(ids)
		par := newEngine(in)
		ranked := par.rankAll(ids)
		seq := newEngine(in)
		for _, k := range in.Communities {
			seq.rankCommunity(k)
		}
		hits := 0
		for _, k := range in.Communities {
			want, got := seq.communityRanks[k.ID].hits, par.communityRanks[k.ID].hits
			if !reflect.DeepEqual(got, want) {
				t.Fatalf("community %d: side by side %v, one at a time %v", k.ID, got, want)
			}
			hits += len(want)
		}
		for i, id := range ids {
			c := seq.contacts[id]
			_, min, max := seq.norms(c)
			_, want := seq.rankContact(c, min, max)
			if got := ranked[i].hits; !reflect.DeepEqual(got, want) {
				t.Fatalf("contact %d: side by side %v, one at a time %v", id, got, want)
			}
			hits += len(want)
		}
		if hits == 0 {
			t.Fatal("nothing ranked: the comparison says nothing")
		}
	}
}

// A community's search merges only the lists of the interests half its
// members hold (searchNeeding): it keeps exactly what a search of every
// list keeps under the same rule, with and without a limit, for
// communities with and without such interests.
func TestSearchNeedingIsSearch(t *testing.T) {
	shared := networkInputOf(1500, 200)
	for ki := range shared.Communities {
		k := &shared.Communities[ki]
		for _, m := range k.MemberIDs[:(len(k.MemberIDs)+1)/2] {
			for ci := range shared.Contacts {
				if c := &shared.Contacts[ci]; c.ID == m {
					c.Interests = append(c.Interests, shared.Contacts[ki].Interests...)
				}
			}
		}
	}
	kept, needed := 0, 0
	for _, in := range []Input{benchInputOf(300, 120), networkInputOf(1500, 200), shared} {
		e := newEngine(in)
		for _, k := range in.Communities {
			q := e.communityQuery(k)
			need := make([]bool, q.nInterests)
			for i := range need {
				need[i] = 2*q.members[i] >= len(k.MemberIDs)
				if need[i] {
					needed++
				}
			}
			keep := func(h *hit) bool { return q.broad(*h, len(k.MemberIDs)) }
			for _, limit := range []int{0, maxPerDigest} {
				want := e.search(&q, minCommunity, limit, keep)
				got := e.searchNeeding(&q, minCommunity, limit, need, keep)
				if limit == 0 {
					e.sortHits(want)
					e.sortHits(got)
				}
				if !reflect.DeepEqual(got, want) {
					t.Fatalf("community %d, limit %d: %d hits, want %d", k.ID, limit, len(got), len(want))
				}
				kept += len(want)
			}
		}
	}
	t.Logf("%d hits kept, %d interests needed", kept, needed)
	if kept == 0 || needed == 0 {
		t.Fatalf("%d hits kept, %d interests needed: the comparison says nothing", kept, needed)
	}
}

// The communities' queries prepare keeps, made side by side with the
// contacts' before the index was sealed, are the ones made afterwards
// one at a time, sense checks included.
func TestPreparedCommunityQueries(t *testing.T) {
	for _, in := range []Input{benchInputOf(300, 120), networkInputOf(1500, 200)} {
		e := newEngine(in)
		guards := 0
		for _, k := range in.Communities {
			got := e.kQueries[k.ID]
			if got == nil {
				t.Fatalf("community %d: no query kept", k.ID)
			}
			if want := e.communityQuery(k); !reflect.DeepEqual(*got, want) {
				t.Fatalf("community %d: the query kept differs from one made now", k.ID)
			}
			for _, g := range got.guards {
				if g != nil {
					guards++
				}
			}
		}
		if guards == 0 {
			t.Fatal("no community query has a guard: the comparison says little")
		}
	}
}
