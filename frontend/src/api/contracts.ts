// Reserva → Contratos: the reservation's contracts and their send for
// e-signature, with the envelope:* progress events.
import * as Contracts from '../../wailsjs/go/app/Contracts'
import { EventsOn } from '../../wailsjs/runtime/runtime'
import { app } from '../../wailsjs/go/models'
import { call, type AppError } from './errors'
import { fetchFile, type StagedFile, type UploadTarget } from './upload'

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
  /** Done of total steps of the bar, counted as the envelope:progress events count them. */
  done: number
  total: number
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

// The upload route, the contracts' files URL and the secret do not change
// while the app runs: ask Go once (again after a failure).
let target: Promise<UploadTarget> | null = null
function uploadTarget(): Promise<UploadTarget> {
  target ??= call(async () => await Contracts.UploadTarget()).catch((e) => {
    target = null
    throw e
  })
  return target
}

/**
 * True where Selo's Go side answers (the window, or a browser on the dev
 * server): "Anexar PDF" can open the native dialog, and Go reads the chosen
 * file from disk itself.
 */
export function hasNativeDialog(): boolean {
  const w = window as unknown as { go?: { app?: { Contracts?: { ChooseFile?: unknown } } } }
  return typeof w.go?.app?.Contracts?.ChooseFile === 'function'
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
  /** Where "Anexar PDF" posts a file (postFile) and the preview reads one. */
  uploadTarget,
  /**
   * "Anexar PDF" for a staged file (posted with postFile, or picked with
   * chooseFile): the bytes are already on the Go side, only the id crosses.
   * The staged file is dropped whether or not it is accepted.
   */
  attach: (reservationId: number, name: string, uploadId: string): Promise<Contract> =>
    call(async () => (await Contracts.Attach(reservationId, name, uploadId)) as unknown as Contract),
  /** Opens the native dialog and stages the chosen PDF; id '' when it was closed. */
  chooseFile: (): Promise<StagedFile> => call(async () => await Contracts.ChooseFile()),
  /** Cancelar: drops a staged file and stops an attach still checking it. */
  discard: (uploadId: string): Promise<void> => call(() => Contracts.Discard(uploadId)),
  /** The contract's PDF as a Blob, read from the asset server, for an object-URL preview. */
  file: async (id: number): Promise<Blob> => fetchFile(await uploadTarget(), id),
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
