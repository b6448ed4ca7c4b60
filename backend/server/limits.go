package server

import (
	"time"

	"selo/backend/inbound"
)

// The server faces the internet directly (or through the office's proxy)
// rather than a desktop's tunnel, so its limits are tighter than the
// desktop listener's, and each route has its own share of the work.
const (
	// ReadTimeout bounds reading one request, headers and body: JivoChat
	// and Clicksign post from data centres, and a chat of several MiB
	// arrives in well under a second there; a body still trickling after
	// this is a slow-body attack holding a connection.
	ReadTimeout = 15 * time.Second
	// HandlerTimeout bounds one webhook's processing, a wait for its
	// route's slot included; past it the sender gets 503 and nothing
	// commits.
	HandlerTimeout = 30 * time.Second
	// WriteTimeout leaves the handler its time plus a margin for the reply.
	WriteTimeout = HandlerTimeout + 5*time.Second

	// TokenCacheTTL is how long the JivoChat tokens read from the database
	// are reused: a flood of wrong tokens costs no query per request, and a
	// revoked token stops working within this time.
	TokenCacheTTL = 2 * time.Second
)

// PoolSize is the server's connections to the office database, enough for
// both gates at once: the sync lease holds 1 for as long as the server
// runs, JivoChat needs at most 2 (events are written one at a time, plus a
// token refresh), Clicksign at most ClicksignGate.Slots, /health 1, and the
// rest is for status sync and the syncs webhooks start.
const PoolSize = 16

// Per-route gates. JivoChat events are written one at a time (the lead
// store serialises them), so its slots bound memory (each may hold a body
// of up to 16 MiB) rather than connections; Clicksign deliveries each read
// the key's webhook and may write, so at most 4 run at once. A request
// waits up to 10 s for a slot (JivoChat documents no retry, so it should
// rather wait than be refused), then gets 503 with Retry-After.
var (
	JivoChatGate  = inbound.Gate{Slots: 8, Wait: 10 * time.Second}
	ClicksignGate = inbound.Gate{Slots: 4, Wait: 10 * time.Second}
	// DocuSignGate: Connect deliveries, like Clicksign's, read and write the
	// database per message.
	DocuSignGate = inbound.Gate{Slots: 4, Wait: 10 * time.Second}
)

// withLimits sets the server's limits on the listener's config.
func withLimits(c inbound.Config) inbound.Config {
	c.ReadTimeout, c.HandlerTimeout, c.WriteTimeout = ReadTimeout, HandlerTimeout, WriteTimeout
	c.JivoChatGate, c.ClicksignGate, c.DocuSignGate = JivoChatGate, ClicksignGate, DocuSignGate
	return c
}
