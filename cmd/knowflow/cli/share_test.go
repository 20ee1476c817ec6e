package cli

import (
	"context"
	"encoding/json"
	"reflect"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/knowflow/knowflow/model"
	"github.com/knowflow/knowflow/model/store"
)

// shareDB makes a database with two items (1 "Remote onboarding", 2
// "SQLite in production"), the contacts Ana Costa (1, prefers Mastodon),
// Bo (2), two contacts named Sam (3 and 4), and the community Guild.
func shareDB(t *testing.T) string {
	t.Helper()
	db := tempDB(t)
	st, err := store.Open(db)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	ctx := context.Background()
	src, _, err := st.AddSource(ctx, model.Source{Title: "Ana's blog", FeedURL: "https://ana.example/feed"})
	if err != nil {
		t.Fatal(err)
	}
	now := cliTestNow // the commands' clock in tests
	if _, err := st.SaveFetches(ctx, []store.FetchResult{{SourceID: src.ID, CheckedAt: now, Items: []model.Item{
		{DedupeKey: "1", Title: "Remote onboarding", Link: "https://ana.example/1", Text: "welcome", Published: now.Add(-2 * time.Hour)},
		{DedupeKey: "2", Title: "SQLite in production", Link: "https://ana.example/2", Text: "WAL", Published: now.Add(-time.Hour)},
	}}}); err != nil {
		t.Fatal(err)
	}
	for _, c := range []model.Contact{
		{Name: "Ana Costa", Circles: []model.Circle{model.CircleTeam}, Channel: model.ChannelMastodon, Communities: []string{"Guild"}},
		{Name: "Bo", Circles: []model.Circle{model.CircleNetwork}},
		{Name: "Sam", Circles: []model.Circle{model.CircleNetwork}},
		{Name: "sam", Circles: []model.Circle{model.CircleTeam}},
	} {
		if _, err := st.SaveContact(ctx, c); err != nil {
			t.Fatal(err)
		}
	}
	return db
}

// counts returns the rows of shares and suggestion_feedback (check --json).
func counts(t *testing.T, db string) (shares, feedback int) {
	t.Helper()
	code, out, errOut := run(t, Env{}, "--db", db, "check", "--json")
	var rep store.Report
	if code != 0 || json.Unmarshal([]byte(out), &rep) != nil {
		t.Fatalf("check: %d %s", code, errOut)
	}
	return rep.Counts["shares"], rep.Counts["suggestion_feedback"]
}

