package store

import (
	"context"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/knowflow/knowflow/model"
	"github.com/knowflow/knowflow/model/suggest"
)

// acronymDocs: an item of two months ago defines KM; recent items use it
// without saying what it stands for, beside others.
var acronymDocs = []struct{ source, title, text string }{
	{"km", "KM in practice", "How our KM wiki grew: KM is a habit more than a tool."},
	{"run", "Running: 10 km a day", "I ran 10 km every day for a month."},
	{"garden", "Tomato seedlings", "Seedlings want compost, water and sun; pinch the side shoots."},
	{"food", "Bread at home", "Flour, water, yeast and salt in a very hot oven."},
}

func TestAcronymDefsLearned(t *testing.T) {
	s, _ := openTemp(t)
	ctx := context.Background()
	now := time.Date(2026, 11, 20, 9, 0, 0, 0, time.UTC)
	// Numbered past the 14-day window: the definitions are old items.
	saveProfileItems(t, s, now, 24*60, []struct{ source, title, text string }{
		{"glossary", "Words we use", "Knowledge management (KM) is what we do with what we learn. Site reliability engineering (SRE) too."},
		{"glossary", "KM (knowledge management) for new starters", "Start with the wiki. Our CoPs (communities of practice) meet on Fridays."},
		{"blog", "An aside", "The team (SRE) wrote this; Go (the language) is nice."},
		{"blog", "What our PMs do", "A product manager says no to most ideas; our PMs keep a list of them."},
		{"blog", "Hiring PMs", "We are hiring two product managers; PMs here own a problem, not a feature."},
		{"blog", "The 3 PM panel", "The panel members meet at 3 PM."},
	})
	saveProfileItems(t, s, now, 0, acronymDocs)
	saveProfileItems(t, s, now, 100, []struct{ source, title, text string }{
		{"blog", "How the PM role changes next year", "Specs, discovery and saying no."},
	})
	if _, err := s.SaveContact(ctx, model.Contact{Name: "Marta", Circles: []model.Circle{model.CircleTeam},
		Interests: []string{"knowledge management", "CoP", "product management"}}); err != nil {
		t.Fatal(err)
	}
	if err := s.LearnRecent(ctx); err != nil {
		t.Fatal(err)
	}
	got, err := s.AcronymDefs(ctx, []string{"km", "sre", "cp", "pm", "xyz"})
	if err != nil {
		t.Fatal(err)
	}
	// Defined in brackets, then written beside their words (never what
	// an item also defines in brackets, nor after a number's place).
	want := []model.AcronymDef{
		{Acronym: "cp", Expansion: "communities of practice", Form: "CoPs", Count: 1},
		{Acronym: "km", Expansion: "knowledge management", Form: "KM", Count: 2},
		{Acronym: "pm", Expansion: "product manager", Form: "PMs", Count: 1, Beside: true},
		{Acronym: "pm", Expansion: "product managers", Form: "PMs", Count: 1, Beside: true},
		{Acronym: "sre", Expansion: "site reliability engineering", Form: "SRE", Count: 1},
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("AcronymDefs = %+v\nwant %+v", got, want)
	}

	// The input carries the definitions of the acronyms the interests use
	// or make, and the engine reads them: the recent KM item goes to
	// Marta, through KM, though no candidate defines it.
	in, err := s.SuggestInput(ctx, now, 0)
	if err != nil {
		t.Fatal(err)
	}
	if want := want[:4]; !reflect.DeepEqual(in.AcronymDefs, want) {
		t.Errorf("SuggestInput.AcronymDefs = %+v\nwant %+v", in.AcronymDefs, want)
	}
	var why []string
	found, pm := false, false
	for _, sg := range suggest.Rank(in) {
		why = append(why, sg.ItemTitle+" → "+sg.ContactName+": "+sg.Why)
		switch sg.ItemTitle {
		case "KM in practice":
			found = strings.Contains(sg.Why, "(through 'KM')")
		case "Running: 10 km a day":
			t.Errorf("running suggested: %s", sg.Why)
		case "How the PM role changes next year":
			pm = strings.Contains(sg.Why, "(through 'PM')")
		}
	}
	if !found || !pm {
		t.Errorf("the KM item through KM (%v) and the PM item through PM (%v), written beside product managers in two items; suggestions:\n%s",
			found, pm, strings.Join(why, "\n"))
	}

	// Learning again adds nothing: each item is read once.
	if _, err := s.LearnAssociations(ctx); err != nil {
		t.Fatal(err)
	}
	if again, err := s.AcronymDefs(ctx, []string{"km", "sre", "cp", "pm"}); err != nil || !reflect.DeepEqual(again, want) {
		t.Errorf("after learning again: %+v, %v", again, err)
	}
	// A new analysis forgets them with the counts, and learns them again.
	if _, err := s.db.ExecContext(ctx, `UPDATE assoc_state SET analyzer = 1`); err != nil {
		t.Fatal(err)
	}
	if _, err := s.LearnAssociations(ctx); err != nil {
		t.Fatal(err)
	}
	if again, err := s.AcronymDefs(ctx, []string{"km", "sre", "cp", "pm"}); err != nil || !reflect.DeepEqual(again, want) {
		t.Errorf("after learning anew: %+v, %v", again, err)
	}
}
