// Package sanitize makes HTML from feeds safe to display and turns it into
// plain text for search and previews.
//
// HTML rebuilds the markup from an allow-list in one pass over the token
// stream (as Miniflux does): only a fixed set of elements and attributes is
// ever written, text and attribute values are re-escaped, elements whose
// content is never shown (script, style, iframe...) go with their content,
// and relative href and src URLs are resolved against the item's base URL,
// dropping any URL that is not http, https or (for links) mailto. Nothing
// of the input reaches the output unparsed. HTMLText gives the plain text
// of the result from the same pass.
package sanitize

import (
	"bytes"
	"net/url"
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/net/html"
)

// allowed are the elements HTML keeps (their content is always kept,
// unless skipped). Anything else loses its tags but keeps its text.
var allowed = set(
	"a", "abbr", "acronym", "address", "article", "aside", "b", "bdi", "bdo", "big",
	"blockquote", "br", "caption", "center", "cite", "code", "col", "colgroup", "dd",
	"del", "details", "dfn", "div", "dl", "dt", "em", "figcaption", "figure", "footer",
	"h1", "h2", "h3", "h4", "h5", "h6", "header", "hgroup", "hr", "i", "img", "ins",
	"kbd", "li", "main", "mark", "ol", "p", "pre", "q", "rp", "rt", "ruby", "s", "samp",
	"section", "small", "span", "strike", "strong", "sub", "summary", "sup", "table",
	"tbody", "td", "tfoot", "th", "thead", "time", "tr", "tt", "u", "ul", "var", "wbr",
)

var (
	integer      = regexp.MustCompile(`^[0-9]+$`)
	numberOrPct  = regexp.MustCompile(`^[0-9]+%?$`)
	languageTag  = regexp.MustCompile(`^[A-Za-z]{1,8}(-[A-Za-z0-9]{1,8})*$`)
	direction    = regexp.MustCompile(`^(?i:ltr|rtl|auto)$`)
	dateTime     = regexp.MustCompile(`^[0-9A-Za-z:+.\- ]{1,40}$`)
	openAttr     = regexp.MustCompile(`^(?i:open)?$`)
	anyValue     = regexp.MustCompile(``)
	globalAttrs  = map[string]*regexp.Regexp{"title": anyValue, "lang": languageTag, "dir": direction}
	elementAttrs = map[string]map[string]*regexp.Regexp{
		"img":     {"alt": anyValue, "width": numberOrPct, "height": numberOrPct},
		"td":      {"colspan": integer, "rowspan": integer},
		"th":      {"colspan": integer, "rowspan": integer},
		"ol":      {"start": integer},
		"time":    {"datetime": dateTime},
		"del":     {"datetime": dateTime},
		"ins":     {"datetime": dateTime},
		"details": {"open": openAttr},
	}
)

// attrAllowed reports whether element may keep attribute key with value v.
// href and src are checked apart, as URLs.
func attrAllowed(element, key, v string) bool {
	if re, ok := globalAttrs[key]; ok {
		return re == anyValue || re.MatchString(v)
	}
	if re, ok := elementAttrs[element][key]; ok {
		return re == anyValue || re.MatchString(v)
	}
	return false
}

func set(names ...string) map[string]bool {
	m := make(map[string]bool, len(names))
	for _, n := range names {
		m[n] = true
	}
	return m
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

var skipSet = set(skipNames...)

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
	h, _ := sanitize(s, base, false)
	return h
}

