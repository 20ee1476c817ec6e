package ui

import (
	"context"
	"fmt"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/knowflow/knowflow/model/store"
)

// Folders are renamed and deleted from the bar above the list while one
// is selected. Deleting says first what happens to what is inside, with
// the choice to move its sources up or to unsubscribe from them.

func (s *seekScreen) newFolderBar() *fyne.Container {
	rename := widget.NewButtonWithIcon("Rename…", theme.DocumentCreateIcon(), s.onRenameFolder)
	del := widget.NewButtonWithIcon("Delete folder…", theme.DeleteIcon(), s.onDeleteFolder)
	rename.Importance, del.Importance = widget.LowImportance, widget.LowImportance
	bar := container.NewHBox(rename, del)
	bar.Hide()
	return bar
}

// selectedFolder is the folder selected in the tree.
func (s *seekScreen) selectedFolder() (int64, string, bool) {
	kind, id := parseNode(s.node)
	f, ok := s.folders[id]
	return id, f.Name, kind == "f" && ok
}

// folderDone reads the tree again after a folder changed, or says why it
// did not.
func (s *seekScreen) folderDone(msg string, err error) {
	if err != nil {
		s.status.SetText("")
		s.app.showError(err)
		return
	}
	s.status.SetText(msg)
	s.app.Reload()
}

func (s *seekScreen) onRenameFolder() {
	id, name, ok := s.selectedFolder()
	if !ok {
		return
	}
	e := newEscEntry()
	e.SetText(name)
	e.Validator = func(v string) error {
		if len([]rune(v)) == 0 {
			return fmt.Errorf("a folder needs a name")
		}
		return nil
	}
	var d *dialog.FormDialog
	d = dialog.NewForm("Rename folder", "Rename", "Cancel", []*widget.FormItem{widget.NewFormItem("Name", e)}, func(ok bool) {
		if !ok || e.Text == name {
			return
		}
		to := e.Text
		async(s.app, s.store, nil, time.Minute, func(ctx context.Context, st seekStore) (struct{}, error) {
			return struct{}{}, st.RenameFolder(ctx, id, to)
		}, func(_ struct{}, err error) { s.folderDone("Renamed "+name+" to "+to+".", err) })
	}, s.app.win)
	d.Resize(fyne.NewSize(420, 180))
	s.folderDlg = d
	d.Show()
	s.app.ownKeys(d, e, d.Submit, e)
}

// onDeleteFolder reads what the folder holds on a worker, then asks.
func (s *seekScreen) onDeleteFolder() {
	id, name, ok := s.selectedFolder()
	if !ok {
		return
	}
	parent := "the top level"
	if p, ok := s.folders[s.folders[id].ParentID]; ok {
		parent = p.Name
	}
	async(s.app, s.store, nil, 10*time.Second, func(ctx context.Context, st seekStore) (store.FolderContents, error) {
		return st.FolderContents(ctx, id)
	}, func(c store.FolderContents, err error) {
		if err != nil {
			s.app.showError(err)
			return
		}
		s.askDeleteFolder(id, name, parent, c)
	})
}

// askDeleteFolder says what deleting folder id moves or removes and asks.
func (s *seekScreen) askDeleteFolder(id int64, name, parent string, c store.FolderContents) {
	holds := fmt.Sprintf("%s holds %s (%s)", name, plural(c.Sources, "source", "sources"), plural(c.Items, "item", "items"))
	if c.Folders > 0 {
		holds += ", in it or in its " + plural(c.Folders, "folder", "folders")
	}
	moveUp := "Move them up to " + parent
	unsub := fmt.Sprintf("Unsubscribe from %s (their items go too)", plural(c.Sources, "source", "sources"))
	choice := widget.NewRadioGroup([]string{moveUp, unsub}, nil)
	choice.SetSelected(moveUp)
	msg := widget.NewLabel(holds + ".")
	msg.Wrapping = fyne.TextWrapWord
	content := fyne.CanvasObject(msg)
	if c.Sources > 0 || c.Folders > 0 {
		content = container.NewVBox(msg, choice)
	}
	d := dialog.NewCustomConfirm("Delete folder "+name+"?", "Delete", "Cancel", content, func(ok bool) {
		if !ok {
			return
		}
		unsubscribe := choice.Selected == unsub
		if unsubscribe && c.Sources > 0 {
			// Hidden at once, deleted once Undo's time has passed.
			s.deleteFolderLater(id, name, s.sourcesUnder("f:"+fmt.Sprint(id)), c.Items)
			return
		}
		async(s.app, s.store, nil, time.Minute, func(ctx context.Context, st seekStore) (store.FolderContents, error) {
			return st.DeleteFolder(ctx, id, unsubscribe)
		}, func(_ store.FolderContents, err error) {
			msg := fmt.Sprintf("Deleted %s; its %s moved up to %s.", name, plural(c.Sources, "source", "sources"), parent)
			if unsubscribe {
				msg = fmt.Sprintf("Deleted %s and unsubscribed from %s.", name, plural(c.Sources, "source", "sources"))
			}
			if err == nil && s.node == "f:"+fmt.Sprint(id) {
				s.tree.Select(nodeAll)
			}
			s.folderDone(msg, err)
		})
	}, s.app.win)
	d.Resize(fyne.NewSize(520, 240))
	s.folderDlg = d
	s.folderChoice = choice
	d.Show()
	s.app.ownKeys(d, nil, d.Confirm)
}
