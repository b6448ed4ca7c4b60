package jivochat

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/google/uuid"

	"selo/backend/crm"
)

// Config builds a Handler.
type Config struct {
	// Store is required.
	Store Store
	// Now is the clock; time.Now when nil. Times are stored in UTC.
	Now func() time.Time
	// NewID makes lead ids; uuid.NewString when nil.
	NewID func() string
	// LeadLinkBase, when set, makes replies to chat_accepted/chat_updated
	// carry crm_link (and a link in custom_data) pointing at the lead. The
	// lead id replaces "{id}" if present, else it is appended as a path
	// segment: "selo://leads" gives selo://leads/<id>, "https://x/leads?id={id}"
	// gives https://x/leads?id=<id>. Only http, https and selo schemes are
	// accepted. Empty (the default) sends no link: a selo:// link only opens
	// where the OS has the scheme registered, and JivoChat may require links to
	// be on the channel's "Secure URL" (UNCONFIRMED), so the office opts in.
	LeadLinkBase string
	// Logger gets one line per event (never contact data); discarded when nil.
	Logger *slog.Logger
}

// Handler applies JivoChat events to leads. It is safe for concurrent use.
type Handler struct {
	store    Store
	now      func() time.Time
	newID    func() string
	linkBase string
	log      *slog.Logger
}

// NewHandler checks cfg and returns a Handler.
func NewHandler(cfg Config) (*Handler, error) {
	if cfg.Store == nil {
		return nil, errors.New("jivochat: Config.Store is required")
	}
	h := &Handler{store: cfg.Store, now: cfg.Now, newID: cfg.NewID, log: cfg.Logger}
	if h.now == nil {
		h.now = time.Now
	}
	if h.newID == nil {
		h.newID = uuid.NewString
	}
	if h.log == nil {
		h.log = slog.New(slog.DiscardHandler)
	}
	if base := strings.TrimSpace(cfg.LeadLinkBase); base != "" {
		u, err := url.Parse(base)
		if err != nil || (u.Scheme != "http" && u.Scheme != "https" && u.Scheme != "selo") {
			return nil, crm.E(crm.CodeOutOfRange).OnField("leadLinkBase").Wrap(fmt.Errorf("jivochat: LeadLinkBase %q: want an http, https or selo URL", base))
		}
		h.linkBase = base
	}
	return h, nil
}

// Result says what Process did with one event.
type Result struct {
	EventName string
	// Key is the idempotency key (see IdempotencyKey).
	Key     string
	LeadID  string
	Outcome Outcome
	Created bool
	// Duplicate: the key was seen before and nothing was changed.
	Duplicate     bool
	MessagesAdded int
	// Reply is the body to send back to JivoChat with status 200.
	Reply []byte
}

var replyOK = []byte(`{"result":"ok"}`)

// Handle processes a webhook body and returns the HTTP reply and status:
// 200 with the reference's reply, 400 for a body Decode refuses, 500 when the
// store fails (so that JivoChat, if it retries, retries), 503 when ctx ended.
func (h *Handler) Handle(ctx context.Context, body []byte) (reply []byte, status int) {
	res, err := h.Process(ctx, body)
	if err == nil {
		return res.Reply, http.StatusOK
	}
	e := crm.AsError(err)
	switch {
	case e.Code == CodeMalformed || e.Code == CodeEventNameMissing:
		return errorReply(e.Code), http.StatusBadRequest
	case errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded):
		return errorReply("unavailable"), http.StatusServiceUnavailable
	default:
		return errorReply(crm.CodeInternal), http.StatusInternalServerError
	}
}

// errorReply is the "error text" the reference allows; JSON so that it reads
// the same in JivoChat's logs and ours.
func errorReply(code string) []byte {
	b, _ := json.Marshal(map[string]string{"result": "error", "error": code})
	return b
}

