package parse

import (
	"bytes"
	"io/fs"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/knowflow/knowflow/feeds/corpus"
	"github.com/knowflow/knowflow/feeds/textenc"
)

// sameAsGofeed parses data with and without lifting (min bytes) and fails
// when the results or errors differ. It reports whether anything was lifted.
func sameAsGofeed(t *testing.T, name string, data []byte, minLen int) bool {
	t.Helper()
	want, werr := gofeedParse(data, -1)
	got, gerr := gofeedParse(data, minLen)
	if (werr == nil) != (gerr == nil) || werr != nil && werr.Error() != gerr.Error() {
		t.Errorf("%s: error %v, gofeed alone says %v", name, gerr, werr)
		return false
	}
	if !reflect.DeepEqual(got, want) || got != nil && !reflect.DeepEqual(got.OriginalFeed(), want.OriginalFeed()) {
		t.Errorf("%s: lifted parse differs from gofeed's", name)
		if got != nil && want != nil {
			for i := range min(len(got.Items), len(want.Items)) {
				if !reflect.DeepEqual(got.Items[i], want.Items[i]) {
					t.Logf("item %d:\n got %+v\nwant %+v", i, *got.Items[i], *want.Items[i])
					break
				}
			}
		}
	}
	_, sections := liftCDATA(data, minLen)
	return sections != nil
}

// TestLiftSameAsGofeed: on every XML feed of the corpus, gofeed's result
// for the lifted document (after restore) is the one for the original,
// lifting every CDATA section that qualifies, however small.
func TestLiftSameAsGofeed(t *testing.T) {
	files := corpusFeeds(t)
	xmlFeeds, lifted := 0, 0
	for _, f := range files {
		kind, data, err := detect(textenc.ToUTF8(trimJunk(f.body), ""))
		if err != nil || kind == kindJSON {
			continue
		}
		xmlFeeds++
		for _, min := range []int{1, liftMin} {
			if sameAsGofeed(t, f.name, data, min) && min == 1 {
				lifted++
			}
		}
	}
	t.Logf("%d XML feeds, %d with CDATA sections lifted", xmlFeeds, lifted)
	// 44 of the corpus's XML feeds hold CDATA, 19 of them in content
	// elements; a scan that lifted nothing would make this test pass for
	// nothing.
	if lifted < 15 {
		t.Fatalf("only %d of %d feeds had anything lifted", lifted, xmlFeeds)
	}
}

func TestLiftCDATA(t *testing.T) {
	long := strings.Repeat("<p>knowledge &amp; flow</p>\n", 12)
	rss := func(s string) string {
		return `<?xml version="1.0"?><rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel><title>T</title>` + s + `</channel></rss>`
	}
	cases := []struct {
		name, doc string
		lifted    int
	}{
		{"description", rss(`<item><description><![CDATA[` + long + `]]></description></item>`), 1},
		{"content:encoded and description", rss(`<item><description><![CDATA[` + long + `]]></description><content:encoded><![CDATA[` + long + `]]></content:encoded></item>`), 2},
		{"atom content", `<feed xmlns="http://www.w3.org/2005/Atom"><entry><content type="html"><![CDATA[` + long + `]]></content></entry></feed>`, 1},
		{"small section", rss(`<item><description><![CDATA[short]]></description></item>`), 0},
		{"title", rss(`<item><title><![CDATA[` + long + `]]></title></item>`), 0},
		{"after a child element", rss(`<item><description><b>x</b><![CDATA[` + long + `]]></description></item>`), 0},
		{"in a comment", rss(`<item><description><!-- <![CDATA[` + long + `]]> --></description></item>`), 0},
		{"in a processing instruction", rss(`<item><description><?pi <![CDATA[` + long + `]]> ?></description></item>`), 0},
		{"in a quoted attribute", rss(`<item><description a="<![CDATA[` + long + `]]>"></description></item>`), 0},
		{"DOCTYPE", `<!DOCTYPE rss [<!ENTITY x "y">]>` + rss(`<item><description><![CDATA[`+long+`]]></description></item>`), 0},
		{"xml:base", `<feed xmlns="http://www.w3.org/2005/Atom" xml:base="http://a.example/"><entry><content type="html"><![CDATA[` + long + `]]></content></entry></feed>`, 0},
		{"carriage return", rss(`<item><description><![CDATA[` + long + "\r\n" + `]]></description></item>`), 0},
		{"control character", rss(`<item><description><![CDATA[` + long + "\x01" + `]]></description></item>`), 0},
		{"invalid UTF-8", rss(`<item><description><![CDATA[` + long + "\xff" + `]]></description></item>`), 0},
		{"U+FFFF", rss(`<item><description><![CDATA[` + long + "\uFFFF" + `]]></description></item>`), 0},
		{"holds the mark", rss(`<item><description><![CDATA[` + long + liftMark + `]]></description></item>`), 0},
		{"unterminated", rss(`<item><description><![CDATA[` + long + `</description></item>`), 0},
		{"non-ASCII", rss(`<item><description><![CDATA[` + long + `Ünïcødé ✓ 知识]]></description></item>`), 1},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			out, sections := liftCDATA([]byte(c.doc), liftMin)
			if len(sections) != c.lifted {
				t.Fatalf("lifted %d sections, want %d:\n%s", len(sections), c.lifted, out)
			}
			if c.lifted == 0 && string(out) != c.doc {
				t.Fatalf("document changed though nothing was lifted")
			}
			if c.lifted > 0 && len(out) >= len(c.doc) {
				t.Fatalf("lifted document is not smaller")
			}
			sameAsGofeed(t, c.name, []byte(c.doc), liftMin)
		})
	}
}

