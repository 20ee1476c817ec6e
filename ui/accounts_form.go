package ui

import (
	"context"
	"fmt"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/knowflow/knowflow/model/service"
)

// The Add account form, over the Accounts dialog: the kind, the server's
// address, the user and the password; Test connection tries the login
// without storing anything and says in plain words what failed
// (service.ExplainAccount); Save adds the account as `knowflow account
// add` does (service.AddAccount). The password is sent to the server,
// kept (for CardDAV) only in the keyring or the secrets file (secrets.For),
// and never shown again.
//
// A CardDAV user may have several address books. Test connection lists
// them (service.CheckAccount), and so does Save when nothing was tested;
// of several, the form offers a choice (the first chosen) and Save adds
// the account with the one chosen, by its path, as --book does.

// The kinds the form offers.
const (
	kindGReaderLabel = "Feed server (Google Reader API: Miniflux, FreshRSS, …)"
	kindCardDAVLabel = "Address book (CardDAV: Nextcloud, Radicale, …)"
)

// checkTimeout bounds Test connection and Save's login.
const checkTimeout = 30 * time.Second

// formSize is the Add form's size as it opens; a choice of address
// books makes it taller.
var formSize = fyne.NewSize(620, 400)

// accountForm is the Add account form.
type accountForm struct {
	d *accountsDialog

	kind     *widget.RadioGroup
	form     *widget.Form
	url      *escEntry
	user     *escEntry
	password *escEntry
	result   *widget.Label // what the test or the save found
	detail   *widget.Label // the technical message, on demand
	more     *widget.Button
	testBtn  *widget.Button
	saveBtn  *widget.Button
	content  *fyne.Container
	dlg      *dialog.CustomDialog
	gen      int  // the test or save asked last: only its answer is shown
	busy     bool // a test or save is under way

	books    []service.Book     // CardDAV: the address books found for booksFor
	booksFor service.NewAccount // the input they were found for
	bookPick *widget.RadioGroup // the choice among several, in the form
}

// onAdd opens the Add account form.
func (d *accountsDialog) onAdd() {
	f := &accountForm{d: d}
	d.form = f
	f.kind = widget.NewRadioGroup([]string{kindGReaderLabel, kindCardDAVLabel}, f.onKind)
	f.kind.Required = true
	f.url = newEscEntry()
	f.user = newEscEntry()
	f.user.SetPlaceHolder("your user name on the server")
	f.password = newEscEntry()
	f.password.Password = true
	f.password.SetPlaceHolder("not shown again once saved")
	for _, e := range []*escEntry{f.url, f.user, f.password} {
		e.OnChanged = func(string) { f.forgetBooks() }
	}

	f.result = widget.NewLabel("")
	f.result.Wrapping = fyne.TextWrapWord
	f.result.Hide()
	f.detail = widget.NewLabel("")
	f.detail.Wrapping = fyne.TextWrapBreak
	f.detail.Importance = widget.LowImportance
	f.detail.Hide()
	f.more = widget.NewButton("Details", f.toggleDetail)
	f.more.Importance = widget.LowImportance
	f.more.Hide()

	f.form = widget.NewForm(
		widget.NewFormItem("Kind", f.kind),
		widget.NewFormItem("Address", f.url),
		widget.NewFormItem("User", f.user),
		widget.NewFormItem("Password", f.password),
	)
	f.content = container.NewVBox(f.form, container.NewBorder(nil, nil, nil, container.NewVBox(f.more), f.result), f.detail)
	f.dlg = dialog.NewCustomWithoutButtons("Add account", f.content, d.app.win)
	f.testBtn = widget.NewButtonWithIcon("Test connection", theme.SearchIcon(), f.onTest)
	f.saveBtn = widget.NewButtonWithIcon("Save", theme.ConfirmIcon(), f.onSave)
	f.saveBtn.Importance = widget.HighImportance
	cancel := widget.NewButtonWithIcon("Cancel", theme.CancelIcon(), f.dlg.Hide)
	f.dlg.SetButtons([]fyne.CanvasObject{cancel, f.testBtn, f.saveBtn})
	f.kind.SetSelected(kindGReaderLabel)
	f.dlg.Resize(formSize)
	f.dlg.Show()
	// Enter in a field saves, Esc cancels (dialogs.go).
	d.app.ownKeys(f.dlg, f.url, f.onSave, f.url, f.user, f.password)
}

