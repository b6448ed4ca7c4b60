package privacy

import (
	"context"
	"encoding/json"
	"log/slog"
	"strconv"
	"time"

	"selo/backend/crm"
)

// RetentionSetting is the settings key of the months after which leads that
// never became a reservation are removed ("0" or absent: off).
const RetentionSetting = "privacy.lead_retention_months"

// MaxRetentionMonths bounds the setting (ten years).
const MaxRetentionMonths = 120

// RetentionEvery is how often the retention job runs.
const RetentionEvery = 24 * time.Hour

// AutomaticUser is the user name logged for the retention job.
const AutomaticUser = "automático"

// Service is "Dados de uma pessoa" and the retention job.
type Service struct {
	Store  Store
	Actors Actors
	// Files is where contract PDFs live; the ones an anonymisation leaves
	// unused are removed from it after the commit.
	Files crm.FileStore
	Log   *slog.Logger
	// Host is this PC's name, stamped on every log entry.
	Host string
	// Now is the clock (time.Now when nil).
	Now func() time.Time
}

func (s *Service) now() time.Time {
	if s.Now != nil {
		return s.Now().UTC()
	}
	return time.Now().UTC()
}

func (s *Service) entry(a LogAction, k Key, counts map[string]int) LogEntry {
	e := LogEntry{At: s.now(), Host: s.Host, Action: a, Subject: k.Masked(), Counts: counts}
	if s.Actors != nil {
		who := s.Actors.Actor()
		e.UserID, e.UserName = who.UserID, who.Name
	}
	return e
}

// Search finds everything Selo holds about the person and logs that the
// office looked.
func (s *Service) Search(ctx context.Context, kind KeyKind, text string) (Report, error) {
	r, err := s.report(ctx, kind, text)
	if err != nil {
		return Report{}, err
	}
	if err := s.Store.Log(ctx, s.entry(LogSearch, r.Key, r.Counts())); err != nil {
		return Report{}, err
	}
	return r, nil
}

func (s *Service) report(ctx context.Context, kind KeyKind, text string) (Report, error) {
	k, err := ParseKey(kind, text)
	if err != nil {
		return Report{}, err
	}
	places, err := s.Store.Find(ctx, k)
	if err != nil {
		return Report{}, err
	}
	return Report{Key: k, Masked: k.Masked(), GeneratedAt: s.now(), Places: Decide(places)}, nil
}

// Save asks where to save data under the suggested name and writes it
// there, returning the path ("" when the office cancelled).
type Save func(data []byte, name string) (string, error)

// ExportJSON builds the report as indented JSON (art. 18 V, portability),
// saves it where the office picks, and logs the export once saved.
func (s *Service) ExportJSON(ctx context.Context, kind KeyKind, text string, save Save) (string, error) {
	return s.export(ctx, kind, text, save, LogExportJSON, func(r Report) ([]byte, error) {
		return json.MarshalIndent(r, "", "  ")
	}, ".json")
}

// ExportPDF builds the report as a readable PDF, saves it where the office
// picks, and logs the export once saved.
func (s *Service) ExportPDF(ctx context.Context, kind KeyKind, text string, save Save) (string, error) {
	return s.export(ctx, kind, text, save, LogExportPDF, ReportPDF, ".pdf")
}

func (s *Service) export(ctx context.Context, kind KeyKind, text string, save Save, action LogAction,
	render func(Report) ([]byte, error), ext string) (string, error) {
	r, err := s.report(ctx, kind, text)
	if err != nil {
		return "", err
	}
	b, err := render(r)
	if err != nil {
		return "", err
	}
	path, err := save(b, exportName(r, ext))
	if err != nil || path == "" {
		return "", err
	}
	return path, s.Store.Log(ctx, s.entry(action, r.Key, r.Counts()))
}

// exportName names the file after the day, never the person: the file
// name shows in folders and recent-file lists.
func exportName(r Report, ext string) string {
	return "Dados pessoais - " + r.GeneratedAt.In(zone).Format("2006-01-02 15h04") + ext
}

// Anonymise anonymises or deletes everything about the person that the law
// does not require keeping, in one transaction, and returns what was done
// and what was kept with its reason.
func (s *Service) Anonymise(ctx context.Context, kind KeyKind, text string) (Outcome, error) {
	k, err := ParseKey(kind, text)
	if err != nil {
		return Outcome{}, err
	}
	out, err := s.Store.Anonymise(ctx, k, s.entry(LogAnonymise, k, nil))
	if err != nil {
		return Outcome{}, err
	}
	// After the commit: a file removal that fails leaves an unused file,
	// never a row pointing at a missing one.
	for _, f := range out.Files {
		if s.Files == nil {
			break
		}
		if err := s.Files.Delete(ctx, crm.FileContract, f); err != nil && s.Log != nil {
			s.Log.Warn("removing an anonymised contract file", "err", err)
		}
	}
	return out, nil
}

