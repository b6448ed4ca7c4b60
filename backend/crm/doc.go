// Package crm holds Selo's business vocabulary: the types a real-estate office
// works with (developments, reservations, envelopes, leads...), the rules that
// need no I/O, and the error codes every other package reports with.
//
// Code speaks English; the screen speaks Portuguese. The mapping lives in the
// glossary of the design guide and in the frontend's i18n messages.
package crm
