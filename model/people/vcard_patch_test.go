package people

import (
	"strings"
	"testing"
	"time"

	"github.com/knowflow/knowflow/model"
)

// A phone's card, with what Knowflow does not read (TEL, ADR, a grouped
// label, a photo folded over lines, its own X- property) and LF line ends.
const phoneCard = "BEGIN:VCARD\nVERSION:3.0\nUID:phone-1\nFN:Grace Hopper\nN:Hopper;Grace;;;\n" +
	"TEL;TYPE=cell:+1 555 0100\nitem1.ADR:;;1 Navy Way;Arlington;;;USA\nitem1.X-ABLABEL:Office\n" +
	"EMAIL:grace@navy.example\nCATEGORIES:myContacts,team\nPHOTO;ENCODING=b;TYPE=JPEG:AAAA\n BBBB\n" +
	"X-PHONE-RINGTONE:Bells\nEND:VCARD\n"

func mustCard(t *testing.T, c model.Contact, feeds ...string) string {
	t.Helper()
	s, err := Card(c, feeds)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func TestPatchCardKeepsWhatKnowflowDoesNotOwn(t *testing.T) {
	im, err := ParseCard(phoneCard)
	if err != nil {
		t.Fatal(err)
	}
	before := im.Contact
	after := before
	after.Circles = []model.Circle{model.CircleCommunity}
	after.Communities = []string{"Go meetup"}
	after.Interests = []string{"compilers"}
	after.Cadence = 14 * 24 * time.Hour
	patched, err := PatchCard(phoneCard, mustCard(t, before), mustCard(t, after, "https://grace.example/feed"))
	if err != nil {
		t.Fatal(err)
	}
	for _, keep := range []string{"UID:phone-1\n", "FN:Grace Hopper\nN:Hopper;Grace;;;\nTEL;TYPE=cell:+1 555 0100\n",
		"item1.ADR:;;1 Navy Way;Arlington;;;USA\nitem1.X-ABLABEL:Office\n", "EMAIL:grace@navy.example\n",
		"PHOTO;ENCODING=b;TYPE=JPEG:AAAA\n BBBB\n", "X-PHONE-RINGTONE:Bells\n", "VERSION:3.0\n"} {
		if !strings.Contains(patched, keep) {
			t.Errorf("patched card lost %q:\n%s", keep, patched)
		}
	}
	if strings.Contains(patched, "\r") {
		t.Errorf("patched card mixes line ends:\n%q", patched)
	}
	got, err := ParseCard(patched)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(patched, "myContacts") {
		t.Errorf("the system label was dropped:\n%s", patched)
	}
	if mustCard(t, got.Contact, got.Feeds...) != mustCard(t, after, "https://grace.example/feed") {
		t.Errorf("patched card reads as\n%s\nwant\n%s", mustCard(t, got.Contact, got.Feeds...), mustCard(t, after, "https://grace.example/feed"))
	}
	// Nothing changed: nothing patched.
	same, _ := PatchCard(phoneCard, mustCard(t, before), mustCard(t, before))
	if same != phoneCard {
		t.Errorf("an unchanged contact changed the card:\n%s", same)
	}
	// A new name replaces FN and N only.
	renamed := before
	renamed.Name = "Grace B. Hopper"
	r, _ := PatchCard(phoneCard, mustCard(t, before), mustCard(t, renamed))
	if !strings.Contains(r, "FN:Grace B. Hopper\nN:Hopper;Grace B.;;;\nTEL") || !strings.Contains(r, "CATEGORIES:myContacts,team\n") {
		t.Errorf("renamed:\n%s", r)
	}
}

func TestKeepOwnAndNewCard(t *testing.T) {
	theirs := model.Contact{Name: "Ada", Emails: []string{"ada@new.example"}, Role: "Analyst"}
	ours := model.Contact{ID: 7, Name: "Ada L", Emails: []string{"ada@old.example"}, Circles: []model.Circle{model.CircleTeam},
		Communities: []string{"Engines"}, Interests: []string{"looms"}, WorkStart: "08:00", WorkEnd: "16:00", SourceIDs: []int64{3}}
	m := KeepOwn(theirs, ours)
	if m.ID != 7 || m.Name != "Ada" || m.Emails[0] != "ada@new.example" || m.Role != "Analyst" ||
		m.Circles[0] != model.CircleTeam || m.Communities[0] != "Engines" || m.WorkStart != "08:00" || m.SourceIDs[0] != 3 {
		t.Errorf("KeepOwn = %+v", m)
	}
	s, err := NewCard(m, nil, "abc")
	if err != nil || !strings.Contains(s, "VERSION:4.0\r\nUID:abc\r\n") {
		t.Errorf("NewCard = %q, %v", s, err)
	}
}
