//go:build linux

package secrets

import (
	"errors"
	"net"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/godbus/dbus/v5"
)

// keyringOf returns For(db) as the Keyring it must be.
func keyringOf(t *testing.T, db string) *Keyring {
	t.Helper()
	k, ok := For(db).(*Keyring)
	if !ok {
		t.Fatalf("For(%s) is %T, want the keyring", db, For(db))
	}
	if w := k.Where(); w != "in the keyring" {
		t.Fatalf("Where = %q, want the keyring", w)
	}
	return k
}

func TestKeyringSetGetDelete(t *testing.T) {
	addr := startKeyring(t)
	db := filepath.Join(t.TempDir(), "knowflow.db")
	k := keyringOf(t, db)
	if _, err := k.Get(3); !errors.Is(err, ErrNone) {
		t.Fatalf("Get before Set: %v, want ErrNone", err)
	}
	const token = "user/1/token-é-\x01-" + "0123456789abcdef0123456789abcdef"
	if err := k.Set(3, token); err != nil {
		t.Fatal(err)
	}
	if got, err := k.Get(3); err != nil || got != token {
		t.Fatalf("Get = %q, %v", got, err)
	}
	// Another process (a new For) reads the same item.
	if got, err := keyringOf(t, db).Get(3); err != nil || got != token {
		t.Fatalf("Get by another Keyring = %q, %v", got, err)
	}
	if _, err := os.Stat(db + ".secrets"); !errors.Is(err, os.ErrNotExist) {
		t.Fatalf("the keyring made the file: %v", err)
	}

	// The item says whose it is.
	s := testService(t, addr)
	attrs := map[string]string{"application": "knowflow", "database": db, "account": "3"}
	items := s.items(t, attrs)
	if len(items) != 1 {
		t.Fatalf("%d items, want 1", len(items))
	}
	if label := s.property(t, items[0], "Label"); label != "Knowflow account 3 ("+db+")" {
		t.Errorf("label %q", label)
	}
	if got := s.property(t, items[0], "Attributes").(map[string]string); got["xdg:schema"] != Schema || len(got) != 4 {
		t.Errorf("attributes %v", got)
	}

	// Set again replaces it: still one item.
	if err := k.Set(3, "second"); err != nil {
		t.Fatal(err)
	}
	if got, err := k.Get(3); err != nil || got != "second" {
		t.Fatalf("Get after a second Set = %q, %v", got, err)
	}
	if n := len(s.items(t, attrs)); n != 1 {
		t.Fatalf("%d items after a second Set, want 1", n)
	}

	if err := k.Delete(3); err != nil {
		t.Fatal(err)
	}
	if _, err := k.Get(3); !errors.Is(err, ErrNone) {
		t.Fatalf("Get after Delete: %v, want ErrNone", err)
	}
	if n := len(s.items(t, attrs)); n != 0 {
		t.Fatalf("%d items after Delete", n)
	}
	if err := k.Delete(3); err != nil {
		t.Fatalf("Delete of nothing: %v", err)
	}
}

func TestKeyringDatabasesApart(t *testing.T) {
	startKeyring(t)
	dir := t.TempDir()
	a, b := keyringOf(t, filepath.Join(dir, "a.db")), keyringOf(t, filepath.Join(dir, "b.db"))
	if err := a.Set(1, "secret of a"); err != nil {
		t.Fatal(err)
	}
	if _, err := b.Get(1); !errors.Is(err, ErrNone) {
		t.Fatalf("b sees a's secret: %v", err)
	}
	if err := b.Set(1, "secret of b"); err != nil {
		t.Fatal(err)
	}
	if got, _ := a.Get(1); got != "secret of a" {
		t.Fatalf("a's secret is %q after b's Set", got)
	}
	if err := a.Delete(1); err != nil {
		t.Fatal(err)
	}
	if got, err := b.Get(1); err != nil || got != "secret of b" {
		t.Fatalf("b's secret after a's Delete: %q, %v", got, err)
	}

	// One database reached through a symbolic link is the same database.
	if err := os.Symlink(dir, filepath.Join(dir, "link")); err != nil {
		t.Fatal(err)
	}
	if got, err := keyringOf(t, filepath.Join(dir, "link", "b.db")).Get(1); err != nil || got != "secret of b" {
		t.Fatalf("b through a link: %q, %v", got, err)
	}
}

