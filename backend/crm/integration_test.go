package crm

import (
	"errors"
	"testing"
)

func fields(err error) map[string]string {
	out := map[string]string{}
	var inv *Invalid
	if errors.As(err, &inv) {
		for _, p := range inv.Problems {
			out[p.Field] = p.Code
		}
	}
	return out
}

func TestValidateIntegration(t *testing.T) {
	tests := []struct {
		name string
		in   IntegrationInput
		want map[string]string // field -> code; empty means valid
		days int
	}{
		{"complete sandbox key", IntegrationInput{Description: " Chave  Clicksign ", Environment: EnvSandbox, Token: "abc-123-xyz", DeadlineDays: "30"}, map[string]string{}, 30},
		{"empty deadline means default", IntegrationInput{Description: "K", Environment: EnvProduction, Token: "t0k3n-value"}, map[string]string{}, 0},
		{"empty description", IntegrationInput{Description: "   ", Environment: EnvSandbox, Token: "t"}, map[string]string{"description": CodeRequired}, 0},
		{"whitespace token on a new key", IntegrationInput{Description: "K", Environment: EnvSandbox, Token: "  \t "}, map[string]string{"token": CodeRequired}, 0},
		{"token with inner space", IntegrationInput{Description: "K", Environment: EnvSandbox, Token: "abc def"}, map[string]string{"token": "integration.token_spaces"}, 0},
		{"existing key keeps its token", IntegrationInput{ID: 7, Description: "K", Environment: EnvSandbox}, map[string]string{}, 0},
		{"simulator makes its own token", IntegrationInput{Description: "Treino", Environment: EnvSimulator}, map[string]string{}, 0},
		{"deadline 0", IntegrationInput{Description: "K", Environment: EnvSandbox, Token: "t", DeadlineDays: "0"}, map[string]string{"deadlineDays": CodeOutOfRange}, 0},
		{"deadline 91", IntegrationInput{Description: "K", Environment: EnvSandbox, Token: "t", DeadlineDays: "91"}, map[string]string{"deadlineDays": CodeOutOfRange}, 0},
		{"deadline abc", IntegrationInput{Description: "K", Environment: EnvSandbox, Token: "t", DeadlineDays: "abc"}, map[string]string{"deadlineDays": CodeNotANumber}, 0},
		{"deadline 90 is allowed", IntegrationInput{Description: "K", Environment: EnvSandbox, Token: "t", DeadlineDays: "90"}, map[string]string{}, 90},
		{"unknown environment", IntegrationInput{Description: "K", Environment: "staging", Token: "t"}, map[string]string{"environment": CodeEnvironmentInvalid}, 0},
		{"every problem at once", IntegrationInput{Environment: "x", DeadlineDays: "-1"}, map[string]string{
			"description": CodeRequired, "environment": CodeEnvironmentInvalid, "token": CodeRequired, "deadlineDays": CodeOutOfRange,
		}, 0},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, err := ValidateIntegration(tc.in)
			f := fields(err)
			if len(f) != len(tc.want) {
				t.Fatalf("problems = %v, want %v", f, tc.want)
			}
			for k, v := range tc.want {
				if f[k] != v {
					t.Fatalf("problems = %v, want %v", f, tc.want)
				}
			}
			if err == nil && got.DeadlineDays != tc.days {
				t.Fatalf("DeadlineDays = %d, want %d", got.DeadlineDays, tc.days)
			}
		})
	}
}

func TestNormalizedDescriptionCollapsesSpaces(t *testing.T) {
	got, err := ValidateIntegration(IntegrationInput{Description: "  Chave   Clicksign ", Environment: EnvSandbox, Token: "x"})
	if err != nil || got.Description != "Chave Clicksign" {
		t.Fatalf("got %q, %v", got.Description, err)
	}
}

func TestEffectiveDeadline(t *testing.T) {
	if (Integration{}).EffectiveDeadlineDays() != 15 || (Integration{DeadlineDays: 40}).EffectiveDeadlineDays() != 40 {
		t.Fatal("an empty deadline must mean 15 days")
	}
}

func TestLast4(t *testing.T) {
	if Last4("abcdef123456") != "3456" || Last4("ab") != "ab" {
		t.Fatal("Last4")
	}
}
