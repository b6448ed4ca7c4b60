package app

import (
	"os"
	"path/filepath"
	goruntime "runtime"
	"strings"
	"testing"
	"time"
)

// fakeHome points HOME (and the XDG config) at a temporary folder and
// creates the given sub-folders in it.
func fakeHome(t *testing.T, dirs ...string) string {
	t.Helper()
	home := t.TempDir()
	t.Setenv("HOME", home)
	t.Setenv("USERPROFILE", home)
	t.Setenv("XDG_CONFIG_HOME", filepath.Join(home, ".config"))
	for _, d := range dirs {
		if err := os.MkdirAll(filepath.Join(home, d), 0o755); err != nil {
			t.Fatal(err)
		}
	}
	return home
}

func TestSaveDialogOpensInTheUsersDocumentsNotTheWorkingFolder(t *testing.T) {
	home := fakeHome(t, "Documentos", "Downloads")
	wd, _ := os.Getwd()
	o := saveDialog{Title: "Salvar documento assinado (PDF)", Name: "x.pdf", FilterName: "Documentos PDF (*.pdf)", Ext: ".pdf"}.options("")
	if o.DefaultDirectory != filepath.Join(home, "Documentos") {
		t.Fatalf("folder = %q, want %q (working folder is %q)", o.DefaultDirectory, filepath.Join(home, "Documentos"), wd)
	}
	if o.Title != "Salvar documento assinado (PDF)" || o.DefaultFilename != "x.pdf" || o.Filters[0].Pattern != "*.pdf" {
		t.Fatalf("options = %+v", o)
	}
}

func TestSaveDialogFollowsTheDesktopsDocumentsFolder(t *testing.T) {
	if goruntime.GOOS == "windows" || goruntime.GOOS == "darwin" {
		t.Skip("user-dirs.dirs is a freedesktop file")
	}
	home := fakeHome(t, ".config", "Meus Documentos", "Documents")
	conf := "# written by xdg-user-dirs-update\nXDG_DESKTOP_DIR=\"$HOME/Área de trabalho\"\nXDG_DOCUMENTS_DIR=\"$HOME/Meus Documentos\"\nXDG_DOWNLOAD_DIR=\"$HOME\"\n"
	if err := os.WriteFile(filepath.Join(home, ".config", "user-dirs.dirs"), []byte(conf), 0o600); err != nil {
		t.Fatal(err)
	}
	if got := startFolder("", userFolders()); got != filepath.Join(home, "Meus Documentos") {
		t.Fatalf("folder = %q", got)
	}
}

func TestSaveDialogFallsBackToDownloadsThenHome(t *testing.T) {
	home := fakeHome(t, "Downloads")
	if got := startFolder("", userFolders()); got != filepath.Join(home, "Downloads") {
		t.Fatalf("with Downloads only: %q", got)
	}
	home = fakeHome(t)
	if got := startFolder("", userFolders()); got != home {
		t.Fatalf("with neither: %q, want home %q", got, home)
	}
}

func TestSaveDialogRemembersTheLastFolderAcrossRuns(t *testing.T) {
	home := fakeHome(t, "Documentos")
	chosen := filepath.Join(home, "Clientes", "Maria")
	if err := os.MkdirAll(chosen, 0o755); err != nil {
		t.Fatal(err)
	}
	settings := memSettings{}
	a := New(nil)
	a.RememberSaveFolder(settings)
	if err := a.saves.remember(chosen); err != nil {
		t.Fatal(err)
	}
	if settings[SaveFolderSetting] != chosen {
		t.Fatalf("setting = %q", settings[SaveFolderSetting])
	}
	// A new run reads it back from the settings.
	b := New(nil)
	b.RememberSaveFolder(settings)
	if o := (saveDialog{Ext: ".csv"}).options(b.saves.last()); o.DefaultDirectory != chosen {
		t.Fatalf("next run opens in %q, want %q", o.DefaultDirectory, chosen)
	}
	// A folder since deleted is not offered.
	if err := os.RemoveAll(chosen); err != nil {
		t.Fatal(err)
	}
	if o := (saveDialog{Ext: ".csv"}).options(b.saves.last()); o.DefaultDirectory != filepath.Join(home, "Documentos") {
		t.Fatalf("after the folder was deleted: %q", o.DefaultDirectory)
	}
}

func TestSignedFileNameSaysClientEnvelopeAndDay(t *testing.T) {
	// 01:30 UTC on the 7th is still the 6th in Brasília.
	at := time.Date(2026, 12, 7, 1, 30, 0, 0, time.UTC)
	tests := []struct{ client, envelope, want string }{
		{"Maria da Silva", "Reserva 7 · Ipê · A 101", "Maria da Silva - Reserva 7 · Ipê · A 101 - assinado 2026-12-06.pdf"},
		{"", "Reserva 7", "Reserva 7 - assinado 2026-12-06.pdf"},
		{"", "", "Documento - assinado 2026-12-06.pdf"},
		{"João  \"Zé\" Souza", "Bloco A/101: contrato?", "João Zé Souza - Bloco A 101 contrato - assinado 2026-12-06.pdf"},
		{"Maria", "maria", "Maria - assinado 2026-12-06.pdf"},
	}
	for _, tc := range tests {
		if got := signedFileName(tc.client, tc.envelope, at); got != tc.want {
			t.Errorf("signedFileName(%q, %q) = %q, want %q", tc.client, tc.envelope, got, tc.want)
		}
	}
	long := signedFileName(strings.Repeat("a", 300), "", at)
	if len([]rune(long)) > 120 {
		t.Errorf("a long name stays short: %d runes", len([]rune(long)))
	}
}

func TestCertificateFileNameSitsBesideTheSignedPDF(t *testing.T) {
	signed := signedFileName("Maria da Silva", "Reserva 1", time.Date(2026, 12, 7, 12, 0, 0, 0, time.UTC))
	if got, want := certificateFileName(signed), "Maria da Silva - Reserva 1 - assinado 2026-12-07 - certificado.pdf"; got != want {
		t.Fatalf("certificate name = %q, want %q", got, want)
	}
}
