package sanitize

import (
	"strings"
	"sync"
	"testing"

	"golang.org/x/net/html"
)

const base = "https://example.org/blog/post.html"

func TestHTMLRemovesDangerousMarkup(t *testing.T) {
	tests := []struct {
		name, in, want string
	}{
		{"script", `safe<script>alert(1)</script> text`, `safe text`},
		{"script uppercase", `safe<SCRIPT type="text/javascript">alert(1)</SCRIPT> text`, `safe text`},
		{"script self-closing", `safe<script/>alert(1)</script> text`, `safe text`},
		{"script unterminated", `safe<script>alert(1)`, `safe`},
		{"script src", `a<script src="https://evil.example/x.js"></script>b`, `ab`},
		{"style element", `<style>p { color: red }</style><p>x</p>`, `<p>x</p>`},
		{"style attribute", `<p style="color:red">x</p>`, `<p>x</p>`},
		{"css expression", `<div style="width: expression(alert(1))">x</div>`, `<div>x</div>`},
		{"iframe", `a<iframe src="https://evil.example/">fallback</iframe>b`, `ab`},
		{"object keeps fallback", `a<object data="x.swf"><param name="a" value="b"><b>fallback</b></object>b`, `a<b>fallback</b>b`},
		{"unclosed object", `safe<object classid="clsid:C932"> <b>description</b>`, `safe <b>description</b>`},
		{"embed", `a<embed src="x.swf">b`, `ab`},
		{"applet keeps fallback", `a<applet code="x.class">fallback</applet>b`, `afallbackb`},
		{"form", `<form action="https://evil.example/"><input name="q" value="x"><button>Go</button></form>`, `Go`},
		{"event handlers", `<p onclick="alert(1)" onMouseOver="alert(2)">x</p>`, `<p>x</p>`},
		{"img onerror", `<img src="https://example.org/i.png" onerror="alert(1)">`, `<img src="https://example.org/i.png">`},
		{"javascript href", `<a href="javascript:alert(1)">x</a>`, `x`},
		{"javascript href mixed case", `<a href="JaVaScRiPt:alert(1)">x</a>`, `x`},
		{"javascript href entity", `<a href="&#106;avascript:alert(1)">x</a>`, `x`},
		{"javascript href with tab", `<a href="java&#x09;script:alert(1)">x</a>`, `x`},
		{"javascript href with newline", "<a href=\"java\nscript:alert(1)\">x</a>", `x`},
		{"javascript href leading space", `<a href="  javascript:alert(1)">x</a>`, `x`},
		{"vbscript href", `<a href="vbscript:msgbox(1)">x</a>`, `x`},
		{"data href", `<a href="data:text/html;base64,PHNjcmlwdD4=">x</a>`, `x`},
		{"data img", `<img src="data:image/png;base64,iVBORw0KGgo=" alt="a">`, ``},
		{"mailto img", `<img src="mailto:a@example.org">`, ``},
		{"ftp href", `<a href="ftp://example.org/f">x</a>`, `x`},
		{"meta refresh", `<meta http-equiv="refresh" content="0;url=javascript:alert(1)">x`, `x`},
		{"base element", `<base href="javascript:alert(1)//"><a href="x">y</a>`, `<a href="https://example.org/blog/x" rel="noreferrer">y</a>`},
		{"link element", `<link rel="stylesheet" href="https://evil.example/x.css">x`, `x`},
		{"svg script", `<svg><script>alert(1)</script></svg>x`, `x`},
		{"svg xlink", `<svg><a xlink:href="javascript:alert(1)">x</a></svg>`, `x`},
		{"comment", `a<!-- <script>alert(1)</script> -->b`, `ab`},
		{"noscript", `a<noscript><img src="https://example.org/i.png"></noscript>b`, `ab`},
		{"title", `<title>Page</title>text`, `text`},
		{"xhtml br", `a<br></br>b<img src="https://example.org/i.png"></img>`, `a<br>b<img src="https://example.org/i.png">`},
		{"unknown attribute", `<img border="0" i$="true" src="http://site.invalid/img.jpg" />`, `<img src="http://site.invalid/img.jpg"/>`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := HTML(tt.in, base)
			if got != tt.want {
				t.Errorf("HTML(%q)\n got %q\nwant %q", tt.in, got, tt.want)
			}
			assertSafe(t, got)
		})
	}
}

