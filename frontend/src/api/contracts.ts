// Reserva → Contratos: the reservation's contracts and their send for
// e-signature, with the envelope:* progress events.
import * as Contracts from '../../wailsjs/go/app/Contracts'
import { call, type AppError } from './errors'
import type { GoContract, GoSendOperation } from './models'
import { oneOf, type Refine } from './refine'
import { fetchFile, type StagedFile, type UploadTarget } from './upload'
import { hasBinding } from './window'

export type ContractState = 'generated' | 'sending' | 'sent' | 'signed' | 'canceled'
export type ContractKind = 'generated' | 'attached'
/** For a canceled contract: how the envelope it was released from ended ('' when none). */
export type EndedAs = '' | 'cancelado' | 'vencido' | 'recusado'

const contractStates: readonly ContractState[] = ['generated', 'sending', 'sent', 'signed', 'canceled']
const contractKinds: readonly ContractKind[] = ['generated', 'attached']
const endings: readonly EndedAs[] = ['', 'cancelado', 'vencido', 'recusado']

/**
 * A reservation's contract. For a canceled one, endedEnvelopeId and endedAs
 * say which envelope it was released from and how that ended; sentAgain: a
 * later take of it is already in a send or signed.
 */
export type Contract = Refine<GoContract, { kind: ContractKind; state: ContractState; endedAs: EndedAs }>

export type SendStatus = 'pending' | 'running' | 'failed' | 'canceled' | 'sent'
const sendStatuses: readonly SendStatus[] = ['pending', 'running', 'failed', 'canceled', 'sent']

/** A send as stored (only what the screen uses); done of total steps come from Go. */
export type SendOperation = Refine<
  Pick<GoSendOperation, 'id' | 'reservationId' | 'contractIds' | 'status' | 'step' | 'done' | 'total' | 'errorCode' | 'errorData'>,
  { contractIds: number[] | null; status: SendStatus; errorData: Record<string, unknown> | null }
>

function contract(c: GoContract): Contract {
  return {
    ...c,
    kind: oneOf(contractKinds, c.kind, 'generated'),
    state: oneOf(contractStates, c.state, 'generated'),
    endedAs: oneOf(endings, c.endedAs, ''),
  }
}

function sendOperation(op: GoSendOperation): SendOperation {
  return { ...op, status: oneOf(sendStatuses, op.status, 'failed') }
}

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
  return hasBinding('app', 'Contracts', 'ChooseFile')
}

export const contractsApi = {
  list: (reservationId: number): Promise<Contract[]> =>
    call(async () => ((await Contracts.List(reservationId)) ?? []).map(contract)),
  generate: (reservationId: number): Promise<Contract[]> =>
    call(async () => ((await Contracts.Generate(reservationId)) ?? []).map(contract)),
  /** Where "Anexar PDF" posts a file (postFile) and the preview reads one. */
  uploadTarget,
  /**
   * "Anexar PDF" for a staged file (posted with postFile, or picked with
   * chooseFile): the bytes are already on the Go side, only the id crosses.
   * The staged file is dropped whether or not it is accepted.
   */
  attach: (reservationId: number, name: string, uploadId: string): Promise<Contract> =>
    call(async () => contract(await Contracts.Attach(reservationId, name, uploadId))),
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
    call(async () => sendOperation(await Contracts.Operation(opId))),
  openOperations: (reservationId: number): Promise<SendOperation[]> =>
    call(async () => ((await Contracts.OpenOperations(reservationId)) ?? []).map(sendOperation)),
}
