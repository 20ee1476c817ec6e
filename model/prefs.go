package model

import (
	"fmt"
	"strings"
	"sync"
	"time"
)

// Prefs are the user's preferences: how often to refresh, when not to be
// disturbed, where they are, and how often to share with each circle.
type Prefs struct {
	RefreshInterval  time.Duration // background refresh; default 60 min
	QuietStart       string        // "22:00": no reminders and no "when" from here...
	QuietEnd         string        // "07:00": ...to here (may wrap midnight)
	TimeZone         string        // IANA name; empty means the system's zone
	MastodonInstance string        // "mastodon.social": where "post to Mastodon" goes
	Cadence          map[Circle]time.Duration
	// KeepReadMonths is how long read items are kept, in calendar months
	// (0 keeps them forever, the default): an item read, and stored, longer
	// ago than that is pruned (store.PruneRead). Starred, noted and shared
	// items are always kept.
	KeepReadMonths int
	// SuggestDays is how far back, in days, the items Share suggests go
	// (default 14: model.SuggestWindow).
	SuggestDays int
	// NoRemoteImages is the preference "Load remote images" turned off:
	// the reader then shows a placeholder an image loads from when
	// clicked. The zero value loads them (the default).
	NoRemoteImages bool
}

// SuggestDayChoices are the usual values of Prefs.SuggestDays.
var SuggestDayChoices = []int{7, 14, 30, 60, 90}

// MaxSuggestDays bounds Prefs.SuggestDays.
const MaxSuggestDays = 365

// SuggestWindowOf is the span SuggestDays gives (SuggestWindow when unset).
func (p Prefs) SuggestWindowOf() time.Duration {
	if p.SuggestDays <= 0 {
		return SuggestWindow
	}
	return time.Duration(p.SuggestDays) * 24 * time.Hour
}

// KeepReadChoices are the usual values of Prefs.KeepReadMonths: forever,
// 1 year, 6 months, 3 months.
var KeepReadChoices = []int{0, 12, 6, 3}

// MaxKeepReadMonths bounds Prefs.KeepReadMonths (ten years).
const MaxKeepReadMonths = 120

// DefaultPrefs are the preferences of a new user.
func DefaultPrefs() Prefs {
	return Prefs{
		RefreshInterval: 60 * time.Minute,
		SuggestDays:     int(SuggestWindow / (24 * time.Hour)),
		QuietStart:      "22:00",
		QuietEnd:        "07:00",
		Cadence: map[Circle]time.Duration{
			CircleTeam:      CircleTeam.DefaultCadence(),
			CircleCommunity: CircleCommunity.DefaultCadence(),
			CircleNetwork:   CircleNetwork.DefaultCadence(),
		},
	}
}

// Normalize checks the preferences and fills what is missing with the
// defaults. It returns an error naming the field at fault.
func (p *Prefs) Normalize() error {
	d := DefaultPrefs()
	if p.RefreshInterval == 0 {
		p.RefreshInterval = d.RefreshInterval
	}
	if p.RefreshInterval < 5*time.Minute || p.RefreshInterval > 7*24*time.Hour {
		return fmt.Errorf("model: refresh interval %v is outside 5m..168h", p.RefreshInterval)
	}
	p.QuietStart, p.QuietEnd = strings.TrimSpace(p.QuietStart), strings.TrimSpace(p.QuietEnd)
	if p.QuietStart == "" && p.QuietEnd == "" {
		p.QuietStart, p.QuietEnd = d.QuietStart, d.QuietEnd
	}
	if _, err := ParseClock(p.QuietStart); err != nil {
		return fmt.Errorf("model: quiet hours start: %w", err)
	}
	if _, err := ParseClock(p.QuietEnd); err != nil {
		return fmt.Errorf("model: quiet hours end: %w", err)
	}
	p.TimeZone = strings.TrimSpace(p.TimeZone)
	if p.TimeZone != "" {
		if err := CheckZone(p.TimeZone); err != nil {
			return err
		}
	}
	p.MastodonInstance = strings.TrimSuffix(strings.TrimPrefix(strings.TrimPrefix(strings.TrimSpace(strings.ToLower(p.MastodonInstance)), "https://"), "http://"), "/")
	if strings.ContainsAny(p.MastodonInstance, "/@ ?#") {
		return fmt.Errorf("model: Mastodon instance %q should be a host name like mastodon.social", p.MastodonInstance)
	}
	if p.KeepReadMonths < 0 || p.KeepReadMonths > MaxKeepReadMonths {
		return fmt.Errorf("model: keep read items for %d months is outside 0 (forever)..%d", p.KeepReadMonths, MaxKeepReadMonths)
	}
	if p.SuggestDays == 0 {
		p.SuggestDays = d.SuggestDays
	}
	if p.SuggestDays < 1 || p.SuggestDays > MaxSuggestDays {
		return fmt.Errorf("model: suggest items from the last %d days is outside 1..%d", p.SuggestDays, MaxSuggestDays)
	}
	if p.Cadence == nil {
		p.Cadence = map[Circle]time.Duration{}
	}
	for _, c := range Circles {
		if p.Cadence[c] == 0 {
			p.Cadence[c] = d.Cadence[c]
		}
		if p.Cadence[c] < time.Hour {
			return fmt.Errorf("model: %s cadence %v is shorter than an hour", c, p.Cadence[c])
		}
	}
	return nil
}

