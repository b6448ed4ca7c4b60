package pdfs

import (
	"context"
	"fmt"
	"io"
	"strings"

	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu/model"
	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu/types"

	"selo/backend/crm"
)

// FieldType is the kind of a form field as the screens name it.
type FieldType string

// Field types. Date is a text field with a date format action; Button is
// a push button (it holds no value).
const (
	// FieldText is a text field (/FT /Tx).
	FieldText FieldType = "text"
	// FieldDate is a text field formatted as a date.
	FieldDate FieldType = "date"
	// FieldCheckbox is a check box (/FT /Btn, neither radio nor push).
	FieldCheckbox FieldType = "checkbox"
	// FieldRadio is a radio button group.
	FieldRadio FieldType = "radio"
	// FieldCombo is a drop-down choice (/FT /Ch with the combo flag).
	FieldCombo FieldType = "combo"
	// FieldList is a list box choice.
	FieldList FieldType = "list"
	// FieldButton is a push button.
	FieldButton FieldType = "button"
	// FieldSignature is a digital signature field (/FT /Sig).
	FieldSignature FieldType = "signature"
	// FieldUnknown is a field without a recognizable /FT.
	FieldUnknown FieldType = "unknown"
)

// Field is one terminal form field.
type Field struct {
	// Name is the fully qualified name ("parent.child"), the key Fill uses.
	Name  string
	Type  FieldType
	Value string
	// Page is the first page showing the field (1-based); 0 when it has no
	// widget on any page. Pages lists all of them.
	Page     int
	Pages    []int
	ReadOnly bool
	// Mark says whether the field is a signature or initials mark that
	// StripMarks switches off.
	Mark MarkKind
}

// Info describes a validated, unencrypted PDF.
type Info struct {
	Pages   int
	Size    int64
	Version string
	Fields  []Field
	// Marks counts the fields that are signature or initials marks.
	Marks int
	// MarkAnnotations counts annotations that are not form fields but look
	// like marks (a stamp or note titled "Assinatura", an orphan signature
	// widget). StripMarks removes them too.
	MarkAnnotations int
	// Signed reports a signature field that already holds a signature:
	// stripping it invalidates that signature, which the screen may want to
	// say.
	Signed bool
}

// MarkFields returns the fields that are marks.
func (i Info) MarkFields() []Field {
	var out []Field
	for _, f := range i.Fields {
		if f.Mark != MarkNone {
			out = append(out, f)
		}
	}
	return out
}

// Field returns the field with the given fully qualified name.
func (i Info) Field(name string) (Field, bool) {
	for _, f := range i.Fields {
		if f.Name == name {
			return f, true
		}
	}
	return Field{}, false
}

// Inspect validates a PDF and describes it. It refuses non-PDF input
// (CodeNotPDF), encrypted files (CodeEncrypted) and unreadable ones
// (CodeCorrupt), each with its own code so the screen can say which.
//
// A file Inspect accepts goes all the way: on the document it has just
// read, Inspect also fills every fillable field, switches off the marks,
// appends the result to another document and writes it, as generating and
// sending will. A file that fails there is refused now (CodeFill,
// CodeMerge) rather than accepted and failing on the day of the send.
func Inspect(pdf []byte) (Info, error) {
	info, ctx, err := describeBytes(pdf, model.FILLFORMFIELDS)
	if err != nil {
		return Info{}, err
	}
	if err := rehearse(ctx, info); err != nil {
		return Info{}, err
	}
	return info, nil
}

// Describe validates and describes a PDF like Inspect, without the
// rehearsal: for a document Selo has just written itself (a generated
// contract), whose template passed Inspect.
func Describe(pdf []byte) (Info, error) {
	info, _, err := describeBytes(pdf, model.VALIDATE)
	return info, err
}

func describeBytes(pdf []byte, cmd model.CommandMode) (Info, *model.Context, error) {
	ctx, err := readContext(context.Background(), pdf, cmd)
	if err != nil {
		return Info{}, nil, err
	}
	info, err := describe(ctx, int64(len(pdf)))
	if err != nil {
		return Info{}, nil, crm.E(CodeCorrupt).Wrap(err)
	}
	return info, ctx, nil
}

// rehearsalValue is written into text fields by the rehearsal: accents, a
// cedilla and the ordinal sign, which need more than the fonts' basics.
const rehearsalValue = "João Conceição Ávila, nº 7"

