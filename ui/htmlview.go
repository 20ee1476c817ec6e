package ui

import (
	"net/url"
	"strings"

	"fyne.io/fyne/v2/widget"
	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"

	"github.com/knowflow/knowflow/feeds/sanitize"
)

// htmlSegments turns an item's sanitised HTML into rich text segments.
// Links become hyperlinks only when their URL is http, https or mailto (the
// sanitiser already ensured that; this checks again at the last step), and
// tapping one calls open. Images become blocks of their own (images.go).
func htmlSegments(src string, open func(*url.URL)) []widget.RichTextSegment {
	nodes, err := html.ParseFragment(strings.NewReader(src), &html.Node{Type: html.ElementNode, Data: "div", DataAtom: atom.Div})
	if err != nil {
		return []widget.RichTextSegment{&widget.TextSegment{Text: sanitize.Text(src), Style: widget.RichTextStyleParagraph}}
	}
	b := &segBuilder{open: open}
	for _, n := range nodes {
		b.walk(n, widget.RichTextStyleInline)
	}
	b.endBlock()
	if len(b.segs) == 0 {
		return []widget.RichTextSegment{&widget.TextSegment{Text: "(This item has no text.)", Style: widget.RichTextStyleParagraph}}
	}
	return b.segs
}

type segBuilder struct {
	segs []widget.RichTextSegment
	open func(*url.URL)
	// space is true when the last thing written ends with white space (or
	// nothing was written on this line yet), so leading spaces are dropped.
	space bool
	line  bool // something inline was written since the last block end
}

func (b *segBuilder) text(s string, style widget.RichTextStyle) {
	s = collapse(s)
	if b.space || !b.line {
		s = strings.TrimLeft(s, " ")
	}
	if s == "" {
		return
	}
	// Text in the style of the segment before goes into it: a rich text
	// breaks a line inside a segment only at a space, but may start any
	// segment on a new line ("word" "[1]" would put "[1]" first on one).
	if last := b.lastText(); last != nil && last.Style == style {
		last.Text += s
	} else {
		b.segs = append(b.segs, &widget.TextSegment{Text: s, Style: style})
	}
	b.space = strings.HasSuffix(s, " ")
	b.line = true
}

// lastText is the inline text segment written last on this line, if the
// last segment is one.
func (b *segBuilder) lastText() *widget.TextSegment {
	if !b.line || len(b.segs) == 0 {
		return nil
	}
	if last, ok := b.segs[len(b.segs)-1].(*widget.TextSegment); ok && last.Style.Inline {
		return last
	}
	return nil
}

// marker writes a footnote marker (or another superscript) glued to the
// word before it, in that word's segment, so that it never begins a line
// of its own. Digits and signs are written as superscript characters. A
// space between them is dropped ("word [1]" → "word[1]"): Fyne's rich
// text breaks a line at a no-break space too.
func (b *segBuilder) marker(s string, style widget.RichTextStyle) {
	s = superscript(strings.TrimSpace(collapse(s)))
	if last := b.lastText(); last != nil {
		last.Text = strings.TrimRight(last.Text, " ") + s
		b.space = false
		return
	}
	b.text(s, style)
}

// maxMarker is the longest superscript or footnote marker glued to the
// word before it; a longer <sup> is laid out as ordinary text.
const maxMarker = 12

// isMarker says s (a link's text) reads as a footnote reference: "1",
// "[12]", "(a)", "*", "†".
func isMarker(s string) bool {
	s = strings.TrimSpace(s)
	s = strings.TrimSuffix(strings.TrimSuffix(s, "]"), ")")
	s = strings.TrimPrefix(strings.TrimPrefix(s, "["), "(")
	r := []rune(s)
	if len(r) == 0 || len(r) > 3 {
		return false
	}
	for _, c := range r {
		if !(c >= '0' && c <= '9') && !strings.ContainsRune("*†‡§", c) && !(len(r) == 1 && c >= 'a' && c <= 'z') {
			return false
		}
	}
	return true
}

// superscripts are the characters that say digits and signs raised.
var superscripts = strings.NewReplacer("0", "⁰", "1", "¹", "2", "²", "3", "³", "4", "⁴", "5", "⁵", "6", "⁶",
	"7", "⁷", "8", "⁸", "9", "⁹", "+", "⁺", "-", "⁻", "(", "⁽", ")", "⁾")

// superscript is s raised when it is digits and signs only ("12" is
// "¹²"); other text ("th", "[1]") stays as it is.
func superscript(s string) string {
	for _, c := range s {
		if !strings.ContainsRune("0123456789+-()", c) {
			return s
		}
	}
	return superscripts.Replace(s)
}

func collapse(s string) string {
	var sb strings.Builder
	prevSpace := false
	for _, r := range s {
		if r == ' ' || r == '\n' || r == '\t' || r == '\r' || r == '\f' {
			if !prevSpace {
				sb.WriteByte(' ')
			}
			prevSpace = true
			continue
		}
		prevSpace = false
		sb.WriteRune(r)
	}
	return sb.String()
}

// endBlock ends the current paragraph, if one is open.
func (b *segBuilder) endBlock() {
	if !b.line {
		return
	}
	if last, ok := b.segs[len(b.segs)-1].(*widget.TextSegment); ok && last.Style.Inline {
		last.Text = strings.TrimRight(last.Text, " ")
		st := last.Style
		st.Inline = false
		last.Style = st
	} else {
		b.segs = append(b.segs, &widget.TextSegment{Style: widget.RichTextStyleParagraph})
	}
	b.line, b.space = false, true
}

