package ui

import (
	"context"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"

	"github.com/knowflow/knowflow/model"
)

// editSourceDialog renames a source and moves it to another folder.
type editSourceDialog struct {
	app    *App
	src    model.Source
	title  *escEntry
	folder *escSelectEntry
	form   *dialog.FormDialog

	folders []string // the folders offered, once read (tests)
}

// onEditSource opens the dialog for the selected source.
func (s *seekScreen) onEditSource() {
	kind, id := parseNode(s.node)
	src, ok := s.sources[id]
	if kind != "s" || !ok {
		return
	}
	u := s.app
	d := &editSourceDialog{app: u, src: src}
	d.title = newEscEntry()
	d.title.SetText(src.Title)
	d.title.SetPlaceHolder("the feed's own title")
	d.folder = newEscSelectEntry()
	s.folderPaths(func(paths []string) {
		d.folders = paths
		d.folder.SetOptions(paths)
	})
	d.folder.SetText(src.FolderPath())
	d.folder.SetPlaceHolder("none: top level; e.g. Tech/Go")
	d.form = dialog.NewForm("Edit source", "Save", "Cancel", []*widget.FormItem{
		widget.NewFormItem("Title", d.title),
		widget.NewFormItem("Folder", d.folder),
		widget.NewFormItem("Feed", widget.NewLabel(src.FeedURL)),
	}, d.onSubmit, u.win)
	d.form.Resize(fyne.NewSize(520, 260))
	s.editDlg = d
	d.show()
}

// show opens the dialog, which owns the keyboard.
func (d *editSourceDialog) show() {
	d.form.Show()
	d.app.ownKeys(d.form, d.title, d.form.Submit, d.title, d.folder)
}

// onSubmit saves on a worker; Edit… is off meanwhile. When the save
// fails the dialog opens again with what was typed, under the error.
func (d *editSourceDialog) onSubmit(ok bool) {
	if !ok {
		return
	}
	folder := model.ParseFolderPath(d.folder.Text)
	s, id, title := d.app.seek, d.src.ID, d.title.Text
	s.saving++
	s.editBtn.Disable()
	s.status.SetText("Saving " + strings.TrimSpace(title) + "…")
	async(d.app, d.app.seek.store, nil, time.Minute, func(ctx context.Context, st seekStore) (struct{}, error) {
		return struct{}{}, st.EditSource(ctx, id, title, folder)
	}, func(_ struct{}, err error) {
		s.saving--
		if s.saving == 0 {
			s.editBtn.Enable()
		}
		if err != nil {
			s.status.SetText("")
			d.show()
			d.app.showError(err)
			return
		}
		s.reloadTree(func() { s.selectSourceNode(id) })
		s.status.SetText("Saved " + strings.TrimSpace(title) + ".")
	})
}
