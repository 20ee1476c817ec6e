package ui

import (
	"context"
	"fmt"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"

	"github.com/knowflow/knowflow/feeds"
)

// addFeedDialog asks for a feed or site URL and a folder.
type addFeedDialog struct {
	app    *App
	url    *escEntry
	folder *escSelectEntry
	form   *dialog.FormDialog
	status *widget.Label

	folders []string // the folders offered, once read (tests)
}

func (u *App) onAddFeed() {
	d := u.newAddFeedDialog()
	d.form.Show()
	u.ownKeys(d.form, d.url, d.form.Submit, d.url, d.folder)
}

func (u *App) newAddFeedDialog() *addFeedDialog {
	d := &addFeedDialog{app: u}
	d.url = newEscEntry()
	d.url.SetPlaceHolder("https://example.com/blog or its feed URL")
	d.url.Validator = func(s string) error {
		if strings.TrimSpace(s) == "" {
			return fmt.Errorf("paste the address of a site or a feed")
		}
		return nil
	}
	d.folder = newEscSelectEntry()
	d.folder.SetPlaceHolder("optional, e.g. Tech/Go")
	u.seek.folderPaths(func(paths []string) {
		d.folders = paths
		d.folder.SetOptions(paths)
	})
	d.status = widget.NewLabel("")
	d.form = dialog.NewForm("Add feed", "Add", "Cancel", []*widget.FormItem{
		widget.NewFormItem("Address", d.url),
		widget.NewFormItem("Folder", d.folder),
	}, d.onSubmit, u.win)
	d.form.Resize(fyne.NewSize(520, 220))
	return d
}

// folderPaths reads the subscriptions' folders on a worker, then hands
// them to apply on the UI goroutine (Add feed and Edit source offer them;
// when they cannot be read, none is offered).
func (s *seekScreen) folderPaths(apply func([]string)) {
	async(s.app, sourceStore(s.store), nil, 5*time.Second, func(ctx context.Context, st sourceStore) ([]string, error) {
		srcs, err := st.Sources(ctx)
		seen := map[string]bool{}
		var out []string
		for _, s := range srcs {
			if p := s.FolderPath(); p != "" && !seen[p] {
				seen[p] = true
				out = append(out, p)
			}
		}
		return out, err
	}, func(paths []string, err error) {
		if err == nil {
			apply(paths)
		}
	})
}

func (d *addFeedDialog) onSubmit(ok bool) {
	if !ok {
		return
	}
	rawURL, folder := strings.TrimSpace(d.url.Text), strings.TrimSpace(d.folder.Text)
	u := d.app
	u.seek.status.SetText("Looking for a feed at " + rawURL + "…")
	u.background(func(ctx context.Context) {
		ctx, cancel := context.WithTimeout(ctx, 2*time.Minute)
		defer cancel()
		res, err := u.seek.store.Add(ctx, rawURL, folder)
		fyne.Do(func() { u.addFeedDone(rawURL, res, err) })
	})
}

func (u *App) addFeedDone(rawURL string, res feeds.AddResult, err error) {
	if err != nil {
		u.seek.status.SetText("")
		u.showError(fmt.Errorf("could not subscribe to %s: %w", rawURL, err))
		return
	}
	title := res.Source.Title
	if title == "" {
		title = res.Source.FeedURL
	}
	if !res.New {
		u.seek.status.SetText("Already subscribed to " + title)
	} else {
		u.seek.status.SetText(fmt.Sprintf("Subscribed to %s: %d items", title, res.Refresh.New))
	}
	u.Reload()
	if u.onAdded != nil {
		u.onAdded()
	}
}
