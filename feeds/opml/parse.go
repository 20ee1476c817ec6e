package opml

import (
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"strings"
	"time"
	"unicode/utf8"
)

// SyntaxError is the error Parse returns for malformed XML. Its message
// names the line; it unwraps to the *xml.SyntaxError.
type SyntaxError struct {
	Line int
	Err  *xml.SyntaxError
}

func (e *SyntaxError) Error() string {
	return fmt.Sprintf("opml: line %d: XML syntax error: %s", e.Line, e.Err.Msg)
}

func (e *SyntaxError) Unwrap() error { return e.Err }

// Parse reads an OPML 1.0 or 2.0 document. It keeps folders that hold at
// least one feed and feed outlines with an http or https xmlUrl; see the
// package documentation for what it accepts. The input is read whole, up
// to MaxFileSize bytes.
//
// Errors start with "opml: ". Input that is not OPML wraps ErrNotOPML;
// malformed XML is a *SyntaxError naming the line.
func Parse(r io.Reader) (*Document, error) {
	raw, err := io.ReadAll(io.LimitReader(r, MaxFileSize+1))
	if err != nil {
		return nil, fmt.Errorf("opml: reading: %w", err)
	}
	if len(raw) > MaxFileSize {
		return nil, fmt.Errorf("opml: file larger than %d MiB", MaxFileSize>>20)
	}
	b := toUTF8(raw)
	start := bytes.TrimLeft(b, " \t\r\n\u00a0")
	if len(start) == 0 {
		return nil, fmt.Errorf("%w: the file is empty", ErrNotOPML)
	}
	if start[0] != '<' {
		return nil, fmt.Errorf("%w: not XML, starts with %q", ErrNotOPML, prefix(start, 24))
	}

	doc, err := parseUTF8(b)
	var se *SyntaxError
	if errors.As(err, &se) {
		// Perhaps an exporter's raw HTML in an attribute: try again with
		// the outline tags repaired, and report the first error if that
		// does not help either.
		if fixed, ok := repairOutlines(b); ok {
			if doc, err2 := parseUTF8(fixed); err2 == nil {
				return doc, nil
			}
		}
	}
	return doc, err
}

// parseUTF8 parses a document that toUTF8 has prepared.
func parseUTF8(b []byte) (*Document, error) {
	dec := xml.NewDecoder(bytes.NewReader(b))
	dec.Strict = false
	dec.Entity = xml.HTMLEntity
	// toUTF8 has converted the text and removed the XML declaration, so
	// there is nothing left to convert; this only guards against a
	// declaration it did not recognize.
	dec.CharsetReader = func(_ string, input io.Reader) (io.Reader, error) { return input, nil }
	p := &parser{dec: dec}
	return p.document()
}

// prefix returns the first n runes of b, for error messages.
func prefix(b []byte, n int) string {
	for i := range b {
		if n == 0 {
			return string(b[:i])
		}
		if utf8.RuneStart(b[i]) {
			n--
		}
	}
	return string(b)
}

type parser struct {
	dec *xml.Decoder
}

// error turns a decoder error into one of this package's.
func (p *parser) error(err error) error {
	var se *xml.SyntaxError
	if errors.As(err, &se) {
		return &SyntaxError{Line: se.Line, Err: se}
	}
	if err == io.EOF {
		line, _ := p.dec.InputPos()
		return &SyntaxError{Line: line, Err: &xml.SyntaxError{Msg: "unexpected EOF", Line: line}}
	}
	if strings.HasPrefix(err.Error(), "opml: ") {
		return err
	}
	return fmt.Errorf("opml: %w", err)
}

// document reads the root element and its head and body.
func (p *parser) document() (*Document, error) {
	for {
		tok, err := p.dec.Token()
		if err == io.EOF {
			return nil, fmt.Errorf("%w: no root element", ErrNotOPML)
		}
		if err != nil {
			return nil, p.error(err)
		}
		if se, ok := tok.(xml.StartElement); ok {
			if !strings.EqualFold(se.Name.Local, "opml") {
				return nil, fmt.Errorf("%w: root element is <%s>", ErrNotOPML, se.Name.Local)
			}
			break
		}
	}

	doc := &Document{}
	sawBody := false
	for {
		tok, err := p.dec.Token()
		if err != nil {
			if sawBody {
				// The subscriptions are complete; what is broken after
				// them does not matter.
				break
			}
			return nil, p.error(err)
		}
		if _, ok := tok.(xml.EndElement); ok {
			break // </opml>
		}
		se, ok := tok.(xml.StartElement)
		if !ok {
			continue
		}
		switch strings.ToLower(se.Name.Local) {
		case "head":
			err = p.head(doc)
		case "body":
			err = p.body(doc)
			if err == nil {
				sawBody = true
			}
		default:
			err = p.dec.Skip()
		}
		if err != nil {
			if sawBody {
				break // as above
			}
			return nil, p.error(err)
		}
	}
	if !sawBody {
		return nil, fmt.Errorf("%w: no <body> element", ErrNotOPML)
	}
	return doc, nil
}

