package sqlstore

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"sync"
	"time"

	"selo/backend/crm"
	"selo/backend/jivochat"
	"selo/backend/leads"
)

// Leads stores JivoChat leads, their messages and raw events. It implements
// jivochat.Store for the webhook handler and leads.Store for the screens.
type Leads struct{ db *DB }

// Leads returns the leads store.
func (db *DB) Leads() *Leads { return &Leads{db: db} }

var _ leads.Store = (*Leads)(nil)

// leadWriteLocks holds one single-slot semaphore per open database. Apply
// takes it so that webhook transactions queue in Go, where waiting honours
// the request's context, instead of spinning in SQLite's busy handler; BEGIN
// IMMEDIATE still serialises them against every other writer.
var leadWriteLocks sync.Map // *DB -> chan struct{}

func (s *Leads) writeLock() chan struct{} {
	l, _ := leadWriteLocks.LoadOrStore(s.db, make(chan struct{}, 1))
	return l.(chan struct{})
}

// Apply implements jivochat.Store: fn runs in one BEGIN IMMEDIATE
// transaction that commits only if fn succeeded and ctx is still live.
func (s *Leads) Apply(ctx context.Context, fn func(jivochat.Tx) error) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	lock := s.writeLock()
	select {
	case lock <- struct{}{}:
	case <-ctx.Done():
		return ctx.Err()
	}
	defer func() { <-lock }()
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	// Rollback also runs when fn panics, so nothing of a failed event stays.
	defer tx.Rollback()
	t := &leadTx{ctx: ctx, tx: tx}
	err = fn(t)
	t.closed = true
	if err != nil {
		return err
	}
	if err := ctx.Err(); err != nil {
		return err
	}
	return tx.Commit()
}

type leadTx struct {
	ctx    context.Context
	tx     *Tx
	closed bool
}

var errLeadTxClosed = errors.New("sqlite: lead transaction used after Apply returned")

const leadCols = `id, stage, name, email, phone, visitor_id, client_id, widget_id, user_token, source,
	agent_name, department, organization, client_status, tags,
	utm_source, utm_medium, utm_campaign, utm_content, utm_term, utm_raw, page_url, page_title,
	geo_city, geo_region, geo_region_code, geo_country, geo_country_code, geo_latitude, geo_longitude,
	created_at, updated_at, last_event_at`

func leadDest(l *crm.Lead, tags *sql.NullString, times *[3]string) []any {
	a, g := &l.Attribution, &l.Geo
	return []any{&l.ID, &l.Stage, &l.Name, &l.Email, &l.Phone, &l.VisitorID, &l.ClientID, &l.WidgetID,
		&l.UserToken, &l.Source, &l.AgentName, &l.Department, &l.Organization, &l.ClientStatus, tags,
		&a.UTMSource, &a.UTMMedium, &a.UTMCampaign, &a.UTMContent, &a.UTMTerm, &a.UTMRaw, &a.PageURL, &a.PageTitle,
		&g.City, &g.Region, &g.RegionCode, &g.Country, &g.CountryCode, &g.Latitude, &g.Longitude,
		&times[0], &times[1], &times[2]}
}

func finishLead(l *crm.Lead, tags sql.NullString, times [3]string) error {
	if tags.Valid {
		l.Tags = []string{}
		if err := json.Unmarshal([]byte(tags.String), &l.Tags); err != nil {
			return fmt.Errorf("lead %s tags: %w", l.ID, err)
		}
	}
	l.CreatedAt, l.UpdatedAt, l.LastEventAt = parseDBTime(times[0]), parseDBTime(times[1]), parseDBTime(times[2])
	return nil
}

func scanLead(r scanner) (crm.Lead, error) {
	var l crm.Lead
	var tags sql.NullString
	var times [3]string
	if err := r.Scan(leadDest(&l, &tags, &times)...); err != nil {
		return crm.Lead{}, err
	}
	return l, finishLead(&l, tags, times)
}

