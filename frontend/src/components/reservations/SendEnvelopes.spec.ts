import { describe, it, expect, vi, beforeEach } from 'vitest'
import { flushPromises, mount } from '@vue/test-utils'
import { defineComponent, h } from 'vue'
import { NMessageProvider } from 'naive-ui'
import { createPinia, setActivePinia } from 'pinia'

const api = vi.hoisted(() => ({ list: vi.fn(), sync: vi.fn(), saveSigned: vi.fn(), saveCertificate: vi.fn(), resend: vi.fn(), cancel: vi.fn() }))
const sim = vi.hoisted(() => ({ sign: vi.fn(), refuse: vi.fn(), envelopes: vi.fn(), advanceDays: vi.fn(), docusignSign: vi.fn(), docusignDecline: vi.fn() }))
vi.mock('../../api/envelopes', () => ({ envelopesApi: api }))
vi.mock('../../api/simulator', () => ({ simulatorApi: sim }))
// envelope:changed reaches the list through the send store's subscription.
const bus = vi.hoisted(() => ({ fns: [] as Array<(d: unknown) => void> }))
vi.mock('../../api/events', async (orig) => ({
  ...(await orig<typeof import('../../api/events')>()),
  eventsApi: {
    on: (event: string, fn: (d: unknown) => void) => {
      if (event === 'envelope:changed') bus.fns.push(fn)
      return () => {}
    },
  },
}))

import SendEnvelopes from './SendEnvelopes.vue'
import { i18n } from '../../i18n'

// What the send decided of each signer; the one envelope model carries it
// beside the state status sync learnt.
const sent = (position: number, types: string[]) => ({ position, types, delivery: 'email', auth: 'email' })

const status = (over: Record<string, unknown> = {}) => ({
  id: 'env-1', reservationId: 5, operationId: 1, name: 'Reserva 5', status: 'running', state: 'em_andamento',
  deadlineAt: '2026-12-12T12:00:00Z', daysLeft: 15, contractIds: [1],
  simulator: true, missing: false, hasSigned: false, syncedAt: '',
  signers: [
    { id: 's1', name: 'Maria', group: 1, state: 'assinou', at: '2026-11-27T13:05:00Z', reason: '', ...sent(0, ['holder']) },
    { id: 's2', name: 'João', group: 1, state: 'recusou', at: '2026-11-27T13:06:00Z', reason: 'Valor errado', ...sent(1, ['spouse']) },
    { id: 's3', name: 'Tânia', group: 2, state: 'aguardando', at: '', reason: '', ...sent(2, ['witness']) },
  ],
  timeline: [{ name: 'sign', signer: 'Maria', reason: '', at: '2026-11-27T13:05:00Z' }],
  ...over,
})

const pendingSigners = [
  { id: 's1', name: 'Maria', group: 1, state: 'pendente', at: '', reason: '', ...sent(0, ['holder']) },
  { id: 's2', name: 'João', group: 1, state: 'pendente', at: '', reason: '', ...sent(1, ['spouse']) },
  { id: 's3', name: 'Tânia', group: 2, state: 'aguardando', at: '', reason: '', ...sent(2, ['witness']) },
]

async function mountIt() {
  const changed = vi.fn()
  const Host = defineComponent(() => () => h(NMessageProvider, () => h(SendEnvelopes, { reservationId: 5, onChanged: changed })))
  const w = mount(Host, { global: { plugins: [i18n] }, attachTo: document.body })
  await flushPromises()
  return Object.assign(w, { changed })
}

/** The toasts shown so far (Naive UI renders them in document.body). */
function toasts(): string {
  return Array.from(document.querySelectorAll('.n-message'))
    .map((e) => e.textContent ?? '')
    .join(' | ')
}