// onKind shows the address a server of the kind chosen is asked at.
func (f *accountForm) onKind(label string) {
	if label == kindCardDAVLabel {
		f.url.SetPlaceHolder("https://dav.example.org (Nextcloud: https://HOST/remote.php/dav)")
	} else {
		f.url.SetPlaceHolder("https://rss.example.org (FreshRSS: https://HOST/api/greader.php)")
	}
	f.result.Hide()
	f.more.Hide()
	f.detail.Hide()
	f.forgetBooks()
	if f.content != nil {
		f.content.Refresh()
	}
}

// read is the account the form holds, without its address book.
func (f *accountForm) read() service.NewAccount {
	n := service.NewAccount{Kind: service.KindGReader, URL: strings.TrimSpace(f.url.Text),
		User: strings.TrimSpace(f.user.Text), Password: f.password.Text}
	if f.kind.Selected == kindCardDAVLabel {
		n.Kind = service.KindCardDAV
	}
	return n
}

// input is the account the form holds, or false (and the form says what
// is missing).
func (f *accountForm) input() (service.NewAccount, bool) {
	n := f.read()
	missing := ""
	switch {
	case n.URL == "":
		missing = "Give the server's address."
	case n.User == "":
		missing = "Give your user name on the server."
	case n.Password == "":
		missing = "Give the password."
	}
	if missing != "" {
		f.show(missing, "", widget.DangerImportance)
		return n, false
	}
	return n, true
}

// onTest tries the connection on a worker, storing nothing.
func (f *accountForm) onTest() {
	n, ok := f.input()
	if !ok || f.busy {
		return
	}
	f.setBusy(true)
	f.show("Testing the connection to "+n.URL+"…", "", widget.MediumImportance)
	async(f.d.app, f.d.st, &f.gen, checkTimeout, func(ctx context.Context, st accountStore) (service.Checked, error) {
		return st.CheckAccount(ctx, n)
	}, func(found service.Checked, err error) {
		f.setBusy(false)
		if err != nil {
			f.fail(n.Kind, err)
			return
		}
		if n.Kind == service.KindCardDAV {
			f.found(n, found.Books, "Connected: the server accepted the login")
			return
		}
		f.show("Connected: the server accepted the login and its Google Reader API answers.", "", widget.SuccessImportance)
	})
}

// onSave adds the account on a worker; the form closes once it is
// stored, and stays open saying what failed otherwise.
func (f *accountForm) onSave() {
	n, ok := f.input()
	if !ok || f.busy {
		return
	}
	discover := n.Kind == service.KindCardDAV // its books, unless tested
	if discover && f.books != nil && f.booksFor == n {
		n.Book, discover = f.chosenBook().Path, false
	}
	f.setBusy(true)
	f.show("Logging in to "+n.URL+"…", "", widget.MediumImportance)
	d := f.d
	async(d.app, d.st, &f.gen, 2*checkTimeout, func(ctx context.Context, st accountStore) (saved, error) {
		return save(ctx, st, n, discover)
	}, func(r saved, err error) {
		f.setBusy(false)
		if err != nil {
			f.fail(n.Kind, err)
			return
		}
		if r.books != nil { // several books, none chosen yet
			f.found(n, r.books, "The server accepted the login")
			return
		}
		a := r.added
		f.password.SetText("")
		f.dlg.Hide()
		msg := fmt.Sprintf("Added %s at %s. Feeds you add from now on go to the server; Sync now syncs.", a.User, a.URL)
		if a.Kind == service.KindCardDAV {
			msg = fmt.Sprintf("Added %s at %s, address book “%s”. Sync now syncs your people with it.", a.User, a.URL, a.Book.Name)
		}
		d.say(msg, widget.SuccessImportance)
		d.load()
	})
}

// saved is what Save did: the account added, or (books not nil) nothing
// yet, the address books of a CardDAV user to choose from.
type saved struct {
	added service.AddedAccount
	books []service.Book
}

