package signing_test

import (
	"bytes"
	"context"
	"encoding/json"
	"log/slog"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"selo/backend/crm"
	"selo/backend/docusign"
	dssim "selo/backend/docusign/simulator"
	"selo/backend/signing"
)

// signedOut is a PC without a DocuSign sign-in for the key: every client
// it would build answers "Entrar de novo".
type signedOut struct{ asked *atomic.Int32 }

func (s signedOut) Client(context.Context, crm.Integration) (*docusign.Client, error) {
	if s.asked != nil {
		s.asked.Add(1)
	}
	return nil, crm.E(crm.CodeLoginRequired, "keyId", 1)
}

// presentServer is an office whose `selo server` runs and takes every
// request to sync.
type presentServer struct{ asked atomic.Int32 }

func (p *presentServer) ServerPresent(context.Context) (bool, error) { return true, nil }
func (p *presentServer) RequestSync(context.Context, int64) error    { p.asked.Add(1); return nil }

// An envelope created on DocuSign, completed and only then adopted by its
// send (the answer was lost) is read once by the next pass, although no
// change after the pass's from_date shows it; without that it stayed
// "Enviado" for good.
func TestDocuSignPassReadsAnEnvelopeAdoptedAfterItsWindow(t *testing.T) {
	f := newSyFixture(t, dssim.Options{StrictPolling: true})
	// Another envelope of the key keeps running, so every pass runs.
	other := f.send(40, 1)
	f.pass()
	id, ref := f.sendRemote(1)
	if err := f.dsim.Sign(id, "1"); err != nil {
		t.Fatal(err)
	}
	// A pass between the create and the adoption: not recorded yet.
	f.pass()
	f.record(41, id, ref, 1)
	f.pass()
	if v := f.view(41, id); v.State != crm.EnvelopeFinished || !v.HasSigned {
		t.Fatalf("adopted envelope after the next pass: %s signed=%v", v.State, v.HasSigned)
	}
	// Read once: the next pass lists changes and GETs nothing.
	before := f.dsim.TotalRequests()
	f.pass()
	if n := f.dsim.TotalRequests() - before; n != 1 {
		t.Fatalf("a later pass made %d requests, want the one list", n)
	}
	if v := f.view(40, other); v.State != crm.EnvelopeRunning {
		t.Fatalf("the other envelope: %s", v.State)
	}
	if v := f.dsim.Violations(); len(v) != 0 {
		t.Fatalf("polling violations: %+v", v)
	}
}

// `selo server` has no DocuSign tokens: its Clicksign-only Syncer leaves
// DocuSign keys alone, with no error and no request, every loop.
func TestServerSyncSkipsDocuSignKeys(t *testing.T) {
	f := newSyFixture(t, dssim.Options{})
	id := f.send(41, 1)
	if err := f.dsim.Sign(id, "1"); err != nil {
		t.Fatal(err)
	}
	server, _ := f.syncer(f.sy.Sender)
	server.Scope = signing.SyncClicksignKeys
	server.DocuSign = &signing.DocuSignStatus{Keys: f.sy.DocuSign.Keys}
	before := f.dsim.TotalRequests()
	for i := 0; i < 2; i++ {
		f.clock.Advance(signing.DocuSignPassInterval)
		if _, err := server.Sync(context.Background(), 0); err != nil {
			t.Fatalf("server sync %d: %v", i, err)
		}
		if _, err := server.Sync(context.Background(), 41); err != nil {
			t.Fatalf("server sync of the reservation %d: %v", i, err)
		}
	}
	if n := f.dsim.TotalRequests() - before; n != 0 {
		t.Fatalf("the server asked DocuSign %d times", n)
	}
	if v := f.view(41, id); v.State != crm.EnvelopeRunning {
		t.Fatalf("the server wrote the DocuSign envelope: %s", v.State)
	}
}

