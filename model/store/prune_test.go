package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"os"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/knowflow/knowflow/model"
)

// The prune tests' calendar: items arrive on 10 January 2026 (old) or 20
// November 2026 (recent); they are pruned on 26 November 2026 with
// "3 months" (cutoff 26 August 2026).
var (
	oldFetch    = time.Date(2026, 1, 10, 8, 0, 0, 0, time.UTC)
	recentFetch = time.Date(2026, 11, 20, 8, 0, 0, 0, time.UTC)
	pruneNow    = time.Date(2026, 11, 26, 12, 0, 0, 0, time.UTC)
	pruneCutoff = pruneNow.AddDate(0, -3, 0)
)

// clockAt makes the store stamp reads with t.
func clockAt(s *Store, t time.Time) { s.SetClock(func() time.Time { return t }) }

// fetchAt stores items as one fetch of src at t and returns their ids by
// dedupe key.
func fetchAt(t *testing.T, s *Store, src int64, at time.Time, items ...model.Item) SaveStats {
	t.Helper()
	stats, err := s.SaveFetches(context.Background(), []FetchResult{{SourceID: src, CheckedAt: at, Items: items}})
	if err != nil {
		t.Fatal(err)
	}
	return stats[0]
}

func idOf(t *testing.T, s *Store, key string) int64 {
	t.Helper()
	var id int64
	if err := s.db.QueryRow(`SELECT id FROM items WHERE dedupe_key = ?`, key).Scan(&id); err != nil {
		t.Fatalf("item %s: %v", key, err)
	}
	return id
}

func itemKeys(t *testing.T, s *Store) []string {
	t.Helper()
	keys, err := queryColumn[string](context.Background(), s.db, `SELECT dedupe_key FROM items ORDER BY dedupe_key`)
	if err != nil {
		t.Fatal(err)
	}
	return keys
}

// searchKeys lists the dedupe keys of the items a search finds.
func searchKeys(t *testing.T, s *Store, q string) []string {
	t.Helper()
	items, err := s.Items(context.Background(), ItemFilter{Query: q})
	if err != nil {
		t.Fatalf("search %q: %v", q, err)
	}
	var keys []string
	for _, it := range items {
		keys = append(keys, it.DedupeKey)
	}
	slices.Sort(keys)
	return keys
}

// checkConsistent fails unless the database and its search index pass
// their integrity checks and the index holds exactly the items.
func checkConsistent(t *testing.T, s *Store) {
	t.Helper()
	ctx := context.Background()
	r, err := s.Check(ctx)
	if err != nil || !r.OK() {
		t.Fatalf("check = %+v, %v", r, err)
	}
	if _, err := s.db.Exec(`INSERT INTO items_search (items_search) VALUES ('integrity-check')`); err != nil {
		t.Fatalf("search index integrity: %v", err)
	}
	var fk int
	if err := s.db.QueryRow(`SELECT count(*) FROM pragma_foreign_key_check`).Scan(&fk); err != nil || fk != 0 {
		t.Fatalf("foreign key check: %d rows, %v", fk, err)
	}
	// Every item's source term is in the index, and nothing else.
	var items, indexed int
	s.db.QueryRow(`SELECT count(*) FROM items`).Scan(&items)
	if err := s.db.QueryRow(`SELECT coalesce(sum(doc), 0) FROM items_search_vocab WHERE term LIKE '\_s%' ESCAPE '\'`).Scan(&indexed); err != nil {
		t.Fatal(err)
	}
	if items != indexed {
		t.Fatalf("%d items, %d in the search index", items, indexed)
	}
}

