package jivochat

import (
	"encoding/json"
	"slices"
	"time"
)

// Stage is a lead's situação. New leads start at StageNew; an accepted chat
// moves them to StageInProgress; converted and discarded are set by people in
// Selo, never by a webhook.
type Stage string

// Lead stages.
const (
	StageNew        Stage = "new"
	StageInProgress Stage = "in_progress"
	StageConverted  Stage = "converted"
	StageDiscarded  Stage = "discarded"
)

// Valid reports whether s is one of the four stages.
func (s Stage) Valid() bool {
	switch s {
	case StageNew, StageInProgress, StageConverted, StageDiscarded:
		return true
	}
	return false
}

// Label is the pt-BR name of the stage. It lives here, not only in the
// frontend, because the reply to chat_accepted shows it to the JivoChat agent.
func (s Stage) Label() string {
	switch s {
	case StageNew:
		return "Novo"
	case StageInProgress:
		return "Em atendimento"
	case StageConverted:
		return "Convertido"
	case StageDiscarded:
		return "Descartado"
	}
	return string(s)
}

// Author says who wrote a conversation line.
type Author string

// Message authors.
const (
	AuthorVisitor Author = "visitor"
	AuthorAgent   Author = "agent"
	AuthorSystem  Author = "system"
)

// SourceJivoChat is the origin recorded on leads created by this package.
const SourceJivoChat = "jivochat"

// Attribution is how the lead reached the site. It is first-touch: set from
// the first event that carries it and never overwritten, because later chats
// would otherwise erase the campaign that brought the lead.
type Attribution struct {
	UTMSource   string
	UTMMedium   string
	UTMCampaign string
	UTMContent  string
	UTMTerm     string
	// UTMRaw is session.utm as sent ("source=..|medium=..").
	UTMRaw    string
	PageURL   string
	PageTitle string
}

// Geo is JivoChat's IP geolocation of the visitor, first-touch like
// Attribution.
type Geo struct {
	City        string
	Region      string
	RegionCode  string
	Country     string
	CountryCode string
	Latitude    string
	Longitude   string
}

// Lead is what this package knows about a person who chatted. E-mail and
// phone are stored normalised (see crm.NormalizeEmail, crm.ParseChatPhone) because
// they are dedupe keys.
type Lead struct {
	ID    string
	Stage Stage
	Name  string
	Email string
	Phone string
	// VisitorID is JivoChat's visitor.number; ClientID is client_id from
	// client_updated. Both are match keys.
	VisitorID string
	ClientID  string
	WidgetID  string
	UserToken string
	Source    string
	// AgentName is the JivoChat agent last responsible (accepting agent,
	// first of agents, or assigned_agent).
	AgentName    string
	Department   string
	Organization string
	// ClientStatus is the client category title in Jivo (e.g. contact_later).
	ClientStatus string
	Tags         []string
	Attribution  Attribution
	Geo          Geo
	CreatedAt    time.Time
	UpdatedAt    time.Time
	LastEventAt  time.Time
}

// HasContact reports whether the lead can be reached (an e-mail or a
// phone). A row without contact is a "visitante sem contato": its chat is
// kept and shown, but it becomes a lead only when a contact is known.
func (l Lead) HasContact() bool { return l.Email != "" || l.Phone != "" }

// Clone returns a copy that shares no memory with l.
func (l Lead) Clone() Lead {
	l.Tags = slices.Clone(l.Tags)
	return l
}

// Message is one line of a lead's conversation history. Key identifies the
// line within its lead, so the same transcript delivered twice (chat_updated
// then chat_finished, or a redelivery) adds each line once.
type Message struct {
	LeadID    string
	Key       string
	ChatID    string
	At        time.Time
	Author    Author
	AgentID   string
	AgentName string
	Text      string
}

// Outcome is what applying an event did.
type Outcome string

// Outcomes recorded on raw events.
const (
	OutcomeLeadCreated Outcome = "lead_created"
	OutcomeLeadUpdated Outcome = "lead_updated"
	// OutcomeSkippedNoContact: no e-mail/phone, no existing lead matched and
	// the event carried no conversation, so nothing was created (the raw
	// payload is kept).
	OutcomeSkippedNoContact Outcome = "skipped_no_contact"
	// OutcomeDuplicate: the same body under the same key was stored before;
	// this copy is kept as a raw event and changed nothing.
	OutcomeDuplicate Outcome = "duplicate"
	// OutcomeIgnored: an event type that does not touch leads.
	OutcomeIgnored Outcome = "ignored"
)

// RawEvent is one received delivery as stored. Key is the event's
// idempotency key and BodyHash the hash of its canonical body: the pair is
// what recognises a redelivery of the same content.
type RawEvent struct {
	// ID is the store's row number, set when read back; 0 before saving.
	ID         int64
	Key        string
	BodyHash   string
	ChatID     string
	EventName  string
	ReceivedAt time.Time
	LeadID     string
	Outcome    Outcome
	Body       json.RawMessage
}
