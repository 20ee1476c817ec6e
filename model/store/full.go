package store

import (
	"errors"
	"fmt"
	"syscall"

	"modernc.org/sqlite"
	sqlite3 "modernc.org/sqlite/lib"
)

// ErrDiskFull is wrapped by the error of a write that found the disk
// holding the database full. SQLite rolled that write's transaction back:
// what earlier transactions stored is kept, and the same write succeeds
// once there is space again.
var ErrDiskFull = errors.New("store: disk full")

// isDiskFull reports whether err is SQLite's SQLITE_FULL (or the system's
// ENOSPC).
func isDiskFull(err error) bool {
	var se *sqlite.Error
	if errors.As(err, &se) {
		return se.Code()&0xff == sqlite3.SQLITE_FULL
	}
	return errors.Is(err, syscall.ENOSPC)
}

// onDiskFull, deferred by a write with a named error result, replaces a
// full disk's error, whatever the step that met it, by one that says so
// plainly and what became of the write (undone, e.g. "nothing was
// imported").
func (s *Store) onDiskFull(err *error, undone string) {
	if *err != nil && isDiskFull(*err) && !errors.Is(*err, ErrDiskFull) {
		*err = fmt.Errorf("%w: the disk holding %s is full, so %s; free some space and try again (%w)", ErrDiskFull, s.path, undone, *err)
	}
}