// pruneFixture is a source with old and recent items in every state.
func pruneFixture(t *testing.T, s *Store) (src model.Source) {
	t.Helper()
	ctx := context.Background()
	src, _ = seedSources(t, s)
	it := func(key, title string) model.Item {
		return item(key, title, "notes about "+title+" and remote work")
	}
	fetchAt(t, s, src.ID, oldFetch,
		it("old-read-1", "zebra one"), it("old-read-2", "zebra two"), it("old-read-3", "zebra three"),
		it("old-read-4", "zebra four"), it("old-read-5", "zebra five"),
		it("old-unread", "giraffe unread"), it("old-starred", "giraffe starred"), it("old-noted", "giraffe noted"),
		it("old-shared", "giraffe shared"), it("old-dismissed", "giraffe dismissed"),
		it("old-read-lately", "giraffe lately"))
	fetchAt(t, s, src.ID, recentFetch, it("recent-read", "giraffe recent"))

	clockAt(s, oldFetch.Add(24*time.Hour)) // read the day after they came
	for _, k := range []string{"old-read-1", "old-read-2", "old-read-3", "old-starred", "old-noted", "old-shared", "old-dismissed"} {
		if err := s.SetRead(ctx, idOf(t, s, k), true); err != nil {
			t.Fatal(err)
		}
	}
	// Marked read all at once, by "All read" on a search.
	if n, err := s.MarkAllRead(ctx, ItemFilter{Query: "zebra"}); err != nil || n != 2 {
		t.Fatalf("mark all read = %d, %v", n, err)
	}
	clockAt(s, pruneNow.Add(-24*time.Hour)) // read yesterday
	for _, k := range []string{"old-read-lately", "recent-read"} {
		if err := s.SetRead(ctx, idOf(t, s, k), true); err != nil {
			t.Fatal(err)
		}
	}
	if err := s.SetStarred(ctx, idOf(t, s, "old-starred"), true); err != nil {
		t.Fatal(err)
	}
	if err := s.SetNote(ctx, idOf(t, s, "old-noted"), "why this matters"); err != nil {
		t.Fatal(err)
	}
	c, err := s.SaveContact(ctx, model.Contact{Name: "Ada", Circles: []model.Circle{model.CircleTeam}})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.RecordShare(ctx, model.Share{ItemID: idOf(t, s, "old-shared"), ContactID: c, SharedAt: oldFetch.Add(48 * time.Hour)}); err != nil {
		t.Fatal(err)
	}
	if err := s.SaveFeedback(ctx, model.Feedback{ItemID: idOf(t, s, "old-dismissed"), ContactID: c,
		Verdict: model.VerdictDismissed, At: oldFetch.Add(48 * time.Hour)}); err != nil {
		t.Fatal(err)
	}
	return src
}

var keptKeys = []string{"old-dismissed", "old-noted", "old-read-lately", "old-shared", "old-starred", "old-unread", "recent-read"}

func TestPruneReadKeepsStarredNotedSharedAndRecent(t *testing.T) {
	s, _ := openTemp(t)
	ctx := context.Background()
	pruneFixture(t, s)
	if got := searchKeys(t, s, "zebra"); len(got) != 5 {
		t.Fatalf("before pruning zebra finds %v", got)
	}

	dry, err := s.PruneRead(ctx, PruneOptions{Before: pruneCutoff, Now: pruneNow, DryRun: true})
	if err != nil {
		t.Fatal(err)
	}
	if dry.Items != 5 || dry.Kept != 3 || dry.TextBytes == 0 {
		t.Errorf("dry run = %+v, want 5 items, 3 kept", dry)
	}
	if got := itemKeys(t, s); len(got) != 12 {
		t.Fatalf("a dry run deleted items: %v", got)
	}

	st, err := s.PruneRead(ctx, PruneOptions{Before: pruneCutoff, Now: pruneNow, Batch: 2, Pause: -1})
	if err != nil {
		t.Fatal(err)
	}
	if st.Items != 5 || st.Batches != 3 || st.Kept != 3 || st.TextBytes != dry.TextBytes {
		t.Errorf("prune = %+v, want 5 items in 3 batches, 3 kept, %d bytes", st, dry.TextBytes)
	}
	if got := itemKeys(t, s); !slices.Equal(got, keptKeys) {
		t.Errorf("after pruning items = %v\nwant %v", got, keptKeys)
	}
	// The search index lost the pruned items' terms and kept the others'.
	for q, want := range map[string][]string{
		"zebra": nil, "zeb": nil, "ze": nil, `"zebra one"`: nil,
		"giraffe": {"old-dismissed", "old-noted", "old-read-lately", "old-shared", "old-starred", "old-unread", "recent-read"},
		"gir":     {"old-dismissed", "old-noted", "old-read-lately", "old-shared", "old-starred", "old-unread", "recent-read"},
		"remote":  keptKeys,
	} {
		if got := searchKeys(t, s, q); !slices.Equal(got, want) {
			t.Errorf("search %q = %v, want %v", q, got, want)
		}
	}
	var vocab int
	s.db.QueryRow(`SELECT count(*) FROM items_search_vocab WHERE term LIKE 'zebra%'`).Scan(&vocab)
	if vocab != 0 {
		t.Errorf("the vocabulary still lists zebra (%d terms)", vocab)
	}
	checkConsistent(t, s)
	// The note, share and verdict are where they were.
	r, _ := s.Check(ctx)
	if r.Counts["notes"] != 1 || r.Counts["shares"] != 1 || r.Counts["suggestion_feedback"] != 2 {
		t.Errorf("counts after pruning = %v", r.Counts)
	}

	// Nothing more to do: a second run prunes nothing.
	if st, err := s.PruneRead(ctx, PruneOptions{Before: pruneCutoff, Now: pruneNow, Pause: -1}); err != nil || st.Items != 0 || st.Batches != 0 {
		t.Errorf("second prune = %+v, %v", st, err)
	}
}

