package training

import (
	"errors"
	"fmt"
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

// otherCPFStart is where the search for the CPF of the test certificate that
// belongs to someone else starts (its first nine digits).
const otherCPFStart = 111444777

// otherCPF is the CPF of the test certificate that belongs to someone else:
// a valid CPF (so only the comparison refuses it) that is none of taken, the
// CPFs of every signer of the envelope and the stand-in own CPF. Taking a
// fixed one would hand a signer who has that CPF (11144477735 is the usual
// test CPF) a certificate that is in fact theirs.
func otherCPF(taken []string) string {
	used := map[string]bool{ownFallbackCPF: true}
	for _, c := range taken {
		used[onlyDigits(c)] = true
	}
	for n := otherCPFStart; ; n++ {
		c := withCheckDigits(fmt.Sprintf("%09d", n))
		if !used[c] {
			return c
		}
	}
}

// ownFallbackCPF stands in for the signer's CPF when they have none: their
// "own" certificates then carry it and both simulators refuse them, as a
// real certificate cannot be matched to a signer without CPF.
const ownFallbackCPF = "52998224725"

// withCheckDigits appends the two CPF check digits to nine digits.
func withCheckDigits(nine string) string {
	d := nine
	for len(d) < 11 {
		sum := 0
		for i, r := range d {
			sum += int(r-'0') * (len(d) + 1 - i)
		}
		v := sum * 10 % 11
		if v == 10 {
			v = 0
		}
		d += string(rune('0' + v))
	}
	return d
}

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
// (digits or formatted; "" when unknown, then the signer's own carry
// ownFallbackCPF) in an envelope whose signers have the CPFs taken.
func testCertificates(cpf string, taken []string) []TestCertificate {
	own := ownCPF(cpf)
	return []TestCertificate{
		{ID: "a1", Kind: "A1", Holder: "signer", CPF: maskCPF(own)},
		{ID: "a3", Kind: "A3", Holder: "signer", CPF: maskCPF(own)},
		{ID: "other", Kind: "A1", Holder: "other", CPF: maskCPF(otherCPF(append(taken, own)))},
	}
}

func ownCPF(signerCPF string) string {
	if own := onlyDigits(signerCPF); len(own) == 11 {
		return own
	}
	return ownFallbackCPF
}

func certificateCPF(id, signerCPF string, taken []string) (kind, cpf string, err error) {
	own := ownCPF(signerCPF)
	switch id {
	case "a1":
		return "A1", own, nil
	case "a3":
		return "A3", own, nil
	case "other":
		return "A1", otherCPF(append(taken, own)), nil
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
	return testCertificates(sim.SignerCPF(signerID), sim.EnvelopeCPFs(envelopeID)), nil
}

// SignWithCertificate is "Simular assinatura" through the certificate step,
// with the test certificate certID (see Certificates).
func (d *Desk) SignWithCertificate(envelopeID, signerID, certID string) error {
	sim, err := d.Host.Simulator()
	if err != nil {
		return crm.E(crm.CodeUnreachable).Wrap(err)
	}
	kind, cpf, err := certificateCPF(certID, sim.SignerCPF(signerID), sim.EnvelopeCPFs(envelopeID))
	if err != nil {
		return err
	}
	return d.changed(simError(sim.SignWithCertificate(envelopeID, signerID, simulator.Certificate{Kind: kind, CPF: cpf})))
}

// dsRecipientCPF is the CPF a DocuSign recipient's certificate must carry,
// and the CPFs of every recipient of the envelope.
func (d *Desk) dsRecipientCPF(envelopeID, recipientID string) (cpf string, all []string) {
	sim := d.dsSim()
	if sim == nil {
		return "", nil
	}
	for _, e := range sim.Overview() {
		if e.ID != envelopeID {
			continue
		}
		for _, r := range e.Recipients {
			if r.ID == recipientID {
				cpf = r.CertificateCPF
			}
			if r.CertificateCPF != "" {
				all = append(all, r.CertificateCPF)
			}
		}
	}
	return cpf, all
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
	own, all := d.dsRecipientCPF(envelopeID, recipientID)
	kind, cpf, err := certificateCPF(certID, own, all)
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