func leadArgs(l crm.Lead) ([]any, error) {
	var tags any
	if l.Tags != nil {
		b, err := json.Marshal(l.Tags)
		if err != nil {
			return nil, err
		}
		tags = string(b)
	}
	a, g := l.Attribution, l.Geo
	return []any{l.ID, string(l.Stage), l.Name, l.Email, l.Phone, l.VisitorID, l.ClientID, l.WidgetID,
		l.UserToken, l.Source, l.AgentName, l.Department, l.Organization, l.ClientStatus, tags,
		a.UTMSource, a.UTMMedium, a.UTMCampaign, a.UTMContent, a.UTMTerm, a.UTMRaw, a.PageURL, a.PageTitle,
		g.City, g.Region, g.RegionCode, g.Country, g.CountryCode, g.Latitude, g.Longitude,
		dbTime(l.CreatedAt), dbTime(l.UpdatedAt), dbTime(l.LastEventAt),
		leads.SearchText(l.Name, l.Email, l.Phone)}, nil
}

func (t *leadTx) SeenEvent(key string) (string, bool, error) {
	if t.closed {
		return "", false, errLeadTxClosed
	}
	return t.lastEvent(`key = ?`, key)
}

func (t *leadTx) SeenBody(key, bodyHash string) (string, bool, error) {
	if t.closed {
		return "", false, errLeadTxClosed
	}
	return t.lastEvent(`key = ? AND body_hash = ?`, key, bodyHash)
}

func (t *leadTx) ChatLead(chatID string) (string, bool, error) {
	if t.closed {
		return "", false, errLeadTxClosed
	}
	if chatID == "" {
		return "", false, nil
	}
	return t.lastEvent(`chat_id = ? AND lead_id IS NOT NULL`, chatID)
}

// lastEvent returns the lead of the newest delivery matching where,
// preferring one that touched a lead. where is one of the constant
// conditions above, never caller text.
func (t *leadTx) lastEvent(where string, args ...any) (string, bool, error) {
	var leadID sql.NullString
	err := t.tx.QueryRowContext(t.ctx, `SELECT lead_id FROM jivochat_events WHERE `+where+`
		ORDER BY lead_id IS NULL, id DESC LIMIT 1`, args...).Scan(&leadID)
	if errors.Is(err, sql.ErrNoRows) {
		return "", false, nil
	}
	if err != nil {
		return "", false, err
	}
	return leadID.String, true, nil
}

func nullIfEmpty(s string) any {
	if s == "" {
		return nil
	}
	return s
}

