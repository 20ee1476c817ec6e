package people

import (
	"fmt"
	"strings"
	"time"

	"github.com/emersion/go-vcard"
	"github.com/knowflow/knowflow/model"
)

// The properties a card is read from, one function each.

// cardProperties maps a property name (upper case) to what reads it.
var cardProperties = map[string]func(*card, *property) error{
	vcard.FieldVersion:       (*card).addVersion,
	vcard.FieldFormattedName: (*card).addFormattedName,
	vcard.FieldName:          (*card).addName,
	vcard.FieldEmail:         (*card).addEmail,
	vcard.FieldURL:           (*card).addURL,
	"X-SOCIALPROFILE":        (*card).addSocialProfile,
	vcard.FieldIMPP:          (*card).addIMPP,
	propMastodon:             (*card).addMastodon,
	"X-MASTODON":             (*card).addMastodon,
	vcard.FieldOrganization:  (*card).addOrganization,
	vcard.FieldTitle:         (*card).addTitleOrRole,
	vcard.FieldRole:          (*card).addTitleOrRole,
	vcard.FieldNote:          (*card).addNote,
	vcard.FieldTimezone:      (*card).addTimeZone,
	vcard.FieldCategories:    (*card).addCategories,
	propCircle:               (*card).addCircle,
	propCommunity:            (*card).addCommunity,
	propInterest:             (*card).addInterest,
	propFeed:                 (*card).addFeed,
	propCadence:              (*card).addCadence,
	propWorkHours:            (*card).addWorkHours,
	propChannel:              (*card).addChannel,
	propLastContacted:        (*card).addLastContacted,
}

// addVersion checks VERSION: 2.1, 3.0 or 4.0.
func (k *card) addVersion(p *property) error {
	switch v := strings.TrimSpace(p.raw); v {
	case "2.1", "3.0", "4.0":
	default:
		return fmt.Errorf("unsupported VERSION %q (want 3.0 or 4.0)", clip(v))
	}
	return nil
}

// addFormattedName reads FN, the name as shown (the first one).
func (k *card) addFormattedName(p *property) error {
	if k.fn == "" {
		v, err := p.text()
		if err != nil {
			return err
		}
		k.fn = strings.TrimSpace(v)
	}
	return nil
}

// addName reads N, the structured name (the first one).
func (k *card) addName(p *property) error {
	if k.n == "" {
		comps, err := p.compound()
		if err != nil {
			return err
		}
		k.n = assembleName(comps)
	}
	return nil
}

// addEmail reads EMAIL, without a mailto: prefix.
func (k *card) addEmail(p *property) error {
	c := &k.c
	v, err := p.text()
	if err != nil {
		return err
	}
	v = strings.TrimSpace(v)
	if len(v) > 7 && strings.EqualFold(v[:7], "mailto:") {
		v = v[7:]
	}
	if v == "" {
		return nil
	}
	e, err := model.NormalizeEmail(v)
	if err != nil {
		return err
	}
	c.Emails = append(c.Emails, e)
	return nil
}

// addURL reads URL: a website, a profile, or a Mastodon profile written as a URL.
func (k *card) addURL(p *property) error {
	c := &k.c
	v, err := p.text()
	if err != nil {
		return err
	}
	v, ok := httpURL(v)
	if !ok {
		return nil
	}
	kind := model.HandleWebsite
	if p.params.HasType("profile") {
		kind = model.HandleProfile
	}
	c.Handles = append(c.Handles, model.Handle{Kind: kind, Value: v})
	if !k.ours {
		if m, ok := mastodonURL(v); ok {
			c.Handles = append(c.Handles, model.Handle{Kind: model.HandleMastodon, Value: m})
		}
	}
	return nil
}

// addSocialProfile reads X-SOCIALPROFILE (Apple's): a Mastodon handle or a profile.
func (k *card) addSocialProfile(p *property) error {
	c := &k.c
	v, err := p.text()
	if err != nil {
		return err
	}
	v = strings.TrimSpace(v)
	if p.params.HasType("mastodon") {
		if k.ours { // written for other apps; X-KNOWFLOW-MASTODON says it
			return nil
		}
		m, err := model.NormalizeMastodon(v)
		if err != nil {
			m, err = model.NormalizeMastodon(p.params.Get("X-USER"))
		}
		if err != nil {
			return fmt.Errorf("X-SOCIALPROFILE: %w", err)
		}
		c.Handles = append(c.Handles, model.Handle{Kind: model.HandleMastodon, Value: m})
		return nil
	}
	if m, ok := mastodonURL(v); ok && !k.ours {
		c.Handles = append(c.Handles, model.Handle{Kind: model.HandleMastodon, Value: m})
	} else if u, ok := httpURL(v); ok {
		c.Handles = append(c.Handles, model.Handle{Kind: model.HandleProfile, Value: u})
	}
	return nil
}

// addIMPP reads IMPP where it names Mastodon.
func (k *card) addIMPP(p *property) error {
	c := &k.c
	v, err := p.text()
	if err != nil {
		return err
	}
	v = strings.TrimSpace(v)
	scheme, rest, _ := strings.Cut(v, ":")
	if !strings.EqualFold(scheme, "mastodon") && !strings.EqualFold(p.params.Get("X-SERVICE-TYPE"), "mastodon") && !p.params.HasType("mastodon") {
		return nil
	}
	if !isHTTPURL(v) && rest != "" {
		v = rest
	}
	m, err := model.NormalizeMastodon(v)
	if err != nil {
		return fmt.Errorf("IMPP: %w", err)
	}
	c.Handles = append(c.Handles, model.Handle{Kind: model.HandleMastodon, Value: m})
	return nil
}

