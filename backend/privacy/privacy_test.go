package privacy

import (
	"bytes"
	"context"
	"encoding/json"
	"strings"
	"testing"
	"time"

	"github.com/pdfcpu/pdfcpu/pkg/api"
	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu/model"

	"selo/backend/crm"
)

func TestParseKey(t *testing.T) {
	cases := []struct {
		kind KeyKind
		in   string
		want string
		mask string
	}{
		{KeyCPF, "529.982.247-25", "52998224725", "529.***.***-25"},
		{KeyCPF, " 52998224725 ", "52998224725", "529.***.***-25"},
		{KeyEmail, " Paula@Example.COM", "paula@example.com", "p***@example.com"},
		{KeyPhone, "(11) 98765-4321", "11987654321", "(11) *****-4321"},
		{KeyPhone, "+55 11 98765-4321", "11987654321", "(11) *****-4321"},
		{KeyPhone, "5511987654321", "11987654321", "(11) *****-4321"},
		{KeyPhone, "(11) 3456-7890", "1134567890", "(11) ****-7890"},
		{KeyPhone, "+7 999 123-45-67", "79991234567", "+*******4567"},
		{KeyPhone, "+1 415 555 0123", "14155550123", "+*******0123"},
	}
	for _, c := range cases {
		k, err := ParseKey(c.kind, c.in)
		if err != nil || k.Value != c.want || k.Masked() != c.mask {
			t.Errorf("ParseKey(%s, %q) = %+v %q, %v; want %q %q", c.kind, c.in, k, k.Masked(), err, c.want, c.mask)
		}
	}
	for _, c := range []struct {
		kind KeyKind
		in   string
	}{{KeyCPF, "529.982.247-26"}, {KeyCPF, ""}, {KeyEmail, "paula"}, {KeyPhone, "98765-4321"}, {KeyPhone, "abc"}} {
		_, err := ParseKey(c.kind, c.in)
		if e := crm.AsError(err); e.Code != CodeKeyInvalid || e.Field != "key" {
			t.Errorf("ParseKey(%s, %q): %v, want %s on key", c.kind, c.in, err, CodeKeyInvalid)
		}
	}
	// A foreign number keeps its country: it is never a Brazilian line.
	for in, e164 := range map[string]string{"+7 999 123-45-67": "+79991234567", "+1 415 555 0123": "+14155550123"} {
		k, _ := ParseKey(KeyPhone, in)
		if k.Brazilian() || k.E164() != e164 || k.PersonKey() == "phone:79991234567" ||
			k.SamePhone(crm.Phone{Country: "55", Number: k.Value}) {
			t.Errorf("ParseKey(phone, %q) = %+v (E164 %s, PersonKey %s) reads as Brazilian", in, k, k.E164(), k.PersonKey())
		}
	}
	if k, _ := ParseKey(KeyPhone, "(79) 99123-4567"); !k.Brazilian() || k.E164() != "+5579991234567" {
		t.Errorf("Brazilian key %+v", k)
	}
	if _, err := ParseKey("rg", "1"); crm.AsError(err).Code != CodeKindInvalid {
		t.Errorf("unknown kind: %v", err)
	}
}

func TestDecide(t *testing.T) {
	in := []Place{
		{Kind: PlaceHolder}, {Kind: PlaceHolder, Signed: true}, {Kind: PlaceContract, Regenerable: true}, {Kind: PlaceContract, Signed: true},
		{Kind: PlaceEnvelopeSigner, EnvelopeState: "recusado"}, {Kind: PlaceEnvelopeSigner, EnvelopeState: "em_andamento"},
		{Kind: PlaceEnvelopeSigner, EnvelopeState: "finalizado", Signed: true}, {Kind: PlaceSignerRule}, {Kind: PlaceUser},
		{Kind: PlaceLead}, {Kind: PlaceTranscript}, {Kind: PlaceChatEvent},
		{Kind: PlaceSend, EnvelopeState: "running"}, {Kind: PlaceSend, EnvelopeState: "em_andamento"}, {Kind: PlaceSend, EnvelopeState: "cancelado"},
		{Kind: PlaceContract}, {Kind: PlaceChatMention}, {Kind: PlaceSendError}, {Kind: PlaceSendError, Signed: true},
	}
	want := []string{"anonymise", "keep:signed_contract", "delete", "keep:signed_contract", "anonymise",
		"blocked:envelope_running", "keep:signed_contract", "keep:signer_rule", "keep:user", "anonymise", "anonymise", "anonymise",
		"blocked:envelope_running", "blocked:envelope_running", "anonymise",
		"keep:attached_contract", "anonymise", "anonymise", "keep:signed_contract"}
	for i, p := range Decide(in) {
		got := string(p.Action)
		if p.Reason != "" {
			got += ":" + p.Reason
		}
		if got != want[i] {
			t.Errorf("place %d (%s): %s, want %s", i, in[i].Kind, got, want[i])
		}
	}
}

