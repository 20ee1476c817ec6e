package parse

import (
	"encoding/json"
	"encoding/xml"
	"errors"
	"strings"
	"testing"
	"time"

	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/japanese"
	"golang.org/x/text/encoding/unicode"
)

const rss2 = `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/">
<channel>
  <title>Example &amp; Co</title>
  <link>https://example.org/</link>
  <description>All about &lt;b&gt;examples&lt;/b&gt;</description>
  <language>en-us</language>
  <item>
    <title>First &amp;amp; best post</title>
    <link>https://example.org/posts/1</link>
    <guid isPermaLink="false">post-1</guid>
    <pubDate>Mon, 02 Jan 2006 15:04:05 -0700</pubDate>
    <dc:creator>Jane Doe</dc:creator>
    <category>go</category>
    <category> news </category>
    <category>go</category>
    <description>Short summary</description>
    <content:encoded><![CDATA[<p onclick="x()">Hello <a href="/about">world</a></p><script>alert(1)</script><img src="img/a.png">]]></content:encoded>
  </item>
  <item>
    <title>Second</title>
    <link>/posts/2</link>
    <description>Only a &lt;em&gt;description&lt;/em&gt;</description>
  </item>
</channel>
</rss>`

func TestParseRSS(t *testing.T) {
	f, err := Parse([]byte(rss2), "application/rss+xml", "https://example.org/feed.xml")
	if err != nil {
		t.Fatal(err)
	}
	if f.Title != "Example & Co" || f.SiteURL != "https://example.org/" || f.Language != "en-us" || f.Description != "All about examples" {
		t.Errorf("feed = %+v", f)
	}
	if len(f.Items) != 2 {
		t.Fatalf("%d items", len(f.Items))
	}
	it := f.Items[0]
	if it.GUID != "post-1" || it.Link != "https://example.org/posts/1" || it.Title != "First & best post" || it.Author != "Jane Doe" {
		t.Errorf("item = %+v", it)
	}
	if want := `<p>Hello <a href="https://example.org/about" rel="noreferrer">world</a></p><img src="https://example.org/posts/img/a.png">`; it.ContentHTML != want {
		t.Errorf("ContentHTML = %q, want %q", it.ContentHTML, want)
	}
	if it.Text != "Hello world" {
		t.Errorf("Text = %q", it.Text)
	}
	if strings.Join(it.Categories, "|") != "go|news" {
		t.Errorf("Categories = %q", it.Categories)
	}
	want := time.Date(2006, 1, 2, 22, 4, 5, 0, time.UTC)
	if !it.Published.Equal(want) || it.Published.Location() != time.UTC || !it.Updated.IsZero() {
		t.Errorf("Published = %v, Updated = %v", it.Published, it.Updated)
	}
	if it.DedupeKey != "guid:post-1" || len(it.Hash) != 64 {
		t.Errorf("DedupeKey = %q, Hash = %q", it.DedupeKey, it.Hash)
	}

	it = f.Items[1]
	if it.Link != "https://example.org/posts/2" || it.DedupeKey != "link:https://example.org/posts/2" {
		t.Errorf("second item link = %q, key = %q", it.Link, it.DedupeKey)
	}
	if it.ContentHTML != "Only a <em>description</em>" || !it.Published.IsZero() {
		t.Errorf("second item = %+v", it)
	}
}

func TestParseRSS1(t *testing.T) {
	body := `<?xml version="1.0"?>
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/" xmlns:dc="http://purl.org/dc/elements/1.1/">
  <channel rdf:about="https://example.org/"><title>RDF feed</title><link>https://example.org/</link><description>d</description></channel>
  <item rdf:about="https://example.org/a"><title>A</title><link>https://example.org/a</link><dc:date>2020-05-01T10:00:00Z</dc:date><description>aaa</description></item>
</rdf:RDF>`
	f, err := Parse([]byte(body), "", "https://example.org/index.rdf")
	if err != nil {
		t.Fatal(err)
	}
	if f.Title != "RDF feed" || len(f.Items) != 1 || f.Items[0].Title != "A" || f.Items[0].Link != "https://example.org/a" {
		t.Fatalf("feed = %+v", f)
	}
	if !f.Items[0].Published.Equal(time.Date(2020, 5, 1, 10, 0, 0, 0, time.UTC)) {
		t.Errorf("Published = %v", f.Items[0].Published)
	}
}

