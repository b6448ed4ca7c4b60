// Painel: the manager's board of every envelope in the office, its filters'
// choices and the CSV export. Typed wrappers over the generated bindings;
// times arrive as RFC 3339 strings (Go's zero time means "none").
import * as Board from '../../wailsjs/go/app/Board'
import { call } from './errors'
import type { EnvelopeState } from './envelopes'

export const envelopeStates: EnvelopeState[] = ['em_andamento', 'recusado', 'vencido', 'cancelado', 'finalizado']

/** Zero / '' means "all". from and to are "AAAA-MM-DD", both included. */
export interface BoardFilter {
  developmentId: number
  brokerId: number
  from: string
  to: string
}

export type BoardCounts = Record<EnvelopeState, number> & { total: number }

export interface MissingSigner {
  name: string
  /** An earlier order has not signed yet: this signer was not asked yet. */
  waiting: boolean
  /** When this signer was asked to sign (zero time while waiting). */
  since: string
}

export interface Refusal {
  signerName: string
  reason: string
  at: string
}

export interface BoardRow {
  envelopeId: string
  reservationId: number
  clientName: string
  developmentName: string
  blockName: string
  unitNumber: string
  brokerName: string
  envelopeName: string
  state: EnvelopeState
  sentAt: string
  deadlineAt: string
  daysLeft: number
  missing: MissingSigner[]
  refusal: Refusal | null
}

export interface BoardSummary {
  counts: BoardCounts
  /** The office has sent at least one envelope, whatever the filter. */
  any: boolean
  waiting: BoardRow[]
  expiringSoon: BoardRow[]
  refusals: BoardRow[]
  at: string
}

export interface BoardOption {
  id: number
  name: string
}

export interface BoardOptions {
  developments: BoardOption[]
  brokers: BoardOption[]
}

export const emptyFilter = (): BoardFilter => ({ developmentId: 0, brokerId: 0, from: '', to: '' })

function rows(list: unknown): BoardRow[] {
  return ((list ?? []) as BoardRow[]).map((r) => ({ ...r, missing: r.missing ?? [], refusal: r.refusal ?? null }))
}

export const boardApi = {
  summary: (f: BoardFilter): Promise<BoardSummary> =>
    call(async () => {
      const s = await Board.Summary({ ...f })
      return {
        counts: s.counts as BoardCounts,
        any: s.any,
        waiting: rows(s.waiting),
        expiringSoon: rows(s.expiringSoon),
        refusals: rows(s.refusals),
        at: s.at as string,
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
