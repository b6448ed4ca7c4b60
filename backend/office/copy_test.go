package office

import (
	"context"
	"errors"
	"strings"
	"testing"

	"selo/backend/crm"
)

// blockingCopier reports one step, then waits for its context to end, as a
// long copy the user cancels would.
type blockingCopier struct {
	got     []Target
	started chan struct{}
}

func (c *blockingCopier) CopyToServer(ctx context.Context, t Target, progress func(CopyProgress)) (CopyResult, error) {
	c.got = append(c.got, t)
	progress(CopyProgress{Table: "developments", Done: 3, Total: 10})
	if c.started == nil {
		return CopyResult{Tables: []TableCount{{Table: "developments", Rows: 3}}, DiskFiles: 2}, nil
	}
	close(c.started)
	<-ctx.Done()
	return CopyResult{}, ctx.Err()
}

func TestCopyToServerUsesSavedSettingsAndKeyringPassword(t *testing.T) {
	svc, _, _, _, logs := newTestService(t)
	c := &blockingCopier{}
	svc.WithCopier(c)
	ctx := context.Background()
	if _, err := svc.Save(ctx, officeSettings(), "s3nha-secreta"); err != nil {
		t.Fatal(err)
	}
	var steps []CopyProgress
	res, err := svc.CopyToServer(ctx, func(p CopyProgress) { steps = append(steps, p) })
	if err != nil {
		t.Fatal(err)
	}
	if len(c.got) != 1 || c.got[0].Host != "servidor.escritorio" || c.got[0].Password != "s3nha-secreta" {
		t.Fatalf("copier got %+v, want the saved server with the keyring's password", c.got)
	}
	if len(steps) != 1 || steps[0].Done != 3 || steps[0].Total != 10 {
		t.Errorf("progress %+v, want the copier's step", steps)
	}
	if len(res.Tables) != 1 || res.Tables[0].Rows != 3 || res.DiskFiles != 2 {
		t.Errorf("result %+v", res)
	}
	if strings.Contains(logs.String(), "s3nha-secreta") {
		t.Error("the password reached the log")
	}
}

func TestCopyToServerWithoutPasswordAsksForIt(t *testing.T) {
	svc, path, _, _, _ := newTestService(t)
	c := &blockingCopier{}
	svc.WithCopier(c)
	st := officeSettings()
	st.Mode = ModeLocal
	if err := Save(path, st); err != nil {
		t.Fatal(err)
	}
	_, err := svc.CopyToServer(context.Background(), nil)
	if f := fields(t, err); f["password"] == "" {
		t.Errorf("problems %v, want one on password", f)
	}
	if len(c.got) != 0 {
		t.Error("copied without a password")
	}
}

func TestCancelCopyStopsTheRunningCopy(t *testing.T) {
	svc, _, _, _, _ := newTestService(t)
	c := &blockingCopier{started: make(chan struct{})}
	svc.WithCopier(c)
	ctx := context.Background()
	if _, err := svc.Save(ctx, officeSettings(), "pw"); err != nil {
		t.Fatal(err)
	}
	if svc.CancelCopy() {
		t.Error("CancelCopy said a copy was running before any started")
	}
	done := make(chan error, 1)
	go func() {
		_, err := svc.CopyToServer(ctx, nil)
		done <- err
	}()
	<-c.started
	if _, err := svc.CopyToServer(ctx, nil); !errors.Is(err, errCopyRunning) {
		t.Errorf("second copy while one runs: %v, want refused", err)
	}
	if !svc.CancelCopy() {
		t.Error("CancelCopy did not find the running copy")
	}
	err := <-done
	var ce *crm.Error
	if !errors.As(err, &ce) || ce.Code != crm.CodeOfficeCopyCancelled {
		t.Errorf("cancelled copy: %v, want %s", err, crm.CodeOfficeCopyCancelled)
	}
}