func TestNoteAndStarCommands(t *testing.T) {
	db := shareDB(t)
	if code, out, errOut := run(t, Env{}, "--db", db, "note", "1"); code != 0 || out != "" || errOut != "" {
		t.Errorf("note without a note: %d %q %q", code, out, errOut)
	}
	if code, out, _ := run(t, Env{}, "--db", db, "note", "1", "Our", "new hires", "need this."); code != 0 || out != "note saved on \"Remote onboarding\"\n" {
		t.Errorf("note set: %d %q", code, out)
	}
	if code, out, _ := run(t, Env{}, "--db", db, "note", "1"); code != 0 || out != "Our new hires need this.\n" {
		t.Errorf("note show: %d %q", code, out)
	}
	_, out, _ := run(t, Env{}, "--db", db, "items", "--json")
	var items []itemJSON
	json.Unmarshal([]byte(out), &items)
	if len(items) != 2 || items[1].Note != "Our new hires need this." || items[0].Note != "" {
		t.Errorf("items after note = %+v", items)
	}
	if code, out, _ := run(t, Env{}, "--db", db, "note", "--clear", "1"); code != 0 || out != "note removed from \"Remote onboarding\"\n" {
		t.Errorf("note --clear: %d %q", code, out)
	}
	if _, out, _ := run(t, Env{}, "--db", db, "note", "1"); out != "" {
		t.Errorf("cleared note still shows %q", out)
	}

	if code, out, _ := run(t, Env{}, "--db", db, "star", "2"); code != 0 || out != "starred \"SQLite in production\"\n" {
		t.Errorf("star: %d %q", code, out)
	}
	_, out, _ = run(t, Env{}, "--db", db, "items", "--starred", "--json")
	json.Unmarshal([]byte(out), &items)
	if len(items) != 1 || items[0].ID != 2 || !items[0].Starred {
		t.Errorf("starred items = %+v", items)
	}
	if code, out, _ := run(t, Env{}, "--db", db, "star", "2", "--off"); code != 0 || out != "unstarred \"SQLite in production\"\n" {
		t.Errorf("star --off: %d %q", code, out)
	}
	if _, out, _ = run(t, Env{}, "--db", db, "items", "--starred", "--json"); strings.TrimSpace(out) != "[]" {
		t.Errorf("starred after --off: %s", out)
	}

	for _, tc := range []struct {
		args []string
		code int
		want string
	}{
		{[]string{"note", "99"}, 1, "no item 99"},
		{[]string{"note", "99", "text"}, 1, "no item 99"},
		{[]string{"star", "99"}, 1, "no item 99"},
		{[]string{"note"}, 2, "want an ITEM"},
		{[]string{"note", "one"}, 2, `"one" is not an item id`},
		{[]string{"note", "1", "text", "--clear"}, 2, "not both"},
		{[]string{"note", "1", "--bold"}, 2, "not defined"},
		{[]string{"star"}, 2, "want exactly one ITEM"},
		{[]string{"star", "1", "2"}, 2, "want exactly one ITEM"},
		{[]string{"star", "-3"}, 2, "not defined"},
		{[]string{"star", "0"}, 2, "not an item id"},
	} {
		code, out, errOut := run(t, Env{}, append([]string{"--db", db}, tc.args...)...)
		if code != tc.code || !strings.Contains(errOut, tc.want) || out != "" {
			t.Errorf("%v: exit %d, stdout %q, stderr %q; want exit %d and %q", tc.args, code, out, errOut, tc.code, tc.want)
		}
	}
}

