package crm

import "testing"

func TestContractStateOf(t *testing.T) {
	// Sends as the send path leaves them, one per situation a contract meets.
	pending := ContractSend{OperationID: 1, Active: true, Status: "pending"}
	running := ContractSend{OperationID: 1, Active: true, Status: "running"}
	failedBefore := ContractSend{OperationID: 1, Active: true, Status: "failed"}
	failedAttempted := ContractSend{OperationID: 1, Active: true, Status: "failed", EnvelopeAttempted: true}
	canceledWithEnvelope := ContractSend{OperationID: 1, Active: true, Status: "canceled", EnvelopeID: "env-1"}
	sent := ContractSend{OperationID: 2, Active: true, Status: "sent", EnvelopeID: "env-2", EnvelopeRecorded: true, EnvelopeState: "running"}
	abandoned := ContractSend{OperationID: 1, Active: false, Status: "canceled"}
	released := func(op int64, env, state string) ContractSend {
		return ContractSend{OperationID: op, Active: false, Status: "sent", EnvelopeID: env, EnvelopeRecorded: true, EnvelopeState: state}
	}
	releasedUnrecorded := ContractSend{OperationID: 5, Active: false, Status: "failed", EnvelopeID: "env-x"}

	for _, tc := range []struct {
		name  string
		facts ContractFacts
		want  ContractStatus
	}{
		{"no send: gerado", ContractFacts{}, ContractStatus{State: StateGenerated}},
		{"send pending: enviando", ContractFacts{Sends: []ContractSend{pending}}, ContractStatus{State: StateSending}},
		{"send running: enviando", ContractFacts{Sends: []ContractSend{running}}, ContractStatus{State: StateSending}},
		{"failed before anything reached Clicksign: gerado", ContractFacts{Sends: []ContractSend{failedBefore}},
			ContractStatus{State: StateGenerated}},
		{"failed after the envelope request went out: enviando", ContractFacts{Sends: []ContractSend{failedAttempted}},
			ContractStatus{State: StateSending}},
		{"stopped with an envelope id: enviando", ContractFacts{Sends: []ContractSend{canceledWithEnvelope}},
			ContractStatus{State: StateSending}},
		{"active sent send: enviado", ContractFacts{Sends: []ContractSend{sent}}, ContractStatus{State: StateSent}},
		{"sent wins over a send still going", ContractFacts{Sends: []ContractSend{running, sent}},
			ContractStatus{State: StateSent}},
		{"signature wins over everything", ContractFacts{Signed: true, Sends: []ContractSend{sent, running}},
			ContractStatus{State: StateSigned}},
		{"signed without a send on record", ContractFacts{Signed: true}, ContractStatus{State: StateSigned}},
		{"abandoned before the envelope: gerado", ContractFacts{Sends: []ContractSend{abandoned}},
			ContractStatus{State: StateGenerated}},
		{"released envelope: cancelado, with that envelope", ContractFacts{Sends: []ContractSend{released(3, "env-3", "expired")}},
			ContractStatus{State: StateCanceled, EndedEnvelopeID: "env-3", EndedAs: "expired"}},
		{"two releases: the latest send's envelope, whatever the order loaded",
			ContractFacts{Sends: []ContractSend{released(7, "env-7", "refused"), released(3, "env-3", "expired")}},
			ContractStatus{State: StateCanceled, EndedEnvelopeID: "env-7", EndedAs: "refused"}},
		{"released but never recorded locally: cancelado without an envelope",
			ContractFacts{Sends: []ContractSend{releasedUnrecorded}}, ContractStatus{State: StateCanceled}},
		{"a later unrecorded release does not hide the recorded one",
			ContractFacts{Sends: []ContractSend{released(3, "env-3", "canceled"), releasedUnrecorded}},
			ContractStatus{State: StateCanceled, EndedEnvelopeID: "env-3", EndedAs: "canceled"}},
		{"released then sent again: enviado, no ended envelope",
			ContractFacts{Sends: []ContractSend{released(1, "env-1", "expired"), sent}}, ContractStatus{State: StateSent}},
		{"released then a new send pending: enviando",
			ContractFacts{Sends: []ContractSend{released(1, "env-1", "expired"), {OperationID: 9, Active: true, Status: "pending"}}},
			ContractStatus{State: StateSending}},
		{"released and signed: assinado", ContractFacts{Signed: true, Sends: []ContractSend{released(1, "env-1", "finished")}},
			ContractStatus{State: StateSigned}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := ContractStateOf(tc.facts); got != tc.want {
				t.Fatalf("got %+v, want %+v", got, tc.want)
			}
		})
	}
}
