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

// keystrokeItems is the size of the database BenchmarkSearchKeystroke
// searches: the 500,000 items.
const keystrokeItems = 500_000

// keystrokePage is the page the Seek list asks for (ui.itemPageSize).
const keystrokePage = 100

// BenchmarkSearchKeystroke measures what the Seek list runs when the user
// pauses in typing (ItemsPage: the capped count and the first page of
// matches) over 500,000 items, for each prefix of "community" a user
// types on the way, two-word queries, quoted phrases (checked against
// the items' text) and searches within the Unread view and within one
// source of 500 (target: <= 50 ms each); and what it runs
// to open a view (the first page with its count) and to scroll (a page
// 400,000 items down, by keyset). The database is made once (a few
// minutes) and kept in $TMPDIR/knowflow-bench (KF_BENCH_DIR elsewhere);
// an older schema there is migrated on open, and the migration's time is
// logged. It ignores b.N: each case runs once to warm the cache and then
// keystrokeRuns times, and the median is reported as "<case>-ms".
func BenchmarkSearchKeystroke(b *testing.B) {
	path := keystrokeDB(b)
	start := time.Now() // wall clock: elapsed time only
	s, err := Open(path)
	if err != nil {
		b.Fatal(err)
	}
	defer s.Close()
	b.Logf("opened %s in %v (schema %d)", path, time.Since(start).Round(time.Millisecond), SchemaVersion()) // wall clock: elapsed time only
	ctx := context.Background()
	var deep Cursor
	if err := s.db.QueryRowContext(ctx, `SELECT published_at, id FROM items ORDER BY published_at DESC, id DESC LIMIT 1 OFFSET 400000`).
		Scan(&deep.Published, &deep.ID); err != nil {
		b.Fatal(err)
	}
	type benchCase struct {
		name string
		f    ItemFilter
	}
	var cases []benchCase
	for _, q := range []string{"c", "co", "com", "comm", "commu", "community", "community ", "community p", "community practice",
		"remote onboarding", `"knowledge learning"`, `"community practice"`, "zzzq"} {
		cases = append(cases, benchCase{q, ItemFilter{Query: q}})
	}
	cases = append(cases,
		benchCase{"unread c", ItemFilter{Query: "c", Unread: true}},
		benchCase{"source c", ItemFilter{Query: "c", SourceID: 7}},
		benchCase{"source community", ItemFilter{Query: "community", SourceID: 7}},
		benchCase{"source", ItemFilter{SourceID: 7}},
		benchCase{"list", ItemFilter{}},
		benchCase{"unread", ItemFilter{Unread: true}},
		benchCase{"list 400000 down", ItemFilter{After: deep}})
	const keystrokeRuns = 5
	b.ResetTimer()
	for _, c := range cases {
		var lat []time.Duration
		var p Page
		c.f.Limit = keystrokePage
		for r := 0; r <= keystrokeRuns; r++ {
			t0 := time.Now() // wall clock: elapsed time only
			if c.f.After.ID != 0 {
				p.Items, err = s.Items(ctx, c.f)
			} else {
				p, err = s.ItemsPage(ctx, c.f)
			}
			if err != nil {
				b.Fatal(err)
			}
			if r > 0 {
				lat = append(lat, time.Since(t0)) // wall clock: elapsed time only
			}
		}
		sort.Slice(lat, func(i, j int) bool { return lat[i] < lat[j] })
		med := lat[len(lat)/2]
		b.Logf("%-22q %8.1f ms (max %6.1f) %6d counted (capped %v), %3d shown", c.name, ms(med), ms(lat[len(lat)-1]), p.Total, p.Capped, len(p.Items))
		b.ReportMetric(ms(med), strings.ReplaceAll(c.name, " ", "_")+"-ms")
	}
}

func ms(d time.Duration) float64 { return float64(d.Microseconds()) / 1000 }

// keystrokeGen versions what keystrokeDB writes: change it when the
// generator changes, so that a cached database is made again.
const keystrokeGen = 1

// keystrokeDB returns the path of a database of keystrokeItems items,
// making it when missing (cachedBenchDB).
func keystrokeDB(b *testing.B) string {
	return cachedBenchDB(b, fmt.Sprintf("keystroke-%dk-g%d.db", keystrokeItems/1000, keystrokeGen), fillKeystrokeDB)
}

