package greader

import (
	"context"
	"strconv"

	"github.com/knowflow/knowflow/feeds"
	"github.com/knowflow/knowflow/model/secrets"
	"github.com/knowflow/knowflow/model/store"
)

// NewSyncer returns the syncer of st's accounts, with tokens where
// secrets.For keeps them (the keyring, else the file beside the database).
func NewSyncer(st *store.Store) *Syncer {
	return &Syncer{Store: st, Secrets: secrets.For(st.Path())}
}

// ForRefresh syncs every account, for feeds.Service.Sync: a refresh then
// syncs instead of fetching the accounts' sources, and a failed account
// is one error of the refresh (the local sources are fetched anyway).
func (s *Syncer) ForRefresh(ctx context.Context) (newItems int, errs []feeds.SourceError) {
	results, _ := s.SyncAll(ctx, 0)
	for _, r := range results {
		newItems += r.NewItems
		if r.Error != "" {
			errs = append(errs, feeds.SourceError{ID: r.Account, Title: "account " + strconv.FormatInt(r.Account, 10), Error: r.Error, Detail: r.Error})
		}
	}
	return newItems, errs
}
