// Package testfs gives tests a small file system of their own, to see what
// Knowflow does when the disk fills up.
package testfs

import (
	"os"
	"testing"
)

// Small mounts a tmpfs of size bytes on a new temporary directory, which is
// unmounted when the test ends, and returns the directory. Mounting needs
// root (or CAP_SYS_ADMIN) on Linux: where it is not possible the test is
// skipped with the reason, except under CI=true, where it fails, so that
// the continuous integration, which runs as root, always runs it.
func Small(t testing.TB, size int64) string {
	t.Helper()
	dir := t.TempDir()
	if err := mount(dir, size); err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatalf("testfs: cannot mount a %d-byte tmpfs under CI: %v", size, err)
		}
		t.Skipf("testfs: cannot mount a %d-byte tmpfs here (needs root on Linux): %v", size, err)
	}
	t.Cleanup(func() {
		if err := unmount(dir); err != nil {
			t.Errorf("testfs: unmount %s: %v", dir, err)
		}
	})
	return dir
}

// Fill writes a file in dir until the file system is full, then gives
// leave bytes back, and returns the file's path; removing it gives the
// rest back.
func Fill(t testing.TB, dir string, leave int64) string {
	t.Helper()
	f, err := os.CreateTemp(dir, "filler-*")
	if err != nil {
		t.Fatalf("testfs: fill %s: %v", dir, err)
	}
	defer f.Close()
	buf := make([]byte, 4096)
	var size int64
	for {
		n, err := f.Write(buf)
		size += int64(n)
		if err != nil {
			break
		}
	}
	if err := f.Truncate(max(size-leave, 0)); err != nil {
		t.Fatalf("testfs: fill %s: %v", dir, err)
	}
	return f.Name()
}