func (b *segBuilder) link(text, href string) {
	u, err := url.Parse(href)
	if href == "" || err != nil || !sanitize.SafeURL(href) {
		b.text(text, widget.RichTextStyleInline)
		return
	}
	text = strings.TrimSpace(collapse(text))
	if text == "" {
		text = href
	}
	if b.line && isMarker(text) && u.Fragment != "" {
		// A footnote reference ("word[1]", "word [1]"): glued to its
		// word, as text.
		b.marker(text, widget.RichTextStyleInline)
		return
	}
	text = shortWord(text)
	if b.line && !b.space {
		b.text(" ", widget.RichTextStyleInline)
	}
	seg := &widget.HyperlinkSegment{Text: text, URL: u}
	if b.open != nil {
		seg.OnTapped = func() { b.open(u) }
	}
	b.segs = append(b.segs, seg)
	b.line, b.space = true, false
}

// maxLinkWord is the longest link text without a space shown whole: a
// rich text does not wrap inside a link, and a long URL as a link's text
// would run out of the pane.
const maxLinkWord = 48

// shortWord shortens a link's text that is one long word (a URL) to its
// start and end around an ellipsis.
func shortWord(s string) string {
	r := []rune(s)
	if len(r) <= maxLinkWord || strings.ContainsRune(s, ' ') {
		return s
	}
	return string(r[:maxLinkWord-16]) + "…" + string(r[len(r)-15:])
}

func attr(n *html.Node, key string) string {
	for _, a := range n.Attr {
		if a.Key == key {
			return a.Val
		}
	}
	return ""
}

// hasImage says n holds a picture.
func hasImage(n *html.Node) bool {
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if c.DataAtom == atom.Img || hasImage(c) {
			return true
		}
	}
	return false
}

func textOf(n *html.Node) string {
	var sb strings.Builder
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.TextNode {
			sb.WriteString(n.Data)
		}
		if n.Type == html.ElementNode && (n.DataAtom == atom.Script || n.DataAtom == atom.Style) {
			return
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(n)
	return sb.String()
}

func (b *segBuilder) walk(n *html.Node, style widget.RichTextStyle) {
	switch n.Type {
	case html.TextNode:
		b.text(n.Data, style)
		return
	case html.ElementNode:
	default:
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			b.walk(c, style)
		}
		return
	}
	switch n.DataAtom {
	case atom.Script, atom.Style, atom.Head, atom.Title:
		return
	case atom.A:
		b.link(textOf(n), attr(n, "href"))
		return
	case atom.Img:
		b.image(attr(n, "src"), attr(n, "alt"), attr(n, "width"), attr(n, "height"))
		return
	case atom.Br:
		b.endBlock()
		return
	case atom.Sup:
		// A footnote's marker, a power, "1st": raised and glued to the
		// word before it (a link in it, a footnote's, becomes its text).
		t := strings.TrimSpace(collapse(textOf(n)))
		if len([]rune(t)) <= maxMarker && !strings.Contains(t, " ") && !hasImage(n) {
			b.marker(t, style)
			return
		}
	case atom.H1, atom.H2, atom.H3, atom.H4, atom.H5, atom.H6:
		b.endBlock()
		st := widget.RichTextStyleSubHeading
		if n.DataAtom == atom.H1 || n.DataAtom == atom.H2 {
			st = widget.RichTextStyleHeading
		}
		if t := strings.TrimSpace(collapse(textOf(n))); t != "" {
			b.segs = append(b.segs, &widget.TextSegment{Text: t, Style: st})
		}
		b.line, b.space = false, true
		return
	case atom.Pre:
		b.endBlock()
		if t := strings.Trim(textOf(n), "\n"); t != "" {
			b.segs = append(b.segs, &widget.TextSegment{Text: t, Style: widget.RichTextStyleCodeBlock})
		}
		b.line, b.space = false, true
		return
	case atom.Ul, atom.Ol:
		b.endBlock()
		list := &widget.ListSegment{Ordered: n.DataAtom == atom.Ol}
		for li := n.FirstChild; li != nil; li = li.NextSibling {
			if li.Type != html.ElementNode {
				continue
			}
			if t := strings.TrimSpace(collapse(textOf(li))); t != "" {
				list.Items = append(list.Items, &widget.TextSegment{Text: t, Style: widget.RichTextStyleParagraph})
			}
		}
		if len(list.Items) > 0 {
			b.segs = append(b.segs, list)
		}
		b.line, b.space = false, true
		return
	case atom.Blockquote:
		b.endBlock()
		if t := strings.TrimSpace(collapse(textOf(n))); t != "" {
			b.segs = append(b.segs, &widget.TextSegment{Text: t, Style: widget.RichTextStyleBlockquote})
		}
		b.line, b.space = false, true
		return
	case atom.Hr:
		b.endBlock()
		b.segs = append(b.segs, &widget.SeparatorSegment{})
		return
	case atom.Strong, atom.B:
		style = widget.RichTextStyleStrong
	case atom.Em, atom.I:
		style = widget.RichTextStyleEmphasis
	case atom.Code, atom.Tt, atom.Kbd:
		style = widget.RichTextStyleCodeInline
	}
	block := isBlock(n.DataAtom)
	if block {
		b.endBlock()
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		b.walk(c, style)
	}
	if block {
		b.endBlock()
	}
}

func isBlock(a atom.Atom) bool {
	switch a {
	case atom.P, atom.Div, atom.Section, atom.Article, atom.Header, atom.Footer, atom.Aside, atom.Figure,
		atom.Figcaption, atom.Table, atom.Tr, atom.Dl, atom.Dt, atom.Dd, atom.Li, atom.Main, atom.Nav, atom.Details, atom.Summary:
		return true
	}
	return false
}
