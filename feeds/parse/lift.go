package parse

import (
	"bytes"
	"reflect"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/mmcdole/gofeed"
)

// Lifting large CDATA sections out of a feed before gofeed reads it.
//
// gofeed reads element text through encoding/xml, which copies every byte of
// a CDATA section one at a time, twice (as text and as inner XML): about
// 25 MB/s, the largest single cost of a refresh, and nearly all of it spent
// on item content that gofeed hands back unchanged, since CDATA is taken
// verbatim. So liftCDATA swaps the content of each large CDATA section that
// sits directly in a content element (description, content:encoded,
// content, summary) for a short placeholder, gofeed parses the much smaller
// document, and restore puts each section back into every string of the
// result. The result is the one gofeed gives for the original document:
// TestLiftSameAsGofeed checks that on every corpus feed, FuzzLift on
// arbitrary documents.
//
// Whatever the scan does not fully understand is left alone: a document with
// a DOCTYPE or other declaration, with xml:base (gofeed rewrites URLs inside
// Atom HTML content against it), or with a section holding a carriage return,
// a control character or invalid UTF-8 (which encoding/xml or gofeed would
// change or refuse). When the lifted document fails to parse, the original
// is parsed instead, so errors are gofeed's own, line numbers included.

// liftMin is the smallest CDATA content worth lifting, in bytes.
const liftMin = 256

// liftMark and liftEnd frame a placeholder: liftMark, the section's index in
// decimal, liftEnd. They are private-use characters: a document already
// holding liftMark is never lifted.
const (
	liftMark = "\uF8FFkfcdata"
	liftEnd  = "\uF8FE"
)

var (
	cdataOpen    = []byte("<![CDATA[")
	cdataClose   = []byte("]]>")
	commentOpen  = []byte("<!--")
	commentClose = []byte("-->")
	piClose      = []byte("?>")
)

// liftCDATA returns doc with the content of every CDATA section of at least
// min bytes that lies directly in a content element replaced by a
// placeholder, and the sections in placeholder order. When nothing is lifted
// it returns doc itself and nil.
func liftCDATA(doc []byte, min int) ([]byte, []string) {
	if bytes.Contains(doc, []byte(liftMark)) || bytes.Contains(doc, []byte("xml:base")) {
		return doc, nil
	}
	var out []byte
	var sections []string
	copied := 0        // doc[:copied] is in out already
	inContent := false // the innermost open element is a content element
	for i := 0; ; {
		j := bytes.IndexByte(doc[i:], '<')
		if j < 0 {
			break
		}
		i += j
		rest := doc[i:]
		switch {
		case bytes.HasPrefix(rest, cdataOpen):
			start := i + len(cdataOpen)
			k := bytes.Index(doc[start:], cdataClose)
			if k < 0 {
				return doc, nil
			}
			end := start + k
			if inContent && end-start >= min && liftable(doc[start:end]) {
				if out == nil {
					out = make([]byte, 0, len(doc)/4)
				}
				out = append(out, doc[copied:start]...)
				out = append(out, liftMark...)
				out = strconv.AppendInt(out, int64(len(sections)), 10)
				out = append(out, liftEnd...)
				sections = append(sections, string(doc[start:end]))
				copied = end
			}
			i = end + len(cdataClose)
		case bytes.HasPrefix(rest, commentOpen):
			k := bytes.Index(doc[i+len(commentOpen):], commentClose)
			if k < 0 {
				return doc, nil
			}
			i += len(commentOpen) + k + len(commentClose)
		case bytes.HasPrefix(rest, []byte("<?")):
			k := bytes.Index(doc[i+2:], piClose)
			if k < 0 {
				return doc, nil
			}
			i += 2 + k + len(piClose)
		case bytes.HasPrefix(rest, []byte("<!")):
			// A DOCTYPE (perhaps with an internal subset) or another
			// declaration: rare in feeds, and not worth scanning right.
			return doc, nil
		case bytes.HasPrefix(rest, []byte("</")):
			k := bytes.IndexByte(rest, '>')
			if k < 0 {
				return doc, nil
			}
			inContent = false
			i += k + 1
		default:
			end, selfClosing, ok := startTagEnd(doc, i)
			if !ok {
				return doc, nil
			}
			inContent = !selfClosing && contentElement(doc[i+1:end])
			i = end
		}
	}
	if sections == nil {
		return doc, nil
	}
	return append(out, doc[copied:]...), sections
}

// startTagEnd returns the index just past the '>' closing the start tag at
// doc[i], skipping quoted attribute values, and whether the tag closes
// itself ("/>").
func startTagEnd(doc []byte, i int) (end int, selfClosing, ok bool) {
	for k := i + 1; k < len(doc); k++ {
		switch c := doc[k]; c {
		case '"', '\'':
			q := bytes.IndexByte(doc[k+1:], c)
			if q < 0 {
				return 0, false, false
			}
			k += 1 + q
		case '>':
			return k + 1, doc[k-1] == '/', true
		}
	}
	return 0, false, false
}

