package ui

import (
	"cmp"
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
	"github.com/knowflow/knowflow/model/store"
)

// The Accounts dialog (File ▸ Accounts…): the feed servers and address
// books Knowflow syncs with, as `knowflow accounts` lists them, with
// Add… (accounts_form.go), Remove… and Sync now. Every store call and
// every connection runs on a worker (async); the same service calls as
// the CLI's do the work.

// syncTimeout bounds Sync now; a first sync of a big account takes a while.
const syncTimeout = 15 * time.Minute

// accountsDialog is the Accounts dialog.
type accountsDialog struct {
	app *App
	st  accountStore

	accts   []store.Account
	books   map[int64]store.CardBook // the CardDAV accounts' address books
	rows    *fyne.Container          // one row per account, or the empty text
	scroll  *container.Scroll
	content *fyne.Container
	secrets *widget.Label // where the logins are kept
	status  *widget.Label // what was just done, or is under way
	syncBtn *widget.Button
	addBtn  *widget.Button
	dlg     *dialog.CustomDialog
	loadGen int // the list read asked last
	syncing bool

	form      *accountForm          // the Add form opened last (tests)
	removeDlg *dialog.ConfirmDialog // the Remove confirmation opened last (tests)
}

// showAccounts opens the Accounts dialog and reads the accounts on a
// worker.
func (u *App) showAccounts() {
	d := &accountsDialog{app: u, st: u.accountsSt}
	u.accountsDlg = d
	d.rows = container.NewVBox(widget.NewLabel("Loading…"))
	d.status = widget.NewLabel("")
	d.status.Wrapping = fyne.TextWrapWord
	d.status.Hide()
	intro := widget.NewLabel("Knowflow syncs your subscriptions with a feed server (its Google Reader API) and your people with an address book (CardDAV).")
	intro.Wrapping = fyne.TextWrapWord
	intro.Importance = widget.LowImportance
	d.secrets = widget.NewLabel("")
	d.secrets.Wrapping = fyne.TextWrapWord
	d.secrets.Importance = widget.LowImportance
	d.secrets.Hide()
	d.scroll = container.NewVScroll(d.rows)
	d.scroll.SetMinSize(fyne.NewSize(560, 260))
	d.content = container.NewBorder(intro, container.NewVBox(d.secrets, d.status), nil, nil, d.scroll)

	d.dlg = dialog.NewCustomWithoutButtons("Accounts", d.content, u.win)
	d.addBtn = widget.NewButtonWithIcon("Add…", theme.ContentAddIcon(), d.onAdd)
	d.addBtn.Importance = widget.HighImportance
	d.syncBtn = widget.NewButtonWithIcon("Sync now", theme.ViewRefreshIcon(), d.onSync)
	closeBtn := widget.NewButtonWithIcon("Close", theme.CancelIcon(), d.dlg.Hide)
	d.dlg.SetButtons([]fyne.CanvasObject{closeBtn, d.syncBtn, d.addBtn})
	d.dlg.Resize(fyne.NewSize(680, 480))
	d.dlg.Show()
	u.ownKeys(d.dlg, nil, nil) // Esc closes; Enter does nothing
	d.load()
}

// accountsRead is what load reads: the accounts, and where their logins
// are kept (which can change: a keyring that comes up after the window).
type accountsRead struct {
	accts []store.Account
	books map[int64]store.CardBook // a CardDAV account's address book
	where string
}

// load reads the accounts and where their logins are kept on a worker,
// and lists them; of several reads the last one asked is shown.
func (d *accountsDialog) load() {
	async(d.app, d.st, &d.loadGen, 5*time.Second, func(ctx context.Context, st accountStore) (accountsRead, error) {
		accts, err := st.Accounts(ctx)
		if err != nil {
			return accountsRead{}, err
		}
		books := map[int64]store.CardBook{}
		for _, a := range accts {
			if a.Kind == service.KindCardDAV {
				if b, err := st.CardBook(ctx, a.ID); err == nil {
					books[a.ID] = b
				}
			}
		}
		return accountsRead{accts: accts, books: books, where: st.SecretsWhere()}, nil
	}, func(r accountsRead, err error) {
		if err != nil {
			d.say(plainError(err).Error(), widget.DangerImportance)
			return
		}
		d.accts, d.books = r.accts, r.books
		d.showRows()
		if r.where != "" {
			d.secrets.SetText(service.SecretsSentence(r.where))
			d.secrets.Show()
			d.content.Refresh() // lays the line out: it was hidden
		}
	})
}

