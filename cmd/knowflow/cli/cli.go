// Package cli is Knowflow's command line: every command the window does on
// data can be run from here, for cron jobs and for tests. With no command it
// hands over to the desktop window (Env.GUI).
package cli

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/knowflow/knowflow/cmd/internal/priority"
	"github.com/knowflow/knowflow/feeds"
	"github.com/knowflow/knowflow/model/service"
	"github.com/knowflow/knowflow/model/store"
)

// Version is Knowflow's version (kept equal to FyneApp.toml by a test).
var Version = "0.1.0"

// GUIOptions are the window's flags.
type GUIOptions struct {
	DB        string
	Section   string
	QuitAfter time.Duration
	At        time.Time // the clock starts here instead of now (tests, demos)
	// StallLog, when set, is a file where the stall meter writes every
	// wait of the UI goroutine over 50 ms, and a summary at the end.
	StallLog string
}

// Env is the process around a run: its streams and the window launcher.
type Env struct {
	Stdin          io.Reader
	Stdout, Stderr io.Writer
	// GUI runs the desktop window; nil where there is none (tests).
	GUI func(GUIOptions) error
	// Now is the commands' clock ("now" for suggest, snooze, history,
	// flow...); nil means time.Now. Tests fix it.
	Now func() time.Time
}

// exit codes
const (
	exitOK    = 0
	exitError = 1
	exitUsage = 2
)

// errUsage marks a usage error; its message has already been printed.
var errUsage = errors.New("usage")

type command struct {
	name    string
	args    string
	summary string
	run     func(ctx context.Context, r *runner, args []string) error
}

var commands []command

// batch marks a long job (refresh, sync, prune, compact), which timers
// start beside the user's desktop: it runs at a lowered priority
// (priority.Batch), as fast as before on an idle machine, giving way to
// the window and the user's other programs when they want the CPU.
func batch(run func(ctx context.Context, r *runner, args []string) error) func(ctx context.Context, r *runner, args []string) error {
	return func(ctx context.Context, r *runner, args []string) error {
		priority.Batch(ctx)
		return run(ctx, r, args)
	}
}

func init() {
	commands = []command{
		{"help", "[COMMAND]", "show this help, or one command's", cmdHelp},
		{"version", "", "print the version and the database schema version", cmdVersion},
		{"check", "[--json]", "open and migrate the database, check its integrity, print counts", cmdCheck},
	}
	commands = append(commands, seekCommands...)
	commands = append(commands, peopleCommands...)
	commands = append(commands, shareCommands...)
	commands = append(commands, suggestCommands...)
	commands = append(commands, flowCommands...)
	commands = append(commands, storageCommands...)
	commands = append(commands, accountCommands...)
}

// runner carries one invocation's state.
type runner struct {
	env Env
	db  string // --db, else KNOWFLOW_DB, else the default path
}

// now is the time by the invocation's clock: Env.Now, else the wall clock.
// Every command reads "now" here.
func (r *runner) now() time.Time {
	if r.env.Now != nil {
		return r.env.Now()
	}
	return time.Now()
}

