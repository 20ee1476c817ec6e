package store

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"strconv"
	"testing"
	"time"

	"github.com/knowflow/knowflow/model"
	"github.com/knowflow/knowflow/model/analysis"
	"github.com/knowflow/knowflow/model/assoc"
)

// BenchmarkLearnProfiles learns the profiles of 3,000 contacts' interests
// (1,000 distinct: the generator's topic words, alone and in pairs) over
// a store of 100,000 items of ~1 KB (KNOWFLOW_PROFILE_ITEMS to change),
// as a first LearnProfiles does: the latest profileBackfill items for
// every interest new to the store. It reports the time, the peak of the
// Go heap and stacks, the database growth and how long Profiles takes
// to read them all for the engine's input.
func BenchmarkLearnProfiles(b *testing.B) {
	nItems := 100_000
	if v, err := strconv.Atoi(os.Getenv("KNOWFLOW_PROFILE_ITEMS")); err == nil && v > 0 {
		nItems = v
	}
	ctx := context.Background()
	path := filepath.Join(b.TempDir(), "profiles.db")
	s, err := Open(path)
	if err != nil {
		b.Fatal(err)
	}
	defer s.Close()
	gen := storeAssocItems(b, s, nItems)
	// Profiles read the associations' document frequencies.
	if _, err := s.LearnAssociations(ctx); err != nil {
		b.Fatal(err)
	}
	// 1,000 distinct interests over 3,000 contacts.
	var interests []string
	for i, t := range gen.topics {
		for j := 0; j < 25 && len(interests) < 1000; j++ {
			w := t[j]
			if j%2 == 1 {
				w += " " + gen.topics[(i+j)%len(gen.topics)][j+1]
			}
			interests = append(interests, w)
		}
	}
	for i := 0; i < 3000; i++ {
		c := model.Contact{Name: fmt.Sprintf("Person %d", i), Circles: []model.Circle{model.CircleTeam}}
		for k := 0; k < 3; k++ {
			c.Interests = append(c.Interests, interests[(i*3+k)%len(interests)])
		}
		if _, err := s.SaveContact(ctx, c); err != nil {
			b.Fatal(err)
		}
	}
	if _, err := s.db.ExecContext(ctx, `PRAGMA wal_checkpoint(TRUNCATE)`); err != nil {
		b.Fatal(err)
	}
	before := dbBytes(path)

	runtime.GC()
	var n int
	heapPeak := heapPeakOf(b, func() (err error) {
		n, err = s.LearnProfiles(ctx)
		return err
	})
	if _, err := s.db.ExecContext(ctx, `PRAGMA wal_checkpoint(TRUNCATE)`); err != nil {
		b.Fatal(err)
	}
	growth := dbBytes(path) - before

	contacts, err := s.Contacts(ctx, ContactFilter{})
	if err != nil {
		b.Fatal(err)
	}
	var keys []string
	for _, terms := range analysis.Interests(contacts) {
		keys = append(keys, assoc.ProfileKey(terms))
	}
	t0 := time.Now() // wall clock: elapsed time only
	ps, err := s.Profiles(ctx, keys)
	lat := time.Since(t0) // wall clock: elapsed time only
	if err != nil {
		b.Fatal(err)
	}
	b.ReportMetric(float64(n), "items-read")
	b.ReportMetric(float64(len(keys)), "interests")
	b.ReportMetric(float64(len(ps)), "profiles")
	b.ReportMetric(float64(heapPeak)/1e6, "peak-heap-MB")
	b.ReportMetric(float64(growth)/1e6, "db-growth-MB")
	b.ReportMetric(float64(lat.Milliseconds()), "read-ms")
	b.Logf("learned %d interests' profiles over the latest %d of %d items: peak heap %.0f MB, database +%.1f MB; Profiles read %d of them in %v",
		len(keys), n, nItems, float64(heapPeak)/1e6, float64(growth)/1e6, len(ps), lat.Round(time.Millisecond))
}
