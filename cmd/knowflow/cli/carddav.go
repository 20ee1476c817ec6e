package cli

import (
	"context"
	"fmt"

	"github.com/knowflow/knowflow/model/carddav"
	"github.com/knowflow/knowflow/model/secrets"
	"github.com/knowflow/knowflow/model/service"
)

// addCardDAV adds a CardDAV account: the address books are found, one is
// chosen (book, else the first) and the password is kept beside the
// database (never printed).
func (r *runner) addCardDAV(ctx context.Context, url, user, password, book string) error {
	return r.use(func(st *service.Service) error {
		a, b, err := carddav.AddAccount(ctx, st.Store, secrets.Beside(st.Path()), nil, url, user, password, book)
		if err != nil {
			return err
		}
		fmt.Fprintf(r.env.Stdout, "added account %d: %s at %s, address book %q (%s); knowflow sync syncs your contacts with it\n",
			a.ID, a.User, a.URL, b.Name, b.Path)
		return nil
	})
}

// syncContacts syncs the CardDAV accounts (only the one with id only,
// when not 0).
func (r *runner) syncContacts(ctx context.Context, st *service.Service, only int64) ([]carddav.Result, error) {
	sy := carddav.NewSyncer(st.Store)
	sy.Now = r.now
	return sy.SyncAll(ctx, only)
}

func (r *runner) printContactSync(res carddav.Result) {
	if res.Error != "" {
		fmt.Fprintf(r.env.Stdout, "account %d: failed: %s\n", res.Account, res.Error)
		return
	}
	fmt.Fprintf(r.env.Stdout, "account %d: synced in %.1fs: %d contacts received, %d sent, %d merged (changed on both sides), %d deleted here, %d deleted on the server, %d cards skipped\n",
		res.Account, res.Seconds, res.Received, res.Sent, res.Conflicts, res.DeletedHere, res.DeletedThere, res.Skipped)
}
