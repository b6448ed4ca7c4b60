package leads

import (
	"bytes"
	"context"
	"errors"
	"io"
	"log/slog"
	"net"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"selo/backend/crm"
	"selo/backend/inbound"
	"selo/backend/jivochat"
	"selo/backend/logging"
)

// Options builds a Service.
type Options struct {
	// Store, Settings and Users are required.
	Store    Store
	Settings Settings
	Users    Users
	// OnNewLead is called after a lead created by a webhook is committed,
	// with its id and name (possibly ""). It runs on the request's goroutine,
	// so it must not block; the app turns it into an in-app notice.
	OnNewLead func(leadID string, name string)
	// LeadLinkBase is passed to jivochat.Config (crm_link in replies).
	LeadLinkBase string
	// Clicksign, when set, is served on the same listener (POST
	// /webhooks/clicksign/{keyID}).
	Clicksign inbound.ClicksignHandler
	// ClicksignWanted reports whether any key receives Clicksign webhooks;
	// the listener then runs even when JivoChat is not configured. Nil means
	// never.
	ClicksignWanted func(ctx context.Context) (bool, error)
	// DocuSign, when set, serves DocuSign Connect on the same listener
	// (POST /webhooks/docusign/{keyID}); DocuSignWanted reports whether a
	// key has Connect on here, which also keeps the listener running.
	DocuSign       inbound.DocuSignHandler
	DocuSignWanted func(ctx context.Context) (bool, error)
	// Logger is discarded when nil.
	Logger *slog.Logger
	// Now is the clock; time.Now when nil.
	Now func() time.Time
}

// Service is the lead screens and the JivoChat integration. It is safe for
// concurrent use.
type Service struct {
	store    Store
	settings Settings
	users    Users
	handler  *jivochat.Handler
	log      *slog.Logger
	now      func() time.Time
	onNew    atomic.Pointer[func(string, string)]
	client   *http.Client
	// clicksign and clicksignWanted: see Options.
	clicksign       inbound.ClicksignHandler
	clicksignWanted func(ctx context.Context) (bool, error)
	docusign        inbound.DocuSignHandler
	docusignWanted  func(ctx context.Context) (bool, error)

	life    sync.Mutex // serialises Start, Stop, Configure
	started bool       // Start was called and Stop was not
	srv     *inbound.Server
	srvAddr string // host:port srv was built for
}

// New checks o and returns a Service with the listener stopped.
func New(o Options) (*Service, error) {
	if o.Store == nil || o.Settings == nil || o.Users == nil {
		return nil, errors.New("leads: Options.Store, Settings and Users are required")
	}
	s := &Service{store: o.Store, settings: o.Settings, users: o.Users, log: o.Logger, now: o.Now,
		clicksign: o.Clicksign, clicksignWanted: o.ClicksignWanted, docusign: o.DocuSign, docusignWanted: o.DocuSignWanted}
	if s.log == nil {
		s.log = slog.New(slog.DiscardHandler)
	}
	if s.now == nil {
		s.now = time.Now
	}
	s.SetOnNewLead(o.OnNewLead)
	h, err := jivochat.NewHandler(jivochat.Config{Store: notifyingStore{Store: o.Store, s: s}, Now: s.now,
		Logger: s.log, LeadLinkBase: o.LeadLinkBase})
	if err != nil {
		return nil, err
	}
	s.handler = h
	// Loopback only, so no proxy: an HTTP_PROXY in the environment must not
	// carry the token off the machine.
	s.client = &http.Client{Timeout: 15 * time.Second, Transport: &http.Transport{Proxy: nil}}
	return s, nil
}

// SetOnNewLead replaces the new-lead hook; the app sets it once its event
// emitter exists (after Wails started), which may be after Start.
func (s *Service) SetOnNewLead(fn func(leadID string, name string)) {
	if fn == nil {
		s.onNew.Store(nil)
		return
	}
	s.onNew.Store(&fn)
}

func (s *Service) notify(id, name string) {
	p := s.onNew.Load()
	if p == nil {
		return
	}
	defer func() {
		// A failing notice must not turn a stored event into a 500 that
		// JivoChat would redeliver.
		if r := recover(); r != nil {
			s.log.Error("new-lead hook panicked", "lead", id, "panic", r)
		}
	}()
	(*p)(id, name)
}

// notifyingStore records the leads an event makes and announces them only
// once the transaction committed, so a rolled-back event never notifies. A
// row without contact is not a lead: it is announced when a later event
// gives it one.
type notifyingStore struct {
	Store
	s *Service
}

