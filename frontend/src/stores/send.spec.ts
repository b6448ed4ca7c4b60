import { describe, it, expect, vi, beforeEach, afterEach } from 'vitest'
import { flushPromises } from '@vue/test-utils'
import { createPinia, setActivePinia } from 'pinia'

const api = vi.hoisted(() => ({
  send: vi.fn(),
  sendAgain: vi.fn(),
  retry: vi.fn(),
  cancel: vi.fn(),
  operation: vi.fn(),
  openOperations: vi.fn(),
}))
const envApi = vi.hoisted(() => ({ list: vi.fn(), sync: vi.fn(), resend: vi.fn(), cancel: vi.fn(), saveSigned: vi.fn() }))
vi.mock('../api/contracts', () => ({ contractsApi: api }))
vi.mock('../api/envelopes', () => ({ envelopesApi: envApi }))
// The Go events, played by the spec through the one subscription the store makes.
const bus = vi.hoisted(() => ({ fns: new Map<string, Array<(d: unknown) => void>>() }))
vi.mock('../api/events', async (orig) => ({
  ...(await orig<typeof import('../api/events')>()),
  eventsApi: {
    on: (event: string, fn: (d: unknown) => void) => {
      bus.fns.set(event, [...(bus.fns.get(event) ?? []), fn])
      return () => {}
    },
  },
}))

import { useSendStore } from './send'

function emit(event: string, data: unknown) {
  for (const fn of bus.fns.get(event) ?? []) fn(data)
}
const progress = (opId: number, done: number) => emit('envelope:progress', { opId, step: 'x', done, total: 6 })
const sent = (opId: number) => emit('envelope:sent', { opId, envelopeId: `env-${opId}` })

const stored = (over: Record<string, unknown>) => ({
  id: 7, reservationId: 5, contractIds: [1], status: 'running', step: 'merged', done: 2, total: 6, errorCode: '', errorData: null,
  ...over,
})

/** A reload: the app starts again with an empty store and no listener. */
function reload() {
  bus.fns.clear()
  setActivePinia(createPinia())
  return useSendStore()
}

beforeEach(() => {
  Object.values(api).forEach((f) => f.mockReset())
  Object.values(envApi).forEach((f) => f.mockReset())
  api.openOperations.mockResolvedValue([])
})
afterEach(() => {
  vi.useRealTimers()
})

