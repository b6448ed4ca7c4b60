import * as Envelopes from '../../wailsjs/go/app/Envelopes'
import { call } from './errors'
import type { GoEnvelopeView, GoResendResult, GoSignerView, GoTimelineEntry } from './models'
import { oneOf, type Refine } from './refine'

export type EnvelopeState = 'em_andamento' | 'finalizado' | 'cancelado' | 'vencido' | 'recusado'
export type SignerState = 'pendente' | 'assinou' | 'recusou' | 'aguardando'

const envelopeStateValues: readonly EnvelopeState[] = ['em_andamento', 'finalizado', 'cancelado', 'vencido', 'recusado']
const signerStateValues: readonly SignerState[] = ['pendente', 'assinou', 'recusou', 'aguardando']

/** An envelope state from Go, as the screens know it (signing.EnvelopeState). */
export const envelopeStateOf = (s: string): EnvelopeState => oneOf(envelopeStateValues, s, 'em_andamento')

/** A signer state from Go, as the screens know it. */
export const signerStateOf = (s: string): SignerState => oneOf(signerStateValues, s, 'pendente')

/**
 * A signer of an envelope: who, in which group, invited and authenticated
 * how (what the send decided), and their state (what status sync learnt).
 */
export type SignerStatus = Refine<GoSignerView, { state: SignerState; types: string[] | null }>

export type TimelineEntry = GoTimelineEntry

/** An envelope of a reservation: the one read model the screen shows. */
export type EnvelopeStatus = Refine<
  GoEnvelopeView,
  { state: EnvelopeState; contractIds: number[] | null; signers: SignerStatus[] | null; timeline: TimelineEntry[] | null }
>

function envelopeStatus(e: GoEnvelopeView): EnvelopeStatus {
  return { ...e, state: envelopeStateOf(e.state), signers: e.signers?.map((s) => ({ ...s, state: signerStateOf(s.state) })) ?? null }
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
export type ResendResult = GoResendResult

export const envelopesApi = {
  list: (reservationId: number): Promise<EnvelopeStatus[]> =>
    call(async () => ((await Envelopes.List(reservationId)) ?? []).map(envelopeStatus)),
  /** "Atualizar": asks Clicksign and returns the envelopes as updated. */
  sync: (reservationId: number): Promise<EnvelopeStatus[]> =>
    call(async () => ((await Envelopes.Sync(reservationId)) ?? []).map(envelopeStatus)),
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
  /** A finished DocuSign envelope's Certificate of Completion, saved the same way. */
  saveCertificate: (envelopeId: string): Promise<string> => call(() => Envelopes.SaveCertificateAs(envelopeId)),
}
