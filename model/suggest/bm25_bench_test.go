package suggest

import (
	"math/rand/v2"
	"strings"
	"testing"
	"time"

	"github.com/knowflow/knowflow/model/analysis"
)

// benchStop are frequent function words, as in real English text: they
// take the top ranks of the Zipf distribution (and are all dropped).
var benchStop = strings.Fields(`the of and to a in is that for it on with as
was be by this are at from or an have not but they we you their which
its has can will more about our also when there than into been these
would how all other new some one`)

// benchContent are content words, inflected as in real text, so that
// stemming matters.
var benchContent = strings.Fields(`team teams remote onboarding onboarded
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

var benchCategories = strings.Fields(`Remote-Work Engineering-Management
Open-Source Security Privacy Machine-Learning Cloud DevOps Databases
Programming Go Rust Python Web Mobile Startups Finance Economics
Climate Energy Health Education Science Space Travel Food Culture
Design Leadership Careers`)

func newRand(seed uint64) *rand.Rand { return rand.New(rand.NewPCG(seed, 0x6b6e6f77)) }

// benchVocab is the vocabulary by rank: function words, then the content
// words in a fixed shuffled order.
var benchVocab = func() []string {
	content := append([]string(nil), benchContent...)
	r := newRand(42)
	r.Shuffle(len(content), func(i, j int) { content[i], content[j] = content[j], content[i] })
	return append(append([]string(nil), benchStop...), content...)
}()

// benchText returns English-ish text of about size bytes: sentences of
// Zipf-distributed words, capitalised, with punctuation and numbers.
func benchText(r *rand.Rand, size int) string {
	z := rand.NewZipf(r, 1.07, 2, uint64(len(benchVocab)-1))
	var b strings.Builder
	b.Grow(size + 200)
	for b.Len() < size {
		n := 8 + r.IntN(13)
		for i := 0; i < n; i++ {
			w := benchVocab[z.Uint64()]
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

// benchContentWord picks a content word, Zipf-like.
func benchContentWord(z *rand.Zipf) string {
	return benchVocab[len(benchStop)+int(z.Uint64())]
}

// benchCorpus returns 1,000 documents (title weight 3, categories weight
// 2, ~3 KB of text weight 1) and 500 queries of 8 phrases of 1–3 terms.
func benchCorpus() ([]Doc, [][]Phrase) { return benchCorpusAndQueries(1000) }

// benchCorpusOf is benchCorpus's documents, n of them.
func benchCorpusOf(n int) []Doc {
	docs, _ := benchCorpusAndQueries(n)
	return docs
}

func benchCorpusAndQueries(n int) ([]Doc, [][]Phrase) {
	r := newRand(2024)
	zc := rand.NewZipf(r, 1.07, 2, uint64(len(benchContent)-1))
	docs := make([]Doc, n)
	for i := range docs {
		var title []string
		for j := 0; j < 5+r.IntN(6); j++ {
			title = append(title, benchContentWord(zc))
		}
		var cats []string
		for j := 0; j < 1+r.IntN(3); j++ {
			cats = append(cats, benchCategories[r.IntN(len(benchCategories))])
		}
		docs[i] = Doc{Fields: []Field{
			{Text: strings.Join(title, " "), Weight: 3},
			{Text: strings.Join(cats, ", "), Weight: 2},
			{Text: benchText(r, 2800+r.IntN(400)), Weight: 1},
		}}
	}
	queries := make([][]Phrase, 500)
	for i := range queries {
		q := make([]Phrase, 8)
		for j := range q {
			var words []string
			switch k := r.IntN(10); {
			case k < 5:
				words = []string{benchContent[r.IntN(len(benchContent))]}
			case k < 8:
				words = []string{benchContent[r.IntN(len(benchContent))], benchContentWord(zc)}
			default:
				words = []string{benchContentWord(zc), benchContentWord(zc), benchContent[r.IntN(len(benchContent))]}
			}
			w := 0.5 + 1.5*r.Float64()
			if r.IntN(8) == 0 {
				w = -w
			}
			q[j] = Phrase{Terms: AnalyzePhrase(strings.Join(words, " ")), Weight: w}
		}
		queries[i] = q
	}
	return docs, queries
}

// BenchmarkIndexAndSearch indexes 1,000 documents of ~3 KB and runs 500
// searches of 8 phrases, with a cold term cache each time.
func BenchmarkIndexAndSearch(b *testing.B) {
	docs, queries := benchCorpus()
	var indexing, searching time.Duration
	var matches int
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		analysis.ResetTermCache()
		t0 := time.Now() // wall clock: elapsed time only
		ix := NewIndex(docs)
		t1 := time.Now() // wall clock: elapsed time only
		for _, q := range queries {
			matches += len(ix.Search(q))
		}
		indexing += t1.Sub(t0)
		searching += time.Since(t1) // wall clock: elapsed time only
	}
	n := float64(b.N)
	b.ReportMetric(float64(b.Elapsed())/1e6/n, "ms/op")
	b.ReportMetric(float64(indexing)/1e6/n, "index-ms/op")
	b.ReportMetric(float64(searching)/1e6/n, "search-ms/op")
	b.ReportMetric(float64(matches)/n/float64(len(queries)), "matches/search")
}

// BenchmarkNewIndex is the indexing part alone (term cache warm).
func BenchmarkNewIndex(b *testing.B) {
	docs, _ := benchCorpus()
	b.ReportAllocs()
	for b.Loop() {
		NewIndex(docs)
	}
}

// BenchmarkSearch is one search of 8 phrases over the 1,000 documents.
func BenchmarkSearch(b *testing.B) {
	docs, queries := benchCorpus()
	ix := NewIndex(docs)
	b.ReportAllocs()
	i := 0
	for b.Loop() {
		ix.Search(queries[i%len(queries)])
		i++
	}
}

func BenchmarkAnalyze(b *testing.B) {
	text := benchText(newRand(1), 100_000)
	b.SetBytes(int64(len(text)))
	b.ResetTimer()
	for b.Loop() {
		Analyze(text)
	}
}
