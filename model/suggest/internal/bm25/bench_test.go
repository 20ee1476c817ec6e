package bm25

import (
	"testing"
	"time"

	"github.com/knowflow/knowflow/model/analysis"
	"github.com/knowflow/knowflow/model/suggest/internal/benchcorpus"
)

// benchCorpus returns 1,000 documents (title weight 3, categories weight
// 2, ~3 KB of text weight 1) and 500 queries of 8 phrases of 1–3 terms.
func benchCorpus() ([]Doc, [][]Phrase) {
	articles, queries := benchcorpus.ArticlesAndQueries(1000)
	qs := make([][]Phrase, len(queries))
	for i, q := range queries {
		qs[i] = make([]Phrase, len(q))
		for j, p := range q {
			qs[i][j] = Phrase{Terms: analysis.AnalyzePhrase(p.Words), Weight: p.Weight}
		}
	}
	return benchDocs(articles), qs
}

// benchDocs are articles as documents: title weight 3, categories weight
// 2, text weight 1.
func benchDocs(articles []benchcorpus.Article) []Doc {
	docs := make([]Doc, len(articles))
	for i, a := range articles {
		docs[i] = Doc{Fields: []Field{
			{Text: a.Title, Weight: 3},
			{Text: a.Categories, Weight: 2},
			{Text: a.Text, Weight: 1},
		}}
	}
	return docs
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
		ix := New(docs)
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
		New(docs)
	}
}

// BenchmarkSearch is one search of 8 phrases over the 1,000 documents.
func BenchmarkSearch(b *testing.B) {
	docs, queries := benchCorpus()
	ix := New(docs)
	b.ReportAllocs()
	i := 0
	for b.Loop() {
		ix.Search(queries[i%len(queries)])
		i++
	}
}

func BenchmarkAnalyze(b *testing.B) {
	text := benchcorpus.Text(benchcorpus.Rand(1), 100_000)
	b.SetBytes(int64(len(text)))
	b.ResetTimer()
	for b.Loop() {
		analysis.Analyze(text)
	}
}
