package sqlstore

import (
	"context"
	"errors"
	"fmt"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"

	"selo/backend/crm"
	"selo/backend/privacy"
)

// The LGPD store suite, on SQLite and (SELO_TEST_POSTGRES) PostgreSQL.
//
// Paula Pessoa is the person who asks; everyone else (Quintino, Rita, a
// witness, another visitor) must come out exactly as they went in.
const (
	paulaCPF   = "529.982.247-25"
	paulaEmail = "paula.pessoa@example.com"
	paulaPhone = "11987654321"
	otherCPF   = "111.444.777-35"
)

// personalTables maps every table holding personal data to the place kind
// that finds (and anonymises) it; exemptTables says why the others hold
// none. TestPrivacyEveryTableIsAccountedFor fails when a migration adds a
// table that is in neither, so a new home of personal data cannot be
// forgotten by search, export and anonymisation.
var personalTables = map[string]privacy.PlaceKind{
	"reservations":           privacy.PlaceHolder,
	"reservation_people":     privacy.PlaceHolder,
	"reservation_contracts":  privacy.PlaceContract,
	"files":                  privacy.PlaceContract, // office mode: the contract PDFs' bytes
	"send_operation_signers": privacy.PlaceSend,
	"send_operation_files":   privacy.PlaceSend,
	"send_operations":        privacy.PlaceSendError, // error_data names the signers a failed send lacked data of
	"envelope_signers":       privacy.PlaceEnvelopeSigner,
	"envelope_events":        privacy.PlaceEnvelopeSigner, // a refusal's reason, typed by the signer
	"signer_rules":           privacy.PlaceSignerRule,
	"leads":                  privacy.PlaceLead,
	"lead_messages":          privacy.PlaceTranscript,
	"jivochat_events":        privacy.PlaceChatEvent,
	"admin_users":            privacy.PlaceUser,
}

var exemptTables = map[string]string{
	"schema_migrations":            "bookkeeping",
	"settings":                     "office settings (addresses, folders), no person",
	"integrations":                 "e-signature keys, no person",
	"developments":                 "developments",
	"stages":                       "structure",
	"blocks":                       "structure",
	"units":                        "structure",
	"contract_templates":           "blank templates",
	"development_contracts":        "template associations",
	"development_contract_scope":   "template scopes",
	"admin_tokens":                 "token hashes of users (their user row is PlaceUser)",
	"send_operation_contracts":     "ids",
	"envelopes":                    "named like send_operations; the signed PDF is a signed contract, kept",
	"sample_records":               "ids of sample rows",
	"clicksign_webhooks":           "webhook settings",
	"clicksign_webhook_deliveries": "body hashes and remote ids, no body",
	"office_server":                "the server's host",
	"privacy_log":                  "masked keys and counts only",
}

func tableNames(t *testing.T, db *DB) []string {
	t.Helper()
	q := `SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name`
	if db.Engine() == Postgres {
		q = `SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE' ORDER BY table_name`
	}
	names, err := queryStrings(context.Background(), db, q)
	if err != nil {
		t.Fatal(err)
	}
	return names
}

func TestPrivacyEveryTableIsAccountedFor(t *testing.T) {
	db, _ := openTestDB(t)
	for _, tb := range tableNames(t, db) {
		_, personal := personalTables[tb]
		_, exempt := exemptTables[tb]
		if personal == exempt {
			t.Errorf("table %s: add it to personalTables (and to privacy's search) or to exemptTables with the reason", tb)
		}
	}
}

// world is the seeded office: Paula in every table that can hold her, and
// others around her.
type world struct {
	// rows Paula's anonymisation must change (table|col1|col2) and rows it
	// must keep untouched although they are about her.
	change, keep []string
}

func mustExec(t *testing.T, db *DB, q string, args ...any) {
	t.Helper()
	if _, err := db.Exec(q, args...); err != nil {
		t.Fatalf("%s: %v", strings.SplitN(strings.TrimSpace(q), "(", 2)[0], err)
	}
}

func signerJSON(key, name, email, phone, cpf string) string {
	return fmt.Sprintf(`{"key":%q,"signerType":"holder","name":%q,"email":%q,"phone":%q,"cpf":%q,"types":["holder"]}`,
		key, name, email, phone, cpf)
}

const pts = "2026-01-10T12:00:00.000000000Z"

var shaA, shaB, shaC, shaD = strings.Repeat("a", 64), strings.Repeat("b", 64), strings.Repeat("c", 64), strings.Repeat("d", 64)

