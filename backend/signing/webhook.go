package signing

// Clicksign webhooks, the optional fast path of status sync.
//
// A delivery never sets state by itself: once its HMAC is verified against
// the key's secret (kept in the keyring) and its body is known to be new, the
// envelope it names is re-read from Clicksign and goes through the same
// ComputeStatus as the poll. So a forged, replayed, reordered or partial
// delivery can at worst cost a few requests; it cannot invent or lose state.
//
// What each delivery gets (the listener already answered 413 to a body over
// its limit, before we see it):
//
//   - unknown key, webhook not enabled for it, secret not in the keyring,
//     Content-Hmac wrong or missing: 401, nothing recorded;
//   - keyring not answering: 503, nothing recorded (Clicksign may retry);
//   - not JSON, or no event name: 400, nothing recorded;
//   - a body already recorded for the key: 200, nothing else happens;
//   - a document no local envelope has: 200, nothing recorded but the key's
//     last-delivery time; the poll is woken, in case the document key is not
//     the v3 id after all (see clicksign/assumptions.go);
//   - a local envelope: the body's hash is recorded, 200 is answered at once,
//     and the envelope is synced in the background (deliveries for the same
//     envelope that arrive before that sync starts share it). If Clicksign
//     fails that sync, nothing changes and the hash is forgotten, so a
//     redelivery is acted on; the poll catches up meanwhile.

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"log/slog"
	"net"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"sync"
	"time"

	"selo/backend/clicksign"
	"selo/backend/crm"
	"selo/backend/logging"
	"selo/backend/secrets"
)

// WebhookRoute is the local listener's route for Clicksign deliveries; the
// key's id follows it (inbound serves POST /webhooks/clicksign/{keyID}).
const WebhookRoute = "/webhooks/clicksign/"

// WebhookPath is a key's route on the listener.
func WebhookPath(integrationID int64) string {
	return WebhookRoute + strconv.FormatInt(integrationID, 10)
}

// WebhookEvents are the events Selo subscribes to: the ones that can change
// what the office sees (a signature, a refusal, the end of an envelope, a new
// deadline). Set-up events are left out; they would only cost requests.
var WebhookEvents = []string{clicksign.EventSign, clicksign.EventRefusal, clicksign.EventClose,
	clicksign.EventAutoClose, clicksign.EventDeadline, clicksign.EventDocumentClosed, clicksign.EventCancel,
	clicksign.EventUpdateDeadline}

// Webhook error codes; the screen explains each with the field to fix.
const (
	// CodeWebhookURLInvalid: the public address cannot be used (data:
	// reason = syntax, scheme, host, credentials, query, fragment, port or
	// path).
	CodeWebhookURLInvalid = "webhook.url_invalid"
	// CodeWebhookURLNotHTTPS: Produção needs an https:// address.
	CodeWebhookURLNotHTTPS = "webhook.url_not_https"
	// CodeWebhookURLLocal: the address is this computer's or the office
	// network's, which Clicksign, on the internet, cannot reach.
	CodeWebhookURLLocal = "webhook.url_local"
	// CodeWebhookSecretInvalid: a pasted secret has spaces or is too short
	// or too long to be a Clicksign webhook secret.
	CodeWebhookSecretInvalid = "webhook.secret_invalid"
	// CodeWebhookSimulatorOnly: the one-click registration is for Simulador
	// local keys; a real key needs the public address.
	CodeWebhookSimulatorOnly = "webhook.simulator_only"
	// CodeWebhookRealOnly: a Simulador local key needs no public address.
	CodeWebhookRealOnly = "webhook.real_only"
	// CodeWebhookListenerStopped: webhooks are on but the local listener
	// is not running (status only).
	CodeWebhookListenerStopped = "webhook.listener_stopped"
	// CodeWebhookEndpointMoved: a Simulador local registration points at
	// an address the listener no longer has (its port was changed on the
	// JivoChat tab), so deliveries go nowhere (status only).
	CodeWebhookEndpointMoved = "webhook.endpoint_moved"
)

// WebhookMode is how a key's webhook came to exist.
type WebhookMode string

// The modes.
const (
	// WebhookRegistered: Selo registered it through the API and can remove it.
	WebhookRegistered WebhookMode = "registered"
	// WebhookManual: the office created it on Clicksign's site and pasted its
	// secret; Selo only verifies deliveries.
	WebhookManual WebhookMode = "manual"
)

