package jivochat

import (
	"errors"
	"os"
	"path/filepath"
	"testing"

	"selo/backend/crm"
)

func readRef(t testing.TB, name string) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", "reference", name+".json"))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func TestDecodeReferenceExamples(t *testing.T) {
	t.Run("chat_accepted", func(t *testing.T) {
		ev := mustDecode(t, readRef(t, "chat_accepted"))
		e, ok := ev.(*ChatAccepted)
		if !ok {
			t.Fatalf("type %T", ev)
		}
		if e.EventName != EventChatAccepted || e.WidgetID != "aB3xQ9" || e.ChatID != "88123" || e.UserToken != "" {
			t.Errorf("envelope %+v", e.Envelope)
		}
		if e.Visitor.Number != "5021" || e.Visitor.Email != "maria@exemplo.com.br" || e.Visitor.ChatsCount != 1 {
			t.Errorf("visitor %+v", e.Visitor)
		}
		if e.Agent == nil || e.Agent.ID != "401" || e.Agent.Name != "Carlos Lima" {
			t.Errorf("agent %+v", e.Agent)
		}
		if e.Session.GeoIP.Latitude != "-22.90" || e.Session.UTMJSON.Campaign != "lancamento" ||
			e.Session.UTM != "source=google|medium=cpc|campaign=lancamento" {
			t.Errorf("session %+v", e.Session)
		}
		if e.Department.ID != "12" || e.Topic.TopicID != "2" || e.Page.Title != "Residencial Jardins" {
			t.Errorf("department/topic/page %+v %+v %+v", e.Department, e.Topic, e.Page)
		}
		if e.Organization != nil || e.Status != nil || e.AssignedAgent != nil || e.Tags == nil || len(e.Tags) != 0 {
			t.Errorf("nullable fields: %+v %+v %+v %#v", e.Organization, e.Status, e.AssignedAgent, e.Tags)
		}
		if len(e.Warnings) != 0 {
			t.Errorf("warnings %v", e.Warnings)
		}
	})
	t.Run("chat_finished", func(t *testing.T) {
		e, ok := mustDecode(t, readRef(t, "chat_finished")).(*ChatFinished)
		if !ok {
			t.Fatal("type")
		}
		if e.UserToken != "crm-lead-7731" || len(e.Agents) != 1 || e.Agents[0].ID != "401" {
			t.Errorf("%+v", e)
		}
		if len(e.Chat.Messages) != 2 || e.Chat.Messages[1].AgentID != "401" || e.Chat.Messages[1].Timestamp != 1717000042 ||
			e.Chat.Messages[0].Type != "visitor" || e.Chat.Invitation != "Posso ajudar?" || e.Chat.Rate != "" || e.Chat.Blacklisted {
			t.Errorf("chat %+v", e.Chat)
		}
		if string(e.Analytics) != "null" {
			t.Errorf("analytics %q", e.Analytics)
		}
	})
	t.Run("offline_message", func(t *testing.T) {
		e, ok := mustDecode(t, readRef(t, "offline_message")).(*OfflineMessage)
		if !ok {
			t.Fatal("type")
		}
		if e.OfflineMessageID != "1717000500123" || e.Message != "Quero visitar o decorado no sábado." {
			t.Errorf("%+v", e)
		}
	})
	t.Run("client_updated", func(t *testing.T) {
		e, ok := mustDecode(t, readRef(t, "client_updated")).(*ClientUpdated)
		if !ok {
			t.Fatal("type")
		}
		if e.ClientID != "1217" || e.Visitor.Number != "5021" || e.AssignedAgent.ID != "3" ||
			e.Organization.Name != "Construtora X" || e.Status.Title != "contact_later" || e.Tags[0].Title != "Alto padrão" {
			t.Errorf("%+v", e)
		}
	})
	t.Run("call_event", func(t *testing.T) {
		e, ok := mustDecode(t, readRef(t, "call_event")).(*CallEvent)
		if !ok {
			t.Fatal("type")
		}
		if e.Call.Type != "callback" || e.Call.Status != "end" || e.Call.RecordURL == "" || e.Agent.Name != "Carlos Lima" {
			t.Errorf("%+v", e.Call)
		}
	})
	for _, name := range []string{"chat_updated", "client_attribute_updated", "chat_assigned"} {
		t.Run(name, func(t *testing.T) {
			ev := mustDecode(t, readRef(t, name))
			if ev.Base().EventName != name {
				t.Errorf("name %q", ev.Base().EventName)
			}
			if _, generic := ev.(*Generic); generic == (name == "chat_updated") {
				t.Errorf("%s decoded as %T", name, ev)
			}
		})
	}
}

