package pdfs

import (
	"context"
	"fmt"
	"sort"
	"strings"

	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu"
	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu/form"
	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu/model"

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
