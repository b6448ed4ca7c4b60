// Painel: the manager's board of every envelope in the office, its filters'
// choices and the CSV export. Typed wrappers over the generated bindings;
// times arrive as RFC 3339 strings (Go's zero time means "none").
import * as Board from '../../wailsjs/go/app/Board'
import { call } from './errors'
import { envelopeStateOf, type EnvelopeState } from './envelopes'
import type { GoBoardCounts, GoBoardFilter, GoBoardOption, GoBoardOptions, GoBoardRow, GoBoardSummary, GoMissingSigner, GoRefusal } from './models'
import type { Refine } from './refine'

export const envelopeStates: EnvelopeState[] = ['em_andamento', 'recusado', 'vencido', 'cancelado', 'finalizado']

/** Zero / '' means "all". from and to are "AAAA-MM-DD", both included. */
export type BoardFilter = GoBoardFilter

/** Go's counts, which must have one per envelope state (else the summary below fails to compile). */
export type BoardCounts = GoBoardCounts & Record<EnvelopeState, number>

/**
 * A signer who has not signed: waiting is true while an earlier order has
 * not signed yet (this one was not asked yet); since is when this signer was
 * asked (zero time while waiting).
 */
export type MissingSigner = GoMissingSigner

export type Refusal = GoRefusal

export type BoardRow = Refine<GoBoardRow, { state: EnvelopeState; refusal: Refusal | null }>

/** any: the office has sent at least one envelope, whatever the filter. */
export type BoardSummary = Refine<GoBoardSummary, { counts: BoardCounts; waiting: BoardRow[]; expiringSoon: BoardRow[]; refusals: BoardRow[] }>

export type BoardOption = GoBoardOption

export type BoardOptions = GoBoardOptions

export const emptyFilter = (): BoardFilter => ({ developmentId: 0, brokerId: 0, from: '', to: '' })

// Go sends a nil slice as null and leaves out a row's missing refusal.
function rows(list: GoBoardRow[] | null): BoardRow[] {
  return (list ?? []).map((r) => ({ ...r, state: envelopeStateOf(r.state), missing: r.missing ?? [], refusal: r.refusal ?? null }))
}

export const boardApi = {
  summary: (f: BoardFilter): Promise<BoardSummary> =>
    call(async () => {
      const s = await Board.Summary({ ...f })
      return {
        counts: s.counts,
        any: s.any,
        waiting: rows(s.waiting),
        expiringSoon: rows(s.expiringSoon),
        refusals: rows(s.refusals),
        at: s.at,
      }
    }),
  options: (): Promise<BoardOptions> =>
    call(async () => {
      const o = await Board.Options()
      return { developments: o.developments ?? [], brokers: o.brokers ?? [] }
    }),
  /** The export's text (UTF-8 BOM included), as ExportCSV would write it. */
  csv: (f: BoardFilter): Promise<string> => call(() => Board.CSV({ ...f })),
  /** "Exportar CSV": a native save dialog; resolves to the path, '' when cancelled. */
  exportCsv: (f: BoardFilter): Promise<string> => call(() => Board.ExportCSV({ ...f })),
}
