//go:build !linux

package priority

import (
	"context"
	"os/exec"
)

// Background does nothing here: thread priorities are Linux's.
func Background(ctx context.Context) {}

// Batch does nothing here: thread priorities are Linux's.
func Batch(ctx context.Context) {}

// Start is cmd.Start.
func Start(cmd *exec.Cmd) error { return cmd.Start() }
