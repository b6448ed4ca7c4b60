// Package privacy is Selo's part of the LGPD (Lei 13.709/2018): the rights
// art. 18 gives every person whose data the office keeps. "Dados de uma
// pessoa" finds everything Selo holds about one CPF, e-mail or phone, exports
// it (JSON for portability, a PDF to read), and anonymises it in one
// transaction, keeping what a legal obligation requires (art. 16 I: signed
// contracts and their envelopes). Every search, export and anonymisation is
// logged with who and when, and old leads that never became a reservation
// can be removed daily (Retention).
//
// The package holds the rules (what is kept and why, how a key is read and
// masked) and depends only on the Store interface; sqlstore implements it on
// both engines.
package privacy

import (
	"context"
	"strings"
	"time"

	"selo/backend/crm"
)

// Error codes of this package (texts in frontend/src/i18n/privacy.ts).
const (
	// CodeKeyInvalid: the CPF, e-mail or phone typed cannot be read (data:
	// kind). Field "key".
	CodeKeyInvalid = "privacy.key_invalid"
	// CodeKindInvalid: the kind of key is not cpf, email or phone.
	CodeKindInvalid = "privacy.kind_invalid"
	// CodeEnvelopeRunning: the person signs an envelope that is still
	// running; anonymising them now would leave Clicksign/DocuSign collecting
	// signatures on a document Selo no longer describes (data: envelopes,
	// the envelope names). The office cancels the send first.
	CodeEnvelopeRunning = "privacy.envelope_running"
	// CodeNothingFound: anonymising a key Selo holds nothing about.
	CodeNothingFound = "privacy.nothing_found"
	// CodeRetentionInvalid: the retention months are not 0 (off) to 120.
	// Field "months".
	CodeRetentionInvalid = "privacy.retention_invalid"
)

// KeyKind says what identifies the person.
type KeyKind string

// The keys a person is found by.
const (
	KeyCPF   KeyKind = "cpf"
	KeyEmail KeyKind = "email"
	KeyPhone KeyKind = "phone"
)

// Key is a person's identifier, normalised the way Selo stores it: CPF as
// 11 digits, e-mail lower-cased, phone as DDD + number (10 or 11 digits) for
// a Brazilian number, or every digit after the "+" for a foreign one.
type Key struct {
	Kind  KeyKind `json:"kind"`
	Value string  `json:"value"`
	// Country is a phone's calling code as crm.Phone keeps it: "55" for a
	// Brazilian number, "" for a foreign one (its code is then part of
	// Value). It is what keeps "+7 999 123-45-67" from being read as the
	// Brazilian (79) 99123-4567 and wiping someone else.
	Country string `json:"country,omitempty"`
}

// Brazilian reports whether the key is a Brazilian phone, the only kind
// compared with the national numbers reservation forms store.
func (k Key) Brazilian() bool { return k.Kind == KeyPhone && k.Country == "55" }

// ParseKey reads what the office typed. A phone may come with or without
// +55, spaces, dashes and parentheses, but needs its DDD: without it the
// same eight or nine digits belong to a different line in every area code,
// and anonymising the wrong person is worse than asking again.
func ParseKey(kind KeyKind, text string) (Key, error) {
	text = strings.TrimSpace(text)
	bad := crm.E(CodeKeyInvalid, "kind", string(kind)).OnField("key")
	switch kind {
	case KeyCPF:
		if !crm.ValidCPF(text) {
			return Key{}, bad
		}
		return Key{Kind: KeyCPF, Value: digits(text)}, nil
	case KeyEmail:
		e := crm.NormalizeEmail(text)
		if e == "" {
			return Key{}, bad
		}
		return Key{Kind: KeyEmail, Value: e}, nil
	case KeyPhone:
		p, ok := crm.ParseChatPhone(text)
		if !ok {
			return Key{}, bad
		}
		return Key{Kind: KeyPhone, Value: p.Number, Country: p.Country}, nil
	}
	return Key{}, crm.E(CodeKindInvalid).OnField("kind")
}

func digits(s string) string {
	var b strings.Builder
	for _, r := range s {
		if r >= '0' && r <= '9' {
			b.WriteRune(r)
		}
	}
	return b.String()
}

// FormattedCPF is the CPF as reservations and signer rules store it.
func (k Key) FormattedCPF() string { return crm.FormatCPF(k.Value) }

