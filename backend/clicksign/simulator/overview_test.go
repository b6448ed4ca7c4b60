package simulator

import (
	"encoding/base64"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"
)

func TestOverviewFollowsSigningOrder(t *testing.T) {
	sim := Must(New(Options{}))
	defer sim.Close()
	e, signers := runningEnvelope(t, sim, []int{1, 2})
	view := func() EnvelopeView {
		for _, v := range sim.Overview() {
			if v.ID == e {
				return v
			}
		}
		t.Fatalf("envelope %s not in overview", e)
		return EnvelopeView{}
	}
	v := view()
	if v.Status != "running" || v.Signers[0].State != SignerPending || v.Signers[1].State != SignerWaiting {
		t.Fatalf("before signing: %+v", v.Signers)
	}
	if err := sim.Sign(e, signers[0]); err != nil {
		t.Fatal(err)
	}
	v = view()
	if v.Signers[0].State != SignerSigned || v.Signers[0].SignedAt == nil || v.Signers[1].State != SignerPending {
		t.Fatalf("after the first group: %+v", v.Signers)
	}
	if err := sim.Sign(e, signers[1]); err != nil {
		t.Fatal(err)
	}
	if v = view(); v.Status != "closed" || v.Signers[1].State != SignerSigned {
		t.Fatalf("after everyone signed: %+v", v)
	}
}

func TestOverviewListsSignersBySigningOrderThenName(t *testing.T) {
	sim := Must(New(Options{RateLimit: -1}))
	defer sim.Close()
	// Created in the order a concurrent send may happen to create them.
	e, _ := runningEnvelopeNamed(t, sim, []int{3, 2, 1, 2, 1, 2},
		[]string{"Carlos Testemunha", "Zeca Fiador", "Maria Titular", "álvaro Cônjuge", "Bruna Cotitular", "Érica Corretora"})
	var got []string
	for _, v := range sim.Overview() {
		if v.ID == e {
			for _, s := range v.Signers {
				got = append(got, fmt.Sprintf("%d %s", s.Group, s.Name))
			}
		}
	}
	want := []string{"1 Bruna Cotitular", "1 Maria Titular", "2 álvaro Cônjuge", "2 Érica Corretora", "2 Zeca Fiador", "3 Carlos Testemunha"}
	if strings.Join(got, "|") != strings.Join(want, "|") {
		t.Fatalf("signers = %q, want %q", got, want)
	}
}

func TestOverviewAppliesDeadlines(t *testing.T) {
	sim := Must(New(Options{}))
	defer sim.Close()
	e, _ := runningEnvelope(t, sim, []int{1})
	if err := sim.Advance(31 * 24 * time.Hour); err != nil {
		t.Fatal(err)
	}
	for _, v := range sim.Overview() {
		if v.ID == e && v.Status != "canceled" {
			t.Fatalf("status after the deadline = %s", v.Status)
		}
	}
}

// runningEnvelope creates, through the HTTP API, an activated envelope with
// one document and one signer per group given; it returns the envelope id
// and the signer ids in order.
func runningEnvelope(t *testing.T, sim *Simulator, groups []int) (string, []string) {
	t.Helper()
	var names []string
	for i := range groups {
		names = append(names, fmt.Sprintf("Pessoa Numero%c Silva", 'A'+i))
	}
	return runningEnvelopeNamed(t, sim, groups, names)
}

// runningEnvelopeNamed is runningEnvelope with the signers' names given.
func runningEnvelopeNamed(t *testing.T, sim *Simulator, groups []int, names []string) (string, []string) {
	t.Helper()
	srv := httptest.NewServer(sim)
	t.Cleanup(srv.Close)
	post := func(method, path, body string) map[string]any {
		req, _ := http.NewRequest(method, srv.URL+"/api/v3"+path, strings.NewReader(body))
		req.Header.Set("Authorization", "tok")
		req.Header.Set("Content-Type", "application/vnd.api+json")
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		var out map[string]any
		_ = json.NewDecoder(resp.Body).Decode(&out)
		if resp.StatusCode >= 300 {
			t.Fatalf("%s %s: %d %v", method, path, resp.StatusCode, out)
		}
		return out
	}
	id := func(m map[string]any) string { return m["data"].(map[string]any)["id"].(string) }
	e := id(post("POST", "/envelopes", `{"data":{"type":"envelopes","attributes":{"name":"Reserva 12"}}}`))
	pdf := base64.StdEncoding.EncodeToString([]byte("%PDF-1.4\n%%EOF\n"))
	d := id(post("POST", "/envelopes/"+e+"/documents", `{"data":{"type":"documents","attributes":{"filename":"c.pdf","content_base64":"data:application/pdf;base64,`+pdf+`"}}}`))
	var signers []string
	for i, g := range groups {
		s := id(post("POST", "/envelopes/"+e+"/signers", fmt.Sprintf(`{"data":{"type":"signers","attributes":{"name":%q,"email":"p%d@example.com","group":%d}}}`, names[i], i, g)))
		signers = append(signers, s)
		rel := fmt.Sprintf(`"relationships":{"document":{"data":{"type":"documents","id":"%s"}},"signer":{"data":{"type":"signers","id":"%s"}}}`, d, s)
		post("POST", "/envelopes/"+e+"/requirements", `{"data":{"type":"requirements","attributes":{"action":"agree","role":"sign"},`+rel+`}}`)
		post("POST", "/envelopes/"+e+"/requirements", `{"data":{"type":"requirements","attributes":{"action":"provide_evidence","auth":"email"},`+rel+`}}`)
	}
	post("PATCH", "/envelopes/"+e, `{"data":{"id":"`+e+`","type":"envelopes","attributes":{"status":"running"}}}`)
	return e, signers
}