// seedWorld fills the database. Reservation 1: Paula is the titular,
// Quintino her spouse, an unsigned contract, a failed send (with its
// merged PDF) and a refused envelope. Reservation 2: Rita's, Paula a
// co-buyer, a signed contract and a finished envelope: kept. Reservation
// 3: Rita's alone. Leads: Paula's (e-mail), a visitor who typed Paula's
// CPF, and someone else's. Paula is also a fixed witness and a user.
func seedWorld(t *testing.T, db *DB) world {
	t.Helper()
	paulaKey := "cpf:52998224725"
	mustExec(t, db, `INSERT INTO integrations (id, description, environment, created_at, updated_at) VALUES (1, 'Chave', 'simulator', ?, ?)`, pts, pts)
	mustExec(t, db, `INSERT INTO developments (id, name, created_at, updated_at) VALUES (1, 'Ipê', ?, ?)`, pts, pts)
	mustExec(t, db, `INSERT INTO stages (id, development_id, name) VALUES (1, 1, 'Etapa 1')`)
	mustExec(t, db, `INSERT INTO blocks (id, stage_id, name) VALUES (1, 1, 'A')`)
	for u := 1; u <= 3; u++ {
		mustExec(t, db, `INSERT INTO units (id, block_id, number, status) VALUES (?, 1, ?, 'reserved')`, u, fmt.Sprint(100+u))
	}
	mustExec(t, db, `INSERT INTO admin_users (id, name, email, role, created_at, updated_at) VALUES (1, 'Carlos Corretor', 'carlos@example.com', 'corretor', ?, ?)`, pts, pts)
	mustExec(t, db, `INSERT INTO admin_users (id, name, email, role, created_at, updated_at) VALUES (2, 'Paula Pessoa', ?, 'gestor', ?, ?)`, paulaEmail, pts, pts)
	mustExec(t, db, `INSERT INTO contract_templates (id, name, sha256, size_bytes, pages, created_at, updated_at) VALUES (1, 'Promessa', ?, 10, 1, ?, ?)`, shaC, pts, pts)
	mustExec(t, db, `INSERT INTO development_contracts (id, development_id, template_id, position, created_at, updated_at) VALUES (1, 1, 1, 0, ?, ?)`, pts, pts)
	rule := `INSERT INTO signer_rules (id, association_id, position, send_order, signer_type, name, email, phone, cpf, evidence,
		signature_kind, delivery, reminder, auth) VALUES (?, 1, ?, 1, 'witness', ?, ?, ?, ?, 'none', 'signature', 'email', 'email', 'email')`
	mustExec(t, db, rule, 1, 0, "Paula Pessoa", paulaEmail, "(11) 98765-4321", paulaCPF)
	mustExec(t, db, rule, 2, 1, "Teodoro Testemunha", "teo@example.com", "(21) 98888-7777", otherCPF)

	res := `INSERT INTO reservations (id, unit_id, development_id, broker_id, price_cents, status, holder_name, holder_cpf,
		search_text, created_at, updated_at) VALUES (?, ?, 1, 1, 100, 'in_review', ?, ?, ?, ?, ?)`
	mustExec(t, db, res, 1, 1, "Paula Pessoa", paulaCPF, "paula pessoa 52998224725", pts, pts)
	mustExec(t, db, res, 2, 2, "Rita Reis", otherCPF, "rita reis 11144477735", pts, pts)
	mustExec(t, db, res, 3, 3, "Rita Reis", otherCPF, "rita reis 11144477735", pts, pts)
	people := `INSERT INTO reservation_people (id, reservation_id, role, position, name, cpf, email, phone1, phone2, birth_date, address)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`
	mustExec(t, db, people, 1, 1, "holder", 0, "Paula Pessoa", paulaCPF, paulaEmail, paulaPhone, "", "1990-05-01", "Rua A, 1")
	mustExec(t, db, people, 2, 1, "spouse", 1, "Quintino Pessoa", "", "quintino@example.com", "21988887777", "", "", "")
	mustExec(t, db, people, 3, 2, "holder", 0, "Rita Reis", otherCPF, "rita@example.com", "31988887777", "", "", "Rua B, 2")
	mustExec(t, db, people, 4, 2, "cobuyer", 1, "Paula Pessoa", paulaCPF, paulaEmail, paulaPhone, "", "", "")
	mustExec(t, db, people, 5, 3, "holder", 0, "Rita Reis", otherCPF, "rita@example.com", "31988887777", "", "", "Rua B, 2")
	contract := `INSERT INTO reservation_contracts (id, reservation_id, kind, name, pages, size_bytes, sha256, position, signed_at, created_at)
		VALUES (?, ?, 'generated', 'Promessa', 1, 10, ?, 0, ?, ?)`
	mustExec(t, db, contract, 1, 1, shaA, "", pts)
	mustExec(t, db, contract, 2, 2, shaB, pts, pts)
	mustExec(t, db, contract, 3, 3, shaC, "", pts)
	// A PDF attached from outside to Paula's reservation: Selo cannot make
	// it again, so it is kept for the office to review.
	mustExec(t, db, `INSERT INTO reservation_contracts (id, reservation_id, kind, name, pages, size_bytes, sha256, position, signed_at, created_at)
		VALUES (4, 1, 'attached', 'Proposta assinada à mão', 1, 10, ?, 1, '', ?)`, shaD, pts)

	for _, sha := range []string{shaA, shaB, shaC, shaD} {
		mustExec(t, db, `INSERT INTO files (kind, name, size, data, created_at) VALUES ('contracts', ?, 3, ?, ?)`, sha, []byte("PDF"), pts)
	}
	op := `INSERT INTO send_operations (id, op_key, active, reservation_id, integration_id, name, status, step, created_at, updated_at)
		VALUES (?, ?, ?, ?, 1, ?, ?, ?, ?, ?)`
	mustExec(t, db, op, 1, "r1:c1", 0, 1, "Reserva 1 · Ipê · A 101", "sent", "notified", pts, pts)
	mustExec(t, db, op, 2, "r1:c1b", 1, 1, "Reserva 1 · Ipê · A 101", "failed", "merged", pts, pts)
	mustExec(t, db, op, 3, "r2:c2", 1, 2, "Reserva 2 · Ipê · A 102", "sent", "notified", pts, pts)
	// A send refused by validation before any signer was saved: only its
	// error data names her.
	mustExec(t, db, op, 4, "r1:c1c", 1, 1, "Reserva 1 · Ipê · A 101", "failed", "new", pts, pts)
	problems := `{"problems":[{"code":"crm.signer_email_required","field":"signers[0].email","data":{"name":"Paula Pessoa"}}]}`
	mustExec(t, db, `UPDATE send_operations SET error_code = 'validation', error_data = ? WHERE id IN (2, 4)`, problems)
	sos := `INSERT INTO send_operation_signers (operation_id, position, person_key, signer, signer_id) VALUES (?, ?, ?, ?, ?)`
	for _, o := range []int{1, 2} {
		mustExec(t, db, sos, o, 0, paulaKey, signerJSON(paulaKey, "Paula Pessoa", paulaEmail, "(11) 98765-4321", paulaCPF), fmt.Sprintf("s%d0", o))
		mustExec(t, db, sos, o, 1, "email:quintino@example.com", signerJSON("email:quintino@example.com", "Quintino Pessoa", "quintino@example.com", "", ""), fmt.Sprintf("s%d1", o))
	}
	mustExec(t, db, sos, 3, 0, "cpf:11144477735", signerJSON("cpf:11144477735", "Rita Reis", "rita@example.com", "", otherCPF), "s30")
	mustExec(t, db, sos, 3, 1, paulaKey, signerJSON(paulaKey, "Paula Pessoa", paulaEmail, "(11) 98765-4321", paulaCPF), "s31")
	mustExec(t, db, `INSERT INTO send_operation_files (operation_id, pdf) VALUES (2, ?)`, []byte("%PDF Paula Pessoa"))
	env := `INSERT INTO envelopes (id, operation_id, integration_id, reservation_id, document_id, name, status, deadline_at, created_at, updated_at, state)
		VALUES (?, ?, 1, ?, ?, ?, 'closed', ?, ?, ?, ?)`
	mustExec(t, db, env, "env-1", 1, 1, "doc-1", "Reserva 1 · Ipê · A 101", pts, pts, pts, "recusado")
	mustExec(t, db, env, "env-3", 3, 2, "doc-3", "Reserva 2 · Ipê · A 102", pts, pts, pts, "finalizado")
	es := `INSERT INTO envelope_signers (envelope_id, signer_id, position, person_key, name, email, group_no, state, updated_at, reason)
		VALUES (?, ?, ?, ?, ?, ?, 1, ?, ?, ?)`
	mustExec(t, db, es, "env-1", "s10", 0, paulaKey, "Paula Pessoa", paulaEmail, "refused", pts, "Não concordo com a cláusula 3")
	mustExec(t, db, es, "env-1", "s11", 1, "email:quintino@example.com", "Quintino Pessoa", "quintino@example.com", "pending", pts, "")
	mustExec(t, db, es, "env-3", "s30", 0, "cpf:11144477735", "Rita Reis", "rita@example.com", "signed", pts, "")
	mustExec(t, db, es, "env-3", "s31", 1, paulaKey, "Paula Pessoa", paulaEmail, "signed", pts, "")
	ev := `INSERT INTO envelope_events (envelope_id, event_id, name, signer_id, reason, at) VALUES (?, ?, ?, ?, ?, ?)`
	mustExec(t, db, ev, "env-1", "e1", "refuse", "s10", "Não concordo com a cláusula 3", pts)
	mustExec(t, db, ev, "env-1", "e2", "sign", "s11", "", pts)
	mustExec(t, db, ev, "env-3", "e3", "sign", "s31", "", pts)

	lead := `INSERT INTO leads (id, stage, name, email, phone, visitor_id, geo_city, search_text, created_at, updated_at, last_event_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`
	mustExec(t, db, lead, "lead-paula", "in_progress", "Paula", paulaEmail, "+55"+paulaPhone, "v1", "Campinas", "paula", pts, pts, pts)
	mustExec(t, db, lead, "lead-cpf", "new", "Visitante", "", "", "v2", "", "", pts, pts, pts)
	mustExec(t, db, lead, "lead-other", "new", "Outra Pessoa", "outra@example.com", "+5521977776666", "v3", "Rio", "outra", pts, pts, pts)
	msg := `INSERT INTO lead_messages (id, lead_id, key, at, author, text) VALUES (?, ?, ?, ?, ?, ?)`
	mustExec(t, db, msg, 1, "lead-paula", "k1", pts, "visitor", "Oi, sou a Paula, meu e-mail é "+paulaEmail)
	mustExec(t, db, msg, 2, "lead-paula", "k2", pts, "agent", "Olá Paula!")
	// Typed with spaces, not the stored punctuation.
	mustExec(t, db, msg, 3, "lead-cpf", "k3", pts, "visitor", "Apto 101? Meu CPF é 529 982 247 25.")
	mustExec(t, db, msg, 4, "lead-other", "k4", pts, "visitor", "Quero saber do apartamento")
	mustExec(t, db, msg, 5, "lead-cpf", "k5", pts, "visitor", "Meu nome é Vera")
	// An agent typing her CPF in a stranger's chat says nothing about who
	// that visitor is.
	mustExec(t, db, msg, 6, "lead-other", "k6", pts, "agent", "O CPF "+paulaCPF+" é seu?")
	// A visitor giving her phone, punctuated their way.
	mustExec(t, db, msg, 7, "lead-other", "k7", pts, "visitor", "liga pra minha amiga: 11 9 8765.4321")
	jev := `INSERT INTO jivochat_events (id, key, event_name, received_at, lead_id, outcome, body) VALUES (?, ?, 'chat_finished', ?, ?, 'applied', ?)`
	mustExec(t, db, jev, 1, "chat:1", pts, "lead-paula", []byte(`{"visitor":{"name":"Paula","email":"`+paulaEmail+`"}}`))
	mustExec(t, db, jev, 2, "chat:2", pts, "lead-other", []byte(`{"visitor":{"name":"Outra Pessoa"}}`))
	// A delivery that reached no lead (a chat without contact) but where she
	// wrote her e-mail, and one of a stranger.
	mustExec(t, db, `INSERT INTO jivochat_events (id, key, event_name, received_at, lead_id, outcome, body) VALUES (?, ?, 'chat_finished', ?, NULL, 'skipped_no_contact', ?)`,
		3, "chat:3", pts, []byte(`{"messages":[{"message":"meu email é `+paulaEmail+` ok"}]}`))
	mustExec(t, db, `INSERT INTO jivochat_events (id, key, event_name, received_at, lead_id, outcome, body) VALUES (?, ?, 'chat_finished', ?, NULL, 'skipped_no_contact', ?)`,
		4, "chat:4", pts, []byte(`{"messages":[{"message":"olá, São Paulo"}]}`))
	return world{
		change: []string{
			"reservations|1", "reservation_people|1", "reservation_contracts|1", "files|contracts|" + shaA,
			"send_operation_signers|1|0", "send_operation_signers|2|0", "send_operation_files|2", "send_operations|2",
			"envelope_signers|env-1|s10", "envelope_events|env-1|e1",
			"leads|lead-paula", "lead_messages|1", "lead_messages|2", "jivochat_events|1", "jivochat_events|3", "privacy_log|*",
			"lead_messages|3", "lead_messages|7", "send_operations|4",
		},
		keep: []string{
			"reservations|2", "reservation_people|4", "reservation_contracts|2", "send_operation_signers|3|1", "files|contracts|" + shaB,
			"envelope_signers|env-3|s31", "signer_rules|1", "admin_users|2", "reservation_contracts|4", "files|contracts|" + shaD,
			"lead_messages|6", // the agent's line: see seedWorld
		},
	}
}

