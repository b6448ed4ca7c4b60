package pdfs

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/pdfcpu/pdfcpu/pkg/font"
)

// TestFillFontShipped: a field naming a font pdfcpu has no metrics for
// (Arial, as Word writes it) is filled with Portuguese text using the font
// shipped inside the binary, installed in a private temp folder rather
// than under the user's home.
func TestFillFontShipped(t *testing.T) {
	// A folder of this test's own: the shared one may be in use by other
	// test processes, and this test removes it.
	base := t.TempDir()
	fontsMu.Lock()
	oldBase := fontBase
	fontBase = func() string { return base }
	fontsDone = false
	fontsMu.Unlock()
	t.Cleanup(func() {
		fontsMu.Lock()
		fontBase, fontsDone = oldBase, false
		fontsMu.Unlock()
	})
	pdf := rawPDF("1.7", append(formObjs("", "/DA (/Arial 10 Tf 0 g)", "", ""),
		"<< /Type /Font /Subtype /TrueType /BaseFont /Arial /Encoding /WinAnsiEncoding >>"), "")
	out, res, err := Fill(pdf, map[string]string{"nome": "João Conceição, nº 7"})
	if err != nil || len(res.Filled) != 1 {
		t.Fatalf("Fill: %v (%+v)", err, res)
	}
	info := mustInspect(t, out)
	if f, _ := info.Field("nome"); f.Value != "João Conceição, nº 7" {
		t.Errorf("nome = %q", f.Value)
	}
	if !bytes.Contains(out, []byte("Roboto-Regular")) {
		t.Error("the filled appearance does not use the shipped font")
	}
	dir := font.UserFontDir
	if !strings.HasPrefix(dir, filepath.Clean(os.TempDir())+string(filepath.Separator)) {
		t.Errorf("font folder %q is not in the temp folder", dir)
	}
	if home, err := os.UserHomeDir(); err == nil && strings.HasPrefix(dir, home) && !strings.HasPrefix(os.TempDir(), home) {
		t.Errorf("font folder %q is under the home folder", dir)
	}
	fi, err := os.Stat(dir)
	if err != nil || fi.Mode().Perm() != 0o700 {
		t.Errorf("font folder: %v, mode %v, want 0700", err, fi.Mode().Perm())
	}
	// The next run (or a test process beside this one) reuses the folder
	// instead of leaving one more behind each time.
	fontsMu.Lock()
	fontsDone = false
	fontsMu.Unlock()
	if err := ensureFonts(); err != nil || font.UserFontDir != dir {
		t.Fatalf("second install: %v, folder %q, want %q reused", err, font.UserFontDir, dir)
	}
	if entries, _ := os.ReadDir(base); len(entries) != 1 {
		t.Errorf("font folders after two installs: %d, want 1", len(entries))
	}
	// A folder that others can write (made by someone else in a shared
	// /tmp) is not trusted.
	os.Chmod(dir, 0o755)
	if ok, err := usableFontDir(dir); ok || err == nil {
		t.Errorf("a 0755 font folder was accepted (ok %v, err %v)", ok, err)
	}
	os.Chmod(dir, 0o700)
	// A cleaner emptying the temp folder under a running app does not
	// break the next fill.
	if err := os.RemoveAll(dir); err != nil {
		t.Fatal(err)
	}
	if _, _, err := Fill(pdf, map[string]string{"nome": "Ana"}); err != nil {
		t.Fatalf("Fill after the font folder was removed: %v", err)
	}
}
