package carddav

import (
	"context"
	"crypto/rand"
	"errors"
	"fmt"
	"net/http"
	"path"
	"slices"
	"time"

	"github.com/knowflow/knowflow/model"
	"github.com/knowflow/knowflow/model/people"
	"github.com/knowflow/knowflow/model/secrets"
	"github.com/knowflow/knowflow/model/store"
)

// Syncer syncs a store's contacts with its CardDAV accounts' address
// books, both ways.
//
// Every card synced is remembered with its ETag, its text as last agreed
// with the server, and Knowflow's own card of the contact then
// (people.Card). A sync:
//
//  1. asks the server what changed since the last sync-token (RFC 6578),
//     or lists every card's ETag when the server has no sync-collection
//     or refuses the token;
//  2. takes each card new or changed on the server. A contact unchanged
//     here takes the card whole. A contact changed here too is a
//     conflict: the server's version of the fields Knowflow does not own
//     (name, e-mail, handles, role, organisation, time zone, notes, and
//     every property Knowflow does not read) is kept, and Knowflow's
//     version of its own fields (circles, communities, interests,
//     cadence, working hours, channel, last contacted, feeds: the
//     X-KNOWFLOW-* properties and CATEGORIES) is written into the card,
//     which goes back to the server. A new card whose e-mail address or
//     handle is a contact's here that is in no address book is that
//     contact (merged the same way), not a second one.
//  3. deletes here the contacts whose card was deleted on the server,
//     unless changed here since (then they go back as new cards);
//  4. sends what changed here: a changed contact's card is patched
//     (people.PatchCard: only the groups of properties that changed are
//     rewritten, the rest of the card stays as the other client wrote it)
//     and written with If-Match; a contact deleted here deletes its card,
//     unless the card changed on the server since (then the server's card
//     comes back here at the next sync);
//  5. writes each contact in no address book as a new card, remembered
//     (without an ETag) before it is sent, so that a PUT whose answer was
//     lost is not sent again as a second card: the next sync sends it
//     again with If-None-Match, or takes the card the server has;
//  6. keeps the server's new sync-token.
//
// Each card's step is one transaction, made after the server agreed, so
// a failed sync (server gone, network lost, process killed) leaves every
// contact either as it was or synced, and the next sync takes up from
// there. A card written here that the server changed in between (If-Match
// fails) is left for the next sync, which sees a conflict.
type Syncer struct {
	Store   *store.Store
	Secrets secrets.Secrets
	HTTP    *http.Client     // nil: http.DefaultClient
	Now     func() time.Time // nil: time.Now
	// NewUID names a new card (nil: a random UUID).
	NewUID func() string
}

// NewSyncer returns the syncer of st's CardDAV accounts, with passwords
// where secrets.For keeps them (the keyring, else the file beside the
// database).
func NewSyncer(st *store.Store) *Syncer {
	return &Syncer{Store: st, Secrets: secrets.For(st.Path())}
}

// Result says what one account's sync did.
type Result struct {
	Account      int64   `json:"account"`
	Received     int     `json:"received"`          // cards new or changed on the server, stored here
	Sent         int     `json:"sent"`              // contacts new or changed here, written to the server
	Conflicts    int     `json:"conflicts"`         // changed on both sides, merged
	DeletedHere  int     `json:"deleted_here"`      // deleted on the server, so here
	DeletedThere int     `json:"deleted_on_server"` // deleted here, so on the server
	Skipped      int     `json:"skipped"`           // cards that are no contact (groups), or changed again during the sync
	Seconds      float64 `json:"seconds"`
	Error        string  `json:"error,omitempty"`
}

// SyncAll syncs every CardDAV account (or only the one with id only, when
// not 0). One account failing does not stop the others: its error is in
// its Result and recorded on the account; the error returned is the first.
func (s *Syncer) SyncAll(ctx context.Context, only int64) ([]Result, error) {
	return store.SyncAccounts(ctx, s.Store, Kind, only, s.Sync)
}

// Kind is the accounts' kind: "carddav".
const Kind = "carddav"