func (n notifyingStore) Apply(ctx context.Context, fn func(jivochat.Tx) error) error {
	var created []crm.Lead
	err := n.Store.Apply(ctx, func(tx jivochat.Tx) error {
		created = created[:0]
		return fn(recordingTx{Tx: tx, created: &created})
	})
	if err != nil {
		return err
	}
	for _, l := range created {
		n.s.log.Info("new lead from jivochat", "lead", l.ID)
		n.s.notify(l.ID, l.Name)
	}
	return nil
}

type recordingTx struct {
	jivochat.Tx
	created *[]crm.Lead
}

func (r recordingTx) InsertLead(l crm.Lead) error {
	if err := r.Tx.InsertLead(l); err != nil {
		return err
	}
	if l.HasContact() {
		*r.created = append(*r.created, l)
	}
	return nil
}

func (r recordingTx) UpdateLead(l crm.Lead) error {
	before, found, err := r.Tx.Lead(l.ID)
	if err != nil {
		return err
	}
	if err := r.Tx.UpdateLead(l); err != nil {
		return err
	}
	if found && !before.HasContact() && l.HasContact() {
		*r.created = append(*r.created, l)
	}
	return nil
}

// Handler is the webhook handler the listener uses, for callers that want
// to feed it directly.
func (s *Service) Handler() *jivochat.Handler { return s.handler }

// Start starts the listener when the integration is configured or a key
// receives Clicksign webhooks; call it at app start. It is a no-op otherwise
// (Configure or StartListener starts it later).
func (s *Service) Start(ctx context.Context) error {
	s.recoverSkipped(ctx)
	s.life.Lock()
	defer s.life.Unlock()
	s.started = true
	c, err := s.Config(ctx)
	if err != nil {
		return err
	}
	if !c.Configured && !s.wantsClicksign(ctx) {
		return nil
	}
	return s.applyListener(ctx, c)
}

// recoverBatch bounds one start's catch-up; the rest waits for the next
// start rather than delay this one.
const recoverBatch = 500

// recoverSkipped brings to the Leads screen the chats an older Selo stored
// only as skipped raw events because the visitor left no contact. Each row is
// reapplied in place, so it is done once; a failure is logged and left for
// the next start.
func (s *Service) recoverSkipped(ctx context.Context) {
	evs, err := s.store.LegacySkipped(ctx, recoverBatch)
	if err != nil {
		s.log.Error("listing skipped jivochat events", "err", err)
		return
	}
	shown := 0
	for _, ev := range evs {
		res, err := s.handler.Reapply(ctx, ev)
		if err != nil {
			s.log.Error("reapplying a skipped jivochat event", "id", ev.ID, "err", err)
			continue
		}
		if res.LeadID != "" {
			shown++
		}
	}
	if len(evs) > 0 {
		s.log.Info("skipped jivochat events reapplied", "events", len(evs), "now_listed", shown)
	}
}

// wantsClicksign asks whether Clicksign webhooks need the listener; an
// error counts as no (logged), since the JivoChat side must not fail for it.
// DocuSign Connect counts too: its deliveries come to the same listener.
func (s *Service) wantsClicksign(ctx context.Context) bool {
	if s.docusign != nil && s.docusignWanted != nil {
		ok, err := s.docusignWanted(ctx)
		if err != nil {
			s.log.Error("checking whether DocuSign Connect is on", "err", err)
		}
		if ok && err == nil {
			return true
		}
	}
	if s.clicksign == nil || s.clicksignWanted == nil {
		return false
	}
	ok, err := s.clicksignWanted(ctx)
	if err != nil {
		s.log.Error("checking whether Clicksign webhooks are on", "err", err)
	}
	return ok && err == nil
}

// StartListener starts the listener (whatever the configuration) unless it
// runs, and returns its address on this computer, e.g.
// http://127.0.0.1:38410. Turning Clicksign webhooks on calls it first, so
// a port in use is reported before anything is registered.
func (s *Service) StartListener(ctx context.Context) (string, error) {
	s.life.Lock()
	c, err := s.Config(ctx)
	if err == nil {
		err = s.applyListener(ctx, c)
	}
	s.life.Unlock()
	if err != nil {
		return "", err
	}
	return "http://" + s.localAddr(c), nil
}

// ListenerURL returns the listener's address on this computer (the
// configured one while stopped) and whether it runs.
func (s *Service) ListenerURL(ctx context.Context) (string, bool) {
	c, err := s.Config(ctx)
	if err != nil {
		return "", false
	}
	s.life.Lock()
	srv := s.srv
	s.life.Unlock()
	return "http://" + s.localAddr(c), srv != nil && srv.Status().Running
}

