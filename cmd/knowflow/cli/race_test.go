//go:build race

package cli

// raceEnabled: the race detector slows SQLite (pure Go) about 25 times, so
// tests that measure time skip under it.
const raceEnabled = true
