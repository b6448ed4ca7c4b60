package templates

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"log/slog"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"time"

	"selo/backend/crm"
	"selo/backend/pdfs"
)

// Inbox holds the PDFs picked for an upload (a template in Contratos, an
// attached PDF in Reserva → Contratos) between the moment they arrive and
// the moment the form is submitted. Files reach it without crossing the
// Wails bridge: a drop or a file input posts its bytes to the asset server,
// which writes them to a temporary file here; the native dialog only hands
// over a path. The page then refers to the file by an opaque id, so a name
// refused on submit does not make the user pick (or send) the file again.
type Inbox struct {
	dir string
	max int64
	log *slog.Logger

	mu    sync.Mutex
	items map[string]*staged
	order []string // ids, oldest first, to evict the oldest past maxStaged
	// gone holds the page's ids discarded before their post ended (Cancelar
	// while the bytes were on their way), so that file is dropped when it
	// lands instead of waiting, unknown to the page, for the next launch.
	gone []string
	// closed is set by Close: a post landing after it is not kept.
	closed bool
}

// Staged is a file waiting in the inbox, as the screen shows it.
type Staged struct {
	// ID is opaque to the page; it names the file in Create and Discard.
	ID       string `json:"id"`
	FileName string `json:"fileName"`
	Size     int64  `json:"size"`
}

type staged struct {
	Staged
	path string
	// temp is true for a file the inbox wrote (a post) and may delete; a
	// file picked in the native dialog is the user's and is only read.
	temp bool
	// cancel stops a Create in progress; nil when none runs.
	cancel context.CancelFunc
}

// maxStaged bounds the files kept at once: a page that posts and never
// submits (a dialog closed by a crash, say) cannot fill the disk.
const maxStaged = 8

// maxGone bounds the discarded ids remembered; a post outlives its
// Cancelar by seconds, not by dozens of uploads.
const maxGone = 32

// leftoverAge is how old a file in the upload folder must be before a new
// run removes it. Not every file: a second launch (a double click on the
// icon) builds an inbox before the single-instance lock sends it away, and
// must not delete what the running window has staged.
const leftoverAge = 24 * time.Hour

// NewInbox returns an inbox writing under dir (created 0700) and refusing
// files over max bytes. Files a previous run left in dir more than a day ago
// are removed; a relative dir (no data folder could be resolved) is never
// swept, since it would name the working folder.
func NewInbox(dir string, max int64, log *slog.Logger) *Inbox {
	in := &Inbox{dir: dir, max: max, log: log, items: map[string]*staged{}}
	if !filepath.IsAbs(dir) {
		return in
	}
	entries, err := os.ReadDir(dir)
	if err != nil && !errors.Is(err, fs.ErrNotExist) {
		log.Warn("reading the upload folder", "err", err)
	}
	for _, e := range entries {
		info, err := e.Info()
		if err != nil || time.Since(info.ModTime()) < leftoverAge {
			continue
		}
		if err := os.Remove(filepath.Join(dir, e.Name())); err != nil {
			log.Warn("removing a file a previous run left in the upload folder", "err", err)
		}
	}
	return in
}

// Max is the largest file the inbox takes, in bytes.
func (in *Inbox) Max() int64 { return in.max }

// TooLarge is the error for a file of size bytes over the limit: both sizes
// in whole megabytes, the file's rounded up so it never reads as the limit.
func TooLarge(size, max int64) *crm.Error {
	return crm.E(crm.CodeTemplateTooLarge, "sizeMB", (size+(1<<20)-1)>>20, "maxMB", max>>20).OnField("file")
}

// Receive stores body (a posted file) in a temporary file and stages it.
// size is the declared length, -1 when unknown; a body over the limit is
// refused with TooLarge whether or not it was declared, and an empty one
// as no file; nothing of either is kept.
func (in *Inbox) Receive(fileName string, size int64, body io.Reader) (Staged, error) {
	return in.ReceiveAs("", fileName, size, body)
}

