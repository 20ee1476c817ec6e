package ui

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"os"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/test"

	"github.com/knowflow/knowflow/feeds/greader/testserver"
	"github.com/knowflow/knowflow/model/secrets"
	"github.com/knowflow/knowflow/model/service"
	"github.com/knowflow/knowflow/model/store"
)

// The CardDAV tests run against a real Radicale, which Main stops.
func TestMain(m *testing.M) { os.Exit(testserver.Main(m)) }

// openAccounts opens File ▸ Accounts… and lets it read the accounts.
func openAccounts(t *testing.T, u *App) *accountsDialog {
	t.Helper()
	u.showAccounts()
	settle(t, u)
	if u.accountsDlg == nil || len(u.dialogs) == 0 {
		t.Fatal("the Accounts dialog did not open")
	}
	return u.accountsDlg
}

// topObj is the dialog on top; top its text.
func topObj(u *App) fyne.CanvasObject { return u.Window().Canvas().Overlays().Top() }
func top(u *App) string               { return texts(topObj(u)) }

// drawn is every text drawn under o (canvas.Text: what is on screen; a
// password entry draws bullets).
func drawn(o fyne.CanvasObject) string {
	var sb strings.Builder
	visit(o, func(o fyne.CanvasObject) bool {
		if t, ok := o.(*canvas.Text); ok {
			sb.WriteString(t.Text + "\n")
		}
		return true
	})
	return sb.String()
}

// formOpen says the Add account form is the dialog on top.
func formOpen(u *App) bool {
	return len(u.dialogs) == 2 && strings.Contains(top(u), "[Test connection]")
}

// fillAccount opens Add… and types a Google Reader account into it.
func fillAccount(t *testing.T, u *App, d *accountsDialog, url, user, password string) *accountForm {
	t.Helper()
	test.Tap(findButton(t, topObj(u), "Add…"))
	f := d.form
	if f == nil || u.Window().Canvas().Focused() != f.url {
		t.Fatal("Add… did not open the form with the address focused")
	}
	test.Type(f.url, url)
	test.Type(f.user, user)
	test.Type(f.password, password)
	return f
}

func storedAccounts(t *testing.T, u *App) []store.Account {
	t.Helper()
	accts, err := full(u).Accounts(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	return accts
}

func TestAccountsInFileMenu(t *testing.T) {
	u, _, _ := newTestUI(t, Options{})
	var item *fyne.MenuItem
	for _, it := range u.mainMenu().Items[0].Items {
		if it.Label == "Accounts…" {
			item = it
		}
	}
	if item == nil {
		t.Fatal("no File ▸ Accounts…")
	}
	item.Action()
	settle(t, u)
	if got := top(u); !strings.Contains(got, "No accounts yet") || !strings.Contains(got, "[Sync now]") || !strings.Contains(got, "[Add…]") {
		t.Errorf("Accounts… opened:\n%s", got)
	}
}

// A server that refuses the login: Test connection and Save both say so
// in plain words, the form stays open, and nothing is stored.
func TestAddAccountLoginRefused(t *testing.T) {
	u, _, b := newTestUI(t, Options{})
	srv := testserver.LoginServer(t, "ana", "right-pw")
	d := openAccounts(t, u)
	f := fillAccount(t, u, d, srv.URL, "ana", "wrong-pw")
	for _, button := range []string{"Test connection", "Save"} {
		test.Tap(findButton(t, topObj(u), button))
		if !f.busy || !f.saveBtn.Disabled() {
			t.Errorf("%s: the buttons stay on while it runs", button)
		}
		settle(t, u)
		if !strings.Contains(f.result.Text, "The server answered, but refused the login: check the user name and password") {
			t.Errorf("%s says %q", button, f.result.Text)
		}
		if f.busy || f.saveBtn.Disabled() {
			t.Errorf("%s: the buttons stay off", button)
		}
		if !formOpen(u) {
			t.Errorf("%s closed the form", button)
		}
		if got := drawn(topObj(u)); strings.Contains(got, "wrong-pw") || !strings.Contains(got, "••••••••") {
			t.Errorf("%s shows the password:\n%s", button, got)
		}
	}
	if accts := storedAccounts(t, u); len(accts) != 0 {
		t.Fatalf("a refused login stored %+v", accts)
	}
	if _, err := os.Stat(b.Path() + ".secrets"); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("a refused login wrote the secrets file: %v", err)
	}
}

