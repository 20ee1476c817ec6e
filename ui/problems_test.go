package ui

import (
	"context"
	"strconv"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"github.com/knowflow/knowflow/feeds"
	"github.com/knowflow/knowflow/model"
	"github.com/knowflow/knowflow/model/store"
)

// seedProblems adds two failing sources in the folder Tech/Go, besides
// seedReader's.
func seedProblems(t *testing.T, b backend) []model.Source {
	t.Helper()
	ctx := context.Background()
	if _, err := b.ImportSources(ctx, []model.Source{
		{Title: "Dead blog", FeedURL: "https://dead.example/feed", Folder: []string{"Tech", "Go"}},
		{Title: "Slow blog", FeedURL: "https://slow.example/feed", Folder: []string{"Tech", "Go"}},
	}); err != nil {
		t.Fatal(err)
	}
	dead, _ := b.SourceByURL(ctx, "https://dead.example/feed")
	slow, _ := b.SourceByURL(ctx, "https://slow.example/feed")
	if _, err := b.SaveFetches(ctx, []store.FetchResult{
		{SourceID: dead.ID, CheckedAt: testNow, Err: "dead.example could not be found (DNS)", ErrDetail: "dial tcp: lookup dead.example: no such host"},
		{SourceID: slow.ID, CheckedAt: testNow, Err: "the server took longer than 30 s", ErrDetail: "context deadline exceeded"},
	}); err != nil {
		t.Fatal(err)
	}
	return []model.Source{dead, slow}
}

func newProblemsUI(t *testing.T) (*App, fyne.App, backend) {
	t.Helper()
	return newReaderUI(t, seedProblems)
}

// The refresh summary is whole and "N failed" lists what failed, with
// the detail on demand.
func TestRefreshSummaryListsFailures(t *testing.T) {
	u, _, _ := newProblemsUI(t)
	s := u.seek
	s.refreshDone(feeds.RefreshSummary{Sources: 420, New: 412, Updated: 3, Failed: 2, Errors: []feeds.SourceError{
		{Title: "Dead blog", Error: "dead.example could not be found (DNS)", Detail: "dial tcp: lookup dead.example: no such host"},
		{FeedURL: "https://slow.example/feed", Error: "the server took longer than 30 s"},
	}}, nil)
	settle(t, u)
	if got := s.status.Text; got != "412 new items · 3 updated from 420 sources" || s.status.Truncation != fyne.TextTruncateOff {
		t.Errorf("status %q (truncation %v)", got, s.status.Truncation)
	}
	if !s.failedBtn.Visible() || s.failedBtn.Text != "2 failed" {
		t.Fatalf("failed button %q", s.failedBtn.Text)
	}
	test.Tap(s.failedBtn)
	top := u.Window().Canvas().Overlays().Top()
	got := texts(top)
	for _, want := range []string{"Dead blog", "could not be found (DNS)", "https://slow.example/feed", "longer than 30 s"} {
		if !strings.Contains(got, want) {
			t.Errorf("failures list lacks %q:\n%s", want, got)
		}
	}
	if strings.Contains(visibleTexts(top), "no such host") {
		t.Error("detail shown before Details")
	}
	test.Tap(findButton(t, top, "Details"))
	if !strings.Contains(visibleTexts(top), "no such host") {
		t.Error("Details did not show the detail")
	}
}

// visibleTexts is texts of what is visible under o.
func visibleTexts(o fyne.CanvasObject) string {
	var sb strings.Builder
	visit(o, func(o fyne.CanvasObject) bool {
		if !o.Visible() {
			return false
		}
		if l, ok := o.(*widget.Label); ok {
			sb.WriteString(l.Text + "\n")
		}
		return true
	})
	return sb.String()
}