func TestKeyringTakesOverTheFile(t *testing.T) {
	addr := startKeyring(t)
	db := filepath.Join(t.TempDir(), "knowflow.db")
	file := Beside(db)
	// Secrets saved before the keyring was used.
	for id, v := range map[int64]string{1: "old one", 2: "old two", 3: "old three"} {
		if err := file.Set(id, v); err != nil {
			t.Fatal(err)
		}
	}
	k := keyringOf(t, db)

	// Get finds it in the file and moves it into the keyring.
	if got, err := k.Get(1); err != nil || got != "old one" {
		t.Fatalf("Get of a secret in the file: %q, %v", got, err)
	}
	if _, err := file.Get(1); !errors.Is(err, ErrNone) {
		t.Fatalf("the secret stays in the file after Get: %v", err)
	}
	s := testService(t, addr)
	if got, err := s.get(k.attrs(1)); err != nil || got != "old one" {
		t.Fatalf("in the keyring: %q, %v", got, err)
	}

	// Set stores the new one in the keyring and removes the old one from
	// the file.
	if err := k.Set(2, "new two"); err != nil {
		t.Fatal(err)
	}
	if _, err := file.Get(2); !errors.Is(err, ErrNone) {
		t.Fatalf("the old secret stays in the file after Set: %v", err)
	}
	if got, err := k.Get(2); err != nil || got != "new two" {
		t.Fatalf("Get after Set: %q, %v", got, err)
	}

	// A secret written to the file while the keyring did not run is newer
	// than the keyring's: it wins, and replaces it.
	if err := file.Set(2, "newer two"); err != nil {
		t.Fatal(err)
	}
	if got, err := k.Get(2); err != nil || got != "newer two" {
		t.Fatalf("Get with a newer secret in the file: %q, %v", got, err)
	}
	if got, _ := s.get(k.attrs(2)); got != "newer two" {
		t.Fatalf("the keyring kept %q", got)
	}

	// Delete removes it from both.
	if err := file.Set(1, "stray"); err != nil {
		t.Fatal(err)
	}
	if err := k.Delete(1); err != nil {
		t.Fatal(err)
	}
	if _, err := file.Get(1); !errors.Is(err, ErrNone) {
		t.Fatalf("Delete left the file's: %v", err)
	}
	if _, err := s.get(k.attrs(1)); !errors.Is(err, ErrNone) {
		t.Fatalf("Delete left the keyring's: %v", err)
	}
	if got, _ := file.Get(3); got != "old three" {
		t.Fatalf("another account's secret in the file is %q", got)
	}
	if fi, err := os.Stat(file.Path); err != nil || fi.Mode().Perm() != 0o600 {
		t.Fatalf("the file is %v, %v; want 0600", fi, err)
	}
}

// A damaged file does not keep the keyring from working, and is not
// taken for "no secret".
func TestKeyringDamagedFile(t *testing.T) {
	startKeyring(t)
	db := filepath.Join(t.TempDir(), "knowflow.db")
	if err := os.WriteFile(db+".secrets", []byte("{not json"), 0o600); err != nil {
		t.Fatal(err)
	}
	k := keyringOf(t, db)
	if err := k.Set(9, "nine"); err != nil {
		t.Fatal(err)
	}
	if got, err := k.Get(9); err != nil || got != "nine" {
		t.Fatalf("Get = %q, %v", got, err)
	}
	if _, err := k.Get(10); err == nil || errors.Is(err, ErrNone) || !strings.Contains(err.Error(), "damaged") {
		t.Fatalf("Get of a secret only a damaged file could hold: %v", err)
	}
}

func TestKeyringLocked(t *testing.T) {
	addr := startKeyring(t)
	db := filepath.Join(t.TempDir(), "knowflow.db")
	k := keyringOf(t, db)
	const token = "locked-away-token"
	if err := k.Set(7, token); err != nil {
		t.Fatal(err)
	}
	s := testService(t, addr)
	var locked []dbus.ObjectPath
	var prompt dbus.ObjectPath
	if err := s.call(ssPath, ssService+".Lock", []dbus.ObjectPath{s.coll}).Store(&locked, &prompt); err != nil || prompt != noPrompt {
		t.Fatalf("Lock: %v, prompt %s", err, prompt)
	}

	// Unlocking needs a prompt, and no desktop is there to show it: the
	// error says so and names the account, never the secret.
	_, err := k.Get(7)
	if !errors.Is(err, ErrLocked) || !strings.Contains(err.Error(), "account 7") || strings.Contains(err.Error(), token) {
		t.Fatalf("Get from a locked keyring: %v", err)
	}
	// A new Keyring keeps secrets in the file then.
	if w := For(db).Where(); w != "in "+db+".secrets" {
		t.Fatalf("Where with a locked keyring: %q", w)
	}
}