// E164 is the phone as leads store it: "+55" and the national number, or
// "+" and every digit of a foreign one.
func (k Key) E164() string { return "+" + k.Country + k.Value }

// SamePhone reports whether p, as crm reads a stored or typed phone, is
// this key's line: the same country and the same number.
func (k Key) SamePhone(p crm.Phone) bool {
	return k.Kind == KeyPhone && p.Country == k.Country && p.Number == k.Value
}

// PersonKey is the key send operations and envelopes record for a signer
// identified this way (crm.PersonKey).
// crm.PersonKey records only Brazilian mobiles, as national numbers, so a
// foreign key gets a spelling no signer has instead of its bare digits,
// which could be a Brazilian signer's.
func (k Key) PersonKey() string {
	if k.Kind == KeyPhone && !k.Brazilian() {
		return "phone:+" + k.Value
	}
	return string(k.Kind) + ":" + k.Value
}

// Masked shows enough of the key for the office to recognise it in the
// access log and no more: 529.***.***-25, m***@example.com, (11) *****-4321.
func (k Key) Masked() string {
	switch k.Kind {
	case KeyCPF:
		if len(k.Value) == 11 {
			return k.Value[:3] + ".***.***-" + k.Value[9:]
		}
	case KeyEmail:
		at := strings.LastIndexByte(k.Value, '@')
		if at > 0 {
			return k.Value[:1] + "***" + k.Value[at:]
		}
	case KeyPhone:
		n := len(k.Value)
		if k.Brazilian() && (n == 10 || n == 11) {
			return "(" + k.Value[:2] + ") " + strings.Repeat("*", n-6) + "-" + k.Value[n-4:]
		}
		if n > 4 {
			return "+" + strings.Repeat("*", n-4) + k.Value[n-4:]
		}
	}
	return "***"
}

// PlaceKind is where in Selo a person appears.
type PlaceKind string

// The places that hold personal data. Every table with a person's data maps
// to one of them (the store test checks that each such table is covered).
const (
	// PlaceHolder: the titular of a reservation (reservations and its
	// reservation_people row).
	PlaceHolder PlaceKind = "holder"
	// PlaceAssociate: an associado of a reservation (reservation_people).
	PlaceAssociate PlaceKind = "associate"
	// PlaceContract: a generated or attached contract PDF of a reservation
	// the person is a party of (reservation_contracts and its file);
	// Regenerable says which.
	PlaceContract PlaceKind = "contract"
	// PlaceSend: a send for e-signature that names the person as a signer
	// (send_operation_signers, and the merged PDF in send_operation_files).
	PlaceSend PlaceKind = "send"
	// PlaceSendError: why a send failed (send_operations.error_data), which
	// names the signers whose data was missing: of a reservation the person
	// is in, or of a send naming them. A send refused before any signer was
	// saved has no other trace of them.
	PlaceSendError PlaceKind = "send_error"
	// PlaceEnvelopeSigner: a signer of an envelope (envelope_signers).
	PlaceEnvelopeSigner PlaceKind = "envelope_signer"
	// PlaceSignerRule: a fixed signer configured for a contract (Jurídico).
	PlaceSignerRule PlaceKind = "signer_rule"
	// PlaceLead: a chat lead (leads).
	PlaceLead PlaceKind = "lead"
	// PlaceTranscript: the conversation of a lead (lead_messages).
	PlaceTranscript PlaceKind = "transcript"
	// PlaceChatMention: lines a visitor typed the key into, in a chat
	// that is not the person's by its contact (lead_messages, those lines
	// only; see the store's findMentions for why the rest of that chat is
	// left alone).
	PlaceChatMention PlaceKind = "chat_mention"
	// PlaceChatEvent: a raw JivoChat webhook delivery about a lead
	// (jivochat_events.body).
	PlaceChatEvent PlaceKind = "chat_event"
	// PlaceUser: a Selo user (admin_users).
	PlaceUser PlaceKind = "user"
)

// Action is what anonymisation does with a place.
type Action string

// Actions.
const (
	// ActionAnonymise replaces the person's data in place: the row stays
	// (the reservation, the lead, its counts), nothing in it points to them.
	ActionAnonymise Action = "anonymise"
	// ActionDelete removes the row: a document whose whole content is the
	// person's data (an unsigned contract PDF).
	ActionDelete Action = "delete"
	// ActionKeep leaves the place as it is, for Reason.
	ActionKeep Action = "keep"
	// ActionBlocked: the place stops the anonymisation (an envelope still
	// running).
	ActionBlocked Action = "blocked"
)

