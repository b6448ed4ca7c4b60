package sqlstore

import (
	"bufio"
	"context"
	"fmt"
	"net"
	"os"
	"os/exec"
	"strconv"
	"sync"
	"testing"
	"time"

	"selo/backend/signing"
)

// acquire asks lease for the sync lease and fails the test on an error.
func acquire(t *testing.T, lease signing.SyncLease) signing.LeaseHold {
	t.Helper()
	h, err := lease.TryAcquire(context.Background())
	if err != nil {
		t.Fatalf("asking for the sync lease: %v", err)
	}
	return h
}

// fastLease is db's lease with a short keepalive, so tests notice a lost
// connection in a fraction of a second.
func fastLease(t *testing.T, db *DB) signing.SyncLease {
	t.Helper()
	l := db.SyncLease()
	if pl, ok := l.(*pgLease); ok {
		pl.ping = 100 * time.Millisecond
	}
	return l
}

// TestSyncLeaseOnePCAtATime: two handles on one database (two PCs). On
// PostgreSQL only one holds the lease; when the holder's session dies
// (pg_terminate_backend, as the server does to a PC that vanished), the
// holder learns it lost it and the other takes over. On SQLite (one PC) it
// is always granted.
func TestSyncLeaseOnePCAtATime(t *testing.T) {
	a, _ := openTestDB(t)
	ctx := context.Background()
	if !onPostgres() {
		h := acquire(t, a.SyncLease())
		if h == nil || h.Confirm(ctx) != nil || h.Lost() != nil {
			t.Fatalf("SQLite's lease is not simply held: %v", h)
		}
		return
	}
	b, err := reopenTestDB(t, a)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { b.Close() })
	la, lb := fastLease(t, a), fastLease(t, b)

	ha := acquire(t, la)
	if ha == nil {
		t.Fatal("A could not take a free lease")
	}
	if hb := acquire(t, lb); hb != nil {
		hb.Release()
		t.Fatal("B got the lease while A holds it")
	}
	if err := ha.Confirm(ctx); err != nil {
		t.Fatalf("A's lease does not confirm: %v", err)
	}
	// The server must drop a vanished holder's session within the takeover
	// bound: these settings are what bounds it (see leaseSessionSettings).
	for _, s := range leaseSessionSettings {
		var v string
		if err := ha.(*pgHold).conn.QueryRowContext(ctx, `SELECT current_setting($1)`, s[0]).Scan(&v); err != nil {
			t.Fatal(err)
		}
		if want := s[1]; v != want && v != want+"s" && v != want+"ms" && !(s[0] == "tcp_user_timeout" && v == "20s") {
			t.Errorf("lease session %s = %q, want %s", s[0], v, want)
		}
	}

	// A's session dies on the server.
	var ok bool
	if err := b.QueryRowContext(ctx, `SELECT pg_terminate_backend($1)`, ha.(*pgHold).pid).Scan(&ok); err != nil || !ok {
		t.Fatalf("terminating A's session: %v %v", ok, err)
	}
	start := time.Now()
	var hb signing.LeaseHold
	for hb == nil {
		if time.Since(start) > 10*time.Second {
			t.Fatal("B did not take over within 10 s of A's session ending")
		}
		time.Sleep(50 * time.Millisecond)
		hb = acquire(t, lb)
	}
	defer hb.Release()
	select {
	case <-ha.Lost():
	case <-time.After(5 * time.Second):
		t.Fatal("A did not notice it lost the lease")
	}
	if err := ha.Confirm(ctx); err == nil {
		t.Fatal("A's lost lease still confirms")
	}
	ha.Release() // after loss: harmless
	if h := acquire(t, la); h != nil {
		h.Release()
		t.Fatal("A got the lease back while B holds it")
	}

	// B gives it up: A gets it at once, and the pool still works.
	hb.Release()
	ha2 := acquire(t, la)
	if ha2 == nil {
		t.Fatal("A could not take the lease B released")
	}
	defer ha2.Release()
	if err := ha2.Confirm(ctx); err != nil {
		t.Fatal(err)
	}
	if _, err := a.SchemaVersion(ctx); err != nil {
		t.Fatalf("A's pool after the lease: %v", err)
	}
}