// HTMLText returns HTML(s, base) and its plain text, Text(HTML(s, base)),
// from a single pass over s.
func HTMLText(s string, base string) (safeHTML, text string) {
	return sanitize(s, base, true)
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

// sanitize rebuilds s from an allow-list, in one pass over its tokens:
// only allowed elements and attributes are written, every URL is resolved
// and checked, text is re-escaped, and skipped elements (script, style...)
// are dropped with their content, as are comments and doctypes. With
// withText it also collects the text of what it writes, as Text would.
func sanitize(s string, base string, withText bool) (string, string) {
	if strings.TrimSpace(s) == "" {
		return "", ""
	}
	b := baseURL(base)
	var out strings.Builder
	out.Grow(len(s))
	var t textBuilder
	if withText {
		t.out.Grow(len(s))
	}
	z := html.NewTokenizer(strings.NewReader(s))
	var skip skipper
	var links []bool // for each open <a>: whether its start tag was written
	var attrs []html.Attribute
	for {
		tt := z.Next()
		switch tt {
		case html.ErrorToken:
			return strings.TrimSpace(out.String()), t.String()
		case html.CommentToken, html.DoctypeToken:
			continue
		case html.TextToken:
			if !skip.active() {
				txt := validText(z.Text())
				escapeText(&out, txt)
				if withText {
					t.text(txt, t.pre > 0)
				}
			}
			continue
		}
		name, hasAttr := z.TagName()
		tag := string(name)
		if skip.tag(tt, tag) || !allowed[tag] {
			continue
		}
		if tt == html.EndTagToken {
			if void[tag] {
				// XHTML's <br></br>: an HTML parser would read </br> as
				// a second <br>.
				continue
			}
			if tag == "a" {
				// Only the end of a link whose start was written.
				if len(links) == 0 {
					continue
				}
				kept := links[len(links)-1]
				links = links[:len(links)-1]
				if !kept {
					continue
				}
			}
			out.WriteString("</")
			out.WriteString(tag)
			out.WriteByte('>')
		} else {
			attrs = attrs[:0]
			for hasAttr {
				var k, v []byte
				k, v, hasAttr = z.TagAttr()
				attrs = append(attrs, html.Attribute{Key: string(k), Val: string(v)})
			}
			attrs = safeAttrs(tag, attrs, b)
			switch {
			case tag == "img" && !hasKey(attrs, "src"):
				// An image without a usable source shows nothing.
				continue
			case tag == "a" && tt == html.StartTagToken:
				kept := hasKey(attrs, "href")
				links = append(links, kept)
				if !kept {
					continue
				}
			}
			if tag == "a" && hasKey(attrs, "href") {
				attrs = append(attrs, html.Attribute{Key: "rel", Val: "noreferrer"})
			}
			out.WriteByte('<')
			out.WriteString(tag)
			for _, a := range attrs {
				out.WriteByte(' ')
				out.WriteString(a.Key)
				out.WriteString(`="`)
				escapeAttr(&out, a.Val)
				out.WriteByte('"')
			}
			if tt == html.SelfClosingTagToken {
				out.WriteByte('/')
			}
			out.WriteByte('>')
		}
		if withText {
			t.tag(tt, tag)
		}
	}
}

// safeAttrs keeps the attributes element may have, the first of each name,
// with href and src resolved against base and dropped unless allowed.
func safeAttrs(element string, attrs []html.Attribute, base *url.URL) []html.Attribute {
	if element == "img" {
		promoteLazySrc(&attrs)
	}
	kept := attrs[:0]
	for i, a := range attrs {
		if hasKey(attrs[:i], a.Key) {
			continue
		}
		switch {
		case a.Key == "href" && element == "a":
			u, ok := resolve(a.Val, base, linkScheme)
			if !ok {
				continue
			}
			a.Val = u
		case a.Key == "src" && element == "img":
			u, ok := resolve(a.Val, base, imageScheme)
			if !ok {
				continue
			}
			a.Val = u
		case !attrAllowed(element, a.Key, a.Val):
			continue
		}
		kept = append(kept, a)
	}
	return kept
}

// validText returns b without NULs and invalid UTF-8, so that the text
// written is exactly the text a reader of the output gets back, however the
// pieces join up.
func validText(b []byte) []byte {
	if bytes.IndexByte(b, 0) < 0 && utf8.Valid(b) {
		return b
	}
	out := make([]byte, 0, len(b))
	for len(b) > 0 {
		r, n := utf8.DecodeRune(b)
		if r != 0 && !(r == utf8.RuneError && n == 1) {
			out = append(out, b[:n]...)
		}
		b = b[n:]
	}
	return out
}

// escapeText writes text with &, < and > escaped.
func escapeText(w *strings.Builder, b []byte) {
	last := 0
	for i, c := range b {
		var esc string
		switch c {
		case '&':
			esc = "&amp;"
		case '<':
			esc = "&lt;"
		case '>':
			esc = "&gt;"
		default:
			continue
		}
		w.Write(b[last:i])
		w.WriteString(esc)
		last = i + 1
	}
	w.Write(b[last:])
}

// escapeAttr writes an attribute value for a double-quoted attribute.
func escapeAttr(w *strings.Builder, s string) {
	last := 0
	for i := 0; i < len(s); i++ {
		var esc string
		switch s[i] {
		case '&':
			esc = "&amp;"
		case '<':
			esc = "&lt;"
		case '>':
			esc = "&gt;"
		case '"':
			esc = "&#34;"
		case 0:
		default:
			continue
		}
		w.WriteString(s[last:i])
		w.WriteString(esc)
		last = i + 1
	}
	w.WriteString(s[last:])
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

func hasKey(attrs []html.Attribute, key string) bool {
	for _, a := range attrs {
		if a.Key == key {
			return true
		}
	}
	return false
}

// promoteLazySrc gives a lazy-loaded image (src missing, empty or a data:
// placeholder, real URL in data-src or similar) its real URL as src.
func promoteLazySrc(attrs *[]html.Attribute) {
	a := *attrs
	src := -1
	for i := range a {
		if a[i].Key == "src" {
			src = i
			break
		}
	}
	if src >= 0 {
		v := strings.ToLower(strings.TrimSpace(a[src].Val))
		if v != "" && !strings.HasPrefix(v, "data:") {
			return
		}
	}
	for _, name := range lazySrc {
		for _, l := range a {
			if l.Key != name || strings.TrimSpace(l.Val) == "" {
				continue
			}
			if src >= 0 {
				a[src].Val = l.Val
			} else {
				*attrs = append(a, html.Attribute{Key: "src", Val: l.Val})
			}
			return
		}
	}
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
	t.out.Grow(len(s))
	z := html.NewTokenizer(strings.NewReader(s))
	var skip skipper
	for {
		tt := z.Next()
		switch tt {
		case html.ErrorToken:
			return t.String()
		case html.TextToken:
			if !skip.active() {
				t.text(z.Text(), t.pre > 0)
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
		t.tag(tt, tag)
	}
}

// asciiSpace are the ASCII bytes Text reads as white space (a newline
// apart: inside <pre> it ends a line); asciiStop ends a run of bytes that
// Text copies as they are: white space, newline and NUL.
var asciiSpace, asciiStop = func() (sp, stop [utf8.RuneSelf]bool) {
	for _, c := range []byte{' ', '\t', '\v', '\f', '\r'} {
		sp[c], stop[c] = true, true
	}
	stop['\n'], stop[0] = true, true
	return sp, stop
}()

// textBuilder collects text a line at a time.
type textBuilder struct {
	out  strings.Builder // grown to the input's size up front: text is never longer
	line bool            // a character was written on the current line
	gap  bool            // white space is pending before the next character
	pre  int             // depth of <pre> elements: their newlines end lines
}

// tag applies a tag's effect on the text: line breaks, block elements
// (which start and end a line), table cells (a space) and <pre>.
func (t *textBuilder) tag(tt html.TokenType, tag string) {
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
				t.pre++
			case html.EndTagToken:
				if t.pre > 0 {
					t.pre--
				}
			}
		}
	}
}

func (t *textBuilder) text(b []byte, pre bool) {
	for len(b) > 0 {
		if c := b[0]; c < utf8.RuneSelf && c != '\n' && c != 0 {
			// ASCII fast path, the same as below for these bytes: a
			// run of visible ASCII is written at once.
			if asciiSpace[c] {
				t.gap = true
				b = b[1:]
				continue
			}
			j := 1
			for j < len(b) && b[j] < utf8.RuneSelf && !asciiStop[b[j]] {
				j++
			}
			if t.gap && t.line {
				t.out.WriteByte(' ')
			}
			t.gap = false
			t.line = true
			t.out.Write(b[:j])
			b = b[j:]
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
