package sessionbus

import (
	"errors"
	"net"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/knowflow/knowflow/model/sessionbus/bustest"
)

func TestAddress(t *testing.T) {
	for _, c := range []struct{ env, want string }{
		{"", ""},
		{"unix:path=/run/user/1000/bus", "unix:path=/run/user/1000/bus"},
		{"unix:abstract=/tmp/dbus-x,guid=1;tcp:host=localhost,port=1", "unix:abstract=/tmp/dbus-x,guid=1;tcp:host=localhost,port=1"},
		{"unixexec:path=/bin/evil", ""},
		{"unix:path=/x;autolaunch:", ""},
	} {
		t.Setenv("DBUS_SESSION_BUS_ADDRESS", c.env)
		if got := Address(); got != c.want {
			t.Errorf("Address() with %q = %q, want %q", c.env, got, c.want)
		}
	}
}

// A socket that accepts and never says a word (a bus whose daemon
// hangs): Dial gives up after its time-out instead of waiting for ever.
func TestDialGivesUpOnASilentBus(t *testing.T) {
	sock := filepath.Join(t.TempDir(), "bus")
	l, err := net.Listen("unix", sock)
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	accepted := make(chan net.Conn, 1)
	go func() {
		c, err := l.Accept()
		if err == nil {
			accepted <- c
		}
	}()
	_, err = Dial("unix:path="+sock, 300*time.Millisecond)
	if !errors.Is(err, ErrNoAnswer) {
		t.Fatalf("Dial on a silent socket: %v, want ErrNoAnswer", err)
	}
	select {
	case c := <-accepted:
		c.SetReadDeadline(time.Now().Add(5 * time.Second)) // wall clock: a deadline for the read only
		buf := make([]byte, 256)
		for { // the abandoned connection is closed: the read ends in EOF
			if _, err := c.Read(buf); err != nil {
				if ne, ok := err.(net.Error); ok && ne.Timeout() {
					t.Error("the abandoned connection was left open")
				}
				break
			}
		}
		c.Close()
	case <-time.After(5 * time.Second):
		t.Error("Dial never connected to the socket")
	}
}

func TestDialNoBus(t *testing.T) {
	if _, err := Dial("", Timeout); err == nil {
		t.Error("Dial with no address succeeded")
	}
	if _, err := Dial("unix:path="+filepath.Join(t.TempDir(), "none"), Timeout); err == nil || errors.Is(err, ErrNoAnswer) {
		t.Errorf("Dial to no socket: %v, want the dial's own error", err)
	}
}

// A real bus (dbus-daemon): a private, named connection each time.
func TestDialRealBus(t *testing.T) {
	addr, err := bustest.Start(t)
	if err != nil {
		if os.Getenv("CI") != "" {
			t.Fatalf("sessionbus: %v (.ci/deps.sh installs dbus-daemon)", err)
		}
		t.Skipf("sessionbus: skipped: %v (Debian: apt-get install dbus-daemon)", err)
	}

	a, err := Dial(addr, Timeout)
	if err != nil {
		t.Fatal(err)
	}
	defer a.Close()
	b, err := Dial(addr, Timeout)
	if err != nil {
		t.Fatal(err)
	}
	defer b.Close()
	if a == b || len(a.Names()) == 0 || len(b.Names()) == 0 || a.Names()[0] == b.Names()[0] {
		t.Errorf("want two private named connections, got %v and %v", a.Names(), b.Names())
	}
	var id string
	if err := a.BusObject().Call("org.freedesktop.DBus.GetId", 0).Store(&id); err != nil || id == "" {
		t.Errorf("a call on the connection: %q, %v", id, err)
	}
}