// TestSyncLeaseConfirmSeesASilentLoss: the server ended A's session while A
// was away (Lost not yet closed by a keepalive): Confirm, which sync calls
// before each write, says so at once.
func TestSyncLeaseConfirmSeesASilentLoss(t *testing.T) {
	if !onPostgres() {
		t.Skip("PostgreSQL only: SQLite's lease cannot be lost")
	}
	a, _ := openTestDB(t)
	ctx := context.Background()
	l := a.SyncLease() // default keepalive: 5 s, far longer than this test's check
	h := acquire(t, l)
	if h == nil {
		t.Fatal("no lease on a fresh database")
	}
	defer h.Release()
	if _, err := a.ExecContext(ctx, `SELECT pg_terminate_backend($1)`, h.(*pgHold).pid); err != nil {
		t.Fatal(err)
	}
	time.Sleep(100 * time.Millisecond)
	if err := h.Confirm(ctx); err == nil {
		t.Fatal("Confirm says held after the session was ended")
	}
	select {
	case <-h.Lost():
	case <-time.After(2 * time.Second):
		t.Fatal("a failed Confirm did not end the lease")
	}
}

// TestSyncLeaseTakeoverAfterKill9 runs the holder in another process (a
// second PC) and kills it (SIGKILL, as kill -9): its session ends with the process,
// and this one takes the lease well within the 60 s the office is promised.
func TestSyncLeaseTakeoverAfterKill9(t *testing.T) {
	if !onPostgres() {
		t.Skip("PostgreSQL only: on SQLite one process holds the database")
	}
	b, _ := openTestDB(t)
	cfg, _ := pgConfigs.Load(b)
	child := exec.Command(os.Args[0], "-test.run=^TestSyncLeaseHolderProcess$", "-test.count=1")
	child.Env = append(os.Environ(), "SELO_LEASE_HOLDER_DB="+cfg.(PostgresConfig).Database)
	out, err := child.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	child.Stderr = os.Stderr
	if err := child.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { child.Process.Kill(); child.Wait() })
	held := make(chan bool, 1)
	go func() {
		sc := bufio.NewScanner(out)
		for sc.Scan() {
			if sc.Text() == "HELD" {
				held <- true
			}
		}
		close(held)
	}()
	select {
	case ok := <-held:
		if !ok {
			t.Fatal("the holder process ended without taking the lease")
		}
	case <-time.After(30 * time.Second):
		t.Fatal("the holder process did not take the lease")
	}
	lb := b.SyncLease()
	if h := acquire(t, lb); h != nil {
		h.Release()
		t.Fatal("got the lease while the other process holds it")
	}
	if err := child.Process.Kill(); err != nil {
		t.Fatal(err)
	}
	killed := time.Now()
	for {
		if h := acquire(t, lb); h != nil {
			h.Release()
			t.Logf("took over %v after the holder was killed", time.Since(killed).Round(time.Millisecond))
			return
		}
		if time.Since(killed) > 60*time.Second {
			t.Fatal("no takeover within 60 s of the holder being killed")
		}
		time.Sleep(200 * time.Millisecond)
	}
}

// TestSyncLeaseHolderProcess is the holder process of
// TestSyncLeaseTakeoverAfterKill9; run directly it does nothing.
func TestSyncLeaseHolderProcess(t *testing.T) {
	name := os.Getenv("SELO_LEASE_HOLDER_DB")
	if name == "" {
		t.Skip("helper process of TestSyncLeaseTakeoverAfterKill9")
	}
	cfg := testServerConfig(t)
	cfg.Database = name
	db, err := OpenPostgres(context.Background(), cfg)
	if err != nil {
		t.Fatal(err)
	}
	h := acquire(t, db.SyncLease())
	if h == nil {
		t.Fatal("the lease was not free")
	}
	fmt.Println("HELD")
	<-h.Lost() // until killed
	t.Fatal("the holder lost its lease before being killed")
}

