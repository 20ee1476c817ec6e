package ui

import (
	"context"
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"

	"github.com/knowflow/knowflow/model/store"
)

// A search that finds one zone is that zone; a refused save's error goes
// as soon as the field at fault is fixed.
func TestContactFormZoneSearchAndErrorsClear(t *testing.T) {
	u, _, b := newTestUI(t, Options{Section: SectionPeople})
	s := u.people
	test.Tap(findButton(t, s.content, "Add person…"))
	settle(t, u)
	f := s.form
	test.Type(f.tz, "Lisbon")
	settle(t, u)
	test.Tap(findButton(t, topOverlay(u), "Save"))
	settle(t, u)
	if !f.errLabel.Visible() || !strings.Contains(f.errLabel.Text, "name") {
		t.Fatalf("no name: error %v %q", f.errLabel.Visible(), f.errLabel.Text)
	}
	test.Type(f.name, "Rui")
	if !f.errLabel.Visible() || !strings.Contains(f.errLabel.Text, "circle") {
		t.Errorf("named, no circle: error %v %q", f.errLabel.Visible(), f.errLabel.Text)
	}
	f.network.SetChecked(true)
	if f.errLabel.Visible() {
		t.Errorf("the error stayed after the fix: %q", f.errLabel.Text)
	}
	test.Tap(findButton(t, topOverlay(u), "Save"))
	settle(t, u)
	cs, err := b.Contacts(context.Background(), store.ContactFilter{Query: "Rui"})
	if err != nil || len(cs) != 1 || cs[0].TimeZone != "Europe/Lisbon" {
		t.Fatalf("stored %+v, %v", cs, err)
	}
}
