// Command knowflow is Knowflow: with no command it opens the desktop
// window; with one it works on the data from the command line.
package main

import (
	"context"
	"os"
	"os/signal"
	"syscall"

	"github.com/knowflow/knowflow/cmd/knowflow/cli"
	_ "github.com/knowflow/knowflow/cmd/knowflow/internal/locale" // before Fyne reads the locale
	_ "time/tzdata"                                               // time zones where the system has none
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
	os.Exit(cli.Run(ctx, os.Args[1:], cli.Env{
		Stdin: os.Stdin, Stdout: os.Stdout, Stderr: os.Stderr, GUI: runGUI,
	}))
}
