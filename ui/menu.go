package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
)

// mainMenu is the window's menu bar.
func (u *App) mainMenu() *fyne.MainMenu {
	quit := fyne.NewMenuItem("Quit", u.Quit)
	quit.IsQuit = true
	quit.Shortcut = &desktop.CustomShortcut{KeyName: fyne.KeyQ, Modifier: fyne.KeyModifierShortcutDefault}
	prefs := fyne.NewMenuItem("Preferences…", u.showPreferences)
	prefs.Shortcut = &desktop.CustomShortcut{KeyName: fyne.KeyComma, Modifier: fyne.KeyModifierShortcutDefault}
	file := fyne.NewMenu("File",
		fyne.NewMenuItem("Add feed…", u.onAddFeed),
		fyne.NewMenuItem("Refresh all", u.seek.onRefresh),
		fyne.NewMenuItemSeparator(),
		fyne.NewMenuItem("Import OPML…", u.onImportOPML),
		fyne.NewMenuItem("Import contacts…", u.onImportContacts),
		fyne.NewMenuItem("Export OPML…", u.onExportOPML),
		fyne.NewMenuItemSeparator(),
		fyne.NewMenuItem("Accounts…", u.showAccounts),
		prefs,
		fyne.NewMenuItemSeparator(),
		quit,
	)
	return fyne.NewMainMenu(file)
}
