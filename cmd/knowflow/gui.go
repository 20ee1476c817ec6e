package main

import (
	"fmt"
	"os"
	"os/signal"
	"syscall"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/app"

	"github.com/knowflow/knowflow/assets"
	"github.com/knowflow/knowflow/cmd/knowflow/cli"
	"github.com/knowflow/knowflow/model/service"
	"github.com/knowflow/knowflow/ui"
)

// AppID is the reverse-DNS id of the app (also in FyneApp.toml).
const AppID = "io.github.knowflow.knowflow"

// closeWait bounds how long quitting waits for the background work once
// cancelled: what still runs then is logged and the store is closed under
// it (SQLite rolls its transaction back), so the app exits within 2 s.
const closeWait = 1500 * time.Millisecond

// runGUI opens the database and runs the desktop window until the user quits.
//
// Quitting, by SIGINT or SIGTERM, the tray's or the menu's Quit, or
// --quit-after, first cancels the service's lifetime (on a signal, as it
// arrives; otherwise once the window's loop has ended), so the background
// work (refresh, suggestions, the stall meter) stops while the window
// closes; then the reader's queued writes are waited for, then the
// service's jobs (at most closeWait), and the store is closed.
func runGUI(o cli.GUIOptions) error {
	svc, err := service.Open(o.DB, service.Options{CloseWait: closeWait})
	if err != nil {
		return err
	}
	var stallLog *os.File
	defer func() {
		// After the window: cancel what still runs in the background
		// (the stall meter too), wait for it, then close the store.
		if err := svc.Close(); err != nil {
			fmt.Fprintf(os.Stderr, "knowflow: %v\n", err)
		}
		if stallLog != nil {
			stallLog.Close()
		}
	}()

	a := app.NewWithID(AppID)
	a.Settings().SetTheme(ui.Theme(nil)) // text readable at 4.5:1 in both variants
	a.SetIcon(assets.Icon)
	u := ui.New(a, svc, ui.Options{Section: o.Section, At: o.At})

	// Fyne's driver quits the window on SIGINT and SIGTERM itself (it
	// queues Quit on the UI goroutine; asking again from here could come
	// after the loop has ended, when fyne.Do runs on the calling goroutine
	// and GLFW is gone). Here the lifetime ends at once, without waiting
	// for the UI goroutine.
	sigs := make(chan os.Signal, 1)
	signal.Notify(sigs, os.Interrupt, syscall.SIGTERM)
	defer signal.Stop(sigs)
	go func() {
		select {
		case s := <-sigs:
			fmt.Fprintf(os.Stderr, "knowflow: %v: quitting\n", s)
			svc.Cancel()
		case <-svc.Context().Done():
		}
	}()

	// Without a session bus the tray panics on quit (fyne-io/fyne#6403), and
	// there would be no tray host to show it anyway.
	if os.Getenv("DBUS_SESSION_BUS_ADDRESS") != "" {
		u.SetupTray()
	}
	if o.StallLog != "" {
		if stallLog, err = os.Create(o.StallLog); err != nil {
			return fmt.Errorf("stall log: %w", err)
		}
	}
	a.Lifecycle().SetOnStarted(func() {
		fmt.Fprintln(os.Stderr, "knowflow: window shown")
		if stallLog != nil {
			// Tracked by the service: it stops, and writes its summary,
			// when the window has closed.
			svc.Go((&ui.StallMeter{Log: stallLog}).Run)
		}
		u.StartScheduler()
		if o.QuitAfter > 0 {
			time.AfterFunc(o.QuitAfter, func() { fyne.Do(u.Quit) })
		}
	})
	a.Lifecycle().SetOnStopped(func() {
		svc.Cancel() // Quit: the background work stops while we wait below
		u.StopScheduler()
		u.SaveWindowState()
	})
	u.Window().ShowAndRun()
	return nil
}
