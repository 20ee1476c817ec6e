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

	"github.com/knowflow/knowflow/model/service"

	"github.com/knowflow/knowflow/model"
	"github.com/knowflow/knowflow/model/store"
)

// shareCommands are the Sense and Share commands that record what the user
// did: notes, stars, shares, dismissals, history, preferences.
var shareCommands = []command{
	{"note", "ITEM [TEXT...] [--clear]", "show your note on an item (why it matters), set it to TEXT, or --clear it", cmdNote},
	{"star", "ITEM [--off]", "star an item, or unstar it with --off", cmdStar},
	{"read", "ITEM... [--off] | --source ID | --all", "mark items read (or unread with --off), or every item of a source, or every item", cmdRead},
	{"share", "ITEM CONTACT [--via email|mastodon|copy|other] [--at RFC3339]",
		"record that you shared an item; CONTACT is an id, a name, or community:NAME", cmdShare},
	{"dismiss", "ITEM CONTACT", "never suggest this item for that contact or community again (not for them)", cmdDismiss},
	{"snooze", "ITEM CONTACT [--for 3d | --until RFC3339]", "hold a suggestion back for a while (default 1d)", cmdSnooze},
	{"history", "[--contact C] [--since 30d] [--limit N] [--json]", "list what you shared, newest first", cmdHistory},
	{"prefs", "[--json] [--refresh-interval D] [--quiet HH:MM-HH:MM] [--timezone ZONE] [--mastodon HOST] [--cadence-CIRCLE D] [--keep-read forever|1y|6m|3m] [--suggest-days N]",
		"show your preferences, or change the ones given", cmdPrefs},
}

// itemArg reads an ITEM argument: a positive item id.
func (r *runner) itemArg(fs *flag.FlagSet, c, s string) (int64, error) {
	id, err := strconv.ParseInt(s, 10, 64)
	if err != nil || id <= 0 {
		fmt.Fprintf(r.env.Stderr, "knowflow %s: %q is not an item id (knowflow items lists them)\n", c, s)
		commandUsage(r.env.Stderr, c, fs)
		return 0, errUsage
	}
	return id, nil
}

// loadItem reads an item, saying clearly when there is none.
func loadItem(ctx context.Context, st *service.Service, id int64) (model.Item, error) {
	it, err := st.Item(ctx, id)
	if errors.Is(err, store.ErrNotFound) {
		return it, fmt.Errorf("no item %d (knowflow items lists them)", id)
	}
	return it, err
}

// loadItemAndTarget reads the ITEM and CONTACT arguments of share,
// dismiss and snooze.
func loadItemAndTarget(ctx context.Context, st *service.Service, id int64, who string) (model.Item, shareTarget, error) {
	it, err := loadItem(ctx, st, id)
	if err != nil {
		return it, shareTarget{}, err
	}
	to, err := lookupTarget(ctx, st, who)
	return it, to, err
}

// shareTarget is the contact or community a CONTACT argument names.
type shareTarget struct {
	contactID, communityID int64
	name                   string
}

// display is the target as lists show it.
func (t shareTarget) display() string {
	if t.communityID != 0 {
		return t.name + " (community)"
	}
	return t.name
}

// lookupTarget finds what a CONTACT argument names: "community:NAME", a
// contact id, a contact's name (case-insensitive, whole name), or else a
// community's name.
func lookupTarget(ctx context.Context, st *service.Service, arg string) (shareTarget, error) {
	arg = strings.TrimSpace(arg)
	findCommunity := func(name string) (shareTarget, bool, error) {
		ks, err := st.Communities(ctx)
		if err != nil {
			return shareTarget{}, false, err
		}
		for _, k := range ks {
			if strings.EqualFold(k.Name, name) {
				return shareTarget{communityID: k.ID, name: k.Name}, true, nil
			}
		}
		return shareTarget{}, false, nil
	}
	if prefix, name, ok := strings.Cut(arg, ":"); ok && strings.EqualFold(prefix, "community") {
		name = strings.TrimSpace(name)
		t, found, err := findCommunity(name)
		if err != nil || found {
			return t, err
		}
		return t, fmt.Errorf("no community named %q (knowflow communities lists them)", name)
	}
	if arg == "" {
		return shareTarget{}, fmt.Errorf("name a contact or community")
	}
	if id, err := strconv.ParseInt(arg, 10, 64); err == nil {
		c, err := st.Contact(ctx, id)
		if errors.Is(err, store.ErrNotFound) {
			return shareTarget{}, fmt.Errorf("no contact %d (knowflow contacts lists them)", id)
		}
		if err != nil {
			return shareTarget{}, err
		}
		return shareTarget{contactID: c.ID, name: c.Name}, nil
	}
	cs, err := st.Contacts(ctx, store.ContactFilter{})
	if err != nil {
		return shareTarget{}, err
	}
	want := strings.Join(strings.Fields(arg), " ")
	var matches []model.Contact
	for _, c := range cs {
		if strings.EqualFold(c.Name, want) {
			matches = append(matches, c)
		}
	}
	switch len(matches) {
	case 1:
		return shareTarget{contactID: matches[0].ID, name: matches[0].Name}, nil
	case 0:
		t, found, err := findCommunity(want)
		if err != nil || found {
			return t, err
		}
		return t, fmt.Errorf("no contact or community named %q (knowflow contacts and knowflow communities list them)", want)
	default:
		var ids []string
		for _, c := range matches {
			ids = append(ids, fmt.Sprintf("%d %s", c.ID, c.Name))
		}
		return shareTarget{}, fmt.Errorf("%q is more than one contact: %s; give the id instead", want, strings.Join(ids, ", "))
	}
}

