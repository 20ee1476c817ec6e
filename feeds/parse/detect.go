package parse

import (
	"bytes"
	"encoding/json"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"strings"
	"unicode/utf8"
)

// Errors returned by Parse. Test with errors.Is; the messages carry more
// detail.
var (
	// ErrEmpty is returned for a body with no content (or only white
	// space, comments and an XML declaration).
	ErrEmpty = errors.New("parse: empty document")
	// ErrNotFeed is matched by the error for a body that is not a feed at
	// all, such as an HTML page or an OPML file.
	ErrNotFeed = errors.New("parse: not a feed")
)

// notFeedError explains why a body is not a feed; it matches ErrNotFeed.
type notFeedError struct{ reason string }

func (e *notFeedError) Error() string        { return "parse: not a feed (" + e.reason + ")" }
func (e *notFeedError) Is(target error) bool { return target == ErrNotFeed }

func notFeed(format string, args ...any) error {
	return &notFeedError{reason: fmt.Sprintf(format, args...)}
}

// syntaxError is a malformed XML or JSON document, with the line where the
// decoder gave up.
type syntaxError struct {
	format string // "XML" or "JSON"
	line   int
	msg    string
	err    error
}

func (e *syntaxError) Error() string {
	return fmt.Sprintf("parse: malformed %s: line %d: %s", e.format, e.line, e.msg)
}

func (e *syntaxError) Unwrap() error { return e.err }

// Feed kinds found by detect.
const (
	kindRSS  = "RSS"
	kindAtom = "Atom"
	kindJSON = "JSON"
)

// maxProlog is how far into a document the root element may start and
// still be seen by gofeed, which looks for it in the first 4 KiB only.
// Past this, detect cuts the prolog (comments, processing instructions, a
// DOCTYPE) off.
const maxProlog = 1024

// maxSniffTokens bounds the tokens read looking for the root element.
const maxSniffTokens = 10000

// htmlRoots are elements that, as the first element of a document, mean it
// is a web page.
var htmlRoots = map[string]bool{
	"html": true, "head": true, "body": true, "title": true, "meta": true, "link": true,
	"script": true, "style": true, "div": true, "p": true, "a": true, "h1": true,
	"table": true, "iframe": true, "frameset": true, "noscript": true, "span": true,
}

// detect finds which kind of feed the UTF-8 body is, or why it is none. It
// returns the body to hand to gofeed: the same, or with a long prolog cut.
func detect(body []byte) (kind string, out []byte, err error) {
	b := bytes.TrimLeft(body, " \t\r\n\f\v")
	if len(b) == 0 {
		return "", nil, ErrEmpty
	}
	switch b[0] {
	case '<':
		return detectXML(b)
	case '{':
		return detectJSON(b)
	case '[':
		return "", nil, notFeed("a JSON array, not a JSON Feed object")
	}
	if looksLikeHTMLPage(b) {
		return "", nil, notFeed("looks like an HTML page")
	}
	return "", nil, notFeed("content starts with %q", snippet(b, 24))
}

func detectXML(b []byte) (string, []byte, error) {
	d := xml.NewDecoder(bytes.NewReader(b))
	d.Strict = false
	d.AutoClose = xml.HTMLAutoClose
	d.Entity = xml.HTMLEntity
	// textenc.ToUTF8 already converted the body and fixed the declaration.
	d.CharsetReader = func(_ string, r io.Reader) (io.Reader, error) { return r, nil }
	htmlDoctype := false
	for i := 0; i < maxSniffTokens; i++ {
		off := d.InputOffset()
		tok, err := d.Token()
		if err != nil {
			if errors.Is(err, io.EOF) {
				if htmlDoctype {
					return "", nil, notFeed("looks like an HTML page")
				}
				return "", nil, ErrEmpty
			}
			if looksLikeHTMLPage(b) {
				return "", nil, notFeed("looks like an HTML page")
			}
			return "", nil, xmlError(err)
		}
		switch t := tok.(type) {
		case xml.Directive:
			if bytes.HasPrefix(bytes.ToLower(bytes.TrimSpace(t)), []byte("doctype html")) {
				htmlDoctype = true
			}
		case xml.StartElement:
			name := strings.ToLower(t.Name.Local)
			var kind string
			switch name {
			case "rss", "rdf":
				kind = kindRSS
			case "feed":
				kind = kindAtom
			default:
				if htmlRoots[name] || htmlDoctype && name != "opml" {
					return "", nil, notFeed("looks like an HTML page")
				}
				if name == "channel" {
					return "", nil, notFeed("unsupported format: root element <%s>, a Channel Definition Format file?", t.Name.Local)
				}
				return "", nil, notFeed("XML document with root element <%s>", t.Name.Local)
			}
			if off > maxProlog {
				b = b[off:]
			}
			return kind, b, nil
		}
	}
	return "", nil, notFeed("no root element in the first %d XML tokens", maxSniffTokens)
}

