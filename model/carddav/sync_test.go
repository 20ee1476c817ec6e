package carddav

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/http/httputil"
	neturl "net/url"
	"path/filepath"
	"slices"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/knowflow/knowflow/feeds/greader/testserver"
	"github.com/knowflow/knowflow/model"
	"github.com/knowflow/knowflow/model/people"
	"github.com/knowflow/knowflow/model/store"
)

// machine is one Knowflow database with a CardDAV account on the test's
// address book.
type machine struct {
	t  *testing.T
	st *store.Store
	sy *Syncer
	a  store.Account
}

var clock = time.Date(2026, 12, 6, 9, 0, 0, 0, time.UTC)

func newMachine(t *testing.T, r *testserver.Radicale, u *testserver.CardDAVUser) *machine {
	t.Helper()
	return newMachineAt(t, r.URL, u)
}

// newMachineAt is newMachine with the server at url (a proxy in front of
// Radicale).
func newMachineAt(t *testing.T, url string, u *testserver.CardDAVUser) *machine {
	t.Helper()
	path := filepath.Join(t.TempDir(), "knowflow.db")
	st, err := store.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	sy := NewSyncer(st)
	sy.Now = func() time.Time { return clock }
	a, book, err := AddAccount(context.Background(), st, sy.Secrets, nil, url, u.Name, u.Password, "")
	if err != nil {
		t.Fatal(err)
	}
	if book.Path != u.Book {
		t.Fatalf("book = %+v, want %s", book, u.Book)
	}
	return &machine{t: t, st: st, sy: sy, a: a}
}

func (m *machine) sync() Result {
	m.t.Helper()
	res, err := m.sy.Sync(context.Background(), m.a)
	if err != nil {
		m.t.Fatalf("sync: %v", err)
	}
	return res
}

func (m *machine) add(c model.Contact, feeds ...string) int64 {
	m.t.Helper()
	id, err := m.st.SaveContact(context.Background(), c, feeds...)
	if err != nil {
		m.t.Fatal(err)
	}
	return id
}

func (m *machine) byName(name string) model.Contact {
	m.t.Helper()
	cs, err := m.st.Contacts(context.Background(), store.ContactFilter{})
	if err != nil {
		m.t.Fatal(err)
	}
	for _, c := range cs {
		if c.Name == name {
			return c
		}
	}
	m.t.Fatalf("no contact %q", name)
	return model.Contact{}
}

// cards is every contact as Knowflow's card without its id, by name: what
// two databases must agree on.
func (m *machine) cards() []string {
	m.t.Helper()
	ctx := context.Background()
	cs, err := m.st.Contacts(ctx, store.ContactFilter{})
	if err != nil {
		m.t.Fatal(err)
	}
	var out []string
	for _, c := range cs {
		fs, err := m.st.ContactFeeds(ctx, []int64{c.ID})
		if err != nil {
			m.t.Fatal(err)
		}
		s, err := people.Card(c, fs[c.ID])
		if err != nil {
			m.t.Fatal(err)
		}
		out = append(out, s)
	}
	slices.Sort(out)
	return out
}

// communities are the communities with members (one emptied stays, as
// any edit leaves it).
func (m *machine) communities() []string {
	ks, err := m.st.Communities(context.Background())
	if err != nil {
		m.t.Fatal(err)
	}
	var out []string
	for _, k := range ks {
		if k.Members > 0 {
			out = append(out, fmt.Sprintf("%s (%d)", k.Name, k.Members))
		}
	}
	return out
}

func sameMachines(t *testing.T, a, b *machine) {
	t.Helper()
	ca, cb := a.cards(), b.cards()
	if strings.Join(ca, "") != strings.Join(cb, "") {
		t.Errorf("the databases differ:\n%s\n---\n%s", strings.Join(ca, ""), strings.Join(cb, ""))
	}
	if ka, kb := a.communities(), b.communities(); strings.Join(ka, ",") != strings.Join(kb, ",") {
		t.Errorf("communities differ: %v / %v", ka, kb)
	}
}

var ada = model.Contact{Name: "Ada Lovelace", Emails: []string{"ada@engines.example"},
	Circles: []model.Circle{model.CircleTeam, model.CircleCommunity}, Communities: []string{"L&D Guild"},
	Interests: []string{"remote work", "looms, and engines"}, Cadence: 48 * time.Hour, WorkStart: "08:00", WorkEnd: "16:00",
	TimeZone: "Europe/London", Role: "Analyst", LastContacted: clock.Add(-72 * time.Hour)}