func TestShareDismissSnoozeCommands(t *testing.T) {
	db := shareDB(t)
	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"share", "1", "ana costa"}, "shared \"Remote onboarding\" with Ana Costa via mastodon\n"},
		{[]string{"share", "2", "Ana", "Costa", "--via", "Email"}, "shared \"SQLite in production\" with Ana Costa via email\n"},
		{[]string{"share", "--at", "2026-11-20T10:00:00Z", "2", "2"}, "shared \"SQLite in production\" with Bo via email\n"},
		{[]string{"share", "1", "guild"}, "shared \"Remote onboarding\" with Guild via copy\n"},
		{[]string{"share", "2", "community:GUILD", "--via", "other"}, "shared \"SQLite in production\" with Guild via other\n"},
	} {
		code, out, errOut := run(t, Env{}, append([]string{"--db", db}, tc.args...)...)
		if code != 0 || out != tc.want {
			t.Errorf("%v: exit %d, %q (stderr %q), want %q", tc.args, code, out, errOut, tc.want)
		}
	}
	if s, f := counts(t, db); s != 5 || f != 5 {
		t.Fatalf("after 5 shares: %d shares, %d feedback rows", s, f)
	}
	_, out, _ := run(t, Env{}, "--db", db, "contact", "show", "2", "--json")
	var bo contactJSON
	if json.Unmarshal([]byte(out), &bo) != nil || bo.LastContacted == nil || !bo.LastContacted.Equal(time.Date(2026, 11, 20, 10, 0, 0, 0, time.UTC)) {
		t.Errorf("Bo's last contact = %v", bo.LastContacted)
	}

	for _, tc := range []struct {
		args []string
		code int
		want string
	}{
		{[]string{"share", "1", "Ana Costa"}, 1, `already shared: "Remote onboarding" with Ana Costa on `},
		{[]string{"share", "1", "Sam"}, 1, `"Sam" is more than one contact: 3 Sam, 4 sam; give the id instead`},
		{[]string{"share", "1", "Nobody"}, 1, `no contact or community named "Nobody"`},
		{[]string{"share", "1", "99"}, 1, "no contact 99"},
		{[]string{"share", "99", "Bo"}, 1, "no item 99"},
		{[]string{"share", "1", "community:Nope"}, 1, `no community named "Nope"`},
		{[]string{"share", "1"}, 2, "want an ITEM and a CONTACT"},
		{[]string{"share", "x", "Bo"}, 2, `"x" is not an item id`},
		{[]string{"share", "1", "Bo", "--via", "pigeon"}, 2, `--via "pigeon"`},
		{[]string{"share", "1", "Bo", "--at", "yesterday"}, 2, "not an RFC 3339 time"},
		{[]string{"dismiss", "99", "Bo"}, 1, "no item 99"},
		{[]string{"dismiss", "1", "Nobody"}, 1, "no contact or community"},
		{[]string{"dismiss", "1"}, 2, "want an ITEM and a CONTACT"},
		{[]string{"snooze", "1", "Bo", "--until", "2000-01-01T00:00:00Z"}, 1, "not in the future"},
		{[]string{"snooze", "1", "Bo", "--for", "3d", "--until", "2100-01-01T00:00:00Z"}, 2, "not both"},
		{[]string{"snooze", "1", "Bo", "--for", "soon"}, 2, `--for "soon"`},
		{[]string{"snooze", "1", "Bo", "--for", "0"}, 2, `--for "0"`},
		{[]string{"snooze", "1", "Bo", "--until", "tomorrow"}, 2, "not an RFC 3339 time"},
		{[]string{"snooze", "1", "Sam"}, 1, "more than one contact"},
	} {
		code, out, errOut := run(t, Env{}, append([]string{"--db", db}, tc.args...)...)
		if code != tc.code || !strings.Contains(errOut, tc.want) || out != "" {
			t.Errorf("%v: exit %d, stdout %q, stderr %q; want exit %d and %q", tc.args, code, out, errOut, tc.code, tc.want)
		}
	}
	if s, f := counts(t, db); s != 5 || f != 5 {
		t.Fatalf("refused commands wrote: %d shares, %d feedback rows", s, f)
	}

	if code, out, _ := run(t, Env{}, "--db", db, "dismiss", "1", "Bo"); code != 0 ||
		out != "dismissed \"Remote onboarding\" for Bo: it will not be suggested to them again\n" {
		t.Errorf("dismiss: %d %q", code, out)
	}
	if code, out, _ := run(t, Env{}, "--db", db, "snooze", "2", "3", "--for", "3d"); code != 0 || !strings.HasPrefix(out, "snoozed \"SQLite in production\" for Sam until ") {
		t.Errorf("snooze --for: %d %q", code, out)
	}
	if code, out, _ := run(t, Env{}, "--db", db, "snooze", "1", "community:Guild", "--until", "2100-01-01T09:00:00Z"); code != 0 ||
		!strings.Contains(out, "for Guild until Fri 1 Jan 2100") {
		t.Errorf("snooze --until: %d %q", code, out)
	}
	if code, _, errOut := run(t, Env{}, "--db", db, "snooze", "1", "4"); code != 0 {
		t.Errorf("snooze (default 1d): %d %q", code, errOut)
	}
	if s, f := counts(t, db); s != 5 || f != 9 {
		t.Errorf("after dismiss and snoozes: %d shares, %d feedback rows", s, f)
	}
	// The engine's input sees the verdicts.
	st, err := store.Open(db)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	in, err := st.SuggestInput(context.Background(), cliTestNow, 0)
	if err != nil {
		t.Fatal(err)
	}
	var verdicts []string
	for _, f := range in.Feedback {
		if f.Verdict != model.VerdictShared {
			verdicts = append(verdicts, string(f.Verdict))
		}
	}
	sort.Strings(verdicts)
	if strings.Join(verdicts, ",") != "dismissed,snoozed,snoozed,snoozed" {
		t.Errorf("verdicts = %v", verdicts)
	}
	for _, f := range in.Feedback {
		if f.Verdict == model.VerdictSnoozed && f.ContactID == 4 {
			if d := f.Until.Sub(cliTestNow); d != 24*time.Hour {
				t.Errorf("default snooze ends in %v", d)
			}
		}
	}
}

