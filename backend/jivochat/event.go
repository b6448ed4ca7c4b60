package jivochat

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"unicode/utf8"

	"selo/backend/crm"
)

// Event names JivoChat sends to the Webhooks API URL.
const (
	EventChatAccepted           = "chat_accepted"
	EventChatUpdated            = "chat_updated"
	EventChatAssigned           = "chat_assigned"
	EventChatFinished           = "chat_finished"
	EventOfflineMessage         = "offline_message"
	EventClientUpdated          = "client_updated"
	EventClientAttributeUpdated = "client_attribute_updated"
	EventCallEvent              = "call_event"
)

// maxEventNameLen bounds event_name so a hostile body cannot make us store or
// key on a megabyte-long "name"; real names are under 30 characters.
const maxEventNameLen = 100

// Event is one decoded webhook call. The concrete type is one of
// *ChatAccepted, *ChatUpdated, *ChatFinished, *OfflineMessage,
// *ClientUpdated, *CallEvent or, for any other event_name, *Generic.
type Event interface {
	// Base gives the fields every event shares, the raw body and the
	// decoding warnings.
	Base() *Envelope
}

// Envelope holds the fields common to JivoChat events (reference §4). Every
// field is optional except EventName.
type Envelope struct {
	EventName     string          `json:"event_name"`
	WidgetID      FlexString      `json:"widget_id"`
	UserToken     FlexString      `json:"user_token"`
	ChatID        FlexString      `json:"chat_id"`
	Visitor       *Visitor        `json:"visitor"`
	Department    *Department     `json:"department"`
	Session       *Session        `json:"session"`
	Page          *Page           `json:"page"`
	Analytics     json.RawMessage `json:"analytics"`
	Organization  *Organization   `json:"organization"`
	Status        *ClientStatus   `json:"status"`
	AssignedAgent *Agent          `json:"assigned_agent"`
	Tags          []Tag           `json:"tags"`
	Topic         *Topic          `json:"topic"`

	// Raw is the body exactly as received, unknown fields included.
	Raw json.RawMessage `json:"-"`
	// Warnings lists known fields that had an unexpected JSON type and were
	// therefore left empty; Raw still has them.
	Warnings []string `json:"-"`
}

// Base implements Event.
func (e *Envelope) Base() *Envelope { return e }

// Visitor is the person chatting. number is string in chat events and number
// in client_updated, hence FlexString.
type Visitor struct {
	Name        FlexString      `json:"name"`
	Email       FlexString      `json:"email"`
	Phone       FlexString      `json:"phone"`
	Description FlexString      `json:"description"`
	Number      FlexString      `json:"number"`
	Social      json.RawMessage `json:"social,omitempty"`
	ChatsCount  FlexInt         `json:"chats_count"`
}

// Agent is a JivoChat operator (agent, agents[], assigned_agent).
type Agent struct {
	ID    FlexString `json:"id"`
	Name  FlexString `json:"name"`
	Email FlexString `json:"email"`
	Phone FlexString `json:"phone"`
}

// Department is the department the visitor chose.
type Department struct {
	ID   FlexString `json:"id"`
	Name FlexString `json:"name"`
}

// Session describes where the visitor came from.
type Session struct {
	GeoIP     *GeoIP     `json:"geoip"`
	UTM       FlexString `json:"utm"`
	UTMJSON   *UTMJSON   `json:"utm_json"`
	IPAddr    FlexString `json:"ip_addr"`
	UserAgent FlexString `json:"user_agent"`
}

// GeoIP is JivoChat's IP geolocation; coordinates come as strings.
type GeoIP struct {
	RegionCode   FlexString `json:"region_code"`
	Country      FlexString `json:"country"`
	CountryCode  FlexString `json:"country_code"`
	Region       FlexString `json:"region"`
	City         FlexString `json:"city"`
	Latitude     FlexString `json:"latitude"`
	Longitude    FlexString `json:"longitude"`
	Organization FlexString `json:"organization"`
	ISP          FlexString `json:"isp"`
}

// UTMJSON is the parsed form of session.utm.
type UTMJSON struct {
	Source   FlexString `json:"source"`
	Medium   FlexString `json:"medium"`
	Campaign FlexString `json:"campaign"`
	Content  FlexString `json:"content"`
	Term     FlexString `json:"term"`
}

// Page is the page the visitor is on.
type Page struct {
	URL   FlexString `json:"url"`
	Title FlexString `json:"title"`
}

// Organization is the company a Jivo client belongs to.
type Organization struct {
	ID   FlexString `json:"id"`
	Name FlexString `json:"name"`
}

// ClientStatus is the client's category in Jivo's CRM (e.g. contact_later).
type ClientStatus struct {
	ID    FlexString `json:"id"`
	Title FlexString `json:"title"`
}

// Tag is a Jivo client tag.
type Tag struct {
	ID    FlexString `json:"id"`
	Title FlexString `json:"title"`
}

// Topic is the chat topic chosen by the agent.
type Topic struct {
	TopicID  FlexString `json:"topic_id"`
	Title    FlexString `json:"title"`
	ParentID FlexString `json:"parent_id"`
}

