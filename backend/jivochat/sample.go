package jivochat

import (
	"encoding/json"
	"time"
)

// SampleChatFinished returns a realistic chat_finished body: a visitor from
// an Instagram campaign asking about a two-bedroom unit, answered by an
// agent. The app's "Enviar evento de teste" button posts it through the real
// listener, so the chat id comes from now (each press is a new chat) while
// the visitor stays the same (presses update one sample lead instead of
// filling the list).
func SampleChatFinished(now time.Time) []byte {
	now = now.UTC()
	start := now.Add(-9 * time.Minute).Unix()
	msg := func(offset int64, typ string, agentID any, text string) map[string]any {
		m := map[string]any{"timestamp": start + offset, "type": typ, "message": text}
		if agentID != nil {
			m["agent_id"] = agentID
		}
		return m
	}
	body := map[string]any{
		"event_name": EventChatFinished,
		"widget_id":  "sElOdEmO1",
		"user_token": nil,
		"chat_id":    now.Unix(),
		"visitor": map[string]any{
			"name":        "Mariana Albuquerque",
			"email":       "Mariana.Albuquerque@exemplo.com.br",
			"phone":       "+55 (11) 98765-4321",
			"description": "",
			"number":      "90417",
			"chats_count": 1,
		},
		"organization":   nil,
		"status":         nil,
		"assigned_agent": nil,
		"tags":           []any{},
		"topic":          map[string]any{"topic_id": 2, "title": "Venda", "parent_id": 0},
		"department":     map[string]any{"id": 12, "name": "Vendas"},
		"session": map[string]any{
			"geoip": map[string]any{"region_code": "SP", "country": "Brazil", "country_code": "BR",
				"region": "Sao Paulo", "city": "São Paulo", "latitude": "-23.55", "longitude": "-46.63",
				"organization": "Claro"},
			"utm": "source=instagram|medium=social|campaign=lancamento-vila-jardim",
			"utm_json": map[string]any{"source": "instagram", "medium": "social",
				"campaign": "lancamento-vila-jardim"},
			"ip_addr":    "177.32.10.4",
			"user_agent": "Mozilla/5.0 (Linux; Android 14) AppleWebKit/537.36 Chrome/126.0 Mobile Safari/537.36",
		},
		"page": map[string]any{"url": "https://imobiliaria.exemplo/empreendimentos/vila-jardim",
			"title": "Residencial Vila Jardim — 2 e 3 dormitórios"},
		"analytics": map[string]any{},
		"agents": []any{map[string]any{"id": "401", "name": "Rafael Menezes",
			"email": "rafael@imobiliaria.exemplo", "phone": ""}},
		"chat": map[string]any{
			"messages": []any{
				msg(0, "visitor", nil, "Boa tarde! Ainda tem apartamento de 2 dormitórios no Vila Jardim?"),
				msg(35, "agent", 401, "Boa tarde, Mariana! Temos sim, unidades de 52 m² a partir do 5º andar."),
				msg(80, "visitor", nil, "Dá pra usar o FGTS na entrada? E o financiamento é pela Caixa?"),
				msg(130, "agent", 401, "Dá sim. Trabalhamos com Caixa e Itaú; posso fazer uma simulação para você."),
				msg(190, "visitor", nil, "Pode ser. Consigo visitar o decorado no sábado de manhã?"),
				msg(240, "agent", 401, "Sábado às 10h está livre. Te ligo amanhã para confirmar, pode ser?"),
				msg(275, "visitor", nil, "Perfeito, obrigada!"),
			},
			"invitation":  "Olá! Posso ajudar a encontrar seu novo apartamento?",
			"rate":        "positive",
			"blacklisted": false,
		},
		"plain_messages": "",
		"html_messages":  "",
	}
	b, err := json.Marshal(body)
	if err != nil {
		panic(err) // static data: cannot fail
	}
	return b
}
