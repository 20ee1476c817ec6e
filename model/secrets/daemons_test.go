//go:build linux

package secrets

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/godbus/dbus/v5"
	"github.com/knowflow/knowflow/model/sessionbus/bustest"
)

// The tests run against a real Secret Service: gnome-keyring-daemon
// (Debian's gnome-keyring, which .ci/deps.sh installs) on a private
// dbus-daemon, with HOME and the XDG directories in temp dirs, so the
// keyring of the person who runs them is never touched. Every process a
// test starts is stopped by its Cleanup.

// unavailable skips the test because a daemon could not be started on
// this machine, or fails it under CI=true, where it must run.
func unavailable(t *testing.T, err error) {
	t.Helper()
	if os.Getenv("CI") == "true" {
		t.Fatalf("secrets: a real Secret Service is needed under CI (.ci/deps.sh installs gnome-keyring and dbus-daemon): %v", err)
	}
	t.Skipf("secrets: skipped, no Secret Service could be started on this machine (Debian: apt-get install gnome-keyring dbus-daemon): %v", err)
}

// startBus starts a private session bus (bustest.Start) and forgets
// the process's connection to it when the test ends. It returns the
// bus's address; the caller sets it in the environment.
func startBus(t *testing.T) (string, error) {
	t.Helper()
	addr, err := bustest.Start(t)
	if err == nil {
		t.Cleanup(func() { forget(addr) })
	}
	return addr, err
}

// forget closes the process's connection to a bus that is going away.
func forget(addr string) {
	conns.Lock()
	defer conns.Unlock()
	if c := conns.m[addr]; c != nil {
		c.Close()
		delete(conns.m, addr)
	}
}

// keyringPassword unlocks the test's login keyring.
const keyringPassword = "test-keyring-password"

// startKeyring starts a private bus and gnome-keyring-daemon on it (the
// secrets component only), which makes a "login" keyring unlocked with a
// password given on its standard input: the default collection. It sets
// DBUS_SESSION_BUS_ADDRESS to the bus for the test, empties DISPLAY and
// WAYLAND_DISPLAY (no prompt can be shown) and lets For use the keyring.
// It skips the test when either daemon cannot be started, unless CI=true.
func startKeyring(t *testing.T) string {
	t.Helper()
	useKeyring(t)
	if _, err := exec.LookPath("gnome-keyring-daemon"); err != nil {
		unavailable(t, fmt.Errorf("no gnome-keyring-daemon: %w", err))
	}
	addr, err := startBus(t)
	if err != nil {
		unavailable(t, err)
	}
	t.Setenv("DBUS_SESSION_BUS_ADDRESS", addr)
	startKeyringOn(t, addr)
	return addr
}

// startKeyringOn starts gnome-keyring-daemon on the bus at addr and waits
// until it serves its default collection.
func startKeyringOn(t *testing.T, addr string) {
	t.Helper()
	gkd, err := exec.LookPath("gnome-keyring-daemon")
	if err != nil {
		unavailable(t, fmt.Errorf("no gnome-keyring-daemon: %w", err))
	}
	home := t.TempDir()
	run := filepath.Join(home, "run")
	for _, d := range []string{run, filepath.Join(home, "data"), filepath.Join(home, "config")} {
		if err := os.MkdirAll(d, 0o700); err != nil {
			t.Fatal(err)
		}
	}
	cmd := exec.Command(gkd, "--foreground", "--components=secrets", "--unlock")
	cmd.Env = []string{
		"PATH=" + os.Getenv("PATH"), "HOME=" + home, "XDG_RUNTIME_DIR=" + run,
		"XDG_DATA_HOME=" + filepath.Join(home, "data"), "XDG_CONFIG_HOME=" + filepath.Join(home, "config"),
		"DBUS_SESSION_BUS_ADDRESS=" + addr, "LANG=C.UTF-8",
	}
	cmd.Stdin = strings.NewReader(keyringPassword)
	log := &bustest.Log{}
	cmd.Stdout, cmd.Stderr = log, log
	cmd.SysProcAttr = bustest.DieWithParent()
	if err := cmd.Start(); err != nil {
		unavailable(t, fmt.Errorf("gnome-keyring-daemon: %w", err))
	}
	bustest.Stop(t, cmd, "gnome-keyring-daemon", log)
	// Ready when its default collection is there.
	deadline := time.Now().Add(15 * time.Second) // wall clock: elapsed time only
	for {
		s, err := openService(addr)
		if err == nil {
			s.close()
			return
		}
		if time.Now().After(deadline) { // wall clock: elapsed time only
			unavailable(t, fmt.Errorf("gnome-keyring-daemon did not serve a default keyring in 15 s: %v\n%s", err, log))
		}
		time.Sleep(50 * time.Millisecond)
	}
}

// useKeyring lets For return a Keyring in this test, with no desktop to
// show prompts.
func useKeyring(t *testing.T) {
	keyringInTests = true
	t.Cleanup(func() { keyringInTests = false })
	t.Setenv("DISPLAY", "")
	t.Setenv("WAYLAND_DISPLAY", "")
}

// testService opens a session of the test's own, to look at the keyring
// from outside a Keyring.
func testService(t *testing.T, addr string) *service {
	t.Helper()
	s, err := openService(addr)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(s.close)
	return s
}

// items returns the items with these attributes.
func (s *service) items(t *testing.T, attrs map[string]string) []dbus.ObjectPath {
	t.Helper()
	unlocked, locked, err := s.search(attrs)
	if err != nil {
		t.Fatal(err)
	}
	return append(unlocked, locked...)
}

// property reads a property of an item.
func (s *service) property(t *testing.T, item dbus.ObjectPath, name string) any {
	t.Helper()
	var v dbus.Variant
	if err := s.call(item, "org.freedesktop.DBus.Properties.Get", ssItem, name).Store(&v); err != nil {
		t.Fatal(err)
	}
	return v.Value()
}