// rehearse runs generation and sending on ctx: every fillable field
// filled, marks stripped, the document appended after another one, and the
// result written to nowhere.
func rehearse(ctx *model.Context, info Info) error {
	values := map[string]string{}
	for _, f := range info.Fields {
		if f.Mark != MarkNone || f.ReadOnly {
			continue
		}
		switch f.Type {
		case FieldText:
			values[f.Name] = rehearsalValue
		case FieldDate:
			values[f.Name] = "07/12/2026"
		case FieldCheckbox:
			values[f.Name] = "sim"
		}
	}
	if _, err := fillContext(ctx, values); err != nil {
		return err
	}
	if _, err := stripContext(ctx); err != nil {
		return err
	}
	dest, err := readContext(context.Background(), rehearsalDest, model.MERGECREATE)
	if err != nil {
		return crm.E(CodeMerge).Wrap(err)
	}
	if dest, err = mergeInto(nil, dest, 0); err != nil {
		return crm.E(CodeMerge).Wrap(err)
	}
	if _, err = mergeInto(dest, ctx, 1); err != nil {
		return err
	}
	if err := write(dest, io.Discard); err != nil {
		return crm.E(CodeMerge).Wrap(err)
	}
	return nil
}

// rehearsalDest is the smallest PDF 1.4 document: one empty page.
var rehearsalDest = []byte("%PDF-1.4\n" +
	"1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n" +
	"2 0 obj\n<< /Type /Pages /Kids [3 0 R] /Count 1 >>\nendobj\n" +
	"3 0 obj\n<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>\nendobj\n" +
	"xref\n0 4\n0000000000 65535 f \n0000000009 00000 n \n0000000058 00000 n \n0000000115 00000 n \n" +
	"trailer\n<< /Size 4 /Root 1 0 R >>\nstartxref\n186\n%%EOF\n")

// InspectReader is Inspect for a file or upload; an io.ReadSeeker is read
// from its start whatever its current offset. A read failure is returned
// as is (it is an I/O problem, not the document's).
func InspectReader(r io.Reader) (Info, error) {
	data, err := readAll(r)
	if err != nil {
		return Info{}, err
	}
	return Inspect(data)
}

func describe(ctx *model.Context, size int64) (info Info, err error) {
	defer recoverCorrupt(&err)
	sc, err := scan(ctx)
	if err != nil {
		return Info{}, err
	}
	info = Info{
		Pages:           ctx.PageCount,
		Size:            size,
		Version:         ctx.XRefTable.VersionString(),
		MarkAnnotations: len(sc.markAnnots),
	}
	for _, n := range sc.fields {
		f := Field{
			Name:     n.name,
			Type:     n.typ,
			Value:    n.value,
			Pages:    n.pages,
			ReadOnly: n.ff&fieldReadOnly != 0,
			Mark:     n.mark,
		}
		if len(f.Pages) > 0 {
			f.Page = f.Pages[0]
		}
		if f.Mark != MarkNone {
			info.Marks++
		}
		if n.typ == FieldSignature && n.signed {
			info.Signed = true
		}
		info.Fields = append(info.Fields, f)
	}
	return info, nil
}

// Field flag bits (PDF 32000-1, 12.7.3.1 and 12.7.4).
const (
	fieldReadOnly   = 1 << 0
	fieldRadio      = 1 << 15
	fieldPushbutton = 1 << 16
	fieldCombo      = 1 << 17
)

// fieldNode is a terminal field found while walking the AcroForm tree.
type fieldNode struct {
	ref     types.IndirectRef
	dict    types.Dict
	name    string
	ft      string
	ff      int
	typ     FieldType
	value   string
	signed  bool
	mark    MarkKind
	widgets []int // object numbers of its widget annotations
	pages   []int
}

// pageAnnot is an annotation reference found in a page's /Annots.
type pageAnnot struct {
	page  int
	objNr int
}

// scanResult is everything Inspect and StripMarks need from one pass.
type scanResult struct {
	acroForm   types.Dict
	fields     []*fieldNode
	markAnnots []pageAnnot
	pageDicts  []types.Dict // index page-1
}

const maxFieldDepth = 32

