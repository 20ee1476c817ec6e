package fetch

import (
	"math/rand"
	"time"
)

// Bounds of Backoff before jitter.
const (
	BackoffMin = 5 * time.Minute
	BackoffMax = 24 * time.Hour
)

// Backoff returns how long to wait before fetching a source again after
// errorCount consecutive errors (1 for the first): 5 minutes, doubling per
// error up to 24 hours, with ±20% jitter so sources that failed together
// do not retry together, and never more than 24 hours (jitter near the cap
// only shortens). It is never less than the server's retryAfter (itself
// capped at MaxRetryAfter). A source is never given up on: the longest
// wait is bounded.
//
// rnd provides the jitter; callers sharing one *rand.Rand between
// goroutines must serialise calls. A nil rnd uses math/rand's
// goroutine-safe top-level source.
func Backoff(errorCount int, retryAfter time.Duration, rnd *rand.Rand) time.Duration {
	if errorCount < 1 {
		errorCount = 1
	}
	d := BackoffMin
	for i := 1; i < errorCount && d < BackoffMax; i++ {
		d *= 2
	}
	d = min(d, BackoffMax)

	var r float64
	if rnd != nil {
		r = rnd.Float64()
	} else {
		r = rand.Float64()
	}
	d = time.Duration(float64(d) * (0.8 + 0.4*r))
	if d > BackoffMax {
		// Fold the overshoot back below the cap: the waits stay spread
		// out instead of piling up at exactly 24 hours.
		d = 2*BackoffMax - d
	}
	return max(d, min(retryAfter, MaxRetryAfter))
}
