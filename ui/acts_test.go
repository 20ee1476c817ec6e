package ui

import (
	"testing"

	"fyne.io/fyne/v2/test"

	"github.com/knowflow/knowflow/model/cpus"
)

// Each thing the user does holds the background work (cpus.Hold): a key,
// a source picked, an item picked, a search typed, a section switched to,
// a person or a suggestion picked.
func TestUserActionsHoldBackgroundWork(t *testing.T) {
	u, _, _ := newReaderUI(t)
	defer cpus.Release()
	u.hold = actHold // newInline leaves it 0
	s := u.seek
	for _, a := range []struct {
		name string
		do   func()
	}{
		{"j", func() { u.onTypedRune('j') }},
		{"a source picked", func() { s.tree.Select(nodeAll) }},
		{"an item picked", func() { s.list.Select(1) }},
		{"a search typed", func() { test.Type(s.search, "x") }},
		{"a section switched to", func() { u.ShowSection(SectionPeople) }},
		{"people filtered", func() { test.Type(u.people.search, "a") }},
		{"back to Seek", func() { u.ShowSection(SectionSeek) }},
	} {
		cpus.Release()
		a.do()
		if !cpus.Held() {
			t.Errorf("%s: background work not held", a.name)
		}
	}
	// With no hold set (the tests' inline jobs), nothing is held.
	u.hold = 0
	cpus.Release()
	u.onTypedRune('k')
	if cpus.Held() {
		t.Error("held with u.hold 0")
	}
}

// The suggestion runs the window starts itself are background work: they
// pause while the user acts.
func TestSuggestionRunsAreBackgroundWork(t *testing.T) {
	u, sp, _ := newSpyUI(t, SectionSeek, nil)
	n := sp.count("Suggest")
	u.recomputeSuggestions()
	settle(t, u)
	if sp.count("Suggest") == n || sp.count("Suggest in the background") != sp.count("Suggest") {
		t.Errorf("%d suggestion runs, %d of them in the background", sp.count("Suggest"), sp.count("Suggest in the background"))
	}
}

// What a screen selects itself holds nothing: Seek's listing read again
// with its item selected again (each poll while another program writes).
func TestReloadSelectionHoldsNothing(t *testing.T) {
	u, _, _ := newReaderUI(t)
	defer cpus.Release()
	u.hold = actHold
	s := u.seek
	s.list.Select(2)
	settle(t, u)
	if !cpus.Held() {
		t.Fatal("picking an item did not hold background work")
	}
	cpus.Release()
	u.otherChanged()
	settle(t, u)
	if s.selected != 2 || !s.hasCurrent {
		t.Fatalf("the reload did not select the item again: %d", s.selected)
	}
	if cpus.Held() {
		t.Error("a reload's selection held background work")
	}
}
