package service

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/knowflow/knowflow/feeds/greader/testserver"
	"github.com/knowflow/knowflow/model/secrets"
	"github.com/knowflow/knowflow/model/store"
)

func TestMain(m *testing.M) { os.Exit(testserver.Main(m)) }

// closedURL is the address of a server that was closed: nothing listens
// there, so a connection is refused.
func closedURL(t *testing.T) string {
	t.Helper()
	srv := httptest.NewServer(http.NotFoundHandler())
	u := srv.URL
	srv.Close()
	return u
}

// Each failure is made for real against a loopback server (or a closed
// port, a name that cannot resolve) by CheckAccount, and ExplainAccount
// sorts it into what a person can act on.
func TestExplainAccount(t *testing.T) {
	s := newService(t)
	good := testserver.LoginServer(t, "ana", "pw")
	unauthorized := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("WWW-Authenticate", `Basic realm="x"`)
		http.Error(w, "Unauthorized", http.StatusUnauthorized)
	}))
	defer unauthorized.Close()
	// A web site where the API should be: Miniflux itself serves its HTML
	// login page at any path it does not know, with 200.
	html := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		fmt.Fprint(w, "<!DOCTYPE html><html><head><title>Sign in</title></head><body><form></form></body></html>")
	}))
	defer html.Close()
	broken := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		http.Error(w, "oops", http.StatusBadGateway)
	}))
	defer broken.Close()
	// Google's own ClientLogin refused logins with 403 Error=BadAuthentication.
	badAuth := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		http.Error(w, "Error=BadAuthentication", http.StatusForbidden)
	}))
	defer badAuth.Close()
	closed := closedURL(t)
	port := closed[strings.LastIndexByte(closed, ':')+1:]
	expired, cancel := context.WithDeadline(context.Background(), time.Unix(0, 0))
	defer cancel()

	for _, c := range []struct {
		name string
		ctx  context.Context
		n    NewAccount
		want AccountProblem
		says string
	}{
		{"working", nil, NewAccount{Kind: KindGReader, URL: good.URL + "/", User: "ana", Password: "pw"}, ProblemNone, ""},
		{"refused connection", nil, NewAccount{Kind: KindGReader, URL: closed, User: "ana", Password: "pw"}, ProblemUnreachable,
			"cannot be reached: 127.0.0.1 refused the connection on port " + port},
		{"no such name", nil, NewAccount{Kind: KindGReader, URL: "http://knowflow-test.invalid", User: "ana", Password: "pw"}, ProblemUnreachable,
			"knowflow-test.invalid"},
		{"no answer in time", expired, NewAccount{Kind: KindGReader, URL: good.URL, User: "ana", Password: "pw"}, ProblemUnreachable,
			"did not answer in time"},
		{"https on an http port", nil, NewAccount{Kind: KindGReader, URL: strings.Replace(good.URL, "http:", "https:", 1), User: "ana", Password: "pw"}, ProblemUnreachable,
			"does not speak https"},
		{"wrong password", nil, NewAccount{Kind: KindGReader, URL: good.URL, User: "ana", Password: "nope"}, ProblemLogin, "refused the login"},
		{"401", nil, NewAccount{Kind: KindGReader, URL: unauthorized.URL, User: "ana", Password: "pw"}, ProblemLogin, "refused the login"},
		{"BadAuthentication", nil, NewAccount{Kind: KindGReader, URL: badAuth.URL, User: "ana", Password: "pw"}, ProblemLogin, "refused the login"},
		{"HTML at the API path", nil, NewAccount{Kind: KindGReader, URL: html.URL, User: "ana", Password: "pw"}, ProblemNotReader,
			"does not serve the Google Reader API at this address, or the API is turned off"},
		{"404 at the API path", nil, NewAccount{Kind: KindGReader, URL: good.URL + "/miniflux", User: "ana", Password: "pw"}, ProblemNotReader,
			"does not serve the Google Reader API"},
		{"server error", nil, NewAccount{Kind: KindGReader, URL: broken.URL, User: "ana", Password: "pw"}, ProblemServer, "HTTP 502 Bad Gateway"},
		{"not a web address", nil, NewAccount{Kind: KindGReader, URL: "rss.example.org", User: "ana", Password: "pw"}, ProblemAddress, "https://"},
		{"carddav: refused connection", nil, NewAccount{Kind: KindCardDAV, URL: closed, User: "ana", Password: "pw"}, ProblemUnreachable, "refused the connection"},
		{"carddav: 401", nil, NewAccount{Kind: KindCardDAV, URL: unauthorized.URL, User: "ana", Password: "pw"}, ProblemLogin, "refused the login"},
		{"carddav: a web site", nil, NewAccount{Kind: KindCardDAV, URL: html.URL, User: "ana", Password: "pw"}, ProblemNotCardDAV, "no address book was found"},
	} {
		t.Run(c.name, func(t *testing.T) {
			ctx := c.ctx
			if ctx == nil {
				ctx = context.Background()
			}
			_, err := s.CheckAccount(ctx, c.n)
			got, says := ExplainAccount(c.n.Kind, err)
			if got != c.want || !strings.Contains(says, c.says) {
				t.Errorf("%v → %v %q, want %v %q", err, got, says, c.want, c.says)
			}
			if c.want != ProblemNone && (strings.HasPrefix(says, "greader") || strings.HasPrefix(says, "carddav") || strings.Contains(says, c.n.Password)) {
				t.Errorf("says %q", says)
			}
		})
	}
}

