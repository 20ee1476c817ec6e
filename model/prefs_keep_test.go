package model

import (
	"testing"
	"time"
)

func TestKeepRead(t *testing.T) {
	now := time.Date(2026, 11, 26, 12, 0, 0, 0, time.UTC)
	p := DefaultPrefs()
	if _, ok := p.ReadCutoff(now); ok || p.KeepReadMonths != 0 {
		t.Errorf("default keeps read items for %d months", p.KeepReadMonths)
	}
	p.KeepReadMonths = 3
	if c, ok := p.ReadCutoff(now); !ok || !c.Equal(time.Date(2026, 8, 26, 12, 0, 0, 0, time.UTC)) {
		t.Errorf("3 months before %v = %v, %v", now, c, ok)
	}
	for m, want := range map[int]string{0: "forever", 12: "1 year", 6: "6 months", 3: "3 months", 24: "2 years", 1: "1 month"} {
		if got := KeepReadLabel(m); got != want {
			t.Errorf("KeepReadLabel(%d) = %q, want %q", m, got, want)
		}
	}
	for _, m := range []int{-1, MaxKeepReadMonths + 1} {
		p.KeepReadMonths = m
		if err := p.Normalize(); err == nil {
			t.Errorf("Normalize accepts %d months", m)
		}
	}
}