// save adds the account n; with discover (a CardDAV account whose book
// is not chosen) its books are found first, and it is added only when
// there is one (else the books are returned for the form to offer).
func save(ctx context.Context, st accountStore, n service.NewAccount, discover bool) (saved, error) {
	if discover {
		found, err := st.CheckAccount(ctx, n)
		if err != nil {
			return saved{}, err
		}
		if len(found.Books) > 1 {
			return saved{books: found.Books}, nil
		}
		n.Book = found.Book.Path
	}
	a, err := st.AddAccount(ctx, n)
	return saved{added: a}, err
}

// found shows the address books found for n, after what (the login went
// well): one is named, several are offered in the form, the first chosen.
// An answer for what the form no longer holds is not offered.
func (f *accountForm) found(n service.NewAccount, books []service.Book, what string) {
	f.forgetBooks()
	if f.read() != n {
		f.show(what+", but the address, user or password changed since: test the connection again.", "", widget.MediumImportance)
		return
	}
	f.books, f.booksFor = books, n
	if len(books) == 1 {
		f.show(fmt.Sprintf("%s, and Knowflow will sync with its only address book, “%s”.", what, books[0].Name), "", widget.SuccessImportance)
		return
	}
	labels := make([]string, len(books))
	for i, b := range books {
		labels[i] = bookLabel(b)
	}
	f.bookPick = widget.NewRadioGroup(labels, nil)
	f.bookPick.Required = true
	f.bookPick.SetSelected(labels[0])
	f.form.Append("Address book", f.bookPick)
	f.show(fmt.Sprintf("%s and has %d address books: choose the one Knowflow syncs with, then Save.", what, len(books)), "", widget.SuccessImportance)
	f.fit()
}

// bookLabel is a book as the choice shows it: its name and its path.
func bookLabel(b service.Book) string { return b.Name + "  (" + b.Path + ")" }

// chosenBook is the book chosen in the form: the only one, or the one
// picked of several.
func (f *accountForm) chosenBook() service.Book {
	if f.bookPick != nil {
		for _, b := range f.books {
			if bookLabel(b) == f.bookPick.Selected {
				return b
			}
		}
	}
	return f.books[0]
}

// forgetBooks drops the books found, and their choice, once the form no
// longer holds what they were found for.
func (f *accountForm) forgetBooks() {
	if f.books == nil {
		return
	}
	f.books, f.booksFor = nil, service.NewAccount{}
	if f.bookPick != nil {
		f.bookPick = nil
		f.form.Items = f.form.Items[:len(f.form.Items)-1]
		f.form.Refresh()
	}
	f.result.Hide()
	f.more.Hide()
	f.detail.Hide()
	f.content.Refresh()
}

// fit grows the form's dialog to what it now shows.
func (f *accountForm) fit() {
	need := f.dlg.MinSize()
	f.dlg.Resize(fyne.NewSize(max(need.Width, formSize.Width), max(need.Height, formSize.Height)))
}

// fail says what err means for an account of kind, with the technical
// message one click away.
func (f *accountForm) fail(kind string, err error) {
	_, msg := service.ExplainAccount(kind, err)
	f.show(msg, plainError(err).Error(), widget.DangerImportance)
}

// show puts msg under the form, with detail (when not "") behind Details.
func (f *accountForm) show(msg, detail string, imp widget.Importance) {
	f.result.Importance = imp
	f.result.SetText(msg)
	f.result.Show()
	f.detail.SetText(detail)
	f.detail.Hide()
	f.more.SetText("Details")
	if detail == "" || detail == msg {
		f.more.Hide()
	} else {
		f.more.Show()
	}
	f.content.Refresh() // lays out what was hidden
}

func (f *accountForm) toggleDetail() {
	if f.detail.Visible() {
		f.detail.Hide()
		f.more.SetText("Details")
	} else {
		f.detail.Show()
		f.more.SetText("Hide details")
	}
	f.content.Refresh()
}

// setBusy turns Test connection, Save and the kind off while one of
// them runs.
func (f *accountForm) setBusy(busy bool) {
	f.busy = busy
	all := []fyne.Disableable{f.testBtn, f.saveBtn, f.kind}
	if f.bookPick != nil {
		all = append(all, f.bookPick)
	}
	for _, b := range all {
		if busy {
			b.Disable()
		} else {
			b.Enable()
		}
	}
}
