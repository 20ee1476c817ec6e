package ui

import (
	"context"
	"fmt"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/knowflow/knowflow/model"
	"github.com/knowflow/knowflow/model/flow"
	"github.com/knowflow/knowflow/model/store"
)

// Why Share has nothing to suggest: worked out on a worker when a
// computation comes back empty, and said in the empty state with what to
// do about it.

// reasonStore is what finding the reason reads, and widening the window
// writes.
type reasonStore interface {
	prefsStore
	Contacts(ctx context.Context, f store.ContactFilter) ([]model.Contact, error)
	Items(ctx context.Context, f store.ItemFilter) ([]model.Item, error)
	History(ctx context.Context, f store.HistoryFilter) ([]store.ShareRecord, error)
}

type reasonKind int

const (
	reasonNoMatch     reasonKind = iota // candidates and people, no match strong enough
	reasonNoInterests                   // nobody has interests
	reasonNothingOpen                   // no unread or starred item at all
	reasonTooOld                        // the newest unread or starred item is older than the window
	reasonCadence                       // everyone with interests was shared with within their cadence
)

// emptyReason is why a computation found nothing.
type emptyReason struct {
	kind   reasonKind
	days   int           // the window, Prefs.SuggestDays
	age    time.Duration // reasonTooOld: how old the newest candidate is
	next   time.Time     // reasonCadence: when the first cadence ends
	nextTo string        // and whose
}

// findEmptyReason reads why there is nothing to suggest at now.
func findEmptyReason(ctx context.Context, st reasonStore, now time.Time) (emptyReason, error) {
	p, err := st.Prefs(ctx)
	if err != nil {
		return emptyReason{}, err
	}
	r := emptyReason{days: p.SuggestDays}
	if r.days <= 0 {
		r.days = int(p.SuggestWindowOf() / (24 * time.Hour))
	}
	cs, err := st.Contacts(ctx, store.ContactFilter{})
	if err != nil {
		return r, err
	}
	var interested []model.Contact
	for _, c := range cs {
		if len(c.Interests) > 0 {
			interested = append(interested, c)
		}
	}
	if len(interested) == 0 {
		r.kind = reasonNoInterests
		return r, nil
	}
	var newest time.Time
	for _, f := range []store.ItemFilter{{Unread: true, Limit: 1}, {Starred: true, Limit: 1}} {
		its, err := st.Items(ctx, f)
		if err != nil {
			return r, err
		}
		if len(its) > 0 && its[0].Published.After(newest) {
			newest = its[0].Published
		}
	}
	switch {
	case newest.IsZero():
		r.kind = reasonNothingOpen
		return r, nil
	case newest.Before(now.Add(-p.SuggestWindowOf())):
		r.kind, r.age = reasonTooOld, now.Sub(newest)
		return r, nil
	}
	// Within cadence: the last share with them, or being in touch, is less
	// than their cadence ago.
	var longest time.Duration
	for _, c := range interested {
		longest = max(longest, p.CadenceFor(c))
	}
	recent, err := st.History(ctx, store.HistoryFilter{Since: now.Add(-longest)})
	if err != nil {
		return r, err
	}
	last := map[int64]time.Time{}
	for _, sh := range recent {
		if sh.ContactID != 0 && sh.SharedAt.After(last[sh.ContactID]) {
			last[sh.ContactID] = sh.SharedAt
		}
	}
	for _, c := range interested {
		t := last[c.ID]
		if c.LastContacted.After(t) {
			t = c.LastContacted
		}
		end := t.Add(p.CadenceFor(c))
		if t.IsZero() || !end.After(now) {
			r.kind = reasonNoMatch // someone is free: nothing matched them
			return r, nil
		}
		if r.next.IsZero() || end.Before(r.next) {
			r.next, r.nextTo = end, c.Name
		}
	}
	r.kind = reasonCadence
	return r, nil
}

