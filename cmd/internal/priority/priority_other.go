//go:build !linux

package priority

import "context"

// Background does nothing here: thread priorities are Linux's.
func Background(ctx context.Context) {}

// Batch does nothing here: thread priorities are Linux's.
func Batch(ctx context.Context) {}