func scan(ctx *model.Context) (*scanResult, error) {
	xt := ctx.XRefTable
	sc := &scanResult{}

	widgetPage := map[int][]int{}
	var candidates []pageAnnot
	for p := 1; p <= ctx.PageCount; p++ {
		d, _, _, err := xt.PageDict(p, false)
		if err != nil {
			return nil, fmt.Errorf("page %d: %w", p, err)
		}
		sc.pageDicts = append(sc.pageDicts, d)
		if d == nil {
			continue
		}
		annots, err := xt.DereferenceArray(d["Annots"])
		if err != nil {
			return nil, fmt.Errorf("page %d annots: %w", p, err)
		}
		for _, o := range annots {
			ir, ok := o.(types.IndirectRef)
			if !ok {
				continue
			}
			objNr := ir.ObjectNumber.Value()
			widgetPage[objNr] = append(widgetPage[objNr], p)
			candidates = append(candidates, pageAnnot{page: p, objNr: objNr})
		}
	}

	if o, ok := xt.RootDict.Find("AcroForm"); ok {
		af, err := xt.DereferenceDict(o)
		if err != nil {
			return nil, fmt.Errorf("AcroForm: %w", err)
		}
		sc.acroForm = af
	}
	inForm := map[int]bool{}
	if sc.acroForm != nil {
		fields, err := xt.DereferenceArray(sc.acroForm["Fields"])
		if err != nil {
			return nil, fmt.Errorf("AcroForm fields: %w", err)
		}
		w := walker{xt: xt, seen: map[int]bool{}, out: &sc.fields}
		if err := w.walk(fields, "", "", 0, nil, 0); err != nil {
			return nil, err
		}
		for _, n := range sc.fields {
			inForm[n.ref.ObjectNumber.Value()] = true
			for _, wn := range n.widgets {
				inForm[wn] = true
				n.pages = appendUnique(n.pages, widgetPage[wn]...)
			}
		}
	}

	for _, c := range candidates {
		if inForm[c.objNr] {
			continue
		}
		d, err := xt.DereferenceDict(*types.NewIndirectRef(c.objNr, 0))
		if err != nil || d == nil {
			continue
		}
		if annotIsMark(xt, d) {
			sc.markAnnots = append(sc.markAnnots, c)
		}
	}
	return sc, nil
}

// annotIsMark decides for an annotation outside the form: an orphan
// signature widget, or a stamp/note whose title, name or text says it is a
// signature or initials box. Links and popups never are.
func annotIsMark(xt *model.XRefTable, d types.Dict) bool {
	sub := ""
	if s := d.Subtype(); s != nil {
		sub = *s
	}
	switch sub {
	case "Link", "Popup":
		return false
	case "Widget":
		// A widget outside /Fields (a broken or half-removed form) is
		// judged by the field it claims as parent, as a viewer would.
		name, ft := orphanWidgetField(xt, d)
		if ft == "Sig" || MarkKindForName(name) != MarkNone {
			return true
		}
	}
	for _, key := range []string{"T", "NM", "Subj", "Contents"} {
		o, ok := d.Find(key)
		if !ok {
			continue
		}
		s, err := xt.DereferenceText(o)
		if err != nil || len(s) > 200 {
			// Long text is a comment about something, not a box label.
			continue
		}
		if MarkKindForName(s) != MarkNone {
			return true
		}
	}
	return false
}

// orphanWidgetField resolves the qualified name and inherited field type
// of a widget through its /Parent chain.
func orphanWidgetField(xt *model.XRefTable, d types.Dict) (name, ft string) {
	for depth := 0; d != nil && depth < maxFieldDepth; depth++ {
		if ft == "" {
			if n := d.NameEntry("FT"); n != nil {
				ft = *n
			}
		}
		if t, ok := d.Find("T"); ok {
			if s, err := xt.DereferenceText(t); err == nil && s != "" {
				if name == "" {
					name = s
				} else {
					name = s + "." + name
				}
			}
		}
		p, ok := d.Find("Parent")
		if !ok {
			break
		}
		next, err := xt.DereferenceDict(p)
		if err != nil {
			break
		}
		d = next
	}
	return name, ft
}

type walker struct {
	xt   *model.XRefTable
	seen map[int]bool
	out  *[]*fieldNode
}