// Two databases synced through one address book end with the same
// contacts, circles and communities, and a sync with nothing new writes
// nothing.
func TestTwoDatabasesConverge(t *testing.T) {
	r := testserver.StartRadicale(t)
	u := r.NewCardDAVUser(t)
	a, b := newMachine(t, r, u), newMachine(t, r, u)
	a.add(ada, "https://ada.example/feed.xml")
	a.add(model.Contact{Name: "Bo", Circles: []model.Circle{model.CircleNetwork}, Handles: []model.Handle{{Kind: model.HandleMastodon, Value: "bo@social.example"}}})
	b.add(model.Contact{Name: "Cy", Circles: []model.Circle{model.CircleCommunity}, Communities: []string{"Go meetup"}})

	if res := a.sync(); res.Sent != 2 || res.Received != 0 {
		t.Errorf("first sync of a: %+v", res)
	}
	if res := b.sync(); res.Sent != 1 || res.Received != 2 {
		t.Errorf("first sync of b: %+v", res)
	}
	if res := a.sync(); res.Received != 1 || res.Sent != 0 {
		t.Errorf("second sync of a: %+v", res)
	}
	sameMachines(t, a, b)
	if got := b.byName("Ada Lovelace"); got.Cadence != 48*time.Hour || got.WorkStart != "08:00" || len(got.Interests) != 2 || len(got.SourceIDs) != 1 {
		t.Errorf("Ada on b: %+v", got)
	}
	for _, m := range []*machine{a, b} {
		if res := m.sync(); res != (Result{Account: res.Account, Seconds: res.Seconds}) {
			t.Errorf("a sync with nothing new did something: %+v", res)
		}
	}
	// A change on one reaches the other.
	bo := b.byName("Bo")
	bo.Circles = []model.Circle{model.CircleTeam}
	bo.Communities = []string{"Go meetup"}
	b.add(bo)
	if res := b.sync(); res.Sent != 1 {
		t.Errorf("sync after a change: %+v", res)
	}
	if res := a.sync(); res.Received != 1 {
		t.Errorf("sync of the other: %+v", res)
	}
	sameMachines(t, a, b)
}

// A card edited by another client keeps its unknown properties through
// Knowflow's changes; changed on both sides, the server's version of
// what Knowflow does not own wins, and Knowflow's of its own.
func TestOtherClientsPropertiesAndConflicts(t *testing.T) {
	r := testserver.StartRadicale(t)
	u := r.NewCardDAVUser(t)
	a := newMachine(t, r, u)
	a.add(ada)
	a.sync()
	cards, _ := a.st.SyncedCards(context.Background(), a.a.ID)
	var href string
	for h := range cards {
		href = h
	}
	// The phone adds a number, an address and its own property.
	text, _ := u.Do(t, http.MethodGet, href, "", http.StatusOK)
	phone := strings.Replace(text, "END:VCARD", "TEL;TYPE=cell:+44 20 7946 0000\r\nitem1.ADR:;;12 St James's Sq;London;;;UK\r\nX-PHONE-RINGTONE:Bells\r\nEND:VCARD", 1)
	u.Do(t, http.MethodPut, href, phone, http.StatusCreated)
	if res := a.sync(); res.Received != 1 {
		t.Errorf("sync after the phone's edit: %+v", res)
	}
	// Knowflow changes its own fields: the phone's stay.
	c := a.byName("Ada Lovelace")
	c.Circles = []model.Circle{model.CircleNetwork}
	c.Communities = nil
	a.add(c)
	if res := a.sync(); res.Sent != 1 {
		t.Errorf("sync after a change here: %+v", res)
	}
	text, _ = u.Do(t, http.MethodGet, href, "", http.StatusOK)
	for _, want := range []string{"TEL;TYPE=cell:+44 20 7946 0000", "ADR:;;12 St James's Sq;London;;;UK", "X-PHONE-RINGTONE:Bells", "X-KNOWFLOW-CIRCLE:network"} {
		if !strings.Contains(text, want) {
			t.Errorf("the card lost %q:\n%s", want, text)
		}
	}
	if strings.Contains(text, "X-KNOWFLOW-CIRCLE:team") || strings.Contains(text, "L&D Guild") {
		t.Errorf("the old circles are still on the card:\n%s", text)
	}

	// Both change: the phone the name and e-mail, Knowflow the name and
	// the circles.
	phone = strings.NewReplacer("FN:Ada Lovelace", "FN:Augusta Ada King", "ada@engines.example", "ada@analytical.example").Replace(text)
	u.Do(t, http.MethodPut, href, phone, http.StatusCreated)
	c = a.byName("Ada Lovelace")
	c.Name = "Ada L."
	c.Circles = []model.Circle{model.CircleTeam}
	c.Interests = []string{"poetical science"}
	a.add(c)
	if res := a.sync(); res.Conflicts != 1 {
		t.Errorf("sync of a conflict: %+v", res)
	}
	got := a.byName("Augusta Ada King")
	if got.Emails[0] != "ada@analytical.example" || !got.InCircle(model.CircleTeam) || got.InCircle(model.CircleNetwork) || got.Interests[0] != "poetical science" {
		t.Errorf("merged here: %+v", got)
	}
	text, _ = u.Do(t, http.MethodGet, href, "", http.StatusOK)
	for _, want := range []string{"FN:Augusta Ada King", "ada@analytical.example", "X-KNOWFLOW-CIRCLE:team", "poetical science", "X-PHONE-RINGTONE:Bells", "TEL;TYPE=cell"} {
		if !strings.Contains(text, want) {
			t.Errorf("merged card lacks %q:\n%s", want, text)
		}
	}
	if res := a.sync(); res.Received+res.Sent+res.Conflicts != 0 {
		t.Errorf("a sync after the merge did something: %+v", res)
	}
}