// What a form without an address says, and what an unreachable address
// says (a closed port: nothing listens).
func TestAddAccountSaysWhatIsWrong(t *testing.T) {
	u, _, _ := newTestUI(t, Options{})
	d := openAccounts(t, u)
	f := fillAccount(t, u, d, "", "ana", "pw")
	f.onTest()
	if f.result.Text != "Give the server's address." || f.busy {
		t.Errorf("no address: %q", f.result.Text)
	}
	closed := httptest.NewServer(http.NotFoundHandler())
	closed.Close()
	f.url.SetText(closed.URL)
	f.onTest()
	settle(t, u)
	if !strings.HasPrefix(f.result.Text, "The address cannot be reached: 127.0.0.1 refused the connection") || !f.more.Visible() {
		t.Errorf("closed port: %q", f.result.Text)
	}
	test.Tap(f.more)
	if !f.detail.Visible() || !strings.Contains(f.detail.Text, "connection refused") {
		t.Errorf("details: %q", f.detail.Text)
	}
	f.kind.SetSelected(kindCardDAVLabel)
	if f.result.Visible() || !strings.Contains(f.url.PlaceHolder, "remote.php/dav") {
		t.Errorf("another kind keeps %q, placeholder %q", f.result.Text, f.url.PlaceHolder)
	}
}

// A working server: Test connection says so, Save stores the account
// (its token, not the password) and the list shows it.
func TestAddAccountWorks(t *testing.T) {
	u, _, b := newTestUI(t, Options{})
	srv := testserver.LoginServer(t, "ana", "s3cret-pw")
	d := openAccounts(t, u)
	f := fillAccount(t, u, d, srv.URL+"/", "ana", "s3cret-pw")
	test.Tap(findButton(t, topObj(u), "Test connection"))
	settle(t, u)
	if !strings.HasPrefix(f.result.Text, "Connected: the server accepted the login") {
		t.Fatalf("test says %q", f.result.Text)
	}
	if accts := storedAccounts(t, u); len(accts) != 0 {
		t.Fatalf("Test connection stored %+v", accts)
	}
	pressKey(u.Window().Canvas(), fyne.KeyReturn) // the address has the focus: Enter saves
	settle(t, u)
	if formOpen(u) || len(u.dialogs) != 1 {
		t.Fatalf("the form stays open: %q", f.result.Text)
	}
	accts := storedAccounts(t, u)
	if len(accts) != 1 || accts[0].URL != srv.URL || accts[0].User != "ana" || accts[0].Kind != service.KindGReader {
		t.Fatalf("stored %+v", accts)
	}
	got := top(u)
	for _, want := range []string{"Feed server · ana", srv.URL, "Not synced yet · 0 subscriptions", "[Remove…]", "Added ana at " + srv.URL} {
		if !strings.Contains(got, want) {
			t.Errorf("the list lacks %q:\n%s", want, got)
		}
	}
	if strings.Contains(drawn(topObj(u)), "s3cret-pw") || f.password.Text != "" {
		t.Error("the password is shown or kept in the form")
	}
	if tok, err := secrets.Beside(b.Path()).Get(accts[0].ID); err != nil || tok != testserver.LoginToken {
		t.Errorf("secret %q, %v: want the token", tok, err)
	}
}

// Remove… asks first; Cancel keeps the account, Remove forgets it and
// its secret.
func TestRemoveAccountAsks(t *testing.T) {
	u, _, b := newTestUI(t, Options{})
	srv := testserver.LoginServer(t, "ana", "pw")
	a, err := b.AddAccount(context.Background(), service.NewAccount{Kind: service.KindGReader, URL: srv.URL, User: "ana", Password: "pw"})
	if err != nil {
		t.Fatal(err)
	}
	d := openAccounts(t, u)
	for _, confirm := range []bool{false, true} {
		test.Tap(findButton(t, topObj(u), "Remove…"))
		if d.removeDlg == nil || !strings.Contains(top(u), "Its subscriptions stay here") {
			t.Fatalf("Remove… asked:\n%s", top(u))
		}
		if confirm {
			pressKey(u.Window().Canvas(), fyne.KeyReturn) // the confirmation owns the keys: Enter removes
		} else {
			pressKey(u.Window().Canvas(), fyne.KeyEscape)
		}
		settle(t, u)
		if n := len(storedAccounts(t, u)); confirm != (n == 0) {
			t.Fatalf("confirm %v: %d accounts left", confirm, n)
		}
	}
	if got := top(u); !strings.Contains(got, "No accounts yet") || !strings.Contains(got, "Removed ana at "+srv.URL) {
		t.Errorf("after Remove:\n%s", got)
	}
	if _, err := secrets.Beside(b.Path()).Get(a.ID); !errors.Is(err, secrets.ErrNone) {
		t.Errorf("the secret stays: %v", err)
	}
}