func TestHTMLKeepsSafeMarkup(t *testing.T) {
	in := `<h2>Title</h2><p>Some <b>bold</b>, <em>emphasis</em> and <code>code</code>.</p>` +
		`<blockquote>quote</blockquote><ul><li>one</li></ul><pre>a  b</pre>` +
		`<table><tr><th colspan="2">h</th></tr><tr><td>1</td><td>2</td></tr></table>` +
		`<p><a href="https://example.org/x" title="t">link</a> <a href="mailto:me@example.org">mail</a></p>` +
		`<img src="https://example.org/i.png" alt="pic" width="100" height="50%">`
	want := `<h2>Title</h2><p>Some <b>bold</b>, <em>emphasis</em> and <code>code</code>.</p>` +
		`<blockquote>quote</blockquote><ul><li>one</li></ul><pre>a  b</pre>` +
		`<table><tr><th colspan="2">h</th></tr><tr><td>1</td><td>2</td></tr></table>` +
		`<p><a href="https://example.org/x" title="t" rel="noreferrer">link</a> <a href="mailto:me@example.org" rel="noreferrer">mail</a></p>` +
		`<img src="https://example.org/i.png" alt="pic" width="100" height="50%">`
	if got := HTML(in, base); got != want {
		t.Errorf("HTML\n got %q\nwant %q", got, want)
	}
}

func TestHTMLResolvesRelativeURLs(t *testing.T) {
	tests := []struct {
		name, in, base, want string
	}{
		{"path relative", `<a href="next.html">n</a>`, base, `<a href="https://example.org/blog/next.html" rel="noreferrer">n</a>`},
		{"root relative", `<a href="/about">n</a>`, base, `<a href="https://example.org/about" rel="noreferrer">n</a>`},
		{"parent", `<img src="../img/a.png">`, base, `<img src="https://example.org/img/a.png">`},
		{"protocol relative", `<img src="//cdn.example.net/a.png">`, base, `<img src="https://cdn.example.net/a.png">`},
		{"query and entity", `<a href="?a=1&amp;b=2">q</a>`, base, `<a href="https://example.org/blog/post.html?a=1&amp;b=2" rel="noreferrer">q</a>`},
		{"fragment", `<a href="#c1">c</a>`, base, `<a href="https://example.org/blog/post.html#c1" rel="noreferrer">c</a>`},
		{"absolute kept", `<a href="http://other.example/x">x</a>`, base, `<a href="http://other.example/x" rel="noreferrer">x</a>`},
		{"no base drops relative", `<a href="next.html">n</a><img src="/a.png">`, "", `n`},
		{"non-http base drops relative", `<a href="next.html">n</a>`, "file:///etc/passwd", `n`},
		{"relative base drops relative", `<a href="next.html">n</a>`, "/feed.xml", `n`},
		{"no base keeps absolute", `<a href="https://example.org/">n</a>`, "", `<a href="https://example.org/" rel="noreferrer">n</a>`},
		{"lazy image", `<img src="data:image/gif;base64,R0lGOD" data-src="/real.jpg" alt="r">`, base, `<img src="https://example.org/real.jpg" alt="r">`},
		{"lazy image without src", `<img data-lazy-src="https://example.org/real.jpg">`, "", `<img src="https://example.org/real.jpg">`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := HTML(tt.in, tt.base); got != tt.want {
				t.Errorf("HTML(%q, %q)\n got %q\nwant %q", tt.in, tt.base, got, tt.want)
			}
		})
	}
}

func TestHTMLEmpty(t *testing.T) {
	for _, in := range []string{"", "  \n\t", "<script>x</script>", "<!-- c -->"} {
		if got := HTML(in, base); got != "" {
			t.Errorf("HTML(%q) = %q, want empty", in, got)
		}
	}
}

func TestHTMLConcurrent(t *testing.T) {
	in := `<p onclick="x">hi <a href="/x">x</a><script>alert(1)</script></p>`
	want := HTML(in, base)
	var wg sync.WaitGroup
	for i := 0; i < 8; i++ {
		wg.Add(1)
		go func(i int) {
			defer wg.Done()
			for j := 0; j < 50; j++ {
				if got := HTML(in, base); got != want {
					t.Errorf("goroutine %d: %q != %q", i, got, want)
					return
				}
			}
		}(i)
	}
	wg.Wait()
}

