package training

import (
	"context"
	"testing"
	"time"

	"selo/backend/clicksign/simulator"
	"selo/backend/crm"
	"selo/backend/docusign"
	dssim "selo/backend/docusign/simulator"
)

// hostTokens signs the client in to the hosted simulator, as the
// Simulador local key's client does.
type hostTokens struct{ host *dssim.Host }

func (h hostTokens) Token(context.Context) (string, string, string, error) {
	base, err := h.host.BaseURI()
	if err != nil {
		return "", "", "", err
	}
	return "simulador-local", base, h.host.Simulator().AccountID(), nil
}

// sendDocuSign sends one envelope through the real client to the hosted
// simulator: Ana and Bruno sign first (order 1), Carla after them (order 2).
func sendDocuSign(t *testing.T, host *dssim.Host, ref, subject string) string {
	t.Helper()
	c := docusign.New(hostTokens{host}, docusign.Options{})
	signers := []docusign.Signer{
		{Name: "Ana Beatriz Souza", Email: "ana@example.com", RoutingOrder: 1, Role: "holder"},
		{Name: "Bruno Lima", Email: "bruno@example.com", RoutingOrder: 1, Role: "spouse"},
		{Name: "Carla Testemunha", Email: "carla@example.com", RoutingOrder: 2, Role: "witness"},
	}
	for i := range signers {
		p := docusign.SignatureSlot(2, i)
		signers[i].Placement = &p
	}
	env, err := c.Send(context.Background(), docusign.SendRequest{
		Reference: ref, ReferenceCreated: time.Now(), Subject: subject, DocumentName: "contratos.pdf",
		PDF: dssim.TextPDF([]string{"Contrato"}, []string{"Assinaturas"}), Signers: signers, ExpireAfterDays: 15,
	})
	if err != nil {
		t.Fatal(err)
	}
	return env.ID
}

func dsSigners(t *testing.T, desk *Desk, envID string) (DocuSignEnvelope, map[string]DocuSignSigner) {
	t.Helper()
	list, err := desk.DocuSignEnvelopes()
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range list {
		if e.ID == envID {
			by := map[string]DocuSignSigner{}
			for _, s := range e.Signers {
				by[s.Name] = s
			}
			return e, by
		}
	}
	t.Fatalf("envelope %s not on the desk: %+v", envID, list)
	return DocuSignEnvelope{}, nil
}

// An envelope sent through the real DocuSign client to the hosted simulator
// is listed by the desk with each recipient's turn, and signed to the end
// through it, routing order by routing order.
func TestDeskDrivesADocuSignEnvelope(t *testing.T) {
	host := &dssim.Host{}
	defer host.Close(context.Background())
	kicks := 0
	desk := &Desk{DocuSign: host, Changed: func() { kicks++ }}

	// Before any DocuSign send the simulator has not started: an empty
	// list, not an error, and no port opened by looking.
	if list, err := desk.DocuSignEnvelopes(); err != nil || len(list) != 0 {
		t.Fatalf("before any send: %+v, %v", list, err)
	}
	if host.Simulator() != nil {
		t.Fatal("listing started the simulator")
	}

	envID := sendDocuSign(t, host, "dsui-1", "Reserva 7 - Contratos")
	env, by := dsSigners(t, desk, envID)
	if env.Name != "Reserva 7 - Contratos" || env.Status != "sent" || env.DeadlineAt.IsZero() {
		t.Fatalf("envelope = %+v", env)
	}
	if by["Ana Beatriz Souza"].State != simulator.SignerPending || by["Bruno Lima"].State != simulator.SignerPending ||
		by["Carla Testemunha"].State != simulator.SignerWaiting || by["Carla Testemunha"].Group != 2 {
		t.Fatalf("states before signing: %+v", by)
	}

	code := func(err error) string { return crm.AsError(err).Code }
	if got := code(desk.DocuSignSign(envID, by["Carla Testemunha"].ID)); got != CodeSimNotActive {
		t.Fatalf("order 2 signing first = %q, want %q", got, CodeSimNotActive)
	}
	if got := code(desk.DocuSignDecline(envID, by["Ana Beatriz Souza"].ID, "  ")); got != CodeSimReason {
		t.Fatalf("decline without reason = %q", got)
	}
	if got := code(desk.DocuSignSign("no-such-envelope", "1")); got != crm.CodeNotFound {
		t.Fatalf("unknown envelope = %q", got)
	}
	if kicks != 0 {
		t.Fatalf("refused actions woke sync %d times", kicks)
	}

	if err := desk.DocuSignSign(envID, by["Ana Beatriz Souza"].ID); err != nil {
		t.Fatal(err)
	}
	if got := code(desk.DocuSignSign(envID, by["Ana Beatriz Souza"].ID)); got != CodeSimNothingToDo {
		t.Fatalf("signing twice = %q", got)
	}
	_, by = dsSigners(t, desk, envID)
	if s := by["Ana Beatriz Souza"]; s.State != simulator.SignerSigned || s.SignedAt == nil {
		t.Fatalf("Ana after signing: %+v", s)
	}
	if by["Carla Testemunha"].State != simulator.SignerWaiting {
		t.Fatalf("Carla's turn came before Bruno signed: %+v", by["Carla Testemunha"])
	}
	if err := desk.DocuSignSign(envID, by["Bruno Lima"].ID); err != nil {
		t.Fatal(err)
	}
	_, by = dsSigners(t, desk, envID)
	if by["Carla Testemunha"].State != simulator.SignerPending {
		t.Fatalf("Carla after order 1 signed: %+v", by["Carla Testemunha"])
	}
	if err := desk.DocuSignSign(envID, by["Carla Testemunha"].ID); err != nil {
		t.Fatal(err)
	}
	if kicks != 3 {
		t.Fatalf("three signatures woke sync %d times, want 3", kicks)
	}
	if status, _, _ := host.Simulator().EnvelopeStatus(envID); status != "completed" {
		t.Fatalf("simulator says %q after every signature", status)
	}
	env, _ = dsSigners(t, desk, envID)
	if env.Status != "completed" {
		t.Fatalf("desk says %q", env.Status)
	}
	if got := code(desk.DocuSignExpire(envID)); got != CodeSimNotRunning {
		t.Fatalf("expiring a completed envelope = %q", got)
	}
}

