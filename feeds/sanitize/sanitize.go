// Package sanitize makes HTML from feeds safe to display and turns it into
// plain text for search and previews.
//
// HTML runs in two stages. A first pass over the token stream drops
// elements whose content is never shown (script, style, iframe, object...),
// resolves relative href and src URLs against the item's base URL and drops
// any URL that is not http, https or (for links) mailto. A bluemonday
// allow-list policy then rebuilds the markup from a fixed set of elements
// and attributes, checking URLs again, so anything the first pass lets
// through still has to get past the policy.
package sanitize

import (
	"bytes"
	"net/url"
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/microcosm-cc/bluemonday"
	"golang.org/x/net/html"
)

// policy is built once: a bluemonday policy is safe for concurrent use
// once it is no longer being changed.
var policy = newPolicy()

func newPolicy() *bluemonday.Policy {
	p := bluemonday.NewPolicy()
	p.AllowElements(
		"a", "abbr", "acronym", "address", "article", "aside", "b", "bdi", "bdo", "big",
		"blockquote", "br", "caption", "center", "cite", "code", "col", "colgroup", "dd",
		"del", "details", "dfn", "div", "dl", "dt", "em", "figcaption", "figure", "footer",
		"h1", "h2", "h3", "h4", "h5", "h6", "header", "hgroup", "hr", "i", "img", "ins",
		"kbd", "li", "main", "mark", "ol", "p", "pre", "q", "rp", "rt", "ruby", "s", "samp",
		"section", "small", "span", "strike", "strong", "sub", "summary", "sup", "table",
		"tbody", "td", "tfoot", "th", "thead", "time", "tr", "tt", "u", "ul", "var", "wbr",
	)
	p.AllowAttrs("href").OnElements("a")
	p.AllowAttrs("src", "alt").OnElements("img")
	p.AllowAttrs("width", "height").Matching(bluemonday.NumberOrPercent).OnElements("img")
	p.AllowAttrs("title").Globally()
	p.AllowAttrs("lang").Matching(regexp.MustCompile(`^[A-Za-z]{1,8}(-[A-Za-z0-9]{1,8})*$`)).Globally()
	p.AllowAttrs("dir").Matching(regexp.MustCompile(`^(?i:ltr|rtl|auto)$`)).Globally()
	p.AllowAttrs("colspan", "rowspan").Matching(bluemonday.Integer).OnElements("td", "th")
	p.AllowAttrs("start").Matching(bluemonday.Integer).OnElements("ol")
	p.AllowAttrs("datetime").Matching(regexp.MustCompile(`^[0-9A-Za-z:+.\- ]{1,40}$`)).OnElements("time", "del", "ins")
	p.AllowAttrs("open").Matching(regexp.MustCompile(`^(?i:open)?$`)).OnElements("details")

	p.RequireParseableURLs(true)
	p.AllowRelativeURLs(false)
	p.AllowURLSchemes("http", "https", "mailto")
	p.RequireNoReferrerOnLinks(true)
	// Besides bluemonday's defaults (script, style, iframe, ...).
	p.SkipElementsContent(skipNames...)
	p.AllowElementsContent("object")
	return p
}

// skipNames are elements dropped together with their content: their text is
// code, or a fallback a reader never sees. Void elements (embed, frame) have
// no content and must not be listed: their end tag never comes. Nor are
// object and applet: their content is the fallback shown when the plugin
// can't run, which is always here (and an unclosed <object> would otherwise
// swallow the rest of the item).
var skipNames = []string{
	"frameset", "iframe", "noembed", "noframes", "noscript", "nostyle", "script",
	"style", "template", "title",
}

var skipSet = func() map[string]bool {
	m := make(map[string]bool, len(skipNames))
	for _, n := range skipNames {
		m[n] = true
	}
	return m
}()

// rawText are the skipped elements that make the tokenizer read everything
// up to their end tag as text, even when the start tag is written
// self-closing ("<script/>"), so that such a tag still starts skipping.
var rawText = map[string]bool{
	"iframe": true, "noembed": true, "noframes": true, "noscript": true,
	"script": true, "style": true, "title": true,
}

// void elements have no content and no end tag.
var void = map[string]bool{
	"area": true, "base": true, "br": true, "col": true, "embed": true, "hr": true,
	"img": true, "input": true, "link": true, "meta": true, "param": true,
	"source": true, "track": true, "wbr": true,
}

// lazySrc are attributes lazy-loading scripts read the real image URL from.
var lazySrc = []string{"data-src", "data-lazy-src", "data-original"}

// HTML returns safe HTML for display. Only links (a href) with an http,
// https or mailto URL and images (img src) with an http or https URL
// survive; script, style, iframe, object, embed, form and similar elements
// are removed (script and style with their content), as are event handler
// (on*) and style attributes, and javascript:, data: and vbscript: URLs.
// Relative URLs are resolved against base (the item's link or the feed's
// URL) when it is an absolute http or https URL; relative URLs that can't
// be resolved are dropped.
func HTML(s string, base string) string {
	if strings.TrimSpace(s) == "" {
		return ""
	}
	b := baseURL(base)
	pre := prepare(s, b)
	return strings.TrimSpace(policy.Sanitize(pre))
}

