package crm

// Error codes of the dados de exemplo (the demo office). Their texts keep
// the "sample." prefix the screens already translate.
const (
	// CodeDemoAlreadyLoaded: the sample is in the database already.
	CodeDemoAlreadyLoaded = "sample.already_loaded"
	// CodeDemoNotEmpty: the database holds the office's own data (data:
	// tables, the kinds of record found), and the sample is only loaded into
	// an empty one so it can never be mixed with real records.
	CodeDemoNotEmpty = "sample.not_empty"
	// CodeDemoNotLoaded: there is no sample to remove.
	CodeDemoNotLoaded = "sample.not_loaded"
	// CodeDemoChanged: the user edited a sample record (data: kind, name);
	// removing it would throw the edit away.
	CodeDemoChanged = "sample.changed"
	// CodeDemoInUse: a record the user made depends on the sample (data:
	// kind, name of the user's record).
	CodeDemoInUse = "sample.in_use"
	// CodeDemoSent: a sample reservation's contracts were sent for signature
	// (data: count); the envelope exists on the provider and its local
	// record must stay.
	CodeDemoSent = "sample.sent"
)

// DemoWriter writes the demo office inside one transaction, registering
// every record it makes so the demo can be removed exactly. Each method
// returns the new record's id. It is declared in the domain because the
// storage's Load names it in its callback, and storage imports no service.
type DemoWriter interface {
	// Integration adds an e-signature key that has a token.
	Integration(description string, env Environment, last4 string, deadlineDays int) (int64, error)
	// Development adds an empreendimento, "Integrado API" with the key.
	Development(name, city, state string, integrationID int64) (int64, error)
	Stage(developmentID int64, name string) (int64, error)
	Block(stageID int64, name string) (int64, error)
	Unit(blockID int64, number string, floor int, areaCm2, priceCents int64) (int64, error)
	// Template adds a contract template row for a file already stored.
	Template(t ContractTemplate) (int64, error)
	// Association associates a template with the whole development, at a
	// position, with its signer rules in order.
	Association(developmentID, templateID int64, position int, rules []SignerRule) (int64, error)
	// Broker adds an active administrative user with the corretor role.
	Broker(name, email string) (int64, error)
	// Reservation adds a reservation already normalised by
	// ValidateReservation, with its people, and sets its unit's situação.
	Reservation(r ReservationInput, developmentID, priceCents int64) (int64, error)
}

// DemoRemoved is what removing the demo's rows leaves for the caller to
// clean outside the database: template files, contract files no other
// contract shares (both by SHA-256), and the keys whose tokens to forget.
type DemoRemoved struct {
	TemplateFiles  []string
	ContractFiles  []string
	IntegrationIDs []int64
}

// DemoGuide is what the "Comece aqui" guide is computed from.
type DemoGuide struct {
	// FirstDevelopmentID is the first development not archived, 0 if none.
	FirstDevelopmentID int64
	HasKey             bool
	HasDevelopment     bool
	HasSignerRules     bool
	HasReservation     bool
	HasSend            bool
}
