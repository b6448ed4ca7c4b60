package crm

import "time"

// OfficeServer is the office's `selo server` as its row in the office
// database records it: where its webhooks land and when it was last heard
// of. Whether it runs right now is a separate question (its session's
// lock), since a killed server leaves its row as it was.
type OfficeServer struct {
	// Instance tells one run of the server from the next.
	Instance string `json:"instance"`
	HostName string `json:"hostName"`
	Version  string `json:"version"`
	// WebMode is how the internet reaches it: "proxy", "acme" or "static".
	WebMode string `json:"webMode"`
	// PublicURL is the base of its webhook URLs, e.g.
	// https://selo.imobiliaria.com.br (no trailing slash).
	PublicURL string    `json:"publicUrl"`
	StartedAt time.Time `json:"startedAt"`
	// BeatAt is refreshed every 30 s while it runs.
	BeatAt time.Time `json:"beatAt"`
	// StoppedAt is set at a clean stop; zero while it runs or after a crash.
	StoppedAt time.Time `json:"stoppedAt"`
}