// Adding an account is all or nothing: a refused login stores neither the
// account nor a secret; a good one stores the token (not the password);
// removing forgets both.
func TestAddAndRemoveGReaderAccount(t *testing.T) {
	s := newService(t)
	ctx := context.Background()
	srv := testserver.LoginServer(t, "ana", "s3cret-pw")
	secretsFile := s.Path() + ".secrets"

	_, err := s.AddAccount(ctx, NewAccount{Kind: KindGReader, URL: srv.URL, User: "ana", Password: "wrong"})
	if p, _ := ExplainAccount(KindGReader, err); p != ProblemLogin {
		t.Fatalf("wrong password: %v (%v)", err, p)
	}
	if accts, _ := s.Accounts(ctx); len(accts) != 0 {
		t.Fatalf("a refused login stored %+v", accts)
	}
	if _, err := os.Stat(secretsFile); !errors.Is(err, os.ErrNotExist) {
		t.Fatalf("a refused login wrote the secrets file: %v", err)
	}

	a, err := s.AddAccount(ctx, NewAccount{Kind: KindGReader, URL: " " + srv.URL + "/ ", User: "ana", Password: "s3cret-pw"})
	if err != nil {
		t.Fatal(err)
	}
	if a.URL != srv.URL || a.User != "ana" || a.Kind != KindGReader || !a.CreatedAt.Equal(at) {
		t.Fatalf("added %+v", a)
	}
	b, err := os.ReadFile(secretsFile)
	if err != nil || !strings.Contains(string(b), testserver.LoginToken) || strings.Contains(string(b), "s3cret-pw") {
		t.Fatalf("secrets file %q, %v: want the token and not the password", b, err)
	}
	if _, err := s.AddAccount(ctx, NewAccount{Kind: KindGReader, URL: srv.URL, User: "ana", Password: "s3cret-pw"}); err == nil || !strings.Contains(err.Error(), "already an account") {
		t.Fatalf("the same account twice: %v", err)
	}

	if err := s.RemoveAccount(ctx, a.ID); err != nil {
		t.Fatal(err)
	}
	if accts, _ := s.Accounts(ctx); len(accts) != 0 {
		t.Fatalf("removed, still %+v", accts)
	}
	if b, _ := os.ReadFile(secretsFile); strings.Contains(string(b), testserver.LoginToken) {
		t.Fatalf("the token stays after RemoveAccount: %s", b)
	}
	if err := s.RemoveAccount(ctx, a.ID); !errors.Is(err, store.ErrNotFound) {
		t.Fatalf("removing twice: %v", err)
	}
}

// Against a real Radicale: the check finds the user's address books, and
// refuses a wrong password as a login problem; a book's path chosen from
// the check's list is the book AddAccount stores.
func TestCheckCardDAVAccount(t *testing.T) {
	rad := testserver.StartRadicale(t)
	u := rad.NewCardDAVUser(t)
	work := u.MakeBook(t, "work", "Work people")
	s := newService(t)
	ctx := context.Background()
	n := NewAccount{Kind: KindCardDAV, URL: rad.URL, User: u.Name, Password: u.Password}
	found, err := s.CheckAccount(ctx, n)
	if err != nil || len(found.Books) != 2 || found.Book != found.Books[0] {
		t.Fatalf("check: %+v %v", found, err)
	}
	var second Book
	for _, b := range found.Books {
		if b.Path == work {
			second = b
		}
	}
	if second.Name != "Work people" {
		t.Fatalf("check lists %+v, not %s", found.Books, work)
	}
	n.Book = second.Path
	if found, err := s.CheckAccount(ctx, n); err != nil || found.Book != second {
		t.Fatalf("check of %s: %+v %v", second.Path, found, err)
	}
	if accts, _ := s.Accounts(ctx); len(accts) != 0 {
		t.Fatalf("a check stored %+v", accts)
	}
	a, err := s.AddAccount(ctx, n)
	if err != nil || a.Book != second {
		t.Fatalf("add with %s: %+v %v", second.Path, a, err)
	}
	if cb, err := s.CardBook(ctx, a.ID); err != nil || cb.Path != work || cb.Name != "Work people" {
		t.Fatalf("stored book %+v %v, want %s", cb, err, work)
	}
	if err := s.RemoveAccount(ctx, a.ID); err != nil {
		t.Fatal(err)
	}
	n.Book = ""
	_, err = s.CheckAccount(ctx, NewAccount{Kind: KindCardDAV, URL: rad.URL, User: u.Name, Password: "wrong"})
	if p, says := ExplainAccount(KindCardDAV, err); p != ProblemLogin {
		t.Fatalf("wrong password: %v → %v %q", err, p, says)
	}
	if accts, _ := s.Accounts(ctx); len(accts) != 0 {
		t.Fatalf("a check stored %+v", accts)
	}
}

