package store

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// openWithin opens path, failing the test if Open blocks (as it would on a
// FIFO that something opens for reading).
func openWithin(t *testing.T, path string) (*Store, error) {
	t.Helper()
	type result struct {
		s   *Store
		err error
	}
	done := make(chan result, 1)
	go func() {
		s, err := Open(path)
		done <- result{s, err}
	}()
	select {
	case r := <-done:
		if r.s != nil {
			t.Cleanup(func() { r.s.Close() })
		}
		return r.s, r.err
	case <-time.After(10 * time.Second):
		t.Fatalf("Open(%s) blocked", path)
		return nil, nil
	}
}

func TestOpenRefusesWhatIsNotARegularFile(t *testing.T) {
	dir := t.TempDir()
	fifo := filepath.Join(dir, "knowflow.db")
	if err := syscall.Mkfifo(fifo, 0o600); err != nil {
		t.Fatal(err)
	}
	link := filepath.Join(dir, "null.db")
	os.Symlink(os.DevNull, link)
	_, journalBefore := os.Stat(os.DevNull + "-journal")
	for path, what := range map[string]string{
		dir:        " is a directory, not a database file; it was left untouched",
		os.DevNull: " is a device, not a database file; it was left untouched",
		link:       " is a device, not a database file",
		fifo:       " is a named pipe (FIFO), not a database file",
	} {
		_, err := openWithin(t, path)
		if !errors.Is(err, ErrNotDatabase) || !strings.Contains(err.Error(), path+what) {
			t.Errorf("Open(%s) = %v, want %q", path, err, what)
		}
	}
	if _, err := os.Stat(os.DevNull + "-journal"); err == nil && journalBefore != nil {
		t.Errorf("Open made %s-journal", os.DevNull)
	}
	if es, _ := os.ReadDir(dir); len(es) != 2 {
		t.Errorf("Open left files beside them: %v", es)
	}
}

func TestOpenWantsAnExistingDirectory(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "missing", "knowflow.db")
	_, err := Open(path)
	if !errors.Is(err, ErrNoDirectory) || !strings.Contains(err.Error(), "the directory "+filepath.Join(dir, "missing")+" does not exist") {
		t.Fatalf("Open in a missing directory = %v", err)
	}
	if _, err := os.Stat(filepath.Dir(path)); !errors.Is(err, os.ErrNotExist) {
		t.Fatalf("Open made the directory: %v", err)
	}

	// The default location is made (0700), one KNOWFLOW_DB names is not.
	t.Setenv("KNOWFLOW_DB", "")
	t.Setenv("XDG_DATA_HOME", filepath.Join(dir, "data"))
	def, err := PrepareDefaultPath()
	if err != nil {
		t.Fatal(err)
	}
	if fi, err := os.Stat(filepath.Dir(def)); err != nil || !fi.IsDir() || fi.Mode().Perm() != 0o700 {
		t.Fatalf("default directory %s: %v %v", def, fi, err)
	}
	env := filepath.Join(dir, "elsewhere", "k.db")
	t.Setenv("KNOWFLOW_DB", env)
	if got, err := PrepareDefaultPath(); err != nil || got != env {
		t.Fatalf("with KNOWFLOW_DB: %q %v", got, err)
	}
	if _, err := os.Stat(filepath.Dir(env)); !errors.Is(err, os.ErrNotExist) {
		t.Fatalf("KNOWFLOW_DB's directory was made: %v", err)
	}
}

func TestOpenEmptyFileBecomesPrivate(t *testing.T) {
	path := filepath.Join(t.TempDir(), "knowflow.db")
	if err := os.WriteFile(path, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	os.Chmod(path, 0o644) // whatever the umask
	s, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	s.Close()
	if fi, _ := os.Stat(path); fi.Mode().Perm() != 0o600 || fi.Size() == 0 {
		t.Fatalf("empty file became %v, %d bytes", fi.Mode(), fi.Size())
	}
	// An existing database keeps the mode its owner gave it.
	os.Chmod(path, 0o640)
	if s, err = Open(path); err != nil {
		t.Fatal(err)
	}
	s.Close()
	if fi, _ := os.Stat(path); fi.Mode().Perm() != 0o640 {
		t.Fatalf("an existing database's mode changed to %v", fi.Mode())
	}
}
