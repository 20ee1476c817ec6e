//go:build !unix

package desktop

import "os"

// tryLock: no flock here; each launch is its own window.
func tryLock(*os.File) (bool, error) { return true, nil }

func ownedPrivateDir(string) error { return nil }
