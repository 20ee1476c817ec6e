package main

import (
	"fmt"
	"os"
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

// runGUI opens the database and runs the desktop window until the user quits.
func runGUI(o cli.GUIOptions) error {
	svc, err := service.Open(o.DB, service.Options{})
	if err != nil {
		return err
	}
	var stallLog *os.File
	defer func() {
		// After the window: cancel what still runs in the background
		// (the stall meter too), wait for it, then close the store.
		svc.Close()
		if stallLog != nil {
			stallLog.Close()
		}
	}()

	a := app.NewWithID(AppID)
	a.SetIcon(assets.Icon)
	u := ui.New(a, svc, ui.Options{Section: o.Section, At: o.At})

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
		u.StopScheduler()
		u.SaveWindowState()
	})
	u.Window().ShowAndRun()
	return nil
}
