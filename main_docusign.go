package main

import (
	"crypto/rand"
	"encoding/hex"

	"selo/backend/crm"
	"selo/backend/docusign/simulator"
	"selo/backend/integrations"
	"selo/backend/signing"
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
