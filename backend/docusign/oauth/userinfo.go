package oauth

import (
	"context"
	"encoding/json"
	"io"
	"net"
	"net/http"
	"net/url"
	"strings"

	"selo/backend/crm"
)

// UserInfo is who signed in and the eSignature accounts they can use.
type UserInfo struct {
	// Sub is DocuSign's user id (a GUID).
	Sub string `json:"sub"`
	// Name and Email describe the user, for the keys screen.
	Name  string `json:"name"`
	Email string `json:"email"`
	// Accounts are the accounts with a usable base URI, in DocuSign's
	// order. A user may have several; the office chooses one.
	Accounts []Account `json:"accounts"`
}

// Account is one DocuSign account of the user: where its envelopes live.
type Account struct {
	// ID is the account's API id (GUID), used in every REST path.
	ID string `json:"accountId"`
	// Name is the account's name as DocuSign shows it.
	Name string `json:"name"`
	// BaseURI is the account's server (e.g. https://na3.docusign.net); the
	// REST base is BaseURI + "/restapi". Never hard-coded: it comes only
	// from userinfo.
	BaseURI string `json:"baseUri"`
	// IsDefault marks the user's default account.
	IsDefault bool `json:"isDefault"`
}

// DefaultAccount returns the account DocuSign marks as the user's default,
// or the only one. With several accounts and none marked, ok is false and
// the office must choose.
func (u UserInfo) DefaultAccount() (a Account, ok bool) {
	for _, a := range u.Accounts {
		if a.IsDefault {
			return a, true
		}
	}
	if len(u.Accounts) == 1 {
		return u.Accounts[0], true
	}
	return Account{}, false
}

// Account returns the account with the given id, the office's choice.
func (u UserInfo) Account(id string) (Account, bool) {
	for _, a := range u.Accounts {
		if a.ID == id {
			return a, true
		}
	}
	return Account{}, false
}

// userInfoAnswer is /oauth/userinfo's JSON, in its snake_case.
type userInfoAnswer struct {
	Sub      string `json:"sub"`
	Name     string `json:"name"`
	Email    string `json:"email"`
	Accounts []struct {
		AccountID   string          `json:"account_id"`
		AccountName string          `json:"account_name"`
		BaseURI     string          `json:"base_uri"`
		IsDefault   json.RawMessage `json:"is_default"`
	} `json:"accounts"`
}

// errUnauthorized is userinfo's 401: the access token was refused.
var errUnauthorized = crm.E(crm.CodeLoginRequired)

// fetchUserInfo calls /oauth/userinfo with an access token. DocuSign limits
// these calls per hour, so callers keep the answer (the login returns it)
// instead of asking again.
func (c *Client) fetchUserInfo(ctx context.Context, access string) (UserInfo, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, c.cfg.Server+"/oauth/userinfo", nil)
	if err != nil {
		return UserInfo{}, crm.E(crm.CodeInternal).Wrap(err)
	}
	req.Header.Set("Authorization", "Bearer "+access)
	req.Header.Set("Accept", "application/json")
	resp, err := c.http().Do(req)
	if err != nil {
		return UserInfo{}, transportError(ctx, err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(io.LimitReader(resp.Body, maxBodyBytes))
	if err != nil {
		return UserInfo{}, transportError(ctx, err)
	}
	if resp.StatusCode == http.StatusUnauthorized {
		return UserInfo{}, errUnauthorized
	}
	var a userInfoAnswer
	if resp.StatusCode != http.StatusOK || json.Unmarshal(body, &a) != nil {
		return UserInfo{}, crm.E(CodeServiceError, "status", resp.StatusCode, "error", "userinfo")
	}
	u := UserInfo{Sub: a.Sub, Name: a.Name, Email: a.Email}
	for _, acc := range a.Accounts {
		base, ok := usableBaseURI(acc.BaseURI)
		if strings.TrimSpace(acc.AccountID) == "" || !ok {
			// An account without an id or a trustworthy server cannot be
			// used; offering it would only fail later, after a send began.
			continue
		}
		u.Accounts = append(u.Accounts, Account{
			ID:        strings.TrimSpace(acc.AccountID),
			Name:      acc.AccountName,
			BaseURI:   base,
			IsDefault: truthy(acc.IsDefault),
		})
	}
	if len(u.Accounts) == 0 {
		return UserInfo{}, crm.E(CodeNoAccount)
	}
	return u, nil
}

// usableBaseURI accepts an https origin, or plain http on loopback only
// (the Simulador local and tests): the access token will be sent there,
// so nothing else may receive it in clear text.
func usableBaseURI(s string) (string, bool) {
	u, err := url.Parse(strings.TrimSpace(s))
	if err != nil || u.Host == "" || u.User != nil || u.RawQuery != "" || u.Fragment != "" {
		return "", false
	}
	switch u.Scheme {
	case "https":
	case "http":
		ip := net.ParseIP(u.Hostname())
		if u.Hostname() != "localhost" && (ip == nil || !ip.IsLoopback()) {
			return "", false
		}
	default:
		return "", false
	}
	return strings.TrimRight(u.String(), "/"), true
}

// truthy reads is_default as a JSON boolean or the string "true", since
// DocuSign writes most scalars as strings elsewhere.
func truthy(raw json.RawMessage) bool {
	s := strings.TrimSpace(string(raw))
	return s == "true" || s == `"true"`
}
