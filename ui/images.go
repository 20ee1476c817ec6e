package ui

import (
	"bytes"
	"context"
	"errors"
	"image"
	"net/url"
	"os"
	"path/filepath"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/knowflow/knowflow/feeds/fetch"
	"github.com/knowflow/knowflow/feeds/images"
	"github.com/knowflow/knowflow/feeds/sanitize"
)

// Pictures in the reader. An <img> of an item's body is a block of its
// own (imageSegment); itemBody shows it as a bodyImage, whose picture a
// worker loads through the window's one images.Loader (a bounded fetcher,
// a disk cache) and decodes, and the UI goroutine shows, scaled to the
// pane's width but never wider than the picture itself. Tracking pixels
// never become a segment, so are never fetched. With the preference
// "Load remote images" off, a picture loads when its placeholder is
// clicked.

// imageLoader loads a picture (images.Loader; tests: one over a test
// server).
type imageLoader interface {
	Load(ctx context.Context, rawURL string) (images.Image, error)
}

// imageLoader is the window's loader, made on first use: its cache is in
// images.DefaultDir() (in the temp dir when there is no cache dir).
func (u *App) imageLoader() imageLoader {
	if u.images == nil {
		dir, err := images.DefaultDir()
		if err != nil {
			dir = filepath.Join(os.TempDir(), "knowflow-images")
		}
		u.images = images.New(dir, 0, nil)
	}
	return u.images
}

// imageSegment is an <img> of an item's body: a block of its own (not
// inline, like the separator it embeds), shown by itemBody as a bodyImage.
type imageSegment struct {
	widget.SeparatorSegment
	src, alt string
}

// image adds an <img> with src (an http or https URL: the sanitiser
// resolved it against the item), unless it is a tracking pixel (declared
// 1×1 by its width and height, or from a known tracker).
func (b *segBuilder) image(src, alt, width, height string) {
	l := strings.ToLower(src)
	if !sanitize.SafeURL(src) || !(strings.HasPrefix(l, "http://") || strings.HasPrefix(l, "https://")) ||
		images.IsTracker(src, width, height) {
		return
	}
	b.endBlock()
	b.segs = append(b.segs, &imageSegment{src: src, alt: strings.TrimSpace(collapse(alt))})
	b.line, b.space = false, true
}

// bodyImage is a picture in the reader: a line or a button until it is
// loaded, then the picture, as wide as the pane gives it and no wider than
// the picture's own width, its height keeping the picture's aspect.
type bodyImage struct {
	widget.BaseWidget
	src, alt string

	pic        *canvas.Image // nil until loaded
	picW, picH float32       // the picture's own size
	width      float32       // the width last given
	line       *widget.Label // what is on show instead: loading, failed
	btn        *widget.Button
}

func newBodyImage(seg *imageSegment) *bodyImage {
	im := &bodyImage{src: seg.src, alt: seg.alt, line: widget.NewLabel("")}
	im.line.Wrapping = fyne.TextWrapWord
	im.line.Importance = widget.LowImportance
	im.ExtendBaseWidget(im)
	return im
}

// host is the name of the server the picture comes from.
func (im *bodyImage) host() string {
	if u, err := url.Parse(im.src); err == nil {
		return u.Hostname()
	}
	return "?"
}

// label is the picture's alt text in brackets, or nothing.
func (im *bodyImage) label() string {
	if im.alt == "" {
		return ""
	}
	return " (" + im.alt + ")"
}

// showButton puts a "Load image (host)" button in the picture's place.
func (im *bodyImage) showButton(load func()) {
	im.btn = widget.NewButtonWithIcon("Load image ("+im.host()+")", theme.FileImageIcon(), load)
	im.line.SetText(strings.TrimPrefix(im.label(), " "))
	im.Refresh()
}

// loading says the picture is on its way.
func (im *bodyImage) loading() {
	im.btn = nil
	im.line.SetText("Loading image…" + im.label())
	im.Refresh()
}

// failed says why the picture is not shown, in a small line.
func (im *bodyImage) failed(err error) {
	why := "could not be loaded"
	switch {
	case errors.Is(err, images.ErrTooLarge):
		why = "too large"
	case errors.Is(err, images.ErrNotImage):
		why = "not a picture Knowflow can show"
	case errors.Is(err, images.ErrTracker):
		why = "a tracking pixel"
	case errors.Is(err, fetch.ErrTimeout), errors.Is(err, context.DeadlineExceeded):
		why = "the server took too long"
	}
	im.line.SetText("Image not shown" + im.label() + ": " + why + ".")
	im.Refresh()
}

