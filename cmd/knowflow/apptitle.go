package main

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/app"
)

// appName is the name the tray item carries: Fyne titles it with the
// app's metadata name, which only a `fyne package` build has; without it
// the title would be the app's ID.
const appName = "Knowflow"

// nameApp gives a's metadata appName when the build gave it none.
func nameApp(a fyne.App) {
	if m := a.Metadata(); m.Name == "" {
		m.Name = appName
		app.SetMetadata(m)
	}
}
