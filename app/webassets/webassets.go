// Package webassets serves the frontend that the binary embeds compressed.
//
// The Vite build (frontend/vite.config.ts) writes frontend/dist-gz: every text
// file of frontend/dist gzipped as "name.gz", any other file as it is. On this
// kind of kernel the whole loadable part of the Go binary becomes resident, so
// every MB embedded is about a MB of the window's memory (issue #18); text
// compresses about four times. The file system returned by New shows each
// "name.gz" as "name" and inflates it while the webview reads it, so Wails'
// asset server (which finds index.html, sets Content-Type from the name and
// Content-Length from Stat) serves the same bytes as from frontend/dist.
package webassets

import (
	"compress/gzip"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"path"
	"strings"
	"sync"
	"time"
)

// suffix marks a stored file as the gzip of the file named without it.
const suffix = ".gz"

// New returns the tree under dir of fsys with every "name.gz" file read as
// "name", inflated, and every other file as it is. Each .gz file must hold one
// gzip member (what Node's zlib.gzipSync writes): its size is read from the
// member's trailer. It panics if dir is not a valid fs path, which only a
// wrong constant in the caller can cause.
func New(fsys fs.FS, dir string) fs.FS {
	sub, err := fs.Sub(fsys, dir)
	if err != nil {
		panic(fmt.Sprintf("webassets: %v", err))
	}
	return inflating{sub}
}

type inflating struct{ fsys fs.FS }

// Open finds name.gz first: nearly everything the window asks for is stored
// compressed.
func (f inflating) Open(name string) (fs.File, error) {
	if !fs.ValidPath(name) {
		return nil, &fs.PathError{Op: "open", Path: name, Err: fs.ErrInvalid}
	}
	if name != "." {
		if gz, err := f.fsys.Open(name + suffix); err == nil {
			info, err := gz.Stat()
			if err == nil && !info.IsDir() {
				return &gzFile{fsys: f.fsys, name: name, gz: gz, stored: info}, nil
			}
			_ = gz.Close()
		}
	}
	file, err := f.fsys.Open(name)
	if err != nil {
		return nil, err
	}
	if d, ok := file.(fs.ReadDirFile); ok {
		if info, err := file.Stat(); err == nil && info.IsDir() {
			return &dir{ReadDirFile: d, fsys: f.fsys, name: name}, nil
		}
	}
	return file, nil
}

// inflatedSize is the size of the file stored gzipped at name (opened as gz,
// whose own size is stored): the trailer's ISIZE when the file can be read at
// an offset (embed.FS files can), else by inflating a fresh copy.
func inflatedSize(fsys fs.FS, name string, gz fs.File, stored int64) (int64, error) {
	if ra, ok := gz.(io.ReaderAt); ok && stored >= 18 {
		var isize [4]byte
		if _, err := ra.ReadAt(isize[:], stored-4); err != nil {
			return 0, &fs.PathError{Op: "stat", Path: name, Err: err}
		}
		return int64(binary.LittleEndian.Uint32(isize[:])), nil
	}
	c, err := fsys.Open(name + suffix)
	if err != nil {
		return 0, err
	}
	defer func() { _ = c.Close() }()
	r, err := gzip.NewReader(c)
	if err != nil {
		return 0, &fs.PathError{Op: "stat", Path: name, Err: err}
	}
	r.Multistream(false)
	n, err := io.Copy(io.Discard, r)
	if err != nil {
		return 0, &fs.PathError{Op: "stat", Path: name, Err: err}
	}
	return n, nil
}

// gzFile is a stored name.gz read as name.
type gzFile struct {
	fsys   fs.FS
	name   string // without .gz
	gz     fs.File
	stored fs.FileInfo

	info fs.FileInfo // once Stat has run
	r    *gzip.Reader
	read int64
}

func (f *gzFile) Stat() (fs.FileInfo, error) {
	if f.info == nil {
		size, err := inflatedSize(f.fsys, f.name, f.gz, f.stored.Size())
		if err != nil {
			return nil, err
		}
		f.info = fileInfo{name: path.Base(f.name), size: size, stored: f.stored}
	}
	return f.info, nil
}

// readers keeps inflaters (about 40 KB each) for the next file: the first
// paint alone asks for some twenty files at once, and garbage is heap the Go
// process keeps for a while (issue #18).
var readers sync.Pool

func (f *gzFile) Read(p []byte) (int, error) {
	if f.r == nil {
		r, _ := readers.Get().(*gzip.Reader)
		var err error
		if r == nil {
			r, err = gzip.NewReader(f.gz)
		} else {
			err = r.Reset(f.gz)
		}
		if err != nil {
			return 0, &fs.PathError{Op: "read", Path: f.name, Err: err}
		}
		r.Multistream(false)
		f.r = r
	}
	n, err := f.r.Read(p)
	f.read += int64(n)
	if errors.Is(err, io.EOF) {
		// Wails announced Stat's size as Content-Length: a file that inflates
		// to another size would be cut short or hang the webview's request.
		if info, serr := f.Stat(); serr == nil && info.Size() != f.read {
			return n, &fs.PathError{Op: "read", Path: f.name, Err: fmt.Errorf("inflated %d bytes, the gzip trailer says %d", f.read, info.Size())}
		}
	} else if err != nil {
		err = &fs.PathError{Op: "read", Path: f.name, Err: err}
	}
	return n, err
}

func (f *gzFile) Close() error {
	if f.r != nil {
		readers.Put(f.r)
		f.r = nil
	}
	return f.gz.Close()
}

// fileInfo describes a gzipped file as its inflated self.
type fileInfo struct {
	name   string
	size   int64
	stored fs.FileInfo
}

func (i fileInfo) Name() string       { return i.name }
func (i fileInfo) Size() int64        { return i.size }
func (i fileInfo) Mode() fs.FileMode  { return i.stored.Mode() }
func (i fileInfo) ModTime() time.Time { return i.stored.ModTime() }
func (i fileInfo) IsDir() bool        { return false }
func (i fileInfo) Sys() any           { return nil }

// dir lists its name.gz files as name, so fs.WalkDir (Wails looks for
// index.html) and fs.ReadDir see the tree the webview is served.
type dir struct {
	fs.ReadDirFile
	fsys fs.FS
	name string
}

func (d *dir) ReadDir(n int) ([]fs.DirEntry, error) {
	entries, err := d.ReadDirFile.ReadDir(n)
	for i, e := range entries {
		if !e.IsDir() && strings.HasSuffix(e.Name(), suffix) && len(e.Name()) > len(suffix) {
			entries[i] = gzEntry{DirEntry: e, fsys: d.fsys, name: path.Join(d.name, strings.TrimSuffix(e.Name(), suffix))}
		}
	}
	return entries, err
}

// gzEntry is a directory entry of a stored name.gz, shown as name.
type gzEntry struct {
	fs.DirEntry
	fsys fs.FS
	name string // the path without .gz
}

func (e gzEntry) Name() string { return path.Base(e.name) }

func (e gzEntry) Info() (fs.FileInfo, error) {
	f, err := inflating{e.fsys}.Open(e.name)
	if err != nil {
		return nil, err
	}
	defer func() { _ = f.Close() }()
	return f.Stat()
}
