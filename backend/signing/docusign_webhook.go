package signing

// DocuSign Connect deliveries, the optional fast path of DocuSign status.
//
// Connect is optional per key: it is on when the key's Connect HMAC secret
// is in the keyring (secrets.DocuSignConnectKey). A delivery is trusted only
// once one of its X-DocuSign-Signature-N headers matches that secret; then
// its envelope summary (Selo subscribes with includeData recipients) goes
// through the same ComputeDocuSignStatus and ApplySync as a status pass,
// and 200 is answered only after that commit, so DocuSign retries anything
// Selo did not keep. A message without the recipients makes Selo read the
// envelope once instead (unless read within the 15-minute rule: the next
// pass then carries it).
//
// What each delivery gets (the listener already answered 413 to a body over
// its limit):
//
//   - unknown or non-DocuSign key, Connect off for it, signature wrong or
//     missing: 401, nothing recorded;
//   - keyring not answering: 503, nothing recorded (DocuSign retries);
//   - not JSON SIM (no event or envelopeId): 400, nothing recorded;
//   - an envelope that is not this key's, or no longer running here: 200,
//     nothing recorded or invented;
//   - the same message again (envelopeId, event, generatedDateTime, the
//     replay identity of reference §7.3): 200 with no second effect. Applying
//     a message is idempotent anyway (events keyed per answer, facts never
//     go back), so a replay after a restart changes nothing either;
//   - a failure while applying: 503, nothing changed, the message can come
//     again.

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"io"
	"log/slog"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"time"

	"selo/backend/crm"
	"selo/backend/docusign"
	"selo/backend/logging"
	"selo/backend/secrets"
)

// DocuSignWebhookRoute is the listener's route for Connect deliveries; the
// key's id follows it (inbound serves POST /webhooks/docusign/{keyID}).
const DocuSignWebhookRoute = "/webhooks/docusign/"

// DocuSignWebhookPath is a key's route on the listener.
func DocuSignWebhookPath(integrationID int64) string {
	return DocuSignWebhookRoute + strconv.FormatInt(integrationID, 10)
}

// connectReplayWindow is how long a message's identity is remembered. DocuSign
// retries a failed message once a day, at most ten times (§7.4); a replay after
// that finds its facts already applied.
const connectReplayWindow = 24 * time.Hour

// SimulatorConnectHost is the host of the Connect URL Simulador local
// envelopes ask for. It is never resolved: the in-app simulator's
// deliveries reach the receiver through Transport, so the training desk's
// signature shows at once, as Connect makes a real key's show, while the
// status pass keeps DocuSign's polling rule for every key.
const SimulatorConnectHost = "simulador-local.invalid"

// SimulatorConnectURL is the Connect URL of a Simulador local key's envelopes.
func SimulatorConnectURL(integrationID int64) string {
	return "http://" + SimulatorConnectHost + DocuSignWebhookPath(integrationID)
}

// DocuSignReceiver verifies and applies Connect deliveries.
type DocuSignReceiver struct {
	syncer  *Syncer
	secrets secrets.Store
	log     *slog.Logger
	// Now is the clock (default the Sender's).
	Now func() time.Time
	// SimulatorSecret is the in-app simulator's Connect secret (its
	// Options.ConnectSecret, random per run), accepted for Simulador local
	// keys only; "" accepts none.
	SimulatorSecret string
	// NoClient is set on `selo server`, which holds no DocuSign sign-in (the
	// tokens live in the desktops' keyrings): a message is applied from its
	// own summary, without a request. What needs DocuSign is left to a
	// signed-in desktop's next pass: a completed envelope's signed PDF (the
	// signatures are recorded now, "Finalizado" comes with the download) and
	// a message without the recipients.
	NoClient bool

	mu   sync.Mutex
	seen map[string]time.Time // replay identity -> when applied
}

// NewDocuSignReceiver builds the receiver over the Syncer (whose DocuSign
// field must be set) and the keyring holding the Connect secrets.
func NewDocuSignReceiver(s *Syncer, sec secrets.Store, log *slog.Logger) *DocuSignReceiver {
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	return &DocuSignReceiver{syncer: s, secrets: sec, log: log, Now: s.Sender.Now, seen: map[string]time.Time{}}
}