// snapshot reads every table as "table|col1|col2" -> the whole row.
func dbSnapshot(t *testing.T, db *DB) map[string]string {
	t.Helper()
	out := map[string]string{}
	for _, tb := range tableNames(t, db) {
		rows, err := db.Query(`SELECT * FROM ` + tb)
		if err != nil {
			t.Fatal(err)
		}
		cols, _ := rows.Columns()
		for rows.Next() {
			vals := make([]any, len(cols))
			ptrs := make([]any, len(cols))
			for i := range vals {
				ptrs[i] = &vals[i]
			}
			if err := rows.Scan(ptrs...); err != nil {
				t.Fatal(err)
			}
			parts := make([]string, len(vals))
			for i, v := range vals {
				if b, ok := v.([]byte); ok {
					v = string(b)
				}
				parts[i] = fmt.Sprint(v)
			}
			key := tb + "|" + parts[0]
			if len(parts) > 1 && (tb == "send_operation_signers" || tb == "envelope_signers" || tb == "envelope_events" ||
				tb == "files" || tb == "send_operation_contracts") {
				key += "|" + parts[1]
			}
			out[key] = strings.Join(parts, "¦")
		}
		if err := rows.Err(); err != nil {
			t.Fatal(err)
		}
		rows.Close()
	}
	return out
}