// itemAndTarget reads the ITEM CONTACT arguments of share, dismiss and
// snooze (a name may be given unquoted, as several words).
func (r *runner) itemAndTarget(fs *flag.FlagSet, c string) (int64, string, error) {
	if fs.NArg() < 2 {
		fmt.Fprintf(r.env.Stderr, "knowflow %s: want an ITEM and a CONTACT\n", c)
		commandUsage(r.env.Stderr, c, fs)
		return 0, "", errUsage
	}
	id, err := r.itemArg(fs, c, fs.Arg(0))
	if err != nil {
		return 0, "", err
	}
	return id, strings.Join(fs.Args()[1:], " "), nil
}

// timeFlag reads an RFC 3339 flag value; a bad one is a usage error.
func (r *runner) timeFlag(c, name, v string) (time.Time, error) {
	t, err := time.Parse(time.RFC3339, strings.TrimSpace(v))
	if err != nil {
		fmt.Fprintf(r.env.Stderr, "knowflow %s: --%s %q is not an RFC 3339 time like 2026-11-26T09:00:00Z\n", c, name, v)
		return time.Time{}, errUsage
	}
	return t, nil
}

// atTime is the time an --at flag names, or now when it is empty.
func (r *runner) atTime(c, v string) (time.Time, error) {
	if strings.TrimSpace(v) == "" {
		return r.now(), nil
	}
	return r.timeFlag(c, "at", v)
}

func cmdNote(ctx context.Context, r *runner, args []string) error {
	fs := r.flagSet("note")
	clearNote := fs.Bool("clear", false, "remove the note")
	if err := r.parse(fs, "note", args); err != nil {
		return err
	}
	if fs.NArg() == 0 {
		fmt.Fprintln(r.env.Stderr, "knowflow note: want an ITEM")
		commandUsage(r.env.Stderr, "note", fs)
		return errUsage
	}
	id, err := r.itemArg(fs, "note", fs.Arg(0))
	if err != nil {
		return err
	}
	text := strings.TrimSpace(strings.Join(fs.Args()[1:], " "))
	if *clearNote && fs.NArg() > 1 {
		fmt.Fprintln(r.env.Stderr, "knowflow note: give TEXT or --clear, not both")
		commandUsage(r.env.Stderr, "note", fs)
		return errUsage
	}
	return r.use(func(st *service.Service) error {
		it, err := loadItem(ctx, st, id)
		if err != nil {
			return err
		}
		switch {
		case !*clearNote && fs.NArg() == 1:
			if it.Note != "" {
				fmt.Fprintln(r.env.Stdout, it.Note)
			}
			return nil
		case *clearNote || text == "":
			if err := st.SetNote(ctx, id, ""); err != nil {
				return err
			}
			if it.Note == "" {
				fmt.Fprintf(r.env.Stdout, "no note on %q\n", it.Title)
			} else {
				fmt.Fprintf(r.env.Stdout, "note removed from %q\n", it.Title)
			}
			return nil
		default:
			if err := st.SetNote(ctx, id, text); err != nil {
				return err
			}
			fmt.Fprintf(r.env.Stdout, "note saved on %q\n", it.Title)
			return nil
		}
	})
}