const atom10 = `<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="en_GB">
  <title type="html">Atom &lt;i&gt;feed&lt;/i&gt;</title>
  <link rel="self" href="https://example.com/feed.atom"/>
  <link rel="alternate" href="https://example.com/"/>
  <author><name>Feed Author</name></author>
  <id>urn:feed</id>
  <updated>2021-03-04T05:06:07Z</updated>
  <entry>
    <title>Entry one</title>
    <id>urn:entry:1</id>
    <link rel="alternate" href="/2021/one"/>
    <published>2021-03-01T00:00:00+02:00</published>
    <updated>2021-03-02T00:00:00Z</updated>
    <summary>Summary one</summary>
    <content type="html">&lt;p&gt;Full &lt;b&gt;content&lt;/b&gt; &lt;a href="javascript:alert(1)"&gt;bad&lt;/a&gt;&lt;/p&gt;</content>
  </entry>
  <entry>
    <title type="text">Why the &lt;dialog&gt; element</title>
    <id>urn:entry:2</id>
    <link href="https://example.com/2021/two"/>
    <updated>2021-03-03T00:00:00Z</updated>
    <author><name>Other</name><email>other@example.com</email></author>
    <content type="text">Plain text: 1 &lt; 2 &amp;&amp; &lt;b&gt; is not bold</content>
  </entry>
</feed>`

func TestParseAtom(t *testing.T) {
	f, err := Parse([]byte(atom10), "application/atom+xml", "https://example.com/feed.atom")
	if err != nil {
		t.Fatal(err)
	}
	if f.Title != "Atom feed" || f.SiteURL != "https://example.com/" || f.Language != "en-GB" {
		t.Errorf("feed = %+v", f)
	}
	if len(f.Items) != 2 {
		t.Fatalf("%d items", len(f.Items))
	}
	one, two := f.Items[0], f.Items[1]
	if one.GUID != "urn:entry:1" || one.Link != "https://example.com/2021/one" || one.Author != "Feed Author" {
		t.Errorf("entry one = %+v", one)
	}
	if one.ContentHTML != "<p>Full <b>content</b> bad</p>" {
		t.Errorf("content = %q", one.ContentHTML)
	}
	if !one.Published.Equal(time.Date(2021, 2, 28, 22, 0, 0, 0, time.UTC)) || !one.Updated.Equal(time.Date(2021, 3, 2, 0, 0, 0, 0, time.UTC)) {
		t.Errorf("dates = %v, %v", one.Published, one.Updated)
	}
	if two.Title != "Why the <dialog> element" || two.Author != "Other" {
		t.Errorf("entry two = %+v", two)
	}
	// type="text" content is shown as text, not interpreted.
	if two.ContentHTML != "Plain text: 1 &lt; 2 &amp;&amp; &lt;b&gt; is not bold" || two.Text != "Plain text: 1 < 2 && <b> is not bold" {
		t.Errorf("text content = %q / %q", two.ContentHTML, two.Text)
	}
	// Published falls back to Updated.
	if !two.Published.Equal(two.Updated) || two.Updated.IsZero() {
		t.Errorf("published = %v, updated = %v", two.Published, two.Updated)
	}
}

