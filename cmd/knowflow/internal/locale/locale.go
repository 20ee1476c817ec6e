// Package locale runs before Fyne's lang package initialises (it has almost
// no imports, so Go initialises it early) and replaces the POSIX locale
// names "C", "C.UTF-8" and "POSIX", which Fyne cannot parse and logs as an
// error on every start (even of a CLI command), with en_US.UTF-8, which is
// what they mean for messages. Cron jobs and containers often run with LANG=C.
package locale

import "syscall"

func init() {
	for _, k := range []string{"LC_ALL", "LC_MESSAGES", "LANG"} {
		v, ok := syscall.Getenv(k)
		if !ok || v == "" {
			continue
		}
		switch v {
		case "C", "POSIX", "C.UTF-8", "C.utf8":
			syscall.Setenv(k, "en_US.UTF-8")
		}
		return // the first one set is the one that counts
	}
}