func cmdRead(ctx context.Context, r *runner, args []string) error {
	fs := r.flagSet("read")
	off := fs.Bool("off", false, "mark the items unread instead")
	source := fs.Int64("source", 0, "every item of this source")
	all := fs.Bool("all", false, "every item")
	if err := r.parse(fs, "read", args); err != nil {
		return err
	}
	bulk := *all || *source != 0
	if bulk == (fs.NArg() > 0) || *all && *source != 0 || bulk && *off {
		fmt.Fprintln(r.env.Stderr, "knowflow read: give ITEM ids, or --source ID, or --all (--off goes with ITEM ids)")
		commandUsage(r.env.Stderr, "read", fs)
		return errUsage
	}
	var ids []int64
	for _, a := range fs.Args() {
		id, err := r.itemArg(fs, "read", a)
		if err != nil {
			return err
		}
		ids = append(ids, id)
	}
	return r.use(func(st *service.Service) error {
		if bulk {
			if *source != 0 {
				if _, err := st.Source(ctx, *source); err != nil {
					return fmt.Errorf("no source %d (knowflow sources lists them)", *source)
				}
			}
			n, err := st.MarkAllRead(ctx, store.ItemFilter{SourceID: *source})
			if err != nil {
				return err
			}
			fmt.Fprintf(r.env.Stdout, "marked %s read\n", countItems(int(n)))
			return nil
		}
		for _, id := range ids {
			if _, err := loadItem(ctx, st, id); err != nil {
				return err
			}
		}
		for _, id := range ids {
			if err := st.SetRead(ctx, id, !*off); err != nil {
				return err
			}
		}
		state := "read"
		if *off {
			state = "unread"
		}
		fmt.Fprintf(r.env.Stdout, "marked %s %s\n", countItems(len(ids)), state)
		return nil
	})
}

// countItems says "1 item" or "N items".
func countItems(n int) string {
	if n == 1 {
		return "1 item"
	}
	return fmt.Sprintf("%d items", n)
}

func cmdStar(ctx context.Context, r *runner, args []string) error {
	fs := r.flagSet("star")
	off := fs.Bool("off", false, "unstar the item")
	arg, err := r.parseOne(fs, "star", "ITEM", args)
	if err != nil {
		return err
	}
	id, err := r.itemArg(fs, "star", arg)
	if err != nil {
		return err
	}
	return r.use(func(st *service.Service) error {
		it, err := loadItem(ctx, st, id)
		if err != nil {
			return err
		}
		if err := st.SetStarred(ctx, id, !*off); err != nil {
			return err
		}
		verb := "starred"
		if *off {
			verb = "unstarred"
		}
		fmt.Fprintf(r.env.Stdout, "%s %q\n", verb, it.Title)
		return nil
	})
}

func cmdShare(ctx context.Context, r *runner, args []string) error {
	fs := r.flagSet("share")
	via := fs.String("via", "", "how you shared it: email, mastodon, copy or other (default: the contact's channel; copy for a community)")
	atFlag := fs.String("at", "", "when you shared it, RFC 3339 (default now)")
	if err := r.parse(fs, "share", args); err != nil {
		return err
	}
	id, who, err := r.itemAndTarget(fs, "share")
	if err != nil {
		return err
	}
	sh := model.Share{ItemID: id, Channel: model.Channel(strings.ToLower(strings.TrimSpace(*via))), SharedAt: r.now()}
	if sh.Channel != "" {
		switch sh.Channel {
		case model.ChannelEmail, model.ChannelMastodon, model.ChannelCopy, model.ChannelOther:
		default:
			fmt.Fprintf(r.env.Stderr, "knowflow share: --via %q: want email, mastodon, copy or other\n", *via)
			return errUsage
		}
	}
	if *atFlag != "" {
		if sh.SharedAt, err = r.timeFlag("share", "at", *atFlag); err != nil {
			return err
		}
	}
	return r.use(func(st *service.Service) error {
		it, to, err := loadItemAndTarget(ctx, st, id, who)
		if err != nil {
			return err
		}
		sh.ContactID, sh.CommunityID = to.contactID, to.communityID
		got, err := st.RecordShare(ctx, sh)
		if err != nil {
			return err
		}
		fmt.Fprintf(r.env.Stdout, "shared %q with %s via %s\n", it.Title, to.name, got.Channel)
		return nil
	})
}

func cmdDismiss(ctx context.Context, r *runner, args []string) error {
	fs := r.flagSet("dismiss")
	if err := r.parse(fs, "dismiss", args); err != nil {
		return err
	}
	id, who, err := r.itemAndTarget(fs, "dismiss")
	if err != nil {
		return err
	}
	return r.verdict(ctx, id, who, model.Feedback{Verdict: model.VerdictDismissed, At: r.now()})
}

func cmdSnooze(ctx context.Context, r *runner, args []string) error {
	fs := r.flagSet("snooze")
	forFlag := fs.String("for", "1d", "how long, e.g. 3d, 12h, 2w")
	untilFlag := fs.String("until", "", "until this time, RFC 3339")
	if err := r.parse(fs, "snooze", args); err != nil {
		return err
	}
	id, who, err := r.itemAndTarget(fs, "snooze")
	if err != nil {
		return err
	}
	given := setFlags(fs)
	now := r.now()
	f := model.Feedback{Verdict: model.VerdictSnoozed, At: now}
	switch {
	case given["for"] && given["until"]:
		fmt.Fprintln(r.env.Stderr, "knowflow snooze: give --for or --until, not both")
		return errUsage
	case given["until"]:
		if f.Until, err = r.timeFlag("snooze", "until", *untilFlag); err != nil {
			return err
		}
	default:
		d, err := parseDays(*forFlag)
		if err != nil || d <= 0 {
			fmt.Fprintf(r.env.Stderr, "knowflow snooze: --for %q is not a duration like 3d, 2w or 12h\n", *forFlag)
			return errUsage
		}
		f.Until = now.Add(d)
	}
	return r.verdict(ctx, id, who, f)
}

