//go:build !race

package service

// raceEnabled: the race detector makes the engine about four times slower.
const raceEnabled = false
