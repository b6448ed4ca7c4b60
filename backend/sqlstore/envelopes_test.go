package sqlstore

import (
	"context"
	"sync"
	"testing"
	"time"

	"selo/backend/crm"
	"selo/backend/signing"
)

func openEnvelopesDB(t *testing.T) *DB {
	t.Helper()
	db, _ := openTestDB(t)
	return db
}

func TestSendOperationLifecycle(t *testing.T) {
	ctx := context.Background()
	db := openEnvelopesDB(t)
	s := db.Envelopes()
	now := time.Date(2026, 11, 27, 12, 0, 0, 0, time.UTC)
	op := signing.SendOperation{Key: signing.SendKey(7, []int64{3, 1}), ReservationID: 7, IntegrationID: 2,
		ContractIDs: []int64{3, 1}, Name: "Contratos da reserva 7"}

	// Concurrent clicks: one row.
	ids := make([]int64, 8)
	var wg sync.WaitGroup
	for i := range ids {
		wg.Add(1)
		go func() {
			defer wg.Done()
			id, _, err := s.CreateSend(ctx, op, now)
			if err != nil {
				t.Error(err)
			}
			ids[i] = id
		}()
	}
	wg.Wait()
	for _, id := range ids {
		if id != ids[0] {
			t.Fatalf("ids = %v, want one operation", ids)
		}
	}
	id := ids[0]

	holder := crm.ResolveSigner(crm.NewSignerRule(crm.SignerHolder), crm.FixedPerson{Name: "Maria Souza", Email: "maria@exemplo.com.br", CPF: "11144477735"})
	if err := s.SavePrepared(ctx, id, "Contratos · ref. X", "Contratos.pdf", []byte("%PDF-1.7 x"), []signing.SendSigner{{Position: 0, Signer: holder}}, now); err != nil {
		t.Fatal(err)
	}
	if err := s.ResetSend(ctx, id, "Outro nome", 2, now); err != nil {
		t.Fatalf("reset without remote facts: %v", err)
	}
	if got, _ := s.Send(ctx, id); got.Step != signing.StepNew || len(got.Signers) != 0 || got.Name != "Outro nome" {
		t.Fatalf("after reset: %+v", got)
	}
	if err := s.SavePrepared(ctx, id, "Contratos · ref. X", "Contratos.pdf", []byte("%PDF-1.7 x"), []signing.SendSigner{{Position: 0, Signer: holder}}, now); err != nil {
		t.Fatal(err)
	}
	deadline := now.AddDate(0, 0, 15)
	steps := []func() error{
		func() error { return s.BeginEnvelope(ctx, id, deadline, now) },
		func() error { return s.SetEnvelope(ctx, id, "env-1", now) },
		func() error { return s.MarkPartsAttempt(ctx, id, true, []int{0}, now) },
		func() error { return s.SetDocument(ctx, id, "doc-1", now) },
		func() error { return s.SetSignerID(ctx, id, 0, "sig-1", now) },
		func() error { return s.SetStep(ctx, id, signing.StepSigners, now) },
		func() error { return s.MarkAttempt(ctx, id, signing.AttemptRequirements, now) },
		func() error { return s.SetStep(ctx, id, signing.StepRequirements, now) },
	}
	for i, f := range steps {
		if err := f(); err != nil {
			t.Fatalf("step %d: %v", i, err)
		}
	}
	if err := s.ResetSend(ctx, id, "x", 2, now); err == nil {
		t.Fatal("reset must refuse an operation with an envelope")
	}
	if _, err := s.SendFile(ctx, id); crm.AsError(err).Code != crm.CodeNotFound {
		t.Fatalf("file after upload: %v", err)
	}
	if err := s.RecordActivated(ctx, id, now); err != nil {
		t.Fatal(err)
	}
	if err := s.RecordActivated(ctx, id, now); err != nil {
		t.Fatalf("second record: %v", err)
	}
	if err := s.SetSendStatus(ctx, id, signing.SendSent, "", nil, now); err != nil {
		t.Fatal(err)
	}
	got, err := s.Send(ctx, id)
	if err != nil {
		t.Fatal(err)
	}
	if got.Step != signing.StepActivated || got.EnvelopeID != "env-1" || got.DocumentID != "doc-1" ||
		!got.DeadlineAt.Equal(deadline) || !got.DocumentAttempted || got.Signers[0].SignerID != "sig-1" || !got.Signers[0].Attempted ||
		got.Signers[0].Signer.Email != "maria@exemplo.com.br" || len(got.ContractIDs) != 2 {
		t.Fatalf("operation = %+v", got)
	}
	envs, err := s.ListEnvelopes(ctx, 7)
	if err != nil {
		t.Fatal(err)
	}
	if len(envs) != 1 || envs[0].Status != "running" || len(envs[0].Signers) != 1 || envs[0].Signers[0].State != "pendente" ||
		envs[0].Signers[0].Group != 1 || !envs[0].DeadlineAt.Equal(deadline) {
		t.Fatalf("envelopes = %+v", envs)
	}
	sent, err := s.SentContracts(ctx, []int64{1, 3, 4})
	if err != nil {
		t.Fatal(err)
	}
	if !sent[1] || !sent[3] || sent[4] {
		t.Fatalf("sent = %v", sent)
	}
	if open, _ := s.OpenSends(ctx); len(open) != 0 {
		t.Fatalf("open = %v", open)
	}
	// Released (its envelope was cancelled), the same contracts may go again.
	if err := s.ReleaseSend(ctx, id, now); err != nil {
		t.Fatal(err)
	}
	if again, created, err := s.CreateSend(ctx, op, now); err != nil || !created || again == id {
		t.Fatalf("after release: %d created=%v %v", again, created, err)
	}
	if sent, _ := s.SentContracts(ctx, []int64{1}); sent[1] {
		t.Fatal("a released operation still marks its contracts sent")
	}

	// A failure keeps its data for the screen.
	id2, created, err := s.CreateSend(ctx, signing.SendOperation{Key: "r8:c1", ReservationID: 8, IntegrationID: 2, Name: "n"}, now)
	if err != nil || !created {
		t.Fatal(err)
	}
	if err := s.SetSendStatus(ctx, id2, signing.SendFailed, crm.CodeUnreachable, map[string]any{"x": "y"}, now); err != nil {
		t.Fatal(err)
	}
	got2, _ := s.Send(ctx, id2)
	if got2.ErrorCode != crm.CodeUnreachable || got2.ErrorData["x"] != "y" {
		t.Fatalf("failure = %+v", got2)
	}
	// Before the merge there is nothing to resume.
	if open, _ := s.OpenSends(ctx); len(open) != 0 {
		t.Fatalf("open before merge = %v", open)
	}
	if err := s.SavePrepared(ctx, id2, "n · ref. Y", "n.pdf", []byte("%PDF-1.7 y"), nil, now); err != nil {
		t.Fatal(err)
	}
	if open, _ := s.OpenSends(ctx); len(open) != 1 || open[0] != id2 {
		t.Fatalf("open = %v", open)
	}
}

