package textenc

import (
	"bytes"
	"testing"

	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/unicode"
)

func TestToUTF8(t *testing.T) {
	latin1 := func(s string) string {
		b, err := charmap.ISO8859_1.NewEncoder().String(s)
		if err != nil {
			t.Fatal(err)
		}
		return b
	}
	utf16 := func(s string) string {
		b, err := unicode.UTF16(unicode.LittleEndian, unicode.IgnoreBOM).NewEncoder().String(s)
		if err != nil {
			t.Fatal(err)
		}
		return b
	}
	for _, c := range []struct {
		name, in, contentType, want string
	}{
		{"utf-8 stays", "<?xml version=\"1.0\"?><a>Café</a>", "", "<?xml version=\"1.0\"?><a>Café</a>"},
		{"valid utf-8 wins over a wrong declaration", "<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?><a>Café</a>", "",
			"<?xml version=\"1.0\" encoding=\"UTF-8\"?><a>Café</a>"},
		{"declared latin-1", latin1("<?xml version='1.0' encoding='iso-8859-1'?><a>Zürich, Café crème</a>"), "",
			"<?xml version='1.0' encoding='UTF-8'?><a>Zürich, Café crème</a>"},
		{"HTTP charset", latin1("<a>Zürich, Café crème</a>"), "text/xml; charset=ISO-8859-1", "<a>Zürich, Café crème</a>"},
		{"undeclared legacy bytes are windows-1252", "<a>\x93Money\x94 \x80 \x96 news</a>", "", "<a>“Money” € – news</a>"},
		{"stray bytes in utf-8 are windows-1252", "<a>Caf\xe9 — ok</a>", "", "<a>Café — ok</a>"},
		{"utf-8 bom", "\xef\xbb\xbf<a>é</a>", "", "<a>é</a>"},
		{"utf-16 without bom", utf16("<?xml version=\"1.0\" encoding=\"UTF-16\"?><a>日本</a>"), "",
			"<?xml version=\"1.0\" encoding=\"UTF-8\"?><a>日本</a>"},
		{"forbidden characters and references go, newlines stay", "<a>Bell\x07 &#1;&#x1F;feed\n&#233;</a>", "", "<a>Bell feed\n&#233;</a>"},
		{"noncharacters go", "<a>x\uFFFEy\uFFFF</a>", "", "<a>xy</a>"},
		{"unknown label", "<?xml version=\"1.0\" encoding=\"x-klingon\"?><a>Caf\xe9 cr\xe8me</a>", "",
			"<?xml version=\"1.0\" encoding=\"UTF-8\"?><a>Café crème</a>"},
	} {
		if got := string(ToUTF8([]byte(c.in), c.contentType)); got != c.want {
			t.Errorf("%s:\n got %q\nwant %q", c.name, got, c.want)
		}
	}
}

func TestXMLDecl(t *testing.T) {
	for _, c := range []struct {
		in   string
		decl string
		enc  string
	}{
		{"  <?xml version=\"1.0\" encoding='KOI8-R' ?>\n<a/>", "<?xml version=\"1.0\" encoding='KOI8-R' ?>", "KOI8-R"},
		{"<?xml version=\"1.0\"?><a/>", "<?xml version=\"1.0\"?>", ""},
		{"<?xml-stylesheet href=\"x\"?><a/>", "", ""},
		{"<a/>", "", ""},
	} {
		start, end, ok := XMLDecl([]byte(c.in))
		got := ""
		if ok {
			got = c.in[start:end]
		}
		if got != c.decl || DeclaredEncoding([]byte(c.in)) != c.enc {
			t.Errorf("%q: decl %q encoding %q", c.in, got, DeclaredEncoding([]byte(c.in)))
		}
	}
}

// A clean body is returned as it is, not copied.
func TestToUTF8KeepsCleanInput(t *testing.T) {
	in := []byte("<a>plain</a>")
	if out := ToUTF8(in, ""); &out[0] != &in[0] || !bytes.Equal(out, in) {
		t.Error("clean input was copied")
	}
}
