package simulator

import "errors"

// The certificate step. A signer whose requirements include the
// "icp_brasil" authentication signs on Clicksign only by choosing a digital
// certificate (an A1 file or an A3 token/card) whose holder's CPF is the
// signer's; the simulator plays that step with a simulated certificate, so
// Sign alone is refused for such a signer, as a click on "Assinar" without a
// certificate would be.

// Certificate is a simulated ICP-Brasil certificate.
type Certificate struct {
	// Kind is "A1" (a file on the computer) or "A3" (a token or card).
	Kind string `json:"kind"`
	// CPF is the holder's CPF, formatted or bare digits.
	CPF string `json:"cpf"`
}

// Certificate step errors.
var (
	ErrCertificateRequired = errors.New("simulator: the signer must sign with an ICP-Brasil certificate")
	ErrCertificateKind     = errors.New("simulator: the certificate must be A1 or A3")
	ErrCertificateCPF      = errors.New("simulator: the certificate's CPF is not the signer's")
)

// needsCertificate reports whether g must sign with a certificate: one of
// their requirements is the icp_brasil authentication.
func (s *Simulator) needsCertificate(g *signer) bool {
	for _, q := range s.envelopeReqs(g.EnvelopeID) {
		if q.SignerID == g.ID && q.Action == "provide_evidence" && q.Auth == "icp_brasil" {
			return true
		}
	}
	return false
}

// NeedsCertificate reports whether the signer must sign with a certificate
// (SignWithCertificate); false for an unknown signer.
func (s *Simulator) NeedsCertificate(signerID string) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	g, ok := s.st.Signers[signerID]
	return ok && s.needsCertificate(g)
}

// SignerCPF returns the CPF the signer was created with ("" when none), the
// one a certificate must carry.
func (s *Simulator) SignerCPF(signerID string) string {
	s.mu.Lock()
	defer s.mu.Unlock()
	if g, ok := s.st.Signers[signerID]; ok && g.Documentation != nil {
		return *g.Documentation
	}
	return ""
}

// EnvelopeCPFs returns the CPFs (digits) of the envelope's signers that have
// one, so a test certificate "of someone else" can avoid all of them.
func (s *Simulator) EnvelopeCPFs(envelopeID string) []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	var out []string
	for _, g := range s.st.Signers {
		if g.EnvelopeID == envelopeID && g.Documentation != nil && *g.Documentation != "" {
			out = append(out, digits(*g.Documentation))
		}
	}
	return out
}

// checkCertificate refuses a certificate that is not A1/A3 or whose CPF is
// not the signer's documentation.
func checkCertificate(g *signer, c Certificate) error {
	if c.Kind != "A1" && c.Kind != "A3" {
		return ErrCertificateKind
	}
	want := ""
	if g.Documentation != nil {
		want = digits(*g.Documentation)
	}
	got := digits(c.CPF)
	// A signer created without a CPF cannot be matched to any certificate:
	// the certificate step refuses them (see assumptions.go).
	if len(got) != 11 || got != want {
		return ErrCertificateCPF
	}
	return nil
}

// SignWithCertificate is Sign through the certificate step: the signer
// signs with the simulated certificate c. A signer who needs no certificate
// signs as with Sign.
func (s *Simulator) SignWithCertificate(envelopeID, signerID string, c Certificate) error {
	return s.sign(envelopeID, signerID, &c)
}

// Refusal texts of the icp_brasil requirement (see assumptions.go).
const (
	msgICPExcludesEvidence = "icp_brasil não pode ser combinado com outras evidências"
)

// evidenceAuths are the provide_evidence auths that are extra evidence
// (the v1 "*_enabled" flags), which icp_brasil excludes.
var evidenceAuths = []string{"selfie", "handwritten", "official_document", "liveness", "facial_biometrics",
	"biometric", "identity_biometrics", "documentscopy", "address_proof"}

// icpPairsEvidence reports whether auths a and b are icp_brasil and an
// extra evidence, in either order.
func icpPairsEvidence(a, b string) bool {
	return (a == "icp_brasil" && oneOf(b, evidenceAuths...)) || (b == "icp_brasil" && oneOf(a, evidenceAuths...))
}