// Process decodes body and applies it in one Store transaction.
func (h *Handler) Process(ctx context.Context, body []byte) (Result, error) {
	ev, err := Decode(body)
	if err != nil {
		h.log.Warn("jivochat event refused", "error", err)
		return Result{}, err
	}
	env := ev.Base()
	now := h.now().UTC()
	key := IdempotencyKey(ev)
	hash := bodyHash(env.Raw)
	var res Result
	var lead *crm.Lead
	err = h.store.Apply(ctx, func(tx Tx) error {
		res = Result{EventName: env.EventName, Key: key}
		lead = nil
		// Only the same content sent again is a duplicate. A later delivery
		// under the same key (chat_finished of a chat that went on) is
		// applied: its lines are deduplicated one by one, not as a whole.
		leadID, seen, err := tx.SeenBody(key, hash)
		if err != nil {
			return err
		}
		if !seen {
			return h.apply(tx, ev, key, hash, now, &res, &lead, tx.SaveRawEvent)
		}
		res.Duplicate = true
		res.LeadID = leadID
		res.Outcome = OutcomeDuplicate
		if leadID != "" {
			l, ok, err := tx.Lead(leadID)
			if err != nil {
				return err
			}
			if ok {
				lead = &l
			}
		}
		// Kept anyway: every body that reached us is on record.
		return tx.SaveRawEvent(RawEvent{Key: key, BodyHash: hash, ChatID: chatKey(env.ChatID), EventName: env.EventName,
			ReceivedAt: now, LeadID: leadID, Outcome: OutcomeDuplicate, Body: env.Raw})
	})
	if err != nil {
		h.log.Error("jivochat event not stored", "event", env.EventName, "key", key, "error", err)
		return Result{}, err
	}
	res.Reply = h.reply(ev, lead)
	if len(env.Warnings) > 0 {
		h.log.Warn("jivochat event had fields of unexpected type", "event", env.EventName, "warnings", env.Warnings)
	}
	h.log.Info("jivochat event", "event", env.EventName, "key", key, "lead", res.LeadID,
		"outcome", res.Outcome, "duplicate", res.Duplicate, "messages_added", res.MessagesAdded)
	return res, nil
}

// apply runs the rules for one event and records the delivery through
// record (a new row for Process, the old row for Reapply).
func (h *Handler) apply(tx Tx, ev Event, key, hash string, now time.Time, res *Result, out **crm.Lead,
	record func(RawEvent) error) error {
	env := ev.Base()
	chatID := chatKey(env.ChatID)
	save := func(leadID string, o Outcome) error {
		res.Outcome = o
		res.LeadID = leadID
		return record(RawEvent{Key: key, BodyHash: hash, ChatID: chatID, EventName: env.EventName,
			ReceivedAt: now, LeadID: leadID, Outcome: o, Body: env.Raw})
	}
	if _, ok := ev.(*Generic); ok {
		return save("", OutcomeIgnored)
	}
	c := extract(ev, now)

	var lead crm.Lead
	found := false
	for _, k := range []struct {
		by LeadKey
		v  string
	}{{ByVisitorID, c.visitorID}, {ByClientID, c.clientID}, {ByEmail, c.email}, {ByPhone, c.phone}} {
		if k.v == "" {
			continue
		}
		l, ok, err := tx.FindLead(k.by, k.v)
		if err != nil {
			return err
		}
		if ok {
			lead, found = l, true
			break
		}
	}
	if !found && chatID != "" {
		// A visitor without contact nor visitor number is only known by the
		// chat; its later deliveries must land on the same row.
		id, ok, err := tx.ChatLead(chatID)
		if err != nil {
			return err
		}
		if ok {
			if lead, found, err = tx.Lead(id); err != nil {
				return err
			}
		}
	}
	outcome := OutcomeLeadUpdated
	if !found {
		if c.email == "" && c.phone == "" && len(c.messages) == 0 {
			// Nothing to show and no one to reach: the raw body is enough.
			return save("", OutcomeSkippedNoContact)
		}
		// Without contact the row is a "visitante sem contato": listed with
		// its transcript so that someone can add a contact and make it a lead.
		lead = crm.Lead{ID: h.newID(), Stage: crm.LeadNew, Source: SourceJivoChat, CreatedAt: now}
		outcome = OutcomeLeadCreated
	}
	if !c.acceptChat && lead.Stage == crm.LeadNew {
		// chat_accepted of an anonymous visitor creates no lead; when the lead
		// appears later in the same chat, the acceptance still counts.
		if chatID := env.ChatID.String(); chatID != "" {
			_, accepted, err := tx.SeenEvent(EventChatAccepted + ":" + chatID)
			if err != nil {
				return err
			}
			c.acceptChat = accepted
		}
	}
	c.applyTo(&lead)
	lead.UpdatedAt, lead.LastEventAt = now, now
	if found {
		if err := tx.UpdateLead(lead); err != nil {
			return err
		}
	} else {
		if err := tx.InsertLead(lead); err != nil {
			return err
		}
		res.Created = true
	}
	for i := range c.messages {
		c.messages[i].LeadID = lead.ID
	}
	added, err := tx.AppendMessages(c.messages)
	if err != nil {
		return err
	}
	res.MessagesAdded = added
	*out = &lead
	return save(lead.ID, outcome)
}

