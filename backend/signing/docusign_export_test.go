package signing

import "time"

// SetDocuSignRetryBackoff shortens the wait between the DocuSign create's
// retries for the tests of package signing_test; the returned func restores it.
func SetDocuSignRetryBackoff(d time.Duration) (restore func()) {
	old := dsRetryBackoff
	dsRetryBackoff = d
	return func() { dsRetryBackoff = old }
}
