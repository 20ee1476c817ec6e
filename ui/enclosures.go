package ui

import (
	"context"
	"errors"
	"fmt"
	"io"
	"mime"
	"net/http"
	"net/url"
	"os"
	"path"
	"path/filepath"
	"strings"
	"time"
	"unicode"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/knowflow/knowflow/model"
)

// An item's enclosures (a podcast episode, a video, a PDF) in the reader,
// above its text: one row each, none dropped, saying what it is ("Audio ·
// MP3 · 52 min · 24 MB"), with Open (the system's handler for the web
// address: http and https only) and Download (into the Downloads folder,
// or a folder the user picks, on a worker, through a temporary file that
// only a complete download turns into the file).

const (
	// downloadTimeout bounds one download.
	downloadTimeout = 2 * time.Hour
	// maxDownload caps one download's size.
	maxDownload = 4 << 30
)

// parseWebURL parses rawURL if it is an http or https URL with a host.
func parseWebURL(rawURL string) (*url.URL, bool) {
	u, err := url.Parse(rawURL)
	return u, err == nil && webURL(u)
}

// enclosureLine says what an enclosure is: "Audio · MP3 · 52 min · 24 MB"
// (the parts known).
func enclosureLine(e model.Enclosure) string {
	kind, sub, _ := strings.Cut(strings.ToLower(strings.TrimSpace(e.Type)), "/")
	sub, _, _ = strings.Cut(sub, ";")
	parts := []string{map[string]string{"audio": "Audio", "video": "Video", "image": "Image", "text": "Text"}[kind]}
	if parts[0] == "" {
		parts[0] = "Attachment"
	}
	format := map[string]string{"mpeg": "MP3", "mp3": "MP3", "x-m4a": "M4A", "mp4": "MP4", "ogg": "Ogg", "opus": "Opus",
		"pdf": "PDF", "webm": "WebM", "quicktime": "QuickTime", "epub+zip": "EPUB", "zip": "ZIP"}[sub]
	if format == "" && sub != "" && sub != "octet-stream" && len(sub) <= 12 {
		format = strings.ToUpper(strings.TrimPrefix(sub, "x-"))
	}
	if format == "" {
		if u, ok := parseWebURL(e.URL); ok {
			format = strings.ToUpper(strings.TrimPrefix(path.Ext(u.Path), "."))
		}
	}
	if format != "" && len(format) <= 12 {
		parts = append(parts, format)
	}
	if d := e.Duration.Round(time.Second); d > 0 {
		switch {
		case d < time.Minute:
			parts = append(parts, fmt.Sprintf("%d s", int(d.Seconds())))
		case d < time.Hour:
			parts = append(parts, fmt.Sprintf("%d min", int(d.Round(time.Minute).Minutes())))
		default:
			parts = append(parts, fmt.Sprintf("%d h %d min", int(d.Hours()), int(d.Round(time.Minute).Minutes())%60))
		}
	}
	if e.Length > 0 {
		parts = append(parts, byteSize(e.Length))
	}
	return strings.Join(parts, " · ")
}

// byteSize is n bytes in words: "24 MB", "1.2 GB", "512 KB".
func byteSize(n int64) string {
	const k = 1000
	switch {
	case n >= k*k*k:
		return fmt.Sprintf("%.1f GB", float64(n)/(k*k*k))
	case n >= 10*k*k:
		return fmt.Sprintf("%d MB", (n+k*k/2)/(k*k))
	case n >= k*k:
		return fmt.Sprintf("%.1f MB", float64(n)/(k*k))
	case n >= k:
		return fmt.Sprintf("%d KB", (n+k/2)/k)
	}
	return fmt.Sprintf("%d bytes", n)
}

// fileName is a safe name for the file at rawURL: the last part of its
// path, without separators, control characters or a leading dot, at most
// 120 characters; "download" (with the type's extension) when none is left.
func fileName(rawURL, mimeType string) string {
	name := ""
	if u, err := url.Parse(rawURL); err == nil {
		name = path.Base(u.Path)
	}
	name = strings.Map(func(r rune) rune {
		switch {
		case r == '/' || r == '\\' || r == ':' || unicode.IsControl(r) || strings.ContainsRune(`<>"|?*`, r):
			return '_'
		}
		return r
	}, name)
	name = strings.TrimLeft(strings.TrimSpace(name), ". ")
	if r := []rune(name); len(r) > 120 {
		ext := path.Ext(name)
		name = string(r[:120-len([]rune(ext))]) + ext
	}
	if name == "" || name == "_" {
		name = "download"
		if exts, _ := mime.ExtensionsByType(mimeType); len(exts) > 0 {
			name += exts[0]
		}
	}
	return name
}

// downloadsDir is the user's Downloads folder ($XDG_DOWNLOAD_DIR, else
// ~/Downloads), if there is one.
func downloadsDir() (string, bool) {
	dir := os.Getenv("XDG_DOWNLOAD_DIR")
	if dir == "" {
		home, err := os.UserHomeDir()
		if err != nil {
			return "", false
		}
		dir = filepath.Join(home, "Downloads")
	}
	fi, err := os.Stat(dir)
	return dir, err == nil && fi.IsDir()
}

