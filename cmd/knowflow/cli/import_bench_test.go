package cli

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// writeOPML writes an OPML file of n feeds in 100 folders of 10 subfolders.
func writeOPML(tb testing.TB, n int) string {
	tb.Helper()
	var b strings.Builder
	b.WriteString("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<opml version=\"2.0\"><head><title>Big</title></head><body>\n")
	const folders, subs = 100, 10
	per := max(n/(folders*subs), 1)
	written := 0
	for f := 0; f < folders && written < n; f++ {
		fmt.Fprintf(&b, "<outline text=\"Folder %d\">\n", f)
		for s := 0; s < subs && written < n; s++ {
			fmt.Fprintf(&b, "<outline text=\"Sub %d\">\n", s)
			for k := 0; k < per && written < n; k++ {
				fmt.Fprintf(&b, "<outline type=\"rss\" text=\"Feed %d\" title=\"Feed %d\" xmlUrl=\"https://feed%d.example.org/rss.xml\" htmlUrl=\"https://feed%d.example.org/\"/>\n",
					written, written, written, written)
				written++
			}
			b.WriteString("</outline>\n")
		}
		b.WriteString("</outline>\n")
	}
	for ; written < n; written++ {
		fmt.Fprintf(&b, "<outline type=\"rss\" text=\"Feed %d\" xmlUrl=\"https://feed%d.example.org/rss.xml\"/>\n", written, written)
	}
	b.WriteString("</body></opml>\n")
	path := filepath.Join(tb.TempDir(), fmt.Sprintf("feeds-%d.opml", n))
	if err := os.WriteFile(path, []byte(b.String()), 0o600); err != nil {
		tb.Fatal(err)
	}
	return path
}

// BenchmarkImportOPML runs `knowflow import` of 10,000 and 100,000 OPML
// outlines into a new database and prints the time each import took.
func BenchmarkImportOPML(b *testing.B) {
	for _, n := range []int{10_000, 100_000} {
		b.Run(fmt.Sprint(n), func(b *testing.B) {
			file := writeOPML(b, n)
			for b.Loop() {
				b.StopTimer()
				db := filepath.Join(b.TempDir(), "knowflow.db")
				if code, _, errOut := run(b, Env{}, "--db", db, "check"); code != 0 {
					b.Fatal(errOut)
				}
				b.StartTimer()
				code, out, errOut := run(b, Env{}, "--db", db, "import", file)
				if code != 0 || !strings.Contains(out, fmt.Sprintf("%d new sources", n)) {
					b.Fatalf("import: %d %q %q", code, out, errOut)
				}
			}
			secs := b.Elapsed().Seconds() / float64(b.N)
			b.ReportMetric(secs, "s/import")
			b.ReportMetric(float64(n)/secs, "outlines/s")
			fmt.Printf("import of %d OPML outlines: %.2f s\n", n, secs)
		})
	}
}