// The list says when each account last synced (by the window's clock)
// and why its last sync failed; Sync now syncs and shows the outcome.
func TestSyncNowShowsFailures(t *testing.T) {
	u, _, b := newTestUI(t, Options{})
	ctx := context.Background()
	closed := httptest.NewServer(http.NotFoundHandler())
	closed.Close()
	a, err := b.Store.AddAccount(ctx, store.Account{Kind: service.KindGReader, URL: closed.URL, User: "ana"})
	if err != nil {
		t.Fatal(err)
	}
	if err := secrets.Beside(b.Path()).Set(a.ID, "token"); err != nil {
		t.Fatal(err)
	}
	if err := b.SetAccountSynced(ctx, a.ID, testNow.Add(-5*time.Minute), "", time.Time{}); err != nil {
		t.Fatal(err)
	}
	d := openAccounts(t, u)
	if got := top(u); !strings.Contains(got, "Last synced 5 min ago · 0 subscriptions") || strings.Contains(got, "failed") {
		t.Fatalf("before the sync:\n%s", got)
	}
	test.Tap(d.syncBtn)
	if !d.syncBtn.Disabled() || d.syncBtn.Text != "Syncing…" {
		t.Errorf("Sync now while syncing: %q, disabled %v", d.syncBtn.Text, d.syncBtn.Disabled())
	}
	settle(t, u)
	got := top(u)
	for _, want := range []string{"1 of 1 account could not sync", "Last synced 5 min ago", "The last sync failed. The server cannot be reached: it refused the connection.", "[Details]"} {
		if !strings.Contains(got, want) {
			t.Errorf("after Sync now, no %q:\n%s", want, got)
		}
	}
	if strings.Contains(got, "sync of account") || d.syncBtn.Disabled() {
		t.Errorf("after Sync now:\n%s", got)
	}
}

// The form owns the keys like every dialog: Esc in the password field
// closes the form and leaves Accounts open; Esc again closes that.
func TestAccountFormEsc(t *testing.T) {
	u, _, _ := newTestUI(t, Options{})
	c := u.Window().Canvas()
	d := openAccounts(t, u)
	f := fillAccount(t, u, d, "", "", "")
	c.Focus(f.password)
	typeInWindow(c, "rsmj")
	pressKey(c, fyne.KeyEscape)
	if formOpen(u) || len(u.dialogs) != 1 {
		t.Fatalf("Esc in the password field: %d dialogs open", len(u.dialogs))
	}
	pressKey(c, fyne.KeyEscape)
	if len(u.dialogs) != 0 || c.Overlays().Top() != nil {
		t.Fatalf("Esc left Accounts open")
	}
}

// keyringStore is the window's store with its logins in the keyring.
type keyringStore struct{ accountStore }

func (keyringStore) SecretsWhere() string { return "in the keyring" }

// Under the list, the Accounts dialog says where the logins are kept:
// the file beside the database (a test binary's secrets.For), or the
// keyring when a Secret Service runs.
func TestAccountsSayWhereLoginsAreKept(t *testing.T) {
	u, _, b := newTestUI(t, Options{})
	d := openAccounts(t, u)
	want := "Logins are kept in " + b.Path() + ".secrets, readable only by you."
	if got := top(u); !strings.Contains(got, want) || !d.secrets.Visible() {
		t.Fatalf("no %q in:\n%s", want, got)
	}
	abs := fyne.CurrentApp().Driver().AbsolutePositionForObject
	if below, list := abs(d.secrets).Y, abs(d.scroll).Y+d.scroll.Size().Height; below < list {
		t.Errorf("the line is at %v, above the list's bottom %v", below, list)
	}
	pressKey(u.Window().Canvas(), fyne.KeyEscape)
	u.accountsSt = keyringStore{full(u)}
	openAccounts(t, u)
	if got := top(u); !strings.Contains(got, "Logins are kept in the keyring (Secret Service).") || strings.Contains(got, ".secrets") {
		t.Fatalf("with a keyring:\n%s", got)
	}
}

// fillCardDAV opens Add… and types the CardDAV account of user at rad.
func fillCardDAV(t *testing.T, u *App, d *accountsDialog, rad *testserver.Radicale, user *testserver.CardDAVUser) *accountForm {
	t.Helper()
	f := fillAccount(t, u, d, rad.URL, user.Name, user.Password)
	f.kind.SetSelected(kindCardDAVLabel)
	return f
}

