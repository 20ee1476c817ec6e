package people

import (
	"bufio"
	"context"
	"fmt"
	"io"

	"github.com/knowflow/knowflow/model/store"
)

// Importer stores what ImportFile reads: subscriptions from OPML, or
// contacts. *store.Store with a feeds.Service (OPML) satisfies it.
type Importer interface {
	ImportOPML(ctx context.Context, r io.Reader) (store.ImportResult, error)
	ImportContacts(ctx context.Context, in []store.ContactImport) (store.ContactImportResult, error)
}

// FileResult says what ImportFile found and stored.
type FileResult struct {
	Format   Format
	Sources  store.ImportResult        // for OPML
	Contacts store.ContactImportResult // for contact files
}

// Summary is a one-line account of the import for people.
func (r FileResult) Summary() string {
	if r.Format == FormatOPML {
		return fmt.Sprintf("%d new sources, %d already subscribed, %d new folders", r.Sources.Added, r.Sources.Skipped, r.Sources.Folders)
	}
	return fmt.Sprintf("%s: %d new contacts, %d merged into existing ones, %d feeds linked",
		r.Format, r.Contacts.Added, r.Contacts.Merged, r.Contacts.Feeds)
}

// ImportFile recognises r's format by its content (Detect) and imports it:
// OPML as subscriptions, vCard, LinkedIn and Mastodon exports as contacts.
// Each is one transaction: a file with an error is refused whole.
func ImportFile(ctx context.Context, dst Importer, r io.Reader) (FileResult, error) {
	br := bufio.NewReaderSize(r, HeadSize)
	head, _ := br.Peek(HeadSize)
	res := FileResult{Format: Detect(head)}
	switch res.Format {
	case FormatOPML:
		var err error
		res.Sources, err = dst.ImportOPML(ctx, br)
		return res, err
	case FormatUnknown:
		return res, fmt.Errorf("people: not a file Knowflow can import (want OPML, a vCard file, LinkedIn's Connections.csv or Mastodon's following_accounts.csv)")
	}
	found, err := Parse(res.Format, br)
	if err != nil {
		return res, err
	}
	in := make([]store.ContactImport, len(found))
	for i, f := range found {
		in[i] = store.ContactImport{Contact: f.Contact, Feeds: f.Feeds, Line: f.Line}
	}
	res.Contacts, err = dst.ImportContacts(ctx, in)
	return res, err
}
