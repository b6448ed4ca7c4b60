package oauth

// Error codes of the DocuSign login (crm.Error codes; the frontend keys its
// pt-BR texts on them). None of them ever carries a token, a code, the
// PKCE verifier or the state: only what the message needs.
const (
	// CodeLoginInProgress: another DocuSign login is waiting for the
	// browser; one at a time, since they share the loopback ports and the
	// user can only finish one.
	CodeLoginInProgress = "docusign.login_in_progress"
	// CodeLoginTimeout: the browser never came back (closed, or left
	// alone) within the wait (data: minutes). Nothing was stored.
	CodeLoginTimeout = "docusign.login_timeout"
	// CodeLoginCanceled: the user cancelled the login in Selo. Nothing was
	// stored.
	CodeLoginCanceled = "docusign.login_canceled"
	// CodeLoginDenied: the user refused Selo's access on DocuSign's page
	// (error=access_denied). Nothing was stored.
	CodeLoginDenied = "docusign.login_denied"
	// CodeLoginStateMismatch: the browser came back with a state this login
	// did not send (an old tab, or a forged request). Its code is never
	// used; nothing was stored.
	CodeLoginStateMismatch = "docusign.login_state_mismatch"
	// CodeLoginFailed: DocuSign ended the login with an error other than a
	// refusal, came back without a code, or refused the code (data: error,
	// the OAuth error code such as "invalid_grant", or "no_code").
	CodeLoginFailed = "docusign.login_failed"
	// CodePortsBusy: every loopback port registered for the return is held
	// by another program (data: ports, a text such as "47615, 47616").
	CodePortsBusy = "docusign.login_ports_busy"
	// CodeBrowserFailed: the system browser could not be opened.
	CodeBrowserFailed = "docusign.browser_failed"
	// CodeNoAccount: the DocuSign user has no eSignature account Selo can
	// use (none in userinfo, or none with a valid base URI).
	CodeNoAccount = "docusign.no_account"
	// CodeUnreachable: DocuSign's account server did not answer (network,
	// timeout).
	CodeUnreachable = "docusign.unreachable"
	// CodeServiceError: DocuSign's account server answered with an error
	// Selo cannot act on (data: status, error).
	CodeServiceError = "docusign.service_error"
)
