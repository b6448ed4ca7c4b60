package app

import (
	"bufio"
	"context"
	"os"
	"path/filepath"
	goruntime "runtime"
	"strings"
	"sync"
	"time"
	"unicode"

	"github.com/wailsapp/wails/v2/pkg/runtime"

	"selo/backend/board"
	"selo/backend/crm"
)

// Every file the rep takes out of Selo (the Painel's CSV, a signed PDF)
// goes through one native "Salvar como": the webview's own download of a
// page link saves silently (or not at all) depending on the platform, and
// never says where. The dialog opens in the folder of the last save, or
// else in the user's Documents (Downloads, home), never in the program's
// working folder, which is where GTK opens without a folder.

// saveDialog describes one native "Salvar como".
type saveDialog struct {
	Title, Name string
	// FilterName labels the file type; Ext is its extension with the dot.
	FilterName, Ext string
	// FailCode is the error when the file cannot be written (data: path);
	// on Windows that is usually a file open in another program.
	FailCode string
}

// SaveFolderSetting is the settings key of the folder of the last save.
const SaveFolderSetting = "files.last_save_folder"

// saveFolders remembers the folder of the last save, in memory and, once
// RememberSaveFolder gave it a place, in the database's settings, so the
// next start opens there too.
type saveFolders struct {
	mu       sync.Mutex
	dir      string
	settings Settings
}

// RememberSaveFolder keeps the folder of the last "Salvar como" in s
// between runs.
func (a *App) RememberSaveFolder(s Settings) {
	a.saves.mu.Lock()
	a.saves.settings = s
	a.saves.mu.Unlock()
}

func (f *saveFolders) last() string {
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.dir == "" && f.settings != nil {
		if v, ok, err := f.settings.Setting(context.Background(), SaveFolderSetting); err == nil && ok {
			f.dir = v
		}
	}
	return f.dir
}

func (f *saveFolders) remember(dir string) error {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.dir = dir
	if f.settings == nil {
		return nil
	}
	return f.settings.SetSetting(context.Background(), SaveFolderSetting, dir)
}

// saveFile asks where to save data and writes it there: it returns the
// chosen path, "" when the rep cancelled or there is no window (tests). A
// name typed without extension gets d.Ext: GTK's dialog keeps it as typed,
// and the file would then not open with a double click.
func (a *App) saveFile(d saveDialog, data []byte) (string, error) {
	c := a.context()
	if c == nil {
		return "", nil
	}
	path, err := runtime.SaveFileDialog(c, d.options(a.saves.last()))
	if err != nil || strings.TrimSpace(path) == "" {
		return "", err
	}
	if filepath.Ext(path) == "" {
		path += d.Ext
	}
	if err := os.WriteFile(path, data, 0o600); err != nil {
		return "", crm.E(d.FailCode, "path", path).Wrap(err)
	}
	if err := a.saves.remember(filepath.Dir(path)); err != nil && a.log != nil {
		a.log.Warn("remembering the save folder", "err", err)
	}
	return path, nil
}

// options are the dialog's: its pt-BR title, the suggested name, the file
// type, and the folder it opens in.
func (d saveDialog) options(last string) runtime.SaveDialogOptions {
	return runtime.SaveDialogOptions{
		Title:            d.Title,
		DefaultDirectory: startFolder(last, userFolders()),
		DefaultFilename:  d.Name,
		Filters:          []runtime.FileFilter{{DisplayName: d.FilterName, Pattern: "*" + d.Ext}},
	}
}

// startFolder picks where the dialog opens: the last folder saved to while
// it still exists, else the first existing of the user's folders.
func startFolder(last string, candidates []string) string {
	if last != "" && isDir(last) {
		return last
	}
	for _, c := range candidates {
		if c != "" && isDir(c) {
			return c
		}
	}
	return ""
}

func isDir(p string) bool {
	st, err := os.Stat(p)
	return err == nil && st.IsDir()
}

// userFolders lists, best first, the folders a saved file is expected in:
// Documents (as the desktop names it: "Documentos" on a Brazilian Linux),
// Downloads, then home.
func userFolders() []string {
	home, err := os.UserHomeDir()
	if err != nil || home == "" {
		return nil
	}
	var out []string
	if goruntime.GOOS != "windows" && goruntime.GOOS != "darwin" {
		cfg := os.Getenv("XDG_CONFIG_HOME")
		if cfg == "" {
			cfg = filepath.Join(home, ".config")
		}
		dirs := xdgUserDirs(filepath.Join(cfg, "user-dirs.dirs"), home)
		out = append(out, dirs["XDG_DOCUMENTS_DIR"], dirs["XDG_DOWNLOAD_DIR"])
	}
	out = append(out,
		filepath.Join(home, "Documentos"), filepath.Join(home, "Documents"),
		filepath.Join(home, "Downloads"), filepath.Join(home, "Transferências"),
		home)
	return out
}

// xdgUserDirs reads the desktop's user-dirs.dirs (lines like
// XDG_DOCUMENTS_DIR="$HOME/Documentos"). A folder equal to home means
// "not set" in that file, so it is left out.
func xdgUserDirs(file, home string) map[string]string {
	out := map[string]string{}
	f, err := os.Open(file)
	if err != nil {
		return out
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		line := strings.TrimSpace(sc.Text())
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		k, v, ok := strings.Cut(line, "=")
		if !ok {
			continue
		}
		v = strings.Trim(strings.TrimSpace(v), `"`)
		v = strings.Replace(v, "$HOME", home, 1)
		if !filepath.IsAbs(v) || filepath.Clean(v) == filepath.Clean(home) {
			continue
		}
		out[strings.TrimSpace(k)] = v
	}
	return out
}

// signedFileName names a signed PDF after the client and the envelope, with
// the day it was signed by everyone: "Maria da Silva - Reserva 7 ·
// Ipê · A 101 - assinado 2026-12-06.pdf". Parts left empty are skipped.
func signedFileName(client, envelope string, signedAt time.Time) string {
	var parts []string
	for _, p := range []string{client, envelope} {
		if p = cleanFileName(p); p != "" && !containsFold(parts, p) {
			parts = append(parts, p)
		}
	}
	if len(parts) == 0 {
		parts = append(parts, "Documento")
	}
	parts = append(parts, "assinado "+signedAt.In(board.Zone).Format("2006-01-02"))
	return strings.Join(parts, " - ") + ".pdf"
}

// certificateFileName turns the signed PDF's suggested name into its
// certificate's, so both files sort together in the folder.
func certificateFileName(signed string) string {
	return strings.TrimSuffix(signed, ".pdf") + " - certificado.pdf"
}

func containsFold(list []string, s string) bool {
	for _, x := range list {
		if strings.EqualFold(x, s) {
			return true
		}
	}
	return false
}

// cleanFileName keeps a name usable as a file name on Windows, macOS and
// Linux: no path separators or characters Windows refuses, no control
// characters, no trailing dots or spaces, and a bounded length.
func cleanFileName(s string) string {
	var b strings.Builder
	for _, r := range s {
		switch {
		case strings.ContainsRune(`<>:"/\|?*`, r):
			b.WriteRune(' ')
		case unicode.IsControl(r):
		default:
			b.WriteRune(r)
		}
	}
	out := strings.Join(strings.Fields(b.String()), " ")
	if rs := []rune(out); len(rs) > 80 {
		out = string(rs[:80])
	}
	return strings.TrimRight(out, ". ")
}
