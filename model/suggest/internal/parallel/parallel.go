// Package parallel runs a loop's iterations on cpus.Workers() goroutines. The
// suggestion engine and its index share it.
package parallel

import (
	"sync"
	"sync/atomic"

	"github.com/knowflow/knowflow/model/cpus"
)

// For calls f(0), …, f(n−1) on cpus.Workers() goroutines and waits.
func For(n int, f func(i int)) {
	var next atomic.Int64
	var wg sync.WaitGroup
	for range min(cpus.Workers(), n) {
		wg.Go(func() {
			for {
				i := int(next.Add(1) - 1)
				if i >= n {
					return
				}
				f(i)
			}
		})
	}
	wg.Wait()
}