// Reapply runs a delivery stored by an older Selo through today's rules, in
// place: the stored row gets its hash, chat, outcome and lead; no row is
// added. It exists for chats an older Selo kept only as skipped raw events
// (visitor without contact), so that they reach the Leads screen after an
// upgrade. ev.ID must be the stored row; its ReceivedAt is kept.
func (h *Handler) Reapply(ctx context.Context, stored RawEvent) (Result, error) {
	ev, err := Decode(stored.Body)
	if err != nil {
		return Result{}, err
	}
	env := ev.Base()
	key, hash := IdempotencyKey(ev), bodyHash(env.Raw)
	now := h.now().UTC()
	var res Result
	err = h.store.Apply(ctx, func(tx Tx) error {
		res = Result{EventName: env.EventName, Key: key}
		var lead *crm.Lead
		return h.apply(tx, ev, key, hash, now, &res, &lead, func(r RawEvent) error {
			r.ID, r.ReceivedAt = stored.ID, stored.ReceivedAt
			return tx.UpdateRawEvent(r)
		})
	})
	if err != nil {
		return Result{}, err
	}
	h.log.Info("jivochat event reapplied", "event", env.EventName, "key", key, "lead", res.LeadID, "outcome", res.Outcome)
	return res, nil
}

// IdempotencyKey is the key under which an event is remembered. The same
// delivery twice gives the same key; see the package comment for why some
// events add a body hash to the reference's keys.
func IdempotencyKey(ev Event) string {
	env := ev.Base()
	name := env.EventName
	h := func() string { return bodyHash(env.Raw) }
	id := func(s FlexString) string {
		v := s.String()
		if v == "" || len(v) > 64 || strings.ContainsAny(v, ":\x00") {
			return ""
		}
		return v
	}
	switch e := ev.(type) {
	case *ChatAccepted, *ChatFinished:
		if c := id(env.ChatID); c != "" {
			return name + ":" + c
		}
	case *OfflineMessage:
		if o := id(e.OfflineMessageID); o != "" {
			return name + ":" + o
		}
	case *ChatUpdated, *CallEvent:
		return name + ":" + id(env.ChatID) + ":" + h()
	case *ClientUpdated:
		return name + ":" + id(e.ClientID) + ":" + h()
	}
	return name + ":" + h()
}

// chatKey is the chat id as stored for ChatLead, or "" when it cannot be
// one (the same bounds as the idempotency key).
func chatKey(s FlexString) string {
	v := s.String()
	if len(v) > 64 || strings.ContainsAny(v, ":\x00") {
		return ""
	}
	return v
}

// bodyHash hashes a canonical form of the body (keys sorted, no blanks,
// numbers verbatim) so that a redelivery re-serialised differently still
// matches. A body that cannot be re-encoded is hashed as sent.
func bodyHash(raw []byte) string {
	src := raw
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.UseNumber()
	var v any
	if dec.Decode(&v) == nil {
		if b, err := json.Marshal(v); err == nil {
			src = b
		}
	}
	sum := sha256.Sum256(src)
	return hex.EncodeToString(sum[:16])
}

// change is what one event says about a lead, already normalised.
type change struct {
	visitorID, clientID        string
	name, email, phone         string
	widgetID, userToken        string
	agentName, department      string
	organization, clientStatus string
	tags                       []string
	tagsSent                   bool
	attribution                crm.Attribution
	geo                        crm.Geo
	acceptChat                 bool
	messages                   []crm.LeadMessage
}

// chatPhone is the dedupe key of a phone a visitor typed: E.164, or "" when
// it cannot be a phone.
func chatPhone(s string) string {
	p, _ := crm.ParseChatPhone(s)
	return p.E164()
}