// Run runs knowflow with args (without the program name) and returns the
// process exit code: 0 done, 1 failed, 2 bad usage.
func Run(ctx context.Context, args []string, env Env) int {
	if env.Stdout == nil {
		env.Stdout = io.Discard
	}
	if env.Stderr == nil {
		env.Stderr = io.Discard
	}
	r := &runner{env: env}
	gui := GUIOptions{}
	fs := r.flagSet("knowflow")
	fs.StringVar(&gui.Section, "section", "", "section to open: seek, share, people or flow")
	fs.DurationVar(&gui.QuitAfter, "quit-after", 0, "quit the window after this long (for tests)")
	at := fs.String("at", "", "start the window's clock at this RFC 3339 time (for tests and demos)")
	fs.StringVar(&gui.StallLog, "stall-log", "", "write each wait of the window's UI goroutine over 50 ms to FILE")
	if err := fs.Parse(args); err != nil {
		return r.usageExit(err)
	}
	if *at != "" {
		t, err := time.Parse(time.RFC3339, *at)
		if err != nil {
			fmt.Fprintf(env.Stderr, "knowflow: --at %q is not an RFC 3339 time like 2026-11-26T09:00:00Z\n", *at)
			return exitUsage
		}
		gui.At = t
	}
	rest := fs.Args()
	if len(rest) == 0 {
		if gui.Section != "" && !validSection(gui.Section) {
			fmt.Fprintf(env.Stderr, "knowflow: unknown section %q (want seek, share, people, flow or problems)\n", gui.Section)
			return exitUsage
		}
		if env.GUI == nil {
			fmt.Fprintln(env.Stderr, "knowflow: no window in this build")
			return exitError
		}
		path, err := r.dbPath()
		if err != nil {
			return r.fail(err)
		}
		gui.DB = path
		if err := env.GUI(gui); err != nil {
			return r.fail(err)
		}
		return exitOK
	}
	name := rest[0]
	for _, c := range commands {
		if c.name == name {
			err := c.run(ctx, r, rest[1:])
			if errors.Is(err, errUsage) {
				return exitUsage
			}
			if errors.Is(err, flag.ErrHelp) {
				return exitOK
			}
			if err != nil && ctx.Err() != nil && (errors.Is(err, context.Canceled) || errors.Is(err, context.Cause(ctx))) {
				// Stopped from outside (a signal): say so, not how.
				fmt.Fprintf(env.Stderr, "knowflow: %s stopped: %v\n", name, context.Cause(ctx))
				return exitError
			}
			if err != nil {
				return r.fail(err)
			}
			return exitOK
		}
	}
	fmt.Fprintf(env.Stderr, "knowflow: unknown command %q\n\n", name)
	usage(env.Stderr)
	return exitUsage
}

func validSection(s string) bool {
	switch s {
	case "seek", "share", "people", "flow", "problems":
		return true
	}
	return false
}

func (r *runner) fail(err error) int {
	fmt.Fprintf(r.env.Stderr, "knowflow: %s\n", feeds.Explain(err))
	return exitError
}

func (r *runner) usageExit(err error) int {
	if errors.Is(err, flag.ErrHelp) {
		usage(r.env.Stdout)
		return exitOK
	}
	fmt.Fprintln(r.env.Stderr)
	usage(r.env.Stderr)
	return exitUsage
}

// flagSet makes a flag set that reports errors on stderr and knows --db.
func (r *runner) flagSet(name string) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(r.env.Stderr)
	fs.StringVar(&r.db, "db", r.db, "database file (default $KNOWFLOW_DB, else the user's data directory)")
	fs.Usage = func() {}
	return fs
}

// parse parses a command's flags, which may come before or after its
// arguments; usage errors print the command's usage.
func (r *runner) parse(fs *flag.FlagSet, c string, args []string) error {
	fs.Usage = func() { commandUsage(fs.Output(), c, fs) }
	if err := parseInterspersed(fs, args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return err
		}
		return errUsage
	}
	return nil
}

// noArgs rejects positional arguments for commands that take none.
func (r *runner) noArgs(fs *flag.FlagSet, c string) error {
	if fs.NArg() > 0 {
		fmt.Fprintf(r.env.Stderr, "knowflow %s: unexpected argument %q\n", c, fs.Arg(0))
		commandUsage(r.env.Stderr, c, fs)
		return errUsage
	}
	return nil
}

// oneArg returns the command's single argument, or prints usage and
// returns errUsage when there is not exactly one; what names it ("URL").
func (r *runner) oneArg(fs *flag.FlagSet, c, what string) (string, error) {
	if fs.NArg() != 1 {
		fmt.Fprintf(r.env.Stderr, "knowflow %s: want exactly one %s\n", c, what)
		commandUsage(r.env.Stderr, c, fs)
		return "", errUsage
	}
	return fs.Arg(0), nil
}

// setFlags names the flags given on the command line.
func setFlags(fs *flag.FlagSet) map[string]bool {
	given := map[string]bool{}
	fs.Visit(func(f *flag.Flag) { given[f.Name] = true })
	return given
}

func (r *runner) dbPath() (string, error) {
	if r.db != "" {
		return r.db, nil
	}
	return store.PrepareDefaultPath()
}

// open opens and migrates the database, and returns the service on it
// with the invocation's clock; the caller closes it.
func (r *runner) open() (*service.Service, error) {
	path, err := r.dbPath()
	if err != nil {
		return nil, err
	}
	return service.Open(path, service.Options{Now: r.now})
}

