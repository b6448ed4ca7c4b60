// The send for e-signature and the envelopes' status, as the Go side reports
// them: one subscription to the envelope:* events for the whole app, the
// sends kept by operation id, and the snapshot of a stored operation read
// once when a screen opens on it. Nothing here re-reads an operation on a
// timer: the events drive the bar, and reopening a screen re-reads what it
// shows, which is how a screen that missed an event still ends right.
import { defineStore } from 'pinia'
import { reactive } from 'vue'
import { contractsApi, type EnvelopeFailed, type EnvelopeProgress, type EnvelopeSent, type SendOperation } from '../api/contracts'
import { envelopesApi, type EnvelopeChanged, type EnvelopeStatus, type ResendResult } from '../api/envelopes'
import { AppEvent, eventsApi } from '../api/events'
import type { AppError } from '../api/errors'

export type SendPhase = 'running' | 'sent' | 'failed'

/** Where one send stands, as the progress modal shows it. */
export interface SendState {
  opId: number | null
  /** Steps complete, 0..total (the Go side counts them). */
  done: number
  total: number
  phase: SendPhase
  failure: AppError | null
  resumable: boolean
  canceling: boolean
}

interface Operation extends SendState {
  opId: number
  /** 0 until a send, a snapshot or a screen says whose it is. */
  reservationId: number
  /**
   * The order of the last thing that changed this operation (an event, a
   * click, a snapshot): a snapshot asked for before it is older than what
   * the screen already shows, and is dropped.
   */
  seq: number
}

/** The send a reservation's screen follows in its progress modal. */
interface Followed {
  /** null while Go has not yet answered with the operation's id. */
  opId: number | null
  /** The call itself was refused (a send checked before anything left). */
  refused: AppError | null
}

/** Total steps before Go has said otherwise (six: validando … notificando). */
const defaultTotal = 6

/**
 * Whether "Tentar novamente" can continue a stored failure: a validation
 * needs a new send, and so does one stopped before its documents were saved.
 * An event says it itself (EnvelopeFailed.resumable); a snapshot does not.
 */
function resumableCode(code: string): boolean {
  return code !== 'validation.failed' && code !== 'envelope.request_needed'
}