func TestPruneReadListsByTheIndex(t *testing.T) {
	s, _ := openTemp(t)
	rows, err := s.db.Query(`EXPLAIN QUERY PLAN SELECT i.id FROM items i WHERE `+prunable+` LIMIT 500`, 0)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var plan []string
	for rows.Next() {
		var id, parent, unused int
		var detail string
		if err := rows.Scan(&id, &parent, &unused, &detail); err != nil {
			t.Fatal(err)
		}
		plan = append(plan, detail)
	}
	if !strings.Contains(strings.Join(plan, "\n"), "items_read_age") {
		t.Errorf("the prune query does not use items_read_age:\n%s", strings.Join(plan, "\n"))
	}
}

func TestPruneReadDoesNotBringPrunedItemsBack(t *testing.T) {
	s, _ := openTemp(t)
	ctx := context.Background()
	src := pruneFixture(t, s)
	if _, err := s.PruneRead(ctx, PruneOptions{Before: pruneCutoff, Now: pruneNow, Pause: -1}); err != nil {
		t.Fatal(err)
	}
	var pruned int
	s.db.QueryRow(`SELECT count(*) FROM pruned_items`).Scan(&pruned)
	if pruned != 5 {
		t.Fatalf("%d pruned keys remembered, want 5", pruned)
	}
	// The feed still lists two pruned items (one changed since), and a new one.
	later := pruneNow.Add(3 * 24 * time.Hour)
	stats := fetchAt(t, s, src.ID, later,
		item("old-read-1", "zebra one", "notes about zebra one and remote work"),
		item("old-read-2", "zebra two, edited", "changed"),
		item("fresh", "okapi", "a new post"))
	if stats.New != 1 || stats.Updated != 0 {
		t.Errorf("refresh after pruning = %+v, want 1 new", stats)
	}
	want := append([]string{"fresh"}, keptKeys...)
	slices.Sort(want)
	if got := itemKeys(t, s); !slices.Equal(got, want) {
		t.Errorf("after the refresh items = %v\nwant %v", got, want)
	}
	if got := searchKeys(t, s, "zebra"); got != nil {
		t.Errorf("zebra found again: %v", got)
	}
	// Listed again: remembered from then on.
	var seen int64
	s.db.QueryRow(`SELECT seen_at FROM pruned_items WHERE dedupe_key = 'old-read-1'`).Scan(&seen)
	if seen != later.Unix() {
		t.Errorf("seen_at = %v, want the refresh's %v", time.Unix(seen, 0).UTC(), later)
	}
	checkConsistent(t, s)

	// A year on, the keys no feed listed since are forgotten; the others stay.
	st, err := s.PruneRead(ctx, PruneOptions{Before: pruneCutoff, Now: pruneNow.Add(PrunedKeyTTL + time.Hour), Pause: -1})
	if err != nil {
		t.Fatal(err)
	}
	keys, _ := queryColumn[string](ctx, s.db, `SELECT dedupe_key FROM pruned_items ORDER BY 1`)
	if st.Forgotten != 3 || !slices.Equal(keys, []string{"old-read-1", "old-read-2"}) {
		t.Errorf("forgot %d, remembered %v; want 3 forgotten, old-read-1 and -2 remembered", st.Forgotten, keys)
	}
	// Removing the source forgets its keys too.
	if _, err := s.RemoveSource(ctx, src.ID); err != nil {
		t.Fatal(err)
	}
	s.db.QueryRow(`SELECT count(*) FROM pruned_items`).Scan(&pruned)
	if pruned != 0 {
		t.Errorf("%d pruned keys outlive their source", pruned)
	}
}