func TestHistoryCommand(t *testing.T) {
	db := shareDB(t)
	if code, out, _ := run(t, Env{}, "--db", db, "history"); code != 0 || !strings.Contains(out, "Nothing shared yet") {
		t.Errorf("empty history: %d %q", code, out)
	}
	if code, out, _ := run(t, Env{}, "--db", db, "history", "--json"); code != 0 || strings.TrimSpace(out) != "[]" {
		t.Errorf("empty history --json: %d %q", code, out)
	}
	recent := cliTestNow.Add(-time.Hour)
	for _, args := range [][]string{
		{"share", "1", "Bo", "--at", "2020-01-01T10:00:00Z"},
		{"share", "1", "Ana Costa", "--at", recent.Format(time.RFC3339)},
		{"share", "2", "Guild"},
	} {
		if code, _, errOut := run(t, Env{}, append([]string{"--db", db}, args...)...); code != 0 {
			t.Fatalf("%v: %s", args, errOut)
		}
	}
	run(t, Env{}, "--db", db, "note", "2", "Worth a read")

	code, out, _ := run(t, Env{}, "--db", db, "history", "--json")
	var raw []map[string]any
	if code != 0 || json.Unmarshal([]byte(out), &raw) != nil || len(raw) != 3 {
		t.Fatalf("history --json: %d %s", code, out)
	}
	var keys []string
	for k := range raw[0] {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	if want := []string{"channel", "community", "contact_id", "contact_name", "id", "item_id", "item_title", "item_url", "note", "shared_at"}; !reflect.DeepEqual(keys, want) {
		t.Errorf("history JSON keys = %v, want %v", keys, want)
	}
	var hs []historyJSON
	json.Unmarshal([]byte(out), &hs)
	if hs[0].Community != "Guild" || hs[0].ContactID != 0 || hs[0].Channel != "copy" || hs[0].ItemID != 2 ||
		hs[0].ItemTitle != "SQLite in production" || hs[0].ItemURL != "https://ana.example/2" {
		t.Errorf("newest = %+v", hs[0])
	}
	if hs[1].ContactName != "Ana Costa" || hs[1].ContactID != 1 || hs[1].Channel != "mastodon" || !hs[1].SharedAt.Equal(recent) || hs[1].Community != "" {
		t.Errorf("second = %+v", hs[1])
	}
	if hs[2].ContactName != "Bo" || hs[2].SharedAt.Format(time.RFC3339) != "2020-01-01T10:00:00Z" || hs[2].ID != 1 {
		t.Errorf("oldest = %+v", hs[2])
	}
	// The note at the time of sharing travels with the share; later notes do not.
	if hs[0].Note != "" {
		t.Errorf("share note = %q", hs[0].Note)
	}

	names := func(args ...string) string {
		t.Helper()
		code, out, errOut := run(t, Env{}, append([]string{"--db", db, "history", "--json"}, args...)...)
		if code != 0 {
			t.Fatalf("history %v: %d %s", args, code, errOut)
		}
		var hs []historyJSON
		json.Unmarshal([]byte(out), &hs)
		var ns []string
		for _, h := range hs {
			ns = append(ns, h.ContactName+h.Community)
		}
		return strings.Join(ns, ",")
	}
	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"--contact", "bo"}, "Bo"},
		{[]string{"--contact", "1"}, "Ana Costa"},
		{[]string{"--contact", "community:guild"}, "Guild"},
		{[]string{"--limit", "2"}, "Guild,Ana Costa"},
		{[]string{"--since", "30d"}, "Guild,Ana Costa"},
		{[]string{"--since", "30m"}, "Guild"},
	} {
		if got := names(tc.args...); got != tc.want {
			t.Errorf("history %v = %q, want %q", tc.args, got, tc.want)
		}
	}

	code, out, _ = run(t, Env{}, "--db", db, "history")
	lines := strings.Split(strings.TrimSpace(out), "\n")
	if code != 0 || len(lines) != 4 || !strings.HasPrefix(lines[0], "WHEN") || !strings.Contains(lines[1], "Guild (community)") ||
		!strings.Contains(lines[1], "SQLite in production") || !strings.Contains(lines[3], "2020-01-01") || !strings.Contains(lines[2], "mastodon") {
		t.Errorf("history table:\n%s", out)
	}

	for _, tc := range []struct {
		args []string
		code int
		want string
	}{
		{[]string{"history", "--contact", "Sam"}, 1, "more than one contact"},
		{[]string{"history", "--contact", "Nobody"}, 1, "no contact or community"},
		{[]string{"history", "--limit", "0"}, 2, "--limit must be at least 1"},
		{[]string{"history", "--since", "lately"}, 2, `--since "lately"`},
		{[]string{"history", "extra"}, 2, `unexpected argument "extra"`},
	} {
		code, out, errOut := run(t, Env{}, append([]string{"--db", db}, tc.args...)...)
		if code != tc.code || !strings.Contains(errOut, tc.want) || out != "" {
			t.Errorf("%v: exit %d, stdout %q, stderr %q; want exit %d and %q", tc.args, code, out, errOut, tc.code, tc.want)
		}
	}
}

