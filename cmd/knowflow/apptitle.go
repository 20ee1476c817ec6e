package main

import (
	"fyne.io/fyne/v2"
)

// appName is the name the tray item carries: Fyne titles it with the
// app's metadata name, which only a `fyne package` build has; without it
// the title would be the app's ID.
const appName = "Knowflow"

// describeApp gives the app's metadata m appName when the build gave it none,
// and says the app has moved to fyne.Do (as FyneApp.toml does for a
// `fyne package` build). Every goroutine of ours reaches widgets through
// fyne.Do, so in the app Fyne's thread check is only cost: unmigrated,
// each widget call takes a stack trace to learn its goroutine, and a
// refresh of Seek's tree and list makes hundreds of calls (about 40% of
// the UI goroutine's time there, measured with pprof). A -race build
// keeps the check: the smoke runs fail on its "Error in Fyne call
// thread". Fyne reads the flag once, at its first widget call, so this
// runs before any.
func describeApp(m fyne.AppMetadata) fyne.AppMetadata {
	if m.Name == "" {
		m.Name = appName
	}
	if m.Migrations == nil {
		m.Migrations = map[string]bool{}
	}
	m.Migrations["fyneDo"] = !raceBuild
	return m
}
