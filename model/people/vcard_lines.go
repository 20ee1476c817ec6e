package people

import (
	"bufio"
	"encoding/base64"
	"fmt"
	"io"
	"mime/quotedprintable"
	"strings"
	"unicode/utf8"

	"github.com/emersion/go-vcard"
	"golang.org/x/text/encoding/htmlindex"
)

// Reading a vCard: physical lines unfolded into logical ones, each parsed
// into a property whose value is decoded (escapes, quoted-printable,
// lists and compound values).

// unfolder reads logical content lines: a physical line starting with a
// space or tab continues the one before (RFC 6350 3.2), and so does the
// line after a quoted-printable value ending in "=" (vCard 2.1).
type unfolder struct {
	br      *bufio.Reader
	n       int // physical lines read
	held    bool
	heldS   string
	heldN   int
	readErr error
}

// physical returns the next physical line without its line break, and
// its number.
func (u *unfolder) physical() (string, int, error) {
	if u.held {
		u.held = false
		return u.heldS, u.heldN, nil
	}
	if u.readErr != nil {
		return "", 0, u.readErr
	}
	s, err := u.br.ReadString('\n')
	if err != nil {
		u.readErr = err
		if s == "" {
			return "", 0, err
		}
	}
	u.n++
	s = strings.TrimSuffix(s, "\n")
	s = strings.TrimSuffix(s, "\r")
	return s, u.n, nil
}

// next returns the next logical line and the number of its first
// physical line.
func (u *unfolder) next() (string, int, error) {
	s, n, err := u.physical()
	if err != nil {
		return "", 0, err
	}
	b := []byte(s)
	qp := isQuotedPrintable(s)
	for {
		t, m, err := u.physical()
		if err == io.EOF {
			break
		}
		if err != nil {
			return "", 0, err
		}
		switch {
		case t != "" && (t[0] == ' ' || t[0] == '\t'):
			b = append(b, t[1:]...)
		case qp && len(b) > 0 && b[len(b)-1] == '=':
			b = append(b[:len(b)-1], t...)
		default:
			u.held, u.heldS, u.heldN = true, t, m
			return string(b), n, nil
		}
	}
	return string(b), n, nil
}

// isQuotedPrintable reports whether a content line's parameters say its
// value is quoted-printable.
func isQuotedPrintable(s string) bool {
	head, _, _ := strings.Cut(s, ":")
	return strings.Contains(strings.ToUpper(head), "QUOTED-PRINTABLE")
}

// parseProperty splits a logical content line into group, name,
// parameters and raw value (RFC 6350 3.3). vCard 2.1's bare parameters
// (TEL;CELL:, NOTE;QUOTED-PRINTABLE:) become TYPE= and ENCODING=.
func parseProperty(s string, line int) (property, error) {
	p := property{line: line, params: vcard.Params{}}
	i := strings.IndexAny(s, ";:")
	if i < 0 {
		return p, fmt.Errorf("%q is not a property line (no ':')", clip(s))
	}
	name := s[:i]
	if dot := strings.LastIndexByte(name, '.'); dot >= 0 {
		p.group, name = name[:dot], name[dot+1:]
	}
	if !validName(name) || (p.group != "" && !validName(p.group)) {
		return p, fmt.Errorf("%q is not a property name", clip(s[:i]))
	}
	p.name = strings.ToUpper(name)
	rest := s[i:]
	for rest[0] == ';' {
		rest = rest[1:]
		j := strings.IndexAny(rest, "=;:")
		if j < 0 {
			return p, fmt.Errorf("%s: no ':' after the parameters", p.name)
		}
		pname := strings.ToUpper(strings.TrimSpace(rest[:j]))
		if rest[j] != '=' { // a vCard 2.1 bare parameter, or ";;"
			switch pname {
			case "":
			case "QUOTED-PRINTABLE", "BASE64", "B", "8BIT", "7BIT":
				p.params.Add("ENCODING", pname)
			default:
				p.params.Add(vcard.ParamType, pname)
			}
			rest = rest[j:]
			continue
		}
		if pname == "" {
			return p, fmt.Errorf("%s: parameter with no name", p.name)
		}
		rest = rest[j+1:]
		for {
			var v string
			if strings.HasPrefix(rest, `"`) {
				end := strings.IndexByte(rest[1:], '"')
				if end < 0 {
					return p, fmt.Errorf("%s: unterminated quoted value of parameter %s", p.name, pname)
				}
				v, rest = rest[1:1+end], rest[end+2:]
			} else {
				j := strings.IndexAny(rest, ",;:")
				if j < 0 {
					return p, fmt.Errorf("%s: no ':' after the parameters", p.name)
				}
				v, rest = rest[:j], rest[j:]
			}
			v = caretDecode(v)
			if pname == vcard.ParamType {
				for _, t := range strings.Split(v, ",") {
					p.params.Add(pname, strings.TrimSpace(t))
				}
			} else {
				p.params.Add(pname, v)
			}
			if rest == "" {
				return p, fmt.Errorf("%s: no ':' after the parameters", p.name)
			}
			if rest[0] != ',' {
				break
			}
			rest = rest[1:]
		}
		if rest[0] != ';' && rest[0] != ':' {
			return p, fmt.Errorf("%s: malformed parameter %s", p.name, pname)
		}
	}
	p.raw = rest[1:]
	return p, nil
}

