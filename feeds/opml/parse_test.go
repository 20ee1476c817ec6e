package opml

import (
	"encoding/xml"
	"errors"
	"io"
	"reflect"
	"strings"
	"testing"
	"time"
)

// mustParse parses src or fails the test.
func mustParse(t *testing.T, src string) *Document {
	t.Helper()
	doc, err := Parse(strings.NewReader(src))
	if err != nil {
		t.Fatalf("Parse: %v", err)
	}
	return doc
}

// subsOf parses src and returns its subscriptions.
func subsOf(t *testing.T, src string) []Subscription {
	t.Helper()
	return mustParse(t, src).Subscriptions()
}

// titles returns each subscription's title and folder path, as
// "Folder/Sub/Title", for compact comparisons.
func titles(subs []Subscription) []string {
	var out []string
	for _, s := range subs {
		out = append(out, strings.Join(append(append([]string(nil), s.Folder...), s.Title), "/"))
	}
	return out
}

func checkTitles(t *testing.T, subs []Subscription, want ...string) {
	t.Helper()
	if got := titles(subs); !reflect.DeepEqual(got, want) {
		t.Errorf("subscriptions:\n got %q\nwant %q", got, want)
	}
}

func TestParseOPML20(t *testing.T) {
	doc := mustParse(t, `<?xml version="1.0" encoding="UTF-8"?>
<opml version="2.0">
  <head>
    <title>My feeds</title>
    <dateCreated>Mon, 31 Oct 2005 19:23:00 GMT</dateCreated>
    <ownerName>Dave</ownerName>
  </head>
  <body>
    <outline text="Tech" title="Tech">
      <outline type="rss" text="Go Blog" title="The Go Blog" xmlUrl="https://go.dev/blog/feed.atom" htmlUrl="https://go.dev/blog" description="News" category="/Programming/Go,lang"/>
    </outline>
    <outline type="rss" text="Top" xmlUrl="https://example.org/feed"/>
  </body>
</opml>`)
	if doc.Title != "My feeds" || doc.OwnerName != "Dave" {
		t.Errorf("head = %q, %q", doc.Title, doc.OwnerName)
	}
	if want := time.Date(2005, 10, 31, 19, 23, 0, 0, time.UTC); !doc.DateCreated.Equal(want) {
		t.Errorf("DateCreated = %v, want %v", doc.DateCreated, want)
	}
	want := []Subscription{
		{Title: "Go Blog", XMLURL: "https://go.dev/blog/feed.atom", HTMLURL: "https://go.dev/blog",
			Description: "News", Category: "/Programming/Go,lang", Folder: []string{"Tech"}},
		{Title: "Top", XMLURL: "https://example.org/feed"},
	}
	if got := doc.Subscriptions(); !reflect.DeepEqual(got, want) {
		t.Errorf("Subscriptions:\n got %#v\nwant %#v", got, want)
	}
	feed := doc.Outlines[0].Children[0]
	if feed.Text != "Go Blog" || feed.Title != "The Go Blog" || feed.Type != "rss" {
		t.Errorf("outline = %+v", feed)
	}
}

func TestParseOPML10(t *testing.T) {
	// OPML 1.0 as old readers wrote it: no type on folders, no XML
	// declaration, single quotes, a <head> with extra elements.
	subs := subsOf(t, `<opml version='1.0'>
<head><title>Old</title><expansionState>1,2</expansionState><windowTop>61</windowTop></head>
<body>
<outline text='News'>
  <outline text='BBC' type='rss' xmlUrl='http://feeds.bbci.co.uk/news/rss.xml' htmlUrl='http://www.bbc.co.uk/news/'/>
</outline>
<outline text='Slashdot' type='rss' xmlUrl='http://rss.slashdot.org/Slashdot/slashdot'/>
</body>
</opml>`)
	checkTitles(t, subs, "News/BBC", "Slashdot")
}

func TestParseBOM(t *testing.T) {
	subs := subsOf(t, "\xEF\xBB\xBF<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"+
		`<opml version="2.0"><body><outline text="Café" xmlUrl="https://a.example/feed"/></body></opml>`)
	checkTitles(t, subs, "Café")
}

func TestParseBOMWinsOverDeclaration(t *testing.T) {
	subs := subsOf(t, "\xEF\xBB\xBF<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?>\n"+
		`<opml version="2.0"><body><outline text="Café" xmlUrl="https://a.example/feed"/></body></opml>`)
	checkTitles(t, subs, "Café")
}

