package pdfs

import "io/fs"

// userTag is fixed on Windows: the temp folder is already the user's own
// (%LOCALAPPDATA%\Temp).
func userTag() string { return "user" }

// ownedByMe trusts the per-user temp folder Windows gives each account.
func ownedByMe(fs.FileInfo) bool { return true }