// TestConcurrentSendsMakeOneOperation: many clicks (or, in an office, many
// PCs) sending the same contracts at the same moment get one operation,
// and none of them sees an error.
func TestConcurrentSendsMakeOneOperation(t *testing.T) {
	ctx := context.Background()
	s := openEnvelopesDB(t).Envelopes()
	now := time.Date(2026, 11, 27, 12, 0, 0, 0, time.UTC)
	for round := int64(1); round <= 5; round++ {
		op := signing.SendOperation{Key: signing.SendKey(round, []int64{1}), ReservationID: round, IntegrationID: 2,
			ContractIDs: []int64{1}, Name: "Contratos"}
		ids := make([]int64, 12)
		created := make([]bool, len(ids))
		start := make(chan struct{})
		var wg sync.WaitGroup
		for i := range ids {
			wg.Add(1)
			go func() {
				defer wg.Done()
				<-start
				var err error
				ids[i], created[i], err = s.CreateSend(ctx, op, now)
				if err != nil {
					t.Errorf("round %d: %v", round, err)
				}
			}()
		}
		close(start)
		wg.Wait()
		n := 0
		for i, id := range ids {
			if id != ids[0] || id == 0 {
				t.Fatalf("round %d: ids = %v, want one operation", round, ids)
			}
			if created[i] {
				n++
			}
		}
		if n != 1 {
			t.Fatalf("round %d: %d callers were told they created the operation, want 1", round, n)
		}
	}
}