// changed lists the keys whose row differs, appeared or disappeared.
func changed(before, after map[string]string) []string {
	var out []string
	for k, v := range before {
		if after[k] != v {
			out = append(out, k)
		}
	}
	for k := range after {
		if _, ok := before[k]; !ok {
			out = append(out, k)
		}
	}
	sort.Strings(out)
	return out
}

func inSet(set []string, k string) bool {
	for _, s := range set {
		if s == k || (strings.HasSuffix(s, "|*") && strings.HasPrefix(k, strings.TrimSuffix(s, "*"))) {
			return true
		}
	}
	return false
}

func placeTables(ps []privacy.Place) map[string]bool {
	out := map[string]bool{}
	for _, p := range ps {
		out[p.Table+"|"+p.RowID] = true
	}
	return out
}

// TestPrivacyFindListsEveryPlace: searching by e-mail, CPF or phone finds
// Paula in every table that holds her, and nobody else.
func TestPrivacyFindListsEveryPlace(t *testing.T) {
	db, _ := openTestDB(t)
	seedWorld(t, db)
	ctx := context.Background()
	cases := []struct {
		kind privacy.KeyKind
		text string
		want []string
	}{
		{privacy.KeyEmail, " Paula.Pessoa@Example.com ", []string{
			"reservation_people|1", "reservation_people|4", "reservation_contracts|1", "reservation_contracts|2",
			"send_operation_signers|1:0", "send_operation_signers|2:0", "send_operation_signers|3:1",
			"envelope_signers|env-1:s10", "envelope_signers|env-3:s31", "signer_rules|1", "reservation_contracts|4",
			"send_operations|2", "send_operations|4",
			"leads|lead-paula", "lead_messages|lead-paula", "jivochat_events|1", "jivochat_events|3", "admin_users|2"}},
		{privacy.KeyCPF, "52998224725", []string{
			"reservation_people|1", "reservation_people|4", "reservation_contracts|1", "reservation_contracts|2",
			"send_operation_signers|1:0", "send_operation_signers|2:0", "send_operation_signers|3:1",
			"envelope_signers|env-1:s10", "envelope_signers|env-3:s31", "signer_rules|1", "reservation_contracts|4",
			"send_operations|2", "send_operations|4",
			"lead_messages|lead-cpf:3"}},
		{privacy.KeyPhone, "+55 (11) 98765-4321", []string{
			"reservation_people|1", "reservation_people|4", "reservation_contracts|1", "reservation_contracts|2",
			"send_operation_signers|1:0", "send_operation_signers|2:0", "send_operation_signers|3:1",
			"envelope_signers|env-1:s10", "envelope_signers|env-3:s31", "signer_rules|1", "reservation_contracts|4",
			"send_operations|2", "send_operations|4",
			"leads|lead-paula", "lead_messages|lead-paula", "jivochat_events|1", "lead_messages|lead-other:7"}},
	}
	covered := map[string]bool{}
	for _, c := range cases {
		k, err := privacy.ParseKey(c.kind, c.text)
		if err != nil {
			t.Fatal(err)
		}
		ps, err := db.Privacy().Find(ctx, k)
		if err != nil {
			t.Fatalf("%s: %v", c.kind, err)
		}
		got := placeTables(ps)
		for _, w := range c.want {
			if !got[w] {
				t.Errorf("%s: %s not found; got %v", c.kind, w, got)
			}
		}
		if len(got) != len(c.want) {
			t.Errorf("%s: found %d places, want %d: %v", c.kind, len(got), len(c.want), got)
		}
		for _, p := range ps {
			covered[string(p.Kind)] = true
			for _, f := range p.Fields {
				for _, other := range []string{"Rita", "Quintino", "Teodoro", "Outra"} {
					if strings.Contains(f.Value, other) {
						t.Errorf("%s: place %s/%s carries someone else's data: %s", c.kind, p.Table, p.RowID, f.Value)
					}
				}
			}
		}
	}
	// Every table with personal data is reached by some place kind.
	for tb, kind := range personalTables {
		if !covered[string(kind)] {
			t.Errorf("table %s: no search found a %s place", tb, kind)
		}
	}
}

