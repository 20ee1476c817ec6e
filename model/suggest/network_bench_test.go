package suggest

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"time"

	"github.com/knowflow/knowflow/model"
	"github.com/knowflow/knowflow/model/suggest/internal/benchcorpus"
)

// A network-shaped corpus for the engine at scale. benchInputOf draws
// every word from ~300 content words, so that every item holds nearly
// every interest: the worst case, where no person can be skipped for any
// item. Real text is not like that: a 3 KB post holds ~250 distinct words
// of a vocabulary of tens of thousands, and an interest ("incident
// review", "kubernetes") is in a few items of a hundred, a broad one
// ("leadership") in a tenth. networkInputOf models that:
//
//   - the text is Zipf-distributed over the function words and 20,000
//     other words (s = 1.07, as English);
//   - 800 topics, named by one to three words of a pool of 1,500 topic
//     words (the 300 benchcorpus.Content words among them, so topics share
//     words as "remote work" and "remote onboarding" do), with Zipf
//     popularity;
//   - an item is about one to three topics: its categories name them, its
//     title names its main topic seven times out of ten, and its text
//     says each topic one to four times and uses its words apart too;
//   - a person holds two to six topics as interests, drawn with a flatter
//     popularity (people follow popular topics, and niches), one in five
//     also a phrase of their own that may match nothing, and one in ten
//     holds none (an address book import).
//
// Measured on 5,000 items: half the interests match in full in fewer
// than 0.3% of the items, nine in ten in fewer than 3.6%, the broadest in
// 17%.
//
// The people are in the circles, communities, time zones and share
// history of benchInputOf.

// networkWords are n pseudo-words, made of syllables, distinct, in a
// fixed order; seed picks which.
func networkWords(n int, seed uint64) []string {
	r := benchcorpus.Rand(seed)
	onsets := strings.Fields("b br c ch cl d dr f fl g gr h j k l m n p pl pr qu r s sh sl st t th tr v w z")
	vowels := strings.Fields("a e i o u ai ea ou")
	codas := []string{"", "", "n", "r", "l", "s", "m", "x", "nd", "rt"}
	seen := map[string]bool{}
	out := make([]string, 0, n)
	for len(out) < n {
		var b strings.Builder
		for range 2 + r.IntN(2) {
			b.WriteString(onsets[r.IntN(len(onsets))])
			b.WriteString(vowels[r.IntN(len(vowels))])
		}
		b.WriteString(codas[r.IntN(len(codas))])
		w := b.String()
		if !seen[w] && len(AnalyzePhrase(w)) == 1 {
			seen[w] = true
			out = append(out, w)
		}
	}
	return out
}

// networkCorpus is the text model of networkInputOf.
type networkCorpus struct {
	r      *rand.Rand
	vocab  []string   // by rank: function words, then the background words
	text   *rand.Zipf // over vocab
	topics [][]string // the words of each topic's name
	pick   *rand.Zipf // a topic, by popularity
}

func newNetworkCorpus(seed uint64) *networkCorpus {
	r := benchcorpus.Rand(seed)
	c := &networkCorpus{r: r}
	c.vocab = append(append([]string(nil), benchcorpus.Stop...), networkWords(20000, seed+1)...)
	c.text = rand.NewZipf(r, 1.07, 2, uint64(len(c.vocab)-1))
	pool := append(append([]string(nil), benchcorpus.Content...), networkWords(1200, seed+2)...)
	r.Shuffle(len(pool), func(i, j int) { pool[i], pool[j] = pool[j], pool[i] })
	zw := rand.NewZipf(r, 1.1, 4, uint64(len(pool)-1))
	seen := map[string]bool{}
	for len(c.topics) < 800 {
		var words []string
		for range 1 + r.IntN(3) {
			words = append(words, pool[zw.Uint64()])
		}
		key := strings.Join(AnalyzePhrase(strings.Join(words, " ")), " ")
		if key == "" || seen[key] {
			continue
		}
		seen[key] = true
		c.topics = append(c.topics, words)
	}
	c.pick = rand.NewZipf(r, 1.05, 6, uint64(len(c.topics)-1))
	return c
}

// name is topic t as words.
func (c *networkCorpus) name(t int) string { return strings.Join(c.topics[t], " ") }

// sentence is 8–20 background words, capitalised, with a full stop.
func (c *networkCorpus) sentence(b *strings.Builder, insert string) {
	n := 8 + c.r.IntN(13)
	at := -1
	if insert != "" {
		at = c.r.IntN(n)
	}
	for i := 0; i < n; i++ {
		w := c.vocab[c.text.Uint64()]
		if i == at {
			w = insert
		}
		if i == 0 {
			w = strings.ToUpper(w[:1]) + w[1:]
		} else {
			b.WriteByte(' ')
		}
		b.WriteString(w)
	}
	b.WriteString(". ")
}

// item is one item about topics (the first its main one) of about size
// bytes of text.
func (c *networkCorpus) item(topics []int, size int) (title string, cats []string, text string) {
	var tb strings.Builder
	c.sentence(&tb, "")
	title = strings.TrimSuffix(strings.TrimSpace(tb.String()), ".")
	if w := strings.Fields(title); len(w) > 8 {
		title = strings.Join(w[:8], " ")
	}
	if c.r.IntN(10) < 7 {
		title = c.name(topics[0]) + ": " + strings.ToLower(title[:1]) + title[1:]
	}
	var inserts []string
	for _, t := range topics {
		cats = append(cats, c.name(t))
		for range 1 + c.r.IntN(4) {
			inserts = append(inserts, c.name(t))
		}
		for _, w := range c.topics[t] {
			for range c.r.IntN(3) {
				inserts = append(inserts, w)
			}
		}
	}
	var b strings.Builder
	b.Grow(size + 200)
	for b.Len() < size {
		ins := ""
		if len(inserts) > 0 && c.r.IntN(3) == 0 {
			ins, inserts = inserts[0], inserts[1:]
		}
		c.sentence(&b, ins)
	}
	return title, cats, b.String()
}

// networkInputOf is nItems candidates of ~3 KB over 14 days and nPeople
// people, shaped like a real network (above).
func networkInputOf(nItems, nPeople int) Input {
	c := newNetworkCorpus(11)
	r := c.r
	in := Input{Now: now, Prefs: prefs(), Writing: map[int64][]string{}}
	for i := range nItems {
		topics := []int{int(c.pick.Uint64())}
		for range r.IntN(3) {
			topics = append(topics, int(c.pick.Uint64()))
		}
		title, cats, text := c.item(topics, 2800+r.IntN(400))
		in.Items = append(in.Items, Candidate{Item: model.Item{
			ID: int64(i + 1), SourceID: int64(i%300 + 1), Title: title, Link: fmt.Sprintf("https://net.example/%d", i),
			Categories: cats, Text: text, Published: now.Add(-time.Duration(r.IntN(14*24)) * time.Hour),
		}})
	}
	follow := rand.NewZipf(r, 1.01, 40, uint64(len(c.topics)-1))
	topic := func() string { return c.name(int(follow.Uint64())) }
	addBenchPeople(&in, r, nPeople, topic, func(i int) []string {
		if i%10 == 9 {
			return nil // an address book entry, nothing known of them
		}
		var out []string
		for range 2 + r.IntN(5) {
			out = append(out, topic())
		}
		if r.IntN(5) == 0 {
			out = append(out, c.topics[r.IntN(len(c.topics))][0]+" "+c.vocab[len(benchcorpus.Stop)+r.IntN(5000)])
		}
		return out
	})
	benchProfiles(&in)
	return in
}
