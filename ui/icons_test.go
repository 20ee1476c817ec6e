package ui

import (
	"bytes"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"github.com/knowflow/knowflow/model"
)

// Starred, read, shared and "in touch" each have an icon of their own;
// the star is an SVG the theme colours.
func TestActionIconsDiffer(t *testing.T) {
	icons := map[string]fyne.Resource{"star": starIcon(), "read": readIcon(), "shared": sharedIcon(), "in touch": inTouchIcon()}
	seen := map[string]string{}
	for what, r := range icons {
		if prev, ok := seen[r.Name()]; ok {
			t.Errorf("%s and %s share the icon %s", what, prev, r.Name())
		}
		seen[r.Name()] = what
	}
	if c := starIcon().Content(); !bytes.HasPrefix(c, []byte("<svg")) || !bytes.Contains(c, []byte("<path")) {
		t.Errorf("the star is not an SVG path: %.60q", c)
	}
	u, _, _ := newTestUI(t, Options{})
	if u.share.sharedBtn.Icon.Name() == u.people.touchBtn.Icon.Name() || u.seek.starBtn.Icon.Name() == u.share.sharedBtn.Icon.Name() {
		t.Error("Mark shared, In touch today and Star look alike")
	}
}

// Circle badges start in one column, whatever circles a person is in:
// the first place holds their first circle.
func TestCircleColumnsLineUp(t *testing.T) {
	test.NewTempApp(t)
	a := circleColumns(model.Contact{Circles: []model.Circle{model.CircleNetwork}})
	b := circleColumns(model.Contact{Circles: []model.Circle{model.CircleTeam, model.CircleCommunity}})
	if a.MinSize() != b.MinSize() || len(a.Objects) != len(model.Circles) {
		t.Errorf("badge boxes %v and %v differ", a.MinSize(), b.MinSize())
	}
	first := func(c *fyne.Container) *circleBadge { return c.Objects[0].(*circleBadge) }
	if x, y := first(a), first(b); !x.on || !y.on || x.circle != model.CircleNetwork || y.circle != model.CircleTeam {
		t.Errorf("first places: %s %v, %s %v", x.circle, x.on, y.circle, y.on)
	}
	if a.Objects[1].(*circleBadge).on || !b.Objects[1].(*circleBadge).on || b.Objects[2].(*circleBadge).on {
		t.Error("the places after a person's circles are not blank")
	}
	fillCircleColumns(b, model.Contact{})
	for _, o := range b.Objects {
		if o.(*circleBadge).on {
			t.Error("a badge stays on for a person in no circle")
		}
	}
}
