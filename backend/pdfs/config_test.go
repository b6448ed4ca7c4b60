package pdfs

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu/model"
)

// TestNoConfigDir: pdfcpu must not write its config folder into the user's
// profile. This file sorts first so the test runs before anything else in
// the binary has loaded (and cached) a pdfcpu configuration.
func TestNoConfigDir(t *testing.T) {
	dir := t.TempDir()
	t.Setenv("XDG_CONFIG_HOME", dir)
	t.Setenv("HOME", dir)
	if model.ConfigPath != "disable" {
		t.Errorf("pdfcpu config path = %q, want it disabled", model.ConfigPath)
	}
	getFixtures(t) // builds PDFs, reads and writes them through pdfcpu
	if _, err := Inspect(getFixtures(t).contract); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(dir, "pdfcpu")); !os.IsNotExist(err) {
		t.Errorf("pdfcpu created %s (stat err %v)", filepath.Join(dir, "pdfcpu"), err)
	}
}