func TestPrivacyAnonymiseChangesOnlyThePerson(t *testing.T) {
	db, _ := openTestDB(t)
	w := seedWorld(t, db)
	ctx := context.Background()
	before := dbSnapshot(t, db)
	k, _ := privacy.ParseKey(privacy.KeyEmail, paulaEmail)
	at := time.Date(2026, 12, 7, 9, 0, 0, 0, time.UTC)
	out, err := db.Privacy().Anonymise(ctx, k, privacy.LogEntry{At: at, UserID: 1, UserName: "Carlos Corretor",
		Action: privacy.LogAnonymise, Subject: k.Masked()})
	if err != nil {
		t.Fatal(err)
	}
	// Her CPF reached one more place (a chat where it was typed): the
	// office anonymises by each key it knows.
	byCPF, _ := privacy.ParseKey(privacy.KeyCPF, paulaCPF)
	if _, err := db.Privacy().Anonymise(ctx, byCPF, privacy.LogEntry{At: at.Add(time.Minute), UserID: 1, UserName: "Carlos Corretor",
		Action: privacy.LogAnonymise, Subject: byCPF.Masked()}); err != nil {
		t.Fatal(err)
	}
	// And her phone, which a friend gave in a stranger's chat.
	byPhone, _ := privacy.ParseKey(privacy.KeyPhone, paulaPhone)
	if _, err := db.Privacy().Anonymise(ctx, byPhone, privacy.LogEntry{At: at.Add(2 * time.Minute), UserID: 1, UserName: "Carlos Corretor",
		Action: privacy.LogAnonymise, Subject: byPhone.Masked()}); err != nil {
		t.Fatal(err)
	}
	after := dbSnapshot(t, db)
	diff := changed(before, after)
	for _, d := range diff {
		if !inSet(w.change, d) {
			t.Errorf("row %s changed but is not Paula's to change:\nbefore %s\nafter  %s", d, before[d], after[d])
		}
	}
	for _, c := range w.change {
		if !inSet(diff, c) && !strings.HasSuffix(c, "*") {
			t.Errorf("row %s (Paula's) was not anonymised: %s", c, after[c])
		}
	}
	for _, k := range w.keep {
		if before[k] != after[k] {
			t.Errorf("row %s belongs to a signed contract or is kept for its reason, but changed", k)
		}
	}
	// Nothing of Paula is left outside what is kept.
	for key, row := range after {
		if inSet(w.keep, key) || strings.HasPrefix(key, "settings|") {
			continue
		}
		for _, s := range []string{paulaEmail, paulaCPF, "52998224725", "529 982 247 25", paulaPhone, "8765.4321", "Paula Pessoa", "cláusula 3"} {
			if strings.Contains(row, s) {
				t.Errorf("row %s still holds %q: %s", key, s, row)
			}
		}
	}
	if out.Deleted != 1 || len(out.Files) != 1 || out.Files[0] != shaA {
		t.Errorf("deleted %d, files %v: want the unsigned contract and its file", out.Deleted, out.Files)
	}
	var reasons []string
	for _, p := range out.Kept {
		reasons = append(reasons, p.Table+"|"+p.RowID+"="+p.Reason)
	}
	sort.Strings(reasons)
	want := []string{"admin_users|2=user", "envelope_signers|env-3:s31=signed_contract", "reservation_contracts|2=signed_contract",
		"reservation_contracts|4=attached_contract",
		"reservation_people|4=signed_contract", "send_operation_signers|3:1=signed_contract", "signer_rules|1=signer_rule"}
	if strings.Join(reasons, " ") != strings.Join(want, " ") {
		t.Errorf("kept %v\nwant %v", reasons, want)
	}
	// Searching again finds only what was kept.
	ps, err := db.Privacy().Find(ctx, k)
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range privacy.Decide(ps) {
		if p.Action != privacy.ActionKeep {
			t.Errorf("after anonymising, %s/%s is still found and would be %s", p.Table, p.RowID, p.Action)
		}
	}
	log, err := db.Privacy().AccessLog(ctx, 10)
	if err != nil || len(log) != 3 || log[2].Subject != "p***@example.com" || log[2].UserName != "Carlos Corretor" ||
		log[2].Counts["kept"] != 7 || !log[2].At.Equal(at) || log[1].Subject != "529.***.***-25" {
		t.Errorf("access log %+v, %v", log, err)
	}
}

