package cli

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"strconv"
	"text/tabwriter"
	"time"

	"github.com/knowflow/knowflow/model"
	"github.com/knowflow/knowflow/model/people"
	"github.com/knowflow/knowflow/model/safefile"
	"github.com/knowflow/knowflow/model/service"
	"github.com/knowflow/knowflow/model/store"
)

// exportContacts writes every contact as vCard 4.0, with the feeds they write.
func exportContacts(ctx context.Context, st *service.Service, w io.Writer) error {
	cs, err := st.Contacts(ctx, store.ContactFilter{})
	if err != nil {
		return err
	}
	feedsOf := map[int64][]string{}
	for _, c := range cs {
		for _, id := range c.SourceIDs {
			src, err := st.Source(ctx, id)
			if err != nil {
				return err
			}
			feedsOf[c.ID] = append(feedsOf[c.ID], src.FeedURL)
		}
	}
	return people.WriteVCard(w, cs, feedsOf)
}

var seekCommands = []command{
	{"add", "URL [--folder PATH]", "subscribe to a feed, or to the feed a web page links to", cmdAdd},
	{"refresh", "[--json] [--source ID]... [--force]", "fetch new items from every due source", batch(cmdRefresh)},
	{"items", "[--unread] [--starred] [--source ID] [--limit N] [--json]", "list items, newest first", cmdItems},
	{"search", "QUERY [--limit N] [--json]", "full-text search over item titles and content", cmdSearch},
	{"import", "FILE", "import OPML subscriptions, or contacts from vCard, LinkedIn or Mastodon exports", cmdImport},
	{"export", "[--contacts] [--output FILE]", "export subscriptions as OPML 2.0, or contacts as vCard 4.0", cmdExport},
	{"sources", "[--json]", "list sources with folders, unread counts and errors", cmdSources},
	{"source", "SOURCE [--title T] [--folder PATH]", "rename a source or move it to another folder (\"\" for the top level)", cmdSource},
	{"remove", "SOURCE", "unsubscribe: remove a source (an id from knowflow sources) and its items; shares stay in the history", cmdRemove},
}

// sourceArg reads a SOURCE argument and loads that source.
func (r *runner) sourceArg(ctx context.Context, st *service.Service, c, arg string) (model.Source, error) {
	id, err := strconv.ParseInt(arg, 10, 64)
	if err != nil || id <= 0 {
		fmt.Fprintf(r.env.Stderr, "knowflow %s: %q is not a source id (knowflow sources lists them)\n", c, arg)
		return model.Source{}, errUsage
	}
	src, err := st.Source(ctx, id)
	if errors.Is(err, store.ErrNotFound) {
		return src, fmt.Errorf("no source %d (knowflow sources lists them)", id)
	}
	return src, err
}

func cmdSource(ctx context.Context, r *runner, args []string) error {
	fs := r.flagSet("source")
	title := fs.String("title", "", "the new title")
	folder := fs.String("folder", "", `the folder path, e.g. "Tech/Go"; "" for the top level`)
	arg, err := r.parseOne(fs, "source", "SOURCE", args)
	if err != nil {
		return err
	}
	given := setFlags(fs)
	if !given["title"] && !given["folder"] {
		fmt.Fprintln(r.env.Stderr, "knowflow source: give --title, --folder or both")
		commandUsage(r.env.Stderr, "source", fs)
		return errUsage
	}
	return r.use(func(st *service.Service) error {
		src, err := r.sourceArg(ctx, st, "source", arg)
		if err != nil {
			return err
		}
		path := src.Folder
		if given["folder"] {
			path = model.ParseFolderPath(*folder)
		}
		if err := st.EditSource(ctx, src.ID, *title, path); err != nil {
			return err
		}
		got, err := st.Source(ctx, src.ID)
		if err != nil {
			return err
		}
		where := "the top level"
		if p := got.FolderPath(); p != "" {
			where = p
		}
		fmt.Fprintf(r.env.Stdout, "source %d: %s, in %s\n", got.ID, got.Title, where)
		return nil
	})
}

func cmdRemove(ctx context.Context, r *runner, args []string) error {
	fs := r.flagSet("remove")
	arg, err := r.parseOne(fs, "remove", "SOURCE", args)
	if err != nil {
		return err
	}
	return r.use(func(st *service.Service) error {
		src, err := r.sourceArg(ctx, st, "remove", arg)
		if err != nil {
			return err
		}
		n, err := st.RemoveSource(ctx, src.ID)
		if err != nil {
			return err
		}
		name := src.Title
		if name == "" {
			name = src.FeedURL
		}
		fmt.Fprintf(r.env.Stdout, "removed %s <%s> and its %s\n", name, src.FeedURL, countItems(n))
		return nil
	})
}

