package crm

import "time"

// The office's administrative users ("Usuários administrativos") and the
// named tokens that authorise webhook URLs such as the one pasted into
// JivoChat. Managing them (and keeping token secrets in the keyring) is
// package users' business.

// UserRole is what a user does in the office.
type UserRole string

// Roles. Only a gestor may be chosen as the JivoChat integration's owner.
const (
	RoleGestor   UserRole = "gestor"
	RoleCorretor UserRole = "corretor"
)

// Valid reports whether r is a known role.
func (r UserRole) Valid() bool { return r == RoleGestor || r == RoleCorretor }

// User is an administrative user ("Usuário administrativo").
type User struct {
	ID     int64    `json:"id"`
	Name   string   `json:"name"`
	Email  string   `json:"email"`
	Role   UserRole `json:"role"`
	Active bool     `json:"active"`
	// ActiveTokens counts the user's tokens that are not revoked (they work
	// only while the user is active).
	ActiveTokens  int        `json:"activeTokens"`
	CreatedAt     time.Time  `json:"createdAt" ts_type:"string"`
	UpdatedAt     time.Time  `json:"updatedAt" ts_type:"string"`
	DeactivatedAt *time.Time `json:"deactivatedAt,omitempty" ts_type:"string"`
	// UpdatedByName is who saved it last ("" when unknown); Version counts
	// saves, and the form sends it back (see CodeConflict).
	UpdatedByName string `json:"updatedByName"`
	Version       int64  `json:"version"`
}

// UserInput is what the user form sends; ID 0 creates.
type UserInput struct {
	ID    int64    `json:"id"`
	Name  string   `json:"name"`
	Email string   `json:"email"`
	Role  UserRole `json:"role"`
	// Version is the User.Version the form was read at; 0 skips the check.
	Version int64 `json:"version"`
}

// UserToken is what may be known of a user's token after it was generated:
// never the token itself, which only the keyring keeps.
type UserToken struct {
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

// Actor is who is using this desktop: in office mode the Usuário chosen at
// start-up, stamped on what this PC creates, sends and edits. The zero Actor
// (a single PC, or nobody chosen yet) stamps nothing and changes nothing.
// Name is kept beside UserID so a user renamed or deleted later still reads
// right on old records.
type Actor struct {
	UserID int64  `json:"userId"`
	Name   string `json:"name"`
}