export const useSendStore = defineStore('send', () => {
  const operations = reactive(new Map<number, Operation>())
  const followed = reactive(new Map<number, Followed>())
  const statuses = reactive(new Map<number, EnvelopeStatus[]>())
  /** envelope:changed per reservation, counted: a screen reloads when its count moves. */
  const envelopeChanges = reactive(new Map<number, number>())
  /** Sends that ended (sent or failed), counted: the contracts' states may have moved. */
  const ended = reactive({ count: 0 })
  let seq = 0

  function operation(opId: number): Operation {
    let op = operations.get(opId)
    if (!op) {
      operations.set(opId, {
        opId,
        reservationId: 0,
        done: 0,
        total: defaultTotal,
        phase: 'running',
        failure: null,
        resumable: false,
        canceling: false,
        seq: 0,
      })
      op = operations.get(opId)!
    }
    return op
  }

  function fail(op: Operation, failure: AppError, resumable: boolean) {
    op.phase = 'failed'
    op.failure = failure
    op.resumable = resumable
    op.canceling = false
  }

  // ---- the events (kept even for a send whose id is not known yet) ----

  function onProgress(d: EnvelopeProgress) {
    const op = operation(d.opId)
    op.seq = ++seq
    if (d.total > 0) op.total = d.total
    if (op.phase === 'failed') {
      // Progress after a failure is a new run of it (Tentar novamente
      // elsewhere, or the resume at start-up).
      Object.assign(op, { phase: 'running', failure: null, resumable: false, done: d.done })
    } else if (op.phase === 'running') {
      op.done = Math.max(op.done, d.done)
    }
  }

  function onSent(d: EnvelopeSent) {
    const op = operation(d.opId)
    op.seq = ++seq
    Object.assign(op, { phase: 'sent', done: op.total, failure: null, canceling: false })
    ended.count++
  }

  function onFailed(d: EnvelopeFailed) {
    const op = operation(d.opId)
    op.seq = ++seq
    fail(op, { code: d.code, data: d.data, problems: d.problems }, d.resumable)
    ended.count++
  }

  function onChanged(d: EnvelopeChanged) {
    envelopeChanges.set(d.reservationId, (envelopeChanges.get(d.reservationId) ?? 0) + 1)
  }

  eventsApi.on(AppEvent.EnvelopeProgress, onProgress)
  eventsApi.on(AppEvent.EnvelopeSent, onSent)
  eventsApi.on(AppEvent.EnvelopeFailed, onFailed)
  eventsApi.on(AppEvent.EnvelopeChanged, onChanged)

  // ---- snapshots: what Go stored, for a screen opened after the events ----

  /**
   * Takes in a stored operation whose read began when seq was asked:
   * anything that touched the operation since (an event, a click) is newer
   * than the read and wins.
   */
  function snapshot(s: SendOperation, asked: number) {
    const op = operation(s.id)
    if (s.reservationId) op.reservationId = s.reservationId
    if (op.seq > asked) return
    op.seq = ++seq
    if (s.total > 0) op.total = s.total
    if (s.status === 'sent') {
      Object.assign(op, { phase: 'sent', done: op.total, failure: null, canceling: false })
    } else if (s.status === 'failed' || s.status === 'canceled') {
      const problems = (s.errorData?.problems as AppError[] | undefined) ?? undefined
      op.done = s.done
      fail(op, { code: s.errorCode || 'internal', data: s.errorData ?? undefined, problems }, resumableCode(s.errorCode))
    } else {
      // Running: the events may already have gone past the stored step.
      op.done = op.phase === 'running' ? Math.max(op.done, s.done) : s.done
      Object.assign(op, { phase: 'running', failure: null, resumable: false })
    }
  }

  /**
   * The reservation's sends still open (running, or stopped and resumable),
   * newest first, read once as the screen opens. A send this store saw
   * running that is no longer open ended while its events went missing: it
   * is read once too, so the screen ends in "sent" or "failed" all the same.
   */
  async function loadOpen(reservationId: number): Promise<number[]> {
    const asked = seq
    const open = await contractsApi.openOperations(reservationId)
    for (const s of open) snapshot(s, asked)
    const lost = [...operations.values()].filter(
      (op) => op.reservationId === reservationId && op.phase === 'running' && !open.some((s) => s.id === op.opId),
    )
    await Promise.all(
      lost.map(async (op) => {
        try {
          snapshot(await contractsApi.operation(op.opId), asked)
        } catch {
          /* the next opening of the screen reads it again */
        }
      }),
    )
    return open.map((s) => s.id)
  }

  // ---- what a screen shows and asks ----

  /** The send the reservation's progress modal shows. */
  function view(reservationId: number): SendState {
    const f = followed.get(reservationId)
    const op = f?.opId != null ? operations.get(f.opId) : undefined
    if (op) return op
    const refused = f?.refused ?? null
    return {
      opId: f?.opId ?? null,
      done: 0,
      total: defaultTotal,
      phase: refused ? 'failed' : 'running',
      failure: refused,
      resumable: false,
      canceling: false,
    }
  }

  /** True from the click on "Enviar" until the send the screen follows ends. */
  function busy(reservationId: number): boolean {
    return followed.has(reservationId) && view(reservationId).phase === 'running'
  }

  /** The stored send's state (an open one the screen offers to follow), or null. */
  function stateOf(opId: number): SendState | null {
    return operations.get(opId) ?? null
  }

  /** "Acompanhar": the modal follows an open send of the reservation. */
  function follow(reservationId: number, opId: number) {
    operation(opId).reservationId = reservationId
    followed.set(reservationId, { opId, refused: null })
  }

  /** The screen is gone: nobody follows its send any more (the send goes on). */
  function release(reservationId: number) {
    followed.delete(reservationId)
  }

  // Starts a send through call (Send or SendAgain) and follows it. Events may
  // come before call answers with the id: they are kept by id, and a run
  // they already reported is not reset to "running".
  async function start(reservationId: number, call: () => Promise<number>): Promise<boolean> {
    if (busy(reservationId)) return false
    const f: Followed = reactive({ opId: null, refused: null })
    followed.set(reservationId, f)
    const asked = seq
    try {
      const opId = await call()
      const op = operation(opId)
      op.reservationId = reservationId
      if (op.seq <= asked) {
        op.seq = ++seq
        Object.assign(op, { phase: 'running', done: 0, failure: null, resumable: false, canceling: false })
      }
      f.opId = opId
      return true
    } catch (e) {
      // Checked before anything left the computer: every problem at once.
      f.refused = e as AppError
      return false
    }
  }

  /** "Enviar contratos para assinatura eletrônica". */
  function send(reservationId: number, contractIds: number[]): Promise<boolean> {
    return start(reservationId, () => contractsApi.send(reservationId, contractIds))
  }

  /** "Gerar e enviar novamente" for an envelope that ended unsigned. */
  function sendAgain(reservationId: number, envelopeId: string): Promise<boolean> {
    return start(reservationId, () => contractsApi.sendAgain(reservationId, envelopeId))
  }

  /** "Tentar novamente": the same operation resumes where it stopped. */
  async function retry(reservationId: number) {
    const opId = followed.get(reservationId)?.opId
    if (opId == null) return
    const op = operation(opId)
    op.seq = ++seq
    Object.assign(op, { phase: 'running', failure: null, resumable: false, canceling: false })
    try {
      await contractsApi.retry(opId)
    } catch (e) {
      op.seq = ++seq
      fail(op, e as AppError, true)
    }
  }

  /** "Cancelar envio" before activation; rejects when Go refused it. */
  async function cancel(reservationId: number) {
    const opId = followed.get(reservationId)?.opId
    if (opId == null) return
    const op = operation(opId)
    op.canceling = true
    try {
      await contractsApi.cancel(opId)
    } catch (e) {
      op.canceling = false
      throw e
    }
  }

  // ---- the envelopes' status ----

  /** How many envelope:changed the reservation had: watch it to reload. */
  function changesOf(reservationId: number): number {
    return envelopeChanges.get(reservationId) ?? 0
  }

  /** The reservation's envelopes as last read or synced. */
  function statusesOf(reservationId: number): EnvelopeStatus[] {
    return statuses.get(reservationId) ?? []
  }

  /** Reads the envelopes' status as stored. */
  async function loadStatuses(reservationId: number) {
    statuses.set(reservationId, await envelopesApi.list(reservationId))
  }

  /** "Atualizar": asks Clicksign, then keeps what it said. */
  async function syncStatuses(reservationId: number) {
    statuses.set(reservationId, await envelopesApi.sync(reservationId))
  }

  /** "Reenviar notificação" to a signer ('' : the group whose turn it is). */
  function resend(envelopeId: string, signerId: string): Promise<ResendResult> {
    return envelopesApi.resend(envelopeId, signerId)
  }

  /** "Cancelar envio" of a running envelope. */
  function cancelEnvelope(envelopeId: string): Promise<void> {
    return envelopesApi.cancel(envelopeId)
  }

  /** "Baixar documento assinado" through the native "Salvar como"; '' when cancelled. */
  function saveSigned(envelopeId: string): Promise<string> {
    return envelopesApi.saveSigned(envelopeId)
  }

  return {
    ended,
    view,
    busy,
    stateOf,
    follow,
    release,
    loadOpen,
    send,
    sendAgain,
    retry,
    cancel,
    changesOf,
    statusesOf,
    loadStatuses,
    syncStatuses,
    resend,
    cancelEnvelope,
    saveSigned,
  }
})
