package cli

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/knowflow/knowflow/model"
	"github.com/knowflow/knowflow/model/store"
)

// timedRun is one timed run of the CLI.
type timedRun struct {
	code        int
	out, errOut string
	elapsed     time.Duration
}

// TestImportDoesNotStarveOtherWriters: while `import` stores 100,000 OPML
// outlines in its one transaction, `star` and `refresh` wait for it (at
// most as long as the whole import) and succeed; before, the import took
// 11 minutes and they failed with "database is locked" after 10 s.
func TestImportDoesNotStarveOtherWriters(t *testing.T) {
	if testing.Short() || raceEnabled {
		t.Skip("measures how long writers wait beside a 100,000-outline import: not with -short or -race (the race detector makes SQLite 25 times slower); go test ./... runs it")
	}
	db := shareDB(t)
	srv := bulkyFeeds(t)
	st, err := store.Open(db)
	if err != nil {
		t.Fatal(err)
	}
	src, _, err := st.AddSource(context.Background(), model.Source{FeedURL: srv.URL + "/0.xml"})
	st.Close()
	if err != nil {
		t.Fatal(err)
	}
	file := writeOPML(t, 100_000)

	imported := make(chan timedRun, 1)
	start := time.Now() // wall clock: elapsed time only
	go func() {
		code, out, errOut := run(t, Env{}, "--db", db, "import", file)
		imported <- timedRun{code, out, errOut, time.Since(start)} // wall clock: elapsed time only
	}()
	var writes []timedRun
	var imp timedRun
	for i := 0; ; i++ {
		select {
		case imp = <-imported:
		case <-time.After(50 * time.Millisecond):
			args := []string{"--db", db, "star", "1"}
			if i%2 == 1 {
				args = []string{"--db", db, "refresh", "--source", fmt.Sprint(src.ID)}
			}
			t0 := time.Now() // wall clock: elapsed time only
			code, out, errOut := run(t, Env{}, args...)
			took := time.Since(t0) // wall clock: elapsed time only
			writes = append(writes, timedRun{code, strings.Join(args[2:], " ") + ": " + out, errOut, took})
			continue
		}
		break
	}
	if imp.code != 0 || !strings.Contains(imp.out, "100000 new sources") {
		t.Fatalf("import: %d %q %q", imp.code, imp.out, imp.errOut)
	}
	if imp.elapsed > 30*time.Second {
		t.Errorf("importing 100,000 outlines took %v", imp.elapsed)
	}
	if len(writes) < 2 {
		t.Fatalf("the import was over before the other writers ran: %v", imp.elapsed)
	}
	var longest time.Duration
	for _, w := range writes {
		longest = max(longest, w.elapsed)
		if w.code != 0 || w.elapsed > imp.elapsed+time.Second {
			t.Errorf("%s beside the import (%v): exit %d after %v: %s", w.out, imp.elapsed, w.code, w.elapsed, w.errOut)
		}
	}
	t.Logf("import: %v; %d writes beside it, the longest waited %v", imp.elapsed, len(writes), longest)
}
