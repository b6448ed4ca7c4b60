package pdfs

import (
	"context"
	"fmt"
	"sort"
	"strings"

	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu"
	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu/form"
	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu/model"
	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu/types"

	"selo/backend/crm"
)

// FillResult says what Fill did with the values it was given.
type FillResult struct {
	// Filled lists the field names that received a value.
	Filled []string
	// Unmatched lists the value names with no fillable field of that name,
	// sorted, so the screen can show "campos não encontrados".
	Unmatched []string
}

// Fill writes values into the form fields of pdf by fully qualified field
// name and returns the new document. Text and date fields take the value
// as is; checkboxes are ticked by true-ish values ("true", "sim", "x", "1")
// and cleared by anything else; radio groups and choice fields take an
// option's export value. Names without a fillable field are not an error:
// they are returned in FillResult.Unmatched.
func Fill(pdf []byte, values map[string]string) ([]byte, FillResult, error) {
	ctx, err := readContext(context.Background(), pdf, model.FILLFORMFIELDS)
	if err != nil {
		return nil, FillResult{}, err
	}
	res, err := fillContext(ctx, values)
	if err != nil {
		return nil, res, err
	}
	if len(res.Filled) == 0 {
		// Nothing changed: hand the original back rather than a rewrite.
		return pdf, res, nil
	}
	out, err := writeBytes(ctx)
	if err != nil {
		return nil, res, crm.E(CodeFill).Wrap(err)
	}
	return out, res, nil
}

func fillContext(ctx *model.Context, values map[string]string) (res FillResult, err error) {
	defer func() {
		if r := recover(); r != nil {
			err = crm.E(CodeFill).Wrap(fmt.Errorf("pdfcpu panic: %v", r))
		}
	}()
	if len(values) == 0 {
		return res, nil
	}
	sc, err := scan(ctx)
	if err != nil {
		return res, crm.E(CodeCorrupt).Wrap(err)
	}
	byName := map[string]*fieldNode{}
	for _, n := range sc.fields {
		byName[n.name] = n
	}
	for name := range values {
		n, ok := byName[name]
		if !ok || !fillable(n.typ) {
			res.Unmatched = append(res.Unmatched, name)
			continue
		}
		res.Filled = append(res.Filled, name)
	}
	sort.Strings(res.Unmatched)
	sort.Strings(res.Filled)
	if len(res.Filled) == 0 {
		return res, nil
	}

	if err := ensureCheckAppearances(ctx.XRefTable, sc.fields, values); err != nil {
		return res, crm.E(CodeFill).Wrap(err)
	}
	if err := ensureFonts(); err != nil {
		return res, crm.E(CodeFill).Wrap(err)
	}
	if err := indirectFormFonts(ctx.XRefTable, sc.acroForm); err != nil {
		return res, crm.E(CodeFill).Wrap(err)
	}
	// pdfcpu's filler draws appearances with the form's fonts; it expects
	// them cached as its own fill command does.
	if err := pdfcpu.CacheFormFonts(ctx); err != nil {
		return res, crm.E(CodeFill).Wrap(err)
	}
	details := func(id, name string, ft form.FieldType, _ form.DataFormat) ([]string, bool, bool) {
		n, ok := byName[name]
		if !ok || !fillable(n.typ) {
			return nil, false, false
		}
		v, ok := values[name]
		if !ok {
			return nil, false, false
		}
		// Returning the field's current lock keeps pdfcpu from locking or
		// unlocking it as a side effect.
		locked := n.ff&fieldReadOnly != 0
		if ft == form.FTCheckBox {
			if truthy(v) {
				return []string{"t"}, locked, true
			}
			return []string{"f"}, locked, true
		}
		if ft == form.FTListBox {
			return splitList(v), locked, true
		}
		return []string{v}, locked, true
	}
	if _, _, err := form.FillForm(ctx, details, nil, form.JSON); err != nil {
		return res, crm.E(CodeFill).Wrap(err)
	}
	return res, nil
}

