package simulator

import (
	"archive/zip"
	"bytes"
	"encoding/base64"
	"encoding/json"
	"net/http"
	"path"
	"strings"
)

var allowedMIME = map[string]bool{
	"text/plain": true, "image/png": true, "image/jpeg": true, "application/pdf": true,
	"application/msword": true,
	"application/vnd.openxmlformats-officedocument.wordprocessingml.document": true,
}

var allowedExt = map[string]bool{".pdf": true, ".docx": true, ".doc": true, ".txt": true, ".png": true, ".jpeg": true, ".jpg": true}

func (s *Simulator) getDocument(envelopeID, documentID string) (*envelope, *document, error) {
	e, err := s.getEnvelope(envelopeID)
	if err != nil {
		return nil, nil, err
	}
	d, ok := s.st.Documents[documentID]
	if !ok || d.EnvelopeID != e.ID {
		return nil, nil, notFound(documentID)
	}
	return e, d, nil
}

// decodeDataURI splits "data:<mime>;base64,<payload>".
func decodeDataURI(v string) (string, []byte, error) {
	rest, ok := strings.CutPrefix(v, "data:")
	if !ok {
		return "", nil, invalid("content_base64", msgDataURI)
	}
	meta, payload, ok := strings.Cut(rest, ",")
	mime, isB64 := strings.CutSuffix(meta, ";base64")
	if !ok || !isB64 {
		return "", nil, invalid("content_base64", msgDataURI)
	}
	if !allowedMIME[mime] {
		return "", nil, invalid("content_base64", msgMIME)
	}
	data, err := base64.StdEncoding.DecodeString(strings.TrimSpace(payload))
	if err != nil {
		return "", nil, invalid("content_base64", msgBase64)
	}
	return mime, data, nil
}

func (s *Simulator) envelopeSize(envelopeID string) int64 {
	var n int64
	for _, d := range s.envelopeDocs(envelopeID) {
		n += d.Size
	}
	return n
}

func (s *Simulator) createDocument(r *http.Request, in *input) reply {
	e, err := s.getEnvelope(r.PathValue("envelope_id"))
	if err != nil {
		return fail(err)
	}
	// base64 grows data by 4/3; leave room for the JSON around it.
	d, err := readData(r, "documents", s.opts.MaxFileSize*4/3+smallBody)
	if err != nil {
		return fail(err)
	}
	if e.Status != "draft" {
		return fail(forbidden(msgNotDraft))
	}
	a := d.Attributes
	if err := a.allow("filename", "content_base64", "metadata", "template", "duplicate"); err != nil {
		return fail(err)
	}
	filename, _, err := a.str("filename")
	if err != nil {
		return fail(err)
	}
	var mime string
	var content []byte
	switch {
	case a["duplicate"] != nil && a["duplicate"] != "":
		dup, _ := a["duplicate"].(map[string]any)
		key, _ := dup["key"].(string)
		src, ok := s.st.Documents[key]
		if !ok {
			return fail(invalidAt("/data/attributes/duplicate/key", "duplicate", msgDuplicateNotFound))
		}
		content, _ = s.getFile(src.ID)
		mime = src.MIME
		if filename == "" {
			filename = src.Filename
		}
	case a["template"] != nil && a["template"] != "":
		// Templates are not simulated: answer like an unknown template key.
		return fail(invalidAt("/data/attributes/template/key", "template", msgTemplateNotFound))
	default:
		uri, ok, err := a.str("content_base64")
		if err != nil {
			return fail(err)
		}
		if !ok {
			return fail(invalid("content", "não pode ficar em branco"))
		}
		if mime, content, err = decodeDataURI(uri); err != nil {
			return fail(err)
		}
		if len(content) == 0 {
			return fail(invalid("content", "não pode ficar em branco"))
		}
	}
	if filename == "" {
		return fail(invalid("filename", "não pode ficar em branco"))
	}
	if !allowedExt[strings.ToLower(path.Ext(filename))] {
		return fail(invalid("filename", msgFilenameExt))
	}
	if int64(len(content)) > s.opts.MaxFileSize {
		return fail(invalid("content", msgFileTooLarge))
	}
	if s.envelopeSize(e.ID)+int64(len(content)) > s.opts.MaxEnvelopeSize {
		return fail(invalid("content", msgEnvelopeTooLarge))
	}
	var meta json.RawMessage
	if m, ok := a["metadata"]; ok && m != nil && m != "" {
		meta = mustJSON(m)
	}
	now := s.now()
	doc := &document{ID: newID(), Seq: s.nextSeq(), EnvelopeID: e.ID, Filename: filename, MIME: mime,
		Size: int64(len(content)), Status: "draft", Metadata: meta, Created: now, Modified: now}
	if err := s.putFile(doc.ID, content); err != nil {
		return internalError(err)
	}
	s.st.Documents[doc.ID] = doc
	e.Modified = now
	s.emit(doc, "upload", map[string]any{"user": s.apiUser(), "account": s.account(),
		"deadline_at": fmtTime(e.DeadlineAt), "auto_close": e.AutoClose, "locale": e.Locale})
	return reply{status: http.StatusCreated, body: single(s.documentJSON(in.base, doc))}
}

