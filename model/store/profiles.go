package store

import (
	"context"
	"encoding/json"
	"fmt"
	"math"
	"sort"
	"strings"

	"github.com/knowflow/knowflow/model/analysis"
	"github.com/knowflow/knowflow/model/assoc"
	"github.com/knowflow/knowflow/model/cpus"
)

// Interest profiles (model/assoc, profile.go): for each interest of the
// contacts, the vocabulary of the items that name it. Learned item by
// item like the associations, as sums that only grow, so that a
// profile follows the store as it grows; read with the store's document
// frequencies (assoc_terms) when the engine's input is loaded.

var migration11Profiles = `
CREATE TABLE profile_state (
	key       TEXT PRIMARY KEY,            -- assoc.ProfileKey of the interest's analysed terms
	last_item INTEGER NOT NULL DEFAULT 0   -- the items up to this id are learned
) WITHOUT ROWID;
CREATE TABLE profile_sources (
	key       TEXT NOT NULL,
	source_id INTEGER NOT NULL,
	docs      INTEGER NOT NULL,            -- items of the source naming it
	PRIMARY KEY (key, source_id)
) WITHOUT ROWID;
CREATE TABLE profile_terms (
	key  TEXT NOT NULL,
	term TEXT NOT NULL,
	sum  REAL NOT NULL,
	PRIMARY KEY (key, term)
) WITHOUT ROWID;
`

const (
	// profileBackfill is how many of the latest items a new interest
	// learns from: a profile is a sample of how people write about it,
	// and the latest items are the sample that matters.
	profileBackfill = 5_000
	// profileCommitItems: what was learned from this many items is
	// written in one transaction, so that a learner cut short by its
	// budget (LearnRecent) keeps it.
	profileCommitItems = 1000
	// profileWriteTerms is how many of an interest's terms one commit
	// adds to, those of the highest sum × idf of what it learned; the
	// others are the long tail of single items.
	profileWriteTerms = 100
	// profileKeep is how many terms a profile keeps stored, by sum ×
	// idf: it reads assoc.ProfileTerms of them.
	profileKeep = 120
)

// LearnProfiles learns the profile of every contact's interest from the
// items it has not learned from yet: for an interest new to the store,
// the latest profileBackfill items, then every item that arrives. What
// profileCommitItems items taught is committed in one short write
// transaction, so cancelling ctx keeps what was learned and the next call
// goes on. Interests no contact holds any more are forgotten. Profiles
// read the store's document frequencies, which LearnAssociations keeps:
// it runs after it (LearnRecent). It returns how many items it read.
func (s *Store) LearnProfiles(ctx context.Context) (int, error) {
	fail := func(err error) (int, error) { return 0, fmt.Errorf("store: learn profiles: %w", err) }
	contacts, err := s.Contacts(ctx, ContactFilter{})
	if err != nil {
		return fail(err)
	}
	interests := analysis.Interests(contacts)
	keys := make([]string, len(interests))
	for i, t := range interests {
		keys[i] = assoc.ProfileKey(t)
	}
	var maxID int64
	if err := s.db.QueryRowContext(ctx, `SELECT coalesce(max(id), 0) FROM items`).Scan(&maxID); err != nil {
		return fail(err)
	}
	// Where each interest stands. Only when the interests changed is
	// anything written: new ones start profileBackfill items back, and
	// those no contact holds any more are forgotten.
	last, err := profileState(ctx, s.db)
	if err != nil {
		return fail(err)
	}
	changed := len(last) != len(keys)
	for _, k := range keys {
		if _, ok := last[k]; !ok {
			changed = true
		}
	}
	if changed {
		js, _ := json.Marshal(keys)
		tx, err := s.db.BeginTx(ctx, nil)
		if err != nil {
			return fail(err)
		}
		defer tx.Rollback()
		for _, q := range []string{
			`DELETE FROM profile_terms WHERE key NOT IN (SELECT value FROM json_each(?1))`,
			`DELETE FROM profile_sources WHERE key NOT IN (SELECT value FROM json_each(?1))`,
			`DELETE FROM profile_state WHERE key NOT IN (SELECT value FROM json_each(?1))`,
			`INSERT INTO profile_state (key, last_item) SELECT value, max(0, ?2 - ?3) FROM json_each(?1) WHERE true
				ON CONFLICT (key) DO NOTHING`,
		} {
			if _, err := tx.ExecContext(ctx, q, string(js), maxID, profileBackfill); err != nil {
				return fail(err)
			}
		}
		if last, err = profileState(ctx, tx); err != nil {
			return fail(err)
		}
		if err := tx.Commit(); err != nil {
			return fail(err)
		}
	}
	from := maxID
	for _, l := range last {
		from = min(from, l)
	}
	if from >= maxID {
		return 0, nil
	}
	idf, err := s.storeIDF(ctx)
	if err != nil {
		return fail(err)
	}
	learned := 0
	for from < maxID {
		n, next, err := s.learnProfileRun(ctx, interests, last, from, idf)
		if err != nil {
			return fail(err)
		}
		learned += n
		if next <= from {
			break
		}
		from = next
	}
	// Only the strongest terms stay: the others would never be read.
	if _, err := s.db.ExecContext(ctx, `DELETE FROM profile_terms WHERE (key, term) IN (
		SELECT key, term FROM (SELECT t.key, t.term, row_number() OVER (PARTITION BY t.key
			ORDER BY t.sum * ln(?1 / max(coalesce(a.df, 1), 1)) DESC, t.term) AS r
			FROM profile_terms t LEFT JOIN assoc_terms a ON a.term = t.term) WHERE r > ?2)`,
		max(idf.docs, 1), profileKeep); err != nil {
		return fail(err)
	}
	return learned, nil
}

