import { describe, it, expect, vi, beforeEach, afterEach } from 'vitest'
import { flushPromises, mount } from '@vue/test-utils'
import { defineComponent, h } from 'vue'
import { NDialogProvider, NMessageProvider } from 'naive-ui'
import { createPinia, setActivePinia } from 'pinia'
import { FakeXHR } from '../../testing/fakeXHR'

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
async function emitEvent(event: string, data: unknown) {
  for (const fn of bus.fns.get(event) ?? []) fn(data)
  await flushPromises()
}

import ContractsPanel from './ContractsPanel.vue'
import { i18n } from '../../i18n'

const phoneSentence = 'Assinatura Eletrônica com autenticação via SMS/WhatsApp requer um número de telefone válido.'

// One envelope as Envelopes.List returns it.
const envelopeView = (over: Record<string, unknown> = {}) => ({
  id: 'env-1', reservationId: 5, operationId: 1, name: 'Reserva 5', status: 'running', state: 'em_andamento', deadlineAt: '',
  daysLeft: 15, contractIds: [], simulator: false, missing: false, hasSigned: false, syncedAt: '', signers: [], timeline: [],
  ...over,
})

const contract = (over: Record<string, unknown> = {}) => ({
  id: 1, reservationId: 5, kind: 'generated', associationId: 3, templateId: 2, name: 'Promessa de compra e venda',
  fileName: 'contract.pdf', pages: 2, size: 7000, sha256: 'x', position: 0, state: 'generated', createdAt: '2026-11-27T12:00:00Z',
  ...over,
})

const target = { url: '/selo/upload', filesUrl: '/selo/contract/', secret: 's3cr3t', maxBytes: 20 * 2 ** 20 }
const realXHR = globalThis.XMLHttpRequest
const posted = async () => {
  for (let i = 0; i < 50 && FakeXHR.all.at(-1)?.body === undefined; i++) await new Promise((r) => setTimeout(r, 1))
  return FakeXHR.all.at(-1)!
}

// A PDF as the file input hands it over (jsdom's File has no arrayBuffer();
// every webview does), optionally claiming a larger size.
function pdfFile(text: string, name: string, size?: number) {
  const f = new File([text], name, { type: 'application/pdf' })
  const bytes = new TextEncoder().encode(text)
  Object.defineProperty(f, 'arrayBuffer', { value: async () => bytes.buffer })
  if (size) Object.defineProperty(f, 'size', { value: size })
  return f
}

async function chooseInInput(w: ReturnType<typeof mount>, file: File) {
  const input = w.get('[data-testid="contracts-attach-input"]')
  Object.defineProperty(input.element, 'files', { value: [file], configurable: true })
  await input.trigger('change')
}

async function mountPanel() {
  const Host = defineComponent(() => () => h(NMessageProvider, () => h(NDialogProvider, () => h(ContractsPanel, { reservationId: 5 }))))
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
  api.uploadTarget.mockResolvedValue(target)
  api.discard.mockResolvedValue(undefined)
  native.mockReset()
  native.mockReturnValue(false)
  document.body.innerHTML = ''
})

