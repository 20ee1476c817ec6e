package opml

import (
	"bytes"
	"encoding/xml"
	"fmt"
	"io"
	"strings"
	"time"
)

// WriteTo writes d as an OPML 2.0 document in UTF-8, indented two spaces
// a level. Folders are outlines with text and title; feeds have type
// (d's, or "rss"), text, title, xmlUrl, and htmlUrl, description and
// category when set. Outlines with an XMLURL are written as feeds, the
// others as folders. Values are escaped (& < > " ' and tab and line
// breaks, so they read back verbatim); other characters are written as
// UTF-8. dateCreated, when set, is RFC 822 with a four-digit year.
//
// WriteTo implements io.WriterTo: it returns the bytes written.
func (d *Document) WriteTo(w io.Writer) (int64, error) {
	var b bytes.Buffer
	b.WriteString(xml.Header)
	b.WriteString("<opml version=\"2.0\">\n  <head>\n")
	element(&b, "title", d.Title)
	if !d.DateCreated.IsZero() {
		element(&b, "dateCreated", d.DateCreated.Format(time.RFC1123Z))
	}
	if d.OwnerName != "" {
		element(&b, "ownerName", d.OwnerName)
	}
	b.WriteString("  </head>\n  <body>\n")
	for _, o := range d.Outlines {
		writeOutline(&b, o, 2)
	}
	b.WriteString("  </body>\n</opml>\n")
	n, err := b.WriteTo(w)
	if err != nil {
		return n, fmt.Errorf("opml: writing: %w", err)
	}
	return n, nil
}

// element writes a <head> child element.
func element(b *bytes.Buffer, name, value string) {
	b.WriteString("    <" + name + ">")
	escape(b, value)
	b.WriteString("</" + name + ">\n")
}

func writeOutline(b *bytes.Buffer, o *Outline, depth int) {
	if o == nil {
		return
	}
	indent := strings.Repeat("  ", depth)
	b.WriteString(indent + "<outline")
	if u := strings.TrimSpace(o.XMLURL); u != "" {
		typ := strings.TrimSpace(o.Type)
		if typ == "" {
			typ = "rss"
		}
		title := o.feedTitle(u)
		attr(b, "type", typ)
		attr(b, "text", title)
		attr(b, "title", firstNonEmpty(o.Title, title))
		attr(b, "xmlUrl", u)
		if o.HTMLURL != "" {
			attr(b, "htmlUrl", strings.TrimSpace(o.HTMLURL))
		}
		if o.Description != "" {
			attr(b, "description", o.Description)
		}
		if o.Category != "" {
			attr(b, "category", o.Category)
		}
	} else {
		attr(b, "text", o.folderName())
		attr(b, "title", firstNonEmpty(o.Title, o.Text))
	}
	if len(o.Children) == 0 {
		b.WriteString("/>\n")
		return
	}
	b.WriteString(">\n")
	for _, c := range o.Children {
		writeOutline(b, c, depth+1)
	}
	b.WriteString(indent + "</outline>\n")
}

func attr(b *bytes.Buffer, name, value string) {
	b.WriteString(" " + name + "=\"")
	escape(b, value)
	b.WriteByte('"')
}

// escape writes s with XML's special characters, tab and line breaks
// escaped; xml.EscapeText also replaces what XML cannot hold with U+FFFD.
func escape(b *bytes.Buffer, s string) {
	_ = xml.EscapeText(b, []byte(s)) // a bytes.Buffer does not fail
}

// Build returns a document titled title holding subs, with a folder
// outline for each distinct Folder path, nested as the path says.
// Folders, and feeds within a folder, come in the order they are first
// seen in subs. Folder names are trimmed and empty ones skipped;
// subscriptions without an XMLURL, and repeats of one (the same XMLURL
// after trimming), are left out. DateCreated is the current time.
func Build(title string, subs []Subscription) *Document {
	doc := &Document{
		Title:       title,
		DateCreated: time.Now().Truncate(time.Second),
	}
	type key struct {
		parent *Outline // nil at top level
		name   string
	}
	folders := make(map[key]*Outline)
	seen := make(map[string]bool)
	for _, s := range subs {
		u := strings.TrimSpace(s.XMLURL)
		if u == "" || seen[u] {
			continue
		}
		seen[u] = true
		list := &doc.Outlines
		var parent *Outline
		for _, name := range s.Folder {
			name = strings.TrimSpace(name)
			if name == "" {
				continue
			}
			f := folders[key{parent, name}]
			if f == nil {
				f = &Outline{Text: name, Title: name}
				folders[key{parent, name}] = f
				*list = append(*list, f)
			}
			parent, list = f, &f.Children
		}
		feed := &Outline{
			Type:        "rss",
			Title:       strings.TrimSpace(s.Title),
			XMLURL:      u,
			HTMLURL:     strings.TrimSpace(s.HTMLURL),
			Description: s.Description,
			Category:    s.Category,
		}
		feed.Text = feed.feedTitle(u)
		*list = append(*list, feed)
	}
	return doc
}
