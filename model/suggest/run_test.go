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
