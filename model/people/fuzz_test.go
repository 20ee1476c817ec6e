package people

import (
	"bytes"
	"os"
	"path/filepath"
	"reflect"
	"testing"
	"time"

	"github.com/knowflow/knowflow/model"
)

// FuzzParseVCard checks that ParseVCard never panics, and that whatever it
// accepts survives WriteVCard and a second ParseVCard unchanged. Run it
// by hand: go test -run '^$' -fuzz FuzzParseVCard -fuzztime 1m ./model/people/
// (in CI only the seeds run).
func FuzzParseVCard(f *testing.F) {
	files, _ := filepath.Glob(filepath.Join(fixtures, "*.vcf"))
	for _, name := range files {
		b, err := os.ReadFile(name)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(b)
	}
	f.Add([]byte("BEGIN:VCARD\nVERSION:2.1\nN;ENCODING=QUOTED-PRINTABLE;CHARSET=ISO-8859-1:M=FCller;J=\nan\nEND:VCARD\n"))
	f.Add([]byte("BEGIN:VCARD\r\nFN;X=\"a:b\";TYPE=work,home:A\\,B\r\nCATEGORIES:cop:x,team,y\\,z\r\nTZ:-0300\r\nURL:x.example/@y\r\nEND:VCARD\r\n"))
	var buf bytes.Buffer
	cs, feeds := richContacts()
	if err := WriteVCard(&buf, cs, feeds); err != nil {
		f.Fatal(err)
	}
	f.Add(buf.Bytes())

	f.Fuzz(func(t *testing.T, in []byte) {
		ims, err := ParseVCard(bytes.NewReader(in))
		if err != nil {
			if _, ok := err.(*Error); !ok {
				t.Fatalf("error %v is a %T, not a *Error", err, err)
			}
			return
		}
		var cs []model.Contact
		feeds := map[int64][]string{}
		for i, im := range ims {
			if im.Contact.Name == "" || im.Line < 1 {
				t.Fatalf("contact %+v", im)
			}
			c := im.Contact
			c.ID = int64(i + 1)
			cs = append(cs, c)
			feeds[c.ID] = im.Feeds
		}
		var out bytes.Buffer
		if err := WriteVCard(&out, cs, feeds); err != nil {
			t.Fatalf("WriteVCard of what ParseVCard gave: %v", err)
		}
		again, err := ParseVCard(bytes.NewReader(out.Bytes()))
		if err != nil {
			t.Fatalf("ParseVCard of what WriteVCard wrote: %v\n%s", err, out.Bytes())
		}
		if len(again) != len(ims) {
			t.Fatalf("%d contacts came back as %d\n%s", len(ims), len(again), out.Bytes())
		}
		for i := range again {
			a, b := again[i], ims[i]
			if !a.Contact.LastContacted.Equal(b.Contact.LastContacted) {
				t.Fatalf("LastContacted %v came back as %v", b.Contact.LastContacted, a.Contact.LastContacted)
			}
			a.Contact.LastContacted, b.Contact.LastContacted = time.Time{}, time.Time{}
			a.Line = b.Line
			if !reflect.DeepEqual(a, b) {
				t.Fatalf("contact came back different\n got %#v\nwant %#v\n%s", a, b, out.Bytes())
			}
		}
	})
}