// TestPrivacyAnonymiseAllOrNothing fails the transaction after each of its
// writes in turn: every time, the database is exactly as before.
func TestPrivacyAnonymiseAllOrNothing(t *testing.T) {
	db, _ := openTestDB(t)
	seedWorld(t, db)
	ctx := context.Background()
	before := dbSnapshot(t, db)
	k, _ := privacy.ParseKey(privacy.KeyEmail, paulaEmail)
	boom := errors.New("crash")
	writes := 0
	for n := 1; ; n++ {
		st := db.Privacy()
		st.afterWrite = func(i int) error {
			writes = max(writes, i)
			if i == n {
				return boom
			}
			return nil
		}
		_, err := st.Anonymise(ctx, k, privacy.LogEntry{At: time.Now(), Action: privacy.LogAnonymise})
		if err == nil {
			if n < 5 {
				t.Fatalf("only %d writes: the failure was never injected", writes)
			}
			break
		}
		if !errors.Is(err, boom) {
			t.Fatalf("write %d: %v", n, err)
		}
		if d := changed(before, dbSnapshot(t, db)); len(d) > 0 {
			t.Fatalf("failure after write %d left changes: %v", n, d)
		}
	}
	if d := changed(before, dbSnapshot(t, db)); len(d) == 0 {
		t.Fatal("the anonymisation without failure changed nothing")
	}
}

func TestPrivacyRunningEnvelopeBlocks(t *testing.T) {
	db, _ := openTestDB(t)
	seedWorld(t, db)
	mustExec(t, db, `UPDATE envelopes SET state = 'em_andamento' WHERE id = 'env-1'`)
	before := dbSnapshot(t, db)
	k, _ := privacy.ParseKey(privacy.KeyCPF, paulaCPF)
	_, err := db.Privacy().Anonymise(context.Background(), k, privacy.LogEntry{At: time.Now(), Action: privacy.LogAnonymise})
	if e := crm.AsError(err); e.Code != privacy.CodeEnvelopeRunning || !strings.Contains(fmt.Sprint(e.Data["envelopes"]), "Reserva 1") {
		t.Fatalf("got %v, want %s naming the envelope", err, privacy.CodeEnvelopeRunning)
	}
	if d := changed(before, dbSnapshot(t, db)); len(d) > 0 {
		t.Fatalf("a refused anonymisation changed %v", d)
	}
}

func TestPrivacyNothingFound(t *testing.T) {
	db, _ := openTestDB(t)
	k, _ := privacy.ParseKey(privacy.KeyEmail, "ninguem@example.com")
	_, err := db.Privacy().Anonymise(context.Background(), k, privacy.LogEntry{At: time.Now(), Action: privacy.LogAnonymise})
	if crm.AsError(err).Code != privacy.CodeNothingFound {
		t.Fatalf("got %v", err)
	}
}

// seedLeads adds leads of every kind the retention rule tells apart.
func seedRetentionLeads(t *testing.T, db *DB, now time.Time) {
	t.Helper()
	old := dbTime(now.AddDate(0, -13, 0))
	recent := dbTime(now.AddDate(0, -2, 0))
	lead := `INSERT INTO leads (id, stage, name, email, phone, created_at, updated_at, last_event_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`
	mustExec(t, db, lead, "old-new", "new", "Velho", "velho@example.com", "", old, old, old)
	mustExec(t, db, lead, "old-discarded", "discarded", "Descartado", "", "+5511911112222", old, old, "")
	mustExec(t, db, lead, "old-converted", "converted", "Convertido", "conv@example.com", "", old, old, old)
	mustExec(t, db, lead, "old-reserved", "in_progress", "Reservou", "reservou@example.com", "", old, old, old)
	mustExec(t, db, lead, "old-but-active", "new", "Voltou", "voltou@example.com", "", old, old, recent)
	mustExec(t, db, lead, "recent", "new", "Recente", "recente@example.com", "", recent, recent, recent)
	mustExec(t, db, `INSERT INTO lead_messages (lead_id, key, at, author, text) VALUES ('old-new', 'k', ?, 'visitor', 'oi')`, old)
	mustExec(t, db, `INSERT INTO jivochat_events (key, event_name, received_at, lead_id, outcome, body) VALUES ('x', 'chat_finished', ?, 'old-new', 'applied', ?)`,
		old, []byte(`{"visitor":{"email":"velho@example.com"}}`))
	mustExec(t, db, `INSERT INTO integrations (id, description, environment, created_at, updated_at) VALUES (1, 'Chave', 'simulator', ?, ?)`, pts, pts)
	mustExec(t, db, `INSERT INTO developments (id, name, created_at, updated_at) VALUES (1, 'Ipê', ?, ?)`, pts, pts)
	mustExec(t, db, `INSERT INTO stages (id, development_id, name) VALUES (1, 1, 'Etapa 1')`)
	mustExec(t, db, `INSERT INTO blocks (id, stage_id, name) VALUES (1, 1, 'A')`)
	mustExec(t, db, `INSERT INTO units (id, block_id, number) VALUES (1, 1, '101')`)
	mustExec(t, db, `INSERT INTO reservations (id, unit_id, development_id, price_cents, status, holder_name, holder_cpf, search_text, created_at, updated_at)
		VALUES (1, 1, 1, 100, 'in_review', 'Reservou', ?, '', ?, ?)`, paulaCPF, pts, pts)
	mustExec(t, db, `INSERT INTO reservation_people (reservation_id, role, position, name, cpf, email) VALUES (1, 'holder', 0, 'Reservou', ?, 'reservou@example.com')`, paulaCPF)
}

func leadIDs(t *testing.T, db *DB) []string {
	t.Helper()
	ids, err := queryStrings(context.Background(), db, `SELECT id FROM leads ORDER BY id`)
	if err != nil {
		t.Fatal(err)
	}
	return ids
}

