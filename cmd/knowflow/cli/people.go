package cli

import (
	"context"
	"flag"
	"fmt"
	"strconv"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/knowflow/knowflow/model"
	"github.com/knowflow/knowflow/model/service"
	"github.com/knowflow/knowflow/model/store"
)

var peopleCommands = []command{
	{"contact", "add|edit|rm|show ...", "add, change, remove or show a contact (knowflow help contact)", cmdContact},
	{"contacts", "[--circle C] [--community NAME] [--search TEXT] [--json]", "list contacts", cmdContacts},
	{"communities", "[--json]", "list communities with their digest slot and members", cmdCommunities},
	{"community", "NAME [--description D] [--digest-day DAY] [--digest-time HH:MM]", "create or change a community and its digest slot", cmdCommunity},
}

const contactHelp = `Usage:
  knowflow contact add NAME --circle team|community|network [flags]
  knowflow contact edit ID [flags]      only the flags given change; a list flag replaces that list
  knowflow contact rm ID
  knowflow contact show ID [--json]
  knowflow contact touch ID [--at RFC3339]
                                        you were in touch (a call, a meeting): their last contact is now

Flags for add and edit (list flags repeat or take "a, b"):
  --circle C          team, community or network
  --community NAME    a named community of practice
  --email E           e-mail address
  --mastodon H        Mastodon handle user@host
  --website URL       their site
  --profile URL       another profile (LinkedIn, GitHub, ...)
  --feed URL          a feed they write (their blog, their Mastodon feed)
  --interests "a, b"  their interests, in your words
  --role R, --org O   role and organisation
  --timezone TZ       IANA time zone, e.g. Europe/Lisbon
  --work-hours H      working hours local to them, e.g. 09:00-17:00
  --cadence D         least time between two shares, e.g. 3d, 12h, 2w (default by circle)
  --channel C         email, mastodon, copy or other
  --notes TEXT        your notes
`

// listFlag collects repeated and comma-separated values.
type listFlag struct {
	vals []string
	set  bool
}

func (l *listFlag) String() string { return strings.Join(l.vals, ", ") }
func (l *listFlag) Set(v string) error {
	l.set = true
	l.vals = append(l.vals, model.SplitList(v)...)
	return nil
}

// contactFlags are the flags of contact add and edit.
type contactFlags struct {
	circles, communities, emails, mastodon, websites, profiles, feeds, interests listFlag
	role, org, tz, hours, cadence, channel, notes                                string
}

func (cf *contactFlags) register(fs *flag.FlagSet) {
	fs.Var(&cf.circles, "circle", "team, community or network")
	fs.Var(&cf.communities, "community", "community name")
	fs.Var(&cf.emails, "email", "e-mail address")
	fs.Var(&cf.mastodon, "mastodon", "Mastodon handle user@host")
	fs.Var(&cf.websites, "website", "website URL")
	fs.Var(&cf.profiles, "profile", "profile URL")
	fs.Var(&cf.feeds, "feed", "feed URL they write")
	fs.Var(&cf.interests, "interests", "interests, comma separated")
	fs.StringVar(&cf.role, "role", "", "role")
	fs.StringVar(&cf.org, "org", "", "organisation")
	fs.StringVar(&cf.tz, "timezone", "", "IANA time zone")
	fs.StringVar(&cf.hours, "work-hours", "", "working hours, e.g. 09:00-17:00")
	fs.StringVar(&cf.cadence, "cadence", "", "least time between shares, e.g. 3d")
	fs.StringVar(&cf.channel, "channel", "", "email, mastodon, copy or other")
	fs.StringVar(&cf.notes, "notes", "", "notes")
}