// AccessLog lists the latest log entries, newest first.
func (s *Service) AccessLog(ctx context.Context) ([]LogEntry, error) {
	return s.Store.AccessLog(ctx, 200)
}

// Retention returns the months after which old leads are removed (0: off).
func (s *Service) Retention(ctx context.Context) (int, error) {
	v, ok, err := s.Store.Setting(ctx, RetentionSetting)
	if err != nil || !ok {
		return 0, err
	}
	n, err := strconv.Atoi(v)
	if err != nil || n < 0 {
		return 0, nil
	}
	return n, nil
}

// PreviewRetention says what turning retention on with months would
// remove right away, removing nothing: the screen asks the office to
// confirm that number before SetRetention deletes it for good.
func (s *Service) PreviewRetention(ctx context.Context, months int) (RetentionRun, error) {
	if err := checkMonths(months); err != nil {
		return RetentionRun{}, err
	}
	run := RetentionRun{Months: months}
	if months == 0 {
		return run, nil
	}
	leads, deliveries, err := s.Store.CountOldLeads(ctx, s.now().AddDate(0, -months, 0))
	run.Removed, run.Deliveries = leads, deliveries
	return run, err
}

func checkMonths(months int) error {
	if months < 0 || months > MaxRetentionMonths {
		return crm.E(CodeRetentionInvalid, "max", MaxRetentionMonths).OnField("months")
	}
	return nil
}

// SetRetention saves the months (0 turns it off), logs who changed it from
// what to what, and applies it at once in that user's name, so the office
// sees the effect of what it chose (after PreviewRetention showed it).
func (s *Service) SetRetention(ctx context.Context, months int) (RetentionRun, error) {
	if err := checkMonths(months); err != nil {
		return RetentionRun{}, err
	}
	was, err := s.Retention(ctx)
	if err != nil {
		return RetentionRun{}, err
	}
	if err := s.Store.SetSetting(ctx, RetentionSetting, strconv.Itoa(months)); err != nil {
		return RetentionRun{}, err
	}
	if was != months {
		change := s.entry(LogRetention, Key{}, map[string]int{"from": was, "to": months})
		change.Subject = ""
		if err := s.Store.Log(ctx, change); err != nil {
			return RetentionRun{}, err
		}
	}
	who := s.entry(LogRetention, Key{}, nil)
	return s.applyRetention(ctx, months, time.Time{}, who)
}

// RetentionRun is the outcome of one retention pass.
type RetentionRun struct {
	Months  int  `json:"months"`
	Ran     bool `json:"ran"`
	Removed int  `json:"removed"`
	// Deliveries counts raw JivoChat deliveries that reached no lead
	// (PreviewRetention only).
	Deliveries int `json:"deliveries"`
}

// ApplyRetention runs the daily pass: nothing when the setting is off or
// another PC ran it in the last RetentionEvery.
func (s *Service) ApplyRetention(ctx context.Context) (RetentionRun, error) {
	months, err := s.Retention(ctx)
	if err != nil {
		return RetentionRun{}, err
	}
	auto := LogEntry{At: s.now(), UserName: AutomaticUser, Host: s.Host, Action: LogRetention}
	return s.applyRetention(ctx, months, s.now().Add(-RetentionEvery+time.Minute), auto)
}

// applyRetention runs one pass logged as e (who ran it: the daily job or
// the user who changed the setting).
func (s *Service) applyRetention(ctx context.Context, months int, notBefore time.Time, e LogEntry) (RetentionRun, error) {
	run := RetentionRun{Months: months}
	if months <= 0 {
		return run, nil
	}
	now := s.now()
	cutoff := now.AddDate(0, -months, 0)
	e.At, e.Subject, e.Counts = now, "", map[string]int{"months": months}
	removed, ran, err := s.Store.RemoveOldLeads(ctx, cutoff, notBefore, e)
	run.Removed, run.Ran = removed, ran
	if err == nil && ran && s.Log != nil {
		s.Log.Info("lead retention", "months", months, "removed", removed)
	}
	return run, err
}

// RunRetention applies retention now and then every RetentionEvery until
// ctx ends. Failures are logged and retried at the next tick.
func (s *Service) RunRetention(ctx context.Context) {
	t := time.NewTicker(RetentionEvery)
	defer t.Stop()
	for {
		if _, err := s.ApplyRetention(ctx); err != nil && ctx.Err() == nil && s.Log != nil {
			s.Log.Warn("lead retention", "code", crm.AsError(err).Code)
		}
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
	}
}

// zone is where the office reads times.
var zone = func() *time.Location {
	if l, err := time.LoadLocation("America/Sao_Paulo"); err == nil {
		return l
	}
	return time.FixedZone("BRT", -3*60*60)
}()

func formatTime(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.In(zone).Format("02/01/2006 15:04")
}
