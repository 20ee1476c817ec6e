// Package store persists Knowflow's model in one SQLite file (pure Go,
// modernc.org/sqlite): WAL mode, foreign keys on, an FTS5 index over item
// text, and append-only migrations each applied in one transaction with
// its version bump. One file per aggregate holds its SQL.
package store

import (
	"bytes"
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"net/url"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"time"

	"github.com/knowflow/knowflow/model/safefile"
	_ "modernc.org/sqlite" // registers the "sqlite" driver
)

// ApplicationID marks a SQLite file as Knowflow's (PRAGMA application_id, "KNOW").
const ApplicationID = 0x4B4E4F57

// ErrNewerSchema is returned when the file was written by a newer Knowflow.
var ErrNewerSchema = errors.New("store: database schema is newer than this Knowflow")

// ErrNotDatabase is returned for a file that is not a Knowflow SQLite database.
var ErrNotDatabase = errors.New("store: not a Knowflow database")

// Store is the Knowflow database.
type Store struct {
	db   *sql.DB
	path string
	now  func() time.Time // when an item is marked read (SetClock)
}

// SetClock sets the clock the store stamps items with when they are
// marked read (the service's clock; time.Now by default). Call it before
// the store is used.
func (s *Store) SetClock(now func() time.Time) {
	if now == nil {
		now = time.Now
	}
	s.now = now
}

// SchemaVersion is the schema version this build migrates to.
func SchemaVersion() int { return len(migrations) }

// DefaultPath is where the database lives unless --db or KNOWFLOW_DB say
// otherwise: $XDG_DATA_HOME/knowflow/knowflow.db (~/.local/share/... when
// unset) on Linux and BSD, ~/Library/Application Support/Knowflow on macOS,
// %AppData%\Knowflow on Windows.
func DefaultPath() (string, error) {
	if p := os.Getenv("KNOWFLOW_DB"); p != "" {
		return p, nil
	}
	var dir string
	switch runtime.GOOS {
	case "windows", "darwin":
		d, err := os.UserConfigDir()
		if err != nil {
			return "", fmt.Errorf("store: no data directory: %w", err)
		}
		dir = filepath.Join(d, "Knowflow")
	default:
		if d := os.Getenv("XDG_DATA_HOME"); d != "" && filepath.IsAbs(d) {
			dir = filepath.Join(d, "knowflow")
		} else {
			home, err := os.UserHomeDir()
			if err != nil {
				return "", fmt.Errorf("store: no home directory: %w", err)
			}
			dir = filepath.Join(home, ".local", "share", "knowflow")
		}
	}
	return filepath.Join(dir, "knowflow.db"), nil
}

var sqliteHeader = []byte("SQLite format 3\x00")

// ErrNoDirectory is returned for a new database whose directory does not
// exist: only the default location is created (PrepareDefaultPath).
var ErrNoDirectory = errors.New("store: no such directory")

// PrepareDefaultPath returns DefaultPath and, when that is the built-in
// location rather than one KNOWFLOW_DB names, creates its directory (mode
// 0700). A path the user gives must be in a directory that exists.
func PrepareDefaultPath() (string, error) {
	path, err := DefaultPath()
	if err != nil || os.Getenv("KNOWFLOW_DB") != "" {
		return path, err
	}
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		return "", fmt.Errorf("store: create data directory: %w", err)
	}
	return path, nil
}

// Open opens (creating when missing, mode 0600) and migrates the database at
// path. A file that is not a SQLite database, is corrupt, belongs to another
// application or has a newer schema is refused with a clear error and is left
// exactly as it was; so is anything that is not a regular file (a
// directory, a device like /dev/null, a named pipe), before SQLite touches
// it. A new file's directory must exist (ErrNoDirectory). An empty file
// that becomes the database is given mode 0600.
func Open(path string) (*Store, error) {
	abs, err := filepath.Abs(path)
	if err != nil {
		return nil, fmt.Errorf("store: %w", err)
	}
	if err := checkFile(abs); err != nil {
		return nil, err
	}
	if err := inspect(abs); err != nil {
		return nil, err
	}
	f, err := os.OpenFile(abs, os.O_RDWR|os.O_CREATE, 0o600)
	if err != nil {
		return nil, fmt.Errorf("store: %w", err)
	}
	fi, err := f.Stat()
	if err == nil && fi.Size() == 0 {
		err = f.Chmod(0o600) // a new database in a file made empty beforehand
	}
	f.Close()
	if err != nil {
		return nil, fmt.Errorf("store: %w", err)
	}

	db, err := sql.Open("sqlite", dsn(abs, false))
	if err != nil {
		return nil, fmt.Errorf("store: open %s: %w", abs, err)
	}
	s := &Store{db: db, path: abs, now: time.Now}
	if err := s.migrate(context.Background()); err != nil {
		db.Close()
		return nil, err
	}
	return s, nil
}