func TestParseUTF16(t *testing.T) {
	src := "<?xml version=\"1.0\" encoding=\"UTF-16\"?>\n" +
		`<opml version="2.0"><body><outline text="Ça va — 日本" xmlUrl="https://a.example/feed"/></body></opml>`
	for _, bom := range []bool{true, false} {
		var b []byte
		if bom {
			b = append(b, 0xFF, 0xFE)
		}
		for _, r := range src {
			if r > 0xFFFF {
				t.Fatal("test text must be in the BMP")
			}
			b = append(b, byte(r), byte(r>>8))
		}
		subs := subsOf(t, string(b))
		checkTitles(t, subs, "Ça va — 日本")
	}
}

func TestParseISO88591(t *testing.T) {
	// "Café" and "Zürich" in ISO-8859-1: é is the single byte 0xE9.
	src := "<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?>\n" +
		"<opml version=\"1.0\"><head><title>Caf\xe9</title></head><body>" +
		"<outline text=\"Z\xfcrich\"><outline text=\"Caf\xe9 cr\xe8me\" xmlUrl=\"https://a.example/feed\"/></outline>" +
		"</body></opml>"
	doc := mustParse(t, src)
	if doc.Title != "Café" {
		t.Errorf("Title = %q", doc.Title)
	}
	checkTitles(t, doc.Subscriptions(), "Zürich/Café crème")
}

func TestParseWindows1252(t *testing.T) {
	// 0x93 0x94 are curly quotes, 0x80 the euro sign, 0x96 an en dash:
	// windows-1252, not ISO-8859-1.
	src := "<?xml version='1.0' encoding='windows-1252'?>\n" +
		"<opml version=\"2.0\"><body>" +
		"<outline text=\"\x93Money\x94 \x80 \x96 news\" xmlUrl=\"https://a.example/feed\"/>" +
		"</body></opml>"
	checkTitles(t, subsOf(t, src), "“Money” € – news")
}

func TestParseUndeclaredLatin1(t *testing.T) {
	// No declaration, so UTF-8, but with a stray Latin-1 byte beside real
	// UTF-8: the byte is read as windows-1252, the rest kept.
	src := "<opml version=\"2.0\"><body>" +
		"<outline text=\"Caf\xe9 — ok\" xmlUrl=\"https://a.example/feed\"/>" +
		"</body></opml>"
	checkTitles(t, subsOf(t, src), "Café — ok")
}

func TestParseUnknownEncoding(t *testing.T) {
	// An encoding nobody knows is read like an undeclared one, as feeds
	// are (package textenc): UTF-8 when it is, else windows-1252.
	subs := subsOf(t, `<?xml version="1.0" encoding="x-klingon"?><opml version="2.0"><body>`+
		"<outline text=\"Caf\xe9\" xmlUrl=\"https://a.example/feed\"/></body></opml>")
	checkTitles(t, subs, "Café")
}

func TestParseXML11AndControlCharacters(t *testing.T) {
	// encoding/xml refuses version 1.1 and control characters; exports
	// have both.
	src := "<?xml version=\"1.1\"?>\n<opml version=\"2.0\"><body>" +
		"<outline text=\"Bell\x07 &#1;feed\" xmlUrl=\"https://a.example/feed\"/>" +
		"</body></opml>"
	checkTitles(t, subsOf(t, src), "Bell feed")
}

func TestParseHTMLEntities(t *testing.T) {
	doc := mustParse(t, `<?xml version="1.0"?>
<opml version="2.0">
  <head><title>Caf&eacute;&nbsp;feeds</title></head>
  <body>
    <outline text="R&eacute;sum&eacute;s &mdash; News">
      <outline text="Tom &amp; Jerry&nbsp;&hellip;" description="a&nbsp;b &copy; &unknown; AT&T" xmlUrl="https://a.example/feed?a=1&amp;b=2"/>
    </outline>
  </body>
</opml>`)
	if doc.Title != "Café\u00a0feeds" {
		t.Errorf("Title = %q", doc.Title)
	}
	want := []Subscription{{
		Title:       "Tom & Jerry\u00a0…",
		XMLURL:      "https://a.example/feed?a=1&b=2",
		Description: "a\u00a0b © &unknown; AT&T",
		Folder:      []string{"Résumés — News"},
	}}
	if got := doc.Subscriptions(); !reflect.DeepEqual(got, want) {
		t.Errorf("Subscriptions:\n got %#v\nwant %#v", got, want)
	}
}

