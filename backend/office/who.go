package office

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"selo/backend/atomicfile"
	"selo/backend/crm"
)

// WhoFileName is the file of the data home that remembers who uses this PC
// in office mode. It sits beside FileName rather than inside it: the
// Escritório form rewrites that file whole, and must not forget the person.
const WhoFileName = "who.json"

// CodeWhoInvalid: the person chosen is not an active Usuário (deactivated or
// deleted on another PC meanwhile). Field "userId".
const CodeWhoInvalid = "who.invalid"

// Users is what Who needs from Usuários: every user, active or not.
type Users interface {
	List(ctx context.Context) ([]crm.User, error)
}

// Who answers "Quem está usando este computador?" in office mode: it lists
// the active Usuários (gestor and corretor), remembers the choice in this
// PC's WhoFileName and hands it to the store (use), which stamps it on what
// this PC creates, sends and edits. On a single PC (office false) nobody is
// asked and the store's actor stays empty, so nothing changes for that user.
type Who struct {
	path   string
	office bool
	// server names the office database this PC opened (host:port/database,
	// from FileName beside path): a person chosen for one office's database
	// is not assumed on another's, where the same user id is someone else.
	server string
	users  Users
	use    func(crm.Actor)
}

// remembered is WhoFileName's content: the person and the database they
// were chosen on.
type remembered struct {
	crm.Actor
	Server string `json:"server"`
}

// WhoView is the shell's state: whether to ask, who is chosen, and whom to
// offer.
type WhoView struct {
	// Office is true in office mode; only then does the shell show the person.
	Office bool `json:"office"`
	// Actor is the person chosen on this PC (zero when none, or when the
	// chosen user was deactivated since).
	Actor crm.Actor `json:"actor"`
	// Ask is true when the PC must ask: office mode, nobody valid chosen,
	// and at least one active user to choose from. With no users at all the
	// shell shows a hint instead of blocking.
	Ask bool `json:"ask"`
	// Users are the active Usuários to choose from, by name.
	Users []crm.User `json:"users"`
}

// NewWho serves the "who" file at path (WhoFileName in the data home). use
// receives the actor at Restore and at each Choose.
func NewWho(path string, office bool, users Users, use func(crm.Actor)) *Who {
	w := &Who{path: path, office: office, users: users, use: use}
	if office {
		// Read once, at start-up: the database in use is the one opened
		// then, even if the Escritório form is saved before a restart.
		if s, err := Load(filepath.Join(filepath.Dir(path), FileName)); err == nil {
			w.server = fmt.Sprintf("%s:%d/%s", strings.ToLower(s.Host), s.Port, s.Database)
		}
	}
	return w
}

// Restore hands the remembered person to the store at start-up, if they
// are still an active user (under their current name: a rename on another
// PC shows at once). It returns the view the shell starts from.
func (w *Who) Restore(ctx context.Context) (WhoView, error) {
	v, err := w.View(ctx)
	if err != nil {
		return v, err
	}
	if v.Office {
		w.use(v.Actor)
	}
	return v, nil
}

// View reads who is chosen and whom to offer, changing nothing.
func (w *Who) View(ctx context.Context) (WhoView, error) {
	v := WhoView{Office: w.office, Users: []crm.User{}}
	if !w.office {
		return v, nil
	}
	all, err := w.users.List(ctx)
	if err != nil {
		return v, err
	}
	saved, err := loadActor(w.path)
	if err != nil {
		return v, err
	}
	if saved.Server != w.server {
		saved = remembered{}
	}
	for _, u := range all {
		if !u.Active {
			continue
		}
		v.Users = append(v.Users, u)
		if u.ID == saved.UserID {
			v.Actor = crm.Actor{UserID: u.ID, Name: u.Name}
		}
	}
	v.Ask = v.Actor.UserID == 0 && len(v.Users) > 0
	return v, nil
}

// Choose makes userID the person using this PC, remembered across starts.
// A user who is not active (any more) is refused with CodeWhoInvalid.
func (w *Who) Choose(ctx context.Context, userID int64) (WhoView, error) {
	if !w.office {
		return WhoView{Users: []crm.User{}}, nil
	}
	v, err := w.View(ctx)
	if err != nil {
		return v, err
	}
	var picked crm.Actor
	for _, u := range v.Users {
		if u.ID == userID {
			picked = crm.Actor{UserID: u.ID, Name: u.Name}
		}
	}
	if picked.UserID == 0 {
		return v, crm.E(CodeWhoInvalid).OnField("userId")
	}
	if err := saveActor(w.path, remembered{Actor: picked, Server: w.server}); err != nil {
		return v, err
	}
	w.use(picked)
	v.Actor, v.Ask = picked, false
	return v, nil
}

func loadActor(path string) (remembered, error) {
	var a remembered
	b, err := os.ReadFile(path)
	if errors.Is(err, fs.ErrNotExist) {
		return a, nil
	}
	if err != nil {
		return a, err
	}
	if err := json.Unmarshal(b, &a); err != nil {
		// A damaged file means "ask again", not a PC that cannot start.
		return remembered{}, nil
	}
	return a, nil
}

func saveActor(path string, a remembered) error {
	b, err := json.MarshalIndent(a, "", "  ")
	if err != nil {
		return fmt.Errorf("encoding %s: %w", path, err)
	}
	if err := atomicfile.Write(path, append(b, '\n')); err != nil {
		return crm.Unwritable(path, err)
	}
	return os.Chmod(path, 0o600)
}
