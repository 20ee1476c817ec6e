package ui

import (
	"fmt"
	"sort"
	"strings"
	"time"

	"github.com/knowflow/knowflow/model"
)

// The time-zone picker of the contact form and the Preferences dialog:
// the zones offered, how a typed name is checked and shown.

// filterZones lists the zones whose name holds every word of the entry
// (just the one it names exactly).
func (f *contactForm) filterZones() {
	f.tzShown = f.tzShown[:0]
	if z, ok := listedZone(f.tz.Text); ok {
		f.tzShown = append(f.tzShown, z)
	} else {
		f.tzShown = append(f.tzShown, matchZones(f.tz.Text)...)
	}
	if f.tzList != nil {
		f.tzList.Refresh()
		f.tzList.ScrollToTop()
	}
}

// listedZone is the zone of tzZones named s, whatever its case.
func listedZone(s string) (string, bool) {
	s = strings.TrimSpace(s)
	for _, z := range tzZones {
		if strings.EqualFold(z, s) {
			return z, true
		}
	}
	return "", false
}

// zoneValidator accepts an empty entry (the user's own zone) or a zone
// canonicalZone knows.
func zoneValidator(s string) error {
	if s = strings.TrimSpace(s); s == "" {
		return nil
	}
	if _, ok := canonicalZone(s); !ok {
		return fmt.Errorf("unknown time zone %q: pick one from the list", s)
	}
	return nil
}

// canonicalZone returns the IANA zone named s, matching the list's
// spelling case-insensitively; any other name time.LoadLocation accepts
// is taken as is.
func canonicalZone(s string) (string, bool) {
	s = strings.TrimSpace(s)
	if s == "" || s == "Local" {
		return "", false
	}
	if z, ok := listedZone(s); ok {
		return z, true
	}
	if _, err := time.LoadLocation(s); err != nil {
		return "", false
	}
	return s, true
}

// searchedZone is the zone s names (canonicalZone), or else the one zone
// of the list a search for s finds ("Lisbon": Europe/Lisbon): the person
// form takes a search with one match as that zone.
func searchedZone(s string) (string, bool) {
	if z, ok := canonicalZone(s); ok {
		return z, true
	}
	if m := matchZones(s); len(m) == 1 && strings.TrimSpace(s) != "" {
		return m[0], true
	}
	return "", false
}

// searchedZoneValidator accepts an empty entry (the user's own zone) or
// what searchedZone takes.
func searchedZoneValidator(s string) error {
	if strings.TrimSpace(s) == "" {
		return nil
	}
	if _, ok := searchedZone(s); !ok {
		return fmt.Errorf("unknown time zone %q: pick one from the list", strings.TrimSpace(s))
	}
	return nil
}

// zoneOffset is the zone's offset from UTC at t (the app's now), e.g.
// "UTC+05:30".
func zoneOffset(name string, t time.Time) string {
	loc, ok := model.LoadLocation(name)
	if !ok {
		return ""
	}
	_, off := t.In(loc).Zone()
	sign := "+"
	if off < 0 {
		sign, off = "-", -off
	}
	return fmt.Sprintf("UTC%s%02d:%02d", sign, off/3600, off/60%60)
}

// tzZones is a curated list of common IANA time zones, sorted; the form
// also accepts any other name time.LoadLocation knows.
var tzZones = func() []string {
	zs := []string{
		"UTC",
		"Africa/Abidjan", "Africa/Accra", "Africa/Addis_Ababa", "Africa/Algiers", "Africa/Cairo",
		"Africa/Casablanca", "Africa/Dakar", "Africa/Dar_es_Salaam", "Africa/Johannesburg", "Africa/Kampala",
		"Africa/Khartoum", "Africa/Kinshasa", "Africa/Lagos", "Africa/Luanda", "Africa/Maputo",
		"Africa/Nairobi", "Africa/Tripoli", "Africa/Tunis", "Africa/Windhoek",
		"America/Anchorage", "America/Argentina/Buenos_Aires", "America/Asuncion", "America/Bogota",
		"America/Caracas", "America/Chicago", "America/Costa_Rica", "America/Denver", "America/Edmonton",
		"America/El_Salvador", "America/Guatemala", "America/Guayaquil", "America/Halifax", "America/Havana",
		"America/La_Paz", "America/Lima", "America/Los_Angeles", "America/Manaus", "America/Mexico_City",
		"America/Montevideo", "America/New_York", "America/Panama", "America/Phoenix", "America/Puerto_Rico",
		"America/Recife", "America/Regina", "America/Santiago", "America/Santo_Domingo", "America/Sao_Paulo",
		"America/St_Johns", "America/Toronto", "America/Vancouver", "America/Winnipeg",
		"Asia/Almaty", "Asia/Amman", "Asia/Baghdad", "Asia/Baku", "Asia/Bangkok", "Asia/Beirut",
		"Asia/Colombo", "Asia/Dhaka", "Asia/Dubai", "Asia/Ho_Chi_Minh", "Asia/Hong_Kong", "Asia/Jakarta",
		"Asia/Jerusalem", "Asia/Kabul", "Asia/Karachi", "Asia/Kathmandu", "Asia/Kolkata", "Asia/Kuala_Lumpur",
		"Asia/Manila", "Asia/Novosibirsk", "Asia/Qatar", "Asia/Riyadh", "Asia/Seoul", "Asia/Shanghai",
		"Asia/Singapore", "Asia/Taipei", "Asia/Tashkent", "Asia/Tbilisi", "Asia/Tehran", "Asia/Tokyo",
		"Asia/Ulaanbaatar", "Asia/Vladivostok", "Asia/Yangon", "Asia/Yekaterinburg", "Asia/Yerevan",
		"Atlantic/Azores", "Atlantic/Canary", "Atlantic/Cape_Verde", "Atlantic/Reykjavik",
		"Australia/Adelaide", "Australia/Brisbane", "Australia/Darwin", "Australia/Hobart",
		"Australia/Melbourne", "Australia/Perth", "Australia/Sydney",
		"Europe/Amsterdam", "Europe/Athens", "Europe/Belgrade", "Europe/Berlin", "Europe/Brussels",
		"Europe/Bucharest", "Europe/Budapest", "Europe/Copenhagen", "Europe/Dublin", "Europe/Helsinki",
		"Europe/Istanbul", "Europe/Kyiv", "Europe/Lisbon", "Europe/Ljubljana", "Europe/London",
		"Europe/Luxembourg", "Europe/Madrid", "Europe/Malta", "Europe/Minsk", "Europe/Moscow", "Europe/Oslo",
		"Europe/Paris", "Europe/Prague", "Europe/Riga", "Europe/Rome", "Europe/Sofia", "Europe/Stockholm",
		"Europe/Tallinn", "Europe/Vienna", "Europe/Vilnius", "Europe/Warsaw", "Europe/Zagreb", "Europe/Zurich",
		"Indian/Maldives", "Indian/Mauritius", "Indian/Reunion",
		"Pacific/Auckland", "Pacific/Chatham", "Pacific/Fiji", "Pacific/Guam", "Pacific/Honolulu",
		"Pacific/Port_Moresby", "Pacific/Tongatapu",
	}
	sort.Strings(zs)
	return zs
}()
