package sanitize

import (
	"fmt"
	"strings"

	"golang.org/x/net/html"
)

// banned are elements HTML must never output.
var banned = map[string]bool{
	"script": true, "style": true, "iframe": true, "object": true, "embed": true,
	"form": true, "input": true, "meta": true, "link": true, "base": true, "applet": true,
	"frame": true, "frameset": true, "svg": true, "math": true,
}

// checkAttrs parses out and checks every tag and attribute: no banned
// element, no on* or style attribute, every href passes SafeURL and every
// src is http or https.
func checkAttrs(out string) []string {
	var problems []string
	z := html.NewTokenizer(strings.NewReader(out))
	for {
		tt := z.Next()
		if tt == html.ErrorToken {
			return problems
		}
		if tt != html.StartTagToken && tt != html.SelfClosingTagToken {
			continue
		}
		tok := z.Token()
		if banned[tok.Data] {
			problems = append(problems, fmt.Sprintf("has a <%s> element", tok.Data))
		}
		for _, a := range tok.Attr {
			switch k := strings.ToLower(a.Key); {
			case strings.HasPrefix(k, "on"):
				problems = append(problems, fmt.Sprintf("<%s> has %s", tok.Data, a.Key))
			case k == "style":
				problems = append(problems, fmt.Sprintf("<%s> has a style attribute", tok.Data))
			case k == "href":
				if !SafeURL(a.Val) {
					problems = append(problems, fmt.Sprintf("<%s> has unsafe href %q", tok.Data, a.Val))
				}
			case k == "src":
				l := strings.ToLower(a.Val)
				if !SafeURL(a.Val) || !(strings.HasPrefix(l, "http://") || strings.HasPrefix(l, "https://")) {
					problems = append(problems, fmt.Sprintf("<%s> has non-http src %q", tok.Data, a.Val))
				}
			}
		}
	}
}