func detectJSON(b []byte) (string, []byte, error) {
	var v struct {
		Version string          `json:"version"`
		Items   json.RawMessage `json:"items"`
	}
	if err := json.Unmarshal(b, &v); err != nil {
		var se *json.SyntaxError
		if errors.As(err, &se) {
			return "", nil, &syntaxError{format: "JSON", line: lineAt(b, se.Offset), msg: se.Error(), err: err}
		}
		var te *json.UnmarshalTypeError
		if errors.As(err, &te) {
			return "", nil, notFeed("JSON document whose %q is not a JSON Feed's", te.Field)
		}
		return "", nil, fmt.Errorf("parse: malformed JSON: %w", err)
	}
	if !strings.Contains(v.Version, "jsonfeed.org/version/") && v.Items == nil {
		return "", nil, notFeed("JSON document without a JSON Feed version or items")
	}
	if bytes.Contains(b, []byte("null")) {
		b = dropNulls(b)
	}
	return kindJSON, b, nil
}

// dropNulls removes null elements from every array in the JSON document b
// (gofeed dereferences an item or author given as null). b is returned
// unchanged if it can't be rewritten.
func dropNulls(b []byte) []byte {
	d := json.NewDecoder(bytes.NewReader(b))
	d.UseNumber() // keep big numeric ids exact
	var v any
	if err := d.Decode(&v); err != nil {
		return b
	}
	out, err := json.Marshal(withoutNulls(v))
	if err != nil {
		return b
	}
	return out
}

func withoutNulls(v any) any {
	switch x := v.(type) {
	case []any:
		kept := x[:0]
		for _, e := range x {
			if e != nil {
				kept = append(kept, withoutNulls(e))
			}
		}
		return kept
	case map[string]any:
		for k, e := range x {
			x[k] = withoutNulls(e)
		}
	}
	return v
}

// xmlError turns an XML decoder error into a readable error with a line
// number when there is one.
func xmlError(err error) error {
	var se *xml.SyntaxError
	if errors.As(err, &se) {
		return &syntaxError{format: "XML", line: se.Line, msg: se.Msg, err: err}
	}
	return fmt.Errorf("parse: malformed XML: %w", err)
}

// parseError wraps an error from gofeed for a document of the given kind.
func parseError(kind string, err error) error {
	var xe *xml.SyntaxError
	if errors.As(err, &xe) {
		return xmlError(err)
	}
	var je *json.SyntaxError
	if errors.As(err, &je) {
		return fmt.Errorf("parse: malformed JSON: %w", err)
	}
	return fmt.Errorf("parse: invalid %s feed: %w", kind, err)
}

// maxJunk is how far into a body trimJunk looks for the real start of the
// feed.
const maxJunk = 4096

// trimJunk drops what some servers print before the feed, typically PHP
// warnings ("Warning: ... on line 12" or "<br />\n<b>Warning</b>: ..."), when
// an XML declaration (or, after plain text, a feed's root element) follows
// within the first few KiB. It works on the raw bytes, before any charset
// conversion, so that the declaration can still name the encoding.
func trimJunk(b []byte) []byte {
	t := bytes.TrimLeft(bytes.TrimPrefix(b, []byte("\xef\xbb\xbf")), " \t\r\n")
	if len(t) == 0 || t[0] == '{' || t[0] == 0 || t[0] >= 0x80 {
		// JSON, UTF-16 or another encoding: leave it alone.
		return b
	}
	lower := bytes.ToLower(t[:min(len(t), 4)])
	if t[0] == '<' && !bytes.HasPrefix(lower, []byte("<br")) && !bytes.HasPrefix(lower, []byte("<b>")) {
		// Markup from the start: a "<?xml" further on may be inside the
		// feed's content.
		return b
	}
	head := t[:min(len(t), maxJunk)]
	if i := bytes.Index(head, []byte("<?xml")); i > 0 {
		return t[i:]
	}
	if t[0] != '<' {
		for _, root := range []string{"<rss", "<feed", "<rdf:RDF"} {
			if i := bytes.Index(head, []byte(root)); i > 0 {
				return t[i:]
			}
		}
	}
	return b
}

// looksLikeHTMLPage reports whether the start of b looks like an HTML
// document.
func looksLikeHTMLPage(b []byte) bool {
	if len(b) > 2048 {
		b = b[:2048]
	}
	l := bytes.ToLower(b)
	for _, s := range []string{"<!doctype html", "<html", "<head", "<body", "<meta "} {
		if bytes.Contains(l, []byte(s)) {
			return true
		}
	}
	return false
}

// lineAt returns the 1-based line number of byte offset off in b.
func lineAt(b []byte, off int64) int {
	if off > int64(len(b)) {
		off = int64(len(b))
	}
	if off < 0 {
		off = 0
	}
	return bytes.Count(b[:off], []byte("\n")) + 1
}

// snippet returns the first n runes of b, for error messages.
func snippet(b []byte, n int) string {
	end := 0
	for i := 0; i < n && end < len(b); i++ {
		_, size := utf8.DecodeRune(b[end:])
		end += size
	}
	s := string(b[:end])
	if end < len(b) {
		s += "…"
	}
	return s
}