// checkFile refuses, before anything opens it, a path that exists and is
// not a regular file (after symbolic links): a named pipe would block the
// open, and SQLite would write /dev/null-journal beside /dev/null. A path
// that does not exist must be in a directory that does.
func checkFile(path string) error {
	fi, err := os.Stat(path)
	switch {
	case err == nil && fi.Mode().IsRegular():
		return nil
	case err == nil:
		return fmt.Errorf("%w: %s is %s, not a database file; it was left untouched", ErrNotDatabase, path, safefile.Kind(fi.Mode()))
	case !errors.Is(err, fs.ErrNotExist):
		return fmt.Errorf("store: %w", err)
	}
	dir := filepath.Dir(path)
	if di, err := os.Stat(dir); err != nil || !di.IsDir() {
		return fmt.Errorf("%w: cannot create the database %s: the directory %s does not exist", ErrNoDirectory, path, dir)
	}
	return nil
}

func dsn(path string, readOnly bool) string {
	q := url.Values{}
	q.Add("_pragma", "busy_timeout(10000)")
	q.Add("_pragma", "foreign_keys(1)")
	if readOnly {
		q.Set("mode", "ro")
	} else {
		q.Add("_pragma", "journal_mode(WAL)")
		q.Add("_pragma", "synchronous(NORMAL)")
		q.Set("_txlock", "immediate")
	}
	return "file:" + (&url.URL{Path: path}).EscapedPath() + "?" + q.Encode()
}

// inspect looks at an existing file without changing it: it must be empty or
// a readable SQLite database whose schema this build knows.
func inspect(path string) error {
	f, err := os.Open(path)
	if errors.Is(err, os.ErrNotExist) {
		return nil
	}
	if err != nil {
		return fmt.Errorf("store: %w", err)
	}
	head := make([]byte, len(sqliteHeader))
	n, err := io.ReadFull(f, head)
	f.Close()
	if n == 0 {
		return nil // an empty file becomes a new database
	}
	if err != nil || !bytes.Equal(head, sqliteHeader) {
		return fmt.Errorf("%w: %s is not a SQLite database (corrupt, or another kind of file); it was left untouched", ErrNotDatabase, path)
	}

	// Without a -wal file beside it the file is read as immutable, so not
	// even a -wal or -shm file is created next to a file we may refuse.
	ro := dsn(path, true)
	if _, err := os.Stat(path + "-wal"); errors.Is(err, os.ErrNotExist) {
		ro += "&immutable=1"
	}
	db, err := sql.Open("sqlite", ro)
	if err != nil {
		return fmt.Errorf("store: open %s: %w", path, err)
	}
	defer db.Close()
	ctx := context.Background()
	var appID, tables int
	if err := db.QueryRowContext(ctx, `PRAGMA application_id`).Scan(&appID); err != nil {
		return corrupt(path, err)
	}
	if err := db.QueryRowContext(ctx, `SELECT count(*) FROM sqlite_master`).Scan(&tables); err != nil {
		return corrupt(path, err)
	}
	if tables == 0 {
		return nil
	}
	if appID != ApplicationID {
		return fmt.Errorf("%w: %s is a SQLite database of another application; it was left untouched", ErrNotDatabase, path)
	}
	var version int
	if err := db.QueryRowContext(ctx, `SELECT version FROM schema_version`).Scan(&version); err != nil {
		return corrupt(path, err)
	}
	if version > SchemaVersion() {
		return fmt.Errorf("%w: %s has schema version %d, this Knowflow knows up to %d; use a newer Knowflow (the file was left untouched)",
			ErrNewerSchema, path, version, SchemaVersion())
	}
	return nil
}

func corrupt(path string, err error) error {
	return fmt.Errorf("%w: %s cannot be read (%v); it was left untouched", ErrNotDatabase, path, err)
}

