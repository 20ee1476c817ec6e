package store

import (
	"context"
	"database/sql"
)

// migrations is append-only: never edit a shipped entry, add a new one.
// Each runs in one transaction together with the bump of schema_version,
// so a database is always at exactly one version.
var migrations = []string{
	// 1: the whole first schema.
	`
CREATE TABLE folders (
	id        INTEGER PRIMARY KEY,
	parent_id INTEGER REFERENCES folders(id) ON DELETE CASCADE,
	name      TEXT NOT NULL CHECK (name <> ''),
	position  INTEGER NOT NULL DEFAULT 0
);
CREATE UNIQUE INDEX folders_parent_name ON folders(ifnull(parent_id, 0), name);

CREATE TABLE sources (
	id              INTEGER PRIMARY KEY,
	folder_id       INTEGER REFERENCES folders(id) ON DELETE SET NULL,
	title           TEXT NOT NULL DEFAULT '',
	feed_url        TEXT NOT NULL UNIQUE CHECK (feed_url <> ''),
	site_url        TEXT NOT NULL DEFAULT '',
	description     TEXT NOT NULL DEFAULT '',
	category        TEXT NOT NULL DEFAULT '',
	position        INTEGER NOT NULL DEFAULT 0,
	etag            TEXT NOT NULL DEFAULT '',
	last_modified   TEXT NOT NULL DEFAULT '',
	last_checked_at INTEGER NOT NULL DEFAULT 0,
	next_check_at   INTEGER NOT NULL DEFAULT 0,
	last_error      TEXT NOT NULL DEFAULT '',
	error_count     INTEGER NOT NULL DEFAULT 0,
	created_at      INTEGER NOT NULL
);
CREATE INDEX sources_folder ON sources(folder_id);

CREATE TABLE items (
	id           INTEGER PRIMARY KEY,
	source_id    INTEGER NOT NULL REFERENCES sources(id) ON DELETE CASCADE,
	dedupe_key   TEXT NOT NULL,
	hash         TEXT NOT NULL DEFAULT '',
	guid         TEXT NOT NULL DEFAULT '',
	link         TEXT NOT NULL DEFAULT '',
	title        TEXT NOT NULL DEFAULT '',
	author       TEXT NOT NULL DEFAULT '',
	content_html TEXT NOT NULL DEFAULT '',
	content_text TEXT NOT NULL DEFAULT '',
	categories   TEXT NOT NULL DEFAULT '', -- one per line
	published_at INTEGER NOT NULL DEFAULT 0,
	updated_at   INTEGER NOT NULL DEFAULT 0,
	fetched_at   INTEGER NOT NULL,
	read         INTEGER NOT NULL DEFAULT 0,
	starred      INTEGER NOT NULL DEFAULT 0,
	UNIQUE (source_id, dedupe_key)
);
CREATE INDEX items_published ON items(published_at DESC, id DESC);
CREATE INDEX items_source_published ON items(source_id, published_at DESC, id DESC);
CREATE INDEX items_unread ON items(published_at DESC, id DESC) WHERE read = 0;
CREATE INDEX items_source_unread ON items(source_id) WHERE read = 0;
CREATE INDEX items_starred ON items(published_at DESC, id DESC) WHERE starred = 1;

-- Full-text search over item text, stemmed (porter) for later matching.
CREATE VIRTUAL TABLE items_fts USING fts5(
	title, content_text, author, categories,
	content='items', content_rowid='id', tokenize='porter unicode61 remove_diacritics 2'
);
-- New rows are indexed by the code that inserts them (store.saveOne), not
-- by a trigger: a trigger makes every INSERT open a statement savepoint,
-- and FTS5 flushes its pending index at each one, which made bulk
-- refreshes several times slower. Deletes and updates are rare and go
-- through triggers.
CREATE TRIGGER items_fts_delete AFTER DELETE ON items BEGIN
	INSERT INTO items_fts(items_fts, rowid, title, content_text, author, categories)
	VALUES ('delete', old.id, old.title, old.content_text, old.author, old.categories);
END;
CREATE TRIGGER items_fts_update AFTER UPDATE OF title, content_text, author, categories ON items BEGIN
	INSERT INTO items_fts(items_fts, rowid, title, content_text, author, categories)
	VALUES ('delete', old.id, old.title, old.content_text, old.author, old.categories);
	INSERT INTO items_fts(rowid, title, content_text, author, categories)
	VALUES (new.id, new.title, new.content_text, new.author, new.categories);
END;

CREATE TABLE notes (
	item_id    INTEGER PRIMARY KEY REFERENCES items(id) ON DELETE CASCADE,
	body       TEXT NOT NULL,
	updated_at INTEGER NOT NULL
);

CREATE TABLE contacts (
	id                INTEGER PRIMARY KEY,
	name              TEXT NOT NULL CHECK (name <> ''),
	role              TEXT NOT NULL DEFAULT '',
	organisation      TEXT NOT NULL DEFAULT '',
	timezone          TEXT NOT NULL DEFAULT '',
	work_start        TEXT NOT NULL DEFAULT '09:00',
	work_end          TEXT NOT NULL DEFAULT '17:00',
	cadence_seconds   INTEGER NOT NULL DEFAULT 0,
	channel           TEXT NOT NULL DEFAULT 'email',
	notes             TEXT NOT NULL DEFAULT '',
	last_contacted_at INTEGER NOT NULL DEFAULT 0,
	created_at        INTEGER NOT NULL
);
CREATE TABLE contact_emails (
	contact_id INTEGER NOT NULL REFERENCES contacts(id) ON DELETE CASCADE,
	email      TEXT NOT NULL COLLATE NOCASE UNIQUE
);
CREATE INDEX contact_emails_contact ON contact_emails(contact_id);
CREATE TABLE contact_handles (
	contact_id INTEGER NOT NULL REFERENCES contacts(id) ON DELETE CASCADE,
	kind       TEXT NOT NULL,
	value      TEXT NOT NULL COLLATE NOCASE,
	UNIQUE (kind, value)
);
CREATE INDEX contact_handles_contact ON contact_handles(contact_id);
CREATE TABLE contact_circles (
	contact_id INTEGER NOT NULL REFERENCES contacts(id) ON DELETE CASCADE,
	circle     TEXT NOT NULL CHECK (circle IN ('team', 'community', 'network')),
	PRIMARY KEY (contact_id, circle)
);
CREATE TABLE contact_interests (
	contact_id INTEGER NOT NULL REFERENCES contacts(id) ON DELETE CASCADE,
	phrase     TEXT NOT NULL CHECK (phrase <> ''),
	PRIMARY KEY (contact_id, phrase)
);
CREATE TABLE contact_sources (
	contact_id INTEGER NOT NULL REFERENCES contacts(id) ON DELETE CASCADE,
	source_id  INTEGER NOT NULL REFERENCES sources(id) ON DELETE CASCADE,
	PRIMARY KEY (contact_id, source_id)
);
CREATE INDEX contact_sources_source ON contact_sources(source_id);

CREATE TABLE communities (
	id           INTEGER PRIMARY KEY,
	name         TEXT NOT NULL COLLATE NOCASE UNIQUE CHECK (name <> ''),
	description  TEXT NOT NULL DEFAULT '',
	digest_day   INTEGER NOT NULL DEFAULT 5 CHECK (digest_day BETWEEN 0 AND 6),
	digest_time  TEXT NOT NULL DEFAULT '10:00',
	created_at   INTEGER NOT NULL
);
CREATE TABLE community_members (
	community_id INTEGER NOT NULL REFERENCES communities(id) ON DELETE CASCADE,
	contact_id   INTEGER NOT NULL REFERENCES contacts(id) ON DELETE CASCADE,
	PRIMARY KEY (community_id, contact_id)
);
CREATE INDEX community_members_contact ON community_members(contact_id);

CREATE TABLE shares (
	id           INTEGER PRIMARY KEY,
	item_id      INTEGER NOT NULL REFERENCES items(id) ON DELETE CASCADE,
	contact_id   INTEGER REFERENCES contacts(id) ON DELETE CASCADE,
	community_id INTEGER REFERENCES communities(id) ON DELETE CASCADE,
	channel      TEXT NOT NULL,
	shared_at    INTEGER NOT NULL,
	note         TEXT NOT NULL DEFAULT '',
	CHECK ((contact_id IS NULL) <> (community_id IS NULL))
);
CREATE INDEX shares_contact ON shares(contact_id, shared_at);
CREATE INDEX shares_community ON shares(community_id, shared_at);
CREATE INDEX shares_item ON shares(item_id);

-- The user's answers to suggestions: dismissed ("not for them"), shared, snoozed.
CREATE TABLE suggestion_feedback (
	id           INTEGER PRIMARY KEY,
	item_id      INTEGER NOT NULL REFERENCES items(id) ON DELETE CASCADE,
	contact_id   INTEGER REFERENCES contacts(id) ON DELETE CASCADE,
	community_id INTEGER REFERENCES communities(id) ON DELETE CASCADE,
	verdict      TEXT NOT NULL CHECK (verdict IN ('dismissed', 'shared', 'snoozed')),
	until_at     INTEGER NOT NULL DEFAULT 0,
	created_at   INTEGER NOT NULL
);
CREATE INDEX suggestion_feedback_item ON suggestion_feedback(item_id);

CREATE TABLE settings (
	key   TEXT PRIMARY KEY,
	value TEXT NOT NULL
);
`,

	// 2: the search index takes terms analysed in Go (analysis.SearchText:
	// folded and stemmed, on the fetchers' goroutines) and only splits them
	// at spaces. Stemming with SQLite's porter tokenizer on the single
	// writer was a third of a first refresh's writing. The index keeps no
	// copy of the text; indexSearch fills it from the items.
	`
DROP TRIGGER items_fts_delete;
DROP TRIGGER items_fts_update;
DROP TABLE items_fts;
CREATE VIRTUAL TABLE items_search USING fts5(
	title, body, author, categories,
	content='', contentless_delete=1, tokenize='ascii'
);
-- Items are indexed and re-indexed by the code that writes them (saveOne):
-- their terms come from Go.
CREATE TRIGGER items_search_delete AFTER DELETE ON items BEGIN
	DELETE FROM items_search WHERE rowid = old.id;
END;
`,
	// 3: a share outlives its item. Removing a source deletes its items,
	// but what went to whom stays in the history and the flow, with the
	// item's title and link as they were when it was shared.
	`
CREATE TABLE shares_v3 (
	id           INTEGER PRIMARY KEY,
	item_id      INTEGER REFERENCES items(id) ON DELETE SET NULL,
	item_title   TEXT NOT NULL DEFAULT '',
	item_url     TEXT NOT NULL DEFAULT '',
	contact_id   INTEGER REFERENCES contacts(id) ON DELETE CASCADE,
	community_id INTEGER REFERENCES communities(id) ON DELETE CASCADE,
	channel      TEXT NOT NULL,
	shared_at    INTEGER NOT NULL,
	note         TEXT NOT NULL DEFAULT '',
	CHECK ((contact_id IS NULL) <> (community_id IS NULL))
);
INSERT INTO shares_v3 (id, item_id, item_title, item_url, contact_id, community_id, channel, shared_at, note)
	SELECT sh.id, sh.item_id, i.title, i.link, sh.contact_id, sh.community_id, sh.channel, sh.shared_at, sh.note
	FROM shares sh JOIN items i ON i.id = sh.item_id;
DROP TABLE shares;
ALTER TABLE shares_v3 RENAME TO shares;
CREATE INDEX shares_contact ON shares(contact_id, shared_at);
CREATE INDEX shares_community ON shares(community_id, shared_at);
CREATE INDEX shares_item ON shares(item_id);
`,
	// 4: term associations learned from the user's own items
	// (store.LearnAssociations, model/assoc): document frequencies per
	// term, co-occurrence counts per pair of term ids (a < b) seen at
	// least assoc.Admit times, and where learning stands, with the sketch
	// that counts the pairs not stored yet. Filled incrementally; an
	// existing database starts empty and learns its items on the first
	// call.
	`
CREATE TABLE assoc_terms (
	id   INTEGER PRIMARY KEY,
	term TEXT NOT NULL UNIQUE,
	df   INTEGER NOT NULL
);
CREATE TABLE assoc_pairs (
	a INTEGER NOT NULL, -- assoc_terms.id, a < b
	b INTEGER NOT NULL,
	n INTEGER NOT NULL, -- documents in which a and b occur within the window
	PRIMARY KEY (a, b)
) WITHOUT ROWID;
CREATE INDEX assoc_pairs_b ON assoc_pairs(b);
CREATE TABLE assoc_state (
	id        INTEGER PRIMARY KEY CHECK (id = 1),
	analyzer  INTEGER NOT NULL, -- analyser version the counts were made with
	docs      INTEGER NOT NULL, -- documents counted
	last_item INTEGER NOT NULL, -- highest item id learned
	sketch    BLOB              -- assoc.Sketch of the pairs not stored yet
);
INSERT INTO assoc_state (id, analyzer, docs, last_item) VALUES (1, 0, 0, 0);
`,
	// 5: the search index gets prefix tables for one, two and three
	// letters, and each item's source, and keeps no positions. The Seek
	// list searches as the user types, and a query for a prefix FTS5 has
	// no table for merges the postings of every term that starts with it:
	// "c" took 3.5 s over 500,000 items, "co" 0.6 s. With them a short
	// prefix is one term, read lazily newest first. Positions
	// (detail=full) would be stored for each prefix too: without them
	// (detail=none) the refresh's writer stores terms and prefixes faster
	// than it stored terms and positions before, and the index is smaller;
	// a quoted phrase is checked against the text of the items that hold
	// its terms (store.searchIDs). The source column holds one term, _s
	// and the source's id ('_' is a token character here and never in the
	// analysed text, so nothing typed matches it): a search within a
	// source or a folder is then an AND in the index, which skips to the
	// source's items, instead of reading every match to keep the few that
	// are the source's (0.75 s for "c" at 500,000 items). A longer
	// prefix is matched as the terms it starts (items_search_vocab lists
	// them; store.prefixTerms). A larger
	// in-memory batch (hashsize, 16 MB instead of 1 MB) makes FTS5 flush
	// and merge segments less often within the refresh's transactions. A
	// contentless index cannot rebuild itself: indexSearch analyses every
	// item again, in this transaction.
	`
DROP TRIGGER items_search_delete;
DROP TABLE items_search;
CREATE VIRTUAL TABLE items_search USING fts5(
	title, body, author, categories, source,
	content='', contentless_delete=1, tokenize="ascii tokenchars '_'", prefix='1 2 3', detail=none
);
INSERT INTO items_search (items_search, rank) VALUES ('hashsize', 16777216);
-- Its terms, for prefixes longer than the prefix tables (prefixTerms).
CREATE VIRTUAL TABLE items_search_vocab USING fts5vocab('items_search', 'row');
CREATE TRIGGER items_search_delete AFTER DELETE ON items BEGIN
	DELETE FROM items_search WHERE rowid = old.id;
END;
`,
	// 6: read items can be pruned (store.PruneRead, the "Keep read items
	// for" preference). read_at is when an item was marked read (0: before
	// this migration, or unread); an item's age for pruning is the later
	// of when it was stored and when it was read, and items_read_age lists
	// the read, unstarred items by that age, so a prune batch reads only
	// what it deletes. pruned_items remembers the dedupe key of every
	// pruned item, so that a feed still listing it does not bring it back
	// as unread; seen_at is when a fetch last listed it (day precision),
	// and a key unseen for a year is forgotten. The search index stops
	// rewriting a segment as soon as a tenth of its rows are deleted
	// (FTS5's deletemerge): pruning half the items made that 5 to 14 s a
	// transaction (see prune.go).
	`
ALTER TABLE items ADD COLUMN read_at INTEGER NOT NULL DEFAULT 0;
CREATE INDEX items_read_age ON items(max(fetched_at, read_at)) WHERE read = 1 AND starred = 0;
CREATE TABLE pruned_items (
	source_id  INTEGER NOT NULL REFERENCES sources(id) ON DELETE CASCADE,
	dedupe_key TEXT NOT NULL,
	seen_at    INTEGER NOT NULL,
	PRIMARY KEY (source_id, dedupe_key)
) WITHOUT ROWID;
CREATE INDEX pruned_items_seen ON pruned_items(seen_at);
INSERT INTO items_search (items_search, rank) VALUES ('deletemerge', 0);
`,
	// 7: a source's error in plain words (last_error, feeds.Explain) keeps
	// its technical message apart (last_error_detail), and failing_since
	// says when the failures in a row began (0 while it works).
	`
ALTER TABLE sources ADD COLUMN last_error_detail TEXT NOT NULL DEFAULT '';
ALTER TABLE sources ADD COLUMN failing_since INTEGER NOT NULL DEFAULT 0;
`,
	// 8: an item's enclosures (a podcast episode, a PDF: model.Enclosure),
	// as a JSON array, "" for none.
	`
ALTER TABLE items ADD COLUMN enclosures TEXT NOT NULL DEFAULT '';
`,
	// 9: feed server accounts (the Google Reader API, feeds/greader) and
	// what a sync needs to resume and to merge (store/accounts.go). The
	// secret is never here: it is in the keyring or a 0600 file.
	migration9Accounts,
	// 10: CardDAV accounts and the cards synced with their address book
	// (model/carddav, store/contactsync.go).
	migration10CardDAV,
	// 11: interest profiles (model/assoc, store/profiles.go): per
	// interest, the sums of the shares of the terms of the items naming
	// it, and how many items from which sources.
	migration11Profiles,
	// 12: the acronyms the items define (store/acronyms.go), learned with
	// the associations.
	migration12Acronyms,
}

// migrationSteps run in Go after the SQL of the migration with the same
// number, in its transaction.
var migrationSteps = map[int]func(context.Context, *sql.Tx) error{
	// 2 indexed every item too, into the index 5 drops: 5 alone does now,
	// so a database of schema 1 is not analysed twice.
	5: indexSearch,
}
