// Command knowflow is Knowflow: with no command it opens the desktop
// window; with one it works on the data from the command line.
package main

import (
	"context"
	"os"
	"os/signal"
	"syscall"

	_ "time/tzdata" // time zones where the system has none

	"github.com/knowflow/knowflow/cmd/knowflow/cli"
	"github.com/knowflow/knowflow/cmd/knowflow/internal/desktop"
	_ "github.com/knowflow/knowflow/cmd/knowflow/internal/locale" // before Fyne reads the locale
)

func main() {
	// SIGINT or SIGTERM cancels the command's context: it stops soon,
	// stores nothing half-done and exits 1 naming the signal. A second
	// signal kills as usual. (The window quits on them too: gui.go.)
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	go func() {
		<-ctx.Done()
		stop()
	}()
	// The autostart entry's "--hidden" comes first: the window starts in
	// the tray.
	args, hidden := os.Args[1:], false
	if len(args) > 0 && args[0] == desktop.HiddenFlag {
		args, hidden = args[1:], true
	}
	os.Exit(cli.Run(ctx, args, cli.Env{
		Stdin: os.Stdin, Stdout: os.Stdout, Stderr: os.Stderr,
		GUI: func(o cli.GUIOptions) error { return runGUI(o, hidden) },
	}))
}
