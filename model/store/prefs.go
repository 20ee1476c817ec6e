package store

import (
	"context"
	"fmt"
	"maps"
	"strconv"
	"time"

	"github.com/knowflow/knowflow/model"
)

// Keys of the preferences in the settings table. Durations are stored as
// Go duration strings ("1h0m0s"), the rest verbatim.
const (
	prefRefreshInterval  = "refresh_interval"
	prefQuietStart       = "quiet_start"
	prefQuietEnd         = "quiet_end"
	prefTimeZone         = "timezone"
	prefMastodonInstance = "mastodon_instance"
	prefKeepReadMonths   = "keep_read_months"
	prefSuggestDays      = "suggest_days"
	prefRemoteImages     = "load_remote_images" // "true" or "false"
	prefCadencePrefix    = "cadence_"           // + circle: cadence_team, cadence_community, cadence_network
)

// Prefs reads the user's preferences; keys never saved take their
// defaults (model.DefaultPrefs), so a new database has the default prefs.
// A stored value that cannot be read, or that model.Prefs.Normalize
// refuses, is an error naming the key.
func (s *Store) Prefs(ctx context.Context) (model.Prefs, error) {
	return prefsQ(ctx, s.db)
}

func prefsQ(ctx context.Context, db querier) (model.Prefs, error) {
	p := model.DefaultPrefs()
	rows, err := db.QueryContext(ctx, `SELECT key, value FROM settings`)
	if err != nil {
		return p, fmt.Errorf("store: prefs: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var key, value string
		if err := rows.Scan(&key, &value); err != nil {
			return p, fmt.Errorf("store: prefs: %w", err)
		}
		number := func(dst *int, unit string) error {
			n, err := strconv.Atoi(value)
			if err != nil {
				return fmt.Errorf("store: prefs: setting %s = %q is not a number of %s", key, value, unit)
			}
			*dst = n
			return nil
		}
		duration := func(dst *time.Duration) error {
			d, err := time.ParseDuration(value)
			if err != nil {
				return fmt.Errorf("store: prefs: setting %s = %q is not a duration", key, value)
			}
			*dst = d
			return nil
		}
		switch key {
		case prefRefreshInterval:
			err = duration(&p.RefreshInterval)
		case prefQuietStart:
			p.QuietStart = value
		case prefQuietEnd:
			p.QuietEnd = value
		case prefTimeZone:
			p.TimeZone = value
		case prefMastodonInstance:
			p.MastodonInstance = value
		case prefKeepReadMonths:
			err = number(&p.KeepReadMonths, "months")
		case prefSuggestDays:
			err = number(&p.SuggestDays, "days")
		case prefRemoteImages:
			on, perr := strconv.ParseBool(value)
			if perr != nil {
				err = fmt.Errorf("store: prefs: setting %s = %q is not true or false", key, value)
			}
			p.NoRemoteImages = !on
		default:
			for _, c := range model.Circles {
				if key == prefCadencePrefix+string(c) {
					var d time.Duration
					err = duration(&d)
					p.Cadence[c] = d
				}
			}
			// Other keys belong to other settings.
		}
		if err != nil {
			return p, err
		}
	}
	if err := rows.Err(); err != nil {
		return p, fmt.Errorf("store: prefs: %w", err)
	}
	if err := p.Normalize(); err != nil {
		return p, fmt.Errorf("store: stored preferences are invalid: %w", err)
	}
	return p, nil
}

// SavePrefs checks p (model.Prefs.Normalize, whose error it returns with
// nothing saved) and stores every preference in one transaction.
func (s *Store) SavePrefs(ctx context.Context, p model.Prefs) error {
	p.Cadence = maps.Clone(p.Cadence) // Normalize fills the map: not the caller's
	if err := p.Normalize(); err != nil {
		return err
	}
	kv := [][2]string{
		{prefRefreshInterval, p.RefreshInterval.String()},
		{prefQuietStart, p.QuietStart},
		{prefQuietEnd, p.QuietEnd},
		{prefTimeZone, p.TimeZone},
		{prefMastodonInstance, p.MastodonInstance},
		{prefKeepReadMonths, strconv.Itoa(p.KeepReadMonths)},
		{prefSuggestDays, strconv.Itoa(p.SuggestDays)},
		{prefRemoteImages, strconv.FormatBool(!p.NoRemoteImages)},
	}
	for _, c := range model.Circles {
		kv = append(kv, [2]string{prefCadencePrefix + string(c), p.Cadence[c].String()})
	}
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("store: save prefs: %w", err)
	}
	defer tx.Rollback()
	for _, x := range kv {
		if _, err := tx.ExecContext(ctx, `INSERT INTO settings (key, value) VALUES (?, ?)
			ON CONFLICT (key) DO UPDATE SET value = excluded.value`, x[0], x[1]); err != nil {
			return fmt.Errorf("store: save prefs: %s: %w", x[0], err)
		}
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("store: save prefs: %w", err)
	}
	return nil
}
