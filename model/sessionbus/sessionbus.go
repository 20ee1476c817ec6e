// Package sessionbus dials the user's D-Bus session bus, giving up when
// it does not answer. godbus's own ConnectSessionBus waits for ever on a
// socket that accepts and never answers (a bus left behind by a session
// that hangs), and the window dials the bus before it shows: for the one
// window per database (desktop.Claim), for notifications, and for the
// keyring (model/secrets).
package sessionbus

import (
	"errors"
	"fmt"
	"os"
	"strings"
	"sync"
	"time"

	"github.com/godbus/dbus/v5"
)

// Timeout is how long a bus has to answer a new connection: a bus on the
// same machine answers in milliseconds.
const Timeout = 3 * time.Second

// ErrNoAnswer: the bus accepted the connection and did not answer.
var ErrNoAnswer = errors.New("the session bus did not answer")

// Address returns the session bus address, or "" when there is none or
// it is one this package does not dial: only unix: and tcp: addresses
// are (not unixexec:, which would start a program, nor autolaunch:).
func Address() string {
	addr := os.Getenv("DBUS_SESSION_BUS_ADDRESS")
	if addr == "" {
		return ""
	}
	for _, a := range strings.Split(addr, ";") {
		if !strings.HasPrefix(a, "unix:") && !strings.HasPrefix(a, "tcp:") && !strings.HasPrefix(a, "nonce-tcp:") {
			return ""
		}
	}
	return addr
}

// Dial opens a private connection to the bus at addr, authenticated and
// named (Hello), or fails after timeout. A connection that answers late
// is closed.
func Dial(addr string, timeout time.Duration) (*dbus.Conn, error) {
	if addr == "" {
		return nil, errors.New("no session bus")
	}
	type result struct {
		c   *dbus.Conn
		err error
	}
	var (
		mu        sync.Mutex
		dialled   *dbus.Conn
		abandoned bool
		done      = make(chan result, 1)
	)
	go func() {
		c, err := dbus.Dial(addr)
		if err == nil {
			mu.Lock()
			if abandoned {
				mu.Unlock()
				c.Close()
				return
			}
			dialled = c
			mu.Unlock()
			if err = c.Auth(nil); err == nil {
				err = c.Hello()
			}
		}
		done <- result{c, err}
	}()
	t := time.NewTimer(timeout)
	defer t.Stop()
	select {
	case r := <-done:
		if r.err != nil {
			if r.c != nil {
				r.c.Close()
			}
			return nil, fmt.Errorf("cannot connect to the session bus: %w", r.err)
		}
		return r.c, nil
	case <-t.C:
		mu.Lock()
		abandoned = true
		if dialled != nil {
			dialled.Close() // ends the goroutine's Auth or Hello
		}
		mu.Unlock()
		return nil, ErrNoAnswer
	}
}
