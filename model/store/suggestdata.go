package store

import (
	"context"
	"database/sql"
	"fmt"
	"sort"
	"strings"
	"time"

	"github.com/knowflow/knowflow/model"
	"github.com/knowflow/knowflow/model/acronym"
	"github.com/knowflow/knowflow/model/analysis"
	"github.com/knowflow/knowflow/model/assoc"
	"github.com/knowflow/knowflow/model/cpus"
)

// writingItems is how many of the latest items of the sources a contact
// writes make up their Writing.
const writingItems = 50

// SuggestInput loads everything one run of the suggestion engine looks at,
// as of now: the associations, profiles and acronym definitions learned
// from the user's items for the contacts' interests (LearnRecent learns
// them), and, in one
// snapshot, the candidates (items published, or fetched when their
// publication time is unknown, in [now-window, now] that are unread or
// starred; window 0 is the preference, Prefs.SuggestDays) with the contacts who write
// them, every contact and community, every share and verdict, what each
// contact writes, and the text of items named in shares or verdicts that
// are not candidates. It reads one snapshot in a handful of set-based
// queries, never one per item or contact.
func (s *Store) SuggestInput(ctx context.Context, now time.Time, window time.Duration) (model.SuggestInput, error) {
	in, err := s.suggestSnapshot(ctx, now, window)
	if err != nil {
		return in, err
	}
	if in.Associations, err = s.Associations(ctx, analysis.InterestTerms(in.Contacts), assocNeighbours); err != nil {
		return in, err
	}
	var keys []string
	for _, terms := range analysis.Interests(in.Contacts) {
		keys = append(keys, assoc.ProfileKey(terms))
	}
	if in.Profiles, err = s.Profiles(ctx, keys); err != nil {
		return in, err
	}
	var interests []string
	for _, c := range in.Contacts {
		interests = append(interests, c.Interests...)
	}
	var acrs []string
	for k := range acronym.Wanted(interests) {
		acrs = append(acrs, k)
	}
	sort.Strings(acrs)
	if in.AcronymDefs, err = s.AcronymDefs(ctx, acrs); err != nil {
		return in, err
	}
	return in, nil
}

// assocNeighbours is how many neighbours of each interest term the engine
// gets.
const assocNeighbours = 10

// learnBudget bounds the learning one LearnRecent does.
const learnBudget = 3 * time.Second

// LearnRecent learns term associations and interest profiles from the
// items stored since the last time (LearnAssociations, LearnProfiles), for at most learnBudget: a large backlog
// is learned over several calls, and what was learned stays (each batch
// commits). The background suggestion run and the CLI's suggest and
// ideas call it before SuggestInput; it takes the write lock in short
// transactions, so it belongs off the UI goroutine. Running out of time
// is not an error, nor is a failure to learn (the associations learned
// before stay in use); only ctx's own end is.
func (s *Store) LearnRecent(ctx context.Context) error {
	lctx, cancel := context.WithTimeout(ctx, learnBudget)
	defer cancel()
	if _, err := s.LearnAssociations(lctx); err != nil && ctx.Err() != nil {
		return fmt.Errorf("store: learn associations: %w", ctx.Err())
	}
	if _, err := s.LearnProfiles(lctx); err != nil && ctx.Err() != nil {
		return fmt.Errorf("store: learn profiles: %w", ctx.Err())
	}
	return nil
}