func extract(ev Event, now time.Time) change {
	env := ev.Base()
	c := change{
		widgetID:  env.WidgetID.String(),
		userToken: env.UserToken.String(),
	}
	if v := env.Visitor; v != nil {
		c.visitorID = v.Number.String()
		c.name = clip(v.Name.String(), 200)
		c.email = crm.NormalizeEmail(v.Email.String())
		c.phone = chatPhone(v.Phone.String())
	}
	if d := env.Department; d != nil {
		c.department = clip(d.Name.String(), 200)
	}
	if o := env.Organization; o != nil {
		c.organization = clip(o.Name.String(), 200)
	}
	if s := env.Status; s != nil {
		c.clientStatus = clip(s.Title.String(), 200)
	}
	if env.Tags != nil {
		c.tagsSent = true
		c.tags = []string{}
		for _, t := range env.Tags {
			if title := clip(t.Title.String(), 100); title != "" {
				c.tags = append(c.tags, title)
			}
		}
	}
	if s := env.Session; s != nil {
		c.attribution.UTMRaw = clip(s.UTM.String(), 1000)
		if u := s.UTMJSON; u != nil {
			c.attribution.UTMSource = clip(u.Source.String(), 200)
			c.attribution.UTMMedium = clip(u.Medium.String(), 200)
			c.attribution.UTMCampaign = clip(u.Campaign.String(), 200)
			c.attribution.UTMContent = clip(u.Content.String(), 200)
			c.attribution.UTMTerm = clip(u.Term.String(), 200)
		}
		fillUTMFromRaw(&c.attribution)
		if g := s.GeoIP; g != nil {
			c.geo = crm.Geo{City: clip(g.City.String(), 100), Region: clip(g.Region.String(), 100),
				RegionCode: clip(g.RegionCode.String(), 10), Country: clip(g.Country.String(), 100),
				CountryCode: clip(g.CountryCode.String(), 10), Latitude: clip(g.Latitude.String(), 30),
				Longitude: clip(g.Longitude.String(), 30)}
		}
	}
	if p := env.Page; p != nil {
		c.attribution.PageURL = clip(p.URL.String(), 2000)
		c.attribution.PageTitle = clip(p.Title.String(), 300)
	}
	chatID := env.ChatID.String()
	agents := map[string]string{}
	switch e := ev.(type) {
	case *ChatAccepted:
		c.agentName = agentName(e.Agent, agents)
		c.acceptChat = true
		text := "Atendimento iniciado no JivoChat"
		if c.agentName != "" {
			text += " por " + c.agentName
		}
		c.messages = append(c.messages, crm.LeadMessage{Key: "accepted:" + chatID, ChatID: chatID, At: now,
			Author: crm.AuthorSystem, Text: text + "."})
		c.messages = append(c.messages, transcript(chatID, e.Chat, agents, now)...)
	case *ChatUpdated:
		c.agentName = agentName(e.Agent, agents)
		c.messages = transcript(chatID, e.Chat, agents, now)
	case *ChatFinished:
		for i := range e.Agents {
			n := agentName(&e.Agents[i], agents)
			if c.agentName == "" {
				c.agentName = n
			}
		}
		c.messages = transcript(chatID, e.Chat, agents, now)
	case *OfflineMessage:
		if text := clip(e.Message.String(), 20000); text != "" {
			k := e.OfflineMessageID.String()
			if k == "" || len(k) > 64 {
				k = bodyHash(env.Raw)
			}
			c.messages = []crm.LeadMessage{{Key: "offline:" + k, ChatID: chatID, At: now, Author: crm.AuthorVisitor, Text: text}}
		}
	case *ClientUpdated:
		c.clientID = e.ClientID.String()
		if len(c.clientID) > 64 {
			c.clientID = ""
		}
	case *CallEvent:
		c.agentName = agentName(e.Agent, agents)
		if e.Call != nil {
			if c.phone == "" {
				c.phone = chatPhone(e.Call.Phone.String())
			}
			if m, ok := callMessage(chatID, e.Call, now); ok {
				c.messages = []crm.LeadMessage{m}
			}
		}
	}
	if a := env.AssignedAgent; a != nil && a.Name.String() != "" {
		c.agentName = clip(a.Name.String(), 200)
	}
	return c
}

func agentName(a *Agent, byID map[string]string) string {
	if a == nil {
		return ""
	}
	n := clip(a.Name.String(), 200)
	if id := a.ID.String(); id != "" && n != "" {
		byID[id] = n
	}
	return n
}

