package cli

import (
	"bufio"
	"io"
	"io/fs"

	"github.com/knowflow/knowflow/model/safefile"
)

// writeOutput writes what write produces to the file an --output flag
// names (standard output when it is ""), through safefile: never into a
// device, a pipe or a directory, atomically, with mode perm for a new file
// (safefile.Personal for contacts and digests).
func (r *runner) writeOutput(output string, perm fs.FileMode, write func(io.Writer) error) error {
	if output == "" {
		w := bufio.NewWriter(r.env.Stdout)
		if err := write(w); err != nil {
			return err
		}
		return w.Flush()
	}
	return safefile.Write(output, perm, func(w io.Writer) error {
		bw := bufio.NewWriter(w)
		if err := write(bw); err != nil {
			return err
		}
		return bw.Flush()
	})
}
