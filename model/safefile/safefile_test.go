package safefile_test

import (
	"errors"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"

	"github.com/knowflow/knowflow/model/safefile"
	"github.com/knowflow/knowflow/model/store/testfs"
)

func text(s string) func(io.Writer) error {
	return func(w io.Writer) error {
		_, err := io.WriteString(w, s)
		return err
	}
}

func read(t *testing.T, path string) string {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// entries lists dir, so a test sees that no temporary file stayed behind.
func entries(t *testing.T, dir string) []string {
	t.Helper()
	es, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, e := range es {
		names = append(names, e.Name())
	}
	return names
}

func TestWriteNewAndReplace(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "out.vcf")
	if err := safefile.Write(path, safefile.Personal, text("one")); err != nil {
		t.Fatal(err)
	}
	fi, _ := os.Stat(path)
	if read(t, path) != "one" || fi.Mode().Perm() != 0o600 {
		t.Fatalf("new file: %q %v", read(t, path), fi.Mode())
	}
	// A replaced file keeps its mode, narrowed to what is asked.
	os.Chmod(path, 0o640)
	if err := safefile.Write(path, safefile.Public, text("two")); err != nil {
		t.Fatal(err)
	}
	if fi, _ := os.Stat(path); read(t, path) != "two" || fi.Mode().Perm() != 0o640 {
		t.Fatalf("replaced: %q %v", read(t, path), fi.Mode())
	}
	if err := safefile.Write(path, safefile.Personal, text("three")); err != nil {
		t.Fatal(err)
	}
	if fi, _ := os.Stat(path); fi.Mode().Perm() != 0o600 {
		t.Fatalf("personal data over a 0640 file: %v", fi.Mode())
	}
	if got := entries(t, dir); len(got) != 1 {
		t.Fatalf("left behind: %v", got)
	}
}

func TestWriteFailureLeavesOldFile(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "subs.opml")
	os.WriteFile(path, []byte("old"), 0o644)
	boom := errors.New("the export failed")
	err := safefile.Write(path, safefile.Public, func(w io.Writer) error {
		io.WriteString(w, "half")
		return boom
	})
	if !errors.Is(err, boom) || read(t, path) != "old" {
		t.Fatalf("err %v, file %q", err, read(t, path))
	}
	if got := entries(t, dir); len(got) != 1 {
		t.Fatalf("left behind: %v", got)
	}
	// A new file in a directory that does not exist names both.
	err = safefile.Write(filepath.Join(dir, "nope", "x.md"), safefile.Personal, text("x"))
	if err == nil || !strings.Contains(err.Error(), "nope/x.md was not written") || !strings.Contains(err.Error(), "does not exist") {
		t.Fatalf("missing directory: %v", err)
	}
}

func TestWriteThroughSymlink(t *testing.T) {
	dir := t.TempDir()
	real := filepath.Join(dir, "real.opml")
	os.WriteFile(real, []byte("old"), 0o600)
	link := filepath.Join(dir, "link.opml")
	if err := os.Symlink("real.opml", link); err != nil {
		t.Fatal(err)
	}
	if err := safefile.Write(link, safefile.Public, text("new")); err != nil {
		t.Fatal(err)
	}
	lfi, err := os.Lstat(link)
	if err != nil || lfi.Mode()&fs.ModeSymlink == 0 {
		t.Fatalf("the link was replaced: %v %v", lfi.Mode(), err)
	}
	if fi, _ := os.Stat(real); read(t, real) != "new" || fi.Mode().Perm() != 0o600 {
		t.Fatalf("target: %q %v", read(t, real), fi.Mode())
	}
	// A link that leads nowhere is refused and stays a link.
	dangling := filepath.Join(dir, "dangling.opml")
	os.Symlink(filepath.Join(dir, "missing", "x"), dangling)
	err = safefile.Write(dangling, safefile.Public, text("x"))
	if err == nil || !strings.Contains(err.Error(), "dangling.opml was not written: it is a symbolic link to") {
		t.Fatalf("dangling link: %v", err)
	}
	if lfi, _ := os.Lstat(dangling); lfi.Mode()&fs.ModeSymlink == 0 {
		t.Fatal("the dangling link was replaced")
	}
}

func TestWriteRefusesWhatIsNotARegularFile(t *testing.T) {
	dir := t.TempDir()
	fifo := filepath.Join(dir, "pipe")
	if err := syscall.Mkfifo(fifo, 0o600); err != nil {
		t.Fatal(err)
	}
	linkToNull := filepath.Join(dir, "null.md")
	os.Symlink(os.DevNull, linkToNull)
	for path, want := range map[string]string{
		fifo:       fifo + " is a named pipe (FIFO), not a regular file; nothing was written",
		dir:        dir + " is a directory, not a regular file; nothing was written",
		os.DevNull: os.DevNull + " is a device, not a regular file; nothing was written",
		linkToNull: linkToNull + " leads to " + os.DevNull + ", which is a device, not a regular file; nothing was written",
	} {
		called := false
		err := safefile.Write(path, safefile.Personal, func(io.Writer) error { called = true; return nil })
		if !errors.Is(err, safefile.ErrNotRegular) || !strings.Contains(err.Error(), want) || called {
			t.Errorf("%s: %v (want %q; write called: %v)", path, err, want, called)
		}
	}
	for path, want := range map[string]fs.FileMode{fifo: fs.ModeNamedPipe, os.DevNull: fs.ModeCharDevice} {
		if fi, err := os.Stat(path); err != nil || fi.Mode()&want == 0 {
			t.Errorf("%s changed: %v %v", path, fi.Mode(), err)
		}
	}
	if lfi, _ := os.Lstat(linkToNull); lfi.Mode()&fs.ModeSymlink == 0 {
		t.Error("the link to the device was replaced")
	}
}

func TestWriteOnAFullDisk(t *testing.T) {
	dir := testfs.Small(t, 1<<20)
	path := filepath.Join(dir, "digest.md")
	os.WriteFile(path, []byte("last week's digest"), 0o600)
	filler := testfs.Fill(t, dir, 0)
	big := strings.Repeat("a line of the digest\n", 10000)
	err := safefile.Write(path, safefile.Personal, text(big))
	if !errors.Is(err, syscall.ENOSPC) || !strings.Contains(err.Error(), path+" was not written (the old file is as it was)") ||
		strings.Contains(err.Error(), ".tmp") {
		t.Fatalf("full disk: %v", err)
	}
	if read(t, path) != "last week's digest" {
		t.Fatalf("the old file changed: %q", read(t, path))
	}
	fresh := filepath.Join(dir, "new.md")
	if err := safefile.Write(fresh, safefile.Personal, text(big)); err == nil || !strings.Contains(err.Error(), "(nothing was created)") {
		t.Fatalf("new file on a full disk: %v", err)
	}
	if got := entries(t, dir); len(got) != 2 {
		t.Fatalf("left behind on the full disk: %v", got)
	}
	os.Remove(filler)
	if err := safefile.Write(path, safefile.Personal, text(big)); err != nil || read(t, path) != big {
		t.Fatalf("after space came back: %v", err)
	}
}
