// Package benchcorpus makes the synthetic English-ish corpus that the
// suggestion engine's and its index's tests and benchmarks run on:
// Zipf-distributed words, articles of a title, categories and ~3 KB of
// text, and queries of phrases. It is deterministic: the same calls give
// the same corpus. Only tests import it.
package benchcorpus

import (
	"math/rand/v2"
	"strings"
)

// Stop are frequent function words, as in real English text: they
// take the top ranks of the Zipf distribution (and are all dropped).
var Stop = strings.Fields(`the of and to a in is that for it on with as
was be by this are at from or an have not but they we you their which
its has can will more about our also when there than into been these
would how all other new some one`)

// Content are content words, inflected as in real text, so that
// stemming matters.
var Content = strings.Fields(`team teams remote onboarding onboarded
engineer engineers engineering manager managers management product
products design designer designs customer customers service services
data database databases security secure privacy model models modeling
learning machine language languages code coding review reviews
reviewed release releases released deploy deployment deployments
cloud kubernetes cluster clusters container containers network
networks performance latency memory storage cache caching queue queues
message messages event events stream streaming pipeline pipelines
test testing tests tested quality bug bugs incident incidents
outage postmortem reliability monitoring metrics dashboard alert
alerts hiring interview interviews culture feedback meeting meetings
async documentation writing writer report reports research study
studies analysis analytics growth market marketing sales revenue
pricing startup startups founder founders funding investor investors
strategy planning roadmap goal goals project projects deadline budget
leadership mentoring career careers salary workplace office hybrid
policy policies law legal regulation compliance climate energy
battery solar carbon health healthcare patient patients hospital
doctor medicine education school schools student students teacher
teachers university course courses community communities open source
contributor contributors maintainer license licenses browser web
mobile app apps android ios api apis interface framework library
libraries compiler runtime rust golang python javascript typescript
java performance benchmark benchmarks profile profiling optimization
search index ranking relevance recommendation recommendations user
users experience accessibility privacy identity authentication
password encryption cryptography blockchain payment payments bank
banking finance inflation economy economic policy election government
city cities housing transport transit bicycle railway travel food
restaurant coffee cafe music film book books reading history science
physics biology chemistry space rocket satellite telescope ocean
weather storm wildlife forest garden photography camera video game
games gaming sport football running marathon`)

// categories are the articles' categories, picked evenly.
var categories = strings.Fields(`Remote-Work Engineering-Management
Open-Source Security Privacy Machine-Learning Cloud DevOps Databases
Programming Go Rust Python Web Mobile Startups Finance Economics
Climate Energy Health Education Science Space Travel Food Culture
Design Leadership Careers`)

// Rand is a random source of the given seed.
func Rand(seed uint64) *rand.Rand { return rand.New(rand.NewPCG(seed, 0x6b6e6f77)) }

// vocab is the vocabulary by rank: function words, then the content
// words in a fixed shuffled order.
var vocab = func() []string {
	content := append([]string(nil), Content...)
	r := Rand(42)
	r.Shuffle(len(content), func(i, j int) { content[i], content[j] = content[j], content[i] })
	return append(append([]string(nil), Stop...), content...)
}()

// Text returns English-ish text of about size bytes: sentences of
// Zipf-distributed words, capitalised, with punctuation and numbers.
func Text(r *rand.Rand, size int) string {
	z := rand.NewZipf(r, 1.07, 2, uint64(len(vocab)-1))
	var b strings.Builder
	b.Grow(size + 200)
	for b.Len() < size {
		n := 8 + r.IntN(13)
		for i := 0; i < n; i++ {
			w := vocab[z.Uint64()]
			if i == 0 {
				b.WriteString(strings.ToUpper(w[:1]))
				b.WriteString(w[1:])
			} else {
				b.WriteByte(' ')
				switch r.IntN(40) {
				case 0:
					b.WriteString("2024 ")
				case 1:
					b.WriteString("42 ")
				}
				b.WriteString(w)
			}
			if i < n-1 && r.IntN(12) == 0 {
				b.WriteByte(',')
			}
		}
		b.WriteString(". ")
	}
	return b.String()
}

// contentWord picks a content word, Zipf-like.
func contentWord(z *rand.Zipf) string {
	return vocab[len(Stop)+int(z.Uint64())]
}

// Article is one document of the corpus: a title of 5–10 content words,
// 1–3 categories joined by ", " and ~3 KB of text.
type Article struct {
	Title, Categories, Text string
}

// Phrase is one phrase of a query: 1–3 words, as written, and a weight
// (one in eight negative).
type Phrase struct {
	Words  string
	Weight float64
}

// Articles returns n articles: the first n of any ArticlesAndQueries(m),
// m ≥ n.
func Articles(n int) []Article {
	articles, _ := ArticlesAndQueries(n)
	return articles
}

// ArticlesAndQueries returns n articles and 500 queries of 8 phrases.
func ArticlesAndQueries(n int) ([]Article, [][]Phrase) {
	r := Rand(2024)
	zc := rand.NewZipf(r, 1.07, 2, uint64(len(Content)-1))
	articles := make([]Article, n)
	for i := range articles {
		var title []string
		for j := 0; j < 5+r.IntN(6); j++ {
			title = append(title, contentWord(zc))
		}
		var cats []string
		for j := 0; j < 1+r.IntN(3); j++ {
			cats = append(cats, categories[r.IntN(len(categories))])
		}
		articles[i] = Article{
			Title:      strings.Join(title, " "),
			Categories: strings.Join(cats, ", "),
			Text:       Text(r, 2800+r.IntN(400)),
		}
	}
	queries := make([][]Phrase, 500)
	for i := range queries {
		q := make([]Phrase, 8)
		for j := range q {
			var words []string
			switch k := r.IntN(10); {
			case k < 5:
				words = []string{Content[r.IntN(len(Content))]}
			case k < 8:
				words = []string{Content[r.IntN(len(Content))], contentWord(zc)}
			default:
				words = []string{contentWord(zc), contentWord(zc), Content[r.IntN(len(Content))]}
			}
			w := 0.5 + 1.5*r.Float64()
			if r.IntN(8) == 0 {
				w = -w
			}
			q[j] = Phrase{Words: strings.Join(words, " "), Weight: w}
		}
		queries[i] = q
	}
	return articles, queries
}