func TestParseJSONFeed(t *testing.T) {
	body := `{
  "version": "https://jsonfeed.org/version/1.1",
  "title": "JSON Feed",
  "home_page_url": "https://example.net/",
  "authors": [{"name": "Feed Person"}],
  "language": "fr",
  "items": [
    {"id": "1", "url": "/posts/1", "title": "One", "content_html": "<p>Hi <script>x()</script>there</p>",
     "date_published": "2022-01-02T03:04:05Z", "tags": ["a", "b"]},
    {"id": "2", "url": "https://example.net/posts/2", "content_text": "Line one\nLine two\n\nNew <paragraph> & more",
     "date_modified": "2022-02-03T00:00:00Z", "authors": [{"name": "Item Person"}]}
  ]
}`
	f, err := Parse([]byte(body), "application/feed+json", "https://example.net/feed.json")
	if err != nil {
		t.Fatal(err)
	}
	if f.Title != "JSON Feed" || f.SiteURL != "https://example.net/" || f.Language != "fr" || len(f.Items) != 2 {
		t.Fatalf("feed = %+v", f)
	}
	one, two := f.Items[0], f.Items[1]
	if one.Link != "https://example.net/posts/1" || one.ContentHTML != "<p>Hi there</p>" || one.Author != "Feed Person" ||
		strings.Join(one.Categories, ",") != "a,b" || one.DedupeKey != "guid:1" {
		t.Errorf("item one = %+v", one)
	}
	if !one.Published.Equal(time.Date(2022, 1, 2, 3, 4, 5, 0, time.UTC)) {
		t.Errorf("published = %v", one.Published)
	}
	if want := "<p>Line one<br>\nLine two</p>\n<p>New &lt;paragraph&gt; &amp; more</p>"; two.ContentHTML != want {
		t.Errorf("content_text became %q, want %q", two.ContentHTML, want)
	}
	if two.Text != "Line one\nLine two\nNew <paragraph> & more" || two.Author != "Item Person" {
		t.Errorf("item two = %+v", two)
	}
	if two.Title != "Line one" {
		t.Errorf("derived title = %q", two.Title)
	}
	if !two.Published.Equal(two.Updated) || two.Updated.IsZero() {
		t.Errorf("published = %v, updated = %v", two.Published, two.Updated)
	}
}

func TestRelativeAndUnsafeLinks(t *testing.T) {
	body := `<rss version="2.0"><channel><title>t</title><link>/blog/</link>
<item><title>rel</title><link>post.html</link></item>
<item><title>js</title><link>javascript:alert(1)</link><guid>g-js</guid></item>
<item><title>ftp</title><link>ftp://example.org/file</link><guid>g-ftp</guid></item>
<item><title>permalink guid</title><guid>https://example.org/p/9</guid></item>
<item><title>not a permalink</title><guid isPermaLink="false">https://example.org/p/10</guid></item>
<item><title>spaces</title><link>
   https://example.org/spaced
</link></item>
</channel></rss>`
	f, err := Parse([]byte(body), "", "https://feeds.example.org/blog/rss")
	if err != nil {
		t.Fatal(err)
	}
	if f.SiteURL != "https://feeds.example.org/blog/" {
		t.Errorf("SiteURL = %q", f.SiteURL)
	}
	want := []string{
		"https://feeds.example.org/blog/post.html",
		"", "",
		"https://example.org/p/9",
		"",
		"https://example.org/spaced",
	}
	if len(f.Items) != len(want) {
		t.Fatalf("%d items", len(f.Items))
	}
	for i, w := range want {
		if f.Items[i].Link != w {
			t.Errorf("item %d (%s): link %q, want %q", i, f.Items[i].Title, f.Items[i].Link, w)
		}
	}

	// Without a feed URL, relative links can't be resolved.
	f, err = Parse([]byte(body), "", "")
	if err != nil {
		t.Fatal(err)
	}
	if f.SiteURL != "" || f.Items[0].Link != "" || f.Items[3].Link != "https://example.org/p/9" {
		t.Errorf("without feed URL: site %q, links %q %q", f.SiteURL, f.Items[0].Link, f.Items[3].Link)
	}
}

