// Package jivochat turns JivoChat webhook calls into Selo leads.
//
// JivoChat posts one JSON object per event to a URL configured per channel
// (see shared/reference/jivochat-webhooks.md). This package decodes those
// bodies (Decode), decides what each event means for a lead (Handler) and
// writes the outcome through a Store in one transaction per event. It does no
// HTTP itself: package inbound owns the listener, the token check and the
// transport limits. The lead itself is domain vocabulary (crm.Lead); what
// is JivoChat's own stays here: the wire format (event.go) and the log of
// deliveries (RawEvent).
//
// Choices on points the reference leaves open (UNCONFIRMED there) live next to
// the code that makes them; the list below is the index.
//
//   - Visitor identity: visitor.number is taken as JivoChat's visitor id,
//     unique within the office's Jivo account (not scoped by widget_id), because
//     client_updated carries the same number without a chat. Leads are matched by
//     visitor id, then Jivo client_id, then e-mail, then phone.
//   - Idempotency keys: chat_accepted and chat_finished use (event_name,
//     chat_id) as the reference says; offline_message uses offline_message_id.
//     chat_updated, client_updated and call_event legitimately repeat for the
//     same chat/client with new data, so their key adds a hash of the compacted
//     body. A delivery is a duplicate only when its key AND its body hash were
//     seen: a second chat_finished of the same chat carrying one more line is
//     applied, and each line is deduplicated by its own key (messages, not
//     deliveries). Every delivery's raw body is kept, duplicates included
//     (outcome duplicate).
//   - Offline messages are dated at receipt: offline_message_id looks like a
//     millisecond epoch but that is not documented.
//   - Message timestamps above 1e11 are read as milliseconds.
//   - Events without a usable e-mail or phone that match no existing lead
//     (by visitor id, client id or an earlier delivery of the same chat) but
//     carry conversation lines create a row without contact, shown in Leads
//     as "Visitante sem contato"; it becomes a lead when a contact arrives (a
//     later event or a person typing it). Without lines either, nothing is
//     created and the raw payload is kept with outcome skipped_no_contact.
//     Deliveries an older Selo skipped that way are run again in place
//     (Handler.Reapply, at the leads service's start), so they are not lost.
//   - Known fields of an unexpected JSON type are dropped with a warning instead
//     of rejecting the event; only a body that is not a JSON object, or lacks a
//     string event_name, is refused (400).
//   - call_event, client_attribute_updated and unknown events are answered
//     {"result":"ok"}. chat_assigned and client_attribute_updated are kept as raw
//     events only.
//   - The crm_link in replies is built only when Config.LeadLinkBase is set.
//   - Stage: a lead is created as new; chat_accepted (also one that arrived
//     before the lead existed, for the same chat_id) moves new to in_progress.
//     No event moves a lead out of converted or discarded.
//   - Replies with an error (400/500/503) carry
//     {"result":"error","error":"<code>"}; the reference allows "an error
//     text" without fixing its form.
package jivochat
