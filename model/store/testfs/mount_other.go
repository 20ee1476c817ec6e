//go:build !linux

package testfs

import "errors"

func mount(string, int64) error { return errors.New("tmpfs mounts are only made on Linux") }

func unmount(string) error { return nil }