// A sync of an account whose server is gone records the failure on the
// account, which ExplainSyncError reads back in plain words, and the
// other accounts' results are still returned.
func TestSyncAccountsRecordsFailures(t *testing.T) {
	s := newService(t)
	ctx := context.Background()
	gone, err := s.Store.AddAccount(ctx, store.Account{Kind: KindGReader, URL: closedURL(t), User: "ana"})
	if err != nil {
		t.Fatal(err)
	}
	if err := secrets.Beside(s.Path()).Set(gone.ID, "token"); err != nil {
		t.Fatal(err)
	}
	noSecret, err := s.Store.AddAccount(ctx, store.Account{Kind: KindGReader, URL: closedURL(t), User: "bo"})
	if err != nil {
		t.Fatal(err)
	}
	// A server that logs in but serves no subscriptions: 404.
	login := testserver.LoginServer(t, "cy", "pw")
	moved, err := s.Store.AddAccount(ctx, store.Account{Kind: KindGReader, URL: login.URL, User: "cy"})
	if err != nil {
		t.Fatal(err)
	}
	if err := secrets.Beside(s.Path()).Set(moved.ID, testserver.LoginToken); err != nil {
		t.Fatal(err)
	}
	res, err := s.SyncAccounts(ctx, 0)
	if err == nil || len(res.Feeds) != 3 || res.Failed() != 3 || len(res.All()) != 3 {
		t.Fatalf("sync: %+v %v", res, err)
	}
	for id, want := range map[int64]string{
		gone.ID:     "The server cannot be reached: it refused the connection.",
		noSecret.ID: "The saved login is missing: remove the account and add it again.",
		moved.ID:    "The server no longer answers at this address (HTTP 404 Not Found)",
	} {
		got, err := s.GetAccount(ctx, id)
		if err != nil || got.LastError == "" || !got.LastSyncAt.IsZero() {
			t.Fatalf("account after a failed sync: %+v %v", got, err)
		}
		if says := ExplainSyncError(got.LastError); !strings.HasPrefix(says, want) {
			t.Errorf("%q reads %q, want %q", got.LastError, says, want)
		}
	}
	for msg, want := range map[string]string{
		"something else entirely":                                                                      "",
		"carddav: sync of account 2 (x): 502 Bad Gateway":                                              "The server had a problem (HTTP 502 Bad Gateway)",
		"greader: GET /x: 429 Too Many Requests: slow down":                                            "The server asked Knowflow to wait (HTTP 429 Too Many Requests)",
		"item 404 of 500 Internal notes":                                                               "",
		"greader: secrets: account 4: " + secrets.ErrLocked.Error():                                    "The keyring that holds the saved login is locked",
		"greader: secrets: account 4: the keyring failed to read its login: context deadline exceeded": "The keyring that holds the saved login (the Secret Service) did not give it",
	} {
		if says := ExplainSyncError(msg); !strings.HasPrefix(says, want) || (want == "" && says != "") {
			t.Errorf("%q reads %q, want %q", msg, says, want)
		}
	}
	if _, err := s.SyncAccounts(ctx, moved.ID+1); !errors.Is(err, store.ErrNotFound) {
		t.Fatalf("sync of no account: %v", err)
	}
}

// A login that worked but that the keyring could not keep is not taken
// for a server that cannot be reached.
func TestExplainAccountKeyring(t *testing.T) {
	for err, want := range map[error]string{
		fmt.Errorf("secrets: account 1: %w", secrets.ErrLocked):                                                   "The login worked, but the keyring where Knowflow keeps it is locked",
		fmt.Errorf("secrets: account 1: %w to store its login: %w", secrets.ErrKeyring, context.DeadlineExceeded): "The login worked, but the keyring (the Secret Service) did not save it",
	} {
		if p, says := ExplainAccount(KindGReader, err); p != ProblemOther || !strings.HasPrefix(says, want) {
			t.Errorf("%v: %v %q, want %q", err, p, says, want)
		}
	}
}

// Where the secrets are kept: in a test binary, always the file beside
// the database (secrets.For never uses a keyring in other packages' tests).
func TestSecretsWhere(t *testing.T) {
	s := newService(t)
	if got, want := s.SecretsWhere(), "in "+s.Path()+".secrets"; got != want {
		t.Fatalf("SecretsWhere = %q, want %q", got, want)
	}
}
