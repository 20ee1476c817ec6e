package cli

import (
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/knowflow/knowflow/model/store/testfs"
)

// TestOutputFilesAreNeverHarmed runs every command that writes a file
// (export, export --contacts, digest) against a real symlink, a real FIFO,
// a device and a directory.
func TestOutputFilesAreNeverHarmed(t *testing.T) {
	db, at := suggestDB(t)
	dir := t.TempDir()
	commands := map[string][]string{
		"export":            {"export"},
		"export --contacts": {"export", "--contacts"},
		"digest":            {"digest", "--community", "local-first", "--at", at.Format(time.RFC3339)},
	}
	for name, args := range commands {
		args = append([]string{"--db", db}, args...)
		base := filepath.Join(dir, strings.ReplaceAll(name, " ", ""))

		// A new file: personal data is 0600, subscriptions 0644.
		file := base + ".out"
		if code, _, errOut := run(t, Env{}, append(args, "--output", file)...); code != 0 {
			t.Fatalf("%s --output: %d %s", name, code, errOut)
		}
		fi, err := os.Stat(file)
		want := fs.FileMode(0o600)
		if name == "export" {
			want = 0o644
		}
		if err != nil || fi.Mode().Perm() != want || fi.Size() == 0 {
			t.Errorf("%s: %v %v, want mode %v", name, fi, err, want)
		}
		first, _ := os.ReadFile(file)

		// A symlink is written through; the link stays a link.
		link := base + ".link"
		os.Symlink(filepath.Base(file), link)
		os.WriteFile(file, []byte("old"), 0o600)
		if code, _, errOut := run(t, Env{}, append(args, "--output", link)...); code != 0 {
			t.Fatalf("%s --output symlink: %d %s", name, code, errOut)
		}
		if lfi, err := os.Lstat(link); err != nil || lfi.Mode()&fs.ModeSymlink == 0 {
			t.Errorf("%s replaced the symlink: %v %v", name, lfi, err)
		}
		if got, _ := os.ReadFile(file); string(got) != string(first) {
			t.Errorf("%s through a symlink wrote %q", name, got)
		}

		// What is not a regular file is refused, exit 1, and stays.
		fifo := base + ".fifo"
		if err := syscall.Mkfifo(fifo, 0o600); err != nil {
			t.Fatal(err)
		}
		devLink := base + ".null"
		os.Symlink(os.DevNull, devLink)
		for target, what := range map[string]string{
			fifo:       fifo + " is a named pipe (FIFO), not a regular file; nothing was written",
			os.DevNull: os.DevNull + " is a device, not a regular file; nothing was written",
			devLink:    devLink + " leads to " + os.DevNull + ", which is a device",
			dir:        dir + " is a directory, not a regular file; nothing was written",
		} {
			code, out, errOut := run(t, Env{}, append(args, "--output", target)...)
			if code != 1 || !strings.Contains(errOut, what) || out != "" {
				t.Errorf("%s --output %s: %d %q %q, want %q", name, target, code, out, errOut, what)
			}
		}
		if fi, err := os.Stat(fifo); err != nil || fi.Mode()&fs.ModeNamedPipe == 0 {
			t.Errorf("%s: the FIFO became %v %v", name, fi, err)
		}
		if fi, err := os.Stat(os.DevNull); err != nil || fi.Mode()&fs.ModeCharDevice == 0 {
			t.Fatalf("%s: %s became %v %v", name, os.DevNull, fi, err)
		}
	}
	if es, _ := os.ReadDir(dir); len(es) != 3*4 {
		t.Errorf("files left in %s: %v", dir, es)
	}
}