// ReceiveAs is Receive under the id the page chose before posting (empty:
// one of the inbox's), so Cancelar can Discard the file while its bytes are
// still on their way and the page has no answer yet. An id that is not
// well formed, staged already or discarded is refused before the body is
// read.
func (in *Inbox) ReceiveAs(id, fileName string, size int64, body io.Reader) (Staged, error) {
	if id != "" && !validID(id) {
		return Staged{}, crm.E(crm.CodeBadArguments)
	}
	if id != "" && in.known(id) {
		return Staged{}, crm.E(crm.CodeCanceled)
	}
	if size > in.max {
		return Staged{}, TooLarge(size, in.max)
	}
	if err := os.MkdirAll(in.dir, 0o700); err != nil {
		return Staged{}, fmt.Errorf("creating the upload folder: %w", err)
	}
	f, err := os.CreateTemp(in.dir, "upload-*.pdf")
	if err != nil {
		return Staged{}, fmt.Errorf("creating an upload file: %w", err)
	}
	n, err := io.Copy(f, io.LimitReader(body, in.max+1))
	if err == nil && n > in.max {
		// Read the rest only to tell the user how big the file was; the
		// limit above keeps it from the disk.
		rest, _ := io.Copy(io.Discard, body)
		err = TooLarge(n+rest, in.max)
	}
	if err == nil && n == 0 {
		err = crm.E(crm.CodeTemplateFileRequired).OnField("file")
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		os.Remove(f.Name())
		return Staged{}, err
	}
	s := &staged{Staged: Staged{ID: id, FileName: cleanFileName(fileName), Size: n}, path: f.Name(), temp: true}
	if !in.add(s) {
		in.remove(s)
		return Staged{}, crm.E(crm.CodeCanceled)
	}
	return s.Staged, nil
}

// known says whether id is staged or was discarded: a post under it now
// would be a second one, or one the page already gave up.
func (in *Inbox) known(id string) bool {
	in.mu.Lock()
	defer in.mu.Unlock()
	return in.items[id] != nil || slices.Contains(in.gone, id)
}

// validID accepts the ids the page makes (api/upload.ts): 32 hex digits,
// as randomID's own.
func validID(id string) bool {
	if len(id) != 32 {
		return false
	}
	_, err := hex.DecodeString(id)
	return err == nil
}

// Pick stages a file chosen in the native dialog without copying it: its
// bytes are read on Create. A file over the limit is refused at once.
func (in *Inbox) Pick(path string) (Staged, error) {
	st, err := os.Stat(path)
	if err != nil {
		return Staged{}, crm.E(crm.CodeTemplateFileRequired).OnField("file").Wrap(err)
	}
	if !st.Mode().IsRegular() {
		return Staged{}, crm.E(pdfs.CodeNotPDF).OnField("file")
	}
	if st.Size() > in.max {
		return Staged{}, TooLarge(st.Size(), in.max)
	}
	s := &staged{Staged: Staged{FileName: cleanFileName(filepath.Base(path)), Size: st.Size()}, path: path}
	if !in.add(s) {
		return Staged{}, crm.E(crm.CodeCanceled)
	}
	return s.Staged, nil
}

// add stages s under its id (a new one when empty); false when the page
// discarded that id while the file was arriving, posted it twice, or the
// app is closing.
func (in *Inbox) add(s *staged) bool {
	if s.ID == "" {
		s.ID = randomID()
	}
	in.mu.Lock()
	if in.closed || in.items[s.ID] != nil || slices.Contains(in.gone, s.ID) {
		in.mu.Unlock()
		return false
	}
	in.items[s.ID] = s
	in.order = append(in.order, s.ID)
	var evicted []*staged
	for len(in.order) > maxStaged {
		old := in.order[0]
		in.order = in.order[1:]
		if it := in.items[old]; it != nil && it.cancel == nil {
			delete(in.items, old)
			evicted = append(evicted, it)
		} else if it != nil {
			// In use: keep it at the back rather than pull it from under Create.
			in.order = append(in.order, old)
			break
		}
	}
	in.mu.Unlock()
	for _, it := range evicted {
		in.remove(it)
	}
	return true
}

// read returns a staged file's bytes and a context that Discard cancels;
// done must be called when the caller is finished with the file.
func (in *Inbox) read(ctx context.Context, id string) (context.Context, Staged, []byte, func(), error) {
	in.mu.Lock()
	s := in.items[id]
	if s == nil || s.cancel != nil {
		in.mu.Unlock()
		return ctx, Staged{}, nil, func() {}, errNotStaged
	}
	ctx, cancel := context.WithCancel(ctx)
	s.cancel = cancel
	in.mu.Unlock()
	done := func() {
		cancel()
		in.mu.Lock()
		if in.items[id] == s {
			s.cancel = nil
		}
		in.mu.Unlock()
	}
	data, err := readLimited(s.path, in.max)
	if err != nil {
		done()
		return ctx, Staged{}, nil, func() {}, err
	}
	return ctx, s.Staged, data, done, nil
}

var errNotStaged = errors.New("no staged upload with that id")

