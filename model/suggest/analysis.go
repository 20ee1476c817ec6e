package suggest

import "github.com/knowflow/knowflow/model/analysis"

// Analyze returns the analysed terms of s (analysis.Analyze): the engine
// compares items and interests by them.
func Analyze(s string) []string { return analysis.Analyze(s) }

// AnalyzePhrase analyses a query phrase such as an interest
// (analysis.AnalyzePhrase).
func AnalyzePhrase(s string) []string { return analysis.AnalyzePhrase(s) }
