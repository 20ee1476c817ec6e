package ui

import (
	"time"
	"unicode/utf8"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/widget"
)

// An item's body in the reader. Fyne's rich text wraps each text segment
// by measuring what is left of it at every row, and lays out and draws
// every row of the widget at each change: one rich text of a whole 8 KB
// body cost the reader's frame most of a second (the stall meter). So the
// body is one rich text per block (a paragraph, heading, list, quote),
// built off the UI goroutine (bodyBlocks), and shown in pieces: the first
// at once, the next ones a frame apart, dropped when another item is
// shown meanwhile.
//
// The first screenful comes in small pieces: each new line of text is
// rasterised by Fyne's painter in the frame that first shows it (no
// glyph cache: about 2 ms a line under the stall run), and a whole
// screenful at once kept the UI goroutine 40-56 ms in one frame (perf).
// Below the first screen the painter draws nothing, so the rest comes in
// larger pieces.

// firstChunk, screenChunk and bodyChunk are about how much text (in
// characters) each piece holds: the first (a few lines), the next ones up
// to screenful characters, then the rest.
const (
	firstChunk  = 400
	screenChunk = 600
	screenful   = 3000
	bodyChunk   = 2000
)

// bodyFrame is the wait between two pieces: a frame at 60 Hz and a bit,
// so that each frame draws one piece's new lines.
const bodyFrame = 20 * time.Millisecond

// bodyBlocks splits segs into blocks, each the segments of one rich text:
// a block ends with a segment that is not inline (a paragraph's end, a
// heading, a list, a separator).
func bodyBlocks(segs []widget.RichTextSegment) [][]widget.RichTextSegment {
	var out [][]widget.RichTextSegment
	start := 0
	for i, seg := range segs {
		if !seg.Inline() {
			out = append(out, segs[start:i+1])
			start = i + 1
		}
	}
	if start < len(segs) {
		out = append(out, segs[start:])
	}
	return out
}

// bodyChunks groups blocks into pieces of about firstChunk, then
// screenChunk (up to screenful), then bodyChunk characters; a block is
// never split.
func bodyChunks(blocks [][]widget.RichTextSegment) [][][]widget.RichTextSegment {
	var out [][][]widget.RichTextSegment
	start, n, total, size := 0, 0, 0, firstChunk
	for i, b := range blocks {
		n += blockLen(b)
		if n >= size {
			total += n
			size = screenChunk
			if total >= screenful {
				size = bodyChunk
			}
			out = append(out, blocks[start:i+1])
			start, n = i+1, 0
		}
	}
	if start < len(blocks) {
		out = append(out, blocks[start:])
	}
	return out
}

// blockLen is how many characters a block shows.
func blockLen(b []widget.RichTextSegment) int {
	n := 0
	for _, seg := range b {
		switch s := seg.(type) {
		case *widget.TextSegment:
			n += utf8.RuneCountInString(s.Text)
		case *widget.HyperlinkSegment:
			n += utf8.RuneCountInString(s.Text)
		case *widget.ListSegment:
			for _, it := range s.Items {
				if t, ok := it.(*widget.TextSegment); ok {
					n += utf8.RuneCountInString(t.Text)
				}
			}
		default:
			n += 80 // a separator or an image: about a row
		}
	}
	return n
}

// itemBody is the body's widgets: a column of rich texts, one per block.
// It belongs to the UI goroutine.
type itemBody struct {
	box  *fyne.Container
	encl *fyne.Container // the item's enclosures (enclosures.go), above box
	all  *fyne.Container // encl and box
	// downloads is the folder downloads go to, if any (downloadsDir).
	downloads func() (string, bool)
	// newImage makes the widget of an image block (images.go); without
	// it, an image shows as its alt text.
	newImage func(*imageSegment) fyne.CanvasObject
}

func newItemBody() *itemBody {
	b := &itemBody{box: container.New(layout.NewCustomPaddedVBoxLayout(0)), encl: container.NewVBox(), downloads: downloadsDir}
	b.all = container.NewVBox(b.encl, b.box)
	return b
}

// content is the widget to put in the reader.
func (b *itemBody) content() fyne.CanvasObject { return b.all }

// set shows blocks, and nothing else.
func (b *itemBody) set(blocks [][]widget.RichTextSegment) {
	b.box.Objects = b.box.Objects[:0]
	b.add(blocks)
}

// add shows blocks after those shown.
func (b *itemBody) add(blocks [][]widget.RichTextSegment) {
	for _, segs := range blocks {
		if im, ok := segs[0].(*imageSegment); ok && len(segs) == 1 {
			b.box.Objects = append(b.box.Objects, b.image(im))
			continue
		}
		if bodyTextFits(segs) { // text and links: most blocks
			b.box.Objects = append(b.box.Objects, newBodyText(segs))
			continue
		}
		// A list or a separator. A new rich text each time: it wraps its
		// rows once, at the width the column gives it (one already sized
		// would wrap the new segments at its old size first).
		rt := widget.NewRichText(segs...)
		rt.Wrapping = fyne.TextWrapWord
		b.box.Objects = append(b.box.Objects, rt)
	}
	b.box.Refresh()
}

// image is the widget of an image block.
func (b *itemBody) image(im *imageSegment) fyne.CanvasObject {
	if b.newImage != nil {
		return b.newImage(im)
	}
	return widget.NewLabel("[image: " + im.alt + "]")
}

// String is the text shown, block after block (tests); a picture is
// "[image: alt]".
func (b *itemBody) String() string {
	s := ""
	for _, o := range b.box.Objects {
		switch o := o.(type) {
		case *bodyText:
			s += o.String()
		case *widget.RichText:
			s += o.String()
		case *bodyImage:
			s += "[image: " + o.alt + "]"
		case *widget.Label:
			s += o.Text
		}
	}
	return s
}
