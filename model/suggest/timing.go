package suggest

import (
	"strconv"
	"strings"
	"time"

	"github.com/knowflow/knowflow/model"
)

// clock is a time of day in minutes after midnight.
type clock int

func parseClock(s string, def clock) clock {
	m, err := model.ParseClock(s)
	if err != nil {
		return def
	}
	return clock(m)
}

// at is the instant of clock c on the day of t, in t's location.
func at(t time.Time, c clock) time.Time {
	return time.Date(t.Year(), t.Month(), t.Day(), int(c)/60, int(c)%60, 0, 0, t.Location())
}

func nextMidnight(t time.Time) time.Time {
	return time.Date(t.Year(), t.Month(), t.Day()+1, 0, 0, 0, 0, t.Location())
}

func weekday(d time.Weekday) bool { return d != time.Saturday && d != time.Sunday }

// workWindow is a contact's working hours on weekdays, in their zone.
type workWindow struct {
	loc        *time.Location
	start, end clock
}

func contactWindow(c model.Contact, p model.Prefs) workWindow {
	loc := p.Location()
	if l, ok := model.LoadLocation(c.TimeZone); ok {
		loc = l
	}
	return workWindow{loc: loc, start: parseClock(c.WorkStart, 9*60), end: parseClock(c.WorkEnd, 17*60)}
}

// next is the first instant at or after t inside the window. A window that
// ends before it starts runs over midnight and belongs to the weekday it
// starts on.
func (w workWindow) next(t time.Time) time.Time {
	t = t.In(w.loc)
	for i := 0; i < 16; i++ {
		start := at(t, w.start)
		end := at(t, w.end)
		if w.end <= w.start {
			end = end.AddDate(0, 0, 1)
			// Still inside yesterday's window, after midnight?
			ps, pe := start.AddDate(0, 0, -1), end.AddDate(0, 0, -1)
			if weekday(ps.Weekday()) && !t.Before(ps) && t.Before(pe) {
				return t
			}
		}
		if weekday(start.Weekday()) {
			if t.Before(start) {
				return start
			}
			if t.Before(end) {
				return t
			}
		}
		t = nextMidnight(t)
	}
	return t
}

// inside reports whether t is inside the window.
func (w workWindow) inside(t time.Time) bool { return w.next(t).Equal(t) }

// notQuiet moves t out of the user's quiet hours.
func notQuiet(t time.Time, p model.Prefs) time.Time {
	if quiet, end := p.Quiet(t); quiet {
		return end
	}
	return t
}

// slot is the first instant at or after t inside the window and outside the
// user's quiet hours. When the two never overlap in the coming fortnight
// (a contact who works while the user sleeps), it is the first instant
// outside quiet hours, and ok is false.
func (w workWindow) slot(t time.Time, p model.Prefs) (when time.Time, ok bool) {
	cur := t
	for i := 0; i < 40; i++ {
		n := w.next(cur)
		if quiet, end := p.Quiet(n); quiet {
			cur = end
			if cur.Sub(t) > 15*24*time.Hour {
				break
			}
			continue
		}
		return n, true
	}
	return notQuiet(t, p), false
}

// digestSlot is the first occurrence at or after t of the community's digest
// day and time in the user's zone, moved out of quiet hours if need be.
func digestSlot(t time.Time, k model.Community, p model.Prefs) time.Time {
	lt := t.In(p.Location())
	c := parseClock(k.DigestTime, 10*60)
	for i := 0; i < 8; i++ {
		d := at(time.Date(lt.Year(), lt.Month(), lt.Day()+i, 0, 0, 0, 0, lt.Location()), c)
		if d.Weekday() == k.DigestDay && !d.Before(lt) {
			return notQuiet(d, p)
		}
	}
	return notQuiet(lt, p)
}

// city names a zone for people: "America/New_York" → "New York".
func city(loc *time.Location) string {
	name := loc.String()
	if i := strings.LastIndexByte(name, '/'); i >= 0 {
		name = name[i+1:]
	}
	if name == "Local" || name == "" {
		return "your time zone"
	}
	return strings.ReplaceAll(name, "_", " ")
}

// spell splits a cadence into a count of days, or of hours when it is not
// whole days.
func spell(d time.Duration) (int, string) {
	if d >= 24*time.Hour && d%(24*time.Hour) == 0 {
		return int(d / (24 * time.Hour)), "day"
	}
	return max(int(d/time.Hour), 1), "hour"
}

// humanDuration says a cadence as an adjective ("7-day", "12-hour").
func humanDuration(d time.Duration) string {
	n, unit := spell(d)
	return strconv.Itoa(n) + "-" + unit
}

// every says a cadence after "every" ("30 days", "day", "12 hours").
func every(d time.Duration) string {
	n, unit := spell(d)
	if n == 1 {
		return unit
	}
	return strconv.Itoa(n) + " " + unit + "s"
}
