package store

import (
	"context"
	"fmt"
	"math/rand"
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
// phrase queries (target: p95 <= 20 ms).
func BenchmarkSearch(b *testing.B) {
	const nItems = 100_000
	s, err := Open(filepath.Join(b.TempDir(), "search.db"))
	if err != nil {
		b.Fatal(err)
	}
	defer s.Close()
	ctx := context.Background()
	var srcs []model.Source
	for i := 0; i < 100; i++ {
		srcs = append(srcs, model.Source{FeedURL: fmt.Sprintf("https://s%d.example/feed", i)})
	}
	if _, err := s.ImportSources(ctx, srcs); err != nil {
		b.Fatal(err)
	}
	rnd := rand.New(rand.NewSource(1))
	text := func(n int) string {
		w := make([]string, n)
		for i := range w {
			w[i] = benchWords[rnd.Intn(len(benchWords))]
		}
		return strings.Join(w, " ")
	}
	start := time.Now()
	for batch := 0; batch < 100; batch++ {
		var results []FetchResult
		for src := 1; src <= 100; src++ {
			r := FetchResult{SourceID: int64(src), CheckedAt: time.Now()}
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
	b.Logf("stored %d items in %v", nItems, time.Since(start))
	queries := []string{"onboarding", "remote onboarding", "knowl", `"community practice"`, "sqlite performance",
		"mentoring career growth", "incident", "zzz-no-match", "design review", "lead"}
	var lat []time.Duration
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		q := queries[i%len(queries)]
		t0 := time.Now()
		items, err := s.Items(ctx, ItemFilter{Query: q, Limit: 50})
		if err != nil {
			b.Fatal(err)
		}
		if _, err := s.CountItems(ctx, ItemFilter{Query: q}); err != nil {
			b.Fatal(err)
		}
		lat = append(lat, time.Since(t0))
		_ = items
	}
	b.StopTimer()
	sort.Slice(lat, func(i, j int) bool { return lat[i] < lat[j] })
	p := func(q float64) float64 { return float64(lat[int(q*float64(len(lat)-1))].Microseconds()) / 1000 }
	b.ReportMetric(p(0.50), "p50-ms")
	b.ReportMetric(p(0.95), "p95-ms")
}
