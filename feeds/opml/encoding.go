package opml

import (
	"bytes"
	"fmt"
	"io"
	"regexp"
	"strconv"
	"strings"
	"unicode/utf8"

	"golang.org/x/net/html/charset"
	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/unicode"
)

// toUTF8 converts an OPML file to UTF-8 that encoding/xml accepts:
//
//   - a UTF-8 or UTF-16 byte order mark wins over the prolog; UTF-16
//     without one is recognized by its "<?" in the first bytes;
//   - otherwise the encoding declared in the XML prolog is used, through
//     charset.NewReaderLabel (WHATWG labels: ISO-8859-1 reads as
//     windows-1252, as browsers do);
//   - in UTF-8 input, bytes that are not UTF-8 are read as windows-1252,
//     the usual mistake of files that declare nothing;
//   - characters XML forbids (control characters but tab and newlines)
//     are removed, and so are character references to them (&#1;);
//   - the XML declaration is blanked out, so that encoding/xml neither
//     converts the text again nor refuses version="1.1".
//
// Newlines are kept, so that line numbers in errors match the file.
func toUTF8(b []byte) ([]byte, error) {
	var utf16 *unicode.Endianness
	switch {
	case bytes.HasPrefix(b, []byte("\xef\xbb\xbf")):
		b = b[3:]
	case bytes.HasPrefix(b, []byte("\xfe\xff")), bytes.HasPrefix(b, []byte("\x00<\x00?")):
		e := unicode.BigEndian
		utf16 = &e
	case bytes.HasPrefix(b, []byte("\xff\xfe")), bytes.HasPrefix(b, []byte("<\x00?\x00")):
		e := unicode.LittleEndian
		utf16 = &e
	default:
		if label := declaredEncoding(b); label != "" {
			var err error
			if b, err = decodeLabel(label, b); err != nil {
				return nil, err
			}
		}
	}
	if utf16 != nil {
		out, err := unicode.UTF16(*utf16, unicode.UseBOM).NewDecoder().Bytes(b)
		if err != nil {
			return nil, fmt.Errorf("opml: decoding UTF-16: %w", err)
		}
		b = out
	}
	b = dropBadCharRefs(sanitize(b))
	if start, end, ok := xmlDecl(b); ok {
		for i := start; i < end; i++ {
			if b[i] != '\n' {
				b[i] = ' '
			}
		}
	}
	return b, nil
}

// decodeLabel converts b from the encoding named label to UTF-8. UTF-8,
// and UTF-16 declared on bytes that read as ASCII (so are not UTF-16),
// are left for sanitize.
func decodeLabel(label string, b []byte) ([]byte, error) {
	enc, name := charset.Lookup(label)
	if enc == nil {
		return nil, fmt.Errorf("opml: unsupported encoding %q", label)
	}
	if name == "utf-8" || strings.HasPrefix(name, "utf-16") {
		return b, nil
	}
	r, err := charset.NewReaderLabel(label, bytes.NewReader(b))
	if err != nil {
		return nil, fmt.Errorf("opml: encoding %q: %w", label, err)
	}
	out, err := io.ReadAll(r)
	if err != nil {
		return nil, fmt.Errorf("opml: decoding %s: %w", name, err)
	}
	return out, nil
}

var encodingAttr = regexp.MustCompile(`(?i)\bencoding\s*=\s*["']\s*([^"'\s]*)\s*["']`)

// declaredEncoding returns the encoding named in b's XML declaration, or
// "" when there is none.
func declaredEncoding(b []byte) string {
	start, end, ok := xmlDecl(b)
	if !ok {
		return ""
	}
	m := encodingAttr.FindSubmatch(b[start:end])
	if m == nil {
		return ""
	}
	return string(m[1])
}

// xmlDecl finds the XML declaration (<?xml ... ?>) at the start of b,
// after optional white space.
func xmlDecl(b []byte) (start, end int, ok bool) {
	start = len(b) - len(bytes.TrimLeft(b, " \t\r\n"))
	rest := b[start:]
	if len(rest) < 6 || !bytes.EqualFold(rest[:5], []byte("<?xml")) {
		return 0, 0, false
	}
	if c := rest[5]; c != ' ' && c != '\t' && c != '\r' && c != '\n' && c != '?' {
		return 0, 0, false // <?xml-stylesheet ...?> and the like
	}
	if len(rest) > 1024 {
		rest = rest[:1024]
	}
	i := bytes.Index(rest, []byte("?>"))
	if i < 0 {
		return 0, 0, false
	}
	return start, start + i + 2, true
}

// sanitize returns b as valid UTF-8 without the characters XML 1.0
// forbids. Bytes that are not UTF-8 are read as windows-1252. b is
// returned unchanged, not copied, when it needs nothing.
func sanitize(b []byte) []byte {
	clean := true
	for i := 0; i < len(b); {
		r, size := utf8.DecodeRune(b[i:])
		if (r == utf8.RuneError && size == 1) || !isXMLChar(r) {
			clean = false
			break
		}
		i += size
	}
	if clean {
		return b
	}
	out := make([]byte, 0, len(b)+len(b)/8)
	for i := 0; i < len(b); {
		r, size := utf8.DecodeRune(b[i:])
		if r == utf8.RuneError && size == 1 {
			r = charmap.Windows1252.DecodeByte(b[i])
		}
		if isXMLChar(r) {
			out = utf8.AppendRune(out, r)
		}
		i += size
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

var charRef = regexp.MustCompile(`&#([0-9]{1,8}|[xX][0-9a-fA-F]{1,8});`)

// dropBadCharRefs removes character references to characters XML forbids,
// which encoding/xml refuses even when not strict.
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
