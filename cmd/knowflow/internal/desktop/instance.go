package desktop

import (
	"bufio"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"net"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"time"

	"github.com/godbus/dbus/v5"

	"github.com/knowflow/knowflow/model/sessionbus"
)

// ErrRunning is Claim's answer when another process already has a window
// on the database: it has been asked to show it.
var ErrRunning = errors.New("Knowflow is already open on this database")

// Instance is this process's claim to be the one window on a database.
// A second launch on the same database finds it, asks it to show its
// window (and a section) and exits. Over the session D-Bus where there is
// one (a well-known name per database, released by the bus when the
// process ends, however it ends); else a lock file held with flock and a
// Unix socket beside it, in $XDG_RUNTIME_DIR (or a private dir in /tmp).
// The command line never claims: a command beside a running window works
// on the database as before.
type Instance struct {
	mu       sync.Mutex
	activate func(section string)
	pending  []string // requests that came before SetActivate

	conn *dbus.Conn // on the bus, owning name
	name string
	lock *os.File // without a bus: the held lock, the socket's listener
	ln   net.Listener
	sock string
}

// D-Bus names: one bus name per database, one object with one method.
const (
	busPath   = dbus.ObjectPath("/io/github/knowflow/knowflow")
	busIface  = AppID + ".Instance"
	busMethod = busIface + ".Activate"
)

// activateTimeout bounds how long a second launch waits for the first
// to answer (the first may be busy starting).
const activateTimeout = 5 * time.Second

// Claim makes this process the one window on the database db, or, when
// another process has it, asks that one to show its window on section
// (may be empty) and returns ErrRunning (wrapped, naming how). It meets
// the others on the session bus when one answers within
// sessionbus.Timeout, else through a socket in the runtime directory.
func Claim(db, section string) (*Instance, error) {
	k, err := dbKey(db)
	if err != nil {
		return nil, err
	}
	if addr := sessionbus.Address(); addr != "" {
		if conn, err := sessionbus.Dial(addr, sessionbus.Timeout); err == nil {
			return claimBus(conn, AppID+".db_"+k, section)
		}
	}
	dir, err := runtimeDir()
	if err != nil {
		return nil, err
	}
	return claimLock(filepath.Join(dir, "knowflow-"+k), section)
}

// Via says how a second launch reaches this one: "D-Bus NAME" or "socket PATH".
func (in *Instance) Via() string {
	if in.conn != nil {
		return "D-Bus " + in.name
	}
	return "socket " + in.sock
}

// SetActivate sets what a second launch's request does (on the
// requesting goroutine: hand it to the UI goroutine); requests that came
// before are delivered now.
func (in *Instance) SetActivate(f func(section string)) {
	in.mu.Lock()
	in.activate = f
	pending := in.pending
	in.pending = nil
	in.mu.Unlock()
	for _, s := range pending {
		f(s)
	}
}

func (in *Instance) deliver(section string) {
	in.mu.Lock()
	f := in.activate
	if f == nil {
		in.pending = append(in.pending, section)
	}
	in.mu.Unlock()
	if f != nil {
		f(section)
	}
}

// Close gives the claim up: the bus name, or the socket and the lock.
func (in *Instance) Close() error {
	if in.conn != nil {
		return in.conn.Close()
	}
	in.ln.Close()
	os.Remove(in.sock)
	return in.lock.Close() // releases the flock; the empty file stays (removing it would race a claim)
}

// dbKey names a database by its real path: 16 hex digits of its SHA-256,
// so that "./k.db", "/home/me/k.db" and a symlink to it are one database.
func dbKey(db string) (string, error) {
	abs, err := filepath.Abs(db)
	if err != nil {
		return "", err
	}
	if p, err := filepath.EvalSymlinks(abs); err == nil {
		abs = p
	} else if d, err := filepath.EvalSymlinks(filepath.Dir(abs)); err == nil {
		abs = filepath.Join(d, filepath.Base(abs)) // not created yet
	}
	sum := sha256.Sum256([]byte(abs))
	return hex.EncodeToString(sum[:8]), nil
}

// runtimeDir is $XDG_RUNTIME_DIR, else a dir of this user's own in the
// temp dir (0700, and refused when someone else owns it).
func runtimeDir() (string, error) {
	if d := os.Getenv("XDG_RUNTIME_DIR"); filepath.IsAbs(d) {
		if fi, err := os.Stat(d); err == nil && fi.IsDir() {
			return d, nil
		}
	}
	d := filepath.Join(os.TempDir(), fmt.Sprintf("knowflow-%d", os.Getuid()))
	if err := os.Mkdir(d, 0o700); err != nil && !os.IsExist(err) {
		return "", fmt.Errorf("one window per database: %w", err)
	}
	if err := ownedPrivateDir(d); err != nil {
		return "", fmt.Errorf("one window per database: %w", err)
	}
	return d, nil
}

