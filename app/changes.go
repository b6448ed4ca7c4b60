package app

import "selo/backend/crm"

// DataChanged is the data of EventDataChanged.
type DataChanged struct {
	// Areas are the parts of the data that changed (crm.ChangeArea), each
	// once.
	Areas []crm.ChangeArea `json:"areas"`
}

// AllChangeAreas is handed to Wails' EnumBind, so the frontend names the
// areas of EventDataChanged with the values crm defines (the TypeScript enum
// crm.ChangeArea), not with strings of its own.
var AllChangeAreas = []struct {
	Value  crm.ChangeArea
	TSName string
}{
	{crm.ChangeEnvelopes, "Envelopes"},
	{crm.ChangeReservations, "Reservations"},
	{crm.ChangeLeads, "Leads"},
}

// EmitDataChanged returns what tells the window that areas changed in the
// office database: main.go subscribes it to the change feed's topic. An
// empty batch says nothing.
func EmitDataChanged(a *App) func([]crm.ChangeArea) {
	return func(areas []crm.ChangeArea) {
		if len(areas) == 0 {
			return
		}
		a.Emitter.Emit(string(EventDataChanged), DataChanged{Areas: areas})
	}
}
