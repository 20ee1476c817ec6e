package images

import (
	"bytes"
	"context"
	"errors"
	"image"
	"image/color"
	"image/png"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/knowflow/knowflow/feeds/fetch"
)

// pngOf is a real PNG of w×h pixels.
func pngOf(t testing.TB, w, h int) []byte {
	t.Helper()
	m := image.NewRGBA(image.Rect(0, 0, w, h))
	for x := 0; x < w; x++ {
		m.Set(x, x%h, color.RGBA{200, 40, 40, 255})
	}
	var b bytes.Buffer
	if err := png.Encode(&b, m); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// server serves a real image, an oversize one, a 1×1 pixel, one that never
// answers in time, and text; it counts requests per path.
type server struct {
	*httptest.Server
	hits sync.Map // path → *atomic.Int32
}

func newServer(t *testing.T) *server {
	s := &server{}
	photo, pixel := pngOf(t, 64, 48), pngOf(t, 1, 1)
	big := make([]byte, 3<<20)
	copy(big, pngOf(t, 10, 10))
	mux := http.NewServeMux()
	count := func(h http.HandlerFunc) http.HandlerFunc {
		return func(w http.ResponseWriter, r *http.Request) {
			n, _ := s.hits.LoadOrStore(r.URL.Path, new(atomic.Int32))
			n.(*atomic.Int32).Add(1)
			h(w, r)
		}
	}
	mux.HandleFunc("/photo.png", count(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "image/png")
		w.Write(photo)
	}))
	mux.HandleFunc("/big.png", count(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "image/png")
		w.Write(big)
	}))
	mux.HandleFunc("/pixel.png", count(func(w http.ResponseWriter, r *http.Request) {
		w.Write(pixel)
	}))
	mux.HandleFunc("/slow.png", count(func(w http.ResponseWriter, r *http.Request) {
		<-r.Context().Done() // answers only when the client gives up
	}))
	mux.HandleFunc("/page.html", count(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html")
		w.Write([]byte("<html>not a picture</html>"))
	}))
	s.Server = httptest.NewServer(mux)
	t.Cleanup(s.Close)
	return s
}

func (s *server) count(path string) int {
	n, ok := s.hits.Load(path)
	if !ok {
		return 0
	}
	return int(n.(*atomic.Int32).Load())
}

func newLoader(t *testing.T, cache int64) *Loader {
	f := fetch.New(fetch.Options{MaxBodyBytes: 1 << 20, Timeout: 300 * time.Millisecond})
	return New(t.TempDir(), cache, f)
}

func TestLoad(t *testing.T) {
	s := newServer(t)
	l := newLoader(t, 0)
	ctx := context.Background()

	img, err := l.Load(ctx, s.URL+"/photo.png")
	if err != nil {
		t.Fatal(err)
	}
	if img.Format != "png" || img.Width != 64 || img.Height != 48 || len(img.Data) == 0 {
		t.Errorf("photo: %s %d×%d, %d bytes", img.Format, img.Width, img.Height, len(img.Data))
	}
	// The second time comes from the disk cache.
	if _, err := l.Load(ctx, s.URL+"/photo.png"); err != nil {
		t.Fatal(err)
	}
	if n := s.count("/photo.png"); n != 1 {
		t.Errorf("photo fetched %d times, want once", n)
	}
	// So does a new Loader's over the same directory (a new session).
	again := New(l.dir, 0, fetch.New(fetch.Options{}))
	if _, err := again.Load(ctx, s.URL+"/photo.png"); err != nil || s.count("/photo.png") != 1 {
		t.Errorf("a new loader fetched again (%d) or failed: %v", s.count("/photo.png"), err)
	}

	for _, c := range []struct {
		path string
		want error
	}{
		{"/big.png", ErrTooLarge},
		{"/pixel.png", ErrTracker},
		{"/slow.png", fetch.ErrTimeout},
		{"/page.html", ErrNotImage},
	} {
		if _, err := l.Load(ctx, s.URL+c.path); !errors.Is(err, c.want) {
			t.Errorf("%s: err %v, want %v", c.path, err, c.want)
		}
	}
	// A pixel found once is not fetched again.
	l.Load(ctx, s.URL+"/pixel.png")
	if n := s.count("/pixel.png"); n != 1 {
		t.Errorf("pixel fetched %d times", n)
	}
}

// The same image asked by several readers at once is fetched once.
func TestLoadOnceAtATime(t *testing.T) {
	s := newServer(t)
	l := newLoader(t, 0)
	var wg sync.WaitGroup
	for range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if _, err := l.Load(context.Background(), s.URL+"/photo.png"); err != nil {
				t.Error(err)
			}
		}()
	}
	wg.Wait()
	if n := s.count("/photo.png"); n != 1 {
		t.Errorf("fetched %d times", n)
	}
}

func TestTrackersNeverFetched(t *testing.T) {
	s := newServer(t)
	l := newLoader(t, 0)
	for _, u := range []string{
		"https://pixel.wp.com/g.gif?blog=1",
		"https://www.google-analytics.com/collect?v=1",
		"http://feeds.feedburner.com/~r/SomeBlog/~4/abc",
		"javascript:alert(1)",
		"data:image/png;base64,AAAA",
	} {
		if _, err := l.Load(context.Background(), u); !errors.Is(err, ErrTracker) {
			t.Errorf("%s: %v", u, err)
		}
	}
	for _, c := range []struct {
		src, w, h string
		want      bool
	}{
		{s.URL + "/photo.png", "", "", false},
		{s.URL + "/photo.png", "1", "1", true},
		{s.URL + "/photo.png", "0", "", true},
		{s.URL + "/photo.png", "1px", "300", true},
		{s.URL + "/photo.png", "100%", "", false},
		{s.URL + "/photo.png", "640", "480", false},
		{"https://stats.wordpress.com/b.gif", "", "", true},
		{"https://feeds.feedburner.com/img/logo.png", "", "", false},
	} {
		if got := IsTracker(c.src, c.w, c.h); got != c.want {
			t.Errorf("IsTracker(%q, %q, %q) = %v", c.src, c.w, c.h, got)
		}
	}
	if n := s.count("/photo.png"); n != 0 {
		t.Errorf("IsTracker fetched something: %d", n)
	}
}

// The cache keeps to its limit, dropping the least recently used first.
func TestTrim(t *testing.T) {
	dir := t.TempDir()
	l := New(dir, 1000, nil)
	old := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	for i, name := range []string{"a", "b", "c", "d"} {
		p := filepath.Join(dir, "00", name)
		os.MkdirAll(filepath.Dir(p), 0o700)
		if err := os.WriteFile(p, make([]byte, 400), 0o600); err != nil {
			t.Fatal(err)
		}
		at := old.Add(time.Duration(i) * time.Hour)
		os.Chtimes(p, at, at)
	}
	if err := l.Trim(); err != nil {
		t.Fatal(err)
	}
	for name, want := range map[string]bool{"a": false, "b": false, "c": true, "d": true} {
		_, err := os.Stat(filepath.Join(dir, "00", name))
		if got := err == nil; got != want {
			t.Errorf("%s kept %v, want %v", name, got, want)
		}
	}
}
