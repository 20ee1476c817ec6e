package people

import (
	"bytes"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

// TestExcelUnicodeText: LinkedIn's export saved by Excel as "Unicode
// Text" (UTF-16LE with a byte order mark, tab-separated, CRLF) is
// recognised and reads exactly like the CSV.
func TestExcelUnicodeText(t *testing.T) {
	csvFile, err := os.ReadFile(filepath.Join(fixtures, "linkedin-connections.csv"))
	if err != nil {
		t.Fatal(err)
	}
	txt, err := os.ReadFile(filepath.Join(fixtures, "linkedin-connections-unicode.txt"))
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.HasPrefix(txt, bomUTF16LE) {
		t.Fatal("the test file is not UTF-16LE with a byte order mark")
	}
	want, err := ParseLinkedIn(bytes.NewReader(csvFile))
	if err != nil {
		t.Fatal(err)
	}
	got, err := Parse(FormatLinkedIn, bytes.NewReader(txt))
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("Unicode Text reads\n%+v\nthe CSV\n%+v", got, want)
	}
}

func TestTabSeparatedMastodon(t *testing.T) {
	tsv := "Account address\tShow boosts\tNotify on new posts\tLanguages\nada@fosstodon.example\ttrue\tfalse\t\n"
	if f := Detect([]byte(tsv)); f != FormatMastodon {
		t.Fatalf("Detect = %v", f)
	}
	got, err := ParseMastodon(strings.NewReader(tsv))
	if err != nil || len(got) != 1 || got[0].Contact.Name != "ada@fosstodon.example" {
		t.Fatalf("ParseMastodon = %+v, %v", got, err)
	}
	// A comma-separated file with tabs inside a field stays comma-separated.
	csv := "Account address,Show boosts\nbob@example.social,true\n"
	if _, comma := sniffCSV([]byte(csv)); comma != ',' {
		t.Fatalf("comma = %q", comma)
	}
}
