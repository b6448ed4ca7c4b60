package crm

import (
	"bytes"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// The vectors file is rewritten with: go test ./backend/crm -run TestChannelRuleVectorsFile -update
// The flag is registered only if no other test file of the package did it
// first, so two files wanting "-update" do not panic the test binary.
func init() {
	if flag.Lookup("update") == nil {
		flag.Bool("update", false, "rewrite golden files under testdata")
	}
}

func updateGolden() bool {
	f := flag.Lookup("update")
	return f != nil && f.Value.String() == "true"
}

const channelVectorsFile = "testdata/channel_rules.json"

// channelVectorsDoc is the file's shape: the vectors plus how to regenerate
// them, for whoever opens it from the frontend side.
type channelVectorsDoc struct {
	Source  string          `json:"source"`
	Vectors []ChannelVector `json:"vectors"`
}

func channelVectorsJSON(t *testing.T) []byte {
	t.Helper()
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	doc := channelVectorsDoc{
		Source:  "crm.ChannelRuleVectors(); regenerate with: go test ./backend/crm -run TestChannelRuleVectorsFile -update",
		Vectors: ChannelRuleVectors(),
	}
	if err := enc.Encode(doc); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func TestChannelRuleVectorsFile(t *testing.T) {
	want := channelVectorsJSON(t)
	if updateGolden() {
		if err := os.MkdirAll(filepath.Dir(channelVectorsFile), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(channelVectorsFile, want, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	got, err := os.ReadFile(channelVectorsFile)
	if err != nil {
		t.Fatalf("%v (run: go test ./backend/crm -run TestChannelRuleVectorsFile -update)", err)
	}
	if !bytes.Equal(got, want) {
		t.Fatalf("%s differs from ChannelRuleVectors(); run: go test ./backend/crm -run TestChannelRuleVectorsFile -update", channelVectorsFile)
	}
}

func TestApplyChannelChange(t *testing.T) {
	for _, v := range ChannelRuleVectors() {
		t.Run(v.Name, func(t *testing.T) {
			rule := NewSignerRule(SignerWitness)
			rule.FixedPerson = FixedPerson{Name: "Ana Lima", Email: "ana@exemplo.com.br"}
			rule.SendOrder, rule.Evidence = 3, EvidenceSelfie
			rule = rule.WithChannels(v.Start)
			got := ApplyChannelChange(rule, v.Field, v.Value)
			if got.Channels() != v.Want {
				t.Fatalf("%s=%s on %+v: got %+v, want %+v", v.Field, v.Value, v.Start, got.Channels(), v.Want)
			}
			// Only the channels may change.
			if got.WithChannels(rule.Channels()) != rule {
				t.Fatalf("non-channel fields changed: %+v -> %+v", rule, got)
			}
		})
	}
}

func TestChannelRuleVectorsShape(t *testing.T) {
	vs := ChannelRuleVectors()
	seen := map[string]bool{}
	for _, rule := range []string{ruleA, ruleB, ruleC, ruleE, ruleX} {
		found := false
		for _, v := range vs {
			found = found || strings.Contains(v.Name, rule)
		}
		if !found {
			t.Errorf("no vector quotes rule %q", rule)
		}
	}
	var prev *ChannelVector
	for i := range vs {
		v := vs[i]
		if seen[v.Name] {
			t.Errorf("duplicate vector name %q", v.Name)
		}
		seen[v.Name] = true
		// Consecutive chain steps must start where the previous one ended.
		if prev != nil && strings.HasPrefix(v.Name, "chain") && !strings.Contains(v.Name, "step 1 ") && prev.Want != v.Start {
			t.Errorf("%q does not start where %q ended", v.Name, prev.Name)
		}
		prev = &vs[i]
	}
}

// TestChannelRulesApplyOnce walks a whole line of the screen: each change
// applies its rule once, and the rule's own changes do not trigger others
// (rule a sets Autenticação without rule c resetting Notificação).
func TestChannelRulesApplyOnce(t *testing.T) {
	r := NewSignerRule(SignerHolder)
	r.Reminder = ChannelWhatsApp
	r = ApplyChannelChange(r, FieldDelivery, ChannelWhatsApp)
	if want := (ChannelSet{ChannelWhatsApp, ChannelWhatsApp, ChannelWhatsApp}); r.Channels() != want {
		t.Fatalf("got %+v, want %+v: rule a must not cascade into rule c", r.Channels(), want)
	}
}