// contentElement reports whether a start tag (what follows its '<') names
// an element whose text gofeed keeps as it is: description,
// content:encoded, content or summary, with any prefix.
func contentElement(tag []byte) bool {
	n := bytes.IndexAny(tag, " \t\r\n/>")
	if n < 0 {
		n = len(tag)
	}
	name := tag[:n]
	if c := bytes.LastIndexByte(name, ':'); c >= 0 {
		name = name[c+1:]
	}
	for _, want := range [...]string{"description", "encoded", "content", "summary"} {
		if strings.EqualFold(string(name), want) {
			return true
		}
	}
	return false
}

// liftable reports whether CDATA content reaches gofeed byte for byte: no
// carriage return (encoding/xml turns it into a newline), no other control
// character (gofeed drops them), valid UTF-8 without U+FFFE or U+FFFF
// (encoding/xml refuses them).
func liftable(b []byte) bool {
	ascii := true
	for _, c := range b {
		if c < 0x20 && c != '\t' && c != '\n' {
			return false
		}
		if c >= 0x80 {
			ascii = false
		}
	}
	if ascii {
		return true
	}
	return utf8.Valid(b) && !bytes.Contains(b, []byte("\uFFFE")) && !bytes.Contains(b, []byte("\uFFFF"))
}

// restore puts the lifted sections back into every string of gf and of the
// format-specific feed it was translated from.
func restore(gf *gofeed.Feed, sections []string) {
	r := restorer{sections: sections}
	r.walk(reflect.ValueOf(gf))
	if orig := gf.OriginalFeed(); orig != nil {
		r.walk(reflect.ValueOf(orig))
	}
}

type restorer struct{ sections []string }

// walk replaces placeholders in every settable string reachable from v
// through pointers, interfaces, exported struct fields, slices, arrays and
// map values. gofeed's types hold no cycles.
func (r restorer) walk(v reflect.Value) {
	switch v.Kind() {
	case reflect.Pointer, reflect.Interface:
		if !v.IsNil() {
			r.walk(v.Elem())
		}
	case reflect.Struct:
		for i := 0; i < v.NumField(); i++ {
			if f := v.Field(i); f.CanSet() {
				r.walk(f)
			}
		}
	case reflect.Slice, reflect.Array:
		for i := 0; i < v.Len(); i++ {
			r.walk(v.Index(i))
		}
	case reflect.Map:
		iter := v.MapRange()
		for iter.Next() {
			val := iter.Value()
			switch val.Kind() {
			case reflect.String:
				if s, ok := r.fill(val.String()); ok {
					v.SetMapIndex(iter.Key(), reflect.ValueOf(s).Convert(val.Type()))
				}
			case reflect.Struct, reflect.Array:
				// A map value cannot be changed in place: copy, walk, put back.
				c := reflect.New(val.Type()).Elem()
				c.Set(val)
				r.walk(c)
				v.SetMapIndex(iter.Key(), c)
			default:
				r.walk(val)
			}
		}
	case reflect.String:
		if v.CanSet() {
			if s, ok := r.fill(v.String()); ok {
				v.SetString(s)
			}
		}
	}
}

// placeholder reads the rest of a placeholder at the start of s (what
// follows liftMark): the section it stands for and how many bytes it takes.
// ok is false when s does not continue one of ours.
func (r restorer) placeholder(s string) (section, n int, ok bool) {
	for n < len(s) && s[n] >= '0' && s[n] <= '9' {
		n++
	}
	k, err := strconv.Atoi(s[:n])
	if err != nil || k >= len(r.sections) || !strings.HasPrefix(s[n:], liftEnd) {
		return 0, 0, false
	}
	return k, n + len(liftEnd), true
}

// grown returns by how much the sections make s longer at most (what the
// placeholders in s would add).
func (r restorer) grown(s string) int {
	n := 0
	for i := strings.Index(s, liftMark); i >= 0; i = strings.Index(s, liftMark) {
		s = s[i+len(liftMark):]
		if k, _, ok := r.placeholder(s); ok {
			n += len(r.sections[k])
		}
	}
	return n
}

// fill replaces the placeholders in s with their sections.
func (r restorer) fill(s string) (string, bool) {
	i := strings.Index(s, liftMark)
	if i < 0 {
		return s, false
	}
	var b strings.Builder
	b.Grow(len(s) + r.grown(s))
	for ; i >= 0; i = strings.Index(s, liftMark) {
		b.WriteString(s[:i])
		s = s[i+len(liftMark):]
		k, n, ok := r.placeholder(s)
		if !ok {
			// Not one of ours (it cannot be: documents holding liftMark are
			// not lifted); keep it as it is.
			b.WriteString(liftMark)
			continue
		}
		b.WriteString(r.sections[k])
		s = s[n:]
	}
	b.WriteString(s)
	return b.String(), true
}