// widerWindows are the windows offered when every candidate is too old:
// the usual ones above days, from the first that reaches an item age old.
func widerWindows(days int, age time.Duration) []int {
	var out []int
	for _, n := range model.SuggestDayChoices {
		if n <= days || (time.Duration(n)*24*time.Hour < age && n != model.SuggestDayChoices[len(model.SuggestDayChoices)-1]) {
			continue
		}
		out = append(out, n)
	}
	if len(out) > 2 {
		out = out[:2]
	}
	return out
}

// findReason works out, on a worker, why the last computation found
// nothing, and shows it (the generic reason meanwhile).
func (s *shareScreen) findReason() {
	s.showReason(emptyReason{kind: reasonNoMatch, days: s.prefs.SuggestDays})
	now := s.app.now()
	async(s.app, reasonStore(s.store), &s.reasonGen, 10*time.Second, func(ctx context.Context, st reasonStore) (emptyReason, error) {
		return findEmptyReason(ctx, st, now)
	}, func(r emptyReason, err error) {
		if err != nil {
			fyne.LogError("why Share has nothing", err)
			return
		}
		s.showReason(r)
	})
}

// showReason puts r's empty state in place.
func (s *shareScreen) showReason(r emptyReason) {
	s.reason = r
	u := s.app
	toPeople := func() *widget.Button {
		return widget.NewButtonWithIcon("Go to People", theme.AccountIcon(), func() { u.ShowSection(SectionPeople) })
	}
	refresh := widget.NewButtonWithIcon("Refresh suggestions", theme.ViewRefreshIcon(), s.onRefresh)
	var o fyne.CanvasObject
	switch r.kind {
	case reasonNoInterests:
		o = emptyState(theme.AccountIcon(), "No one has interests yet",
			"Share matches items to what people care about. Open someone in People and add a few interests in their own words (\"remote onboarding\", \"learning analytics\").",
			toPeople())
	case reasonNothingOpen:
		o = emptyState(theme.ConfirmIcon(), "Everything is read",
			"Share considers unread and starred items, and you have none. Star what is worth passing on, or refresh your feeds.",
			widget.NewButtonWithIcon("Go to Seek", theme.SearchIcon(), func() { u.ShowSection(SectionSeek) }), refresh)
	case reasonTooOld:
		var buttons []*widget.Button
		for _, n := range widerWindows(r.days, r.age) {
			buttons = append(buttons, widget.NewButton(fmt.Sprintf("Use the last %d days", n), func() { s.widen(n) }))
		}
		o = emptyState(theme.HistoryIcon(), "Nothing recent enough",
			fmt.Sprintf("Share considers unread and starred items from the last %d days; your newest is from %s.", r.days, flow.Ago(r.age)),
			buttons...)
	case reasonCadence:
		o = emptyState(theme.ConfirmIcon(), "Everyone is within their cadence",
			fmt.Sprintf("You shared with everyone recently enough. The first cadence ends %s (%s).",
				r.next.In(s.loc).Format("Mon 2 Jan 15:04"), r.nextTo),
			toPeople(), refresh)
	default:
		o = emptyState(theme.ConfirmIcon(), "Nothing to share right now",
			"No recent item matches anyone's interests closely enough. Give people more interests, star or note what you read, or refresh your feeds: suggestions follow.",
			toPeople(), refresh)
	}
	showOnly(s.noneDue, o)
}

// widen sets the window to days (a preference) and computes again.
func (s *shareScreen) widen(days int) {
	s.writeThen(fmt.Sprintf("Looking at the last %d days…", days), func(ctx context.Context, st shareStore) error {
		p, err := st.Prefs(ctx)
		if err != nil {
			return err
		}
		p.SuggestDays = days
		return st.SavePrefs(ctx, p)
	}, s.onRefresh)
}

// noneDueBox is the stack the empty state with its reason goes in.
func noneDueBox() *fyne.Container { return container.NewStack() }
