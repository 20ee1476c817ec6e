package bustest

import "syscall"

// DieWithParent ties a daemon's life to the test binary's: it dies even
// when the binary is killed.
func DieWithParent() *syscall.SysProcAttr {
	return &syscall.SysProcAttr{Pdeathsig: syscall.SIGKILL}
}
