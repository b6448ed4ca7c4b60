package crm

// UnitOption is an available unit offered by the reservation form: enough
// to tell units apart and to prefill the price.
type UnitOption struct {
	ID         int64  `json:"id"`
	Number     string `json:"number"`
	Floor      int    `json:"floor"`
	BlockName  string `json:"blockName"`
	StageName  string `json:"stageName"`
	PriceCents int64  `json:"priceCents"`
}

// Broker is a user who can be the reservation's corretor.
type Broker struct {
	ID   int64  `json:"id"`
	Name string `json:"name"`
	Role string `json:"role"`
}