// WebhookConfig is a key's webhook as stored (the secret is in the keyring).
type WebhookConfig struct {
	IntegrationID int64
	Mode          WebhookMode
	// RemoteID is Clicksign's webhook id (registered mode).
	RemoteID string
	// Endpoint is the address registered on Clicksign (registered mode).
	Endpoint       string
	CreatedAt      time.Time
	UpdatedAt      time.Time
	LastDeliveryAt time.Time
}

// WebhookDelivery is a verified delivery worth acting on, recorded so a
// replay of the same body is recognised.
type WebhookDelivery struct {
	IntegrationID int64
	// BodyHash is the hex SHA-256 of the raw body: Clicksign sends no
	// delivery id, and two different events never share a body (the event
	// name and its occurred_at are in it).
	BodyHash   string
	Event      string
	DocumentID string
	EnvelopeID string
	ReceivedAt time.Time
}

// WebhookTarget is the local envelope a delivery's document belongs to.
type WebhookTarget struct {
	EnvelopeID    string
	ReservationID int64
	// Polled: Clicksign last reported it running and still knows it, so a
	// sync reads it; otherwise its state is final here.
	Polled bool
}

// WebhookStore keeps the webhooks' configuration and recent deliveries.
type WebhookStore interface {
	// Webhook returns a key's configuration; ok is false when webhooks are
	// off for it.
	Webhook(ctx context.Context, integrationID int64) (c WebhookConfig, ok bool, err error)
	SaveWebhook(ctx context.Context, c WebhookConfig) error
	DeleteWebhook(ctx context.Context, integrationID int64) error
	// AnyWebhook reports whether any key has webhooks on (the listener must
	// then run).
	AnyWebhook(ctx context.Context) (bool, error)
	// RecordDelivery stores d and the key's last-delivery time unless the
	// same body was already recorded for the key; fresh reports which.
	RecordDelivery(ctx context.Context, d WebhookDelivery) (fresh bool, err error)
	// ForgetDelivery removes a recorded delivery whose sync failed.
	ForgetDelivery(ctx context.Context, integrationID int64, bodyHash string) error
	// TouchWebhook sets the key's last-delivery time alone.
	TouchWebhook(ctx context.Context, integrationID int64, at time.Time) error
	// EnvelopeByDocument finds the key's local envelope holding the document.
	EnvelopeByDocument(ctx context.Context, integrationID int64, documentID string) (WebhookTarget, bool, error)
}

// SyncEnvelope re-reads one local envelope from Clicksign (the envelope,
// its documents and events) and applies what changed through the same path
// as the poll, emitting envelope:changed. An envelope no longer running
// here, or one Clicksign no longer has, is left as it is (the latter marked
// missing, like the poll does). An error leaves its state untouched.
func (s *Syncer) SyncEnvelope(ctx context.Context, reservationID int64, envelopeID string) (bool, error) {
	return s.syncEnvelope(ctx, reservationID, envelopeID, nil)
}

// syncEnvelope calls started once it holds the sync lock, i.e. from the
// moment what it reads is newer than anything delivered before.
func (s *Syncer) syncEnvelope(ctx context.Context, reservationID int64, envelopeID string, started func()) (bool, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if started != nil {
		started()
	}
	// Re-read under the lock: a poll may have moved it since the delivery.
	locals, err := s.Store.RunningEnvelopes(ctx, reservationID)
	if err != nil {
		return false, err
	}
	var l *SyncEnvelope
	for i := range locals {
		if locals[i].ID == envelopeID {
			l = &locals[i]
		}
	}
	if l == nil {
		return false, nil
	}
	key, token, err := s.Sender.keys.Token(ctx, l.IntegrationID)
	if err != nil {
		return false, err
	}
	c, err := s.Sender.client(key, token)
	if err != nil {
		return false, err
	}
	s.Requests++
	env, err := c.GetEnvelope(ctx, l.ID)
	if clicksign.IsNotFound(err) {
		return false, s.Store.MarkMissing(ctx, l.ID, s.Sender.Now())
	}
	if err != nil {
		return false, Translate(err)
	}
	changed, err := s.syncOne(ctx, c, *l, *env)
	return changed, Translate(err)
}