// apply changes c by the flags that were given.
func (cf *contactFlags) apply(fs *flag.FlagSet, c *model.Contact) error {
	given := setFlags(fs)
	if cf.circles.set {
		c.Circles = nil
		for _, v := range cf.circles.vals {
			k, err := model.ParseCircle(v)
			if err != nil {
				return err
			}
			c.Circles = append(c.Circles, k)
		}
	}
	if cf.communities.set {
		c.Communities = cf.communities.vals
	}
	if cf.emails.set {
		c.Emails = cf.emails.vals
	}
	replaceHandles := func(l listFlag, kind string) {
		if !l.set {
			return
		}
		var keep []model.Handle
		for _, h := range c.Handles {
			if h.Kind != kind {
				keep = append(keep, h)
			}
		}
		for _, v := range l.vals {
			keep = append(keep, model.Handle{Kind: kind, Value: v})
		}
		c.Handles = keep
	}
	replaceHandles(cf.mastodon, model.HandleMastodon)
	replaceHandles(cf.websites, model.HandleWebsite)
	replaceHandles(cf.profiles, model.HandleProfile)
	if cf.interests.set {
		c.Interests = cf.interests.vals
	}
	if given["role"] {
		c.Role = cf.role
	}
	if given["org"] {
		c.Organisation = cf.org
	}
	if given["timezone"] {
		c.TimeZone = cf.tz
	}
	if given["work-hours"] {
		start, end, ok := strings.Cut(cf.hours, "-")
		if !ok {
			return fmt.Errorf("--work-hours %q: want START-END like 09:00-17:00", cf.hours)
		}
		c.WorkStart, c.WorkEnd = strings.TrimSpace(start), strings.TrimSpace(end)
	}
	if given["cadence"] {
		d, err := parseDays(cf.cadence)
		if err != nil {
			return fmt.Errorf("--cadence: %w", err)
		}
		c.Cadence = d
	}
	if given["channel"] {
		c.Channel = model.Channel(strings.ToLower(cf.channel))
	}
	if given["notes"] {
		c.Notes = cf.notes
	}
	return nil
}

// parseDays reads a duration that may use d (days) and w (weeks): 3d, 2w, 36h, 1d12h.
func parseDays(s string) (time.Duration, error) {
	s = strings.TrimSpace(s)
	if s == "" || s == "0" {
		return 0, nil
	}
	var total time.Duration
	rest := s
	for rest != "" {
		i := 0
		for i < len(rest) && (rest[i] >= '0' && rest[i] <= '9' || rest[i] == '.') {
			i++
		}
		if i == 0 || i == len(rest) {
			return 0, fmt.Errorf("%q is not a duration like 3d, 2w or 12h", s)
		}
		n, err := strconv.ParseFloat(rest[:i], 64)
		if err != nil {
			return 0, fmt.Errorf("%q is not a duration like 3d, 2w or 12h", s)
		}
		unit := rest[i]
		rest = rest[i+1:]
		switch unit {
		case 'w':
			total += time.Duration(n * float64(7*24*time.Hour))
		case 'd':
			total += time.Duration(n * float64(24*time.Hour))
		case 'h':
			total += time.Duration(n * float64(time.Hour))
		case 'm':
			total += time.Duration(n * float64(time.Minute))
		default:
			return 0, fmt.Errorf("%q is not a duration like 3d, 2w or 12h", s)
		}
	}
	return total, nil
}