func TestParseAttributeNameCase(t *testing.T) {
	subs := subsOf(t, `<opml version="2.0"><body>
<outline text="a" xmlUrl="https://a.example/1" htmlUrl="https://a.example/"/>
<outline text="b" xmlURL="https://a.example/2" htmlURL="https://b.example/"/>
<outline text="c" xmlurl="https://a.example/3" htmlurl="https://c.example/"/>
<outline TEXT="d" XMLURL="https://a.example/4" HTMLURL="https://d.example/" TYPE="RSS"/>
</body></opml>`)
	var got []string
	for _, s := range subs {
		got = append(got, s.Title+" "+s.XMLURL+" "+s.HTMLURL)
	}
	want := []string{
		"a https://a.example/1 https://a.example/",
		"b https://a.example/2 https://b.example/",
		"c https://a.example/3 https://c.example/",
		"d https://a.example/4 https://d.example/",
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("got %q\nwant %q", got, want)
	}
}

func TestParseEmptyXMLURL(t *testing.T) {
	doc := mustParse(t, `<opml version="2.0"><body>
<outline text="Folder" xmlUrl="">
  <outline text="in folder" xmlUrl="https://a.example/1"/>
</outline>
<outline text="Blank URL folder" xmlUrl="   ">
  <outline text="in blank" xmlUrl=" https://a.example/2 "/>
</outline>
<outline text="empty leaf" xmlUrl=""/>
<outline text="blank leaf" xmlUrl="  "/>
<outline text="no url leaf"/>
<outline text="Empty folder"><outline text="nothing"/></outline>
<outline>
  <outline text="nameless folder's feed" xmlUrl="https://a.example/3"/>
</outline>
</body></opml>`)
	checkTitles(t, doc.Subscriptions(), "Folder/in folder", "Blank URL folder/in blank", "nameless folder's feed")
	if got := doc.Subscriptions()[1].XMLURL; got != "https://a.example/2" {
		t.Errorf("XMLURL not trimmed: %q", got)
	}
	// The document holds only what is kept.
	if len(doc.Outlines) != 3 {
		t.Errorf("%d top-level outlines, want 3: %+v", len(doc.Outlines), doc.Outlines)
	}
}

func TestParseTitleFallback(t *testing.T) {
	subs := subsOf(t, `<opml version="2.0"><body>
<outline text="Text" title="Title" xmlUrl="https://a.example/1"/>
<outline text=" " title="Title only" xmlUrl="https://a.example/2"/>
<outline xmlUrl="https://host.example:8080/feed.xml"/>
<outline title="Folder by title"><outline text="x" xmlUrl="https://a.example/3"/></outline>
</body></opml>`)
	checkTitles(t, subs, "Text", "Title only", "host.example:8080", "Folder by title/x")
}

func TestParseFeedWithChildren(t *testing.T) {
	subs := subsOf(t, `<opml version="2.0"><body>
<outline text="Parent feed" xmlUrl="https://a.example/parent">
  <outline text="Child" xmlUrl="https://a.example/child"/>
  <outline text="Sub"><outline text="Grandchild" xmlUrl="https://a.example/gc"/></outline>
</outline>
</body></opml>`)
	checkTitles(t, subs, "Parent feed", "Parent feed/Child", "Parent feed/Sub/Grandchild")
}

func TestParseSkipsLinksAndOtherSchemes(t *testing.T) {
	subs := subsOf(t, `<opml version="2.0"><body>
<outline text="js" xmlUrl="javascript:alert(1)"/>
<outline text="JS upper" xmlUrl="JavaScript:alert(1)"/>
<outline text="data" xmlUrl="data:text/xml,&lt;rss/&gt;"/>
<outline text="file" xmlUrl="file:///etc/passwd"/>
<outline text="ftp" xmlUrl="ftp://a.example/feed"/>
<outline text="relative" xmlUrl="/feed.xml"/>
<outline text="no host" xmlUrl="http:///feed"/>
<outline text="a link" type="link" url="https://a.example/page" xmlUrl="https://a.example/linkfeed"/>
<outline text="an include" type="include" url="https://a.example/list.opml"/>
<outline text="Links folder" type="link"><outline text="kept" xmlUrl="https://a.example/kept"/></outline>
<outline text="feed scheme" xmlUrl="feed://a.example/f1"/>
<outline text="feed https" xmlUrl="feed:https://a.example/f2"/>
<outline text="bad site" xmlUrl="HTTPS://a.example/f3" htmlUrl="javascript:alert(1)"/>
</body></opml>`)
	var got []string
	for _, s := range subs {
		got = append(got, strings.Join(s.Folder, "/")+"|"+s.Title+"|"+s.XMLURL+"|"+s.HTMLURL)
	}
	want := []string{
		"Links folder|kept|https://a.example/kept|",
		"|feed scheme|http://a.example/f1|",
		"|feed https|https://a.example/f2|",
		"|bad site|HTTPS://a.example/f3|",
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("got  %q\nwant %q", got, want)
	}
}

