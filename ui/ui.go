// Package ui is Knowflow's desktop window and tray. It talks to the rest of
// the program only through the small interfaces it declares, one per part
// of the window (stores.go; Store is their union), so its
// tests run headless with fyne.io/fyne/v2/test and a temp-file store. It
// never imports fyne.io/fyne/v2/app: cmd/knowflow makes the real app.
package ui

import (
	"context"
	"net/url"
	"os/exec"
	"sync"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/theme"

	"github.com/knowflow/knowflow/assets"
	"github.com/knowflow/knowflow/feeds"
	"github.com/knowflow/knowflow/model/flow"
	"github.com/knowflow/knowflow/model/store"
)

// Store is what the window is built from: the union of what its parts
// need (stores.go), each of which holds only its own.
type Store interface {
	appStore
	watchStore
	seekStore
	shareStore
	peopleStore
	flowStore
	remindStore
	prefsStore
	fileStore
	accountStore
}

// Section names, as used by --section and stored in preferences.
const (
	SectionSeek   = "seek"
	SectionShare  = "share"
	SectionPeople = "people"
	SectionFlow   = "flow"
)

// SectionProblems is not a section but Seek's "Sources with problems"
// view, which --section problems opens (shown once the sources are read,
// when any fails).
const SectionProblems = "problems"

// Sections lists the window's sections in order.
var Sections = []string{SectionSeek, SectionShare, SectionPeople, SectionFlow}

// Preference keys.
const (
	prefWidth   = "window.width"
	prefHeight  = "window.height"
	prefSection = "window.section"
)

const (
	defaultWidth  = 1100
	defaultHeight = 720
)

// Options tune how the window starts.
type Options struct {
	// Section to show first; empty means the one shown when the app last closed.
	Section string
	// At starts the app's clock (suggestions, reminders) at this time
	// instead of now; it then runs at the normal pace. For tests and demos.
	At time.Time
	// StartAtLogin, when set, is shown in Preferences as "Start Knowflow
	// when I log in" (cmd/knowflow: the desktop's autostart entry).
	StartAtLogin LoginItem
	// Notify, when set, sends the reminders instead of the app's
	// SendNotification; open shows what the reminder is about (the
	// Share section, or the one person not in touch), for a click on it.
	Notify func(n *fyne.Notification, open func())
	// TrayTooltip, when set, hears what the tray's tooltip should say
	// (what is due) each time it changes.
	TrayTooltip func(string)
	// StartProcess, when set, starts the programs the window runs for
	// the user (xdg-open, and the browser it starts) instead of
	// exec.Cmd.Start: the desktop build starts them at the user's
	// priority, not its workers' (cmd/internal/priority).
	StartProcess func(*exec.Cmd) error
	// now, when set, is the app's clock from the start (tests: a fixed
	// time, so no test depends on the day or hour it runs).
	now func() time.Time
	// run, when set, runs Seek's background work, hands its results to
	// the UI goroutine and keeps its timers (tests: they say when);
	// serviceRunner by default.
	run runner
	// noHold: user actions do not hold background work (tests that run
	// jobs inline, where a hold would only make them sleep).
	noHold bool
}

