package main

import (
	"errors"
	"fmt"
	"os"
	"os/signal"
	"path/filepath"
	"sync"
	"syscall"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/app"
	"fyne.io/systray"

	"github.com/knowflow/knowflow/assets"
	"github.com/knowflow/knowflow/cmd/internal/priority"
	"github.com/knowflow/knowflow/cmd/knowflow/cli"
	"github.com/knowflow/knowflow/cmd/knowflow/internal/desktop"
	"github.com/knowflow/knowflow/model/cpus"
	"github.com/knowflow/knowflow/model/service"
	"github.com/knowflow/knowflow/ui"
)

// AppID is the reverse-DNS id of the app (also in FyneApp.toml).
const AppID = desktop.AppID

// closeWait bounds how long quitting waits for the background work once
// cancelled: what still runs then is logged and the store is closed under
// it (SQLite rolls its transaction back), so the app exits within 2 s.
const closeWait = 1500 * time.Millisecond

// runGUI runs the desktop window on the database until the user quits.
//
// One window per database: when another process has one on it, that one
// is asked to show itself (desktop.Claim) and this one exits at once.
// When the database cannot be opened, a small window says why and lets
// the user choose another file. hidden (the autostart entry) starts in
// the tray, when there is one.
//
// Quitting, by SIGINT or SIGTERM, the tray's or the menu's Quit, or
// --quit-after, first cancels the service's lifetime (on a signal, as it
// arrives; otherwise once the window's loop has ended), so the background
// work (refresh, suggestions, the stall meter) stops while the window
// closes; then the reader's queued writes are waited for, then the
// service's jobs (at most closeWait), and the store is closed.
func runGUI(o cli.GUIOptions, hidden bool) error {
	cpus.KeepOneForUI() // the engine's loops never hold every P the UI goroutine needs
	inst, err := desktop.Claim(o.DB, o.Section)
	if errors.Is(err, desktop.ErrRunning) {
		fmt.Fprintf(os.Stderr, "knowflow: %v\n", err)
		return nil
	}
	if err != nil { // the window opens all the same
		fmt.Fprintf(os.Stderr, "knowflow: %v\n", err)
	}
	g := &gui{o: o, hidden: hidden, inst: inst, a: app.NewWithID(AppID)}
	app.SetMetadata(describeApp(g.a.Metadata())) // the tray item's title; no thread check per widget call
	g.a.Settings().SetTheme(ui.Theme(nil))       // text readable at 4.5:1 in both variants
	g.a.SetIcon(assets.Icon)
	defer g.close()

	// Fyne's driver quits the window on SIGINT and SIGTERM itself (it
	// queues Quit on the UI goroutine; asking again from here could come
	// after the loop has ended, when fyne.Do runs on the calling goroutine
	// and GLFW is gone). Here the lifetime ends at once, without waiting
	// for the UI goroutine.
	sigs := make(chan os.Signal, 1)
	signal.Notify(sigs, os.Interrupt, syscall.SIGTERM)
	defer signal.Stop(sigs)
	stop := make(chan struct{})
	defer close(stop)
	go func() {
		select {
		case s := <-sigs:
			fmt.Fprintf(os.Stderr, "knowflow: %v: quitting\n", s)
			g.cancel()
		case <-stop:
		}
	}()

	// Nothing runs in Fyne's "stopped" hook; what it did runs after Run.
	saveFynePrefs := takeStopHook(g.a)
	g.a.Lifecycle().SetOnStarted(g.started)
	svc, err := service.Open(o.DB, service.Options{CloseWait: closeWait})
	if err != nil {
		fmt.Fprintf(os.Stderr, "knowflow: %v\n", err)
		desktop.ShowStartupError(g.a, o.DB, err, g.openOther)
	} else if err := g.show(svc); err != nil {
		return err
	}
	g.a.Run()
	g.stopped()
	saveFynePrefs() // the window state SaveWindowState has just set
	if g.svcOrNil() == nil {
		return errors.New("quit without a database")
	}
	return nil
}

