package ui

import (
	"context"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/test"

	"github.com/knowflow/knowflow/model"
	"github.com/knowflow/knowflow/model/store"
)

// longSourceTitle is a source name of 120 characters.
var longSourceTitle = strings.Repeat("Some Very Long Blog Name Of Someone ", 4)[:120]

// seedLongSource stores a source with a long name and one item, newer
// than seedReader's: the list's first row.
func seedLongSource(t *testing.T, b backend) []model.Source {
	t.Helper()
	ctx := context.Background()
	if _, err := b.ImportSources(ctx, []model.Source{{Title: longSourceTitle, FeedURL: "https://long.example/feed"}}); err != nil {
		t.Fatal(err)
	}
	src, err := b.SourceByURL(ctx, "https://long.example/feed")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := b.SaveFetches(ctx, []store.FetchResult{{SourceID: src.ID, CheckedAt: testNow, Items: []model.Item{{
		DedupeKey: "guid:long", Hash: "long", Title: "A post from far away", Text: "text",
		Published: time.Date(2026, 12, 3, 9, 30, 0, 0, time.UTC)}}}}); err != nil {
		t.Fatal(err)
	}
	return []model.Source{src}
}

// A row of the list at its normal width shows the item's date whole,
// whatever the length of its source's name: the name is what is cut,
// with an ellipsis.
func TestSeekRowShowsTheDateOfALongSource(t *testing.T) {
	u, _, _ := newReaderUI(t, seedLongSource)
	s := u.seek
	it, _ := s.itemAt(0)
	if it.SourceTitle != longSourceTitle {
		t.Fatalf("first item is from %q", it.SourceTitle)
	}
	row := s.rowAt[0]
	if row == nil || row.Size().Width < 200 {
		t.Fatalf("the list's first row is not on screen (%v)", row)
	}
	date := it.Published.Local().Format(itemDateLayout)
	var dateText, sourceText *canvas.Text
	var datePos, sourcePos fyne.Position
	walkAt(row, fyne.Position{}, func(o fyne.CanvasObject, at fyne.Position) {
		if tx, ok := o.(*canvas.Text); ok {
			switch {
			case strings.Contains(tx.Text, date):
				dateText, datePos = tx, at
			case strings.HasPrefix(tx.Text, "Some Very"):
				sourceText, sourcePos = tx, at
			}
		}
	})
	if dateText == nil {
		t.Fatalf("the row does not show the date %q; it shows:\n%s", date, renderedTexts(row))
	}
	if got := fyne.MeasureText(dateText.Text, dateText.TextSize, dateText.TextStyle).Width; datePos.X < 0 ||
		datePos.X+got > row.Size().Width-row.star.Size().Width || dateText.Size().Width < got {
		t.Errorf("the date %q (%.0f wide) at x %.0f in a %.0f-wide box does not fit in the %.0f-wide row",
			dateText.Text, got, datePos.X, dateText.Size().Width, row.Size().Width)
	}
	if sourceText == nil || !strings.HasSuffix(sourceText.Text, "…") || len(sourceText.Text) >= len(longSourceTitle) {
		t.Errorf("the source's name is not cut with an ellipsis:\n%s", renderedTexts(row))
	} else if end := sourcePos.X + fyne.MeasureText(sourceText.Text, sourceText.TextSize, sourceText.TextStyle).Width; end > datePos.X {
		t.Errorf("the source's name (to x %.0f) runs into the date (at x %.0f)", end, datePos.X)
	}

	// Short names are shown whole, the date next to them.
	for _, name := range []string{"Team blog", "Bob on Go", "Anna's notes"} {
		row.showItem(model.Item{Title: "Short", SourceTitle: name, Published: it.Published}, false)
		if got := renderedTexts(row.source); got != name+"\n" {
			t.Errorf("the source %q is shown as %q", name, got)
		}
		if row.date.Position().X > row.Size().Width/2 {
			t.Errorf("the date of %q's item is at x %.0f of %.0f, not next to the name", name, row.date.Position().X, row.Size().Width)
		}
	}
}

// walkAt calls fn on o and every visible object rendered under it, with
// its position relative to where o is.
func walkAt(o fyne.CanvasObject, at fyne.Position, fn func(fyne.CanvasObject, fyne.Position)) {
	if o == nil || !o.Visible() {
		return
	}
	fn(o, at)
	var children []fyne.CanvasObject
	switch c := o.(type) {
	case *fyne.Container:
		children = c.Objects
	case fyne.Widget:
		children = test.WidgetRenderer(c).Objects()
	}
	for _, child := range children {
		walkAt(child, at.Add(child.Position()), fn)
	}
}

// renderedTexts is the text drawn under o, a line per canvas.Text.
func renderedTexts(o fyne.CanvasObject) string {
	var sb strings.Builder
	walkAt(o, fyne.Position{}, func(o fyne.CanvasObject, _ fyne.Position) {
		if tx, ok := o.(*canvas.Text); ok && tx.Text != "" {
			sb.WriteString(tx.Text + "\n")
		}
	})
	return sb.String()
}