// show puts the decoded picture pic, w×h pixels, in place.
func (im *bodyImage) show(pic image.Image, w, h int) {
	im.pic = canvas.NewImageFromImage(pic)
	im.pic.FillMode = canvas.ImageFillStretch // the size keeps the aspect
	im.pic.ScaleMode = canvas.ImageScaleSmooth
	im.picW, im.picH = float32(w), float32(h)
	im.Refresh()
}

// size is the picture's size at width: no wider than the picture.
func (im *bodyImage) size(width float32) fyne.Size {
	w := im.picW
	if width > 0 && width < w {
		w = width
	}
	return fyne.NewSize(w, w*im.picH/im.picW)
}

// Resize remembers the width given: the height follows it.
func (im *bodyImage) Resize(s fyne.Size) {
	changed := s.Width != im.width
	im.width = s.Width
	im.BaseWidget.Resize(s)
	if changed && im.pic != nil {
		im.Refresh() // its minimum height changed with the width
	}
}

func (im *bodyImage) CreateRenderer() fyne.WidgetRenderer { return &bodyImageRenderer{im: im} }

type bodyImageRenderer struct{ im *bodyImage }

func (r *bodyImageRenderer) Objects() []fyne.CanvasObject {
	switch {
	case r.im.pic != nil:
		return []fyne.CanvasObject{r.im.pic}
	case r.im.btn != nil:
		return []fyne.CanvasObject{r.im.btn, r.im.line}
	}
	return []fyne.CanvasObject{r.im.line}
}

func (r *bodyImageRenderer) Layout(size fyne.Size) {
	im := r.im
	switch {
	case im.pic != nil:
		im.pic.Resize(im.size(size.Width))
		im.pic.Move(fyne.NewPos(0, 0))
	case im.btn != nil:
		b := im.btn.MinSize()
		im.btn.Resize(b)
		im.btn.Move(fyne.NewPos(0, 0))
		im.line.Resize(fyne.NewSize(size.Width, size.Height-b.Height))
		im.line.Move(fyne.NewPos(0, b.Height))
	default:
		im.line.Resize(size)
		im.line.Move(fyne.NewPos(0, 0))
	}
}

// MinSize is narrow (the pane, not the picture, sets the width: no
// horizontal growth) and as tall as the picture at the width last given.
func (r *bodyImageRenderer) MinSize() fyne.Size {
	im := r.im
	switch {
	case im.pic != nil:
		return fyne.NewSize(1, im.size(im.width).Height)
	case im.btn != nil:
		b := im.btn.MinSize()
		if im.line.Text != "" {
			b.Height += im.line.MinSize().Height
		}
		return b
	}
	return im.line.MinSize()
}

func (r *bodyImageRenderer) Refresh() {
	r.Layout(r.im.Size())
	for _, o := range r.Objects() {
		o.Refresh()
	}
}

func (r *bodyImageRenderer) Destroy() {}

// newBodyImage is the widget of an image block in the current item's body:
// its picture loads now, or on a click when "Load remote images" is off.
func (s *seekScreen) newBodyImage(seg *imageSegment) fyne.CanvasObject {
	im := newBodyImage(seg)
	if s.app.prefs.NoRemoteImages {
		im.showButton(func() { s.loadImage(im) })
	} else {
		s.loadImage(im)
	}
	return im
}

// loadImage loads and decodes im's picture on a worker, then shows it (or
// says why not) on the UI goroutine, while the same body is on show.
func (s *seekScreen) loadImage(im *bodyImage) {
	gen, run := s.bodyGen, s.run
	loader, life := s.app.imageLoader(), s.app.store.Context()
	im.loading()
	run.work(func() {
		ctx, cancel := context.WithTimeout(life, images.DefaultTimeout)
		pic, err := loader.Load(ctx, im.src)
		cancel()
		var dec image.Image
		if err == nil {
			dec, _, err = image.Decode(bytes.NewReader(pic.Data))
			if err != nil {
				err = images.ErrNotImage
			}
		}
		run.ui(func() {
			if gen != s.bodyGen {
				return // another item is on show
			}
			if err != nil {
				im.failed(err)
			} else {
				im.show(dec, pic.Width, pic.Height)
			}
			// Its height changed after the body was laid out: lay the
			// body out again, or the picture keeps the line's height.
			s.body.box.Refresh()
		})
	})
}
