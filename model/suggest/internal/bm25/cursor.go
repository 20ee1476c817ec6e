package bm25

// Cursors read the index document after document, in ascending order,
// each from where its last call left it: the engine scores the items its
// phrase lists find, one after another, and looks up the rest of a query
// only there.

// PhraseCursor reads the strength of one phrase in the documents where
// it does not match in full (FullMatches).
type PhraseCursor struct {
	ix *Index
	p  phraseTerms
}

// PhraseCursor returns a cursor over the phrase of analysed terms. Its
// terms must be kept with positions when it has several (Seal).
func (ix *Index) PhraseCursor(terms []string) *PhraseCursor {
	return &PhraseCursor{ix: ix, p: ix.phraseOf(terms)}
}

// Strength is the phrase's strength in document d, where it does not
// match in full: from half of its terms' scores when all are in d, not
// close, a quarter over its length when only some are, 0 when none (its
// score over the most it can score, in 0..1; bm25.go). Calls must come
// in ascending d.
func (c *PhraseCursor) Strength(d int32) float64 { return c.ix.strength(&c.p, d) }

// TermCursor reads the postings of one term.
type TermCursor struct {
	ix *Index
	t  int32 // -1: a term no document has
	at int32 // where its postings are read on
}

// TermCursor returns a cursor over the postings of an analysed term,
// which must be kept (Seal).
func (ix *Index) TermCursor(term string) TermCursor {
	c := TermCursor{ix: ix, t: ix.TermID(term)}
	if c.t >= 0 {
		c.at = ix.postOff[c.t]
	}
	return c
}

// Score returns weight × bm25(t, d), the score of the term t in document
// d as a one-term phrase of that weight, if d holds t. Calls must come in
// ascending d.
func (c *TermCursor) Score(d int32, weight float64) (float64, bool) {
	if c.t < 0 {
		return 0, false
	}
	i, ok := c.ix.seek(c.t, &c.at, d)
	if !ok {
		return 0, false
	}
	return weight * c.ix.idf[c.t] * float64(c.ix.pBM[i]), true
}