func (t *leadTx) SaveRawEvent(ev jivochat.RawEvent) error {
	if t.closed {
		return errLeadTxClosed
	}
	body := []byte(ev.Body)
	if body == nil {
		body = []byte{}
	}
	_, err := t.tx.ExecContext(t.ctx, `INSERT INTO jivochat_events
		(key, body_hash, chat_id, event_name, received_at, lead_id, outcome, body) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
		ev.Key, ev.BodyHash, ev.ChatID, ev.EventName, dbTime(ev.ReceivedAt), nullIfEmpty(ev.LeadID), string(ev.Outcome), body)
	return err
}

func (t *leadTx) UpdateRawEvent(ev jivochat.RawEvent) error {
	if t.closed {
		return errLeadTxClosed
	}
	res, err := t.tx.ExecContext(t.ctx, `UPDATE jivochat_events SET key = ?, body_hash = ?, chat_id = ?, event_name = ?,
		lead_id = ?, outcome = ? WHERE id = ?`,
		ev.Key, ev.BodyHash, ev.ChatID, ev.EventName, nullIfEmpty(ev.LeadID), string(ev.Outcome), ev.ID)
	if err != nil {
		return err
	}
	if k, _ := res.RowsAffected(); k == 0 {
		return fmt.Errorf("sqlite: raw event %d not found", ev.ID)
	}
	return nil
}

func (t *leadTx) Lead(id string) (crm.Lead, bool, error) {
	if t.closed {
		return crm.Lead{}, false, errLeadTxClosed
	}
	l, err := scanLead(t.tx.QueryRowContext(t.ctx, `SELECT `+leadCols+` FROM leads WHERE id = ?`, id))
	if errors.Is(err, sql.ErrNoRows) {
		return crm.Lead{}, false, nil
	}
	return l, err == nil, err
}

// leadKeyColumns maps match keys to columns; the map is the allow-list that
// keeps FindLead's column name out of reach of its caller's strings.
var leadKeyColumns = map[jivochat.LeadKey]string{
	jivochat.ByVisitorID: "visitor_id",
	jivochat.ByClientID:  "client_id",
	jivochat.ByEmail:     "email",
	jivochat.ByPhone:     "phone",
}

func (t *leadTx) FindLead(by jivochat.LeadKey, value string) (crm.Lead, bool, error) {
	if t.closed {
		return crm.Lead{}, false, errLeadTxClosed
	}
	col, ok := leadKeyColumns[by]
	if !ok {
		return crm.Lead{}, false, fmt.Errorf("sqlite: unknown lead key %q", by)
	}
	if value == "" {
		return crm.Lead{}, false, nil
	}
	l, err := scanLead(t.tx.QueryRowContext(t.ctx, `SELECT `+leadCols+` FROM leads WHERE `+col+` = ?
		ORDER BY created_at, id LIMIT 1`, value))
	if errors.Is(err, sql.ErrNoRows) {
		return crm.Lead{}, false, nil
	}
	return l, err == nil, err
}

func (t *leadTx) InsertLead(l crm.Lead) error {
	if t.closed {
		return errLeadTxClosed
	}
	if l.ID == "" {
		return errors.New("sqlite: lead without id")
	}
	args, err := leadArgs(l)
	if err != nil {
		return err
	}
	_, err = t.tx.ExecContext(t.ctx, `INSERT INTO leads (`+leadCols+`, search_text)
		VALUES (`+strings.TrimSuffix(strings.Repeat("?, ", len(args)), ", ")+`)`, args...)
	if uniqueViolation(err) || (err != nil && strings.Contains(err.Error(), "PRIMARY KEY")) {
		return fmt.Errorf("sqlite: lead %s already exists", l.ID)
	}
	return err
}

func (t *leadTx) UpdateLead(l crm.Lead) error {
	if t.closed {
		return errLeadTxClosed
	}
	args, err := leadArgs(l)
	if err != nil {
		return err
	}
	cols := strings.Split(leadCols+", search_text", ",")
	sets := make([]string, 0, len(cols)-1)
	for _, c := range cols[1:] { // id is the key, not a value
		sets = append(sets, strings.TrimSpace(c)+" = ?")
	}
	args = append(args[1:], l.ID)
	res, err := t.tx.ExecContext(t.ctx, `UPDATE leads SET `+strings.Join(sets, ", ")+` WHERE id = ?`, args...)
	if err != nil {
		return err
	}
	if k, _ := res.RowsAffected(); k == 0 {
		return fmt.Errorf("sqlite: lead %s not found", l.ID)
	}
	return nil
}

func (t *leadTx) AppendMessages(msgs []crm.LeadMessage) (int, error) {
	if t.closed {
		return 0, errLeadTxClosed
	}
	added := 0
	for _, m := range msgs {
		res, err := t.tx.ExecContext(t.ctx, `INSERT INTO lead_messages
			(lead_id, key, chat_id, at, author, agent_id, agent_name, text) VALUES (?, ?, ?, ?, ?, ?, ?, ?)
			ON CONFLICT (lead_id, key) DO NOTHING`,
			m.LeadID, m.Key, m.ChatID, dbTime(m.At), string(m.Author), m.AgentID, m.AgentName, m.Text)
		if err != nil {
			return added, fmt.Errorf("sqlite: message for lead %s: %w", m.LeadID, err)
		}
		if k, _ := res.RowsAffected(); k > 0 {
			added++
		}
	}
	return added, nil
}

// activity is the list's sort key: the last event, or creation for a lead
// no event touched (seeded or imported).
const activity = `CASE WHEN l.last_event_at <> '' THEN l.last_event_at ELSE l.created_at END`

// likeEscape makes user text literal inside a LIKE pattern.
func likeEscape(s string) string {
	return strings.NewReplacer(`\`, `\\`, `%`, `\%`, `_`, `\_`).Replace(s)
}

func leadWhere(f leads.Filter) (string, []any) {
	var conds []string
	var args []any
	if term := leads.SearchTerm(f.Search); term != "" {
		conds = append(conds, `l.search_text LIKE ? ESCAPE '\'`)
		args = append(args, "%"+likeEscape(term)+"%")
	}
	if f.Stage != "" {
		// A stage belongs to leads; a visitor without contact is not one yet.
		conds = append(conds, `l.stage = ?`, `(l.email <> '' OR l.phone <> '')`)
		args = append(args, string(f.Stage))
	}
	if f.WithoutContact {
		conds = append(conds, `l.email = '' AND l.phone = ''`)
	}
	if f.Origin != "" {
		conds = append(conds, `l.source = ?`)
		args = append(args, f.Origin)
	}
	if len(conds) == 0 {
		return "", nil
	}
	return " WHERE " + strings.Join(conds, " AND "), args
}

