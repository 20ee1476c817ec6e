// Command knowflow is Knowflow: with no command it opens the desktop
// window; with one it works on the data from the command line.
package main

import (
	"context"
	"os"

	"github.com/knowflow/knowflow/cmd/knowflow/cli"
	_ "github.com/knowflow/knowflow/cmd/knowflow/internal/locale" // before Fyne reads the locale
	_ "time/tzdata"                                               // time zones where the system has none
)

func main() {
	os.Exit(cli.Run(context.Background(), os.Args[1:], cli.Env{
		Stdin: os.Stdin, Stdout: os.Stdout, Stderr: os.Stderr, GUI: runGUI,
	}))
}
