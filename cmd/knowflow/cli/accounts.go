package cli

import (
	"bufio"
	"context"
	"errors"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"text/tabwriter"

	"github.com/knowflow/knowflow/feeds/greader"
	"github.com/knowflow/knowflow/model/carddav"
	"github.com/knowflow/knowflow/model/service"
	"github.com/knowflow/knowflow/model/store"
)

var accountCommands = []command{
	{"account", "add greader|carddav URL --user U [...] | rm ID", "add or remove a feed server (Google Reader API) or address book (CardDAV) account", cmdAccount},
	{"accounts", "[--json]", "list feed server and address book accounts", cmdAccounts},
	{"sync", "[--account ID] [--json]", "sync every account now (feeds and contacts)", batch(cmdSync)},
}

const accountHelp = `Usage:
  knowflow account add greader URL --user U [--password-file F]
      log in to a Google Reader API server (Miniflux, FreshRSS, ...) and keep
      its token (never the password) in a 0600 file beside the database;
      without --password-file the password is asked on the terminal (or read
      as the first line of standard input)
  knowflow account add carddav URL --user U [--password-file F] [--book NAME]
      find the address books of a CardDAV server (Nextcloud, Radicale,
      iCloud, Fastmail, ...; URL is the server, or a principal or address
      book on it) and sync contacts with the one named NAME, else the
      first; the password is kept in the same 0600 file and asked the same way
  knowflow account rm ID
      forget an account; its sources stay, fetched by Knowflow itself again,
      and its contacts stay, in no address book
`

func cmdAccount(ctx context.Context, r *runner, args []string) error {
	if len(args) == 0 {
		fmt.Fprint(r.env.Stderr, "knowflow account: want add or rm\n\n"+accountHelp)
		return errUsage
	}
	sub, args := args[0], args[1:]
	fs := r.flagSet("account " + sub)
	fs.Usage = func() { fmt.Fprint(fs.Output(), accountHelp) }
	user := fs.String("user", "", "user name on the server")
	pwFile := fs.String("password-file", "", "read the password from the first line of this file")
	book := fs.String("book", "", "carddav: the address book to sync (its name or path; default the first)")
	want := map[string]int{"add": 2, "rm": 1}[sub]
	if want == 0 {
		fmt.Fprintf(r.env.Stderr, "knowflow account: unknown subcommand %q\n\n%s", sub, accountHelp)
		return errUsage
	}
	if err := parseInterspersed(fs, args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return err
		}
		fmt.Fprint(r.env.Stderr, "\n"+accountHelp)
		return errUsage
	}
	if fs.NArg() != want || (sub == "add" && (fs.Arg(0) != "greader" && fs.Arg(0) != carddav.Kind || *user == "")) {
		fmt.Fprint(r.env.Stderr, "knowflow account: wrong arguments\n\n"+accountHelp)
		return errUsage
	}
	if sub == "rm" {
		id, err := strconv.ParseInt(fs.Arg(0), 10, 64)
		if err != nil {
			fmt.Fprintf(r.env.Stderr, "knowflow account rm: %q is not an account id\n", fs.Arg(0))
			return errUsage
		}
		return r.use(func(st *service.Service) error {
			a, err := st.GetAccount(ctx, id)
			if err != nil {
				return err
			}
			if err := st.RemoveAccount(ctx, id); err != nil {
				return err
			}
			stay := "its sources stay and are fetched by Knowflow again"
			if a.Kind == carddav.Kind {
				stay = "its contacts stay here, in no address book"
			}
			fmt.Fprintf(r.env.Stdout, "removed account %d; %s\n", id, stay)
			return nil
		})
	}
	password, err := r.password(*pwFile)
	if err != nil {
		return err
	}
	return r.use(func(st *service.Service) error {
		a, err := st.AddAccount(ctx, service.NewAccount{Kind: fs.Arg(0), URL: fs.Arg(1), User: *user, Password: password, Book: *book})
		if err != nil {
			return err
		}
		if a.Kind == service.KindCardDAV {
			fmt.Fprintf(r.env.Stdout, "added account %d: %s at %s, address book %q (%s); knowflow sync syncs your contacts with it\n",
				a.ID, a.User, a.URL, a.Book.Name, a.Book.Path)
			return nil
		}
		fmt.Fprintf(r.env.Stdout, "added account %d: %s at %s (sources you add from now on go to the server; knowflow sync syncs)\n", a.ID, a.User, a.URL)
		return nil
	})
}

