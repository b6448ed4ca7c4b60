package leads

// Error codes raised by this package, in crm's "area.what" pattern. Shared
// crm codes are used too (crm.CodeRequired, crm.CodeNotFound,
// crm.CodeOutOfRange), with Field naming the form field.
const (
	// CodeContactRequired: adding a contact with neither e-mail nor phone.
	CodeContactRequired = "lead.contact_required"
	// CodeContactEmailInvalid: the e-mail typed for a lead is not an address.
	CodeContactEmailInvalid = "lead.email_invalid"
	// CodeContactPhoneInvalid: the phone typed for a lead is not a Brazilian
	// number with DDD (or an international one with +).
	CodeContactPhoneInvalid = "lead.phone_invalid"
	// CodeNotConfigured: the JivoChat integration has no gestor/token yet.
	CodeNotConfigured = "jivochat.not_configured"
	// CodeUserInactive: the chosen gestor is deactivated (data: name).
	CodeUserInactive = "jivochat.user_inactive"
	// CodeUserNotGestor: the chosen user is not a gestor (data: name).
	CodeUserNotGestor = "jivochat.user_not_gestor"
	// CodeTokenNotOwned: the chosen token belongs to another user.
	CodeTokenNotOwned = "jivochat.token_not_owned"
	// CodeTokenRevoked: the chosen token was revoked (data: name).
	CodeTokenRevoked = "jivochat.token_revoked"
	// CodePublicURLInvalid: the public address is not an http(s) URL without
	// query, fragment or credentials (data: reason).
	CodePublicURLInvalid = "jivochat.public_url_invalid"
	// CodeListenHostInvalid: the listen address is not an IP address.
	CodeListenHostInvalid = "jivochat.listen_host_invalid"
	// CodeListenerStopped: the test event needs the listener running.
	CodeListenerStopped = "jivochat.listener_stopped"
	// CodeTestFailed: the test event was not accepted (data: status).
	CodeTestFailed = "jivochat.test_failed"
)
