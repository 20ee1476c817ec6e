package ui

import (
	"os"
	"path/filepath"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/storage"
)

// File ▸ Import and Export's file dialogs: large enough to browse, and
// starting where the user last picked a file (else their home folder).

// lastFolderKey is the preference holding the folder of the last file
// picked.
const lastFolderKey = "files.lastFolder"

// fileDialogSize is the file dialogs' size, within the window.
func (u *App) fileDialogSize() fyne.Size {
	size := fyne.NewSize(900, 620)
	if ws := u.win.Canvas().Size(); ws.Width > 100 && ws.Height > 100 {
		size = fyne.NewSize(min(size.Width, ws.Width-40), min(size.Height, ws.Height-40))
	}
	return size
}

// startFolder is where a file dialog opens: the last folder used if it
// still exists, else the home folder; nil leaves Fyne's default.
func (u *App) startFolder() fyne.ListableURI {
	var dirs []string
	if d := u.app.Preferences().String(lastFolderKey); d != "" {
		dirs = append(dirs, d)
	}
	if h, err := os.UserHomeDir(); err == nil {
		dirs = append(dirs, h)
	}
	for _, d := range dirs {
		if st, err := os.Stat(d); err != nil || !st.IsDir() {
			continue
		}
		if l, err := storage.ListerForURI(storage.NewFileURI(d)); err == nil {
			return l
		}
	}
	return nil
}

// showFileDialog shows d sized to browse, at startFolder.
func (u *App) showFileDialog(d *dialog.FileDialog) {
	if l := u.startFolder(); l != nil {
		d.SetLocation(l)
	}
	d.Resize(u.fileDialogSize())
	d.Show()
	u.ownKeys(d, nil, nil) // dialogs.go: Esc cancels, the reader's keys are off
}

// rememberFolder keeps the folder of the file picked for the next dialog.
func (u *App) rememberFolder(uri fyne.URI) {
	if uri == nil || uri.Scheme() != "file" {
		return
	}
	if dir, err := storage.Parent(uri); err == nil {
		u.app.Preferences().SetString(lastFolderKey, filepath.Clean(dir.Path()))
	}
}
