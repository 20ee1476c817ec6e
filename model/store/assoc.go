package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"sort"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/knowflow/knowflow/model/analysis"
	"github.com/knowflow/knowflow/model/assoc"
	"github.com/knowflow/knowflow/model/cpus"
)

// assocAnalyzerVersion names the analysis the stored associations were
// learned with (analysis.Analyze), and what is learned with them. Bump it
// when either changes: the next LearnAssociations forgets the counts and
// learns every item again. 2: the acronyms items define (acronyms.go),
// and compounds with a stop word are one term ("on-call" is "oncal"). 3:
// "A/B" is one term, "behaviour" is "behavior", "micro-services" is
// "microservices". 4: "FOI" in capitals is an acronym, not Portuguese
// "foi"; "organizational" is "organisational".
const assocAnalyzerVersion = 4

const (
	// assocReadItems is how many items one query reads.
	assocReadItems = 256
	// assocBatchPairs and assocBatchItems bound one batch: the distinct
	// pairs counted (before the sketch admits some of them) and the items.
	// Measured on the benchmark's items (1 KB of text each), a batch
	// writes in about 40 ms, well under the 100 ms a refresh writer or
	// the reader may wait.
	assocBatchPairs = 60_000
	assocBatchItems = 400
	// assocTextBytes is how much of an item's text is analysed: about 600
	// words, more than the assoc.MaxFieldTerms (300) terms counted.
	assocTextBytes = 4096
	// assocSketchEvery: the sketch is saved with every this many batches
	// and with the last one. Cancelled or crashed in between, the
	// sightings of unstored pairs since the last save are forgotten,
	// which only delays those pairs (lossy counting allows for it).
	assocSketchEvery = 4
)

// Pruning, lossy-counting style: a pair is only stored once it was seen
// in assoc.Admit (3) documents within one epoch of assoc.Sketch, a
// count-min sketch of two-bit cells kept in assoc_state that is cleared
// whenever half full (every few thousand documents of ordinary text). Most
// pairs of real text occur once or twice and never become neighbours;
// they cost neither writes nor space. A stored pair may miss up to two
// sightings per epoch.

// LearnStats says what LearnAssociations did.
type LearnStats struct {
	Items    int           // items learned (read and counted)
	Pairs    int           // pair rows inserted or incremented
	Duration time.Duration // wall time
	MaxTx    time.Duration // longest write transaction
}

// assocState is the assoc_state row.
type assocState struct {
	analyzer, docs, lastItem int64
}

// rowQuerier is a *sql.DB or a *sql.Tx.
type rowQuerier interface {
	QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
}

func readAssocState(ctx context.Context, db rowQuerier) (assocState, error) {
	var st assocState
	err := db.QueryRowContext(ctx, `SELECT analyzer, docs, last_item FROM assoc_state WHERE id = 1`).
		Scan(&st.analyzer, &st.docs, &st.lastItem)
	return st, err
}

// assocBatch is the counts of items (lastItem-items, lastItem] of the
// items table, made outside any transaction.
type assocBatch struct {
	counts   *assoc.Counts
	defs     map[acronymDef]int // the acronyms the items define, and how often
	items    int
	lastItem int64
	final    bool // the last batch of this call
	err      error
}

// LearnAssociations learns term associations (model/assoc) from the items
// not learned yet, those with an id above the last one learned: the
// analysed terms of their title, categories and text (analysis.Analyze,
// the engine's analysis; the first assocTextBytes of the text). Items are
// read and analysed on a goroutine of their own while the previous batch
// is written, and each batch of at most assocBatchPairs pairs is written
// in its own short write transaction together with where learning stands,
// so refresh writers and the reader never wait long and what was
// committed is always consistent. Cancelling ctx stops between batches;
// the next call goes on from there. When the analysis changed
// (assocAnalyzerVersion) everything is forgotten and learned again.
//
// An item is learned once, by id: an item updated in place later keeps
// the counts of its first text, and a deleted item's counts stay.
func (s *Store) LearnAssociations(ctx context.Context) (LearnStats, error) {
	start := time.Now()
	var stats LearnStats
	fail := func(err error) (LearnStats, error) {
		stats.Duration = time.Since(start)
		return stats, fmt.Errorf("store: learn associations: %w", err)
	}
	st, err := readAssocState(ctx, s.db)
	if err != nil {
		return fail(err)
	}
	if st.analyzer != assocAnalyzerVersion {
		if st, err = s.resetAssociations(ctx); err != nil {
			return fail(err)
		}
	}

	var blob []byte
	if err := s.db.QueryRowContext(ctx, `SELECT sketch FROM assoc_state WHERE id = 1`).Scan(&blob); err != nil {
		return fail(err)
	}
	sk := assoc.LoadSketch(blob)

	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	batches := make(chan assocBatch, 1)
	go s.assocBatches(ctx, st.lastItem, batches)
	ids := map[string]int64{} // term ids known to be committed
	for n := 1; ; n++ {
		b, ok := <-batches
		if !ok {
			break
		}
		if b.err != nil {
			return fail(b.err)
		}
		if err := ctx.Err(); err != nil {
			return fail(err)
		}
		t0 := time.Now()
		pairs, err := s.writeAssocBatch(ctx, &st, b, ids, sk, b.final || n%assocSketchEvery == 0)
		if err != nil {
			return fail(err)
		}
		stats.MaxTx = max(stats.MaxTx, time.Since(t0))
		if afterAssocBatch != nil {
			afterAssocBatch()
		}
		stats.Items += b.items
		stats.Pairs += pairs
	}
	if err := ctx.Err(); err != nil { // the reader stopped early
		return fail(err)
	}
	stats.Duration = time.Since(start)
	return stats, nil
}