func (s *Store) migrate(ctx context.Context) error {
	if err := s.incrementalIfNew(ctx); err != nil {
		return err
	}
	if _, err := s.db.ExecContext(ctx, `CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)`); err != nil {
		return fmt.Errorf("store: migrate: %w", err)
	}
	for {
		var version int
		err := s.db.QueryRowContext(ctx, `SELECT version FROM schema_version`).Scan(&version)
		if errors.Is(err, sql.ErrNoRows) {
			version = 0
		} else if err != nil {
			return fmt.Errorf("store: migrate: %w", err)
		}
		if version > len(migrations) {
			return fmt.Errorf("%w: version %d, this Knowflow knows up to %d", ErrNewerSchema, version, len(migrations))
		}
		if version == len(migrations) {
			return nil
		}
		if err := s.apply(ctx, version); err != nil {
			return err
		}
	}
}

// apply runs migration number version+1 and the version bump in one transaction.
func (s *Store) apply(ctx context.Context, version int) error {
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("store: migrate to %d: %w", version+1, err)
	}
	defer tx.Rollback()
	if _, err := tx.ExecContext(ctx, migrations[version]); err != nil {
		return fmt.Errorf("store: migrate to %d: %w", version+1, err)
	}
	if step := migrationSteps[version+1]; step != nil {
		if err := step(ctx, tx); err != nil {
			return fmt.Errorf("store: migrate to %d: %w", version+1, err)
		}
	}
	if _, err := tx.ExecContext(ctx, `DELETE FROM schema_version`); err != nil {
		return fmt.Errorf("store: migrate to %d: %w", version+1, err)
	}
	if _, err := tx.ExecContext(ctx, `INSERT INTO schema_version (version) VALUES (?)`, version+1); err != nil {
		return fmt.Errorf("store: migrate to %d: %w", version+1, err)
	}
	if _, err := tx.ExecContext(ctx, fmt.Sprintf(`PRAGMA application_id = %d`, ApplicationID)); err != nil {
		return fmt.Errorf("store: migrate to %d: %w", version+1, err)
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("store: migrate to %d: %w", version+1, err)
	}
	return nil
}

// Close closes the database.
func (s *Store) Close() error { return s.db.Close() }

// Path is the absolute path of the database file.
func (s *Store) Path() string { return s.path }

// Version reads the schema version of the open database.
func (s *Store) Version(ctx context.Context) (int, error) {
	var v int
	if err := s.db.QueryRowContext(ctx, `SELECT version FROM schema_version`).Scan(&v); err != nil {
		return 0, fmt.Errorf("store: schema version: %w", err)
	}
	return v, nil
}

// Report is the result of Check.
type Report struct {
	Path          string         `json:"path"`
	SchemaVersion int            `json:"schema_version"`
	Integrity     []string       `json:"integrity"` // ["ok"] when healthy
	Counts        map[string]int `json:"counts"`
}

// OK reports whether the integrity check found nothing wrong.
func (r Report) OK() bool { return len(r.Integrity) == 1 && r.Integrity[0] == "ok" }

// CountedTables are the tables whose rows Check counts, in display order.
var CountedTables = []string{"folders", "sources", "items", "notes", "contacts", "communities", "shares", "suggestion_feedback"}

// Check runs PRAGMA integrity_check and counts rows of the main tables.
func (s *Store) Check(ctx context.Context) (Report, error) {
	r := Report{Path: s.path, Counts: map[string]int{}}
	v, err := s.Version(ctx)
	if err != nil {
		return r, err
	}
	r.SchemaVersion = v
	if r.Integrity, err = queryColumn[string](ctx, s.db, `PRAGMA integrity_check`); err != nil {
		return r, fmt.Errorf("store: integrity check: %w", err)
	}
	for _, t := range CountedTables {
		var n int
		if err := s.db.QueryRowContext(ctx, `SELECT count(*) FROM `+t).Scan(&n); err != nil {
			return r, fmt.Errorf("store: count %s: %w", t, err)
		}
		r.Counts[t] = n
	}
	return r, nil
}

// unix converts a time to stored seconds (0 for the zero time).
func unix(t time.Time) int64 {
	if t.IsZero() {
		return 0
	}
	return t.Unix()
}

// fromUnix converts stored seconds back (the zero time for 0).
func fromUnix(n int64) time.Time {
	if n == 0 {
		return time.Time{}
	}
	return time.Unix(n, 0)
}

// lines joins a list one per line; splitLines reverses it.
func lines(xs []string) string { return strings.Join(xs, "\n") }

func splitLines(s string) []string {
	if s == "" {
		return nil
	}
	return strings.Split(s, "\n")
}