func (s *Simulator) showDocument(r *http.Request, in *input) reply {
	_, d, err := s.getDocument(r.PathValue("envelope_id"), r.PathValue("document_id"))
	if err != nil {
		return fail(err)
	}
	return reply{status: http.StatusOK, body: single(s.documentJSON(in.base, d))}
}

func (s *Simulator) listDocuments(r *http.Request, in *input) reply {
	e, err := s.getEnvelope(r.PathValue("envelope_id"))
	if err != nil {
		return fail(err)
	}
	var items []any
	for _, d := range s.envelopeDocs(e.ID) {
		items = append(items, s.documentJSON(in.base, d))
	}
	return reply{status: http.StatusOK, body: collection(r, in.base, items)}
}

func (s *Simulator) updateDocument(r *http.Request, in *input) reply {
	e, d, err := s.getDocument(r.PathValue("envelope_id"), r.PathValue("document_id"))
	if err != nil {
		return fail(err)
	}
	data, err := readData(r, "documents", smallBody)
	if err != nil {
		return fail(err)
	}
	if err := data.Attributes.allow("status", "metadata"); err != nil {
		return fail(err)
	}
	status, hasStatus, err := data.Attributes.str("status")
	if err != nil {
		return fail(err)
	}
	if hasStatus && !oneOf(status, "canceled", "closed") {
		return fail(enumErr("status", "canceled", "closed"))
	}
	if hasStatus && d.Status != "running" {
		msg := msgDocNotCancelable
		if status == "closed" {
			msg = msgDocNotClosable
		}
		return fail(invalid("status", msg))
	}
	if m, ok := data.Attributes["metadata"]; ok && m != nil && m != "" {
		d.Metadata = mustJSON(m)
		d.Modified = s.now()
	}
	if hasStatus {
		s.finish(d, status)
		if status == "closed" {
			s.emit(d, "close", map[string]any{"user": s.apiUser(), "account": s.account()})
			s.emit(d, "document_closed", map[string]any{"account": s.account()})
		} else {
			s.emit(d, "cancel", map[string]any{"user": s.apiUser(), "account": s.account()})
		}
		s.aggregate(e)
	}
	return reply{status: http.StatusOK, body: single(s.documentJSON(in.base, d))}
}

func (s *Simulator) deleteDocument(r *http.Request, in *input) reply {
	e, d, err := s.getDocument(r.PathValue("envelope_id"), r.PathValue("document_id"))
	if err != nil {
		return fail(err)
	}
	if e.Status != "draft" {
		return fail(forbidden(msgNotDraft))
	}
	for id, q := range s.st.Requirements {
		if q.DocumentID == d.ID {
			delete(s.st.Requirements, id)
		}
	}
	s.deleteFile(d.ID)
	delete(s.st.Documents, d.ID)
	return reply{status: http.StatusNoContent}
}

// serveFile stands in for the pre-signed S3 links. The "signed" file is the
// original bytes (nothing is stamped); "ziped" bundles original and signed.
func (s *Simulator) serveFile(w http.ResponseWriter, r *http.Request) {
	s.mu.Lock()
	d, ok := s.st.Documents[r.PathValue("document_id")]
	var content []byte
	if ok {
		content, ok = s.getFile(d.ID)
	}
	var status, filename, mime string
	if d != nil {
		status, filename, mime = d.Status, d.Filename, d.MIME
	}
	s.mu.Unlock()
	if !ok {
		http.NotFound(w, r)
		return
	}
	kind := r.PathValue("kind")
	finished := status == "closed" || status == "canceled"
	switch {
	case kind == "original":
		w.Header().Set("Content-Type", mime)
		_, _ = w.Write(content)
	case kind == "signed" && finished:
		w.Header().Set("Content-Type", mime)
		_, _ = w.Write(content)
	case kind == "ziped" && finished:
		var buf bytes.Buffer
		zw := zip.NewWriter(&buf)
		for _, name := range []string{filename, "assinado-" + filename} {
			f, _ := zw.Create(name)
			_, _ = f.Write(content)
		}
		_ = zw.Close()
		w.Header().Set("Content-Type", "application/zip")
		_, _ = w.Write(buf.Bytes())
	default:
		http.NotFound(w, r)
	}
}
