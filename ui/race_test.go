//go:build race

package ui

// raceEnabled: the race detector slows exact text measuring down about ten times.
const raceEnabled = true
