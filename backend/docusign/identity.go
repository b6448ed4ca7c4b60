package docusign

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"strings"
)

// ErrFeatureUnavailable means a signer asks a check (phone authentication,
// ID Verification) whose workflow the account does not have: nothing was
// sent, and the same request cannot succeed until the account enables it.
var ErrFeatureUnavailable = errors.New("docusign: identity check not enabled on the account")

// Features a FeatureError names.
const (
	// FeaturePhoneAuth is phone authentication by SMS code.
	FeaturePhoneAuth = "phone_auth"
	// FeatureIDVerification is ID Verification (ID document and selfie).
	FeatureIDVerification = "id_verification"
)

// FeatureError says which signer asks which check the account lacks.
type FeatureError struct {
	// Feature is FeaturePhoneAuth or FeatureIDVerification.
	Feature string
	// Signer is the index in SendRequest.Signers; Name the person.
	Signer int
	Name   string
}

// Error implements error.
func (e *FeatureError) Error() string {
	return fmt.Sprintf("docusign: signers[%d] asks %s, which the account has no workflow for", e.Signer, e.Feature)
}

// Unwrap returns ErrFeatureUnavailable.
func (e *FeatureError) Unwrap() error { return ErrFeatureUnavailable }

// IdentityWorkflow is one identity check the account offers (reference §3.4).
type IdentityWorkflow struct {
	// ID is the workflowId a recipient's identityVerification names.
	ID string
	// Name and Description are DocuSign's defaultName and defaultDescription.
	Name, Description string
}

// workflowIDs are the workflows a send uses; empty when not asked.
type workflowIDs struct{ phone, idv string }

// IdentityWorkflows returns the account's identity verification workflows
// (GET /identity_verification). The answer is kept for WorkflowCacheTTL, so
// sends with checks add one request per client and hour at most.
func (c *Client) IdentityWorkflows(ctx context.Context) ([]IdentityWorkflow, error) {
	c.wfMu.Lock()
	defer c.wfMu.Unlock()
	if !c.wfRead.IsZero() && c.clock.Now().Sub(c.wfRead) < WorkflowCacheTTL {
		return c.workflows, nil
	}
	body, err := c.do(ctx, call{method: http.MethodGet, path: "/identity_verification", retry: true})
	if err != nil {
		return nil, err
	}
	var w wireIdentityWorkflows
	if err := json.Unmarshal(body, &w); err != nil {
		return nil, fmt.Errorf("%w: identity_verification answer: %v", ErrServer, err)
	}
	out := make([]IdentityWorkflow, 0, len(w.IdentityVerification))
	for _, x := range w.IdentityVerification {
		if x.WorkflowID != "" {
			out = append(out, IdentityWorkflow{ID: x.WorkflowID, Name: x.DefaultName, Description: x.DefaultDescription})
		}
	}
	c.workflows, c.wfRead = out, c.clock.Now()
	return out, nil
}

// workflowsFor picks the workflows r's signers need, or a FeatureError for
// the first signer whose check the account lacks.
func (c *Client) workflowsFor(ctx context.Context, r *SendRequest) (workflowIDs, error) {
	ws, err := c.IdentityWorkflows(ctx)
	if err != nil {
		return workflowIDs{}, err
	}
	var ids workflowIDs
	for _, w := range ws {
		switch {
		case ids.phone == "" && IsPhoneAuthWorkflow(w):
			ids.phone = w.ID
		case ids.idv == "" && IsIDVerificationWorkflow(w):
			ids.idv = w.ID
		}
	}
	for i, s := range r.Signers {
		switch {
		case s.IDVerification && ids.idv == "":
			return ids, &FeatureError{Feature: FeatureIDVerification, Signer: i, Name: s.Name}
		case s.PhoneAuth != nil && !s.IDVerification && ids.phone == "":
			return ids, &FeatureError{Feature: FeaturePhoneAuth, Signer: i, Name: s.Name}
		}
	}
	return ids, nil
}

// IsPhoneAuthWorkflow reports whether w is the phone authentication workflow
// (assumptions.go, "Identity checks").
func IsPhoneAuthWorkflow(w IdentityWorkflow) bool {
	return strings.Contains(strings.ToLower(w.Name), PhoneAuthWorkflowName)
}

// IsIDVerificationWorkflow reports whether w is an ID Verification workflow
// (assumptions.go, "Identity checks").
func IsIDVerificationWorkflow(w IdentityWorkflow) bool {
	n := strings.ToLower(w.Name)
	return !IsPhoneAuthWorkflow(w) && strings.Contains(n, IDVerificationWorkflowName)
}
