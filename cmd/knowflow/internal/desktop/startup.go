package desktop

import (
	"path/filepath"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// StartupError is the small window that says why the window cannot open
// its database (not Knowflow's, written by a newer version, unreadable),
// with "Choose another file…" and "Quit".
type StartupError struct {
	Win    fyne.Window
	reason *widget.Label
	choose *widget.Button
	open   func(path string) error
	dir    string // where the file dialog starts: the last file's folder
	// Pick asks for a file and hands its path to the callback (nothing
	// when cancelled); a file dialog by default, tests replace it.
	Pick func(func(path string))
	// Quit ends the app: its Quit by default.
	Quit func()
}

// ShowStartupError shows the window for err, the reason db could not be
// opened. A chosen file goes to open: nil closes the window (the caller
// has shown the main window); an error is shown in its place. Quit quits
// the app.
func ShowStartupError(a fyne.App, db string, err error, open func(path string) error) *StartupError {
	s := &StartupError{Win: a.NewWindow("Knowflow cannot start"), open: open}
	s.Pick, s.Quit = s.fileDialog, a.Quit
	title := widget.NewLabelWithStyle("Knowflow cannot open its database", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	s.reason = widget.NewLabel("")
	s.reason.Wrapping = fyne.TextWrapWord
	s.setReason(db, err)
	s.choose = widget.NewButtonWithIcon("Choose another file…", theme.FolderOpenIcon(), func() { s.Pick(s.tryOpen) })
	s.choose.Importance = widget.HighImportance
	quit := widget.NewButtonWithIcon("Quit", theme.CancelIcon(), func() { s.Quit() })
	s.Win.SetContent(container.NewBorder(title, container.NewHBox(layout.NewSpacer(), quit, s.choose), nil, nil, s.reason))
	s.Win.Resize(fyne.NewSize(520, 220))
	s.Win.SetCloseIntercept(func() { s.Quit() })
	s.Win.Show()
	return s
}

// Reason is the text the window shows (tests).
func (s *StartupError) Reason() string { return s.reason.Text }

func (s *StartupError) setReason(db string, err error) {
	s.dir = filepath.Dir(db)
	s.reason.SetText(db + "\n\n" + strings.TrimPrefix(err.Error(), "store: "))
}

func (s *StartupError) tryOpen(path string) {
	if err := s.open(path); err != nil {
		s.setReason(path, err)
		return
	}
	s.Win.SetCloseIntercept(nil)
	s.Win.Close()
}

// fileDialog is Fyne's file dialog, in a window grown to hold it.
func (s *StartupError) fileDialog(done func(string)) {
	s.Win.Resize(fyne.NewSize(800, 560))
	d := dialog.NewFileOpen(func(r fyne.URIReadCloser, err error) {
		s.Win.Resize(fyne.NewSize(520, 220))
		if err != nil || r == nil {
			return
		}
		r.Close()
		done(r.URI().Path())
	}, s.Win)
	if l, err := storage.ListerForURI(storage.NewFileURI(s.dir)); err == nil {
		d.SetLocation(l)
	}
	d.Show()
}