// Deletes propagate both ways, and a card deleted by another client goes
// too; a contact deleted on the server but changed here comes back.
func TestDeletesPropagate(t *testing.T) {
	r := testserver.StartRadicale(t)
	u := r.NewCardDAVUser(t)
	a, b := newMachine(t, r, u), newMachine(t, r, u)
	adaID := a.add(ada)
	a.add(model.Contact{Name: "Bo"})
	a.add(model.Contact{Name: "Cy"})
	a.sync()
	b.sync()
	ctx := context.Background()
	if err := a.st.DeleteContact(ctx, adaID); err != nil {
		t.Fatal(err)
	}
	if res := a.sync(); res.DeletedThere != 1 {
		t.Errorf("sync after a delete here: %+v", res)
	}
	if res := b.sync(); res.DeletedHere != 1 {
		t.Errorf("sync of the other: %+v", res)
	}
	if err := b.st.DeleteContact(ctx, b.byName("Bo").ID); err != nil {
		t.Fatal(err)
	}
	b.sync()
	if res := a.sync(); res.DeletedHere != 1 {
		t.Errorf("sync after a delete on the other: %+v", res)
	}
	sameMachines(t, a, b)
	if n := len(a.cards()); n != 1 {
		t.Errorf("%d contacts left, want 1 (Cy)", n)
	}
	// Another client deletes Cy while b changes Cy: Cy goes back.
	cards, _ := a.st.SyncedCards(ctx, a.a.ID)
	for h := range cards {
		u.Do(t, http.MethodDelete, h, "", http.StatusOK)
	}
	cy := b.byName("Cy")
	cy.Interests = []string{"typesetting"}
	b.add(cy)
	if res := a.sync(); res.DeletedHere != 1 {
		t.Errorf("sync after another client's delete: %+v", res)
	}
	if res := b.sync(); res.DeletedHere != 0 || res.Sent != 1 {
		t.Errorf("sync of a contact changed here and deleted there: %+v", res)
	}
	a.sync()
	sameMachines(t, a, b)
	if got := a.byName("Cy"); len(got.Interests) != 1 {
		t.Errorf("Cy back on a: %+v", got)
	}
}

