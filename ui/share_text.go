package ui

import (
	"net/url"
	"strings"
)

// The text a share sends: plain, Markdown, an e-mail and a Mastodon post.

// shareText is "Title\nURL\n\nnote" (without a note, "Title\nURL").
func shareText(title, link, note string) string {
	t := strings.TrimSpace(title) + "\n" + strings.TrimSpace(link)
	if note = strings.TrimSpace(note); note != "" {
		t += "\n\n" + note
	}
	return t
}

// shareMarkdown is "[Title](URL)\n\n> note", the note quoted line by line.
func shareMarkdown(title, link, note string) string {
	t := strings.NewReplacer(`\`, `\\`, "[", `\[`, "]", `\]`).Replace(strings.Join(strings.Fields(title), " "))
	if u, err := url.Parse(strings.TrimSpace(link)); err == nil && webURL(u) {
		dest := strings.NewReplacer(" ", "%20", "(", "%28", ")", "%29", "<", "%3C", ">", "%3E").Replace(strings.TrimSpace(link))
		t = "[" + t + "](" + dest + ")"
	}
	if note = strings.TrimSpace(note); note != "" {
		lines := strings.Split(strings.ReplaceAll(note, "\r\n", "\n"), "\n")
		for i, l := range lines {
			lines[i] = strings.TrimRight("> "+l, " ")
		}
		t += "\n\n" + strings.Join(lines, "\n")
	}
	return t
}

// mailtoURL is a mailto: URL (RFC 6068) to addr with subject and body;
// spaces are %20 and line breaks %0D%0A, as mail programs expect.
func mailtoURL(addr, subject, body string) *url.URL {
	esc := func(v string) string {
		v = strings.ReplaceAll(strings.ReplaceAll(v, "\r\n", "\n"), "\n", "\r\n")
		return strings.ReplaceAll(url.QueryEscape(v), "+", "%20")
	}
	return &url.URL{Scheme: "mailto", Opaque: url.PathEscape(strings.TrimSpace(addr)),
		RawQuery: "subject=" + esc(subject) + "&body=" + esc(body)}
}

// mastodonShareURL is https://instance/share?text=… with the title, the
// link and the note; false when no instance is set.
func mastodonShareURL(instance, title, link, note string) (*url.URL, bool) {
	instance = strings.TrimSpace(instance)
	if instance == "" || strings.ContainsAny(instance, "/@ ?#") {
		return nil, false
	}
	text := strings.TrimSpace(title) + "\n" + strings.TrimSpace(link)
	if note = strings.TrimSpace(note); note != "" {
		text += "\n\n" + note
	}
	return &url.URL{Scheme: "https", Host: instance, Path: "/share",
		RawQuery: url.Values{"text": {text}}.Encode()}, true
}