func cmdImport(ctx context.Context, r *runner, args []string) error {
	fs := r.flagSet("import")
	name, err := r.parseOne(fs, "import", "FILE", args)
	if err != nil {
		return err
	}
	if fi, err := os.Stat(name); err == nil && !fi.Mode().IsRegular() {
		return fmt.Errorf("%s is %s, not a file to import; nothing changed", name, safefile.Kind(fi.Mode()))
	}
	f, err := os.Open(name)
	if err != nil {
		return err
	}
	defer f.Close()
	return r.use(func(st *service.Service) error {
		res, err := st.ImportFile(ctx, f)
		if err != nil {
			return fmt.Errorf("%s was not imported, nothing changed: %w", name, err)
		}
		fmt.Fprintf(r.env.Stdout, "imported %s: %s\n", name, res.Summary())
		return nil
	})
}

func cmdExport(ctx context.Context, r *runner, args []string) error {
	fs := r.flagSet("export")
	output := fs.String("output", "", "write to FILE instead of standard output")
	contacts := fs.Bool("contacts", false, "export contacts as vCard 4.0 instead of subscriptions")
	if err := r.parseNone(fs, "export", args); err != nil {
		return err
	}
	return r.use(func(st *service.Service) error {
		export := func(w io.Writer) error { return r.feeds(st).ExportOPML(ctx, w) }
		perm := safefile.Public
		if *contacts {
			export = func(w io.Writer) error { return exportContacts(ctx, st, w) }
			perm = safefile.Personal
		}
		return r.writeOutput(*output, perm, export)
	})
}

// sourceJSON is one source in `knowflow sources --json`.
type sourceJSON struct {
	ID           int64      `json:"id"`
	Title        string     `json:"title"`
	FeedURL      string     `json:"feed_url"`
	SiteURL      string     `json:"site_url"`
	Folder       string     `json:"folder"`
	Unread       int        `json:"unread"`
	LastError    string     `json:"last_error"`
	ErrorDetail  string     `json:"error_detail,omitempty"`
	ErrorCount   int        `json:"error_count"`
	FailingSince *time.Time `json:"failing_since,omitempty"`
	LastChecked  *time.Time `json:"last_checked"`
}

func cmdSources(ctx context.Context, r *runner, args []string) error {
	fs := r.flagSet("sources")
	asJSON := fs.Bool("json", false, "print JSON")
	if err := r.parseNone(fs, "sources", args); err != nil {
		return err
	}
	return r.use(func(st *service.Service) error {
		srcs, err := st.Sources(ctx)
		if err != nil {
			return err
		}
		if *asJSON {
			out := make([]sourceJSON, 0, len(srcs))
			for _, s := range srcs {
				j := sourceJSON{ID: s.ID, Title: s.Title, FeedURL: s.FeedURL, SiteURL: s.SiteURL,
					Folder: s.FolderPath(), Unread: s.Unread, LastError: s.LastError, ErrorDetail: s.ErrorDetail, ErrorCount: s.ErrorCount}
				j.LastChecked, j.FailingSince = utcOrNil(s.LastCheckedAt), utcOrNil(s.FailingSince)
				out = append(out, j)
			}
			return r.printJSON(out)
		}
		tw := tabwriter.NewWriter(r.env.Stdout, 0, 4, 2, ' ', 0)
		fmt.Fprintln(tw, "ID\tFOLDER\tTITLE\tUNREAD\tLAST CHECKED\tERROR")
		for _, s := range srcs {
			checked := "never"
			if !s.LastCheckedAt.IsZero() {
				checked = s.LastCheckedAt.Local().Format("2006-01-02 15:04")
			}
			errText := s.LastError
			if s.ErrorCount > 0 {
				errText = fmt.Sprintf("%s (%d in a row since %s)", s.LastError, s.ErrorCount, s.FailingSince.Local().Format("2006-01-02"))
			}
			fmt.Fprintf(tw, "%d\t%s\t%s\t%d\t%s\t%s\n", s.ID, s.FolderPath(), clip(s.Title, 50), s.Unread, checked, errText)
		}
		return tw.Flush()
	})
}

// utcOrNil is t in UTC, or nil when t is zero (JSON's null).
func utcOrNil(t time.Time) *time.Time {
	if t.IsZero() {
		return nil
	}
	t = t.UTC()
	return &t
}

func clip(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n-1]) + "…"
}
