package ui

import (
	"context"
	"fmt"
	"net/url"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/widget"

	"github.com/knowflow/knowflow/model"
	"github.com/knowflow/knowflow/model/digest"
)

// What the Share section does with a suggestion: open, e-mail, post,
// copy, mark shared, snooze, dismiss, and copy a community's digest.

// open opens u outside the app (only http, https and mailto), on a
// worker; opened runs once it did. A failure is said, with text offered
// to copy (App.openLink).
func (s *shareScreen) open(u *url.URL, text string, opened func()) bool {
	return s.app.openLink(u, text, opened)
}

func (s *shareScreen) onEmail() {
	if !s.hasCur {
		return
	}
	to := ""
	if len(s.contact.Emails) > 0 {
		to = s.contact.Emails[0]
	}
	body := s.cur.ItemURL
	if n := s.noteText(); n != "" {
		body = n + "\n\n" + s.cur.ItemURL
	}
	key := suggestionKey(s.cur)
	s.open(mailtoURL(to, s.cur.ItemTitle, body), body, func() {
		s.channel[key] = model.ChannelEmail
		s.setStatus("Opened an e-mail to " + orNone(to) + ".")
	})
}

func (s *shareScreen) onMastodon() {
	if !s.hasCur {
		return
	}
	u, ok := mastodonShareURL(s.prefs.MastodonInstance, s.cur.ItemTitle, s.cur.ItemURL, s.noteText())
	if !ok {
		s.setStatus("Set your Mastodon instance in File ▸ Preferences… first.")
		return
	}
	key := suggestionKey(s.cur)
	s.open(u, s.noteText(), func() {
		s.channel[key] = model.ChannelMastodon
		s.setStatus("Opened a Mastodon post on " + u.Host + ".")
	})
}

func (s *shareScreen) onCopyText() { s.copyAs(shareText, "Copied the title, link and note.") }

func (s *shareScreen) onCopyMarkdown() { s.copyAs(shareMarkdown, "Copied as Markdown.") }

// copyAs puts the current suggestion's item, formatted, on the clipboard
// and remembers that it went by copy.
func (s *shareScreen) copyAs(format func(title, link, note string) string, done string) {
	if !s.hasCur {
		return
	}
	s.app.app.Clipboard().SetContent(format(s.cur.ItemTitle, s.cur.ItemURL, s.noteText()))
	s.channel[suggestionKey(s.cur)] = model.ChannelCopy
	s.setStatus(done)
}

// channelFor is the channel a share of x went through: the one used last
// for it in this session, else the contact's preferred one, else other.
func (s *shareScreen) channelFor(x model.Suggestion) model.Channel {
	if ch, ok := s.channel[suggestionKey(x)]; ok {
		return ch
	}
	if x.ContactID != 0 && s.contact.ID == x.ContactID && s.contact.Channel != "" {
		return s.contact.Channel
	}
	return model.ChannelOther
}

func (s *shareScreen) onMarkShared() {
	if !s.hasCur {
		return
	}
	x := s.cur
	sh := model.Share{ItemID: x.ItemID, ContactID: x.ContactID, CommunityID: x.CommunityID,
		Channel: s.channelFor(x), SharedAt: s.app.now(), Note: s.noteText()}
	var before time.Time // their last contact until this share, to go back to on Undo
	if x.ContactID != 0 && s.contact.ID == x.ContactID {
		before = s.contact.LastContacted
	}
	s.record(x, "Recording the share…", func(ctx context.Context, st shareStore) (undoFunc, error) {
		stored, err := st.RecordShare(ctx, sh)
		return func(ctx context.Context, st shareStore) error { return st.UndoShare(ctx, stored, before) }, err
	}, "Shared “"+clipText(x.ItemTitle, 40)+"” with "+recipient(x)+".")
}

func (s *shareScreen) onSnooze() {
	if !s.hasCur {
		return
	}
	x := s.cur
	now := s.app.now()
	until := now.Add(24 * time.Hour)
	s.feedback(model.Feedback{ItemID: x.ItemID, ContactID: x.ContactID, CommunityID: x.CommunityID,
		Verdict: model.VerdictSnoozed, Until: until, At: now},
		"Snoozed “"+clipText(x.ItemTitle, 40)+"” until "+until.In(s.loc).Format("Mon 2 Jan 15:04")+".")
}

func (s *shareScreen) onDismiss() {
	if !s.hasCur {
		return
	}
	x := s.cur
	msg := "“" + clipText(x.ItemTitle, 40) + "” is not for " + recipient(x) + ": noted."
	if x.Kind == model.KindThank {
		msg = "Skipped thanking " + x.ContactName + "."
	}
	s.feedback(model.Feedback{ItemID: x.ItemID, ContactID: x.ContactID, CommunityID: x.CommunityID,
		Verdict: model.VerdictDismissed, At: s.app.now()}, msg)
}

func (s *shareScreen) feedback(f model.Feedback, msg string) {
	s.record(s.cur, "Saving…", func(ctx context.Context, st shareStore) (undoFunc, error) {
		return func(ctx context.Context, st shareStore) error { return st.DeleteFeedback(ctx, f) }, st.SaveFeedback(ctx, f)
	}, msg)
}

