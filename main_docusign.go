package main

import (
	"fmt"
	"sync"

	"selo/backend/crm"
	"selo/backend/docusign/oauth"
	"selo/backend/docusign/simulator"
	"selo/backend/secrets"
	"selo/backend/signing"
)

// docuSignOAuth keeps ONE oauth.Client per DocuSign account server for the
// process, built on first use. A key's TokenSource lives in its Client, and
// DocuSign rotates refresh tokens: two Clients refreshing the same key would
// leave one holding a revoked token, so the sign-in ("Entrar") must use
// these same Clients (Client(env)).
type docuSignOAuth struct {
	secrets secrets.Store

	mu      sync.Mutex
	clients map[crm.Environment]*oauth.Client
}

// Client returns the account server's Client of env (Demo or Produção).
func (o *docuSignOAuth) Client(env crm.Environment) (*oauth.Client, error) {
	o.mu.Lock()
	defer o.mu.Unlock()
	if c, ok := o.clients[env]; ok {
		return c, nil
	}
	server := oauth.AccountServer(env)
	if server == "" {
		return nil, crm.E(crm.CodeEnvironmentInvalid, "environment", string(env)).Wrap(fmt.Errorf("no DocuSign account server for %q", env))
	}
	c, err := oauth.New(oauth.Config{Server: server, Secrets: o.secrets})
	if err != nil {
		return nil, err
	}
	if o.clients == nil {
		o.clients = map[crm.Environment]*oauth.Client{}
	}
	o.clients[env] = c
	return c, nil
}

// Tokens is signing.DocuSignConnector's Tokens.
func (o *docuSignOAuth) Tokens(env crm.Environment, keyID int64) (signing.DocuSignTokens, error) {
	c, err := o.Client(env)
	if err != nil {
		return nil, err
	}
	return c.TokenSource(keyID), nil
}

// newDocuSignConnector builds the DocuSign clients of the send, the status
// sync and the envelope actions. simulatorURL is the in-app DocuSign
// simulator's BaseURI (the Simulador local); nil leaves that environment
// unreachable with a clear error.
func newDocuSignConnector(o *docuSignOAuth, simulatorURL func() (string, error)) *signing.DocuSignConnector {
	return &signing.DocuSignConnector{Tokens: o.Tokens, SimulatorURL: simulatorURL, SimulatorAccountID: simulator.DefaultAccountID}
}
