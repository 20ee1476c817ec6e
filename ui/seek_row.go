package ui

import (
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"github.com/knowflow/knowflow/model"
)

// seekRow is one row of Seek's list: the item's title (bold while
// unread), its source and date, and a star. It remembers what it shows
// and sets only what changed: setting a label's text shapes it again for
// its ellipsis (about 0.3 ms a label here), and the list updates every
// row on screen at each refresh, two of them per j or k.
type seekRow struct {
	widget.BaseWidget
	title, meta *widget.Label
	star        *widget.Icon
	id          int // the list's row it was last given

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
	r := &seekRow{id: -1, title: widget.NewLabel("Item title"), meta: widget.NewLabel("source · date"), star: widget.NewIcon(nil)}
	r.title.Truncation = fyne.TextTruncateEllipsis
	r.meta.Importance = widget.LowImportance
	r.meta.Truncation = fyne.TextTruncateEllipsis
	r.ExtendBaseWidget(r)
	return r
}

func (r *seekRow) CreateRenderer() fyne.WidgetRenderer {
	return widget.NewSimpleRenderer(container.NewBorder(nil, nil, nil, r.star, container.NewVBox(r.title, r.meta)))
}

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
		r.meta.SetText("")
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
		r.meta.SetText(itemMeta(it, false))
	}
	if !set || was.loading || was.starred != k.starred {
		if it.Starred {
			r.star.SetResource(starIcon())
		} else {
			r.star.SetResource(nil)
		}
	}
}