// suggestSnapshot reads SuggestInput's one snapshot.
func (s *Store) suggestSnapshot(ctx context.Context, now time.Time, window time.Duration) (model.SuggestInput, error) {
	in := model.SuggestInput{Now: now, Writing: map[int64][]string{}, FeedbackItems: map[int64]model.FeedbackItem{}}
	tx, err := s.db.BeginTx(ctx, &sql.TxOptions{ReadOnly: true}) // a deferred BEGIN: one snapshot, no write lock
	if err != nil {
		return in, fmt.Errorf("store: suggest input: %w", err)
	}
	defer tx.Rollback()

	if in.Prefs, err = prefsQ(ctx, tx); err != nil {
		return in, err
	}
	if window <= 0 {
		window = in.Prefs.SuggestWindowOf()
	}
	if in.Contacts, err = s.contactsQ(ctx, tx, ContactFilter{}); err != nil {
		return in, err
	}
	if in.Items, err = candidates(ctx, tx, now.Add(-window).Unix(), now.Unix()); err != nil {
		return in, err
	}
	if err := fillAuthors(ctx, tx, in.Items, in.Contacts); err != nil {
		return in, err
	}
	if in.Communities, err = communityInfos(ctx, tx); err != nil {
		return in, err
	}
	if in.Shares, err = allShares(ctx, tx); err != nil {
		return in, err
	}
	if in.Feedback, err = allFeedback(ctx, tx); err != nil {
		return in, err
	}
	if err := fillWriting(ctx, tx, in.Contacts, in.Writing); err != nil {
		return in, err
	}
	if err := fillFeedbackItems(ctx, tx, in.Items, in.FeedbackItems); err != nil {
		return in, err
	}
	return in, nil
}

// candidates reads the unread or starred items of [from, to], newest first,
// with their text, categories and notes. Publication times are never 0 for
// items stored by SaveFetches (it falls back to the fetch time); the second
// branch covers rows written otherwise.
func candidates(ctx context.Context, tx *sql.Tx, from, to int64) ([]model.Candidate, error) {
	rows, err := tx.QueryContext(ctx, `SELECT i.id, i.source_id, s.title, i.guid, i.link, i.title, i.author, i.content_text,
		i.categories, i.published_at, i.updated_at, i.fetched_at, i.dedupe_key, i.hash, i.read, i.starred, ifnull(n.body, '')
		FROM items i JOIN sources s ON s.id = i.source_id LEFT JOIN notes n ON n.item_id = i.id
		WHERE (i.published_at BETWEEN ? AND ? OR (i.published_at = 0 AND i.fetched_at BETWEEN ? AND ?))
		AND (i.read = 0 OR i.starred = 1)
		ORDER BY CASE WHEN i.published_at = 0 THEN i.fetched_at ELSE i.published_at END DESC, i.id DESC`,
		from, to, from, to)
	if err != nil {
		return nil, fmt.Errorf("store: suggest input: items: %w", err)
	}
	defer rows.Close()
	var out []model.Candidate
	for rows.Next() {
		cpus.Step(ctx) // a background run pauses while the user acts
		var it model.Item
		var cats string
		var pub, upd, fetched int64
		if err := rows.Scan(&it.ID, &it.SourceID, &it.SourceTitle, &it.GUID, &it.Link, &it.Title, &it.Author, &it.Text,
			&cats, &pub, &upd, &fetched, &it.DedupeKey, &it.Hash, &it.Read, &it.Starred, &it.Note); err != nil {
			return nil, fmt.Errorf("store: suggest input: items: %w", err)
		}
		it.Categories = splitLines(cats)
		it.Published, it.Updated, it.FetchedAt = fromUnix(pub), fromUnix(upd), fromUnix(fetched)
		out = append(out, model.Candidate{Item: it})
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("store: suggest input: items: %w", err)
	}
	return out, nil
}

