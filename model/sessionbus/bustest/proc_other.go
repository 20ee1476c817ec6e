//go:build !linux

package bustest

import "syscall"

// DieWithParent: only Linux can tie a daemon's life to its parent's;
// elsewhere Stop's cleanup ends it.
func DieWithParent() *syscall.SysProcAttr { return nil }