func TestReportPDF(t *testing.T) {
	r := Report{Key: Key{Kind: KeyCPF, Value: "52998224725"}, Masked: "529.***.***-25", GeneratedAt: time.Date(2026, 12, 7, 12, 0, 0, 0, time.UTC)}
	for i := 0; i < 40; i++ {
		r.Places = append(r.Places, Place{Kind: PlaceHolder, Title: "Reserva 1 · Ipê · A 101", Action: ActionKeep,
			Reason: ReasonSignedContract, Fields: []Field{{"name", "Paula Pessoa"}, {"address", strings.Repeat("Rua das Acácias ", 12)}}})
	}
	b, err := ReportPDF(r)
	if err != nil {
		t.Fatal(err)
	}
	if err := api.Validate(bytes.NewReader(b), model.NewDefaultConfiguration()); err != nil {
		t.Fatalf("not a valid PDF: %v", err)
	}
	n, err := api.PageCount(bytes.NewReader(b), model.NewDefaultConfiguration())
	if err != nil || n < 3 {
		t.Errorf("%d pages, %v: 40 places need several", n, err)
	}
}

// fakeStore records what the service logs.
type fakeStore struct {
	places   []Place
	logged   []LogEntry
	settings map[string]string
	retained []time.Time
	counted  []time.Time
}

func (f *fakeStore) CountOldLeads(_ context.Context, cutoff time.Time) (int, int, error) {
	f.counted = append(f.counted, cutoff)
	return 3, 2, nil
}

func (f *fakeStore) Find(context.Context, Key) ([]Place, error) { return f.places, nil }
func (f *fakeStore) Anonymise(_ context.Context, k Key, e LogEntry) (Outcome, error) {
	f.logged = append(f.logged, e)
	return Outcome{Files: []string{"sha"}}, nil
}
func (f *fakeStore) Log(_ context.Context, e LogEntry) error {
	f.logged = append(f.logged, e)
	return nil
}
func (f *fakeStore) AccessLog(context.Context, int) ([]LogEntry, error) { return f.logged, nil }
func (f *fakeStore) RemoveOldLeads(_ context.Context, cutoff, _ time.Time, e LogEntry) (int, bool, error) {
	f.retained = append(f.retained, cutoff)
	f.logged = append(f.logged, e)
	return 3, true, nil
}
func (f *fakeStore) Setting(_ context.Context, k string) (string, bool, error) {
	v, ok := f.settings[k]
	return v, ok, nil
}
func (f *fakeStore) SetSetting(_ context.Context, k, v string) error { f.settings[k] = v; return nil }

// files records what the service removes from the file store.
type files struct{ deleted []string }

func (f *files) Put(context.Context, crm.FileKind, string, []byte) (bool, error) { return true, nil }
func (f *files) Get(context.Context, crm.FileKind, string) ([]byte, error)       { return nil, nil }
func (f *files) Exists(context.Context, crm.FileKind, string) (bool, error)      { return false, nil }
func (f *files) Delete(_ context.Context, k crm.FileKind, name string) error {
	f.deleted = append(f.deleted, string(k)+"/"+name)
	return nil
}

type who struct{}

func (who) Actor() crm.Actor { return crm.Actor{UserID: 7, Name: "Carla Gestora"} }