// password reads the password from file, else from standard input (its
// echo turned off when it is a terminal). It is never printed.
func (r *runner) password(file string) (string, error) {
	if file != "" {
		b, err := os.ReadFile(file)
		if err != nil {
			return "", fmt.Errorf("password file: %w", err)
		}
		pw, _, _ := strings.Cut(string(b), "\n")
		return strings.TrimRight(pw, "\r"), nil
	}
	in := r.env.Stdin
	if in == nil {
		return "", errors.New("no password: give --password-file")
	}
	if f, ok := in.(*os.File); ok {
		if st, err := f.Stat(); err == nil && st.Mode()&os.ModeCharDevice != 0 {
			fmt.Fprint(r.env.Stderr, "password: ")
			if noEcho(f, "-echo") == nil {
				defer func() { noEcho(f, "echo"); fmt.Fprintln(r.env.Stderr) }()
			}
		}
	}
	line, err := bufio.NewReader(in).ReadString('\n')
	line = strings.TrimRight(line, "\r\n")
	if line == "" {
		return "", fmt.Errorf("no password given: %w", err)
	}
	return line, nil
}

// noEcho runs stty on the terminal f ("-echo" or "echo").
func noEcho(f *os.File, mode string) error {
	cmd := exec.Command("stty", mode)
	cmd.Stdin = f
	return cmd.Run()
}

func cmdAccounts(ctx context.Context, r *runner, args []string) error {
	fs := r.flagSet("accounts")
	asJSON := fs.Bool("json", false, "print JSON")
	if err := r.parseNone(fs, "accounts", args); err != nil {
		return err
	}
	return r.use(func(st *service.Service) error {
		accts, err := st.Accounts(ctx)
		if err != nil {
			return err
		}
		if *asJSON {
			if accts == nil {
				accts = []store.Account{}
			}
			return r.printJSON(accts)
		}
		if len(accts) == 0 {
			fmt.Fprintln(r.env.Stdout, "no accounts (knowflow account add greader URL --user U)")
			return nil
		}
		tw := tabwriter.NewWriter(r.env.Stdout, 0, 4, 2, ' ', 0)
		fmt.Fprintln(tw, "ID\tKIND\tUSER\tURL\tSOURCES\tLAST SYNC\tERROR")
		for _, a := range accts {
			last := "never"
			if !a.LastSyncAt.IsZero() {
				last = a.LastSyncAt.Local().Format("2006-01-02 15:04")
			}
			fmt.Fprintf(tw, "%d\t%s\t%s\t%s\t%d\t%s\t%s\n", a.ID, a.Kind, a.User, a.URL, a.Sources, last, a.LastError)
		}
		if err := tw.Flush(); err != nil {
			return err
		}
		fmt.Fprintln(r.env.Stdout, service.SecretsSentence(st.SecretsWhere()))
		return nil
	})
}

func cmdSync(ctx context.Context, r *runner, args []string) error {
	fs := r.flagSet("sync")
	only := fs.Int64("account", 0, "sync only this account")
	asJSON := fs.Bool("json", false, "print each account's result as JSON")
	if err := r.parseNone(fs, "sync", args); err != nil {
		return err
	}
	return r.use(func(st *service.Service) error {
		res, err := st.SyncAccounts(ctx, *only)
		results := res.All()
		if err != nil && len(results) == 0 {
			return err // no such account, or the store failed
		}
		if *asJSON {
			if jerr := r.printJSON(results); jerr != nil {
				return jerr
			}
			return err
		}
		for _, res := range results {
			switch res := res.(type) {
			case greader.Result:
				if res.Error != "" {
					fmt.Fprintf(r.env.Stdout, "account %d: failed: %s\n", res.Account, res.Error)
					continue
				}
				fmt.Fprintf(r.env.Stdout, "account %d: synced in %.1fs: %d new items, %d sources added, %d removed, %d subscribed and %d unsubscribed on the server, %d flags sent, %d taken\n",
					res.Account, res.Seconds, res.NewItems, res.SourcesAdded, res.SourcesGone, res.Subscribed, res.Unsubscribed, res.FlagsSent, res.FlagsTaken)
			case carddav.Result:
				r.printContactSync(res)
			}
		}
		return err
	})
}
