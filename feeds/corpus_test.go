package feeds

import (
	"context"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/net/html"

	"github.com/knowflow/knowflow/feeds/corpus"
	"github.com/knowflow/knowflow/feeds/fetch"
	"github.com/knowflow/knowflow/feeds/sanitize"
	"github.com/knowflow/knowflow/model"
	"github.com/knowflow/knowflow/model/store"
)

// TestCorpusThroughIngest serves every feed of the shared corpus over
// loopback HTTP and refreshes them all through the real path (fetch, parse,
// sanitise, store). Each one is stored or refused with a readable error;
// nothing panics; and nothing stored for display keeps a script or a link
// outside http, https and mailto.
func TestCorpusThroughIngest(t *testing.T) {
	dir := corpus.Dir(t, "feeds")
	var files []string
	filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err == nil && !d.IsDir() && !strings.HasPrefix(d.Name(), "LICENSE") {
			rel, _ := filepath.Rel(dir, p)
			files = append(files, filepath.ToSlash(rel))
		}
		return nil
	})
	if len(files) < 1000 {
		t.Fatalf("only %d corpus feeds found in %s", len(files), dir)
	}
	srv := httptest.NewServer(http.StripPrefix("/c/", http.FileServer(http.Dir(dir))))
	defer srv.Close()

	s := newService(t)
	// One loopback host serves them all: lift the per-host politeness limit.
	s.Fetcher = fetch.New(fetch.Options{MaxPerHost: 32})
	ctx := context.Background()
	var srcs []model.Source
	for _, f := range files {
		srcs = append(srcs, model.Source{FeedURL: srv.URL + "/c/" + f})
	}
	if _, err := s.Store.ImportSources(ctx, srcs); err != nil {
		t.Fatal(err)
	}
	sum, err := s.Refresh(ctx, RefreshOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if sum.Sources != len(files) {
		t.Fatalf("refreshed %d of %d sources", sum.Sources, len(files))
	}
	got, err := s.Store.Sources(ctx)
	if err != nil {
		t.Fatal(err)
	}
	stored, refused, empty := 0, 0, 0
	for _, src := range got {
		switch {
		case src.LastError != "":
			refused++
			if len(src.LastError) < 10 || strings.Contains(src.LastError, "panic") {
				t.Errorf("%s: unreadable error %q", src.FeedURL, src.LastError)
			}
		case src.Unread > 0:
			stored++
		default:
			empty++ // a valid feed with no items
		}
	}
	t.Logf("corpus: %d feeds: %d stored, %d valid but empty, %d refused with an error; %d items",
		len(files), stored, empty, refused, sum.New)
	if stored < 900 {
		t.Errorf("only %d corpus feeds stored items", stored)
	}

	// What is shown: every item's HTML, especially the hostile sanitize/ cases.
	items, err := s.Store.Items(ctx, store.ItemFilter{Limit: 1 << 20})
	if err != nil {
		t.Fatal(err)
	}
	for _, it := range items {
		checkShown(t, it)
	}
}

func checkShown(t *testing.T, it model.Item) {
	t.Helper()
	doc, err := html.Parse(strings.NewReader(it.ContentHTML))
	if err != nil {
		t.Errorf("item %d: stored HTML does not parse: %v", it.ID, err)
		return
	}
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.ElementNode {
			switch n.Data {
			case "script", "style", "iframe", "object", "embed", "form":
				t.Errorf("item %d (%s): <%s> survived", it.ID, it.SourceTitle, n.Data)
			}
			for _, a := range n.Attr {
				k := strings.ToLower(a.Key)
				if strings.HasPrefix(k, "on") || k == "style" {
					t.Errorf("item %d: attribute %s survived", it.ID, a.Key)
				}
				if k == "href" && !sanitize.SafeURL(a.Val) {
					t.Errorf("item %d: unsafe link %q survived", it.ID, a.Val)
				}
				if k == "src" && !strings.HasPrefix(a.Val, "http://") && !strings.HasPrefix(a.Val, "https://") {
					t.Errorf("item %d: unsafe src %q survived", it.ID, a.Val)
				}
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(doc)
	if it.Link != "" && !sanitize.SafeURL(it.Link) {
		t.Errorf("item %d: unsafe item link %q", it.ID, it.Link)
	}
}
