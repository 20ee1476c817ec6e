package cpus

import (
	"runtime"
	"testing"
)

func TestKeepOneForUI(t *testing.T) {
	procs := runtime.GOMAXPROCS(0)
	defer runtime.GOMAXPROCS(procs)
	defer reserved.Store(0)

	if got := Workers(); got != procs {
		t.Fatalf("Workers() = %d before, want GOMAXPROCS %d", got, procs)
	}
	KeepOneForUI()
	if got := runtime.GOMAXPROCS(0); got != procs+1 {
		t.Errorf("GOMAXPROCS %d after, want %d", got, procs+1)
	}
	if got := Workers(); got != procs {
		t.Errorf("Workers() = %d after, want %d: the loops keep their size, the UI gets the new P", got, procs)
	}
	KeepOneForUI()
	if got := runtime.GOMAXPROCS(0); got != procs+1 {
		t.Errorf("a second call moved GOMAXPROCS to %d", got)
	}

	runtime.GOMAXPROCS(1) // one P: the loops still get one worker
	if got := Workers(); got != 1 {
		t.Errorf("Workers() = %d with one P kept, want 1", got)
	}
}
