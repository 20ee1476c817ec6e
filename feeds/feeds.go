// Package feeds is Seek's service layer: it joins the fetcher, the parser,
// discovery and OPML (its sub-packages) with the store. The window and the
// command line both go through it, so they do the same thing.
package feeds

import (
	"context"
	"fmt"
	"io"
	"math/rand"
	"sync"
	"time"

	"github.com/knowflow/knowflow/feeds/fetch"
	"github.com/knowflow/knowflow/feeds/opml"
	"github.com/knowflow/knowflow/model"
	"github.com/knowflow/knowflow/model/store"
)

// Service runs Seek's operations against one store.
type Service struct {
	Store   *store.Store
	Fetcher *fetch.Fetcher // made on first use when nil
	Workers int            // sources fetched at once; default 32
	Now     func() time.Time
	// Sync, when set, syncs the feed server accounts (feeds/greader) at
	// the start of a refresh of every source; it returns the items it
	// stored and one error per account that failed. The sources the
	// accounts sync are never fetched here.
	Sync func(ctx context.Context) (newItems int, errs []SourceError)

	once  sync.Once
	cpu   *cpuSlots // parsing and writing, one job per CPU
	rndMu sync.Mutex
	rnd   *rand.Rand
}

// New returns a service on st.
func New(st *store.Store) *Service {
	return &Service{Store: st}
}

// ImportOPML reads an OPML document and subscribes to every feed in it,
// keeping its folders, in one transaction. A file that is not OPML is
// refused whole and nothing is imported; feeds already subscribed are
// counted as skipped.
func (s *Service) ImportOPML(ctx context.Context, r io.Reader) (store.ImportResult, error) {
	doc, err := opml.Parse(r)
	if err != nil {
		return store.ImportResult{}, err
	}
	subs := doc.Subscriptions()
	srcs := make([]model.Source, 0, len(subs))
	for _, sub := range subs {
		srcs = append(srcs, model.Source{
			Title:       sub.Title,
			FeedURL:     sub.XMLURL,
			SiteURL:     sub.HTMLURL,
			Description: sub.Description,
			Category:    sub.Category,
			Folder:      sub.Folder,
		})
	}
	return s.Store.ImportSources(ctx, srcs)
}

// ExportOPML writes every source as OPML 2.0 with its folders.
func (s *Service) ExportOPML(ctx context.Context, w io.Writer) error {
	srcs, err := s.Store.Sources(ctx)
	if err != nil {
		return err
	}
	subs := make([]opml.Subscription, 0, len(srcs))
	for _, src := range srcs {
		subs = append(subs, opml.Subscription{
			Title:       src.Title,
			XMLURL:      src.FeedURL,
			HTMLURL:     src.SiteURL,
			Description: src.Description,
			Category:    src.Category,
			Folder:      src.Folder,
		})
	}
	doc := opml.Build("Knowflow subscriptions", subs)
	doc.DateCreated = s.now()
	if _, err := doc.WriteTo(w); err != nil {
		return fmt.Errorf("feeds: export opml: %w", err)
	}
	return nil
}

// Backend is everything the window and the command line do on data: the
// store's own methods and Seek's operations on top of it.
type Backend struct {
	*store.Store
	*Service
}

// NewBackend returns the backend on st.
func NewBackend(st *store.Store) Backend { return Backend{st, New(st)} }
