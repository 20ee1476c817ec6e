package acronym

import (
	"reflect"
	"testing"
)

func TestKeyAndInitials(t *testing.T) {
	for s, want := range map[string]string{
		"SRE": "sre", "L&D": "ld", "PKM": "pkm", "K8S": "k8s",
		"SREs": "sre", "SRE's": "sre", "CoP": "cp", "CoPs": "cp", "IoT": "it",
	} {
		if got, ok := Key(s); !ok || got != want {
			t.Errorf("Key(%q) = %q, %v", s, got, ok)
		}
	}
	for _, s := range []string{"Go", "sre", "A", "DevOps", "SOMETHINGLONG", "R2", "SaaS", "K8s", "GitHub"} {
		if got, ok := Key(s); ok {
			t.Errorf("Key(%q) = %q, want none", s, got)
		}
	}
	for s, want := range map[string]string{
		"site reliability engineering": "sre", "Learning and Development": "ld", "remote": "", "web 3.0 design": "",
	} {
		if got := Initials(s); got != want {
			t.Errorf("Initials(%q) = %q, want %q", s, got, want)
		}
	}
}

func TestFind(t *testing.T) {
	type def struct{ acr, exp, form string }
	find := func(s string, wanted map[string]bool) []def {
		var out []def
		Find(s, wanted, func(acr, exp, form string) { out = append(out, def{acr, exp, form}) })
		return out
	}
	text := "We hired for site reliability engineering (SRE) first. Our CoPs (communities of practice) meet weekly; " +
		"the PKM (personal knowledge management) crowd too. A (B) and Go (the language) are no acronyms."
	want := []def{
		{"sre", "site reliability engineering", "SRE"},
		{"cp", "communities of practice", "CoPs"},
		{"pkm", "personal knowledge management", "PKM"},
	}
	if got := find(text, nil); !reflect.DeepEqual(got, want) {
		t.Errorf("any acronym: %q, want %q", got, want)
	}
	if got := find(text, map[string]bool{"pkm": true}); !reflect.DeepEqual(got, want[2:]) {
		t.Errorf("only pkm: %q, want %q", got, want[2:])
	}
	// Brackets whose words do not spell the acronym define nothing.
	if got := find("the team (SRE) and SRE (on call rota)", nil); len(got) != 0 {
		t.Errorf("no definition: %q", got)
	}
}

func TestWanted(t *testing.T) {
	got := Wanted([]string{"SRE", "site reliability engineering", "PKM tools", "remote", "L&D"})
	want := map[string]bool{"sre": true, "pt": true, "pkm": true, "ld": true}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("Wanted = %v, want %v", got, want)
	}
}

func TestBeside(t *testing.T) {
	type def struct{ acr, exp, form string }
	beside := func(s string) []def {
		var out []def
		Beside(s, func(acr, exp, form string) { out = append(out, def{acr, exp, form}) })
		return out
	}
	got := beside("Our PMs write specs now. Every product manager owns one, and learning and development pays for L&D courses.")
	want := []def{{"pm", "product manager", "PMs"}, {"ld", "learning and development", "L&D"}}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("Beside = %q, want %q", got, want)
	}
	// A run does not cross the acronym's place, and capitals shouting
	// every word give nothing.
	if got := beside("project PM meeting"); len(got) != 0 {
		t.Errorf("across the acronym: %q", got)
	}
	if got := beside("THE PM OF PRODUCT MANAGEMENT"); len(got) != 0 {
		t.Errorf("shouting: %q", got)
	}
	// Each pair once, however often written.
	if got := beside("HR and human resources: HR, human resources."); !reflect.DeepEqual(got, []def{{"hr", "human resources", "HR"}}) {
		t.Errorf("twice: %q", got)
	}
}

func TestOfItem(t *testing.T) {
	type def struct {
		acr, exp, form string
		beside         bool
	}
	var got []def
	OfItem("Site Reliability Engineering (SRE) for PMs",
		"Our SRE team and the product managers: PMs ask, the SRE answers. Site reliability engineering (SRE) again.",
		func(acr, exp, form string, beside bool) { got = append(got, def{acr, exp, form, beside}) })
	want := []def{
		{"sre", "site reliability engineering", "SRE", false}, // once, in title and text
		{"pm", "product managers", "PMs", true},               // beside; SRE beside its words is the bracket one
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("OfItem = %v\nwant %v", got, want)
	}
}
