package app

import (
	"context"

	"selo/backend/crm"
	"selo/backend/users"
)

// Users serves Configurações → Usuários administrativos and their tokens.
type Users struct {
	svc *users.Service
}

// NewUsers binds the users screen.
func NewUsers(svc *users.Service) *Users { return &Users{svc: svc} }

// List returns every administrative user.
func (b *Users) List() ([]crm.User, error) { return b.svc.List(context.Background()) }

// Save creates (ID 0) or edits a user.
func (b *Users) Save(in crm.UserInput) (crm.User, error) {
	if in.ID == 0 {
		return b.svc.CreateUser(context.Background(), in)
	}
	return b.svc.UpdateUser(context.Background(), in)
}

// SetActive deactivates or reactivates a user; a deactivated user's tokens
// stop working at once.
func (b *Users) SetActive(id int64, active bool) (crm.User, error) {
	if active {
		return b.svc.Reactivate(context.Background(), id)
	}
	return b.svc.Deactivate(context.Background(), id)
}

// Tokens lists a user's tokens (never the token itself).
func (b *Users) Tokens(userID int64) ([]crm.UserToken, error) {
	return b.svc.ListTokens(context.Background(), userID)
}

// GenerateToken makes a named token; the plain value is in the answer once
// and afterwards only in the OS keyring.
func (b *Users) GenerateToken(userID int64, name string) (users.GeneratedToken, error) {
	return b.svc.GenerateToken(context.Background(), userID, name)
}

// RevokeToken stops a token (and any URL carrying it) at once.
func (b *Users) RevokeToken(tokenID int64) (crm.UserToken, error) {
	return b.svc.RevokeToken(context.Background(), tokenID)
}