// storedBook is the address book account a syncs with.
func storedBook(t *testing.T, u *App, a store.Account) store.CardBook {
	t.Helper()
	b, err := full(u).(backend).CardBook(context.Background(), a.ID)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// Against a real Radicale, a user with two address books: Test connection
// offers both by name and path, the first chosen; choosing the second and
// saving adds the account with the second, as --book does.
func TestAddCardDAVAccountChoosesTheBook(t *testing.T) {
	rad := testserver.StartRadicale(t)
	usr := rad.NewCardDAVUser(t)
	work := usr.MakeBook(t, "work", "Work people")
	u, _, _ := newTestUI(t, Options{})
	d := openAccounts(t, u)
	f := fillCardDAV(t, u, d, rad, usr)
	test.Tap(findButton(t, topObj(u), "Test connection"))
	settle(t, u)
	first, second := "Contacts  ("+usr.Book+")", "Work people  ("+work+")"
	got := drawn(topObj(u)) // the form's and the choice's labels too
	for _, want := range []string{"Address book\n" + first + "\n" + second + "\n", "Knowflow syncs with"} {
		if !strings.Contains(got, want) {
			t.Errorf("after Test connection, no %q:\n%s", want, got)
		}
	}
	if want := "Connected: the server accepted the login and has 2 address books: choose the one Knowflow syncs with, then Save."; f.result.Text != want {
		t.Errorf("Test connection says %q, want %q", f.result.Text, want)
	}
	if f.bookPick == nil || f.bookPick.Selected != first || len(f.bookPick.Options) != 2 {
		t.Fatalf("the choice: %+v", f.bookPick)
	}
	if accts := storedAccounts(t, u); len(accts) != 0 {
		t.Fatalf("Test connection stored %+v", accts)
	}
	f.bookPick.SetSelected(second)
	pressKey(u.Window().Canvas(), fyne.KeyReturn) // the address has the focus: Enter saves
	settle(t, u)
	if formOpen(u) {
		t.Fatalf("the form stays open: %q", f.result.Text)
	}
	accts := storedAccounts(t, u)
	if len(accts) != 1 || accts[0].Kind != service.KindCardDAV || accts[0].User != usr.Name {
		t.Fatalf("stored %+v", accts)
	}
	if b := storedBook(t, u, accts[0]); b.Path != work || b.Name != "Work people" {
		t.Errorf("the account syncs with %+v, want %s", b, work)
	}
	if got := top(u); !strings.Contains(got, "address book “Work people”") {
		t.Errorf("after Save:\n%s", got)
	}
	if got := top(u); !strings.Contains(got, "Address book: Work people  ("+work+")") {
		t.Errorf("the account's row does not name its address book:\n%s", got)
	}
}

// Save with nothing tested finds the books too: of two it offers the
// choice and stores nothing yet; a change of the address drops the
// choice; a user with one book is added with it at once.
func TestAddCardDAVAccountSaveUntested(t *testing.T) {
	rad := testserver.StartRadicale(t)
	two := rad.NewCardDAVUser(t)
	two.MakeBook(t, "work", "Work people")
	one := rad.NewCardDAVUser(t)
	u, _, _ := newTestUI(t, Options{})
	d := openAccounts(t, u)
	f := fillCardDAV(t, u, d, rad, two)
	test.Tap(findButton(t, topObj(u), "Save"))
	settle(t, u)
	if !formOpen(u) || f.bookPick == nil || f.bookPick.Selected != "Contacts  ("+two.Book+")" ||
		!strings.HasPrefix(f.result.Text, "The server accepted the login and has 2 address books") {
		t.Fatalf("Save of two books: %q, %+v", f.result.Text, f.bookPick)
	}
	if accts := storedAccounts(t, u); len(accts) != 0 {
		t.Fatalf("Save stored %+v before the choice", accts)
	}
	test.Type(f.url, "/")
	if f.bookPick != nil || f.books != nil || len(f.form.Items) != 4 || f.result.Visible() || strings.Contains(drawn(topObj(u)), "Work people") {
		t.Fatalf("the choice stays for another address:\n%s", drawn(topObj(u)))
	}
	test.Tap(findButton(t, topObj(u), "Save")) // the first, offered again
	settle(t, u)
	test.Tap(findButton(t, topObj(u), "Save")) // the first chosen: added
	settle(t, u)
	f = fillCardDAV(t, u, d, rad, one)
	test.Tap(findButton(t, topObj(u), "Test connection"))
	settle(t, u)
	if f.result.Text != "Connected: the server accepted the login, and Knowflow will sync with its only address book, “Contacts”." || f.bookPick != nil {
		t.Errorf("one book: %q", f.result.Text)
	}
	test.Tap(findButton(t, topObj(u), "Save"))
	settle(t, u)
	accts := storedAccounts(t, u)
	if len(accts) != 2 || formOpen(u) {
		t.Fatalf("stored %+v", accts)
	}
	for i, want := range []string{two.Book, one.Book} {
		if b := storedBook(t, u, accts[i]); b.Path != want {
			t.Errorf("account %s syncs with %+v, want %s", accts[i].User, b, want)
		}
	}
}