// A contact already here (imported from the same phone's export) is
// linked to its card by e-mail address, not added twice: the card's name
// and Knowflow's own circles.
func TestFirstSyncLinksTheSamePerson(t *testing.T) {
	r := testserver.StartRadicale(t)
	u := r.NewCardDAVUser(t)
	a, b := newMachine(t, r, u), newMachine(t, r, u)
	a.add(ada)
	a.sync()
	b.add(model.Contact{Name: "Ada", Emails: []string{"ADA@engines.example"}, Circles: []model.Circle{model.CircleNetwork}})
	if res := b.sync(); res.Conflicts != 1 || res.Sent != 0 || res.Received != 0 {
		t.Errorf("first sync of b: %+v", res)
	}
	a.sync()
	sameMachines(t, a, b)
	if n := len(b.cards()); n != 1 {
		t.Fatalf("%d contacts on b, want 1", n)
	}
	if got := a.byName("Ada Lovelace"); !got.InCircle(model.CircleNetwork) || got.InCircle(model.CircleTeam) {
		t.Errorf("Ada on a: %+v", got)
	}
}

// Two cards of one person in the book (the same e-mail address) make one
// contact; the other card is skipped, not an error; a group card too.
func TestDuplicateCardsAndGroupsAreSkipped(t *testing.T) {
	r := testserver.StartRadicale(t)
	u := r.NewCardDAVUser(t)
	for i, uid := range []string{"dup-1", "dup-2"} {
		u.Do(t, http.MethodPut, u.Book+uid+".vcf", fmt.Sprintf("BEGIN:VCARD\r\nVERSION:3.0\r\nUID:%s\r\nFN:Dee %d\r\nEMAIL:dee@example.org\r\nEND:VCARD\r\n", uid, i), http.StatusCreated)
	}
	u.Do(t, http.MethodPut, u.Book+"group.vcf", "BEGIN:VCARD\r\nVERSION:4.0\r\nUID:g\r\nKIND:group\r\nFN:Friends\r\nEND:VCARD\r\n", http.StatusCreated)
	a := newMachine(t, r, u)
	if res := a.sync(); res.Received != 1 || res.Skipped != 2 {
		t.Errorf("sync: %+v", res)
	}
	if n := len(a.cards()); n != 1 {
		t.Errorf("%d contacts, want 1", n)
	}
}

// A sync that fails halfway (the server's answer to a PUT lost, then the
// server unreachable) records why, keeps what it stored, and the next sync
// ends the work without a second card for anyone.
func TestFailedSyncResumes(t *testing.T) {
	r := testserver.StartRadicale(t)
	u := r.NewCardDAVUser(t)
	target, _ := neturl.Parse(r.URL)
	proxy := httputil.NewSingleHostReverseProxy(target)
	var puts atomic.Int32
	var down atomic.Bool
	front := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, req *http.Request) {
		if down.Load() {
			http.Error(w, "down", http.StatusBadGateway)
			return
		}
		if req.Method == http.MethodPut && puts.Add(1) == 2 {
			// The server stores it; its answer never arrives.
			proxy.ServeHTTP(httptest.NewRecorder(), req)
			http.Error(w, "lost", http.StatusBadGateway)
			return
		}
		proxy.ServeHTTP(w, req)
	}))
	defer front.Close()
	a := newMachineAt(t, front.URL, u)
	for _, n := range []string{"Ana", "Bo", "Cy"} {
		a.add(model.Contact{Name: n})
	}
	res, err := a.sy.Sync(context.Background(), a.a)
	if err == nil || res.Sent != 1 {
		t.Fatalf("sync with a lost answer: %+v %v", res, err)
	}
	if acct, _ := a.st.GetAccount(context.Background(), a.a.ID); !strings.Contains(acct.LastError, "502") {
		t.Errorf("the failure is not recorded: %q", acct.LastError)
	}
	down.Store(true)
	if _, err := a.sy.Sync(context.Background(), a.a); err == nil {
		t.Fatal("a sync with the server down worked")
	}
	down.Store(false)
	if res := a.sync(); res.Sent != 1 || res.Received != 1 {
		t.Errorf("the sync after: %+v", res)
	}
	list, err := serverClient(t, a).List(context.Background(), u.Book)
	if err != nil || len(list) != 3 {
		t.Errorf("cards on the server: %d %v, want 3", len(list), err)
	}
	b := newMachine(t, r, u)
	b.sync()
	sameMachines(t, a, b)
}

// serverClient is a client of the machine's account, to look at the
// server.
func serverClient(t *testing.T, m *machine) *Client {
	t.Helper()
	pw, err := m.sy.Secrets.Get(m.a.ID)
	if err != nil {
		t.Fatal(err)
	}
	c, err := New(m.a.URL, m.a.User, pw, nil)
	if err != nil {
		t.Fatal(err)
	}
	return c
}
