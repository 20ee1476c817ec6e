package cli

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/knowflow/knowflow/feeds/greader/testserver"
)

// The CardDAV account commands against a real Radicale: add (the address
// book found, the password kept in the 0600 file and never printed), two
// databases synced by knowflow sync, account rm keeping the contacts.
func TestCardDAVAccountCommands(t *testing.T) {
	rad := testserver.StartRadicale(t)
	u := rad.NewCardDAVUser(t)
	u.MakeBook(t, "work", "Work")
	dbA, dbB := tempDB(t), tempDB(t)
	pw := filepath.Join(t.TempDir(), "pw")
	if err := os.WriteFile(pw, []byte(u.Password+"\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	code, _, errs := run(t, Env{Stdin: strings.NewReader("wrong\n")}, "account", "add", "carddav", rad.URL, "--user", u.Name, "--db", dbA)
	if code != 1 || !strings.Contains(errs, "login refused") {
		t.Fatalf("wrong password: %d %q", code, errs)
	}
	code, _, errs = run(t, Env{}, "account", "add", "carddav", rad.URL, "--user", u.Name, "--password-file", pw, "--book", "nope", "--db", dbA)
	if code != 1 || !strings.Contains(errs, "no address book found named \"nope\"") {
		t.Fatalf("a missing book: %d %q", code, errs)
	}
	for _, db := range []string{dbA, dbB} {
		code, out, errs := run(t, Env{}, "account", "add", "carddav", rad.URL, "--user", u.Name, "--password-file", pw, "--book", "Work", "--db", db)
		if code != 0 || !strings.Contains(out, "added account 1") || !strings.Contains(out, `"Work"`) {
			t.Fatalf("account add: %d %q %q", code, out, errs)
		}
	}
	st, err := os.Stat(dbA + ".secrets")
	if err != nil || st.Mode().Perm() != 0o600 {
		t.Fatalf("secrets file: %v %v", st, err)
	}
	if code, _, errs := run(t, Env{}, "--db", dbA, "contact", "add", "Ana Costa", "--circle", "team", "--community", "L&D Guild",
		"--email", "ana@example.org", "--interests", "remote onboarding"); code != 0 {
		t.Fatalf("contact add: %s", errs)
	}
	code, out, errs := run(t, Env{}, "sync", "--db", dbA)
	if code != 0 || !strings.Contains(out, "account 1: synced") || !strings.Contains(out, "1 sent") {
		t.Fatalf("sync a: %d %q %q", code, out, errs)
	}
	code, out, errs = run(t, Env{}, "sync", "--account", "1", "--json", "--db", dbB)
	var results []struct {
		Account  int64 `json:"account"`
		Received int   `json:"received"`
	}
	if code != 0 || json.Unmarshal([]byte(out), &results) != nil || len(results) != 1 || results[0].Received != 1 {
		t.Fatalf("sync b: %d %q %q", code, out, errs)
	}
	_, out, _ = run(t, Env{}, "--db", dbB, "contacts", "--community", "L&D Guild", "--json")
	if !strings.Contains(out, "Ana Costa") || !strings.Contains(out, "remote onboarding") {
		t.Errorf("contacts on b: %s", out)
	}
	// A refresh syncs the address book too.
	if code, _, errs := run(t, Env{}, "--db", dbB, "contact", "edit", "1", "--circle", "network"); code != 0 {
		t.Fatalf("contact edit: %s", errs)
	}
	if code, out, errs := run(t, Env{}, "refresh", "--db", dbB); code != 0 {
		t.Fatalf("refresh: %d %q %q", code, out, errs)
	}
	run(t, Env{}, "sync", "--db", dbA)
	if _, out, _ = run(t, Env{}, "--db", dbA, "contacts", "--circle", "network"); !strings.Contains(out, "Ana Costa") {
		t.Errorf("the change made on b and sent by its refresh is not on a: %q", out)
	}
	_, out, _ = run(t, Env{}, "accounts", "--db", dbB)
	if !strings.Contains(out, "carddav") || strings.Contains(out, u.Password) {
		t.Errorf("accounts: %q", out)
	}
	code, out, _ = run(t, Env{}, "account", "rm", "1", "--db", dbB)
	if code != 0 || !strings.Contains(out, "contacts stay") {
		t.Fatalf("account rm: %d %q", code, out)
	}
	if secret, _ := os.ReadFile(dbB + ".secrets"); strings.Contains(string(secret), u.Password) {
		t.Error("the password stays after account rm")
	}
	if _, out, _ = run(t, Env{}, "--db", dbB, "contacts"); !strings.Contains(out, "Ana Costa") {
		t.Errorf("the contact went with the account: %q", out)
	}
}