// cachedBenchDB returns the path of the benchmark database name under
// $KF_BENCH_DIR (default $TMPDIR/knowflow-bench), making it with fill
// when missing. Made under a temporary name and renamed when complete, so
// an interrupted run leaves nothing that looks finished.
func cachedBenchDB(b *testing.B, name string, fill func(*testing.B, *Store)) string {
	dir := os.Getenv("KF_BENCH_DIR")
	if dir == "" {
		dir = filepath.Join(os.TempDir(), "knowflow-bench")
	}
	if err := os.MkdirAll(dir, 0o700); err != nil {
		b.Fatal(err)
	}
	path := filepath.Join(dir, name)
	if _, err := os.Stat(path); err == nil {
		return path
	}
	tmp := path + ".making"
	for _, p := range []string{tmp, tmp + "-wal", tmp + "-shm"} {
		os.Remove(p)
	}
	start := time.Now() // wall clock: elapsed time only
	s, err := Open(tmp)
	if err != nil {
		b.Fatal(err)
	}
	fill(b, s)
	if err := s.Close(); err != nil {
		b.Fatal(err)
	}
	if err := os.Rename(tmp, path); err != nil {
		b.Fatal(err)
	}
	fi, _ := os.Stat(path)
	b.Logf("made %s (%d MB) in %v", path, fi.Size()>>20, time.Since(start).Round(time.Second)) // wall clock: elapsed time only
	return path
}

// fillKeystrokeDB stores keystrokeItems items in 500 sources, about 200
// words each drawn by Zipf's law from the topic words then 30,000 made-up
// words shaped like English ones (so that prefixes spread as they do in
// real text), published a few minutes apart over about four years, some
// at the same second. The search terms are analysed on the other core
// while the writer stores the previous batch, as in a refresh.
func fillKeystrokeDB(b *testing.B, s *Store) {
	ctx := context.Background()
	const nSources, perBatch = 500, 2000
	srcs := benchSources(b, s, nSources)
	rnd := rand.New(rand.NewSource(12))
	vocab := append([]string(nil), benchWords...)
	seen := map[string]bool{}
	for _, w := range vocab {
		seen[w] = true
	}
	onsets := strings.Fields("b c d f g h j k l m n p r s t v w st tr pr br cl gr pl sh ch th")
	vowels := strings.Fields("a e i o u ea ou io ai")
	codas := []string{"", "", "n", "r", "s", "t", "l", "m", "nd", "st", "ng", "ct", "nt"}
	for len(vocab) < 30_000 {
		var w strings.Builder
		for k := 1 + rnd.Intn(3); k >= 0; k-- {
			w.WriteString(onsets[rnd.Intn(len(onsets))])
			w.WriteString(vowels[rnd.Intn(len(vowels))])
		}
		w.WriteString(codas[rnd.Intn(len(codas))])
		if !seen[w.String()] {
			seen[w.String()] = true
			vocab = append(vocab, w.String())
		}
	}
	zipf := rand.NewZipf(rnd, 1.07, 2, uint64(len(vocab)-1))
	words := func(n int) string {
		w := make([]string, n)
		for i := range w {
			w[i] = vocab[zipf.Uint64()]
		}
		return strings.Join(w, " ")
	}
	published := time.Date(2022, 12, 1, 0, 0, 0, 0, time.UTC).Unix()
	batches := make(chan []FetchResult, 1)
	go func() {
		defer close(batches)
		for done := 0; done < keystrokeItems; done += perBatch {
			bySource := map[int]int{} // source → index in results
			var results []FetchResult
			for k := 0; k < perBatch; k++ {
				if rnd.Intn(10) > 0 { // one in ten at the same second as the one before
					published += int64(rnd.Intn(500))
				}
				src := rnd.Intn(nSources)
				i, ok := bySource[src]
				if !ok {
					i = len(results)
					results = append(results, FetchResult{SourceID: srcs[src].ID, CheckedAt: fetchedAt})
					bySource[src] = i
				}
				r := &results[i]
				n := done + k
				text := words(100 + rnd.Intn(200))
				r.Items = append(r.Items, model.Item{
					GUID: fmt.Sprintf("g%d", n), DedupeKey: fmt.Sprintf("guid:g%d", n), Hash: fmt.Sprint(n),
					Link: fmt.Sprintf("https://s%d.example/post/%d", src, n), Title: words(4 + rnd.Intn(8)),
					Author: "Ada Lovelace", ContentHTML: "<p>" + text + "</p>", Text: text, Categories: []string{words(1), words(1)},
					Published: time.Unix(published, 0),
				})
			}
			for i := range results {
				results[i].PrepareSearch()
			}
			batches <- results
		}
	}()
	stored := 0
	for results := range batches {
		// Many small transactions, as refreshes make them.
		for i := 0; i < len(results); i += 50 {
			if _, err := s.SaveFetches(ctx, results[i:min(i+50, len(results))]); err != nil {
				b.Fatal(err)
			}
		}
		for _, r := range results {
			stored += len(r.Items)
		}
		if stored%100_000 == 0 {
			b.Logf("stored %d items", stored)
		}
	}
}
