package suggest

import (
	"fmt"
	"strings"
	"time"

	"github.com/knowflow/knowflow/model"
)

// The words of a suggestion's "why", and the text the engine reads.

// body is the part of an item's text the engine reads: its first
// maxTextBytes.
func body(text string) string {
	if len(text) > maxTextBytes {
		return text[:maxTextBytes]
	}
	return text
}

func round(x float64) float64 { return float64(int(x*1000+0.5)) / 1000 }

// quotedVia lists interests for a sentence, each with the words that
// bridged it: 'remote work' (through 'distributed team') and 'hiring'.
func quotedVia(xs, through []string) string {
	q := make([]string, len(xs))
	for i, x := range xs {
		q[i] = "'" + x + "'" + via(through, i)
	}
	return andList(q)
}

// via is " (through 'words')" for a bridged interest, "" for a literal one.
func via(through []string, i int) string {
	if i < len(through) && through[i] != "" {
		return " (through '" + through[i] + "')"
	}
	return ""
}

// bridged is through, or nil when every match was literal.
func bridged(through []string) []string {
	for _, t := range through {
		if t != "" {
			return through
		}
	}
	return nil
}

// andList joins phrases for a sentence: a, b and c.
func andList(q []string) string {
	switch len(q) {
	case 0:
		return ""
	case 1:
		return q[0]
	}
	return strings.Join(q[:len(q)-1], ", ") + " and " + q[len(q)-1]
}

func contactWhy(matched, through []string, circle model.Circle, w workWindow, when time.Time, inHours bool, cadence time.Duration, last time.Time, nth int, snoozed bool) string {
	var b strings.Builder
	if circle == model.CircleNetwork {
		b.WriteString("strong match on " + quotedVia(matched, through))
	} else {
		b.WriteString("matches " + quotedVia(matched, through))
	}
	b.WriteString("; " + string(circle))
	place := city(w.loc)
	local := when.In(w.loc).Format("Mon 15:04")
	if inHours {
		fmt.Fprintf(&b, ", inside their working hours in %s (%s their time)", place, local)
	} else {
		fmt.Fprintf(&b, ", outside their working hours in %s, which fall in your quiet hours (%s their time)", place, local)
	}
	switch {
	case circle == model.CircleNetwork:
		fmt.Fprintf(&b, "; sparingly, at most once every %s", every(cadence))
	case nth > 0:
		fmt.Fprintf(&b, "; %s cadence after the one before", humanDuration(cadence))
	case !last.IsZero() && when.Sub(last) < cadence+24*time.Hour && !snoozed:
		fmt.Fprintf(&b, "; %s cadence since your last share (%s)", humanDuration(cadence), last.In(w.loc).Format("Mon 2 Jan"))
	}
	if snoozed {
		b.WriteString("; snoozed until then")
	}
	return b.String()
}

func communityWhy(matched, through []string, counts []int, k CommunityInfo, when time.Time, p model.Prefs, last time.Time) string {
	parts := make([]string, len(matched))
	for i, m := range matched {
		who := "1 member"
		if counts[i] > 1 {
			who = fmt.Sprintf("%d members", counts[i])
		}
		parts[i] = fmt.Sprintf("'%s' (%s)%s", m, who, via(through, i))
	}
	s := "matches " + andList(parts)
	s += fmt.Sprintf("; community, in the %s digest on %s", k.Name, when.In(p.Location()).Format("Mon 2 Jan 15:04"))
	if !last.IsZero() && when.Sub(last) < 8*24*time.Hour {
		s += fmt.Sprintf(" (a week after the last one, %s)", last.In(p.Location()).Format("Mon 2 Jan"))
	}
	return s
}
