package parse

import (
	"bytes"
	"mime"
	"regexp"
	"strings"
	"unicode/utf8"

	"golang.org/x/net/html/charset"
	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/unicode"
)

// declPrefix bounds how far into the body the XML declaration is looked for.
const declPrefix = 512

var (
	utf8BOM = []byte{0xEF, 0xBB, 0xBF}
	// xmlDecl matches an XML declaration's encoding pseudo-attribute; the
	// value is the third group.
	xmlDecl = regexp.MustCompile(`^\s*<\?xml[^>]*?\sencoding\s*=\s*(["'])\s*([^"'<>]*?)\s*(["'])`)
	// ctCharset finds a charset in a Content-Type that mime can't parse.
	ctCharset = regexp.MustCompile(`(?i)charset\s*=\s*["']?([A-Za-z0-9._:\-]+)`)
)

// toUTF8 returns body as UTF-8 with no byte order mark, and with its XML
// declaration (if any) saying so, so that gofeed's XML decoder, which
// honours the declaration, does not convert it a second time.
//
// The encoding is chosen the way browsers and other feed readers do in
// practice: a byte order mark wins; a body that is valid UTF-8 is UTF-8
// whatever it declares (a wrong declaration is a common publisher bug, and
// text in any legacy 8-bit or multi-byte encoding is practically never valid
// UTF-8); a body that is almost entirely valid UTF-8 gets its few bad bytes
// replaced; anything else is decoded with the encoding the XML declaration
// or the HTTP Content-Type names (the one producing fewer decoding errors
// when they disagree), and as windows-1252, the usual superset of
// ISO-8859-1, when neither names one.
func toUTF8(body []byte, contentType string) []byte {
	switch {
	case bytes.HasPrefix(body, utf8BOM):
		return cleanUTF8(body[len(utf8BOM):])
	case bytes.HasPrefix(body, []byte{0xFE, 0xFF}), looksUTF16(body, true):
		return cleanUTF8(decode(body, unicode.UTF16(unicode.BigEndian, unicode.UseBOM)))
	case bytes.HasPrefix(body, []byte{0xFF, 0xFE}), looksUTF16(body, false):
		return cleanUTF8(decode(body, unicode.UTF16(unicode.LittleEndian, unicode.UseBOM)))
	}
	labels := []string{declaredEncoding(body), contentTypeCharset(contentType)}
	if utf8.Valid(body) {
		// ISO-2022-JP is 7-bit, so valid UTF-8; it is the one common
		// encoding that needs decoding anyway.
		if bytes.IndexByte(body, 0x1B) >= 0 {
			for _, l := range labels {
				if enc, name := charset.Lookup(l); enc != nil && name == "iso-2022-jp" {
					return cleanUTF8(decode(body, enc))
				}
			}
		}
		return cleanUTF8(body)
	}
	if mostlyUTF8(body) {
		return cleanUTF8(body)
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
		errs := bytes.Count(out, []byte("\uFFFD"))
		if bestErrs < 0 || errs < bestErrs {
			best, bestErrs = out, errs
		}
	}
	return cleanUTF8(best)
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

// mostlyUTF8 reports whether b is UTF-8 with a few bad bytes: at least one
// valid multi-byte sequence, and four times as many of those as invalid
// bytes. Text in a legacy encoding practically never forms valid UTF-8
// sequences, so it fails this test.
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
	return valid > 0 && valid >= 4*invalid
}

// cleanUTF8 replaces invalid UTF-8 with U+FFFD, drops the noncharacters
// U+FFFE and U+FFFF that XML forbids, strips a byte order mark left by a
// decoder and makes the XML declaration, if any, say UTF-8.
func cleanUTF8(b []byte) []byte {
	b = bytes.TrimPrefix(b, utf8BOM)
	if !utf8.Valid(b) {
		b = bytes.ToValidUTF8(b, []byte("\uFFFD"))
	}
	for _, nc := range []string{"\uFFFE", "\uFFFF"} {
		if bytes.Contains(b, []byte(nc)) {
			b = bytes.ReplaceAll(b, []byte(nc), nil)
		}
	}
	return utf8Decl(b)
}

// utf8Decl rewrites the encoding in b's XML declaration to UTF-8.
func utf8Decl(b []byte) []byte {
	head := b
	if len(head) > declPrefix {
		head = head[:declPrefix]
	}
	m := xmlDecl.FindSubmatchIndex(head)
	if m == nil || strings.EqualFold(string(head[m[4]:m[5]]), "utf-8") {
		return b
	}
	out := make([]byte, 0, len(b)+5)
	out = append(out, b[:m[4]]...)
	out = append(out, "UTF-8"...)
	return append(out, b[m[5]:]...)
}

// declaredEncoding returns the encoding named by b's XML declaration, or "".
func declaredEncoding(b []byte) string {
	if len(b) > declPrefix {
		b = b[:declPrefix]
	}
	if m := xmlDecl.FindSubmatch(b); m != nil {
		return string(m[2])
	}
	return ""
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
