package people

import (
	"bytes"
	"encoding/csv"
	"encoding/xml"
	"io"
	"strings"

	"golang.org/x/text/encoding/unicode"
)

// HeadSize is how many bytes from the start of a file Detect wants to see;
// it covers LinkedIn's preamble and a long XML prolog.
const HeadSize = 4096

// maxPreamble is how many CSV records (LinkedIn's notes) may come before
// the header.
const maxPreamble = 8

// linkedInColumns are the columns of LinkedIn's Connections.csv, in order.
var linkedInColumns = []string{"First Name", "Last Name", "URL", "Email Address", "Company", "Position", "Connected On"}

// Detect recognises a file's format by its content, not its name, from the
// first bytes of the file (HeadSize of them suffice; fewer are fine for a
// short file):
//
//   - FormatVCard: BEGIN:VCARD, after an optional byte order mark and
//     blank lines;
//   - FormatLinkedIn: a CSV whose header, possibly after LinkedIn's
//     preamble ("Notes:", a quoted sentence, a blank line), has the columns
//     First Name, Last Name and URL (LinkedIn's is First Name,Last Name,
//     URL,Email Address,Company,Position,Connected On);
//   - FormatMastodon: a CSV whose header starts Account address,Show boosts;
//   - either of these two separated by tabs rather than commas, as Excel
//     saves them as "Unicode Text" (UTF-16 with a byte order mark);
//   - FormatOPML: XML whose root element is <opml>.
//
// Anything else, including an empty head, is FormatUnknown. A caller
// reading from a stream can peek: br := bufio.NewReaderSize(f, HeadSize);
// head, _ := br.Peek(HeadSize); then parse br.
func Detect(head []byte) Format {
	switch {
	case bytes.HasPrefix(head, bomUTF8):
		head = head[len(bomUTF8):]
	case bytes.HasPrefix(head, bomUTF16LE), bytes.HasPrefix(head, bomUTF16BE):
		head = head[:len(head)&^1] // whole code units only
		dec, err := unicode.UTF16(unicode.BigEndian, unicode.ExpectBOM).NewDecoder().Bytes(head)
		if err != nil {
			return FormatUnknown
		}
		head = dec
	}
	s := bytes.TrimLeft(head, " \t\r\n")
	if len(s) == 0 {
		return FormatUnknown
	}
	if len(s) >= len("BEGIN:VCARD") && strings.EqualFold(string(s[:len("BEGIN:VCARD")]), "BEGIN:VCARD") {
		return FormatVCard
	}
	if s[0] == '<' {
		if xmlRoot(s) == "opml" {
			return FormatOPML
		}
		return FormatUnknown
	}
	return detectCSV(s)
}

// xmlRoot returns the lower-cased local name of the document's first
// element, or "" if none is found in b.
func xmlRoot(b []byte) string {
	d := xml.NewDecoder(bytes.NewReader(b))
	d.Strict = false
	d.CharsetReader = func(_ string, r io.Reader) (io.Reader, error) { return r, nil }
	for range 1000 {
		tok, err := d.RawToken()
		if err != nil {
			return ""
		}
		switch t := tok.(type) {
		case xml.StartElement:
			return strings.ToLower(t.Name.Local)
		case xml.CharData:
			if len(bytes.TrimSpace(t)) > 0 {
				return ""
			}
		}
	}
	return ""
}

// detectCSV recognises LinkedIn's and Mastodon's CSV headers, in a file
// separated by commas or, as Excel saves "Unicode Text", by tabs.
func detectCSV(b []byte) Format {
	f, _ := sniffCSV(b)
	return f
}

// sniffCSV returns the format of the CSV or tab-separated text b starts
// and its separator (a comma when b is neither).
func sniffCSV(b []byte) (Format, rune) {
	for _, comma := range []rune{',', '\t'} {
		if f := detectCSVWith(b, comma); f != FormatUnknown {
			return f, comma
		}
	}
	return FormatUnknown, ','
}

func detectCSVWith(b []byte, comma rune) Format {
	r := csv.NewReader(bytes.NewReader(b))
	r.Comma = comma
	r.FieldsPerRecord = -1
	for i := 0; i <= maxPreamble; i++ {
		rec, err := r.Read()
		if err != nil {
			return FormatUnknown
		}
		if i == 0 && isMastodonHeader(rec) {
			return FormatMastodon
		}
		if linkedInHeader(rec) != nil {
			return FormatLinkedIn
		}
	}
	return FormatUnknown
}

// isMastodonHeader reports whether rec is the header of Mastodon's
// following_accounts.csv.
func isMastodonHeader(rec []string) bool {
	return len(rec) >= 2 && strings.EqualFold(strings.TrimSpace(rec[0]), "Account address") &&
		strings.EqualFold(strings.TrimSpace(rec[1]), "Show boosts")
}

// linkedInHeader maps LinkedIn's column names to their index in rec, or
// returns nil if rec is not a LinkedIn header (which needs First Name,
// Last Name and URL; the other columns are optional, any order).
func linkedInHeader(rec []string) map[string]int {
	cols := map[string]int{}
	for i, h := range rec {
		for _, want := range linkedInColumns {
			if strings.EqualFold(strings.TrimSpace(h), want) {
				if _, dup := cols[want]; dup {
					return nil
				}
				cols[want] = i
			}
		}
	}
	for _, need := range linkedInColumns[:3] {
		if _, ok := cols[need]; !ok {
			return nil
		}
	}
	return cols
}
