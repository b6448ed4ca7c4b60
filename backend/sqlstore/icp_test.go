package sqlstore

import (
	"context"
	"testing"
	"time"

	"selo/backend/crm"
)

// TestRegistryFlagAndICPRule (both engines): a template's "Vai a registro"
// flag is stored at its version (a stale version is crm.CodeConflict and
// changes nothing), reaches the Jurídico association and template list, and a
// signer rule may store the icp_brasil authentication (migration 0024 widened
// the CHECK).
func TestRegistryFlagAndICPRule(t *testing.T) {
	f := newLegalFixture(t)
	ctx := context.Background()
	tpls := f.db.Templates()
	before, err := tpls.Get(ctx, f.tplPromessa)
	if err != nil || before.Registry {
		t.Fatalf("new template: %+v %v", before.Registry, err)
	}
	if err := tpls.SetRegistryAt(ctx, f.tplPromessa, before.Version, true, time.Now()); err != nil {
		t.Fatal(err)
	}
	if err := tpls.SetRegistryAt(ctx, f.tplPromessa, before.Version, false, time.Now()); crm.AsError(err).Code != crm.CodeConflict {
		t.Fatalf("stale version: %v", err)
	}
	after, err := tpls.Get(ctx, f.tplPromessa)
	if err != nil || !after.Registry || after.Version != before.Version+1 {
		t.Fatalf("after: registry %v version %d (was %d) %v", after.Registry, after.Version, before.Version, err)
	}
	id, err := f.store.Insert(ctx, f.dev, f.tplPromessa, crm.ScopeDevelopment, nil)
	if err != nil {
		t.Fatal(err)
	}
	rule := crm.NewSignerRule(crm.SignerHolder)
	rule.Auth = crm.ChannelICPBrasil
	if err := f.store.ReplaceRules(ctx, id, []crm.SignerRule{rule}); err != nil {
		t.Fatalf("storing an icp_brasil rule: %v", err)
	}
	a, err := f.store.Get(ctx, id)
	if err != nil || !a.Registry || a.Rules[0].Auth != crm.ChannelICPBrasil {
		t.Fatalf("association %+v %v", a, err)
	}
	list, err := f.store.Templates(ctx)
	if err != nil {
		t.Fatal(err)
	}
	for _, tp := range list {
		if tp.Registry != (tp.ID == f.tplPromessa) {
			t.Errorf("template %s registry %v", tp.Name, tp.Registry)
		}
	}
}
