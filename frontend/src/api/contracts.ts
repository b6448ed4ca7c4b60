// Reserva → Contratos: the reservation's contracts and their send for
// e-signature, with the envelope:* progress events.
import * as Contracts from '../../wailsjs/go/app/Contracts'
import { EventsOn } from '../../wailsjs/runtime/runtime'
import { app } from '../../wailsjs/go/models'
import { call, type AppError } from './errors'

export type ContractState = 'generated' | 'sending' | 'sent' | 'signed' | 'canceled'
export type ContractKind = 'generated' | 'attached'

export interface Contract {
  id: number
  reservationId: number
  kind: ContractKind
  associationId: number
  templateId: number
  name: string
  fileName: string
  pages: number
  size: number
  sha256: string
  position: number
  state: ContractState
  /** For a canceled contract: the envelope it was released from and how that ended. */
  endedEnvelopeId: string
  endedAs: '' | 'cancelado' | 'vencido' | 'recusado'
  /** A later take of this canceled contract is already in a send or signed. */
  sentAgain: boolean
  createdAt: string
}

export interface EnvelopeSigner {
  name: string
  group: number
  /** "pendente" until status sync says otherwise. */
  state: string
  types: string[] | null
  delivery: string
  auth: string
}

export interface Envelope {
  id: string
  operationId: number
  name: string
  status: string
  deadlineAt: string
  contractIds: number[] | null
  signers: EnvelopeSigner[] | null
}

export type SendStatus = 'pending' | 'running' | 'failed' | 'canceled' | 'sent'

/** A send as stored (only what the screen uses). */
export interface SendOperation {
  id: number
  reservationId: number
  contractIds: number[] | null
  status: SendStatus
  step: string
  errorCode: string
  errorData: Record<string, unknown> | null
}

/** The six steps of a send, in order, as the backend names them. */
export const sendSteps = [
  'validando',
  'mesclando',
  'enviando documento',
  'adicionando signatários',
  'ativando',
  'notificando',
] as const

export interface EnvelopeProgress {
  opId: number
  step: string
  done: number
  total: number
}
export interface EnvelopeSent {
  opId: number
  envelopeId: string
}
export interface EnvelopeFailed {
  opId: number
  code: string
  data?: Record<string, unknown>
  problems?: AppError[]
  resumable: boolean
}

function base64ToBlob(b64: string): Blob {
  const bin = atob(b64)
  const bytes = new Uint8Array(bin.length)
  for (let i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i)
  return new Blob([bytes], { type: 'application/pdf' })
}

function hasRuntime(): boolean {
  return typeof window !== 'undefined' && !!(window as { runtime?: unknown }).runtime
}

function on<T>(event: app.Event, fn: (data: T) => void): () => void {
  // Outside the app (unit tests, a page without the Wails runtime) there is
  // nothing to listen to.
  if (!hasRuntime()) return () => {}
  return EventsOn(event, (data: T) => fn(data))
}

export const contractsApi = {
  list: (reservationId: number): Promise<Contract[]> =>
    call(async () => ((await Contracts.List(reservationId)) ?? []) as unknown as Contract[]),
  generate: (reservationId: number): Promise<Contract[]> =>
    call(async () => ((await Contracts.Generate(reservationId)) ?? []) as unknown as Contract[]),
  attach: (reservationId: number, name: string, fileName: string, base64: string): Promise<Contract> =>
    call(async () => (await Contracts.Attach(reservationId, name, fileName, base64)) as unknown as Contract),
  /** The contract's PDF as a Blob, for an object-URL preview. */
  file: (id: number): Promise<Blob> => call(async () => base64ToBlob(await Contracts.File(id))),
  remove: (id: number): Promise<void> => call(() => Contracts.Delete(id)),
  /** Checks and starts the send; resolves with the operation id. */
  send: (reservationId: number, contractIds: number[]): Promise<number> =>
    call(() => Contracts.Send(reservationId, contractIds)),
  /** "Gerar e enviar novamente": new takes of an ended envelope's contracts, sent at once; the operation id. */
  sendAgain: (reservationId: number, envelopeId: string): Promise<number> =>
    call(() => Contracts.SendAgain(reservationId, envelopeId)),
  retry: (opId: number): Promise<void> => call(() => Contracts.Retry(opId)),
  cancel: (opId: number): Promise<void> => call(() => Contracts.Cancel(opId)),
  operation: (opId: number): Promise<SendOperation> =>
    call(async () => (await Contracts.Operation(opId)) as unknown as SendOperation),
  openOperations: (reservationId: number): Promise<SendOperation[]> =>
    call(async () => ((await Contracts.OpenOperations(reservationId)) ?? []) as unknown as SendOperation[]),
  envelopes: (reservationId: number): Promise<Envelope[]> =>
    call(async () => ((await Contracts.Envelopes(reservationId)) ?? []) as unknown as Envelope[]),
  onProgress: (fn: (d: EnvelopeProgress) => void) => on<EnvelopeProgress>(app.Event.EnvelopeProgress, fn),
  onSent: (fn: (d: EnvelopeSent) => void) => on<EnvelopeSent>(app.Event.EnvelopeSent, fn),
  onFailed: (fn: (d: EnvelopeFailed) => void) => on<EnvelopeFailed>(app.Event.EnvelopeFailed, fn),
}
