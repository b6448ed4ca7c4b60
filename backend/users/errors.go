package users

// Error codes raised by this package, in crm's "area.what" pattern. The
// shared crm codes are used too: crm.CodeRequired, crm.CodeDuplicate,
// crm.CodeNotFound, crm.CodeKeyringUnavailable.
const (
	// CodeEmailInvalid: the e-mail is not a plausible address.
	CodeEmailInvalid = "user.email_invalid"
	// CodeRoleInvalid: the role is neither gestor nor corretor.
	CodeRoleInvalid = "user.role_invalid"
	// CodeNameTooLong: a user's or token's name is longer than allowed
	// (data: max).
	CodeNameTooLong = "user.name_too_long"
	// CodeUserInactive: the action needs an active user (data: name).
	CodeUserInactive = "user.inactive"
	// CodeTokenRevoked: the token was revoked and can no longer be used
	// (data: name).
	CodeTokenRevoked = "token.revoked"
	// CodeTokenSecretMissing: the keyring no longer holds the token (another
	// computer, a reset keyring); a new token must be generated (data: name).
	CodeTokenSecretMissing = "token.secret_missing"
)
