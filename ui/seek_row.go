package ui

import (
	"math"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/knowflow/knowflow/model"
)

// seekRow is one row of Seek's list: the item's title (bold while
// unread), its source and date, and a star. The date is never cut: a long
// source's name is, with an ellipsis (metaLayout). The row remembers what
// it shows and sets only what changed: a text set is shaped and drawn
// again, and the list updates every row on screen at each refresh, two
// of them per j or k. Title and source are rowTexts (cut without a
// shaping per candidate length).
type seekRow struct {
	widget.BaseWidget
	title   *rowText
	source  *rowText
	date    *widget.Label // "· Jan 2, 2006 15:04"
	sourceW float32       // the source label's width uncut
	meta    *fyne.Container
	star    *widget.Icon
	id      int // the list's row it was last given

	shown seekRowKey
	set   bool // shown holds what is on screen
}

// seekRowKey is what a row shows, as it is compared.
type seekRowKey struct {
	loading       bool // the Loading… row
	title, source string
	published     time.Time
	read, starred bool
}

func newSeekRow() *seekRow {
	r := &seekRow{id: -1, title: newRowText("Item title"), source: newRowText("source"),
		date: widget.NewLabel("· date"), star: widget.NewIcon(nil)}
	r.source.Importance = widget.LowImportance
	r.date.Importance = widget.LowImportance
	r.meta = container.New(metaLayout{r}, r.source, r.date)
	r.ExtendBaseWidget(r)
	return r
}

func (r *seekRow) CreateRenderer() fyne.WidgetRenderer {
	return widget.NewSimpleRenderer(container.NewBorder(nil, nil, nil, r.star, container.NewVBox(r.title, r.meta)))
}

// metaLayout lays out a row's source and date: the source as wide as
// its name, or what the date leaves of the row (cut with an ellipsis),
// and the date right after it, a space from it, always whole.
type metaLayout struct{ r *seekRow }

// overlap is how far the date label goes over the source label's right
// padding: their texts are then a space apart, not two paddings.
func (metaLayout) overlap() float32 {
	space := fyne.MeasureText(" ", theme.TextSize(), fyne.TextStyle{}).Width
	return max(2*theme.InnerPadding()-space, 0)
}

func (l metaLayout) Layout(_ []fyne.CanvasObject, size fyne.Size) {
	src, date := l.r.source, l.r.date
	dateW := float32(0)
	if date.Visible() {
		dateW = date.MinSize().Width - l.overlap()
	}
	srcW := max(min(l.r.sourceW, size.Width-dateW), 0)
	src.Move(fyne.NewPos(0, 0))
	src.Resize(fyne.NewSize(srcW, size.Height))
	date.Move(fyne.NewPos(srcW-l.overlap(), 0))
	date.Resize(fyne.NewSize(date.MinSize().Width, size.Height))
}

func (l metaLayout) MinSize(_ []fyne.CanvasObject) fyne.Size {
	src, date := l.r.source.MinSize(), l.r.date.MinSize()
	if !l.r.date.Visible() {
		return src
	}
	return fyne.NewSize(src.Width+date.Width-l.overlap(), max(src.Height, date.Height))
}

// setMeta shows an item's source and date, and lays them out again (the
// source's width changed; a row is reused for other items).
func (r *seekRow) setMeta(source string, published time.Time) {
	r.source.SetText(source)
	r.sourceW = 0
	if source != "" {
		// Measured as the row cuts it, so it is never cut when there is room.
		w := r.source.textWidth(source)
		r.sourceW = float32(math.Ceil(float64(w))) + 2*theme.InnerPadding()
	}
	if published.IsZero() {
		r.date.Hide()
	} else {
		d := published.Local().Format(itemDateLayout)
		if source != "" {
			d = "· " + d
		}
		r.date.SetText(d)
		r.date.Show()
	}
	metaLayout{r}.Layout(nil, r.meta.Size())
}

// itemDateLayout is how the list and the reader write an item's date.
const itemDateLayout = "Jan 2, 2006 15:04"

// showItem shows it, or the Loading… row when loading.
func (r *seekRow) showItem(it model.Item, loading bool) {
	k := seekRowKey{loading: true}
	if !loading {
		k = seekRowKey{title: it.Title, source: it.SourceTitle, published: it.Published, read: it.Read, starred: it.Starred}
	}
	if r.set && k == r.shown {
		return
	}
	was, set := r.shown, r.set
	r.shown, r.set = k, true
	if loading {
		r.title.TextStyle.Bold = false
		r.title.SetText("Loading…")
		r.setMeta("", time.Time{})
		r.star.SetResource(nil)
		return
	}
	if !set || was.loading || was.title != k.title || was.read != k.read {
		r.title.TextStyle.Bold = !it.Read
		t := it.Title
		if t == "" {
			t = "(untitled)"
		}
		r.title.SetText(t)
	}
	if !set || was.loading || was.source != k.source || !was.published.Equal(k.published) {
		r.setMeta(it.SourceTitle, it.Published)
	}
	if !set || was.loading || was.starred != k.starred {
		if it.Starred {
			r.star.SetResource(starIcon())
		} else {
			r.star.SetResource(nil)
		}
	}
}