// busObject is the object a second launch calls.
type busObject struct{ in *Instance }

// Activate shows the window, on section when not empty.
func (o busObject) Activate(section string) *dbus.Error {
	o.in.deliver(section)
	return nil
}

// claimBus owns name on the bus, or calls Activate on its owner. The
// object is exported before the name is asked for, so a launch that sees
// the name can always call it.
func claimBus(conn *dbus.Conn, name, section string) (*Instance, error) {
	in := &Instance{conn: conn, name: name}
	if err := conn.Export(busObject{in}, busPath, busIface); err != nil {
		conn.Close()
		return nil, err
	}
	reply, err := conn.RequestName(name, dbus.NameFlagDoNotQueue)
	if err != nil {
		conn.Close()
		return nil, fmt.Errorf("one window per database: %w", err)
	}
	if reply == dbus.RequestNameReplyPrimaryOwner {
		return in, nil
	}
	defer conn.Close()
	ctx, cancel := context.WithTimeout(context.Background(), activateTimeout)
	defer cancel()
	call := conn.Object(name, busPath).CallWithContext(ctx, busMethod, 0, section)
	if call.Err != nil {
		return nil, fmt.Errorf("Knowflow is already open on this database (%s), but did not answer: %w", name, call.Err)
	}
	return nil, fmt.Errorf("%w (asked it over D-Bus %s)", ErrRunning, name)
}

// claimLock holds base+".lock", or asks the holder over base+".sock".
func claimLock(base, section string) (*Instance, error) {
	f, err := os.OpenFile(base+".lock", os.O_RDWR|os.O_CREATE, 0o600)
	if err != nil {
		return nil, fmt.Errorf("one window per database: %w", err)
	}
	held, err := tryLock(f)
	if err != nil {
		f.Close()
		return nil, fmt.Errorf("one window per database: %w", err)
	}
	sock := base + ".sock"
	if !held {
		f.Close()
		if err := askOverSocket(sock, section); err != nil {
			return nil, fmt.Errorf("Knowflow is already open on this database (%s.lock is held), but did not answer: %w", base, err)
		}
		return nil, fmt.Errorf("%w (asked it over socket %s)", ErrRunning, sock)
	}
	os.Remove(sock) // left by a process that was killed
	ln, err := net.Listen("unix", sock)
	if err != nil {
		f.Close()
		return nil, fmt.Errorf("one window per database: %w", err)
	}
	in := &Instance{lock: f, ln: ln, sock: sock}
	go in.serve()
	return in, nil
}

// serve answers each connection's "activate SECTION" line with "ok".
func (in *Instance) serve() {
	for {
		c, err := in.ln.Accept()
		if err != nil {
			return // closed
		}
		go func() {
			defer c.Close()
			c.SetDeadline(time.Now().Add(activateTimeout))
			line, err := bufio.NewReader(c).ReadString('\n')
			cmd, section, _ := strings.Cut(strings.TrimSuffix(line, "\n"), " ")
			if err != nil || cmd != "activate" {
				return
			}
			in.deliver(section)
			fmt.Fprintln(c, "ok")
		}()
	}
}

// askOverSocket sends "activate SECTION" and waits for "ok". The holder
// of the lock may not listen yet (it is starting): it tries again until
// activateTimeout.
func askOverSocket(sock, section string) error {
	deadline := time.Now().Add(activateTimeout)
	for {
		err := askOnce(sock, section, deadline)
		if err == nil || time.Now().After(deadline) {
			return err
		}
		time.Sleep(50 * time.Millisecond)
	}
}

func askOnce(sock, section string, deadline time.Time) error {
	c, err := net.DialTimeout("unix", sock, time.Until(deadline))
	if err != nil {
		return err
	}
	defer c.Close()
	c.SetDeadline(deadline)
	if _, err := fmt.Fprintf(c, "activate %s\n", section); err != nil {
		return err
	}
	line, err := bufio.NewReader(c).ReadString('\n')
	if err != nil {
		return err
	}
	if line != "ok\n" {
		return fmt.Errorf("unexpected answer %q", line)
	}
	return nil
}