// A desktop's DocuSign loop skips a key it has no sign-in for (another PC
// does it), while one PC alone still tells its user to sign in again.
func TestDocuSignLoopSkipsAKeyWithoutSignIn(t *testing.T) {
	f := newSyFixture(t, dssim.Options{})
	f.send(41, 1)
	f.sy.DocuSign.Clients = signedOut{}
	f.clock.Advance(signing.DocuSignPassInterval)
	if _, err := f.sy.Sync(context.Background(), 0); crm.AsError(err).Code != crm.CodeLoginRequired {
		t.Fatalf("one PC without a sign-in: %v, want %s", err, crm.CodeLoginRequired)
	}
	f.sy.Scope = signing.SyncDocuSignKeys
	if _, err := f.sy.Sync(context.Background(), 0); err != nil {
		t.Fatalf("office DocuSign loop without a sign-in: %v", err)
	}
}

// "Atualizar" on an office desktop while the server runs: the server is
// asked (Clicksign's keys) and the DocuSign envelope is synced on this PC,
// which holds the sign-in.
func TestRefreshSyncsDocuSignHereWhileTheServerRuns(t *testing.T) {
	f := newSyFixture(t, dssim.Options{})
	id := f.send(41, 1)
	if err := f.dsim.Sign(id, "1"); err != nil {
		t.Fatal(err)
	}
	desk, _ := f.syncer(f.sy.Sender)
	srv := &presentServer{}
	desk.Server, desk.Scope, desk.Alongside = srv, signing.SyncClicksignKeys, f.sy
	desk.DocuSign = &signing.DocuSignStatus{Keys: f.sy.DocuSign.Keys, Clients: f.sy.DocuSign.Clients, Settings: f.db}
	f.sy.Scope = signing.SyncDocuSignKeys
	delegated, err := desk.Refresh(context.Background(), 41)
	if err != nil || !delegated || srv.asked.Load() != 1 {
		t.Fatalf("Refresh = %v, %v; server asked %d times", delegated, err, srv.asked.Load())
	}
	if v := f.view(41, id); v.State != crm.EnvelopeFinished || !v.HasSigned {
		t.Fatalf("after Atualizar: %s signed=%v", v.State, v.HasSigned)
	}
}

// An office on PostgreSQL with `selo server` holding the sync lease and
// two desktops: the one not signed in to DocuSign starts first and does
// not take the DocuSign lease, so it cannot block the signed-in one, which
// takes it although the server runs and is the only PC asking DocuSign.
// When it loses its sign-in it gives the lease up.
func TestOneSignedInDesktopFollowsDocuSignBesideTheServer(t *testing.T) {
	base, _, _ := newPostgresFixture(t)
	f := newSyFixtureOn(t, base, dssim.Options{StrictPolling: true})
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	server, err := f.db.SyncLease().TryAcquire(ctx)
	if err != nil || server == nil {
		t.Fatalf("the server's sync lease: %v", err)
	}
	defer server.Release()
	id := f.send(41, 1)
	if err := f.dsim.Sign(id, "1"); err != nil {
		t.Fatal(err)
	}

	var signedIn atomic.Bool
	signedIn.Store(true)
	var askedA atomic.Int32
	desktop := func(ready func(context.Context) (bool, error), clients signing.DocuSignClientSource) *signing.Syncer {
		sy, _ := f.syncer(f.sy.Sender)
		sy.Scope, sy.LeaseRetry = signing.SyncDocuSignKeys, 50*time.Millisecond
		sy.Lease = signing.WhileReady(f.db.DocuSignSyncLease(), ready, 50*time.Millisecond)
		sy.DocuSign = &signing.DocuSignStatus{Keys: f.sy.DocuSign.Keys, Clients: clients, Settings: f.db}
		return sy
	}
	a := desktop(func(context.Context) (bool, error) { return false, nil }, signedOut{asked: &askedA})
	b := desktop(func(context.Context) (bool, error) { return signedIn.Load(), nil }, f.sy.DocuSign.Clients)
	var errs []error
	var mu sync.Mutex
	onErr := func(err error) { mu.Lock(); errs = append(errs, err); mu.Unlock() }
	var wg sync.WaitGroup
	run := func(sy *signing.Syncer) {
		wg.Add(1)
		go func() { defer wg.Done(); sy.Run(ctx, onErr) }()
	}
	run(a)
	time.Sleep(300 * time.Millisecond)
	run(b)
	deadline := time.Now().Add(10 * time.Second)
	for f.view(41, id).State != crm.EnvelopeFinished {
		if time.Now().After(deadline) {
			t.Fatal("the signed-in desktop did not sync the DocuSign envelope while the server runs")
		}
		time.Sleep(50 * time.Millisecond)
	}
	if n := askedA.Load(); n != 0 {
		t.Fatalf("the desktop without a sign-in asked for a DocuSign client %d times", n)
	}
	// B loses its sign-in: the lease is free again within a few checks.
	signedIn.Store(false)
	free := false
	for deadline := time.Now().Add(5 * time.Second); time.Now().Before(deadline); time.Sleep(50 * time.Millisecond) {
		if h, err := f.db.DocuSignSyncLease().TryAcquire(ctx); err == nil && h != nil {
			h.Release()
			free = true
			break
		}
	}
	if !free {
		t.Fatal("the desktop that lost its sign-in kept the DocuSign lease")
	}
	cancel()
	wg.Wait()
	mu.Lock()
	defer mu.Unlock()
	if len(errs) != 0 {
		t.Fatalf("sync errors: %v", errs)
	}
	if v := f.dsim.Violations(); len(v) != 0 {
		t.Fatalf("polling violations: %+v", v)
	}
}

