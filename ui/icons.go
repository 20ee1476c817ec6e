package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"

	"github.com/knowflow/knowflow/assets"
)

// One icon per action, so that none is mistaken for another: starred is a
// star, read a check mark, shared a forwarded letter, "in touch" a reply.

// starIcon marks a starred item, in the theme's foreground colour.
func starIcon() fyne.Resource { return theme.NewThemedResource(assets.Star) }

// readIcon marks what was read.
func readIcon() fyne.Resource { return theme.ConfirmIcon() }

// sharedIcon is Mark shared's.
func sharedIcon() fyne.Resource { return theme.MailForwardIcon() }

// inTouchIcon is "In touch today"'s.
func inTouchIcon() fyne.Resource { return theme.MailReplyIcon() }
