// Package testserver starts real servers for Knowflow's sync tests: a
// Miniflux (built once from the Go module proxy into build/tools, never a
// dependency of Knowflow's go.mod) over a private PostgreSQL cluster made
// with initdb in a temp dir, and a Radicale (Debian's radicale) for the
// contacts sync (radicale.go).
//
// One server runs per test binary: a package that uses it calls Main from
// its TestMain, which stops the servers when the tests end. Each test gets
// its own Miniflux user (NewUser), with the Google Reader API enabled, so
// tests never see each other's feeds.
//
// When a server cannot be started (no PostgreSQL installed, no Go to build
// Miniflux, no network for the module proxy) the tests skip and say why;
// under CI=true they fail instead.
package testserver

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"os"
	"os/exec"
	"os/user"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"
)

// MinifluxVersion is the Miniflux release the tests run against.
const MinifluxVersion = "v2.3.5"

// Main runs the package's tests and then stops the servers they started.
// Call it from TestMain: os.Exit(testserver.Main(m)).
func Main(m *testing.M) int {
	code := m.Run()
	shared.server.v.stop() // nil when never started
	sharedRadicale.v.stop()
	return code
}

// Miniflux is a running Miniflux server.
type Miniflux struct {
	URL     string // base URL, http://127.0.0.1:PORT
	pg      *postgres
	proc    *exec.Cmd
	dir     string
	adminPW string
	log     *bytes.Buffer
}

var shared struct {
	server startOnce[*Miniflux]
	mu     sync.Mutex
}

// startOnce starts a server once per test binary.
type startOnce[T any] struct {
	once sync.Once
	v    T
	err  error
}

// get returns the server, started by start on first use; when it cannot
// be started the test skips, or fails under CI=true (Unavailable).
func (o *startOnce[T]) get(t testing.TB, start func() (T, error)) T {
	t.Helper()
	o.once.Do(func() { o.v, o.err = start() })
	if o.err != nil {
		Unavailable(t, o.err)
	}
	return o.v
}

// StartMiniflux returns the test binary's Miniflux server, starting it on
// first use (PostgreSQL and Miniflux take a few seconds; building Miniflux
// the first time about a minute). When it cannot be started the test skips,
// or fails under CI=true.
func StartMiniflux(t testing.TB) *Miniflux {
	t.Helper()
	return shared.server.get(t, startMiniflux)
}

// Unavailable skips the test because a server could not be started, or
// fails it under CI=true, where every server must run.
func Unavailable(t testing.TB, err error) {
	t.Helper()
	if os.Getenv("CI") == "true" {
		t.Fatalf("testserver: a real server is needed under CI: %v", err)
	}
	t.Skipf("testserver: skipped, a real server could not be started on this machine: %v", err)
}

func startMiniflux() (*Miniflux, error) {
	bin, err := MinifluxBinary()
	if err != nil {
		return nil, err
	}
	dir, err := os.MkdirTemp("", "knowflow-miniflux-")
	if err != nil {
		return nil, fmt.Errorf("testserver: %w", err)
	}
	pg, err := startPostgres(dir)
	if err != nil {
		os.RemoveAll(dir)
		return nil, err
	}
	port, err := freePort()
	if err != nil {
		pg.stop()
		os.RemoveAll(dir)
		return nil, err
	}
	mf := &Miniflux{URL: "http://127.0.0.1:" + strconv.Itoa(port), pg: pg, dir: dir, adminPW: "admin-secret-pw", log: &bytes.Buffer{}}
	if err := mf.run(bin, "RUN_MIGRATIONS=1", "CREATE_ADMIN=1", "ADMIN_USERNAME=admin", "ADMIN_PASSWORD="+mf.adminPW); err != nil {
		mf.stop()
		return nil, err
	}
	return mf, nil
}