// verdict stores a dismissal or a snooze of item id for who.
func (r *runner) verdict(ctx context.Context, id int64, who string, f model.Feedback) error {
	return r.use(func(st *service.Service) error {
		it, to, err := loadItemAndTarget(ctx, st, id, who)
		if err != nil {
			return err
		}
		f.ItemID, f.ContactID, f.CommunityID = id, to.contactID, to.communityID
		if err := st.SaveFeedback(ctx, f); err != nil {
			return err
		}
		if f.Verdict == model.VerdictDismissed {
			fmt.Fprintf(r.env.Stdout, "dismissed %q for %s: it will not be suggested to them again\n", it.Title, to.name)
			return nil
		}
		loc := time.Local
		if p, err := st.Prefs(ctx); err == nil {
			loc = p.Location()
		}
		fmt.Fprintf(r.env.Stdout, "snoozed %q for %s until %s\n", it.Title, to.name, f.Until.In(loc).Format("Mon 2 Jan 2006 15:04"))
		return nil
	})
}

// historyJSON is one share in `knowflow history --json`.
type historyJSON struct {
	ID          int64     `json:"id"`
	ItemID      int64     `json:"item_id"`
	ItemTitle   string    `json:"item_title"`
	ItemURL     string    `json:"item_url"`
	ContactID   int64     `json:"contact_id"`
	ContactName string    `json:"contact_name"`
	Community   string    `json:"community"`
	Channel     string    `json:"channel"`
	SharedAt    time.Time `json:"shared_at"`
	Note        string    `json:"note"`
}

func cmdHistory(ctx context.Context, r *runner, args []string) error {
	fs := r.flagSet("history")
	asJSON := fs.Bool("json", false, "print JSON")
	who := fs.String("contact", "", "only shares with this contact or community (id, name or community:NAME)")
	limit := fs.Int("limit", 50, "at most N shares")
	since := fs.String("since", "", "only shares of the last D, e.g. 30d, 2w")
	if err := r.parseNone(fs, "history", args); err != nil {
		return err
	}
	if *limit < 1 {
		fmt.Fprintln(r.env.Stderr, "knowflow history: --limit must be at least 1")
		return errUsage
	}
	f := store.HistoryFilter{Limit: *limit}
	if *since != "" {
		d, err := parseDays(*since)
		if err != nil || d <= 0 {
			fmt.Fprintf(r.env.Stderr, "knowflow history: --since %q is not a duration like 30d, 2w or 12h\n", *since)
			return errUsage
		}
		f.Since = r.now().Add(-d)
	}
	return r.use(func(st *service.Service) error {
		if setFlags(fs)["contact"] {
			to, err := lookupTarget(ctx, st, *who)
			if err != nil {
				return err
			}
			f.ContactID, f.CommunityID = to.contactID, to.communityID
		}
		recs, err := st.History(ctx, f)
		if err != nil {
			return err
		}
		if *asJSON {
			out := make([]historyJSON, 0, len(recs))
			for _, h := range recs {
				out = append(out, historyJSON{ID: h.ID, ItemID: h.ItemID, ItemTitle: h.ItemTitle, ItemURL: h.ItemURL,
					ContactID: h.ContactID, ContactName: h.ContactName, Community: h.CommunityName,
					Channel: string(h.Channel), SharedAt: h.SharedAt.UTC(), Note: h.Note})
			}
			return r.printJSON(out)
		}
		if len(recs) == 0 {
			fmt.Fprintln(r.env.Stdout, "Nothing shared yet: record a share with knowflow share ITEM CONTACT.")
			return nil
		}
		loc := time.Local
		if p, err := st.Prefs(ctx); err == nil {
			loc = p.Location()
		}
		tw := tabwriter.NewWriter(r.env.Stdout, 0, 4, 2, ' ', 0)
		fmt.Fprintln(tw, "WHEN\tITEM\tWITH\tCHANNEL")
		for _, h := range recs {
			with := shareTarget{contactID: h.ContactID, communityID: h.CommunityID, name: h.ContactName + h.CommunityName}
			fmt.Fprintf(tw, "%s\t%s\t%s\t%s\n", h.SharedAt.In(loc).Format("2006-01-02 15:04"), clip(h.ItemTitle, 60),
				clip(with.display(), 30), h.Channel)
		}
		return tw.Flush()
	})
}
