package cli

import (
	"context"
	"fmt"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/knowflow/knowflow/model"
	"github.com/knowflow/knowflow/model/service"
)

// prefsJSON is the preferences as `knowflow prefs --json` prints them.
type prefsJSON struct {
	RefreshMinutes   float64            `json:"refresh_interval_minutes"`
	QuietStart       string             `json:"quiet_start"`
	QuietEnd         string             `json:"quiet_end"`
	TimeZone         string             `json:"timezone"` // "" for the system's
	MastodonInstance string             `json:"mastodon_instance"`
	CadenceDays      map[string]float64 `json:"cadence_days"`     // per circle
	KeepReadMonths   int                `json:"keep_read_months"` // 0: forever
	SuggestDays      int                `json:"suggest_days"`
}

func cmdPrefs(ctx context.Context, r *runner, args []string) error {
	fs := r.flagSet("prefs")
	asJSON := fs.Bool("json", false, "print JSON")
	refresh := fs.String("refresh-interval", "", "how often to refresh feeds, e.g. 30m, 2h (0: the default, 1h)")
	quiet := fs.String("quiet", "", "quiet hours, no reminders, e.g. 22:00-07:00 (off: none)")
	tz := fs.String("timezone", "", `your IANA time zone, e.g. Europe/Lisbon ("": the system's)`)
	masto := fs.String("mastodon", "", "your Mastodon instance, e.g. mastodon.social")
	keepRead := fs.String("keep-read", "", "how long read items are kept: forever, 1y, 6m, 3m (knowflow prune)")
	suggestDays := fs.Int("suggest-days", 0, "suggest items from the last N days (default 14)")
	cadence := map[model.Circle]*string{}
	for _, k := range model.Circles {
		cadence[k] = fs.String("cadence-"+string(k), "",
			fmt.Sprintf("least time between two shares with a %s contact, e.g. %s (0: the default)", k, fmtSpan(k.DefaultCadence())))
	}
	if err := r.parseNone(fs, "prefs", args); err != nil {
		return err
	}
	given := setFlags(fs)
	span := func(name, v string) (time.Duration, error) {
		d, err := parseDays(v)
		if err != nil {
			fmt.Fprintf(r.env.Stderr, "knowflow prefs: --%s: %v\n", name, err)
			return 0, errUsage
		}
		return d, nil
	}
	return r.use(func(st *service.Service) error {
		p, err := st.Prefs(ctx)
		if err != nil {
			return err
		}
		change := false
		if given["refresh-interval"] {
			if p.RefreshInterval, err = span("refresh-interval", *refresh); err != nil {
				return err
			}
			change = true
		}
		if given["quiet"] {
			v := strings.TrimSpace(*quiet)
			if strings.EqualFold(v, "off") || strings.EqualFold(v, "none") {
				v = "00:00-00:00"
			}
			start, end, ok := strings.Cut(v, "-")
			if !ok {
				fmt.Fprintf(r.env.Stderr, "knowflow prefs: --quiet %q: want START-END like 22:00-07:00, or off\n", *quiet)
				return errUsage
			}
			p.QuietStart, p.QuietEnd = strings.TrimSpace(start), strings.TrimSpace(end)
			change = true
		}
		if given["timezone"] {
			p.TimeZone, change = *tz, true
		}
		if given["mastodon"] {
			p.MastodonInstance, change = *masto, true
		}
		if given["keep-read"] {
			if p.KeepReadMonths, err = parseMonths(*keepRead); err != nil {
				fmt.Fprintf(r.env.Stderr, "knowflow prefs: --keep-read: %v\n", err)
				return errUsage
			}
			change = true
		}
		if given["suggest-days"] {
			p.SuggestDays, change = *suggestDays, true
		}
		for _, k := range model.Circles {
			if given["cadence-"+string(k)] {
				if p.Cadence[k], err = span("cadence-"+string(k), *cadence[k]); err != nil {
					return err
				}
				change = true
			}
		}
		if change {
			if err := st.SavePrefs(ctx, p); err != nil {
				return fmt.Errorf("preferences not saved: %w", err)
			}
			if p, err = st.Prefs(ctx); err != nil {
				return err
			}
		}
		if *asJSON {
			j := prefsJSON{RefreshMinutes: p.RefreshInterval.Minutes(), QuietStart: p.QuietStart, QuietEnd: p.QuietEnd,
				TimeZone: p.TimeZone, MastodonInstance: p.MastodonInstance, CadenceDays: map[string]float64{},
				KeepReadMonths: p.KeepReadMonths, SuggestDays: p.SuggestDays}
			for _, k := range model.Circles {
				j.CadenceDays[string(k)] = p.Cadence[k].Hours() / 24
			}
			return r.printJSON(j)
		}
		if change {
			fmt.Fprintln(r.env.Stdout, "preferences saved")
		}
		tw := tabwriter.NewWriter(r.env.Stdout, 0, 4, 2, ' ', 0)
		quietHours := p.QuietStart + "-" + p.QuietEnd
		if p.QuietStart == p.QuietEnd {
			quietHours = "off"
		}
		zone := p.TimeZone
		if zone == "" {
			zone = "the system's"
		}
		instance := p.MastodonInstance
		if instance == "" {
			instance = "not set"
		}
		fmt.Fprintf(tw, "refresh interval\t%s\n", fmtSpan(p.RefreshInterval))
		fmt.Fprintf(tw, "quiet hours\t%s\n", quietHours)
		fmt.Fprintf(tw, "time zone\t%s\n", zone)
		fmt.Fprintf(tw, "mastodon instance\t%s\n", instance)
		fmt.Fprintf(tw, "keep read items\t%s\n", model.KeepReadLabel(p.KeepReadMonths))
		fmt.Fprintf(tw, "suggest items\tfrom the last %d days\n", p.SuggestDays)
		for _, k := range model.Circles {
			fmt.Fprintf(tw, "cadence %s\t%s\n", k, fmtSpan(p.Cadence[k]))
		}
		return tw.Flush()
	})
}

// fmtSpan writes a duration the way parseDays reads it: 30d, 1d12h, 1h30m, 45m.
func fmtSpan(d time.Duration) string {
	d = d.Round(time.Minute)
	if d <= 0 {
		return "0"
	}
	var b strings.Builder
	for _, u := range []struct {
		unit time.Duration
		name string
	}{{24 * time.Hour, "d"}, {time.Hour, "h"}, {time.Minute, "m"}} {
		if n := d / u.unit; n > 0 {
			fmt.Fprintf(&b, "%d%s", n, u.name)
			d -= n * u.unit
		}
	}
	return b.String()
}