func TestPruneReadStopsBetweenBatchesWhenCancelled(t *testing.T) {
	s, _ := openTemp(t)
	pruneFixture(t, s)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	st, err := s.PruneRead(ctx, PruneOptions{Before: pruneCutoff, Now: pruneNow, Batch: 2, Pause: -1, afterBatch: cancel})
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("cancelled prune = %+v, %v; want context.Canceled", st, err)
	}
	if st.Items != 2 || st.Batches != 1 {
		t.Errorf("cancelled after the first batch: %+v", st)
	}
	// The first batch is committed whole: its items gone, their keys remembered.
	var items, pruned int
	s.db.QueryRow(`SELECT count(*) FROM items`).Scan(&items)
	s.db.QueryRow(`SELECT count(*) FROM pruned_items`).Scan(&pruned)
	if items != 10 || pruned != 2 {
		t.Errorf("after a cancelled prune: %d items, %d pruned keys; want 10 and 2", items, pruned)
	}
	checkConsistent(t, s)
	// The next run finishes the work.
	st, err = s.PruneRead(context.Background(), PruneOptions{Before: pruneCutoff, Now: pruneNow, Pause: -1})
	if err != nil || st.Items != 3 {
		t.Errorf("resumed prune = %+v, %v; want the 3 left", st, err)
	}
	if got := itemKeys(t, s); !slices.Equal(got, keptKeys) {
		t.Errorf("after resuming items = %v", got)
	}
}

// fillBig stores n read items of about 20 KB each, fetched long ago,
// with keys made of prefix.
func fillBig(t *testing.T, s *Store, src int64, prefix string, n int) {
	t.Helper()
	body := strings.Repeat("a long post about knowledge flowing through networks ", 400)
	var items []model.Item
	for i := range n {
		items = append(items, item(fmt.Sprintf("%s-%d", prefix, i), fmt.Sprintf("big %d", i), body+fmt.Sprint(i)))
	}
	fetchAt(t, s, src, oldFetch, items...)
	clockAt(s, oldFetch)
	if _, err := s.MarkAllRead(context.Background(), ItemFilter{}); err != nil {
		t.Fatal(err)
	}
}

func fileSize(t *testing.T, path string) int64 {
	t.Helper()
	fi, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	return fi.Size()
}

func TestPruneReadGivesSpaceBackOnANewDatabase(t *testing.T) {
	s, path := openTemp(t)
	ctx := context.Background()
	src, _ := seedSources(t, s)
	fillBig(t, s, src.ID, "big", 300)
	fetchAt(t, s, src.ID, recentFetch, item("keep", "kept", "a recent post"))
	s.Close()
	before := fileSize(t, path)

	s, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	st, err := s.PruneRead(ctx, PruneOptions{Before: pruneCutoff, Now: pruneNow, Pause: -1})
	if err != nil {
		t.Fatal(err)
	}
	if !st.Incremental || st.Items != 300 {
		t.Fatalf("prune = %+v, want 300 items on an incremental database", st)
	}
	if st.SizeAfter > st.SizeBefore/4 || st.FreeAfter > st.SizeAfter/4 {
		t.Errorf("database %d → %d bytes, %d free: the space was not given back", st.SizeBefore, st.SizeAfter, st.FreeAfter)
	}
	checkConsistent(t, s)
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	after := fileSize(t, path)
	if after > before/4 {
		t.Errorf("file %d → %d bytes: it did not shrink", before, after)
	}
	t.Logf("file %d KB → %d KB", before>>10, after>>10)
}