func TestServiceLogsEveryAccessWithMaskedKey(t *testing.T) {
	st := &fakeStore{places: []Place{{Kind: PlaceLead, Table: "leads", RowID: "l1",
		Fields: []Field{{"email", "paula@example.com"}}}}, settings: map[string]string{}}
	now := time.Date(2026, 12, 7, 12, 0, 0, 0, time.UTC)
	fs := &files{}
	s := &Service{Store: st, Actors: who{}, Files: fs, Host: "RECEPCAO-2", Now: func() time.Time { return now }}
	ctx := context.Background()
	r, err := s.Search(ctx, KeyEmail, "paula@example.com")
	if err != nil || len(r.Places) != 1 || r.Places[0].Action != ActionAnonymise {
		t.Fatalf("search: %+v %v", r, err)
	}
	var b []byte
	var name string
	saveTo := func(path string) Save {
		return func(data []byte, n string) (string, error) { b, name = data, n; return path, nil }
	}
	// Cancelled in the dialog: nothing was exported, nothing is logged.
	if _, err := s.ExportJSON(ctx, KeyEmail, "paula@example.com", saveTo("")); err != nil || len(st.logged) != 1 {
		t.Fatalf("cancelled export: %v, log %+v", err, st.logged)
	}
	path, err := s.ExportJSON(ctx, KeyEmail, "paula@example.com", saveTo("/tmp/x.json"))
	if err != nil || path != "/tmp/x.json" || !strings.HasSuffix(name, ".json") || strings.Contains(name, "paula") {
		t.Fatalf("export: %q %q %v", path, name, err)
	}
	var back Report
	if err := json.Unmarshal(b, &back); err != nil || back.Places[0].Fields[0].Value != "paula@example.com" {
		t.Fatalf("exported JSON %s: %v", b, err)
	}
	if _, err := s.ExportPDF(ctx, KeyEmail, "paula@example.com", saveTo("/tmp/x.pdf")); err != nil || !bytes.HasPrefix(b, []byte("%PDF")) {
		t.Fatal(err)
	}
	if _, err := s.Anonymise(ctx, KeyEmail, "paula@example.com"); err != nil {
		t.Fatal(err)
	}
	// The unsigned contract's PDF leaves the data folder after the commit.
	if strings.Join(fs.deleted, " ") != "contracts/sha" {
		t.Errorf("files removed: %v", fs.deleted)
	}
	want := []LogAction{LogSearch, LogExportJSON, LogExportPDF, LogAnonymise}
	if len(st.logged) != len(want) {
		t.Fatalf("logged %+v", st.logged)
	}
	for i, e := range st.logged {
		if e.Action != want[i] || e.Subject != "p***@example.com" || e.UserName != "Carla Gestora" || e.UserID != 7 || !e.At.Equal(now) ||
			e.Host != "RECEPCAO-2" {
			t.Errorf("entry %d: %+v", i, e)
		}
	}
}

func TestRetentionSetting(t *testing.T) {
	st := &fakeStore{settings: map[string]string{}}
	now := time.Date(2026, 12, 7, 12, 0, 0, 0, time.UTC)
	s := &Service{Store: st, Actors: who{}, Host: "RECEPCAO-2", Now: func() time.Time { return now }}
	ctx := context.Background()
	if run, err := s.ApplyRetention(ctx); err != nil || run.Ran || len(st.retained) != 0 {
		t.Fatalf("off by default, but ran: %+v %v", run, err)
	}
	for _, bad := range []int{-1, MaxRetentionMonths + 1} {
		if _, err := s.SetRetention(ctx, bad); crm.AsError(err).Code != CodeRetentionInvalid || crm.AsError(err).Field != "months" {
			t.Errorf("SetRetention(%d): %v", bad, err)
		}
		if _, err := s.PreviewRetention(ctx, bad); crm.AsError(err).Code != CodeRetentionInvalid {
			t.Errorf("PreviewRetention(%d): %v", bad, err)
		}
	}
	// The preview counts what would go now and removes nothing, changes
	// nothing and logs nothing.
	pre, err := s.PreviewRetention(ctx, 12)
	if err != nil || pre.Removed != 3 || pre.Deliveries != 2 || pre.Ran || len(st.retained) != 0 || len(st.logged) != 0 ||
		st.settings[RetentionSetting] != "" || !st.counted[0].Equal(time.Date(2025, 12, 7, 12, 0, 0, 0, time.UTC)) {
		t.Fatalf("PreviewRetention(12) = %+v, %v; removed %v, logged %+v", pre, err, st.retained, st.logged)
	}
	run, err := s.SetRetention(ctx, 12)
	if err != nil || !run.Ran || run.Removed != 3 || st.settings[RetentionSetting] != "12" {
		t.Fatalf("SetRetention(12): %+v %v", run, err)
	}
	if !st.retained[0].Equal(time.Date(2025, 12, 7, 12, 0, 0, 0, time.UTC)) {
		t.Errorf("cutoff %v, want 12 months before now", st.retained[0])
	}
	if m, _ := s.Retention(ctx); m != 12 {
		t.Errorf("Retention = %d", m)
	}
	// Who changed it, from what to what, then the pass in their name.
	if len(st.logged) != 2 {
		t.Fatalf("logged %+v", st.logged)
	}
	change, pass := st.logged[0], st.logged[1]
	if change.Action != LogRetention || change.UserName != "Carla Gestora" || change.Host != "RECEPCAO-2" ||
		change.Counts["from"] != 0 || change.Counts["to"] != 12 {
		t.Errorf("setting change logged as %+v", change)
	}
	if pass.UserName != "Carla Gestora" || pass.UserID != 7 || pass.Host != "RECEPCAO-2" {
		t.Errorf("the first pass is logged as %+v, want the user who turned it on", pass)
	}
	// The daily job is "automático", still with its PC.
	st.logged = nil
	if _, err := s.ApplyRetention(ctx); err != nil || len(st.logged) != 1 || st.logged[0].UserName != AutomaticUser ||
		st.logged[0].Host != "RECEPCAO-2" {
		t.Errorf("daily pass logged %+v, %v", st.logged, err)
	}
}