// ensureCheckAppearances draws the on and off appearances of a checkbox
// that is being filled but has none (no /AP, or an /AP without /N): many
// generators leave them to the viewer, and pdfcpu's filler needs them to
// know the box's "on" name. The on name is the one the widget or field
// already uses (/AS, /V), else the spec's customary "Yes".
func ensureCheckAppearances(xt *model.XRefTable, fields []*fieldNode, values map[string]string) error {
	for _, n := range fields {
		if n.typ != FieldCheckbox {
			continue
		}
		if _, ok := values[n.name]; !ok {
			continue
		}
		for _, objNr := range n.widgets {
			w, err := xt.DereferenceDict(*types.NewIndirectRef(objNr, 0))
			if err != nil || w == nil || hasStateAppearances(xt, w) {
				continue
			}
			on := types.Name("Yes")
			for _, key := range []string{"AS", "V"} {
				if v := w.NameEntry(key); v != nil && *v != "Off" && *v != "" {
					on = types.Name(*v)
					break
				}
				if v := n.dict.NameEntry(key); v != nil && *v != "Off" && *v != "" {
					on = types.Name(*v)
					break
				}
			}
			wd, ht := 12.0, 12.0
			if r, err := xt.RectForArray(mustArray(xt, w["Rect"])); err == nil && r != nil {
				wd, ht = r.Width(), r.Height()
			}
			onRef, err := appearanceStream(xt, wd, ht, checkMark(wd, ht))
			if err != nil {
				return err
			}
			offRef, err := appearanceStream(xt, wd, ht, "")
			if err != nil {
				return err
			}
			w["AP"] = types.Dict{"N": types.Dict{string(on): *onRef, "Off": *offRef}}
			if w.NameEntry("AS") == nil {
				w["AS"] = types.Name("Off")
			}
		}
	}
	return nil
}

// hasStateAppearances tells whether a widget has the /AP /N (or /D)
// dictionary of named states a checkbox needs.
func hasStateAppearances(xt *model.XRefTable, w types.Dict) bool {
	ap, err := xt.DereferenceDict(w["AP"])
	if err != nil || len(ap) == 0 {
		return false
	}
	for _, key := range []string{"D", "N"} {
		if o, ok := ap.Find(key); ok {
			if d, err := xt.DereferenceDict(o); err == nil && len(d) > 0 {
				return true
			}
			return false
		}
	}
	return false
}

func mustArray(xt *model.XRefTable, o types.Object) types.Array {
	a, _ := xt.DereferenceArray(o)
	return a
}

// checkMark draws a tick as two strokes, so the appearance needs no font.
func checkMark(w, h float64) string {
	lw := max(1, min(w, h)/8)
	return fmt.Sprintf("q 0 g 0 G %.2f w 1 J 1 j %.2f %.2f m %.2f %.2f l %.2f %.2f l S Q",
		lw, w*0.2, h*0.5, w*0.42, h*0.22, w*0.8, h*0.8)
}

func appearanceStream(xt *model.XRefTable, w, h float64, content string) (*types.IndirectRef, error) {
	sd, err := xt.NewStreamDictForBuf([]byte(content))
	if err != nil {
		return nil, err
	}
	sd.InsertName("Type", "XObject")
	sd.InsertName("Subtype", "Form")
	sd.Insert("BBox", types.NewNumberArray(0, 0, w, h))
	sd.Insert("Resources", types.Dict{})
	if err := sd.Encode(); err != nil {
		return nil, err
	}
	return xt.IndRefForNewObject(*sd)
}

// indirectFormFonts turns font dictionaries written directly into the
// form's /DR /Font into objects of their own: the spec allows either,
// qpdf and viewers read both, and pdfcpu's filler only takes references.
func indirectFormFonts(xt *model.XRefTable, acroForm types.Dict) error {
	if acroForm == nil {
		return nil
	}
	dr, err := xt.DereferenceDict(acroForm["DR"])
	if err != nil || dr == nil {
		return err
	}
	fonts, err := xt.DereferenceDict(dr["Font"])
	if err != nil || fonts == nil {
		return err
	}
	for name, o := range fonts {
		d, ok := o.(types.Dict)
		if !ok {
			continue
		}
		ref, err := xt.IndRefForNewObject(d)
		if err != nil {
			return err
		}
		fonts[name] = *ref
	}
	return nil
}

func fillable(t FieldType) bool {
	switch t {
	case FieldText, FieldDate, FieldCheckbox, FieldRadio, FieldCombo, FieldList:
		return true
	}
	return false
}

// truthy accepts the ways Brazilian templates and spreadsheets say yes.
func truthy(v string) bool {
	switch strings.ToLower(strings.TrimSpace(normalizeAccents(v))) {
	case "true", "t", "1", "x", "yes", "y", "on", "sim", "s", "checked", "marcado", "verdadeiro", "v":
		return true
	}
	return false
}

func normalizeAccents(s string) string {
	return strings.Map(fold, s)
}

// splitList turns "a; b" or "a, b" into the values of a multi-select list.
func splitList(v string) []string {
	sep := ";"
	if !strings.Contains(v, sep) {
		sep = ","
	}
	var out []string
	for _, p := range strings.Split(v, sep) {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return out
}
