// Package secrets keeps what an account logs in with (a Google Reader
// API token, a CardDAV password) out of the database: in the Secret
// Service keyring when one runs on the session bus (keyring.go, over
// D-Bus in secretservice.go), else in one 0600 file beside it (File). It
// is the one place secrets are written; nothing prints or logs them, and
// its errors name the account, never the value.
package secrets

import (
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"sync"
)

// Secrets keeps each account's secret: File, or Keyring (For chooses).
type Secrets interface {
	Get(account int64) (string, error)
	Set(account int64, secret string) error
	Delete(account int64) error
	// Where says where the secrets are kept, for a person: "in the
	// keyring" or "in FILE".
	Where() string
}

// ErrNone: no secret is stored for the account (add it again).
var ErrNone = errors.New("secrets: no saved login for the account; add it again")

// ErrLocked: the keyring holding the secrets is locked, and no desktop
// was there to ask for its password (or the person dismissed the prompt).
var ErrLocked = errors.New("the keyring is locked: unlock it (log in to the desktop) and try again")

// ErrKeyring: the Secret Service failed (did not answer, or refused).
var ErrKeyring = errors.New("the keyring failed")

// errDamaged: the File is not JSON.
var errDamaged = errors.New("not a secrets file")

// File keeps secrets in one JSON file readable by the user alone
// (0600), beside the database. It is written whole to a temporary file
// that replaces it, so a crash leaves the old or the new file.
type File struct {
	Path string
	mu   sync.Mutex
}

// Beside returns the File of the database at dbPath: dbPath + ".secrets".
func Beside(dbPath string) *File {
	return &File{Path: dbPath + ".secrets"}
}

// Where says "in PATH".
func (f *File) Where() string { return "in " + f.Path }

func (f *File) load() (map[string]string, error) {
	m := map[string]string{}
	b, err := os.ReadFile(f.Path)
	if errors.Is(err, fs.ErrNotExist) {
		return m, nil
	}
	if err != nil {
		return nil, fmt.Errorf("secrets: %w", err)
	}
	if err := json.Unmarshal(b, &m); err != nil {
		return nil, fmt.Errorf("secrets file %s is damaged: %w (%w)", f.Path, errDamaged, err)
	}
	return m, nil
}

func (f *File) save(m map[string]string) error {
	b, err := json.Marshal(m)
	if err != nil {
		return fmt.Errorf("secrets: %w", err)
	}
	tmp, err := os.CreateTemp(filepath.Dir(f.Path), ".knowflow-secrets-*")
	if err != nil {
		return fmt.Errorf("secrets: %w", err)
	}
	defer os.Remove(tmp.Name())
	if err := tmp.Chmod(0o600); err != nil {
		tmp.Close()
		return fmt.Errorf("secrets: %w", err)
	}
	if _, err := tmp.Write(b); err != nil {
		tmp.Close()
		return fmt.Errorf("secrets: %w", err)
	}
	if err := tmp.Sync(); err != nil {
		tmp.Close()
		return fmt.Errorf("secrets: %w", err)
	}
	if err := tmp.Close(); err != nil {
		return fmt.Errorf("secrets: %w", err)
	}
	if err := os.Rename(tmp.Name(), f.Path); err != nil {
		return fmt.Errorf("secrets: %w", err)
	}
	return nil
}

// Get returns the account's secret, or ErrNone.
func (f *File) Get(account int64) (string, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	m, err := f.load()
	if err != nil {
		return "", err
	}
	tok, ok := m[strconv.FormatInt(account, 10)]
	if !ok || tok == "" {
		return "", ErrNone
	}
	return tok, nil
}

// Set stores the account's secret.
func (f *File) Set(account int64, secret string) error {
	return f.update(func(m map[string]string) bool { m[strconv.FormatInt(account, 10)] = secret; return true })
}

// Delete forgets the account's secret. A file without it is left as it
// is (and none is made).
func (f *File) Delete(account int64) error {
	key := strconv.FormatInt(account, 10)
	return f.update(func(m map[string]string) bool {
		_, ok := m[key]
		delete(m, key)
		return ok
	})
}

// update changes the file's map and writes it when change says it changed.
func (f *File) update(change func(map[string]string) (changed bool)) error {
	f.mu.Lock()
	defer f.mu.Unlock()
	m, err := f.load()
	if err != nil {
		return err
	}
	if !change(m) {
		return nil
	}
	return f.save(m)
}
