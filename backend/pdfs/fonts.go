package pdfs

import (
	"crypto/sha256"
	_ "embed"
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sync"

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

// fontDirPrefix names the font folders in the temp folder.
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
// the embedded font is installed into a private folder of the temp folder
// (0700, never under the user's home or config). The folder is named for
// the user and the font's contents and reused by every later run and test
// process, so none leaves a folder behind. It runs before any pdfcpu read
// in this package, so pdfcpu never sees a half-set folder. A failure is
// remembered and only matters to a fill that needs the font.
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

// fontBase is where the font folder lives; tests point it elsewhere so that
// removing the folder does not pull it from under other test processes.
var fontBase = os.TempDir

// fontDir is the shared folder for this user and this font.
func fontDir() string {
	sum := sha256.Sum256(robotoTTF)
	return filepath.Join(fontBase(), fmt.Sprintf("%s%s-%s", fontDirPrefix, userTag(), hex.EncodeToString(sum[:6])))
}

func installFonts() (string, error) {
	dir := fontDir()
	if ok, err := usableFontDir(dir); err != nil {
		return "", err
	} else if ok {
		return dir, nil
	}
	// Installed beside and renamed into place, so a process starting at the
	// same moment sees either no folder or a complete one.
	tmp, err := os.MkdirTemp(fontBase(), fontDirPrefix+"new-*")
	if err != nil {
		return "", err
	}
	if err := font.InstallFontFromBytesQuiet(tmp, fillFontName, robotoTTF); err != nil {
		os.RemoveAll(tmp)
		return "", err
	}
	if !fileExists(filepath.Join(tmp, fillFontName+".gob")) {
		os.RemoveAll(tmp)
		return "", errors.New("pdfcpu did not install the fill font")
	}
	os.RemoveAll(dir) // an incomplete folder a cleaner left half-emptied
	if err := os.Rename(tmp, dir); err != nil {
		os.RemoveAll(tmp)
		// Another process won the race: use its folder if it is sound.
		if ok, _ := usableFontDir(dir); ok {
			return dir, nil
		}
		return "", err
	}
	return dir, nil
}

// usableFontDir reports whether dir is a complete font folder that only
// this user can write: a folder someone else made in the shared temp folder
// is refused rather than trusted.
func usableFontDir(dir string) (bool, error) {
	fi, err := os.Lstat(dir)
	if errors.Is(err, fs.ErrNotExist) {
		return false, nil
	}
	if err != nil {
		return false, err
	}
	if !fi.IsDir() || fi.Mode().Perm() != 0o700 || !ownedByMe(fi) {
		return false, fmt.Errorf("font folder %s is not a private folder of this user", dir)
	}
	return fileExists(filepath.Join(dir, fillFontName+".gob")), nil
}

func fileExists(path string) bool {
	_, err := os.Stat(path)
	return err == nil
}
