package greader

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

// Secrets keeps each account's token. FileSecrets is the one there is
// today; a Secret Service (keyring) one is to come.
type Secrets interface {
	Get(account int64) (string, error)
	Set(account int64, token string) error
	Delete(account int64) error
}

// ErrNoSecret: no token is stored for the account (add it again).
var ErrNoSecret = errors.New("greader: no saved login for the account; add it again")

// FileSecrets keeps tokens in one JSON file readable by the user alone
// (0600), beside the database. It is written whole to a temporary file
// that replaces it, so a crash leaves the old or the new file.
type FileSecrets struct {
	Path string
	mu   sync.Mutex
}

// SecretsBeside returns the FileSecrets of the database at dbPath:
// dbPath + ".secrets".
func SecretsBeside(dbPath string) *FileSecrets {
	return &FileSecrets{Path: dbPath + ".secrets"}
}

func (f *FileSecrets) load() (map[string]string, error) {
	m := map[string]string{}
	b, err := os.ReadFile(f.Path)
	if errors.Is(err, fs.ErrNotExist) {
		return m, nil
	}
	if err != nil {
		return nil, fmt.Errorf("greader: secrets: %w", err)
	}
	if err := json.Unmarshal(b, &m); err != nil {
		return nil, fmt.Errorf("greader: secrets file %s is damaged: %w", f.Path, err)
	}
	return m, nil
}

func (f *FileSecrets) save(m map[string]string) error {
	b, err := json.Marshal(m)
	if err != nil {
		return fmt.Errorf("greader: secrets: %w", err)
	}
	tmp, err := os.CreateTemp(filepath.Dir(f.Path), ".knowflow-secrets-*")
	if err != nil {
		return fmt.Errorf("greader: secrets: %w", err)
	}
	defer os.Remove(tmp.Name())
	if err := tmp.Chmod(0o600); err != nil {
		tmp.Close()
		return fmt.Errorf("greader: secrets: %w", err)
	}
	if _, err := tmp.Write(b); err != nil {
		tmp.Close()
		return fmt.Errorf("greader: secrets: %w", err)
	}
	if err := tmp.Sync(); err != nil {
		tmp.Close()
		return fmt.Errorf("greader: secrets: %w", err)
	}
	if err := tmp.Close(); err != nil {
		return fmt.Errorf("greader: secrets: %w", err)
	}
	if err := os.Rename(tmp.Name(), f.Path); err != nil {
		return fmt.Errorf("greader: secrets: %w", err)
	}
	return nil
}

// Get returns the account's token, or ErrNoSecret.
func (f *FileSecrets) Get(account int64) (string, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	m, err := f.load()
	if err != nil {
		return "", err
	}
	tok, ok := m[strconv.FormatInt(account, 10)]
	if !ok || tok == "" {
		return "", ErrNoSecret
	}
	return tok, nil
}

// Set stores the account's token.
func (f *FileSecrets) Set(account int64, token string) error {
	return f.update(func(m map[string]string) { m[strconv.FormatInt(account, 10)] = token })
}

// Delete forgets the account's token.
func (f *FileSecrets) Delete(account int64) error {
	return f.update(func(m map[string]string) { delete(m, strconv.FormatInt(account, 10)) })
}

func (f *FileSecrets) update(change func(map[string]string)) error {
	f.mu.Lock()
	defer f.mu.Unlock()
	m, err := f.load()
	if err != nil {
		return err
	}
	change(m)
	return f.save(m)
}
