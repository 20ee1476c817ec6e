package service

import (
	"context"
	"errors"
	"fmt"
	"net/url"
	"strings"

	"github.com/knowflow/knowflow/feeds/greader"
	"github.com/knowflow/knowflow/model/carddav"
	"github.com/knowflow/knowflow/model/store"
)

// Account kinds.
const (
	KindGReader = "greader"    // a feed server's Google Reader API (Miniflux, FreshRSS, ...)
	KindCardDAV = carddav.Kind // an address book (Nextcloud, Radicale, ...)
)

// Book is a CardDAV address book.
type Book = carddav.Book

// NewAccount is what adding an account (or testing its connection) takes.
type NewAccount struct {
	Kind     string // KindGReader or KindCardDAV
	URL      string // the server (Google Reader: the API's root)
	User     string
	Password string // sent to the server; never printed, never logged
	Book     string // CardDAV: the address book's path or name (carddav.ChooseBook); "" the first
}

// AddedAccount is an account just stored.
type AddedAccount struct {
	store.Account
	Book Book // CardDAV: the address book it syncs with
}

// ErrBadAddress: the account's URL is not an http or https address.
var ErrBadAddress = errors.New("not a web address (http:// or https://)")

// clean checks n and trims its URL (no trailing slash): the form the
// account is stored with.
func (n NewAccount) clean() (NewAccount, error) {
	n.URL = strings.TrimRight(strings.TrimSpace(n.URL), "/")
	n.User = strings.TrimSpace(n.User)
	if n.Kind != KindGReader && n.Kind != KindCardDAV {
		return n, fmt.Errorf("service: unknown account kind %q (want %s or %s)", n.Kind, KindGReader, KindCardDAV)
	}
	u, err := url.Parse(n.URL)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return n, fmt.Errorf("service: %q: %w", n.URL, ErrBadAddress)
	}
	if n.User == "" {
		return n, errors.New("service: the user name is empty")
	}
	return n, nil
}

// AddAccount logs in to the server and stores the account, with its
// secret in the keyring, else the secrets file beside the database (never
// in it; SecretsWhere says which): a Google
// Reader API's token (its password is not kept), or a CardDAV password
// with the address book chosen (NewAccount.Book, else the first). Nothing
// is stored when a step fails. The window's Accounts dialog and
// `knowflow account add` both call it.
func (s *Service) AddAccount(ctx context.Context, n NewAccount) (AddedAccount, error) {
	ctx, done, err := s.begin(ctx)
	if err != nil {
		return AddedAccount{}, err
	}
	defer done()
	n, err = n.clean()
	if err != nil {
		return AddedAccount{}, err
	}
	sec := s.sec
	if n.Kind == KindCardDAV {
		a, b, err := carddav.AddAccount(ctx, s.Store, sec, nil, n.URL, n.User, n.Password, n.Book)
		return AddedAccount{Account: a, Book: b}, err
	}
	token, err := greader.Login(ctx, nil, n.URL, n.User, n.Password)
	if err != nil {
		return AddedAccount{}, fmt.Errorf("cannot log in to %s as %s: %w", n.URL, n.User, err)
	}
	a, err := s.Store.AddAccount(ctx, store.Account{Kind: KindGReader, URL: n.URL, User: n.User})
	if err != nil {
		return AddedAccount{}, err
	}
	if err := sec.Set(a.ID, token); err != nil {
		s.Store.RemoveAccount(context.WithoutCancel(ctx), a.ID)
		return AddedAccount{}, err
	}
	return AddedAccount{Account: a}, nil
}

// Checked is what CheckAccount found.
type Checked struct {
	// Books are a CardDAV user's address books, in the server's order
	// (RFC 6764 discovery: the principal, else /.well-known/carddav).
	Books []Book
	// Book is the one AddAccount would choose: NewAccount.Book, else the
	// first. Another one's Path as NewAccount.Book chooses that one.
	Book Book
}

