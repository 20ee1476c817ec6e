package secrets

import (
	"errors"
	"fmt"
	"path/filepath"
	"strconv"
	"sync"
	"testing"
	"time"

	"github.com/knowflow/knowflow/model/sessionbus"
)

// Schema names Knowflow's items in the keyring (libsecret's xdg:schema
// attribute), beside the attributes that say whose secret an item is.
const Schema = "io.github.knowflow.knowflow.Account"

// keyringInTests lets this package's tests use a keyring. In any other
// test binary For returns the File, so that no test writes into the
// keyring of the person who runs it.
var keyringInTests = false

// For returns where the secrets of the database at dbPath are kept: with
// no session bus (DBUS_SESSION_BUS_ADDRESS unset, or one that would make
// godbus start a bus), the File beside it; else a Keyring, which on first
// use asks the bus for a Secret Service that runs (none is started) and
// uses it, or the File when none answers within seconds (and asks again
// after askAgain). Nothing is dialled before a secret is used.
func For(dbPath string) Secrets {
	file := Beside(dbPath)
	addr := sessionbus.Address()
	if addr == "" || (testing.Testing() && !keyringInTests) {
		return file
	}
	return &Keyring{addr: addr, db: canonical(dbPath), file: file}
}

// canonical is the database's absolute path, with symbolic links
// resolved, so that one database has one name in the keyring and two
// databases never share a secret.
func canonical(dbPath string) string {
	abs, err := filepath.Abs(dbPath)
	if err != nil {
		return dbPath
	}
	if real, err := filepath.EvalSymlinks(abs); err == nil {
		return real
	}
	if dir, err := filepath.EvalSymlinks(filepath.Dir(abs)); err == nil {
		return filepath.Join(dir, filepath.Base(abs)) // a database not made yet
	}
	return abs
}

// Keyring keeps secrets in the Secret Service's default keyring (the
// "login" keyring of GNOME, KWallet's), one item per account, named by
// the attributes application=knowflow, database=its absolute path and
// account=its id. It falls back to the File beside the database:
//   - when no Secret Service answers on the session bus, or its default
//     keyring is locked and no desktop is there to ask for its password,
//     the File is used for everything (Where says so) until one does
//     (the bus is asked again after askAgain);
//   - a secret in the File was kept there without the keyring (before
//     Knowflow used one, or while none ran), so it is newer than one the
//     keyring may hold: Get returns it and moves it into the keyring;
//   - Set removes the account's secret from the File, Delete from both.
type Keyring struct {
	addr string
	db   string
	file *File

	mu    sync.Mutex
	asked time.Time // when the bus was last asked; zero: never
	svc   *service  // nil: no Secret Service, the File is used
}

// askAgain is how long a Keyring uses the File before asking the bus
// again for a Secret Service (a window started at login may be up before
// the keyring is).
var askAgain = 10 * time.Second

// service returns the Secret Service session, or nil when there is none;
// it asks the bus the first time, and again now and then while none
// answered.
func (k *Keyring) service() *service {
	k.mu.Lock()
	defer k.mu.Unlock()
	if k.svc == nil && (k.asked.IsZero() || time.Since(k.asked) >= askAgain) {
		k.svc, _ = openService(k.addr)
		k.asked = time.Now()
	}
	return k.svc
}

// failed forgets s after an error other than a locked keyring, so that
// the next use asks the bus again (the Secret Service may have been
// restarted, and its session is gone).
func (k *Keyring) failed(s *service, err error) {
	if errors.Is(err, ErrLocked) {
		return
	}
	k.mu.Lock()
	defer k.mu.Unlock()
	if k.svc == s {
		k.svc, k.asked = nil, time.Time{}
	}
}

// Where says "in the keyring", or where the File is when no Secret
// Service answers.
func (k *Keyring) Where() string {
	if k.service() != nil {
		return "in the keyring"
	}
	return k.file.Where()
}

func (k *Keyring) attrs(account int64) map[string]string {
	return map[string]string{
		"xdg:schema":  Schema,
		"application": "knowflow",
		"database":    k.db,
		"account":     strconv.FormatInt(account, 10),
	}
}

func (k *Keyring) label(account int64) string {
	return fmt.Sprintf("Knowflow account %d (%s)", account, k.db)
}

// fail says which account and what the keyring did not do; the error the
// bus gave never holds the secret.
func (k *Keyring) fail(s *service, account int64, what string, err error) error {
	k.failed(s, err)
	if errors.Is(err, ErrLocked) {
		return fmt.Errorf("secrets: account %d: %w", account, err)
	}
	return fmt.Errorf("secrets: account %d: %w to %s its login: %w", account, ErrKeyring, what, err)
}

// Get returns the account's secret: the File's when it has one (moved
// into the keyring on the way), else the keyring's, else ErrNone.
func (k *Keyring) Get(account int64) (string, error) {
	s := k.service()
	if s == nil {
		return k.file.Get(account)
	}
	v, ferr := k.file.Get(account)
	if ferr == nil {
		// Moved when the keyring takes it; else it stays in the file, and
		// the next Get tries again.
		k.set(s, account, v)
		return v, nil
	}
	v, err := s.get(k.attrs(account))
	switch {
	case err == nil:
		return v, nil
	case errors.Is(err, ErrNone) && errors.Is(ferr, ErrNone):
		return "", ErrNone
	case errors.Is(err, ErrNone):
		return "", ferr // the file is damaged, and the keyring has nothing
	}
	return "", k.fail(s, account, "read", err)
}

// Set stores the account's secret in the keyring (replacing the one
// there) and removes it from the File.
func (k *Keyring) Set(account int64, secret string) error {
	s := k.service()
	if s == nil {
		return k.file.Set(account, secret)
	}
	return k.set(s, account, secret)
}

func (k *Keyring) set(s *service, account int64, secret string) error {
	if err := s.set(k.label(account), k.attrs(account), secret); err != nil {
		return k.fail(s, account, "store", err)
	}
	// A damaged file is left: Get reads past it.
	if err := k.file.Delete(account); err != nil && !errors.Is(err, errDamaged) {
		return fmt.Errorf("secrets: account %d: stored in the keyring, but still in %s: %w", account, k.file.Path, err)
	}
	return nil
}

// Delete forgets the account's secret, in the keyring and in the File.
func (k *Keyring) Delete(account int64) error {
	var kerr error
	if s := k.service(); s != nil {
		if err := s.delete(k.attrs(account), ""); err != nil {
			kerr = k.fail(s, account, "delete", err)
		}
	}
	return errors.Join(kerr, k.file.Delete(account))
}
