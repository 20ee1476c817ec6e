package ui

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"net/url"
	"os/exec"
	"runtime"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// openTimeout bounds how long opening a link may take (xdg-open hands
// the link to the browser or the mail program and ends).
const openTimeout = 30 * time.Second

// systemOpener is the window's way to open a link outside the app: on
// Linux and the BSDs it runs xdg-open itself and waits for its exit (the
// app's OpenURL only starts it, so a failure would go unnoticed);
// elsewhere it is the app's OpenURL. It blocks: it runs on a worker.
// start starts the program (nil: exec.Cmd.Start; Options.StartProcess).
func systemOpener(a fyne.App, start func(*exec.Cmd) error) func(*url.URL) error {
	switch runtime.GOOS {
	case "darwin", "windows", "android", "ios", "js", "wasip1":
		return a.OpenURL
	}
	if start == nil {
		start = (*exec.Cmd).Start
	}
	return func(u *url.URL) error {
		ctx, cancel := context.WithTimeout(context.Background(), openTimeout)
		defer cancel()
		cmd := exec.CommandContext(ctx, "xdg-open", u.String())
		var out bytes.Buffer
		cmd.Stdout, cmd.Stderr = &out, &out
		err := start(cmd)
		if err == nil {
			err = cmd.Wait()
		}
		var exit *exec.ExitError
		switch {
		case err == nil:
			return nil
		case errors.Is(err, exec.ErrNotFound):
			return errors.New("xdg-open is not installed, so no program can open links")
		case errors.As(err, &exit):
			return &openError{msg: "no program on this computer opened it (xdg-open: " + exit.Error() + ")", detail: strings.TrimSpace(out.String())}
		}
		return err
	}
}

// openError is a failed opening in a few words, with what the opener
// printed as the detail a person can ask for.
type openError struct{ msg, detail string }

func (e *openError) Error() string { return e.msg }

// openable says link may be opened outside the app: http and https with
// a host, and mailto. Nothing else ever is (no file:, no javascript:).
func openable(link *url.URL) bool {
	if link == nil {
		return false
	}
	switch link.Scheme {
	case "http", "https":
		return link.Host != ""
	case "mailto":
		return true
	}
	return false
}

// openLink opens link outside the app, on a worker, then, on the UI
// goroutine, runs opened (nil: nothing) when it did; when it did not it
// says so and offers to copy the link and, when text is set, text (an
// e-mail's or a post's words) instead. It reports whether link may be
// opened at all (openable); what the opening did comes later.
func (u *App) openLink(link *url.URL, text string, opened func()) bool {
	if !openable(link) {
		return false
	}
	open := u.openURL
	u.run.work(func() {
		err := open(link)
		u.run.ui(func() {
			if err != nil {
				u.openFailed(link, text, err)
				return
			}
			if opened != nil {
				opened()
			}
		})
	})
	return true
}

// openFailed says that link did not open and offers Copy link and Copy
// text (when text is set).
func (u *App) openFailed(link *url.URL, text string, err error) {
	what := "the link"
	if link.Scheme == "mailto" {
		what = "the e-mail"
	}
	msg := widget.NewLabel(fmt.Sprintf("Knowflow could not open %s: %s.\nCopy it and paste it where you want it.", what, plainError(err)))
	msg.Wrapping = fyne.TextWrapWord
	var oe *openError
	details, detail := detailToggle("")
	if errors.As(err, &oe) {
		details, detail = detailToggle(oe.detail)
	}
	status := widget.NewLabel("")
	status.Importance = widget.LowImportance
	copyBtn := func(label, content string) *widget.Button {
		return widget.NewButtonWithIcon(label, theme.ContentCopyIcon(), func() {
			u.app.Clipboard().SetContent(content)
			status.SetText(label + ": done.")
		})
	}
	buttons := container.NewHBox(copyBtn("Copy link", link.String()), details)
	if text != "" {
		buttons.Add(copyBtn("Copy text", text))
	}
	d := dialog.NewCustom("Could not open "+what, "Close", container.NewVBox(msg, buttons, status, detail), u.win)
	d.Resize(fyne.NewSize(560, 240))
	u.openDlg = d
	d.Show()
	u.ownKeys(d, nil, d.Hide)
}