// previewLen is how many characters of the last message the list shows.
const previewLen = 160

// ListLeads returns one page of leads, most recent activity first, with the
// total the filter matches. Limit and offset are clamped here too, so a
// caller cannot ask for the whole table at once.
func (s *Leads) ListLeads(ctx context.Context, f leads.Filter) (leads.Page, error) {
	if f.Limit <= 0 {
		f.Limit = leads.DefaultLimit
	}
	if f.Limit > leads.MaxLimit {
		f.Limit = leads.MaxLimit
	}
	if f.Offset < 0 {
		f.Offset = 0
	}
	page := leads.Page{Items: []leads.Summary{}, Limit: f.Limit, Offset: f.Offset}
	where, args := leadWhere(f)
	// One read transaction so the total and the page agree.
	tx, err := s.db.BeginTx(ctx, &sql.TxOptions{ReadOnly: true})
	if err != nil {
		return page, err
	}
	defer tx.Rollback()
	if err := tx.QueryRowContext(ctx, `SELECT COUNT(*) FROM leads l`+where, args...).Scan(&page.Total); err != nil {
		return page, err
	}
	// The page is cut first and only its rows get a preview and a count,
	// so the cost does not grow with the size of the table.
	rows, err := tx.QueryContext(ctx, `SELECT p.id, p.name, p.email, p.phone, p.stage, p.source, p.agent_name,
		p.created_at, p.activity,
		(SELECT COUNT(*) FROM lead_messages c WHERE c.lead_id = p.id),
		COALESCE(substr(m.text, 1, ?), ''), COALESCE(m.author, ''), COALESCE(m.at, '')
		FROM (SELECT l.id, l.name, l.email, l.phone, l.stage, l.source, l.agent_name, l.created_at,
				`+activity+` AS activity
			FROM leads l`+where+`
			ORDER BY `+activity+` DESC, l.created_at DESC, l.id
			LIMIT ? OFFSET ?) p
		LEFT JOIN lead_messages m ON m.id = (SELECT x.id FROM lead_messages x WHERE x.lead_id = p.id
			ORDER BY x.at DESC, x.id DESC LIMIT 1)
		ORDER BY p.activity DESC, p.created_at DESC, p.id`,
		append(append([]any{previewLen}, args...), f.Limit, f.Offset)...)
	if err != nil {
		return page, err
	}
	defer rows.Close()
	for rows.Next() {
		var sm leads.Summary
		var created, act, msgAt string
		if err := rows.Scan(&sm.ID, &sm.Name, &sm.Email, &sm.Phone, &sm.Stage, &sm.Origin, &sm.AgentName,
			&created, &act, &sm.MessageCount, &sm.LastMessage, &sm.LastMessageAuthor, &msgAt); err != nil {
			return page, err
		}
		sm.CreatedAt, sm.LastActivityAt = parseDBTime(created), parseDBTime(act)
		sm.HasContact = sm.Email != "" || sm.Phone != ""
		if msgAt != "" {
			t := parseDBTime(msgAt)
			sm.LastMessageAt = &t
		}
		page.Items = append(page.Items, sm)
	}
	return page, rows.Err()
}

