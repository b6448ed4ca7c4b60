// Package crm holds Selo's business vocabulary: the types a real-estate office
// works with, the rules that need no I/O, and the error codes every other
// package reports with. Start here to find what a word on the screen means in
// code; the files are:
//
//   - errors.go: Error (a stable code, the field at fault, the data its
//     message needs), Invalid (every problem of a form at once) and the shared
//     codes (CodeRequired, CodeNotFound, ...), and IsDiskFull (its
//     per-system part is in diskfull_*.go). The pt-BR texts live in the
//     frontend's i18n, keyed by code.
//   - integration.go: Integration, an e-signature key (Clicksign or
//     DocuSign, sandbox or production), its validation and Last4.
//   - development.go: Development (Empreendimento) with its Stage (Etapa),
//     Block (Bloco) and Unit (Unidade), the development's settings, bulk unit
//     planning, money and area parsing.
//   - reservation.go: Reservation (Reserva), its status, Person (titular and
//     associados), ValidateReservation and SearchKey.
//   - unit.go: UnitOption (a free unit the reservation form offers) and
//     Broker (a user who can be the corretor).
//   - contract.go: Contract (a reservation's generated or attached PDF),
//     ContractKind, ContractState and ContractStateOf, the one rule that
//     derives a contract's state from the sends that include it.
//   - scope.go: ContractScope and ScopeCovers, which units a contract
//     associated with a development applies to.
//   - envelope.go: EnvelopeState and SignerState (what the office sees of
//     a send for signature), DaysLeft, and EnvelopeView, the one read model
//     of an envelope that the reservation screen shows.
//   - template.go: ContractTemplate (Contrato, the PDF form) and the data keys
//     Selo writes into its fields.
//   - signerrule.go: SignerRule (Assinante configurado), FixedPerson and
//     ValidateSignerRules; the words a rule is made of are in
//     signertype.go (SignerType: who signs, with pt-BR labels and the merge
//     precedence) and channel.go (Evidence, SignatureKind, Channel,
//     ChannelField, and the channel rules ChannelSet.Apply applies when the
//     user picks a channel, with the vectors the frontend runs too).
//   - signermerge.go: ResolvedSigner (a rule bound to a real person),
//     PersonKey, ValidateResolvedSigners and MergeSigners (one person, once,
//     with the strongest requirements, across the contracts of an envelope).
//   - person.go: person data checks: CPF and CNPJ (valid, format), e-mail
//     (ValidEmail for forms, NormalizeEmail for what a chat visitor typed).
//   - phone.go: Phone and the one rule of what a Brazilian number is;
//     ParsePhone reads a form field, ParseChatPhone reads chat text
//     best-effort, ValidMobile asks for a mobile (SMS, WhatsApp).
//   - lead.go: Lead (a person who chatted), LeadStage, Attribution, Geo and
//     LeadMessage (one line of the conversation).
//   - user.go: User (Usuário administrativo), UserRole (gestor, corretor),
//     UserInput and UserToken (a named token that authorises a webhook URL).
//   - change.go: ChangeArea (the parts of the data a screen shows:
//     envelopes, reservations, leads) and ChangeFeed, how an office database
//     tells this PC what any PC changed, so its screens reload.
//   - integrationtx.go and demo.go: the two storage callbacks a service hands
//     the adapter (a key's write transaction, the dados de exemplo writer),
//     declared here so the adapter never imports a service.
//
// Code speaks English; the screen speaks Portuguese. The mapping lives in the
// glossary of the design guide and in the frontend's i18n messages.
package crm