// walk visits a /Fields or /Kids array. Inheritable attributes (FT, Ff, V)
// flow down from parents, as the spec says.
func (w *walker) walk(arr types.Array, prefix, ft string, ff int, v types.Object, depth int) error {
	if depth > maxFieldDepth {
		return fmt.Errorf("form field tree deeper than %d", maxFieldDepth)
	}
	for _, o := range arr {
		ir, ok := o.(types.IndirectRef)
		if !ok {
			continue
		}
		objNr := ir.ObjectNumber.Value()
		if w.seen[objNr] {
			continue
		}
		w.seen[objNr] = true
		d, err := w.xt.DereferenceDict(ir)
		if err != nil {
			return fmt.Errorf("form field obj#%d: %w", objNr, err)
		}
		if d == nil {
			continue
		}
		name := prefix
		if t, ok := d.Find("T"); ok {
			part, err := w.xt.DereferenceText(t)
			if err != nil {
				return fmt.Errorf("form field obj#%d name: %w", objNr, err)
			}
			if name != "" {
				name += "."
			}
			name += part
		}
		nft, nff, nv := ft, ff, v
		if n := d.NameEntry("FT"); n != nil {
			nft = *n
		}
		if o, ok := d.Find("Ff"); ok {
			if i, err := w.xt.DereferenceInteger(o); err == nil && i != nil {
				nff = i.Value()
			}
		}
		if o, ok := d.Find("V"); ok {
			nv = o
		}

		kids, err := w.xt.DereferenceArray(d["Kids"])
		if err != nil {
			return fmt.Errorf("form field %q kids: %w", name, err)
		}
		if w.hasFieldKids(kids) {
			if err := w.walk(kids, name, nft, nff, nv, depth+1); err != nil {
				return err
			}
			continue
		}

		n := &fieldNode{ref: ir, dict: d, name: name, ft: nft, ff: nff}
		if len(kids) == 0 {
			n.widgets = []int{objNr}
		}
		for _, k := range kids {
			if kr, ok := k.(types.IndirectRef); ok {
				n.widgets = append(n.widgets, kr.ObjectNumber.Value())
				w.seen[kr.ObjectNumber.Value()] = true
			}
		}
		n.typ = fieldType(w.xt, d, nft, nff)
		n.value, n.signed = fieldValue(w.xt, nv, n.typ)
		n.mark = MarkKindForName(name)
		if n.typ == FieldSignature {
			n.mark = MarkSignature
		}
		*w.out = append(*w.out, n)
	}
	return nil
}

// hasFieldKids tells a non-terminal field (kids are fields, carrying /T)
// from a terminal one whose kids are only its widgets.
func (w *walker) hasFieldKids(kids types.Array) bool {
	for _, k := range kids {
		d, err := w.xt.DereferenceDict(k)
		if err != nil || d == nil {
			continue
		}
		if _, ok := d.Find("T"); ok {
			return true
		}
		if s := d.Subtype(); s == nil || *s != "Widget" {
			if _, ok := d.Find("Kids"); ok {
				return true
			}
		}
	}
	return false
}

func fieldType(xt *model.XRefTable, d types.Dict, ft string, ff int) FieldType {
	switch ft {
	case "Tx":
		if isDateField(xt, d) {
			return FieldDate
		}
		return FieldText
	case "Btn":
		switch {
		case ff&fieldPushbutton != 0:
			return FieldButton
		case ff&fieldRadio != 0:
			return FieldRadio
		}
		return FieldCheckbox
	case "Ch":
		if ff&fieldCombo != 0 {
			return FieldCombo
		}
		return FieldList
	case "Sig":
		return FieldSignature
	}
	return FieldUnknown
}

// isDateField looks for the Acrobat date formatting script, which is how
// both Acrobat and pdfcpu mark a text field as a date.
func isDateField(xt *model.XRefTable, d types.Dict) bool {
	aa, err := xt.DereferenceDict(d["AA"])
	if err != nil || aa == nil {
		return false
	}
	f, err := xt.DereferenceDict(aa["F"])
	if err != nil || f == nil {
		return false
	}
	js, ok := f.Find("JS")
	if !ok {
		return false
	}
	s, err := xt.DereferenceText(js)
	return err == nil && strings.Contains(s, "AFDate_")
}

func fieldValue(xt *model.XRefTable, v types.Object, typ FieldType) (string, bool) {
	if v == nil {
		return "", false
	}
	o, err := xt.Dereference(v)
	if err != nil || o == nil {
		return "", false
	}
	switch o := o.(type) {
	case types.StringLiteral, types.HexLiteral:
		s, err := xt.DereferenceText(o)
		if err != nil {
			return "", false
		}
		return s, false
	case types.Name:
		if o == "Off" {
			return "", false
		}
		return string(o), false
	case types.Array:
		parts := make([]string, 0, len(o))
		for _, e := range o {
			if s, _ := fieldValue(xt, e, typ); s != "" {
				parts = append(parts, s)
			}
		}
		return strings.Join(parts, ", "), false
	case types.Dict:
		// A signature value dictionary: the field is signed.
		return "", typ == FieldSignature
	}
	return "", false
}

func appendUnique(s []int, vs ...int) []int {
	for _, v := range vs {
		found := false
		for _, x := range s {
			if x == v {
				found = true
				break
			}
		}
		if !found {
			s = append(s, v)
		}
	}
	return s
}

func recoverCorrupt(err *error) {
	if r := recover(); r != nil {
		*err = fmt.Errorf("pdfcpu panic: %v", r)
	}
}
