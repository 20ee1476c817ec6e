package ui

import (
	"path/filepath"
	"testing"

	"fyne.io/fyne/v2/storage"
)

// The import dialog opens large enough to browse, at home first, then in
// the folder of the last file picked.
func TestFileDialogsSizeAndFolder(t *testing.T) {
	home := t.TempDir()
	t.Setenv("HOME", home)
	u, _, _ := newTestUI(t, Options{Section: SectionPeople})
	if l := u.startFolder(); l == nil || l.Path() != home {
		t.Errorf("first folder = %v, want home %s", l, home)
	}
	picked := t.TempDir()
	u.rememberFolder(storage.NewFileURI(filepath.Join(picked, "people.vcf")))
	if l := u.startFolder(); l == nil || l.Path() != picked {
		t.Errorf("folder after a pick = %v, want %s", l, picked)
	}
	u.rememberFolder(storage.NewFileURI(filepath.Join(picked, "gone", "x.vcf"))) // a folder that is not there
	if l := u.startFolder(); l == nil || l.Path() != home {
		t.Errorf("folder when the last one is gone = %v, want home", l)
	}

	u.onImportContacts()
	settle(t, u)
	o := topOverlay(u)
	if o == nil {
		t.Fatal("no file dialog")
	}
	if got, want := o.Size(), u.fileDialogSize(); got.Width < want.Width || got.Height < want.Height || want.Width < 800 {
		t.Errorf("file dialog %v, want at least %v", got, want)
	}
}
