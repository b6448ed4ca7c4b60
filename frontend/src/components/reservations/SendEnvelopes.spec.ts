import { describe, it, expect, vi, beforeEach } from 'vitest'
import { flushPromises, mount } from '@vue/test-utils'
import { defineComponent, h } from 'vue'
import { NMessageProvider } from 'naive-ui'

const api = vi.hoisted(() => ({ list: vi.fn(), sync: vi.fn(), signedFile: vi.fn() }))
const sim = vi.hoisted(() => ({ sign: vi.fn(), refuse: vi.fn(), envelopes: vi.fn(), advanceDays: vi.fn() }))
vi.mock('../../api/envelopes', () => ({ envelopesApi: api }))
vi.mock('../../api/simulator', () => ({ simulatorApi: sim }))

import SendEnvelopes from './SendEnvelopes.vue'
import { i18n } from '../../i18n'

const envelope = {
  id: 'env-1', operationId: 1, name: 'Reserva 5', status: 'running', deadlineAt: '2026-12-12T12:00:00Z', contractIds: [1],
  signers: [
    { name: 'Maria', group: 1, state: 'pendente', types: ['holder'], delivery: 'email', auth: 'email' },
    { name: 'João', group: 1, state: 'pendente', types: ['spouse'], delivery: 'email', auth: 'email' },
    { name: 'Tânia', group: 2, state: 'pendente', types: ['witness'], delivery: 'email', auth: 'email' },
  ],
}

const status = (over: Record<string, unknown> = {}) => ({
  id: 'env-1', reservationId: 5, name: 'Reserva 5', state: 'em_andamento', deadlineAt: '2026-12-12T12:00:00Z', daysLeft: 15,
  simulator: true, missing: false, hasSigned: false, syncedAt: '',
  signers: [
    { id: 's1', name: 'Maria', group: 1, state: 'assinou', at: '2026-11-27T13:05:00Z', reason: '' },
    { id: 's2', name: 'João', group: 1, state: 'recusou', at: '2026-11-27T13:06:00Z', reason: 'Valor errado' },
    { id: 's3', name: 'Tânia', group: 2, state: 'aguardando', at: '', reason: '' },
  ],
  timeline: [{ name: 'sign', signer: 'Maria', reason: '', at: '2026-11-27T13:05:00Z' }],
  ...over,
})

async function mountIt() {
  const Host = defineComponent(() => () => h(NMessageProvider, () => h(SendEnvelopes, { envelopes: [envelope], reservationId: 5 })))
  const w = mount(Host, { global: { plugins: [i18n] } })
  await flushPromises()
  return w
}

beforeEach(() => {
  i18n.global.locale.value = 'pt-BR'
  Object.values(api).forEach((f) => f.mockReset())
  Object.values(sim).forEach((f) => f.mockReset())
})

describe('SendEnvelopes', () => {
  it('shows each signer with date, reason or turn, the days left and the timeline', async () => {
    api.list.mockResolvedValue([status()])
    const w = await mountIt()
    const states = w.findAll('[data-testid="send-signer-state"]').map((e) => e.text())
    expect(states).toEqual(['Assinou em 27/11/2026, 10:05', 'Recusou: Valor errado', 'Aguardando a vez'])
    expect(w.get('[data-testid="send-envelope-days"]').text()).toBe('faltam 15 dias')
    expect(w.get('[data-testid="send-timeline-entry"]').text()).toContain('Maria assinou')
    expect(w.find('[data-testid="envelope-download"]').exists()).toBe(false)
  })

  it('simulates a signature for a pending signer and syncs', async () => {
    const pending = status({
      signers: [
        { id: 's1', name: 'Maria', group: 1, state: 'pendente', at: '', reason: '' },
        { id: 's2', name: 'João', group: 1, state: 'pendente', at: '', reason: '' },
        { id: 's3', name: 'Tânia', group: 2, state: 'aguardando', at: '', reason: '' },
      ],
    })
    api.list.mockResolvedValue([pending])
    api.sync.mockResolvedValue([status({ state: 'finalizado', hasSigned: true })])
    sim.sign.mockResolvedValue(undefined)
    const w = await mountIt()
    const buttons = w.findAll('[data-testid="sim-sign"]')
    expect(buttons.length).toBe(2)
    await buttons[0].trigger('click')
    await flushPromises()
    expect(sim.sign).toHaveBeenCalledWith('env-1', 's1')
    expect(api.sync).toHaveBeenCalledWith(5)
    expect(w.get('[data-testid="send-envelope-state"]').text()).toBe('Finalizado')
    expect(w.find('[data-testid="envelope-download"]').exists()).toBe(true)
  })
})