// blackHole is a TCP relay to the test server that can stop passing bytes
// while keeping its sockets open: to the server, a PC whose network went
// away without a word; to the PC, a server that stopped answering.
type blackHole struct {
	ln     net.Listener
	target string
	mu     sync.Mutex
	frozen bool
	conns  []net.Conn
}

func newBlackHole(t *testing.T, target string) *blackHole {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	bh := &blackHole{ln: ln, target: target}
	go bh.serve()
	t.Cleanup(bh.close)
	return bh
}

func (bh *blackHole) serve() {
	for {
		c, err := bh.ln.Accept()
		if err != nil {
			return
		}
		s, err := net.Dial("tcp", bh.target)
		if err != nil {
			c.Close()
			continue
		}
		bh.mu.Lock()
		bh.conns = append(bh.conns, c, s)
		bh.mu.Unlock()
		go bh.pipe(c, s)
		go bh.pipe(s, c)
	}
}

func (bh *blackHole) pipe(from, to net.Conn) {
	buf := make([]byte, 32<<10)
	for {
		n, err := from.Read(buf)
		if err != nil {
			return
		}
		bh.mu.Lock()
		frozen := bh.frozen
		bh.mu.Unlock()
		if frozen {
			continue // swallowed
		}
		if _, err := to.Write(buf[:n]); err != nil {
			return
		}
	}
}

func (bh *blackHole) freeze() { bh.mu.Lock(); bh.frozen = true; bh.mu.Unlock() }

// close ends every relayed connection, as the server finally does to a
// session whose PC stopped answering.
func (bh *blackHole) close() {
	bh.ln.Close()
	bh.mu.Lock()
	defer bh.mu.Unlock()
	for _, c := range bh.conns {
		c.Close()
	}
	bh.conns = nil
}

// TestSyncLeaseHolderOffTheNetwork: the holder's network goes silent. The
// holder gives the lease up on its own (keepalive timeout) before the server
// can free the lock, so two PCs never sync at once; once the server drops
// the session the other PC takes over, and the first, back on the network,
// cannot take the lease back.
func TestSyncLeaseHolderOffTheNetwork(t *testing.T) {
	if !onPostgres() {
		t.Skip("PostgreSQL only: SQLite has no network")
	}
	b, _ := openTestDB(t)
	cfg, _ := pgConfigs.Load(b)
	direct := cfg.(PostgresConfig)
	bh := newBlackHole(t, net.JoinHostPort(direct.Host, strconv.Itoa(direct.Port)))
	viaHole := direct
	viaHole.Host, viaHole.Port = "127.0.0.1", bh.ln.Addr().(*net.TCPAddr).Port
	a, err := OpenPostgres(context.Background(), viaHole)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { a.Close() })
	la, lb := fastLease(t, a), fastLease(t, b)
	ha := acquire(t, la)
	if ha == nil {
		t.Fatal("A could not take a free lease")
	}
	defer ha.Release()

	bh.freeze()
	select {
	case <-ha.Lost():
	case <-time.After(5 * time.Second):
		t.Fatal("A, off the network, did not give up its lease")
	}
	// The server still counts A's session alive: nobody syncs yet.
	if h := acquire(t, lb); h != nil {
		h.Release()
		t.Fatal("B got the lease while the server still held A's session")
	}
	bh.close()
	start := time.Now()
	var hb signing.LeaseHold
	for hb == nil {
		if time.Since(start) > 10*time.Second {
			t.Fatal("B did not take over after the server dropped A's session")
		}
		time.Sleep(50 * time.Millisecond)
		hb = acquire(t, lb)
	}
	defer hb.Release()
	// A is back (straight to the server now): the lease is B's.
	back, err := OpenPostgres(context.Background(), direct)
	if err != nil {
		t.Fatal(err)
	}
	defer back.Close()
	if h := acquire(t, back.SyncLease()); h != nil {
		h.Release()
		t.Fatal("A, back on the network, took the lease B holds")
	}
}