// App is the main window with its sections, menus and tray.
type App struct {
	app   fyne.App
	win   fyne.Window
	store appStore // the window's own store calls; each section holds its own
	run   runner   // where the store calls run (worker.go)

	// The store calls of the parts that are the window's rather than one
	// section's: the flow report, Ideas and In touch (Flow and People),
	// Preferences, File ▸ Import and Export.
	flowSt  flowStore
	prefsSt prefsStore
	files   fileStore
	watchSt watchStore
	// accountsSt is the Accounts dialog's; accountsDlg the one opened
	// last (accounts.go).
	accountsSt  accountStore
	accountsDlg *accountsDialog
	watcher     *store.Watcher // other processes' changes (watch.go), once open
	// watchGen is the Seek reload asked last after a change; polledQueued
	// the reader's writes queued when it was asked.
	watchGen, polledQueued int
	// otherPolls counts the polls in a row that found another program's
	// changes and left the sections other than Seek as they were.
	otherPolls int

	tabs   *container.AppTabs
	seek   *seekScreen
	share  *shareScreen
	people *peopleScreen
	flow   *flowScreen

	// onRefreshed, when set, hears about each finished refresh (tests, tray).
	onRefreshed func(feeds.RefreshSummary)
	onAdded     func() // hears about each finished Add feed (tests)
	// openURL opens a link outside the app, on a worker (openLink in
	// open.go): systemOpener by default. openDlg is the last "could not
	// open" dialog (tests).
	openURL func(*url.URL) error
	openDlg *dialog.CustomDialog
	images  imageLoader // the reader's pictures (images.go), made on first use
	// ideasDlg is the Ideas dialog last opened (tests), prefsDlg the
	// Preferences dialog; prefsGen is the preferences' read asked last.
	ideasDlg *dialog.CustomDialog
	prefsDlg *prefsForm
	prefsGen int
	// flowReports holds withFlowReport's reports by period until the
	// next reload; flowPending the reads under way, for reload flowGen.
	flowReports map[int]flow.Report
	flowPending map[int]*flowWaiters
	flowGen     int
	// reloadGen is the Reload asked last, flowSumGen the summary read last
	// for opening Flow: older ones are dropped.
	reloadGen, flowSumGen int

	// dialogs are the dialogs open, in the order they opened: they own
	// the keyboard (dialogs.go).
	dialogs []*openDialog

	reminders // suggestions, due counts, tray and notifications (remind.go)

	// spawn starts a background job (Store.Go, or inline in tests); bg
	// counts the jobs started through background that have not ended.
	spawn func(job func(ctx context.Context)) bool
	bg    sync.WaitGroup

	startAtLogin LoginItem                               // Options.StartAtLogin
	notify       func(n *fyne.Notification, open func()) // Options.Notify, else SendNotification
	trayTooltip  func(string)                            // Options.TrayTooltip
	// hold is how long background work steps aside after each user
	// action (userActs); 0 in tests that run jobs inline.
	hold time.Duration
}

// background runs job off the UI goroutine, with the app's lifetime
// context: quitting cancels it and waits for it. The job hands its
// results to the UI goroutine through fyne.Do. It reports false, running
// nothing, once the app is closing.
func (u *App) background(job func(ctx context.Context)) bool {
	u.bg.Add(1)
	if !u.spawn(func(ctx context.Context) { defer u.bg.Done(); job(ctx) }) {
		u.bg.Done()
		return false
	}
	return true
}

// New builds the main window (not shown yet) on a.
func New(a fyne.App, st Store, opts Options) *App {
	return newApp(a, st, opts, nil)
}

// newInline is New with background jobs run on the calling goroutine
// (tests: the test driver runs fyne.Do callbacks on the calling
// goroutine, so a job on a goroutine of its own would race with the test).
func newInline(a fyne.App, st Store, opts Options) *App {
	opts.noHold = true // the jobs run on the test's goroutine
	return newApp(a, st, opts, func(job func(context.Context)) bool {
		if st.Context().Err() != nil {
			return false
		}
		job(st.Context())
		return true
	})
}

func newApp(a fyne.App, st Store, opts Options, spawn func(func(context.Context)) bool) *App {
	u := &App{app: a, store: st, flowSt: st, prefsSt: st, files: st, watchSt: st, accountsSt: st, openURL: systemOpener(a, opts.StartProcess), run: opts.run, spawn: spawn,
		startAtLogin: opts.StartAtLogin, notify: opts.Notify, trayTooltip: opts.TrayTooltip, hold: actHold}
	if u.notify == nil {
		u.notify = func(n *fyne.Notification, _ func()) { a.SendNotification(n) }
	}
	if opts.noHold {
		u.hold = 0
	}
	if u.spawn == nil {
		u.spawn = st.Go
	}
	if u.run == nil {
		u.run = serviceRunner{st}
	}
	u.reminders.init(st)
	u.loadPeopleReminded()
	switch {
	case opts.now != nil:
		u.now = opts.now
	case !opts.At.IsZero():
		start, at := time.Now(), opts.At
		u.now = func() time.Time { return at.Add(time.Since(start)) }
	}
	u.win = a.NewWindow("Knowflow")
	u.win.SetIcon(assets.Icon)

	u.seek = newSeekScreen(u, st)
	u.share = newShareScreen(u, st)
	u.people = newPeopleScreen(u, st)
	u.flow = newFlowScreen(u)
	u.tabs = container.NewAppTabs(
		container.NewTabItemWithIcon("Seek", theme.SearchIcon(), newSection(u.seek.content)),
		container.NewTabItemWithIcon("Share", theme.MailSendIcon(), newSection(u.share.content)),
		container.NewTabItemWithIcon("People", theme.AccountIcon(), newSection(u.people.content)),
		container.NewTabItemWithIcon("Flow", theme.HistoryIcon(), newSection(u.flow.content)),
	)
	u.tabs.SetTabLocation(container.TabLocationLeading)
	u.win.SetContent(u.tabs)
	u.win.SetMainMenu(u.mainMenu())
	u.installKeys()

	prefs := a.Preferences()
	w := prefs.FloatWithFallback(prefWidth, defaultWidth)
	h := prefs.FloatWithFallback(prefHeight, defaultHeight)
	u.win.Resize(fyne.NewSize(float32(w), float32(h)))

	section := opts.Section
	if section == "" {
		section = prefs.StringWithFallback(prefSection, SectionSeek)
	}
	u.ShowSection(section)
	u.tabs.OnSelected = func(*container.TabItem) { u.onSectionChanged() }
	u.Reload()
	if opts.run == nil { // tests poll when they say (watch.go)
		u.startWatching(true)
	}
	return u
}

