package discover

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/knowflow/knowflow/feeds/corpus"
)

func TestIsFeed(t *testing.T) {
	cases := []struct {
		name, body, contentType string
		kind, title             string // kind "" for not a feed
	}{
		{name: "rss", body: rssFeed, kind: "rss", title: "RSS Blog"},
		{name: "atom", body: atomFeed, kind: "atom", title: "Atom Blog"},
		{name: "rdf", body: rdfFeed, kind: "rss", title: "RDF Blog"},
		{name: "json feed 1.1", body: jsonFeed, kind: "json", title: "JSON Blog"},
		{name: "json feed 1 http", body: `{"version":"http://jsonfeed.org/version/1","title":"Old","items":[]}`, kind: "json", title: "Old"},
		{name: "rss 0.91 no declaration", body: `<rss version="0.91"><channel><title>Old</title></channel></rss>`, kind: "rss", title: "Old"},
		{name: "atom 0.3", body: `<feed version="0.3" xmlns="http://purl.org/atom/ns#"><title>Three</title></feed>`, kind: "atom", title: "Three"},
		{name: "bom and space", body: "\xef\xbb\xbf \n\t" + rssFeed, kind: "rss", title: "RSS Blog"},
		{name: "stylesheet and comment", body: `<?xml version="1.0"?><?xml-stylesheet type="text/xsl" href="/s.xsl"?><!-- hi --><!DOCTYPE rss><rss><channel><title>Styled</title></channel></rss>`, kind: "rss", title: "Styled"},
		{name: "cdata and entities", body: `<rss><channel><title><![CDATA[ A & B ]]> &amp; C&nbsp;D</title></channel></rss>`, kind: "rss", title: "A & B & C D"}, // spaces collapse, NBSP too
		{name: "atom xhtml title", body: `<feed xmlns="http://www.w3.org/2005/Atom"><title type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml">X <b>Y</b></div></title></feed>`, kind: "atom", title: "X Y"},
		{name: "item title is not the feed's", body: `<rss><channel><item><title>Item</title></item><title>Late</title></channel></rss>`, kind: "rss", title: ""},
		{name: "entry title is not the feed's", body: `<feed><entry><title>Entry</title></entry></feed>`, kind: "atom", title: ""},
		{name: "truncated rss", body: `<?xml version="1.0"?><rss><channel><title>Cut`, kind: "rss", title: ""},
		{name: "latin-1 declared", body: "<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?><rss><channel><title>Caf\xe9</title></channel></rss>", kind: "rss", title: "Café"},
		{name: "latin-1 by content type", body: "<rss><channel><title>Caf\xe9</title></channel></rss>", contentType: "text/xml; charset=ISO-8859-1", kind: "rss", title: "Café"},
		{name: "latin-1 undeclared", body: "<rss><channel><title>Caf\xe9</title></channel></rss>", kind: "rss", title: "Café"}, // read as the parser reads it: windows-1252,

		{name: "html", body: htmlPage},
		{name: "html served as xml", body: htmlPage, contentType: "application/xml"},
		{name: "xhtml", body: `<?xml version="1.0"?><html xmlns="http://www.w3.org/1999/xhtml"><head><title>x</title></head></html>`},
		{name: "head first", body: `<head><title>Document Moved</title></head><body>moved</body>`},
		{name: "sitemap", body: `<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"><url><loc>x</loc></url></urlset>`},
		{name: "opml", body: `<?xml version="1.0"?><opml version="2.0"><head><title>subs</title></head></opml>`},
		{name: "rss 1.0 namespace, no channel yet", body: `<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/"></rdf:RDF>`, kind: "rss"},
		{name: "rdf without channel", body: `<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"><rdf:Description about="x"/></rdf:RDF>`},
		{name: "json not a feed", body: `{"id": 2, "title": "About"}`, contentType: "application/json"},
		{name: "json other version", body: `{"version": "1.0", "title": "x"}`},
		{name: "json array", body: `[{"version": "https://jsonfeed.org/version/1"}]`},
		{name: "broken json", body: `{"version": "https://jsonfeed.org/version/1", `},
		{name: "empty", body: ""},
		{name: "whitespace", body: " \n "},
		{name: "text", body: "rss feed here"},
		{name: "php warning before xml", body: "<br />\n<b>Warning</b>: oops<br />" + rssFeed},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			kind, title, ok := sniff([]byte(c.body), c.contentType)
			if ok != (c.kind != "") || kind != c.kind || title != c.title {
				t.Errorf("sniff = %q, %q, %v; want %q, %q", kind, title, ok, c.kind, c.title)
			}
			if k, ok2 := IsFeed([]byte(c.body), c.contentType); k != kind || ok2 != ok {
				t.Errorf("IsFeed = %q, %v; sniff said %q, %v", k, ok2, kind, ok)
			}
		})
	}
}

// Real feeds from the shared corpus are all recognised; the one HTML page
// saved among them is not.
func TestIsFeedCorpusRealWorld(t *testing.T) {
	dir := corpus.Dir(t, "feeds", "realworld")
	files, err := filepath.Glob(filepath.Join(dir, "*"))
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, f := range files {
		ext := filepath.Ext(f)
		if ext != ".rss" && ext != ".atom" {
			continue
		}
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		n++
		kind, title, ok := sniff(b, "")
		if filepath.Base(f) == "unrecognized.rss" {
			if ok {
				t.Errorf("%s (an HTML page) taken for a %s feed", filepath.Base(f), kind)
			}
			continue
		}
		if !ok {
			t.Errorf("%s: not recognised as a feed", filepath.Base(f))
		}
		if strings.ContainsRune(title, '\uFFFD') {
			t.Errorf("%s: title %q has replacement characters", filepath.Base(f), title)
		}
	}
	if n < 20 {
		t.Errorf("only %d corpus feeds", n)
	}
}

// The feedparser corpus's well-formed RSS, RDF and Atom feeds (each one
// testing a parser feature) are recognised.
func TestIsFeedCorpusFeedparser(t *testing.T) {
	for _, sub := range []string{"rss", "rdf", "atom", "atom10"} {
		dir := corpus.Dir(t, "feeds", "feedparser", "wellformed", sub)
		files, err := filepath.Glob(filepath.Join(dir, "*.xml"))
		if err != nil {
			t.Fatal(err)
		}
		if len(files) == 0 {
			t.Fatalf("no files in %s", dir)
		}
		for _, f := range files {
			b, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			if _, ok := IsFeed(b, ""); !ok {
				t.Errorf("%s/%s: not recognised as a feed", sub, filepath.Base(f))
			}
		}
	}
}
