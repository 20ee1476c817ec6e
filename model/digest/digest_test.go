package digest

import (
	"errors"
	"strings"
	"testing"
	"time"
)

func day(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 10, 0, 0, 0, time.UTC) }

func TestMarkdown(t *testing.T) {
	entries := []Entry{
		{Title: "Remote onboarding that *actually* works", URL: "https://ana.example/posts/onboarding", Source: "Ana's blog",
			Note: "Our new hires wait a week for access.\nThis fixes it.", Why: "matches remote onboarding", Shared: day(2026, 11, 24)},
		{Title: "C# [preview] <b>release_notes</b> `v2` ~draft~ \\o/", URL: "https://x.example/a b_(c)", Source: "*Dev* news_feed"},
		{Title: "  Internal   memo ", URL: "file:///etc/passwd", Note: "> not a quote\n# not a heading"},
		{Title: "", URL: "mailto:someone@example.org", Source: ""},
		{Title: "Q&A: AT&T and &amp; entities", URL: "http://qa.example/1"},
	}
	var b strings.Builder
	err := Markdown(&b, "L&D Guild", "Monthly notes on *learning* at work.\n", entries, day(2026, 11, 20), day(2026, 11, 26))
	if err != nil {
		t.Fatal(err)
	}
	want := `# L&D Guild digest, 20–26 November 2026

Monthly notes on *learning* at work.

## [Remote onboarding that \*actually\* works](https://ana.example/posts/onboarding)

*Ana's blog*

Why it matters: Our new hires wait a week for access. This fixes it.

## [C\# \[preview\] \<b\>release\_notes\</b\> \` + "`" + `v2\` + "`" + ` \~draft\~ \\o/](https://x.example/a%20b_%28c%29)

*\*Dev\* news\_feed*

## Internal memo

Why it matters: > not a quote # not a heading

## Untitled

## [Q&A: AT&T and \&amp; entities](http://qa.example/1)
`
	if got := b.String(); got != want {
		t.Errorf("digest:\n%s\nwant:\n%s", got, want)
	}
}

func TestMarkdownEmpty(t *testing.T) {
	var b strings.Builder
	if err := Markdown(&b, "Go meetup", "", nil, day(2026, 10, 28), day(2026, 11, 3)); err != nil {
		t.Fatal(err)
	}
	want := `# Go meetup digest, 28 October – 3 November 2026

Nothing was shared this time. See you in the next digest!
`
	if b.String() != want {
		t.Errorf("empty digest:\n%s\nwant:\n%s", b.String(), want)
	}
}

func TestPeriod(t *testing.T) {
	for _, tc := range []struct {
		from, to time.Time
		want     string
	}{
		{day(2026, 11, 26), day(2026, 11, 26), "26 November 2026"},
		{day(2026, 11, 20), day(2026, 11, 26), "20–26 November 2026"},
		{day(2026, 10, 28), day(2026, 11, 3), "28 October – 3 November 2026"},
		{day(2026, 12, 28), day(2027, 1, 3), "28 December 2026 – 3 January 2027"},
		{day(2026, 11, 20), time.Time{}, "since 20 November 2026"},
		{time.Time{}, day(2026, 11, 26), "until 26 November 2026"},
		{time.Time{}, time.Time{}, ""},
	} {
		if got := period(tc.from, tc.to); got != tc.want {
			t.Errorf("period(%v, %v) = %q, want %q", tc.from, tc.to, got, tc.want)
		}
	}
	var b strings.Builder
	Markdown(&b, "  ", "", []Entry{{Title: "One", URL: "https://one.example/"}}, time.Time{}, time.Time{})
	if want := "# Digest\n\n## [One](https://one.example/)\n"; b.String() != want {
		t.Errorf("no name, no period:\n%q\nwant %q", b.String(), want)
	}
}

type failWriter struct{}

func (failWriter) Write([]byte) (int, error) { return 0, errors.New("disk full") }

func TestMarkdownWriteError(t *testing.T) {
	if err := Markdown(failWriter{}, "X", "", nil, time.Time{}, time.Time{}); err == nil || err.Error() != "disk full" {
		t.Errorf("write error = %v", err)
	}
}
