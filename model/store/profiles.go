package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
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
	docs      INTEGER NOT NULL DEFAULT 0,  -- items naming it
	last_item INTEGER NOT NULL DEFAULT 0   -- the items up to this id are learned
) WITHOUT ROWID;
CREATE TABLE profile_sources (
	key       TEXT NOT NULL,
	source_id INTEGER NOT NULL,
	docs      INTEGER NOT NULL,
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
	profileBackfill = 20_000
	// profileKeep is how many terms a profile keeps stored, by sum: it
	// reads assoc.ProfileTerms of them, after idf.
	profileKeep = 400
)

// LearnProfiles learns the profile of every contact's interest from the
// items it has not learned from yet: for an interest new to the store,
// the latest profileBackfill items, then every item that arrives. Each
// batch commits in one short write transaction, so cancelling ctx keeps
// what was learned and the next call goes on. Interests no contact holds
// any more are forgotten.
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
	// Where each interest stands; new ones start profileBackfill items back.
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
	last := map[string]int64{}
	rows, err := tx.QueryContext(ctx, `SELECT key, last_item FROM profile_state`)
	if err != nil {
		return fail(err)
	}
	for rows.Next() {
		var k string
		var l int64
		if err := rows.Scan(&k, &l); err != nil {
			rows.Close()
			return fail(err)
		}
		last[k] = l
	}
	rows.Close()
	if err := tx.Commit(); err != nil {
		return fail(err)
	}
	from := maxID
	for _, l := range last {
		from = min(from, l)
	}
	learned := 0
	for from < maxID {
		n, next, err := s.learnProfileBatch(ctx, interests, last, from)
		if err != nil {
			return fail(err)
		}
		learned += n
		if next <= from {
			break
		}
		from = next
	}
	return learned, nil
}

// learnProfileBatch learns the profiles of interests from the items
// after from, at most assocBatchItems of them, each for the interests
// not learned up to it (last, which it moves on), and commits. It
// returns how many items it read and the last one's id.
func (s *Store) learnProfileBatch(ctx context.Context, interests [][]string, last map[string]int64, from int64) (int, int64, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT id, source_id, title, categories, substr(content_text, 1, ?) FROM items
		WHERE id > ? ORDER BY id LIMIT ?`, assocTextBytes+4, from, assocBatchItems)
	if err != nil {
		return 0, from, err
	}
	type row struct {
		id, source        int64
		title, cats, text string
	}
	var page []row
	for rows.Next() {
		var r row
		if err := rows.Scan(&r.id, &r.source, &r.title, &r.cats, &r.text); err != nil {
			rows.Close()
			return 0, from, err
		}
		page = append(page, r)
	}
	rows.Close()
	if err := rows.Err(); err != nil || len(page) == 0 {
		return 0, from, err
	}
	sums := assoc.NewProfileSums(interests)
	for _, r := range page {
		cpus.Step(ctx) // background learning pauses while the user acts
		d := assoc.NewDoc(analysis.Analyze(r.title), analysis.Analyze(r.cats), analysis.Analyze(cutText(r.text, assocTextBytes)))
		sums.AddIf(d, r.source, func(key string) bool { return r.id > last[key] })
	}
	end := page[len(page)-1].id

	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return 0, from, err
	}
	defer tx.Rollback()
	keys := sums.Keys()
	for _, k := range keys {
		if end <= last[k] {
			continue
		}
		if n := sums.Docs[k]; n > 0 {
			terms := make([]string, 0, len(sums.Sums[k]))
			for t := range sums.Sums[k] {
				terms = append(terms, t)
			}
			sort.Strings(terms)
			for _, t := range terms {
				if _, err := tx.ExecContext(ctx, `INSERT INTO profile_terms (key, term, sum) VALUES (?, ?, ?)
					ON CONFLICT (key, term) DO UPDATE SET sum = sum + excluded.sum`, k, t, sums.Sums[k][t]); err != nil {
					return 0, from, err
				}
			}
			for src, c := range sums.Sources[k] {
				if _, err := tx.ExecContext(ctx, `INSERT INTO profile_sources (key, source_id, docs) VALUES (?, ?, ?)
					ON CONFLICT (key, source_id) DO UPDATE SET docs = docs + excluded.docs`, k, src, c); err != nil {
					return 0, from, err
				}
			}
			// Only the strongest terms are kept: the others would never
			// be read (assoc.ProfileTerms after idf).
			if _, err := tx.ExecContext(ctx, `DELETE FROM profile_terms WHERE key = ?1 AND term NOT IN
				(SELECT term FROM profile_terms WHERE key = ?1 ORDER BY sum DESC, term LIMIT ?2)`, k, profileKeep); err != nil {
				return 0, from, err
			}
		}
		if _, err := tx.ExecContext(ctx, `UPDATE profile_state SET docs = docs + ?, last_item = ? WHERE key = ?`,
			sums.Docs[k], end, k); err != nil {
			return 0, from, err
		}
	}
	if err := tx.Commit(); err != nil {
		return 0, from, err
	}
	for _, k := range keys {
		last[k] = max(last[k], end)
	}
	return len(page), end, nil
}

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
	tx, err := s.db.BeginTx(ctx, &sql.TxOptions{ReadOnly: true})
	if err != nil {
		return fail(err)
	}
	defer tx.Rollback()
	st, err := readAssocState(ctx, tx)
	if err != nil {
		return fail(err)
	}
	if st.analyzer != assocAnalyzerVersion || st.docs == 0 {
		return out, nil
	}
	js, _ := json.Marshal(keys)
	type prof struct {
		docs, sources int
		sums          map[string]float64
		df            map[string]int
	}
	ps := map[string]*prof{}
	rows, err := tx.QueryContext(ctx, `SELECT p.key, p.docs, (SELECT count(*) FROM profile_sources s WHERE s.key = p.key)
		FROM profile_state p JOIN json_each(?) j ON j.value = p.key WHERE p.docs >= ?`, string(js), assoc.MinProfileDocs)
	if err != nil {
		return fail(err)
	}
	for rows.Next() {
		p := &prof{sums: map[string]float64{}, df: map[string]int{}}
		var k string
		if err := rows.Scan(&k, &p.docs, &p.sources); err != nil {
			rows.Close()
			return fail(err)
		}
		if p.sources >= assoc.MinProfileSources {
			ps[k] = p
		}
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return fail(err)
	}
	for k, p := range ps {
		rows, err := tx.QueryContext(ctx, `SELECT t.term, t.sum, coalesce(a.df, 0) FROM profile_terms t
			LEFT JOIN assoc_terms a ON a.term = t.term WHERE t.key = ?`, k)
		if err != nil {
			return fail(err)
		}
		for rows.Next() {
			var t string
			var sum float64
			var df int
			if err := rows.Scan(&t, &sum, &df); err != nil {
				rows.Close()
				return fail(err)
			}
			p.sums[t], p.df[t] = sum, df
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return fail(err)
		}
		if nb := assoc.ProfileOf(strings.Fields(k), p.sums, p.docs, p.sources, func(t string) int { return p.df[t] }, int(st.docs), 0); nb != nil {
			out[k] = nb
		}
	}
	return out, nil
}