// download saves the file at u into dir under a name from its URL (with
// " (2)", " (3)"… before the extension when that name is taken) and
// returns its path. It writes a temporary file in dir and links it to its
// name only once complete: a failed download leaves nothing, and no file
// is overwritten.
func download(ctx context.Context, client *http.Client, u *url.URL, mimeType, dir string) (string, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, u.String(), nil)
	if err != nil {
		return "", err
	}
	resp, err := client.Do(req)
	if err != nil {
		return "", err
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return "", fmt.Errorf("the server answered %s", resp.Status)
	}
	tmp, err := os.CreateTemp(dir, ".knowflow-*.part")
	if err != nil {
		return "", err
	}
	defer os.Remove(tmp.Name())
	n, err := io.Copy(tmp, io.LimitReader(resp.Body, maxDownload+1))
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	if err == nil && n > maxDownload {
		err = fmt.Errorf("larger than %s", byteSize(maxDownload))
	}
	if err != nil {
		return "", err
	}
	name := fileName(u.String(), mimeType)
	ext := path.Ext(name)
	for i := 1; i < 1000; i++ {
		p := filepath.Join(dir, name)
		if i > 1 {
			p = filepath.Join(dir, fmt.Sprintf("%s (%d)%s", strings.TrimSuffix(name, ext), i, ext))
		}
		if err := os.Link(tmp.Name(), p); err == nil {
			return p, nil
		} else if !errors.Is(err, os.ErrExist) {
			return "", err
		}
	}
	return "", errors.New("too many files of that name")
}

// enclosureRow is one enclosure's line, buttons and status.
type enclosureRow struct {
	s      *seekScreen
	e      model.Enclosure
	u      *url.URL // nil when not a web address
	status *widget.Label
	dlBtn  *widget.Button
	box    fyne.CanvasObject
}

// showEnclosures shows the current item's enclosures above its text.
func (s *seekScreen) showEnclosures(es []model.Enclosure) {
	box := s.body.encl
	box.Objects = box.Objects[:0]
	for _, e := range es {
		box.Objects = append(box.Objects, s.newEnclosureRow(e).box)
	}
	if len(es) > 0 {
		box.Objects = append(box.Objects, widget.NewSeparator())
	}
	box.Refresh()
}

func (s *seekScreen) newEnclosureRow(e model.Enclosure) *enclosureRow {
	r := &enclosureRow{s: s, e: e, status: widget.NewLabel("")}
	if u, ok := parseWebURL(e.URL); ok {
		r.u = u
	}
	line := widget.NewLabelWithStyle(enclosureLine(e), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	line.Wrapping = fyne.TextWrapWord
	name := widget.NewLabel(fileName(e.URL, e.Type))
	name.Truncation = fyne.TextTruncateEllipsis
	name.Importance = widget.LowImportance
	r.status.Wrapping = fyne.TextWrapWord
	r.status.Importance = widget.LowImportance
	openBtn := widget.NewButtonWithIcon("Open", theme.MediaPlayIcon(), r.open)
	r.dlBtn = widget.NewButtonWithIcon("Download", theme.DownloadIcon(), r.download)
	if r.u == nil {
		openBtn.Disable()
		r.dlBtn.Disable()
		r.status.SetText("Not a web address: it cannot be opened from here.")
	}
	r.box = container.NewVBox(
		container.NewBorder(nil, nil, widget.NewIcon(theme.FileIcon()), container.NewHBox(openBtn, r.dlBtn), line),
		name, r.status)
	return r
}

// open hands the enclosure to the system (the browser or its player).
func (r *enclosureRow) open() {
	if r.u == nil {
		return
	}
	r.s.app.openLink(r.u, "", nil) // open.go: on a worker, a failure said with Copy link
}

// download saves the enclosure into the Downloads folder, or asks where
// when there is none.
func (r *enclosureRow) download() {
	if r.u == nil {
		return
	}
	if dir, ok := r.s.body.downloads(); ok {
		r.downloadTo(dir)
		return
	}
	dialog.ShowFolderOpen(func(d fyne.ListableURI, err error) {
		if err == nil && d != nil && d.Scheme() == "file" {
			r.downloadTo(d.Path())
		}
	}, r.s.app.win)
}

// downloadTo downloads into dir on a worker, saying how it went.
func (r *enclosureRow) downloadTo(dir string) {
	r.dlBtn.Disable()
	r.status.SetText("Downloading " + fileName(r.e.URL, r.e.Type) + "…")
	run, life, u, typ := r.s.run, r.s.app.store.Context(), r.u, r.e.Type
	run.work(func() {
		ctx, cancel := context.WithTimeout(life, downloadTimeout)
		p, err := download(ctx, http.DefaultClient, u, typ, dir)
		cancel()
		run.ui(func() {
			r.dlBtn.Enable()
			if err != nil {
				r.status.SetText("Download failed: " + friendlyError(err))
				return
			}
			r.status.SetText("Saved to " + p)
		})
	})
}
