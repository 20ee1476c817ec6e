package feeds

import (
	"sync"
	"testing"
	"time"
)

// TestCPUSlotsWriterFirst: with every slot taken and parsers queued, a
// released slot goes to the writer, then to the parsers in arrival order,
// and never more than n jobs hold slots at once.
func TestCPUSlotsWriterFirst(t *testing.T) {
	c := newCPUSlots(2)
	c.acquire()
	c.acquire()
	var mu sync.Mutex
	var order []string
	var wg sync.WaitGroup
	waitQueued := func(parsers int, writer bool) {
		t.Helper()
		deadline := time.Now().Add(5 * time.Second) // wall clock: elapsed time only
		for {
			c.mu.Lock()
			ok := len(c.parsers) == parsers && (c.writer != nil) == writer
			c.mu.Unlock()
			if ok {
				return
			}
			if time.Now().After(deadline) { // wall clock: elapsed time only
				t.Fatalf("waiters never queued (want %d parsers, writer %v)", parsers, writer)
			}
			time.Sleep(time.Millisecond)
		}
	}
	run := func(name string, acquire func()) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			acquire()
			mu.Lock()
			order = append(order, name)
			mu.Unlock()
		}()
	}
	run("parser 1", c.acquire)
	waitQueued(1, false)
	run("parser 2", c.acquire)
	waitQueued(2, false)
	run("writer", c.acquireWriter)
	waitQueued(2, true)

	// Release one slot at a time and wait for whoever got it to say so.
	for n := 1; n <= 3; n++ {
		c.release()
		deadline := time.Now().Add(5 * time.Second) // wall clock: elapsed time only
		for {
			mu.Lock()
			got := len(order)
			mu.Unlock()
			if got == n {
				break
			}
			if got > n || time.Now().After(deadline) { // wall clock: elapsed time only
				t.Fatalf("after %d releases %d jobs hold a slot", n, got)
			}
			time.Sleep(time.Millisecond)
		}
	}
	wg.Wait()
	want := []string{"writer", "parser 1", "parser 2"}
	for i := range want {
		if order[i] != want[i] {
			t.Fatalf("slots went to %v, want %v", order, want)
		}
	}
	// The two first holders and the writer have released (the three
	// releases above); parsers 1 and 2 still hold theirs.
	c.release()
	c.release()
	if c.free != 2 {
		t.Errorf("free = %d after everyone released, want 2", c.free)
	}
}

// TestCPUSlotsFree: with free slots, acquiring does not wait, and a parser
// does not take a slot ahead of queued parsers.
func TestCPUSlotsFree(t *testing.T) {
	c := newCPUSlots(0) // at least one
	done := make(chan struct{})
	go func() {
		c.acquire()
		c.release()
		c.acquireWriter()
		c.release()
		close(done)
	}()
	select {
	case <-done:
	case <-time.After(5 * time.Second):
		t.Fatal("acquire blocked with a free slot")
	}
	if c.free != 1 {
		t.Errorf("free = %d, want 1", c.free)
	}
}
