package parse

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/knowflow/knowflow/feeds/corpus"
	"github.com/knowflow/knowflow/model"
)

// Every kind of attachment a feed format has, resolved, typed, sized and
// timed; images of Media RSS stay in the text; nothing else is dropped.
func TestEnclosures(t *testing.T) {
	for _, c := range []struct {
		name, body string
		want       []model.Enclosure
	}{
		{"rss enclosure with itunes duration", `<rss version="2.0" xmlns:itunes="http://www.itunes.com/dtds/podcast-1.0.dtd"><channel><title>c</title>
<item><title>Episode 12</title><link>https://pod.example/12</link>
<enclosure url="/media/12.mp3" length="24986239" type="audio/mpeg"/><itunes:duration>52:03</itunes:duration></item></channel></rss>`,
			[]model.Enclosure{{URL: "https://pod.example/media/12.mp3", Type: "audio/mpeg", Length: 24986239, Duration: 52*time.Minute + 3*time.Second}}},
		{"atom rel=enclosure", `<feed xmlns="http://www.w3.org/2005/Atom"><title>f</title>
<entry><title>Slides</title><id>x1</id><link href="https://talks.example/1"/>
<link rel="enclosure" type="application/pdf" length="120000" href="https://talks.example/1.pdf"/></entry></feed>`,
			[]model.Enclosure{{URL: "https://talks.example/1.pdf", Type: "application/pdf", Length: 120000}}},
		{"json feed attachment", `{"version":"https://jsonfeed.org/version/1.1","title":"j","items":[{"id":"1","url":"https://j.example/1",
"content_text":"hi","attachments":[{"url":"https://j.example/1.m4a","mime_type":"audio/x-m4a","size_in_bytes":89970236,"duration_in_seconds":6629}]}]}`,
			[]model.Enclosure{{URL: "https://j.example/1.m4a", Type: "audio/x-m4a", Length: 89970236}}},
		{"media rss video, not its thumbnail image", `<rss version="2.0" xmlns:media="http://search.yahoo.com/mrss/"><channel><title>c</title>
<item><title>Talk</title><link>https://v.example/t</link>
<media:content url="https://v.example/t.jpg" medium="image"/>
<media:group><media:content url="https://v.example/t.mp4" type="video/mp4" fileSize="5000" duration="754"/></media:group></item></channel></rss>`,
			[]model.Enclosure{{URL: "https://v.example/t.mp4", Type: "video/mp4", Length: 5000, Duration: 754 * time.Second}}},
		{"not http, and the same twice", `<rss version="2.0"><channel><title>c</title><item><title>x</title><link>https://a.example/x</link>
<enclosure url="javascript:alert(1)" type="audio/mpeg"/><enclosure url="https://a.example/x.mp3" length="junk" type="Audio/MPEG"/>
<enclosure url="https://a.example/x.mp3" type="audio/mpeg"/></item></channel></rss>`,
			[]model.Enclosure{{URL: "https://a.example/x.mp3", Type: "audio/mpeg"}}},
	} {
		f, err := Parse([]byte(c.body), "", "https://feeds.example/feed")
		if err != nil {
			t.Fatalf("%s: %v", c.name, err)
		}
		got := f.Items[0].Enclosures
		if len(got) != len(c.want) {
			t.Errorf("%s: %+v, want %+v", c.name, got, c.want)
			continue
		}
		for i := range got {
			if got[i] != c.want[i] {
				t.Errorf("%s: %+v, want %+v", c.name, got[i], c.want[i])
			}
		}
	}
}

func TestParseDuration(t *testing.T) {
	for in, want := range map[string]time.Duration{
		"1830": 1830 * time.Second, "52:03": 52*time.Minute + 3*time.Second, "1:02:03": time.Hour + 2*time.Minute + 3*time.Second,
		"": 0, "abc": 0, "1:2:3:4": 0, "-5": 0, "999999999": 0, " 90.4 ": 90 * time.Second,
	} {
		if got := parseDuration(in); got != want {
			t.Errorf("parseDuration(%q) = %v, want %v", in, got, want)
		}
	}
}

// A real podcast feed: every episode keeps its mp3, with its size and
// duration where the feed gives them (some say length="1" and a duration
// of 0: unknown), counted here with plain regular expressions.
func TestCorpusPodcastEnclosures(t *testing.T) {
	root := corpus.Dir(t, "feeds")
	body, err := os.ReadFile(filepath.Join(root, "realworld", "giantbomb-podcast.rss"))
	if err != nil {
		t.Fatal(err)
	}
	f, err := Parse(body, "", "https://www.giantbomb.com/podcast-xml/")
	if err != nil {
		t.Fatal(err)
	}
	kept, timed := 0, 0
	for _, it := range f.Items {
		if len(it.Enclosures) == 1 && strings.HasSuffix(it.Enclosures[0].URL, ".mp3") && it.Enclosures[0].Type == "audio/mpeg" {
			kept++
			if e := it.Enclosures[0]; e.Length > 1 && e.Duration > 0 {
				timed++
			}
		}
	}
	lengthRE := regexp.MustCompile(`<enclosure[^>]*length="(\d+)"`)
	durationRE := regexp.MustCompile(`<itunes:duration[^>]*>\s*(\d+)\s*<`)
	want := 0
	for _, item := range strings.Split(string(body), "<item>")[1:] {
		l, d := lengthRE.FindStringSubmatch(item), durationRE.FindStringSubmatch(item)
		if l != nil && d != nil && l[1] != "0" && l[1] != "1" && strings.Trim(d[1], "0") != "" {
			want++
		}
	}
	if n := strings.Count(string(body), "<enclosure"); kept != n || timed != want || want == 0 {
		t.Errorf("%d of %d episodes kept their mp3, %d with size and duration (want %d)", kept, n, timed, want)
	}
}
