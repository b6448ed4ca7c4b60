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

/** Data of app.Event.EnvelopeChanged. */
export interface EnvelopeChanged {
  envelopeId: string
  reservationId: number
  state: EnvelopeState
}

function base64ToBytes(b64: string): Uint8Array {
  const bin = atob(b64)
  const bytes = new Uint8Array(bin.length)
  for (let i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i)
  return bytes
}

export const envelopesApi = {
  list: (reservationId: number): Promise<EnvelopeStatus[]> =>
    call(async () => ((await Envelopes.List(reservationId)) ?? []) as unknown as EnvelopeStatus[]),
  /** "Atualizar": asks Clicksign and returns the envelopes as updated. */
  sync: (reservationId: number): Promise<EnvelopeStatus[]> =>
    call(async () => ((await Envelopes.Sync(reservationId)) ?? []) as unknown as EnvelopeStatus[]),
  /** The signed PDF as a Blob, for a download link that works in any webview. */
  signedFile: (envelopeId: string): Promise<Blob> =>
    call(async () => new Blob([base64ToBytes(await Envelopes.SignedFile(envelopeId)) as BlobPart], { type: 'application/pdf' })),
}