// WebhookReceiver answers Clicksign's deliveries on the local listener; it
// implements inbound.ClicksignHandler. Build it with NewWebhookReceiver over
// the Syncer that does the work; without one, deliveries get 503.
type WebhookReceiver struct {
	store   WebhookStore
	secrets secrets.Store
	log     *slog.Logger
	// Now is the clock (default time.Now).
	Now func() time.Time

	mu     sync.Mutex
	syncer *Syncer
	ctx    context.Context
	cancel context.CancelFunc
	closed bool
	// queued holds, per envelope, the sync not yet started and the hashes
	// of the deliveries waiting on it.
	queued map[string]*webhookJob
	wg     sync.WaitGroup
	// lastKick is when a delivery for no local envelope last woke the
	// poll; see unknownKickEvery.
	lastKick time.Time
}

// unknownKickEvery bounds how often deliveries for documents Selo does not
// know wake the poll. Webhooks are per account: an account shared with
// another system posts all its documents here, and a full list sync for
// each would spend the rate limit Selo's own sends need.
const unknownKickEvery = time.Minute

type webhookJob struct {
	integrationID int64
	hashes        []string
}

// NewWebhookReceiver builds a receiver whose deliveries re-read their
// envelope through syncer (nil: 503 until Attach); log receives ids and
// codes only.
func NewWebhookReceiver(syncer *Syncer, store WebhookStore, sec secrets.Store, log *slog.Logger) *WebhookReceiver {
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	ctx, cancel := context.WithCancel(context.Background())
	return &WebhookReceiver{store: store, secrets: sec, log: log, Now: time.Now, syncer: syncer, ctx: ctx, cancel: cancel,
		queued: map[string]*webhookJob{}}
}

// Attach hands a receiver built without one the Syncer that does the work.
func (r *WebhookReceiver) Attach(s *Syncer) {
	r.mu.Lock()
	r.syncer = s
	r.mu.Unlock()
}

// Wait blocks until the syncs started by deliveries so far have finished.
func (r *WebhookReceiver) Wait() { r.wg.Wait() }

