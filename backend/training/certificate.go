package training

import (
	"errors"
	"strings"

	"selo/backend/clicksign/simulator"
	"selo/backend/crm"
	dssim "selo/backend/docusign/simulator"
)

// The certificate step of "Simular assinatura": a signer who must sign with
// ICP-Brasil ("Vai a registro") picks one of a few test certificates, as the
// real signing page asks for the person's A1 file or A3 token. One of them
// belongs to someone else, so the rep sees the service refuse a certificate
// whose CPF is not the signer's.

// Certificate step error codes.
const (
	// CodeSimCertificateRequired: the signer signs only with a certificate.
	CodeSimCertificateRequired = "simulator.certificate_required"
	// CodeSimCertificateMismatch: the certificate's CPF is not the signer's.
	CodeSimCertificateMismatch = "simulator.certificate_mismatch"
	// CodeSimCertificateUnknown: no such test certificate (data: id).
	CodeSimCertificateUnknown = "simulator.certificate_unknown"
)

// OtherPersonCPF is the CPF of the test certificate that belongs to someone
// else (a valid CPF, so only the comparison refuses it).
const OtherPersonCPF = "11144477735"

// TestCertificate is one simulated certificate the desk offers.
type TestCertificate struct {
	// ID is what SignWithCertificate takes: "a1", "a3" or "other".
	ID string `json:"id"`
	// Kind is "A1" (a file) or "A3" (a token or card).
	Kind string `json:"kind"`
	// Holder is "signer" for the signer's own CPF, "other" for someone else's.
	Holder string `json:"holder"`
	// CPF is the certificate's CPF masked as the screens show one
	// ("***.982.247-**").
	CPF string `json:"cpf"`
}

// testCertificates lists the test certificates for a signer of CPF cpf
// (digits or formatted; "" when unknown, then the signer's own are of a
// made-up valid CPF, which a signer without CPF accepts).
func testCertificates(cpf string) []TestCertificate {
	own := onlyDigits(cpf)
	if len(own) != 11 {
		own = "52998224725"
	}
	return []TestCertificate{
		{ID: "a1", Kind: "A1", Holder: "signer", CPF: maskCPF(own)},
		{ID: "a3", Kind: "A3", Holder: "signer", CPF: maskCPF(own)},
		{ID: "other", Kind: "A1", Holder: "other", CPF: maskCPF(OtherPersonCPF)},
	}
}

func certificateCPF(id, signerCPF string) (kind, cpf string, err error) {
	own := onlyDigits(signerCPF)
	if len(own) != 11 {
		own = "52998224725"
	}
	switch id {
	case "a1":
		return "A1", own, nil
	case "a3":
		return "A3", own, nil
	case "other":
		return "A1", OtherPersonCPF, nil
	}
	return "", "", crm.E(CodeSimCertificateUnknown, "id", id).OnField("certificate")
}

func onlyDigits(s string) string {
	return strings.Map(func(r rune) rune {
		if r >= '0' && r <= '9' {
			return r
		}
		return -1
	}, s)
}

// maskCPF shows the middle six digits only, as a certificate list on a
// shared screen should.
func maskCPF(d string) string {
	if len(d) != 11 {
		return ""
	}
	return "***." + d[3:6] + "." + d[6:9] + "-**"
}

// Certificates lists the test certificates for a Clicksign simulator signer.
func (d *Desk) Certificates(envelopeID, signerID string) ([]TestCertificate, error) {
	sim, err := d.Host.Simulator()
	if err != nil {
		return nil, crm.E(crm.CodeUnreachable).Wrap(err)
	}
	return testCertificates(sim.SignerCPF(signerID)), nil
}

// SignWithCertificate is "Simular assinatura" through the certificate step,
// with the test certificate certID (see Certificates).
func (d *Desk) SignWithCertificate(envelopeID, signerID, certID string) error {
	sim, err := d.Host.Simulator()
	if err != nil {
		return crm.E(crm.CodeUnreachable).Wrap(err)
	}
	kind, cpf, err := certificateCPF(certID, sim.SignerCPF(signerID))
	if err != nil {
		return err
	}
	return d.changed(simError(sim.SignWithCertificate(envelopeID, signerID, simulator.Certificate{Kind: kind, CPF: cpf})))
}

// dsRecipientCPF is the CPF a DocuSign recipient's certificate must carry.
func (d *Desk) dsRecipientCPF(envelopeID, recipientID string) string {
	sim := d.dsSim()
	if sim == nil {
		return ""
	}
	for _, e := range sim.Overview() {
		if e.ID != envelopeID {
			continue
		}
		for _, r := range e.Recipients {
			if r.ID == recipientID {
				return r.CertificateCPF
			}
		}
	}
	return ""
}

// DocuSignCertificates lists the test certificates for a DocuSign recipient.
func (d *Desk) DocuSignCertificates(envelopeID, recipientID string) ([]TestCertificate, error) {
	return testCertificates(d.dsRecipientCPF(envelopeID, recipientID)), nil
}

// DocuSignSignWithCertificate is DocuSignSign through the certificate step.
func (d *Desk) DocuSignSignWithCertificate(envelopeID, recipientID, certID string) error {
	sim, err := d.dsTurn(envelopeID, recipientID)
	if err != nil {
		return err
	}
	kind, cpf, err := certificateCPF(certID, d.dsRecipientCPF(envelopeID, recipientID))
	if err != nil {
		return err
	}
	return d.changed(dsError(sim.SignWithCertificate(envelopeID, recipientID, dssim.Certificate{Kind: kind, CPF: cpf})))
}

// certificateError turns either simulator's certificate refusals into the
// desk's codes; other errors pass through.
func certificateError(err error) error {
	switch {
	case errors.Is(err, simulator.ErrCertificateRequired), errors.Is(err, dssim.ErrCertificateRequired):
		return crm.E(CodeSimCertificateRequired).Wrap(err)
	case errors.Is(err, simulator.ErrCertificateCPF), errors.Is(err, simulator.ErrCertificateKind), errors.Is(err, dssim.ErrCertificateCPF):
		return crm.E(CodeSimCertificateMismatch).Wrap(err)
	}
	return err
}
