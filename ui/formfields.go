package ui

import (
	"errors"
	"fmt"
	"net/url"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"fyne.io/fyne/v2"

	"github.com/knowflow/knowflow/model"
)

// The contact form's and the Preferences dialog's field helpers: what a
// field holds, how it is checked, what an error says.

func handleValues(c model.Contact, kind string) []string {
	var out []string
	for _, h := range c.Handles {
		if h.Kind == kind {
			out = append(out, h.Value)
		}
	}
	return out
}

func feedLines(s string) []string {
	var out []string
	for _, line := range strings.Split(s, "\n") {
		if line = strings.TrimSpace(line); line != "" {
			out = append(out, line)
		}
	}
	return out
}

// listValidator checks every part of a comma-separated list with check.
func listValidator(check func(string) error) fyne.StringValidator {
	return func(s string) error {
		for _, part := range model.SplitList(s) {
			if err := check(part); err != nil {
				return errors.New(friendlyError(err))
			}
		}
		return nil
	}
}

func httpValidator(what string) func(string) error {
	return func(s string) error {
		u, err := url.Parse(strings.TrimSpace(s))
		if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
			return fmt.Errorf("%s %q is not an http(s) URL", what, s)
		}
		return nil
	}
}

func clockValidator(s string) error {
	if strings.TrimSpace(s) == "" {
		return nil // the default
	}
	_, err := model.ParseClock(s)
	if err != nil {
		return errors.New(friendlyError(err))
	}
	return nil
}

// parseCadenceDays reads a number of days; empty is 0, the circle default.
func parseCadenceDays(s string) (time.Duration, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return 0, nil
	}
	d, err := strconv.ParseFloat(s, 64)
	if err != nil || d <= 0 || d > 3660 {
		return 0, fmt.Errorf("cadence %q is not a number of days like 7 (leave it empty for the circle default)", s)
	}
	return time.Duration(d * 24 * float64(time.Hour)).Round(time.Minute), nil
}

// formatDays is "every day", "every 7 days" or "every 12 hours".
func formatDays(d time.Duration) string {
	switch {
	case d == 24*time.Hour:
		return "every day"
	case d%(24*time.Hour) == 0:
		return fmt.Sprintf("every %d days", d/(24*time.Hour))
	case d < 24*time.Hour:
		return fmt.Sprintf("every %s hours", strconv.FormatFloat(d.Hours(), 'f', -1, 64))
	default:
		return fmt.Sprintf("every %s days", strconv.FormatFloat(d.Hours()/24, 'f', 1, 64))
	}
}

// friendlyError drops the package prefix ("model: ") and capitalises.
func friendlyError(err error) string {
	s := err.Error()
	for _, p := range []string{"model: ", "store: "} {
		s = strings.TrimPrefix(s, p)
	}
	if r, n := utf8.DecodeRuneInString(s); n > 0 && unicode.IsLower(r) {
		s = string(unicode.ToUpper(r)) + s[n:]
	}
	return s
}