// addMastodon reads X-KNOWFLOW-MASTODON and X-MASTODON.
func (k *card) addMastodon(p *property) error {
	c := &k.c
	v, err := p.text()
	if err != nil {
		return err
	}
	if strings.TrimSpace(v) == "" {
		return nil
	}
	m, err := model.NormalizeMastodon(v)
	if err != nil {
		return fmt.Errorf("%s: %w", p.name, err)
	}
	c.Handles = append(c.Handles, model.Handle{Kind: model.HandleMastodon, Value: m})
	return nil
}

// addOrganization reads ORG (the first one).
func (k *card) addOrganization(p *property) error {
	c := &k.c
	if c.Organisation == "" {
		comps, err := p.compound()
		if err != nil {
			return err
		}
		var parts []string
		for _, items := range comps {
			if len(items) > 0 {
				parts = append(parts, strings.Join(items, ", "))
			}
		}
		c.Organisation = strings.Join(parts, ", ")
	}
	return nil
}

// addTitleOrRole reads TITLE and ROLE (the first of each).
func (k *card) addTitleOrRole(p *property) error {
	v, err := p.text()
	if err != nil {
		return err
	}
	if p.name == vcard.FieldTitle && k.title == "" {
		k.title = strings.TrimSpace(v)
	} else if p.name == vcard.FieldRole && k.role == "" {
		k.role = strings.TrimSpace(v)
	}
	return nil
}

// addNote reads NOTE; every note is kept.
func (k *card) addNote(p *property) error {
	v, err := p.text()
	if err != nil {
		return err
	}
	if v != "" {
		k.notes = append(k.notes, v)
	}
	return nil
}

// addTimeZone reads TZ (the first one): a zone name, or a UTC offset.
func (k *card) addTimeZone(p *property) error {
	c := &k.c
	if c.TimeZone != "" || k.tzNote != "" {
		return nil
	}
	v, err := p.text()
	if err != nil {
		return err
	}
	k.timeZone(strings.TrimSpace(v), strings.ToLower(p.params.Get(vcard.ParamValue)))
	return nil
}

// addCategories reads CATEGORIES, turned into circles and communities by finish.
func (k *card) addCategories(p *property) error {
	vs, err := p.list()
	if err != nil {
		return err
	}
	k.cats = append(k.cats, vs...)
	return nil
}

// addCircle reads Knowflow's circles.
func (k *card) addCircle(p *property) error {
	c := &k.c
	vs, err := p.list()
	if err != nil {
		return err
	}
	for _, v := range vs {
		ci, err := model.ParseCircle(v)
		if err != nil {
			return err
		}
		c.Circles = append(c.Circles, ci)
	}
	return nil
}

// addCommunity reads Knowflow's communities.
func (k *card) addCommunity(p *property) error {
	c := &k.c
	vs, err := p.list()
	if err != nil {
		return err
	}
	c.Communities = append(c.Communities, vs...)
	return nil
}

// addInterest reads Knowflow's interests.
func (k *card) addInterest(p *property) error {
	c := &k.c
	vs, err := p.list()
	if err != nil {
		return err
	}
	c.Interests = append(c.Interests, vs...)
	return nil
}

// addFeed reads a feed the person writes: an http(s) URL.
func (k *card) addFeed(p *property) error {
	v, err := p.text()
	if err != nil {
		return err
	}
	if v = strings.TrimSpace(v); v == "" {
		return nil
	}
	if !isHTTPURL(v) {
		return fmt.Errorf("%s %q is not an http(s) URL", propFeed, clip(v))
	}
	k.feeds = append(k.feeds, v)
	return nil
}

// addCadence reads the cadence, a duration like 168h.
func (k *card) addCadence(p *property) error {
	c := &k.c
	v, err := p.text()
	if err != nil {
		return err
	}
	d, err := time.ParseDuration(strings.TrimSpace(v))
	if err != nil || d < 0 {
		return fmt.Errorf("%s %q is not a duration like 168h", propCadence, clip(v))
	}
	c.Cadence = d
	return nil
}

// addWorkHours reads the working hours, like 09:00-17:00.
func (k *card) addWorkHours(p *property) error {
	c := &k.c
	v, err := p.text()
	if err != nil {
		return err
	}
	start, end, ok := strings.Cut(strings.TrimSpace(v), "-")
	start, end = strings.TrimSpace(start), strings.TrimSpace(end)
	if ok {
		_, err1 := model.ParseClock(start)
		_, err2 := model.ParseClock(end)
		ok = err1 == nil && err2 == nil
	}
	if !ok {
		return fmt.Errorf("%s %q is not like 09:00-17:00", propWorkHours, clip(v))
	}
	c.WorkStart, c.WorkEnd = start, end
	return nil
}

// addChannel reads the preferred channel.
func (k *card) addChannel(p *property) error {
	c := &k.c
	v, err := p.text()
	if err != nil {
		return err
	}
	ch := model.Channel(strings.ToLower(strings.TrimSpace(v)))
	switch ch {
	case model.ChannelEmail, model.ChannelMastodon, model.ChannelCopy, model.ChannelOther:
		c.Channel = ch
	default:
		return fmt.Errorf("%s %q is not email, mastodon, copy or other", propChannel, clip(v))
	}
	return nil
}

// addLastContacted reads when the user was last in touch, RFC 3339.
func (k *card) addLastContacted(p *property) error {
	c := &k.c
	v, err := p.text()
	if err != nil {
		return err
	}
	t, err := time.Parse(time.RFC3339Nano, strings.TrimSpace(v))
	if err != nil {
		return fmt.Errorf("%s %q is not an RFC 3339 time", propLastContacted, clip(v))
	}
	c.LastContacted = t
	return nil
}