// HandleDocuSign verifies and handles one delivery for the key whose id is
// keyID, and returns the HTTP status and body to answer.
func (r *DocuSignReceiver) HandleDocuSign(ctx context.Context, keyID string, header http.Header, body []byte) (int, []byte) {
	s := r.syncer
	if s == nil || s.DocuSign == nil {
		return http.StatusServiceUnavailable, webhookError("unavailable")
	}
	id, err := strconv.ParseInt(keyID, 10, 64)
	if err != nil || id <= 0 || strconv.FormatInt(id, 10) != keyID {
		r.log.Warn("docusign connect refused: unknown key")
		return http.StatusUnauthorized, webhookError("unauthorized")
	}
	key, ok, err := s.docuSignKey(ctx, id)
	if err != nil && !errors.Is(err, &crm.Error{Code: crm.CodeNotFound}) {
		r.log.Error("docusign connect: reading the key", "key", id, "code", crm.AsError(err).Code)
		return http.StatusInternalServerError, webhookError("internal")
	}
	if err != nil || !ok {
		r.log.Warn("docusign connect refused: not a DocuSign key", "key", id)
		return http.StatusUnauthorized, webhookError("unauthorized")
	}
	var keys []string
	if key.Environment == crm.EnvSimulator && r.SimulatorSecret != "" {
		keys = append(keys, r.SimulatorSecret)
	}
	stored, err := r.secrets.Get(ctx, secrets.DocuSignConnectKey(id))
	if errors.Is(err, secrets.ErrNotFound) && len(keys) == 0 {
		r.log.Warn("docusign connect refused: Connect is off for the key", "key", id)
		return http.StatusUnauthorized, webhookError("unauthorized")
	}
	if err != nil && !errors.Is(err, secrets.ErrNotFound) {
		r.log.Error("docusign connect: keyring", "key", id, "code", crm.AsError(err).Code)
		return http.StatusServiceUnavailable, webhookError("unavailable")
	}
	for _, k := range strings.Split(stored, "\n") {
		if k = strings.TrimSpace(k); k != "" {
			logging.Default.AddSecret(k)
			keys = append(keys, k)
		}
	}
	// The raw bytes, before any decoding: re-encoded JSON would not match.
	if !docusign.VerifyConnect(keys, header, body) {
		r.log.Warn("docusign connect refused: bad or missing signature", "key", id)
		return http.StatusUnauthorized, webhookError("unauthorized")
	}
	ev, err := docusign.ParseConnect(body)
	if err != nil {
		r.log.Warn("docusign connect refused: malformed body", "key", id)
		return http.StatusBadRequest, webhookError("malformed")
	}
	d, err := s.Store.EnvelopeDetail(ctx, strings.TrimSpace(ev.EnvelopeID))
	if errors.Is(err, &crm.Error{Code: crm.CodeNotFound}) || (err == nil && (d.IntegrationID != id || d.RemoteStatus != DocuSignRunning || d.Missing)) {
		// Another app's envelope, another key's (its secret does not speak
		// for this one), or one whose end is recorded already.
		r.log.Info("docusign connect for no running local envelope", "key", id, "event", ev.Event)
		return http.StatusOK, webhookReply("ignored")
	}
	if err != nil {
		r.log.Error("docusign connect: finding the envelope", "key", id, "err", err)
		return http.StatusInternalServerError, webhookError("internal")
	}
	replay := replayID(id, ev)
	now := r.Now()
	r.mu.Lock()
	for k, at := range r.seen {
		if now.Sub(at) > connectReplayWindow || now.Before(at) {
			delete(r.seen, k)
		}
	}
	_, dup := r.seen[replay]
	r.mu.Unlock()
	if dup {
		r.log.Info("docusign connect replayed; ignored", "key", id, "event", ev.Event, "envelope", d.ID)
		return http.StatusOK, webhookReply("duplicate")
	}
	if err := r.apply(ctx, key, d.ReservationID, d.ID, ev); err != nil {
		r.log.Warn("docusign connect: not applied; DocuSign may send it again", "key", id, "event", ev.Event,
			"envelope", d.ID, "code", crm.AsError(err).Code)
		return http.StatusServiceUnavailable, webhookError("unavailable")
	}
	r.mu.Lock()
	r.seen[replay] = now
	r.mu.Unlock()
	r.log.Info("docusign connect", "key", id, "event", ev.Event, "envelope", d.ID)
	return http.StatusOK, webhookReply("ok")
}