func TestSubscriptionsDuplicates(t *testing.T) {
	subs := subsOf(t, `<opml version="2.0"><body>
<outline text="A"><outline text="first" xmlUrl="https://a.example/feed"/></outline>
<outline text="B">
  <outline text="second" xmlUrl="  https://a.example/feed "/>
  <outline text="other" xmlUrl="https://a.example/other"/>
</outline>
<outline text="third" xmlUrl="https://a.example/feed"/>
</body></opml>`)
	checkTitles(t, subs, "A/first", "B/other")
}

func TestParseDeepNesting(t *testing.T) {
	const depth = 40
	var b strings.Builder
	b.WriteString(`<opml version="2.0"><body>`)
	var want []string
	for i := range depth {
		b.WriteString(`<outline text="L` + string(rune('a'+i%26)) + `">`)
		want = append(want, "L"+string(rune('a'+i%26)))
	}
	b.WriteString(`<outline text="deep" xmlUrl="https://a.example/deep"/>`)
	b.WriteString(strings.Repeat(`</outline>`, depth))
	b.WriteString(`</body></opml>`)
	subs := subsOf(t, b.String())
	if len(subs) != 1 || !reflect.DeepEqual(subs[0].Folder, want) {
		t.Fatalf("got %+v", subs)
	}

	// Beyond MaxDepth the file is refused rather than costing memory.
	src := `<opml version="2.0"><body>` + strings.Repeat(`<outline text="x">`, MaxDepth+1) +
		strings.Repeat(`</outline>`, MaxDepth+1) + `</body></opml>`
	_, err := Parse(strings.NewReader(src))
	if err == nil || !strings.Contains(err.Error(), "nested more than 100 levels deep") {
		t.Errorf("err = %v", err)
	}
}

func TestParseCategoryKept(t *testing.T) {
	subs := subsOf(t, `<opml version="2.0"><body>
<outline text="a" xmlUrl="https://a.example/1" category="/Boston/Weather , /Harvard/Courses &amp; more "/>
<outline text="b" xmlUrl="https://a.example/2"/>
</body></opml>`)
	if got := subs[0].Category; got != "/Boston/Weather , /Harvard/Courses & more " {
		t.Errorf("Category = %q", got)
	}
	if subs[1].Category != "" {
		t.Errorf("Category = %q, want empty", subs[1].Category)
	}
}

func TestParseRepairsRawHTMLInAttributes(t *testing.T) {
	// As in awesome-rss-feeds' exports: HTML with quotes copied raw into
	// description, over several lines.
	doc := mustParse(t, `<?xml version='1.0' encoding='UTF-8' ?>
<opml version="1.0">
	<body>
		<outline text="Tech" title="Tech">
			<outline text="A" title="A" description="by <a href="https://x.example" target="_blank">us</a>. <br>
<br>
Since 1999." xmlUrl="https://a.example/feed" type="rss" />
			<outline text="B" title="B" description=""'Quoted' thing." - Critic" xmlUrl="https://b.example/feed" type="rss" />
			<outline text="C" title="C" description="fine" xmlUrl="https://c.example/feed" type="rss" />
		</outline>
	</body>
</opml>`)
	want := []Subscription{
		{Title: "A", XMLURL: "https://a.example/feed", Folder: []string{"Tech"},
			Description: "by <a href=\"https://x.example\" target=\"_blank\">us</a>. <br>\n<br>\nSince 1999."},
		{Title: "B", XMLURL: "https://b.example/feed", Folder: []string{"Tech"},
			Description: `"'Quoted' thing." - Critic`},
		{Title: "C", XMLURL: "https://c.example/feed", Folder: []string{"Tech"}, Description: "fine"},
	}
	if got := doc.Subscriptions(); !reflect.DeepEqual(got, want) {
		t.Errorf("Subscriptions:\n got %#v\nwant %#v", got, want)
	}
}

func TestParseLenientStructure(t *testing.T) {
	// Unquoted attributes, mismatched end tags, wrapper elements in the
	// body, junk after </body>: all read.
	subs := subsOf(t, `<OPML version="2.0"><HEAD><TITLE>t</TITLE></HEAD><Body>
<div class="wrapper"><outline text="a" xmlUrl="https://a.example/1"></div>
<Outline text="F"><outline text="b" xmlUrl="https://a.example/2"/></OUTLINE>
</Body>
<<<junk`)
	checkTitles(t, subs, "a", "F/b")
}

