package suggest

import (
	"strings"
	"testing"

	"github.com/knowflow/knowflow/model/assoc"
)

// Several different terms that the user's items write beside the words
// of an interest add up to a match; one of them alone does not, nor the
// neighbours of one word of a phrase.
func TestTopicalEvidenceAddsUp(t *testing.T) {
	items := [][2]string{
		{"When the payments API went down", "The commander opened the status page and paged the responders."},
		{"Letters from history", "The commander of the fleet wrote home."},
		{"Gardening in December", "Mulch, bulbs and frost."},
	}
	in := meaningInput([]string{"incident response"}, items...)
	if got := rankedFor(in); len(got) != 0 {
		t.Fatalf("matched without associations: %v", got)
	}
	in.Associations = map[string][]assoc.Neighbour{
		"incid":   {{Term: "command", Weight: 0.8, Count: 9}, {Term: "page", Weight: 0.8, Count: 9}, {Term: "respond", Weight: 0.8, Count: 9}},
		"respons": {{Term: "command", Weight: 0.6, Count: 5}, {Term: "respond", Weight: 0.7, Count: 5}, {Term: "page", Weight: 0.7, Count: 5}, {Term: "histori", Weight: 0.9, Count: 5}},
	}
	got := rankedFor(in)
	if s, ok := got[1]; !ok || !strings.HasPrefix(s.Why, "matches 'incident response' (through '") {
		t.Errorf("item 1 (commander, status page, responders): %+v", s)
	}
	if s, ok := got[2]; ok {
		t.Errorf("one related term (commander) matched: %+v", s)
	}
	delete(in.Associations, "respons")
	if got := rankedFor(in); len(got) != 0 {
		t.Errorf("neighbours of one word of a phrase matched: %v", got)
	}
}

func TestTopicHits(t *testing.T) {
	var h topicHits
	if h.miss() != 1 {
		t.Fatal("none: miss must be 1")
	}
	h.add(0.4)
	if h.miss() != 1 {
		t.Errorf("one term: miss %v, want 1", h.miss())
	}
	h.add(0.5)
	if got := h.miss(); got < 0.299 || got > 0.301 {
		t.Errorf("two terms: miss %v, want 0.3", got)
	}
}
