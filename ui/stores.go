package ui

import (
	"context"
	"io"
	"time"

	"github.com/knowflow/knowflow/feeds"
	"github.com/knowflow/knowflow/model"
	"github.com/knowflow/knowflow/model/flow"
	"github.com/knowflow/knowflow/model/service"
	"github.com/knowflow/knowflow/model/store"
)

// Each part of the window declares the few store calls it makes, and
// holds only those: a screen's tests (and a reader of its code) see at
// once what it may do to the data. Store, the union, is what the window
// is built from; New hands each part its own.

// lifetime is the app's: every background job runs under it.
type lifetime interface {
	// Go runs a job off the UI goroutine with the app's lifetime context,
	// tracked so that quitting cancels it and waits for it; false once
	// the app is closing. Context is that lifetime.
	Go(job func(ctx context.Context)) bool
	Context() context.Context
}

// appStore is what the window itself calls: the summary that each reload
// hands to the sections.
type appStore interface {
	lifetime
	Summary(ctx context.Context) (store.Summary, error)
}

// sourceStore reads the subscriptions (Seek's tree, the folders offered
// by Add feed and Edit source).
type sourceStore interface {
	Sources(ctx context.Context) ([]model.Source, error)
	Folders(ctx context.Context) ([]model.Folder, error)
}

// noteStore writes an item's note (Seek's item view, Share's detail).
type noteStore interface {
	SetNote(ctx context.Context, itemID int64, body string) error
}

// seekStore is the Seek section's: the reader, its writes, the
// subscriptions' dialogs and Refresh.
type seekStore interface {
	sourceStore
	noteStore
	Items(ctx context.Context, f store.ItemFilter) ([]model.Item, error)
	ItemsPage(ctx context.Context, f store.ItemFilter) (store.Page, error)
	CountItems(ctx context.Context, f store.ItemFilter) (int, error)
	SetRead(ctx context.Context, id int64, read bool) error
	SetStarred(ctx context.Context, id int64, starred bool) error
	MarkAllRead(ctx context.Context, f store.ItemFilter) (int64, error)
	RemoveSource(ctx context.Context, id int64) (int, error)
	EditSource(ctx context.Context, id int64, title string, folder []string) error
	Add(ctx context.Context, rawURL, folder string) (feeds.AddResult, error)
	Refresh(ctx context.Context, opts feeds.RefreshOptions) (feeds.RefreshSummary, error)
	RemoveSources(ctx context.Context, ids []int64) (int, error)
	RenameFolder(ctx context.Context, id int64, name string) error
	FolderContents(ctx context.Context, id int64) (store.FolderContents, error)
	DeleteFolder(ctx context.Context, id int64, unsubscribe bool) (store.FolderContents, error)
}

// historyStore reads what was shared with whom (Share's History, a
// contact's page).
type historyStore interface {
	History(ctx context.Context, f store.HistoryFilter) ([]store.ShareRecord, error)
}

// communityStore reads the named communities (Share's digest, People's
// filter and the contact form).
type communityStore interface {
	Communities(ctx context.Context) ([]model.Community, error)
}

// shareStore is the Share section's: a suggestion's contact and item,
// recording what was done with it, the digest, History and the note.
type shareStore interface {
	historyStore
	reasonStore
	communityStore
	noteStore
	Contact(ctx context.Context, id int64) (model.Contact, error)
	Item(ctx context.Context, id int64) (model.Item, error)
	RecordShare(ctx context.Context, sh model.Share) (model.Share, error)
	SaveFeedback(ctx context.Context, f model.Feedback) error
	UndoShare(ctx context.Context, sh model.Share, before time.Time) error
	DeleteFeedback(ctx context.Context, f model.Feedback) error
}

// peopleStore is the People section's: the contact list, a contact's page
// and the contact form.
type peopleStore interface {
	historyStore
	communityStore
	Contacts(ctx context.Context, f store.ContactFilter) ([]model.Contact, error)
	SaveContact(ctx context.Context, c model.Contact, feedURLs ...string) (int64, error)
	DeleteContact(ctx context.Context, id int64) error
	Source(ctx context.Context, id int64) (model.Source, error)
	Items(ctx context.Context, f store.ItemFilter) ([]model.Item, error)
}

// flowStore is what the Flow section and, through the window's shared
// helpers, People use: the flow report, a contact's Ideas and In touch.
type flowStore interface {
	FlowInput(ctx context.Context, now time.Time, weeks int) (flow.Input, error)
	Ideas(ctx context.Context, now time.Time, contactID int64, limit int) ([]model.Suggestion, error)
	TouchContact(ctx context.Context, id int64, at time.Time) error
}

// remindStore is the reminders' (Share's list, the tray, notifications):
// the engine's suggestions and who is overdue.
type remindStore interface {
	Suggest(ctx context.Context, now time.Time) (service.Suggestions, error)
	Overdue(ctx context.Context, now time.Time) ([]flow.PersonFlow, error)
}

// prefsStore is the Preferences dialog's.
type prefsStore interface {
	Prefs(ctx context.Context) (model.Prefs, error)
	SavePrefs(ctx context.Context, p model.Prefs) error
}

// fileStore is File ▸ Import and Export's.
type fileStore interface {
	ImportFile(ctx context.Context, r io.Reader) (service.FileResult, error)
	ExportOPML(ctx context.Context, w io.Writer) error
}

// accountStore is the Accounts dialog's (File ▸ Accounts…): the same
// service calls as `knowflow accounts`, `account add`, `account rm` and
// `sync`.
type accountStore interface {
	Accounts(ctx context.Context) ([]store.Account, error)
	CheckAccount(ctx context.Context, n service.NewAccount) (service.Checked, error)
	AddAccount(ctx context.Context, n service.NewAccount) (service.AddedAccount, error)
	RemoveAccount(ctx context.Context, id int64) error
	SyncAccounts(ctx context.Context, only int64) (service.SyncResults, error)
	CardBook(ctx context.Context, account int64) (store.CardBook, error) // a CardDAV account's address book
	// SecretsWhere says where the logins are kept ("in the keyring", "in
	// FILE"); it may ask the session bus, so only a worker calls it.
	SecretsWhere() string
}
