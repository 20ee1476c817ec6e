package store

import (
	"context"
	"testing"
)

// A commit by another process (a second Store on the same file, as the
// CLI is) or by this store's other connections is noticed once; a read
// is not.
func TestWatcher(t *testing.T) {
	s, path := openTemp(t)
	ctx := context.Background()
	w, err := s.Watch(ctx)
	if err != nil {
		t.Fatal(err)
	}
	defer w.Close()
	changed := func() bool {
		t.Helper()
		c, err := w.Changed(ctx)
		if err != nil {
			t.Fatal(err)
		}
		return c
	}
	if changed() {
		t.Error("changed before anything happened")
	}
	other, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer other.Close()
	a, _ := seedSources(t, other)
	if !changed() {
		t.Error("another process's import went unnoticed")
	}
	if changed() {
		t.Error("noticed twice")
	}
	if _, err := s.Sources(ctx); err != nil {
		t.Fatal(err)
	}
	if changed() {
		t.Error("a read counted as a change")
	}
	if _, err := s.RemoveSource(ctx, a.ID); err != nil {
		t.Fatal(err)
	}
	if !changed() {
		t.Error("this store's own write went unnoticed")
	}
}
