package model

import (
	"fmt"
	"net/mail"
	"strings"
	"time"
)

// ParseClock checks an "HH:MM" 24-hour time and returns minutes after midnight.
func ParseClock(s string) (int, error) {
	t, err := time.Parse("15:04", strings.TrimSpace(s))
	if err != nil {
		return 0, fmt.Errorf("model: %q is not a time like 09:00", s)
	}
	return t.Hour()*60 + t.Minute(), nil
}

// NormalizeEmail checks an e-mail address and returns it bare and lower-cased
// ("Ada <ADA@x.org>" → "ada@x.org").
func NormalizeEmail(s string) (string, error) {
	a, err := mail.ParseAddress(strings.TrimSpace(s))
	if err != nil || !strings.Contains(a.Address, "@") {
		return "", fmt.Errorf("model: %q is not an e-mail address", s)
	}
	return strings.ToLower(a.Address), nil
}

// NormalizeMastodon checks a Mastodon handle ("@user@host" or "user@host",
// or a profile URL https://host/@user) and returns "user@host".
func NormalizeMastodon(s string) (string, error) {
	s = strings.TrimSpace(s)
	if strings.HasPrefix(s, "https://") || strings.HasPrefix(s, "http://") {
		rest := s[strings.Index(s, "//")+2:]
		host, path, ok := strings.Cut(rest, "/")
		if ok && strings.HasPrefix(path, "@") && host != "" {
			user := strings.TrimSuffix(strings.TrimPrefix(path, "@"), "/")
			if user != "" && !strings.ContainsAny(user, "/@") {
				return strings.ToLower(user + "@" + host), nil
			}
		}
		return "", fmt.Errorf("model: %q is not a Mastodon profile URL", s)
	}
	s = strings.TrimPrefix(s, "@")
	user, host, ok := strings.Cut(s, "@")
	if !ok || user == "" || host == "" || strings.ContainsAny(user+host, "@/ ") || !strings.Contains(host, ".") {
		return "", fmt.Errorf("model: %q is not a Mastodon handle like user@host", s)
	}
	return strings.ToLower(user + "@" + host), nil
}

// Normalize checks a contact and tidies it: trimmed fields, lower-cased
// e-mails, de-duplicated circles, communities and interests, default working
// hours. It returns an error naming the first field at fault; the contact is
// then not to be stored.
func (c *Contact) Normalize() error {
	c.Name = strings.TrimSpace(c.Name)
	if c.Name == "" {
		return fmt.Errorf("model: a contact needs a name")
	}
	var emails []string
	seen := map[string]bool{}
	for _, e := range c.Emails {
		if strings.TrimSpace(e) == "" {
			continue
		}
		n, err := NormalizeEmail(e)
		if err != nil {
			return err
		}
		if !seen[n] {
			seen[n] = true
			emails = append(emails, n)
		}
	}
	c.Emails = emails

	var handles []Handle
	seenH := map[Handle]bool{}
	for _, h := range c.Handles {
		h.Value = strings.TrimSpace(h.Value)
		if h.Value == "" {
			continue
		}
		switch h.Kind {
		case HandleMastodon:
			v, err := NormalizeMastodon(h.Value)
			if err != nil {
				return err
			}
			h.Value = v
		case HandleWebsite, HandleProfile:
			if !strings.HasPrefix(h.Value, "http://") && !strings.HasPrefix(h.Value, "https://") {
				return fmt.Errorf("model: %s %q is not an http(s) URL", h.Kind, h.Value)
			}
		default:
			return fmt.Errorf("model: unknown handle kind %q", h.Kind)
		}
		if !seenH[h] {
			seenH[h] = true
			handles = append(handles, h)
		}
	}
	c.Handles = handles

	var circles []Circle
	seenC := map[Circle]bool{}
	for _, k := range c.Circles {
		k, err := ParseCircle(string(k))
		if err != nil {
			return err
		}
		if !seenC[k] {
			seenC[k] = true
			circles = append(circles, k)
		}
	}
	c.Circles = circles
	c.Communities = uniqueTrimmed(c.Communities)
	c.Interests = uniqueTrimmed(c.Interests)
	c.Role = strings.TrimSpace(c.Role)
	c.Organisation = strings.TrimSpace(c.Organisation)
	c.TimeZone = strings.TrimSpace(c.TimeZone)
	if c.TimeZone != "" {
		if err := CheckZone(c.TimeZone); err != nil {
			return err
		}
	}
	if c.WorkStart == "" {
		c.WorkStart = "09:00"
	}
	if c.WorkEnd == "" {
		c.WorkEnd = "17:00"
	}
	start, err := ParseClock(c.WorkStart)
	if err != nil {
		return err
	}
	end, err := ParseClock(c.WorkEnd)
	if err != nil {
		return err
	}
	if start == end {
		return fmt.Errorf("model: working hours %s-%s are empty", c.WorkStart, c.WorkEnd)
	}
	if c.Cadence < 0 {
		return fmt.Errorf("model: cadence cannot be negative")
	}
	switch c.Channel {
	case "":
		c.Channel = ChannelEmail
	case ChannelEmail, ChannelMastodon, ChannelCopy, ChannelOther:
	default:
		return fmt.Errorf("model: unknown channel %q (want email, mastodon, copy or other)", c.Channel)
	}
	return nil
}

// uniqueTrimmed trims, drops empties and case-insensitive duplicates, keeping order.
func uniqueTrimmed(xs []string) []string {
	var out []string
	seen := map[string]bool{}
	for _, x := range xs {
		x = strings.Join(strings.Fields(x), " ")
		k := strings.ToLower(x)
		if x == "" || seen[k] {
			continue
		}
		seen[k] = true
		out = append(out, x)
	}
	return out
}

// SplitList splits "a, b; c" into trimmed parts.
func SplitList(s string) []string {
	return uniqueTrimmed(strings.FieldsFunc(s, func(r rune) bool { return r == ',' || r == ';' || r == '\n' }))
}

// Merge adds what o knows to c: lists are joined without duplicates, and
// c's empty fields take o's values. c's own values win where both have one,
// so re-importing an older export never overwrites what the user edited.
func (c *Contact) Merge(o Contact) {
	if c.Name == "" || (isHandleName(c.Name) && !isHandleName(o.Name) && o.Name != "") {
		c.Name = o.Name
	}
	c.Emails = append(c.Emails, o.Emails...)
	c.Handles = append(c.Handles, o.Handles...)
	c.Circles = append(c.Circles, o.Circles...)
	c.Communities = append(c.Communities, o.Communities...)
	c.Interests = append(c.Interests, o.Interests...)
	c.SourceIDs = append(c.SourceIDs, o.SourceIDs...)
	fill := func(dst *string, src string) {
		if *dst == "" {
			*dst = src
		}
	}
	fill(&c.Role, o.Role)
	fill(&c.Organisation, o.Organisation)
	fill(&c.TimeZone, o.TimeZone)
	fill(&c.Notes, o.Notes)
	if c.Cadence == 0 {
		c.Cadence = o.Cadence
	}
	if o.LastContacted.After(c.LastContacted) {
		c.LastContacted = o.LastContacted
	}
	seen := map[int64]bool{}
	ids := c.SourceIDs[:0]
	for _, id := range c.SourceIDs {
		if !seen[id] {
			seen[id] = true
			ids = append(ids, id)
		}
	}
	c.SourceIDs = ids
}

// isHandleName reports whether a name is only a handle (user@host), as
// contacts from a Mastodon follows export are named.
func isHandleName(s string) bool {
	return strings.Contains(s, "@") && !strings.Contains(s, " ")
}