// CheckAccount tries the connection AddAccount would make, and stores
// nothing: a Google Reader API logs in and its token is checked on the
// API (GET /reader/api/0/token); a CardDAV server logs in and its address
// books are found, every one, with the one AddAccount would choose.
// ExplainAccount says in plain words what failed.
func (s *Service) CheckAccount(ctx context.Context, n NewAccount) (Checked, error) {
	ctx, done, err := s.begin(ctx)
	if err != nil {
		return Checked{}, err
	}
	defer done()
	n, err = n.clean()
	if err != nil {
		return Checked{}, err
	}
	if n.Kind == KindCardDAV {
		c, err := carddav.New(n.URL, n.User, n.Password, nil)
		if err != nil {
			return Checked{}, err
		}
		books, err := c.Discover(ctx)
		if err != nil {
			return Checked{}, err
		}
		book, err := carddav.ChooseBook(books, n.Book)
		return Checked{Books: books, Book: book}, err
	}
	token, err := greader.Login(ctx, nil, n.URL, n.User, n.Password)
	if err != nil {
		return Checked{}, err
	}
	return Checked{}, greader.New(n.URL, token, nil).CheckToken(ctx)
}

// RemoveAccount forgets an account and its secret. Its sources stay, as
// sources Knowflow fetches itself again, and its contacts stay, in no
// address book; nothing changes on the server.
func (s *Service) RemoveAccount(ctx context.Context, id int64) error {
	if err := s.Store.RemoveAccount(ctx, id); err != nil {
		return err
	}
	return s.sec.Delete(id)
}

// SecretsWhere says where the accounts' secrets are kept, for a person:
// "in the keyring" when a Secret Service runs on the session bus, else
// "in DATABASE.secrets". The first call may ask the bus (within seconds).
func (s *Service) SecretsWhere() string { return s.sec.Where() }

// SecretsSentence says where the logins are kept, in a sentence, from
// SecretsWhere's answer: the window's Accounts dialog and `knowflow
// accounts` both show it.
func SecretsSentence(where string) string {
	if where == "in the keyring" {
		return "Logins are kept in the keyring (Secret Service)."
	}
	return "Logins are kept " + where + ", readable only by you."
}

// SyncResults are what a sync of the accounts did: the feed servers'
// first, then the address books'.
type SyncResults struct {
	Feeds    []greader.Result
	Contacts []carddav.Result
}

// All is every result, the feed servers' first.
func (r SyncResults) All() []any {
	out := []any{}
	for _, f := range r.Feeds {
		out = append(out, f)
	}
	for _, c := range r.Contacts {
		out = append(out, c)
	}
	return out
}

// Failed counts the accounts whose sync failed.
func (r SyncResults) Failed() int {
	n := 0
	for _, f := range r.Feeds {
		if f.Error != "" {
			n++
		}
	}
	for _, c := range r.Contacts {
		if c.Error != "" {
			n++
		}
	}
	return n
}

// SyncAccounts syncs every account now (only the one with id only, when
// not 0): the feed servers, then the address books. One account failing
// does not stop the others; each records how it went (store.Account's
// LastSyncAt and LastError), and the error returned is the first. Only
// one sync of the accounts runs at a time in a service (a refresh's
// included): a second waits for the first.
func (s *Service) SyncAccounts(ctx context.Context, only int64) (SyncResults, error) {
	var res SyncResults
	ctx, done, err := s.begin(ctx)
	if err != nil {
		return res, err
	}
	defer done()
	kind := ""
	if only != 0 {
		a, err := s.GetAccount(ctx, only)
		if err != nil {
			return res, err
		}
		kind = a.Kind
	}
	s.syncMu.Lock()
	defer s.syncMu.Unlock()
	if kind == "" || kind == KindGReader {
		res.Feeds, err = s.feedSync.SyncAll(ctx, only)
	}
	if kind == "" || kind == KindCardDAV {
		var cerr error
		res.Contacts, cerr = s.contactSync.SyncAll(ctx, only)
		if err == nil {
			err = cerr
		}
	}
	return res, err
}
