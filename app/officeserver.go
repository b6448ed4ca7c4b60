package app

import (
	"context"

	"selo/backend/officeserver"
)

// OfficeServer tells Integrações where the office's webhooks land when a
// `selo server` runs for the office.
type OfficeServer struct {
	svc *officeserver.Service
}

// NewOfficeServer binds the office server's status.
func NewOfficeServer(svc *officeserver.Service) *OfficeServer { return &OfficeServer{svc: svc} }

// Status returns the office server's address and whether it answers its
// health check; Known is false on one PC.
func (b *OfficeServer) Status() (officeserver.Status, error) {
	return b.svc.Status(context.Background())
}