// A placeholder that is not one of ours is left as it is.
func TestRestoreKeepsUnknownPlaceholders(t *testing.T) {
	r := restorer{sections: []string{"zero"}}
	for in, want := range map[string]string{
		"a" + liftMark + "0" + liftEnd + "b":                    "azerob",
		liftMark + "0" + liftEnd + liftMark + "0" + liftEnd:     "zerozero",
		"a" + liftMark + "7" + liftEnd:                          "a" + liftMark + "7" + liftEnd,
		"a" + liftMark + "x":                                    "a" + liftMark + "x",
		"a" + liftMark + "0" + liftMark + "0" + liftEnd + "end": "a" + liftMark + "0" + "zero" + "end",
		"no mark " + liftEnd:                                    "no mark " + liftEnd,
	} {
		if got, _ := r.fill(in); got != want {
			t.Errorf("fill(%q) = %q, want %q", in, got, want)
		}
	}
}

// FuzzLift: for any document, lifting (every section, however small) gives
// gofeed's own result or error.
func FuzzLift(f *testing.F) {
	f.Add([]byte(`<rss version="2.0"><channel><item><description><![CDATA[<p>hi</p>]]></description></item></channel></rss>`))
	f.Add([]byte(`<rss version="2.0"><channel><item><description>a <![CDATA[b]]> &amp; c<![CDATA[d]]></description></item></channel></rss>`))
	f.Add([]byte(`<feed xmlns="http://www.w3.org/2005/Atom"><entry><summary><![CDATA[s]]></summary><content type="xhtml"><![CDATA[x]]></content></entry></feed>`))
	f.Add([]byte(`<rss><channel><item><media:description xmlns:media="http://search.yahoo.com/mrss/"><![CDATA[m]]></media:description></item></channel></rss>`))
	f.Add([]byte(`<rss><channel><description><![CDATA[c]]></description><item><description a='>'><![CDATA[q]]></description></item></channel></rss>`))
	// And the corpus feeds that hold CDATA, when the corpus is there.
	if dir, err := corpus.Locate(); err == nil {
		filepath.WalkDir(filepath.Join(dir, "feeds"), func(path string, d fs.DirEntry, err error) error {
			if err == nil && !d.IsDir() {
				if b, err := os.ReadFile(path); err == nil && len(b) < 64<<10 && bytes.Contains(b, cdataOpen) {
					f.Add(b)
				}
			}
			return nil
		})
	}
	f.Fuzz(func(t *testing.T, body []byte) {
		kind, data, err := detect(textenc.ToUTF8(trimJunk(body), ""))
		if err != nil || kind == kindJSON {
			return
		}
		sameAsGofeed(t, "fuzz input", data, 1)
	})
}