// transcript turns chat.messages into history lines. A line's key is a hash
// of (chat, timestamp, type, agent, text) plus its occurrence number among
// identical lines, so the same transcript sent again maps to the same keys
// while a visitor typing "ok" twice in one second keeps both lines.
func transcript(chatID string, chat *Chat, agents map[string]string, now time.Time) []crm.LeadMessage {
	if chat == nil {
		return nil
	}
	var out []crm.LeadMessage
	seen := map[string]int{}
	first := time.Time{}
	for _, m := range chat.Messages {
		text := clip(m.Message.String(), 20000)
		if text == "" {
			continue
		}
		author := crm.AuthorSystem
		switch strings.ToLower(m.Type.String()) {
		case "visitor", "client":
			author = crm.AuthorVisitor
		case "agent":
			author = crm.AuthorAgent
		}
		agentID := m.AgentID.String()
		sum := sha256.Sum256([]byte(strings.Join([]string{chatID, strconv.FormatInt(int64(m.Timestamp), 10),
			string(author), agentID, text}, "\x00")))
		base := "chat:" + hex.EncodeToString(sum[:12])
		n := seen[base]
		seen[base] = n + 1
		key := base
		if n > 0 {
			key += "#" + strconv.Itoa(n)
		}
		at := unixTime(int64(m.Timestamp), now)
		if first.IsZero() || at.Before(first) {
			first = at
		}
		msg := crm.LeadMessage{Key: key, ChatID: chatID, At: at, Author: author, Text: text}
		if author == crm.AuthorAgent {
			msg.AgentID = agentID
			msg.AgentName = agents[agentID]
		}
		out = append(out, msg)
	}
	if inv := clip(chat.Invitation.String(), 2000); inv != "" {
		at := first
		if at.IsZero() {
			at = now
		}
		// Sorted before the first line: the invitation opened the chat.
		out = append([]crm.LeadMessage{{Key: "invitation:" + chatID, ChatID: chatID, At: at.Add(-time.Second),
			Author: crm.AuthorSystem, Text: "Convite automático: " + inv}}, out...)
	}
	return out
}

// unixTime reads JivoChat's seconds; values that can only be milliseconds
// are divided, and a missing or absurd timestamp falls back to receipt time.
func unixTime(ts int64, now time.Time) time.Time {
	if ts > 1e11 {
		ts /= 1000
	}
	if ts <= 0 || ts > now.Unix()+366*24*3600 {
		return now
	}
	return time.Unix(ts, 0).UTC()
}

var callTypes = map[string]string{"callback": "retorno de chamada", "incoming": "recebida", "outgoing": "realizada"}

// callMessage records finished and failed calls only: the intermediate
// statuses would fill the history without telling the lead desk anything.
func callMessage(chatID string, call *Call, now time.Time) (crm.LeadMessage, bool) {
	status := call.Status.String()
	kind := callTypes[call.Type.String()]
	if kind == "" {
		kind = "telefônica"
	}
	var text string
	switch status {
	case "end":
		text = "Ligação " + kind + " encerrada."
		if u := clip(call.RecordURL.String(), 2000); u != "" {
			text += " Gravação: " + u
		}
	case "error":
		text = "Ligação " + kind + " com erro."
		if r := clip(call.Reason.String(), 500); r != "" {
			text += " Motivo: " + r
		}
	default:
		return crm.LeadMessage{}, false
	}
	sum := sha256.Sum256([]byte(chatID + "\x00" + status + "\x00" + text))
	return crm.LeadMessage{Key: "call:" + hex.EncodeToString(sum[:12]), ChatID: chatID, At: now,
		Author: crm.AuthorSystem, Text: text}, true
}

// fillUTMFromRaw fills what utm_json lacks from the "source=..|medium=.."
// string, which older payloads send alone.
func fillUTMFromRaw(a *crm.Attribution) {
	for _, part := range strings.Split(a.UTMRaw, "|") {
		k, v, ok := strings.Cut(part, "=")
		if !ok {
			continue
		}
		v = clip(strings.TrimSpace(v), 200)
		var dst *string
		switch strings.TrimPrefix(strings.ToLower(strings.TrimSpace(k)), "utm_") {
		case "source":
			dst = &a.UTMSource
		case "medium":
			dst = &a.UTMMedium
		case "campaign":
			dst = &a.UTMCampaign
		case "content":
			dst = &a.UTMContent
		case "term":
			dst = &a.UTMTerm
		}
		if dst != nil && *dst == "" {
			*dst = v
		}
	}
}