// GetLead returns a lead with its conversation ordered by time, then
// arrival, like jivochat.MemoryStore.Messages.
func (s *Leads) GetLead(ctx context.Context, id string) (leads.Detail, error) {
	tx, err := s.db.BeginTx(ctx, &sql.TxOptions{ReadOnly: true})
	if err != nil {
		return leads.Detail{}, err
	}
	defer tx.Rollback()
	l, err := scanLead(tx.QueryRowContext(ctx, `SELECT `+leadCols+` FROM leads WHERE id = ?`, id))
	if errors.Is(err, sql.ErrNoRows) {
		return leads.Detail{}, crm.E(crm.CodeNotFound)
	}
	if err != nil {
		return leads.Detail{}, err
	}
	msgs, err := leadMessages(ctx, tx, id)
	if err != nil {
		return leads.Detail{}, err
	}
	d := detailOf(l)
	d.Messages = make([]leads.Message, 0, len(msgs))
	for _, m := range msgs {
		d.Messages = append(d.Messages, leads.Message{ID: m.id, ChatID: m.ChatID, At: m.At, Author: m.Author,
			AgentName: m.AgentName, Text: m.Text})
	}
	d.MessageCount = len(msgs)
	if n := len(msgs); n > 0 {
		last := msgs[n-1]
		at := last.At
		d.LastMessage, d.LastMessageAuthor, d.LastMessageAt = clipRunes(last.Text, previewLen), last.Author, &at
	}
	return d, nil
}

type storedMessage struct {
	crm.LeadMessage
	id int64
}

func leadMessages(ctx context.Context, q querier, leadID string) ([]storedMessage, error) {
	rows, err := q.QueryContext(ctx, `SELECT id, lead_id, key, chat_id, at, author, agent_id, agent_name, text
		FROM lead_messages WHERE lead_id = ? ORDER BY at, id`, leadID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []storedMessage
	for rows.Next() {
		var m storedMessage
		var at string
		if err := rows.Scan(&m.id, &m.LeadID, &m.Key, &m.ChatID, &at, &m.Author, &m.AgentID, &m.AgentName, &m.Text); err != nil {
			return nil, err
		}
		m.At = parseDBTime(at)
		out = append(out, m)
	}
	return out, rows.Err()
}

func clipRunes(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n])
}

func detailOf(l crm.Lead) leads.Detail {
	act := l.LastEventAt
	if act.IsZero() {
		act = l.CreatedAt
	}
	tags := l.Tags
	if tags == nil {
		tags = []string{}
	}
	a, g := l.Attribution, l.Geo
	return leads.Detail{
		Summary: leads.Summary{ID: l.ID, Name: l.Name, Email: l.Email, Phone: l.Phone, Stage: l.Stage,
			Origin: l.Source, AgentName: l.AgentName, HasContact: l.HasContact(), CreatedAt: l.CreatedAt,
			LastActivityAt: act},
		VisitorID: l.VisitorID, ClientID: l.ClientID, WidgetID: l.WidgetID, Department: l.Department,
		Organization: l.Organization, ClientStatus: l.ClientStatus, Tags: tags,
		Attribution: leads.Attribution{UTMSource: a.UTMSource, UTMMedium: a.UTMMedium, UTMCampaign: a.UTMCampaign,
			UTMContent: a.UTMContent, UTMTerm: a.UTMTerm, PageURL: a.PageURL, PageTitle: a.PageTitle},
		Geo: leads.Geo{City: g.City, Region: g.Region, RegionCode: g.RegionCode, Country: g.Country,
			CountryCode: g.CountryCode},
		UpdatedAt: l.UpdatedAt,
	}
}