// Reasons for keeping a place (texts in the screen, the PDF and the
// README).
const (
	// ReasonSignedContract: a signed contract, its reservation and its
	// envelopes. LGPD art. 16 I (and art. 7 II): kept to comply with a legal
	// or regulatory obligation: the contract is evidence of the sale
	// (Código Civil arts. 219 and 1.245, the deed and its registry) and
	// tax law requires it to be kept (CTN art. 195 parágrafo único).
	ReasonSignedContract = "signed_contract"
	// ReasonSignerRule: the office configured this person as a fixed
	// signer of its contracts (a witness, a manager): changing it is the
	// office's decision in Empreendimento → Jurídico.
	ReasonSignerRule = "signer_rule"
	// ReasonUser: a Selo user; deactivate them in Usuários. Their name
	// stays on what they did (LGPD art. 16 I, the office's own records).
	ReasonUser = "user"
	// ReasonRunning: an envelope the person signs is still running.
	ReasonRunning = "envelope_running"
	// ReasonAttachedContract: an unsigned PDF the office attached from
	// outside. Selo cannot make it again, and it is the whole reservation's
	// document (a guarantor's request must not destroy the titular's
	// contract), so it is kept and the office reviews it on the reservation:
	// replace it by one without the person, or remove it.
	ReasonAttachedContract = "attached_contract"
)

// Field is one labelled value of a place, in a fixed order. Name is a
// stable key (name, cpf, email, phone1, ...): the JSON export is for
// machines, the screen and the PDF label it in Portuguese.
type Field struct {
	Name  string `json:"name"`
	Value string `json:"value"`
}

// Message is one line of a chat transcript.
type Message struct {
	At     string `json:"at"`
	Author string `json:"author"`
	Text   string `json:"text"`
}

// Place is one place the person appears in.
type Place struct {
	Kind PlaceKind `json:"kind"`
	// Table and RowID name the stored row, so the export is checkable.
	Table string `json:"table"`
	RowID string `json:"rowId"`
	// Title says in Portuguese what the place is ("Reserva 12 · Ipê · A
	// 101", "Lead de 05/12/2026"), without the person's data.
	Title string `json:"title"`
	// ReservationID, LeadID and EnvelopeID link the place to the records
	// the screens show (0/"" when not applicable).
	ReservationID int64  `json:"reservationId"`
	LeadID        string `json:"leadId"`
	EnvelopeID    string `json:"envelopeId"`
	// Signed: the reservation (or envelope) this place belongs to has a
	// signed contract. EnvelopeState is the envelope's state for envelope
	// places.
	Signed        bool   `json:"signed"`
	EnvelopeState string `json:"envelopeState"`
	// Regenerable: a contract Selo generated from the reservation, which
	// it can generate again; false for a PDF attached from outside.
	Regenerable bool      `json:"regenerable"`
	Fields      []Field   `json:"fields"`
	Messages    []Message `json:"messages,omitempty"`
	// Action and Reason are what anonymisation does here and why (Decide).
	Action Action `json:"action"`
	Reason string `json:"reason"`
}

// SendInFlight is a send place's EnvelopeState while the send is being
// made (before its envelope exists): anonymising then would race it.
const SendInFlight = "running"

// Decide sets each place's action: the one rule of what anonymisation keeps.
//
// Reservations and associados are anonymised, not deleted: the reservation
// is the office's record of a unit's history and of the other people in it,
// who asked nothing; with the person's name, CPF and contacts gone it no
// longer identifies them (art. 5 III and XI, art. 12). An unsigned contract
// Selo generated carries the person's data and is deleted: the office
// generates it again from the anonymised reservation when it needs it. An
// unsigned PDF attached from outside cannot be made again and belongs to
// everyone in the reservation, so it is kept for the office to review
// (ReasonAttachedContract). Whatever belongs to a reservation with a signed
// contract is kept (ReasonSignedContract).
func Decide(places []Place) []Place {
	out := make([]Place, len(places))
	for i, p := range places {
		p.Action, p.Reason = ActionAnonymise, ""
		switch {
		case p.Kind == PlaceUser:
			p.Action, p.Reason = ActionKeep, ReasonUser
		case p.Kind == PlaceSignerRule:
			p.Action, p.Reason = ActionKeep, ReasonSignerRule
		case p.Signed:
			p.Action, p.Reason = ActionKeep, ReasonSignedContract
		case p.Kind == PlaceEnvelopeSigner && p.EnvelopeState == string(crm.EnvelopeRunning),
			p.Kind == PlaceSend && (p.EnvelopeState == string(crm.EnvelopeRunning) || p.EnvelopeState == SendInFlight):
			p.Action, p.Reason = ActionBlocked, ReasonRunning
		case p.Kind == PlaceContract && p.Regenerable:
			p.Action = ActionDelete
		case p.Kind == PlaceContract:
			p.Action, p.Reason = ActionKeep, ReasonAttachedContract
		}
		out[i] = p
	}
	return out
}

