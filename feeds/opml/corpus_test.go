package opml

import (
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/knowflow/knowflow/feeds/corpus"
)

// TestCorpus parses every real-world OPML file in the shared corpus and
// round-trips its subscriptions through Build, WriteTo and Parse.
func TestCorpus(t *testing.T) {
	dir := corpus.Dir(t, "opml")
	files, err := filepath.Glob(filepath.Join(dir, "*.opml"))
	if err != nil {
		t.Fatal(err)
	}
	if len(files) == 0 {
		t.Fatalf("no .opml files in %s", dir)
	}
	for _, path := range files {
		name := filepath.Base(path)
		t.Run(name, func(t *testing.T) {
			f, err := os.Open(path)
			if err != nil {
				t.Fatal(err)
			}
			defer f.Close()
			doc, err := Parse(f)
			if err != nil {
				t.Fatalf("Parse: %v", err)
			}
			subs := doc.Subscriptions()
			folders := make(map[string]int)
			for _, s := range subs {
				folders[strings.Join(s.Folder, "/")]++
				if s.Title == "" || !isWebURL(s.XMLURL) {
					t.Errorf("bad subscription %+v", s)
				}
			}
			t.Logf("%s: %d subscriptions in %d folders %v", name, len(subs), len(folders), folders)
			if len(subs) == 0 {
				t.Errorf("no subscriptions")
			}

			back := roundTrip(t, Build(doc.Title, subs))
			if got := back.Subscriptions(); !reflect.DeepEqual(got, subs) {
				for i := range min(len(got), len(subs)) {
					if !reflect.DeepEqual(got[i], subs[i]) {
						t.Fatalf("round trip differs at %d:\n got %#v\nwant %#v", i, got[i], subs[i])
					}
				}
				t.Fatalf("round trip: %d subscriptions, want %d", len(got), len(subs))
			}

			if name == "engineering_blogs.opml" {
				if len(subs) < 400 || len(folders) != 1 {
					t.Errorf("engineering_blogs.opml: %d subscriptions in folders %v, want 400+ in one", len(subs), folders)
				}
				if n := folders["Engineering Blogs"]; n != len(subs) {
					t.Errorf("%d of %d in folder Engineering Blogs", n, len(subs))
				}
			}
		})
	}
}