// Close refuses new deliveries (503), cancels the syncs in flight and waits
// for them until ctx ends; call it before the database closes.
func (r *WebhookReceiver) Close(ctx context.Context) error {
	r.mu.Lock()
	r.closed = true
	r.mu.Unlock()
	r.cancel()
	done := make(chan struct{})
	go func() { r.wg.Wait(); close(done) }()
	select {
	case <-done:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

func webhookReply(result string) []byte {
	return []byte(`{"result":"` + result + `"}`)
}

func webhookError(code string) []byte {
	return []byte(`{"result":"error","error":"` + code + `"}`)
}

// HandleClicksign verifies and handles one delivery for the key whose id is
// keyID, and returns the HTTP status and body to answer.
func (r *WebhookReceiver) HandleClicksign(ctx context.Context, keyID string, header http.Header, body []byte) (int, []byte) {
	r.mu.Lock()
	syncer, closed := r.syncer, r.closed
	r.mu.Unlock()
	if syncer == nil || closed {
		return http.StatusServiceUnavailable, webhookError("unavailable")
	}
	id, err := strconv.ParseInt(keyID, 10, 64)
	if err != nil || id <= 0 || strconv.FormatInt(id, 10) != keyID {
		r.log.Warn("clicksign webhook refused: unknown key")
		return http.StatusUnauthorized, webhookError("unauthorized")
	}
	cfg, ok, err := r.store.Webhook(ctx, id)
	if err != nil {
		r.log.Error("clicksign webhook: reading the configuration", "key", id, "err", err)
		return http.StatusInternalServerError, webhookError("internal")
	}
	if !ok {
		r.log.Warn("clicksign webhook refused: webhooks are off for the key", "key", id)
		return http.StatusUnauthorized, webhookError("unauthorized")
	}
	secret, err := r.secrets.Get(ctx, secrets.ClicksignWebhookKey(id))
	if errors.Is(err, secrets.ErrNotFound) {
		r.log.Warn("clicksign webhook refused: no secret in the keyring", "key", id)
		return http.StatusUnauthorized, webhookError("unauthorized")
	}
	if err != nil {
		r.log.Error("clicksign webhook: keyring", "key", id, "code", crm.AsError(err).Code)
		return http.StatusServiceUnavailable, webhookError("unavailable")
	}
	logging.Default.AddSecret(secret)
	// The raw bytes, before any decoding: re-encoded JSON would not match.
	if !clicksign.VerifyHMAC(secret, body, header.Get(clicksign.HeaderContentHmac)) {
		r.log.Warn("clicksign webhook refused: bad or missing Content-Hmac", "key", id)
		return http.StatusUnauthorized, webhookError("unauthorized")
	}
	var p clicksign.WebhookPayload
	if err := json.Unmarshal(body, &p); err != nil || p.Event.Name == "" {
		r.log.Warn("clicksign webhook refused: malformed body", "key", id)
		return http.StatusBadRequest, webhookError("malformed")
	}
	now := r.Now().UTC()
	// The key is a UUID: its canonical form, so one echoed in upper case or
	// padded still finds the envelope, and a replay of it is one delivery.
	docID := canonicalID(p.Document.Key)
	target, found := WebhookTarget{}, false
	if docID != "" {
		if target, found, err = r.store.EnvelopeByDocument(ctx, id, docID); err != nil {
			r.log.Error("clicksign webhook: finding the envelope", "key", id, "err", err)
			return http.StatusInternalServerError, webhookError("internal")
		}
	}
	if !found {
		if err := r.store.TouchWebhook(ctx, id, now); err != nil {
			r.log.Error("clicksign webhook: recording the delivery time", "key", id, "err", err)
		}
		r.log.Info("clicksign webhook for no local envelope", "key", id, "event", p.Event.Name, "document", docID)
		r.mu.Lock()
		// A clock set back (a wrong clock corrected) wakes it too, or
		// deliveries would stay silent for as long as the clock moved.
		wake := now.Sub(r.lastKick) >= unknownKickEvery || now.Before(r.lastKick)
		if wake {
			r.lastKick = now
		}
		r.mu.Unlock()
		if wake {
			syncer.Kick()
		}
		return clicksign.WebhookAckStatus, webhookReply("ignored")
	}
	sum := sha256.Sum256(body)
	hash := hex.EncodeToString(sum[:])
	fresh, err := r.store.RecordDelivery(ctx, WebhookDelivery{IntegrationID: id, BodyHash: hash, Event: p.Event.Name,
		DocumentID: docID, EnvelopeID: target.EnvelopeID, ReceivedAt: now})
	if err != nil {
		r.log.Error("clicksign webhook: recording the delivery", "key", id, "err", err)
		return http.StatusInternalServerError, webhookError("internal")
	}
	if !fresh {
		r.log.Info("clicksign webhook replayed; ignored", "key", id, "event", p.Event.Name, "envelope", target.EnvelopeID)
		return clicksign.WebhookAckStatus, webhookReply("duplicate")
	}
	r.log.Info("clicksign webhook", "key", id, "event", p.Event.Name, "envelope", target.EnvelopeID, "mode", cfg.Mode)
	if target.Polled {
		r.schedule(syncer, id, target, hash)
	}
	return clicksign.WebhookAckStatus, webhookReply("ok")
}

// schedule syncs the target in the background, sharing a sync that is
// queued but not started yet: the deliveries of one signature (sign,
// auto_close, document_closed) arrive together and one read covers them.
func (r *WebhookReceiver) schedule(s *Syncer, integrationID int64, t WebhookTarget, hash string) {
	r.mu.Lock()
	if r.closed {
		// Closing: Close may already have waited for the jobs, and the
		// database is about to close. The poll at the next start reads it.
		r.mu.Unlock()
		return
	}
	if j := r.queued[t.EnvelopeID]; j != nil {
		j.hashes = append(j.hashes, hash)
		r.mu.Unlock()
		return
	}
	j := &webhookJob{integrationID: integrationID, hashes: []string{hash}}
	r.queued[t.EnvelopeID] = j
	r.wg.Add(1)
	ctx := r.ctx
	r.mu.Unlock()
	go func() {
		defer r.wg.Done()
		var hashes []string
		_, err := s.syncEnvelope(ctx, t.ReservationID, t.EnvelopeID, func() {
			r.mu.Lock()
			delete(r.queued, t.EnvelopeID)
			hashes = j.hashes
			r.mu.Unlock()
		})
		if err == nil {
			return
		}
		r.log.Warn("clicksign webhook: sync failed; the poll will catch up", "envelope", t.EnvelopeID,
			"code", crm.AsError(err).Code)
		// A fresh context: the delivery must be forgotten even when the app
		// is closing, or a redelivery after restart would be ignored.
		fctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		for _, h := range hashes {
			if err := r.store.ForgetDelivery(fctx, j.integrationID, h); err != nil {
				r.log.Error("clicksign webhook: forgetting a failed delivery", "envelope", t.EnvelopeID, "err", err)
			}
		}
	}()
}

// KeyList lists the e-signature keys; *integrations.Service implements it.
type KeyList interface {
	List(ctx context.Context) ([]crm.Integration, error)
}

// WebhookListener is the local HTTP listener as webhooks need it;
// *leads.Service implements it (it owns the listener JivoChat shares).
type WebhookListener interface {
	// StartListener starts the listener if it is not running and returns its
	// address on this computer, e.g. http://127.0.0.1:38410.
	StartListener(ctx context.Context) (string, error)
	// Reconfigure re-applies whether the listener should run, stopping it
	// when nothing needs it any more.
	Reconfigure(ctx context.Context) error
	// ListenerURL returns the listener's address on this computer and
	// whether it is running.
	ListenerURL(ctx context.Context) (string, bool)
}

// WebhookSettings turns a key's webhook on and off ("Receber atualizações
// por webhook").
type WebhookSettings struct {
	Sender   *Sender
	Keys     KeyList
	Store    WebhookStore
	Secrets  secrets.Store
	Listener WebhookListener
	// Log receives ids and codes only.
	Log *slog.Logger
}

// WebhookStatus is what a key's card shows.
type WebhookStatus struct {
	IntegrationID int64           `json:"integrationId"`
	Environment   crm.Environment `json:"environment"`
	Enabled       bool            `json:"enabled"`
	// Mode is "" while disabled.
	Mode WebhookMode `json:"mode"`
	// Endpoint is the address registered on Clicksign ("" for manual).
	Endpoint string `json:"endpoint"`
	// Path is the key's route on the listener, which a tunnel forwards and a
	// webhook created on Clicksign's site must end with.
	Path string `json:"path"`
	// LocalURL reaches the key's route from this computer.
	LocalURL        string `json:"localUrl"`
	ListenerRunning bool   `json:"listenerRunning"`
	// EnabledAt and LastDeliveryAt are nil when unknown or never.
	EnabledAt      *time.Time `json:"enabledAt,omitempty" ts_type:"string"`
	LastDeliveryAt *time.Time `json:"lastDeliveryAt,omitempty" ts_type:"string"`
	// Problem is a code to explain ("" when none).
	Problem string `json:"problem,omitempty"`
	// RemoteLeft is set by Disable when the webhook could not be removed from
	// Clicksign (it may still post; Selo refuses what it posts).
	RemoteLeft bool `json:"remoteLeft,omitempty"`
}

func (w *WebhookSettings) logger() *slog.Logger {
	if w.Log == nil {
		return slog.New(slog.DiscardHandler)
	}
	return w.Log
}

func (w *WebhookSettings) key(ctx context.Context, id int64) (crm.Integration, error) {
	keys, err := w.Keys.List(ctx)
	if err != nil {
		return crm.Integration{}, err
	}
	for _, k := range keys {
		if k.ID == id {
			return k, nil
		}
	}
	return crm.Integration{}, crm.E(crm.CodeNotFound)
}

// List returns every key's webhook status, in the keys' order.
func (w *WebhookSettings) List(ctx context.Context) ([]WebhookStatus, error) {
	keys, err := w.Keys.List(ctx)
	if err != nil {
		return nil, err
	}
	out := make([]WebhookStatus, 0, len(keys))
	for _, k := range keys {
		st, err := w.status(ctx, k)
		if err != nil {
			return nil, err
		}
		out = append(out, st)
	}
	return out, nil
}

// Status returns one key's webhook status.
func (w *WebhookSettings) Status(ctx context.Context, integrationID int64) (WebhookStatus, error) {
	k, err := w.key(ctx, integrationID)
	if err != nil {
		return WebhookStatus{}, err
	}
	return w.status(ctx, k)
}

func (w *WebhookSettings) status(ctx context.Context, k crm.Integration) (WebhookStatus, error) {
	st := WebhookStatus{IntegrationID: k.ID, Environment: k.Environment, Path: WebhookPath(k.ID)}
	base, running := w.Listener.ListenerURL(ctx)
	st.ListenerRunning = running
	if base != "" {
		st.LocalURL = base + st.Path
	}
	c, ok, err := w.Store.Webhook(ctx, k.ID)
	if err != nil || !ok {
		return st, err
	}
	st.Enabled, st.Mode, st.Endpoint = true, c.Mode, c.Endpoint
	if !c.CreatedAt.IsZero() {
		t := c.CreatedAt
		st.EnabledAt = &t
	}
	if !c.LastDeliveryAt.IsZero() {
		t := c.LastDeliveryAt
		st.LastDeliveryAt = &t
	}
	switch {
	case !running:
		st.Problem = CodeWebhookListenerStopped
	case k.Environment == crm.EnvSimulator && c.Mode == WebhookRegistered && st.LocalURL != "" && c.Endpoint != st.LocalURL:
		// Selo registered the listener's own address; a real key's public
		// address is the tunnel's and cannot be compared.
		st.Problem = CodeWebhookEndpointMoved
	}
	return st, nil
}

// EnableSimulator is the one click of a Simulador local key: the listener
// starts, its address for this key is registered with the simulator through
// the same API call as Clicksign's, and the secret goes to the keyring.
func (w *WebhookSettings) EnableSimulator(ctx context.Context, integrationID int64) (WebhookStatus, error) {
	key, token, err := w.Sender.keys.Token(ctx, integrationID)
	if err != nil {
		return WebhookStatus{}, err
	}
	if key.Environment != crm.EnvSimulator {
		return WebhookStatus{}, crm.E(CodeWebhookSimulatorOnly)
	}
	base, err := w.Listener.StartListener(ctx)
	if err != nil {
		return WebhookStatus{}, err
	}
	return w.register(ctx, key, token, base+WebhookPath(key.ID))
}

// EnableWithURL registers on Clicksign the public address that forwards to
// the local listener (a tunnel or reverse proxy). publicURL may be the
// tunnel's base address (the key's route is added) or the full address.
func (w *WebhookSettings) EnableWithURL(ctx context.Context, integrationID int64, publicURL string) (WebhookStatus, error) {
	k, err := w.key(ctx, integrationID)
	if err != nil {
		return WebhookStatus{}, err
	}
	if k.Environment == crm.EnvSimulator {
		return WebhookStatus{}, crm.E(CodeWebhookRealOnly)
	}
	endpoint, err := WebhookEndpoint(k.Environment, k.ID, publicURL)
	if err != nil {
		return WebhookStatus{}, err
	}
	key, token, err := w.Sender.keys.Token(ctx, integrationID)
	if err != nil {
		return WebhookStatus{}, err
	}
	if _, err := w.Listener.StartListener(ctx); err != nil {
		return WebhookStatus{}, err
	}
	return w.register(ctx, key, token, endpoint)
}

func (w *WebhookSettings) register(ctx context.Context, key crm.Integration, token, endpoint string) (WebhookStatus, error) {
	c, err := w.Sender.client(key, token)
	if err != nil {
		return WebhookStatus{}, err
	}
	old, hadOld, err := w.Store.Webhook(ctx, key.ID)
	if err != nil {
		return WebhookStatus{}, err
	}
	params := clicksign.WebhookParams{Endpoint: endpoint, Events: WebhookEvents}
	created, err := c.CreateWebhook(ctx, params)
	if clicksign.IsEndpointTaken(err) {
		// Only this key's route ends that address, so the registration in the
		// way is ours, left by an earlier enable: take its place.
		if derr := w.removeEndpoint(ctx, c, endpoint); derr == nil {
			created, err = c.CreateWebhook(ctx, params)
		}
	}
	if err != nil {
		w.settle(ctx)
		return WebhookStatus{}, Translate(err)
	}
	secret := string(created.Secret)
	logging.Default.AddSecret(secret)
	undo, err := w.swapSecret(ctx, key.ID, secret)
	if err != nil {
		w.dropRemote(c, created.ID)
		w.settle(ctx)
		return WebhookStatus{}, err
	}
	now := w.Sender.Now().UTC()
	cfg := WebhookConfig{IntegrationID: key.ID, Mode: WebhookRegistered, RemoteID: created.ID, Endpoint: endpoint,
		CreatedAt: now, UpdatedAt: now}
	if err := w.Store.SaveWebhook(ctx, cfg); err != nil {
		w.dropRemote(c, created.ID)
		undo()
		w.settle(ctx)
		return WebhookStatus{}, err
	}
	if hadOld && old.Mode == WebhookRegistered && old.RemoteID != "" && old.RemoteID != created.ID {
		w.dropRemote(c, old.RemoteID)
	}
	w.logger().Info("clicksign webhook registered", "key", key.ID, "environment", key.Environment, "webhook", created.ID)
	return w.status(ctx, key)
}

// removeEndpoint deletes the account's webhook registered for endpoint.
func (w *WebhookSettings) removeEndpoint(ctx context.Context, c *clicksign.Client, endpoint string) error {
	hooks, err := c.ListWebhooks(ctx)
	if err != nil {
		return err
	}
	for _, h := range hooks {
		if h.Endpoint == endpoint {
			if err := c.DeleteWebhook(ctx, h.ID); err != nil && !clicksign.IsNotFound(err) {
				return err
			}
		}
	}
	return nil
}

// dropRemote deletes a registration best effort, on its own short context
// because the caller's may be the reason it is being undone.
func (w *WebhookSettings) dropRemote(c *clicksign.Client, id string) bool {
	ctx, cancel := context.WithTimeout(context.Background(), 15*time.Second)
	defer cancel()
	err := c.DeleteWebhook(ctx, id)
	if err != nil && !clicksign.IsNotFound(err) {
		w.logger().Warn("clicksign webhook not removed from Clicksign", "webhook", id, "code", crm.AsError(Translate(err)).Code)
		return false
	}
	return true
}

// swapSecret stores the key's new webhook secret and returns how to put
// back the one it replaced (or none), for when the configuration cannot
// be saved: the webhook that was working keeps working.
func (w *WebhookSettings) swapSecret(ctx context.Context, id int64, secret string) (undo func(), err error) {
	prev, err := w.Secrets.Get(ctx, secrets.ClicksignWebhookKey(id))
	hadPrev := err == nil
	if err != nil && !errors.Is(err, secrets.ErrNotFound) {
		return nil, err
	}
	if err := w.Secrets.Set(ctx, secrets.ClicksignWebhookKey(id), secret); err != nil {
		return nil, err
	}
	return func() {
		ctx, cancel := context.WithTimeout(context.Background(), secrets.DefaultTimeout)
		defer cancel()
		var err error
		if hadPrev {
			err = w.Secrets.Set(ctx, secrets.ClicksignWebhookKey(id), prev)
		} else {
			err = w.Secrets.Delete(ctx, secrets.ClicksignWebhookKey(id))
		}
		if err != nil {
			w.logger().Error("restoring the webhook secret after a failed save", "key", id, "code", crm.AsError(err).Code)
		}
	}, nil
}

// settle lets the listener stop again if the attempt was all that needed it.
func (w *WebhookSettings) settle(ctx context.Context) {
	if err := w.Listener.Reconfigure(ctx); err != nil {
		w.logger().Warn("re-applying the listener", "code", crm.AsError(err).Code)
	}
}

// SaveSecret keeps the secret of a webhook the office created on Clicksign's
// site (pointing at the tunnel that reaches the listener). Selo only checks
// deliveries with it; the secret is never shown again.
func (w *WebhookSettings) SaveSecret(ctx context.Context, integrationID int64, secret string) (WebhookStatus, error) {
	secret = strings.TrimSpace(secret)
	switch {
	case secret == "":
		return WebhookStatus{}, crm.E(crm.CodeRequired).OnField("secret")
	case strings.ContainsAny(secret, " \t\r\n") || len(secret) < minWebhookSecret || len(secret) > maxWebhookSecret:
		return WebhookStatus{}, crm.E(CodeWebhookSecretInvalid, "min", minWebhookSecret).OnField("secret")
	}
	key, err := w.key(ctx, integrationID)
	if err != nil {
		return WebhookStatus{}, err
	}
	if _, err := w.Listener.StartListener(ctx); err != nil {
		return WebhookStatus{}, err
	}
	old, hadOld, err := w.Store.Webhook(ctx, key.ID)
	if err != nil {
		return WebhookStatus{}, err
	}
	logging.Default.AddSecret(secret)
	undo, err := w.swapSecret(ctx, key.ID, secret)
	if err != nil {
		w.settle(ctx)
		return WebhookStatus{}, err
	}
	now := w.Sender.Now().UTC()
	if err := w.Store.SaveWebhook(ctx, WebhookConfig{IntegrationID: key.ID, Mode: WebhookManual, CreatedAt: now, UpdatedAt: now}); err != nil {
		undo()
		w.settle(ctx)
		return WebhookStatus{}, err
	}
	if hadOld && old.Mode == WebhookRegistered && old.RemoteID != "" {
		// The registration Selo made would keep posting with a secret no
		// longer kept here.
		if _, token, err := w.Sender.keys.Token(ctx, key.ID); err == nil {
			if c, err := w.Sender.client(key, token); err == nil {
				w.dropRemote(c, old.RemoteID)
			}
		}
	}
	w.logger().Info("clicksign webhook secret saved", "key", key.ID)
	return w.status(ctx, key)
}

// Disable removes the key's registration from Clicksign (best effort), then
// the secret and the configuration; deliveries are refused from then on.
func (w *WebhookSettings) Disable(ctx context.Context, integrationID int64) (WebhookStatus, error) {
	key, err := w.key(ctx, integrationID)
	if err != nil {
		return WebhookStatus{}, err
	}
	cfg, ok, err := w.Store.Webhook(ctx, key.ID)
	if err != nil {
		return WebhookStatus{}, err
	}
	left := false
	if ok && cfg.Mode == WebhookRegistered && cfg.RemoteID != "" {
		left = true
		if _, token, err := w.Sender.keys.Token(ctx, key.ID); err == nil {
			if c, err := w.Sender.client(key, token); err == nil {
				left = !w.dropRemote(c, cfg.RemoteID)
			}
		}
	}
	if err := w.Secrets.Delete(ctx, secrets.ClicksignWebhookKey(key.ID)); err != nil {
		return WebhookStatus{}, err
	}
	if err := w.Store.DeleteWebhook(ctx, key.ID); err != nil {
		return WebhookStatus{}, err
	}
	w.settle(ctx)
	w.logger().Info("clicksign webhook disabled", "key", key.ID, "remoteLeft", left)
	st, err := w.status(ctx, key)
	st.RemoteLeft = left
	return st, err
}

// Webhook secret length bounds for a pasted secret: Clicksign's are 32 hex
// characters; the bounds only catch a wrong paste, not a new format.
const (
	minWebhookSecret = 16
	maxWebhookSecret = 256
)

// WebhookEndpoint checks the public address the office gives for a real
// key and returns the address to register: the key's route is appended to a
// base address; a full address ending in the route is kept.
func WebhookEndpoint(env crm.Environment, integrationID int64, raw string) (string, error) {
	const field = "publicUrl"
	raw = strings.TrimSpace(raw)
	if raw == "" {
		return "", crm.E(crm.CodeRequired).OnField(field)
	}
	bad := func(reason string) (string, error) {
		return "", crm.E(CodeWebhookURLInvalid, "reason", reason).OnField(field)
	}
	u, err := url.Parse(raw)
	switch {
	case err != nil:
		return bad("syntax")
	case u.Scheme != "http" && u.Scheme != "https":
		return bad("scheme")
	case u.Host == "" || u.Hostname() == "":
		return bad("host")
	case u.User != nil:
		return bad("credentials")
	case u.RawQuery != "" || u.ForceQuery:
		return bad("query")
	case u.Fragment != "" || strings.Contains(raw, "#"):
		return bad("fragment")
	}
	if p := u.Port(); p != "" {
		if n, err := strconv.Atoi(p); err != nil || n < 1 || n > 65535 {
			return bad("port")
		}
	}
	// An address Clicksign cannot reach is the deeper problem: https would
	// not fix it, so it is named first.
	if localHost(u.Hostname()) {
		return "", crm.E(CodeWebhookURLLocal).OnField(field)
	}
	if env == crm.EnvProduction && u.Scheme != "https" {
		return "", crm.E(CodeWebhookURLNotHTTPS).OnField(field)
	}
	path := strings.TrimRight(u.Path, "/")
	own := WebhookPath(integrationID)
	if i := strings.LastIndex(path, WebhookRoute); i >= 0 {
		if path[i:] != own {
			return bad("path") // another key's route
		}
		path = path[:i]
	}
	u.Scheme, u.Host = strings.ToLower(u.Scheme), strings.ToLower(u.Host)
	u.Path, u.RawPath = path+own, ""
	return u.String(), nil
}

// localHost reports an address only this computer or its network reaches.
func localHost(host string) bool {
	h := strings.ToLower(strings.TrimSuffix(host, "."))
	if h == "localhost" || strings.HasSuffix(h, ".localhost") || strings.HasSuffix(h, ".local") {
		return true
	}
	ip := net.ParseIP(h)
	return ip != nil && (ip.IsLoopback() || ip.IsPrivate() || ip.IsUnspecified() || ip.IsLinkLocalUnicast())
}
