// Package textenc turns the bytes of an XML document from the web or a
// file (a feed, an OPML export) into UTF-8 that an XML parser accepts, by
// one policy for every format Knowflow reads:
//
//  1. a byte order mark (UTF-8, UTF-16) wins; UTF-16 without one is
//     recognised by its "<?" (or "<" and a letter) in the first bytes;
//  2. a body that is valid UTF-8 is UTF-8, whatever it declares: a wrong
//     declaration is a common publisher bug, and text in a legacy
//     encoding practically never forms valid UTF-8 (ISO-2022-JP, which is
//     7-bit, is decoded when declared);
//  3. a body that is mostly UTF-8 (at least one valid multi-byte sequence,
//     and no fewer of those than stray bytes) is UTF-8 with its stray
//     bytes read as windows-1252: "Caf\xe9 — ok" is "Café — ok";
//  4. anything else is decoded with the encoding the XML declaration or
//     the HTTP Content-Type names (the one with fewer undecodable bytes
//     when they disagree), and as windows-1252, the usual superset of
//     ISO-8859-1, when neither names one Knowflow knows;
//
// then the characters XML 1.0 forbids (control characters but tab and
// newlines, U+FFFE, U+FFFF) are removed, and so are character references
// to them ("&#1;"), and the XML declaration, if any, is made to say UTF-8.
// Newlines are kept, so line numbers in errors match the original.
package textenc

import (
	"bytes"
	"mime"
	"regexp"
	"strconv"
	"strings"
	"unicode/utf8"

	"golang.org/x/net/html/charset"
	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/unicode"
)

// declPrefix bounds how far into the body the XML declaration is looked for.
const declPrefix = 1024

var (
	utf8BOM = []byte{0xEF, 0xBB, 0xBF}
	// encodingAttr matches a declaration's encoding pseudo-attribute; the
	// value is the second group.
	encodingAttr = regexp.MustCompile(`(?i)\sencoding\s*=\s*(["'])\s*([^"'<>]*?)\s*["']`)
	// ctCharset finds a charset in a Content-Type that mime can't parse.
	ctCharset = regexp.MustCompile(`(?i)charset\s*=\s*["']?([A-Za-z0-9._:\-]+)`)
	charRef   = regexp.MustCompile(`&#([0-9]{1,8}|[xX][0-9a-fA-F]{1,8});`)
)

// ToUTF8 returns body as clean UTF-8 by the package's policy;
// contentType is the HTTP Content-Type it came with, or "".
func ToUTF8(body []byte, contentType string) []byte {
	switch {
	case bytes.HasPrefix(body, utf8BOM):
		return clean(body[len(utf8BOM):])
	case bytes.HasPrefix(body, []byte{0xFE, 0xFF}), looksUTF16(body, true):
		return clean(decode(body, unicode.UTF16(unicode.BigEndian, unicode.UseBOM)))
	case bytes.HasPrefix(body, []byte{0xFF, 0xFE}), looksUTF16(body, false):
		return clean(decode(body, unicode.UTF16(unicode.LittleEndian, unicode.UseBOM)))
	}
	labels := []string{DeclaredEncoding(body), contentTypeCharset(contentType)}
	if utf8.Valid(body) {
		if bytes.IndexByte(body, 0x1B) >= 0 {
			for _, l := range labels {
				if enc, name := charset.Lookup(l); enc != nil && name == "iso-2022-jp" {
					return clean(decode(body, enc))
				}
			}
		}
		return clean(body)
	}
	if mostlyUTF8(body) {
		return clean(strayAs1252(body))
	}
	var encs []encoding.Encoding
	seen := map[string]bool{}
	for _, l := range labels {
		enc, name := charset.Lookup(l)
		if enc == nil || name == "utf-8" || strings.HasPrefix(name, "utf-16") || seen[name] {
			continue
		}
		seen[name] = true
		encs = append(encs, enc)
	}
	if len(encs) == 0 {
		encs = append(encs, charmap.Windows1252)
	}
	var best []byte
	bestErrs := -1
	for _, enc := range encs {
		out := decode(body, enc)
		if errs := bytes.Count(out, []byte("\uFFFD")); bestErrs < 0 || errs < bestErrs {
			best, bestErrs = out, errs
		}
	}
	return clean(best)
}

// decode converts b to UTF-8 with enc. Undecodable bytes become U+FFFD.
func decode(b []byte, enc encoding.Encoding) []byte {
	out, err := enc.NewDecoder().Bytes(b)
	if err != nil {
		// x/text decoders replace bad input rather than fail; be safe.
		return bytes.ToValidUTF8(b, []byte("\uFFFD"))
	}
	return out
}

// looksUTF16 reports whether b, with no byte order mark, starts like an XML
// document in UTF-16 ("<?" with NUL high or low bytes).
func looksUTF16(b []byte, bigEndian bool) bool {
	if len(b) < 4 {
		return false
	}
	if bigEndian {
		return b[0] == 0 && b[1] == '<' && b[2] == 0 && (b[3] == '?' || b[3] == '!' || isASCIILetter(b[3]))
	}
	return b[0] == '<' && b[1] == 0 && (b[2] == '?' || b[2] == '!' || isASCIILetter(b[2])) && b[3] == 0
}

func isASCIILetter(c byte) bool { return c|0x20 >= 'a' && c|0x20 <= 'z' }

