package crm

// Codes "Testar conexão" and the office start-up answer with, one per thing
// the office's IT person would fix differently. CodeServerTooOld and
// CodeDatabaseNewer complete the set.
const (
	// CodeOfficeWrongPassword: the server refused the user or password
	// (SQLSTATE 28P01; data: user).
	CodeOfficeWrongPassword = "office.wrong_password"
	// CodeOfficeUnreachable: nothing answered at host:port, or not in time
	// (data: host, port).
	CodeOfficeUnreachable = "office.unreachable"
	// CodeOfficeTLSRequired: the server only accepts encrypted connections
	// and TLS is off (data: host).
	CodeOfficeTLSRequired = "office.tls_required"
	// CodeOfficeTLSFailed: the encrypted connection could not be set up: the
	// server offers no TLS, or its certificate does not match the CA file or
	// the host name (data: host).
	CodeOfficeTLSFailed = "office.tls_failed"
	// CodeOfficeDatabaseMissing: the server has no database of that name
	// (SQLSTATE 3D000; data: database).
	CodeOfficeDatabaseMissing = "office.database_missing"
	// CodeOfficeNoPassword: office mode is chosen but this PC's keyring holds
	// no password for the server.
	CodeOfficeNoPassword = "office.no_password"
	// CodeOfficeCAFile: the CA file cannot be read or holds no certificate
	// (data: path).
	CodeOfficeCAFile = "office.ca_file"
	// CodeOfficeNotEmpty: "Levar os dados deste computador para o servidor"
	// found data in the office database, which it never mixes or overwrites
	// (data: table, count).
	CodeOfficeNotEmpty = "office.not_empty"
	// CodeOfficeCopyMismatch: after the copy a table on the server did not
	// hold as many rows as on this PC, so nothing was kept (data: table,
	// want, got).
	CodeOfficeCopyMismatch = "office.copy_mismatch"
	// CodeOfficeCopyCancelled: the user cancelled the copy; the server was
	// left as empty as it was.
	CodeOfficeCopyCancelled = "office.copy_cancelled"
)
