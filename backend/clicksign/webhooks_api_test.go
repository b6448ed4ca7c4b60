package clicksign_test

import (
	"context"
	"errors"
	"fmt"
	"regexp"
	"strings"
	"testing"

	"selo/backend/clicksign"
	"selo/backend/clicksign/simulator"
)

func TestWebhookRegistrationCalls(t *testing.T) {
	f := setup(t, simulator.Options{})
	ctx := context.Background()
	c := f.client

	w, err := c.CreateWebhook(ctx, clicksign.WebhookParams{Endpoint: "https://escritorio.example/webhooks/clicksign/1",
		Events: []string{clicksign.EventSign, clicksign.EventRefusal}})
	if err != nil {
		t.Fatal(err)
	}
	if w.ID == "" || w.Status != clicksign.WebhookActive || len(w.Events) != 2 || w.Created.IsZero() ||
		!regexp.MustCompile(`^[0-9a-f]{32}$`).MatchString(string(w.Secret)) {
		t.Fatalf("created %+v (secret %d chars)", w, len(w.Secret))
	}
	// Printing the webhook, however it is printed, never shows the secret.
	for _, verb := range []string{"%v", "%+v", "%#v", "%s"} {
		if out := fmt.Sprintf(verb, *w); strings.Contains(out, string(w.Secret)) {
			t.Fatalf("%s prints the secret: %s", verb, out)
		}
	}

	_, err = c.CreateWebhook(ctx, clicksign.WebhookParams{Endpoint: "https://escritorio.example/webhooks/clicksign/1",
		Events: []string{clicksign.EventClose}})
	if !clicksign.IsEndpointTaken(err) {
		t.Fatalf("duplicate endpoint: %v", err)
	}
	_, err = c.CreateWebhook(ctx, clicksign.WebhookParams{Endpoint: "https://escritorio.example/outro"})
	if api := (*clicksign.APIError)(nil); !errors.As(err, &api) || api.StatusCode != 400 || api.FieldErrors()["events"] != "events deve ser informado(a)" {
		t.Fatalf("no events: %v", err)
	}
	if clicksign.IsEndpointTaken(err) {
		t.Fatal("a 400 taken for a duplicate endpoint")
	}

	inactive, err := c.CreateWebhook(ctx, clicksign.WebhookParams{Endpoint: "https://escritorio.example/2",
		Events: []string{clicksign.EventSign}, Inactive: true})
	if err != nil || inactive.Status != clicksign.WebhookInactive {
		t.Fatalf("inactive: %+v %v", inactive, err)
	}
	list, err := c.ListWebhooks(ctx)
	if err != nil || len(list) != 2 || list[0].ID != w.ID || list[0].Secret != w.Secret {
		t.Fatalf("list %+v %v", list, err)
	}
	if err := c.DeleteWebhook(ctx, w.ID); err != nil {
		t.Fatal(err)
	}
	if err := c.DeleteWebhook(ctx, w.ID); !clicksign.IsNotFound(err) {
		t.Fatalf("second delete: %v", err)
	}
	if list, _ := c.ListWebhooks(ctx); len(list) != 1 || list[0].ID != inactive.ID {
		t.Fatalf("after delete %+v", list)
	}
	if f.transport.Count() < 7 {
		t.Fatalf("only %d exchanges checked against the OpenAPI document", f.transport.Count())
	}
}