// baseURL parses base, returning nil unless it is an absolute http or https
// URL with a host.
func baseURL(base string) *url.URL {
	base = strings.TrimSpace(base)
	if base == "" || hasControl(base) {
		return nil
	}
	u, err := url.Parse(base)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return nil
	}
	return u
}

// prepare drops skipped elements and their content, comments and doctypes,
// and rewrites href and src attributes to absolute, allowed URLs (removing
// those that can't be). Everything else is copied through unchanged for the
// policy to judge.
func prepare(s string, base *url.URL) string {
	var out strings.Builder
	out.Grow(len(s))
	z := html.NewTokenizer(strings.NewReader(s))
	var skip skipper
	for {
		tt := z.Next()
		switch tt {
		case html.ErrorToken:
			return out.String()
		case html.CommentToken, html.DoctypeToken:
			continue
		case html.TextToken:
			if !skip.active() {
				out.Write(z.Raw())
			}
			continue
		}
		raw := z.Raw()
		name, anyAttr := z.TagName()
		if skip.tag(tt, string(name)) {
			continue
		}
		if tt == html.EndTagToken && void[string(name)] {
			// XHTML's <br></br>: an HTML parser would read </br> as a
			// second <br>.
			continue
		}
		if tt == html.EndTagToken || !anyAttr {
			out.Write(raw)
			continue
		}
		// Raw is only valid until the next call into z; keep a copy in case
		// the tag needs no change.
		rawCopy := append([]byte(nil), raw...)
		tok := html.Token{Type: tt, Data: string(name)}
		for {
			k, v, more := z.TagAttr()
			tok.Attr = append(tok.Attr, html.Attribute{Key: string(k), Val: string(v)})
			if !more {
				break
			}
		}
		switch changed := rewriteAttrs(&tok, base); {
		case tok.Data == "img" && !hasAttr(tok, "src"):
			// An image without a usable source shows nothing.
		case changed:
			out.WriteString(tok.String())
		default:
			out.Write(rawCopy)
		}
	}
}

// skipper tracks whether the tokenizer is inside an element whose content
// is dropped.
type skipper struct {
	name  string // element being skipped, "" when not skipping
	depth int    // nesting of name inside itself
}

func (s *skipper) active() bool { return s.name != "" }

// tag updates the state for a tag token and reports whether the token
// belongs to skipped content (and so must not be written).
func (s *skipper) tag(tt html.TokenType, name string) bool {
	if s.name != "" {
		if name == s.name {
			switch tt {
			case html.StartTagToken:
				s.depth++
			case html.EndTagToken:
				s.depth--
				if s.depth == 0 {
					s.name = ""
				}
			}
		}
		return true
	}
	if !skipSet[name] {
		return false
	}
	switch {
	case tt == html.StartTagToken, tt == html.SelfClosingTagToken && rawText[name]:
		s.name, s.depth = name, 1
	}
	return true
}

// rewriteAttrs resolves the URL attributes of tok, drops the ones that are
// not allowed, and reports whether tok changed.
func rewriteAttrs(tok *html.Token, base *url.URL) bool {
	changed := false
	if tok.Data == "img" {
		changed = promoteLazySrc(tok)
	}
	attrs := tok.Attr[:0]
	for _, a := range tok.Attr {
		var allowed func(*url.URL) bool
		switch a.Key {
		case "href":
			allowed = linkScheme
		case "src":
			allowed = imageScheme
		default:
			attrs = append(attrs, a)
			continue
		}
		u, ok := resolve(a.Val, base, allowed)
		if !ok {
			changed = true
			continue
		}
		if u != a.Val {
			a.Val = u
			changed = true
		}
		attrs = append(attrs, a)
	}
	tok.Attr = attrs
	return changed
}

func hasAttr(tok html.Token, key string) bool {
	for _, a := range tok.Attr {
		if a.Key == key {
			return true
		}
	}
	return false
}

// promoteLazySrc gives a lazy-loaded image (src missing, empty or a data:
// placeholder, real URL in data-src or similar) its real URL as src.
func promoteLazySrc(tok *html.Token) bool {
	src := -1
	for i, a := range tok.Attr {
		if a.Key == "src" {
			src = i
			break
		}
	}
	if src >= 0 {
		v := strings.ToLower(strings.TrimSpace(tok.Attr[src].Val))
		if v != "" && !strings.HasPrefix(v, "data:") {
			return false
		}
	}
	for _, name := range lazySrc {
		for _, a := range tok.Attr {
			if a.Key != name || strings.TrimSpace(a.Val) == "" {
				continue
			}
			if src >= 0 {
				tok.Attr[src].Val = a.Val
			} else {
				tok.Attr = append(tok.Attr, html.Attribute{Key: "src", Val: a.Val})
			}
			return true
		}
	}
	return false
}

func linkScheme(u *url.URL) bool {
	switch u.Scheme {
	case "http", "https":
		return u.Host != ""
	case "mailto":
		return u.Opaque != "" || u.Path != ""
	}
	return false
}

