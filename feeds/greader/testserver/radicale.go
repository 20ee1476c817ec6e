package testserver

import (
	"bytes"
	"fmt"
	"io"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"
)

// Radicale is a running Radicale (Debian's radicale, 3.1.x), the CardDAV
// server of the contacts sync tests: htpasswd logins in plain text, its
// collections in a temp dir. One runs per test binary, stopped by Main;
// each test makes its own user (NewCardDAVUser).
type Radicale struct {
	URL   string // base URL, http://127.0.0.1:PORT
	dir   string
	proc  *exec.Cmd
	log   *bytes.Buffer
	mu    sync.Mutex // guards the htpasswd file and users
	users int
}

var sharedRadicale startOnce[*Radicale]

// StartRadicale returns the test binary's Radicale, starting it on first
// use (under a second). When it cannot be started (radicale is not
// installed) the test skips, or fails under CI=true.
func StartRadicale(t testing.TB) *Radicale {
	t.Helper()
	return sharedRadicale.get(t, startRadicale)
}

func startRadicale() (*Radicale, error) {
	bin, err := exec.LookPath("radicale")
	if err != nil {
		return nil, fmt.Errorf("testserver: radicale is not installed (Debian package radicale): %w", err)
	}
	dir, err := os.MkdirTemp("", "knowflow-radicale-")
	if err != nil {
		return nil, fmt.Errorf("testserver: %w", err)
	}
	port, err := freePort()
	if err != nil {
		os.RemoveAll(dir)
		return nil, err
	}
	r := &Radicale{URL: "http://127.0.0.1:" + strconv.Itoa(port), dir: dir, log: &bytes.Buffer{}}
	config := fmt.Sprintf(`[server]
hosts = 127.0.0.1:%d
[auth]
type = htpasswd
htpasswd_filename = %s
htpasswd_encryption = plain
[storage]
filesystem_folder = %s
[web]
type = none
[logging]
level = warning
`, port, filepath.Join(dir, "users"), filepath.Join(dir, "collections"))
	if err := os.WriteFile(filepath.Join(dir, "users"), nil, 0o600); err != nil {
		r.stop()
		return nil, fmt.Errorf("testserver: %w", err)
	}
	if err := os.WriteFile(filepath.Join(dir, "config"), []byte(config), 0o600); err != nil {
		r.stop()
		return nil, fmt.Errorf("testserver: %w", err)
	}
	cmd := exec.Command(bin, "--config", filepath.Join(dir, "config"))
	cmd.Stdout, cmd.Stderr = r.log, r.log
	cmd.SysProcAttr = &syscall.SysProcAttr{Pdeathsig: syscall.SIGKILL}
	if err := cmd.Start(); err != nil {
		r.stop()
		return nil, fmt.Errorf("testserver: start radicale: %w", err)
	}
	r.proc = cmd
	// GET / redirects to the web interface, which answers 200 even off.
	if err := waitHTTP(r.URL+"/", 20*time.Second); err != nil {
		r.stop()
		return nil, fmt.Errorf("testserver: radicale did not start: %w\n%s", err, r.log.String())
	}
	return r, nil
}

func (r *Radicale) stop() {
	if r == nil {
		return
	}
	stopProc(r.proc, syscall.SIGTERM, 5*time.Second)
	r.proc = nil
	os.RemoveAll(r.dir)
}

// CardDAVUser is a Radicale user of one test, with an address book.
type CardDAVUser struct {
	r        *Radicale
	Name     string
	Password string
	Book     string // the address book's path, /NAME/contacts/
}

// NewCardDAVUser adds a user to the htpasswd file (Radicale reads it at
// each login) and makes their address book "Contacts" with MKCOL.
func (r *Radicale) NewCardDAVUser(t testing.TB) *CardDAVUser {
	t.Helper()
	r.mu.Lock()
	r.users++
	u := &CardDAVUser{r: r, Name: fmt.Sprintf("person%d", r.users), Password: fmt.Sprintf("card-pw-%d", r.users)}
	f, err := os.OpenFile(filepath.Join(r.dir, "users"), os.O_APPEND|os.O_WRONLY, 0)
	if err == nil {
		_, err = fmt.Fprintf(f, "%s:%s\n", u.Name, u.Password)
		if cerr := f.Close(); err == nil {
			err = cerr
		}
	}
	r.mu.Unlock()
	if err != nil {
		t.Fatalf("testserver: radicale user: %v", err)
	}
	u.Book = u.MakeBook(t, "contacts", "Contacts")
	return u
}

// MakeBook makes another address book of the user (MKCOL with the
// addressbook resource type) and returns its path.
func (u *CardDAVUser) MakeBook(t testing.TB, name, display string) string {
	t.Helper()
	path := "/" + u.Name + "/" + name + "/"
	body := `<?xml version="1.0" encoding="utf-8"?>
<mkcol xmlns="DAV:" xmlns:C="urn:ietf:params:xml:ns:carddav"><set><prop>
<resourcetype><collection/><C:addressbook/></resourcetype><displayname>` + display + `</displayname>
</prop></set></mkcol>`
	u.Do(t, "MKCOL", path, body, http.StatusCreated)
	return path
}

// Do sends a request as the user (another CardDAV client, for the tests)
// and returns the answer's body and ETag; a status other than want fails
// the test.
func (u *CardDAVUser) Do(t testing.TB, method, path, body string, want int) (string, string) {
	t.Helper()
	req, err := http.NewRequest(method, u.r.URL+path, strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	req.SetBasicAuth(u.Name, u.Password)
	if method == http.MethodPut {
		req.Header.Set("Content-Type", "text/vcard; charset=utf-8")
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatalf("testserver: %s %s: %v", method, path, err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	if resp.StatusCode != want {
		t.Fatalf("testserver: %s %s: %s, want %d\n%s\n%s", method, path, resp.Status, want, b, u.r.log.String())
	}
	return string(b), resp.Header.Get("ETag")
}