// profileState is where learning stands for each interest: the items up
// to that id are learned.
func profileState(ctx context.Context, q querier) (map[string]int64, error) {
	last := map[string]int64{}
	rows, err := q.QueryContext(ctx, `SELECT key, last_item FROM profile_state`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	for rows.Next() {
		var k string
		var l int64
		if err := rows.Scan(&k, &l); err != nil {
			return nil, err
		}
		last[k] = l
	}
	return last, rows.Err()
}

// storeIDF is every term's idf in the store, ln(docs/df), from the
// associations' counts: loaded once for a learning run.
type storeIDF struct {
	docs float64
	df   map[string]int
}

func (s *Store) storeIDF(ctx context.Context) (storeIDF, error) {
	st, err := readAssocState(ctx, s.db)
	if err != nil {
		return storeIDF{}, err
	}
	out := storeIDF{docs: float64(st.docs), df: map[string]int{}}
	rows, err := s.db.QueryContext(ctx, `SELECT term, df FROM assoc_terms`)
	if err != nil {
		return out, err
	}
	defer rows.Close()
	for rows.Next() {
		var t string
		var df int
		if err := rows.Scan(&t, &df); err != nil {
			return out, err
		}
		out.df[t] = df
	}
	return out, rows.Err()
}

// of is the idf of term: a term the store has not counted yet is as rare
// as can be.
func (x storeIDF) of(term string) float64 {
	return math.Log(max(x.docs, 1) / float64(max(x.df[term], 1)))
}

// learnProfileRun learns the profiles of interests from the items after
// from, at most profileCommitItems of them, each for the interests not
// learned up to it (last, which it moves on), and commits. It returns how
// many items it read and the last one's id.
func (s *Store) learnProfileRun(ctx context.Context, interests [][]string, last map[string]int64, from int64, idf storeIDF) (int, int64, error) {
	sums := assoc.NewProfileSums(interests)
	sums.IDF = idf.of
	end, read := from, 0
	var page []learnItem
	for read < profileCommitItems {
		var err error
		if page, err = s.learnPage(ctx, end, page); err != nil {
			return 0, from, err
		}
		for _, r := range page {
			cpus.Step(ctx) // background learning pauses while the user acts
			sums.AddIf(assoc.NewDoc(r.fields()...), r.source, func(key string) bool { return r.id > last[key] })
			end = r.id
		}
		read += len(page)
		if len(page) < assocReadItems {
			break
		}
	}
	if read == 0 {
		return 0, from, nil
	}

	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return 0, from, err
	}
	defer tx.Rollback()
	addTerm, err := tx.PrepareContext(ctx, `INSERT INTO profile_terms (key, term, sum) VALUES (?, ?, ?)
		ON CONFLICT (key, term) DO UPDATE SET sum = sum + excluded.sum`)
	if err != nil {
		return 0, from, err
	}
	defer addTerm.Close()
	for _, k := range sums.Keys() {
		if sums.Docs[k] == 0 {
			continue
		}
		type tw struct {
			t string
			s float64
		}
		var ts []tw
		for t, sum := range sums.Sums[k] {
			ts = append(ts, tw{t, sum})
		}
		sort.Slice(ts, func(i, j int) bool {
			a, b := ts[i].s*idf.of(ts[i].t), ts[j].s*idf.of(ts[j].t)
			if a != b {
				return a > b
			}
			return ts[i].t < ts[j].t
		})
		for _, x := range ts[:min(len(ts), profileWriteTerms)] {
			if _, err := addTerm.ExecContext(ctx, k, x.t, x.s); err != nil {
				return 0, from, err
			}
		}
		for src, c := range sums.Sources[k] {
			if _, err := tx.ExecContext(ctx, `INSERT INTO profile_sources (key, source_id, docs) VALUES (?, ?, ?)
				ON CONFLICT (key, source_id) DO UPDATE SET docs = docs + excluded.docs`, k, src, c); err != nil {
				return 0, from, err
			}
		}
	}
	if _, err := tx.ExecContext(ctx, `UPDATE profile_state SET last_item = ?1 WHERE last_item < ?1`, end); err != nil {
		return 0, from, err
	}
	if err := tx.Commit(); err != nil {
		return 0, from, err
	}
	for k, l := range last {
		last[k] = max(l, end)
	}
	if afterProfileCommit != nil {
		afterProfileCommit()
	}
	return read, end, nil
}