func cmdContact(ctx context.Context, r *runner, args []string) error {
	if len(args) == 0 {
		fmt.Fprint(r.env.Stderr, "knowflow contact: want add, edit, rm, show or touch\n\n"+contactHelp)
		return errUsage
	}
	sub, args := args[0], args[1:]
	fs := r.flagSet("contact " + sub)
	fs.Usage = func() { fmt.Fprint(fs.Output(), contactHelp) }
	var cf contactFlags
	asJSON, at := new(bool), new(string)
	switch sub {
	case "add", "edit":
		cf.register(fs)
	case "show":
		asJSON = fs.Bool("json", false, "print JSON")
	case "touch":
		at = fs.String("at", "", "when (RFC 3339); default now")
	case "rm":
	default:
		fmt.Fprintf(r.env.Stderr, "knowflow contact: unknown subcommand %q\n\n%s", sub, contactHelp)
		return errUsage
	}
	if err := parseInterspersed(fs, args); err != nil {
		if err == flag.ErrHelp {
			return err
		}
		fmt.Fprint(r.env.Stderr, "\n"+contactHelp)
		return errUsage
	}
	if fs.NArg() != 1 {
		fmt.Fprintf(r.env.Stderr, "knowflow contact %s: want exactly one %s\n\n%s", sub, map[bool]string{true: "NAME", false: "ID"}[sub == "add"], contactHelp)
		return errUsage
	}
	var id int64
	if sub != "add" {
		var err error
		if id, err = strconv.ParseInt(fs.Arg(0), 10, 64); err != nil || id <= 0 {
			fmt.Fprintf(r.env.Stderr, "knowflow contact %s: %q is not a contact id\n", sub, fs.Arg(0))
			return errUsage
		}
	}
	return r.use(func(st *service.Service) error {
		switch sub {
		case "add":
			c := model.Contact{Name: fs.Arg(0)}
			if err := cf.apply(fs, &c); err != nil {
				return err
			}
			if len(c.Circles) == 0 {
				return fmt.Errorf("contact add: say which circle with --circle team, community or network")
			}
			return r.saveContact(ctx, st, c, cf.feeds, "added")
		case "edit":
			c, err := st.Contact(ctx, id)
			if err != nil {
				return err
			}
			if err := cf.apply(fs, &c); err != nil {
				return err
			}
			return r.saveContact(ctx, st, c, cf.feeds, "changed")
		case "touch":
			when, err := r.atTime("contact touch", *at)
			if err != nil {
				return err
			}
			c, err := st.Contact(ctx, id)
			if err != nil {
				return err
			}
			if err := st.TouchContact(ctx, id, when); err != nil {
				return err
			}
			fmt.Fprintf(r.env.Stdout, "in touch with %d %s on %s\n", id, c.Name, when.Format("2006-01-02"))
			return nil
		case "rm":
			c, err := st.Contact(ctx, id)
			if err != nil {
				return err
			}
			if err := st.DeleteContact(ctx, id); err != nil {
				return err
			}
			fmt.Fprintf(r.env.Stdout, "removed %d %s\n", id, c.Name)
			return nil
		default: // show
			c, err := st.Contact(ctx, id)
			if err != nil {
				return err
			}
			j, err := toContactJSON(ctx, st, c)
			if err != nil {
				return err
			}
			if *asJSON {
				return r.printJSON(j)
			}
			printContact(r, j)
			return nil
		}
	})
}

// saveContact stores c with the feeds it writes, in one transaction.
func (r *runner) saveContact(ctx context.Context, st *service.Service, c model.Contact, feeds listFlag, verb string) error {
	if feeds.set {
		c.SourceIDs = nil // --feed replaces the list
	}
	id, err := st.SaveContact(ctx, c, feeds.vals...)
	if err != nil {
		return err
	}
	fmt.Fprintf(r.env.Stdout, "%s %d %s\n", verb, id, strings.TrimSpace(c.Name))
	return nil
}

// parseInterspersed parses flags that may come after positional arguments
// ("contact add Ada --circle team").
func parseInterspersed(fs *flag.FlagSet, args []string) error {
	var pos []string
	for {
		if err := fs.Parse(args); err != nil {
			return err
		}
		args = fs.Args()
		if len(args) == 0 {
			break
		}
		pos = append(pos, args[0])
		args = args[1:]
	}
	return fs.Parse(append([]string{"--"}, pos...))
}

// contactJSON is a contact in `contact show --json` and `contacts --json`.
type contactJSON struct {
	ID            int64          `json:"id"`
	Name          string         `json:"name"`
	Emails        []string       `json:"emails"`
	Handles       []model.Handle `json:"handles"`
	Circles       []model.Circle `json:"circles"`
	Communities   []string       `json:"communities"`
	Interests     []string       `json:"interests"`
	Role          string         `json:"role"`
	Organisation  string         `json:"organisation"`
	TimeZone      string         `json:"timezone"`
	WorkHours     string         `json:"work_hours"`
	CadenceDays   float64        `json:"cadence_days"`
	Channel       model.Channel  `json:"channel"`
	Notes         string         `json:"notes"`
	Sources       []sourceRef    `json:"sources"`
	LastContacted *time.Time     `json:"last_contacted"`
}

