package store

import (
	"context"
	"fmt"
	"time"
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

// RecordSync runs one account's sync and records how it went on the
// account, even when ctx ended, so that the failure is seen: at now (nil:
// time.Now), its
// error (prefixed "PKG: sync of account ID (URL): ") or none, and the
// newest item time sync returns when not zero. It returns the prefixed
// error and how long the sync took.
func RecordSync(ctx context.Context, s *Store, pkg string, a Account, now func() time.Time, sync func() (newest time.Time, err error)) (time.Duration, error) {
	start := time.Now()
	newest, err := sync()
	took := time.Since(start)
	if now == nil {
		now = time.Now
	}
	msg := ""
	if err != nil {
		err = fmt.Errorf("%s: sync of account %d (%s): %w", pkg, a.ID, a.URL, err)
		msg = err.Error()
	}
	if rerr := s.SetAccountSynced(context.WithoutCancel(ctx), a.ID, now(), msg, newest); rerr != nil && err == nil {
		err = rerr
	}
	return took, err
}