// fillAuthors sets each candidate's AuthorIDs (and WrittenBy) from the
// contacts linked to its source.
func fillAuthors(ctx context.Context, tx *sql.Tx, items []model.Candidate, contacts []model.Contact) error {
	if len(items) == 0 {
		return nil
	}
	names := make(map[int64]string, len(contacts))
	for _, c := range contacts {
		names[c.ID] = c.Name
	}
	rows, err := tx.QueryContext(ctx, `SELECT source_id, contact_id FROM contact_sources ORDER BY source_id, contact_id`)
	if err != nil {
		return fmt.Errorf("store: suggest input: authors: %w", err)
	}
	defer rows.Close()
	authors := map[int64][]int64{}
	for rows.Next() {
		var src, c int64
		if err := rows.Scan(&src, &c); err != nil {
			return fmt.Errorf("store: suggest input: authors: %w", err)
		}
		authors[src] = append(authors[src], c)
	}
	if err := rows.Err(); err != nil {
		return fmt.Errorf("store: suggest input: authors: %w", err)
	}
	for i := range items {
		ids := authors[items[i].SourceID]
		if len(ids) == 0 {
			continue
		}
		items[i].AuthorIDs = append([]int64(nil), ids...)
		for _, id := range ids {
			items[i].WrittenBy = append(items[i].WrittenBy, names[id])
		}
	}
	return nil
}