// TestDigestOnAFullDisk: a digest that does not fit leaves the last one as
// it was, and no empty file where there was none.
func TestDigestOnAFullDisk(t *testing.T) {
	db, at := suggestDB(t)
	dir := testfs.Small(t, 256<<10)
	last := filepath.Join(dir, "last.md")
	os.WriteFile(last, []byte("last week"), 0o600)
	filler := testfs.Fill(t, dir, 0)
	args := []string{"--db", db, "digest", "--community", "local-first", "--at", at.Format(time.RFC3339), "--output"}
	for _, file := range []string{last, filepath.Join(dir, "new.md")} {
		code, _, errOut := run(t, Env{}, append(args, file)...)
		if code != 1 || !strings.Contains(errOut, file+" was not written") || !strings.Contains(errOut, "no space left on device") ||
			strings.Contains(errOut, ".tmp") {
			t.Errorf("digest on a full disk: %d %q", code, errOut)
		}
	}
	if b, _ := os.ReadFile(last); string(b) != "last week" {
		t.Errorf("the last digest became %q", b)
	}
	if _, err := os.Stat(filepath.Join(dir, "new.md")); err == nil {
		t.Error("a digest that did not fit left a file")
	}
	os.Remove(filler)
	if code, _, errOut := run(t, Env{}, append(args, last)...); code != 0 {
		t.Errorf("digest after space came back: %s", errOut)
	}
}

func TestImportRefusesADirectory(t *testing.T) {
	db := tempDB(t)
	dir := t.TempDir()
	fifo := filepath.Join(dir, "contacts.csv")
	if err := syscall.Mkfifo(fifo, 0o600); err != nil {
		t.Fatal(err)
	}
	for path, want := range map[string]string{
		dir:  dir + " is a directory, not a file to import; nothing changed",
		fifo: fifo + " is a named pipe (FIFO), not a file to import",
	} {
		code, _, errOut := run(t, Env{}, "--db", db, "import", path)
		if code != 1 || !strings.Contains(errOut, want) {
			t.Errorf("import %s: %d %q", path, code, errOut)
		}
	}
}

// TestDatabaseMustBeARegularFile: --db that is not a regular file, or in a
// directory that does not exist, is refused before SQLite touches it.
func TestDatabaseMustBeARegularFile(t *testing.T) {
	dir := t.TempDir()
	fifo := filepath.Join(dir, "fifo.db")
	if err := syscall.Mkfifo(fifo, 0o600); err != nil {
		t.Fatal(err)
	}
	_, journalBefore := os.Stat(os.DevNull + "-journal")
	for db, want := range map[string]string{
		os.DevNull:                               os.DevNull + " is a device, not a database file; it was left untouched",
		dir:                                      dir + " is a directory, not a database file",
		fifo:                                     fifo + " is a named pipe (FIFO), not a database file",
		filepath.Join(dir, "no", "such", "k.db"): "the directory " + filepath.Join(dir, "no", "such") + " does not exist",
	} {
		code, _, errOut := run(t, Env{}, "--db", db, "check")
		if code != 1 || !strings.Contains(errOut, want) {
			t.Errorf("--db %s check: %d %q, want %q", db, code, errOut, want)
		}
	}
	if _, err := os.Stat(os.DevNull + "-journal"); err == nil && journalBefore != nil {
		t.Errorf("%s-journal was made", os.DevNull)
	}
	if _, err := os.Stat(filepath.Join(dir, "no")); err == nil {
		t.Error("--db made a directory")
	}
	// Without --db the default location is made.
	t.Setenv("KNOWFLOW_DB", "")
	t.Setenv("XDG_DATA_HOME", filepath.Join(dir, "xdg"))
	if code, _, errOut := run(t, Env{}, "check"); code != 0 {
		t.Fatalf("check in the default location: %s", errOut)
	}
	if fi, err := os.Stat(filepath.Join(dir, "xdg", "knowflow", "knowflow.db")); err != nil || fi.Mode().Perm() != 0o600 {
		t.Fatalf("default database: %v %v", fi, err)
	}
}

// TestImportExcelUnicodeText: LinkedIn's export saved by Excel as "Unicode
// Text" (UTF-16, tab-separated) imports the same contacts as the CSV.
func TestImportExcelUnicodeText(t *testing.T) {
	contacts := func(file string) string {
		db := tempDB(t)
		code, out, errOut := run(t, Env{}, "--db", db, "import", "../../../testdata/people/"+file)
		if code != 0 || !strings.Contains(out, "5 new contacts") {
			t.Fatalf("import %s: %d %q %q", file, code, out, errOut)
		}
		_, out, _ = run(t, Env{}, "--db", db, "contacts", "--json")
		return out
	}
	if csv, txt := contacts("linkedin-connections.csv"), contacts("linkedin-connections-unicode.txt"); csv != txt {
		t.Fatalf("the CSV gives\n%s\nUnicode Text gives\n%s", csv, txt)
	}
}
