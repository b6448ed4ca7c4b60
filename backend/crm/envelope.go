package crm

import "time"

// EnvelopeRecord is an activated envelope as recorded locally: what the
// reservation screen lists beside the live status from the provider.
type EnvelopeRecord struct {
	ID            string
	OperationID   int64
	IntegrationID int64
	ReservationID int64
	DocumentID    string
	Name          string
	Status        string
	DeadlineAt    time.Time
	Signers       []EnvelopeSignerRecord
}

// EnvelopeSignerRecord is one signer of a recorded envelope.
type EnvelopeSignerRecord struct {
	SignerID  string
	Position  int
	PersonKey string
	Name      string
	Email     string
	Group     int
	State     string
}
