package opml

import "github.com/knowflow/knowflow/feeds/textenc"

// toUTF8 converts an OPML file to UTF-8 that encoding/xml accepts, by the
// policy feeds are read with (package textenc: a byte order mark, valid
// UTF-8, stray bytes as windows-1252, else the declared encoding), then
// blanks out the XML declaration, so that encoding/xml neither converts
// the text again nor refuses version="1.1". Newlines are kept, so that
// line numbers in errors match the file.
func toUTF8(raw []byte) []byte {
	b := textenc.ToUTF8(raw, "")
	if start, end, ok := textenc.XMLDecl(b); ok {
		for i := start; i < end; i++ {
			if b[i] != '\n' {
				b[i] = ' '
			}
		}
	}
	return b
}
