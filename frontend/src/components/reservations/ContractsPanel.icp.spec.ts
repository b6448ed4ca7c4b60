import { describe, it, expect, vi, beforeEach } from 'vitest'
import { flushPromises, mount } from '@vue/test-utils'
import { defineComponent, h } from 'vue'
import { NDialogProvider, NMessageProvider } from 'naive-ui'
import { createPinia, setActivePinia } from 'pinia'

const api = vi.hoisted(() => ({
  list: vi.fn(),
  openOperations: vi.fn(),
  generate: vi.fn(),
  attach: vi.fn(),
  uploadTarget: vi.fn(),
  chooseFile: vi.fn(),
  discard: vi.fn(),
  file: vi.fn(),
  remove: vi.fn(),
  send: vi.fn(),
  retry: vi.fn(),
  sendAgain: vi.fn(),
  cancel: vi.fn(),
  operation: vi.fn(),
  onProgress: vi.fn(() => () => {}),
  onSent: vi.fn(() => () => {}),
  onFailed: vi.fn(() => () => {}),
}))
const native = vi.hoisted(() => vi.fn(() => false))
vi.mock('../../api/contracts', () => ({ contractsApi: api, hasNativeDialog: () => native() }))
// The reservation's envelopes (one model: what the send decided and what
// status sync learnt) come through the send store from envelopesApi.
const envApi = vi.hoisted(() => ({ list: vi.fn(), sync: vi.fn(), resend: vi.fn(), cancel: vi.fn(), saveSigned: vi.fn() }))
vi.mock('../../api/envelopes', async (orig) => ({ ...(await orig<typeof import('../../api/envelopes')>()), envelopesApi: envApi }))
// The backend's envelope:* events reach the screen through the send store's
// one subscription (eventsApi): the spec plays them here.
const bus = vi.hoisted(() => ({ fns: new Map<string, Array<(d: unknown) => void>>() }))
vi.mock('../../api/events', async (orig) => ({
  ...(await orig<typeof import('../../api/events')>()),
  eventsApi: {
    on: (event: string, fn: (d: unknown) => void) => {
      bus.fns.set(event, [...(bus.fns.get(event) ?? []), fn])
      return () => bus.fns.set(event, (bus.fns.get(event) ?? []).filter((f) => f !== fn))
    },
    off: () => {},
  },
}))

const legal = vi.hoisted(() => ({ templates: vi.fn(), list: vi.fn() }))
vi.mock('../../api/legal', async (orig) => ({
  ...(await orig<typeof import('../../api/legal')>()),
  legalApi: { templates: () => legal.templates(), list: (id: number) => legal.list(id) },
}))

import ContractsPanel from './ContractsPanel.vue'
import { i18n } from '../../i18n'


// One envelope as Envelopes.List returns it.
const envelopeView = (over: Record<string, unknown> = {}) => ({
  id: 'env-1', reservationId: 5, operationId: 1, name: 'Reserva 5', status: 'running', state: 'em_andamento', deadlineAt: '',
  daysLeft: 15, contractIds: [], simulator: false, missing: false, hasSigned: false, syncedAt: '', signers: [], timeline: [],
  ...over,
})

const rules = (id: number, auth: string) => ({
  id, developmentId: 9, templateId: id === 3 ? 2 : 4, templateName: '', registry: false, scope: 'development', scopeItems: [], position: 0,
  version: 1, updatedByName: '', previews: [],
  rules: [{ sendOrder: 1, signerType: 'holder', evidence: 'none', signatureKind: 'signature', delivery: 'email', reminder: 'email', auth, name: '', email: '', phone: '', cpf: '' }],
})

const contract = (over: Record<string, unknown> = {}) => ({
  id: 1, reservationId: 5, kind: 'generated', associationId: 3, templateId: 2, name: 'Promessa de compra e venda',
  fileName: 'contract.pdf', pages: 2, size: 7000, sha256: 'x', position: 0, state: 'generated', createdAt: '2026-11-27T12:00:00Z',
  ...over,
})



async function mountPanel() {
  const Host = defineComponent(() => () => h(NMessageProvider, () => h(NDialogProvider, () => h(ContractsPanel, { reservationId: 5, developmentId: 9 }))))
  const w = mount(Host, { global: { plugins: [i18n] }, attachTo: document.body })
  await flushPromises()
  return w
}

