// Package leads serves the lead screens (list, transcript, stage) and runs
// the JivoChat integration: its configuration, the integration URL the office
// pastes into JivoChat, the local listener's life and the test event.
//
// The integration is owned by a gestor and authorised by one of the gestor's
// tokens (package users). The listener accepts any live token of an active
// user, checked against the database on every request, so revoking the token
// or deactivating the user stops the URL at once.
package leads

import (
	"context"
	"strings"
	"time"
	"unicode"

	"selo/backend/crm"
	"selo/backend/jivochat"
)

// Filter selects leads for the list screen. Empty fields do not filter.
type Filter struct {
	// Search matches name, e-mail or phone; accents and letter case are
	// ignored, and a query of digits matches phones in any spelling.
	Search string `json:"search"`
	// Stage is one of new, in_progress, converted, discarded.
	Stage crm.LeadStage `json:"stage"`
	// Origin is where the lead came from ("jivochat").
	Origin string `json:"origin"`
	// WithoutContact lists only the visitors who left no e-mail or phone.
	// A Stage filter lists only leads with a contact: a visitor without one
	// is not a lead yet.
	WithoutContact bool `json:"withoutContact"`
	// Limit defaults to DefaultLimit and is capped at MaxLimit.
	Limit  int `json:"limit"`
	Offset int `json:"offset"`
}

// Page sizes.
const (
	DefaultLimit = 50
	MaxLimit     = 200
)

// Page is one page of the list and the total the filter matches.
type Page struct {
	Items  []Summary `json:"items"`
	Total  int       `json:"total"`
	Limit  int       `json:"limit"`
	Offset int       `json:"offset"`
}

// Summary is one row of the lead list.
type Summary struct {
	ID        string        `json:"id"`
	Name      string        `json:"name"`
	Email     string        `json:"email"`
	Phone     string        `json:"phone"`
	Stage     crm.LeadStage `json:"stage"`
	Origin    string        `json:"origin"`
	AgentName string        `json:"agentName"`
	// HasContact is false for a "visitante sem contato": a chat kept with its
	// transcript whose visitor left no e-mail or phone. Adding one (SetContact)
	// makes it a lead.
	HasContact bool      `json:"hasContact"`
	CreatedAt  time.Time `json:"createdAt" ts_type:"string"`
	// LastActivityAt is when an event last touched the lead (creation when
	// none did); the list is sorted by it, newest first.
	LastActivityAt time.Time `json:"lastActivityAt" ts_type:"string"`
	// LastMessage is the start of the latest conversation line ("" when the
	// lead has none).
	LastMessage       string            `json:"lastMessage"`
	LastMessageAuthor crm.MessageAuthor `json:"lastMessageAuthor"`
	LastMessageAt     *time.Time        `json:"lastMessageAt,omitempty" ts_type:"string"`
	MessageCount      int               `json:"messageCount"`
}

// Attribution is how the lead reached the site (first touch).
type Attribution struct {
	UTMSource   string `json:"utmSource"`
	UTMMedium   string `json:"utmMedium"`
	UTMCampaign string `json:"utmCampaign"`
	UTMContent  string `json:"utmContent"`
	UTMTerm     string `json:"utmTerm"`
	PageURL     string `json:"pageUrl"`
	PageTitle   string `json:"pageTitle"`
}

// Geo is JivoChat's IP location of the visitor.
type Geo struct {
	City        string `json:"city"`
	Region      string `json:"region"`
	RegionCode  string `json:"regionCode"`
	Country     string `json:"country"`
	CountryCode string `json:"countryCode"`
}

// Message is one conversation line.
type Message struct {
	ID        int64             `json:"id"`
	ChatID    string            `json:"chatId"`
	At        time.Time         `json:"at" ts_type:"string"`
	Author    crm.MessageAuthor `json:"author"`
	AgentName string            `json:"agentName"`
	Text      string            `json:"text"`
}

// Detail is one lead with its whole conversation, oldest line first.
type Detail struct {
	Summary
	VisitorID    string      `json:"visitorId"`
	ClientID     string      `json:"clientId"`
	WidgetID     string      `json:"widgetId"`
	Department   string      `json:"department"`
	Organization string      `json:"organization"`
	ClientStatus string      `json:"clientStatus"`
	Tags         []string    `json:"tags"`
	Attribution  Attribution `json:"attribution"`
	Geo          Geo         `json:"geo"`
	UpdatedAt    time.Time   `json:"updatedAt" ts_type:"string"`
	Messages     []Message   `json:"messages"`
}

// Counts is what the integration screen shows about stored data.
type Counts struct {
	Leads     int
	RawEvents int
	// LastEventAt is when the newest raw event was received; zero if none.
	LastEventAt time.Time
}

// Store is the database side of the lead screens and of the webhook handler;
// package sqlite implements it.
type Store interface {
	jivochat.Store
	// ListLeads returns one page, most recent activity first.
	ListLeads(ctx context.Context, f Filter) (Page, error)
	// GetLead returns a lead with its messages, or crm.CodeNotFound.
	GetLead(ctx context.Context, id string) (Detail, error)
	// SetStage changes a lead's stage, or returns crm.CodeNotFound.
	SetStage(ctx context.Context, id string, stage crm.LeadStage, at time.Time) error
	// SetContact sets the non-empty of email and phone (already normalised)
	// on a lead, or returns crm.CodeNotFound.
	SetContact(ctx context.Context, id, email, phone string, at time.Time) error
	// Counts returns what is stored, for the status panel.
	Counts(ctx context.Context) (Counts, error)
	// LegacySkipped returns up to limit deliveries an older Selo skipped
	// for lack of contact, for Service.Start to reapply.
	LegacySkipped(ctx context.Context, limit int) ([]jivochat.RawEvent, error)
	// RawEventLead returns the lead a stored event touched.
	RawEventLead(ctx context.Context, key string) (leadID string, found bool, err error)
}

// Fold lower-cases s and strips the accents Portuguese uses, so that search
// compares "Joao" with "João". It is the one definition both the stored
// search text and the query go through.
func Fold(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	for _, r := range strings.ToLower(s) {
		if f, ok := foldMap[r]; ok {
			r = f
		}
		b.WriteRune(r)
	}
	return b.String()
}

var foldMap = func() map[rune]rune {
	m := map[rune]rune{}
	for base, accented := range map[rune]string{
		'a': "áàâãäå", 'e': "éèêë", 'i': "íìîï", 'o': "óòôõö", 'u': "úùûü", 'c': "ç", 'n': "ñ", 'y': "ýÿ",
	} {
		for _, r := range accented {
			m[r] = base
		}
	}
	return m
}()

// Digits keeps only the ASCII digits of s.
func Digits(s string) string {
	return strings.Map(func(r rune) rune {
		if r >= '0' && r <= '9' {
			return r
		}
		return -1
	}, s)
}

// SearchText is what a lead is searched by: folded name and e-mail, and the
// phone's digits (so "98765-4321" finds "+5511987654321").
func SearchText(name, email, phone string) string {
	return Fold(name) + "\n" + Fold(email) + "\n" + Digits(phone)
}

// SearchTerm turns what the user typed into the text to look for inside
// SearchText: digits only when the query looks like a phone, else folded.
func SearchTerm(q string) string {
	q = strings.TrimSpace(q)
	if q == "" {
		return ""
	}
	d := Digits(q)
	if len(d) >= 3 && !strings.ContainsFunc(q, unicode.IsLetter) && !strings.Contains(q, "@") {
		return d
	}
	return Fold(q)
}