func TestParseRefuses(t *testing.T) {
	tests := []struct {
		name, src, want string
		notOPML         bool
	}{
		{"empty", "", "opml: not an OPML file: the file is empty", true},
		{"blank with BOM", "\xEF\xBB\xBF \n\t ", "opml: not an OPML file: the file is empty", true},
		{"JSON", `{"feeds": ["https://a.example/feed"]}`, `opml: not an OPML file: not XML, starts with "{\"feeds\": [`, true},
		{"plain text", "https://a.example/feed\n", `opml: not an OPML file: not XML, starts with "https://a.example/feed\n"`, true},
		{"random bytes", "\x00\x01\x02\xff\xfe\xfd\x80garbage", "opml: not an OPML file: not XML", true},
		{"HTML page", "<!DOCTYPE html>\n<html lang=\"en\"><head><title>Hi</title></head><body><p>x &nbsp; <br></body></html>",
			"opml: not an OPML file: root element is <html>", true},
		{"RSS feed", `<?xml version="1.0"?><rss version="2.0"><channel><title>x</title></channel></rss>`,
			"opml: not an OPML file: root element is <rss>", true},
		{"no root", `<?xml version="1.0"?><!-- nothing -->`, "opml: not an OPML file: no root element", true},
		{"no body", `<?xml version="1.0"?><opml version="2.0"><head><title>x</title></head></opml>`,
			"opml: not an OPML file: no <body> element", true},
		{"syntax error", "<?xml version=\"1.0\"?>\n<opml version=\"2.0\">\n<head>\n</head>\n<body>\n<outline text=\"a\" <<< \n</body></opml>",
			"opml: line 6: XML syntax error: ", false},
		{"truncated", "<opml version=\"2.0\">\n<body>\n<outline text=\"a\">\n<outline text=\"b\" xmlUrl=\"https://a.example/\"/>\n",
			"opml: line 5: XML syntax error: unexpected EOF", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc, err := Parse(strings.NewReader(tt.src))
			if err == nil {
				t.Fatalf("Parse succeeded: %+v", doc)
			}
			if !strings.Contains(err.Error(), tt.want) {
				t.Errorf("err = %q\nwant it to contain %q", err, tt.want)
			}
			if got := errors.Is(err, ErrNotOPML); got != tt.notOPML {
				t.Errorf("errors.Is(err, ErrNotOPML) = %v, want %v", got, tt.notOPML)
			}
			var se *xml.SyntaxError
			if !tt.notOPML && !errors.As(err, &se) {
				t.Errorf("err %T does not unwrap to *xml.SyntaxError", err)
			}
		})
	}
}

func TestParseTooLarge(t *testing.T) {
	r := io.MultiReader(strings.NewReader(`<opml><body>`), spaces{})
	if _, err := Parse(r); err == nil || !strings.Contains(err.Error(), "opml: file larger than 32 MiB") {
		t.Errorf("err = %v", err)
	}
}

// spaces reads as endless white space.
type spaces struct{}

func (spaces) Read(p []byte) (int, error) {
	for i := range p {
		p[i] = ' '
	}
	return len(p), nil
}

type failingReader struct{}

func (failingReader) Read([]byte) (int, error) { return 0, errors.New("disk on fire") }

func TestParseReadError(t *testing.T) {
	_, err := Parse(failingReader{})
	if err == nil || err.Error() != "opml: reading: disk on fire" {
		t.Errorf("err = %v", err)
	}
}

func TestParseDates(t *testing.T) {
	for _, s := range []string{
		"Mon, 31 Oct 2005 19:23:00 GMT",
		"Mon, 31 Oct 2005 19:23:00 +0000",
		"31 Oct 2005 19:23:00 GMT",
		"Mon, 31 Oct 05 19:23:00 GMT",
		"2005-10-31T19:23:00Z",
		"  Mon,  31 Oct 2005\n19:23:00 GMT ",
	} {
		got := parseDate(s)
		if want := time.Date(2005, 10, 31, 19, 23, 0, 0, time.UTC); !got.Equal(want) {
			t.Errorf("parseDate(%q) = %v", s, got)
		}
	}
	if got := parseDate("yesterday"); !got.IsZero() {
		t.Errorf("parseDate(yesterday) = %v, want zero", got)
	}
}
