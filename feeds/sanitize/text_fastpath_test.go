package sanitize

import (
	"testing"
	"unicode"
	"unicode/utf8"
)

// slowText is textBuilder.text without the ASCII fast path: the reference
// the fast path must agree with.
func slowText(t *textBuilder, b []byte, pre bool) {
	for len(b) > 0 {
		r, n := utf8.DecodeRune(b)
		b = b[n:]
		switch {
		case pre && r == '\n':
			t.newline()
		case unicode.IsSpace(r):
			t.space()
		case r == 0 || r == utf8.RuneError && n == 1:
		default:
			if t.gap && t.line {
				t.out.WriteByte(' ')
			}
			t.gap = false
			t.line = true
			t.out.WriteRune(r)
		}
	}
}

func FuzzTextFastPath(f *testing.F) {
	for _, s := range []string{"", "a b\tc\r\n d", "  lead", "x\x00y", "é è\u00a0z", "\xff\xfe bad", "pre\nline\n\n", "\v\f mixed \u2003 space"} {
		f.Add([]byte(s), false)
		f.Add([]byte(s), true)
	}
	f.Fuzz(func(t *testing.T, b []byte, pre bool) {
		var fast, slow textBuilder
		fast.line, slow.line = true, true
		fast.text(b, pre)
		slowText(&slow, b, pre)
		if fast.out.String() != slow.out.String() || fast.gap != slow.gap || fast.line != slow.line {
			t.Fatalf("fast path differs on %q (pre=%v):\nfast %q\nslow %q", b, pre, fast.out.String(), slow.out.String())
		}
	})
}