// mostlyUTF8 reports whether b is UTF-8 with stray bytes: at least one
// valid multi-byte sequence, and no fewer of those than invalid bytes.
func mostlyUTF8(b []byte) bool {
	valid, invalid := 0, 0
	for len(b) > 0 {
		if b[0] < utf8.RuneSelf {
			b = b[1:]
			continue
		}
		r, n := utf8.DecodeRune(b)
		if r == utf8.RuneError && n == 1 {
			invalid++
		} else {
			valid++
		}
		b = b[n:]
	}
	return valid > 0 && valid >= invalid
}

// strayAs1252 is b with each byte that is not part of valid UTF-8 read as
// windows-1252.
func strayAs1252(b []byte) []byte {
	out := make([]byte, 0, len(b)+len(b)/8)
	for len(b) > 0 {
		r, n := utf8.DecodeRune(b)
		if r == utf8.RuneError && n == 1 {
			r = charmap.Windows1252.DecodeByte(b[0])
		}
		out = utf8.AppendRune(out, r)
		b = b[n:]
	}
	return out
}

// clean makes valid UTF-8 b acceptable to XML: no byte order mark, no
// character XML forbids nor a reference to one, and a declaration that
// says UTF-8.
func clean(b []byte) []byte {
	b = bytes.TrimPrefix(b, utf8BOM)
	if !utf8.Valid(b) {
		b = bytes.ToValidUTF8(b, []byte("\uFFFD"))
	}
	return utf8Decl(dropBadCharRefs(dropForbidden(b)))
}

// dropForbidden returns b without the characters XML 1.0 forbids; b
// itself when it has none.
func dropForbidden(b []byte) []byte {
	i := 0
	for i < len(b) {
		r, n := utf8.DecodeRune(b[i:])
		if !isXMLChar(r) {
			break
		}
		i += n
	}
	if i == len(b) {
		return b
	}
	out := append(make([]byte, 0, len(b)), b[:i]...)
	for i < len(b) {
		r, n := utf8.DecodeRune(b[i:])
		if isXMLChar(r) {
			out = append(out, b[i:i+n]...)
		}
		i += n
	}
	return out
}

// isXMLChar reports whether r is allowed in an XML 1.0 document.
func isXMLChar(r rune) bool {
	return r == '\t' || r == '\n' || r == '\r' ||
		r >= 0x20 && r <= 0xD7FF ||
		r >= 0xE000 && r <= 0xFFFD ||
		r >= 0x10000 && r <= utf8.MaxRune
}

// dropBadCharRefs removes character references to characters XML forbids,
// which XML parsers refuse even when not strict.
func dropBadCharRefs(b []byte) []byte {
	if !bytes.Contains(b, []byte("&#")) {
		return b
	}
	return charRef.ReplaceAllFunc(b, func(ref []byte) []byte {
		num := string(ref[2 : len(ref)-1])
		base := 10
		if num[0] == 'x' || num[0] == 'X' {
			num, base = num[1:], 16
		}
		n, err := strconv.ParseUint(num, base, 32)
		if err == nil && n <= utf8.MaxRune && !isXMLChar(rune(n)) {
			return nil
		}
		return ref
	})
}

// utf8Decl rewrites the encoding in b's XML declaration to UTF-8.
func utf8Decl(b []byte) []byte {
	start, end, ok := XMLDecl(b)
	if !ok {
		return b
	}
	m := encodingAttr.FindSubmatchIndex(b[start:end])
	if m == nil || strings.EqualFold(string(b[start+m[4]:start+m[5]]), "utf-8") {
		return b
	}
	out := make([]byte, 0, len(b)+5)
	out = append(out, b[:start+m[4]]...)
	out = append(out, "UTF-8"...)
	return append(out, b[start+m[5]:]...)
}

// DeclaredEncoding returns the encoding named by b's XML declaration, or "".
func DeclaredEncoding(b []byte) string {
	start, end, ok := XMLDecl(b)
	if !ok {
		return ""
	}
	if m := encodingAttr.FindSubmatch(b[start:end]); m != nil {
		return string(m[2])
	}
	return ""
}

// XMLDecl finds the XML declaration (<?xml ... ?>) at the start of b,
// after optional white space: b[start:end].
func XMLDecl(b []byte) (start, end int, ok bool) {
	start = len(b) - len(bytes.TrimLeft(b, " \t\r\n"))
	rest := b[start:]
	if len(rest) < 6 || !bytes.EqualFold(rest[:5], []byte("<?xml")) {
		return 0, 0, false
	}
	if c := rest[5]; c != ' ' && c != '\t' && c != '\r' && c != '\n' && c != '?' {
		return 0, 0, false // <?xml-stylesheet ...?> and the like
	}
	if len(rest) > declPrefix {
		rest = rest[:declPrefix]
	}
	i := bytes.Index(rest, []byte("?>"))
	if i < 0 {
		return 0, 0, false
	}
	return start, start + i + 2, true
}

// contentTypeCharset returns the charset parameter of an HTTP Content-Type,
// or "".
func contentTypeCharset(ct string) string {
	if ct == "" {
		return ""
	}
	if _, params, err := mime.ParseMediaType(ct); err == nil {
		return strings.TrimSpace(params["charset"])
	}
	if m := ctCharset.FindStringSubmatch(ct); m != nil {
		return m[1]
	}
	return ""
}
