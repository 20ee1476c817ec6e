package opml

import (
	"bytes"
	"reflect"
	"testing"
)

// FuzzParse checks that Parse does not panic on any input, and that what
// it accepts writes back and reads back to the same subscriptions.
func FuzzParse(f *testing.F) {
	for _, s := range []string{
		"",
		"\xEF\xBB\xBF<opml><body/></opml>",
		`<?xml version="1.0" encoding="ISO-8859-1"?><opml version="1.0"><head><title>Caf` + "\xe9" + `</title></head><body><outline text="a" xmlUrl="http://a/"/></body></opml>`,
		`<opml version="2.0"><head><dateCreated>Mon, 31 Oct 2005 19:23:00 GMT</dateCreated></head><body><outline text="F"><outline text="&nbsp;x" xmlUrl="https://a.example/f" category="c"/></outline></body></opml>`,
		`<opml><body><outline text="p" xmlUrl="https://a/p"><outline xmlURL="feed://b/c"/></outline><outline type="link" xmlUrl="javascript:x"/></body></opml>`,
		`<opml><body><outline text="a" description="<a href="x">y</a>" xmlUrl="https://a/"/></body></opml>`,
		"<html><body></body></html>",
		`{"json": true}`,
		"\xff\xfe<\x00o\x00p\x00m\x00l\x00>\x00",
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		doc, err := Parse(bytes.NewReader(data))
		if err != nil {
			return
		}
		subs := doc.Subscriptions()
		var buf bytes.Buffer
		if _, err := doc.WriteTo(&buf); err != nil {
			t.Fatalf("WriteTo: %v", err)
		}
		back, err := Parse(&buf)
		if err != nil {
			t.Fatalf("Parse(WriteTo(doc)): %v\n%s", err, buf.String())
		}
		if got := back.Subscriptions(); !reflect.DeepEqual(got, subs) {
			t.Fatalf("round trip:\n got %#v\nwant %#v\n%s", got, subs, buf.String())
		}
	})
}
