package feeds

import "sync"

// cpuSlots bounds the CPU-heavy work of a refresh (parsing feeds, writing
// to SQLite) to one job per CPU. The single writer comes first: every
// parser ends up waiting on it, so if it shared the CPUs with as many
// parsers as there are CPUs, the whole refresh would slow to its pace.
// A released slot goes straight to the writer if it waits, else to the
// parser that has waited longest.
type cpuSlots struct {
	mu      sync.Mutex
	free    int
	writer  chan struct{}   // the writer, waiting
	parsers []chan struct{} // parsers waiting, oldest first
}

func newCPUSlots(n int) *cpuSlots {
	return &cpuSlots{free: max(n, 1)}
}

// acquire takes a slot for a parser.
func (c *cpuSlots) acquire() {
	c.mu.Lock()
	if c.free > 0 && c.writer == nil && len(c.parsers) == 0 {
		c.free--
		c.mu.Unlock()
		return
	}
	ch := make(chan struct{})
	c.parsers = append(c.parsers, ch)
	c.mu.Unlock()
	<-ch
}

// acquireWriter takes a slot ahead of any waiting parser. There is only
// one writer.
func (c *cpuSlots) acquireWriter() {
	c.mu.Lock()
	if c.free > 0 {
		c.free--
		c.mu.Unlock()
		return
	}
	ch := make(chan struct{})
	c.writer = ch
	c.mu.Unlock()
	<-ch
}

// release hands the slot on.
func (c *cpuSlots) release() {
	c.mu.Lock()
	defer c.mu.Unlock()
	switch {
	case c.writer != nil:
		close(c.writer)
		c.writer = nil
	case len(c.parsers) > 0:
		close(c.parsers[0])
		c.parsers[0] = nil
		c.parsers = c.parsers[1:]
	default:
		c.free++
	}
}
