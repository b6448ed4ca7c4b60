package signing

// Turning DocuSign Connect on for a real (Demo or Produção) key.
//
// Selo asks for Connect at the account level, not per envelope: the office
// admin adds one Custom Connect configuration in DocuSign (Configurações →
// Connect) with the address this screen shows, JSON SIM, "Include HMAC
// signature" and the recipients in the data, and pastes here the HMAC key
// DocuSign generated. Account-level is the only way the HMAC works at all
// (the keys are an account setting, reference §7.3), it covers the envelopes
// sent before Connect was turned on, and an envelope-level eventNotification
// on top of it would make DocuSign deliver every message twice. So the send
// asks for Connect per envelope only for Simulador local keys, whose
// simulator has no account settings (docusign_send.go).

import (
	"context"
	"errors"
	"log/slog"
	"strconv"
	"strings"

	"selo/backend/crm"
	"selo/backend/secrets"
)

// Codes of the Connect settings (pt-BR/en-US texts in the frontend's
// dsconnect.ts).
const (
	// CodeConnectURLInvalid: the public address cannot be used (data:
	// reason; field: publicUrl).
	CodeConnectURLInvalid = "docusign_connect.url_invalid"
	// CodeConnectURLNotHTTPS: DocuSign posts only to https:// addresses
	// (field: publicUrl).
	CodeConnectURLNotHTTPS = "docusign_connect.url_not_https"
	// CodeConnectURLLocal: the address is this computer's or the office
	// network's, which DocuSign cannot reach (field: publicUrl).
	CodeConnectURLLocal = "docusign_connect.url_local"
	// CodeConnectSimulator: a Simulador local key's updates arrive at once
	// already; there is nothing to turn on (data: description).
	CodeConnectSimulator = "docusign_connect.simulator"
	// CodeConnectNotDocuSign: the key is not a DocuSign key (data:
	// description).
	CodeConnectNotDocuSign = "docusign_connect.not_docusign"
)

// DocuSignConnectURLSetting is the settings name of the public address a
// key's Connect configuration posts to (shared by the office's PCs, so each
// shows the same address; the secret stays in the receiving PC's keyring).
func DocuSignConnectURLSetting(integrationID int64) string {
	return "docusign.connect_url." + strconv.FormatInt(integrationID, 10)
}

// DocuSignConnectSettings turns Connect on and off for DocuSign keys
// ("Receber atualizações na hora (DocuSign Connect)").
type DocuSignConnectSettings struct {
	Keys     KeyList
	Secrets  secrets.Store
	Settings Settings
	Listener WebhookListener
	// Log receives ids and codes only, never the secret.
	Log *slog.Logger
}

// DocuSignConnectStatus is what a DocuSign key's Connect panel shows. It
// never carries the secret.
type DocuSignConnectStatus struct {
	IntegrationID int64 `json:"integrationId"`
	Enabled       bool  `json:"enabled"`
	// Path is the key's route on the listener, which the public address
	// forwards to.
	Path string `json:"path"`
	// PublicURL is the office's public address ("" until given) and
	// ConnectURL the full address to paste in DocuSign's Connect settings.
	PublicURL  string `json:"publicUrl"`
	ConnectURL string `json:"connectUrl"`
	// LocalURL reaches the key's route from this computer ("" while the
	// listener is stopped).
	LocalURL        string `json:"localUrl"`
	ListenerRunning bool   `json:"listenerRunning"`
}

func (c *DocuSignConnectSettings) logger() *slog.Logger {
	if c.Log == nil {
		return slog.New(slog.DiscardHandler)
	}
	return c.Log
}

func (c *DocuSignConnectSettings) key(ctx context.Context, id int64) (crm.Integration, error) {
	keys, err := c.Keys.List(ctx)
	if err != nil {
		return crm.Integration{}, err
	}
	for _, k := range keys {
		if k.ID != id {
			continue
		}
		if k.Provider != crm.ProviderDocuSign {
			return k, crm.E(CodeConnectNotDocuSign, "description", k.Description)
		}
		if k.Environment == crm.EnvSimulator {
			return k, crm.E(CodeConnectSimulator, "description", k.Description)
		}
		return k, nil
	}
	return crm.Integration{}, crm.E(crm.CodeNotFound)
}

// Status returns a DocuSign key's Connect status.
func (c *DocuSignConnectSettings) Status(ctx context.Context, integrationID int64) (DocuSignConnectStatus, error) {
	if _, err := c.key(ctx, integrationID); err != nil {
		return DocuSignConnectStatus{}, err
	}
	return c.status(ctx, integrationID)
}

func (c *DocuSignConnectSettings) status(ctx context.Context, id int64) (DocuSignConnectStatus, error) {
	st := DocuSignConnectStatus{IntegrationID: id, Path: DocuSignWebhookPath(id)}
	if base, running := c.Listener.ListenerURL(ctx); base != "" {
		st.LocalURL, st.ListenerRunning = base+st.Path, running
	}
	pub, ok, err := c.Settings.Setting(ctx, DocuSignConnectURLSetting(id))
	if err != nil {
		return st, err
	}
	if ok && pub != "" {
		st.PublicURL, st.ConnectURL = pub, strings.TrimRight(pub, "/")+st.Path
	}
	_, err = c.Secrets.Get(ctx, secrets.DocuSignConnectKey(id))
	switch {
	case err == nil:
		st.Enabled = true
	case !errors.Is(err, secrets.ErrNotFound):
		return st, crm.E(crm.CodeKeyringUnavailable).Wrap(err)
	}
	return st, nil
}

