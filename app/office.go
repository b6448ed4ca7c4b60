package app

import (
	"context"
	"time"

	"selo/backend/office"
)

// Office serves Configurações → Escritório: where this PC's data lives.
// It is bound even when start-up failed, so the start-up error window can
// send an office PC back to its own selo.db.
type Office struct {
	svc    *office.Service
	system *System
}

// NewOffice binds the Escritório screen; system relaunches Selo when the
// user asks to restart now.
func NewOffice(svc *office.Service, system *System) *Office {
	return &Office{svc: svc, system: system}
}

// testTimeout bounds "Testar conexão": a server that never answers is
// reported as unreachable rather than leaving the button spinning.
const testTimeout = 15 * time.Second

// Get returns the saved settings and whether a password is stored.
func (o *Office) Get() (office.View, error) { return o.svc.Get(context.Background()) }

// Save stores the settings (password "" keeps the stored one); they take
// effect at the next start.
func (o *Office) Save(s office.Settings, password string) (office.View, error) {
	return o.svc.Save(context.Background(), s, password)
}

// Test checks the server the form describes, changing nothing.
func (o *Office) Test(s office.Settings, password string) (office.ProbeResult, error) {
	ctx, cancel := context.WithTimeout(context.Background(), testTimeout)
	defer cancel()
	return o.svc.Test(ctx, s, password)
}

// UseLocal puts this PC back on its own selo.db and restarts Selo on it,
// for the start-up error window's "Usar só este computador".
func (o *Office) UseLocal() error {
	if err := o.svc.UseLocal(context.Background()); err != nil {
		return err
	}
	o.system.restart()
	return nil
}

// Restart closes Selo and starts it again, so saved settings take effect.
func (o *Office) Restart() error {
	o.system.restart()
	return nil
}

// CopyToServer takes this PC's data to the empty office server the saved
// settings name, reporting EventOfficeCopy as it goes. Nothing local
// changes; the result's counts let the screen offer switching to the
// server.
func (o *Office) CopyToServer() (office.CopyResult, error) {
	return o.svc.CopyToServer(context.Background(), func(p office.CopyProgress) {
		if o.system != nil && o.system.app != nil && o.system.app.Emitter != nil {
			o.system.app.Emitter.Emit(string(EventOfficeCopy), p)
		}
	})
}

// CancelCopy stops a running CopyToServer; the server stays empty.
func (o *Office) CancelCopy() bool { return o.svc.CancelCopy() }
