import { describe, it, expect, vi, beforeEach } from 'vitest'
import { flushPromises, mount } from '@vue/test-utils'
import { defineComponent, h } from 'vue'
import { NDialogProvider, NMessageProvider } from 'naive-ui'

const api = vi.hoisted(() => ({ envelopes: vi.fn(), sign: vi.fn(), refuse: vi.fn(), advanceDays: vi.fn() }))
vi.mock('../../api/simulator', () => ({ simulatorApi: api }))

import SimulatorPanel from './SimulatorPanel.vue'
import { i18n } from '../../i18n'

async function mountIt() {
  const Host = defineComponent(() => () => h(NMessageProvider, () => h(NDialogProvider, () => h(SimulatorPanel))))
  const w = mount(Host, { global: { plugins: [i18n] }, attachTo: document.body })
  await flushPromises()
  return w
}

beforeEach(() => {
  i18n.global.locale.value = 'pt-BR'
  document.body.innerHTML = ''
  api.envelopes.mockReset()
})

describe('SimulatorPanel', () => {
  it('says "Assinou em dd/mm/aaaa hh:mm" in the office time zone, words and date apart', async () => {
    api.envelopes.mockResolvedValue([
      {
        id: 'e1', name: 'Reserva 12', status: 'running', deadlineAt: '2027-01-05T12:00:00Z', created: '2026-12-06T12:00:00Z',
        signers: [
          { id: 's1', name: 'Maria da Silva', group: 1, state: 'signed', refusable: true, signedAt: '2026-12-06T17:03:00Z' },
          { id: 's2', name: 'Carlos Testemunha', group: 2, state: 'pending', refusable: true },
        ],
      },
    ])
    const w = await mountIt()
    const tags = [...document.querySelectorAll('[data-testid="simulator-panel"] .signer .n-tag')].map((e) => e.textContent?.trim())
    expect(tags).toEqual(['Assinou em 06/12/2026 14:03', 'Pendente'])
    expect(document.body.textContent).not.toContain('Assinou06')
    w.unmount()
  })
})
