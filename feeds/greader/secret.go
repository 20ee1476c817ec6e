package greader

import "github.com/knowflow/knowflow/model/secrets"

// The tokens are kept by model/secrets, in the file that CardDAV
// accounts' passwords share (one per database, keyed by account id).
type (
	// Secrets keeps each account's token.
	Secrets = secrets.Secrets
	// FileSecrets keeps tokens in a 0600 file beside the database.
	FileSecrets = secrets.File
)

// ErrNoSecret: no token is stored for the account (add it again).
var ErrNoSecret = secrets.ErrNone

// SecretsBeside returns the FileSecrets of the database at dbPath:
// dbPath + ".secrets".
func SecretsBeside(dbPath string) *FileSecrets { return secrets.Beside(dbPath) }