// Reconfigure re-reads the saved configuration and applies it to the
// listener if Start was called. Configure already does this; it is here for
// callers that change the settings some other way (an import, a reset).
func (s *Service) Reconfigure(ctx context.Context) error {
	s.life.Lock()
	defer s.life.Unlock()
	if !s.started {
		return nil
	}
	c, err := s.Config(ctx)
	if err != nil {
		return err
	}
	if !c.Configured && !s.wantsClicksign(ctx) {
		// Nothing needs the listener any more (the last key turned its
		// webhooks off): close the port.
		if s.srv != nil {
			return s.srv.Shutdown(ctx)
		}
		return nil
	}
	return s.applyListener(ctx, c)
}

// Stop stops the listener, waiting for requests in flight until ctx ends;
// call it on app shutdown, before closing the database.
func (s *Service) Stop(ctx context.Context) error {
	s.life.Lock()
	defer s.life.Unlock()
	s.started = false
	if s.srv == nil {
		return nil
	}
	return s.srv.Shutdown(ctx)
}

// applyListener makes the listener serve c's address. The inbound.Server is
// kept across changes so its counters survive; it is restarted only when the
// address changed. Callers hold s.life.
func (s *Service) applyListener(ctx context.Context, c IntegrationConfig) error {
	ic := inbound.Config{Host: c.ListenHost, Port: c.ListenPort, JivoChat: s.handler,
		Tokens: jivoGate{s: s}, Clicksign: s.clicksign, DocuSign: s.docusign, Logger: s.log, Now: s.now}
	addr := net.JoinHostPort(c.ListenHost, strconv.Itoa(c.ListenPort))
	if s.srv == nil {
		srv, err := inbound.New(ic)
		if err != nil {
			return err
		}
		s.srv, s.srvAddr = srv, addr
	} else if addr != s.srvAddr {
		if err := s.srv.Reconfigure(ctx, ic); err != nil {
			return err
		}
		s.srvAddr = addr
	}
	return s.srv.Start()
}

// TokenVerifier is the check the JivoChat route applies to the token in its
// URL, for a listener built outside the Service (the headless server).
func (s *Service) TokenVerifier() inbound.TokenVerifier { return jivoGate{s: s} }

// CachedTokenVerifier is TokenVerifier reading the integration's state and
// the active tokens at most once per ttl, for the server facing the
// internet: a flood of wrong tokens then costs no database query per
// request. A token revoked (or the integration turned off) keeps working
// for up to ttl.
func (s *Service) CachedTokenVerifier(ttl time.Duration) inbound.TokenVerifier {
	return inbound.HashVerifier{Source: &inbound.CachedTokens{TTL: ttl, Now: s.now,
		Source: inbound.TokenSourceFunc(func(ctx context.Context) ([]inbound.TokenHash, error) {
			c, err := s.Config(ctx)
			if err != nil || !c.Configured {
				return nil, err
			}
			return s.users.ActiveTokenHashes(ctx)
		})}}
}

// jivoGate accepts JivoChat tokens only while the integration is configured:
// the listener may run for Clicksign webhooks alone, and then the JivoChat
// route must stay shut.
type jivoGate struct{ s *Service }

// Verify implements inbound.TokenVerifier.
func (g jivoGate) Verify(ctx context.Context, token string) (bool, string) {
	c, err := g.s.Config(ctx)
	if err != nil || !c.Configured {
		return false, ""
	}
	return inbound.HashVerifier{Source: g.s.users}.Verify(ctx, token)
}

// ListenerStatus is what the integration screen shows.
type ListenerStatus struct {
	Configured bool `json:"configured"`
	Running    bool `json:"running"`
	// Address is host:port while running.
	Address   string     `json:"address"`
	StartedAt *time.Time `json:"startedAt,omitempty" ts_type:"string"`
	// LastEventAt is when an event was last received (stored or accepted).
	LastEventAt *time.Time `json:"lastEventAt,omitempty" ts_type:"string"`
	// EventsAccepted and EventsRejected count webhook answers since the app
	// started; RawEvents and Leads count what is stored.
	EventsAccepted int64 `json:"eventsAccepted"`
	EventsRejected int64 `json:"eventsRejected"`
	RawEvents      int   `json:"rawEvents"`
	Leads          int   `json:"leads"`
	// Problem is the code of what is wrong right now ("" when nothing):
	// the saved gestor or token no longer qualifies (e.g.
	// jivochat.user_inactive, jivochat.token_revoked), or the listener could
	// not bind its address (inbound.listen_failed).
	Problem string `json:"problem,omitempty"`
}

