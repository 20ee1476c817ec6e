package ui

import (
	"fmt"
	"sort"
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/knowflow/knowflow/feeds"
	"github.com/knowflow/knowflow/model"
)

// Errors a person can act on: what failed, in plain words, with the
// technical detail one click away; the "Sources with problems" view
// lists every failing source with bulk Retry and Unsubscribe.

// nodeProblems is the tree's "Sources with problems" entry, shown while
// any source fails.
const nodeProblems = "problems"

// detailToggle is a "Details" button that shows or hides detail below.
func detailToggle(detail string) (*widget.Button, *widget.Label) {
	l := widget.NewLabel(detail)
	l.Wrapping = fyne.TextWrapBreak
	l.Importance = widget.LowImportance
	l.Hide()
	var b *widget.Button
	b = widget.NewButton("Details", func() {
		if l.Visible() {
			l.Hide()
			b.SetText("Details")
		} else {
			l.Show()
			b.SetText("Hide details")
		}
	})
	b.Importance = widget.LowImportance
	if detail == "" {
		b.Hide()
	}
	return b, l
}

// failureRow shows one failed source: its title in bold, the reason in
// plain words with since when, and the detail on demand; lead (nil: none)
// goes before it (a check box).
func failureRow(lead fyne.CanvasObject, title, reason, since, detail string) fyne.CanvasObject {
	t := widget.NewLabelWithStyle(title, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	t.Truncation = fyne.TextTruncateEllipsis
	if reason != "" && !strings.ContainsAny(reason[len(reason)-1:], ".!?") {
		reason += "."
	}
	r := widget.NewLabel(reason + since)
	r.Wrapping = fyne.TextWrapWord
	btn, d := detailToggle(detail)
	return container.NewBorder(nil, nil, lead, nil,
		container.NewVBox(t, container.NewBorder(nil, nil, nil, container.NewVBox(btn), r), d))
}

// sinceText says since when a source fails.
func sinceText(src model.Source) string {
	if src.FailingSince.IsZero() {
		return ""
	}
	return fmt.Sprintf(" Failing since %s (%s in a row).", src.FailingSince.Local().Format("Jan 2 15:04"), plural(src.ErrorCount, "try", "tries"))
}

func sourceName(src model.Source) string {
	if src.Title != "" {
		return src.Title
	}
	return src.FeedURL
}

// showRefreshErrors lists the sources the last refresh could not read.
func (s *seekScreen) showRefreshErrors() {
	box := container.NewVBox()
	for _, e := range s.lastErrors {
		title := e.Title
		if title == "" {
			title = e.FeedURL
		}
		box.Add(failureRow(nil, title, e.Error, "", e.Detail))
	}
	d := dialog.NewCustom(plural(len(s.lastErrors), "source failed", "sources failed"), "Close", container.NewVScroll(box), s.app.win)
	d.Resize(fyne.NewSize(640, 460))
	s.failedDlg = d
	d.Show()
	s.app.ownKeys(d, nil, d.Hide)
}

// failing lists the failing sources, by title.
func (s *seekScreen) failing() []model.Source {
	var out []model.Source
	for _, src := range s.sources {
		if src.LastError != "" {
			out = append(out, src)
		}
	}
	sort.Slice(out, func(i, j int) bool { return sourceName(out[i]) < sourceName(out[j]) })
	return out
}

// problemsView is the "Sources with problems" view: in the middle pane,
// instead of the item list, while its tree entry is selected.
type problemsView struct {
	s        *seekScreen
	content  *fyne.Container
	box      *fyne.Container
	head     *widget.Label
	checks   map[int64]*widget.Check
	all      *widget.Check // checks or unchecks every one
	retryBtn *widget.Button
	unsubBtn *widget.Button
	confirm  *dialog.ConfirmDialog // the last confirmation asked (tests)
}

func newProblemsView(s *seekScreen) *problemsView {
	v := &problemsView{s: s, box: container.NewVBox(), checks: map[int64]*widget.Check{}}
	v.head = widget.NewLabel("")
	v.head.Wrapping = fyne.TextWrapWord
	v.all = widget.NewCheck("All", v.setAll)
	v.retryBtn = widget.NewButtonWithIcon("Retry", theme.ViewRefreshIcon(), v.onRetry)
	v.unsubBtn = widget.NewButtonWithIcon("Unsubscribe…", theme.DeleteIcon(), v.onUnsubscribe)
	v.unsubBtn.Importance = widget.DangerImportance
	bar := container.NewHBox(v.all, v.retryBtn, v.unsubBtn)
	v.content = container.NewBorder(container.NewVBox(v.head, bar, widget.NewSeparator()), nil, nil, nil, container.NewVScroll(v.box))
	return v
}

// update shows the failing sources, keeping what was checked.
func (v *problemsView) update() {
	srcs := v.s.failing()
	was := v.checks
	v.checks = map[int64]*widget.Check{}
	v.box.RemoveAll()
	for _, src := range srcs {
		c := widget.NewCheck("", func(bool) { v.updateButtons() })
		c.Checked = was[src.ID] != nil && was[src.ID].Checked
		v.checks[src.ID] = c
		v.box.Add(failureRow(c, sourceName(src), src.LastError, sinceText(src), src.ErrorDetail))
	}
	v.head.SetText(fmt.Sprintf("%s cannot be read. Retry them, or unsubscribe from those that are gone.",
		plural(len(srcs), "source", "sources")))
	v.updateButtons()
}

func (v *problemsView) setAll(on bool) {
	for _, c := range v.checks {
		c.SetChecked(on)
	}
	v.updateButtons()
}

// chosen are the checked sources' ids.
func (v *problemsView) chosen() []int64 {
	var ids []int64
	for id, c := range v.checks {
		if c.Checked {
			ids = append(ids, id)
		}
	}
	sort.Slice(ids, func(i, j int) bool { return ids[i] < ids[j] })
	return ids
}

func (v *problemsView) updateButtons() {
	n := len(v.chosen())
	v.retryBtn.SetText("Retry (" + strconv.Itoa(n) + ")")
	v.unsubBtn.SetText("Unsubscribe (" + strconv.Itoa(n) + ")…")
	if n == 0 || v.s.removing > 0 {
		v.retryBtn.Disable()
		v.unsubBtn.Disable()
		return
	}
	v.unsubBtn.Enable()
	if !v.s.refreshing {
		v.retryBtn.Enable()
	}
}

func (v *problemsView) onRetry() {
	if ids := v.chosen(); len(ids) > 0 {
		v.s.refresh(feeds.RefreshOptions{SourceIDs: ids})
	}
}

// onUnsubscribe asks, saying how many, then hides the chosen sources
// for undoFor before they go, in one transaction (unsubscribe.go).
func (v *problemsView) onUnsubscribe() {
	ids := v.chosen()
	if len(ids) == 0 {
		return
	}
	s := v.s
	v.confirm = dialog.NewConfirm(fmt.Sprintf("Unsubscribe from %s?", plural(len(ids), "source", "sources")),
		"Their items go too. What you shared from them stays in your history and your flow.", func(ok bool) {
			if ok {
				s.unsubscribeLater(ids, plural(len(ids), "source", "sources"), -1)
			}
		}, s.app.win)
	v.confirm.SetConfirmText("Unsubscribe")
	v.confirm.Show()
	s.app.ownKeys(v.confirm, nil, v.confirm.Confirm)
}

// showRefreshSummary says what a refresh did, whole ("412 new items ·
// 3 updated from 420 sources"), and "8 failed" as a button listing them.
func (s *seekScreen) showRefreshSummary(sum feeds.RefreshSummary) {
	msg := plural(sum.New, "new item", "new items")
	if sum.Updated > 0 {
		msg += fmt.Sprintf(" · %d updated", sum.Updated)
	}
	s.status.SetText(msg + " from " + plural(sum.Sources, "source", "sources"))
	s.lastErrors = sum.Errors
	if sum.Failed == 0 || len(sum.Errors) == 0 {
		s.failedBtn.Hide()
		return
	}
	s.failedBtn.SetText(fmt.Sprintf("%d failed", sum.Failed))
	s.failedBtn.Show()
}

// failsUnder says a source inside folder node (at any depth) fails.
func (s *seekScreen) failsUnder(node string) bool {
	for _, child := range s.children[node] {
		kind, n := parseNode(child)
		if (kind == "f" && s.failsUnder(child)) || (kind == "s" && s.sources[n].LastError != "") {
			return true
		}
	}
	return false
}

// showProblems puts the "Sources with problems" view (on) or the item
// list in the middle pane.
func (s *seekScreen) showProblems(on bool) {
	if on {
		s.problems.update()
		s.listBox.Hide()
		s.problems.content.Show()
	} else {
		s.problems.content.Hide()
		s.listBox.Show()
	}
	s.middle.Refresh()
}

// problemsChanged follows a new read of the sources: the view shows them
// again, or, when none fails any more, gives way to All items.
func (s *seekScreen) problemsChanged() {
	if s.wantProblems && len(s.failing()) > 0 {
		s.wantProblems = false
		s.tree.Select(nodeProblems)
		return
	}
	if s.node != nodeProblems {
		return
	}
	if len(s.failing()) == 0 {
		s.tree.Select(nodeAll)
		return
	}
	s.problems.update()
}