func TestPrivacyRetentionRemovesOnlyOldLeadsWithoutReservation(t *testing.T) {
	db, _ := openTestDB(t)
	now := time.Date(2026, 12, 7, 9, 0, 0, 0, time.UTC)
	seedRetentionLeads(t, db, now)
	ctx := context.Background()
	st := db.Privacy()
	// Raw deliveries that reached no lead: an old one goes, a recent one stays.
	orphan := `INSERT INTO jivochat_events (key, event_name, received_at, lead_id, outcome, body) VALUES (?, 'chat_finished', ?, NULL, 'skipped_no_contact', ?)`
	mustExec(t, db, orphan, "orphan-old", dbTime(now.AddDate(0, -13, 0)), []byte(`{"message":"meu cpf 529.982.247-25"}`))
	mustExec(t, db, orphan, "orphan-recent", dbTime(now.AddDate(0, -1, 0)), []byte(`{"message":"oi"}`))
	leads, deliveries, err := st.CountOldLeads(ctx, now.AddDate(0, -12, 0))
	if err != nil || leads != 2 || deliveries != 1 {
		t.Fatalf("CountOldLeads = %d leads, %d deliveries, %v: want 2 and 1", leads, deliveries, err)
	}
	if got := strings.Join(leadIDs(t, db), " "); !strings.Contains(got, "old-new") {
		t.Fatalf("counting removed leads: %s", got)
	}
	entry := privacy.LogEntry{At: now, UserName: privacy.AutomaticUser, Host: "RECEPCAO-2", Action: privacy.LogRetention}
	n, ran, err := st.RemoveOldLeads(ctx, now.AddDate(0, -12, 0), now.Add(-23*time.Hour), entry)
	if err != nil || !ran || n != 2 {
		t.Fatalf("removed %d, ran %v, %v: want the two old leads", n, ran, err)
	}
	if got := strings.Join(leadIDs(t, db), " "); got != "old-but-active old-converted old-reserved recent" {
		t.Errorf("leads left: %s", got)
	}
	var msgs int
	db.QueryRow(`SELECT COUNT(*) FROM lead_messages`).Scan(&msgs)
	if events, _ := queryStrings(ctx, db, `SELECT key FROM jivochat_events ORDER BY key`); len(events) != 1 ||
		events[0] != "orphan-recent" || msgs != 0 {
		t.Errorf("raw events left %v and %d messages of removed leads: want only the recent delivery without a lead", events, msgs)
	}
	// The same day, again (another PC, a restart): nothing runs.
	n, ran, err = st.RemoveOldLeads(ctx, now.AddDate(0, -1, 0), now.Add(time.Hour).Add(-23*time.Hour), entry)
	if err != nil || ran || n != 0 {
		t.Fatalf("second pass within a day: removed %d, ran %v, %v", n, ran, err)
	}
	log, _ := st.AccessLog(ctx, 10)
	if len(log) != 1 || log[0].Action != privacy.LogRetention || log[0].Counts["removed"] != 2 || log[0].Counts["deliveries"] != 1 ||
		log[0].Subject != "" || log[0].Host != "RECEPCAO-2" {
		t.Errorf("log %+v", log)
	}
}

// TestPrivacyOfficeTwoPCs: two stores on one database (two PCs of an
// office): what one anonymises the other finds kept, the access log is
// shared, and retention started on both at once runs once.
func TestPrivacyOfficeTwoPCs(t *testing.T) {
	a, _ := openTestDB(t)
	b, err := reopenTestDB(t, a)
	if err != nil {
		t.Fatal(err)
	}
	defer b.Close()
	seedWorld(t, a)
	now := time.Date(2026, 12, 7, 9, 0, 0, 0, time.UTC)
	seedLeadsOnly(t, a, now)
	ctx := context.Background()
	k, _ := privacy.ParseKey(privacy.KeyCPF, paulaCPF)
	if _, err := a.Privacy().Anonymise(ctx, k, privacy.LogEntry{At: now, UserName: "PC A", Action: privacy.LogAnonymise}); err != nil {
		t.Fatal(err)
	}
	ps, err := b.Privacy().Find(ctx, k)
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range privacy.Decide(ps) {
		if p.Action != privacy.ActionKeep {
			t.Errorf("PC B still finds %s/%s to %s", p.Table, p.RowID, p.Action)
		}
	}
	var wg sync.WaitGroup
	ran := make([]bool, 2)
	errs := make([]error, 2)
	for i, db := range []*DB{a, b} {
		wg.Add(1)
		go func() {
			defer wg.Done()
			_, ran[i], errs[i] = db.Privacy().RemoveOldLeads(ctx, now.AddDate(0, -12, 0), now.Add(-23*time.Hour),
				privacy.LogEntry{At: now, UserName: privacy.AutomaticUser, Action: privacy.LogRetention})
		}()
	}
	wg.Wait()
	if errs[0] != nil || errs[1] != nil || ran[0] == ran[1] {
		t.Fatalf("retention on two PCs at once: ran %v, errors %v", ran, errs)
	}
	log, _ := b.Privacy().AccessLog(ctx, 10)
	if len(log) != 2 || log[0].Action != privacy.LogRetention || log[1].UserName != "PC A" {
		t.Errorf("PC B's access log: %+v", log)
	}
}

func seedLeadsOnly(t *testing.T, db *DB, now time.Time) {
	old := dbTime(now.AddDate(0, -13, 0))
	mustExec(t, db, `INSERT INTO leads (id, stage, name, created_at, updated_at, last_event_at) VALUES ('ancient', 'new', 'X', ?, ?, ?)`, old, old, old)
}

