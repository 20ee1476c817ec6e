//go:build race

package suggest

// raceEnabled: the race detector slows the engine down about four times.
const raceEnabled = true
