package opml

import (
	"bytes"
	"strings"
)

// Some exporters copy a feed's HTML description into the description
// attribute as it is: with raw <, and with " inside a "-quoted value, as in
//
//	<outline text="x" description="by <a href="https://x.org">us</a>." xmlUrl="https://x.org/feed"/>
//
// That is not XML, and encoding/xml stops at it. When a file fails to
// parse, Parse tries again after repairOutlines has rewritten every
// <outline> start tag so that it is.

// outlineAttrs are the <outline> attribute names of OPML 2.0, in lower
// case. A quote inside a broken value only ends it when one of these, not
// yet seen in the tag, follows, or the tag ends.
var outlineAttrs = map[string]bool{
	"text": true, "title": true, "type": true, "xmlurl": true, "htmlurl": true,
	"description": true, "category": true, "language": true, "version": true,
	"created": true, "url": true, "iscomment": true, "isbreakpoint": true,
}

// attrEscaper escapes what ends or breaks a "-quoted value.
var attrEscaper = strings.NewReplacer("<", "&lt;", `"`, "&quot;")

// repairOutlines rewrites each <outline> start tag in b as well-formed
// XML, and reports whether it found any. It keeps the number of lines, so
// that errors still name the right one. Entities are left for the
// decoder, which accepts a bare &.
func repairOutlines(b []byte) ([]byte, bool) {
	var out bytes.Buffer
	found := false
	i := 0
	for {
		j := indexTag(b, i, "<outline")
		if j < 0 {
			break
		}
		body := j + len("<outline")
		end := tagEnd(b, body)
		if end < 0 {
			break
		}
		found = true
		out.Write(b[i:j])
		inner := b[body:end]
		selfClosing := bytes.HasSuffix(bytes.TrimRight(inner, " \t\r\n"), []byte("/"))
		if selfClosing {
			inner = bytes.TrimRight(inner, " \t\r\n")
			inner = inner[:len(inner)-1]
		}
		start := out.Len()
		out.WriteString("<outline")
		for _, a := range lenientAttrs(string(inner)) {
			out.WriteString(" " + a[0] + `="`)
			out.WriteString(attrEscaper.Replace(a[1]))
			out.WriteByte('"')
		}
		// Pad with the line breaks lost between attributes.
		lost := bytes.Count(b[j:end], []byte("\n")) - bytes.Count(out.Bytes()[start:], []byte("\n"))
		for ; lost > 0; lost-- {
			out.WriteByte('\n')
		}
		if selfClosing {
			out.WriteByte('/')
		}
		out.WriteByte('>')
		i = end + 1
	}
	if !found {
		return b, false
	}
	out.Write(b[i:])
	return out.Bytes(), true
}

// indexTag returns the index of the next tag named tag ("<outline") in b
// from i, in any letter case, or -1.
func indexTag(b []byte, i int, tag string) int {
	for i < len(b) {
		k := bytes.IndexByte(b[i:], '<')
		if k < 0 {
			return -1
		}
		k += i
		if hasTagAt(b, k, tag) {
			return k
		}
		i = k + 1
	}
	return -1
}

// hasTagAt reports whether tag ("<outline", "</body") starts at b[k],
// followed by white space, / or >.
func hasTagAt(b []byte, k int, tag string) bool {
	n := k + len(tag)
	if n > len(b) || !strings.EqualFold(string(b[k:n]), tag) {
		return false
	}
	if n == len(b) {
		return true
	}
	switch b[n] {
	case ' ', '\t', '\r', '\n', '/', '>':
		return true
	}
	return false
}

// structuralTags are the tags that can follow an <outline> start tag,
// and cannot be inside one.
var structuralTags = []string{"<outline", "</outline", "</body", "</opml"}

// tagEnd returns the index of the > that ends the start tag whose
// attributes begin at b[i]: the first > followed, after white space, by
// the next outline tag, the end of an outline, body or opml, a comment,
// or the end of the file. A > inside a broken value is followed by text.
// It returns -1 when there is none, or when the tag would swallow one of
// structuralTags: that is not a broken value but a broken file.
func tagEnd(b []byte, i int) int {
	k := tagEndCandidate(b, i)
	if k < 0 {
		return -1
	}
	for _, t := range structuralTags {
		if j := indexTag(b[:k], i, t); j >= 0 {
			return -1
		}
	}
	return k
}

