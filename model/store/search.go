package store

import (
	"context"
	"database/sql"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"sync"
	"unicode/utf8"

	"github.com/knowflow/knowflow/model"
	"github.com/knowflow/knowflow/model/analysis"
	"github.com/knowflow/knowflow/model/cpus"
)

// Full-text search. The index (items_search, FTS5) holds terms, not text:
// analysis.SearchText folds, splits and stems an item's title, text, author
// and categories, and the index only splits that at spaces. The analysis
// runs on the fetchers' goroutines (FetchResult.PrepareSearch), so the
// single writer only adds terms to the index. Queries go through the same
// analysis (FTSQuery), so "Sharing" finds "shared" and "cafe" finds "Café".

// searchDoc is one item's terms, per indexed column but the source's.
type searchDoc struct {
	title, body, author, categories string
}

// sourceTerm is the term the index's source column holds for a source.
// '_' is a token character of the index and never in analysed text.
func sourceTerm(id int64) string { return "_s" + strconv.FormatInt(id, 10) }

// searchDocs analyses items for the index.
func searchDocs(items []model.Item) []searchDoc {
	docs := make([]searchDoc, len(items))
	for i, it := range items {
		docs[i] = searchDoc{
			title:      analysis.SearchText(it.Title),
			body:       analysis.SearchText(it.Text),
			author:     analysis.SearchText(it.Author),
			categories: analysis.SearchText(strings.Join(it.Categories, "\n")),
		}
	}
	return docs
}

// insertSearch adds a searchDoc to the index (searchDoc.index).
const insertSearch = `INSERT INTO items_search (rowid, title, body, author, categories, source) VALUES (?, ?, ?, ?, ?, ?)`

// index adds d as the item id of source with the prepared insertSearch.
func (d searchDoc) index(ctx context.Context, insert *sql.Stmt, id, source int64) error {
	_, err := insert.ExecContext(ctx, id, d.title, d.body, d.author, d.categories, sourceTerm(source))
	return err
}

// PrepareSearch analyses the items for the search index now, on the
// caller's goroutine, so that SaveFetches, which runs on the one writer,
// does not have to. It must be called again if Items change.
func (r *FetchResult) PrepareSearch() {
	r.search = searchDocs(r.Items)
}

// indexSearch is migration 5's step: it indexes every item, a few hundred
// at a time.
func indexSearch(ctx context.Context, tx *sql.Tx) error {
	insert, err := tx.PrepareContext(ctx, insertSearch)
	if err != nil {
		return err
	}
	defer insert.Close()
	const chunk = 500
	for last := int64(0); ; {
		rows, err := tx.QueryContext(ctx, `SELECT id, source_id, title, content_text, author, categories FROM items
			WHERE id > ? ORDER BY id LIMIT ?`, last, chunk)
		if err != nil {
			return err
		}
		var items []model.Item
		for rows.Next() {
			var it model.Item
			var cats string
			if err := rows.Scan(&it.ID, &it.SourceID, &it.Title, &it.Text, &it.Author, &cats); err != nil {
				rows.Close()
				return err
			}
			it.Categories = splitLines(cats)
			items = append(items, it)
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return err
		}
		if len(items) == 0 {
			return nil
		}
		for i, d := range searchDocs(items) {
			if err := d.index(ctx, insert, items[i].ID, items[i].SourceID); err != nil {
				return fmt.Errorf("index item %d: %w", items[i].ID, err)
			}
		}
		last = items[len(items)-1].ID
	}
}

// query is what a user typed, as the index takes it: the items it finds
// hold every term, and the last word's last term as a prefix when it
// may be half typed.
type query struct {
	terms  []string // whole terms, each in quotes for FTS5
	prefix string   // the half-typed term, or ""
	// phrases are the quoted phrases of two terms or more. The index
	// holds no positions (detail=none), so the terms find the items that
	// may hold a phrase and hasPhrases keeps those whose text does.
	phrases [][]string
}

// fts is q as an FTS5 query; with words, the prefix is matched as those
// whole terms (prefixTerms) rather than as a prefix.
func (q query) fts(words []string) string {
	terms := q.terms
	switch {
	case words != nil:
		alt := make([]string, len(words))
		for i, w := range words {
			alt[i] = `"` + w + `"`
		}
		terms = append(terms[:len(terms):len(terms)], `(`+strings.Join(alt, ` OR `)+`)`)
	case q.prefix != "":
		terms = append(terms[:len(terms):len(terms)], `"`+q.prefix+`"*`)
	}
	if len(terms) == 0 {
		return `""`
	}
	if words != nil {
		return strings.Join(terms, " AND ") // FTS5 ANDs a group only explicitly
	}
	return strings.Join(terms, " ")
}

