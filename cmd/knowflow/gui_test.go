package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/app"
)

// The real app's lifecycle: after takeStopHook, Fyne has no "stopped"
// hook left to queue as its loop ends, and the hook taken is Fyne's own,
// the one that writes the preferences at once.
func TestTakeStopHook(t *testing.T) {
	// Not t.TempDir: Fyne's own goroutines (its settings and preferences
	// watchers) may still create directories there as the test ends, and
	// TempDir's cleanup fails on them.
	home, err := os.MkdirTemp("", "knowflow-stop-hook-")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.RemoveAll(home) }) // best effort, for the same reason
	t.Setenv("HOME", home)
	t.Setenv("XDG_CONFIG_HOME", filepath.Join(home, ".config"))
	if err := os.MkdirAll(filepath.Join(home, ".config", "fyne", "io.github.knowflow.test-stop-hook"), 0o700); err != nil {
		t.Fatal(err)
	}
	a := app.NewWithID("io.github.knowflow.test-stop-hook")
	l := a.Lifecycle().(interface{ OnStopped() func() })
	if l.OnStopped() == nil {
		t.Fatal("Fyne set no stopped hook of its own: takeStopHook's reason is gone, drop it")
	}
	save := takeStopHook(a)
	if l.OnStopped() != nil {
		t.Fatal("a stopped hook is still set: Fyne would queue it as its loop ends")
	}

	// Two Sets in a row: Fyne writes the first and leaves the second to a
	// timer that a quitting process does not wait for; the hook writes it.
	a.Preferences().SetString("first", "one")
	a.Preferences().SetString("second", "two")
	save()
	var found []string
	filepath.WalkDir(home, func(p string, d os.DirEntry, err error) error {
		if err == nil && d.Name() == "preferences.json" {
			b, _ := os.ReadFile(p)
			found = append(found, string(b))
		}
		return nil
	})
	if len(found) != 1 || !strings.Contains(found[0], `"second":"two"`) {
		t.Fatalf("preferences written: %q, want one file with second=two", found)
	}

	var none fyne.App = fakeLifecycleApp{a}
	takeStopHook(none)() // no such methods: a no-op, no panic
}

// fakeLifecycleApp is an app whose lifecycle has only fyne's interface.
type fakeLifecycleApp struct{ fyne.App }

func (fakeLifecycleApp) Lifecycle() fyne.Lifecycle { return plainLifecycle{} }

type plainLifecycle struct{ fyne.Lifecycle }