// use runs a use case on the invocation's service: it opens the
// database, calls f and closes it again (waiting for anything f started),
// returning f's error, else Close's.
func (r *runner) use(f func(st *service.Service) error) error {
	st, err := r.open()
	if err != nil {
		return err
	}
	err = f(st)
	if cerr := st.Close(); err == nil {
		err = cerr
	}
	return err
}

// parseNone parses command c's flags in args and rejects any argument.
func (r *runner) parseNone(fs *flag.FlagSet, c string, args []string) error {
	if err := r.parse(fs, c, args); err != nil {
		return err
	}
	return r.noArgs(fs, c)
}

// parseOne parses command c's flags in args and returns its single
// argument; what names it in the usage message ("URL").
func (r *runner) parseOne(fs *flag.FlagSet, c, what string, args []string) (string, error) {
	if err := r.parse(fs, c, args); err != nil {
		return "", err
	}
	return r.oneArg(fs, c, what)
}

func (r *runner) printJSON(v any) error {
	enc := json.NewEncoder(r.env.Stdout)
	enc.SetIndent("", "  ")
	return enc.Encode(v)
}

func usage(w io.Writer) {
	fmt.Fprint(w, `Knowflow: seek, sense and share with your personal learning network.

Usage:
  knowflow [--db PATH] [--section seek|share|people|flow|problems]   open the window
  knowflow COMMAND [flags] [arguments]

Commands:
`)
	for _, c := range commands {
		fmt.Fprintf(w, "  %-9s %-34s %s\n", c.name, c.args, c.summary)
	}
	fmt.Fprint(w, `
Every command takes --db PATH. The database is $KNOWFLOW_DB when set,
else $XDG_DATA_HOME/knowflow/knowflow.db (~/.local/share/knowflow/ when
XDG_DATA_HOME is unset).
Exit status: 0 done, 1 failed, 2 bad usage.
`)
}

func commandUsage(w io.Writer, name string, fs *flag.FlagSet) {
	for _, c := range commands {
		if c.name == name {
			fmt.Fprintf(w, "Usage: knowflow %s %s\n  %s\n", c.name, c.args, c.summary)
		}
	}
	if fs != nil {
		fmt.Fprintln(w, "Flags:")
		fs.SetOutput(w)
		fs.PrintDefaults()
	}
}

func cmdHelp(ctx context.Context, r *runner, args []string) error {
	if len(args) == 0 {
		usage(r.env.Stdout)
		return nil
	}
	if args[0] == "contact" {
		fmt.Fprint(r.env.Stdout, contactHelp)
		return nil
	}
	for _, c := range commands {
		if c.name == args[0] {
			commandUsage(r.env.Stdout, c.name, nil)
			return nil
		}
	}
	fmt.Fprintf(r.env.Stderr, "knowflow help: unknown command %q\n", args[0])
	return errUsage
}

func cmdVersion(ctx context.Context, r *runner, args []string) error {
	fs := r.flagSet("version")
	if err := r.parseNone(fs, "version", args); err != nil {
		return err
	}
	fmt.Fprintf(r.env.Stdout, "knowflow %s (database schema %d)\n", Version, store.SchemaVersion())
	return nil
}

func cmdCheck(ctx context.Context, r *runner, args []string) error {
	fs := r.flagSet("check")
	asJSON := fs.Bool("json", false, "print the report as JSON")
	if err := r.parseNone(fs, "check", args); err != nil {
		return err
	}
	return r.use(func(st *service.Service) error {
		rep, err := st.Check(ctx)
		if err != nil {
			return err
		}
		if *asJSON {
			if err := r.printJSON(rep); err != nil {
				return err
			}
		} else {
			w := r.env.Stdout
			fmt.Fprintf(w, "database:       %s\n", rep.Path)
			fmt.Fprintf(w, "schema version: %d\n", rep.SchemaVersion)
			fmt.Fprintf(w, "integrity:      %s\n", strings.Join(rep.Integrity, "; "))
			for _, t := range store.CountedTables {
				fmt.Fprintf(w, "%-15s %d\n", t+":", rep.Counts[t])
			}
		}
		if !rep.OK() {
			return fmt.Errorf("integrity check failed: %s", strings.Join(rep.Integrity, "; "))
		}
		return nil
	})
}