// Sync syncs one account and records how it went on it.
func (s *Syncer) Sync(ctx context.Context, a store.Account) (Result, error) {
	res := Result{Account: a.ID}
	took, err := store.RecordSync(ctx, s.Store, "carddav", a, s.Now, func() (time.Time, error) {
		return time.Time{}, s.sync(ctx, a, &res)
	})
	res.Seconds = took.Seconds()
	if err != nil {
		res.Error = err.Error()
	}
	return res, err
}

// run is one account's sync under way.
type run struct {
	*Syncer
	c       *Client
	account int64
	book    store.CardBook
	known   map[string]store.SyncedCard
	byID    map[int64]model.Contact
	feeds   map[int64][]string
	// unlinked maps an e-mail address or handle to a contact in no
	// address book; owners to any contact.
	unlinked, owners map[string]int64
	res              *Result
}

func (s *Syncer) sync(ctx context.Context, a store.Account, res *Result) error {
	pw, err := s.Secrets.Get(a.ID)
	if err != nil {
		return err
	}
	c, err := New(a.URL, a.User, pw, s.HTTP)
	if err != nil {
		return err
	}
	r := &run{Syncer: s, c: c, account: a.ID, res: res}
	if r.book, err = s.Store.CardBook(ctx, a.ID); err != nil {
		return err
	}
	if r.known, err = s.Store.SyncedCards(ctx, a.ID); err != nil {
		return err
	}
	if err := r.loadContacts(ctx); err != nil {
		return err
	}
	changed, gone, token, err := r.serverChanges(ctx)
	if err != nil {
		return err
	}
	done := map[string]bool{}
	for _, o := range changed {
		done[o.Href] = true
		if err := r.take(ctx, o.Href); err != nil {
			return err
		}
	}
	for _, href := range gone {
		done[href] = true
		if err := r.gone(ctx, r.known[href]); err != nil {
			return err
		}
	}
	for _, href := range sortedHrefs(r.known) {
		if !done[href] {
			if err := r.send(ctx, r.known[href]); err != nil {
				return err
			}
		}
	}
	if err := r.sendNew(ctx); err != nil {
		return err
	}
	if token != "" {
		return s.Store.SetCardToken(ctx, a.ID, token)
	}
	return nil
}

func sortedHrefs(m map[string]store.SyncedCard) []string {
	hrefs := make([]string, 0, len(m))
	for h := range m {
		hrefs = append(hrefs, h)
	}
	slices.Sort(hrefs)
	return hrefs
}

func (r *run) loadContacts(ctx context.Context) error {
	cs, err := r.Store.Contacts(ctx, store.ContactFilter{})
	if err != nil {
		return err
	}
	r.byID, r.owners = map[int64]model.Contact{}, map[string]int64{}
	ids := make([]int64, 0, len(cs))
	for _, c := range cs {
		r.byID[c.ID] = c
		ids = append(ids, c.ID)
		for _, k := range people.Keys(c) {
			r.owners[k] = c.ID
		}
	}
	if r.feeds, err = r.Store.ContactFeeds(ctx, ids); err != nil {
		return err
	}
	un, _, err := r.Store.UnsyncedContacts(ctx)
	if err != nil {
		return err
	}
	r.unlinked = map[string]int64{}
	for _, c := range un {
		for _, k := range people.Keys(c) {
			r.unlinked[k] = c.ID
		}
	}
	return nil
}

