package clicksign

import (
	"context"
	"encoding/base64"
	"encoding/json"
	"net/http"
	"net/url"
	"path"
	"strings"
)

// DocumentStatus is the lifecycle state of a document.
type DocumentStatus string

// Document statuses.
const (
	DocumentDraft    DocumentStatus = "draft"
	DocumentRunning  DocumentStatus = "running"
	DocumentClosed   DocumentStatus = "closed"
	DocumentCanceled DocumentStatus = "canceled"
)

// Files are the download links of a document. They are pre-signed URLs valid for
// about 5 minutes: re-fetch the document to refresh them. Signed and Ziped appear
// only after the document is closed (or canceled).
type Files struct {
	Original string `json:"original,omitempty"`
	Signed   string `json:"signed,omitempty"`
	// Ziped keeps Clicksign's spelling.
	Ziped string `json:"ziped,omitempty"`
}

// DocumentAttributes are the attributes Clicksign returns for a document.
type DocumentAttributes struct {
	Status   DocumentStatus  `json:"status"`
	Filename string          `json:"filename"`
	Template json.RawMessage `json:"template,omitempty"`
	Metadata json.RawMessage `json:"metadata,omitempty"`
	Created  Time            `json:"created"`
	Modified Time            `json:"modified"`
}

// Document is a file inside an envelope.
type Document struct {
	ID       string
	SelfLink string
	Files    Files
	DocumentAttributes
}

func toDocument(r resource[DocumentAttributes]) Document {
	d := Document{ID: r.ID, DocumentAttributes: r.Attributes}
	if r.Links != nil {
		d.SelfLink = r.Links.Self
		if r.Links.Files != nil {
			d.Files = *r.Links.Files
		}
	}
	return d
}

// DocumentUpload is a file to add to an envelope.
type DocumentUpload struct {
	// Filename must carry an extension; ".pdf" is appended for PDFs without one.
	Filename string
	// Content is the raw file.
	Content []byte
	// ContentType defaults to application/pdf.
	ContentType string
	// Metadata is echoed back in document webhooks (any JSON object).
	Metadata map[string]any
}

func documentPath(envelopeID, documentID string) string {
	p := envelopePath(envelopeID) + "/documents"
	if documentID != "" {
		p += "/" + url.PathEscape(documentID)
	}
	return p
}

// CreateDocument uploads a file as a data URI (data:<mime>;base64,...).
func (c *Client) CreateDocument(ctx context.Context, envelopeID string, d DocumentUpload) (*Document, error) {
	ct := d.ContentType
	if ct == "" {
		ct = "application/pdf"
	}
	name := d.Filename
	if ct == "application/pdf" && !strings.EqualFold(path.Ext(name), ".pdf") {
		name += ".pdf"
	}
	attrs := map[string]any{
		"filename":       name,
		"content_base64": "data:" + ct + ";base64," + base64.StdEncoding.EncodeToString(d.Content),
	}
	if d.Metadata != nil {
		attrs["metadata"] = d.Metadata
	}
	body := map[string]any{"data": map[string]any{"type": "documents", "attributes": attrs}}
	var out single[DocumentAttributes]
	if err := c.do(ctx, request{method: http.MethodPost, path: documentPath(envelopeID, ""), body: body}, &out); err != nil {
		return nil, err
	}
	doc := toDocument(out.Data)
	return &doc, nil
}

// GetDocument fetches a document, including fresh download links.
func (c *Client) GetDocument(ctx context.Context, envelopeID, documentID string) (*Document, error) {
	var out single[DocumentAttributes]
	if err := c.do(ctx, request{method: http.MethodGet, path: documentPath(envelopeID, documentID), idempotent: true}, &out); err != nil {
		return nil, err
	}
	doc := toDocument(out.Data)
	return &doc, nil
}

// ListDocuments returns every document of an envelope.
func (c *Client) ListDocuments(ctx context.Context, envelopeID string) ([]Document, error) {
	return listAll(ctx, c, documentPath(envelopeID, ""), nil, toDocument)
}

// CancelDocument cancels a running document.
func (c *Client) CancelDocument(ctx context.Context, envelopeID, documentID string) (*Document, error) {
	return c.setDocumentStatus(ctx, envelopeID, documentID, DocumentCanceled)
}

// CloseDocument finalises a running document with the signatures it has.
func (c *Client) CloseDocument(ctx context.Context, envelopeID, documentID string) (*Document, error) {
	return c.setDocumentStatus(ctx, envelopeID, documentID, DocumentClosed)
}

func (c *Client) setDocumentStatus(ctx context.Context, envelopeID, documentID string, s DocumentStatus) (*Document, error) {
	body := map[string]any{"data": map[string]any{"id": documentID, "type": "documents", "attributes": map[string]any{"status": string(s)}}}
	var out single[DocumentAttributes]
	err := c.do(ctx, request{method: http.MethodPatch, path: documentPath(envelopeID, documentID), body: body, idempotent: true}, &out)
	if err != nil {
		return nil, err
	}
	doc := toDocument(out.Data)
	return &doc, nil
}

// DeleteDocument removes a document from a draft envelope.
func (c *Client) DeleteDocument(ctx context.Context, envelopeID, documentID string) error {
	return c.do(ctx, request{method: http.MethodDelete, path: documentPath(envelopeID, documentID), idempotent: true}, nil)
}
