package bm25

import (
	"math"
	"math/bits"
	"reflect"
	"sync"
	"testing"

	"github.com/knowflow/knowflow/model/analysis"
	"github.com/knowflow/knowflow/model/suggest/internal/benchcorpus"
)

// "US politics" finds the US, not "tell us".
func TestSearchAcronymNotPronoun(t *testing.T) {
	us := analysis.AnalyzePhrase("US politics")
	ix := New([]Doc{{Fields: []Field{{Text: "What the US election means for politics", Weight: 1}}},
		{Fields: []Field{{Text: "Tell us: is politics broken?", Weight: 1}}}})
	m := ix.Search([]Phrase{{Terms: us, Weight: 1}})
	if len(m) == 0 || m[0].Doc != 0 {
		t.Errorf("US politics search = %+v, want the US election first", m)
	}
}

func TestRankKeys(t *testing.T) {
	r := benchcorpus.Rand(1)
	for _, n := range []int{0, 1, 5, 63, 64, 1000, 5000} {
		score := make([]float64, n)
		for d := range score {
			switch r.IntN(4) {
			case 0:
				score[d] = r.Float64() * 100
			case 1:
				score[d] = 1 + float64(r.IntN(1<<20))*1e-12 // equal in the top bits
			case 2:
				score[d] = 2.5 // ties
			default:
				score[d] = math.Ldexp(r.Float64(), r.IntN(40)-20)
			}
		}
		docBits := uint(bits.Len(uint(n)))
		var keys []uint64
		for d, s := range score {
			keys = append(keys, ^(math.Float64bits(s)>>docBits)<<docBits|uint64(d))
		}
		var buf []uint64
		mask := uint64(1)<<docBits - 1
		got := rankKeys(keys, &buf, mask, score)
		if len(got) != n {
			t.Fatalf("n=%d: %d keys back", n, len(got))
		}
		seen := map[uint64]bool{}
		for i, k := range got {
			d := k & mask
			seen[d] = true
			if i > 0 {
				p := got[i-1] & mask
				if score[p] < score[d] || score[p] == score[d] && p > d {
					t.Fatalf("n=%d: doc %d (%v) before doc %d (%v)", n, p, score[p], d, score[d])
				}
			}
		}
		if len(seen) != n {
			t.Errorf("n=%d: %d distinct docs back", n, len(seen))
		}
	}
}

func TestSearchConcurrent(t *testing.T) {
	docs, queries := smallCorpus(benchcorpus.Rand(3), 200, 40)
	ix := New(docs)
	want := make([][]Match, len(queries))
	for i, q := range queries {
		want[i] = ix.Search(q)
	}
	var wg sync.WaitGroup
	for g := 0; g < 4; g++ {
		wg.Go(func() {
			for i, q := range queries {
				if got := ix.Search(q); !reflect.DeepEqual(got, want[i]) {
					t.Errorf("concurrent search %d differs", i)
					return
				}
			}
		})
	}
	wg.Wait()
}
