package crm

import (
	"slices"
	"time"
)

// A lead is a person who chatted with the office (through JivoChat today) and
// may become a reservation. The lead desk lists leads, shows their whole
// conversation and moves them through the stages below. How a chat webhook
// becomes a lead is package jivochat's business; what a lead is, is here.

// LeadStage is a lead's situação. New leads start at LeadNew; an accepted
// chat moves them to LeadInProgress; converted and discarded are set by
// people in Selo, never by a webhook.
type LeadStage string

// Lead stages.
const (
	LeadNew        LeadStage = "new"
	LeadInProgress LeadStage = "in_progress"
	LeadConverted  LeadStage = "converted"
	LeadDiscarded  LeadStage = "discarded"
)

// Valid reports whether s is one of the four stages.
func (s LeadStage) Valid() bool {
	switch s {
	case LeadNew, LeadInProgress, LeadConverted, LeadDiscarded:
		return true
	}
	return false
}

// CodeLeadStageInvalid: the stage is not new, in_progress, converted or
// discarded (data: stage).
const CodeLeadStageInvalid = "lead.stage_invalid"

// Label is the pt-BR name of the stage. It lives in Go, not only in the
// frontend, because the reply to JivoChat's chat_accepted shows it to the
// agent.
func (s LeadStage) Label() string {
	switch s {
	case LeadNew:
		return "Novo"
	case LeadInProgress:
		return "Em atendimento"
	case LeadConverted:
		return "Convertido"
	case LeadDiscarded:
		return "Descartado"
	}
	return string(s)
}

// MessageAuthor says who wrote a conversation line.
type MessageAuthor string

// Message authors.
const (
	AuthorVisitor MessageAuthor = "visitor"
	AuthorAgent   MessageAuthor = "agent"
	AuthorSystem  MessageAuthor = "system"
)

// Attribution is how the lead reached the site. It is first-touch: set from
// the first event that carries it and never overwritten, because later chats
// would otherwise erase the campaign that brought the lead.
type Attribution struct {
	UTMSource   string
	UTMMedium   string
	UTMCampaign string
	UTMContent  string
	UTMTerm     string
	// UTMRaw is the chat's UTM string as sent ("source=..|medium=..").
	UTMRaw    string
	PageURL   string
	PageTitle string
}

// Geo is the chat provider's IP geolocation of the visitor, first-touch like
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

// Lead is what Selo knows about a person who chatted. E-mail and phone are
// stored normalised (see NormalizeEmail, ParseChatPhone) because they are
// dedupe keys.
type Lead struct {
	ID    string
	Stage LeadStage
	Name  string
	Email string
	Phone string
	// VisitorID is JivoChat's visitor.number; ClientID is client_id from
	// client_updated. Both are match keys.
	VisitorID string
	ClientID  string
	WidgetID  string
	UserToken string
	// Source is where the lead came from ("jivochat").
	Source string
	// AgentName is the chat agent last responsible (accepting agent, first
	// of agents, or assigned_agent).
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

// LeadMessage is one line of a lead's conversation history. Key identifies
// the line within its lead, so the same transcript delivered twice
// (chat_updated then chat_finished, or a redelivery) adds each line once.
type LeadMessage struct {
	LeadID    string
	Key       string
	ChatID    string
	At        time.Time
	Author    MessageAuthor
	AgentID   string
	AgentName string
	Text      string
}
