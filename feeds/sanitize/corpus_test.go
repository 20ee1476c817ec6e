package sanitize

import (
	"bytes"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/mmcdole/gofeed"
	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"

	"github.com/knowflow/knowflow/feeds/corpus"
)

// TestCorpusHostileHTML runs every feed of feedparser's sanitizer suite
// (script, event handlers, javascript: URLs, CSS expressions, ...) through
// gofeed and HTML, and checks the output is safe.
func TestCorpusHostileHTML(t *testing.T) {
	dir := corpus.Dir(t, "feeds", "feedparser", "wellformed", "sanitize")
	var files, feeds, fields, scripts, hostile int
	err := filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		files++
		body, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		name, _ := filepath.Rel(dir, path)
		feed, err := gofeed.NewParser().Parse(bytes.NewReader(body))
		if err != nil {
			// Not a sanitizer failure; the parse package's corpus test
			// covers parse errors.
			t.Logf("%s: gofeed: %v", name, err)
			return nil
		}
		feeds++
		check := func(where, in, base string) {
			if in == "" {
				return
			}
			fields++
			// The assertions must have teeth: count the inputs that
			// would fail them unsanitised.
			if len(corpusProblems(in, in)) > 0 {
				hostile++
			}
			if len(scriptTexts(in)) > 0 {
				scripts++
			}
			out := HTML(in, base)
			for _, p := range corpusProblems(in, out) {
				t.Errorf("%s: %s: %s\n in: %q\nout: %q", name, where, p, in, out)
			}
			if again := HTML(out, base); again != out {
				t.Errorf("%s: %s: HTML is not idempotent\n once: %q\ntwice: %q", name, where, out, again)
			}
		}
		for i, it := range feed.Items {
			base := it.Link
			if base == "" {
				base = "http://example.org/feed/"
			}
			where := fmt.Sprintf("item %d", i)
			check(where+" content", it.Content, base)
			check(where+" description", it.Description, base)
			check(where+" title", it.Title, base)
		}
		// Feed-level text constructs carry the same attacks.
		check("feed title", feed.Title, feed.Link)
		check("feed description", feed.Description, feed.Link)
		check("feed copyright", feed.Copyright, feed.Link)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("%d files, %d parsed by gofeed, %d HTML fields checked (%d would fail unsanitised, %d with script/style content)", files, feeds, fields, hostile, scripts)
	if files < 700 || feeds < files*95/100 {
		t.Errorf("expected ~745 files, nearly all parseable; got %d files, %d parsed", files, feeds)
	}
	if hostile < 100 || scripts < 20 {
		t.Errorf("only %d hostile inputs (%d with scripts) checked; the corpus or the checks changed", hostile, scripts)
	}
}

var (
	onAttrRaw = regexp.MustCompile(`(?i)\bon\w+\s*=`)
	tagRe     = regexp.MustCompile(`<[^>]*>`)
)

// corpusProblems applies the corpus assertions to one input and its output.
func corpusProblems(in, out string) []string {
	problems := checkSafe(out)
	lower := strings.ToLower(out)
	for _, bad := range []string{"<script", "javascript:", "vbscript:", "style="} {
		if strings.Contains(lower, bad) {
			problems = append(problems, "contains "+bad)
		}
	}
	// on\w+= only counts inside tags: "based on=" in text is fine.
	for _, tag := range tagRe.FindAllString(out, -1) {
		if onAttrRaw.MatchString(tag) {
			problems = append(problems, "tag with event handler: "+tag)
		}
	}
	// Nothing that was inside a script or style element may survive, unless
	// the same text also appears outside one.
	visible := strings.ToLower(visibleText(in))
	shown := strings.ToLower(html.UnescapeString(out))
	for _, s := range scriptTexts(in) {
		s = strings.ToLower(strings.TrimSpace(s))
		if s == "" || strings.Contains(visible, s) {
			continue
		}
		if strings.Contains(shown, s) {
			problems = append(problems, "script/style content survived: "+s)
		}
		if strings.Contains(s, "alert") && !strings.Contains(visible, "alert") && strings.Contains(shown, "alert") {
			problems = append(problems, `"alert" from a script survived`)
		}
	}
	return problems
}

// parseFragment parses s as the content of a <div>, the way a browser would.
func parseFragment(s string) []*html.Node {
	nodes, err := html.ParseFragment(strings.NewReader(s), &html.Node{Type: html.ElementNode, Data: "div", DataAtom: atom.Div})
	if err != nil {
		return nil
	}
	return nodes
}

// scriptTexts returns the text inside script and style elements of s.
func scriptTexts(s string) []string {
	var out []string
	var walk func(n *html.Node, inScript bool)
	walk = func(n *html.Node, inScript bool) {
		if n.Type == html.ElementNode && (n.DataAtom == atom.Script || n.DataAtom == atom.Style) {
			inScript = true
		}
		if n.Type == html.TextNode && inScript {
			out = append(out, n.Data)
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c, inScript)
		}
	}
	for _, n := range parseFragment(s) {
		walk(n, false)
	}
	return out
}

// visibleText returns the text of s outside script and style elements,
// attribute values included (an alt text may repeat a word).
func visibleText(s string) string {
	var sb strings.Builder
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.ElementNode {
			if n.DataAtom == atom.Script || n.DataAtom == atom.Style {
				return
			}
			for _, a := range n.Attr {
				sb.WriteString(a.Val + " ")
			}
		}
		if n.Type == html.TextNode {
			sb.WriteString(n.Data + " ")
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	for _, n := range parseFragment(s) {
		walk(n)
	}
	return sb.String()
}
