import { describe, it, expect, vi, beforeEach } from 'vitest'
import { flushPromises, mount } from '@vue/test-utils'
import { defineComponent, h } from 'vue'
import { NDialogProvider, NMessageProvider } from 'naive-ui'

const api = vi.hoisted(() => ({
  envelopes: vi.fn(), sign: vi.fn(), refuse: vi.fn(), advanceDays: vi.fn(),
  docusignEnvelopes: vi.fn(), docusignSign: vi.fn(), docusignDecline: vi.fn(), docusignExpire: vi.fn(),
}))
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
  for (const f of Object.values(api)) f.mockReset()
  api.docusignEnvelopes.mockResolvedValue([])
})

describe('SimulatorPanel', () => {
  it('says "Assinou em dd/mm/aaaa hh:mm" in the office time zone, words and date apart', async () => {
    api.envelopes.mockResolvedValue([
      {
        provider: 'clicksign', id: 'e1', name: 'Reserva 12', status: 'running', deadlineAt: '2027-01-05T12:00:00Z', created: '2026-12-06T12:00:00Z',
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

  it('lists DocuSign envelopes beside Clicksign ones and drives them through the DocuSign desk', async () => {
    api.envelopes.mockResolvedValue([
      {
        provider: 'clicksign', id: 'c1', name: 'Reserva 11', status: 'running', deadlineAt: '2027-01-05T12:00:00Z', created: '2026-12-05T12:00:00Z',
        signers: [{ id: 'cs1', name: 'Paulo Clicksign', group: 1, state: 'pending', refusable: true }],
      },
    ])
    const ds = {
      provider: 'docusign', id: 'd1', name: 'Reserva 12', status: 'sent', deadlineAt: '2027-01-05T12:00:00Z', created: '2026-12-06T12:00:00Z',
      signers: [
        { id: '1', name: 'Ana Souza', group: 1, state: 'pending', refusable: true },
        { id: '2', name: 'Carla Testemunha', group: 2, state: 'waiting', refusable: true },
      ],
    }
    api.docusignEnvelopes.mockResolvedValue([ds])
    api.docusignSign.mockResolvedValue(undefined)
    api.docusignDecline.mockResolvedValue(undefined)
    api.docusignExpire.mockResolvedValue(undefined)
    const w = await mountIt()

    // Newest first, each with its service; DocuSign's status in pt-BR.
    const names = [...document.querySelectorAll('[data-testid^="sim-envelope-"]')].map((e) => e.getAttribute('data-testid'))
    expect(names).toEqual(['sim-envelope-Reserva 12', 'sim-envelope-Reserva 11'])
    const dsCard = document.querySelector('[data-testid="sim-envelope-Reserva 12"]') as HTMLElement
    expect(dsCard.querySelector('[data-testid="sim-provider"]')?.textContent?.trim()).toBe('DocuSign')
    expect(dsCard.querySelector('[data-testid="sim-status"]')?.textContent?.trim()).toBe('Em andamento')
    expect(dsCard.textContent).toContain('Aguardando a vez')
    const csCard = document.querySelector('[data-testid="sim-envelope-Reserva 11"]') as HTMLElement
    expect(csCard.querySelector('[data-testid="sim-provider"]')?.textContent?.trim()).toBe('Clicksign')
    expect(csCard.querySelector('[data-testid="sim-expire"]')).toBeNull()

    // Only Ana's turn: one "Simular assinatura" on the DocuSign card, and it
    // goes to the DocuSign simulator, not Clicksign's.
    const signs = dsCard.querySelectorAll('[data-testid="sim-sign"]')
    expect(signs).toHaveLength(1)
    ;(signs[0] as HTMLElement).click()
    await flushPromises()
    expect(api.docusignSign).toHaveBeenCalledWith('d1', '1')
    expect(api.sign).not.toHaveBeenCalled()

    // "Simular recusa" asks the reason and declines on DocuSign.
    ;(dsCard.querySelector('[data-testid="sim-refuse"]') as HTMLElement).click()
    await flushPromises()
    const reason = document.querySelector('.n-modal textarea') as HTMLTextAreaElement
    reason.value = 'Valor errado'
    reason.dispatchEvent(new Event('input'))
    await flushPromises()
    ;(document.querySelector('[data-testid="sim-refuse-confirm"]') as HTMLElement).click()
    await flushPromises()
    expect(api.docusignDecline).toHaveBeenCalledWith('d1', '1', 'Valor errado')
    expect(api.refuse).not.toHaveBeenCalled()

    // "Simular prazo vencido" voids it on the simulator; the list shows it expired.
    api.docusignEnvelopes.mockResolvedValue([{ ...ds, status: 'expired', signers: ds.signers.map((s) => ({ ...s, state: 'inactive' })) }])
    ;(document.querySelector('[data-testid="sim-envelope-Reserva 12"] [data-testid="sim-expire"]') as HTMLElement).click()
    await flushPromises()
    expect(api.docusignExpire).toHaveBeenCalledWith('d1')
    const after = document.querySelector('[data-testid="sim-envelope-Reserva 12"]') as HTMLElement
    expect(after.querySelector('[data-testid="sim-status"]')?.textContent?.trim()).toBe('Prazo vencido')
    expect(after.querySelector('[data-testid="sim-expire"]')).toBeNull()
    w.unmount()
  })

  it('still shows Clicksign envelopes when the DocuSign list fails', async () => {
    api.envelopes.mockResolvedValue([
      { provider: 'clicksign', id: 'c1', name: 'Reserva 11', status: 'running', deadlineAt: '2027-01-05T12:00:00Z', created: '2026-12-05T12:00:00Z', signers: [] },
    ])
    api.docusignEnvelopes.mockRejectedValue({ code: 'internal' })
    const w = await mountIt()
    expect(document.querySelector('[data-testid="sim-envelope-Reserva 11"]')).not.toBeNull()
    w.unmount()
  })
})