// Enable keeps the HMAC secret DocuSign generated (in this PC's keyring,
// never the database) and the office's public address, starts the listener
// and returns the address to paste in DocuSign. secret may hold several keys,
// one per line, while DocuSign's are rotated.
func (c *DocuSignConnectSettings) Enable(ctx context.Context, integrationID int64, publicURL, secret string) (DocuSignConnectStatus, error) {
	k, err := c.key(ctx, integrationID)
	if err != nil {
		return DocuSignConnectStatus{}, err
	}
	base, err := DocuSignConnectBase(k.ID, publicURL)
	if err != nil {
		return DocuSignConnectStatus{}, err
	}
	var lines []string
	for _, l := range strings.Split(secret, "\n") {
		if l = strings.TrimSpace(l); l != "" {
			lines = append(lines, l)
		}
	}
	if len(lines) == 0 {
		return DocuSignConnectStatus{}, crm.E(crm.CodeRequired).OnField("secret")
	}
	if err := c.Secrets.Set(ctx, secrets.DocuSignConnectKey(k.ID), strings.Join(lines, "\n")); err != nil {
		return DocuSignConnectStatus{}, crm.E(crm.CodeKeyringUnavailable).Wrap(err)
	}
	if err := c.Settings.SetSetting(ctx, DocuSignConnectURLSetting(k.ID), base); err != nil {
		return DocuSignConnectStatus{}, err
	}
	if _, err := c.Listener.StartListener(ctx); err != nil {
		c.logger().Warn("docusign connect on, but the listener did not start", "key", k.ID, "code", crm.AsError(err).Code)
	}
	c.logger().Info("docusign connect turned on", "key", k.ID)
	return c.status(ctx, k.ID)
}

// Disable forgets the key's Connect secret, so every delivery for it is
// refused (401) until it is turned on again; the listener stops when
// nothing else needs it.
func (c *DocuSignConnectSettings) Disable(ctx context.Context, integrationID int64) (DocuSignConnectStatus, error) {
	k, err := c.key(ctx, integrationID)
	if err != nil {
		return DocuSignConnectStatus{}, err
	}
	if err := c.Secrets.Delete(ctx, secrets.DocuSignConnectKey(k.ID)); err != nil && !errors.Is(err, secrets.ErrNotFound) {
		return DocuSignConnectStatus{}, crm.E(crm.CodeKeyringUnavailable).Wrap(err)
	}
	if err := c.Listener.Reconfigure(ctx); err != nil {
		c.logger().Warn("docusign connect off: listener", "key", k.ID, "code", crm.AsError(err).Code)
	}
	c.logger().Info("docusign connect turned off", "key", k.ID)
	return c.status(ctx, k.ID)
}

// Wanted reports whether any DocuSign key has Connect on here, so the
// listener runs for it (leads.Options.DocuSignWanted).
func (c *DocuSignConnectSettings) Wanted(ctx context.Context) (bool, error) {
	keys, err := c.Keys.List(ctx)
	if err != nil {
		return false, err
	}
	for _, k := range keys {
		if k.Provider != crm.ProviderDocuSign || k.Environment == crm.EnvSimulator {
			continue
		}
		_, err := c.Secrets.Get(ctx, secrets.DocuSignConnectKey(k.ID))
		if err == nil {
			return true, nil
		}
		if !errors.Is(err, secrets.ErrNotFound) {
			return false, err
		}
	}
	return false, nil
}

// DocuSignConnectBase checks the office's public address for a key's
// Connect configuration and returns it without the key's route. DocuSign
// posts only to public https:// addresses (reference §7.1), so http:// and
// addresses of this computer or network are refused whatever the
// environment. The address may already end with the key's route.
func DocuSignConnectBase(integrationID int64, raw string) (string, error) {
	raw = strings.TrimSpace(raw)
	own := DocuSignWebhookPath(integrationID)
	trimmed := strings.TrimRight(raw, "/")
	if i := strings.LastIndex(trimmed, DocuSignWebhookRoute); i >= 0 {
		if trimmed[i:] != own {
			return "", crm.E(CodeConnectURLInvalid, "reason", "path").OnField("publicUrl")
		}
		raw = trimmed[:i]
	}
	// The Clicksign check does the parsing; its codes are reworded for
	// DocuSign (whose texts must not say Clicksign or "Produção").
	full, err := WebhookEndpoint(crm.EnvProduction, integrationID, raw)
	if err != nil {
		ce := crm.AsError(err)
		switch ce.Code {
		case CodeWebhookURLInvalid:
			return "", crm.E(CodeConnectURLInvalid, "reason", ce.Data["reason"]).OnField("publicUrl")
		case CodeWebhookURLLocal:
			return "", crm.E(CodeConnectURLLocal).OnField("publicUrl")
		case CodeWebhookURLNotHTTPS:
			return "", crm.E(CodeConnectURLNotHTTPS).OnField("publicUrl")
		}
		return "", err
	}
	return strings.TrimSuffix(full, WebhookPath(integrationID)), nil
}