// afterProfileCommit, when set (by tests), runs after each commit of
// learnProfileRun.
var afterProfileCommit func()

// Profiles returns the profile of each interest of keys (assoc.ProfileKey)
// that has one (assoc.ProfileOf), read in one snapshot with the store's
// document frequencies.
func (s *Store) Profiles(ctx context.Context, keys []string) (map[string][]assoc.Neighbour, error) {
	out := map[string][]assoc.Neighbour{}
	fail := func(err error) (map[string][]assoc.Neighbour, error) {
		return nil, fmt.Errorf("store: profiles: %w", err)
	}
	if len(keys) == 0 {
		return out, nil
	}
	tx, st, err := s.assocSnapshot(ctx)
	if err != nil {
		return fail(err)
	}
	if tx == nil {
		return out, nil // nothing learned with the current analysis
	}
	defer tx.Rollback()
	js, _ := json.Marshal(keys)
	type prof struct {
		perSource []int
		sums      map[string]float64
		df        map[string]int
	}
	ps := map[string]*prof{}
	rows, err := tx.QueryContext(ctx, `SELECT s.key, s.docs FROM profile_sources s
		JOIN json_each(?) j ON j.value = s.key ORDER BY s.key, s.source_id`, string(js))
	if err != nil {
		return fail(err)
	}
	for rows.Next() {
		var k string
		var n int
		if err := rows.Scan(&k, &n); err != nil {
			rows.Close()
			return fail(err)
		}
		p := ps[k]
		if p == nil {
			p = &prof{sums: map[string]float64{}, df: map[string]int{}}
			ps[k] = p
		}
		p.perSource = append(p.perSource, n)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return fail(err)
	}
	rows, err = tx.QueryContext(ctx, `SELECT t.key, t.term, t.sum, coalesce(a.df, 0) FROM profile_terms t
		JOIN json_each(?) j ON j.value = t.key LEFT JOIN assoc_terms a ON a.term = t.term`, string(js))
	if err != nil {
		return fail(err)
	}
	for rows.Next() {
		var k, t string
		var sum float64
		var df int
		if err := rows.Scan(&k, &t, &sum, &df); err != nil {
			rows.Close()
			return fail(err)
		}
		if p := ps[k]; p != nil {
			p.sums[t], p.df[t] = sum, df
		}
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return fail(err)
	}
	for k, p := range ps {
		if nb := assoc.ProfileOf(strings.Fields(k), p.sums, p.perSource, func(t string) int { return p.df[t] }, int(st.docs), 0); nb != nil {
			out[k] = nb
		}
	}
	return out, nil
}
