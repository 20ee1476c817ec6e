package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"sort"

	"github.com/knowflow/knowflow/model"
	"github.com/knowflow/knowflow/model/acronym"
)

// Acronyms the user's items define: "site reliability engineering (SRE)"
// in an item of last year still tells the suggestion engine what "SRE"
// stands for when no recent item spells it out. LearnAssociations reads
// every item once; as it counts an item's terms it notes the definitions
// in its title and text (acronym.Find, any acronym) and the acronyms it
// writes beside their words (acronym.Beside: "PMs" and "product
// managers" in one post), and adds them up here in the same transaction
// as the counts.

var migration12Acronyms = `
CREATE TABLE acronym_defs (
	acr       TEXT NOT NULL,            -- acronym.Key: "sre", "cp"
	expansion TEXT NOT NULL,            -- its words, lower case: "site reliability engineering"
	form      TEXT NOT NULL,            -- the acronym as written: "SRE", "CoPs"
	beside    INTEGER NOT NULL,         -- 1: written apart in one item (acronym.Beside), 0: defined in brackets
	n         INTEGER NOT NULL,         -- items defining it so
	PRIMARY KEY (acr, expansion, form, beside)
) WITHOUT ROWID;
`

// acronymDef is one definition as an item gives it.
type acronymDef struct {
	acr, expansion, form string
	beside               bool
}

// defines adds to defs the acronyms the item defines or writes beside
// their words (acronym.OfItem), each once.
func (r learnItem) defines(defs map[acronymDef]int) {
	acronym.OfItem(r.title, cutText(r.text, assocTextBytes), func(acr, exp, form string, beside bool) {
		defs[acronymDef{acr, exp, form, beside}]++
	})
}

// writeAcronymDefs adds defs to acronym_defs in tx, in key order.
func writeAcronymDefs(ctx context.Context, tx *sql.Tx, defs map[acronymDef]int) error {
	if len(defs) == 0 {
		return nil
	}
	keys := make([]acronymDef, 0, len(defs))
	for d := range defs {
		keys = append(keys, d)
	}
	sort.Slice(keys, func(i, j int) bool {
		a, b := keys[i], keys[j]
		if a.acr != b.acr {
			return a.acr < b.acr
		}
		if a.expansion != b.expansion {
			return a.expansion < b.expansion
		}
		if a.form != b.form {
			return a.form < b.form
		}
		return !a.beside && b.beside
	})
	stmt, err := tx.PrepareContext(ctx, `INSERT INTO acronym_defs (acr, expansion, form, beside, n) VALUES (?, ?, ?, ?, ?)
		ON CONFLICT (acr, expansion, form, beside) DO UPDATE SET n = n + excluded.n`)
	if err != nil {
		return err
	}
	defer stmt.Close()
	for _, d := range keys {
		if _, err := stmt.ExecContext(ctx, d.acr, d.expansion, d.form, d.beside, defs[d]); err != nil {
			return err
		}
	}
	return nil
}

// AcronymDefs returns the definitions the user's items gave of the
// acronyms acrs (acronym.Key), those in brackets first, then those written
// beside their words; most often given first, then by expansion and
// form. It reads one snapshot in one query.
func (s *Store) AcronymDefs(ctx context.Context, acrs []string) ([]model.AcronymDef, error) {
	if len(acrs) == 0 {
		return nil, nil
	}
	fail := func(err error) ([]model.AcronymDef, error) {
		return nil, fmt.Errorf("store: acronym definitions: %w", err)
	}
	js, err := json.Marshal(acrs)
	if err != nil {
		return fail(err)
	}
	rows, err := s.db.QueryContext(ctx, `SELECT d.acr, d.expansion, d.form, d.beside, d.n
		FROM (SELECT DISTINCT value AS acr FROM json_each(?)) q JOIN acronym_defs d ON d.acr = q.acr
		ORDER BY d.acr, d.beside, d.n DESC, d.expansion, d.form`, string(js))
	if err != nil {
		return fail(err)
	}
	defer rows.Close()
	var out []model.AcronymDef
	for rows.Next() {
		var d model.AcronymDef
		if err := rows.Scan(&d.Acronym, &d.Expansion, &d.Form, &d.Beside, &d.Count); err != nil {
			return fail(err)
		}
		out = append(out, d)
	}
	if err := rows.Err(); err != nil {
		return fail(err)
	}
	return out, nil
}