// gui is the window's process: the app, its database once open, the
// claim on it and the desktop's services.
type gui struct {
	a      fyne.App
	o      cli.GUIOptions
	hidden bool

	mu   sync.Mutex
	svc  *service.Service // nil until a database is open
	inst *desktop.Instance

	// On the UI goroutine:
	u        *ui.App
	isUp     bool // the app's loop has started
	inTray   bool // started hidden in the tray
	notifier *desktop.Notifier
	stallLog *os.File
}

func (g *gui) svcOrNil() *service.Service {
	g.mu.Lock()
	defer g.mu.Unlock()
	return g.svc
}

// cancel ends the lifetime of the open database's service, if any.
func (g *gui) cancel() {
	if svc := g.svcOrNil(); svc != nil {
		svc.Cancel()
	}
}

// openOther is the start-up error window's "Choose another file…": the
// claim follows the file (when another window has it, that one shows and
// this process quits).
func (g *gui) openOther(path string) error {
	inst, err := desktop.Claim(path, g.o.Section)
	if errors.Is(err, desktop.ErrRunning) {
		fmt.Fprintf(os.Stderr, "knowflow: %v\n", err)
		g.a.Quit()
		return nil
	}
	if err != nil {
		fmt.Fprintf(os.Stderr, "knowflow: %v\n", err)
	}
	svc, err := service.Open(path, service.Options{CloseWait: closeWait})
	if err != nil {
		if inst != nil {
			inst.Close()
		}
		return err
	}
	g.mu.Lock()
	if g.inst != nil {
		g.inst.Close()
	}
	g.inst = inst
	g.mu.Unlock()
	g.o.DB = path
	return g.show(svc)
}

// show makes the main window on svc, with the tray, reminders and Start
// at login, and shows it (unless hidden in a tray).
func (g *gui) show(svc *service.Service) error {
	g.mu.Lock()
	g.svc = svc
	g.mu.Unlock()
	opts := ui.Options{Section: g.o.Section, At: g.o.At}
	autostart := g.autostart()
	if autostart != nil {
		opts.StartAtLogin = autostart
	}
	// Without a session bus the tray panics on quit (fyne-io/fyne#6403),
	// and there would be no tray host nor notification server anyway.
	bus := os.Getenv("DBUS_SESSION_BUS_ADDRESS") != ""
	if bus {
		g.notifier = g.newNotifier()
		if g.notifier != nil {
			opts.Notify = g.notify
		}
		opts.TrayTooltip = systray.SetTooltip
	}
	opts.StartProcess = priority.Start // the user's programs at the user's priority
	g.u = ui.New(g.a, svc, opts)
	tray := bus && g.u.SetupTray()
	if g.o.StallLog != "" {
		var err error
		if g.stallLog, err = os.Create(g.o.StallLog); err != nil {
			return fmt.Errorf("stall log: %w", err)
		}
	}
	if g.inst != nil {
		u := g.u
		g.inst.SetActivate(func(section string) {
			fmt.Fprintf(os.Stderr, "knowflow: another launch asked for the window\n")
			fyne.Do(func() {
				u.ShowWindow()
				if section != "" {
					u.ShowSection(section)
				}
			})
		})
	}
	g.u.Window().SetMaster()
	g.inTray = g.hidden && tray
	if !g.inTray {
		g.u.Window().Show()
	}
	if g.isUp { // a file chosen in the start-up error window
		g.started()
	}
	return nil
}

// autostart is the Start at login preference's entry, or nil where it is
// switched off (KNOWFLOW_AUTOSTART=off: tests) or cannot be.
func (g *gui) autostart() *desktop.Autostart {
	if os.Getenv("KNOWFLOW_AUTOSTART") == "off" {
		return nil
	}
	cfg, err1 := desktop.ConfigHome()
	exe, err2 := os.Executable()
	db, err3 := filepath.Abs(g.o.DB)
	if err := errors.Join(err1, err2, err3); err != nil {
		fmt.Fprintf(os.Stderr, "knowflow: start at login: %v\n", err)
		return nil
	}
	a := desktop.NewAutostart(cfg, exe, db)
	return &a
}

