package discover

import (
	"bytes"
	"io"
	"mime"
	"net/url"
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
	"golang.org/x/net/html/charset"
)

// link is a feed a page declares with <link rel="alternate">.
type link struct {
	URL   string
	Title string
	Type  string // declared kind, "" when the type does not say
}

// feedLinkType maps a <link type> to the feed kind it declares; ok is
// false for types that are not feeds. Generic XML and JSON types are
// accepted with kind "" since only the content can tell (WordPress, for
// one, links its REST API as application/json).
func feedLinkType(t string) (kind string, ok bool) {
	mt, _, err := mime.ParseMediaType(t)
	if err != nil {
		mt = strings.ToLower(strings.TrimSpace(t))
	}
	switch mt {
	case "application/rss+xml", "application/rdf+xml", "application/x-rss+xml":
		return TypeRSS, true
	case "application/atom+xml", "application/x-atom+xml":
		return TypeAtom, true
	case "application/feed+json":
		return TypeJSON, true
	case "application/json", "application/xml", "text/xml":
		return "", true
	}
	return "", false
}

// pageLinks parses an HTML page and returns the feeds it links to, in
// document order, resolved against the page's URL and its <base href>,
// and the page's title.
func pageLinks(body []byte, contentType string, page *url.URL) (links []link, title string) {
	var r io.Reader = bytes.NewReader(body)
	if cr, err := charset.NewReader(r, contentType); err == nil {
		r = cr
	}
	doc, err := html.Parse(r)
	if err != nil {
		return nil, ""
	}

	var (
		found     []rawLink
		baseHref  string
		haveBase  bool
		haveTitle bool
	)
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.ElementNode && n.Namespace == "" {
			switch n.DataAtom {
			case atom.Base:
				// Only the first <base href> counts.
				if href, ok := attr(n, "href"); ok && !haveBase {
					baseHref, haveBase = href, true
				}
			case atom.Title:
				if !haveTitle {
					title, haveTitle = textOf(n), true
				}
			case atom.Link:
				if l, ok := feedLink(n); ok {
					found = append(found, l)
				}
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(doc)

	base := page
	if haveBase {
		if b, err := page.Parse(strings.TrimSpace(baseHref)); err == nil && isHTTP(b) {
			base = b
		}
	}
	for _, f := range found {
		u, err := base.Parse(f.href)
		if err != nil || !isHTTP(u) || u.Host == "" {
			continue
		}
		u.Fragment, u.RawFragment = "", ""
		links = append(links, link{URL: u.String(), Title: f.title, Type: f.kind})
	}
	return links, strings.Join(strings.Fields(title), " ")
}

// rawLink is a feed link as written in the page, href not yet resolved.
type rawLink struct{ href, title, kind string }

// feedLink reads a <link rel="alternate" type="..." href="..."> that
// declares a feed (or rel="feed", whatever its type).
func feedLink(n *html.Node) (l rawLink, ok bool) {
	href, _ := attr(n, "href")
	href = strings.TrimSpace(href)
	if href == "" {
		return l, false
	}
	rel, _ := attr(n, "rel")
	var alternate, feed bool
	for _, r := range strings.Fields(strings.ToLower(rel)) {
		switch r {
		case "alternate":
			alternate = true
		case "feed":
			feed = true
		}
	}
	typ, _ := attr(n, "type")
	kind, isFeedType := feedLinkType(typ)
	if !(alternate && isFeedType) && !feed {
		return l, false
	}
	l.href, l.kind = href, kind
	l.title, _ = attr(n, "title")
	l.title = strings.Join(strings.Fields(l.title), " ")
	return l, true
}

func attr(n *html.Node, key string) (string, bool) {
	for _, a := range n.Attr {
		if a.Namespace == "" && a.Key == key {
			return a.Val, true
		}
	}
	return "", false
}

func textOf(n *html.Node) string {
	var b strings.Builder
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.TextNode {
			b.WriteString(n.Data)
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(n)
	return b.String()
}

func isHTTP(u *url.URL) bool {
	return u.Scheme == "http" || u.Scheme == "https"
}