// The run claim decides which PC of the office runs a send: of many claims
// at once exactly one wins, the holder's heartbeat keeps it, and a claim
// whose heartbeat stopped (its PC died) is taken by the next one.
func TestSendRunClaim(t *testing.T) {
	ctx := context.Background()
	db := openEnvelopesDB(t)
	s := db.Envelopes()
	now := time.Date(2026, 11, 27, 12, 0, 0, 0, time.UTC)
	stale := 60 * time.Second
	id, _, err := s.CreateSend(ctx, signing.SendOperation{Key: signing.SendKey(7, []int64{1}), ReservationID: 7,
		IntegrationID: 2, ContractIDs: []int64{1}, Name: "Contratos"}, now)
	if err != nil {
		t.Fatal(err)
	}

	const pcs = 8
	won := make([]bool, pcs)
	var wg sync.WaitGroup
	for i := range won {
		wg.Add(1)
		go func() {
			defer wg.Done()
			ok, err := s.ClaimSend(ctx, id, "pc-"+string(rune('A'+i)), now, now.Add(-stale))
			if err != nil {
				t.Error(err)
			}
			won[i] = ok
		}()
	}
	wg.Wait()
	winner := -1
	for i, ok := range won {
		if ok {
			if winner >= 0 {
				t.Fatalf("claims won = %v, want exactly one", won)
			}
			winner = i
		}
	}
	if winner < 0 {
		t.Fatalf("claims won = %v, want exactly one", won)
	}
	holder := "pc-" + string(rune('A'+winner))
	other := "pc-" + string(rune('A'+(winner+1)%pcs))

	// The holder claims again (its own Start after its ResumeOpen).
	if ok, err := s.ClaimSend(ctx, id, holder, now, now.Add(-stale)); err != nil || !ok {
		t.Fatalf("holder re-claim = %v, %v", ok, err)
	}
	// Heartbeats keep it: 50 s later, then 100 s later, it is still fresh.
	for _, at := range []time.Duration{50 * time.Second, 100 * time.Second} {
		beat := now.Add(at)
		if ok, err := s.RefreshSend(ctx, id, holder, beat); err != nil || !ok {
			t.Fatalf("refresh at +%s = %v, %v", at, ok, err)
		}
		later := beat.Add(30 * time.Second)
		if ok, err := s.ClaimSend(ctx, id, other, later, later.Add(-stale)); err != nil || ok {
			t.Fatalf("claim of a refreshed run at +%s = %v, %v; want lost", at+30*time.Second, ok, err)
		}
	}
	// The holder dies: 61 s after its last heartbeat the claim is stale.
	dead := now.Add(100*time.Second + stale + time.Second)
	if ok, err := s.ClaimSend(ctx, id, other, dead, dead.Add(-stale)); err != nil || !ok {
		t.Fatalf("stale claim not taken: %v, %v", ok, err)
	}
	if ok, err := s.RefreshSend(ctx, id, holder, dead); err != nil || ok {
		t.Fatalf("the old holder still refreshes a claim it lost: %v, %v", ok, err)
	}
	// Unclaim by someone else leaves the claim; by the holder frees it.
	if err := s.UnclaimSend(ctx, id, holder); err != nil {
		t.Fatal(err)
	}
	if ok, _ := s.ClaimSend(ctx, id, holder, dead, dead.Add(-stale)); ok {
		t.Fatal("an unclaim by a non-holder freed the claim")
	}
	if err := s.UnclaimSend(ctx, id, other); err != nil {
		t.Fatal(err)
	}
	if ok, err := s.ClaimSend(ctx, id, holder, dead, dead.Add(-stale)); err != nil || !ok {
		t.Fatalf("claim after release = %v, %v", ok, err)
	}
}

// OrphanedSends lists a run whose claim went stale, never one whose holder
// still refreshes it, nor one that has not been merged (nothing to resume).
func TestOrphanedSends(t *testing.T) {
	ctx := context.Background()
	db := openEnvelopesDB(t)
	s := db.Envelopes()
	now := time.Date(2026, 11, 27, 12, 0, 0, 0, time.UTC)
	holder := crm.ResolveSigner(crm.NewSignerRule(crm.SignerHolder), crm.FixedPerson{Name: "Maria Souza", Email: "maria@exemplo.com.br", CPF: "11144477735"})
	mk := func(c int64, merged bool) int64 {
		id, _, err := s.CreateSend(ctx, signing.SendOperation{Key: signing.SendKey(7, []int64{c}), ReservationID: 7,
			IntegrationID: 2, ContractIDs: []int64{c}, Name: "Contratos"}, now)
		if err != nil {
			t.Fatal(err)
		}
		if merged {
			if err := s.SavePrepared(ctx, id, "C · ref. X", "C.pdf", []byte("%PDF-1.7 x"), []signing.SendSigner{{Position: 0, Signer: holder}}, now); err != nil {
				t.Fatal(err)
			}
		}
		if err := s.SetSendStatus(ctx, id, signing.SendRunning, "", nil, now); err != nil {
			t.Fatal(err)
		}
		if ok, err := s.ClaimSend(ctx, id, "pc-a", now, now.Add(-time.Minute)); err != nil || !ok {
			t.Fatalf("claim = %v, %v", ok, err)
		}
		return id
	}
	alive, dead, unmerged := mk(1, true), mk(2, true), mk(3, false)
	later := now.Add(90 * time.Second)
	if ok, err := s.RefreshSend(ctx, alive, "pc-a", later.Add(-5*time.Second)); err != nil || !ok {
		t.Fatalf("refresh = %v, %v", ok, err)
	}
	got, err := s.OrphanedSends(ctx, later.Add(-time.Minute))
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 1 || got[0] != dead {
		t.Fatalf("orphans = %v, want [%d] (alive %d, unmerged %d)", got, dead, alive, unmerged)
	}
}
