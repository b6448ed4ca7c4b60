// Pessoas → "Dados de uma pessoa" (LGPD): search, exports, anonymisation,
// the access log and the lead retention setting.
import * as Privacy from '../../wailsjs/go/app/Privacy'
import type { privacy } from '../../wailsjs/go/models'
import { call } from './errors'
import { oneOf, type Refine } from './refine'

export type KeyKind = 'cpf' | 'email' | 'phone'
export const keyKinds: KeyKind[] = ['cpf', 'email', 'phone']

export type PlaceKind =
  | 'holder'
  | 'associate'
  | 'contract'
  | 'send'
  | 'envelope_signer'
  | 'signer_rule'
  | 'lead'
  | 'transcript'
  | 'chat_event'
  | 'chat_mention'
  | 'send_error'
  | 'user'
const placeKinds: readonly PlaceKind[] = [
  'holder', 'associate', 'contract', 'send', 'envelope_signer', 'signer_rule', 'lead', 'transcript', 'chat_event', 'chat_mention',
  'send_error', 'user',
]

/** What anonymisation does with a place; blocked stops it (an envelope still running). */
export type PlaceAction = 'anonymise' | 'delete' | 'keep' | 'blocked'
const placeActions: readonly PlaceAction[] = ['anonymise', 'delete', 'keep', 'blocked']

export type LogAction = 'search' | 'export_json' | 'export_pdf' | 'anonymise' | 'retention'
const logActions: readonly LogAction[] = ['search', 'export_json', 'export_pdf', 'anonymise', 'retention']

/** One place the person appears in; reason names why it is kept (signed_contract, signer_rule, user, envelope_running, attached_contract). */
export type Place = Refine<privacy.Place, { kind: PlaceKind; action: PlaceAction; fields: privacy.Field[]; messages: privacy.Message[] }>

export type Report = Refine<privacy.Report, { places: Place[] }>

export type Outcome = Refine<privacy.Outcome, { places: Place[]; kept: Place[] }>

export type LogEntry = Refine<privacy.LogEntry, { action: LogAction; counts: Record<string, number> }>

export type RetentionRun = privacy.RetentionRun

function place(p: privacy.Place): Place {
  return {
    ...p,
    kind: oneOf(placeKinds, p.kind, 'lead'),
    action: oneOf(placeActions, p.action, 'keep'),
    fields: p.fields ?? [],
    messages: p.messages ?? [],
  }
}

function report(r: privacy.Report): Report {
  return { ...r, places: (r.places ?? []).map(place) }
}

export const privacyApi = {
  search: (kind: KeyKind, text: string): Promise<Report> => call(async () => report(await Privacy.Search(kind, text))),
  /** Saves the complete JSON where the user picks; resolves with the path, '' when cancelled. */
  exportJSON: (kind: KeyKind, text: string): Promise<string> => call(() => Privacy.ExportJSON(kind, text)),
  /** Saves the readable PDF where the user picks; resolves with the path, '' when cancelled. */
  exportPDF: (kind: KeyKind, text: string): Promise<string> => call(() => Privacy.ExportPDF(kind, text)),
  anonymise: (kind: KeyKind, text: string): Promise<Outcome> =>
    call(async () => {
      const o = await Privacy.Anonymise(kind, text)
      return { ...o, places: (o.places ?? []).map(place), kept: (o.kept ?? []).map(place) }
    }),
  accessLog: (): Promise<LogEntry[]> =>
    call(async () =>
      ((await Privacy.AccessLog()) ?? []).map((e) => ({ ...e, action: oneOf(logActions, e.action, 'search'), counts: e.counts ?? {} })),
    ),
  retention: (): Promise<number> => call(() => Privacy.Retention()),
  /** What turning retention on would remove right away (removed leads, deliveries), removing nothing. */
  previewRetention: (months: number): Promise<RetentionRun> => call(() => Privacy.PreviewRetention(months)),
  setRetention: (months: number): Promise<RetentionRun> => call(() => Privacy.SetRetention(months)),
}