// Window is the main window.
func (u *App) Window() fyne.Window { return u.win }

// ShowSection switches to the named section; unknown names show Seek.
func (u *App) ShowSection(name string) {
	if name == SectionProblems {
		name = SectionSeek
		u.seek.wantProblems = true
		u.seek.problemsChanged()
	}
	idx := 0
	for i, s := range Sections {
		if s == name {
			idx = i
		}
	}
	u.tabs.SelectIndex(idx)
	u.onSectionChanged()
}

// Section is the name of the section on screen.
func (u *App) Section() string {
	i := u.tabs.SelectedIndex()
	if i < 0 || i >= len(Sections) {
		return SectionSeek
	}
	return Sections[i]
}

func (u *App) onSectionChanged() {
	u.userActs()
	if u.Section() == SectionFlow {
		// Shares and reading since the last reload change the flow.
		async(u, u.store, &u.flowSumGen, 5*time.Second, func(ctx context.Context, st appStore) (store.Summary, error) {
			return st.Summary(ctx)
		}, func(sum store.Summary, err error) {
			if err == nil {
				u.dropFlowReports()
				u.flow.reload(sum)
			}
		})
	}
}

// Reload re-reads what the sections show from the store: the summary on
// a worker, then each section's own reload. Of several reloads only the
// last one asked is applied.
func (u *App) Reload() {
	async(u, u.store, &u.reloadGen, 5*time.Second, func(ctx context.Context, st appStore) (store.Summary, error) {
		return st.Summary(ctx)
	}, func(sum store.Summary, err error) {
		if err != nil {
			u.showError(err)
			return
		}
		u.seek.reload(sum)
		u.reloadOthers(sum)
	})
}

// reloadOthers shows sum in the sections other than Seek and runs the
// suggestions again.
func (u *App) reloadOthers(sum store.Summary) {
	u.dropFlowReports()
	u.share.reload(sum)
	u.people.reload(sum)
	u.flow.reload(sum)
	u.recomputeSuggestions()
}

// SaveWindowState remembers the section and the window size for the
// next start. Only at quit: Fyne writes the preferences file and syncs it
// to disk on every Set, on the calling goroutine, which took the UI
// goroutine 100 ms and more per section switch while a refresh wrote
// beside it.
func (u *App) SaveWindowState() {
	p := u.app.Preferences()
	p.SetString(prefSection, u.Section())
	size := u.win.Canvas().Size()
	if size.Width < 200 || size.Height < 200 {
		return // minimised or not laid out yet: keep what we had
	}
	p.SetFloat(prefWidth, float64(size.Width))
	p.SetFloat(prefHeight, float64(size.Height))
}

// Quit saves the window state and ends the app.
func (u *App) Quit() {
	u.SaveWindowState()
	u.app.Quit()
}

// ShowWindow brings the window back from the tray.
func (u *App) ShowWindow() {
	u.win.Show()
	u.win.RequestFocus()
}

// SetupTray installs the tray icon and menu when the app has a system tray,
// and makes closing the window hide it to the tray. It reports whether a
// tray was set up. Callers must only call it when a session D-Bus exists
// (fyne-io/fyne#6403).
func (u *App) SetupTray() bool {
	d, ok := u.app.(desktop.App)
	if !ok {
		return false
	}
	u.tray = d
	d.SetSystemTrayMenu(u.TrayMenu())
	d.SetSystemTrayIcon(assets.Icon)
	d.SetSystemTrayWindow(u.win)
	return true
}