// parseQuery turns what a user types into a safe query of the search
// index: words are analysed like the indexed text (analysis.SearchText)
// and ANDed; "quoted phrases" must appear as they are. The last word is
// matched as a prefix unless a space follows it, since it may be half
// typed; the words before it are whole. A whole word is read lazily, only
// as far as the page needs, and so is a prefix of up to three letters
// (the index's prefix tables), but a longer prefix makes FTS5 merge the
// postings of every term it starts. Terms hold only letters and digits,
// so nothing typed is FTS5 syntax.
func parseQuery(q string) query {
	var terms []string
	var phrases [][]string
	prefix := false // the last term is a word's, with nothing after it
	for len(q) > 0 {
		q = strings.TrimLeft(q, " \t\n")
		if q == "" {
			prefix = false
			break
		}
		if q[0] == '"' {
			end := strings.IndexByte(q[1:], '"')
			var phrase string
			if end < 0 {
				phrase, q = q[1:], ""
			} else {
				phrase, q = q[1:end+1], q[end+2:]
			}
			words := strings.Fields(analysis.SearchText(phrase))
			for _, term := range words {
				terms = append(terms, `"`+term+`"`)
			}
			if len(words) > 1 {
				phrases = append(phrases, words)
			}
			prefix = false
			continue
		}
		end := strings.IndexAny(q, " \t\n\"")
		var word string
		if end < 0 {
			word, q = q, ""
		} else {
			word, q = q[:end], q[end:]
		}
		words := strings.Fields(analysis.SearchText(word))
		for _, term := range words {
			terms = append(terms, `"`+term+`"`)
		}
		prefix = len(words) > 0 && q == ""
	}
	pq := query{terms: terms, phrases: phrases}
	if prefix {
		last := terms[len(terms)-1]
		pq.terms, pq.prefix = terms[:len(terms)-1], last[1:len(last)-1]
	}
	return pq
}

// FTSQuery is the FTS5 query of what a user types (parseQuery): the items
// it finds hold every term; a phrase's order is checked apart.
func FTSQuery(q string) string { return parseQuery(q).fts(nil) }

// maxPrefixTerms is how many terms a prefix of four letters or more is
// matched as, at most; one that more terms start falls back to FTS5's
// prefix query.
const maxPrefixTerms = 64

// prefixTerms lists the terms of the index that start with prefix, when
// it is longer than the prefix tables' three letters and at most
// maxPrefixTerms terms start with it (nil otherwise). FTS5 answers a
// prefix query without a prefix table by merging the postings of every
// such term in full before the first match (85 ms for "community" over
// 500,000 items, in nearly all of them); the same terms ORed are read
// lazily, and listing them (fts5vocab) reads each one's postings once
// without merging (13 ms).
func prefixTerms(ctx context.Context, q queryer, prefix string) ([]string, error) {
	if utf8.RuneCountInString(prefix) <= 3 {
		return nil, nil
	}
	found, err := queryColumn[string](ctx, q, `SELECT term FROM items_search_vocab WHERE term >= ? AND term < ? LIMIT ?`,
		prefix, prefix+string(utf8.MaxRune), maxPrefixTerms+1)
	if err != nil {
		return nil, err
	}
	terms := []string{}
	for _, t := range found {
		if strings.HasPrefix(t, prefix) {
			terms = append(terms, t)
		}
	}
	if len(terms) > maxPrefixTerms {
		return nil, nil
	}
	return terms, nil
}

// hasPhrases reports whether each phrase appears, its terms in order and
// next to one another, in one of d's columns.
func hasPhrases(d searchDoc, phrases [][]string) bool {
	cols := [][]string{strings.Fields(d.title), strings.Fields(d.body), strings.Fields(d.author), strings.Fields(d.categories)}
next:
	for _, p := range phrases {
		for _, words := range cols {
			for i := 0; i+len(p) <= len(words); i++ {
				if slices.Equal(words[i:i+len(p)], p) {
					continue next
				}
			}
		}
		return false
	}
	return true
}

// searchSources returns, for a search within a source or a folder, the
// sources it covers (empty, not nil, for a folder without any), and nil
// for any other filter.
func searchSources(ctx context.Context, q queryer, f ItemFilter) ([]int64, error) {
	if f.SourceID == 0 && f.FolderID == 0 {
		return nil, nil
	}
	if f.FolderID == 0 {
		return []int64{f.SourceID}, nil
	}
	return queryColumn[int64](ctx, q, `SELECT id FROM sources WHERE folder_id IN (`+folderTree+`) AND (? = 0 OR id = ?)`,
		f.FolderID, f.SourceID, f.SourceID)
}

// phraseBatch is how many candidates of a search with phrases are read
// and checked at a time.
const phraseBatch = 500

// phraseBudget is how many more candidates of a search with phrases are
// checked, once the ids a caller must have are found, to count the rest:
// checking one means analysing its text again (about 20 µs), and
// counting a phrase of common words in 6% of 500,000 items to 1,000 took
// 0.3 s. With this budget, and the analysis on every core, the first
// page and its count take 50 ms.
const phraseBudget = 2 * phraseBatch

