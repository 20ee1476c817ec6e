// Package parse turns a fetched feed body (RSS 0.9x, 1.0 and 2.0, Atom 0.3
// and 1.0, JSON Feed) into normalised items ready for storage: text
// converted to UTF-8, links made absolute, HTML sanitised, titles as plain
// text, and keys for spotting the same item again.
package parse

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"html"
	"net/url"
	"regexp"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"
	"unsafe"

	"github.com/mmcdole/gofeed"
	atomfeed "github.com/mmcdole/gofeed/atom"
	ext "github.com/mmcdole/gofeed/extensions"
	jsonfeed "github.com/mmcdole/gofeed/json"
	"github.com/mmcdole/gofeed/rss"
	xhtml "golang.org/x/net/html"
	htmlatom "golang.org/x/net/html/atom"

	"github.com/knowflow/knowflow/feeds/sanitize"
	"github.com/knowflow/knowflow/feeds/textenc"
	"github.com/knowflow/knowflow/model"
)

// Feed is a parsed feed.
type Feed struct {
	Title       string // plain text; empty when the feed has none
	SiteURL     string // absolute http(s) URL of the site, or ""
	Description string // plain text
	Language    string // as given by the feed, e.g. "en-us"
	Items       []Item // in feed order, without duplicates (same DedupeKey)
}

// Item is one entry of a feed.
type Item struct {
	GUID   string // the feed's id for the item (RSS guid, Atom id, JSON id), or ""
	Link   string // absolute http(s) URL of the item, or ""
	Title  string // plain text; derived from the content when the feed has none
	Author string // plain text, several authors separated by ", "

	// ContentHTML is the item's content (or, lacking that, its summary)
	// sanitised with sanitize.HTML against the item's link or the feed URL.
	ContentHTML string
	// Text is the plain text of ContentHTML, for search.
	Text string

	Categories []string // plain text, without duplicates

	// Published is when the item was published, falling back to Updated;
	// Updated is when it last changed. Both are UTC, zero when unknown.
	Published, Updated time.Time

	// DedupeKey identifies the item across fetches: "guid:"+GUID when the
	// feed gives one, else "link:"+Link, else "hash:"+ the hex SHA-256 of
	// the title and content as published.
	DedupeKey string
	// Hash is the hex SHA-256 of Title, ContentHTML, Link and the
	// enclosures' URLs: a changed Hash for a known DedupeKey is an
	// in-place update.
	Hash string

	// Enclosures are the item's attachments (a podcast episode, a PDF).
	Enclosures []model.Enclosure
}

// Parse parses an RSS 0.9x/1.0/2.0, Atom 0.3/1.0 or JSON Feed document.
//
// contentType is the HTTP Content-Type, used only for its charset when the
// body is not UTF-8 (see package textenc). feedURL, the URL the body was fetched
// from, resolves relative links.
//
// A body that is not a feed returns an error matching ErrNotFeed, such as
// "parse: not a feed (looks like an HTML page)", or ErrEmpty; a malformed
// one returns an error such as "parse: malformed XML: line 6: unexpected
// EOF" that wraps the decoder's error.
func Parse(body []byte, contentType, feedURL string) (feed *Feed, err error) {
	defer func() {
		if r := recover(); r != nil {
			feed = nil
			err = fmt.Errorf("parse: internal error: %v", r)
		}
	}()
	data := textenc.ToUTF8(trimJunk(body), contentType)
	kind, data, err := detect(data)
	if err != nil {
		return nil, err
	}
	min := liftMin
	if kind == kindJSON {
		min = -1
	}
	gf, err := gofeedParse(data, min)
	if err != nil {
		return nil, parseError(kind, err)
	}
	return normalise(gf, feedURL), nil
}

// gofeedParse parses a UTF-8 feed document with gofeed. With min >= 0 the
// CDATA sections of at least min bytes are lifted out first (see liftCDATA);
// the result is the same.
func gofeedParse(data []byte, min int) (*gofeed.Feed, error) {
	doc, sections := data, []string(nil)
	if min >= 0 {
		doc, sections = liftCDATA(data, min)
	}
	gf, err := newGofeed().Parse(bytes.NewReader(doc))
	if err != nil && sections != nil {
		// gofeed's own verdict on the original, with its line numbers.
		return newGofeed().Parse(bytes.NewReader(data))
	}
	if err != nil {
		return nil, err
	}
	if sections != nil {
		restore(gf, sections)
	}
	return gf, nil
}