func TestPrefsCommand(t *testing.T) {
	db := tempDB(t)
	code, out, _ := run(t, Env{}, "--db", db, "prefs")
	for _, want := range []string{"refresh interval   1h\n", "quiet hours        22:00-07:00\n", "time zone          the system's\n",
		"mastodon instance  not set\n", "suggest items      from the last 14 days\n",
		"cadence team       1d\n", "cadence community  7d\n", "cadence network    30d\n"} {
		if code != 0 || !strings.Contains(out, want) {
			t.Errorf("prefs: %d, output lacks %q:\n%s", code, want, out)
		}
	}
	prefs := func() prefsJSON {
		t.Helper()
		code, out, errOut := run(t, Env{}, "--db", db, "prefs", "--json")
		var p prefsJSON
		if code != 0 || json.Unmarshal([]byte(out), &p) != nil {
			t.Fatalf("prefs --json: %d %q %q", code, out, errOut)
		}
		return p
	}
	def := prefsJSON{RefreshMinutes: 60, QuietStart: "22:00", QuietEnd: "07:00", SuggestDays: 14,
		CadenceDays: map[string]float64{"team": 1, "community": 7, "network": 30}}
	if p := prefs(); !reflect.DeepEqual(p, def) {
		t.Errorf("default prefs = %+v", p)
	}
	_, out, _ = run(t, Env{}, "--db", db, "prefs", "--json")
	var raw map[string]any
	json.Unmarshal([]byte(out), &raw)
	if len(raw) != 8 || raw["timezone"] != "" || raw["mastodon_instance"] != "" || raw["keep_read_months"] != 0.0 {
		t.Errorf("prefs JSON = %s", out)
	}

	code, out, errOut := run(t, Env{}, "--db", db, "prefs", "--refresh-interval", "30m", "--quiet", "23:00-06:30",
		"--timezone", "Europe/Lisbon", "--mastodon", "https://Fosstodon.org/", "--cadence-team", "12h", "--cadence-network", "2w")
	if code != 0 || !strings.HasPrefix(out, "preferences saved\n") || !strings.Contains(out, "cadence team       12h\n") ||
		!strings.Contains(out, "mastodon instance  fosstodon.org\n") {
		t.Fatalf("prefs set: %d %q %q", code, out, errOut)
	}
	changed := prefsJSON{RefreshMinutes: 30, QuietStart: "23:00", QuietEnd: "06:30", TimeZone: "Europe/Lisbon", MastodonInstance: "fosstodon.org",
		SuggestDays: 14, CadenceDays: map[string]float64{"team": 0.5, "community": 7, "network": 14}}
	if p := prefs(); !reflect.DeepEqual(p, changed) {
		t.Errorf("changed prefs = %+v", p)
	}
	// Only the flags given change; --json prints the result.
	code, out, _ = run(t, Env{}, "--db", db, "prefs", "--cadence-community", "3d", "--json")
	var p prefsJSON
	if code != 0 || json.Unmarshal([]byte(out), &p) != nil || p.CadenceDays["community"] != 3 || p.RefreshMinutes != 30 || p.TimeZone != "Europe/Lisbon" {
		t.Errorf("prefs --cadence-community --json: %d %s", code, out)
	}
	changed.CadenceDays["community"] = 3
	if code, out, _ := run(t, Env{}, "--db", db, "prefs", "--quiet", "off"); code != 0 || !strings.Contains(out, "quiet hours        off\n") {
		t.Errorf("prefs --quiet off: %d %q", code, out)
	}
	changed.QuietStart, changed.QuietEnd = "00:00", "00:00"

	for _, tc := range []struct {
		args []string
		code int
		want string
	}{
		{[]string{"--refresh-interval", "1m", "--mastodon", "other.example"}, 1, "refresh interval 1m0s is outside 5m..168h"},
		{[]string{"--quiet", "25:00-07:00"}, 1, "quiet hours start"},
		{[]string{"--timezone", "Mars/Base"}, 1, `unknown time zone "Mars/Base"`},
		{[]string{"--mastodon", "me@mastodon.social"}, 1, "should be a host name"},
		{[]string{"--cadence-team", "30m"}, 1, "team cadence 30m0s is shorter than an hour"},
		{[]string{"--suggest-days", "400"}, 1, "the last 400 days is outside 1..365"},
		{[]string{"--quiet", "late"}, 2, `--quiet "late"`},
		{[]string{"--cadence-network", "often"}, 2, "--cadence-network"},
		{[]string{"--refresh-interval", "1x"}, 2, "--refresh-interval"},
		{[]string{"--colour", "blue"}, 2, "not defined"},
		{[]string{"extra"}, 2, `unexpected argument "extra"`},
	} {
		code, out, errOut := run(t, Env{}, append([]string{"--db", db, "prefs"}, tc.args...)...)
		if code != tc.code || !strings.Contains(errOut, tc.want) || out != "" {
			t.Errorf("prefs %v: exit %d, stdout %q, stderr %q; want exit %d and %q", tc.args, code, out, errOut, tc.code, tc.want)
		}
	}
	if p := prefs(); !reflect.DeepEqual(p, changed) {
		t.Errorf("refused changes were saved: %+v", p)
	}
}

