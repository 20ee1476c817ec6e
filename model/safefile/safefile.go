// Package safefile is the one way Knowflow's commands write a file a user
// names (an OPML or vCard export, a digest): only a regular file is ever
// written, a symbolic link is written through to its target, and the new
// content is written beside the target and renamed over it, so a failure
// (a full disk, a closed pipe, an export that fails half-way) leaves the
// old file exactly as it was and no empty or partial file behind. Errors
// name the file the user gave, never the temporary one.
package safefile

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
)

// Personal is the mode of files holding personal data (contacts, digests).
const Personal fs.FileMode = 0o600

// Public is the mode of files holding nothing personal (an OPML list of
// feeds) when they are new.
const Public fs.FileMode = 0o644

// ErrNotRegular is wrapped by the error for a path that exists and is not
// a regular file (a directory, a device, a named pipe, a socket).
var ErrNotRegular = errors.New("not a regular file")

// Kind says in words what kind of file m is: "a regular file",
// "a directory", "a device", "a named pipe (FIFO)", "a socket",
// "a symbolic link" or "a special file".
func Kind(m fs.FileMode) string {
	switch {
	case m.IsRegular():
		return "a regular file"
	case m.IsDir():
		return "a directory"
	case m&fs.ModeSymlink != 0:
		return "a symbolic link"
	case m&fs.ModeNamedPipe != 0:
		return "a named pipe (FIFO)"
	case m&fs.ModeSocket != 0:
		return "a socket"
	case m&fs.ModeDevice != 0, m&fs.ModeCharDevice != 0:
		return "a device"
	}
	return "a special file"
}

// Write writes what write produces to path, atomically: into a temporary
// file in the same directory, synced, then renamed over path. When path is
// a symbolic link the link's target is replaced and the link stays. A path
// that exists and is not a regular file (after links) is refused before
// anything is written, and so is a link that leads nowhere.
//
// A new file gets mode perm; a replaced one keeps its mode, narrowed to
// perm (so personal data written with Personal is never left readable by
// others). On any failure path is left as it was and the temporary file is
// removed; an error of write itself is returned as it is.
func Write(path string, perm fs.FileMode, write func(io.Writer) error) error {
	target, mode, existed, err := resolve(path, perm)
	if err != nil {
		return err
	}
	state := "nothing was created"
	if existed {
		state = "the old file is as it was"
	}
	failed := func(err error) error {
		return fmt.Errorf("safefile: %s was not written (%s): %w", path, state, bare(err))
	}
	dir := filepath.Dir(target)
	f, err := os.CreateTemp(dir, "."+filepath.Base(target)+".*.tmp")
	if errors.Is(err, fs.ErrNotExist) {
		return fmt.Errorf("safefile: %s was not written: the directory %s does not exist: %w", path, dir, bare(err))
	}
	if err != nil {
		return failed(err)
	}
	tmp := f.Name()
	defer os.Remove(tmp) // a no-op once renamed
	defer f.Close()
	if err := f.Chmod(mode); err != nil {
		return failed(err)
	}
	if err := write(f); err != nil {
		var pe *fs.PathError
		if errors.As(err, &pe) && pe.Path == tmp {
			return failed(err)
		}
		return err
	}
	if err := f.Sync(); err != nil {
		return failed(err)
	}
	if err := f.Close(); err != nil {
		return failed(err)
	}
	if err := os.Rename(tmp, target); err != nil {
		return failed(err)
	}
	syncDir(dir)
	return nil
}

// resolve returns the file Write replaces (path, or where its links lead)
// the mode to give it, and whether it exists.
func resolve(path string, perm fs.FileMode) (target string, mode fs.FileMode, existed bool, err error) {
	lfi, err := os.Lstat(path)
	if errors.Is(err, fs.ErrNotExist) {
		return path, perm, false, nil
	}
	if err != nil {
		return "", 0, false, fmt.Errorf("safefile: %s was not written: %w", path, bare(err))
	}
	target = path
	if lfi.Mode()&fs.ModeSymlink != 0 {
		if target, err = filepath.EvalSymlinks(path); err != nil {
			dest, _ := os.Readlink(path)
			return "", 0, false, fmt.Errorf("safefile: %s was not written: it is a symbolic link to %s, which cannot be followed: %w", path, dest, bare(err))
		}
	}
	fi, err := os.Stat(target)
	if err != nil {
		return "", 0, false, fmt.Errorf("safefile: %s was not written: %w", path, bare(err))
	}
	if !fi.Mode().IsRegular() {
		what := path + " is " + Kind(fi.Mode())
		if target != path {
			what = path + " leads to " + target + ", which is " + Kind(fi.Mode())
		}
		return "", 0, false, fmt.Errorf("safefile: %s, %w; nothing was written", what, ErrNotRegular)
	}
	return target, fi.Mode().Perm() & perm, true, nil
}

// bare strips the path from a file-system error, which names the
// temporary file rather than the one the user gave.
func bare(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	var le *os.LinkError
	if errors.As(err, &le) {
		return le.Err
	}
	return err
}

// syncDir makes a rename durable where the system allows it.
func syncDir(dir string) {
	if d, err := os.Open(dir); err == nil {
		_ = d.Sync()
		d.Close()
	}
}