// SetStage changes a lead's stage. It goes through the same write lock as
// Apply so a person's choice and a webhook never interleave.
func (s *Leads) SetStage(ctx context.Context, id string, stage crm.LeadStage, at time.Time) error {
	if !stage.Valid() {
		return crm.E(crm.CodeLeadStageInvalid, "stage", string(stage)).OnField("stage")
	}
	lock := s.writeLock()
	select {
	case lock <- struct{}{}:
	case <-ctx.Done():
		return ctx.Err()
	}
	defer func() { <-lock }()
	res, err := s.db.ExecContext(ctx, `UPDATE leads SET stage = ?, updated_at = ? WHERE id = ?`,
		string(stage), dbTime(at), id)
	if err != nil {
		return err
	}
	if k, _ := res.RowsAffected(); k == 0 {
		return crm.E(crm.CodeNotFound)
	}
	return nil
}

// SetContact stores the e-mail and phone a person typed for a lead (the
// empty one is left as it was) and refreshes its search text. It takes the
// webhook write lock like SetStage.
func (s *Leads) SetContact(ctx context.Context, id, email, phone string, at time.Time) error {
	lock := s.writeLock()
	select {
	case lock <- struct{}{}:
	case <-ctx.Done():
		return ctx.Err()
	}
	defer func() { <-lock }()
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	var name, oldEmail, oldPhone string
	err = tx.QueryRowContext(ctx, `SELECT name, email, phone FROM leads WHERE id = ?`, id).Scan(&name, &oldEmail, &oldPhone)
	if errors.Is(err, sql.ErrNoRows) {
		return crm.E(crm.CodeNotFound)
	}
	if err != nil {
		return err
	}
	if email == "" {
		email = oldEmail
	}
	if phone == "" {
		phone = oldPhone
	}
	if _, err := tx.ExecContext(ctx, `UPDATE leads SET email = ?, phone = ?, search_text = ?, updated_at = ? WHERE id = ?`,
		email, phone, leads.SearchText(name, email, phone), dbTime(at), id); err != nil {
		return err
	}
	return tx.Commit()
}

// Counts returns how many leads and raw events are stored and when the last
// event arrived (the newest row, which needs no index on the time).
func (s *Leads) Counts(ctx context.Context) (leads.Counts, error) {
	var c leads.Counts
	var last string
	err := s.db.QueryRowContext(ctx, `SELECT (SELECT COUNT(*) FROM leads), (SELECT COUNT(*) FROM jivochat_events),
		COALESCE((SELECT received_at FROM jivochat_events ORDER BY id DESC LIMIT 1), '')`).Scan(&c.Leads, &c.RawEvents, &last)
	c.LastEventAt = parseDBTime(last)
	return c, err
}

// LegacySkipped returns up to limit deliveries that a Selo older than
// migration 0014 kept only as skipped raw events (visitor without contact):
// they have no body hash, which every newer row has.
func (s *Leads) LegacySkipped(ctx context.Context, limit int) ([]jivochat.RawEvent, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT id, key, event_name, received_at, outcome, body FROM jivochat_events
		WHERE outcome = ? AND body_hash = '' ORDER BY id LIMIT ?`, string(jivochat.OutcomeSkippedNoContact), limit)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []jivochat.RawEvent
	for rows.Next() {
		var ev jivochat.RawEvent
		var at string
		var body []byte
		if err := rows.Scan(&ev.ID, &ev.Key, &ev.EventName, &at, &ev.Outcome, &body); err != nil {
			return nil, err
		}
		ev.ReceivedAt, ev.Body = parseDBTime(at), body
		out = append(out, ev)
	}
	return out, rows.Err()
}

// RawEventLead returns the lead a stored event touched ("" when it touched
// none) and whether the event is stored at all.
func (s *Leads) RawEventLead(ctx context.Context, key string) (string, bool, error) {
	var leadID sql.NullString
	err := s.db.QueryRowContext(ctx, `SELECT lead_id FROM jivochat_events WHERE key = ?
		ORDER BY lead_id IS NULL, id DESC LIMIT 1`, key).Scan(&leadID)
	if errors.Is(err, sql.ErrNoRows) {
		return "", false, nil
	}
	return leadID.String, err == nil, err
}