// serverChanges returns the cards new or changed on the server (their
// ETag is not the one agreed), the hrefs of known cards deleted there,
// and the token to keep.
func (r *run) serverChanges(ctx context.Context) (changed []Object, gone []string, token string, err error) {
	full := r.book.Token == ""
	objs, deleted, token, err := r.c.Changes(ctx, r.book.Path, r.book.Token)
	if err != nil && !full { // a token the server no longer knows: start over
		full = true
		objs, deleted, token, err = r.c.Changes(ctx, r.book.Path, "")
	}
	if err != nil { // no sync-collection: list every card
		if errors.Is(err, ErrLogin) || ctx.Err() != nil {
			return nil, nil, "", err
		}
		if objs, err = r.c.List(ctx, r.book.Path); err != nil {
			return nil, nil, "", err
		}
		token, full = "", true
	}
	seen := map[string]bool{}
	for _, o := range objs {
		seen[o.Href] = true
		if k, ok := r.known[o.Href]; !ok || k.ETag != o.ETag {
			changed = append(changed, o)
		}
	}
	if full {
		deleted = nil
		for _, href := range sortedHrefs(r.known) {
			if !seen[href] {
				deleted = append(deleted, href)
			}
		}
	}
	for _, href := range deleted {
		// A card not sent yet (no ETag) is not gone: send sends it.
		if k, ok := r.known[href]; ok && !seen[href] && k.ETag != "" {
			gone = append(gone, href)
		}
	}
	return changed, gone, token, nil
}

// local returns the contact of a known card and whether it changed here
// since the last sync (false for a contact deleted here).
func (r *run) local(k store.SyncedCard) (c model.Contact, card string, changed bool, err error) {
	c, ok := r.byID[k.Contact]
	if !ok {
		return c, "", false, nil
	}
	card, err = people.Card(c, r.feeds[c.ID])
	return c, card, card != k.Local, err
}

// take stores a card new or changed on the server (step 2).
func (r *run) take(ctx context.Context, href string) error {
	text, etag, err := r.c.Get(ctx, href)
	if errors.Is(err, ErrGone) { // deleted since it was listed
		if k, ok := r.known[href]; ok {
			return r.gone(ctx, k)
		}
		return nil
	}
	if err != nil {
		return err
	}
	im, err := people.ParseCard(text)
	if err != nil { // a group, or not a contact Knowflow can read
		r.res.Skipped++
		return nil
	}
	card := store.SyncedCard{Href: href, ETag: etag, Card: text}
	k, known := r.known[href]
	var here model.Contact
	var changedHere, found bool
	if known && k.Contact != 0 {
		var err error
		here, _, changedHere, err = r.local(k)
		if err != nil {
			return err
		}
		found = true
	} else if id, ok := r.match(im.Contact); ok {
		here, changedHere, found = r.byID[id], true, true
	}
	if r.taken(im.Contact, here.ID) {
		// Another card (a duplicate in the book) has this e-mail address
		// or handle: a contact cannot have it twice.
		r.res.Skipped++
		return nil
	}
	if !found || !changedHere {
		c := im.Contact
		c.ID = here.ID // 0: a new contact
		id, err := r.Store.SaveCardContact(ctx, r.account, card, c, im.Feeds, people.Card)
		if err != nil {
			return err
		}
		for _, k := range people.Keys(c) {
			r.owners[k] = id
		}
		r.res.Received++
		return nil
	}
	// Changed on both sides: theirs for what Knowflow does not own, ours
	// for the rest, written back to the server.
	merged := people.KeepOwn(im.Contact, here)
	ourFeeds := r.feeds[here.ID]
	theirs, err := people.Card(im.Contact, im.Feeds)
	if err != nil {
		return err
	}
	ours, err := people.Card(merged, ourFeeds)
	if err != nil {
		return err
	}
	patched, err := people.PatchCard(text, theirs, ours)
	if err != nil {
		return err
	}
	if patched != text {
		etag, err = r.c.Put(ctx, href, patched, etag)
		if errors.Is(err, ErrChanged) || errors.Is(err, ErrGone) { // changed again: next time
			r.res.Skipped++
			return nil
		}
		if err != nil {
			return err
		}
	}
	card.ETag, card.Card = etag, patched
	if _, err := r.Store.SaveCardContact(ctx, r.account, card, merged, ourFeeds, people.Card); err != nil {
		return err
	}
	r.res.Conflicts++
	return nil
}

// taken says whether an e-mail address or handle of c is another
// contact's than the one with id (0: c is new).
func (r *run) taken(c model.Contact, id int64) bool {
	for _, k := range people.Keys(c) {
		if owner, ok := r.owners[k]; ok && owner != id {
			return true
		}
	}
	return false
}

