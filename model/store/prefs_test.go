package store

import (
	"context"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/knowflow/knowflow/model"
)

func TestPrefsDefaultsAndRoundTrip(t *testing.T) {
	s, path := openTemp(t)
	ctx := context.Background()
	got, err := s.Prefs(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if want := model.DefaultPrefs(); !reflect.DeepEqual(got, want) {
		t.Fatalf("new database prefs = %+v, want defaults %+v", got, want)
	}

	p := model.Prefs{
		RefreshInterval:  90 * time.Minute,
		QuietStart:       " 23:00",
		QuietEnd:         "06:30",
		TimeZone:         "Europe/Lisbon",
		MastodonInstance: "https://Mastodon.Social/",
		KeepReadMonths:   6,
		SuggestDays:      30,
		NoRemoteImages:   true,
		Cadence:          map[model.Circle]time.Duration{model.CircleTeam: 12 * time.Hour}, // others: defaults
	}
	if err := s.SavePrefs(ctx, p); err != nil {
		t.Fatal(err)
	}
	if len(p.Cadence) != 1 {
		t.Errorf("SavePrefs changed the caller's cadence map: %v", p.Cadence)
	}
	s.Close()
	s2, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer s2.Close()
	got, err = s2.Prefs(ctx)
	if err != nil {
		t.Fatal(err)
	}
	want := model.Prefs{
		RefreshInterval: 90 * time.Minute, QuietStart: "23:00", QuietEnd: "06:30", TimeZone: "Europe/Lisbon",
		MastodonInstance: "mastodon.social", KeepReadMonths: 6, SuggestDays: 30, NoRemoteImages: true,
		Cadence: map[model.Circle]time.Duration{model.CircleTeam: 12 * time.Hour,
			model.CircleCommunity: 7 * 24 * time.Hour, model.CircleNetwork: 30 * 24 * time.Hour},
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("prefs after reopen = %+v\nwant %+v", got, want)
	}
	// Every key is stored, as a Go duration where it is one.
	var n int
	var refresh string
	s2.db.QueryRow(`SELECT count(*) FROM settings`).Scan(&n)
	s2.db.QueryRow(`SELECT value FROM settings WHERE key = 'refresh_interval'`).Scan(&refresh)
	if n != 11 || refresh != "1h30m0s" {
		t.Errorf("settings: %d rows, refresh_interval %q", n, refresh)
	}
}

func TestPrefsMissingKeysTakeDefaults(t *testing.T) {
	s, _ := openTemp(t)
	ctx := context.Background()
	if _, err := s.db.Exec(`INSERT INTO settings (key, value) VALUES ('cadence_network', '240h0m0s'), ('timezone', 'Asia/Tokyo'), ('other_setting', 'x')`); err != nil {
		t.Fatal(err)
	}
	got, err := s.Prefs(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if got.Cadence[model.CircleNetwork] != 240*time.Hour || got.TimeZone != "Asia/Tokyo" ||
		got.RefreshInterval != time.Hour || got.QuietStart != "22:00" || got.Cadence[model.CircleTeam] != 24*time.Hour {
		t.Errorf("prefs = %+v", got)
	}
}

func TestSavePrefsRefusesInvalidAndSavesNothing(t *testing.T) {
	s, _ := openTemp(t)
	ctx := context.Background()
	good := model.DefaultPrefs()
	good.MastodonInstance = "fosstodon.org"
	if err := s.SavePrefs(ctx, good); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		change func(p *model.Prefs)
		want   string
	}{
		{func(p *model.Prefs) { p.RefreshInterval = time.Minute }, "refresh interval"},
		{func(p *model.Prefs) { p.QuietStart = "25:00" }, "quiet hours start"},
		{func(p *model.Prefs) { p.QuietEnd = "soon" }, "quiet hours end"},
		{func(p *model.Prefs) { p.TimeZone = "Mars/Olympus" }, "unknown time zone"},
		{func(p *model.Prefs) { p.MastodonInstance = "@me@mastodon.social" }, "host name"},
		{func(p *model.Prefs) { p.Cadence[model.CircleNetwork] = time.Minute }, "network cadence"},
		{func(p *model.Prefs) { p.KeepReadMonths = -1 }, "keep read items"},
		{func(p *model.Prefs) { p.KeepReadMonths = 121 }, "keep read items"},
	} {
		p := model.DefaultPrefs()
		p.RefreshInterval = 2 * time.Hour // would change if anything were saved
		tc.change(&p)
		err := s.SavePrefs(ctx, p)
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("SavePrefs(%+v) = %v, want an error about %q", p, err, tc.want)
		}
		got, err := s.Prefs(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if got.RefreshInterval != time.Hour || got.MastodonInstance != "fosstodon.org" {
			t.Errorf("a refused save changed the prefs: %+v", got)
		}
	}
}

func TestPrefsUnreadableStoredValue(t *testing.T) {
	s, _ := openTemp(t)
	if _, err := s.db.Exec(`INSERT INTO settings (key, value) VALUES ('refresh_interval', 'often')`); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Prefs(context.Background()); err == nil || !strings.Contains(err.Error(), "refresh_interval") {
		t.Errorf("Prefs with a bad stored value: %v", err)
	}
}