// newGofeed returns a gofeed parser set up for normalise.
func newGofeed() *gofeed.Parser {
	p := gofeed.NewParser()
	// The original tells Atom text from HTML, JSON content_text from
	// content_html, and RSS permalink guids.
	p.KeepOriginalFeed = true
	// Item images are not used; finding them parses every item's HTML once
	// more (about a tenth of a refresh's CPU).
	p.RSSTranslator = &gofeed.DefaultRSSTranslator{DisableContentImageScan: true}
	return p
}

// normalise converts a gofeed result into a Feed.
func normalise(gf *gofeed.Feed, feedURL string) *Feed {
	feedBase := httpURL(feedURL, nil)
	f := &Feed{
		Title:       plainLine(gf.Title),
		Description: sanitize.Text(gf.Description),
		Language:    strings.ReplaceAll(strings.TrimSpace(gf.Language), "_", "-"),
	}
	site := httpURL(gf.Link, feedBase)
	for i := 0; site == nil && i < len(gf.Links); i++ {
		if gf.Links[i] != gf.FeedLink {
			site = httpURL(gf.Links[i], feedBase)
		}
	}
	if site != nil {
		f.SiteURL = site.String()
	}
	// Relative item links resolve against the site rather than the feed's
	// own URL: feeds served from elsewhere (feedburner, a CDN) still link
	// relative to the site.
	linkBase := site
	if linkBase == nil {
		linkBase = feedBase
	}

	orig := gf.OriginalFeed()
	var feedAuthor string
	if gf.FeedType == "atom" || gf.FeedType == "json" {
		// Atom and JSON Feed entries inherit the feed's authors.
		feedAuthor = authors(gf.Authors, gf.Author)
	}

	seen := make(map[string]bool, len(gf.Items))
	f.Items = make([]Item, 0, len(gf.Items))
	for i, gi := range gf.Items {
		if gi == nil {
			continue
		}
		it := item(gi, i, orig, linkBase, feedBase)
		if it.Author == "" {
			it.Author = feedAuthor
		}
		if seen[it.DedupeKey] {
			continue
		}
		seen[it.DedupeKey] = true
		f.Items = append(f.Items, it)
	}
	return f
}

// item normalises the i-th item of a feed; orig is the format-specific
// feed gofeed translated it from.
func item(gi *gofeed.Item, i int, orig any, linkBase, feedBase *url.URL) Item {
	it := Item{
		GUID:       strings.TrimSpace(gi.GUID),
		Author:     authors(gi.Authors, gi.Author),
		Categories: categories(gi.Categories),
	}

	// Link: the item's link, its other links, then an RSS guid that is a
	// permalink.
	candidates := append([]string{gi.Link}, gi.Links...)
	if g := permalinkGUID(orig, i); g != "" {
		candidates = append(candidates, g)
	}
	for _, c := range candidates {
		if u := httpURL(c, linkBase); u != nil {
			it.Link = u.String()
			break
		}
	}

	// Content: the full content, else the description or summary.
	raw, plain := content(gi, i, orig)
	src := raw
	if plain {
		src = textToHTML(raw)
	}
	base := it.Link
	if base == "" && feedBase != nil {
		base = feedBase.String()
	} else if base == "" && linkBase != nil {
		base = linkBase.String()
	}
	it.ContentHTML, it.Text = sanitize.HTMLText(src, base)
	if b, err := url.Parse(base); err == nil && base != "" {
		it.Enclosures = enclosures(gi, b)
	} else {
		it.Enclosures = enclosures(gi, nil)
	}

	it.Title = plainLine(gi.Title)
	if it.Title == "" {
		it.Title = plainLine(extValue(gi.Extensions, "media", "title"))
	}
	if it.Title == "" {
		it.Title = titleFromText(it.Text)
	}

	if gi.PublishedParsed != nil {
		it.Published = gi.PublishedParsed.UTC()
	}
	if gi.UpdatedParsed != nil {
		it.Updated = gi.UpdatedParsed.UTC()
	}
	if it.Published.IsZero() {
		it.Published = it.Updated
	}

	switch {
	case it.GUID != "":
		it.DedupeKey = "guid:" + it.GUID
	case it.Link != "":
		it.DedupeKey = "link:" + it.Link
	default:
		it.DedupeKey = "hash:" + hash(strings.TrimSpace(gi.Title), raw)
	}
	hashed := []string{it.Title, it.ContentHTML, it.Link}
	for _, e := range it.Enclosures {
		// Only items with enclosures hash them, so that the others keep
		// their hashes; those with enclosures are stored again once.
		hashed = append(hashed, e.URL)
	}
	it.Hash = hash(hashed...)
	return it
}