// makeNotIncremental turns s into a database as made before migration 6
// (auto_vacuum=NONE).
func makeNotIncremental(t *testing.T, s *Store) {
	t.Helper()
	conn, err := s.db.Conn(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	for _, q := range []string{`PRAGMA auto_vacuum = NONE`, `VACUUM`} {
		if _, err := conn.ExecContext(context.Background(), q); err != nil {
			t.Fatal(err)
		}
	}
}

func TestCompactGivesBackWhatAnOldDatabaseHolds(t *testing.T) {
	s, path := openTemp(t)
	ctx := context.Background()
	makeNotIncremental(t, s)
	src, _ := seedSources(t, s)
	fillBig(t, s, src.ID, "big", 200)
	st, err := s.PruneRead(ctx, PruneOptions{Before: pruneCutoff, Now: pruneNow, Pause: -1})
	if err != nil {
		t.Fatal(err)
	}
	if st.Incremental || st.Items != 200 || st.SizeAfter != st.SizeBefore || st.FreeAfter < st.SizeAfter/2 {
		t.Fatalf("prune on an old database = %+v: want the pages kept, free", st)
	}
	before, after, err := s.Compact(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if after.Size > before.Size/4 || after.Free != 0 || !after.Incremental || before.Incremental {
		t.Errorf("compact: %+v → %+v", before, after)
	}
	checkConsistent(t, s)
	if got := fileSize(t, path); got > before.Size/4 {
		t.Errorf("file is %d bytes after compacting %d", got, before.Size)
	}
	// From now on pruning gives space back by itself.
	fillBig(t, s, src.ID, "more", 100)
	st, err = s.PruneRead(ctx, PruneOptions{Before: pruneCutoff, Now: pruneNow, Pause: -1})
	if err != nil || !st.Incremental || st.SizeAfter > st.SizeBefore/2 {
		t.Errorf("prune after compacting = %+v, %v", st, err)
	}
}

func TestNewDatabaseIsIncremental(t *testing.T) {
	s, path := openTemp(t)
	sp, err := s.Space(context.Background())
	if err != nil || !sp.Incremental {
		t.Fatalf("new database space = %+v, %v; want incremental", sp, err)
	}
	s.Close()
	// Opening it again leaves it so (and does not vacuum a database with tables).
	s2, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer s2.Close()
	var av int
	if err := s2.db.QueryRow(`PRAGMA auto_vacuum`).Scan(&av); err != nil || av != 2 {
		t.Errorf("auto_vacuum = %d, %v", av, err)
	}
	var deleteMerge int
	if err := s2.db.QueryRow(`SELECT v FROM items_search_config WHERE k = 'deletemerge'`).Scan(&deleteMerge); err != nil || deleteMerge != 0 {
		t.Errorf("search index deletemerge = %d, %v; want 0 (off)", deleteMerge, err)
	}
}

func TestReadAtFollowsTheReadFlag(t *testing.T) {
	s, _ := openTemp(t)
	ctx := context.Background()
	src, _ := seedSources(t, s)
	fetchAt(t, s, src.ID, oldFetch, item("k", "t", "x"))
	id := idOf(t, s, "k")
	readAt := func() int64 {
		var n sql.NullInt64
		s.db.QueryRow(`SELECT read_at FROM items WHERE id = ?`, id).Scan(&n)
		return n.Int64
	}
	first := oldFetch.Add(time.Hour)
	clockAt(s, first)
	s.SetRead(ctx, id, true)
	clockAt(s, first.Add(time.Hour))
	s.SetRead(ctx, id, true) // already read: stays read since first
	if got := readAt(); got != first.Unix() {
		t.Errorf("read_at = %d, want %d", got, first.Unix())
	}
	s.SetRead(ctx, id, false)
	if got := readAt(); got != 0 {
		t.Errorf("unread: read_at = %d, want 0", got)
	}
}

// A database of schema 5 (auto_vacuum NONE, no read_at) migrates: its
// read items are aged by when they were stored, and pruning it keeps the
// pages inside the file until Compact.
func TestMigration6PrunesItemsReadBefore(t *testing.T) {
	path, db := oldSchemaDB(t, 5)
	for i, q := range []string{
		`INSERT INTO items (id, source_id, dedupe_key, title, fetched_at, read) VALUES (1, 1, 'a', 'old read', ?, 1)`,
		`INSERT INTO items (id, source_id, dedupe_key, title, fetched_at, read) VALUES (2, 1, 'b', 'recent read', ?, 1)`,
		`INSERT INTO items (id, source_id, dedupe_key, title, fetched_at, read) VALUES (3, 1, 'c', 'old unread', ?, 0)`,
	} {
		at := oldFetch
		if i == 1 {
			at = recentFetch
		}
		if _, err := db.Exec(q, at.Unix()); err != nil {
			t.Fatal(err)
		}
	}
	db.Close()
	s, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	st, err := s.PruneRead(context.Background(), PruneOptions{Before: pruneCutoff, Now: pruneNow, Pause: -1})
	if err != nil {
		t.Fatal(err)
	}
	if st.Items != 1 || st.Incremental {
		t.Errorf("prune after migrating = %+v, want 1 item, not incremental", st)
	}
	if got := itemKeys(t, s); !slices.Equal(got, []string{"b", "c"}) {
		t.Errorf("items = %v, want b and c", got)
	}
	if r, err := s.Check(context.Background()); err != nil || !r.OK() {
		t.Errorf("check = %+v, %v", r, err)
	}
}
