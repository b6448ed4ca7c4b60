package crm

import (
	"context"
	"time"
)

// IntegrationTx is the keys store inside one write transaction: a key's row
// changes there while the keyring changes beside it, and nothing is
// committed unless both worked. It is declared here, not in the
// integrations service, because the adapter's Tx method names it in its
// callback's type, and the adapter must not import a service.
type IntegrationTx interface {
	Get(ctx context.Context, id int64) (Integration, error)
	Insert(ctx context.Context, n NormalizedIntegration, last4 string, now time.Time) (int64, error)
	Update(ctx context.Context, n NormalizedIntegration, last4 string, now time.Time) error
	Delete(ctx context.Context, id int64) error
	// SetFingerprint records the fingerprint of the token just saved for
	// the key, in the same transaction as its row.
	SetFingerprint(ctx context.Context, id int64, fp TokenFingerprint) error
	// SetDocuSignAccount records the account a DocuSign key sends from,
	// chosen at sign-in.
	SetDocuSignAccount(ctx context.Context, id int64, acc DocuSignAccount, now time.Time) error
}
