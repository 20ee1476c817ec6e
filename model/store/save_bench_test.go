package store

import (
	"context"
	"fmt"
	"math/rand"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/knowflow/knowflow/model"
)

// BenchmarkSaveFetches measures the single writer of a refresh alone:
// storing 200 sources x 20 new items (about 2.5 KB of HTML and of text
// each, search terms prepared as the fetchers do) in batches of 20
// sources, as a first refresh does. The parsers run on the other cores;
// this is the part that cannot be spread over them.
func BenchmarkSaveFetches(b *testing.B) {
	const nSources, nItems, perBatch = 200, 20, 20
	rnd := rand.New(rand.NewSource(1))
	vocab := append([]string(nil), benchWords...)
	for i := len(vocab); i < 20000; i++ {
		vocab = append(vocab, fmt.Sprintf("w%dx", i))
	}
	zipf := rand.NewZipf(rnd, 1.07, 2, uint64(len(vocab)-1))
	words := func(n int) string {
		w := make([]string, n)
		for i := range w {
			w[i] = vocab[zipf.Uint64()]
		}
		return strings.Join(w, " ")
	}
	results := make([]FetchResult, nSources)
	var size int64
	for i := range results {
		r := FetchResult{CheckedAt: fetchedAt}
		for k := 0; k < nItems; k++ {
			text := words(330)
			it := model.Item{
				GUID: fmt.Sprintf("g-%d-%d", i, k), DedupeKey: fmt.Sprintf("guid:g-%d-%d", i, k), Hash: fmt.Sprint(rnd.Int63()),
				Link: fmt.Sprintf("https://s%d.example/post/%d", i, k), Title: words(8), Author: "Ada Lovelace",
				ContentHTML: "<p>" + text + "</p>", Text: text, Categories: []string{words(1)},
				Published: time.Date(2026, 11, 1, 0, 0, 0, 0, time.UTC).Add(-time.Duration(k) * time.Hour),
			}
			size += int64(len(it.ContentHTML) + len(it.Text))
			r.Items = append(r.Items, it)
		}
		r.PrepareSearch()
		results[i] = r
	}
	ctx := context.Background()
	b.ResetTimer()
	for n := 0; n < b.N; n++ {
		b.StopTimer()
		s, err := Open(filepath.Join(b.TempDir(), "save.db"))
		if err != nil {
			b.Fatal(err)
		}
		all := benchSources(b, s, nSources)
		for i := range results {
			results[i].SourceID = all[i].ID
		}
		b.StartTimer()
		for i := 0; i < nSources; i += perBatch {
			if _, err := s.SaveFetches(ctx, results[i:i+perBatch]); err != nil {
				b.Fatal(err)
			}
		}
		b.StopTimer()
		s.Close()
	}
	b.SetBytes(size)
	b.ReportMetric(float64(b.Elapsed().Microseconds())/float64(b.N*nSources*nItems), "µs/item")
}

// benchSources subscribes s to n sources ("Source i", one host each) and
// returns them, in ID order.
func benchSources(tb testing.TB, s *Store, n int) []model.Source {
	tb.Helper()
	ctx := context.Background()
	var srcs []model.Source
	for i := 0; i < n; i++ {
		srcs = append(srcs, model.Source{Title: fmt.Sprintf("Source %d", i), FeedURL: fmt.Sprintf("https://s%d.example/feed", i)})
	}
	if _, err := s.ImportSources(ctx, srcs); err != nil {
		tb.Fatal(err)
	}
	all, err := s.Sources(ctx)
	if err != nil {
		tb.Fatal(err)
	}
	return all
}