// Status reports the listener and the stored counts.
func (s *Service) Status(ctx context.Context) (ListenerStatus, error) {
	var st ListenerStatus
	c, err := s.Config(ctx)
	if err != nil {
		return st, err
	}
	st.Configured = c.Configured
	s.life.Lock()
	srv, started := s.srv, s.started
	s.life.Unlock()
	var last time.Time
	if srv != nil {
		is := srv.Status()
		st.Running, st.Address = is.Running, is.Addr
		if !is.StartedAt.IsZero() {
			t := is.StartedAt
			st.StartedAt = &t
		}
		st.EventsAccepted, st.EventsRejected = is.Events, is.Rejected
		last = is.LastEventAt
		if started && c.Configured && !is.Running && is.LastError != "" {
			st.Problem = inbound.CodeListenFailed
		}
	}
	counts, err := s.store.Counts(ctx)
	if err != nil {
		return st, err
	}
	st.RawEvents, st.Leads = counts.RawEvents, counts.Leads
	if counts.LastEventAt.After(last) {
		last = counts.LastEventAt
	}
	if !last.IsZero() {
		st.LastEventAt = &last
	}
	if c.Configured && st.Problem == "" {
		_, problems, err := s.check(ctx, c, false)
		if err != nil {
			return st, err
		}
		if len(problems.Problems) > 0 {
			st.Problem = problems.Problems[0].Code
		}
	}
	return st, nil
}

// IntegrationURL is what the office pastes into JivoChat, and the same
// address on this computer for tests. It carries the token: show it only on
// request.
type IntegrationURL struct {
	// PublicURL goes into JivoChat's "URL para Webhooks".
	PublicURL string `json:"publicUrl"`
	// LocalURL reaches the listener from this computer.
	LocalURL   string `json:"localUrl"`
	UserID     int64  `json:"userId"`
	UserName   string `json:"userName"`
	TokenID    int64  `json:"tokenId"`
	TokenName  string `json:"tokenName"`
	TokenLast4 string `json:"tokenLast4"`
}

// IntegrationURL builds the URLs from the saved configuration and the token
// in the keyring. A configuration that no longer qualifies (user
// deactivated, token revoked) is refused with its code, since its URL would
// not work.
func (s *Service) IntegrationURL(ctx context.Context) (IntegrationURL, error) {
	c, token, err := s.liveConfig(ctx)
	if err != nil {
		return IntegrationURL{}, err
	}
	u, err := s.users.User(ctx, c.UserID)
	if err != nil {
		return IntegrationURL{}, err
	}
	t, err := s.users.Token(ctx, c.TokenID)
	if err != nil {
		return IntegrationURL{}, err
	}
	return IntegrationURL{
		PublicURL: c.PublicBaseURL + WebhookPath + token,
		LocalURL:  "http://" + s.localAddr(c) + WebhookPath + token,
		UserID:    u.ID, UserName: u.Name, TokenID: t.ID, TokenName: t.Name, TokenLast4: t.Last4,
	}, nil
}

// liveConfig returns the saved configuration if it still qualifies, with
// its token.
func (s *Service) liveConfig(ctx context.Context) (IntegrationConfig, string, error) {
	c, err := s.Config(ctx)
	if err != nil {
		return c, "", err
	}
	if !c.Configured {
		return c, "", crm.E(CodeNotConfigured)
	}
	_, problems, err := s.check(ctx, c, false)
	if err != nil {
		return c, "", err
	}
	if err := problems.Err(); err != nil {
		return c, "", err
	}
	token, err := s.users.TokenPlain(ctx, c.TokenID)
	if err != nil {
		return c, "", err
	}
	logging.Default.AddSecret(token)
	return c, token, nil
}

// localAddr is host:port to reach the listener from this computer: the
// bound address when running (an unspecified bind address is reached
// through loopback), the configured one otherwise.
func (s *Service) localAddr(c IntegrationConfig) string {
	host, port := c.ListenHost, strconv.Itoa(c.ListenPort)
	s.life.Lock()
	srv := s.srv
	s.life.Unlock()
	if srv != nil {
		if st := srv.Status(); st.Running {
			if h, p, err := net.SplitHostPort(st.Addr); err == nil {
				host, port = h, p
			}
		}
	}
	if ip := net.ParseIP(host); ip != nil && ip.IsUnspecified() {
		if ip.To4() != nil {
			host = "127.0.0.1"
		} else {
			host = "::1"
		}
	}
	return net.JoinHostPort(host, port)
}