// record writes what was done with suggestion x on a worker: x's actions
// are off and the status says working while it is under way; once
// written, x leaves the list (the page moves on if it still shows x) and
// the status says done, with Undo for a few seconds; a failed write shows
// its error and offers x's actions again.
func (s *shareScreen) record(x model.Suggestion, working string, write func(context.Context, shareStore) (undoFunc, error), done string) {
	key := suggestionKey(x)
	s.busy[key] = true
	s.updateActions()
	s.setStatus(working)
	async(s.app, s.store, nil, time.Minute, write, func(undo undoFunc, err error) {
		delete(s.busy, key)
		s.updateActions()
		if err != nil {
			if s.status.Text == working {
				s.setStatus("")
			}
			s.app.showError(err)
			return
		}
		s.setStatus(done)
		s.offerUndo(x, undo)
		s.done(x)
	})
}

// updateActions turns the page's share actions off while what was done
// with its suggestion is being written.
func (s *shareScreen) updateActions() {
	for _, b := range []*widget.Button{s.sharedBtn, s.snoozeBtn, s.dismissBtn, s.emailBtn} {
		if s.hasCur && (s.loadingDetail || s.busy[suggestionKey(s.cur)]) {
			b.Disable()
		} else {
			b.Enable()
		}
	}
}

func recipient(x model.Suggestion) string {
	if x.CommunityID != 0 {
		return "the " + recipientName(x)
	}
	return recipientName(x)
}

// done removes suggestion x at once and has the suggestions computed
// again; when the page showed x, the one that takes its place is
// selected.
func (s *shareScreen) done(x model.Suggestion) {
	key := suggestionKey(x)
	s.removed[key] = s.app.now()
	shown := s.hasCur && suggestionKey(s.cur) == key
	row := -1
	for i, r := range s.rows {
		if r.sug >= 0 && suggestionKey(s.sugs[r.sug]) == key {
			row = i
		}
	}
	for i, y := range s.sugs {
		if suggestionKey(y) == key {
			// A new slice: the old one is the App's too.
			s.sugs = append(s.sugs[:i:i], s.sugs[i+1:]...)
			break
		}
	}
	if shown {
		s.showDetail(nil)
	}
	s.rebuild()
	if next := s.nearestSuggestionRow(row); shown && next >= 0 {
		s.list.Select(next)
	}
	s.app.recomputeSuggestions()
}

// nearestSuggestionRow is the first suggestion row at or after row, else
// the last one before it; -1 when there is none.
func (s *shareScreen) nearestSuggestionRow(row int) int {
	if row < 0 {
		return -1
	}
	for i := row; i < len(s.rows); i++ {
		if s.rows[i].sug >= 0 {
			return i
		}
	}
	for i := min(row, len(s.rows)) - 1; i >= 0; i-- {
		if s.rows[i].sug >= 0 {
			return i
		}
	}
	return -1
}

// onCopyDigest copies the Markdown digest of group gi's community. The
// community's description and the items' sources and notes are read on a
// worker; the digest reaches the clipboard when they come back (of
// several copies asked for, the last one asked).
func (s *shareScreen) onCopyDigest(gi int) {
	if gi < 0 || gi >= len(s.groups) || s.groups[gi].communityID == 0 {
		return
	}
	g := s.groups[gi]
	d := digestJob{community: g.community, communityID: g.communityID, day: g.when.In(s.loc)}
	var keys []string
	for _, x := range s.sugs {
		if x.CommunityID != g.communityID {
			continue
		}
		keys = append(keys, suggestionKey(x))
		e := digestEntry{Entry: digest.Entry{Title: x.ItemTitle, URL: x.ItemURL}, itemID: x.ItemID}
		if s.hasCur && s.cur.ItemID == x.ItemID {
			e.note, e.writing = s.noteText(), true // the note as being written
		}
		d.entries = append(d.entries, e)
	}
	s.setStatus("Writing the " + g.community + " digest…")
	async(s.app, s.store, &s.digestGen, 10*time.Second, d.markdown, func(md string, err error) {
		if err != nil {
			s.setStatus("")
			s.app.showError(err)
			return
		}
		s.app.app.Clipboard().SetContent(md)
		for _, k := range keys {
			s.channel[k] = model.ChannelCopy
		}
		s.setStatus(fmt.Sprintf("Copied the %s digest (%s) as Markdown.", g.community, plural(len(d.entries), "item", "items")))
	})
}

// digestJob is what a community's digest is written from, taken on the UI
// goroutine: the community and the suggested items, with the note being
// written in Share's detail if it shows one of them.
type digestJob struct {
	community   string
	communityID int64
	day         time.Time
	entries     []digestEntry
}

type digestEntry struct {
	digest.Entry
	itemID  int64
	note    string
	writing bool // note is the one being written, not the stored one
}

// markdown reads the community's description and each item's source and
// stored note, then writes the digest (on a worker). An item that cannot
// be read goes in without them.
func (d digestJob) markdown(ctx context.Context, st shareStore) (string, error) {
	desc := ""
	if cs, err := st.Communities(ctx); err == nil {
		for _, c := range cs {
			if c.ID == d.communityID {
				desc = c.Description
			}
		}
	}
	entries := make([]digest.Entry, 0, len(d.entries))
	for _, de := range d.entries {
		e := de.Entry
		if it, err := st.Item(ctx, de.itemID); err == nil {
			e.Source, e.Note = it.SourceTitle, it.Note
		} else {
			fyne.LogError("loading a suggestion's item", err)
		}
		if de.writing {
			e.Note = de.note
		}
		entries = append(entries, e)
	}
	var b strings.Builder
	if err := digest.Markdown(&b, d.community, desc, entries, d.day, d.day); err != nil {
		return "", err
	}
	return b.String(), nil
}

// --- what goes out ---