// A folder with a failing source inside shows the mark; "Sources with
// problems" lists them with reason and since when; bulk Unsubscribe asks,
// saying how many, then removes them all.
func TestSourcesWithProblems(t *testing.T) {
	u, _, b := newProblemsUI(t)
	s := u.seek
	var tech string
	for id, f := range s.folders {
		if f.Name == "Tech" {
			tech = "f:" + strconv.FormatInt(id, 10)
		}
	}
	if _, _, _, failing := s.nodeInfo(tech); !failing {
		t.Error("Tech has a failing source inside and no mark")
	}
	if _, _, _, failing := s.nodeInfo(nodeAll); failing {
		t.Error("All items marked")
	}
	if ch := s.children[""]; ch[len(ch)-1] != nodeProblems && !strings.Contains(strings.Join(ch, " "), nodeProblems) {
		t.Fatalf("no Sources with problems entry: %v", ch)
	}
	s.tree.Select(nodeProblems)
	settle(t, u)
	v := s.problems
	if !v.content.Visible() || s.listBox.Visible() {
		t.Fatal("the problems view is not shown")
	}
	got := texts(v.content)
	for _, want := range []string{"3 sources cannot be read", "Dead blog", "could not be found (DNS)", "Failing since", "Broken feed"} {
		if !strings.Contains(got, want) {
			t.Errorf("problems view lacks %q:\n%s", want, got)
		}
	}
	if !v.unsubBtn.Disabled() {
		t.Error("Unsubscribe offered with nothing chosen")
	}
	for id, c := range v.checks {
		if src := s.sources[id]; src.Title != "Broken feed" {
			c.SetChecked(true)
		}
	}
	if v.unsubBtn.Disabled() || v.retryBtn.Text != "Retry (2)" {
		t.Fatalf("buttons: %q disabled=%v", v.retryBtn.Text, v.unsubBtn.Disabled())
	}
	test.Tap(v.unsubBtn)
	if v.confirm == nil || !strings.Contains(texts(u.Window().Canvas().Overlays().Top()), "Unsubscribe from 2 sources?") {
		t.Fatal("no confirmation saying how many")
	}
	v.confirm.Confirm()
	settle(t, u)
	srcs, _ := b.Sources(context.Background())
	if len(srcs) != 2 {
		t.Errorf("%d sources left, want 2", len(srcs))
	}
	if got := texts(v.content); !strings.Contains(got, "1 source cannot be read") || strings.Contains(got, "Dead blog") {
		t.Errorf("after unsubscribing the view shows:\n%s", got)
	}
	if !strings.Contains(s.status.Text, "Unsubscribed from 2 sources") {
		t.Errorf("status %q", s.status.Text)
	}
}

// A failing source's banner gives the plain reason; Details shows the
// technical one.
func TestFailingSourceBannerDetails(t *testing.T) {
	u, _, _ := newProblemsUI(t)
	s := u.seek
	for id, src := range s.sources {
		if src.Title == "Dead blog" {
			s.tree.Select("s:" + strconv.FormatInt(id, 10))
		}
	}
	settle(t, u)
	if !s.banner.Visible() || !strings.Contains(s.bannerL.Text, "dead.example could not be found (DNS)") {
		t.Fatalf("banner %q", s.bannerL.Text)
	}
	if s.bannerD.Visible() {
		t.Error("detail shown before Details")
	}
	test.Tap(s.bannerB)
	if !s.bannerD.Visible() || s.bannerD.Text != "dial tcp: lookup dead.example: no such host" {
		t.Errorf("detail %q", s.bannerD.Text)
	}
}

// Folders are renamed, and deleted saying first what happens to their
// sources, moving them up or unsubscribing.
func TestRenameAndDeleteFolder(t *testing.T) {
	u, _, b := newProblemsUI(t)
	s := u.seek
	ctx := context.Background()
	node := func(name string) string {
		for id, f := range s.folders {
			if f.Name == name {
				return "f:" + strconv.FormatInt(id, 10)
			}
		}
		return ""
	}
	s.tree.Select(node("Go"))
	settle(t, u)
	if !s.folderBar.Visible() {
		t.Fatal("no folder bar")
	}
	s.onRenameFolder()
	c := u.Window().Canvas()
	e, ok := c.Focused().(*escEntry)
	if !ok || e.Text != "Go" {
		t.Fatalf("rename: focused %T", c.Focused())
	}
	e.SetText("Golang")
	pressKey(c, fyne.KeyReturn)
	settle(t, u)
	if node("Golang") == "" {
		t.Fatalf("not renamed: %v", s.folders)
	}
	s.tree.Select(node("Tech"))
	settle(t, u)
	s.onDeleteFolder()
	settle(t, u)
	got := texts(c.Overlays().Top())
	if !strings.Contains(got, "Tech holds 2 sources (0 items), in it or in its 1 folder") || s.folderChoice.Selected != "Move them up to the top level" ||
		s.folderChoice.Options[1] != "Unsubscribe from 2 sources (their items go too)" {
		t.Fatalf("delete asks:\n%s", got)
	}
	pressKey(c, fyne.KeyReturn) // the default: move up
	settle(t, u)
	srcs, _ := b.Sources(ctx)
	if len(srcs) != 4 || node("Tech") != "" {
		t.Errorf("after delete: %d sources, folders %v", len(srcs), s.folders)
	}
	if !strings.Contains(s.status.Text, "Deleted Tech; its 2 sources moved up") {
		t.Errorf("status %q", s.status.Text)
	}
}

