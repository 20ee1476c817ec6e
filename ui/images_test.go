package ui

import (
	"bytes"
	"image"
	"image/color"
	"image/png"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"github.com/knowflow/knowflow/feeds/fetch"
	"github.com/knowflow/knowflow/feeds/images"
	"github.com/knowflow/knowflow/model"
)

// picServer serves /real.png (400×200), /big.png (over the size cap),
// /pixel.gif (a tracker) and /slow.png (answers only when its client
// gives up), counting the requests per path.
type picServer struct {
	*httptest.Server
	mu   sync.Mutex
	hits map[string]int
}

func newPicServer(t *testing.T) *picServer {
	var buf bytes.Buffer
	img := image.NewRGBA(image.Rect(0, 0, 400, 200))
	for x := 0; x < 400; x++ {
		img.Set(x, x/2, color.RGBA{200, 40, 40, 255})
	}
	if err := png.Encode(&buf, img); err != nil {
		t.Fatal(err)
	}
	ps := &picServer{hits: map[string]int{}}
	ps.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		ps.mu.Lock()
		ps.hits[r.URL.Path]++
		ps.mu.Unlock()
		switch r.URL.Path {
		case "/real.png":
			w.Header().Set("Content-Type", "image/png")
			w.Write(buf.Bytes())
		case "/big.png":
			w.Header().Set("Content-Type", "image/png")
			w.Write(buf.Bytes()[:8])
			w.Write(make([]byte, images.DefaultMaxBytes+1))
		case "/slow.png":
			<-r.Context().Done()
		default:
			http.NotFound(w, r)
		}
	}))
	t.Cleanup(ps.Close)
	return ps
}

func (ps *picServer) count(path string) int {
	ps.mu.Lock()
	defer ps.mu.Unlock()
	return ps.hits[path]
}

// loader is an images.Loader over ps with a cache in a temp dir; its
// fetches end after a second (the slow picture's time-out: what the test
// checks is only that it ends in a line saying so).
func (ps *picServer) loader(t *testing.T) *images.Loader {
	return images.New(t.TempDir(), 0, fetch.New(fetch.Options{MaxBodyBytes: images.DefaultMaxBytes, Timeout: time.Second}))
}

func picItem(ps *picServer) *model.Item {
	return &model.Item{ID: 99, Title: "Pictures", ContentHTML: `<p>Before the pictures.</p>
		<p><img src="` + ps.URL + `/real.png" alt="a chart" width="400" height="200"></p>
		<img src="` + ps.URL + `/big.png" alt="huge">
		<img src="` + ps.URL + `/pixel.gif" width="1" height="1">
		<img src="` + ps.URL + `/slow.png" alt="slow one">
		<p>After the pictures.</p>`}
}

// bodyImages are the pictures of the body on show.
func bodyImages(s *seekScreen) []*bodyImage {
	var out []*bodyImage
	for _, o := range s.body.box.Objects {
		if im, ok := o.(*bodyImage); ok {
			out = append(out, im)
		}
	}
	return out
}

func TestReaderImagesOffTheUIGoroutine(t *testing.T) {
	ps := newPicServer(t)
	u, _, _ := newReaderUI(t)
	u.images = ps.loader(t)
	s, r := u.seek, u.run.(*loopRunner)

	r.setHold(true)
	s.showItem(picItem(ps))
	r.fire()       // the pause after a move
	r.runAllHeld() // the body's parse
	r.runCalls()   // shown: the text, and a picture loading in three places
	ims := bodyImages(s)
	if len(ims) != 3 || r.heldWork() != 3 {
		t.Fatalf("%d pictures, %d loads held; body %q", len(ims), r.heldWork(), s.body.String())
	}
	if got := s.body.String(); !strings.Contains(got, "Before the pictures.") || !strings.Contains(got, "After the pictures.") {
		t.Errorf("text not shown while pictures load: %q", got)
	}
	for _, p := range []string{"/real.png", "/big.png", "/slow.png"} {
		if n := ps.count(p); n != 0 {
			t.Errorf("%s fetched %d times before a worker's turn", p, n)
		}
	}
	r.runHeld(0) // the real one
	r.runHeld(0) // the large one
	r.runCalls()
	real, big, slow := ims[0], ims[1], ims[2]
	if real.pic == nil {
		t.Fatalf("real picture not shown: %q", real.line.Text)
	}
	// The body was laid out while it loaded: it makes room for it now.
	if h, want := real.Size().Height, real.MinSize().Height; h != want || want < 100 {
		t.Errorf("the picture is laid out %v high, its height is %v", h, want)
	}
	if got := big.line.Text; big.pic != nil || !strings.Contains(got, "too large") || !strings.Contains(got, "huge") {
		t.Errorf("large picture: %q", got)
	}
	// The slow one is still on its way, and nothing waits for it.
	if got := slow.line.Text; !strings.HasPrefix(got, "Loading image") {
		t.Errorf("slow picture: %q", got)
	}
	// Scaled to the pane, never wider than itself, its aspect kept.
	for _, c := range []struct{ pane, w, h float32 }{{300, 300, 150}, {1000, 400, 200}} {
		real.Resize(fyne.NewSize(c.pane, real.MinSize().Height))
		if sz := real.pic.Size(); sz.Width != c.w || sz.Height != c.h || real.MinSize().Height != c.h {
			t.Errorf("in a pane %v wide: picture %v, min height %v; want %v×%v", c.pane, sz, real.MinSize().Height, c.w, c.h)
		}
	}
	test.NewTempWindow(t, s.body.content()).Resize(fyne.NewSize(250, 600))
	if w := real.pic.Size().Width; w > 250 {
		t.Errorf("picture %v wide in a 250 pane", w)
	}

	r.runHeld(0) // the slow one: the fetcher's time-out ends it
	r.runCalls()
	if got := slow.line.Text; slow.pic != nil || !strings.Contains(got, "took too long") || !strings.Contains(got, "slow one") {
		t.Errorf("slow picture: %q", got)
	}
	if n := ps.count("/pixel.gif"); n != 0 {
		t.Errorf("tracking pixel fetched %d times", n)
	}
	r.setHold(false)
}

func TestReaderImagesPreferenceOff(t *testing.T) {
	ps := newPicServer(t)
	u, _, _ := newReaderUI(t)
	u.images = ps.loader(t)
	u.prefs.NoRemoteImages = true
	s := u.seek
	s.showItem(&model.Item{ID: 98, Title: "One picture", ContentHTML: `<img src="` + ps.URL + `/real.png" alt="a chart">`})
	settle(t, u)
	if n := ps.count("/real.png"); n != 0 {
		t.Fatalf("fetched %d times with the preference off", n)
	}
	btn := findButton(t, s.body.content(), "Load image (127.0.0.1)")
	test.Tap(btn)
	settle(t, u)
	ims := bodyImages(s)
	if ps.count("/real.png") != 1 || len(ims) != 1 || ims[0].pic == nil {
		t.Fatalf("after the click: %d fetches, pictures %v", ps.count("/real.png"), ims)
	}
}
