// The one file that names the generated Go packages (../../wailsjs/go/models):
// when a Go type moves to another package, only the aliases below change.
// The rest of src/api builds its types on these names, so a renamed or
// removed Go field fails vue-tsc where a screen uses it.
//
// Two settings keep the generated types true to the JSON a binding returns
// (models.spec.ts checks both): wails.json generates interfaces, not
// classes (no createFrom/convertValues; bindings answer plain objects), and
// every time.Time field of a bound Go struct carries ts_type:"string" (Go
// sends RFC 3339 text; without the tag Wails types it any).
import { app, crm } from '../../wailsjs/go/models'
import type {
  board,
  leads,
  legal,
  demo,
  integrations,
  office,
  officeserver,
  signing,
  simulator,
  templates,
  training,
  updates,
  users,
} from '../../wailsjs/go/models'

export const GoEvent = app.Event
export type GoEvent = app.Event
// The parts of the data an app.Event.DataChanged names (crm.ChangeArea).
export const GoChangeArea = crm.ChangeArea
export type GoChangeArea = crm.ChangeArea

export type GoErrorPayload = app.ErrorPayload
export type GoSystemInfo = app.SystemInfo
export type GoUploadTarget = app.UploadTarget
export type GoStaged = templates.Staged
export type GoUpdateResult = updates.Result

export type GoBoardFilter = board.Filter
export type GoBoardCounts = board.Counts
export type GoBoardRow = board.Row
export type GoBoardSummary = board.Summary
export type GoBoardOption = board.Option
export type GoBoardOptions = board.Options
export type GoMissingSigner = board.MissingSigner
export type GoRefusal = board.Refusal

export type GoContract = crm.Contract
export type GoSendOperation = signing.SendOperation

export type GoUnit = crm.Unit
export type GoBlock = crm.Block
export type GoStage = crm.Stage
export type GoDevelopment = crm.Development
export type GoDevelopmentInput = crm.DevelopmentInput
export type GoDevelopmentSettings = crm.DevelopmentSettings
export type GoBulkUnitsInput = crm.BulkUnitsInput
export type GoUnitInput = crm.UnitInput

export type GoEnvelopeView = crm.EnvelopeView
export type GoSignerView = crm.SignerView
export type GoTimelineEntry = crm.TimelineEntry
export type GoResendResult = signing.ResendResult
export type GoWebhookStatus = signing.WebhookStatus
export type GoDocuSignConnectStatus = signing.DocuSignConnectStatus
export type GoCompromise = signing.Compromise

export type GoGuideStep = demo.Step
export type GoSampleStatus = demo.Status

export type GoIntegration = crm.Integration
export type GoIntegrationInput = crm.IntegrationInput
export type GoLoginResult = integrations.LoginResult
export type GoDocuSignAccount = integrations.Account

export type GoLeadFilter = leads.Filter
export type GoLeadSummary = leads.Summary
export type GoLeadPage = leads.Page
export type GoLeadMessage = leads.Message
export type GoLeadDetail = leads.Detail
export type GoLeadContact = leads.Contact
export type GoJivoChatConfig = leads.IntegrationConfig
export type GoJivoChatURL = leads.IntegrationURL
export type GoListenerStatus = leads.ListenerStatus

export type GoSignerRule = crm.SignerRule
export type GoRulePreview = legal.RulePreview
export type GoScopeItem = legal.ScopeItem
export type GoAssociation = legal.Association
export type GoLegalTemplate = legal.Template
export type GoDocuSignPreview = legal.DocuSignPreview
export type GoRegistryGap = legal.RegistryGap
export type GoProblem = signing.Problem

export type GoPerson = crm.Person
export type GoAssociate = crm.Associate
export type GoReservation = crm.Reservation
export type GoReservationInput = crm.ReservationInput
export type GoReservationSummary = crm.ReservationSummary
export type GoReservationFilter = crm.ReservationFilter
export type GoUnitOption = crm.UnitOption
export type GoBroker = crm.Broker

export type GoSimEnvelope = simulator.EnvelopeView
export type GoSimSigner = simulator.SignerView
export type GoDsSimEnvelope = training.DocuSignEnvelope
export type GoDsSimSigner = training.DocuSignSigner

export type GoTemplateField = crm.TemplateField
export type GoContractTemplate = crm.ContractTemplate
export type GoDataKey = crm.DataKey

export type GoUser = crm.User
export type GoUserInput = crm.UserInput
export type GoToken = crm.UserToken
export type GoGeneratedToken = users.GeneratedToken

export type GoOfficeSettings = office.Settings
export type GoOfficeView = office.View
export type GoOfficeProbe = office.ProbeResult
export type GoWhoView = office.WhoView

export type GoOfficeServerStatus = officeserver.Status