func TestDedupeKey(t *testing.T) {
	body := `<rss version="2.0"><channel><title>t</title>
<item><guid>  g1  </guid><link>https://example.org/1</link><title>guid wins</title></item>
<item><link>https://example.org/2</link><title>link next</title></item>
<item><title>hash last</title><description>body</description></item>
<item><title>hash last</title><description>body</description></item>
<item><guid>g1</guid><title>duplicate guid</title></item>
</channel></rss>`
	f, err := Parse([]byte(body), "", "https://example.org/feed")
	if err != nil {
		t.Fatal(err)
	}
	if len(f.Items) != 3 {
		t.Fatalf("%d items, want 3 (duplicates dropped)", len(f.Items))
	}
	if f.Items[0].DedupeKey != "guid:g1" || f.Items[0].Title != "guid wins" {
		t.Errorf("item 0 key %q", f.Items[0].DedupeKey)
	}
	if f.Items[1].DedupeKey != "link:https://example.org/2" {
		t.Errorf("item 1 key %q", f.Items[1].DedupeKey)
	}
	if want := "hash:" + hash("hash last", "body"); f.Items[2].DedupeKey != want {
		t.Errorf("item 2 key %q, want %q", f.Items[2].DedupeKey, want)
	}
	for _, it := range f.Items {
		if len(it.Hash) != 64 || strings.Trim(it.Hash, "0123456789abcdef") != "" {
			t.Errorf("Hash %q is not hex SHA-256", it.Hash)
		}
	}
}

func TestHashTracksUpdates(t *testing.T) {
	feed := func(title, desc string) Item {
		t.Helper()
		f, err := Parse([]byte(`<rss version="2.0"><channel><item><guid>x</guid><title>`+title+`</title><description>`+desc+`</description></item></channel></rss>`), "", "")
		if err != nil || len(f.Items) != 1 {
			t.Fatalf("%v %v", f, err)
		}
		return f.Items[0]
	}
	a, b, c, d := feed("T", "body"), feed("T", "body"), feed("T", "body edited"), feed("Tb", "ody")
	if a.Hash != b.Hash || a.DedupeKey != b.DedupeKey {
		t.Error("same item hashed differently")
	}
	if a.Hash == c.Hash || a.Hash == d.Hash {
		t.Error("edited item kept its hash")
	}
	if a.DedupeKey != c.DedupeKey {
		t.Error("edit changed the dedupe key")
	}
}

func TestTitles(t *testing.T) {
	long := strings.Repeat("word ", 30)
	tests := []struct{ title, desc, want string }{
		{"Plain", "", "Plain"},
		{"Tom &amp; Jerry", "", "Tom & Jerry"},
		{"&lt;b&gt;Bold&lt;/b&gt; title", "", "Bold title"},
		{"safe&lt;script&gt;alert(1)&lt;/script&gt; title", "", "safe title"},
		{"Vector&lt;int&gt; in C++", "", "Vector<int> in C++"},
		{"  multi\n   line\ttitle ", "", "multi line title"},
		{"", "&lt;p&gt;First paragraph.&lt;/p&gt;&lt;p&gt;Second.&lt;/p&gt;", "First paragraph."},
		{"", long, strings.TrimSpace(strings.Repeat("word ", 16)) + "…"},
		{"", "", ""},
	}
	for _, tt := range tests {
		body := `<rss version="2.0"><channel><item><title>` + tt.title + `</title><description>` + tt.desc + `</description></item></channel></rss>`
		f, err := Parse([]byte(body), "", "")
		if err != nil {
			t.Fatal(err)
		}
		if got := f.Items[0].Title; got != tt.want {
			t.Errorf("title %q / %q: got %q, want %q", tt.title, tt.desc, got, tt.want)
		}
	}
}

func TestPlainTextDescription(t *testing.T) {
	body := "<rss version=\"2.0\"><channel><item><title>t</title><description>Episode notes:\n- one &amp; two\n\nLinks below</description></item></channel></rss>"
	f, err := Parse([]byte(body), "", "")
	if err != nil {
		t.Fatal(err)
	}
	if want := "<p>Episode notes:<br>\n- one &amp; two</p>\n<p>Links below</p>"; f.Items[0].ContentHTML != want {
		t.Errorf("ContentHTML = %q, want %q", f.Items[0].ContentHTML, want)
	}
}