// run starts the Miniflux binary on m's address and database, with the
// extra settings env, and waits until it answers.
func (m *Miniflux) run(bin string, env ...string) error {
	cmd := exec.Command(bin)
	cmd.Env = append(append(os.Environ(),
		"DATABASE_URL="+m.pg.url("miniflux"),
		"LISTEN_ADDR="+strings.TrimPrefix(m.URL, "http://"),
		"BASE_URL="+m.URL,
		"FETCHER_ALLOW_PRIVATE_NETWORKS=1",
		"POLLING_FREQUENCY=1440", // the tests refresh feeds themselves
		"WORKER_POOL_SIZE=2",
		"LOG_LEVEL=warning",
	), env...)
	cmd.Stdout, cmd.Stderr = m.log, m.log
	cmd.SysProcAttr = &syscall.SysProcAttr{Pdeathsig: syscall.SIGKILL}
	if err := cmd.Start(); err != nil {
		return fmt.Errorf("testserver: start miniflux: %w", err)
	}
	m.proc = cmd
	if err := waitHTTP(m.URL+"/healthcheck", 30*time.Second); err != nil {
		return fmt.Errorf("testserver: miniflux did not start: %w\n%s", err, m.log.String())
	}
	return nil
}

func (m *Miniflux) stop() {
	if m == nil {
		return
	}
	stopProc(m.proc, syscall.SIGTERM, 5*time.Second)
	m.proc = nil
	m.pg.stop()
	os.RemoveAll(m.dir)
}

// stopProc signals cmd and waits for it to end, killing it after wait.
func stopProc(cmd *exec.Cmd, sig syscall.Signal, wait time.Duration) {
	if cmd == nil || cmd.Process == nil {
		return
	}
	cmd.Process.Signal(sig)
	done := make(chan struct{})
	go func() { cmd.Wait(); close(done) }()
	select {
	case <-done:
	case <-time.After(wait):
		cmd.Process.Kill()
		<-done
	}
}

// Stop stops Miniflux (PostgreSQL keeps running): for tests of a server
// that goes away mid-sync. Start brings it back on the same address.
func (m *Miniflux) Stop() {
	shared.mu.Lock()
	defer shared.mu.Unlock()
	stopProc(m.proc, syscall.SIGTERM, 5*time.Second)
	m.proc = nil
}

// Start starts Miniflux again after Stop, on the same address and data.
func (m *Miniflux) Start(t testing.TB) {
	t.Helper()
	shared.mu.Lock()
	defer shared.mu.Unlock()
	if m.proc != nil {
		return
	}
	bin, err := MinifluxBinary()
	if err != nil {
		t.Fatal(err)
	}
	if err := m.run(bin); err != nil {
		t.Fatal(err)
	}
}

// --- building Miniflux -----------------------------------------------------

var buildOnce struct {
	sync.Once
	path string
	err  error
}

// MinifluxBinary returns the path of build/tools/miniflux.app, building it
// with `go install miniflux.app/v2@VERSION` (GOBIN=build/tools) when it is
// missing or of another version. A lock file keeps test binaries of several
// packages from building it at once.
func MinifluxBinary() (string, error) {
	buildOnce.Do(func() { buildOnce.path, buildOnce.err = buildMiniflux() })
	return buildOnce.path, buildOnce.err
}

