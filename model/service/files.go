package service

import (
	"bufio"
	"context"
	"fmt"
	"io"

	"github.com/knowflow/knowflow/model/people"
	"github.com/knowflow/knowflow/model/store"
)

// FileResult says what ImportFile found and stored.
type FileResult struct {
	Format   people.Format
	Sources  store.ImportResult        // for OPML
	Contacts store.ContactImportResult // for contact files
}

// Summary is a one-line account of the import for people.
func (r FileResult) Summary() string {
	if r.Format == people.FormatOPML {
		return fmt.Sprintf("%d new sources, %d already subscribed, %d new folders", r.Sources.Added, r.Sources.Skipped, r.Sources.Folders)
	}
	return fmt.Sprintf("%s: %d new contacts, %d merged into existing ones, %d feeds linked",
		r.Format, r.Contacts.Added, r.Contacts.Merged, r.Contacts.Feeds)
}

// ImportFile recognises r's format by its content (people.Detect) and
// imports it: OPML as subscriptions, vCard, LinkedIn and Mastodon exports
// as contacts (people parses them). Each is one transaction: a file with
// an error is refused whole.
func (s *Service) ImportFile(ctx context.Context, r io.Reader) (FileResult, error) {
	ctx, done, err := s.begin(ctx)
	if err != nil {
		return FileResult{}, err
	}
	defer done()
	br := bufio.NewReaderSize(r, people.HeadSize)
	head, _ := br.Peek(people.HeadSize)
	res := FileResult{Format: people.Detect(head)}
	switch res.Format {
	case people.FormatOPML:
		res.Sources, err = s.ImportOPML(ctx, br)
		return res, err
	case people.FormatUnknown:
		return res, fmt.Errorf("service: not a file Knowflow can import (want OPML, a vCard file, LinkedIn's Connections.csv or Mastodon's following_accounts.csv)")
	}
	found, err := people.Parse(res.Format, br)
	if err != nil {
		return res, err
	}
	in := make([]store.ContactImport, len(found))
	for i, f := range found {
		in[i] = store.ContactImport{Contact: f.Contact, Feeds: f.Feeds, Line: f.Line}
	}
	res.Contacts, err = s.ImportContacts(ctx, in)
	return res, err
}