func TestText(t *testing.T) {
	tests := []struct {
		name, in, want string
	}{
		{"empty", "", ""},
		{"plain", "hello world", "hello world"},
		{"entities", "Tom &amp; Jerry &lt;3 &eacute;t&#233; &#x263A;", "Tom & Jerry <3 été ☺"},
		{"collapse", "  a \n\t b  ", "a b"},
		{"nbsp", "a&nbsp;&nbsp;b", "a b"},
		{"inline", "<b>bold</b> and <i>it</i>alic", "bold and italic"},
		{"paragraphs", "<p>one</p><p>two</p>", "one\ntwo"},
		{"br", "a<br>b<br/><br>c", "a\nb\nc"},
		{"headings and lists", "<h1>T</h1><ul><li>a</li><li>b</li></ul>rest", "T\na\nb\nrest"},
		{"table", "<table><tr><td>a</td><td>b</td></tr><tr><td>c</td></tr></table>", "a b\nc"},
		{"pre keeps lines", "<pre>x\n  y\n</pre>", "x\ny"},
		{"script and style", "a<script>var x = 1;</script>b<style>p{}</style>c", "abc"},
		{"script with markup inside", "a<script>document.write('<p>no</p>')</script>b", "ab"},
		{"comment", "a<!-- hidden -->b", "ab"},
		{"unclosed tags", "<p>a<div>b", "a\nb"},
		{"not a tag", "1 < 2 and 3 > 2", "1 < 2 and 3 > 2"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Text(tt.in); got != tt.want {
				t.Errorf("Text(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}

func TestSafeURL(t *testing.T) {
	tests := []struct {
		in   string
		want bool
	}{
		{"http://example.org/", true},
		{"https://example.org/a?b=c#d", true},
		{"HTTPS://EXAMPLE.ORG/", true},
		{"  https://example.org/  ", true},
		{"mailto:me@example.org", true},
		{"MailTo:me@example.org", true},
		{"", false},
		{"   ", false},
		{"/relative", false},
		{"relative.html", false},
		{"//example.org/x", false},
		{"http:/example.org", false},
		{"http://", false},
		{"mailto:", false},
		{"javascript:alert(1)", false},
		{"JAVASCRIPT:alert(1)", false},
		{" javascript:alert(1)", false},
		{"java\tscript:alert(1)", false},
		{"java\nscript:alert(1)", false},
		{"https://example.org/\x00", false},
		{"https://exa\u0085mple.org/", false},
		{"vbscript:msgbox", false},
		{"data:text/html,<script>alert(1)</script>", false},
		{"file:///etc/passwd", false},
		{"ftp://example.org/", false},
		{"https://exa mple.org/", false},
	}
	for _, tt := range tests {
		if got := SafeURL(tt.in); got != tt.want {
			t.Errorf("SafeURL(%q) = %v, want %v", tt.in, got, tt.want)
		}
	}
}

func FuzzHTML(f *testing.F) {
	for _, s := range []string{
		`<p onclick="x">hi <a href="/x">x</a><script>alert(1)</script></p>`,
		`<a href="java&#x09;script:alert(1)">x</a><img src=x onerror=alert(1)>`,
		`<scr<script>ipt>alert(1)</script>`,
		`<svg><style><img src=x onerror=alert(1)></style></svg>`,
		`<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>`,
		`<noscript><p title="</noscript><img src=x onerror=alert(1)>">`,
		`<xmp><script>alert(1)</script></xmp><plaintext><a href="javascript:x">`,
	} {
		f.Add(s, base)
	}
	f.Fuzz(func(t *testing.T, s, b string) {
		out := HTML(s, b)
		assertSafe(t, out)
		assertAllowListed(t, out)
		if again := HTML(out, b); again != out {
			t.Errorf("HTML is not idempotent on %q\n once: %q\ntwice: %q", s, out, again)
		}
		h, text := HTMLText(s, b)
		if h != out {
			t.Errorf("HTMLText's HTML %q != HTML's %q", h, out)
		}
		if want := Text(out); text != want {
			t.Errorf("HTMLText(%q) text %q, want Text of its HTML %q", s, text, want)
		}
		_ = SafeURL(s)
	})
}

// assertAllowListed parses out as a browser would (the HTML5 tree builder,
// not just the tokenizer) and checks that every element and attribute in
// the tree is on the allow-list.
func assertAllowListed(t *testing.T, out string) {
	t.Helper()
	doc, err := html.Parse(strings.NewReader(out))
	if err != nil {
		t.Fatalf("parse %q: %v", out, err)
	}
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.ElementNode {
			switch {
			case n.Data == "html" || n.Data == "head" || n.Data == "body":
			case !allowed[n.Data] || n.Namespace != "":
				t.Errorf("output %q has a <%s> element (namespace %q)", out, n.Data, n.Namespace)
			}
			for _, a := range n.Attr {
				ok := (a.Key == "href" && n.Data == "a") || (a.Key == "src" && n.Data == "img") ||
					(a.Key == "rel" && n.Data == "a" && a.Val == "noreferrer") ||
					attrAllowed(n.Data, a.Key, a.Val)
				if !ok || a.Namespace != "" {
					t.Errorf("output %q: <%s> has attribute %s=%q", out, n.Data, a.Key, a.Val)
				}
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(doc)
}

// assertSafe checks the properties every output of HTML must have.
func assertSafe(t *testing.T, out string) {
	t.Helper()
	for _, p := range checkSafe(out) {
		t.Errorf("unsafe output %q: %s", out, p)
	}
}

// checkSafe lists the ways out breaks the rules for HTML's output, judged on
// its structure: elements, attributes and URLs. (Text may mention
// "javascript:"; the corpus test checks for such strings too.)
func checkSafe(out string) []string {
	return checkAttrs(out)
}