// TestPrivacyForeignPhoneNeverMatchesBrazilian: "+7 999 123-45-67" has the
// digits of the Brazilian (79) 99123-4567. Searching and anonymising the
// foreign number touches only the foreign lead; the Brazilian holder and
// witness with that national number are found by their own key only.
func TestPrivacyForeignPhoneNeverMatchesBrazilian(t *testing.T) {
	db, _ := openTestDB(t)
	seedWorld(t, db)
	ctx := context.Background()
	mustExec(t, db, `UPDATE reservation_people SET phone2 = '79991234567' WHERE id = 5`)
	mustExec(t, db, `UPDATE signer_rules SET phone = '(79) 99123-4567' WHERE id = 2`)
	lead := `INSERT INTO leads (id, stage, name, email, phone, created_at, updated_at, last_event_at) VALUES (?, 'new', ?, '', ?, ?, ?, ?)`
	mustExec(t, db, lead, "lead-ru", "Ivan", "+79991234567", pts, pts, pts)
	mustExec(t, db, lead, "lead-us", "John", "+14155550123", pts, pts, pts)
	mustExec(t, db, lead, "lead-br79", "Bia", "+5579991234567", pts, pts, pts)
	mustExec(t, db, `INSERT INTO lead_messages (id, lead_id, key, at, author, text) VALUES (20, 'lead-other', 'k20', ?, 'visitor', ?)`,
		pts, "o número da Bia é 79 99123-4567")
	cases := []struct{ text, want string }{
		{"+7 999 123-45-67", "leads|lead-ru"},
		{"+1 415 555 0123", "leads|lead-us"},
		{"(79) 99123-4567", "lead_messages|lead-other:20 leads|lead-br79 reservation_contracts|3 reservation_people|5 signer_rules|2"},
	}
	for _, c := range cases {
		k, err := privacy.ParseKey(privacy.KeyPhone, c.text)
		if err != nil {
			t.Fatal(err)
		}
		ps, err := db.Privacy().Find(ctx, k)
		if err != nil {
			t.Fatal(err)
		}
		var got []string
		for tb := range placeTables(ps) {
			got = append(got, tb)
		}
		sort.Strings(got)
		if strings.Join(got, " ") != c.want {
			t.Errorf("%s found %v, want %s", c.text, got, c.want)
		}
	}
	before := dbSnapshot(t, db)
	k, _ := privacy.ParseKey(privacy.KeyPhone, "+7 999 123-45-67")
	if _, err := db.Privacy().Anonymise(ctx, k, privacy.LogEntry{At: time.Now(), Action: privacy.LogAnonymise, Subject: k.Masked()}); err != nil {
		t.Fatal(err)
	}
	for _, d := range changed(before, dbSnapshot(t, db)) {
		if d != "leads|lead-ru" && !strings.HasPrefix(d, "privacy_log|") {
			t.Errorf("anonymising +7 999 123-45-67 changed %s", d)
		}
	}
}

// TestPrivacyEmailFoldedAlikeOnBothEngines: an address with non-ASCII
// capitals stored as typed is found by its lower-case spelling on SQLite
// (whose lower() folds only ASCII) as on PostgreSQL, and a look-alike
// without the accent is not.
func TestPrivacyEmailFoldedAlikeOnBothEngines(t *testing.T) {
	db, _ := openTestDB(t)
	seedWorld(t, db)
	ctx := context.Background()
	mustExec(t, db, `UPDATE reservation_people SET email = 'JOÃO.ÉLIO@EXEMPLO.COM.BR' WHERE id = 2`)
	mustExec(t, db, `UPDATE reservation_people SET email = 'joao.elio@exemplo.com.br' WHERE id = 3`)
	mustExec(t, db, `UPDATE leads SET email = 'joão.élio@exemplo.com.br' WHERE id = 'lead-other'`)
	k, err := privacy.ParseKey(privacy.KeyEmail, "João.Élio@Exemplo.com.br")
	if err != nil {
		t.Fatal(err)
	}
	ps, err := db.Privacy().Find(ctx, k)
	if err != nil {
		t.Fatal(err)
	}
	got := placeTables(ps)
	if !got["reservation_people|2"] || !got["leads|lead-other"] || got["reservation_people|3"] {
		t.Errorf("found %v: want reservation_people|2 and leads|lead-other, not the look-alike reservation_people|3", got)
	}
}

func TestPrivacyMentionsAnyPunctuation(t *testing.T) {
	cpf, _ := privacy.ParseKey(privacy.KeyCPF, paulaCPF)
	phone, _ := privacy.ParseKey(privacy.KeyPhone, "(11) 98765-4321")
	foreign, _ := privacy.ParseKey(privacy.KeyPhone, "+1 415 555 0123")
	email, _ := privacy.ParseKey(privacy.KeyEmail, "paula.pessoa@example.com")
	cases := []struct {
		key  privacy.Key
		text string
		want bool
	}{
		{cpf, "meu cpf: 529.982.247-25", true},
		{cpf, "529 982 247 25", true},
		{cpf, "Apto 101, CPF 529982247-25.", true},
		{cpf, "52998224725", true},
		{cpf, `{"message":"cpf 529/982/247/25"}`, true},
		{cpf, "1529982247250", false},
		{cpf, "529.982.247-26", false},
		{cpf, "529 apto 982 247 25", false},
		{phone, "(11) 98765-4321", true},
		{phone, "11 9 8765.4321", true},
		{phone, "+55 11 98765 4321", true},
		{phone, "liga 011 98765-4321 depois", true},
		{phone, "98765-4321", false},
		{phone, "(21) 98765-4321", false},
		{phone, "+1 11 98765 4321", false},
		{foreign, "my number is +1 (415) 555-0123", true},
		{foreign, "(41) 5555-0123", false},
		{email, "Escreve pra PAULA.PESSOA@EXAMPLE.COM ok", true},
		{email, "é paula.pessoa@example.com.", true},
		{email, "paula.pessoa@example.com.br", false},
		{email, "ana.paula.pessoa@example.com", false},
		{email, "paula@example.com", false},
	}
	for _, c := range cases {
		if got := (match{key: c.key}).mentions(c.text); got != c.want {
			t.Errorf("%s %q: mentions = %v, want %v", c.key.Kind, c.text, got, c.want)
		}
	}
}
