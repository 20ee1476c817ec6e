package store

import (
	"context"
	"fmt"
	"io"
	"math/rand"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/knowflow/knowflow/model"
)

// pruneBenchItems is the size of BenchmarkPruneRead's database: it prunes
// half of them.
const pruneBenchItems = 200_000

// pruneBenchGen versions what pruneBenchDB writes: change it when the
// generator changes, so that a cached database is made again.
const pruneBenchGen = 2

// BenchmarkPruneRead prunes 100,000 read items of a database of 200,000
// (made with auto_vacuum=INCREMENTAL, about 5 KB of text an item, like a
// real one), with no pause between transactions, and gives the space
// back. The database is made once (a minute or two) and kept in
// $TMPDIR/knowflow-bench (KF_BENCH_DIR elsewhere); each run prunes a copy.
//
//	go test ./model/store -run '^$' -bench PruneRead -benchtime 1x
func BenchmarkPruneRead(b *testing.B) {
	src := pruneBenchDB(b)
	ctx := context.Background()
	for i := 0; i < b.N; i++ {
		b.StopTimer()
		path := filepath.Join(b.TempDir(), "prune.db")
		copyFile(b, src, path)
		s, err := Open(path)
		if err != nil {
			b.Fatal(err)
		}
		fileBefore := dbBytes(path)
		b.StartTimer()
		start := time.Now() // wall clock: elapsed time only
		last := start
		var batches []time.Duration
		st, err := s.PruneRead(ctx, PruneOptions{Before: pruneCutoff, Now: pruneNow, Pause: -1, afterBatch: func() {
			batches = append(batches, time.Since(last)) // wall clock: elapsed time only
			last = time.Now()                           // wall clock: elapsed time only
		}})
		took := time.Since(start) // wall clock: elapsed time only
		b.StopTimer()
		if err != nil {
			b.Fatal(err)
		}
		if err := s.Close(); err != nil {
			b.Fatal(err)
		}
		fileAfter := dbBytes(path)
		b.ReportMetric(took.Seconds(), "s/prune")
		b.ReportMetric(float64(st.Items), "items")
		b.ReportMetric(ms(st.Longest), "ms/longest-tx")
		slices.Sort(batches)
		p50, p95 := batches[len(batches)/2], batches[len(batches)*95/100]
		b.ReportMetric(ms(p95), "ms/p95-batch")
		b.ReportMetric(float64(fileBefore)/1e6, "MB-before")
		b.ReportMetric(float64(fileAfter)/1e6, "MB-after")
		b.Logf("batches of %d: p50 %.1f ms, p95 %.1f ms, max %.1f ms", DefaultPruneBatch, ms(p50), ms(p95), ms(batches[len(batches)-1]))
		b.Logf("pruned %d of %d items (%d kept for a star) in %v: %d transactions, the longest %.1f ms; "+
			"vacuum %v; file %d MB → %d MB (database %d MB → %d MB, %d MB free)",
			st.Items, pruneBenchItems, st.Kept, took.Round(time.Millisecond), st.Batches, ms(st.Longest),
			st.Vacuumed.Round(time.Millisecond), fileBefore>>20, fileAfter>>20, st.SizeBefore>>20, st.SizeAfter>>20, st.FreeAfter>>20)
		b.StartTimer()
	}
}

func copyFile(tb testing.TB, from, to string) {
	tb.Helper()
	in, err := os.Open(from)
	if err != nil {
		tb.Fatal(err)
	}
	defer in.Close()
	out, err := os.OpenFile(to, os.O_WRONLY|os.O_CREATE|os.O_TRUNC, 0o600)
	if err != nil {
		tb.Fatal(err)
	}
	if _, err := io.Copy(out, in); err != nil {
		tb.Fatal(err)
	}
	// On disk before the timing starts: else the first checkpoint's
	// fsync writes the whole copy.
	if err := out.Sync(); err != nil {
		tb.Fatal(err)
	}
	if err := out.Close(); err != nil {
		tb.Fatal(err)
	}
}

// pruneBenchDB returns the path of BenchmarkPruneRead's database, making
// it when missing (cachedBenchDB).
func pruneBenchDB(b *testing.B) string {
	return cachedBenchDB(b, fmt.Sprintf("prune-%dk-g%d.db", pruneBenchItems/1000, pruneBenchGen), fillPruneDB)
}

// fillPruneDB stores pruneBenchItems items in 200 sources, about 2.4 KB of
// text and as much HTML each. The first half came on oldFetch and were
// all read the day after (one in a thousand starred); the second half
// came on recentFetch and half of them are read. The search index takes
// each item's title and its first 60 words (analysis skipped: the words
// are plain lower-case ASCII already), so it is smaller than a real
// one's.
func fillPruneDB(b *testing.B, s *Store) {
	ctx := context.Background()
	const nSources, perTx = 200, 1000
	srcs := benchSources(b, s, nSources)
	rnd := rand.New(rand.NewSource(7))
	vocab := make([]string, 20_000)
	for i := range vocab {
		var w strings.Builder
		for k := 3 + rnd.Intn(6); k > 0; k-- {
			w.WriteByte(byte('a' + rnd.Intn(26)))
		}
		vocab[i] = w.String()
	}
	zipf := rand.NewZipf(rnd, 1.07, 2, uint64(len(vocab)-1))
	words := func(n int) []string {
		w := make([]string, n)
		for i := range w {
			w[i] = vocab[zipf.Uint64()]
		}
		return w
	}
	for done := 0; done < pruneBenchItems; done += perTx {
		at := oldFetch
		if done >= pruneBenchItems/2 {
			at = recentFetch
		}
		var results []FetchResult
		for k := 0; k < perTx; k++ {
			n := done + k
			src := srcs[n%nSources]
			if k < nSources {
				results = append(results, FetchResult{SourceID: src.ID, CheckedAt: at})
			}
			r := &results[n%nSources]
			body := words(330)
			text := strings.Join(body, " ")
			title := strings.Join(words(6), " ")
			r.Items = append(r.Items, model.Item{
				GUID: fmt.Sprintf("g%d", n), DedupeKey: fmt.Sprintf("guid:g%d", n), Hash: fmt.Sprint(n),
				Link: fmt.Sprintf("https://s%d.example/post/%d", src.ID, n), Title: title,
				ContentHTML: "<p>" + text + "</p>", Text: text,
				Published: at.Add(-time.Duration(n) * time.Second),
			})
			r.search = append(r.search, searchDoc{title: title, body: strings.Join(body[:60], " ")})
		}
		if _, err := s.SaveFetches(ctx, results); err != nil {
			b.Fatal(err)
		}
		if (done+perTx)%50_000 == 0 {
			b.Logf("stored %d items", done+perTx)
		}
	}
	for _, q := range []string{
		fmt.Sprintf(`UPDATE items SET read = 1, read_at = fetched_at + 86400 WHERE fetched_at = %d OR id %% 2 = 0`, oldFetch.Unix()),
		`UPDATE items SET starred = 1 WHERE id % 1000 = 1`,
	} {
		if _, err := s.db.ExecContext(ctx, q); err != nil {
			b.Fatal(err)
		}
	}
}
