package cli

import (
	"context"
	"fmt"
	"strconv"
	"strings"

	"github.com/knowflow/knowflow/model"
	"github.com/knowflow/knowflow/model/service"
	"github.com/knowflow/knowflow/model/store"
)

// storageCommands keep the database's size bounded.
var storageCommands = []command{
	{"prune", "[--older-than D] [--dry-run] [--json]",
		`delete read items older than "Keep read items for" (or D: 90d, 26w), keeping starred, noted and shared ones`, batch(cmdPrune)},
	{"compact", "[--json]", "rewrite the database once so that it gives freed space back (run with the window closed)", batch(cmdCompact)},
}

// pruneJSON is `knowflow prune --json`.
type pruneJSON struct {
	service.PruneResult
	DryRun bool `json:"dry_run"`
}

func cmdPrune(ctx context.Context, r *runner, args []string) error {
	fs := r.flagSet("prune")
	olderThan := fs.String("older-than", "", `prune read items older than this (90d, 26w, 2160h) instead of the "Keep read items for" preference`)
	dryRun := fs.Bool("dry-run", false, "say what would be pruned, change nothing")
	asJSON := fs.Bool("json", false, "print the result as JSON")
	if err := r.parseNone(fs, "prune", args); err != nil {
		return err
	}
	var o service.PruneOptions
	if *olderThan != "" {
		d, err := parseDays(*olderThan)
		if err == nil && d <= 0 {
			err = fmt.Errorf("%q is not a positive duration", *olderThan)
		}
		if err != nil {
			fmt.Fprintf(r.env.Stderr, "knowflow prune: --older-than: %v\n", err)
			return errUsage
		}
		o.OlderThan = d
	}
	o.DryRun = *dryRun
	return r.use(func(st *service.Service) error {
		res, err := st.Prune(ctx, o)
		if err != nil {
			return err
		}
		if *asJSON {
			return r.printJSON(pruneJSON{res, o.DryRun})
		}
		w := r.env.Stdout
		if res.Forever {
			fmt.Fprintln(w, `read items are kept forever ("Keep read items for" in Preferences, or knowflow prefs --keep-read); give --older-than to prune now`)
			return nil
		}
		verb := "pruned"
		if o.DryRun {
			verb = "would prune"
		}
		fmt.Fprintf(w, "%s %d read items older than %s (%s of text)", verb, res.Items, res.Cutoff.Format("2006-01-02"), mb(res.TextBytes))
		if res.Kept > 0 {
			fmt.Fprintf(w, "; %d kept for their note, share or suggestion", res.Kept)
		}
		fmt.Fprintln(w)
		if o.DryRun {
			return nil
		}
		fmt.Fprintf(w, "database: %s → %s", mb(res.SizeBefore), mb(res.SizeAfter))
		if res.Incremental {
			fmt.Fprintln(w)
		} else {
			fmt.Fprintf(w, ", %s free inside it (later refreshes reuse it; knowflow compact gives it back once)\n", mb(res.FreeAfter))
		}
		return nil
	})
}

func cmdCompact(ctx context.Context, r *runner, args []string) error {
	fs := r.flagSet("compact")
	asJSON := fs.Bool("json", false, "print the sizes as JSON")
	if err := r.parseNone(fs, "compact", args); err != nil {
		return err
	}
	return r.use(func(st *service.Service) error {
		before, after, err := st.Compact(ctx)
		if err != nil {
			return err
		}
		if *asJSON {
			return r.printJSON(struct {
				Before store.Space `json:"before"`
				After  store.Space `json:"after"`
			}{before, after})
		}
		fmt.Fprintf(r.env.Stdout, "compacted: %s → %s; from now on pruning gives space back by itself\n", mb(before.Size), mb(after.Size))
		return nil
	})
}

// parseMonths reads how long read items are kept (prefs --keep-read):
// forever (or 0), Nm months, Ny years.
func parseMonths(s string) (int, error) {
	s = strings.ToLower(strings.TrimSpace(s))
	if s == "forever" || s == "0" {
		return 0, nil
	}
	unit := 1
	switch {
	case strings.HasSuffix(s, "y"):
		unit = 12
		s = strings.TrimSuffix(s, "y")
	case strings.HasSuffix(s, "m"):
		s = strings.TrimSuffix(s, "m")
	}
	n, err := strconv.Atoi(s)
	if err != nil || n <= 0 || n*unit > model.MaxKeepReadMonths {
		return 0, fmt.Errorf("want forever, or months or years like 3m, 6m, 1y (at most %d months)", model.MaxKeepReadMonths)
	}
	return n * unit, nil
}

// mb shows a size in megabytes ("12.3 MB"), or kilobytes below one.
func mb(n int64) string {
	if n < 1<<20 {
		return fmt.Sprintf("%d KB", (n+1023)>>10)
	}
	return fmt.Sprintf("%.1f MB", float64(n)/(1<<20))
}