func encode(t *testing.T, enc encoding.Encoding, s string) []byte {
	t.Helper()
	b, err := enc.NewEncoder().Bytes([]byte(s))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func onlyItemTitle(t *testing.T, body []byte, contentType string) string {
	t.Helper()
	f, err := Parse(body, contentType, "https://example.org/feed")
	if err != nil {
		t.Fatal(err)
	}
	if len(f.Items) != 1 {
		t.Fatalf("%d items", len(f.Items))
	}
	return f.Items[0].Title
}

func TestCharsets(t *testing.T) {
	const pt = "Ação e informação: não é só café"
	const ru = "Как пережить новогоднюю ночь"
	const ja = "日本語のタイトル"
	rssWith := func(decl, title string) string {
		return decl + `<rss version="2.0"><channel><title>c</title><item><title>` + title + `</title></item></channel></rss>`
	}
	tests := []struct {
		name        string
		body        []byte
		contentType string
		want        string
	}{
		{"latin-1 declared", encode(t, charmap.ISO8859_1, rssWith(`<?xml version="1.0" encoding="ISO-8859-1"?>`, pt)), "", pt},
		{"latin-1 declared, wrong HTTP charset", encode(t, charmap.ISO8859_1, rssWith(`<?xml version="1.0" encoding="iso-8859-1"?>`, pt)), "text/xml; charset=utf-8", pt},
		{"windows-1252 undeclared", encode(t, charmap.Windows1252, rssWith("", pt+" – “quoted”")), "", pt + " – “quoted”"},
		{"windows-1251 from HTTP", encode(t, charmap.Windows1251, rssWith(`<?xml version="1.0"?>`, ru)), "application/rss+xml; charset=windows-1251", ru},
		{"koi8-r declared single quotes", encode(t, charmap.KOI8R, rssWith(`<?xml version='1.0' encoding='KOI8-R'?>`, ru)), "", ru},
		{"shift_jis declared", encode(t, japanese.ShiftJIS, rssWith(`<?xml version="1.0" encoding="Shift_JIS"?>`, ja)), "", ja},
		{"euc-jp from HTTP", encode(t, japanese.EUCJP, rssWith("", ja)), `text/xml;charset="EUC-JP"`, ja},
		{"utf-8 declared as latin-1", []byte(rssWith(`<?xml version="1.0" encoding="ISO-8859-1"?>`, pt)), "", pt},
		{"utf-8 with HTTP latin-1", []byte(rssWith(`<?xml version="1.0"?>`, pt)), "text/xml; charset=ISO-8859-1", pt},
		{"utf-8 BOM", append([]byte{0xEF, 0xBB, 0xBF}, rssWith(`<?xml version="1.0" encoding="utf-8"?>`, pt)...), "", pt},
		{"utf-8 BOM, wrong declaration", append([]byte{0xEF, 0xBB, 0xBF}, rssWith(`<?xml version="1.0" encoding="windows-1252"?>`, pt)...), "", pt},
		{"utf-16 LE BOM", encode(t, unicode.UTF16(unicode.LittleEndian, unicode.UseBOM), rssWith(`<?xml version="1.0" encoding="UTF-16"?>`, ru)), "", ru},
		{"utf-16 BE no BOM", encode(t, unicode.UTF16(unicode.BigEndian, unicode.IgnoreBOM), rssWith(`<?xml version="1.0" encoding="UTF-16"?>`, ja)), "", ja},
		{"utf-8 with a stray latin-1 byte", []byte(rssWith("", "Ação \xe9 informação")), "", "Ação é informação"},
		{"iso-2022-jp declared", encode(t, japanese.ISO2022JP, rssWith(`<?xml version="1.0" encoding="ISO-2022-JP"?>`, ja)), "", ja},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := onlyItemTitle(t, tt.body, tt.contentType); got != tt.want {
				t.Errorf("title = %q, want %q", got, tt.want)
			}
		})
	}
}