// match finds the contact in no address book that is c (the same e-mail
// address or handle), and takes it out of the unlinked ones.
func (r *run) match(c model.Contact) (int64, bool) {
	for _, k := range people.Keys(c) {
		if id, ok := r.unlinked[k]; ok {
			for key, v := range r.unlinked {
				if v == id {
					delete(r.unlinked, key)
				}
			}
			return id, true
		}
	}
	return 0, false
}

// gone follows a card deleted on the server (step 3).
func (r *run) gone(ctx context.Context, k store.SyncedCard) error {
	_, _, changedHere, err := r.local(k)
	if err != nil {
		return err
	}
	// Changed here: forgetting the card makes the contact a new card.
	deleteHere := k.Contact != 0 && !changedHere
	if err := r.Store.ForgetCard(ctx, r.account, k, deleteHere); err != nil {
		return err
	}
	if deleteHere {
		r.res.DeletedHere++
	}
	return nil
}

// send sends a known card's change made here (step 4).
func (r *run) send(ctx context.Context, k store.SyncedCard) error {
	if k.Contact == 0 {
		err := r.c.Delete(ctx, k.Href, k.ETag)
		if errors.Is(err, ErrChanged) { // changed there since: it comes back
			r.res.Skipped++
			return nil
		}
		if err != nil {
			return err
		}
		r.res.DeletedThere++
		return r.Store.ForgetCard(ctx, r.account, k, false)
	}
	if k.ETag == "" { // a new card whose PUT may not have arrived
		return r.put(ctx, k)
	}
	c, now, changed, err := r.local(k)
	if err != nil || !changed {
		return err
	}
	patched, err := people.PatchCard(k.Card, k.Local, now)
	if err != nil {
		return err
	}
	etag, err := r.c.Put(ctx, k.Href, patched, k.ETag)
	if errors.Is(err, ErrChanged) || errors.Is(err, ErrGone) { // the next sync merges
		r.res.Skipped++
		return nil
	}
	if err != nil {
		return err
	}
	r.res.Sent++
	return r.Store.SetSyncedCard(ctx, r.account, store.SyncedCard{Href: k.Href, ETag: etag, Card: patched, Local: now, Contact: c.ID})
}

// sendNew writes each contact in no address book as a new card (step 5).
func (r *run) sendNew(ctx context.Context) error {
	cs, feeds, err := r.Store.UnsyncedContacts(ctx)
	if err != nil {
		return err
	}
	for _, c := range cs {
		uid := r.uid()
		text, err := people.NewCard(c, feeds[c.ID], uid)
		if err != nil {
			return err
		}
		local, err := people.Card(c, feeds[c.ID])
		if err != nil {
			return err
		}
		// Remembered before it is sent, so that a PUT whose answer is lost
		// is not sent again as a second card.
		k := store.SyncedCard{Href: path.Join(r.book.Path, uid+".vcf"), Card: text, Local: local, Contact: c.ID}
		if err := r.Store.SetSyncedCard(ctx, r.account, k); err != nil {
			return err
		}
		r.known[k.Href] = k
		if err := r.put(ctx, k); err != nil {
			return err
		}
	}
	return nil
}

// put writes a new card (If-None-Match); one already there is the same
// card sent by a sync that did not hear the answer, taken as it is.
func (r *run) put(ctx context.Context, k store.SyncedCard) error {
	etag, err := r.c.Put(ctx, k.Href, k.Card, "")
	if errors.Is(err, ErrChanged) {
		return r.take(ctx, k.Href)
	}
	if err != nil {
		return err
	}
	k.ETag = etag
	r.res.Sent++
	return r.Store.SetSyncedCard(ctx, r.account, k)
}

func (r *run) uid() string {
	if r.NewUID != nil {
		return r.NewUID()
	}
	var b [16]byte
	rand.Read(b[:])
	b[6] = b[6]&0x0f | 0x40 // version 4
	b[8] = b[8]&0x3f | 0x80 // RFC 4122 variant
	return fmt.Sprintf("%x-%x-%x-%x-%x", b[0:4], b[4:6], b[6:8], b[8:10], b[10:])
}
