package secrets

import (
	"errors"
	"os"
	"path/filepath"
	"testing"
)

func TestFile(t *testing.T) {
	db := filepath.Join(t.TempDir(), "knowflow.db")
	f := Beside(db)
	if w := f.Where(); w != "in "+db+".secrets" {
		t.Errorf("Where = %q", w)
	}
	if err := f.Delete(1); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(f.Path); !errors.Is(err, os.ErrNotExist) {
		t.Fatalf("Delete of nothing made the file: %v", err)
	}
	if _, err := f.Get(1); !errors.Is(err, ErrNone) {
		t.Fatalf("Get of nothing: %v", err)
	}
	if err := f.Set(1, "one"); err != nil {
		t.Fatal(err)
	}
	if err := f.Set(2, "two"); err != nil {
		t.Fatal(err)
	}
	if fi, err := os.Stat(f.Path); err != nil || fi.Mode().Perm() != 0o600 {
		t.Fatalf("file %v, %v; want 0600", fi, err)
	}
	if err := f.Delete(1); err != nil {
		t.Fatal(err)
	}
	if got, err := f.Get(2); err != nil || got != "two" {
		t.Fatalf("Get(2) = %q, %v", got, err)
	}
	if _, err := f.Get(1); !errors.Is(err, ErrNone) {
		t.Fatalf("Get after Delete: %v", err)
	}
}

// In another package's test binary For never uses a keyring, so no test
// writes into the keyring of the person who runs it.
func TestForInTestsIsTheFile(t *testing.T) {
	t.Setenv("DBUS_SESSION_BUS_ADDRESS", "unix:path=/nonexistent")
	if _, ok := For("k.db").(*File); !ok {
		t.Fatalf("For in a test binary is %T", For("k.db"))
	}
}