// A decline ends the envelope for everyone, with its reason shown; an
// expiry voids the other envelope, which the desk calls expired.
func TestDeskDeclinesAndExpiresDocuSignEnvelopes(t *testing.T) {
	host := &dssim.Host{}
	defer host.Close(context.Background())
	kicks := 0
	desk := &Desk{DocuSign: host, Changed: func() { kicks++ }}
	declined := sendDocuSign(t, host, "dsui-2", "Reserva 8 - Contratos")
	expired := sendDocuSign(t, host, "dsui-3", "Reserva 9 - Contratos")

	list, err := desk.DocuSignEnvelopes()
	if err != nil || len(list) != 2 || list[0].ID != expired {
		t.Fatalf("newest first: %+v, %v", list, err)
	}

	_, by := dsSigners(t, desk, declined)
	if err := desk.DocuSignDecline(declined, by["Bruno Lima"].ID, " Valor da parcela errado "); err != nil {
		t.Fatal(err)
	}
	env, by := dsSigners(t, desk, declined)
	if env.Status != "declined" {
		t.Fatalf("after decline: %q", env.Status)
	}
	if s := by["Bruno Lima"]; s.State != simulator.SignerRefused || s.RefusalReason != "Valor da parcela errado" {
		t.Fatalf("Bruno: %+v", s)
	}
	if by["Ana Beatriz Souza"].State != simulator.SignerInactive || by["Carla Testemunha"].State != simulator.SignerInactive {
		t.Fatalf("others after a decline: %+v", by)
	}
	if got := crm.AsError(desk.DocuSignSign(declined, by["Ana Beatriz Souza"].ID)).Code; got != CodeSimNotRunning {
		t.Fatalf("signing a declined envelope = %q", got)
	}

	if err := desk.DocuSignExpire(expired); err != nil {
		t.Fatal(err)
	}
	env, _ = dsSigners(t, desk, expired)
	if env.Status != "expired" {
		t.Fatalf("after expiry: %q", env.Status)
	}
	if status, _, _ := host.Simulator().EnvelopeStatus(expired); status != "voided" {
		t.Fatalf("simulator says %q", status)
	}
	if kicks != 2 {
		t.Fatalf("decline and expiry woke sync %d times, want 2", kicks)
	}
}

// "Avançar N dias" passes a DocuSign envelope's deadline too: past its 15
// days the desk shows it expired and offers nothing to sign.
func TestAdvanceDaysExpiresADocuSignEnvelope(t *testing.T) {
	desk := &Desk{}
	host := &dssim.Host{Options: dssim.Options{Now: desk.DocuSignNow}}
	desk.DocuSign = host
	defer host.Close(context.Background())
	envID := sendDocuSign(t, host, "dsui-4", "Reserva 10 - Contratos")

	if err := desk.AdvanceDays(14); err != nil {
		t.Fatal(err)
	}
	if env, _ := dsSigners(t, desk, envID); env.Status != "sent" {
		t.Fatalf("14 of 15 days: %q", env.Status)
	}
	if err := desk.AdvanceDays(2); err != nil {
		t.Fatal(err)
	}
	env, by := dsSigners(t, desk, envID)
	if env.Status != "expired" || by["Ana Beatriz Souza"].State != simulator.SignerInactive {
		t.Fatalf("16 of 15 days: %+v", env)
	}
	if got := crm.AsError(desk.DocuSignSign(envID, by["Ana Beatriz Souza"].ID)).Code; got != CodeSimNotRunning {
		t.Fatalf("signing after the deadline = %q", got)
	}
}