// resetAssociations forgets every count and records the current analyser
// version. Clearing whole tables is one quick step for SQLite.
func (s *Store) resetAssociations(ctx context.Context) (assocState, error) {
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return assocState{}, err
	}
	defer tx.Rollback()
	for _, q := range []string{
		`DELETE FROM assoc_pairs`, `DELETE FROM assoc_terms`, `DELETE FROM acronym_defs`,
		`DELETE FROM profile_terms`, `DELETE FROM profile_sources`, `DELETE FROM profile_state`,
		`UPDATE assoc_state SET analyzer = ?, docs = 0, last_item = 0, sketch = NULL`,
	} {
		var args []any
		if strings.HasPrefix(q, "UPDATE") {
			args = append(args, assocAnalyzerVersion)
		}
		if _, err := tx.ExecContext(ctx, q, args...); err != nil {
			return assocState{}, err
		}
	}
	st, err := readAssocState(ctx, tx)
	if err != nil {
		return st, err
	}
	return st, tx.Commit()
}

// assocBatches reads the items after last in id order, analyses and
// counts them, and sends them in batches. It closes out when done; a
// failure is sent as the last batch.
func (s *Store) assocBatches(ctx context.Context, last int64, out chan<- assocBatch) {
	defer close(out)
	send := func(b assocBatch) bool {
		select {
		case out <- b:
			return true
		case <-ctx.Done():
			return false
		}
	}
	b := assocBatch{counts: assoc.NewCounts(), defs: map[acronymDef]int{}, lastItem: last}
	var page []learnItem
	for {
		var err error
		if page, err = s.learnPage(ctx, b.lastItem, page); err != nil {
			send(assocBatch{err: err})
			return
		}
		for _, r := range page {
			cpus.Step(ctx) // background learning pauses while the user acts
			b.counts.Add(r.fields()...)
			r.defines(b.defs)
			b.items++
			b.lastItem = r.id
			if len(b.counts.Pairs) >= assocBatchPairs || b.items >= assocBatchItems {
				if !send(b) {
					return
				}
				b = assocBatch{counts: assoc.NewCounts(), defs: map[acronymDef]int{}, lastItem: r.id}
			}
		}
		if len(page) < assocReadItems {
			if b.items > 0 {
				b.final = true
				send(b)
			}
			return
		}
	}
}

// cutText cuts s to at most n bytes, at a space when there is one near
// the end, else at a rune boundary.
func cutText(s string, n int) string {
	if len(s) <= n {
		return s
	}
	s = s[:n]
	if i := strings.LastIndexByte(s, ' '); i > n-64 {
		return s[:i]
	}
	for len(s) > 0 && !utf8.RuneStart(s[len(s)-1]) {
		s = s[:len(s)-1]
	}
	if len(s) > 0 {
		if r, _ := utf8.DecodeLastRuneInString(s); r == utf8.RuneError {
			s = s[:len(s)-1]
		}
	}
	return s
}

// afterAssocBatch, when set (by tests), runs after each committed batch.
var afterAssocBatch func()

// errAssocMoved is returned when another LearnAssociations committed in
// between: the batch would count items twice.
var errAssocMoved = errors.New("another learner moved on; try again")

