// Package filestore keeps Selo's documents in the data home's files folder,
// for "Só este computador": files/<kind>/<name>.pdf, written whole or not at
// all (atomicfile), readable only by the user (0600 in 0700 folders). It is
// the disk side of crm.FileStore; sqlstore.Files is the database side used
// in an office.
package filestore

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"selo/backend/atomicfile"
	"selo/backend/crm"
)

// Disk is a crm.FileStore over one folder.
type Disk struct {
	dir string
}

var _ crm.FileStore = (*Disk)(nil)

// New returns the store of filesDir, the data home's files folder.
func New(filesDir string) *Disk { return &Disk{dir: filesDir} }

// Path is where the file of that kind and name is (or would be) on disk.
func (d *Disk) Path(kind crm.FileKind, name string) (string, error) {
	// Names come from hashes and ids; anything that could step out of the
	// kind's folder is a bug upstream, refused rather than followed.
	if name == "" || name == "." || name == ".." || strings.ContainsAny(name, `/\`) || strings.ContainsRune(name, 0) ||
		kind == "" || strings.ContainsAny(string(kind), `/\.`) {
		return "", fmt.Errorf("filestore: invalid file name %q/%q: %w", kind, name, fs.ErrInvalid)
	}
	return filepath.Join(d.dir, string(kind), name+".pdf"), nil
}

// Put writes data through a temporary file renamed over the final name.
func (d *Disk) Put(_ context.Context, kind crm.FileKind, name string, data []byte) (bool, error) {
	path, err := d.Path(kind, name)
	if err != nil {
		return false, err
	}
	_, statErr := os.Stat(path)
	created := errors.Is(statErr, fs.ErrNotExist)
	return created, atomicfile.Write(path, data)
}

// Get reads the file; a missing one matches fs.ErrNotExist.
func (d *Disk) Get(_ context.Context, kind crm.FileKind, name string) ([]byte, error) {
	path, err := d.Path(kind, name)
	if err != nil {
		// No file can have such a name, so it is simply not there.
		return nil, fmt.Errorf("%w (%w)", fs.ErrNotExist, err)
	}
	return os.ReadFile(path)
}

// Exists says whether the file is on disk.
func (d *Disk) Exists(_ context.Context, kind crm.FileKind, name string) (bool, error) {
	path, err := d.Path(kind, name)
	if err != nil {
		return false, nil
	}
	_, err = os.Stat(path)
	if errors.Is(err, fs.ErrNotExist) {
		return false, nil
	}
	return err == nil, err
}

// Delete removes the file; one already gone is fine.
func (d *Disk) Delete(_ context.Context, kind crm.FileKind, name string) error {
	path, err := d.Path(kind, name)
	if err != nil {
		return err
	}
	if err := os.Remove(path); err != nil && !errors.Is(err, fs.ErrNotExist) {
		return err
	}
	return nil
}
