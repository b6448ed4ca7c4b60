package simulator

import (
	"errors"
	"fmt"
	"net/http"
)

// The certificate step of a standards-based signature. A recipient created
// with recipientSignatureProviders (ICP-Brasil) signs on DocuSign only with a
// certificate of the CPF given in signatureProviderOptions.cpfNumber; the
// simulator plays it with a simulated A1/A3 certificate, so Sign alone is
// refused for that recipient.

// ICPBrasilProviders are the signature provider names the simulated account
// has: the one Selo assumes (backend/docusign/assumptions.go, UNCONFIRMED).
// Any other name is refused as DocuSign refuses a provider the account lacks.
var ICPBrasilProviders = []string{"universalsignaturepen_icp_smartcard_tsp"}

// CodeSignatureProvider answers a provider the account does not have
// (the code is UNCONFIRMED; the reference lists none).
const CodeSignatureProvider = "INVALID_SIGNATURE_PROVIDER"

// Certificate is a simulated ICP-Brasil certificate.
type Certificate struct {
	// Kind is "A1" (a file) or "A3" (a token or card).
	Kind string `json:"kind"`
	// CPF is the holder's CPF, formatted or bare digits.
	CPF string `json:"cpf"`
}

// Certificate step errors (both wrap ErrControl).
var (
	ErrCertificateRequired = fmt.Errorf("%w: the recipient must sign with an ICP-Brasil certificate", ErrControl)
	ErrCertificateCPF      = fmt.Errorf("%w: the certificate is not A1/A3 of the recipient's CPF", ErrControl)
)

// checkProviders validates recipientSignatureProviders and records it.
func checkProviders(in inRecipient, i int, kind, typ string, setup *RecipientSetup) *apiError {
	ps := in.RecipientSignatureProviders
	if len(ps) == 0 {
		return nil
	}
	if typ != TypeSigner || len(ps) > 1 {
		return errf(http.StatusBadRequest, CodeInvalidParameter, "%s[%d]: one signature provider, for signers only.", kind, i)
	}
	// The certificate is the evidence: see the client's assumptions.go
	// (UNCONFIRMED there, Clicksign's documented rule here).
	if in.IdentityVerification != nil || in.SignInEachLocation.bool() {
		return errf(http.StatusBadRequest, CodeInvalidParameter, "%s[%d]: a signature provider takes no identityVerification or signInEachLocation.", kind, i)
	}
	known := false
	for _, n := range ICPBrasilProviders {
		known = known || n == ps[0].SignatureProviderName
	}
	if !known {
		return errf(http.StatusBadRequest, CodeSignatureProvider, "%s[%d].recipientSignatureProviders: %q is not a signature provider of this account.", kind, i, ps[0].SignatureProviderName)
	}
	cpf := ""
	if o := ps[0].SignatureProviderOptions; o != nil {
		cpf = onlyDigits(o.CPFNumber)
	}
	if len(cpf) != 11 {
		return errf(http.StatusBadRequest, CodeInvalidParameter, "%s[%d].recipientSignatureProviders needs signatureProviderOptions.cpfNumber (11 digits).", kind, i)
	}
	setup.SignatureProvider, setup.ProviderCPF = ps[0].SignatureProviderName, cpf
	return nil
}

func onlyDigits(s string) string {
	b := make([]rune, 0, len(s))
	for _, r := range s {
		if r >= '0' && r <= '9' {
			b = append(b, r)
		}
	}
	return string(b)
}

// SignWithCertificate is Sign through the certificate step, with the
// simulated certificate c. A recipient without a signature provider signs as
// with Sign.
func (s *Simulator) SignWithCertificate(envID, recipientID string, c Certificate) error {
	return s.sign(envID, recipientID, &c)
}

// certificateError says why a recipient cannot sign with cert (nil: can).
func certificateError(r *recipient, cert *Certificate) error {
	if r.setup.SignatureProvider == "" {
		return nil
	}
	if cert == nil {
		return ErrCertificateRequired
	}
	if (cert.Kind != "A1" && cert.Kind != "A3") || onlyDigits(cert.CPF) != r.setup.ProviderCPF {
		return ErrCertificateCPF
	}
	return nil
}

// IsCertificateError reports whether err is a refusal of the certificate step.
func IsCertificateError(err error) bool {
	return errors.Is(err, ErrCertificateRequired) || errors.Is(err, ErrCertificateCPF)
}
