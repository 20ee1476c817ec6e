// Package corpus locates the shared real-world test corpus (feeds, hostile
// HTML, OPML files) that lives beside the repository as ../shared/corpus.
//
// A user's clone has no ../shared: tests that need the corpus skip with a
// clear message there. CI sets KNOWFLOW_CORPUS=required, and then a missing
// corpus fails the test instead of skipping it silently.
package corpus

import (
	"errors"
	"os"
	"path/filepath"
	"testing"
)

// Locate returns the corpus directory, or an error saying where it looked.
func Locate() (string, error) {
	if d := os.Getenv("KNOWFLOW_CORPUS_DIR"); d != "" {
		return d, nil
	}
	dir, err := os.Getwd()
	if err != nil {
		return "", err
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			c := filepath.Join(dir, "..", "shared", "corpus")
			if st, err := os.Stat(c); err == nil && st.IsDir() {
				return filepath.Clean(c), nil
			}
			return "", errors.New("corpus: " + filepath.Clean(c) + " not found")
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return "", errors.New("corpus: no go.mod above the working directory")
		}
		dir = parent
	}
}

// Dir returns the corpus directory joined with elem. When the corpus is
// missing it skips the test, or fails it when KNOWFLOW_CORPUS=required.
func Dir(t testing.TB, elem ...string) string {
	t.Helper()
	d, err := Locate()
	if err != nil {
		if os.Getenv("KNOWFLOW_CORPUS") == "required" {
			t.Fatalf("%v (KNOWFLOW_CORPUS=required)", err)
		}
		t.Skipf("skipping: %v; put the shared corpus at ../shared/corpus or set KNOWFLOW_CORPUS_DIR", err)
	}
	return filepath.Join(append([]string{d}, elem...)...)
}
