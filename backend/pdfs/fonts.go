package pdfs

import (
	_ "embed"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"time"

	"github.com/pdfcpu/pdfcpu/pkg/font"
)

// fillFontName is the font pdfcpu's form filler falls back to whenever a
// field names a font it has no metrics for (Arial, Calibri, a subset
// embedded by Word): the name is fixed inside pdfcpu.
const fillFontName = "Roboto-Regular"

// robotoTTF is Roboto Regular from Debian's fonts-roboto-unhinted
// (Apache-2.0; the licence and Debian's copyright file sit beside it in
// fonts/). It covers Latin with every Portuguese letter, Greek and
// Cyrillic, which is what contract templates are written in.
//
//go:embed fonts/Roboto-Regular.ttf
var robotoTTF []byte

// fontDirPrefix names the private font folders in the temp folder, so a
// later start can tidy up the ones an earlier run left behind.
const fontDirPrefix = "selo-pdf-fonts-"

var (
	fontsMu   sync.Mutex
	fontsDir  string
	fontsErr  error
	fontsDone bool
)

// ensureFonts gives pdfcpu the fill font without its config folder.
// pdfcpu only loads user fonts from files in font.UserFontDir (it keeps
// their metrics there and re-reads the glyphs when it embeds a subset), so
// the embedded font is installed once per process into a private temp
// folder (0700, never under the user's home or config). It runs before
// any pdfcpu read in this package, so pdfcpu never sees a half-set folder.
// A failure is remembered and only matters to a fill that needs the font.
func ensureFonts() error {
	fontsMu.Lock()
	defer fontsMu.Unlock()
	if fontsDone {
		// A cleaner may have emptied the temp folder under a long-running
		// app: reinstall rather than fail the next fill.
		if fontsErr != nil || fileExists(filepath.Join(fontsDir, fillFontName+".gob")) {
			return fontsErr
		}
	}
	fontsDone = true
	fontsDir, fontsErr = installFonts()
	if fontsErr != nil {
		return fontsErr
	}
	font.UserFontDir = fontsDir
	fontsErr = font.ReloadUserFonts()
	return fontsErr
}

func installFonts() (string, error) {
	removeStaleFontDirs()
	dir, err := os.MkdirTemp("", fontDirPrefix+"*")
	if err != nil {
		return "", err
	}
	if err := font.InstallFontFromBytesQuiet(dir, fillFontName, robotoTTF); err != nil {
		os.RemoveAll(dir)
		return "", err
	}
	if !fileExists(filepath.Join(dir, fillFontName+".gob")) {
		os.RemoveAll(dir)
		return "", errors.New("pdfcpu did not install the fill font")
	}
	return dir, nil
}

// removeStaleFontDirs removes font folders of earlier runs (a process
// cannot remove its own on exit: the app's shutdown does not reach this
// package). Only those older than a day go, so a test binary running beside the app does
// not pull the folder from under it; folders of other users are not ours
// to remove and the attempt fails harmlessly.
func removeStaleFontDirs() {
	entries, err := os.ReadDir(os.TempDir())
	if err != nil {
		return
	}
	for _, e := range entries {
		if !e.IsDir() || !strings.HasPrefix(e.Name(), fontDirPrefix) {
			continue
		}
		if fi, err := e.Info(); err == nil && time.Since(fi.ModTime()) > 24*time.Hour {
			os.RemoveAll(filepath.Join(os.TempDir(), e.Name()))
		}
	}
}

func fileExists(path string) bool {
	_, err := os.Stat(path)
	return err == nil
}
