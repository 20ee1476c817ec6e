package cli

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"strconv"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/knowflow/knowflow/feeds"
	"github.com/knowflow/knowflow/model"
	"github.com/knowflow/knowflow/model/service"
	"github.com/knowflow/knowflow/model/store"
)

// idList is a repeatable --source ID flag.
type idList []int64

func (l *idList) String() string { return fmt.Sprint(*l) }
func (l *idList) Set(v string) error {
	id, err := strconv.ParseInt(v, 10, 64)
	if err != nil || id <= 0 {
		return fmt.Errorf("not a source id: %q", v)
	}
	*l = append(*l, id)
	return nil
}

func cmdAdd(ctx context.Context, r *runner, args []string) error {
	fs := r.flagSet("add")
	folder := fs.String("folder", "", `folder path, e.g. "Tech/Go"`)
	rawURL, err := r.parseOne(fs, "add", "URL", args)
	if err != nil {
		return err
	}
	return r.use(func(st *service.Service) error {
		ctx, cancel := context.WithTimeout(ctx, 2*time.Minute)
		defer cancel()
		res, err := r.feeds(st).Add(ctx, rawURL, *folder)
		if err != nil {
			return err
		}
		src := res.Source
		if !res.New {
			fmt.Fprintf(r.env.Stdout, "already subscribed: %d %s <%s>\n", src.ID, src.Title, src.FeedURL)
			return nil
		}
		fmt.Fprintf(r.env.Stdout, "subscribed: %d %s <%s>", src.ID, src.Title, src.FeedURL)
		if f := src.FolderPath(); f != "" {
			fmt.Fprintf(r.env.Stdout, " in %s", f)
		}
		fmt.Fprintf(r.env.Stdout, ", %d items\n", res.Refresh.New)
		if src.LastError != "" {
			fmt.Fprintf(r.env.Stdout, "first fetch failed: %s\n", src.LastError)
		}
		return nil
	})
}

func cmdRefresh(ctx context.Context, r *runner, args []string) error {
	fs := r.flagSet("refresh")
	asJSON := fs.Bool("json", false, "print the summary as JSON, with each failed source")
	force := fs.Bool("force", false, "also fetch sources that are backing off after errors")
	var ids idList
	fs.Var(&ids, "source", "refresh only this source (repeatable); ignores its backoff")
	if err := r.parseNone(fs, "refresh", args); err != nil {
		return err
	}
	return r.use(func(st *service.Service) error {
		for _, id := range ids {
			if _, err := st.Source(ctx, id); err != nil {
				return err
			}
		}
		sum, err := r.feeds(st).Refresh(ctx, feeds.RefreshOptions{SourceIDs: ids, Force: *force})
		if errors.Is(err, feeds.ErrStopped) {
			// Interrupted (a signal: Run says which): what was stored is
			// whole sources; the others keep their state for next time.
			fmt.Fprintf(r.env.Stderr, "knowflow refresh: stopped after %.1fs: %d of %d sources stored (%d new items); the others keep their state for the next refresh\n",
				sum.Seconds, sum.Stored, sum.Sources, sum.New)
			return err
		}
		if err != nil {
			return err
		}
		if *asJSON {
			if sum.Errors == nil {
				sum.Errors = []feeds.SourceError{}
			}
			return r.printJSON(sum)
		}
		fmt.Fprintf(r.env.Stdout, "refreshed %d sources in %.1fs: %d new items, %d updated, %d unchanged, %d failed",
			sum.Sources, sum.Seconds, sum.New, sum.Updated, sum.Unchanged, sum.Failed)
		if sum.Skipped > 0 {
			fmt.Fprintf(r.env.Stdout, ", %d backing off (use --force)", sum.Skipped)
		}
		fmt.Fprintln(r.env.Stdout)
		for _, e := range sum.Errors {
			fmt.Fprintf(r.env.Stdout, "  failed %d %s: %s\n", e.ID, e.Title, e.Error)
		}
		return nil
	})
}

// itemJSON is one item in `knowflow items --json` and `search --json`.
type itemJSON struct {
	ID         int64      `json:"id"`
	SourceID   int64      `json:"source_id"`
	Source     string     `json:"source"`
	Title      string     `json:"title"`
	URL        string     `json:"url"`
	Author     string     `json:"author,omitempty"`
	Published  *time.Time `json:"published,omitempty"`
	Categories []string   `json:"categories,omitempty"`
	Read       bool       `json:"read"`
	Starred    bool       `json:"starred"`
	Note       string     `json:"note,omitempty"`
}

func cmdItems(ctx context.Context, r *runner, args []string) error {
	fs := r.flagSet("items")
	var f store.ItemFilter
	fs.BoolVar(&f.Unread, "unread", false, "only unread items")
	fs.BoolVar(&f.Starred, "starred", false, "only starred items")
	fs.Int64Var(&f.SourceID, "source", 0, "only items of this source")
	asJSON := r.itemFlags(fs, &f)
	if err := r.parseNone(fs, "items", args); err != nil {
		return err
	}
	return r.listItems(ctx, f, *asJSON)
}

func cmdSearch(ctx context.Context, r *runner, args []string) error {
	fs := r.flagSet("search")
	var f store.ItemFilter
	asJSON := r.itemFlags(fs, &f)
	if err := r.parse(fs, "search", args); err != nil {
		return err
	}
	f.Query = strings.TrimSpace(strings.Join(fs.Args(), " "))
	if f.Query == "" {
		fmt.Fprintln(r.env.Stderr, "knowflow search: want a QUERY")
		commandUsage(r.env.Stderr, "search", fs)
		return errUsage
	}
	return r.listItems(ctx, f, *asJSON)
}

func (r *runner) itemFlags(fs *flag.FlagSet, f *store.ItemFilter) *bool {
	fs.IntVar(&f.Limit, "limit", 50, "at most N items")
	return fs.Bool("json", false, "print JSON")
}

func (r *runner) listItems(ctx context.Context, f store.ItemFilter, asJSON bool) error {
	if f.Limit <= 0 {
		fmt.Fprintln(r.env.Stderr, "knowflow: --limit must be at least 1")
		return errUsage
	}
	return r.use(func(st *service.Service) error {
		items, err := st.Items(ctx, f)
		if err != nil {
			return err
		}
		if asJSON {
			out := make([]itemJSON, 0, len(items))
			for _, it := range items {
				out = append(out, toItemJSON(it))
			}
			return r.printJSON(out)
		}
		tw := tabwriter.NewWriter(r.env.Stdout, 0, 4, 2, ' ', 0)
		fmt.Fprintln(tw, "ID\tDATE\t\tSOURCE\tTITLE")
		for _, it := range items {
			flags := ""
			if !it.Read {
				flags += "•"
			}
			if it.Starred {
				flags += "★"
			}
			date := ""
			if !it.Published.IsZero() {
				date = it.Published.Local().Format("2006-01-02")
			}
			fmt.Fprintf(tw, "%d\t%s\t%s\t%s\t%s\n", it.ID, date, flags, clip(it.SourceTitle, 24), clip(it.Title, 70))
		}
		return tw.Flush()
	})
}

func toItemJSON(it model.Item) itemJSON {
	j := itemJSON{ID: it.ID, SourceID: it.SourceID, Source: it.SourceTitle, Title: it.Title, URL: it.Link,
		Author: it.Author, Categories: it.Categories, Read: it.Read, Starred: it.Starred, Note: it.Note}
	j.Published = utcOrNil(it.Published)
	return j
}

// feeds is the feeds service on st, on the invocation's clock.
func (r *runner) feeds(st *service.Service) *feeds.Service {
	return st.Backend.Service
}
