package model

import (
	"strings"
	"testing"
	"time"
)

func TestContactNormalize(t *testing.T) {
	c := Contact{
		Name:        "  Ada Lovelace ",
		Emails:      []string{"Ada <ADA@Example.org>", "ada@example.org", ""},
		Handles:     []Handle{{HandleMastodon, "@ada@Mastodon.Social"}, {HandleMastodon, "https://mastodon.social/@ada"}, {HandleWebsite, "https://ada.example"}},
		Circles:     []Circle{"Team", "community", "team"},
		Communities: []string{"L&D Guild", "l&d guild", " Go  meetup "},
		Interests:   SplitList("remote onboarding, knowledge management;Remote Onboarding"),
		TimeZone:    "Europe/Lisbon",
	}
	if err := c.Normalize(); err != nil {
		t.Fatal(err)
	}
	if c.Name != "Ada Lovelace" || strings.Join(c.Emails, ",") != "ada@example.org" {
		t.Errorf("name/emails = %q %v", c.Name, c.Emails)
	}
	if len(c.Handles) != 2 || c.Handles[0].Value != "ada@mastodon.social" {
		t.Errorf("handles = %v", c.Handles)
	}
	if len(c.Circles) != 2 || c.Circles[0] != CircleTeam {
		t.Errorf("circles = %v", c.Circles)
	}
	if strings.Join(c.Communities, "|") != "L&D Guild|Go meetup" {
		t.Errorf("communities = %v", c.Communities)
	}
	if strings.Join(c.Interests, "|") != "remote onboarding|knowledge management" {
		t.Errorf("interests = %v", c.Interests)
	}
	if c.WorkStart != "09:00" || c.WorkEnd != "17:00" || c.Channel != ChannelEmail {
		t.Errorf("defaults = %q %q %q", c.WorkStart, c.WorkEnd, c.Channel)
	}
	if c.EffectiveCadence() != 24*time.Hour {
		t.Errorf("cadence = %v, want the team's day", c.EffectiveCadence())
	}
}

func TestContactNormalizeRejects(t *testing.T) {
	for name, c := range map[string]Contact{
		"no name":      {Name: " "},
		"bad email":    {Name: "x", Emails: []string{"not-an-email"}},
		"bad circle":   {Name: "x", Circles: []Circle{"family"}},
		"bad timezone": {Name: "x", TimeZone: "Mars/Olympus"},
		"bad hours":    {Name: "x", WorkStart: "25:00"},
		"empty hours":  {Name: "x", WorkStart: "09:00", WorkEnd: "09:00"},
		"bad mastodon": {Name: "x", Handles: []Handle{{HandleMastodon, "justaname"}}},
		"bad website":  {Name: "x", Handles: []Handle{{HandleWebsite, "javascript:alert(1)"}}},
		"bad channel":  {Name: "x", Channel: "pigeon"},
	} {
		if err := c.Normalize(); err == nil {
			t.Errorf("%s: accepted %+v", name, c)
		}
	}
}