func buildMiniflux() (string, error) {
	root, err := moduleRoot()
	if err != nil {
		return "", err
	}
	tools := filepath.Join(root, "build", "tools")
	if err := os.MkdirAll(tools, 0o755); err != nil {
		return "", fmt.Errorf("testserver: %w", err)
	}
	bin := filepath.Join(tools, "miniflux.app")
	stamp := bin + ".version"
	lock, err := os.OpenFile(filepath.Join(tools, ".miniflux.lock"), os.O_CREATE|os.O_RDWR, 0o644)
	if err != nil {
		return "", fmt.Errorf("testserver: %w", err)
	}
	defer lock.Close()
	if err := syscall.Flock(int(lock.Fd()), syscall.LOCK_EX); err != nil {
		return "", fmt.Errorf("testserver: lock %s: %w", lock.Name(), err)
	}
	defer syscall.Flock(int(lock.Fd()), syscall.LOCK_UN)
	if v, err := os.ReadFile(stamp); err == nil && string(v) == MinifluxVersion {
		if _, err := os.Stat(bin); err == nil {
			return bin, nil
		}
	}
	gobin, err := exec.LookPath("go")
	if err != nil {
		return "", fmt.Errorf("testserver: no go command to build Miniflux: %w", err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, gobin, "install", "miniflux.app/v2@"+MinifluxVersion)
	// Outside the module: go install pkg@version never reads Knowflow's go.mod.
	cmd.Dir = tools
	cmd.Env = append(os.Environ(), "GOBIN="+tools, "GOFLAGS=", "GOWORK=off")
	if out, err := cmd.CombinedOutput(); err != nil {
		return "", fmt.Errorf("testserver: go install miniflux.app/v2@%s: %w\n%s", MinifluxVersion, err, out)
	}
	if err := os.WriteFile(stamp, []byte(MinifluxVersion), 0o644); err != nil {
		return "", fmt.Errorf("testserver: %w", err)
	}
	return bin, nil
}

// moduleRoot is the directory of Knowflow's go.mod, above the test's
// working directory.
func moduleRoot() (string, error) {
	dir, err := os.Getwd()
	if err != nil {
		return "", fmt.Errorf("testserver: %w", err)
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return dir, nil
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return "", errors.New("testserver: no go.mod above the working directory")
		}
		dir = parent
	}
}

// --- PostgreSQL ----------------------------------------------------------------

type postgres struct {
	dir  string
	port int
	bin  string
	proc *exec.Cmd
	cred *syscall.Credential
	log  *bytes.Buffer
}

// pgBin finds the newest /usr/lib/postgresql/N/bin (Debian's layout), else
// initdb on PATH.
func pgBin() (string, error) {
	dirs, _ := filepath.Glob("/usr/lib/postgresql/*/bin/initdb")
	if len(dirs) > 0 {
		sort.Slice(dirs, func(i, j int) bool {
			vi, _ := strconv.Atoi(filepath.Base(filepath.Dir(filepath.Dir(dirs[i]))))
			vj, _ := strconv.Atoi(filepath.Base(filepath.Dir(filepath.Dir(dirs[j]))))
			return vi < vj
		})
		return filepath.Dir(dirs[len(dirs)-1]), nil
	}
	if p, err := exec.LookPath("initdb"); err == nil {
		return filepath.Dir(p), nil
	}
	return "", errors.New("testserver: PostgreSQL is not installed (no /usr/lib/postgresql/*/bin/initdb; Debian package postgresql)")
}