// communityInfos reads every community with its members' IDs.
func communityInfos(ctx context.Context, tx *sql.Tx) ([]model.CommunityInfo, error) {
	rows, err := tx.QueryContext(ctx, `SELECT id, name, description, digest_day, digest_time FROM communities
		ORDER BY name COLLATE NOCASE, id`)
	if err != nil {
		return nil, fmt.Errorf("store: suggest input: communities: %w", err)
	}
	var out []model.CommunityInfo
	byID := map[int64]int{}
	for rows.Next() {
		var k model.CommunityInfo
		var day int
		if err := rows.Scan(&k.ID, &k.Name, &k.Description, &day, &k.DigestTime); err != nil {
			rows.Close()
			return nil, fmt.Errorf("store: suggest input: communities: %w", err)
		}
		k.DigestDay = time.Weekday(day)
		byID[k.ID] = len(out)
		out = append(out, k)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("store: suggest input: communities: %w", err)
	}
	rows, err = tx.QueryContext(ctx, `SELECT community_id, contact_id FROM community_members ORDER BY community_id, contact_id`)
	if err != nil {
		return nil, fmt.Errorf("store: suggest input: members: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var k, c int64
		if err := rows.Scan(&k, &c); err != nil {
			return nil, fmt.Errorf("store: suggest input: members: %w", err)
		}
		if i, ok := byID[k]; ok {
			out[i].MemberIDs = append(out[i].MemberIDs, c)
			out[i].Members++
		}
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("store: suggest input: members: %w", err)
	}
	return out, nil
}

// allShares reads every share, oldest first.
func allShares(ctx context.Context, tx *sql.Tx) ([]model.Share, error) {
	rows, err := tx.QueryContext(ctx, `SELECT id, ifnull(item_id, 0), ifnull(contact_id, 0), ifnull(community_id, 0), channel, shared_at, note
		FROM shares ORDER BY shared_at, id`)
	if err != nil {
		return nil, fmt.Errorf("store: suggest input: shares: %w", err)
	}
	defer rows.Close()
	var out []model.Share
	for rows.Next() {
		var sh model.Share
		var channel string
		var at int64
		if err := rows.Scan(&sh.ID, &sh.ItemID, &sh.ContactID, &sh.CommunityID, &channel, &at, &sh.Note); err != nil {
			return nil, fmt.Errorf("store: suggest input: shares: %w", err)
		}
		sh.Channel = model.Channel(channel)
		sh.SharedAt = fromUnix(at)
		out = append(out, sh)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("store: suggest input: shares: %w", err)
	}
	return out, nil
}

// allFeedback reads every verdict, oldest first.
func allFeedback(ctx context.Context, tx *sql.Tx) ([]model.Feedback, error) {
	rows, err := tx.QueryContext(ctx, `SELECT item_id, ifnull(contact_id, 0), ifnull(community_id, 0), verdict, until_at, created_at
		FROM suggestion_feedback ORDER BY created_at, id`)
	if err != nil {
		return nil, fmt.Errorf("store: suggest input: feedback: %w", err)
	}
	defer rows.Close()
	var out []model.Feedback
	for rows.Next() {
		var f model.Feedback
		var verdict string
		var until, at int64
		if err := rows.Scan(&f.ItemID, &f.ContactID, &f.CommunityID, &verdict, &until, &at); err != nil {
			return nil, fmt.Errorf("store: suggest input: feedback: %w", err)
		}
		f.Verdict = model.Verdict(verdict)
		f.Until, f.At = fromUnix(until), fromUnix(at)
		out = append(out, f)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("store: suggest input: feedback: %w", err)
	}
	return out, nil
}

// fillWriting sets, per contact, the title and categories (one string per
// item) of the latest writingItems items of the sources they write. One
// query takes the latest writingItems of every written source through the
// (source, published) index; each contact then keeps the latest of theirs.
func fillWriting(ctx context.Context, tx *sql.Tx, contacts []model.Contact, writing map[int64][]string) error {
	rows, err := tx.QueryContext(ctx, `SELECT i.source_id, i.id, i.published_at, i.title, i.categories
		FROM (SELECT DISTINCT source_id FROM contact_sources) w
		JOIN items i ON i.id IN (SELECT j.id FROM items j WHERE j.source_id = w.source_id
			ORDER BY j.published_at DESC, j.id DESC LIMIT ?)`, writingItems)
	if err != nil {
		return fmt.Errorf("store: suggest input: writing: %w", err)
	}
	defer rows.Close()
	type written struct {
		id, published int64
		text          string
	}
	bySource := map[int64][]written{}
	for rows.Next() {
		var src int64
		var w written
		var title, cats string
		if err := rows.Scan(&src, &w.id, &w.published, &title, &cats); err != nil {
			return fmt.Errorf("store: suggest input: writing: %w", err)
		}
		parts := make([]string, 0, 4)
		if title = strings.TrimSpace(title); title != "" {
			parts = append(parts, title)
		}
		parts = append(parts, splitLines(cats)...)
		if len(parts) == 0 {
			continue
		}
		w.text = strings.Join(parts, " . ")
		bySource[src] = append(bySource[src], w)
	}
	if err := rows.Err(); err != nil {
		return fmt.Errorf("store: suggest input: writing: %w", err)
	}
	for _, c := range contacts {
		var ws []written
		for _, src := range c.SourceIDs {
			ws = append(ws, bySource[src]...)
		}
		if len(ws) == 0 {
			continue
		}
		sort.Slice(ws, func(a, b int) bool {
			if ws[a].published != ws[b].published {
				return ws[a].published > ws[b].published
			}
			return ws[a].id > ws[b].id
		})
		texts := make([]string, 0, min(len(ws), writingItems))
		for _, w := range ws[:min(len(ws), writingItems)] {
			texts = append(texts, w.text)
		}
		writing[c.ID] = texts
	}
	return nil
}

// fillFeedbackItems reads the title, categories and text of the items
// named in shares or verdicts that are not candidates.
func fillFeedbackItems(ctx context.Context, tx *sql.Tx, items []model.Candidate, out map[int64]model.FeedbackItem) error {
	isCandidate := make(map[int64]bool, len(items))
	for _, it := range items {
		isCandidate[it.ID] = true
	}
	rows, err := tx.QueryContext(ctx, `SELECT id, title, categories, content_text FROM items
		WHERE id IN (SELECT item_id FROM shares UNION SELECT item_id FROM suggestion_feedback)`)
	if err != nil {
		return fmt.Errorf("store: suggest input: feedback items: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var id int64
		var f model.FeedbackItem
		var cats string
		if err := rows.Scan(&id, &f.Title, &cats, &f.Text); err != nil {
			return fmt.Errorf("store: suggest input: feedback items: %w", err)
		}
		if isCandidate[id] {
			continue
		}
		f.Categories = splitLines(cats)
		out[id] = f
	}
	if err := rows.Err(); err != nil {
		return fmt.Errorf("store: suggest input: feedback items: %w", err)
	}
	return nil
}
