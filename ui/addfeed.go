package ui

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/knowflow/knowflow/feeds"
	"github.com/knowflow/knowflow/feeds/discover"
)

// addFeedDialog asks for a feed or site URL and a folder. It has its own
// Add button, as the contact form has Save: while the feed is looked for
// it stays open saying so, and when adding fails it stays open with what
// was typed and, under the fields, why in plain words, to be corrected.
type addFeedDialog struct {
	app      *App
	url      *escEntry
	folder   *escSelectEntry
	dlg      *dialog.CustomDialog
	addBtn   *widget.Button
	errLabel *widget.Label // why the last try failed, or what is under way
	valid    bool          // the form's fields pass their validators
	adding   bool          // a try is under way
	closed   bool          // Cancel, Esc or a success closed it

	folders []string // the folders offered, once read (tests)
}

func (u *App) onAddFeed() {
	d := u.newAddFeedDialog()
	d.dlg.Show()
	u.ownKeys(d.dlg, d.url, d.submit, d.url, d.folder)
}

func (u *App) newAddFeedDialog() *addFeedDialog {
	d := &addFeedDialog{app: u}
	d.url = newEscEntry()
	d.url.SetPlaceHolder("https://example.com/blog or its feed URL")
	d.url.Validator = checkFeedAddress
	d.folder = newEscSelectEntry()
	d.folder.SetPlaceHolder("optional, e.g. Tech/Go")
	u.seek.folderPaths(func(paths []string) {
		d.folders = paths
		d.folder.SetOptions(paths)
	})
	d.errLabel = widget.NewLabel("")
	d.errLabel.Wrapping = fyne.TextWrapWord
	d.errLabel.Hide()
	form := widget.NewForm(
		widget.NewFormItem("Address", d.url),
		widget.NewFormItem("Folder", d.folder),
	)
	d.dlg = dialog.NewCustomWithoutButtons("Add feed", container.NewVBox(form, d.errLabel), u.win)
	d.dlg.SetOnClosed(func() { d.closed = true })
	d.addBtn = widget.NewButtonWithIcon("Add", theme.ConfirmIcon(), d.submit)
	d.addBtn.Importance = widget.HighImportance
	cancel := widget.NewButtonWithIcon("Cancel", theme.CancelIcon(), d.dlg.Hide)
	d.dlg.SetButtons([]fyne.CanvasObject{cancel, d.addBtn})
	d.valid = form.Validate() == nil
	form.SetOnValidationChanged(func(err error) { d.valid = err == nil; d.updateAdd() })
	d.updateAdd()
	d.dlg.Resize(fyne.NewSize(560, 240))
	return d
}

// checkFeedAddress checks the address as it is typed, as Add will read
// it: an http or https URL with a host name, or a host and path
// ("example.com/feed") to which https:// is added.
func checkFeedAddress(s string) error {
	s = strings.TrimSpace(s)
	if s == "" {
		return errors.New("paste the address of a site or a feed")
	}
	_, err := discover.NormalizeURL(s)
	switch {
	case err != nil && !errors.Is(err, discover.ErrInvalidURL):
		return errors.New("only http and https addresses can be subscribed to")
	case strings.ContainsAny(s, " \t\n"):
		return errors.New("an address has no spaces")
	case err != nil:
		return errors.New("not a web address: it needs a host name, like example.com/feed")
	}
	return nil
}

// updateAdd offers Add while the address is valid and no try is under way.
func (d *addFeedDialog) updateAdd() {
	if d.valid && !d.adding {
		d.addBtn.Enable()
	} else {
		d.addBtn.Disable()
	}
}

// say shows msg under the fields (an error in the danger colour).
func (d *addFeedDialog) say(msg string, isErr bool) {
	d.errLabel.Importance = widget.MediumImportance
	if isErr {
		d.errLabel.Importance = widget.DangerImportance
	}
	d.errLabel.SetText(msg)
	d.errLabel.Show()
	d.dlg.Resize(fyne.NewSize(560, 240)) // grows to fit the message
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

// submit looks for the feed on a worker; the dialog stays open, saying
// so, with Add off, until the answer: a subscription closes it, a failure
// says why under the fields and leaves the address as typed.
func (d *addFeedDialog) submit() {
	if d.adding || !d.valid {
		return
	}
	rawURL, folder := strings.TrimSpace(d.url.Text), strings.TrimSpace(d.folder.Text)
	u := d.app
	d.adding = true
	d.addBtn.SetText("Adding…")
	d.updateAdd()
	d.say("Looking for a feed at "+rawURL+"…", false)
	u.seek.status.SetText("Looking for a feed at " + rawURL + "…")
	u.background(func(ctx context.Context) {
		ctx, cancel := context.WithTimeout(ctx, 2*time.Minute)
		defer cancel()
		res, err := u.seek.store.Add(ctx, rawURL, folder)
		u.do(func() { d.done(rawURL, res, err) })
	})
}

// done applies the answer to a try.
func (d *addFeedDialog) done(rawURL string, res feeds.AddResult, err error) {
	u := d.app
	d.adding = false
	d.addBtn.SetText("Add")
	d.updateAdd()
	if err == nil {
		if !d.closed {
			d.dlg.Hide()
		}
		u.addFeedDone(res)
		return
	}
	u.seek.status.SetText("")
	msg := "Could not subscribe to " + rawURL + ": " + feeds.Explain(err)
	if d.closed { // Cancel or Esc while it was looked for
		u.showError(errors.New(msg))
		return
	}
	d.say(msg, true)
	u.win.Canvas().Focus(d.url)
}

// addFeedDone says what was subscribed to and shows it.
func (u *App) addFeedDone(res feeds.AddResult) {
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