func mustDecode(t *testing.T, b []byte) Event {
	t.Helper()
	ev, err := Decode(b)
	if err != nil {
		t.Fatalf("Decode: %v", err)
	}
	if string(ev.Base().Raw) != string(b) {
		t.Fatal("raw body not kept verbatim")
	}
	return ev
}

func TestDecodeLenientTypes(t *testing.T) {
	body := []byte(`{"event_name":"chat_finished","chat_id":"88123","unknown_field":{"x":[1,2]},
		"visitor":{"name":123,"number":5021,"chats_count":"3","email":null},
		"agents":[{"id":401,"name":"Ana"}],
		"session":{"geoip":{"latitude":-22.9,"longitude":"-47.06"},"utm":null},
		"page":"not an object",
		"chat":{"messages":[{"timestamp":"1717000000","type":"visitor","message":"oi"},
		                    {"timestamp":1.717000042e9,"type":"agent","agent_id":"401","message":"olá"}],
		        "blacklisted":1}}`)
	ev, err := Decode(body)
	if err != nil {
		t.Fatal(err)
	}
	e := ev.(*ChatFinished)
	if e.ChatID != "88123" || e.Visitor.Name != "123" || e.Visitor.Number != "5021" || e.Visitor.ChatsCount != 3 {
		t.Errorf("visitor %+v chat %q", e.Visitor, e.ChatID)
	}
	if e.Agents[0].ID != "401" || e.Session.GeoIP.Latitude != "-22.9" {
		t.Errorf("agents %+v geo %+v", e.Agents, e.Session.GeoIP)
	}
	if e.Chat.Messages[0].Timestamp != 1717000000 || e.Chat.Messages[1].Timestamp != 1717000042 || !bool(e.Chat.Blacklisted) {
		t.Errorf("chat %+v", e.Chat)
	}
	if (e.Page != nil && e.Page.URL != "") || len(e.Warnings) != 1 {
		t.Errorf("page %+v warnings %v", e.Page, e.Warnings)
	}
}

func TestDecodeRefuses(t *testing.T) {
	cases := []struct {
		name, body, code string
	}{
		{"empty", ``, CodeMalformed},
		{"blank", "  \n", CodeMalformed},
		{"null", `null`, CodeMalformed},
		{"array", `[{"event_name":"chat_finished"}]`, CodeMalformed},
		{"string", `"chat_finished"`, CodeMalformed},
		{"truncated", `{"event_name":"chat_finished","visitor":{`, CodeMalformed},
		{"trailing garbage", `{"event_name":"chat_finished"} {}`, CodeMalformed},
		{"form encoded", `event_name=chat_finished&chat_id=1`, CodeMalformed},
		{"no event_name", `{"chat_id":1}`, CodeEventNameMissing},
		{"event_name null", `{"event_name":null}`, CodeEventNameMissing},
		{"event_name number", `{"event_name":7}`, CodeEventNameMissing},
		{"event_name empty", `{"event_name":"  "}`, CodeEventNameMissing},
		{"event_name case", `{"Event_Name":"chat_finished"}`, CodeEventNameMissing},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			ev, err := Decode([]byte(c.body))
			if err == nil {
				t.Fatalf("accepted: %+v", ev)
			}
			if !errors.Is(err, &crm.Error{Code: c.code}) {
				t.Errorf("error %v, want code %s", err, c.code)
			}
		})
	}
}

func TestDecodeUnknownEventIsGeneric(t *testing.T) {
	ev, err := Decode([]byte(`{"event_name":"crm_deal","event_type":"created_deal","deal_id":9}`))
	if err != nil {
		t.Fatal(err)
	}
	if _, ok := ev.(*Generic); !ok || ev.Base().EventName != "crm_deal" {
		t.Fatalf("%T %+v", ev, ev.Base())
	}
}