func (c change) applyTo(l *crm.Lead) {
	set := func(dst *string, v string) {
		if v != "" {
			*dst = v
		}
	}
	// Contact data: the latest non-empty value wins (the visitor or agent just
	// corrected it). Ids: the first one sticks, it is what later events match.
	set(&l.Name, c.name)
	set(&l.Email, c.email)
	set(&l.Phone, c.phone)
	if l.VisitorID == "" {
		l.VisitorID = c.visitorID
	}
	if l.ClientID == "" {
		l.ClientID = c.clientID
	}
	set(&l.WidgetID, c.widgetID)
	set(&l.UserToken, c.userToken)
	set(&l.AgentName, c.agentName)
	set(&l.Department, c.department)
	set(&l.Organization, c.organization)
	set(&l.ClientStatus, c.clientStatus)
	if c.tagsSent {
		l.Tags = c.tags
	}
	a := &l.Attribution
	if a.UTMSource == "" && a.UTMMedium == "" && a.UTMCampaign == "" && a.UTMContent == "" && a.UTMTerm == "" && a.UTMRaw == "" {
		a.UTMSource, a.UTMMedium, a.UTMCampaign = c.attribution.UTMSource, c.attribution.UTMMedium, c.attribution.UTMCampaign
		a.UTMContent, a.UTMTerm, a.UTMRaw = c.attribution.UTMContent, c.attribution.UTMTerm, c.attribution.UTMRaw
	}
	if a.PageURL == "" && a.PageTitle == "" {
		a.PageURL, a.PageTitle = c.attribution.PageURL, c.attribution.PageTitle
	}
	if l.Geo == (crm.Geo{}) {
		l.Geo = c.geo
	}
	if c.acceptChat && l.Stage == crm.LeadNew {
		l.Stage = crm.LeadInProgress
	}
}

// clip trims s and cuts it to at most n bytes on a rune boundary, so one
// oversized field cannot bloat every row it is copied into.
func clip(s string, n int) string {
	s = strings.TrimSpace(s)
	if len(s) <= n {
		return s
	}
	for n > 0 && n < len(s) && !isRuneStart(s[n]) {
		n--
	}
	return s[:n]
}

func isRuneStart(b byte) bool { return b&0xC0 != 0x80 }

type replyBody struct {
	Result      string       `json:"result"`
	CustomData  []customData `json:"custom_data,omitempty"`
	ContactInfo *contactInfo `json:"contact_info,omitempty"`
	CRMLink     string       `json:"crm_link,omitempty"`
}

type customData struct {
	Title   string `json:"title,omitempty"`
	Key     string `json:"key,omitempty"`
	Content string `json:"content"`
	Link    string `json:"link,omitempty"`
}

type contactInfo struct {
	Name  string `json:"name"`
	Phone string `json:"phone,omitempty"`
	Email string `json:"email,omitempty"`
}

// reply builds the body JivoChat shows the agent for chat_accepted and
// chat_updated; every other event, or no lead, gets {"result":"ok"}.
func (h *Handler) reply(ev Event, lead *crm.Lead) []byte {
	switch ev.(type) {
	case *ChatAccepted, *ChatUpdated:
	default:
		return replyOK
	}
	if lead == nil || !lead.HasContact() {
		// A visitor without contact is not a lead yet; nothing to tell the agent.
		return replyOK
	}
	link := h.LeadLink(lead.ID)
	name := lead.Name
	if name == "" {
		name = "Lead sem nome"
	}
	r := replyBody{Result: "ok", CRMLink: link}
	r.CustomData = append(r.CustomData, customData{Title: "Lead no Selo",
		Content: name + " — " + lead.Stage.Label(), Link: link})
	if t := lead.Attribution.PageTitle; t != "" {
		r.CustomData = append(r.CustomData, customData{Key: "Página de origem", Content: t})
	}
	if c := lead.Attribution.UTMCampaign; c != "" {
		r.CustomData = append(r.CustomData, customData{Key: "Campanha", Content: c})
	}
	if lead.Name != "" {
		r.ContactInfo = &contactInfo{Name: lead.Name, Phone: lead.Phone, Email: lead.Email}
	}
	b, err := json.Marshal(r)
	if err != nil {
		return replyOK
	}
	return b
}

// LeadLink is the crm_link for a lead, or "" when no LeadLinkBase is set.
func (h *Handler) LeadLink(id string) string {
	if h.linkBase == "" || id == "" {
		return ""
	}
	esc := url.PathEscape(id)
	if strings.Contains(h.linkBase, "{id}") {
		return strings.ReplaceAll(h.linkBase, "{id}", esc)
	}
	return strings.TrimRight(h.linkBase, "/") + "/" + esc
}
