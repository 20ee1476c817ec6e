package fetch

import (
	"context"
	"sync"
)

// hostLimiter bounds concurrent requests per host. A host's entry lives
// only while someone holds or waits for one of its slots, so the map does
// not grow with every host ever fetched.
type hostLimiter struct {
	max   int
	mu    sync.Mutex
	hosts map[string]*hostSlots
}

type hostSlots struct {
	slots chan struct{}
	refs  int // holders and waiters; guarded by hostLimiter.mu
}

func newHostLimiter(max int) *hostLimiter {
	return &hostLimiter{max: max, hosts: map[string]*hostSlots{}}
}

// acquire waits for a slot on host while ctx allows. The returned func
// frees it; calling it more than once is harmless.
func (l *hostLimiter) acquire(ctx context.Context, host string) (func(), error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	l.mu.Lock()
	h := l.hosts[host]
	if h == nil {
		h = &hostSlots{slots: make(chan struct{}, l.max)}
		l.hosts[host] = h
	}
	h.refs++
	l.mu.Unlock()

	select {
	case h.slots <- struct{}{}:
	case <-ctx.Done():
		l.unref(host, h)
		return nil, ctx.Err()
	}
	var once sync.Once
	return func() {
		once.Do(func() {
			<-h.slots
			l.unref(host, h)
		})
	}, nil
}

func (l *hostLimiter) unref(host string, h *hostSlots) {
	l.mu.Lock()
	defer l.mu.Unlock()
	h.refs--
	if h.refs == 0 {
		delete(l.hosts, host)
	}
}

// size is the number of hosts with holders or waiters (for tests).
func (l *hostLimiter) size() int {
	l.mu.Lock()
	defer l.mu.Unlock()
	return len(l.hosts)
}