beforeEach(() => {
  bus.fns.clear()
  setActivePinia(createPinia())
  i18n.global.locale.value = 'pt-BR'
  Object.values(api).forEach((f) => f.mockReset())
  api.onProgress.mockReturnValue(() => {})
  api.onSent.mockReturnValue(() => {})
  api.onFailed.mockReturnValue(() => {})
  api.list.mockResolvedValue([])
  Object.values(envApi).forEach((f) => f.mockReset())
  envApi.list.mockResolvedValue([])
  api.openOperations.mockResolvedValue([])
  api.discard.mockResolvedValue(undefined)
  native.mockReset()
  native.mockReturnValue(false)
  legal.templates.mockReset()
  legal.list.mockReset()
  legal.templates.mockResolvedValue([])
  // Development 9's Jurídico: association 3 (the Promessa) has the holder on
  // a certificate, association 5 (the vistoria) signs by e-mail.
  legal.list.mockImplementation(async (id: number) => (id === 9 ? [rules(3, 'icp_brasil'), rules(5, 'email')] : []))
  document.body.innerHTML = ''
})

describe('ContractsPanel · Vai a registro', () => {
  it('says before the send which contracts carry a qualified signature (ICP-Brasil), and the signer rows after it', async () => {
    legal.templates.mockResolvedValue([
      { id: 2, name: 'Promessa de compra e venda', registry: true },
      { id: 4, name: 'Termo de vistoria', registry: false },
    ])
    api.list.mockResolvedValue([
      contract(),
      contract({ id: 2, associationId: 5, templateId: 4, name: 'Termo de vistoria' }),
      contract({ id: 3, kind: 'attached', templateId: 0, name: 'Memorial' }),
    ])
    const w = await mountPanel()
    expect(w.get('[data-testid="contracts-icp"]').text()).toContain('Assinatura qualificada (ICP-Brasil): Promessa de compra e venda.')
    const rows = w.findAll('[data-testid="contract-row"]')
    expect(rows[0].find('[data-testid="contract-icp"]').text()).toBe('assinatura qualificada (ICP-Brasil)')
    expect(rows[1].find('[data-testid="contract-icp"]').exists()).toBe(false)
    expect(rows[2].find('[data-testid="contract-icp"]').exists()).toBe(false)
    w.unmount()

    // After the send: the envelope's signer rows say who signs with a certificate.
    api.list.mockResolvedValue([contract({ state: 'sent' })])
    envApi.list.mockResolvedValue([
      envelopeView({
        contractIds: [1],
        signers: [
          { id: 's1', position: 0, name: 'Maria da Silva', group: 1, state: 'pendente', at: '', reason: '', types: ['holder'], delivery: 'email', auth: 'icp_brasil' },
          { id: 's2', position: 1, name: 'Tânia Testemunha', group: 2, state: 'pendente', at: '', reason: '', types: ['witness'], delivery: 'email', auth: 'email' },
        ],
      }),
    ])
    const again = await mountPanel()
    const signers = again.findAll('[data-testid="send-signer"]').map((r) => r.text())
    expect(signers[0]).toContain('Certificado ICP-Brasil')
    expect(signers[1]).not.toContain('ICP-Brasil')
  })

  it('shows no notice when no signer rule asks for a certificate', async () => {
    legal.templates.mockResolvedValue([{ id: 2, name: 'Promessa de compra e venda', registry: false }])
    legal.list.mockResolvedValue([rules(3, 'email')])
    api.list.mockResolvedValue([contract()])
    const w = await mountPanel()
    expect(w.find('[data-testid="contracts-icp"]').exists()).toBe(false)
  })

  it('does not claim ICP-Brasil for a contract signed before the flag: its envelope signed by e-mail', async () => {
    legal.templates.mockResolvedValue([{ id: 2, name: 'Promessa de compra e venda', registry: true }])
    api.list.mockResolvedValue([contract({ state: 'signed' })])
    envApi.list.mockResolvedValue([
      envelopeView({
        state: 'finalizado',
        contractIds: [1],
        signers: [{ id: 's1', position: 0, name: 'Maria da Silva', group: 1, state: 'assinou', at: '', reason: '', types: ['holder'], delivery: 'email', auth: 'email' }],
      }),
    ])
    const w = await mountPanel()
    expect(w.find('[data-testid="contract-icp"]').exists()).toBe(false)
    expect(w.find('[data-testid="contracts-icp"]').exists()).toBe(false)
  })

  it('still says ICP-Brasil after the flag is removed while the rules ask for the certificate, and not for rules without it', async () => {
    legal.templates.mockResolvedValue([{ id: 2, name: 'Promessa de compra e venda', registry: false }])
    api.list.mockResolvedValue([contract(), contract({ id: 2, associationId: 5, templateId: 4, name: 'Termo de vistoria' })])
    const w = await mountPanel()
    expect(legal.list).toHaveBeenCalledWith(9)
    const rows = w.findAll('[data-testid="contract-row"]')
    expect(rows[0].find('[data-testid="contract-icp"]').exists()).toBe(true)
    expect(rows[1].find('[data-testid="contract-icp"]').exists()).toBe(false)
    expect(w.get('[data-testid="contracts-icp"]').text()).toContain('Promessa de compra e venda.')
  })
})
