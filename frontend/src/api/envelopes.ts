import * as Envelopes from '../../wailsjs/go/app/Envelopes'
import { call } from './errors'

export type EnvelopeState = 'em_andamento' | 'finalizado' | 'cancelado' | 'vencido' | 'recusado'
export type SignerState = 'pendente' | 'assinou' | 'recusou' | 'aguardando'

export interface SignerStatus {
  id: string
  name: string
  group: number
  state: SignerState
  at: string
  reason: string
}

export interface TimelineEntry {
  name: string
  signer: string
  reason: string
  at: string
}

export interface EnvelopeStatus {
  id: string
  reservationId: number
  name: string
  state: EnvelopeState
  deadlineAt: string
  daysLeft: number
  simulator: boolean
  missing: boolean
  hasSigned: boolean
  syncedAt: string
  signers: SignerStatus[] | null
  timeline: TimelineEntry[] | null
}

/** A refusal a sync learnt of, as a notice shows it. */
export interface SignerRefusal {
  signerId: string
  signer: string
  reason: string
}

/**
 * Data of app.Event.EnvelopeChanged. The names are absent when the backend
 * could not read them; refusals lists only the ones new in this change.
 */
export interface EnvelopeChanged {
  envelopeId: string
  reservationId: number
  state: EnvelopeState
  name?: string
  client?: string
  refusals?: SignerRefusal[]
}

/** Who "Reenviar notificação" reached. */
export interface ResendResult {
  notified: string[]
}

export const envelopesApi = {
  list: (reservationId: number): Promise<EnvelopeStatus[]> =>
    call(async () => ((await Envelopes.List(reservationId)) ?? []) as unknown as EnvelopeStatus[]),
  /** "Atualizar": asks Clicksign and returns the envelopes as updated. */
  sync: (reservationId: number): Promise<EnvelopeStatus[]> =>
    call(async () => ((await Envelopes.Sync(reservationId)) ?? []) as unknown as EnvelopeStatus[]),
  /**
   * "Reenviar notificação" to one signer, or with signerId '' to the group
   * whose turn it is. Rejects with envelope.notify_wait (data.seconds) within
   * a minute of the last one.
   */
  resend: (envelopeId: string, signerId: string): Promise<ResendResult> =>
    call(async () => {
      const r = await Envelopes.Resend(envelopeId, signerId)
      return { notified: r?.notified ?? [] }
    }),
  /** "Cancelar envio": cancels on Clicksign for every signer, then records it. */
  cancel: (envelopeId: string): Promise<void> => call(() => Envelopes.Cancel(envelopeId)),
  /**
   * "Baixar documento assinado": the native "Salvar como" (pt-BR title, the
   * last folder or Documentos, named after the client and the day), the same
   * way as the Painel's CSV. Resolves to the path written, '' if cancelled.
   */
  saveSigned: (envelopeId: string): Promise<string> => call(() => Envelopes.SaveSignedAs(envelopeId)),
}
