// Package bustest starts a private D-Bus session bus for tests (a real
// dbus-daemon, as .ci/deps.sh installs it), so that no test touches the
// bus, the keyring or the notifications of whoever runs it.
package bustest

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"
)

// Start starts a dbus-daemon with its own configuration: no service
// directories, so nothing is ever activated on it (a bus with no Secret
// Service or notification server stays without one). It returns the
// bus's address; the daemon stops when the test ends (and says what it
// logged if the test failed). The error says why no bus could be
// started, for the caller to skip the test or fail it.
func Start(t testing.TB) (string, error) {
	t.Helper()
	daemon, err := exec.LookPath("dbus-daemon")
	if err != nil {
		return "", fmt.Errorf("no dbus-daemon: %w", err)
	}
	dir, err := os.MkdirTemp("", "kf-bus-") // short: a socket path has 108 bytes
	if err != nil {
		return "", err
	}
	t.Cleanup(func() { os.RemoveAll(dir) })
	conf := `<!DOCTYPE busconfig PUBLIC "-//freedesktop//DTD D-Bus Bus Configuration 1.0//EN"
 "http://www.freedesktop.org/standards/dbus/1.0/busconfig.dtd">
<busconfig>
  <type>session</type>
  <listen>unix:dir=` + dir + `</listen>
  <auth>EXTERNAL</auth>
  <policy context="default">
    <allow send_destination="*" eavesdrop="true"/>
    <allow eavesdrop="true"/>
    <allow own="*"/>
  </policy>
</busconfig>
`
	if err := os.WriteFile(filepath.Join(dir, "bus.conf"), []byte(conf), 0o600); err != nil {
		return "", err
	}
	cmd := exec.Command(daemon, "--config-file="+filepath.Join(dir, "bus.conf"), "--nofork", "--print-address=1")
	cmd.SysProcAttr = DieWithParent()
	log := &Log{}
	cmd.Stderr = log
	out, err := cmd.StdoutPipe()
	if err != nil {
		return "", err
	}
	if err := cmd.Start(); err != nil {
		return "", fmt.Errorf("dbus-daemon: %w", err)
	}
	Stop(t, cmd, "dbus-daemon", log)
	line := make(chan string, 1)
	go func() {
		s, _ := bufio.NewReader(out).ReadString('\n')
		line <- strings.TrimSpace(s)
	}()
	select {
	case addr := <-line:
		if addr == "" {
			return "", fmt.Errorf("dbus-daemon gave no address: %s", log)
		}
		return addr, nil
	case <-time.After(10 * time.Second):
		return "", errors.New("dbus-daemon gave no address in 10 s")
	}
}

// Stop stops, when the test ends, a daemon the test started (SIGTERM,
// then SIGKILL after 5 s) and waits for it; if the test failed, it logs
// what the daemon wrote to log (may be nil).
func Stop(t testing.TB, cmd *exec.Cmd, name string, log *Log) {
	t.Cleanup(func() {
		cmd.Process.Signal(syscall.SIGTERM)
		done := make(chan struct{})
		go func() { cmd.Wait(); close(done) }()
		select {
		case <-done:
		case <-time.After(5 * time.Second):
			cmd.Process.Kill()
			<-done
		}
		if t.Failed() && log != nil {
			t.Logf("%s said:\n%s", name, log)
		}
	})
}

// Log is a goroutine-safe log of a daemon's output.
type Log struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (l *Log) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}

func (l *Log) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.String()
}