// content returns the item's content, else its description, and whether
// that is plain text rather than HTML.
func content(gi *gofeed.Item, i int, orig any) (s string, plain bool) {
	s, isContent := gi.Content, true
	if strings.TrimSpace(s) == "" {
		s, isContent = gi.Description, false
	}
	s = strings.TrimSpace(s)
	if s == "" {
		return "", false
	}
	switch o := orig.(type) {
	case *atomfeed.Feed:
		if isContent && i < len(o.Entries) && o.Entries[i] != nil && o.Entries[i].Content != nil {
			switch strings.ToLower(o.Entries[i].Content.Type) {
			case "text", "text/plain":
				// Honour the type unless the publisher plainly put HTML
				// in it anyway.
				if !hasMarkup(s) {
					return s, true
				}
			}
		}
	case *jsonfeed.Feed:
		if isContent && i < len(o.Items) && o.Items[i] != nil && o.Items[i].ContentHTML == "" {
			return s, true
		}
	}
	// Much HTML-by-convention content (RSS descriptions, podcast notes) is
	// plain text with line breaks; as HTML they would run together.
	if strings.Contains(s, "\n") && !looksLikeHTML(s) {
		return html.UnescapeString(s), true
	}
	return s, false
}

// extValue returns the value of the first ns:name extension element.
func extValue(exts ext.Extensions, ns, name string) string {
	for _, e := range exts[ns][name] {
		if v := strings.TrimSpace(e.Value); v != "" {
			return v
		}
	}
	return ""
}

// permalinkGUID returns the guid of the i-th RSS item when it is a
// permalink (isPermaLink not "false") and looks like a URL.
func permalinkGUID(orig any, i int) string {
	o, ok := orig.(*rss.Feed)
	if !ok || i >= len(o.Items) || o.Items[i] == nil || o.Items[i].GUID == nil {
		return ""
	}
	g := o.Items[i].GUID
	if strings.EqualFold(strings.TrimSpace(g.IsPermalink), "false") {
		return ""
	}
	v := strings.TrimSpace(g.Value)
	if l := strings.ToLower(v); strings.HasPrefix(l, "http://") || strings.HasPrefix(l, "https://") {
		return v
	}
	return ""
}

// httpURL resolves s against base (when not nil) and returns it if it is an
// absolute http or https URL with a host.
func httpURL(s string, base *url.URL) *url.URL {
	s = strings.TrimSpace(s)
	if s == "" || strings.ContainsFunc(s, unicode.IsControl) {
		return nil
	}
	u, err := url.Parse(s)
	if err != nil {
		return nil
	}
	if !u.IsAbs() {
		if base == nil {
			return nil
		}
		u = base.ResolveReference(u)
	}
	if (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return nil
	}
	return u
}

// authors joins the names (or, lacking a name, the emails) of people.
func authors(people []*gofeed.Person, one *gofeed.Person) string {
	if len(people) == 0 && one != nil {
		people = []*gofeed.Person{one}
	}
	var names []string
	seen := map[string]bool{}
	for _, p := range people {
		if p == nil {
			continue
		}
		n := plainLine(p.Name)
		if n == "" {
			n = plainLine(p.Email)
		}
		if n != "" && !seen[n] {
			seen[n] = true
			names = append(names, n)
		}
	}
	return strings.Join(names, ", ")
}

// categories returns cats as plain text, trimmed, without empty ones or
// duplicates.
func categories(cats []string) []string {
	var out []string
	seen := map[string]bool{}
	for _, c := range cats {
		c = plainLine(c)
		if c != "" && !seen[c] {
			seen[c] = true
			out = append(out, c)
		}
	}
	return out
}