// --section problems opens Seek on "Sources with problems".
func TestSectionProblemsOpensTheView(t *testing.T) {
	a := test.NewTempApp(t)
	b := newBackend(t)
	seedReader(t, b)
	u := testNew(t, a, b, Options{Section: SectionProblems})
	settle(t, u)
	if u.Section() != SectionSeek || u.seek.node != nodeProblems || !u.seek.problems.content.Visible() {
		t.Errorf("section %s, node %s", u.Section(), u.seek.node)
	}
}

// In "Sources with problems" the keys that act on items do nothing.
func TestProblemsViewIgnoresItemKeys(t *testing.T) {
	u, _, _ := newProblemsUI(t)
	u.seek.tree.Select(nodeProblems)
	settle(t, u)
	test.TypeOnCanvas(u.Window().Canvas(), "jso")
	pressKey(u.Window().Canvas(), fyne.KeyDown)
	if u.seek.hasCurrent || u.seek.selected != -1 {
		t.Errorf("an item was opened behind the problems view: %d", u.seek.selected)
	}
}

// Delete folder… with Unsubscribe hides the folder, its subfolder and
// its sources at once and offers Undo, which brings them back as they
// were; without Undo, the folder and its sources are deleted when its
// time has passed.
func TestDeleteFolderWithUnsubscribeUndo(t *testing.T) {
	u, _, b := newProblemsUI(t)
	s, c, ctx := u.seek, u.Window().Canvas(), context.Background()
	node := func(name string) string {
		for id, f := range s.folders {
			if f.Name == name {
				return "f:" + strconv.FormatInt(id, 10)
			}
		}
		return ""
	}
	deleteTech := func() {
		t.Helper()
		s.tree.Select(node("Tech"))
		settle(t, u)
		s.onDeleteFolder()
		settle(t, u)
		s.folderChoice.SetSelected(s.folderChoice.Options[1]) // Unsubscribe from 2 sources
		pressKey(c, fyne.KeyReturn)
		settleKeepTimers(t, u)
	}
	before, _ := b.Sources(ctx)
	shown := len(s.sources)

	deleteTech()
	if node("Tech") != "" || node("Go") != "" || len(s.sources) != shown-2 {
		t.Errorf("while Undo is offered: folders %v, %d sources shown (was %d)", s.folders, len(s.sources), shown)
	}
	if s.node != nodeAll {
		t.Errorf("the deleted folder is still selected: %q", s.node)
	}
	if !s.undoR.Visible() || !strings.HasPrefix(s.undoL.Text, "Deleted folder Tech and unsubscribed from its 2 sources") {
		t.Errorf("Undo shown %v, saying %q", s.undoR.Visible(), s.undoL.Text)
	}
	if srcs, _ := b.Sources(ctx); len(srcs) != len(before) {
		t.Fatalf("sources were removed before Undo's time: %d of %d", len(srcs), len(before))
	}

	test.Tap(s.undoB)
	settle(t, u)
	if node("Tech") == "" || node("Go") == "" || len(s.sources) != shown {
		t.Errorf("after Undo: folders %v, %d sources shown (want %d)", s.folders, len(s.sources), shown)
	}
	if s.node != node("Tech") || !strings.Contains(s.status.Text, "folder Tech and its sources are back") {
		t.Errorf("after Undo: node %q, status %q", s.node, s.status.Text)
	}

	deleteTech()
	settle(t, u) // Undo's time passes: the folder goes, with its sources
	srcs, _ := b.Sources(ctx)
	fs, _ := b.Folders(ctx)
	if len(srcs) != len(before)-2 {
		t.Errorf("%d sources after Undo's time, want %d", len(srcs), len(before)-2)
	}
	for _, f := range fs {
		if f.Name == "Tech" || f.Name == "Go" {
			t.Errorf("folder %s still stored", f.Name)
		}
	}
	if !strings.Contains(s.status.Text, "Deleted Tech and unsubscribed from 2 sources") || s.undoR.Visible() {
		t.Errorf("status %q, Undo shown %v", s.status.Text, s.undoR.Visible())
	}
	if len(s.hiddenFolders) != 0 || len(s.hidden) != 0 {
		t.Errorf("still hidden: folders %v, sources %v", s.hiddenFolders, s.hidden)
	}
}
