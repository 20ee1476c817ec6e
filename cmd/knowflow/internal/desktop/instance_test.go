package desktop

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/knowflow/knowflow/model/sessionbus/bustest"
)

// The helper process: TestMain runs it when KNOWFLOW_INSTANCE_DB is set.
// It claims the database and says "primary", then prints "activated
// SECTION" for each request until its stdin closes; or says "running:
// ERR" and exits 0 when another process has the database.
func TestMain(m *testing.M) {
	if db := os.Getenv("KNOWFLOW_INSTANCE_DB"); db != "" {
		os.Exit(instanceHelper(db, os.Getenv("KNOWFLOW_INSTANCE_SECTION")))
	}
	os.Exit(m.Run())
}

func instanceHelper(db, section string) int {
	in, err := Claim(db, section)
	if errors.Is(err, ErrRunning) {
		fmt.Println("running:", err)
		return 0
	}
	if err != nil {
		fmt.Println("error:", err)
		return 1
	}
	defer in.Close()
	in.SetActivate(func(s string) { fmt.Println("activated", s) })
	fmt.Println("primary via", in.Via())
	io.Copy(io.Discard, os.Stdin)
	return 0
}

// proc is one helper process.
type proc struct {
	cmd   *exec.Cmd
	stdin io.WriteCloser
	lines chan string
}

func start(t *testing.T, env []string, db, section string) *proc {
	t.Helper()
	cmd := exec.Command(os.Args[0], "-test.run=^$")
	cmd.Env = append(append(os.Environ(), env...),
		"KNOWFLOW_INSTANCE_DB="+db, "KNOWFLOW_INSTANCE_SECTION="+section)
	cmd.Stderr = os.Stderr
	stdin, _ := cmd.StdinPipe()
	out, _ := cmd.StdoutPipe()
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	p := &proc{cmd: cmd, stdin: stdin, lines: make(chan string, 10)}
	go func() {
		sc := bufio.NewScanner(out)
		for sc.Scan() {
			p.lines <- sc.Text()
		}
		close(p.lines)
	}()
	t.Cleanup(func() { stdin.Close(); cmd.Process.Kill(); cmd.Wait() })
	return p
}

// next is the process's next line of output ("" when it has ended).
func (p *proc) next(t *testing.T) string {
	t.Helper()
	select {
	case l := <-p.lines:
		return l
	case <-time.After(20 * time.Second):
		t.Fatal("no output from the helper within 20 s")
	}
	return ""
}

func (p *proc) want(t *testing.T, prefix string) string {
	t.Helper()
	l := p.next(t)
	if !strings.HasPrefix(l, prefix) {
		t.Fatalf("helper said %q, want %q...", l, prefix)
	}
	return l
}

// exitsZero waits for the process and wants exit status 0.
func (p *proc) exitsZero(t *testing.T) {
	t.Helper()
	if err := p.cmd.Wait(); err != nil {
		t.Fatalf("second launch: %v", err)
	}
}

// twoProcesses: a first process claims the database; a second on the
// same database (through another path to it) asks it to show Share and
// exits 0; one on another database claims that one; once the first is
// killed, a new one claims the database again.
func twoProcesses(t *testing.T, env []string, via string) {
	dir := t.TempDir()
	db := filepath.Join(dir, "k.db")
	if err := os.Symlink(dir, filepath.Join(dir, "link")); err != nil {
		t.Fatal(err)
	}
	first := start(t, env, db, "")
	first.want(t, "primary via "+via)

	second := start(t, env, filepath.Join(dir, "link", "k.db"), "share")
	second.want(t, "running: Knowflow is already open on this database (asked it over "+via)
	second.exitsZero(t)
	if got := first.want(t, "activated"); got != "activated share" {
		t.Errorf("first heard %q, want \"activated share\"", got)
	}

	other := start(t, env, filepath.Join(dir, "other.db"), "")
	other.want(t, "primary via "+via)

	// Killed, not closed: the bus drops the name, the kernel the lock,
	// and the next claim replaces the socket left behind.
	first.cmd.Process.Signal(syscall.SIGKILL)
	first.cmd.Wait()
	again := start(t, env, db, "")
	again.want(t, "primary via "+via)
}

func TestOneInstanceOverLockAndSocket(t *testing.T) {
	run := t.TempDir()
	twoProcesses(t, []string{"DBUS_SESSION_BUS_ADDRESS=", "XDG_RUNTIME_DIR=" + run}, "socket "+run+"/knowflow-")
}

func TestOneInstanceOverDBus(t *testing.T) {
	addr := sessionBus(t)
	twoProcesses(t, []string{"DBUS_SESSION_BUS_ADDRESS=" + addr}, "D-Bus "+AppID+".db_")
}

// sessionBus starts a private session bus for the test (bustest.Start) and
// returns its address; it skips without dbus-daemon, unless on CI.
func sessionBus(t *testing.T) string {
	t.Helper()
	addr, err := bustest.Start(t)
	if err != nil {
		if os.Getenv("CI") != "" {
			t.Fatalf("%v (.ci/deps.sh installs dbus-daemon)", err)
		}
		t.Skip(err)
	}
	return addr
}

func TestDBKeyIsTheRealPath(t *testing.T) {
	dir := t.TempDir()
	os.Symlink(dir, filepath.Join(dir, "link"))
	a, _ := dbKey(filepath.Join(dir, "k.db"))
	b, _ := dbKey(filepath.Join(dir, ".", "k.db"))
	c, _ := dbKey(filepath.Join(dir, "link", "k.db"))
	d, _ := dbKey(filepath.Join(dir, "j.db"))
	if a != b || a != c || a == d || len(a) != 16 {
		t.Errorf("keys %s %s %s %s", a, b, c, d)
	}
}
