package ui

import (
	"context"
	"fmt"
	"io"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/storage"

	"github.com/knowflow/knowflow/model/people"
)

func (u *App) onImportOPML()     { u.openImport([]string{".opml", ".xml"}) }
func (u *App) onImportContacts() { u.openImport([]string{".vcf", ".vcard", ".csv"}) }

// openImport asks for a file to import; exts only narrow the dialog's view,
// the file's content decides what it is.
func (u *App) openImport(exts []string) {
	d := dialog.NewFileOpen(func(r fyne.URIReadCloser, err error) {
		if err != nil {
			u.showError(err)
			return
		}
		if r == nil {
			return // cancelled
		}
		u.rememberFolder(r.URI())
		u.importFile(r, r.URI().Name())
	}, u.win)
	d.SetFilter(storage.NewExtensionFileFilter(exts))
	u.showFileDialog(d)
}

// importFile imports an OPML or contact file (recognised by content) in
// the background, closes it, and tells the user what happened. A broken
// file changes nothing.
func (u *App) importFile(r io.ReadCloser, name string) {
	u.seek.status.SetText("Importing " + name + "…")
	started := u.background(func(ctx context.Context) {
		ctx, cancel := context.WithTimeout(ctx, 5*time.Minute)
		defer cancel()
		res, err := u.files.ImportFile(ctx, r)
		r.Close()
		u.do(func() {
			u.seek.status.SetText("")
			if err != nil {
				u.showError(fmt.Errorf("%s was not imported, nothing changed: %w", name, err))
				return
			}
			u.Reload()
			title := "Contacts imported"
			if res.Format == people.FormatOPML {
				title = "OPML imported"
			}
			u.showInfo(title, name+": "+res.Summary()+".")
		})
	})
	if !started {
		r.Close()
	}
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
		u.rememberFolder(w.URI())
		u.exportOPML(w, w.URI().Name())
	}, u.win)
	d.SetFileName("knowflow.opml")
	u.showFileDialog(d)
}

// exportOPML writes the subscriptions to w in the background, closes it
// and says how it went.
func (u *App) exportOPML(w io.WriteCloser, name string) {
	started := u.background(func(ctx context.Context) {
		ctx, cancel := context.WithTimeout(ctx, 5*time.Minute)
		defer cancel()
		err := u.files.ExportOPML(ctx, w)
		if cerr := w.Close(); err == nil {
			err = cerr
		}
		u.do(func() {
			if err != nil {
				u.showError(fmt.Errorf("export to %s failed: %w", name, err))
				return
			}
			u.showInfo("OPML exported", "Your subscriptions were saved to "+name+".")
		})
	})
	if !started {
		w.Close()
	}
}
