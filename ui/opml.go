package ui

import (
	"context"
	"fmt"
	"io"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/storage"
)

func (u *App) onImportOPML() {
	d := dialog.NewFileOpen(func(r fyne.URIReadCloser, err error) {
		if err != nil {
			u.showError(err)
			return
		}
		if r == nil {
			return // cancelled
		}
		defer r.Close()
		u.importOPML(r, r.URI().Name())
	}, u.win)
	d.SetFilter(storage.NewExtensionFileFilter([]string{".opml", ".xml"}))
	d.Show()
}

// importOPML imports one OPML file and tells the user what happened.
func (u *App) importOPML(r io.Reader, name string) {
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	res, err := u.store.ImportOPML(ctx, r)
	if err != nil {
		u.showError(fmt.Errorf("%s was not imported: %w", name, err))
		return
	}
	u.Reload()
	msg := fmt.Sprintf("%d new sources from %s.", res.Added, name)
	if res.Skipped > 0 {
		msg += fmt.Sprintf(" %d you already follow were skipped.", res.Skipped)
	}
	dialog.ShowInformation("OPML imported", msg, u.win)
}

func (u *App) onExportOPML() {
	d := dialog.NewFileSave(func(w fyne.URIWriteCloser, err error) {
		if err != nil {
			u.showError(err)
			return
		}
		if w == nil {
			return
		}
		u.exportOPML(w, w.URI().Name())
	}, u.win)
	d.SetFileName("knowflow.opml")
	d.Show()
}

// exportOPML writes the subscriptions to w and closes it.
func (u *App) exportOPML(w io.WriteCloser, name string) {
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	err := u.store.ExportOPML(ctx, w)
	if cerr := w.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		u.showError(fmt.Errorf("export to %s failed: %w", name, err))
		return
	}
	dialog.ShowInformation("OPML exported", "Your subscriptions were saved to "+name+".", u.win)
}
