package crm

// ContractScope says which units of a development a contract associated
// with it (legal's "Contrato associado") applies to. It is domain vocabulary
// because the sqlite store keeps it and "Gerar contratos" decides with it.
type ContractScope string

// Scopes.
const (
	// ScopeDevelopment covers every unit of the development.
	ScopeDevelopment ContractScope = "development"
	// ScopeStages covers the units of the chosen etapas.
	ScopeStages ContractScope = "stages"
	// ScopeBlocks covers the units of the chosen blocos.
	ScopeBlocks ContractScope = "blocks"
	// ScopeUnits covers the chosen unidades only.
	ScopeUnits ContractScope = "units"
)

// Valid reports whether s is a known scope.
func (s ContractScope) Valid() bool {
	switch s {
	case ScopeDevelopment, ScopeStages, ScopeBlocks, ScopeUnits:
		return true
	}
	return false
}

// UnitPath locates a unit in its development, for scope checks.
type UnitPath struct {
	DevelopmentID int64 `json:"developmentId"`
	StageID       int64 `json:"stageId"`
	BlockID       int64 `json:"blockId"`
	UnitID        int64 `json:"unitId"`
}

// ScopeCovers reports whether a scope of kind scope naming ids includes the
// unit at p. The caller checks that p is in the association's development.
func ScopeCovers(scope ContractScope, ids []int64, p UnitPath) bool {
	var want int64
	switch scope {
	case ScopeDevelopment:
		return true
	case ScopeStages:
		want = p.StageID
	case ScopeBlocks:
		want = p.BlockID
	case ScopeUnits:
		want = p.UnitID
	default:
		return false
	}
	for _, id := range ids {
		if id == want {
			return true
		}
	}
	return false
}
