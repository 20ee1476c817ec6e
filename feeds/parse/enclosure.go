package parse

import (
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/mmcdole/gofeed"
	ext "github.com/mmcdole/gofeed/extensions"

	"github.com/knowflow/knowflow/model"
)

// maxEnclosures bounds what one item keeps: a feed of one item with a
// thousand attachments is hostile, not generous.
const maxEnclosures = 20

// enclosures are the item's attachments, each once, with absolute http(s)
// URLs: RSS enclosures, Atom rel=enclosure links and JSON Feed attachments
// (gofeed gives all three as Enclosures), then Media RSS content that is
// not an image (an image belongs in the text); the episode's duration
// from iTunes or Media RSS.
func enclosures(gi *gofeed.Item, base *url.URL) []model.Enclosure {
	var out []model.Enclosure
	seen := map[string]bool{}
	add := func(raw, typ, length, duration string) {
		u := httpURL(raw, base)
		if u == nil || seen[u.String()] || len(out) == maxEnclosures {
			return
		}
		seen[u.String()] = true
		e := model.Enclosure{URL: u.String(), Type: strings.ToLower(strings.TrimSpace(typ))}
		if n, err := strconv.ParseInt(strings.TrimSpace(length), 10, 64); err == nil && n > 1 { // 0 and 1 stand for "unknown"
			e.Length = n
		}
		e.Duration = parseDuration(duration)
		out = append(out, e)
	}
	itunes := ""
	if gi.ITunesExt != nil {
		itunes = gi.ITunesExt.Duration
	}
	for _, e := range gi.Enclosures {
		if e != nil {
			add(e.URL, e.Type, e.Length, itunes)
		}
	}
	for _, m := range mediaContent(gi.Extensions) {
		typ := m.Attrs["type"]
		if strings.HasPrefix(typ, "image/") || m.Attrs["medium"] == "image" {
			continue
		}
		add(m.Attrs["url"], typ, m.Attrs["fileSize"], m.Attrs["duration"])
	}
	if len(out) == 1 && out[0].Duration == 0 {
		out[0].Duration = parseDuration(itunes)
	}
	return out
}

// mediaContent are the item's media:content elements, also inside a
// media:group.
func mediaContent(exts ext.Extensions) []ext.Extension {
	out := append([]ext.Extension(nil), exts["media"]["content"]...)
	for _, g := range exts["media"]["group"] {
		out = append(out, g.Children["content"]...)
	}
	return out
}

// parseDuration reads a duration as podcasts write it: seconds ("1830"),
// "MM:SS" or "HH:MM:SS"; 0 when it cannot.
func parseDuration(s string) time.Duration {
	s = strings.TrimSpace(s)
	if s == "" {
		return 0
	}
	parts := strings.Split(s, ":")
	if len(parts) > 3 {
		return 0
	}
	var secs float64
	for _, p := range parts {
		v, err := strconv.ParseFloat(strings.TrimSpace(p), 64)
		if err != nil || v < 0 {
			return 0
		}
		secs = secs*60 + v
	}
	if secs > 7*24*3600 {
		return 0 // a week-long episode is a typo
	}
	return time.Duration(secs * float64(time.Second)).Round(time.Second)
}