func tagEndCandidate(b []byte, i int) int {
	for i < len(b) {
		k := bytes.IndexByte(b[i:], '>')
		if k < 0 {
			return -1
		}
		k += i
		n := k + 1
		for n < len(b) && (b[n] == ' ' || b[n] == '\t' || b[n] == '\r' || b[n] == '\n') {
			n++
		}
		if n == len(b) {
			return k
		}
		for _, t := range structuralTags {
			if hasTagAt(b, n, t) {
				return k
			}
		}
		if bytes.HasPrefix(b[n:], []byte("<!--")) {
			return k
		}
		i = k + 1
	}
	return -1
}

// lenientAttrs splits the inside of a start tag into name, value pairs,
// values as written (entities not decoded). A quoted value ends at the
// first matching quote followed by white space and an OPML attribute name
// not seen yet, then =, or by the end of the tag. Values may be unquoted.
func lenientAttrs(s string) [][2]string {
	var attrs [][2]string
	seen := make(map[string]bool)
	pos := 0
	for {
		pos = skipSpace(s, pos)
		if pos >= len(s) {
			return attrs
		}
		start := pos
		for pos < len(s) && !isSpace(s[pos]) && s[pos] != '=' {
			pos++
		}
		name := s[start:pos]
		if !validName(name) {
			pos = max(pos, start+1)
			continue
		}
		pos = skipSpace(s, pos)
		if pos >= len(s) || s[pos] != '=' {
			continue // an attribute without a value
		}
		pos = skipSpace(s, pos+1)
		seen[strings.ToLower(name)] = true
		var value string
		switch {
		case pos >= len(s):
		case s[pos] == '"' || s[pos] == '\'':
			value, pos = quotedValue(s, pos, seen)
		default:
			start := pos
			for pos < len(s) && !isSpace(s[pos]) {
				pos++
			}
			value = s[start:pos]
		}
		attrs = append(attrs, [2]string{name, value})
	}
}

// quotedValue returns the value whose opening quote is s[pos], and the
// position after its closing quote.
func quotedValue(s string, pos int, seen map[string]bool) (string, int) {
	q := s[pos]
	start := pos + 1
	for e := start; e < len(s); e++ {
		if s[e] != q {
			continue
		}
		rest := e + 1
		if skipSpace(s, rest) == len(s) {
			return s[start:e], rest
		}
		if rest < len(s) && isSpace(s[rest]) && nextIsAttr(s, skipSpace(s, rest), seen) {
			return s[start:e], rest
		}
	}
	// No closing quote that fits: the value runs to the end of the tag,
	// less a last quote.
	v := strings.TrimRight(s[start:], " \t\r\n")
	return strings.TrimSuffix(v, string(q)), len(s)
}

// nextIsAttr reports whether s[pos:] starts with an OPML attribute name
// not in seen, followed by =.
func nextIsAttr(s string, pos int, seen map[string]bool) bool {
	start := pos
	for pos < len(s) && isNameByte(s[pos]) {
		pos++
	}
	name := strings.ToLower(s[start:pos])
	if !outlineAttrs[name] || seen[name] {
		return false
	}
	pos = skipSpace(s, pos)
	return pos < len(s) && s[pos] == '='
}

func validName(name string) bool {
	if name == "" {
		return false
	}
	for i := 0; i < len(name); i++ {
		c := name[i]
		if !isNameByte(c) || i == 0 && (c == '-' || c == '.' || c >= '0' && c <= '9') {
			return false
		}
	}
	return true
}

// isNameByte reports whether c can be in an attribute name; it accepts
// ASCII names only, which is what OPML uses.
func isNameByte(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' ||
		c == '_' || c == '-' || c == '.' || c == ':'
}

func isSpace(c byte) bool { return c == ' ' || c == '\t' || c == '\r' || c == '\n' }

func skipSpace(s string, pos int) int {
	for pos < len(s) && isSpace(s[pos]) {
		pos++
	}
	return pos
}