func TestRejectsNonFeeds(t *testing.T) {
	tests := []struct {
		name, body, contentType string
		is                      error
		msg                     string
	}{
		{"empty", "", "", ErrEmpty, "parse: empty document"},
		{"white space", " \n\t ", "", ErrEmpty, "parse: empty document"},
		{"BOM only", "\xef\xbb\xbf", "", ErrEmpty, "parse: empty document"},
		{"declaration only", `<?xml version="1.0"?><!-- nothing -->`, "", ErrEmpty, "parse: empty document"},
		{"html page", "<!DOCTYPE html>\n<html><head><title>Blog</title></head><body><p>hi</body></html>", "text/html", ErrNotFeed, "parse: not a feed (looks like an HTML page)"},
		{"html without doctype", "<html lang=en><meta charset=utf-8><title>x</title>", "", ErrNotFeed, "parse: not a feed (looks like an HTML page)"},
		{"html fragment", "<head><title>Document Moved</title></head><body>moved</body>", "", ErrNotFeed, "parse: not a feed (looks like an HTML page)"},
		{"html after text", "  hello <html><body>x</body></html>", "", ErrNotFeed, "parse: not a feed (looks like an HTML page)"},
		{"xhtml", `<?xml version="1.0"?><!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Strict//EN" "x"><html xmlns="http://www.w3.org/1999/xhtml"><body/></html>`, "", ErrNotFeed, "parse: not a feed (looks like an HTML page)"},
		{"opml", `<?xml version="1.0"?><opml version="1.0"><body><outline text="x"/></body></opml>`, "", ErrNotFeed, "parse: not a feed (XML document with root element <opml>)"},
		{"json object", `{"error": "not found"}`, "application/json", ErrNotFeed, "parse: not a feed (JSON document without a JSON Feed version or items)"},
		{"json array", `[1, 2]`, "", ErrNotFeed, "parse: not a feed (a JSON array, not a JSON Feed object)"},
		{"plain text", "Service Unavailable", "text/plain", ErrNotFeed, `parse: not a feed (content starts with "Service Unavailable")`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f, err := Parse([]byte(tt.body), tt.contentType, "https://example.org/feed")
			if err == nil {
				t.Fatalf("parsed as %+v", f)
			}
			if !errors.Is(err, tt.is) || err.Error() != tt.msg {
				t.Errorf("err = %q, want %q (Is %v)", err, tt.msg, tt.is)
			}
		})
	}
}

func TestMalformed(t *testing.T) {
	body := "<?xml version=\"1.0\"?>\n<rss version=\"2.0\">\n<channel>\n<title>t</title>\n<item><title>x</title></item>\n</channel>\n</rss"
	_, err := Parse([]byte(body), "", "")
	var se *xml.SyntaxError
	if err == nil || !errors.As(err, &se) {
		t.Fatalf("err = %v, want one wrapping *xml.SyntaxError", err)
	}
	if want := "parse: malformed XML: line 7: unexpected EOF"; err.Error() != want {
		t.Errorf("err = %q, want %q", err, want)
	}

	_, err = Parse([]byte("{\"version\": \"https://jsonfeed.org/version/1\",\n \"items\": [}"), "", "")
	var je *json.SyntaxError
	if err == nil || !errors.As(err, &je) || !strings.HasPrefix(err.Error(), "parse: malformed JSON: line 2: ") {
		t.Errorf("err = %v", err)
	}

}

func TestLongProlog(t *testing.T) {
	// gofeed looks for the root element in the first 4 KiB only.
	body := `<?xml version="1.0"?>` + "\n<!-- " + strings.Repeat("generated by a very chatty CMS ", 300) + "-->\n" +
		`<rss version="2.0"><channel><title>late root</title><item><title>x</title></item></channel></rss>`
	f, err := Parse([]byte(body), "", "")
	if err != nil {
		t.Fatal(err)
	}
	if f.Title != "late root" || len(f.Items) != 1 {
		t.Errorf("feed = %+v", f)
	}
}

