package app

import (
	"context"

	"selo/backend/crm"
	"selo/backend/leads"
)

// Leads serves the Leads screens and Integrações → JivoChat.
type Leads struct {
	app *App
	svc *leads.Service
}

// NewLeads binds the leads and JivoChat screens.
func NewLeads(a *App, svc *leads.Service) *Leads { return &Leads{app: a, svc: svc} }

// List returns a page of leads matching the filter.
func (b *Leads) List(f leads.Filter) (leads.Page, error) { return b.svc.List(context.Background(), f) }

// Get returns a lead with its conversation.
func (b *Leads) Get(id string) (leads.Detail, error) { return b.svc.Get(context.Background(), id) }

// SetStage moves a lead to novo, em atendimento, convertido or descartado.
func (b *Leads) SetStage(id string, stage crm.LeadStage) (leads.Detail, error) {
	return b.svc.SetStage(context.Background(), id, stage)
}

// JivoChatConfig returns the saved integration settings.
func (b *Leads) JivoChatConfig() (leads.IntegrationConfig, error) {
	return b.svc.Config(context.Background())
}

// ConfigureJivoChat saves Gestor, "Qual token?", public address and port,
// and (re)starts the listener.
func (b *Leads) ConfigureJivoChat(c leads.IntegrationConfig) (leads.IntegrationConfig, error) {
	return b.svc.Configure(context.Background(), c)
}

// IntegrationURL is the URL to paste into JivoChat's "URL para Webhooks".
func (b *Leads) IntegrationURL() (leads.IntegrationURL, error) {
	return b.svc.IntegrationURL(context.Background())
}

// ListenerStatus says whether the local listener runs and when the last
// event arrived.
func (b *Leads) ListenerStatus() (leads.ListenerStatus, error) {
	return b.svc.Status(context.Background())
}

// SendTestEvent posts a realistic JivoChat event to the listener, end to
// end, and returns the lead it created or updated.
func (b *Leads) SendTestEvent() (string, error) { return b.svc.SendTestEvent(context.Background()) }

// OpenWebchat opens JivoChat's web app in the default browser.
func (b *Leads) OpenWebchat() error {
	b.app.openURL(JivoChatWebApp)
	return nil
}

// JivoChatWebApp is where "Abrir Webchat" goes.
const JivoChatWebApp = "https://app.jivosite.com/"

// SetContact adds the e-mail and/or phone of a visitor who left none in the
// chat, which makes the visitor a lead; it returns the lead as it is now.
func (b *Leads) SetContact(id string, c leads.Contact) (leads.Detail, error) {
	return b.svc.SetContact(context.Background(), id, c)
}
