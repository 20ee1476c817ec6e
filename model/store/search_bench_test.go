package store

import (
	"context"
	"fmt"
	"math/rand"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/knowflow/knowflow/model"
)

var benchWords = strings.Fields(`knowledge learning network community practice team onboarding remote
engineering management sharing feedback mentoring documentation architecture testing release design
research writing reading curiosity serendipity cooperation collaboration trust workflow platform
database performance latency throughput golang sqlite desktop feeds reader kubernetes security privacy
incident review postmortem hiring interview career growth leadership coaching strategy product market
customer support sales finance budget planning roadmap quality accessibility usability mobile cloud`)

// BenchmarkSearch measures full-text search over 100,000 items and reports
// the 95th percentile latency of a mix of one-word, two-word, prefix and
// phrase queries (target: p95 <= 20 ms): "search" is the query that finds
// the first page (what `knowflow search` runs), "window" what the Seek
// list runs (ItemsPage: its first page of 100 and the capped count).
func BenchmarkSearch(b *testing.B) {
	const nItems = 100_000
	s, err := Open(filepath.Join(b.TempDir(), "search.db"))
	if err != nil {
		b.Fatal(err)
	}
	defer s.Close()
	ctx := context.Background()
	benchSources(b, s, 100)
	rnd := rand.New(rand.NewSource(1))
	// Words follow Zipf's law over a vocabulary of 20,000, as in real text:
	// the topic words come first, then made-up ones.
	vocab := append([]string(nil), benchWords...)
	for i := len(vocab); i < 20000; i++ {
		vocab = append(vocab, fmt.Sprintf("w%dx", i))
	}
	zipf := rand.NewZipf(rnd, 1.07, 2, uint64(len(vocab)-1))
	text := func(n int) string {
		w := make([]string, n)
		for i := range w {
			w[i] = vocab[zipf.Uint64()]
		}
		return strings.Join(w, " ")
	}
	start := time.Now() // wall clock: elapsed time only
	for batch := 0; batch < 100; batch++ {
		var results []FetchResult
		for src := 1; src <= 100; src++ {
			r := FetchResult{SourceID: int64(src), CheckedAt: fetchedAt}
			for k := 0; k < 10; k++ {
				r.Items = append(r.Items, model.Item{
					DedupeKey: fmt.Sprintf("%d-%d", batch, k), Title: text(8), Text: text(120),
					Published: time.Unix(int64(1_700_000_000+batch*1000+k), 0),
				})
			}
			results = append(results, r)
		}
		if _, err := s.SaveFetches(ctx, results); err != nil {
			b.Fatal(err)
		}
	}
	b.Logf("stored %d items in %v", nItems, time.Since(start)) // wall clock: elapsed time only
	queries := []string{"onboarding", "remote onboarding", "knowl", `"community practice"`, "sqlite performance",
		"mentoring career growth", "incident", "zzz-no-match", "design review", "lead"}
	var lat, searchLat []time.Duration
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		q := queries[i%len(queries)]
		t0 := time.Now() // wall clock: elapsed time only
		items, err := s.Items(ctx, ItemFilter{Query: q, Limit: 50})
		if err != nil {
			b.Fatal(err)
		}
		t1 := time.Now() // wall clock: elapsed time only
		searchLat = append(searchLat, t1.Sub(t0))
		p, err := s.ItemsPage(ctx, ItemFilter{Query: q, Limit: 100})
		if err != nil {
			b.Fatal(err)
		}
		n := p.Total
		lat = append(lat, time.Since(t1)) // wall clock: elapsed time only
		if i < len(queries) && os.Getenv("KF_SEARCH_DEBUG") != "" {
			b.Logf("%-25q items %v page and count %v (%d matches, %d shown)", q, t1.Sub(t0), time.Since(t1), n, len(items)) // wall clock: elapsed time only
		}
	}
	b.StopTimer()
	p := func(xs []time.Duration, q float64) float64 {
		sort.Slice(xs, func(i, j int) bool { return xs[i] < xs[j] })
		return float64(xs[int(q*float64(len(xs)-1))].Microseconds()) / 1000
	}
	b.ReportMetric(p(searchLat, 0.50), "search-p50-ms")
	b.ReportMetric(p(searchLat, 0.95), "search-p95-ms")
	b.ReportMetric(p(lat, 0.95), "window-p95-ms")
}