// head reads <head> up to its end tag: title, dateCreated and ownerName.
func (p *parser) head(doc *Document) error {
	for {
		tok, err := p.dec.Token()
		if err != nil {
			return err
		}
		switch t := tok.(type) {
		case xml.EndElement:
			return nil
		case xml.StartElement:
			var s string
			switch strings.ToLower(t.Name.Local) {
			case "title", "ownername", "datecreated":
				if s, err = p.text(); err != nil {
					return err
				}
			default:
				if err := p.dec.Skip(); err != nil {
					return err
				}
				continue
			}
			switch strings.ToLower(t.Name.Local) {
			case "title":
				doc.Title = s
			case "ownername":
				doc.OwnerName = s
			case "datecreated":
				doc.DateCreated = parseDate(s)
			}
		}
	}
}

// text returns the character data of the element just started, up to its
// end tag, trimmed.
func (p *parser) text() (string, error) {
	var sb strings.Builder
	depth := 0
	for {
		tok, err := p.dec.Token()
		if err != nil {
			return "", err
		}
		switch t := tok.(type) {
		case xml.CharData:
			if depth == 0 {
				sb.Write(t)
			}
		case xml.StartElement:
			depth++
		case xml.EndElement:
			if depth == 0 {
				return strings.TrimSpace(sb.String()), nil
			}
			depth--
		}
	}
}

// body reads <body> up to its end tag into doc.Outlines. It keeps a stack
// rather than recursing. Elements other than <outline> are transparent:
// the outlines inside them belong to the enclosing outline.
func (p *parser) body(doc *Document) error {
	var (
		isOutline []bool     // one per open element inside <body>
		open      []*Outline // the open <outline> elements
	)
	for {
		tok, err := p.dec.Token()
		if err != nil {
			return err
		}
		switch t := tok.(type) {
		case xml.StartElement:
			if !strings.EqualFold(t.Name.Local, "outline") {
				isOutline = append(isOutline, false)
				continue
			}
			if len(open) >= MaxDepth {
				line, _ := p.dec.InputPos()
				return fmt.Errorf("opml: line %d: outlines nested more than %d levels deep", line, MaxDepth)
			}
			isOutline = append(isOutline, true)
			open = append(open, newOutline(t.Attr))
		case xml.EndElement:
			if len(isOutline) == 0 {
				return nil // </body>
			}
			was := isOutline[len(isOutline)-1]
			isOutline = isOutline[:len(isOutline)-1]
			if !was {
				continue
			}
			o := open[len(open)-1]
			open = open[:len(open)-1]
			kept := finish(o)
			if len(open) == 0 {
				doc.Outlines = append(doc.Outlines, kept...)
			} else {
				parent := open[len(open)-1]
				parent.Children = append(parent.Children, kept...)
			}
		}
	}
}

// newOutline reads an <outline>'s attributes. Names are matched without
// regard to letter case (xmlUrl, xmlURL, xmlurl); when one appears twice,
// the first non-empty value wins.
func newOutline(attrs []xml.Attr) *Outline {
	o := &Outline{}
	for _, a := range attrs {
		var dst *string
		trim := true
		switch strings.ToLower(a.Name.Local) {
		case "text":
			dst = &o.Text
		case "title":
			dst = &o.Title
		case "type":
			dst = &o.Type
		case "xmlurl":
			dst = &o.XMLURL
		case "htmlurl":
			dst = &o.HTMLURL
		case "description":
			dst, trim = &o.Description, false
		case "category":
			dst, trim = &o.Category, false
		default:
			continue
		}
		if *dst != "" {
			continue
		}
		v := a.Value
		if trim {
			v = strings.TrimSpace(v)
		}
		*dst = v
	}
	return o
}

// finish decides what a closed outline, whose children are already
// finished, becomes in its parent: itself when it is a feed or a named
// folder with children, its children when it is a folder without a name,
// nothing when it is neither a feed nor holds one.
func finish(o *Outline) []*Outline {
	if u, ok := o.feedURL(); ok {
		o.XMLURL = u
		o.HTMLURL = webURL(o.HTMLURL)
		return []*Outline{o}
	}
	if len(o.Children) == 0 {
		return nil
	}
	if o.folderName() == "" {
		return o.Children
	}
	return []*Outline{{Text: o.Text, Title: o.Title, Children: o.Children}}
}

// dateLayouts are the forms of dateCreated seen in exports: RFC 822 as
// OPML specifies, with or without the weekday, two or four-digit years,
// and ISO 8601.
var dateLayouts = []string{
	time.RFC1123Z,
	time.RFC1123,
	"Mon, 2 Jan 2006 15:04:05 -0700",
	"Mon, 2 Jan 2006 15:04:05 MST",
	"2 Jan 2006 15:04:05 -0700",
	"2 Jan 2006 15:04:05 MST",
	time.RFC822Z,
	time.RFC822,
	"Mon, 02 Jan 06 15:04:05 MST",
	time.RFC850,
	time.ANSIC,
	time.UnixDate,
	time.RFC3339,
	"2006-01-02T15:04:05",
	"2006-01-02 15:04:05",
	"2006-01-02",
}

// parseDate parses a dateCreated, returning the zero time when it cannot.
func parseDate(s string) time.Time {
	s = strings.Join(strings.Fields(s), " ")
	for _, layout := range dateLayouts {
		if t, err := time.Parse(layout, s); err == nil {
			return t
		}
	}
	return time.Time{}
}
