// Package opml reads and writes OPML 1.0 and 2.0 subscription lists, the
// format feed readers use to import and export their feeds and folders.
//
// Parse is lenient, because real exports are messy: it accepts a byte
// order mark, any encoding declared in the XML prolog, HTML entities such
// as &nbsp;, unescaped ampersands, and attribute names in any letter case
// (xmlUrl, xmlURL, xmlurl). It keeps what a feed reader uses, folders and
// feed subscriptions, and drops the rest: links, includes, feeds whose URL
// is not http or https, and empty folders. A file that is not OPML at all
// is refused with an error that says why.
//
// Malformed XML that Parse cannot read is reported with its line. One kind
// of malformed file is common enough to be repaired instead: raw HTML,
// quotes and all, copied into a description attribute.
//
// Document.WriteTo writes OPML 2.0. Subscriptions, Build, WriteTo and Parse
// round-trip: for subs from Subscriptions, the document Build(title, subs)
// writes parses back to the same subs, in the same order and folders. The
// order can change only when a folder's feeds are apart in subs (a
// document that repeats a folder name among siblings), since Build
// gathers them into one folder.
package opml

import (
	"errors"
	"net/url"
	"strings"
	"time"
)

// ErrNotOPML is wrapped by the error Parse returns for input that is not
// an OPML document: empty, not XML, XML with another root element, or
// OPML without a <body>.
var ErrNotOPML = errors.New("opml: not an OPML file")

// Limits on what Parse accepts.
const (
	// MaxFileSize is the largest input Parse reads, in bytes.
	MaxFileSize = 32 << 20
	// MaxDepth is how deeply outlines may nest; real exports use a few
	// levels, and the limit keeps hostile files from costing memory
	// quadratic in their size.
	MaxDepth = 100
)

// Outline is a folder (no XMLURL, may have Children) or a feed
// subscription. A feed may also have Children: they belong to a folder
// named after the feed.
type Outline struct {
	Text        string // the displayed name; OPML requires it
	Title       string // usually the same as Text
	Type        string // "rss" usually; empty for folders
	XMLURL      string // the feed's URL, http or https
	HTMLURL     string // the site's URL, http or https, or empty
	Description string
	Category    string // OPML 2.0 category attribute, kept verbatim
	Children    []*Outline
}

// Document is a parsed OPML file.
type Document struct {
	Title       string
	DateCreated time.Time // zero when absent or unparsable
	OwnerName   string
	Outlines    []*Outline
}

// Subscription is one flattened feed with its folder path.
type Subscription struct {
	Title       string
	XMLURL      string
	HTMLURL     string
	Description string
	Category    string
	// Folder is the path of folder names from the root, e.g.
	// []string{"Tech", "Go"}; nil at top level.
	Folder []string
}

// Subscriptions returns the document's feeds, depth-first in document
// order. A feed that appears more than once (the same XMLURL after
// trimming spaces) is kept where it first appears. Outlines that are not
// http or https feeds are left out, and folders without a name do not
// add to the path. Each Subscription has its own Folder slice.
func (d *Document) Subscriptions() []Subscription {
	if d == nil {
		return nil
	}
	var subs []Subscription
	seen := make(map[string]bool)
	var walk func(list []*Outline, path []string)
	walk = func(list []*Outline, path []string) {
		for _, o := range list {
			if o == nil {
				continue
			}
			if u, ok := o.feedURL(); ok {
				title := o.feedTitle(u)
				if !seen[u] {
					seen[u] = true
					var folder []string
					if len(path) > 0 {
						folder = append([]string(nil), path...)
					}
					subs = append(subs, Subscription{
						Title:       title,
						XMLURL:      u,
						HTMLURL:     webURL(o.HTMLURL),
						Description: o.Description,
						Category:    o.Category,
						Folder:      folder,
					})
				}
				if len(o.Children) > 0 {
					walk(o.Children, appendPath(path, title))
				}
				continue
			}
			walk(o.Children, appendPath(path, o.folderName()))
		}
	}
	walk(d.Outlines, nil)
	return subs
}

// appendPath returns path with name added, never sharing path's backing
// array; an empty name adds nothing.
func appendPath(path []string, name string) []string {
	if name == "" {
		return path
	}
	return append(path[:len(path):len(path)], name)
}

// feedURL returns the outline's feed URL and whether the outline is a feed
// subscription: an http or https xmlUrl on an outline that is not a link
// or an include.
func (o *Outline) feedURL() (string, bool) {
	t := strings.TrimSpace(o.Type)
	if strings.EqualFold(t, "link") || strings.EqualFold(t, "include") {
		return "", false
	}
	return normalizeFeedURL(o.XMLURL)
}

// feedTitle is the name a feed is shown by: text, else title, else the
// host of its URL u.
func (o *Outline) feedTitle(u string) string {
	if s := firstNonEmpty(o.Text, o.Title); s != "" {
		return s
	}
	if p, err := url.Parse(u); err == nil && p.Host != "" {
		return p.Host
	}
	return u
}

// folderName is the name a folder is shown by: text, else title; it may
// be empty.
func (o *Outline) folderName() string {
	return firstNonEmpty(o.Text, o.Title)
}

// normalizeFeedURL trims s and reports whether it is an http or https URL
// with a host. The feed: pseudo-scheme some old readers export
// (feed://host/path, feed:https://host/path) becomes http or https.
func normalizeFeedURL(s string) (string, bool) {
	s = strings.TrimSpace(s)
	if len(s) >= 5 && strings.EqualFold(s[:5], "feed:") {
		rest := s[5:]
		switch {
		case strings.HasPrefix(rest, "//"):
			s = "http:" + rest
		default:
			s = rest
		}
	}
	if !isWebURL(s) {
		return "", false
	}
	return s, true
}

// webURL returns s trimmed when it is an http or https URL, and "" when
// it is anything else (javascript:, data:, a relative path...).
func webURL(s string) string {
	s = strings.TrimSpace(s)
	if !isWebURL(s) {
		return ""
	}
	return s
}

func isWebURL(s string) bool {
	if s == "" {
		return false
	}
	u, err := url.Parse(s)
	if err != nil || u.Host == "" {
		return false
	}
	return strings.EqualFold(u.Scheme, "http") || strings.EqualFold(u.Scheme, "https")
}

func firstNonEmpty(ss ...string) string {
	for _, s := range ss {
		if s = strings.TrimSpace(s); s != "" {
			return s
		}
	}
	return ""
}
