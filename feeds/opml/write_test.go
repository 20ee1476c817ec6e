package opml

import (
	"bytes"
	"errors"
	"reflect"
	"strings"
	"testing"
	"time"
)

// roundTrip writes doc and parses it back.
func roundTrip(t *testing.T, doc *Document) *Document {
	t.Helper()
	var buf bytes.Buffer
	n, err := doc.WriteTo(&buf)
	if err != nil {
		t.Fatalf("WriteTo: %v", err)
	}
	if n != int64(buf.Len()) {
		t.Errorf("WriteTo returned %d, wrote %d bytes", n, buf.Len())
	}
	back, err := Parse(&buf)
	if err != nil {
		t.Fatalf("Parse(WriteTo): %v\n%s", err, buf.String())
	}
	return back
}

func TestWriteTo(t *testing.T) {
	doc := &Document{
		Title:       `Tom & Jerry's <feeds>`,
		DateCreated: time.Date(2024, 3, 5, 14, 7, 9, 0, time.FixedZone("CET", 3600)),
		OwnerName:   "Zoë",
		Outlines: []*Outline{
			{Text: `Tech & "Science"`, Title: `Tech & "Science"`, Children: []*Outline{
				{Type: "rss", Text: "Go <Blog>", Title: "Go <Blog>", XMLURL: "https://go.dev/blog/feed.atom?a=1&b=2",
					HTMLURL: "https://go.dev/blog", Description: "line 1\nline 2\t'tab'", Category: "/Tech/Go"},
			}},
			{Text: "日本のニュース", XMLURL: "https://a.example/jp"},
		},
	}
	var buf bytes.Buffer
	if _, err := doc.WriteTo(&buf); err != nil {
		t.Fatal(err)
	}
	want := `<?xml version="1.0" encoding="UTF-8"?>
<opml version="2.0">
  <head>
    <title>Tom &amp; Jerry&#39;s &lt;feeds&gt;</title>
    <dateCreated>Tue, 05 Mar 2024 14:07:09 +0100</dateCreated>
    <ownerName>Zoë</ownerName>
  </head>
  <body>
    <outline text="Tech &amp; &#34;Science&#34;" title="Tech &amp; &#34;Science&#34;">
      <outline type="rss" text="Go &lt;Blog&gt;" title="Go &lt;Blog&gt;" xmlUrl="https://go.dev/blog/feed.atom?a=1&amp;b=2" htmlUrl="https://go.dev/blog" description="line 1&#xA;line 2&#x9;&#39;tab&#39;" category="/Tech/Go"/>
    </outline>
    <outline type="rss" text="日本のニュース" title="日本のニュース" xmlUrl="https://a.example/jp"/>
  </body>
</opml>
`
	if got := buf.String(); got != want {
		t.Errorf("WriteTo:\n%s\nwant:\n%s", got, want)
	}

	back := roundTrip(t, doc)
	if !back.DateCreated.Equal(doc.DateCreated) || back.Title != doc.Title || back.OwnerName != doc.OwnerName {
		t.Errorf("head read back as %q %v %q", back.Title, back.DateCreated, back.OwnerName)
	}
	if got, want := back.Subscriptions(), doc.Subscriptions(); !reflect.DeepEqual(got, want) {
		t.Errorf("read back:\n got %#v\nwant %#v", got, want)
	}
}

func TestWriteToEmpty(t *testing.T) {
	back := roundTrip(t, &Document{})
	if len(back.Outlines) != 0 || !back.DateCreated.IsZero() {
		t.Errorf("got %+v", back)
	}
}

type failingWriter struct{}

func (failingWriter) Write([]byte) (int, error) { return 0, errors.New("disk full") }

func TestWriteToError(t *testing.T) {
	_, err := Build("x", nil).WriteTo(failingWriter{})
	if err == nil || err.Error() != "opml: writing: disk full" {
		t.Errorf("err = %v", err)
	}
}

