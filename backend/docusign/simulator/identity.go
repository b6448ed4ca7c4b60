package simulator

import (
	"net/http"
	"strings"
)

// IdentityWorkflow is one identity verification workflow of the simulated
// account (reference §3.4).
type IdentityWorkflow struct {
	// ID is the workflowId; Name the defaultName.
	ID, Name string
}

// The account's workflows. Their names are UNCONFIRMED (reference §3.4: the
// fake returns a fixed list); the client matches them by the words in them.
const (
	// PhoneAuthWorkflowID is the phone authentication workflow's id.
	PhoneAuthWorkflowID = "c368e411-1592-4001-a3df-dca94ac539ae"
	// PhoneAuthWorkflowName is its defaultName.
	PhoneAuthWorkflowName = "Phone Authentication"
	// IDVerificationWorkflowID is the ID Verification workflow's id.
	IDVerificationWorkflowID = "d5a2b6c1-7e38-4c0f-9a41-5b2e8f1c3d70"
	// IDVerificationWorkflowName is its defaultName.
	IDVerificationWorkflowName = "DocuSign ID Verification"
	// LegacySMSAuthName is the legacy SMS authentication check the
	// simulator accepts in idCheckConfigurationName.
	LegacySMSAuthName = "SMS Auth $"
)

func (s *Simulator) workflows() []IdentityWorkflow {
	if s.opt.NoIdentityWorkflows {
		return nil
	}
	return []IdentityWorkflow{{PhoneAuthWorkflowID, PhoneAuthWorkflowName}, {IDVerificationWorkflowID, IDVerificationWorkflowName}}
}

func (s *Simulator) identityVerification(_ *http.Request, _ []byte) (int, any, *apiError) {
	list := []map[string]any{}
	for _, w := range s.workflows() {
		m := map[string]any{"workflowId": w.ID, "defaultName": w.Name, "workflowResourceKey": strings.ToLower(strings.ReplaceAll(w.Name, " ", "_"))}
		if w.Name == PhoneAuthWorkflowName {
			m["defaultDescription"] = "The recipient receives a code by SMS or voice call."
			m["inputOptions"] = []map[string]any{{"optionName": "phone_number_list", "valueType": "PhoneNumberList", "isRequired": true}}
		} else {
			m["defaultDescription"] = "The recipient photographs an ID document and takes a selfie."
		}
		list = append(list, m)
	}
	return http.StatusOK, map[string]any{"identityVerification": list}, nil
}

// checks names the identity checks a recipient was asked (certificate text).
func (r *recipient) checks() []string {
	var out []string
	switch r.setup.Workflow {
	case PhoneAuthWorkflowName:
		out = append(out, "código por SMS para "+strings.Join(r.setup.AuthPhones, ", "))
	case IDVerificationWorkflowName:
		out = append(out, "documento com foto e selfie")
	}
	if len(r.setup.SMSAuthNumbers) > 0 {
		out = append(out, "código por SMS para "+strings.Join(r.setup.SMSAuthNumbers, ", "))
	}
	return out
}

// needsAuth reports whether the recipient must pass a check before opening.
func (r *recipient) needsAuth() bool {
	return r.setup.WorkflowID != "" || len(r.setup.SMSAuthNumbers) > 0
}

// RecipientSetup returns what the create asked for one recipient, as stored.
func (s *Simulator) RecipientSetup(envID, recipientID string) (RecipientSetup, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if e, ok := s.envs[envID]; ok {
		for _, r := range e.recipients {
			if r.id == recipientID {
				return r.setup, true
			}
		}
	}
	return RecipientSetup{}, false
}

// SetIdentityWorkflows turns the account's identity workflows on or off
// (Options.NoIdentityWorkflows) for the requests that follow.
func (s *Simulator) SetIdentityWorkflows(enabled bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.opt.NoIdentityWorkflows = !enabled
}
