package cli

import (
	"fmt"

	"github.com/knowflow/knowflow/model/carddav"
)

func (r *runner) printContactSync(res carddav.Result) {
	if res.Error != "" {
		fmt.Fprintf(r.env.Stdout, "account %d: failed: %s\n", res.Account, res.Error)
		return
	}
	fmt.Fprintf(r.env.Stdout, "account %d: synced in %.1fs: %d contacts received, %d sent, %d merged (changed on both sides), %d deleted here, %d deleted on the server, %d cards skipped\n",
		res.Account, res.Seconds, res.Received, res.Sent, res.Conflicts, res.DeletedHere, res.DeletedThere, res.Skipped)
}