type sourceRef struct {
	ID      int64  `json:"id"`
	Title   string `json:"title"`
	FeedURL string `json:"feed_url"`
}

func toContactJSON(ctx context.Context, st *service.Service, c model.Contact) (contactJSON, error) {
	j := contactJSON{ID: c.ID, Name: c.Name, Emails: nonNil(c.Emails), Handles: c.Handles, Circles: c.Circles,
		Communities: nonNil(c.Communities), Interests: nonNil(c.Interests), Role: c.Role, Organisation: c.Organisation,
		TimeZone: c.TimeZone, WorkHours: c.WorkStart + "-" + c.WorkEnd, CadenceDays: c.EffectiveCadence().Hours() / 24,
		Channel: c.Channel, Notes: c.Notes, Sources: []sourceRef{}}
	if j.Handles == nil {
		j.Handles = []model.Handle{}
	}
	if j.Circles == nil {
		j.Circles = []model.Circle{}
	}
	for _, id := range c.SourceIDs {
		src, err := st.Source(ctx, id)
		if err != nil {
			return j, err
		}
		j.Sources = append(j.Sources, sourceRef{ID: src.ID, Title: src.Title, FeedURL: src.FeedURL})
	}
	j.LastContacted = utcOrNil(c.LastContacted)
	return j, nil
}

func nonNil(xs []string) []string {
	if xs == nil {
		return []string{}
	}
	return xs
}

func printContact(r *runner, j contactJSON) {
	w := tabwriter.NewWriter(r.env.Stdout, 0, 4, 2, ' ', 0)
	row := func(k, v string) {
		if v != "" {
			fmt.Fprintf(w, "%s\t%s\n", k, v)
		}
	}
	row("id", strconv.FormatInt(j.ID, 10))
	row("name", j.Name)
	var circles []string
	for _, c := range j.Circles {
		circles = append(circles, string(c))
	}
	row("circles", strings.Join(circles, ", "))
	row("communities", strings.Join(j.Communities, ", "))
	row("e-mail", strings.Join(j.Emails, ", "))
	for _, h := range j.Handles {
		row(h.Kind, h.Value)
	}
	row("interests", strings.Join(j.Interests, ", "))
	row("role", j.Role)
	row("organisation", j.Organisation)
	row("time zone", j.TimeZone)
	row("working hours", j.WorkHours)
	row("cadence", fmt.Sprintf("%g days", j.CadenceDays))
	row("channel", string(j.Channel))
	for _, s := range j.Sources {
		row("writes", fmt.Sprintf("%s <%s>", s.Title, s.FeedURL))
	}
	if j.LastContacted != nil {
		row("last contacted", j.LastContacted.Local().Format("2006-01-02"))
	}
	row("notes", j.Notes)
	w.Flush()
}

func cmdContacts(ctx context.Context, r *runner, args []string) error {
	fs := r.flagSet("contacts")
	circle := fs.String("circle", "", "only this circle")
	community := fs.String("community", "", "only members of this community")
	search := fs.String("search", "", "only contacts whose name, e-mail, handle, role or interests contain TEXT")
	asJSON := fs.Bool("json", false, "print JSON")
	if err := r.parseNone(fs, "contacts", args); err != nil {
		return err
	}
	f := store.ContactFilter{Community: *community, Query: *search}
	if *circle != "" {
		k, err := model.ParseCircle(*circle)
		if err != nil {
			fmt.Fprintf(r.env.Stderr, "knowflow contacts: %v\n", err)
			return errUsage
		}
		f.Circle = k
	}
	return r.use(func(st *service.Service) error {
		cs, err := st.Contacts(ctx, f)
		if err != nil {
			return err
		}
		if *asJSON {
			out := make([]contactJSON, 0, len(cs))
			for _, c := range cs {
				j, err := toContactJSON(ctx, st, c)
				if err != nil {
					return err
				}
				out = append(out, j)
			}
			return r.printJSON(out)
		}
		tw := tabwriter.NewWriter(r.env.Stdout, 0, 4, 2, ' ', 0)
		fmt.Fprintln(tw, "ID\tNAME\tCIRCLES\tCOMMUNITIES\tINTERESTS")
		for _, c := range cs {
			var circles []string
			for _, k := range c.Circles {
				circles = append(circles, string(k))
			}
			fmt.Fprintf(tw, "%d\t%s\t%s\t%s\t%s\n", c.ID, clip(c.Name, 30), strings.Join(circles, ","),
				clip(strings.Join(c.Communities, ", "), 30), clip(strings.Join(c.Interests, ", "), 40))
		}
		return tw.Flush()
	})
}