// passFrom reads a key's stored from_date.
func (f *syFixture) passFrom() time.Time {
	f.t.Helper()
	v, ok, err := f.db.Setting(context.Background(), signing.DocuSignPassSetting(f.key.ID))
	if err != nil || !ok {
		f.t.Fatalf("pass state: %v %v", ok, err)
	}
	var p struct {
		From time.Time `json:"from"`
	}
	if err := json.Unmarshal([]byte(v), &p); err != nil {
		f.t.Fatal(err)
	}
	return p.From
}

// A completed envelope whose signed PDF never downloads does not freeze
// the from_date (each pass reads it again by GET instead), and after a
// bounded number of passes its status is written without the PDF, with a
// warning in the log.
func TestDocuSignPDFThatNeverDownloadsDoesNotFreezeThePass(t *testing.T) {
	f := newSyFixture(t, dssim.Options{StrictPolling: true})
	var logged bytes.Buffer
	f.sy.Sender.Log = slog.New(slog.NewTextHandler(&logged, nil))
	id := f.send(41, 1)
	other := f.send(42, 1)
	f.pass()
	if err := f.dsim.Sign(id, "1"); err != nil {
		t.Fatal(err)
	}
	f.dsim.Inject(dssim.Fault{Method: "GET", Path: "/documents/combined", Status: 503, Times: 1 << 20})
	var froms []time.Time
	passes := 0
	for ; passes < 10 && f.view(41, id).State != crm.EnvelopeFinished; passes++ {
		f.clock.Advance(signing.DocuSignPassInterval)
		if _, err := f.sy.Sync(context.Background(), 0); err == nil && f.view(41, id).State != crm.EnvelopeFinished {
			t.Fatalf("pass %d: the failed download was not reported", passes+1)
		}
		froms = append(froms, f.passFrom())
		if passes == 1 {
			// Meanwhile another envelope changes: the moving window sees it.
			if err := f.dsim.Sign(other, "1"); err != nil {
				t.Fatal(err)
			}
		}
	}
	v := f.view(41, id)
	if v.State != crm.EnvelopeFinished || v.HasSigned || passes != 6 {
		t.Fatalf("after %d passes: %s signed=%v", passes, v.State, v.HasSigned)
	}
	for i := 1; i < len(froms); i++ {
		if !froms[i].After(froms[i-1]) {
			t.Fatalf("the from_date stood still at pass %d: %v", i+1, froms)
		}
	}
	// The other envelope, signed while the window moved on, fails the same
	// way and is written as finished after its own bounded passes.
	for i := 0; i < 2; i++ {
		f.clock.Advance(signing.DocuSignPassInterval)
		_, _ = f.sy.Sync(context.Background(), 0)
	}
	if o := f.view(42, other); o.State != crm.EnvelopeFinished {
		t.Fatalf("the other envelope: %s %s", o.State, signerStates(o))
	}
	if !strings.Contains(logged.String(), "status written without it") || !strings.Contains(logged.String(), id) {
		t.Fatalf("no warning logged: %s", logged.String())
	}
	if v := f.dsim.Violations(); len(v) != 0 {
		t.Fatalf("polling violations: %+v", v)
	}
}
