import { describe, it, expect, vi, beforeEach } from 'vitest'
import { flushPromises, mount } from '@vue/test-utils'
import { defineComponent, h } from 'vue'
import { NDialogProvider, NMessageProvider } from 'naive-ui'

const api = vi.hoisted(() => ({
  envelopes: vi.fn(), sign: vi.fn(), refuse: vi.fn(), advanceDays: vi.fn(),
  docusignEnvelopes: vi.fn(), docusignSign: vi.fn(), docusignDecline: vi.fn(), docusignExpire: vi.fn(),
  certificates: vi.fn(), signWithCertificate: vi.fn(),
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

const certs = [
  { id: 'a1', kind: 'A1', holder: 'signer', cpf: '***.982.247-**' },
  { id: 'a3', kind: 'A3', holder: 'signer', cpf: '***.982.247-**' },
  { id: 'other', kind: 'A1', holder: 'other', cpf: '***.444.777-**' },
]

beforeEach(() => {
  i18n.global.locale.value = 'pt-BR'
  document.body.innerHTML = ''
  for (const f of Object.values(api)) f.mockReset()
  api.docusignEnvelopes.mockResolvedValue([])
  api.certificates.mockResolvedValue(certs)
})

describe('SimulatorPanel · certificate step', () => {
  it('signs an ICP-Brasil signer only through a picked test certificate, and shows a refusal', async () => {
    api.envelopes.mockResolvedValue([
      {
        provider: 'clicksign', id: 'e1', name: 'Reserva 12', status: 'running', deadlineAt: '2027-01-05T12:00:00Z', created: '2026-12-06T12:00:00Z',
        signers: [{ id: 's1', name: 'Maria da Silva', group: 1, state: 'pending', refusable: true, certificate: true }],
      },
    ])
    api.signWithCertificate.mockRejectedValueOnce({ code: 'simulator.certificate_mismatch' }).mockResolvedValue(undefined)
    const w = await mountIt()
    expect(document.querySelector('[data-testid="sim-icp"]')?.textContent).toContain('ICP-Brasil')
    ;(document.querySelector('[data-testid="sim-sign"]') as HTMLElement).click()
    await flushPromises()
    expect(api.sign).not.toHaveBeenCalled()
    const dialog = document.querySelector('[data-testid="sim-certificate"]')!
    expect(dialog.textContent).toContain('Certificado A1 de Maria da Silva (CPF ***.982.247-**)')
    expect(dialog.textContent).toContain('Certificado A1 de outra pessoa (CPF ***.444.777-**)')

    ;(document.querySelector('[data-testid="sim-cert-other"] input') as HTMLInputElement).click()
    await flushPromises()
    ;(document.querySelector('[data-testid="sim-certificate-sign"]') as HTMLElement).click()
    await flushPromises()
    expect(api.signWithCertificate).toHaveBeenLastCalledWith('clicksign', 'e1', 's1', 'other')
    expect(document.body.textContent).toContain('o CPF do certificado não é o do signatário')
    // Refused: the dialog stays open for another certificate.
    expect(document.querySelector('[data-testid="sim-certificate"]')).not.toBeNull()
    ;(document.querySelector('[data-testid="sim-cert-a3"] input') as HTMLInputElement).click()
    await flushPromises()
    ;(document.querySelector('[data-testid="sim-certificate-sign"]') as HTMLElement).click()
    await flushPromises()
    expect(api.signWithCertificate).toHaveBeenLastCalledWith('clicksign', 'e1', 's1', 'a3')
    await flushPromises()
    expect(document.body.textContent).toContain('Maria da Silva')
    expect(api.envelopes.mock.calls.length).toBeGreaterThan(1)
    w.unmount()
  })

  it('signs a signer without ICP-Brasil in one click, as before', async () => {
    api.envelopes.mockResolvedValue([
      {
        provider: 'clicksign', id: 'e1', name: 'Reserva 12', status: 'running', deadlineAt: '2027-01-05T12:00:00Z', created: '2026-12-06T12:00:00Z',
        signers: [{ id: 's2', name: 'Carlos Testemunha', group: 1, state: 'pending', refusable: true, certificate: false }],
      },
    ])
    api.sign.mockResolvedValue(undefined)
    const w = await mountIt()
    ;(document.querySelector('[data-testid="sim-sign"]') as HTMLElement).click()
    await flushPromises()
    expect(api.sign).toHaveBeenCalledWith('e1', 's2')
    expect(api.certificates).not.toHaveBeenCalled()
    w.unmount()
  })
})