// writeAssocBatch adds one batch's counts in one write transaction and
// records the new state, with the sketch when saveSketch. The sketch
// decides which pairs are stored, before the transaction. ids caches
// term ids across batches; new ones join it once committed.
func (s *Store) writeAssocBatch(ctx context.Context, st *assocState, b assocBatch, ids map[string]int64,
	sk *assoc.Sketch, saveSketch bool) (pairs int, err error) {
	c := b.counts
	terms := make([]string, 0, len(c.DF))
	for t := range c.DF {
		terms = append(terms, t)
	}
	sort.Strings(terms)
	type admitted struct {
		p assoc.Pair
		n int
	}
	keep := make([]admitted, 0, len(c.Pairs)/2)
	for p, n := range c.Pairs {
		if add := sk.Admit(p, n); add > 0 {
			keep = append(keep, admitted{p, add})
		}
	}

	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return 0, err
	}
	defer tx.Rollback()
	cur, err := readAssocState(ctx, tx)
	if err != nil {
		return 0, err
	}
	if cur != *st {
		return 0, errAssocMoved
	}

	// Terms: their document frequencies, and ids for the new ones.
	fresh := map[string]int64{}
	upd, err := tx.PrepareContext(ctx, `UPDATE assoc_terms SET df = df + ? WHERE id = ?`)
	if err != nil {
		return 0, err
	}
	defer upd.Close()
	ins, err := tx.PrepareContext(ctx, `INSERT INTO assoc_terms (term, df) VALUES (?, ?)
		ON CONFLICT (term) DO UPDATE SET df = df + excluded.df RETURNING id`)
	if err != nil {
		return 0, err
	}
	defer ins.Close()
	for _, t := range terms {
		if id, ok := ids[t]; ok {
			if _, err := upd.ExecContext(ctx, c.DF[t], id); err != nil {
				return 0, err
			}
			continue
		}
		var id int64
		if err := ins.QueryRowContext(ctx, t, c.DF[t]).Scan(&id); err != nil {
			return 0, err
		}
		fresh[t] = id
	}
	id := func(t string) int64 {
		if id, ok := ids[t]; ok {
			return id
		}
		return fresh[t]
	}

	// Pairs, in key order, many rows per statement.
	type pairRow struct{ a, b, n int64 }
	rows := make([]pairRow, 0, len(keep))
	for _, k := range keep {
		a, b := id(k.p.A), id(k.p.B)
		if a > b {
			a, b = b, a
		}
		rows = append(rows, pairRow{a, b, int64(k.n)})
	}
	sort.Slice(rows, func(i, j int) bool {
		if rows[i].a != rows[j].a {
			return rows[i].a < rows[j].a
		}
		return rows[i].b < rows[j].b
	})
	const perStmt = 128
	stmtFor := map[int]*sql.Stmt{}
	defer func() {
		for _, stmt := range stmtFor {
			stmt.Close()
		}
	}()
	args := make([]any, 0, 3*perStmt)
	for start := 0; start < len(rows); start += perStmt {
		part := rows[start:min(start+perStmt, len(rows))]
		stmt := stmtFor[len(part)]
		if stmt == nil {
			q := `INSERT INTO assoc_pairs (a, b, n) VALUES (?, ?, ?)` + strings.Repeat(`, (?, ?, ?)`, len(part)-1) +
				` ON CONFLICT (a, b) DO UPDATE SET n = n + excluded.n`
			if stmt, err = tx.PrepareContext(ctx, q); err != nil {
				return 0, err
			}
			stmtFor[len(part)] = stmt
		}
		args = args[:0]
		for _, r := range part {
			args = append(args, r.a, r.b, r.n)
		}
		if _, err := stmt.ExecContext(ctx, args...); err != nil {
			return 0, err
		}
	}

	if err := writeAcronymDefs(ctx, tx, b.defs); err != nil {
		return 0, err
	}

	next := assocState{analyzer: st.analyzer, docs: st.docs + int64(c.Docs), lastItem: b.lastItem}
	if _, err := tx.ExecContext(ctx, `UPDATE assoc_state SET docs = ?, last_item = ? WHERE id = 1`, next.docs, next.lastItem); err != nil {
		return 0, err
	}
	if saveSketch {
		if _, err := tx.ExecContext(ctx, `UPDATE assoc_state SET sketch = ? WHERE id = 1`, sk.Bytes()); err != nil {
			return 0, err
		}
	}
	if err := tx.Commit(); err != nil {
		return 0, err
	}
	*st = next
	for t, id := range fresh {
		ids[t] = id
	}
	return len(rows), nil
}