beforeEach(() => {
  // The envelopes' status lives in the send store: a fresh one per test.
  setActivePinia(createPinia())
  bus.fns = []
  document.body.innerHTML = ''
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

  it('says who sent the envelope, and nothing when nobody was chosen on that PC', async () => {
    api.list.mockResolvedValue([status({ sentByName: 'Carla Corretora' })])
    const w = await mountIt()
    expect(w.get('[data-testid="send-envelope-sent-by"]').text()).toBe('Enviado por Carla Corretora')
    w.unmount()
    api.list.mockResolvedValue([status({ sentByName: '' })])
    const w2 = await mountIt()
    expect(w2.find('[data-testid="send-envelope-sent-by"]').exists()).toBe(false)
    w2.unmount()
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

  it("simulates a signature of a DocuSign key's envelope in the DocuSign simulator, not Clicksign's", async () => {
    api.list.mockResolvedValue([status({ provider: 'docusign', signers: pendingSigners })])
    api.sync.mockResolvedValue([status({ provider: 'docusign', state: 'finalizado', hasSigned: true })])
    sim.docusignSign.mockResolvedValue(undefined)
    const w = await mountIt()
    await w.findAll('[data-testid="sim-sign"]')[1].trigger('click')
    await flushPromises()
    expect(sim.docusignSign).toHaveBeenCalledWith('env-1', 's2')
    expect(sim.sign).not.toHaveBeenCalled()
    expect(toasts()).toBe('')
    expect(w.get('[data-testid="send-envelope-state"]').text()).toBe('Finalizado')
  })

  it('says which service no longer has a missing envelope: DocuSign for a DocuSign key, Clicksign otherwise', async () => {
    api.list.mockResolvedValue([status({ provider: 'docusign', missing: true }), status({ id: 'env-2', provider: 'clicksign', missing: true })])
    const w = await mountIt()
    expect(w.findAll('[data-testid="send-envelope-missing"]').map((e) => e.text())).toEqual([
      'Este envelope não existe mais na DocuSign; a situação mostrada é a última conhecida.',
      'Este envelope não existe mais na Clicksign; a situação mostrada é a última conhecida.',
    ])
  })

  it('offers the certificate of completion of a finished DocuSign envelope, saved through Salvar como, and not for Clicksign', async () => {
    api.list.mockResolvedValue([
      status({ provider: 'docusign', state: 'finalizado', hasSigned: true }),
      status({ id: 'env-2', provider: 'clicksign', state: 'finalizado', hasSigned: true }),
    ])
    api.saveCertificate.mockResolvedValue('/home/ana/Documentos/Maria - certificado.pdf')
    const w = await mountIt()
    expect(w.findAll('[data-testid="envelope-download"]').length).toBe(2)
    const buttons = w.findAll('[data-testid="envelope-certificate"]')
    expect(buttons.map((b) => b.text())).toEqual(['Baixar certificado de conclusão'])
    await buttons[0].trigger('click')
    await flushPromises()
    expect(api.saveCertificate).toHaveBeenCalledWith('env-1')
    expect(toasts()).toContain('Certificado de conclusão salvo em /home/ana/Documentos/Maria - certificado.pdf')
  })

  it('resends to one signer whose turn it is, names them, and refreshes', async () => {
    api.list.mockResolvedValue([status({ signers: pendingSigners })])
    api.resend.mockResolvedValue({ notified: ['João'] })
    const w = await mountIt()
    const buttons = w.findAll('[data-testid="signer-resend"]')
    expect(buttons.length).toBe(2)
    expect(buttons[1].attributes('aria-label')).toBe('Reenviar notificação para João')
    await buttons[1].trigger('click')
    await flushPromises()
    expect(api.resend).toHaveBeenCalledWith('env-1', 's2')
    expect(toasts()).toContain('Notificação reenviada para João.')
    expect(api.list).toHaveBeenCalledTimes(2)
    expect(w.changed).toHaveBeenCalled()
    w.unmount()
  })

  it('resends to the whole group and says who was reached', async () => {
    api.list.mockResolvedValue([status({ signers: pendingSigners })])
    api.resend.mockResolvedValue({ notified: ['Maria', 'João'] })
    const w = await mountIt()
    const group = w.get('[data-testid="envelope-resend"]')
    expect(group.attributes('title')).toBe('Reenvia o pedido de assinatura para quem está na vez: Maria e João.')
    await group.trigger('click')
    await flushPromises()
    expect(api.resend).toHaveBeenCalledWith('env-1', '')
    expect(toasts()).toContain('Notificação reenviada para Maria e João.')
    w.unmount()
  })

  it('says how long to wait when Clicksign’s minute has not passed', async () => {
    api.list.mockResolvedValue([status({ signers: pendingSigners })])
    api.resend.mockRejectedValue({ code: 'envelope.notify_wait', data: { seconds: 42 } })
    const w = await mountIt()
    await w.get('[data-testid="signer-resend"]').trigger('click')
    await flushPromises()
    expect(toasts()).toContain('Aguarde 42 s para reenviar a notificação: a Clicksign aceita uma por minuto.')
    expect(toasts()).not.toContain('reenviada')
    w.unmount()
  })

  it('cancels only after a confirmation that says what happens, then shows Cancelado', async () => {
    api.list.mockResolvedValueOnce([status({ signers: pendingSigners })])
    api.list.mockResolvedValue([status({ state: 'cancelado', signers: pendingSigners })])
    api.cancel.mockResolvedValue(undefined)
    const w = await mountIt()
    await w.get('[data-testid="envelope-cancel"]').trigger('click')
    await flushPromises()
    const text = document.querySelector('[data-testid="envelope-cancel-text"]')?.textContent ?? ''
    expect(text).toContain('cancelado na Clicksign para todos os signatários')
    expect(text).toContain('Cancelado e poderão ser gerados e enviados de novo')
    expect(api.cancel).not.toHaveBeenCalled()
    ;(document.querySelector('[data-testid="envelope-cancel-confirm"]') as HTMLElement).click()
    await flushPromises()
    expect(api.cancel).toHaveBeenCalledWith('env-1')
    expect(toasts()).toContain('Envio cancelado.')
    expect(w.get('[data-testid="send-envelope-state"]').text()).toBe('Cancelado')
    // Nobody is waiting on a cancelled envelope any more.
    expect(w.findAll('[data-testid="send-signer-state"]').map((e) => e.text())).toEqual(['Não assinou', 'Não assinou', 'Não assinou'])
    expect(w.find('[data-testid="envelope-cancel"]').exists()).toBe(false)
    expect(w.find('[data-testid="signer-resend"]').exists()).toBe(false)
    expect(w.changed).toHaveBeenCalled()
    w.unmount()
  })

  it('shows a failed cancel in words and keeps the envelope as it was', async () => {
    api.list.mockResolvedValue([status({ signers: pendingSigners })])
    api.cancel.mockRejectedValue({ code: 'envelope.not_running', data: { state: 'finalizado' } })
    const w = await mountIt()
    await w.get('[data-testid="envelope-cancel"]').trigger('click')
    await flushPromises()
    ;(document.querySelector('[data-testid="envelope-cancel-confirm"]') as HTMLElement).click()
    await flushPromises()
    expect(toasts()).toContain('Este envio não está mais em andamento.')
    w.unmount()
  })

  it('offers no action once the envelope has ended, and only Cancelar on a refused one still running', async () => {
    api.list.mockResolvedValue([status({ state: 'finalizado', hasSigned: true, status: 'closed' })])
    let w = await mountIt()
    for (const id of ['signer-resend', 'envelope-resend', 'envelope-cancel']) expect(w.find(`[data-testid="${id}"]`).exists()).toBe(false)
    w.unmount()

    api.list.mockResolvedValue([status({ state: 'recusado' })])
    w = await mountIt()
    expect(w.find('[data-testid="envelope-cancel"]').exists()).toBe(true)
    expect(w.find('[data-testid="envelope-resend"]').exists()).toBe(false)
    expect(w.find('[data-testid="signer-resend"]').exists()).toBe(false)
    w.unmount()
  })

  it('saves the signed PDF through the native "Salvar como", like the CSV, and says where', async () => {
    api.list.mockResolvedValue([status({ state: 'finalizado', hasSigned: true })])
    api.saveSigned
      .mockResolvedValueOnce('/home/ana/Documentos/Maria - Reserva 5 - assinado 2026-11-27.pdf')
      .mockResolvedValueOnce('')
      .mockRejectedValueOnce({ code: 'envelope.save_failed', data: { path: 'C:\\Users\\ana\\x.pdf' } })
    const createURL = vi.fn()
    const orig = URL.createObjectURL
    URL.createObjectURL = createURL
    try {
      const w = await mountIt()
      await w.get('[data-testid="envelope-download"]').trigger('click')
      await flushPromises()
      expect(api.saveSigned).toHaveBeenCalledWith('env-1')
      expect(toasts()).toContain('Documento assinado salvo em /home/ana/Documentos/Maria - Reserva 5 - assinado 2026-11-27.pdf')
      // No link download through the page.
      expect(createURL).not.toHaveBeenCalled()
      document.querySelectorAll('.n-message').forEach((e) => e.remove())
      // Cancelled: nothing to say.
      await w.get('[data-testid="envelope-download"]').trigger('click')
      await flushPromises()
      expect(toasts()).toBe('')
      await w.get('[data-testid="envelope-download"]').trigger('click')
      await flushPromises()
      expect(toasts()).toContain('x.pdf')
    } finally {
      URL.createObjectURL = orig
    }
  })

  it('reloads when a status sync changes one of its envelopes, and only for its reservation', async () => {
    api.list.mockResolvedValue([status({ signers: pendingSigners })])
    const w = await mountIt()
    expect(api.list).toHaveBeenCalledTimes(1)
    bus.fns.forEach((fn) => fn({ envelopeId: 'env-9', reservationId: 6, state: 'finalizado' }))
    await flushPromises()
    expect(api.list).toHaveBeenCalledTimes(1)
    expect(w.changed).not.toHaveBeenCalled()
    api.list.mockResolvedValue([status({ state: 'finalizado', hasSigned: true })])
    bus.fns.forEach((fn) => fn({ envelopeId: 'env-1', reservationId: 5, state: 'finalizado' }))
    await flushPromises()
    expect(api.list).toHaveBeenCalledTimes(2)
    expect(w.get('[data-testid="send-envelope-state"]').text()).toBe('Finalizado')
    expect(w.changed).toHaveBeenCalledTimes(1)
    w.unmount()
  })
})