func TestFmtSpan(t *testing.T) {
	for d, want := range map[time.Duration]string{
		time.Hour: "1h", 90 * time.Minute: "1h30m", 24 * time.Hour: "1d", 36 * time.Hour: "1d12h", 30 * 24 * time.Hour: "30d", 0: "0",
	} {
		if got := fmtSpan(d); got != want {
			t.Errorf("fmtSpan(%v) = %q, want %q", d, got, want)
		}
		if back, err := parseDays(fmtSpan(d)); err != nil || back != d {
			t.Errorf("parseDays(fmtSpan(%v)) = %v, %v", d, back, err)
		}
	}
}

func TestReadCommand(t *testing.T) {
	db := shareDB(t) // items 1 and 2, both unread
	unread := func() int {
		_, out, _ := run(t, Env{}, "--db", db, "items", "--unread", "--json")
		var items []itemJSON
		json.Unmarshal([]byte(out), &items)
		return len(items)
	}
	if code, out, _ := run(t, Env{}, "--db", db, "read", "1"); code != 0 || out != "marked 1 item read\n" || unread() != 1 {
		t.Errorf("read 1: %d %q, %d unread", code, out, unread())
	}
	if code, _, _ := run(t, Env{}, "--db", db, "read", "--off", "1"); code != 0 || unread() != 2 {
		t.Errorf("read --off 1: %d, %d unread", code, unread())
	}
	if code, out, _ := run(t, Env{}, "--db", db, "read", "--source", "1"); code != 0 || out != "marked 2 items read\n" || unread() != 0 {
		t.Errorf("read --source 1: %d %q, %d unread", code, out, unread())
	}
	run(t, Env{}, "--db", db, "read", "--off", "1", "2")
	if code, out, _ := run(t, Env{}, "--db", db, "read", "--all"); code != 0 || out != "marked 2 items read\n" || unread() != 0 {
		t.Errorf("read --all: %d %q", code, out)
	}
	if code, _, errOut := run(t, Env{}, "--db", db, "read", "99"); code != 1 || !strings.Contains(errOut, "no item 99") {
		t.Errorf("read 99: %d %q", code, errOut)
	}
	if code, _, errOut := run(t, Env{}, "--db", db, "read", "--source", "42"); code != 1 || !strings.Contains(errOut, "no source 42") {
		t.Errorf("read --source 42: %d %q", code, errOut)
	}
	for _, args := range [][]string{{}, {"--all", "1"}, {"--all", "--source", "1"}, {"--all", "--off"}, {"x"}} {
		if code, _, _ := run(t, Env{}, append([]string{"--db", db, "read"}, args...)...); code != 2 {
			t.Errorf("read %v: exit %d, want 2", args, code)
		}
	}
}

