package cli

import (
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/knowflow/knowflow/feeds/greader/testserver"
)

func TestMain(m *testing.M) { os.Exit(testserver.Main(m)) }

// The account commands against a real Miniflux: add (token kept in a
// 0600 file, never printed), list, refresh syncing instead of fetching,
// sync, remove.
func TestAccountCommandsAgainstMiniflux(t *testing.T) {
	mf := testserver.StartMiniflux(t)
	u := mf.NewUser(t)
	var feed *httptest.Server
	feed = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		fmt.Fprint(w, testserver.RSS("Loop", feed.URL, "First post", "Second post"))
	}))
	defer feed.Close()
	db := tempDB(t)
	pw := filepath.Join(t.TempDir(), "pw")
	if err := os.WriteFile(pw, []byte(u.Password+"\n"), 0o600); err != nil {
		t.Fatal(err)
	}

	code, _, errs := run(t, Env{}, "account", "add", "greader", mf.URL, "--user", u.GReaderUser, "--password-file", pw+"-missing", "--db", db)
	if code != 1 || !strings.Contains(errs, "password file") {
		t.Fatalf("missing password file: %d %q", code, errs)
	}
	code, _, errs = run(t, Env{Stdin: strings.NewReader("wrong\n")}, "account", "add", "greader", mf.URL, "--user", u.GReaderUser, "--db", db)
	if code != 1 || !strings.Contains(errs, "login refused") {
		t.Fatalf("wrong password: %d %q", code, errs)
	}
	code, out, errs := run(t, Env{}, "account", "add", "greader", mf.URL, "--user", u.GReaderUser, "--password-file", pw, "--db", db)
	if code != 0 || !strings.Contains(out, "added account 1") {
		t.Fatalf("account add: %d %q %q", code, out, errs)
	}
	st, err := os.Stat(db + ".secrets")
	if err != nil || st.Mode().Perm() != 0o600 {
		t.Fatalf("secrets file: %v %v", st, err)
	}
	secret, _ := os.ReadFile(db + ".secrets")
	token := strings.Trim(strings.SplitN(string(secret), ":", 2)[1], `"}`)
	if strings.Contains(string(secret), u.Password) || token == "" {
		t.Fatalf("the secrets file holds the password, or no token: %s", secret)
	}

	u.Subscribe(t, feed.URL+"/feed.xml", "Tech")
	code, out, errs = run(t, Env{}, "refresh", "--db", db)
	if code != 0 || !strings.Contains(out, "2 new items") {
		t.Fatalf("refresh with an account: %d %q %q", code, out, errs)
	}
	code, out, _ = run(t, Env{}, "sync", "--db", db)
	if code != 0 || !strings.Contains(out, "account 1: synced") || !strings.Contains(out, "0 new items") {
		t.Fatalf("sync: %d %q", code, out)
	}
	code, out, _ = run(t, Env{}, "accounts", "--json", "--db", db)
	var accts []struct {
		ID      int64  `json:"id"`
		URL     string `json:"url"`
		Sources int    `json:"sources"`
	}
	if code != 0 || json.Unmarshal([]byte(out), &accts) != nil || len(accts) != 1 || accts[0].Sources != 1 {
		t.Fatalf("accounts --json: %d %q", code, out)
	}
	code, out2, _ := run(t, Env{}, "accounts", "--db", db)
	for _, s := range []string{out, out2} {
		if strings.Contains(s, token) || strings.Contains(s, u.Password) {
			t.Fatal("accounts prints the secret")
		}
	}
	if code != 0 || !strings.Contains(out2, u.GReaderUser) || !strings.Contains(out2, "Logins are kept in "+db+".secrets, readable only by you.") {
		t.Fatalf("accounts: %q", out2)
	}

	code, out, _ = run(t, Env{}, "account", "rm", "1", "--db", db)
	if code != 0 || !strings.Contains(out, "removed account 1") {
		t.Fatalf("account rm: %d %q", code, out)
	}
	if secret, _ := os.ReadFile(db + ".secrets"); strings.Contains(string(secret), token) {
		t.Fatal("the token stays after account rm")
	}
	code, _, errs = run(t, Env{}, "sync", "--account", "1", "--db", db)
	if code != 1 || !strings.Contains(errs, "not found") {
		t.Fatalf("sync of a removed account: %d %q", code, errs)
	}
}