// Report is everything Selo holds about one person, as shown, exported and
// acted on.
type Report struct {
	Key         Key       `json:"key"`
	Masked      string    `json:"masked"`
	GeneratedAt time.Time `json:"generatedAt" ts_type:"string"`
	Places      []Place   `json:"places"`
}

// Counts sums a report's places by action, for the screen and the log.
func (r Report) Counts() map[string]int {
	c := map[string]int{"places": len(r.Places)}
	for _, p := range r.Places {
		c[string(p.Action)]++
	}
	return c
}

// Outcome is what an anonymisation did.
type Outcome struct {
	Report
	// Anonymised and Deleted count rows changed; Kept lists the places
	// left as they were, with their reason.
	Anonymised int     `json:"anonymised"`
	Deleted    int     `json:"deleted"`
	Kept       []Place `json:"kept"`
	// Files are contract PDFs (SHA-256 names) no row uses any more, removed
	// from the file store after the commit.
	Files []string `json:"-"`
}

// LogAction is what a log entry records.
type LogAction string

// Logged actions.
const (
	LogSearch     LogAction = "search"
	LogExportJSON LogAction = "export_json"
	LogExportPDF  LogAction = "export_pdf"
	LogAnonymise  LogAction = "anonymise"
	LogRetention  LogAction = "retention"
)

// LogEntry is one line of the access log: who, when, what. Subject is
// always a masked key, Counts only numbers.
type LogEntry struct {
	ID       int64     `json:"id"`
	At       time.Time `json:"at" ts_type:"string"`
	UserID   int64     `json:"userId"`
	UserName string    `json:"userName"`
	// Host is the name of the PC that acted: with no user chosen on it,
	// the only trace of which desk it was.
	Host    string         `json:"host"`
	Action  LogAction      `json:"action"`
	Subject string         `json:"subject"`
	Counts  map[string]int `json:"counts"`
}

// Store is what the service needs from the database.
type Store interface {
	// Find lists every place key appears in, with the facts Decide needs.
	Find(ctx context.Context, key Key) ([]Place, error)
	// Anonymise applies Decide to what Find returns, in ONE transaction
	// with the log entry: all of it or nothing. A blocked place refuses
	// the whole (CodeEnvelopeRunning).
	Anonymise(ctx context.Context, key Key, entry LogEntry) (Outcome, error)
	// Log records an entry; AccessLog lists the latest, newest first.
	Log(ctx context.Context, entry LogEntry) error
	AccessLog(ctx context.Context, limit int) ([]LogEntry, error)
	// RemoveOldLeads deletes, with their transcripts and raw events, the
	// leads whose last activity is before cutoff and that never became a
	// reservation, when no other PC did this since notBefore (a claim kept
	// in the database, so in an office one PC runs it per day). ran is
	// false when another run was recent. The log entry is written in the
	// same transaction.
	// Raw deliveries that reached no lead, received before cutoff, go too.
	RemoveOldLeads(ctx context.Context, cutoff, notBefore time.Time, entry LogEntry) (removed int, ran bool, err error)
	// CountOldLeads is what RemoveOldLeads would remove now, without
	// removing it: leads, and raw deliveries without a lead.
	CountOldLeads(ctx context.Context, cutoff time.Time) (leads, deliveries int, err error)
	// Setting and SetSetting keep the retention months.
	Setting(ctx context.Context, key string) (string, bool, error)
	SetSetting(ctx context.Context, key, value string) error
}

// Actors says who uses this desktop (the name stamped on log entries).
type Actors interface {
	Actor() crm.Actor
}