// Transport carries the in-app simulator's Connect deliveries (its
// Options.ConnectClient) straight to the receiver, for URLs on
// SimulatorConnectHost; it refuses any other address, so the simulator can
// post nowhere else.
func (r *DocuSignReceiver) Transport() http.RoundTripper { return simulatorTransport{r} }

type simulatorTransport struct{ r *DocuSignReceiver }

// RoundTrip implements http.RoundTripper.
func (t simulatorTransport) RoundTrip(req *http.Request) (*http.Response, error) {
	if req.Body != nil {
		defer req.Body.Close()
	}
	keyID, ok := strings.CutPrefix(req.URL.Path, DocuSignWebhookRoute)
	if req.URL.Host != SimulatorConnectHost || req.Method != http.MethodPost || !ok {
		return nil, errors.New("signing: the simulator's Connect goes only to " + SimulatorConnectHost)
	}
	var body []byte
	if req.Body != nil {
		b, err := io.ReadAll(io.LimitReader(req.Body, 1<<20))
		if err != nil {
			return nil, err
		}
		body = b
	}
	status, reply := t.r.HandleDocuSign(req.Context(), keyID, req.Header, body)
	return &http.Response{StatusCode: status, Status: http.StatusText(status), Proto: "HTTP/1.1", ProtoMajor: 1, ProtoMinor: 1,
		Header: http.Header{"Content-Type": {"application/json"}}, Body: io.NopCloser(bytes.NewReader(reply)),
		ContentLength: int64(len(reply)), Request: req}, nil
}

// apply writes what the message says of the envelope, under the Syncer's
// lock like every sync: from its summary when it lists the recipients,
// else from one read of the envelope.
func (r *DocuSignReceiver) apply(ctx context.Context, key crm.Integration, reservationID int64, envelopeID string, ev *docusign.ConnectEvent) error {
	s := r.syncer
	s.mu.Lock()
	defer s.mu.Unlock()
	// Re-read under the lock: a pass may have ended it since.
	locals, err := s.Store.RunningEnvelopes(ctx, reservationID)
	if err != nil {
		return err
	}
	var l *SyncEnvelope
	for i := range locals {
		if locals[i].ID == envelopeID {
			l = &locals[i]
		}
	}
	if l == nil {
		return nil
	}
	e := ev.Envelope
	summary := e != nil && len(e.Recipients) > 0 && e.Status != ""
	if r.NoClient {
		if !summary {
			return nil
		}
		if e.Status == docusign.StatusCompleted {
			held := *e
			held.Status, held.Completed = docusign.StatusDelivered, time.Time{}
			e = &held
		}
		_, err = s.applyDocuSign(ctx, nil, *l, e)
		return docuSignSyncError(err)
	}
	c, err := s.DocuSign.Clients.Client(ctx, key)
	if err != nil {
		return err
	}
	if !summary {
		s.DocuSign.Requests++
		e, err = c.GetEnvelope(ctx, envelopeID)
		var soon *docusign.PollTooSoonError
		if errors.As(err, &soon) {
			s.DocuSign.Requests--
			return nil // read minutes ago; the next pass brings the change
		}
		if err != nil {
			return docuSignSyncError(err)
		}
	}
	_, err = s.applyDocuSign(ctx, c, *l, e)
	return docuSignSyncError(err)
}

// replayID is a message's identity: DocuSign sends no delivery id and no
// timestamp header, so the key, envelope, event, recipient and the
// message's generatedDateTime stand for it (reference §7.3).
func replayID(keyID int64, ev *docusign.ConnectEvent) string {
	sum := sha256.Sum256([]byte(strconv.FormatInt(keyID, 10) + "\x00" + strings.ToLower(ev.EnvelopeID) + "\x00" +
		ev.Event + "\x00" + ev.RecipientID + "\x00" + ev.Generated.UTC().Format(time.RFC3339Nano)))
	return hex.EncodeToString(sum[:])
}