// Associations returns, for each of terms (analysed terms, such as those
// of people's interests), its neighbours learned by LearnAssociations:
// the k with the highest assoc.Weight (10 when k <= 0), ties by term.
// Terms without neighbours are not in the map. It reads one snapshot in
// one set-based query (the terms go in as a JSON array) and scores in Go.
// Counts made with another analysis than the current one give nothing.
func (s *Store) Associations(ctx context.Context, terms []string, k int) (map[string][]assoc.Neighbour, error) {
	if k <= 0 {
		k = 10
	}
	out := map[string][]assoc.Neighbour{}
	if len(terms) == 0 {
		return out, nil
	}
	fail := func(err error) (map[string][]assoc.Neighbour, error) {
		return nil, fmt.Errorf("store: associations: %w", err)
	}
	js, err := json.Marshal(terms)
	if err != nil {
		return fail(err)
	}
	tx, st, err := s.assocSnapshot(ctx)
	if err != nil {
		return fail(err)
	}
	if tx == nil {
		return out, nil // nothing learned with the current analysis
	}
	defer tx.Rollback()
	// Only pairs that can be neighbours come back: seen at least
	// assoc.MinCount times, neighbour in at most assoc.MaxShare of the
	// documents, and a positive smoothed PMI (assoc.Score has the formula;
	// this is its sign, to spare reading the rest).
	rows, err := tx.QueryContext(ctx, `WITH q AS (
			SELECT DISTINCT t.id, t.term, t.df FROM json_each(?1) j JOIN assoc_terms t ON t.term = j.value
		), nb AS (
			SELECT q.term AS term, q.df AS dfa, p.n AS n, p.b AS other FROM q JOIN assoc_pairs p ON p.a = q.id WHERE p.n >= ?2
			UNION ALL
			SELECT q.term, q.df, p.n, p.a FROM q JOIN assoc_pairs p ON p.b = q.id WHERE p.n >= ?2
		)
		SELECT nb.term, o.term, nb.n, nb.dfa, o.df FROM nb JOIN assoc_terms o ON o.id = nb.other
		WHERE o.df <= ?3 * ?4 AND ln(nb.n) + ?5 * ln(?3) > ln(nb.dfa) + ?5 * ln(o.df)`,
		string(js), assoc.MinCount, st.docs, assoc.MaxShare, assoc.Alpha)
	if err != nil {
		return fail(err)
	}
	defer rows.Close()
	for rows.Next() {
		var term, other string
		var n, dfA, dfB int
		if err := rows.Scan(&term, &other, &n, &dfA, &dfB); err != nil {
			return fail(err)
		}
		ppmi, w := assoc.Score(n, dfA, dfB, int(st.docs))
		if w > 0 {
			out[term] = append(out[term], assoc.Neighbour{Term: other, PPMI: ppmi, Count: n, Weight: w})
		}
	}
	if err := rows.Err(); err != nil {
		return fail(err)
	}
	for t, ns := range out {
		out[t] = assoc.Top(ns, k)
	}
	return out, nil
}

// assocSnapshot begins a read snapshot (a deferred BEGIN: no write lock)
// of the learned counts and where learning stands. The transaction is
// nil, with no error, when nothing was learned with the current analysis.
func (s *Store) assocSnapshot(ctx context.Context) (*sql.Tx, assocState, error) {
	tx, err := s.db.BeginTx(ctx, &sql.TxOptions{ReadOnly: true})
	if err != nil {
		return nil, assocState{}, err
	}
	st, err := readAssocState(ctx, tx)
	if err != nil || st.analyzer != assocAnalyzerVersion || st.docs == 0 {
		tx.Rollback()
		return nil, st, err
	}
	return tx, st, nil
}

// learnItem is an item as learning reads it: its title, categories and
// the start of its text.
type learnItem struct {
	id, source        int64
	title, cats, text string
}

// fields are its analysed fields (analysis.Analyze, the engine's), as the
// associations and the profiles count them: the first assocTextBytes of
// its text.
func (r learnItem) fields() [][]string {
	return [][]string{analysis.Analyze(r.title), analysis.Analyze(r.cats), analysis.Analyze(cutText(r.text, assocTextBytes))}
}

// learnPage reads into page (emptied first) the next assocReadItems
// items after the id after, in id order. The read is over before any of
// them is analysed: a learner that steps aside while the user acts holds
// no statement open meanwhile.
func (s *Store) learnPage(ctx context.Context, after int64, page []learnItem) ([]learnItem, error) {
	page = page[:0]
	rows, err := s.db.QueryContext(ctx, `SELECT id, source_id, title, categories, substr(content_text, 1, ?) FROM items
		WHERE id > ? ORDER BY id LIMIT ?`, assocTextBytes+4, after, assocReadItems)
	if err != nil {
		return page, err
	}
	defer rows.Close()
	for rows.Next() {
		var r learnItem
		if err := rows.Scan(&r.id, &r.source, &r.title, &r.cats, &r.text); err != nil {
			return page, err
		}
		page = append(page, r)
	}
	return page, rows.Err()
}