// say shows msg under the list.
func (d *accountsDialog) say(msg string, imp widget.Importance) {
	d.status.Importance = imp
	d.status.SetText(msg)
	d.status.Show()
	d.content.Refresh() // lays the status out: it was hidden
}

func (d *accountsDialog) showRows() {
	d.rows.RemoveAll()
	if len(d.accts) == 0 {
		none := widget.NewLabel("No accounts yet. Add one: a feed server (Miniflux, FreshRSS, … through their Google Reader API) to sync your subscriptions, read and starred items, or an address book (CardDAV: Nextcloud, Radicale, …) to sync your people.")
		none.Wrapping = fyne.TextWrapWord
		d.rows.Add(none)
		d.scroll.Refresh() // Container.Add lays out but does not redraw
		return
	}
	now := d.app.now()
	for i, a := range d.accts {
		if i > 0 {
			d.rows.Add(widget.NewSeparator())
		}
		d.rows.Add(d.row(a, now))
	}
	d.scroll.Refresh()
}

// row shows one account: its kind and user, its address, its last sync,
// and the last sync's error in plain words with the technical message
// one click away; Remove… on its right.
func (d *accountsDialog) row(a store.Account, now time.Time) fyne.CanvasObject {
	title := widget.NewLabelWithStyle(kindName(a.Kind)+" · "+a.User, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	where := a.URL
	if b, ok := d.books[a.ID]; ok && b.Path != "" {
		where += "\nAddress book: " + cmp.Or(b.Name, b.Path) + "  (" + b.Path + ")"
	}
	addr := widget.NewLabel(where)
	addr.Wrapping = fyne.TextWrapBreak
	info := widget.NewLabel(lastSyncText(a, now))
	info.Importance = widget.LowImportance
	box := container.NewVBox(title, addr, info)
	if a.LastError != "" {
		e := widget.NewLabel("The last sync failed. " + syncErrorText(a.LastError))
		e.Importance = widget.DangerImportance
		e.Wrapping = fyne.TextWrapWord
		btn, detail := detailToggle(a.LastError)
		box.Add(container.NewBorder(nil, nil, nil, container.NewVBox(btn), e))
		box.Add(detail)
	}
	remove := widget.NewButtonWithIcon("Remove…", theme.DeleteIcon(), func() { d.confirmRemove(a) })
	return container.NewBorder(nil, nil, nil, container.NewVBox(remove), box)
}

// kindName is an account kind as the window names it.
func kindName(kind string) string {
	switch kind {
	case service.KindGReader:
		return "Feed server"
	case service.KindCardDAV:
		return "Address book"
	}
	return kind
}

// lastSyncText says when the account last synced well, by the window's
// clock, and how many subscriptions it syncs.
func lastSyncText(a store.Account, now time.Time) string {
	s := "Not synced yet"
	if !a.LastSyncAt.IsZero() {
		s = "Last synced " + agoText(a.LastSyncAt, now)
	}
	if a.Kind == service.KindGReader {
		s += " · " + plural(a.Sources, "subscription", "subscriptions")
	}
	return s
}

// agoText says how long ago t was: "just now", "5 min ago", "3 h ago",
// else the day and time.
func agoText(t, now time.Time) string {
	switch d := now.Sub(t); {
	case d < time.Minute:
		return "just now"
	case d < time.Hour:
		return fmt.Sprintf("%d min ago", int(d/time.Minute))
	case d < 24*time.Hour:
		return fmt.Sprintf("%d h ago", int(d/time.Hour))
	}
	return "on " + t.Local().Format("Mon 2 Jan 2006 15:04")
}

// syncErrorText is an account's last sync error as the store keeps it
// ("greader: sync of account 1 (URL): greader: GET …: …") in plain words
// (service.ExplainSyncError), else without the account it names and the
// package names.
func syncErrorText(msg string) string {
	if plain := service.ExplainSyncError(msg); plain != "" {
		return plain
	}
	if i := strings.Index(msg, "): "); i >= 0 && strings.Contains(msg[:i], "sync of account ") {
		msg = msg[i+len("): "):]
	}
	for _, p := range []string{"greader: ", "carddav: ", "secrets: "} {
		msg = strings.ReplaceAll(msg, p, "")
	}
	return plainError(fmt.Errorf("%s", msg)).Error()
}

// confirmRemove asks before forgetting account a.
func (d *accountsDialog) confirmRemove(a store.Account) {
	stay := "Its subscriptions stay here, and Knowflow fetches them itself again."
	if a.Kind == service.KindCardDAV {
		stay = "Your people stay here, in no address book."
	}
	d.removeDlg = dialog.NewConfirm("Remove this account?",
		fmt.Sprintf("Remove %s at %s? %s Nothing changes on the server; the saved login is forgotten.", a.User, a.URL, stay),
		func(ok bool) {
			if ok {
				d.remove(a)
			}
		}, d.app.win)
	d.removeDlg.SetConfirmText("Remove")
	d.removeDlg.SetDismissText("Cancel")
	d.removeDlg.SetConfirmImportance(widget.DangerImportance)
	d.removeDlg.Show()
	d.app.ownKeys(d.removeDlg, nil, d.removeDlg.Confirm) // Enter removes, Esc cancels
}

// remove forgets a on a worker, then lists the accounts again.
func (d *accountsDialog) remove(a store.Account) {
	d.say(fmt.Sprintf("Removing %s at %s…", a.User, a.URL), widget.MediumImportance)
	async(d.app, d.st, nil, 30*time.Second, func(ctx context.Context, st accountStore) (struct{}, error) {
		return struct{}{}, st.RemoveAccount(ctx, a.ID)
	}, func(_ struct{}, err error) {
		if err != nil {
			d.say("Could not remove the account: "+plainError(err).Error(), widget.DangerImportance)
		} else {
			d.say(fmt.Sprintf("Removed %s at %s.", a.User, a.URL), widget.MediumImportance)
		}
		d.load()
	})
}

// onSync syncs every account now, on a worker; the list then shows how
// each went, and the window reads again what the sync brought.
func (d *accountsDialog) onSync() {
	if d.syncing {
		return
	}
	d.syncing = true
	d.syncBtn.Disable()
	d.syncBtn.SetText("Syncing…")
	d.say("Syncing…", widget.MediumImportance)
	async(d.app, d.st, nil, syncTimeout, func(ctx context.Context, st accountStore) (service.SyncResults, error) {
		return st.SyncAccounts(ctx, 0)
	}, func(res service.SyncResults, err error) {
		d.syncing = false
		d.syncBtn.SetText("Sync now")
		d.syncBtn.Enable()
		n, failed := len(res.Feeds)+len(res.Contacts), res.Failed()
		switch {
		case n == 0 && err != nil:
			d.say("Could not sync: "+plainError(err).Error(), widget.DangerImportance)
		case n == 0:
			d.say("There is no account to sync: Add… one first.", widget.MediumImportance)
		case failed > 0:
			d.say(fmt.Sprintf("%d of %s could not sync: the list says why.", failed, plural(n, "account", "accounts")), widget.DangerImportance)
		default:
			d.say(fmt.Sprintf("Synced %s.", plural(n, "account", "accounts")), widget.SuccessImportance)
		}
		d.load()
		if n > 0 {
			d.app.Reload() // new items, sources and people
		}
	})
}