func imageScheme(u *url.URL) bool {
	return (u.Scheme == "http" || u.Scheme == "https") && u.Host != ""
}

// resolve returns raw as an absolute URL that allowed accepts, resolving it
// against base when it is relative.
func resolve(raw string, base *url.URL, allowed func(*url.URL) bool) (string, bool) {
	raw = strings.TrimSpace(raw)
	if raw == "" || hasControl(raw) {
		return "", false
	}
	u, err := url.Parse(raw)
	if err != nil {
		return "", false
	}
	if !u.IsAbs() {
		if base == nil {
			return "", false
		}
		u = base.ResolveReference(u)
	}
	if !allowed(u) {
		return "", false
	}
	return u.String(), true
}

// SafeURL reports whether u is an absolute URL with scheme http, https (and
// a host) or mailto. The scheme is matched case-insensitively, surrounding
// white space is ignored, and a URL containing control characters is never
// safe (browsers drop tabs and newlines inside URLs, so "java\nscript:" would
// otherwise slip through).
func SafeURL(u string) bool {
	_, ok := resolve(u, nil, linkScheme)
	return ok
}

// hasControl reports whether s contains an ASCII or C1 control character
// (or invalid UTF-8).
func hasControl(s string) bool {
	for _, r := range s {
		if r < 0x20 || (r >= 0x7f && r <= 0x9f) || r == utf8.RuneError {
			return true
		}
	}
	return false
}

// blocks are the elements that start and end a line of text.
var blocks = map[string]bool{
	"address": true, "article": true, "aside": true, "blockquote": true, "body": true,
	"caption": true, "center": true, "dd": true, "details": true, "dialog": true,
	"div": true, "dl": true, "dt": true, "fieldset": true, "figcaption": true,
	"figure": true, "footer": true, "form": true, "h1": true, "h2": true, "h3": true,
	"h4": true, "h5": true, "h6": true, "header": true, "hgroup": true, "hr": true,
	"html": true, "legend": true, "li": true, "main": true, "nav": true, "ol": true,
	"p": true, "pre": true, "section": true, "summary": true, "table": true,
	"tbody": true, "tfoot": true, "thead": true, "tr": true, "ul": true,
}

// Text returns the plain text of an HTML fragment, for search indexing and
// previews: entities are decoded, runs of white space collapse to one space,
// block elements (paragraphs, headings, list items, table rows...) and line
// breaks separate lines, and the content of script, style and similar
// elements is left out. Lines are joined with "\n"; there are no empty
// lines and no leading or trailing white space.
func Text(s string) string {
	if strings.TrimSpace(s) == "" {
		return ""
	}
	var t textBuilder
	z := html.NewTokenizer(strings.NewReader(s))
	var skip skipper
	pre := 0
	for {
		tt := z.Next()
		switch tt {
		case html.ErrorToken:
			return t.String()
		case html.TextToken:
			if !skip.active() {
				t.text(z.Text(), pre > 0)
			}
			continue
		case html.CommentToken, html.DoctypeToken:
			continue
		}
		name, _ := z.TagName()
		tag := string(name)
		if skip.tag(tt, tag) {
			continue
		}
		switch {
		case tag == "br":
			t.newline()
		case tag == "td" || tag == "th":
			t.space()
		case blocks[tag]:
			t.newline()
			if tag == "pre" {
				switch tt {
				case html.StartTagToken:
					pre++
				case html.EndTagToken:
					if pre > 0 {
						pre--
					}
				}
			}
		}
	}
}

// textBuilder collects text a line at a time.
type textBuilder struct {
	out  bytes.Buffer
	line bool // a character was written on the current line
	gap  bool // white space is pending before the next character
}

func (t *textBuilder) text(b []byte, pre bool) {
	for len(b) > 0 {
		if c := b[0]; c < utf8.RuneSelf && c != '\n' && c != 0 {
			// ASCII fast path, the same as below for these bytes.
			b = b[1:]
			switch c {
			case ' ', '\t', '\v', '\f', '\r':
				t.gap = true
			default:
				if t.gap && t.line {
					t.out.WriteByte(' ')
				}
				t.gap = false
				t.line = true
				t.out.WriteByte(c)
			}
			continue
		}
		r, n := utf8.DecodeRune(b)
		b = b[n:]
		switch {
		case pre && r == '\n':
			t.newline()
		case unicode.IsSpace(r):
			t.space()
		case r == 0 || r == utf8.RuneError && n == 1:
			// drop NULs and invalid bytes
		default:
			if t.gap && t.line {
				t.out.WriteByte(' ')
			}
			t.gap = false
			t.line = true
			t.out.WriteRune(r)
		}
	}
}

func (t *textBuilder) space() { t.gap = true }

func (t *textBuilder) newline() {
	if t.line {
		t.out.WriteByte('\n')
	}
	t.line, t.gap = false, false
}

func (t *textBuilder) String() string {
	return strings.TrimRight(t.out.String(), "\n")
}
