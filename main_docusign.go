package main

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"time"

	"selo/backend/crm"
	"selo/backend/docusign/oauth"
	"selo/backend/docusign/simulator"
	"selo/backend/integrations"
	"selo/backend/secrets"
	"selo/backend/signing"
	"selo/backend/sqlstore"
)

// newDocuSignConnector builds the DocuSign clients of the send, the status
// sync and the envelope actions. Their tokens come from the sign-in's own
// oauth Clients (one per account server for the process): DocuSign rotates
// refresh tokens, so a second Client refreshing the same key would end up
// holding a revoked one. simulatorURL is the in-app DocuSign simulator's
// BaseURI (the Simulador local).
func newDocuSignConnector(logins *integrations.DocuSignLogins, simulatorURL func() (string, error)) *signing.DocuSignConnector {
	tokens := func(env crm.Environment, keyID int64) (signing.DocuSignTokens, error) {
		c, err := logins.Client(env)
		if err != nil {
			return nil, err
		}
		return c.TokenSource(keyID), nil
	}
	return &signing.DocuSignConnector{Tokens: tokens, SimulatorURL: simulatorURL, SimulatorAccountID: simulator.DefaultAccountID}
}

// simulatorConnectSecret signs the in-app DocuSign simulator's Connect
// deliveries for this run only: nothing outside the process knows it.
func simulatorConnectSecret() string {
	var b [32]byte
	_, _ = rand.Read(b[:])
	return hex.EncodeToString(b[:])
}

// officeDocuSignSync splits an office desktop's status sync in two: syncer
// keeps Clicksign's keys (and gives way to `selo server`), and the Syncer
// returned, its Alongside, follows DocuSign's on the office's DocuSign
// lease, which only a PC signed in to DocuSign (a token in sec) takes and
// which does not give way to the server, since the server has no DocuSign
// tokens.
func officeDocuSignSync(db *sqlstore.DB, syncer *signing.Syncer, sec secrets.Store) *signing.Syncer {
	ds := &signing.Syncer{Sender: syncer.Sender, Store: db.Envelopes(), Files: syncer.Files, Emit: syncer.Emit,
		HTTPClient: syncer.HTTPClient, Scope: signing.SyncDocuSignKeys,
		Lease: signing.WhileReady(db.DocuSignSyncLease(), docuSignSignedIn(db.Integrations(), sec), docuSignSignInCheck)}
	ds.DocuSign = &signing.DocuSignStatus{Keys: db.Integrations(), Clients: syncer.Sender.DocuSign, Settings: db}
	syncer.Scope, syncer.Alongside = signing.SyncClicksignKeys, ds
	return ds
}

// docuSignSignInCheck is how often the desktop holding the office's
// DocuSign lease checks it is still signed in (a keyring read each time):
// a lost sign-in is rare, and another PC takes over within a minute.
const docuSignSignInCheck = 30 * time.Second

// docuSignSignedIn tells whether this PC holds a DocuSign sign-in (a token
// in its keyring) for any Demo or Produção key of the office, which is what
// lets it follow DocuSign keys for everyone. A Simulador local key does not
// count: its envelopes live in one PC's simulator, whose Connect reaches
// that PC at once.
func docuSignSignedIn(keys interface {
	List(ctx context.Context) ([]crm.Integration, error)
}, sec secrets.Store) func(ctx context.Context) (bool, error) {
	return func(ctx context.Context) (bool, error) {
		list, err := keys.List(ctx)
		if err != nil {
			return false, err
		}
		for _, k := range list {
			if k.Provider != crm.ProviderDocuSign || k.Environment == crm.EnvSimulator {
				continue
			}
			_, err := sec.Get(ctx, oauth.TokenSecretKey(k.ID))
			if err == nil {
				return true, nil
			}
			if !errors.Is(err, secrets.ErrNotFound) {
				return false, err
			}
		}
		return false, nil
	}
}
