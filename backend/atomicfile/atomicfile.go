// Package atomicfile writes files so that a crash or a full disk never
// leaves half of one under its final name: contract PDFs, templates and
// signed documents are either whole or absent.
package atomicfile

import (
	"os"
	"path/filepath"
)

// Write puts data at path through a temporary file in the same folder
// (created 0700 if missing), flushed to disk and then renamed over path.
// On any error the temporary file is removed and path is untouched.
func Write(path string, data []byte) (err error) {
	dir := filepath.Dir(path)
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return err
	}
	tmp, err := os.CreateTemp(dir, "."+filepath.Base(path)+".*.part")
	if err != nil {
		return err
	}
	defer func() {
		if err != nil {
			os.Remove(tmp.Name())
		}
	}()
	if _, err = tmp.Write(data); err != nil {
		tmp.Close()
		return err
	}
	if err = tmp.Sync(); err != nil {
		tmp.Close()
		return err
	}
	if err = tmp.Close(); err != nil {
		return err
	}
	return os.Rename(tmp.Name(), path)
}
