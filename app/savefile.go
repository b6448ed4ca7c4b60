package app

import (
	"os"
	"path/filepath"
	"strings"

	"github.com/wailsapp/wails/v2/pkg/runtime"

	"selo/backend/crm"
)

// saveDialog describes one native "Salvar como".
type saveDialog struct {
	Title, Name string
	// FilterName labels the file type; Ext is its extension with the dot.
	FilterName, Ext string
	// FailCode is the error when the file cannot be written (data: path);
	// on Windows that is usually a file open in another program.
	FailCode string
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
	path, err := runtime.SaveFileDialog(c, runtime.SaveDialogOptions{
		Title:           d.Title,
		DefaultFilename: d.Name,
		Filters:         []runtime.FileFilter{{DisplayName: d.FilterName, Pattern: "*" + d.Ext}},
	})
	if err != nil || strings.TrimSpace(path) == "" {
		return "", err
	}
	if filepath.Ext(path) == "" {
		path += d.Ext
	}
	if err := os.WriteFile(path, data, 0o600); err != nil {
		return "", crm.E(d.FailCode, "path", path).Wrap(err)
	}
	return path, nil
}