func TestRemoveCommand(t *testing.T) {
	db := shareDB(t) // source 1, Ana's blog, with items 1 and 2
	if code, _, errOut := run(t, Env{}, "--db", db, "share", "1", "Bo"); code != 0 {
		t.Fatalf("share: %s", errOut)
	}
	code, out, errOut := run(t, Env{}, "--db", db, "remove", "1")
	if code != 0 || out != "removed Ana's blog <https://ana.example/feed> and its 2 items\n" {
		t.Fatalf("remove 1: %d %q %q", code, out, errOut)
	}
	if _, out, _ := run(t, Env{}, "--db", db, "sources"); strings.Contains(out, "ana.example") {
		t.Errorf("sources after remove:\n%s", out)
	}
	if _, out, _ := run(t, Env{}, "--db", db, "history"); !strings.Contains(out, "Remote onboarding") || !strings.Contains(out, "Bo") {
		t.Errorf("history lost the share:\n%s", out)
	}
	if code, _, errOut := run(t, Env{}, "--db", db, "remove", "1"); code != 1 || !strings.Contains(errOut, "no source 1") {
		t.Errorf("remove again: %d %q", code, errOut)
	}
	for _, args := range [][]string{{}, {"x"}, {"1", "2"}} {
		if code, _, _ := run(t, Env{}, append([]string{"--db", db, "remove"}, args...)...); code != 2 {
			t.Errorf("remove %v: exit %d, want 2", args, code)
		}
	}
}

func TestSourceCommand(t *testing.T) {
	db := shareDB(t) // source 1, Ana's blog, at the top level
	if code, out, errOut := run(t, Env{}, "--db", db, "source", "1", "--title", "Ana writes", "--folder", "Team / Blogs"); code != 0 ||
		out != "source 1: Ana writes, in Team/Blogs\n" {
		t.Errorf("source --title --folder: %d %q %q", code, out, errOut)
	}
	if code, out, _ := run(t, Env{}, "--db", db, "source", "1", "--folder", ""); code != 0 || out != "source 1: Ana writes, in the top level\n" {
		t.Errorf("source --folder '': %d %q", code, out)
	}
	if code, _, errOut := run(t, Env{}, "--db", db, "source", "7", "--title", "x"); code != 1 || !strings.Contains(errOut, "no source 7") {
		t.Errorf("source 7: %d %q", code, errOut)
	}
	for _, args := range [][]string{{"1"}, {"x", "--title", "y"}, {}} {
		if code, _, _ := run(t, Env{}, append([]string{"--db", db, "source"}, args...)...); code != 2 {
			t.Errorf("source %v: exit %d, want 2", args, code)
		}
	}
}
