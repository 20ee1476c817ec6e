package store

import (
	"context"
	"fmt"
)

// SyncAccounts runs sync on every account of kind (or only on the one with
// id only, when not 0), oldest first, and collects the results. One
// account failing does not stop the others; the error returned is the
// first. An only that is no account of kind is ErrNotFound.
func SyncAccounts[R any](ctx context.Context, s *Store, kind string, only int64, sync func(context.Context, Account) (R, error)) ([]R, error) {
	accts, err := s.Accounts(ctx)
	if err != nil {
		return nil, err
	}
	var out []R
	var first error
	found := false
	for _, a := range accts {
		if a.Kind != kind || (only != 0 && a.ID != only) {
			continue
		}
		found = true
		res, err := sync(ctx, a)
		out = append(out, res)
		if err != nil && first == nil {
			first = err
		}
	}
	if only != 0 && !found {
		return nil, fmt.Errorf("%w: %s account %d", ErrNotFound, kind, only)
	}
	return out, first
}
