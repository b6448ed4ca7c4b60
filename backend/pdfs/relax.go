package pdfs

import (
	"bytes"
	"strings"

	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu/model"
	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu/types"
)

// relax repairs, in a freshly read document, details that pdfcpu's
// validation refuses although every reader (qpdf, Acrobat, pdf.js) opens
// the file: a catalog PageMode or PageLayout that is misspelled, a field's
// default appearance (DA) of the wrong type, and a name written as an
// indirect object where pdfcpu wants it direct (a colour space array such
// as [5 0 R 6 0 R] whose 5 0 obj is /ICCBased). Each repair keeps what a
// reader would show: a misspelled mode is ignored by readers anyway, a
// field without its own DA inherits the form's, and a reference to a name
// means that name. It reports whether anything changed; it is only run
// after a validation failure, so clean files pay nothing for it.
func relax(xt *model.XRefTable) bool {
	changed := false
	if xt.RootDict != nil {
		for key, valid := range map[string][]string{
			"PageMode":   {"UseNone", "UseOutlines", "UseThumbs", "FullScreen", "UseOC", "UseAttachments"},
			"PageLayout": {"SinglePage", "OneColumn", "TwoColumnLeft", "TwoColumnRight", "TwoPageLeft", "TwoPageRight"},
		} {
			if fixEnum(xt, xt.RootDict, key, valid) {
				changed = true
			}
		}
	}
	r := relaxer{xt: xt}
	for _, e := range xt.Table {
		if e == nil || e.Free || e.Object == nil {
			continue
		}
		switch o := e.Object.(type) {
		case types.Dict:
			r.dict(o, 0)
		case types.StreamDict:
			r.dict(o.Dict, 0)
		case types.Array:
			r.array(o, 0)
		}
	}
	return changed || r.changed
}

// fixEnum corrects the case of a name that must be one of valid, or drops
// the entry when it is none of them.
func fixEnum(xt *model.XRefTable, d types.Dict, key string, valid []string) bool {
	o, ok := d.Find(key)
	if !ok {
		return false
	}
	o, _ = xt.Dereference(o)
	if n, ok := o.(types.Name); ok {
		for _, v := range valid {
			if string(n) == v {
				if _, direct := d[key].(types.Name); direct {
					return false
				}
				d[key] = types.Name(v)
				return true
			}
			if strings.EqualFold(string(n), v) {
				d[key] = types.Name(v)
				return true
			}
		}
	}
	d.Delete(key)
	return true
}

// maxRelaxDepth bounds the walk through direct objects; real files nest a
// handful of levels.
const maxRelaxDepth = 64

type relaxer struct {
	xt      *model.XRefTable
	changed bool
}

// name returns the name an indirect reference points to, if it does.
func (r *relaxer) name(o types.Object) (types.Name, bool) {
	ir, ok := o.(types.IndirectRef)
	if !ok {
		return "", false
	}
	e, found := r.xt.FindTableEntryLight(ir.ObjectNumber.Value())
	if !found || e == nil || e.Free {
		return "", false
	}
	n, ok := e.Object.(types.Name)
	return n, ok
}

func (r *relaxer) dict(d types.Dict, depth int) {
	if depth > maxRelaxDepth {
		return
	}
	for k, v := range d {
		if k == "DA" {
			if !isText(r.xt, v) {
				delete(d, k)
				r.changed = true
			}
			continue
		}
		if n, ok := r.name(v); ok {
			d[k] = n
			r.changed = true
			continue
		}
		switch v := v.(type) {
		case types.Dict:
			r.dict(v, depth+1)
		case types.Array:
			r.array(v, depth+1)
		}
	}
}

func (r *relaxer) array(a types.Array, depth int) {
	if depth > maxRelaxDepth {
		return
	}
	for i, v := range a {
		if n, ok := r.name(v); ok {
			a[i] = n
			r.changed = true
			continue
		}
		switch v := v.(type) {
		case types.Dict:
			r.dict(v, depth+1)
		case types.Array:
			r.array(v, depth+1)
		}
	}
}

func isText(xt *model.XRefTable, o types.Object) bool {
	o, err := xt.Dereference(o)
	if err != nil {
		return false
	}
	switch o.(type) {
	case types.StringLiteral, types.HexLiteral:
		return true
	}
	return false
}

// inlineEncrypt reports an /Encrypt entry written as a direct dictionary
// (in a trailer or an xref stream's dictionary). pdfcpu only follows an
// indirect /Encrypt, so such a file reads as unencrypted and its strings
// and streams would be copied still enciphered into the merged output.
// The raw bytes are searched because pdfcpu keeps no trailer to look at.
func inlineEncrypt(data []byte) bool {
	key := []byte("/Encrypt")
	for off := 0; ; {
		i := bytes.Index(data[off:], key)
		if i < 0 {
			return false
		}
		j := off + i + len(key)
		for j < len(data) && isPDFSpace(data[j]) {
			j++
		}
		if j+1 < len(data) && data[j] == '<' && data[j+1] == '<' {
			return true
		}
		off = off + i + len(key)
	}
}

func isPDFSpace(c byte) bool {
	switch c {
	case ' ', '\t', '\r', '\n', '\f', 0:
		return true
	}
	return false
}