// Portuguese letters are two bytes: the wrap counts runes, and a word longer
// than a line (a pasted URL) is cut, never lost, and never panics.
func TestWrapAccentsAndLongWords(t *testing.T) {
	url := "https://exemplo.com.br/" + strings.Repeat("caminho-ação/", 12)
	cases := []string{
		strings.Repeat("ação ", 10) + url,
		"   " + strings.Repeat("ç", 200),
		"   Endereço: " + url + " São Paulo " + url,
		strings.Repeat("é", 99) + " " + strings.Repeat("ã", 101),
	}
	for _, s := range cases {
		for _, n := range []int{20, 66, 99} {
			lines := wrap(s, n)
			var words []string
			for _, l := range lines {
				if c := len([]rune(l)); c > n {
					t.Errorf("wrap(%q, %d): line %q has %d runes", s, n, l, c)
				}
				words = append(words, strings.Fields(l)...)
			}
			// Every letter survives, in order (long words are cut, not lost).
			if got, want := strings.Join(words, ""), strings.Join(strings.Fields(s), ""); got != want {
				t.Errorf("wrap(%q, %d) lost text: %q", s, n, got)
			}
		}
	}
	r := Report{Key: Key{Kind: KeyCPF, Value: "52998224725"}, Masked: "529.***.***-25", Places: []Place{{Kind: PlaceTranscript,
		Messages: []Message{{At: "2026-01-10T12:00:00Z", Author: "visitor", Text: strings.Repeat("ação ", 10) + url}}}}}
	if _, err := ReportPDF(r); err != nil {
		t.Fatal(err)
	}
}

// The PDF shows times as the screen does (São Paulo, dd/mm/aaaa hh:mm), never
// a raw UTC stamp.
func TestPDFShowsTimesAsTheScreen(t *testing.T) {
	r := Report{Key: Key{Kind: KeyCPF, Value: "52998224725"}, Masked: "529.***.***-25", Places: []Place{{Kind: PlaceLead,
		Fields:   []Field{{"createdAt", "2026-01-10T12:00:00.000000000Z"}, {"birthDate", "1990-03-04"}},
		Messages: []Message{{At: "2026-01-10T12:05:00.000000000Z", Author: "visitor", Text: "oi"}}}}}
	var lines []string
	for _, l := range reportLines(r) {
		lines = append(lines, l.text)
	}
	all := strings.Join(lines, "\n")
	for _, want := range []string{"Criado em: 10/01/2026 09:00", "Nascimento: 04/03/1990", "[10/01/2026 09:05] visitor: oi"} {
		if !strings.Contains(all, want) {
			t.Errorf("PDF text lacks %q:\n%s", want, all)
		}
	}
	if strings.Contains(all, "2026-01-10T") {
		t.Errorf("raw UTC stamp in the PDF:\n%s", all)
	}
}
