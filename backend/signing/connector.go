// Package signing holds the e-signature use cases: reaching the right
// Clicksign environment for a key, sending, syncing (poll and webhooks),
// resending, cancelling and downloading envelopes. It decides an envelope's
// crm.EnvelopeState from Clicksign's facts (ComputeStatus); the vocabulary
// itself lives in crm. The in-app simulator reaches it only through
// LocalSimulator, so the fake server is no part of this package's build.
package signing

import (
	"context"
	"errors"
	"net/http"
	"time"

	"selo/backend/clicksign"
	"selo/backend/crm"
)

// checkTimeout bounds "Testar conexão": a manager clicking a button should get
// an answer in seconds, not after the client's full retry schedule.
const checkTimeout = 15 * time.Second

// LocalSimulator is the in-app Clicksign simulator as the connector needs
// it; *simulator.Host implements it. signing names only these two needs, so
// the fake server stays out of the send path's build and main.go decides
// which simulator (if any) backs the "Simulador local" environment.
type LocalSimulator interface {
	// BaseURL starts the simulator if needed and returns its API base URL.
	BaseURL() (string, error)
	// Clock returns the simulated time and true while the simulator runs.
	Clock() (time.Time, bool)
}

// Connector builds Clicksign clients for a key's environment. The simulator
// environment points the very same client at the in-app simulator.
type Connector struct {
	// Sim is the in-app simulator, started on first use; nil leaves the
	// "Simulador local" environment unreachable.
	Sim LocalSimulator
	// BaseURLs overrides the real environments' addresses (tests point
	// "sandbox" at a local server or a closed port).
	BaseURLs map[crm.Environment]string
	// HTTPClient, when set, carries every request.
	HTTPClient *http.Client
}

// Client returns a client for env authenticated with token.
func (c *Connector) Client(env crm.Environment, token string, opts ...clicksign.Option) (*clicksign.Client, error) {
	base, err := c.baseURL(env)
	if err != nil {
		return nil, err
	}
	all := []clicksign.Option{clicksign.WithEnvironment(clicksign.Environment(env))}
	if env == crm.EnvSimulator {
		// The Simulador local stands in for the account the office will
		// use, Produção, and paces like it (the simulator's default is the
		// same figure). With Sandbox's 20 a trainee's send, a signature, a
		// deadline and "Gerar e enviar novamente" inside ten seconds spend
		// the budget, and the last send sat ~8 s in the limiter.
		all = append(all, clicksign.WithRateLimit(clicksign.Production.RateLimit()))
	}
	if c.HTTPClient != nil {
		all = append(all, clicksign.WithHTTPClient(c.HTTPClient))
	}
	return clicksign.New(base, token, append(all, opts...)...)
}

// Now is the provider's clock for env, given the computer's. The Simulador
// local keeps its own clock, which training moves forward ("Avançar dias");
// a deadline counted from the computer's clock after that would already be
// past for the simulator, which refuses it as Clicksign would.
func (c *Connector) Now(env crm.Environment, local time.Time) time.Time {
	if env != crm.EnvSimulator || c.Sim == nil {
		return local
	}
	if now, ok := c.Sim.Clock(); ok {
		return now
	}
	return local
}

func (c *Connector) baseURL(env crm.Environment) (string, error) {
	if u, ok := c.BaseURLs[env]; ok {
		return u, nil
	}
	switch env {
	case crm.EnvSandbox:
		return clicksign.SandboxBaseURL, nil
	case crm.EnvProduction:
		return clicksign.ProductionBaseURL, nil
	case crm.EnvSimulator:
		if c.Sim == nil {
			return "", crm.E(crm.CodeUnreachable, "environment", string(env))
		}
		u, err := c.Sim.BaseURL()
		if err != nil {
			return "", crm.E(crm.CodeUnreachable, "environment", string(env)).Wrap(err)
		}
		return u, nil
	}
	return "", crm.E(crm.CodeEnvironmentInvalid).OnField("environment")
}

// Check is "Testar conexão": one cheap authenticated read (the first page of
// envelopes, one record) that exercises the token and the envelope API.
func (c *Connector) Check(ctx context.Context, env crm.Environment, token string) error {
	ctx, cancel := context.WithTimeout(ctx, checkTimeout)
	defer cancel()
	cl, err := c.Client(env, token, clicksign.WithRetry(1, 0))
	if err != nil {
		return err
	}
	_, err = cl.ListEnvelopes(ctx, clicksign.EnvelopeFilter{PageSize: 1})
	return Translate(err)
}

// Translate turns a client error into the code the screen explains: token
// rejected, envelope API not enabled, no connection or time-out, or the
// service's own message.
func Translate(err error) error {
	if err == nil {
		return nil
	}
	var ce *crm.Error
	switch {
	case errors.As(err, &ce):
		return err
	case clicksign.IsUnauthorized(err):
		return crm.E(crm.CodeTokenInvalid).OnField("token").Wrap(err)
	case clicksign.IsServiceUnavailable(err):
		return crm.E(crm.CodeEnvelopesDisabled).Wrap(err)
	case clicksign.IsNetwork(err), clicksign.IsTimeout(err), errors.Is(err, context.DeadlineExceeded):
		return crm.E(crm.CodeUnreachable).Wrap(err)
	}
	var api *clicksign.APIError
	if errors.As(err, &api) {
		msg := http.StatusText(api.StatusCode)
		if len(api.Errors) > 0 && api.Errors[0].Detail != "" {
			msg = api.Errors[0].Detail
		}
		return crm.E(crm.CodeServiceError, "status", api.StatusCode, "message", msg).Wrap(err)
	}
	return crm.E(crm.CodeServiceError, "message", "").Wrap(err)
}
