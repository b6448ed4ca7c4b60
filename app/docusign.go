package app

import (
	"context"
	"errors"

	"github.com/wailsapp/wails/v2/pkg/runtime"

	"selo/backend/crm"
	"selo/backend/integrations"
)

// OpenBrowser opens url in the system browser: the Opener of DocuSign's
// sign-in (oauth.Opener). It returns once the browser was asked, and fails
// only before the window exists.
func (a *App) OpenBrowser(url string) error {
	c := a.context()
	if c == nil {
		return errors.New("app: no window yet to open the browser from")
	}
	runtime.BrowserOpenURL(c, url)
	return nil
}

// DocuSignKeys is what the keys service needs for DocuSign keys in the
// app: the sign-in of each environment from logins, the Simulador local's
// check (nil: a Simulador local key is always ready), and each step of a
// sign-in sent to the screen as EventDocuSignLogin.
func (a *App) DocuSignKeys(logins *integrations.DocuSignLogins, simulatorCheck func(context.Context) error) integrations.DocuSign {
	return integrations.DocuSign{
		Auth:           logins.Auth,
		SimulatorCheck: simulatorCheck,
		Progress: func(p integrations.LoginProgress) {
			a.Emitter.Emit(string(EventDocuSignLogin), p)
		},
	}
}

// DocuSignLogin signs a DocuSign key in on this computer through the system
// browser ("Entrar com a DocuSign" / "Entrar de novo"). It returns when the
// browser came back, the wait ran out, or DocuSignCancelLogin was called;
// with several accounts the screen then asks which one
// (DocuSignChooseAccount). Progress: EventDocuSignLogin.
func (b *Integrations) DocuSignLogin(id int64) (integrations.LoginResult, error) {
	return b.svc.Login(context.Background(), id)
}

// DocuSignCancelLogin ends the sign-in waiting for the browser ("Cancelar").
func (b *Integrations) DocuSignCancelLogin() { b.svc.CancelLogin() }

// DocuSignChooseAccount stores the account the office picked for a DocuSign
// key after a sign-in with several.
func (b *Integrations) DocuSignChooseAccount(id int64, accountID string) (crm.Integration, error) {
	return b.svc.ChooseAccount(context.Background(), id, accountID)
}
