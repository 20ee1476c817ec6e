// Package digest writes a community's digest: the items the user shared
// into it over a period, with their notes, as clean Markdown ready to post
// or mail.
package digest

import (
	"io"
	"net/url"
	"strings"
	"time"
)

// Entry is one item in a digest.
type Entry struct {
	Title  string
	URL    string
	Source string // the source's title
	Note   string // the user's "why this matters"
	// Why is the engine's reason for the suggestion. It is for the user's
	// eyes: the digest speaks in the user's own words (Note) only.
	Why    string
	Shared time.Time
}

// Markdown writes the digest of community for the period from..to (shown
// as dates, each in its own location; a zero end leaves it open): a "#
// <community> digest" heading with the period, the description as a
// paragraph, then per entry, in the order given, a "## [Title](URL)"
// heading (the plain title when the URL is not http or https), the source
// in italics and, when there is a note, "Why it matters: " and the note as
// one paragraph. Text from feeds (titles, sources, the community's name)
// is escaped so that it reads as written; the description and notes are
// the user's own and kept, as Markdown, with a note's lines joined.
func Markdown(w io.Writer, community string, description string, entries []Entry, from, to time.Time) error {
	var b strings.Builder
	heading := "Digest"
	if name := oneLine(community); name != "" {
		heading = escape(name) + " digest"
	}
	if p := period(from, to); p != "" {
		heading += ", " + p
	}
	b.WriteString("# " + heading + "\n")
	if d := strings.TrimSpace(description); d != "" {
		b.WriteString("\n" + d + "\n")
	}
	if len(entries) == 0 {
		b.WriteString("\nNothing was shared this time. See you in the next digest!\n")
	}
	for _, e := range entries {
		title := escape(oneLine(e.Title))
		if title == "" {
			title = "Untitled"
		}
		if u, ok := linkURL(e.URL); ok {
			title = "[" + title + "](" + u + ")"
		}
		b.WriteString("\n## " + title + "\n")
		if src := escape(oneLine(e.Source)); src != "" {
			b.WriteString("\n*" + src + "*\n")
		}
		if note := oneLine(e.Note); note != "" {
			b.WriteString("\nWhy it matters: " + note + "\n")
		}
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// period shows a date range for people: "26 November 2026",
// "20–26 November 2026", "28 October – 3 November 2026",
// "28 December 2026 – 3 January 2027"; "since 20 November 2026" when to is
// zero, "until ..." when from is; "" when both are.
func period(from, to time.Time) string {
	const full = "2 January 2006"
	switch {
	case from.IsZero() && to.IsZero():
		return ""
	case to.IsZero():
		return "since " + from.Format(full)
	case from.IsZero():
		return "until " + to.Format(full)
	}
	fy, fm, fd := from.Date()
	ty, tm, td := to.Date()
	switch {
	case fy == ty && fm == tm && fd == td:
		return from.Format(full)
	case fy == ty && fm == tm:
		return from.Format("2") + "–" + to.Format(full)
	case fy == ty:
		return from.Format("2 January") + " – " + to.Format(full)
	default:
		return from.Format(full) + " – " + to.Format(full)
	}
}

// escape backslash-escapes the characters that would make plain text
// mean something else in Markdown: emphasis (* _ ~), code (`), links and
// images ([ ]), HTML and autolinks (< >), headings' closing # and
// backslashes themselves; & only where it would start an entity.
func escape(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch c {
		case '\\', '`', '*', '_', '~', '[', ']', '<', '>', '#':
			b.WriteByte('\\')
		case '&':
			if entityAt(s[i:]) {
				b.WriteByte('\\')
			}
		}
		b.WriteByte(c)
	}
	return b.String()
}

// entityAt reports whether s starts with an HTML entity reference (&amp;, &#38;).
func entityAt(s string) bool {
	end := strings.IndexByte(s, ';')
	if end < 2 {
		return false
	}
	for _, r := range s[1:end] {
		if !(r == '#' || r >= '0' && r <= '9' || r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z') {
			return false
		}
	}
	return true
}

// oneLine trims s and joins its lines and runs of spaces into single spaces.
func oneLine(s string) string { return strings.Join(strings.Fields(s), " ") }

// linkURL returns u ready for a Markdown link destination when it is an
// absolute http or https URL.
func linkURL(u string) (string, bool) {
	u = strings.TrimSpace(u)
	p, err := url.Parse(u)
	if err != nil || (p.Scheme != "http" && p.Scheme != "https") || p.Host == "" {
		return "", false
	}
	return strings.NewReplacer(" ", "%20", "(", "%28", ")", "%29", "<", "%3C", ">", "%3E").Replace(u), true
}