// newNotifier connects the clickable reminders, or returns nil (Fyne's
// notifications then, without a click).
func (g *gui) newNotifier() *desktop.Notifier {
	icon := AppID // the installed icon's name; else the icon as a file
	if dir, err := os.UserCacheDir(); err == nil {
		p := filepath.Join(dir, "knowflow", "icon.png")
		if os.MkdirAll(filepath.Dir(p), 0o700) == nil && os.WriteFile(p, assets.Icon.Content(), 0o600) == nil {
			icon = p
		}
	}
	n, err := desktop.NewNotifier("Knowflow", icon, fyne.Do)
	if err != nil {
		fmt.Fprintf(os.Stderr, "knowflow: %v\n", err)
		return nil
	}
	return n
}

// notify sends a reminder; a click on it shows what it is about.
func (g *gui) notify(n *fyne.Notification, open func()) {
	err := g.notifier.Send(n.Title, n.Content, func() {
		fmt.Fprintf(os.Stderr, "knowflow: reminder clicked: %s\n", n.Title)
		open()
	})
	if err != nil {
		fyne.LogError("reminder", err)
	}
}

// started runs once the app's loop runs and the main window exists.
func (g *gui) started() {
	g.isUp = true
	if g.u == nil {
		fmt.Fprintln(os.Stderr, "knowflow: start-up error shown")
		return
	}
	if g.inTray {
		fmt.Fprintln(os.Stderr, "knowflow: started hidden in the tray")
	} else {
		fmt.Fprintln(os.Stderr, "knowflow: window shown")
	}
	// The window's own workers yield the CPU to the UI thread (its frames).
	priority.Background(g.svc.Context())
	if g.stallLog != nil {
		// Tracked by the service: it stops, and writes its summary,
		// when the window has closed.
		g.svc.Go((&ui.StallMeter{Log: g.stallLog, StartUp: time.Second}).Run)
		ui.TraceSlowTasks(g.stallLog)
	}
	g.u.StartScheduler()
	if g.o.QuitAfter > 0 {
		u := g.u
		time.AfterFunc(g.o.QuitAfter, func() { fyne.Do(u.Quit) })
	}
	// The first run asks whether to start at login (not when started so;
	// not without an autostart entry: Options.StartAtLogin).
	if !g.hidden {
		g.u.AskStartAtLogin()
	}
}

// takeStopHook takes Fyne's own "stopped" hook (it writes the
// preferences at once) off the app's lifecycle and returns it, to be run
// once Run has returned; nil-safe: a no-op when there is none.
//
// Fyne 2.7.1 (and 2.8) queues a "stopped" hook as its loop ends and runs
// it through the UI queue it is closing at that moment: a send on a
// channel being closed. The -race smoke run caught it on the tray's Quit
// (1 run in ~10); without -race the hook either never runs (the drain
// skips it) or its sender waits forever, and so does Run. With no hook,
// nothing is queued then. Fyne always sets one, through a method of its
// internal lifecycle that the interface below reaches.
func takeStopHook(a fyne.App) func() {
	l, ok := a.Lifecycle().(interface {
		OnStopped() func()
		SetOnStoppedHookExecuted(func())
	})
	if !ok {
		return func() {}
	}
	hook := l.OnStopped()
	l.SetOnStoppedHookExecuted(nil)
	if hook == nil {
		return func() {}
	}
	return hook
}

// stopped: the window's loop has ended. On the main goroutine, which
// ran the loop (fyne.Do now runs its function at once).
func (g *gui) stopped() {
	if g.u == nil {
		return
	}
	g.svc.Cancel() // Quit: the background work stops while we wait below
	g.u.StopScheduler()
	g.u.SaveWindowState()
}

// close, after the loop: no more clicks nor second launches, then cancel
// what still runs in the background (the stall meter too), wait for it,
// and close the store.
func (g *gui) close() {
	if g.notifier != nil {
		g.notifier.Close()
	}
	g.mu.Lock()
	svc, inst := g.svc, g.inst
	g.mu.Unlock()
	if inst != nil {
		inst.Close()
	}
	if svc != nil {
		if err := svc.Close(); err != nil {
			fmt.Fprintf(os.Stderr, "knowflow: %v\n", err)
		}
	}
	if g.stallLog != nil {
		g.stallLog.Close()
	}
}