// SendTestEvent posts jivochat.SampleChatFinished to the running listener
// over loopback with the configured token, so the whole path (HTTP, token
// check, handler, database) is exercised, and returns the lead it produced.
func (s *Service) SendTestEvent(ctx context.Context) (string, error) {
	c, token, err := s.liveConfig(ctx)
	if err != nil {
		return "", err
	}
	s.life.Lock()
	srv := s.srv
	s.life.Unlock()
	if srv == nil || !srv.Status().Running {
		return "", crm.E(CodeListenerStopped)
	}
	body := jivochat.SampleChatFinished(s.now())
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, "http://"+s.localAddr(c)+WebhookPath+token,
		bytes.NewReader(body))
	if err != nil {
		return "", err
	}
	req.Header.Set("Content-Type", "application/json")
	resp, err := s.client.Do(req)
	if err != nil {
		// The URL holds the token; keep only the cause's kind.
		return "", crm.E(CodeTestFailed, "status", 0).Wrap(errors.New(strings.ReplaceAll(err.Error(), token, "…")))
	}
	defer resp.Body.Close()
	_, _ = io.Copy(io.Discard, io.LimitReader(resp.Body, 1<<16))
	if resp.StatusCode != http.StatusOK {
		return "", crm.E(CodeTestFailed, "status", resp.StatusCode)
	}
	ev, err := jivochat.Decode(body)
	if err != nil {
		return "", err
	}
	leadID, found, err := s.store.RawEventLead(ctx, jivochat.IdempotencyKey(ev))
	if err != nil {
		return "", err
	}
	if !found || leadID == "" {
		return "", crm.E(CodeTestFailed, "status", resp.StatusCode)
	}
	s.log.Info("jivochat test event stored", "lead", leadID)
	return leadID, nil
}

// List returns one page of leads for the list screen.
func (s *Service) List(ctx context.Context, f Filter) (Page, error) {
	f.Search = strings.TrimSpace(f.Search)
	f.Origin = strings.TrimSpace(f.Origin)
	if f.Stage != "" && !f.Stage.Valid() {
		return Page{}, crm.E(crm.CodeLeadStageInvalid, "stage", string(f.Stage)).OnField("stage")
	}
	if f.Limit <= 0 {
		f.Limit = DefaultLimit
	}
	f.Limit = min(f.Limit, MaxLimit)
	f.Offset = max(f.Offset, 0)
	return s.store.ListLeads(ctx, f)
}

// Get returns a lead with its whole conversation.
func (s *Service) Get(ctx context.Context, id string) (Detail, error) {
	return s.store.GetLead(ctx, id)
}

// SetStage moves a lead to another stage and returns it as it is now.
func (s *Service) SetStage(ctx context.Context, id string, stage crm.LeadStage) (Detail, error) {
	if !stage.Valid() {
		return Detail{}, crm.E(crm.CodeLeadStageInvalid, "stage", string(stage)).OnField("stage")
	}
	if err := s.store.SetStage(ctx, id, stage, s.now().UTC()); err != nil {
		return Detail{}, err
	}
	s.log.Info("lead stage changed", "lead", id, "stage", stage)
	return s.store.GetLead(ctx, id)
}

// Contact is what a person types to reach a visitor who left no contact.
type Contact struct {
	Email string `json:"email"`
	Phone string `json:"phone"`
}

// SetContact validates c (one of e-mail or phone; each, when typed, must be
// valid) and stores it on the lead, which makes a visitor without contact a
// lead. Every problem is reported at once, on its field. It returns the lead
// as it is now.
func (s *Service) SetContact(ctx context.Context, id string, c Contact) (Detail, error) {
	email, phone := strings.TrimSpace(c.Email), strings.TrimSpace(c.Phone)
	var bad crm.Invalid
	if email == "" && phone == "" {
		bad.Add(crm.E(CodeContactRequired).OnField("phone"))
	}
	normEmail := crm.NormalizeEmail(email)
	p, _ := crm.ParseChatPhone(phone)
	normPhone := p.E164()
	if email != "" && normEmail == "" {
		bad.Add(crm.E(CodeContactEmailInvalid).OnField("email"))
	}
	if phone != "" && normPhone == "" {
		bad.Add(crm.E(CodeContactPhoneInvalid).OnField("phone"))
	}
	if err := bad.Err(); err != nil {
		return Detail{}, err
	}
	if err := s.store.SetContact(ctx, id, normEmail, normPhone, s.now().UTC()); err != nil {
		return Detail{}, err
	}
	s.log.Info("lead contact added", "lead", id)
	return s.store.GetLead(ctx, id)
}
