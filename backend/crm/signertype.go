package crm

// Signer types: who a signer is in the deal, with the pt-BR names the screen
// shows and the precedence MergeSigners uses when one person holds several.

// SignerType says who the signer is in the deal ("Tipo de assinante").
type SignerType string

// The signer types of the source CRM's signer screen.
const (
	// SignerHolder is the reservation's main buyer ("Titular" / cliente).
	SignerHolder SignerType = "holder"
	// SignerSpouse is the holder's spouse ("Cônjuge").
	SignerSpouse SignerType = "spouse"
	// SignerAssociate is a co-buyer of the reservation ("Associado").
	SignerAssociate SignerType = "associate"
	// SignerGuarantor is a guarantor of the reservation ("Fiador").
	SignerGuarantor SignerType = "guarantor"
	// SignerWitness is a witness ("Testemunha"); named in the rule.
	SignerWitness SignerType = "witness"
	// SignerBroker is the reservation's broker ("Corretor").
	SignerBroker SignerType = "broker"
	// SignerAgency signs for the real-estate agency ("Imobiliária"); named in
	// the rule.
	SignerAgency SignerType = "agency"
	// SignerDeveloper signs for the developer or builder
	// ("Incorporadora/Construtora"); named in the rule.
	SignerDeveloper SignerType = "developer"
	// SignerManager is a back-office manager ("Gestor"); named in the rule.
	SignerManager SignerType = "manager"
)

// signerTypes is the screen order and also the precedence MergeSigners uses
// when one person holds several types: a party of the deal outranks the
// companies and staff, and a witness comes last because a witness is only a
// witness when nothing else.
var signerTypes = []SignerType{
	SignerHolder, SignerSpouse, SignerAssociate, SignerGuarantor, SignerBroker,
	SignerAgency, SignerDeveloper, SignerManager, SignerWitness,
}

// SignerTypes lists every signer type in the order the screen offers them.
func SignerTypes() []SignerType { return append([]SignerType(nil), signerTypes...) }

// SignerTypeLabels are the pt-BR names of the signer types, for the screen.
var SignerTypeLabels = map[SignerType]string{
	SignerHolder:    "Titular",
	SignerSpouse:    "Cônjuge",
	SignerAssociate: "Associado",
	SignerGuarantor: "Fiador",
	SignerWitness:   "Testemunha",
	SignerBroker:    "Corretor",
	SignerAgency:    "Imobiliária",
	SignerDeveloper: "Incorporadora/Construtora",
	SignerManager:   "Gestor",
}

// Valid reports whether t is a known signer type.
func (t SignerType) Valid() bool {
	_, ok := SignerTypeLabels[t]
	return ok
}

// IsParty reports whether the person comes from the reservation (holder,
// spouse, associate, guarantor, broker). The others are not in the
// reservation, so the rule itself carries their name, e-mail, phone and CPF.
func (t SignerType) IsParty() bool {
	switch t {
	case SignerHolder, SignerSpouse, SignerAssociate, SignerGuarantor, SignerBroker:
		return true
	}
	return false
}

func typeRank(t SignerType) int {
	for i, v := range signerTypes {
		if v == t {
			return i
		}
	}
	return len(signerTypes)
}

// samePerson decides whether b is the person of group a: equal CPFs, or equal
