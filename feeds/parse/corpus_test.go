package parse

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/knowflow/knowflow/feeds/corpus"
	"github.com/knowflow/knowflow/feeds/sanitize"
)

// corpusFile is one feed of the shared corpus.
type corpusFile struct {
	name string // path relative to the corpus feeds/ directory
	body []byte
}

// corpusFeeds reads every file under the corpus's feeds/elem... directory,
// licence files aside.
func corpusFeeds(tb testing.TB, elem ...string) []corpusFile {
	tb.Helper()
	root := corpus.Dir(tb, "feeds")
	dir := filepath.Join(append([]string{root}, elem...)...)
	var files []corpusFile
	err := filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || strings.HasPrefix(d.Name(), "LICENSE") {
			return err
		}
		body, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		name, _ := filepath.Rel(root, path)
		files = append(files, corpusFile{name: filepath.ToSlash(name), body: body})
		return nil
	})
	if err != nil {
		tb.Fatal(err)
	}
	return files
}

// hexSHA256 matches Item.Hash.
var hexSHA256 = regexp.MustCompile(`^[0-9a-f]{64}$`)

// TestCorpus parses every feed of the corpus (feedparser's well-formed and
// ill-formed suites and the captured real-world feeds). None may panic;
// each either parses into well-formed items or is refused with a readable
// error.
func TestCorpus(t *testing.T) {
	files := corpusFeeds(t)
	if len(files) < 1700 {
		t.Fatalf("only %d corpus files found", len(files))
	}
	var parsed, items int
	refused := map[string][]string{} // error message (first 60 bytes) -> files
	byName := map[string]*Feed{}
	for _, f := range files {
		feed, err := Parse(f.body, "", "http://example.org/corpus/"+f.name)
		if err != nil {
			msg := err.Error()
			if msg == "" || !strings.HasPrefix(msg, "parse: ") || strings.Contains(msg, "internal error") || !utf8.ValidString(msg) {
				t.Errorf("%s: bad error %q", f.name, msg)
			}
			key := msg
			if len(key) > 60 {
				key = key[:60]
			}
			refused[key] = append(refused[key], f.name)
			continue
		}
		parsed++
		items += len(feed.Items)
		byName[f.name] = feed
		checkFeed(t, f.name, feed)
	}
	t.Logf("%d files: %d parsed (%d items), %d refused", len(files), parsed, items, len(files)-parsed)
	keys := make([]string, 0, len(refused))
	for k := range refused {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		t.Logf("  refused %3d × %s  (e.g. %s)", len(refused[k]), k, refused[k][0])
	}
	// What is refused, and why, is known; more refusals mean a regression.
	if refusedCount := len(files) - parsed; refusedCount > 25 {
		t.Errorf("%d files refused, expected at most 25", refusedCount)
	}

	if f := byName["realworld/unrecognized.rss"]; f != nil {
		t.Errorf("realworld/unrecognized.rss (an HTML page) parsed as a feed: %+v", f)
	}
	checkUOL(t, byName["realworld/uolNoticias.rss"])
	checkGuardian(t, byName["realworld/guardian.rss"])
	// Feeds without any encoding information in KOI8-R, Shift_JIS...: they
	// parse (as windows-1252, so with wrong characters, but parse).
	for _, name := range []string{"feedparser/illformed/chardet/koi8r.xml", "feedparser/illformed/chardet/shiftjis.xml"} {
		if f := byName[name]; f == nil || len(f.Items) != 1 {
			t.Errorf("%s: want 1 item, got %+v", name, f)
		}
	}
	// ISO-8859-7 declared in the XML declaration.
	if f := byName["feedparser/illformed/http_high_bit_date.xml"]; f == nil {
		t.Error("http_high_bit_date.xml (ISO-8859-7) refused")
	}
}

// checkFeed checks the invariants every parsed feed must satisfy.
func checkFeed(t *testing.T, name string, f *Feed) {
	t.Helper()
	for _, s := range []string{f.Title, f.Description, f.SiteURL, f.Language} {
		if !utf8.ValidString(s) {
			t.Errorf("%s: invalid UTF-8 in feed: %q", name, s)
		}
	}
	if f.SiteURL != "" && !isHTTP(f.SiteURL) {
		t.Errorf("%s: SiteURL %q", name, f.SiteURL)
	}
	keys := map[string]bool{}
	for i, it := range f.Items {
		if keys[it.DedupeKey] {
			t.Errorf("%s: item %d: duplicate DedupeKey %q", name, i, it.DedupeKey)
		}
		keys[it.DedupeKey] = true
		switch {
		case strings.HasPrefix(it.DedupeKey, "guid:"):
			if it.DedupeKey != "guid:"+it.GUID || it.GUID == "" {
				t.Errorf("%s: item %d: DedupeKey %q for GUID %q", name, i, it.DedupeKey, it.GUID)
			}
		case strings.HasPrefix(it.DedupeKey, "link:"):
			if it.GUID != "" || it.DedupeKey != "link:"+it.Link || it.Link == "" {
				t.Errorf("%s: item %d: DedupeKey %q for GUID %q, link %q", name, i, it.DedupeKey, it.GUID, it.Link)
			}
		case strings.HasPrefix(it.DedupeKey, "hash:"):
			if it.GUID != "" || it.Link != "" || !hexSHA256.MatchString(it.DedupeKey[5:]) {
				t.Errorf("%s: item %d: DedupeKey %q", name, i, it.DedupeKey)
			}
		default:
			t.Errorf("%s: item %d: DedupeKey %q", name, i, it.DedupeKey)
		}
		if !hexSHA256.MatchString(it.Hash) {
			t.Errorf("%s: item %d: Hash %q", name, i, it.Hash)
		}
		if it.Link != "" && !isHTTP(it.Link) {
			t.Errorf("%s: item %d: Link %q", name, i, it.Link)
		}
		for _, s := range append([]string{it.GUID, it.Title, it.Author, it.ContentHTML, it.Text}, it.Categories...) {
			if !utf8.ValidString(s) {
				t.Errorf("%s: item %d: invalid UTF-8: %q", name, i, s)
			}
		}
		if strings.ContainsAny(it.Title, "\n\r\t") || strings.TrimSpace(it.Title) != it.Title {
			t.Errorf("%s: item %d: title not one trimmed line: %q", name, i, it.Title)
		}
		lower := strings.ToLower(it.ContentHTML)
		for _, bad := range []string{"<script", "<style", "<iframe", "javascript:", "vbscript:", "style="} {
			if strings.Contains(lower, bad) {
				t.Errorf("%s: item %d: ContentHTML contains %q: %q", name, i, bad, it.ContentHTML)
			}
		}
		if it.Text != sanitize.Text(it.ContentHTML) {
			t.Errorf("%s: item %d: Text is not the text of ContentHTML", name, i)
		}
		if it.Published.IsZero() && !it.Updated.IsZero() {
			t.Errorf("%s: item %d: Published did not fall back to Updated", name, i)
		}
	}
}