// searchIDs returns the ids of the items search f finds, the most recently
// stored first, from f.After on, at most limit of them (0: all). With
// phrases, once it has need of them (need < 0: as many as limit) it
// checks at most phraseBudget more candidates, and says short when it
// stopped there: a count may then say "at least". FTS5
// walks its index in rowid order and stops at the limit; ranking by bm25
// would score and sort every match (hundreds of milliseconds for a common
// word over 100,000 items). A search within a source or folder is an AND
// with the sources' terms in the index, which skips to their items. With
// phrases, the index's candidates are read phraseBatch at a time and kept
// when their text holds the phrases.
func searchIDs(ctx context.Context, q queryer, f ItemFilter, limit, need int) (ids []int64, short bool, err error) {
	pq := parseQuery(f.Query) // untrimmed: a trailing space ends the last word
	words, err := prefixTerms(ctx, q, pq.prefix)
	if err != nil {
		return nil, false, err
	}
	if words != nil && len(words) == 0 {
		return nil, false, nil // no term starts with the prefix
	}
	sources, err := searchSources(ctx, q, f)
	if err != nil {
		return nil, false, err
	}
	match := pq.fts(words)
	if sources != nil {
		terms := []string{`"` + sourceTerm(0) + `"`} // no source has id 0: a folder without sources finds nothing
		for _, src := range sources {
			terms = append(terms, `"`+sourceTerm(src)+`"`)
		}
		match = `(` + strings.Join(terms, ` OR `) + `) AND (` + match + `)`
		f.SourceID, f.FolderID = 0, 0
	}
	if len(f.ExcludeSources) > 0 {
		// As a source's search is an AND with its term, leaving sources
		// out is a NOT.
		terms := make([]string, len(f.ExcludeSources))
		for i, src := range f.ExcludeSources {
			terms[i] = `"` + sourceTerm(src) + `"`
		}
		match = `(` + match + `) NOT (` + strings.Join(terms, ` OR `) + `)`
		f.ExcludeSources = nil
	}
	from := `items_search`
	where, args := []string{`items_search MATCH ?`}, []any{match}
	if f.Unread || f.Starred {
		from += ` JOIN items i ON i.id = items_search.rowid`
		where, args = appendFilters(where, args, f)
	}
	after := f.After.ID
	page := func(n int) ([]int64, error) {
		w, a := where, args
		if after != 0 {
			w, a = append(w[:len(w):len(w)], `items_search.rowid < ?`), append(a[:len(a):len(a)], after)
		}
		sql := `SELECT items_search.rowid FROM ` + withWhere(from, w) + ` ORDER BY items_search.rowid DESC`
		if n > 0 {
			sql += ` LIMIT ?`
			a = append(a[:len(a):len(a)], n)
		}
		return queryColumn[int64](ctx, q, sql, a...)
	}
	if len(pq.phrases) == 0 {
		ids, err := page(limit)
		return ids, false, err
	}
	var out []int64
	budget := phraseBudget
	for {
		batch, err := page(phraseBatch)
		if err != nil || len(batch) == 0 {
			return out, false, err
		}
		docs, err := searchDocsOf(ctx, q, batch)
		if err != nil {
			return nil, false, err
		}
		for _, id := range batch {
			if need >= 0 && len(out) >= need {
				if budget--; budget < 0 {
					return out, true, nil
				}
			}
			if d, ok := docs[id]; ok && hasPhrases(d, pq.phrases) {
				out = append(out, id)
				if len(out) == limit {
					return out, false, nil
				}
			}
		}
		if len(batch) < phraseBatch {
			return out, false, nil
		}
		after = batch[len(batch)-1]
	}
}

// queryColumn runs a query of one column and returns its values, in
// order (an empty, non-nil slice for no rows).
func queryColumn[T any](ctx context.Context, q queryer, query string, args ...any) ([]T, error) {
	rows, err := q.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := []T{}
	for rows.Next() {
		var v T
		if err := rows.Scan(&v); err != nil {
			return nil, err
		}
		out = append(out, v)
	}
	return out, rows.Err()
}

// searchDocsOf analyses the items ids as the index holds them.
func searchDocsOf(ctx context.Context, q queryer, ids []int64) (map[int64]searchDoc, error) {
	rows, err := q.QueryContext(ctx, `SELECT id, title, content_text, author, categories FROM items WHERE id IN (`+
		placeholders(len(ids))+`)`, anys(ids)...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var items []model.Item
	for rows.Next() {
		var it model.Item
		var cats string
		if err := rows.Scan(&it.ID, &it.Title, &it.Text, &it.Author, &cats); err != nil {
			return nil, err
		}
		it.Categories = splitLines(cats)
		items = append(items, it)
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	// Analysed on cpus.Workers() goroutines: this is most of what checking costs.
	analysed := make([]searchDoc, len(items))
	var wg sync.WaitGroup
	workers := cpus.Workers()
	step := (len(items) + workers - 1) / workers
	for start := 0; start < len(items); start += step {
		end := min(start+step, len(items))
		wg.Go(func() { copy(analysed[start:end], searchDocs(items[start:end])) })
	}
	wg.Wait()
	docs := make(map[int64]searchDoc, len(items))
	for i, d := range analysed {
		docs[items[i].ID] = d
	}
	return docs, nil
}
