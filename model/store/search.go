package store

import (
	"context"
	"database/sql"
	"fmt"
	"strconv"
	"strings"

	"github.com/knowflow/knowflow/model"
	"github.com/knowflow/knowflow/model/suggest"
)

// Full-text search. The index (items_search, FTS5) holds terms, not text:
// suggest.SearchText folds, splits and stems an item's title, text, author
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
			title:      suggest.SearchText(it.Title),
			body:       suggest.SearchText(it.Text),
			author:     suggest.SearchText(it.Author),
			categories: suggest.SearchText(strings.Join(it.Categories, "\n")),
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

// FTSQuery turns what a user types into a safe query of the search index:
// words are analysed like the indexed text (suggest.SearchText) and ANDed;
// "quoted phrases" stay phrases. The last word is matched as a prefix
// unless a space follows it, since it may be half typed; the words before
// it are whole. A whole word is read lazily, only as far as the page
// needs, and so is a prefix of up to three letters (the index's prefix
// tables), but a longer prefix makes FTS5 merge the postings of every term
// it starts; over 500,000 items two such words took twice the 50 ms a
// keystroke may cost. Terms hold only letters and digits, so nothing typed
// is FTS5 syntax.
func FTSQuery(q string) string {
	var terms []string
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
			if p := suggest.SearchText(phrase); p != "" {
				terms = append(terms, `"`+p+`"`)
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
		words := strings.Fields(suggest.SearchText(word))
		for _, term := range words {
			terms = append(terms, `"`+term+`"`)
		}
		prefix = len(words) > 0 && q == ""
	}
	if len(terms) == 0 {
		return `""`
	}
	if prefix {
		terms[len(terms)-1] += "*"
	}
	return strings.Join(terms, " ")
}