type communityJSON struct {
	ID          int64  `json:"id"`
	Name        string `json:"name"`
	Description string `json:"description"`
	DigestDay   string `json:"digest_day"`
	DigestTime  string `json:"digest_time"`
	Members     int    `json:"members"`
}

func cmdCommunities(ctx context.Context, r *runner, args []string) error {
	fs := r.flagSet("communities")
	asJSON := fs.Bool("json", false, "print JSON")
	if err := r.parseNone(fs, "communities", args); err != nil {
		return err
	}
	return r.use(func(st *service.Service) error {
		ks, err := st.Communities(ctx)
		if err != nil {
			return err
		}
		out := make([]communityJSON, 0, len(ks))
		for _, k := range ks {
			out = append(out, communityJSON{k.ID, k.Name, k.Description, k.DigestDay.String(), k.DigestTime, k.Members})
		}
		if *asJSON {
			return r.printJSON(out)
		}
		tw := tabwriter.NewWriter(r.env.Stdout, 0, 4, 2, ' ', 0)
		fmt.Fprintln(tw, "ID\tNAME\tDIGEST\tMEMBERS")
		for _, k := range out {
			fmt.Fprintf(tw, "%d\t%s\t%s %s\t%d\n", k.ID, k.Name, k.DigestDay, k.DigestTime, k.Members)
		}
		return tw.Flush()
	})
}

func cmdCommunity(ctx context.Context, r *runner, args []string) error {
	fs := r.flagSet("community")
	desc := fs.String("description", "", "what the community is about")
	day := fs.String("digest-day", "", "weekday of its digest or meeting, e.g. Friday (default Friday)")
	at := fs.String("digest-time", "", "time of its digest in your zone, e.g. 10:00 (default 10:00)")
	name, err := r.parseOne(fs, "community", "NAME", args)
	if err != nil {
		return err
	}
	return r.use(func(st *service.Service) error {
		given := setFlags(fs)
		k := model.Community{Name: name, DigestDay: time.Friday, DigestTime: "10:00"}
		ks, err := st.Communities(ctx)
		if err != nil {
			return err
		}
		for _, old := range ks {
			if strings.EqualFold(old.Name, k.Name) {
				k = old
			}
		}
		if given["description"] {
			k.Description = *desc
		}
		if given["digest-day"] {
			d, err := parseWeekday(*day)
			if err != nil {
				return err
			}
			k.DigestDay = d
		}
		if given["digest-time"] {
			k.DigestTime = strings.TrimSpace(*at)
		}
		id, err := st.SaveCommunity(ctx, k)
		if err != nil {
			return err
		}
		fmt.Fprintf(r.env.Stdout, "community %d %s: digest %s %s\n", id, k.Name, k.DigestDay, k.DigestTime)
		return nil
	})
}

// parseWeekday reads "fri", "Friday" or "5".
func parseWeekday(s string) (time.Weekday, error) {
	s = strings.ToLower(strings.TrimSpace(s))
	for d := time.Sunday; d <= time.Saturday; d++ {
		name := strings.ToLower(d.String())
		if s == name || (len(s) >= 3 && strings.HasPrefix(name, s)) || s == strconv.Itoa(int(d)) {
			return d, nil
		}
	}
	return 0, fmt.Errorf("%q is not a weekday", s)
}