describe('send store', () => {
  it('subscribes once to the four envelope events', () => {
    const s = reload()
    useSendStore()
    expect(s).toBe(useSendStore())
    expect([...bus.fns.keys()].sort()).toEqual(['envelope:changed', 'envelope:failed', 'envelope:progress', 'envelope:sent'])
    for (const fns of bus.fns.values()) expect(fns).toHaveLength(1)
  })

  it('keeps events that come before Send answers with the operation id', async () => {
    const s = reload()
    let answer!: (id: number) => void
    api.send.mockReturnValue(new Promise<number>((r) => (answer = r)))
    const started = s.send(5, [1, 2])
    expect(s.view(5)).toMatchObject({ opId: null, phase: 'running', done: 0 })
    expect(s.busy(5)).toBe(true)
    progress(9, 3)
    sent(9)
    answer(9)
    expect(await started).toBe(true)
    expect(s.view(5)).toMatchObject({ opId: 9, phase: 'sent', done: 6 })
    expect(s.busy(5)).toBe(false)
    expect(s.ended.count).toBe(1)
  })

  it('keeps a failure reported before the id, with every problem, and offers no retry for a validation', async () => {
    const s = reload()
    let answer!: (id: number) => void
    api.send.mockReturnValue(new Promise<number>((r) => (answer = r)))
    const started = s.send(5, [1])
    const problems = [{ code: 'signer.cpf_invalid', data: { name: 'Maria' } }, { code: 'envelope.broker_missing' }]
    emit('envelope:failed', { opId: 3, code: 'validation.failed', problems, resumable: false })
    answer(3)
    await started
    expect(s.view(5)).toMatchObject({ opId: 3, phase: 'failed', resumable: false, failure: { code: 'validation.failed', problems } })
  })

  it('a bar only moves forward, and nothing moves a sent one back', async () => {
    const s = reload()
    api.send.mockResolvedValue(4)
    await s.send(5, [1])
    progress(4, 3)
    progress(4, 2)
    expect(s.view(5).done).toBe(3)
    sent(4)
    progress(4, 5)
    expect(s.view(5)).toMatchObject({ phase: 'sent', done: 6 })
  })

  it('sends once on a double click', async () => {
    const s = reload()
    api.send.mockReturnValue(new Promise(() => {}))
    void s.send(5, [1])
    void s.send(5, [1])
    expect(api.send).toHaveBeenCalledTimes(1)
  })

  it('says why Go refused the send before any operation existed', async () => {
    const s = reload()
    api.send.mockRejectedValue({ code: 'validation.failed', problems: [{ code: 'envelope.no_documents' }] })
    expect(await s.send(5, [1])).toBe(false)
    expect(s.view(5)).toMatchObject({ opId: null, phase: 'failed', resumable: false, failure: { code: 'validation.failed' } })
    expect(s.busy(5)).toBe(false)
  })

  it('never re-reads an operation on a timer: the events alone drive the bar', async () => {
    vi.useFakeTimers()
    const s = reload()
    api.send.mockResolvedValue(4)
    await s.send(5, [1])
    await vi.advanceTimersByTimeAsync(60_000)
    expect(api.operation).not.toHaveBeenCalled()
    expect(api.openOperations).not.toHaveBeenCalled()
    expect(vi.getTimerCount()).toBe(0)
    progress(4, 4)
    expect(s.view(5)).toMatchObject({ phase: 'running', done: 4 })
  })

  it('reads a stored operation once as the screen opens, then follows the events', async () => {
    const s = reload()
    api.openOperations.mockResolvedValue([stored({ id: 7, status: 'running', step: 'signers', done: 3 })])
    expect(await s.loadOpen(5)).toEqual([7])
    expect(s.stateOf(7)).toMatchObject({ phase: 'running', done: 3, total: 6 })
    s.follow(5, 7)
    expect(s.busy(5)).toBe(true)
    progress(7, 4)
    expect(s.view(5).done).toBe(4)
    sent(7)
    expect(s.view(5)).toMatchObject({ phase: 'sent', done: 6 })
    expect(api.operation).not.toHaveBeenCalled()
  })

  it('drops a snapshot asked for before an event that it then contradicts', async () => {
    const s = reload()
    api.send.mockResolvedValue(7)
    await s.send(5, [1])
    let answer!: (ops: unknown[]) => void
    api.openOperations.mockReturnValue(new Promise((r) => (answer = r)))
    const loading = s.loadOpen(5)
    sent(7)
    answer([stored({ id: 7, status: 'running', done: 2 })])
    await loading
    expect(s.view(5)).toMatchObject({ phase: 'sent', done: 6 })
  })

  it('shows a stored failure with its problems after a reload, and resumes it with "Tentar novamente"', async () => {
    let s = reload()
    api.send.mockResolvedValue(7)
    await s.send(5, [1])
    progress(7, 2)
    // The app is closed mid-send; Go stops the run at the next step.
    s = reload()
    api.openOperations.mockResolvedValue([
      stored({ id: 7, status: 'failed', step: 'envelope', done: 2, errorCode: 'integration.unreachable', errorData: { host: 'x' } }),
    ])
    await s.loadOpen(5)
    s.follow(5, 7)
    expect(s.view(5)).toMatchObject({ opId: 7, phase: 'failed', done: 2, resumable: true, failure: { code: 'integration.unreachable', data: { host: 'x' } } })
    expect(s.busy(5)).toBe(false)

    api.retry.mockResolvedValue(undefined)
    await s.retry(5)
    expect(api.retry).toHaveBeenCalledWith(7)
    expect(s.view(5)).toMatchObject({ phase: 'running', done: 2, failure: null })
    expect(s.busy(5)).toBe(true)
    progress(7, 5)
    sent(7)
    expect(s.view(5)).toMatchObject({ phase: 'sent', done: 6 })
  })

  it('a stored validation failure lists its problems and cannot be retried', async () => {
    const s = reload()
    const problems = [{ code: 'field.required', field: 'signers[0].cpf', data: { name: 'Maria' } }]
    api.openOperations.mockResolvedValue([stored({ status: 'failed', step: 'new', done: 0, errorCode: 'validation.failed', errorData: { problems } })])
    await s.loadOpen(5)
    s.follow(5, 7)
    expect(s.view(5)).toMatchObject({ phase: 'failed', resumable: false, failure: { code: 'validation.failed', problems } })
  })

  it('a send whose last events were lost ends right when the screen opens again', async () => {
    const s = reload()
    api.send.mockResolvedValue(8)
    await s.send(5, [1])
    progress(8, 4)
    // envelope:sent never arrives: the screen still shows the bar running.
    expect(s.view(5)).toMatchObject({ phase: 'running', done: 4 })
    // Reopening the panel: the send is no longer open, so its stored state is read once.
    api.openOperations.mockResolvedValue([])
    api.operation.mockResolvedValue(stored({ id: 8, status: 'sent', step: 'notified', done: 6 }))
    await s.loadOpen(5)
    expect(api.operation).toHaveBeenCalledTimes(1)
    expect(api.operation).toHaveBeenCalledWith(8)
    expect(s.view(5)).toMatchObject({ phase: 'sent', done: 6 })
    // Ended: opening again reads nothing more.
    await s.loadOpen(5)
    expect(api.operation).toHaveBeenCalledTimes(1)
  })

  it('a lost failure also ends right on reopening, with what Go stored', async () => {
    const s = reload()
    api.send.mockResolvedValue(8)
    await s.send(5, [1])
    api.openOperations.mockResolvedValue([stored({ id: 8, status: 'failed', step: 'requirements', done: 4, errorCode: 'integration.service_error' })])
    await s.loadOpen(5)
    expect(s.view(5)).toMatchObject({ phase: 'failed', done: 4, resumable: true, failure: { code: 'integration.service_error' } })
  })

  it('Cancelar marks the send canceling until Go reports how it stopped', async () => {
    const s = reload()
    api.send.mockResolvedValue(4)
    await s.send(5, [1])
    api.cancel.mockResolvedValue(undefined)
    await s.cancel(5)
    expect(api.cancel).toHaveBeenCalledWith(4)
    expect(s.view(5).canceling).toBe(true)
    emit('envelope:failed', { opId: 4, code: 'operation.canceled', resumable: true })
    expect(s.view(5)).toMatchObject({ phase: 'failed', canceling: false, resumable: true })

    api.send.mockResolvedValue(5)
    await s.send(5, [1])
    api.cancel.mockRejectedValue({ code: 'envelope.already_active' })
    await expect(s.cancel(5)).rejects.toMatchObject({ code: 'envelope.already_active' })
    expect(s.view(5).canceling).toBe(false)
  })

  it('counts envelope:changed per reservation and keeps the statuses it read', async () => {
    const s = reload()
    envApi.list.mockResolvedValue([{ id: 'env-1', state: 'em_andamento' }])
    await s.loadStatuses(5)
    expect(s.statusesOf(5)).toEqual([{ id: 'env-1', state: 'em_andamento' }])
    emit('envelope:changed', { envelopeId: 'env-1', reservationId: 5, state: 'finalizado' })
    emit('envelope:changed', { envelopeId: 'env-2', reservationId: 6, state: 'recusado' })
    emit('envelope:changed', { envelopeId: 'env-1', reservationId: 5, state: 'finalizado' })
    expect(s.changesOf(5)).toBe(2)
    expect(s.changesOf(6)).toBe(1)
    expect(s.changesOf(7)).toBe(0)
    envApi.sync.mockResolvedValue([{ id: 'env-1', state: 'finalizado' }])
    await s.syncStatuses(5)
    expect(s.statusesOf(5)).toEqual([{ id: 'env-1', state: 'finalizado' }])
    await flushPromises()
  })
})
