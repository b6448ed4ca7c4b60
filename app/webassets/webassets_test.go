package webassets

import (
	"bytes"
	"compress/gzip"
	"errors"
	"io/fs"
	"strconv"
	"strings"
	"testing"
	"testing/fstest"
)

func gz(t *testing.T, s string) []byte {
	t.Helper()
	var b bytes.Buffer
	w, err := gzip.NewWriterLevel(&b, gzip.BestCompression)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := w.Write([]byte(s)); err != nil {
		t.Fatal(err)
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

var (
	indexHTML = `<!doctype html><html><head><script type="module" src="/assets/index-abc.js"></script></head><body><div id="app"></div></body></html>`
	appJS     = strings.Repeat("export const answer = 42; // padding that compresses well\n", 400)
	workerMJS = "export const WorkerMessageHandler = {};\n"
	logoPNG   = []byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR not really a png")
)

// tree is frontend/dist-gz in small, inside the folder main.go embeds.
func tree(t *testing.T) fstest.MapFS {
	return fstest.MapFS{
		"frontend/dist-gz/index.html.gz":                  {Data: gz(t, indexHTML)},
		"frontend/dist-gz/assets/index-abc.js.gz":         {Data: gz(t, appJS)},
		"frontend/dist-gz/assets/pdf.worker.min-x.mjs.gz": {Data: gz(t, workerMJS)},
		"frontend/dist-gz/assets/empty.css.gz":            {Data: gz(t, "")},
		"frontend/dist-gz/assets/logo.png":                {Data: logoPNG},
	}
}

var want = map[string]string{
	"index.html":                  indexHTML,
	"assets/index-abc.js":         appJS,
	"assets/pdf.worker.min-x.mjs": workerMJS,
	"assets/empty.css":            "",
	"assets/logo.png":             string(logoPNG),
}

func names() []string {
	var n []string
	for k := range want {
		n = append(n, k)
	}
	return n
}

func TestTreeReadsAsTheUncompressedFrontend(t *testing.T) {
	fsys := New(tree(t), "frontend/dist-gz")
	// The io/fs contract (Open, Stat, ReadDir, entries' Info) over the whole
	// tree, which is what Wails' asset server and fs.WalkDir rely on.
	if err := fstest.TestFS(fsys, names()...); err != nil {
		t.Fatal(err)
	}
	for name, content := range want {
		got, err := fs.ReadFile(fsys, name)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if string(got) != content {
			t.Errorf("%s: read %d bytes, want the %d of the original", name, len(got), len(content))
		}
		info, err := fs.Stat(fsys, name)
		if err != nil {
			t.Fatal(err)
		}
		if info.Size() != int64(len(content)) || info.IsDir() || info.Name() != name[strings.LastIndex(name, "/")+1:] {
			t.Errorf("%s: stat says %q, %d bytes, dir %v; want its own name and %d bytes", name, info.Name(), info.Size(), info.IsDir(), len(content))
		}
	}
}

// noReadAt hides ReadAt and Seek, as a file system other than embed.FS may:
// the size then comes from inflating the file.
type noReadAt struct{ fs.FS }

type plainFile struct{ f fs.File }

func (p plainFile) Read(b []byte) (int, error) { return p.f.Read(b) }
func (p plainFile) Stat() (fs.FileInfo, error) { return p.f.Stat() }
func (p plainFile) Close() error               { return p.f.Close() }

func (n noReadAt) Open(name string) (fs.File, error) {
	f, err := n.FS.Open(name)
	if err != nil {
		return nil, err
	}
	if d, ok := f.(fs.ReadDirFile); ok {
		return d, nil
	}
	return plainFile{f}, nil
}

func TestSizeWithoutReadAt(t *testing.T) {
	fsys := New(noReadAt{tree(t)}, "frontend/dist-gz")
	if err := fstest.TestFS(fsys, names()...); err != nil {
		t.Fatal(err)
	}
	info, err := fs.Stat(fsys, "assets/index-abc.js")
	if err != nil {
		t.Fatal(err)
	}
	if info.Size() != int64(len(appJS)) {
		t.Errorf("size %d, want %d", info.Size(), len(appJS))
	}
}

func TestMissingFile(t *testing.T) {
	fsys := New(tree(t), "frontend/dist-gz")
	for _, name := range []string{"assets/missing.js", "missing", "assets/index-abc"} {
		if _, err := fsys.Open(name); !errors.Is(err, fs.ErrNotExist) {
			t.Errorf("Open(%q) = %v, want not exist", name, err)
		}
	}
	if _, err := fsys.Open("../etc/passwd"); err == nil {
		t.Error("a path out of the tree opened")
	}
}

func TestDirectoryListsFilesByTheirServedNames(t *testing.T) {
	fsys := New(tree(t), "frontend/dist-gz")
	entries, err := fs.ReadDir(fsys, "assets")
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, e := range entries {
		info, err := e.Info()
		if err != nil {
			t.Fatal(err)
		}
		got = append(got, e.Name()+":"+strconv.FormatInt(info.Size(), 10))
	}
	wantList := "empty.css:0 index-abc.js:" + strconv.Itoa(len(appJS)) + " logo.png:" + strconv.Itoa(len(logoPNG)) + " pdf.worker.min-x.mjs:" + strconv.Itoa(len(workerMJS))
	if strings.Join(got, " ") != wantList {
		t.Errorf("assets lists %v, want %s", got, wantList)
	}
	root, err := fsys.Open(".")
	if err != nil {
		t.Fatal(err)
	}
	defer root.Close()
	if info, err := root.Stat(); err != nil || !info.IsDir() {
		t.Errorf("the root is not a directory: %v %v", info, err)
	}
}

// A damaged stored file fails its read rather than serving a cut file as if
// it were whole.
func TestDamagedFileFailsToRead(t *testing.T) {
	data := gz(t, appJS)
	data[len(data)-8] ^= 0xff // the CRC in the trailer
	fsys := New(fstest.MapFS{"d/app.js.gz": {Data: data}}, "d")
	if _, err := fs.ReadFile(fsys, "app.js"); err == nil {
		t.Fatal("a file with a wrong checksum read without error")
	}
}