func isHTTP(u string) bool {
	return sanitize.SafeURL(u) && (strings.HasPrefix(u, "http://") || strings.HasPrefix(u, "https://"))
}

// checkUOL checks the Latin-1 feed with no encoding declaration comes out
// as proper UTF-8, not mojibake.
func checkUOL(t *testing.T, f *Feed) {
	t.Helper()
	if f == nil {
		t.Error("realworld/uolNoticias.rss refused")
		return
	}
	if len(f.Items) == 0 {
		t.Fatal("uolNoticias.rss: no items")
	}
	if f.Description != "Últimas Notícias" {
		t.Errorf("uolNoticias.rss: description %q, want %q", f.Description, "Últimas Notícias")
	}
	if want := "Ibope: Bolsonaro perde de Haddad, Ciro e Alckmin em simulações de 2º turno"; f.Items[0].Title != want {
		t.Errorf("uolNoticias.rss: first title %q, want %q", f.Items[0].Title, want)
	}
	var all strings.Builder
	for _, it := range f.Items {
		all.WriteString(it.Title + "\n" + it.Text + "\n")
	}
	s := all.String()
	if !strings.Contains(s, "ç") || !strings.Contains(s, "ã") {
		t.Error("uolNoticias.rss: no ç or ã in the text")
	}
	for _, bad := range []string{"Ã", "Â", "\uFFFD"} {
		if strings.Contains(s, bad) {
			t.Errorf("uolNoticias.rss: mojibake %q in %q", bad, s)
		}
	}
}

func checkGuardian(t *testing.T, f *Feed) {
	t.Helper()
	if f == nil {
		t.Error("realworld/guardian.rss refused")
		return
	}
	if len(f.Items) == 0 {
		t.Fatal("guardian.rss: no items")
	}
	for i, it := range f.Items {
		if it.Title == "" || it.Link == "" || it.ContentHTML == "" || it.Published.IsZero() {
			t.Errorf("guardian.rss: item %d incomplete: %+v", i, it)
		}
	}
	if f.Title != "The Guardian" {
		t.Errorf("guardian.rss: title %q", f.Title)
	}
}

// TestCorpusErrors checks the refusals of known-bad corpus files say why.
func TestCorpusErrors(t *testing.T) {
	files := corpusFeeds(t)
	want := map[string]struct {
		is  error
		msg string
	}{
		"realworld/unrecognized.rss":                           {ErrNotFeed, "parse: not a feed (looks like an HTML page)"},
		"feedparser/illformed/rss_empty_document.xml":          {ErrEmpty, "parse: empty document"},
		"feedparser/illformed/aaa_illformed.xml":               {nil, "parse: malformed XML: line 6: unexpected EOF"},
		"feedparser/illformed/rss_incomplete_cdata.xml":        {nil, "parse: malformed XML: line 13: invalid <![ sequence"},
		"feedparser/wellformed/cdf/item_title.xml":             {ErrNotFeed, ""},
		"feedparser/illformed/always_strip_doctype.xml":        {nil, ""}, // parses
		"feedparser/illformed/rdf_channel_empty_textinput.xml": {nil, "parse: malformed XML: line 26: unexpected EOF"},
	}
	seen := 0
	for _, f := range files {
		w, ok := want[f.name]
		if !ok {
			continue
		}
		seen++
		_, err := Parse(f.body, "", "")
		switch {
		case w.is == nil && w.msg == "":
			if err != nil {
				t.Errorf("%s: %v", f.name, err)
			}
		case err == nil:
			t.Errorf("%s: parsed, want error %q", f.name, w.msg)
		case w.is != nil && !errors.Is(err, w.is):
			t.Errorf("%s: err %q is not %v", f.name, err, w.is)
		case w.msg != "" && err.Error() != w.msg:
			t.Errorf("%s: err %q, want %q", f.name, err, w.msg)
		}
	}
	if seen != len(want) {
		t.Errorf("found %d of %d expected corpus files", seen, len(want))
	}
}

// BenchmarkParseRealworld parses all the captured real-world feeds.
func BenchmarkParseRealworld(b *testing.B) {
	files := corpusFeeds(b, "realworld")
	var size int64
	for _, f := range files {
		size += int64(len(f.body))
	}
	b.SetBytes(size)
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		for _, f := range files {
			_, _ = Parse(f.body, "", "https://example.org/feed")
		}
	}
}
