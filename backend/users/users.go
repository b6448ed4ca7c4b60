// Package users manages the office's administrative users (gestores and
// corretores) and the named tokens that authorise webhook URLs, such as the
// one pasted into JivoChat.
//
// A token is shown once when generated and kept in the OS keyring, so that
// the integration URL can be shown again later; the database keeps only its
// SHA-256 and last four characters. Row and keyring change together or not at
// all. Revoking a token, or deactivating its user, stops its URL on the next
// request because the listener asks for the active hashes on every request.
package users

import (
	"context"
	"time"

	"selo/backend/inbound"
)

// Role is what a user does in the office.
type Role string

// Roles. Only a gestor may be chosen as the JivoChat integration's owner.
const (
	RoleGestor   Role = "gestor"
	RoleCorretor Role = "corretor"
)

// Valid reports whether r is a known role.
func (r Role) Valid() bool { return r == RoleGestor || r == RoleCorretor }

// User is an administrative user ("Usuário administrativo").
type User struct {
	ID     int64  `json:"id"`
	Name   string `json:"name"`
	Email  string `json:"email"`
	Role   Role   `json:"role"`
	Active bool   `json:"active"`
	// ActiveTokens counts the user's tokens that are not revoked (they work
	// only while the user is active).
	ActiveTokens  int        `json:"activeTokens"`
	CreatedAt     time.Time  `json:"createdAt" ts_type:"string"`
	UpdatedAt     time.Time  `json:"updatedAt" ts_type:"string"`
	DeactivatedAt *time.Time `json:"deactivatedAt,omitempty" ts_type:"string"`
}

// UserInput is what the user form sends; ID 0 creates.
type UserInput struct {
	ID    int64  `json:"id"`
	Name  string `json:"name"`
	Email string `json:"email"`
	Role  Role   `json:"role"`
}

// Token is what may be known of a token after it was generated: never the
// token itself.
type Token struct {
	ID     int64  `json:"id"`
	UserID int64  `json:"userId"`
	Name   string `json:"name"`
	Last4  string `json:"last4"`
	// Active is false once revoked. A token of a deactivated user stays
	// Active here but is refused by the listener until the user is
	// reactivated.
	Active    bool       `json:"active"`
	CreatedAt time.Time  `json:"createdAt" ts_type:"string"`
	RevokedAt *time.Time `json:"revokedAt,omitempty" ts_type:"string"`
}

// GeneratedToken is the answer to GenerateToken: the only time Plain leaves
// the service without being asked for by id.
type GeneratedToken struct {
	Token Token  `json:"token"`
	Plain string `json:"plain"`
}

// Store is the database side of this package; package sqlite implements it.
type Store interface {
	// ListUsers returns every user, active first, then by name.
	ListUsers(ctx context.Context) ([]User, error)
	// User returns one user or crm.CodeNotFound.
	User(ctx context.Context, id int64) (User, error)
	// ListTokens returns a user's tokens, live first then revoked, newest
	// first within each.
	ListTokens(ctx context.Context, userID int64) ([]Token, error)
	// Token returns one token or crm.CodeNotFound.
	Token(ctx context.Context, id int64) (Token, error)
	// ActiveTokenHashes lists the hashes of live tokens of active users,
	// with OwnerID set by OwnerID.
	ActiveTokenHashes(ctx context.Context) ([]inbound.TokenHash, error)
	// Tx runs fn in one write transaction; an error from fn rolls it back.
	Tx(ctx context.Context, fn func(Tx) error) error
}

// Tx is the Store inside one transaction.
type Tx interface {
	// User returns one user or crm.CodeNotFound.
	User(id int64) (User, error)
	// EmailTaken reports whether another user (not exceptID) has the
	// address, ignoring letter case.
	EmailTaken(email string, exceptID int64) (bool, error)
	// InsertUser adds a user and returns its id.
	InsertUser(u User) (int64, error)
	// UpdateUser writes name, e-mail, role and updated time.
	UpdateUser(u User) error
	// SetActive activates or deactivates a user at the given time.
	SetActive(id int64, active bool, at time.Time) error
	// LiveTokenNameTaken reports whether the user has a live token with
	// this name, ignoring letter case.
	LiveTokenNameTaken(userID int64, name string) (bool, error)
	// InsertToken stores a token's hash and last four characters.
	InsertToken(userID int64, name string, hash [32]byte, last4 string, at time.Time) (Token, error)
	// Token returns one token or crm.CodeNotFound.
	Token(id int64) (Token, error)
	// RevokeToken marks a live token revoked; an already revoked one is left
	// as it was.
	RevokeToken(id int64, at time.Time) error
}

// OwnerID is the inbound.TokenHash owner of a token: its id, which the
// listener may log (it is not a secret).
func OwnerID(tokenID int64) string { return "admintoken/" + itoa(tokenID) }
