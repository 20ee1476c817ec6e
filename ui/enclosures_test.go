package ui

import (
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"github.com/knowflow/knowflow/model"
)

func TestEnclosureLineAndFileName(t *testing.T) {
	for _, c := range []struct {
		e    model.Enclosure
		want string
	}{
		{model.Enclosure{URL: "https://pod.example/ep1.mp3", Type: "audio/mpeg", Length: 24_000_000, Duration: 52 * time.Minute}, "Audio · MP3 · 52 min · 24 MB"},
		{model.Enclosure{URL: "https://pod.example/ep2.m4a", Type: "audio/x-m4a", Duration: 75 * time.Minute}, "Audio · M4A · 1 h 15 min"},
		{model.Enclosure{URL: "https://site.example/paper.pdf", Type: "application/pdf", Length: 1_200_000}, "Attachment · PDF · 1.2 MB"},
		{model.Enclosure{URL: "https://site.example/talk.webm"}, "Attachment · WEBM"},
		{model.Enclosure{URL: "https://site.example/v", Type: "video/mp4; codecs=avc1", Duration: 45 * time.Second}, "Video · MP4 · 45 s"},
	} {
		if got := enclosureLine(c.e); got != c.want {
			t.Errorf("enclosureLine(%+v) = %q, want %q", c.e, got, c.want)
		}
	}
	for raw, want := range map[string]string{
		"https://pod.example/shows/ep%201.mp3?x=1":     "ep 1.mp3",
		"https://pod.example/a/..%2F..%2Fetc%2Fpasswd": "passwd",
		"https://pod.example/.bashrc":                  "bashrc",
		"https://pod.example/":                         "download.mp3",
		"https://pod.example/a%5Cb%3Ac%0A.mp3":         "a_b_c_.mp3",
	} {
		if got := fileName(raw, "audio/mpeg"); got != want {
			t.Errorf("fileName(%q) = %q, want %q", raw, got, want)
		}
	}
}

func TestReaderEnclosuresOpenAndDownload(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/gone.mp3" {
			http.NotFound(w, r)
			return
		}
		w.Write([]byte("ID3 episode bytes"))
	}))
	defer srv.Close()
	u, _, _ := newReaderUI(t)
	var opened []string
	u.openURL = func(x *url.URL) error { opened = append(opened, x.String()); return nil }
	s, r := u.seek, u.run.(*loopRunner)
	dir := t.TempDir()
	s.body.downloads = func() (string, bool) { return dir, true }
	s.showItem(&model.Item{ID: 97, Title: "Episode 1", ContentHTML: "<p>Show notes.</p>", Enclosures: []model.Enclosure{
		{URL: srv.URL + "/ep1.mp3", Type: "audio/mpeg", Length: 24_000_000, Duration: 52 * time.Minute},
		{URL: srv.URL + "/gone.mp3", Type: "audio/mpeg"},
		{URL: "ftp://files.example/notes.pdf", Type: "application/pdf"},
	}})
	settle(t, u)
	shown := texts(s.body.content())
	for _, w := range []string{"Audio · MP3 · 52 min · 24 MB", "ep1.mp3", "gone.mp3", "Attachment · PDF", "Not a web address", "Show notes."} {
		if !strings.Contains(shown, w) {
			t.Errorf("reader lacks %q:\n%s", w, shown)
		}
	}
	rows := s.body.encl.Objects
	if len(rows) != 4 { // three rows and a separator: none dropped
		t.Fatalf("%d objects for 3 enclosures", len(rows))
	}
	row := func(i int) (open, dl *widget.Button) {
		return findButton(t, rows[i], "Open"), findButton(t, rows[i], "Download")
	}
	if open, dl := row(2); !open.Disabled() || !dl.Disabled() {
		t.Error("an ftp enclosure can be opened or downloaded")
	}
	open, dl := row(0)
	test.Tap(open)
	settle(t, u) // links open on a worker (open.go)
	if len(opened) != 1 || opened[0] != srv.URL+"/ep1.mp3" {
		t.Errorf("opened %v", opened)
	}

	r.setHold(true)
	test.Tap(dl)
	if files, _ := os.ReadDir(dir); len(files) != 0 || r.heldWork() != 1 {
		t.Fatalf("download ran on the UI goroutine: %d files, %d held", len(files), r.heldWork())
	}
	r.setHold(false)
	r.runAllHeld()
	settle(t, u)
	test.Tap(dl) // again: a second name, the first file kept
	settle(t, u)
	_, gone := row(1)
	test.Tap(gone)
	settle(t, u)
	files, _ := os.ReadDir(dir)
	var names []string
	for _, f := range files {
		names = append(names, f.Name())
	}
	if strings.Join(names, ",") != "ep1 (2).mp3,ep1.mp3" {
		t.Errorf("downloads folder holds %v", names)
	}
	if b, _ := os.ReadFile(filepath.Join(dir, "ep1.mp3")); string(b) != "ID3 episode bytes" {
		t.Errorf("downloaded %q", b)
	}
	if got := texts(rows[0]); !strings.Contains(got, "Saved to "+filepath.Join(dir, "ep1 (2).mp3")) {
		t.Errorf("first row says:\n%s", got)
	}
	if got := texts(rows[1]); !strings.Contains(got, "Download failed") {
		t.Errorf("second row says:\n%s", got)
	}
}
