package app

import "selo/backend/signing"

// Event names the backend emits to the frontend, defined once here and
// exported to TypeScript as the enum app.Event in wailsjs/go/models.ts (via
// Wails' EnumBind), so a renamed event breaks the type-check, not the app.
type Event string

// The events, as "<area>:<what>".
const (
	// EventLeadNew: a JivoChat webhook created a lead. Data: {id, name}.
	EventLeadNew Event = "lead:new"
	// EventEnvelopeProgress: a send moved to its next step. Data:
	// {opId, step, done, total} (signing.Progress).
	EventEnvelopeProgress Event = "envelope:progress"
	// EventEnvelopeSent: the envelope is active and notified. Data:
	// {opId, envelopeId}.
	EventEnvelopeSent Event = "envelope:sent"
	// EventEnvelopeFailed: a send stopped. Data: {opId, code, data,
	// problems, resumable} (signing.SendFailure).
	EventEnvelopeFailed Event = "envelope:failed"
	// EventEnvelopeChanged: status sync changed an envelope. Data:
	// {envelopeId, reservationId, state, name, client, refusals}
	// (signing.EnvelopeChange).
	EventEnvelopeChanged Event = Event(signing.EventEnvelopeChanged)
	// EventCallRejected: Wails failed a call from the page before or around
	// the bound method (arguments of the wrong type, a panic) and may never
	// answer it. Data: {callbackId, error} (CallRejection).
	EventCallRejected Event = "call:rejected"
	// EventOfficeCopy: the copy of this PC's data to the office server
	// moved on. Data: {table, done, total} (office.CopyProgress).
	EventOfficeCopy Event = "office:copy"
	// EventDataChanged: data the screens show changed in the office
	// database, written by another PC (or by this one: the feed does not
	// tell them apart). Data: {areas} (DataChanged); the screens showing
	// one of those areas reload it.
	EventDataChanged Event = "data:changed"
	// EventOfficeConnection: in office mode, the office server stopped or
	// started answering (sent again at each failed check while it is
	// down). Data: {online, since} (ConnectionStatus).
	EventOfficeConnection Event = "office:connection"
	// EventDocuSignLogin: a DocuSign key's sign-in moved on. Data: {keyId,
	// step, code} (integrations.LoginProgress).
	EventDocuSignLogin Event = "docusign:login"
	// EventWindowPainted goes the other way: the page emits it once, from a
	// task queued in the animation frame after the Painel's title is
	// mounted (so the title has been drawn). No data. Go listens only when
	// SELO_REPORT_PAINT=1.
	EventWindowPainted Event = "window:painted"
)

// AllEvents is handed to Wails' EnumBind.
var AllEvents = []struct {
	Value  Event
	TSName string
}{
	{EventLeadNew, "LeadNew"},
	{EventEnvelopeProgress, "EnvelopeProgress"},
	{EventEnvelopeSent, "EnvelopeSent"},
	{EventEnvelopeFailed, "EnvelopeFailed"},
	{EventEnvelopeChanged, "EnvelopeChanged"},
	{EventCallRejected, "CallRejected"},
	{EventOfficeCopy, "OfficeCopy"},
	{EventDataChanged, "DataChanged"},
	{EventOfficeConnection, "OfficeConnection"},
	{EventDocuSignLogin, "DocuSignLogin"},
	{EventWindowPainted, "WindowPainted"},
}