// ReadCutoff is the cutoff of the keep-read preference at now: read items
// older than it may be pruned. ok is false when read items are kept
// forever.
func (p Prefs) ReadCutoff(now time.Time) (cutoff time.Time, ok bool) {
	if p.KeepReadMonths <= 0 {
		return time.Time{}, false
	}
	return now.AddDate(0, -p.KeepReadMonths, 0), true
}

// KeepReadLabel names a keep-read value as Preferences shows it: "forever",
// "1 year", "6 months", "3 months" (and "N months" for others).
func KeepReadLabel(months int) string {
	switch {
	case months <= 0:
		return "forever"
	case months == 12:
		return "1 year"
	case months%12 == 0:
		return fmt.Sprintf("%d years", months/12)
	case months == 1:
		return "1 month"
	}
	return fmt.Sprintf("%d months", months)
}

// Location is the user's time zone (the system's when unset or unknown).
func (p Prefs) Location() *time.Location {
	if loc, ok := LoadLocation(p.TimeZone); ok {
		return loc
	}
	return time.Local
}

var locations sync.Map // name → *time.Location

// LoadLocation is time.LoadLocation for a non-empty IANA name, remembered:
// loading a zone reads and parses zone data each time.
func LoadLocation(name string) (*time.Location, bool) {
	if name == "" {
		return nil, false
	}
	if loc, ok := locations.Load(name); ok {
		return loc.(*time.Location), true
	}
	loc, err := time.LoadLocation(name)
	if err != nil {
		return nil, false
	}
	locations.Store(name, loc)
	return loc, true
}

// CheckZone says whether name is an IANA time zone known here ("Local",
// which names no place, is not): the one check of every zone a person,
// a preference or an imported card gives.
func CheckZone(name string) error {
	if name != "Local" {
		if _, ok := LoadLocation(name); ok {
			return nil
		}
	}
	return fmt.Errorf("model: unknown time zone %q (want an IANA name like Europe/Lisbon)", name)
}

// Quiet reports whether t falls inside the user's quiet hours, and if so
// when they end.
func (p Prefs) Quiet(t time.Time) (bool, time.Time) {
	start, err1 := ParseClock(p.QuietStart)
	end, err2 := ParseClock(p.QuietEnd)
	if err1 != nil || err2 != nil || start == end {
		return false, time.Time{}
	}
	lt := t.In(p.Location())
	m := lt.Hour()*60 + lt.Minute()
	var in bool
	if start < end {
		in = m >= start && m < end
	} else {
		in = m >= start || m < end
	}
	if !in {
		return false, time.Time{}
	}
	d := lt.Day()
	if m >= end { // before midnight: quiet ends tomorrow
		d++
	}
	return true, time.Date(lt.Year(), lt.Month(), d, end/60, end%60, 0, 0, lt.Location())
}

// CadenceFor is how long to wait between two shares with c: their own
// cadence, else the shortest of their circles' cadences in these prefs.
func (p Prefs) CadenceFor(c Contact) time.Duration {
	if c.Cadence > 0 {
		return c.Cadence
	}
	best := time.Duration(0)
	for _, k := range c.Circles {
		d := p.Cadence[k]
		if d == 0 {
			d = k.DefaultCadence()
		}
		if best == 0 || d < best {
			best = d
		}
	}
	if best == 0 {
		best = p.Cadence[CircleNetwork]
		if best == 0 {
			best = CircleNetwork.DefaultCadence()
		}
	}
	return best
}
