package store

import (
	"context"
	"errors"
	"fmt"
	"math/rand"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/knowflow/knowflow/model"
	"github.com/knowflow/knowflow/model/store/testfs"
)

// bulkyFetch is one source's fetch of n items of about 16 KB of text each.
func bulkyFetch(src int64, n int, rnd *rand.Rand) FetchResult {
	r := FetchResult{SourceID: src, CheckedAt: fetchedAt, NextCheckAt: fetchedAt.Add(time.Hour)}
	for k := range n {
		words := make([]string, 2000)
		for i := range words {
			words[i] = fmt.Sprintf("w%d", rnd.Intn(50000))
		}
		text := strings.Join(words, " ")
		r.Items = append(r.Items, model.Item{
			DedupeKey: fmt.Sprintf("guid:%d-%d", src, k), Hash: fmt.Sprint(k), Title: fmt.Sprintf("Post %d", k),
			Link: fmt.Sprintf("https://s%d.example/%d", src, k), ContentHTML: "<p>" + text + "</p>", Text: text,
		})
	}
	return r
}

// openSmall opens a new database on a tmpfs of size bytes and returns it
// with the tmpfs's directory.
func openSmall(t *testing.T, size int64) (*Store, string) {
	t.Helper()
	dir := testfs.Small(t, size)
	s, err := Open(filepath.Join(dir, "knowflow.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s, dir
}

// TestSaveFetchesOnAFullDisk: a batch that does not fit says "disk full"
// (SQLite rolls the transaction back, which made the per-source savepoint
// report "no such savepoint: fetch"), keeps what earlier batches stored,
// and the same batch is stored once there is space again.
func TestSaveFetchesOnAFullDisk(t *testing.T) {
	s, dir := openSmall(t, 6<<20)
	ctx := context.Background()
	srcs := benchSources(t, s, 4)
	rnd := rand.New(rand.NewSource(1))
	first := []FetchResult{bulkyFetch(srcs[0].ID, 5, rnd), bulkyFetch(srcs[1].ID, 5, rnd)}
	if _, err := s.SaveFetches(ctx, first); err != nil {
		t.Fatal(err)
	}
	filler := testfs.Fill(t, dir, 64<<10)
	second := []FetchResult{bulkyFetch(srcs[2].ID, 60, rnd), bulkyFetch(srcs[3].ID, 60, rnd)}
	_, err := s.SaveFetches(ctx, second)
	if !errors.Is(err, ErrDiskFull) || !strings.Contains(err.Error(), "the disk holding "+s.Path()+" is full") ||
		strings.Contains(err.Error(), "savepoint") {
		t.Fatalf("SaveFetches on a full disk: %v", err)
	}
	items := func() int {
		rep, err := s.Check(ctx)
		if err != nil {
			t.Fatal(err)
		}
		return rep.Counts["items"]
	}
	if n := items(); n != 10 {
		t.Fatalf("after the full disk: %d items, want the first batch's 10", n)
	}
	if got, _ := s.Source(ctx, srcs[2].ID); !got.LastCheckedAt.IsZero() || got.ErrorCount != 0 {
		t.Fatalf("a source of the failed batch changed: %+v", got)
	}
	os.Remove(filler)
	if _, err := s.SaveFetches(ctx, second); err != nil {
		t.Fatalf("once there is space again: %v", err)
	}
	if n := items(); n != 130 {
		t.Fatalf("after the retry: %d items, want 130", n)
	}
}

// TestImportOnAFullDisk: an import that does not fit stores nothing and
// says so.
func TestImportOnAFullDisk(t *testing.T) {
	s, dir := openSmall(t, 2<<20)
	testfs.Fill(t, dir, 64<<10)
	var srcs []model.Source
	for i := range 20000 {
		srcs = append(srcs, model.Source{Title: fmt.Sprintf("Source %d", i), FeedURL: fmt.Sprintf("https://s%d.example/a/rather/long/feed/path", i)})
	}
	_, err := s.ImportSources(context.Background(), srcs)
	if !errors.Is(err, ErrDiskFull) || !strings.Contains(err.Error(), "nothing was imported") {
		t.Fatalf("ImportSources on a full disk: %v", err)
	}
	if got, err := s.Sources(context.Background()); err != nil || len(got) != 0 {
		t.Fatalf("after the full disk: %d sources, %v", len(got), err)
	}
}