func TestJunkBeforeFeed(t *testing.T) {
	feed := `<?xml version="1.0" encoding="ISO-8859-1"?><rss version="2.0"><channel><title>t</title><item><title>caf` + "\xe9" + `</title></item></channel></rss>`
	for _, junk := range []string{
		"\n\nWarning: Cannot modify header information in /var/www/feed.php on line 3\n",
		"<br />\n<b>Deprecated</b>:  Function ereg() is deprecated in <b>/var/www/rss.php</b> on line <b>12</b><br />\n",
	} {
		if got := onlyItemTitle(t, []byte(junk+feed), ""); got != "café" {
			t.Errorf("after %q: title %q", junk, got)
		}
	}
	// A "<?xml" inside a feed's content is not a place to cut.
	body := `<rss version="2.0"><channel><title>t</title><item><title>x</title><description><![CDATA[<pre><?xml version="1.0"?></pre>]]></description></item></channel></rss>`
	if got := onlyItemTitle(t, []byte(body), ""); got != "x" {
		t.Errorf("title %q", got)
	}
}

func TestNoPanics(t *testing.T) {
	for _, s := range []string{
		// gofeed dereferences null items and authors.
		`{"version":"https://jsonfeed.org/version/1","items":[null]}`,
		`{"version":"https://jsonfeed.org/version/1.1","authors":[null],"items":[{"id":"1","authors":[null],"attachments":[null],"tags":[null]}]}`,
		`{"version":"https://jsonfeed.org/version/1","items":[{"id":12345678901234567890,"author":null}]}`,
		`<feed xmlns="http://www.w3.org/2005/Atom"><entry><link/><content src="x"/><author/><category/><source/></entry></feed>`,
		`<rss version="2.0"><channel><image/><item><enclosure/><guid/><source/><category/></item></channel></rss>`,
		`<rss xmlns:itunes="http://www.itunes.com/dtds/podcast-1.0.dtd" xmlns:media="http://search.yahoo.com/mrss/"><channel><itunes:category><itunes:category/></itunes:category><itunes:owner/><item><media:group><media:content/></media:group><itunes:image/></item></channel></rss>`,
	} {
		_, err := Parse([]byte(s), "", "https://example.org/")
		if err != nil && strings.Contains(err.Error(), "internal error") {
			t.Errorf("%s: %v", s, err)
		}
	}
	f, err := Parse([]byte(`{"version":"https://jsonfeed.org/version/1","items":[null,{"id":12345678901234567890}]}`), "", "")
	if err != nil || len(f.Items) != 1 || f.Items[0].GUID != "12345678901234567890" {
		t.Errorf("null item not skipped, or id mangled: %+v, %v", f, err)
	}
}

func FuzzParse(f *testing.F) {
	for _, s := range []string{rss2, atom10, `{"version":"https://jsonfeed.org/version/1","items":[{"id":"1","content_text":"x"}]}`,
		"<rss><channel><item><title>&#0;</title></item></channel></rss>", "<feed><entry><content type=\"xhtml\"><div>", "\xef\xbb\xbf<rss/>",
		`{"version":"https://jsonfeed.org/version/1","authors":[null],"items":[null,{"id":"1","authors":[null]}]}`} {
		f.Add([]byte(s), "text/xml; charset=iso-8859-1")
	}
	f.Fuzz(func(t *testing.T, body []byte, contentType string) {
		feed, err := Parse(body, contentType, "https://example.org/feed")
		if err != nil {
			if strings.Contains(err.Error(), "internal error") {
				t.Fatalf("panic: %v", err)
			}
			return
		}
		for _, it := range feed.Items {
			if it.DedupeKey == "" || len(it.Hash) != 64 {
				t.Fatalf("item without keys: %+v", it)
			}
		}
	})
}