// Open hands a staged file to another screen's service (Reserva →
// Contratos' "Anexar PDF" stages its files here too): its name, its bytes
// and a context that Discard cancels, so Cancelar stops a save in progress.
// done must be called when the caller is finished. An id the inbox does not
// know (discarded, or the app restarted) opens as no file: empty data and
// no error, for the caller's own "choose a file" message. Errors are the
// inbox's crm errors on the field "file" (too large, gone) or I/O errors.
func (in *Inbox) Open(ctx context.Context, id string) (context.Context, string, []byte, func(), error) {
	ctx, s, data, done, err := in.read(ctx, id)
	if errors.Is(err, errNotStaged) {
		return ctx, "", nil, func() {}, nil
	}
	return ctx, s.FileName, data, done, err
}

// readLimited reads a file of at most max bytes; a larger one (a picked
// file that grew since) is TooLarge without being read whole.
func readLimited(path string, max int64) ([]byte, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, crm.E(crm.CodeTemplateFileRequired).OnField("file").Wrap(err)
	}
	defer f.Close()
	data, err := io.ReadAll(io.LimitReader(f, max+1))
	if err != nil {
		return nil, err
	}
	if int64(len(data)) > max {
		size := int64(len(data))
		if st, err := f.Stat(); err == nil {
			size = st.Size()
		}
		return nil, TooLarge(size, max)
	}
	return data, nil
}

// Discard forgets a staged file: a Create still reading or checking it is
// cancelled (nothing is saved), and a posted file is deleted. An unknown id
// is not an error: the file may already have been saved.
func (in *Inbox) Discard(id string) {
	in.mu.Lock()
	s := in.items[id]
	delete(in.items, id)
	for i, o := range in.order {
		if o == id {
			in.order = append(in.order[:i], in.order[i+1:]...)
			break
		}
	}
	if s == nil && validID(id) && !slices.Contains(in.gone, id) {
		// Not here yet: its post may still be arriving.
		in.gone = append(in.gone, id)
		if len(in.gone) > maxGone {
			in.gone = in.gone[1:]
		}
	}
	in.mu.Unlock()
	if s == nil {
		return
	}
	if s.cancel != nil {
		s.cancel()
	}
	in.remove(s)
}

// Close deletes every posted file still waiting; the app calls it on exit.
func (in *Inbox) Close() {
	in.mu.Lock()
	items := in.items
	in.items, in.order = map[string]*staged{}, nil
	in.closed = true
	in.mu.Unlock()
	for _, s := range items {
		if s.cancel != nil {
			s.cancel()
		}
		in.remove(s)
	}
}

func (in *Inbox) remove(s *staged) {
	if !s.temp {
		return
	}
	if err := os.Remove(s.path); err != nil && !errors.Is(err, fs.ErrNotExist) {
		in.log.Warn("removing an upload's temporary file", "err", err)
	}
}

func cleanFileName(name string) string {
	name = filepath.Base(filepath.FromSlash(strings.TrimSpace(name)))
	if name == "." || name == string(filepath.Separator) {
		return ""
	}
	return name
}

func randomID() string {
	var b [16]byte
	if _, err := rand.Read(b[:]); err != nil {
		// crypto/rand does not fail on the systems Selo runs on.
		panic(err)
	}
	return hex.EncodeToString(b[:])
}

// UploadStaged is Upload (registry included) for a file waiting in the inbox under id. The file
// stays staged when the upload is refused, so the user can fix the name and
// submit again; it leaves the inbox once saved. An id the inbox does not
// know (discarded, or the app restarted) reads as no file chosen.
func (s *Service) UploadStaged(ctx context.Context, in *Inbox, name, id string, registry bool) (crm.ContractTemplate, error) {
	ctx, file, data, done, err := in.read(ctx, id)
	if errors.Is(err, errNotStaged) {
		return s.Upload(ctx, name, "", nil, registry)
	}
	if err != nil {
		var ce *crm.Error
		if errors.As(err, &ce) {
			// Report the name's problems too, as Upload does.
			var inv crm.Invalid
			names, nErr := s.store.Names(ctx, 0)
			if nErr != nil {
				return crm.ContractTemplate{}, nErr
			}
			_, nameErr := crm.ValidateTemplateName(name, names)
			addProblems(&inv, nameErr)
			inv.Add(ce)
			return crm.ContractTemplate{}, inv.Err()
		}
		return crm.ContractTemplate{}, err
	}
	defer done()
	t, err := s.Upload(ctx, name, file.FileName, data, registry)
	if err == nil {
		in.Discard(id)
	}
	return t, err
}