func TestForWithoutSecretService(t *testing.T) {
	useKeyring(t)
	db := filepath.Join(t.TempDir(), "knowflow.db")
	file := "in " + db + ".secrets"
	defer func(d time.Duration) { connectTimeout = d }(connectTimeout)
	connectTimeout = time.Second

	// No bus, or an address that would make godbus start one: the File.
	for _, addr := range []string{"", "autolaunch:", "unixexec:path=/bin/false"} {
		t.Setenv("DBUS_SESSION_BUS_ADDRESS", addr)
		if f, ok := For(db).(*File); !ok || f.Path != db+".secrets" {
			t.Fatalf("For with bus address %q is %#v, want the File", addr, For(db))
		}
	}

	// The File, within seconds, when the bus is not there, when it never
	// answers, and when no Secret Service runs on it.
	dir := t.TempDir()
	silent, err := net.Listen("unix", filepath.Join(dir, "silent"))
	if err != nil {
		t.Fatal(err)
	}
	defer silent.Close()
	go func() { // accepts, and says nothing
		for {
			c, err := silent.Accept()
			if err != nil {
				return
			}
			defer c.Close()
		}
	}()
	check := func(what, addr string) {
		t.Helper()
		t.Setenv("DBUS_SESSION_BUS_ADDRESS", addr)
		start := time.Now() // wall clock: elapsed time only
		s := For(db)
		if w := s.Where(); w != file {
			t.Errorf("%s: Where = %q, want %q", what, w, file)
		}
		if err := s.Set(5, "kept in the file"); err != nil {
			t.Fatalf("%s: %v", what, err)
		}
		if got, err := Beside(db).Get(5); err != nil || got != "kept in the file" {
			t.Fatalf("%s: the file holds %q, %v", what, got, err)
		}
		if err := s.Delete(5); err != nil {
			t.Fatalf("%s: %v", what, err)
		}
		// Never hanging: the connection gives up after connectTimeout.
		if d := time.Since(start); d > connectTimeout+5*time.Second { // wall clock: elapsed time only
			t.Errorf("%s: took %v", what, d)
		}
	}
	check("no bus there", "unix:path="+filepath.Join(dir, "none"))
	check("a bus that is silent", "unix:path="+filepath.Join(dir, "silent"))
	bus, err := startBus(t)
	if err != nil {
		unavailable(t, err)
	}
	check("no Secret Service", bus)
}

// A Keyring made before the Secret Service ran (a window started at login
// before the keyring) uses it once it runs.
func TestKeyringStartedLater(t *testing.T) {
	useKeyring(t)
	addr, err := startBus(t)
	if err != nil {
		unavailable(t, err)
	}
	t.Setenv("DBUS_SESSION_BUS_ADDRESS", addr)
	db := filepath.Join(t.TempDir(), "knowflow.db")
	k, ok := For(db).(*Keyring)
	if !ok {
		t.Fatalf("For is %T", For(db))
	}
	if w := k.Where(); w != "in "+db+".secrets" {
		t.Fatalf("Where before the keyring runs: %q", w)
	}
	if err := k.Set(1, "saved before"); err != nil {
		t.Fatal(err)
	}
	startKeyringOn(t, addr)
	if w := k.Where(); w != "in "+db+".secrets" {
		t.Fatalf("the bus was asked again at once: %q", w)
	}
	defer func(d time.Duration) { askAgain = d }(askAgain)
	askAgain = 0
	if w := k.Where(); w != "in the keyring" {
		t.Fatalf("Where once the keyring runs: %q", w)
	}
	if got, err := k.Get(1); err != nil || got != "saved before" {
		t.Fatalf("Get = %q, %v", got, err)
	}
	if _, err := Beside(db).Get(1); !errors.Is(err, ErrNone) {
		t.Fatalf("the secret stays in the file: %v", err)
	}
}
