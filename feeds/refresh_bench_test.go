package feeds

import (
	"bytes"
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"testing"
	"time"

	"github.com/knowflow/knowflow/model"
	"github.com/knowflow/knowflow/model/store"
)

// benchFeed is an RSS document of n items with about 2.7 KB of text each.
func benchFeed(i, n int) []byte {
	var b bytes.Buffer
	fmt.Fprintf(&b, `<?xml version="1.0"?><rss version="2.0"><channel><title>Feed %d</title><link>http://bench.example/%d/</link>`, i, i)
	for k := 0; k < n; k++ {
		fmt.Fprintf(&b, `<item><title>Post %d of %d</title><guid>g-%d-%d</guid><pubDate>%s</pubDate><description><![CDATA[`,
			k, i, i, k, time.Date(2026, 11, 1, 0, 0, 0, 0, time.UTC).Add(-time.Duration(k)*time.Hour).Format(time.RFC1123Z))
		for p := 0; p < 5; p++ {
			fmt.Fprintf(&b, `<p>%s <a href="http://bench.example/%d/%d">ref</a></p>`,
				bytes.Repeat([]byte("knowledge flows when people share it "), 14), i, p)
		}
		b.WriteString(`]]></description></item>`)
	}
	b.WriteString(`</channel></rss>`)
	return b.Bytes()
}

// BenchmarkRefresh measures a first refresh of many feeds (all new) and a
// second one (all 304) in process, on a loopback server.
func BenchmarkRefresh(b *testing.B) {
	const nFeeds, nItems = 200, 20
	bodies := make([][]byte, nFeeds)
	for i := range bodies {
		bodies[i] = benchFeed(i, nItems)
	}
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		var i int
		fmt.Sscanf(r.URL.Path, "/f/%d", &i)
		etag := fmt.Sprintf(`"%d"`, i)
		if r.Header.Get("If-None-Match") == etag {
			w.WriteHeader(http.StatusNotModified)
			return
		}
		w.Header().Set("ETag", etag)
		w.Write(bodies[i])
	}))
	defer srv.Close()
	for _, phase := range []string{"first", "304"} {
		b.Run(phase, func(b *testing.B) {
			for n := 0; n < b.N; n++ {
				b.StopTimer()
				st, err := store.Open(filepath.Join(b.TempDir(), "k.db"))
				if err != nil {
					b.Fatal(err)
				}
				var srcs []model.Source
				for i := 0; i < nFeeds; i++ {
					srcs = append(srcs, model.Source{FeedURL: fmt.Sprintf("%s/f/%d", srv.URL, i)})
				}
				st.ImportSources(context.Background(), srcs)
				s := New(st)
				s.Fetcher = nil
				if phase == "304" {
					if _, err := s.Refresh(context.Background(), RefreshOptions{}); err != nil {
						b.Fatal(err)
					}
				}
				b.StartTimer()
				sum, err := s.Refresh(context.Background(), RefreshOptions{Force: true})
				b.StopTimer()
				if err != nil || sum.Failed > 0 {
					b.Fatalf("%+v %v", sum, err)
				}
				st.Close()
			}
			b.ReportMetric(float64(nFeeds), "feeds/op")
		})
	}
}