// startPostgres makes a private cluster in dir/pg and runs it on a free
// loopback port. As root, PostgreSQL refuses to run: the cluster then
// belongs to the postgres user and runs as it.
func startPostgres(dir string) (*postgres, error) {
	bin, err := pgBin()
	if err != nil {
		return nil, err
	}
	pg := &postgres{dir: filepath.Join(dir, "pg"), bin: bin, log: &bytes.Buffer{}}
	if err := os.Mkdir(pg.dir, 0o700); err != nil {
		return nil, fmt.Errorf("testserver: %w", err)
	}
	if os.Getuid() == 0 {
		u, err := user.Lookup("postgres")
		if err != nil {
			return nil, fmt.Errorf("testserver: running as root needs the postgres user: %w", err)
		}
		uid, _ := strconv.Atoi(u.Uid)
		gid, _ := strconv.Atoi(u.Gid)
		pg.cred = &syscall.Credential{Uid: uint32(uid), Gid: uint32(gid)}
		// The temp dir above must be traversable by postgres.
		if err := os.Chmod(dir, 0o755); err != nil {
			return nil, fmt.Errorf("testserver: %w", err)
		}
		if err := os.Chown(pg.dir, uid, gid); err != nil {
			return nil, fmt.Errorf("testserver: %w", err)
		}
	}
	initdb := pg.command(filepath.Join(bin, "initdb"), "-D", filepath.Join(pg.dir, "data"), "-A", "trust", "-U", "postgres", "--no-sync")
	if out, err := initdb.CombinedOutput(); err != nil {
		return nil, fmt.Errorf("testserver: initdb: %w\n%s", err, out)
	}
	if pg.port, err = freePort(); err != nil {
		return nil, err
	}
	cmd := pg.command(filepath.Join(bin, "postgres"), "-D", filepath.Join(pg.dir, "data"), "-p", strconv.Itoa(pg.port),
		"-k", pg.dir, "-c", "listen_addresses=127.0.0.1", "-c", "fsync=off", "-c", "synchronous_commit=off",
		"-c", "full_page_writes=off")
	cmd.Stdout, cmd.Stderr = pg.log, pg.log
	if err := cmd.Start(); err != nil {
		return nil, fmt.Errorf("testserver: start postgres: %w", err)
	}
	pg.proc = cmd
	deadline := time.Now().Add(30 * time.Second)
	for {
		out, err := pg.psql("postgres", "create database miniflux")
		if err == nil {
			break
		}
		if time.Now().After(deadline) {
			pg.stop()
			return nil, fmt.Errorf("testserver: postgres did not start: %w\n%s\n%s", err, out, pg.log.String())
		}
		time.Sleep(200 * time.Millisecond)
	}
	return pg, nil
}

func (pg *postgres) command(name string, args ...string) *exec.Cmd {
	cmd := exec.Command(name, args...)
	cmd.SysProcAttr = &syscall.SysProcAttr{Pdeathsig: syscall.SIGKILL, Credential: pg.cred}
	cmd.Dir = pg.dir
	cmd.Env = append(os.Environ(), "LANG=C.UTF-8", "LC_ALL=C.UTF-8")
	return cmd
}

func (pg *postgres) url(db string) string {
	return fmt.Sprintf("postgres://postgres@127.0.0.1:%d/%s?sslmode=disable", pg.port, db)
}

// psql runs one SQL command (its text passed on stdin, so no shell quoting
// touches a bcrypt hash's '$').
func (pg *postgres) psql(db, sql string) (string, error) {
	cmd := exec.Command(filepath.Join(pg.bin, "psql"), "-X", "-q", "-t", "-A", "-v", "ON_ERROR_STOP=1",
		"-h", "127.0.0.1", "-p", strconv.Itoa(pg.port), "-U", "postgres", "-d", db)
	cmd.Stdin = bytes.NewBufferString(sql)
	cmd.SysProcAttr = &syscall.SysProcAttr{Pdeathsig: syscall.SIGKILL}
	out, err := cmd.CombinedOutput()
	return string(out), err
}

func (pg *postgres) stop() {
	if pg == nil {
		return
	}
	stopProc(pg.proc, syscall.SIGINT, 10*time.Second) // SIGINT: PostgreSQL's fast shutdown
	pg.proc = nil
}

// --- helpers -------------------------------------------------------------------

func freePort() (int, error) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return 0, fmt.Errorf("testserver: free port: %w", err)
	}
	defer l.Close()
	return l.Addr().(*net.TCPAddr).Port, nil
}

func waitHTTP(url string, wait time.Duration) error {
	deadline := time.Now().Add(wait)
	for {
		resp, err := http.Get(url)
		if err == nil {
			resp.Body.Close()
			if resp.StatusCode == http.StatusOK {
				return nil
			}
			err = fmt.Errorf("%s: %s", url, resp.Status)
		}
		if time.Now().After(deadline) {
			return err
		}
		time.Sleep(100 * time.Millisecond)
	}
}