// validName reports whether s is a property or group name: letters,
// digits, "-" (and "_", which some exporters use).
func validName(s string) bool {
	if s == "" {
		return false
	}
	for _, r := range s {
		if !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r == '-' || r == '_') {
			return false
		}
	}
	return true
}

// clip shortens s for an error message.
func clip(s string) string {
	if len(s) <= 40 {
		return s
	}
	cut := 40
	for cut > 0 && !utf8.RuneStart(s[cut]) {
		cut--
	}
	return s[:cut] + "..."
}

// caretDecode undoes RFC 6868's escapes in a parameter value.
func caretDecode(s string) string {
	if !strings.Contains(s, "^") {
		return s
	}
	return strings.NewReplacer("^n", "\n", "^N", "\n", "^^", "^", "^'", `"`).Replace(s)
}

// value returns the property's value as UTF-8 with its vCard escapes
// still in: quoted-printable and base64 are decoded, and text in another
// CHARSET is converted.
func (p *property) value() (string, error) {
	v := p.raw
	switch enc := strings.ToUpper(p.params.Get("ENCODING")); enc {
	case "QUOTED-PRINTABLE":
		b, err := io.ReadAll(quotedprintable.NewReader(strings.NewReader(v)))
		if err != nil {
			return "", fmt.Errorf("%s: bad quoted-printable value: %w", p.name, err)
		}
		v = string(b)
	case "B", "BASE64":
		b, err := base64.StdEncoding.DecodeString(strings.Join(strings.Fields(v), ""))
		if err != nil {
			return "", fmt.Errorf("%s: bad base64 value: %w", p.name, err)
		}
		v = string(b)
	}
	if utf8.ValidString(v) {
		return v, nil
	}
	cs := p.params.Get("CHARSET")
	if cs != "" {
		if enc, err := htmlindex.Get(cs); err == nil {
			if d, err := enc.NewDecoder().String(v); err == nil && utf8.ValidString(d) {
				return d, nil
			}
		}
		return "", fmt.Errorf("%s: text is not in CHARSET %s", p.name, cs)
	}
	return "", fmt.Errorf("%s: text is not UTF-8 (and no CHARSET says what it is)", p.name)
}

// text returns the property's value as plain text.
func (p *property) text() (string, error) {
	v, err := p.value()
	return unescape(v), err
}

// list returns the property's comma-separated values as plain text,
// trimmed, empty ones dropped.
func (p *property) list() ([]string, error) {
	v, err := p.value()
	if err != nil {
		return nil, err
	}
	var out []string
	for _, x := range splitEscaped(v, ',') {
		if x = strings.TrimSpace(unescape(x)); x != "" {
			out = append(out, x)
		}
	}
	return out, nil
}

// compound returns the property's semicolon-separated components, each a
// comma-separated list, as plain text.
func (p *property) compound() ([][]string, error) {
	v, err := p.value()
	if err != nil {
		return nil, err
	}
	var out [][]string
	for _, comp := range splitEscaped(v, ';') {
		var items []string
		for _, x := range splitEscaped(comp, ',') {
			if x = strings.TrimSpace(unescape(x)); x != "" {
				items = append(items, x)
			}
		}
		out = append(out, items)
	}
	return out, nil
}

// splitEscaped splits s at each sep not escaped by a backslash.
func splitEscaped(s string, sep byte) []string {
	var parts []string
	start := 0
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case '\\':
			i++
		case sep:
			parts = append(parts, s[start:i])
			start = i + 1
		}
	}
	return append(parts, s[start:])
}

// unescape undoes vCard text escapes (\\ \n \N \, \; and, leniently, \:
// which Apple writes in URLs); any other backslash is kept. Line breaks
// come out as "\n".
func unescape(s string) string {
	if strings.ContainsRune(s, '\\') {
		var b strings.Builder
		b.Grow(len(s))
		for i := 0; i < len(s); i++ {
			c := s[i]
			if c == '\\' && i+1 < len(s) {
				switch s[i+1] {
				case 'n', 'N':
					b.WriteByte('\n')
					i++
					continue
				case '\\', ',', ';', ':':
					b.WriteByte(s[i+1])
					i++
					continue
				}
			}
			b.WriteByte(c)
		}
		s = b.String()
	}
	if strings.ContainsRune(s, '\r') {
		s = strings.ReplaceAll(strings.ReplaceAll(s, "\r\n", "\n"), "\r", "\n")
	}
	return s
}