// Chat is the transcript block of chat_finished.
type Chat struct {
	Messages    []ChatMessage `json:"messages"`
	Invitation  FlexString    `json:"invitation"`
	Rate        FlexString    `json:"rate"`
	Blacklisted FlexBool      `json:"blacklisted"`
}

// ChatMessage is one line of a transcript. Type is "visitor" or "agent";
// AgentID is set only for agent lines.
type ChatMessage struct {
	Timestamp FlexInt    `json:"timestamp"`
	Type      FlexString `json:"type"`
	AgentID   FlexString `json:"agent_id"`
	Message   FlexString `json:"message"`
}

// Call is the telephony block of call_event.
type Call struct {
	Type      FlexString `json:"type"`
	Phone     FlexString `json:"phone"`
	Status    FlexString `json:"status"`
	Reason    FlexString `json:"reason"`
	RecordURL FlexString `json:"record_url"`
}

// ChatAccepted: an agent accepted the chat. Its reply is shown to the agent.
// Chat is not in the reference for this event; it is read when present.
type ChatAccepted struct {
	Envelope
	Agent *Agent `json:"agent"`
	Chat  *Chat  `json:"chat"`
}

// ChatUpdated: visitor data changed during a chat. Same shape and reply as
// ChatAccepted.
type ChatUpdated struct {
	Envelope
	Agent *Agent `json:"agent"`
	Chat  *Chat  `json:"chat"`
}

// ChatFinished: the chat closed; carries the whole transcript.
type ChatFinished struct {
	Envelope
	Agents        []Agent    `json:"agents"`
	Chat          *Chat      `json:"chat"`
	PlainMessages FlexString `json:"plain_messages"`
	HTMLMessages  FlexString `json:"html_messages"`
}

// OfflineMessage: a message left through the offline form. OfflineMessageID
// is a number in the current docs and a string in older ones.
type OfflineMessage struct {
	Envelope
	Message          FlexString `json:"message"`
	OfflineMessageID FlexString `json:"offline_message_id"`
}

// ClientUpdated: the client card changed outside an active chat.
type ClientUpdated struct {
	Envelope
	ClientID FlexString `json:"client_id"`
}

// CallEvent: a call started or changed status.
type CallEvent struct {
	Envelope
	Agent *Agent `json:"agent"`
	Call  *Call  `json:"call"`
}

// Generic is any other event (chat_assigned, client_attribute_updated, CRM
// webhooks, names JivoChat adds later). It is answered, never refused.
type Generic struct {
	Envelope
}

// Decode reads one webhook body. It refuses only what makes the event
// unusable: a body that is not a single JSON object, or one without a
// non-empty string event_name (errors carry CodeMalformed or
// CodeEventNameMissing). Unknown fields are ignored here and kept in Raw;
// known fields of the wrong type are left empty and listed in Warnings.
func Decode(body []byte) (Event, error) {
	trimmed := bytes.TrimSpace(body)
	if len(trimmed) == 0 {
		return nil, malformed("empty", nil)
	}
	if trimmed[0] != '{' {
		return nil, malformed("not_an_object", nil)
	}
	if !json.Valid(trimmed) {
		return nil, malformed("invalid_json", nil)
	}
	// A map first, because struct decoding matches keys case-insensitively and
	// we want event_name itself to be exact.
	var top map[string]json.RawMessage
	if err := json.Unmarshal(trimmed, &top); err != nil {
		return nil, malformed("invalid_json", err)
	}
	rawName, ok := top["event_name"]
	if !ok {
		return nil, crm.E(CodeEventNameMissing)
	}
	var name string
	if err := json.Unmarshal(rawName, &name); err != nil {
		return nil, crm.E(CodeEventNameMissing, "reason", "not_a_string")
	}
	name = strings.TrimSpace(name)
	if name == "" || len(name) > maxEventNameLen || !utf8.ValidString(name) {
		return nil, crm.E(CodeEventNameMissing, "reason", "empty_or_invalid")
	}

	var ev Event
	switch name {
	case EventChatAccepted:
		ev = &ChatAccepted{}
	case EventChatUpdated:
		ev = &ChatUpdated{}
	case EventChatFinished:
		ev = &ChatFinished{}
	case EventOfflineMessage:
		ev = &OfflineMessage{}
	case EventClientUpdated:
		ev = &ClientUpdated{}
	case EventCallEvent:
		ev = &CallEvent{}
	default:
		ev = &Generic{}
	}
	warnings := decodeLenient(trimmed, ev)
	env := ev.Base()
	env.EventName = name
	env.Raw = append(json.RawMessage(nil), body...)
	env.Warnings = warnings
	return ev, nil
}

// decodeLenient fills v as far as possible. encoding/json skips a field whose
// JSON type does not fit and goes on with the rest, reporting the first such
// mismatch. Only that first one is named in the warnings: enough to spot a
// format change in the log, and Raw keeps the rest.
func decodeLenient(body []byte, v any) []string {
	err := json.Unmarshal(body, v)
	if err == nil {
		return nil
	}
	var typeErr *json.UnmarshalTypeError
	if errors.As(err, &typeErr) {
		return []string{fmt.Sprintf("%s: got JSON %s", typeErr.Field, typeErr.Value)}
	}
	// The body was validated already, so anything else is unexpected; report it
	// rather than lose the event.
	return []string{err.Error()}
}
