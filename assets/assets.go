// Package assets embeds Knowflow's icon, used by the window, the tray and
// `fyne package` (FyneApp.toml points at icon.png).
package assets

import (
	_ "embed"

	"fyne.io/fyne/v2"
)

//go:embed icon.png
var iconPNG []byte

// Icon is the 256 px application icon.
var Icon fyne.Resource = fyne.NewStaticResource("knowflow.png", iconPNG)

//go:embed star.svg
var starSVG []byte

// Star is the "starred" mark: a five-pointed star, black on transparent
// (the window's theme colours it).
var Star fyne.Resource = fyne.NewStaticResource("star.svg", starSVG)