describe('ContractsPanel', () => {
  it('shows contracts of an expired envelope as cancelled and sends them again in one click', async () => {
    const ended = { state: 'canceled', endedEnvelopeId: 'env-1', endedAs: 'vencido', sentAgain: false }
    api.list.mockResolvedValue([contract(ended), contract({ id: 2, kind: 'attached', name: 'Memorial', ...ended })])
    envApi.list.mockResolvedValue([envelopeView({ id: 'env-1', operationId: 7, name: 'Reserva 5 · Ipê 101', status: 'canceled', state: 'vencido', contractIds: [1, 2], signers: [] })])
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

  it("shows another PC's send without a click, keeping the ticks on what can still be sent; a lead's change reloads nothing", async () => {
    api.list.mockResolvedValue([contract(), contract({ id: 2, name: 'Memorial' })])
    const w = await mountPanel()
    const picks = w.findAll('[data-testid="contract-pick"]')
    await picks[0].trigger('click')
    await picks[1].trigger('click')
    const ticks = () => w.findAll('[data-testid="contract-pick"]').map((c) => c.classes().includes('n-checkbox--checked'))
    expect(ticks()).toEqual([true, true])
    expect(api.list).toHaveBeenCalledTimes(1)

    await emitEvent('data:changed', { areas: ['leads'] })
    await new Promise((r) => setTimeout(r, 350))
    await flushPromises()
    expect(api.list).toHaveBeenCalledTimes(1)

    // PC B sent the first contract meanwhile.
    api.list.mockResolvedValue([contract({ state: 'sent' }), contract({ id: 2, name: 'Memorial' })])
    envApi.list.mockResolvedValue([envelopeView({ id: 'e1', name: 'Reserva 5', contractIds: [1] })])
    await emitEvent('data:changed', { areas: ['envelopes'] })
    await emitEvent('data:changed', { areas: ['reservations', 'envelopes'] })
    await new Promise((r) => setTimeout(r, 350))
    await flushPromises()
    expect(api.list).toHaveBeenCalledTimes(2)
    const rows = w.findAll('[data-testid="contract-row"]')
    expect(rows.map((r) => r.get('[data-testid="contract-state"]').text())).toEqual(['Enviado para assinatura', 'Gerado'])
    expect(w.findAll('[data-testid="send-envelope"]')).toHaveLength(1)
    expect(ticks()).toEqual([false, true])
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
    const w = await mountPanel()
    await w.get('[data-testid="contract-pick"]').trigger('click')
    await w.get('[data-testid="contracts-send"]').trigger('click')
    await w.get('[data-testid="contracts-send"]').trigger('click')
    expect(api.send).toHaveBeenCalledTimes(1)
    expect(document.querySelector('[data-testid="send-step-0"]')?.getAttribute('data-state')).toBe('current')
    envApi.list.mockResolvedValue([
      envelopeView({
        id: 'e1', operationId: 9, name: 'Reserva 5', status: 'running', deadlineAt: '2026-12-12T12:00:00Z', contractIds: [1],
        signers: [
          { id: 's1', position: 0, name: 'Maria da Silva', group: 1, state: 'pendente', at: '', reason: '', types: ['holder'], delivery: 'email', auth: 'email' },
          { id: 's2', position: 1, name: 'João da Silva', group: 1, state: 'pendente', at: '', reason: '', types: ['spouse'], delivery: 'whatsapp', auth: 'whatsapp' },
        ],
      }),
    ])
    api.list.mockResolvedValue([contract({ state: 'sent' })])
    // Go is fast: the whole send is reported before Send answers with its id.
    await emitEvent('envelope:progress', { opId: 9, step: 'notificando', done: 5, total: 6 })
    await emitEvent('envelope:sent', { opId: 9, envelopeId: 'e1' })
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
    const w = await mountPanel()
    await w.get('[data-testid="contract-pick"]').trigger('click')
    await w.get('[data-testid="contracts-send"]').trigger('click')
    await flushPromises()
    await emitEvent('envelope:failed', { opId: 4, code: 'integration.unreachable', resumable: true })
    expect(document.querySelector('[data-testid="send-problem"]')?.textContent).toContain('Sem conexão com a Clicksign')
    api.retry.mockResolvedValue(undefined)
    ;(document.querySelector('[data-testid="send-retry"]') as HTMLElement).click()
    await flushPromises()
    await emitEvent('envelope:sent', { opId: 4, envelopeId: 'e4' })
    expect(api.retry).toHaveBeenCalledWith(4)
    expect(api.send).toHaveBeenCalledTimes(1)
    expect(document.querySelector('[data-testid="send-done"]')).not.toBeNull()
  })

  it('says the send is running on another computer when "Tentar novamente" finds it claimed there', async () => {
    api.list.mockResolvedValue([contract()])
    api.send.mockResolvedValue(4)
    const w = await mountPanel()
    await w.get('[data-testid="contract-pick"]').trigger('click')
    await w.get('[data-testid="contracts-send"]').trigger('click')
    await flushPromises()
    await emitEvent('envelope:failed', { opId: 4, code: 'integration.unreachable', resumable: true })
    api.retry.mockRejectedValue({ code: 'envelope.running_elsewhere', data: { opId: 4 } })
    ;(document.querySelector('[data-testid="send-retry"]') as HTMLElement).click()
    await flushPromises()
    expect(api.retry).toHaveBeenCalledWith(4)
    expect(document.querySelector('[data-testid="send-problem"]')?.textContent).toContain(
      'Este envio já está em andamento em outro computador.',
    )
  })

  it('after a reload, shows the stopped send where Go left it and resumes it with "Tentar novamente"', async () => {
    api.list.mockResolvedValue([contract({ state: 'sending' })])
    api.openOperations.mockResolvedValue([
      { id: 7, reservationId: 5, contractIds: [1], status: 'failed', step: 'envelope', done: 2, total: 6, errorCode: 'integration.unreachable', errorData: null },
    ])
    const w = await mountPanel()
    const notice = w.get('[data-testid="send-open"]')
    expect(notice.text()).toContain('Um envio desta reserva foi interrompido.')
    await notice.get('[data-testid="send-follow"]').trigger('click')
    await flushPromises()
    const step = (i: number) => document.querySelector(`[data-testid="send-step-${i}"]`)?.getAttribute('data-state')
    expect([0, 1, 2, 3].map(step)).toEqual(['done', 'done', 'stopped', 'todo'])
    expect(document.querySelector('[data-testid="send-problem"]')?.textContent).toContain('Sem conexão com a Clicksign')
    // Read once as the screen opened; nothing re-reads it after.
    expect(api.openOperations).toHaveBeenCalledTimes(1)
    expect(api.operation).not.toHaveBeenCalled()

    api.retry.mockResolvedValue(undefined)
    ;(document.querySelector('[data-testid="send-retry"]') as HTMLElement).click()
    await flushPromises()
    expect(api.retry).toHaveBeenCalledWith(7)
    expect(step(2)).toBe('current')
    await emitEvent('envelope:progress', { opId: 7, step: 'ativando', done: 4, total: 6 })
    expect([2, 3, 4].map(step)).toEqual(['done', 'done', 'current'])
    // Cancelling is offered only before activation.
    expect(document.querySelector('[data-testid="send-cancel"]')).toBeNull()
    api.list.mockResolvedValue([contract({ state: 'sent' })])
    api.openOperations.mockResolvedValue([])
    await emitEvent('envelope:sent', { opId: 7, envelopeId: 'e7' })
    expect(document.querySelector('[data-testid="send-done"]')).not.toBeNull()
    expect(w.get('[data-testid="contract-state"]').text()).toBe('Enviado para assinatura')
  })

  it('a send whose last event was lost ends when the progress is closed: Go’s stored operation is read once', async () => {
    api.list.mockResolvedValue([contract()])
    api.send.mockResolvedValue(9)
    const w = await mountPanel()
    await w.get('[data-testid="contract-pick"]').trigger('click')
    await w.get('[data-testid="contracts-send"]').trigger('click')
    await flushPromises()
    await emitEvent('envelope:progress', { opId: 9, step: 'notificando', done: 5, total: 6 })
    // envelope:sent never arrives: the button stays busy.
    expect(w.get('[data-testid="contracts-send"]').classes()).toContain('n-button--loading')
    api.list.mockResolvedValue([contract({ state: 'sent' })])
    api.operation.mockResolvedValue({ id: 9, reservationId: 5, contractIds: [1], status: 'sent', step: 'notified', done: 6, total: 6, errorCode: '', errorData: null })
    ;(document.querySelector('[data-testid="send-close"]') as HTMLElement).click()
    await flushPromises()
    expect(api.operation).toHaveBeenCalledTimes(1)
    expect(api.operation).toHaveBeenCalledWith(9)
    expect(w.get('[data-testid="contract-state"]').text()).toBe('Enviado para assinatura')
    expect(w.find('[data-testid="send-open"]').exists()).toBe(false)
    expect(w.get('[data-testid="contracts-send"]').classes()).not.toContain('n-button--loading')
  })

  describe('Anexar PDF', () => {
    beforeEach(() => {
      FakeXHR.all = []
      ;(globalThis as unknown as { XMLHttpRequest: unknown }).XMLHttpRequest = FakeXHR
    })
    afterEach(() => {
      globalThis.XMLHttpRequest = realXHR
    })

    it('posts the file’s bytes to the upload route and attaches it by id, never as base64 through the bridge', async () => {
      api.attach.mockResolvedValue(contract({ id: 9, kind: 'attached', name: 'Memorial descritivo' }))
      const w = await mountPanel()
      await chooseInInput(w, pdfFile('%PDF-1.7 memorial', 'Memorial descritivo.pdf'))
      const xhr = await posted()
      expect(xhr.url).toBe('/selo/upload')
      expect(xhr.headers['X-Selo-Upload-Secret']).toBe('s3cr3t')
      expect(decodeURIComponent(xhr.headers['X-Selo-File-Name'])).toBe('Memorial descritivo.pdf')
      // The raw bytes, not a base64 string.
      expect(Object.prototype.toString.call(xhr.body)).toBe('[object ArrayBuffer]')
      expect(new TextDecoder().decode(new Uint8Array(xhr.body as ArrayBuffer))).toBe('%PDF-1.7 memorial')
      xhr.upload.onprogress?.({ lengthComputable: true, loaded: 4, total: 10 })
      await flushPromises()
      expect(w.get('[data-testid="attach-progress"]').text()).toContain('Enviando “Memorial descritivo.pdf”… 40%')
      xhr.answer(200, { id: 'up-1', fileName: 'Memorial descritivo.pdf', size: 17 })
      await flushPromises()
      expect(api.attach).toHaveBeenCalledTimes(1)
      expect(api.attach).toHaveBeenCalledWith(5, 'Memorial descritivo', 'up-1')
      expect(document.body.textContent).toContain('“Memorial descritivo” anexado.')
      expect(w.find('[data-testid="attach-progress"]').exists()).toBe(false)
    })

    it('Cancelar aborts the post, and during the check drops the staged file; nothing is attached', async () => {
      const w = await mountPanel()
      await chooseInInput(w, pdfFile('%PDF-1.7 a', 'a.pdf'))
      const first = await posted()
      await w.get('[data-testid="attach-cancel"]').trigger('click')
      await flushPromises()
      expect(first.aborted).toBe(true)
      // Go may hold every byte already: it drops the file by the id the post
      // carried, though no answer came.
      expect(first.headers['X-Selo-Upload-Id']).toMatch(/^[0-9a-f]{32}$/)
      expect(api.discard).toHaveBeenCalledWith(first.headers['X-Selo-Upload-Id'])
      expect(api.attach).not.toHaveBeenCalled()
      expect(w.find('[data-testid="attach-progress"]').exists()).toBe(false)
      expect(document.body.textContent).toContain('Anexo cancelado; nada foi salvo.')

      // Posted; Go is checking it when the user gives up.
      let finish!: (c: unknown) => void
      api.attach.mockReturnValue(new Promise((r) => (finish = r)))
      await chooseInInput(w, pdfFile('%PDF-1.7 b', 'b.pdf'))
      const second = await posted()
      expect(second).not.toBe(first)
      second.answer(200, { id: 'up-2', fileName: 'b.pdf', size: 10 })
      await flushPromises()
      expect(w.get('[data-testid="attach-progress"]').text()).toContain('Conferindo “b.pdf”…')
      await w.get('[data-testid="attach-cancel"]').trigger('click')
      expect(api.discard).toHaveBeenCalledWith('up-2')
      const listed = api.list.mock.calls.length
      finish(contract({ id: 10, kind: 'attached', name: 'b' }))
      await flushPromises()
      expect(document.body.textContent).not.toContain('“b” anexado.')
      expect(api.list.mock.calls.length).toBe(listed)
    })

    it('drops a file whose post failed after its bytes may have arrived', async () => {
      const w = await mountPanel()
      await chooseInInput(w, pdfFile('%PDF-1.7 a', 'a.pdf'))
      const xhr = await posted()
      xhr.onerror?.()
      await flushPromises()
      expect(api.discard).toHaveBeenCalledWith(xhr.headers['X-Selo-Upload-Id'])
      expect(api.attach).not.toHaveBeenCalled()
      expect(w.find('[data-testid="attach-progress"]').exists()).toBe(false)
    })

    it('refuses a file over the limit before sending a byte, saying both sizes', async () => {
      const w = await mountPanel()
      await chooseInInput(w, pdfFile('%PDF', 'enorme.pdf', 31 * 2 ** 20 - 5))
      await flushPromises()
      expect(FakeXHR.all).toHaveLength(0)
      expect(api.attach).not.toHaveBeenCalled()
      expect(document.body.textContent).toContain('O arquivo tem 31 MB; o limite é 20 MB por documento')
    })

    it('in the app, opens the native dialog and attaches the picked file by id without posting it', async () => {
      native.mockReturnValue(true)
      api.chooseFile.mockResolvedValue({ id: 'pick-1', fileName: 'Planta.PDF', size: 20 * 2 ** 20 })
      api.attach.mockResolvedValue(contract({ id: 11, kind: 'attached', name: 'Planta' }))
      const w = await mountPanel()
      await w.get('[data-testid="contracts-attach"]').trigger('click')
      await flushPromises()
      expect(api.chooseFile).toHaveBeenCalledTimes(1)
      expect(api.attach).toHaveBeenCalledWith(5, 'Planta', 'pick-1')
      expect(FakeXHR.all).toHaveLength(0)

      // Closing the dialog attaches nothing.
      api.chooseFile.mockResolvedValue({ id: '', fileName: '', size: 0 })
      await w.get('[data-testid="contracts-attach"]').trigger('click')
      await flushPromises()
      expect(api.attach).toHaveBeenCalledTimes(1)
    })

    it('lists each problem of a refused file in pt-BR', async () => {
      api.attach.mockRejectedValue({ code: 'validation.failed', problems: [{ code: 'template.too_large', field: 'file', data: { sizeMB: 21, maxMB: 20 } }] })
      const w = await mountPanel()
      await chooseInInput(w, pdfFile('%PDF-1.7 c', 'c.pdf'))
      ;(await posted()).answer(200, { id: 'up-3', fileName: 'c.pdf', size: 10 })
      await flushPromises()
      expect(document.body.textContent).toContain('O arquivo tem 21 MB; o limite é 20 MB por documento')
      expect(w.find('[data-testid="attach-progress"]').exists()).toBe(false)
    })
  })
})
