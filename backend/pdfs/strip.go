package pdfs

import (
	"context"
	"fmt"
	"sort"

	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu/model"
	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu/types"

	"selo/backend/crm"
)

// StripReport says which marks StripMarks switched off.
type StripReport struct {
	// Fields lists the removed mark fields by fully qualified name.
	Fields []string
	// Annotations counts removed non-field mark annotations.
	Annotations int
	// BrokeSignature is true when a removed signature field was already
	// signed (that signature no longer exists in the output).
	BrokeSignature bool
}

// Removed reports whether anything was switched off.
func (r StripReport) Removed() int { return len(r.Fields) + r.Annotations }

// StripMarks removes every signature and initials mark Inspect reports:
// signature fields, fields named for a signature or initials, their widget
// annotations, and mark-like annotations outside the form. Other fields and
// the page content stay as they are. A document without marks comes back
// unchanged.
func StripMarks(pdf []byte) ([]byte, StripReport, error) {
	ctx, err := readContext(context.Background(), pdf, model.VALIDATE)
	if err != nil {
		return nil, StripReport{}, err
	}
	rep, err := stripContext(ctx)
	if err != nil {
		return nil, rep, err
	}
	if rep.Removed() == 0 {
		return pdf, rep, nil
	}
	out, err := writeBytes(ctx)
	if err != nil {
		return nil, rep, crm.E(CodeCorrupt).Wrap(err)
	}
	return out, rep, nil
}

func stripContext(ctx *model.Context) (rep StripReport, err error) {
	defer func() {
		if r := recover(); r != nil {
			err = crm.E(CodeCorrupt).Wrap(fmt.Errorf("pdfcpu panic: %v", r))
		}
	}()
	xt := ctx.XRefTable
	sc, err := scan(ctx)
	if err != nil {
		return rep, crm.E(CodeCorrupt).Wrap(err)
	}

	drop := map[int]bool{}
	for _, n := range sc.fields {
		if n.mark == MarkNone {
			continue
		}
		rep.Fields = append(rep.Fields, n.name)
		if n.typ == FieldSignature && n.signed {
			rep.BrokeSignature = true
		}
		drop[n.ref.ObjectNumber.Value()] = true
		for _, w := range n.widgets {
			drop[w] = true
		}
	}
	for _, a := range sc.markAnnots {
		drop[a.objNr] = true
		rep.Annotations++
	}
	sort.Strings(rep.Fields)
	if len(drop) == 0 {
		return rep, nil
	}
	// A markup annotation's popup goes with it.
	for _, pd := range sc.pageDicts {
		annots, _ := xt.DereferenceArray(pd["Annots"])
		for _, o := range annots {
			ir, ok := o.(types.IndirectRef)
			if !ok {
				continue
			}
			d, err := xt.DereferenceDict(ir)
			if err != nil || d == nil {
				continue
			}
			if p := d.IndirectRefEntry("Parent"); p != nil && drop[p.ObjectNumber.Value()] {
				if s := d.Subtype(); s != nil && *s == "Popup" {
					drop[ir.ObjectNumber.Value()] = true
				}
			}
		}
	}

	for _, pd := range sc.pageDicts {
		if pd == nil {
			continue
		}
		o, found := pd.Find("Annots")
		if !found {
			continue
		}
		annots, err := xt.DereferenceArray(o)
		if err != nil {
			return rep, crm.E(CodeCorrupt).Wrap(err)
		}
		kept := filterRefs(annots, drop)
		if len(kept) == len(annots) {
			continue
		}
		if len(kept) == 0 {
			pd.Delete("Annots")
		} else {
			// Written back as a direct array: the old one may be shared
			// by reference and must not change for anyone else.
			pd["Annots"] = kept
		}
	}

	if sc.acroForm != nil {
		fields, err := xt.DereferenceArray(sc.acroForm["Fields"])
		if err != nil {
			return rep, crm.E(CodeCorrupt).Wrap(err)
		}
		kept, err := pruneFields(xt, fields, drop, 0)
		if err != nil {
			return rep, crm.E(CodeCorrupt).Wrap(err)
		}
		sc.acroForm["Fields"] = kept
		if co, err := xt.DereferenceArray(sc.acroForm["CO"]); err == nil && co != nil {
			if c := filterRefs(co, drop); len(c) > 0 {
				sc.acroForm["CO"] = c
			} else {
				sc.acroForm.Delete("CO")
			}
		}
		// A hybrid form's XFA copy would still show the removed fields in
		// viewers that prefer XFA; the AcroForm is what remains true.
		sc.acroForm.Delete("XFA")
		if !hasSignatureField(sc.fields, drop) {
			// SigFlags promises signatures; viewers warn about a
			// document "with signatures" that has none.
			sc.acroForm.Delete("SigFlags")
		}
		if len(kept) == 0 {
			xt.RootDict.Delete("AcroForm")
			xt.Form = nil
		}
	}
	// Certification (DocMDP) and usage rights refer to signatures that no
	// longer exist; keeping them makes viewers report a broken document.
	xt.RootDict.Delete("Perms")

	for objNr := range drop {
		// Only the mark objects themselves are freed: their appearance
		// streams may share resources with fields that stay.
		_ = xt.FreeObject(objNr)
	}
	xt.PageAnnots = map[int]model.PgAnnots{}
	xt.Signatures = map[int]map[int]model.Signature{}
	return rep, nil
}

func hasSignatureField(fields []*fieldNode, drop map[int]bool) bool {
	for _, n := range fields {
		if n.typ == FieldSignature && !drop[n.ref.ObjectNumber.Value()] {
			return true
		}
	}
	return false
}

func filterRefs(arr types.Array, drop map[int]bool) types.Array {
	kept := make(types.Array, 0, len(arr))
	for _, o := range arr {
		if ir, ok := o.(types.IndirectRef); ok && drop[ir.ObjectNumber.Value()] {
			continue
		}
		kept = append(kept, o)
	}
	return kept
}

// pruneFields removes dropped fields from a /Fields or /Kids array, and a
// parent whose field kids were all removed, so no empty "assinaturas"
// parent lingers as a field of its own.
func pruneFields(xt *model.XRefTable, arr types.Array, drop map[int]bool, depth int) (types.Array, error) {
	if depth > maxFieldDepth {
		return nil, fmt.Errorf("form field tree deeper than %d", maxFieldDepth)
	}
	kept := make(types.Array, 0, len(arr))
	for _, o := range arr {
		ir, ok := o.(types.IndirectRef)
		if !ok {
			kept = append(kept, o)
			continue
		}
		objNr := ir.ObjectNumber.Value()
		if drop[objNr] {
			continue
		}
		d, err := xt.DereferenceDict(ir)
		if err != nil {
			return nil, err
		}
		if d != nil {
			kids, err := xt.DereferenceArray(d["Kids"])
			if err != nil {
				return nil, err
			}
			if len(kids) > 0 {
				nk, err := pruneFields(xt, kids, drop, depth+1)
				if err != nil {
					return nil, err
				}
				if len(nk) == 0 {
					drop[objNr] = true
					continue
				}
				if len(nk) != len(kids) {
					d["Kids"] = nk
				}
			}
		}
		kept = append(kept, o)
	}
	return kept, nil
}
