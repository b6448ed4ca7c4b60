package crm

import "context"

// FileKind is a family of documents Selo keeps: it names the folder on disk
// and the kind column in the database.
type FileKind string

// The kinds of files Selo keeps.
const (
	// FileTemplate is a contract template's PDF, named by its SHA-256.
	FileTemplate FileKind = "templates"
	// FileContract is a generated or attached contract's PDF, named by its
	// SHA-256 (contracts with the same bytes share one file).
	FileContract FileKind = "contracts"
	// FileSigned is an envelope's signed PDF, named by the envelope id.
	FileSigned FileKind = "signed"
)

// FileStore keeps Selo's documents where every PC that uses the same data
// can reach them: the data folder on one PC, the shared database in an
// office. Names are plain (a SHA-256 or an envelope id, no folders); the
// store adds nothing visible to callers but the kind.
//
// The services keep the rule of which file is still used by which row; the
// store only holds bytes.
type FileStore interface {
	// Put stores data whole or not at all, replacing what was there; created
	// is false when a file of that kind and name already existed.
	Put(ctx context.Context, kind FileKind, name string, data []byte) (created bool, err error)
	// Get returns the file's bytes; a missing file is an error matching
	// fs.ErrNotExist.
	Get(ctx context.Context, kind FileKind, name string) ([]byte, error)
	// Exists says whether the file is kept.
	Exists(ctx context.Context, kind FileKind, name string) (bool, error)
	// Delete forgets the file; a file already gone is not an error.
	Delete(ctx context.Context, kind FileKind, name string) error
}