// nestedSubs is a hand-made tree four folders deep, with non-ASCII and
// XML's special characters in every field, and folders that come back
// after others.
func nestedSubs() []Subscription {
	return []Subscription{
		{Title: "Top-level <feed> & co", XMLURL: "https://top.example/feed?x=1&y=2", HTMLURL: "https://top.example/"},
		{Title: "Go “blog”", XMLURL: "https://go.dev/blog/feed.atom", HTMLURL: "https://go.dev/blog",
			Description: "Tab\there, newline\nthere, \"quotes\" & 'apostrophes' <b>bold</b>", Category: "/Tech/Go, /Lang",
			Folder: []string{"Tech"}},
		{Title: "Rust", XMLURL: "https://blog.rust-lang.org/feed.xml", Folder: []string{"Tech", "Languages"}},
		{Title: "Zig", XMLURL: "https://ziglang.org/news/index.xml", Folder: []string{"Tech", "Languages"}},
		{Title: "Ünïcödé — 日本語 🚀", XMLURL: "https://xn--nicd-6qa3d.example/rss", Description: "ß ∂ ƒ",
			Folder: []string{"Tech", "Languages", "Systems & \"Low\" <level>", "Café crème"}},
		{Title: "Another deep", XMLURL: "https://deep.example/atom", Folder: []string{"Tech", "Languages", "Systems & \"Low\" <level>", "Café crème"}},
		{Title: "Level three only", XMLURL: "https://three.example/rss", Folder: []string{"Tech", "Languages", "Systems & \"Low\" <level>"}},
		{Title: "Science news", XMLURL: "https://science.example/rss", Folder: []string{"Science"}},
		{Title: "Physics", XMLURL: "https://physics.example/rss", Folder: []string{"Science", "Physics"}},
		{Title: "Another top", XMLURL: "https://top2.example/feed"},
	}
}

func TestRoundTripBuildNested(t *testing.T) {
	subs := nestedSubs()
	back := roundTrip(t, Build("Round & trip", subs))
	if back.Title != "Round & trip" {
		t.Errorf("Title = %q", back.Title)
	}
	if got := back.Subscriptions(); !reflect.DeepEqual(got, subs) {
		t.Errorf("round trip:\n got %#v\nwant %#v", got, subs)
	}
	// And once more, from what was read back.
	again := roundTrip(t, Build(back.Title, back.Subscriptions()))
	if got := again.Subscriptions(); !reflect.DeepEqual(got, subs) {
		t.Errorf("second round trip:\n got %#v\nwant %#v", got, subs)
	}
}

func TestBuild(t *testing.T) {
	before := time.Now().Add(-time.Second) // wall clock: Build dates the document now
	doc := Build("t", []Subscription{
		{Title: "a", XMLURL: "https://a.example/1", Folder: []string{"B"}},
		{Title: "b", XMLURL: "https://a.example/2"},
		{Title: "c", XMLURL: "https://a.example/3", Folder: []string{"A"}},
		{Title: "d", XMLURL: "https://a.example/4", Folder: []string{" B ", ""}},
		{Title: "dup", XMLURL: " https://a.example/1 ", Folder: []string{"C"}},
		{Title: "no url", XMLURL: " "},
		{Title: "", XMLURL: "https://untitled.example/feed", Folder: []string{"A", "Sub"}},
	})
	if doc.DateCreated.Before(before) {
		t.Errorf("DateCreated = %v", doc.DateCreated)
	}
	var shape func(list []*Outline) string
	shape = func(list []*Outline) string {
		var parts []string
		for _, o := range list {
			s := o.Text
			if o.XMLURL != "" {
				s += "(" + o.Type + ")"
			}
			if len(o.Children) > 0 {
				s += "[" + shape(o.Children) + "]"
			}
			parts = append(parts, s)
		}
		return strings.Join(parts, " ")
	}
	if got, want := shape(doc.Outlines), "B[a(rss) d(rss)] b(rss) A[c(rss) Sub[untitled.example(rss)]]"; got != want {
		t.Errorf("Build shape:\n got %s\nwant %s", got, want)
	}
	checkTitles(t, roundTrip(t, doc).Subscriptions(), "B/a", "B/d", "b", "A/c", "A/Sub/untitled.example")
}

func TestSubscriptionsFoldersNotShared(t *testing.T) {
	subs := subsOf(t, `<opml version="2.0"><body><outline text="F">
<outline text="a" xmlUrl="https://a.example/1"/>
<outline text="b" xmlUrl="https://a.example/2"/>
</outline></body></opml>`)
	subs[0].Folder[0] = "changed"
	if subs[1].Folder[0] != "F" {
		t.Errorf("Folder slices are shared")
	}
	if (*Document)(nil).Subscriptions() != nil {
		t.Errorf("nil document has subscriptions")
	}
}

func TestRoundTripParsedDocument(t *testing.T) {
	// A parsed document written back as it is keeps its subscriptions,
	// including a feed that has children.
	doc := mustParse(t, `<opml version="1.0"><body>
<outline text="Feed with kids" title="Other title" xmlUrl="https://a.example/p" type="atom">
  <outline text="kid" xmlUrl="https://a.example/k"/>
</outline>
<outline title="Title-only folder"><outline title="t" xmlUrl="https://a.example/t"/></outline>
</body></opml>`)
	back := roundTrip(t, doc)
	if got, want := back.Subscriptions(), doc.Subscriptions(); !reflect.DeepEqual(got, want) {
		t.Errorf("got %#v\nwant %#v", got, want)
	}
	if o := back.Outlines[0]; o.Type != "atom" || o.Title != "Other title" {
		t.Errorf("outline read back as %+v", o)
	}
}
