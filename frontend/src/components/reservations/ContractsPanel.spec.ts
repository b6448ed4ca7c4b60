import { describe, it, expect, vi, beforeEach } from 'vitest'
import { flushPromises, mount } from '@vue/test-utils'
import { defineComponent, h } from 'vue'
import { NDialogProvider, NMessageProvider } from 'naive-ui'

const api = vi.hoisted(() => ({
  list: vi.fn(),
  envelopes: vi.fn(),
  openOperations: vi.fn(),
  generate: vi.fn(),
  attach: vi.fn(),
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
vi.mock('../../api/contracts', () => ({ contractsApi: api }))

import ContractsPanel from './ContractsPanel.vue'
import { i18n } from '../../i18n'

const phoneSentence = 'Assinatura Eletrônica com autenticação via SMS/WhatsApp requer um número de telefone válido.'

const contract = (over: Record<string, unknown> = {}) => ({
  id: 1, reservationId: 5, kind: 'generated', associationId: 3, templateId: 2, name: 'Promessa de compra e venda',
  fileName: 'contract.pdf', pages: 2, size: 7000, sha256: 'x', position: 0, state: 'generated', createdAt: '2026-11-27T12:00:00Z',
  ...over,
})

async function mountPanel() {
  const Host = defineComponent(() => () => h(NMessageProvider, () => h(NDialogProvider, () => h(ContractsPanel, { reservationId: 5 }))))
  const w = mount(Host, { global: { plugins: [i18n] }, attachTo: document.body })
  await flushPromises()
  return w
}

beforeEach(() => {
  i18n.global.locale.value = 'pt-BR'
  Object.values(api).forEach((f) => f.mockReset())
  api.onProgress.mockReturnValue(() => {})
  api.onSent.mockReturnValue(() => {})
  api.onFailed.mockReturnValue(() => {})
  api.list.mockResolvedValue([])
  api.envelopes.mockResolvedValue([])
  api.openOperations.mockResolvedValue([])
  document.body.innerHTML = ''
})

describe('ContractsPanel', () => {
  it('shows contracts of an expired envelope as cancelled and sends them again in one click', async () => {
    const ended = { state: 'canceled', endedEnvelopeId: 'env-1', endedAs: 'vencido', sentAgain: false }
    api.list.mockResolvedValue([contract(ended), contract({ id: 2, kind: 'attached', name: 'Memorial', ...ended })])
    api.envelopes.mockResolvedValue([{ id: 'env-1', operationId: 7, name: 'Reserva 5 · Ipê 101', status: 'canceled', deadlineAt: '', contractIds: [1, 2], signers: [] }])
    api.sendAgain.mockResolvedValue(8)
    api.operation.mockResolvedValue({ id: 8, status: 'running', step: 'merged', errorCode: '', errorData: null })
    const w = await mountPanel()
    const states = w.findAll('[data-testid="contract-state"]').map((x) => x.text())
    expect(states).toEqual(['Cancelado (prazo vencido)', 'Cancelado (prazo vencido)'])
    // One notice per envelope, not per contract.
    const notices = w.findAll('[data-testid="send-again"]')
    expect(notices).toHaveLength(1)
    expect(notices[0].text()).toContain('O prazo de “Reserva 5 · Ipê 101” venceu sem todas as assinaturas')
    await notices[0].get('[data-testid="send-again-button"]').trigger('click')
    await flushPromises()
    expect(api.sendAgain).toHaveBeenCalledTimes(1)
    expect(api.sendAgain).toHaveBeenCalledWith(5, 'env-1')
    expect(api.operation).toHaveBeenCalledWith(8)
  })

  it('offers nothing to send again once the contracts were sent again', async () => {
    api.list.mockResolvedValue([
      contract({ state: 'canceled', endedEnvelopeId: 'env-1', endedAs: 'recusado', sentAgain: true }),
      contract({ id: 3, state: 'sent' }),
    ])
    const w = await mountPanel()
    expect(w.find('[data-testid="send-again"]').exists()).toBe(false)
    expect(w.findAll('[data-testid="contract-state"]')[0].text()).toBe('Cancelado (recusado)')
  })

  it('generates contracts and lists name, pages and state', async () => {
    const w = await mountPanel()
    expect(w.find('[data-testid="contracts-empty"]').exists()).toBe(true)
    api.generate.mockResolvedValue([contract()])
    api.list.mockResolvedValue([contract(), contract({ id: 2, kind: 'attached', name: 'Memorial', pages: 1, state: 'sent' })])
    await w.get('[data-testid="contracts-generate"]').trigger('click')
    await flushPromises()
    expect(api.generate).toHaveBeenCalledWith(5)
    const rows = w.findAll('[data-testid="contract-row"]')
    expect(rows).toHaveLength(2)
    expect(rows[0].text()).toContain('Promessa de compra e venda')
    expect(rows[0].get('[data-testid="contract-pages"]').text()).toBe('2 pág.')
    expect(rows[0].get('[data-testid="contract-state"]').text()).toBe('Gerado')
    expect(rows[1].get('[data-testid="contract-state"]').text()).toBe('Enviado para assinatura')
    expect(rows[1].text()).toContain('PDF anexado')
    // Only gerado contracts can be deleted.
    expect(rows[0].find('[data-testid="contract-delete"]').exists()).toBe(true)
    expect(rows[1].find('[data-testid="contract-delete"]').exists()).toBe(false)
  })

  it('lists every problem of a refused send, the phone one with the exact sentence and the name', async () => {
    api.list.mockResolvedValue([contract()])
    api.send.mockRejectedValue({
      code: 'validation.failed',
      problems: [
        { code: 'envelope.signer_phone_required', data: { name: 'João da Silva', message: phoneSentence } },
        { code: 'envelope.broker_missing', data: { contract: 'Promessa de compra e venda' } },
      ],
    })
    const w = await mountPanel()
    const send = w.get('[data-testid="contracts-send"]')
    expect(send.attributes('disabled')).toBeDefined()
    await w.get('[data-testid="contract-pick"]').trigger('click')
    await send.trigger('click')
    await flushPromises()
    expect(api.send).toHaveBeenCalledWith(5, [1])
    const problems = [...document.querySelectorAll('[data-testid="send-problem"]')].map((e) => e.textContent)
    expect(problems).toEqual([
      `João da Silva: ${phoneSentence}`,
      'A regra do contrato “Promessa de compra e venda” pede o corretor, mas a reserva não tem corretor.',
    ])
    expect(document.querySelector('[data-testid="send-retry"]')).toBeNull()
  })

  it('sends once on a double click, follows the steps and shows each signer pending', async () => {
    api.list.mockResolvedValue([contract()])
    let resolveSend: (id: number) => void = () => {}
    api.send.mockReturnValue(new Promise<number>((r) => (resolveSend = r)))
    api.operation.mockResolvedValue({ id: 9, status: 'sent', step: 'notified', errorCode: '', errorData: null })
    const w = await mountPanel()
    await w.get('[data-testid="contract-pick"]').trigger('click')
    await w.get('[data-testid="contracts-send"]').trigger('click')
    await w.get('[data-testid="contracts-send"]').trigger('click')
    expect(api.send).toHaveBeenCalledTimes(1)
    expect(document.querySelector('[data-testid="send-step-0"]')?.getAttribute('data-state')).toBe('current')
    api.envelopes.mockResolvedValue([
      {
        id: 'e1', operationId: 9, name: 'Reserva 5', status: 'running', deadlineAt: '2026-12-12T12:00:00Z', contractIds: [1],
        signers: [
          { name: 'Maria da Silva', group: 1, state: 'pendente', types: ['holder'], delivery: 'email', auth: 'email' },
          { name: 'João da Silva', group: 1, state: 'pendente', types: ['spouse'], delivery: 'whatsapp', auth: 'whatsapp' },
        ],
      },
    ])
    api.list.mockResolvedValue([contract({ state: 'sent' })])
    resolveSend(9)
    await flushPromises()
    expect(document.querySelector('[data-testid="send-done"]')).not.toBeNull()
    expect(document.querySelector('[data-testid="send-step-5"]')?.getAttribute('data-state')).toBe('done')
    const signers = w.findAll('[data-testid="send-signer"]')
    expect(signers).toHaveLength(2)
    expect(signers[1].text()).toContain('WhatsApp')
    expect(signers.map((s) => s.get('[data-testid="send-signer-state"]').text())).toEqual(['Pendente', 'Pendente'])
  })

  it('offers "Tentar novamente" after a resumable failure and resumes the same operation', async () => {
    api.list.mockResolvedValue([contract()])
    api.send.mockResolvedValue(4)
    api.operation.mockResolvedValueOnce({ id: 4, status: 'failed', step: 'envelope', errorCode: 'integration.unreachable', errorData: null })
    const w = await mountPanel()
    await w.get('[data-testid="contract-pick"]').trigger('click')
    await w.get('[data-testid="contracts-send"]').trigger('click')
    await flushPromises()
    expect(document.querySelector('[data-testid="send-problem"]')?.textContent).toContain('Sem conexão com a Clicksign')
    api.retry.mockResolvedValue(undefined)
    api.operation.mockResolvedValue({ id: 4, status: 'sent', step: 'notified', errorCode: '', errorData: null })
    ;(document.querySelector('[data-testid="send-retry"]') as HTMLElement).click()
    await flushPromises()
    expect(api.retry).toHaveBeenCalledWith(4)
    expect(api.send).toHaveBeenCalledTimes(1)
    expect(document.querySelector('[data-testid="send-done"]')).not.toBeNull()
  })
})