// plainLine returns s as one line of plain text, for titles, names and
// categories. s is treated as HTML only when it clearly contains markup (see
// hasMarkup), so "Vector<int>" and "Why the <dialog> element" keep their
// brackets; entities are decoded either way.
func plainLine(s string) string {
	s = strings.TrimSpace(s)
	if s == "" {
		return ""
	}
	if hasMarkup(s) {
		s = sanitize.Text(s)
	} else {
		s = html.UnescapeString(s)
	}
	return strings.Join(strings.Fields(s), " ")
}

// looksLikeHTML reports whether s contains an HTML tag (one with a known
// element name) or a comment.
func looksLikeHTML(s string) bool {
	return scanTags(s, func(tt xhtml.TokenType, a htmlatom.Atom) bool { return true })
}

// hasMarkup reports whether s, a short text such as a title, contains
// markup rather than a mention of a tag: a comment, an end tag or a
// self-closing tag of a known element, or a start tag of a void element
// (br, img...) or of an element whose content is code (script, style).
func hasMarkup(s string) bool {
	return scanTags(s, func(tt xhtml.TokenType, a htmlatom.Atom) bool {
		switch tt {
		case xhtml.EndTagToken, xhtml.SelfClosingTagToken:
			return true
		}
		switch a {
		case htmlatom.Br, htmlatom.Img, htmlatom.Hr, htmlatom.Wbr, htmlatom.Script, htmlatom.Style, htmlatom.Iframe:
			return true
		}
		return false
	})
}

// scanTags reports whether s has a comment, or a tag of a known element for
// which match returns true.
func scanTags(s string, match func(xhtml.TokenType, htmlatom.Atom) bool) bool {
	if !strings.Contains(s, "<") {
		return false
	}
	z := xhtml.NewTokenizer(strings.NewReader(s))
	for {
		switch tt := z.Next(); tt {
		case xhtml.ErrorToken:
			return false
		case xhtml.CommentToken:
			return true
		case xhtml.StartTagToken, xhtml.EndTagToken, xhtml.SelfClosingTagToken:
			name, _ := z.TagName()
			if a := htmlatom.Lookup(name); a != 0 && match(tt, a) {
				return true
			}
		}
	}
}

// blankLines splits plain text into paragraphs.
var blankLines = regexp.MustCompile(`\n[ \t\r\f\v]*\n\s*`)

// textToHTML turns plain text into HTML: paragraphs at blank lines, line
// breaks at single newlines.
func textToHTML(s string) string {
	s = strings.ReplaceAll(strings.TrimSpace(s), "\r\n", "\n")
	paras := blankLines.Split(s, -1)
	var sb strings.Builder
	for _, p := range paras {
		p = html.EscapeString(strings.TrimSpace(p))
		p = strings.ReplaceAll(p, "\n", "<br>\n")
		if len(paras) == 1 {
			return p
		}
		sb.WriteString("<p>" + p + "</p>\n")
	}
	return sb.String()
}

// maxDerivedTitle is the length, in runes, of a title made from the text.
const maxDerivedTitle = 80

// titleFromText makes a title from an item's text: its first line, cut at
// a word boundary to at most about maxDerivedTitle runes.
func titleFromText(text string) string {
	line, _, _ := strings.Cut(text, "\n")
	line = strings.TrimSpace(line)
	if utf8.RuneCountInString(line) <= maxDerivedTitle {
		return line
	}
	cut, n := 0, 0
	for i := range line {
		if n == maxDerivedTitle {
			cut = i
			break
		}
		n++
	}
	// Back up to the last space, unless that loses too much.
	if sp := strings.LastIndexFunc(line[:cut], unicode.IsSpace); sp > cut/2 {
		cut = sp
	}
	return strings.TrimRightFunc(line[:cut], func(r rune) bool {
		return unicode.IsSpace(r) || unicode.IsPunct(r)
	}) + "…"
}

// hash returns the hex SHA-256 of parts, NUL-separated so that moving text
// from one part to the next changes it.
func hash(parts ...string) string {
	h := sha256.New()
	for i, p := range parts {
		if i > 0 {
			h.Write([]byte{0})
		}
		// Without copying p: Write neither keeps nor changes its argument.
		h.Write(unsafe.Slice(unsafe.StringData(p), len(p)))
	}
	return hex.EncodeToString(h.Sum(nil))
}
