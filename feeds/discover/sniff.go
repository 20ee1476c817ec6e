package discover

import (
	"bytes"
	"encoding/json"
	"encoding/xml"
	"io"
	"strings"

	"github.com/knowflow/knowflow/feeds/textenc"
)

// Feed types, as in Feed.Type.
const (
	TypeRSS  = "rss"  // RSS 0.9x/2.0, and RSS 1.0 (RDF)
	TypeAtom = "atom" // Atom 1.0 and 0.3
	TypeJSON = "json" // JSON Feed
)

// maxSniffTokens bounds how far into an XML document the sniffer reads
// looking for the feed's title.
const maxSniffTokens = 500

// IsFeed reports whether body is a feed, and which kind ("rss", "atom" or
// "json"), by its content: an XML document whose root is <rss>, <feed>, or
// <rdf:RDF> with a channel, items or the RSS 1.0/0.90 namespace; or a JSON object whose version is
// https://jsonfeed.org/version/.... contentType is only a hint, used for
// the character set of XML that does not declare one: a feed served as
// text/html is still a feed, and an HTML page served as application/xml
// is not.
func IsFeed(body []byte, contentType string) (kind string, ok bool) {
	kind, _, ok = sniff(body, contentType)
	return kind, ok
}

// sniff is IsFeed that also returns the feed's title when it finds one.
func sniff(body []byte, contentType string) (kind, title string, ok bool) {
	b := bytes.TrimPrefix(body, []byte("\xef\xbb\xbf")) // UTF-8 BOM
	b = bytes.TrimLeft(b, " \t\r\n")
	if len(b) == 0 {
		return "", "", false
	}
	switch b[0] {
	case '<':
		return sniffXML(b, contentType)
	case '{':
		return sniffJSON(b)
	}
	return "", "", false
}

func sniffJSON(b []byte) (kind, title string, ok bool) {
	var v struct {
		Version string `json:"version"`
		Title   string `json:"title"`
	}
	if err := json.Unmarshal(b, &v); err != nil {
		return "", "", false
	}
	if !strings.HasPrefix(v.Version, "https://jsonfeed.org/version/") &&
		!strings.HasPrefix(v.Version, "http://jsonfeed.org/version/") {
		return "", "", false
	}
	return TypeJSON, strings.TrimSpace(v.Title), true
}

// sniffXML decides by the root element and reads the feed's own title:
// rss>channel>title, RDF>channel>title or feed>title.
func sniffXML(b []byte, contentType string) (kind, title string, ok bool) {
	// The bytes as the parser will read them (package textenc), so the
	// title is read the same way, and never converted twice.
	d := xml.NewDecoder(bytes.NewReader(textenc.ToUTF8(b, contentType)))
	d.Strict = false
	d.AutoClose = xml.HTMLAutoClose
	d.Entity = xml.HTMLEntity
	d.CharsetReader = func(_ string, r io.Reader) (io.Reader, error) { return r, nil }

	var (
		path    []string // lowercased local names from the root down
		inTitle bool
		text    strings.Builder
		rdf     bool // root is RDF: a feed only with a channel or item
	)
	// done returns the verdict once the title is known, or the scan must
	// stop (error, token budget, first item).
	done := func() (string, string, bool) {
		if rdf && kind == "" {
			return "", "", false
		}
		return kind, strings.Join(strings.Fields(title), " "), kind != ""
	}
	for i := 0; i < maxSniffTokens; i++ {
		tok, err := d.Token()
		if err != nil {
			return done()
		}
		switch t := tok.(type) {
		case xml.StartElement:
			name := strings.ToLower(t.Name.Local)
			if len(path) == 0 {
				switch name {
				case "rss":
					kind = TypeRSS
				case "feed":
					kind = TypeAtom
				case "rdf":
					rdf = true
					if declaresRSSNamespace(t) {
						kind = TypeRSS
					}
				default:
					return "", "", false
				}
			}
			path = append(path, name)
			if rdf && kind == "" && len(path) == 2 && (name == "channel" || name == "item") {
				kind = TypeRSS
			}
			if name == "item" || name == "entry" {
				return done()
			}
			if name == "title" && title == "" && isFeedTitle(path) {
				inTitle = true
				text.Reset()
			}
		case xml.EndElement:
			if inTitle && len(path) > 0 && path[len(path)-1] == "title" {
				inTitle = false
				title = text.String()
				if kind != "" && title != "" {
					return done()
				}
			}
			if len(path) > 0 {
				path = path[:len(path)-1]
			}
		case xml.CharData:
			if inTitle {
				text.Write(t)
			}
		}
	}
	return done()
}

// RSS 1.0 and 0.90 namespaces: an RDF root that declares one is RSS even
// before (or without) a channel.
const (
	nsRSS10 = "http://purl.org/rss/1.0/"
	nsRSS09 = "http://my.netscape.com/rdf/simple/0.9/"
)

func declaresRSSNamespace(root xml.StartElement) bool {
	if root.Name.Space == nsRSS10 || root.Name.Space == nsRSS09 {
		return true
	}
	for _, a := range root.Attr {
		if (a.Name.Space == "xmlns" || a.Name.Local == "xmlns") && (a.Value == nsRSS10 || a.Value == nsRSS09) {
			return true
		}
	}
	return false
}

// isFeedTitle reports whether path ends at the feed's own title.
func isFeedTitle(path []string) bool {
	switch len(path) {
	case 2:
		return path[0] == "feed"
	case 3:
		return (path[0] == "rss" || path[0] == "rdf") && path[1] == "channel"
	}
	return false
}
