import { describe, it, expect, vi, beforeAll, beforeEach, afterEach } from 'vitest'
import { flushPromises, mount } from '@vue/test-utils'
import { defineComponent, h } from 'vue'
import { NDatePicker, NDialogProvider, NMessageProvider } from 'naive-ui'

// A window's layout for the long lists' virtual scroll, before Naive is imported.
await vi.hoisted(async () => (await import('../../testing/layout')).layOut())
const m = vi.hoisted(() => ({
  summary: vi.fn(),
  options: vi.fn(),
  csv: vi.fn(),
  exportCsv: vi.fn(),
  sync: vi.fn(),
  handlers: new Map<string, (data: unknown) => void>(),
  firstrun: { steps: vi.fn(), hidden: vi.fn(), setHidden: vi.fn(), sampleStatus: vi.fn(), loadSample: vi.fn(), removeSample: vi.fn() },
}))
vi.mock('../../api/board', async (orig) => ({
  ...(await orig<typeof import('../../api/board')>()),
  boardApi: { summary: m.summary, options: m.options, csv: m.csv, exportCsv: m.exportCsv },
}))
vi.mock('../../api/envelopes', () => ({ envelopesApi: { sync: m.sync } }))
vi.mock('../../api/events', async (orig) => ({
  ...(await orig<typeof import('../../api/events')>()),
  eventsApi: {
    on: (event: string, fn: (data: unknown) => void) => {
      m.handlers.set(event, fn)
      return () => m.handlers.delete(event)
    },
    off: () => {},
  },
}))
vi.mock('../../api/firstrun', () => ({ firstRunApi: m.firstrun }))

import BoardView from './BoardView.vue'
import BoardFilters from './BoardFilters.vue'
import DashboardPage from '../../pages/DashboardPage.vue'
import { i18n } from '../../i18n'
import { makeRouter } from '../../router'
import type { BoardRow, BoardSummary } from '../../api/board'
import { scrollList } from '../../testing/layout'
import { loadLazyParts } from '../../testing/lazy'

const never = '0001-01-01T00:00:00Z'

function row(over: Partial<BoardRow> = {}): BoardRow {
  return {
    envelopeId: 'env-1', reservationId: 12, clientName: 'Maria da Silva', developmentName: 'Residencial Ipê Amarelo',
    blockName: 'Bloco A', unitNumber: '101', brokerName: 'Carla Corretora', envelopeName: 'Contratos da reserva 12',
    state: 'em_andamento', sentAt: '2026-03-01T12:00:00Z', deadlineAt: '2026-03-16T12:00:00Z', daysLeft: 9,
    missing: [], refusal: null, ...over,
  }
}

function summary(over: Partial<BoardSummary> = {}): BoardSummary {
  return {
    counts: { total: 0, em_andamento: 0, recusado: 0, vencido: 0, cancelado: 0, finalizado: 0 },
    any: true, waiting: [], expiringSoon: [], refusals: [], at: '2026-03-07T13:45:00Z', ...over,
  }
}

const busy = summary({
  counts: { total: 7, em_andamento: 2, recusado: 1, vencido: 1, cancelado: 0, finalizado: 3 },
  waiting: [
    row({
      missing: [
        { name: 'João da Silva', waiting: false, since: '2026-03-02T15:00:00Z' },
        { name: 'Tânia Testemunha', waiting: true, since: never },
      ],
    }),
    row({ envelopeId: 'env-2', reservationId: 13, clientName: 'Pedro Alves', daysLeft: 1, deadlineAt: '2026-03-08T12:00:00Z',
      missing: [{ name: 'Pedro Alves', waiting: false, since: '2026-03-01T12:00:00Z' }] }),
  ],
  expiringSoon: [
    row({ envelopeId: 'env-2', reservationId: 13, clientName: 'Pedro Alves', daysLeft: 1, deadlineAt: '2026-03-08T12:00:00Z',
      missing: [{ name: 'Pedro Alves', waiting: false, since: '2026-03-01T12:00:00Z' }] }),
  ],
  refusals: [
    row({ envelopeId: 'env-3', reservationId: 14, clientName: 'Clara Nunes', state: 'recusado',
      refusal: { signerName: 'Clara Nunes', reason: 'O valor da entrada está errado', at: '2026-03-05T17:20:00Z' } }),
  ],
})

async function mountWith(comp: unknown) {
  const router = makeRouter(true)
  await router.push('/dashboard')
  const Host = defineComponent(() => () => h(NMessageProvider, () => h(NDialogProvider, () => h(comp as never))))
  const wrapper = mount(Host, { global: { plugins: [i18n, router] }, attachTo: document.body })
  mounted.push(wrapper)
  await flushPromises()
  return { wrapper, router }
}

// Unmounted before jsdom goes away, so Naive UI's resize observers stop.
const mounted: Array<{ unmount: () => void }> = []
afterEach(() => {
  for (const w of mounted.splice(0)) w.unmount()
})

const texts = (w: { findAll: (sel: string) => Array<{ text: () => string }> }, sel: string) => w.findAll(sel).map((e) => e.text())

beforeEach(() => {
  i18n.global.locale.value = 'pt-BR'
  for (const f of [m.summary, m.options, m.csv, m.exportCsv, m.sync, ...Object.values(m.firstrun)]) f.mockReset()
  m.handlers.clear()
  m.options.mockResolvedValue({
    developments: [{ id: 1, name: 'Residencial Ipê Amarelo' }],
    brokers: [{ id: 2, name: 'Carla Corretora' }],
  })
  document.body.innerHTML = ''
})

// The Painel's board and guide, and the screens it links to, load on demand.
beforeAll(loadLazyParts)

describe('BoardView', () => {
  it('points an office that never sent anything to Reservas', async () => {
    m.summary.mockResolvedValue(summary({ any: false }))
    const { wrapper, router } = await mountWith(BoardView)
    const empty = wrapper.get('[data-testid="empty-dashboard"]')
    expect(empty.text()).toContain('Nenhum envio para acompanhar ainda')
    expect(empty.text()).toContain('abra uma reserva em Reservas')
    expect(wrapper.find('[data-testid="board-counts"]').exists()).toBe(false)
    await wrapper.get('[data-testid="board-open-reservations"]').trigger('click')
    await flushPromises()
    expect(router.currentRoute.value.name).toBe('reservations')
  })

  it('shows an office with nothing sent only its empty state, with no filters before or after the answer', async () => {
    let answer: (s: BoardSummary) => void = () => {}
    m.summary.mockReturnValue(new Promise<BoardSummary>((ok) => (answer = ok)))
    const { wrapper } = await mountWith(BoardView)
    expect(wrapper.findComponent(BoardFilters).exists()).toBe(false)
    expect(wrapper.find('[data-testid="board-refresh"]').exists()).toBe(false)
    expect(wrapper.find('[data-testid="empty-dashboard"]').exists()).toBe(false)
    answer(summary({ any: false }))
    await flushPromises()
    expect(wrapper.find('[data-testid="empty-dashboard"]').exists()).toBe(true)
    expect(wrapper.findComponent(BoardFilters).exists()).toBe(false)
    expect(wrapper.find('[data-testid="board-refresh"]').exists()).toBe(false)
  })

  it('shows a spinner only when the first answer is slow', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] })
    try {
      let answer: (s: BoardSummary) => void = () => {}
      m.summary.mockReturnValue(new Promise<BoardSummary>((ok) => (answer = ok)))
      const { wrapper } = await mountWith(BoardView)
      vi.advanceTimersByTime(300)
      await flushPromises()
      expect(wrapper.find('[data-testid="board-loading"]').exists()).toBe(false)
      vi.advanceTimersByTime(200)
      await flushPromises()
      expect(wrapper.find('[data-testid="board-loading"]').exists()).toBe(true)
      answer(summary({ any: false }))
      await flushPromises()
      expect(wrapper.find('[data-testid="board-loading"]').exists()).toBe(false)
      expect(wrapper.find('[data-testid="empty-dashboard"]').exists()).toBe(true)
    } finally {
      vi.useRealTimers()
    }
  })

  it('shows a board that cannot be read with its filters, its error and a retry', async () => {
    m.summary.mockRejectedValueOnce({ code: 'internal' }).mockResolvedValue(busy)
    const { wrapper } = await mountWith(BoardView)
    expect(wrapper.findComponent(BoardFilters).exists()).toBe(true)
    expect(wrapper.find('[data-testid="board-error"]').exists()).toBe(true)
    await wrapper.get('[data-testid="board-retry"]').trigger('click')
    await flushPromises()
    expect(wrapper.find('[data-testid="board-error"]').exists()).toBe(false)
    expect(wrapper.get('[data-testid="board-count-total"]').attributes('data-count')).toBe('7')
  })

  it('shows the counts, who is missing since when, what expires and the refusals, each opening its reservation', async () => {
    m.summary.mockResolvedValue(busy)
    const { wrapper, router } = await mountWith(BoardView)
    const count = (s: string) => wrapper.get(`[data-testid="board-count-${s}"]`)
    expect(count('total').attributes('data-count')).toBe('7')
    expect(count('em_andamento').text()).toContain('Em andamento')
    expect(count('em_andamento').attributes('data-count')).toBe('2')
    expect(count('recusado').attributes('data-count')).toBe('1')
    expect(count('finalizado').attributes('data-count')).toBe('3')

    const waiting = wrapper.get('[data-testid="board-waiting-card"]')
    expect(waiting.text()).toContain('Aguardando assinatura')
    expect(waiting.findAll('[data-testid="board-waiting-row"]')).toHaveLength(2)
    const first = waiting.get('[data-testid="board-waiting-row"][data-reservation="12"]')
    expect(texts(first, '[data-testid="board-missing"]')).toEqual(['João da Silva desde 02/03/2026', 'Tânia Testemunha aguardando a vez'])
    expect(first.text()).toContain('Residencial Ipê Amarelo · Bloco A · 101')
    expect(first.text()).toContain('Carla Corretora')
    expect(first.text()).toContain('01/03/2026')
    expect(first.get('[data-testid="board-days-left"]').text()).toBe('faltam 9 dias')

    const expiring = wrapper.get('[data-testid="board-expiring-card"]')
    expect(expiring.text()).toContain('Vencem nos próximos 3 dias')
    const soon = expiring.get('[data-testid="board-expiring-row"]')
    expect(soon.attributes('data-reservation')).toBe('13')
    expect(soon.get('[data-testid="board-days-left"]').text()).toBe('falta 1 dia')

    const refusal = wrapper.get('[data-testid="board-refusals-row"]')
    expect(refusal.get('[data-testid="board-refused-by"]').text()).toBe('Clara Nunes')
    expect(refusal.get('[data-testid="board-refusal-reason"]').text()).toBe('O valor da entrada está errado')
    expect(refusal.text()).toContain('05/03/2026')

    expect(wrapper.get('[data-testid="board-updated"]').text()).toBe('Atualizado às 10:45')
    await refusal.get('[data-testid="board-reservation-link"]').trigger('click')
    await flushPromises()
    expect(router.currentRoute.value.name).toBe('reservation')
    expect(router.currentRoute.value.params.id).toBe('14')
  })

  it('says so when lists are empty or nothing matches the filters', async () => {
    m.summary.mockResolvedValue(summary())
    const { wrapper } = await mountWith(BoardView)
    expect(wrapper.get('[data-testid="board-no-match"]').text()).toBe('Nenhum envio com estes filtros.')
    expect(wrapper.get('[data-testid="board-waiting-empty"]').text()).toBe('Nenhum envio aguardando assinatura.')
    expect(wrapper.get('[data-testid="board-refusals-empty"]').text()).toBe('Nenhuma recusa.')
  })

  it('shows an overdue deadline on an envelope sync has not closed yet, and a deleted reservation without a link', async () => {
    m.summary.mockResolvedValue(summary({
      counts: { total: 1, em_andamento: 1, recusado: 0, vencido: 0, cancelado: 0, finalizado: 0 },
      waiting: [row({ clientName: '', developmentName: '', blockName: '', unitNumber: '', brokerName: '', daysLeft: 0 })],
    }))
    const { wrapper } = await mountWith(BoardView)
    const r = wrapper.get('[data-testid="board-waiting-row"]')
    expect(r.get('[data-testid="board-days-left"]').text()).toBe('prazo passou')
    expect(r.text()).toContain('Reserva 12 (excluída)')
    expect(r.find('[data-testid="board-reservation-link"]').exists()).toBe(false)
  })

  it('asks again with each filter and shows a refused period in pt-BR', async () => {
    m.summary.mockResolvedValue(busy)
    const { wrapper } = await mountWith(BoardView)
    expect(m.summary).toHaveBeenLastCalledWith({ developmentId: 0, brokerId: 0, from: '', to: '' })
    const filters = wrapper.findComponent(BoardFilters)
    filters.vm.$emit('update:filter', { developmentId: 1, brokerId: 0, from: '', to: '' })
    await flushPromises()
    expect(m.summary).toHaveBeenLastCalledWith({ developmentId: 1, brokerId: 0, from: '', to: '' })

    m.summary.mockRejectedValue({ code: 'board.period_inverted', field: 'to', data: { from: '10/03/2026', to: '09/03/2026' } })
    filters.vm.$emit('update:filter', { developmentId: 1, brokerId: 0, from: '2026-03-10', to: '2026-03-09' })
    await flushPromises()
    expect(wrapper.get('[data-testid="board-error"]').text()).toContain('O período termina em 09/03/2026, antes de começar em 10/03/2026.')
  })

  it('reloads once after a burst of envelope changes, and after a send', async () => {
    m.summary.mockResolvedValue(busy)
    await mountWith(BoardView)
    expect(m.summary).toHaveBeenCalledTimes(1)
    const changed = m.handlers.get('envelope:changed')!
    changed({ envelopeId: 'env-1', reservationId: 12, state: 'recusado' })
    changed({ envelopeId: 'env-2', reservationId: 13, state: 'finalizado' })
    changed({ envelopeId: 'env-3', reservationId: 14, state: 'vencido' })
    await new Promise((r) => setTimeout(r, 600))
    await flushPromises()
    expect(m.summary).toHaveBeenCalledTimes(2)
    m.handlers.get('envelope:sent')!({ opId: 1, envelopeId: 'env-9' })
    await new Promise((r) => setTimeout(r, 600))
    await flushPromises()
    expect(m.summary).toHaveBeenCalledTimes(3)
  })

  it("shows another PC's change without a click, with the chosen filter kept; a change of leads reloads nothing", async () => {
    m.summary.mockResolvedValue(summary({ counts: { ...busy.counts, recusado: 0 }, refusals: [] }))
    const { wrapper } = await mountWith(BoardView)
    wrapper.findComponent(BoardFilters).vm.$emit('update:filter', { developmentId: 1, brokerId: 2, from: '', to: '' })
    await flushPromises()
    expect(m.summary).toHaveBeenCalledTimes(2)
    const changed = m.handlers.get('data:changed')!
    changed({ areas: ['leads'] })
    await new Promise((r) => setTimeout(r, 400))
    await flushPromises()
    expect(m.summary).toHaveBeenCalledTimes(2)
    expect(texts(wrapper, '[data-testid="board-refused-by"]')).toEqual([])
    m.summary.mockResolvedValue(busy)
    changed({ areas: ['envelopes'] })
    changed({ areas: ['reservations', 'leads'] })
    await new Promise((r) => setTimeout(r, 400))
    await flushPromises()
    expect(m.summary).toHaveBeenCalledTimes(3)
    expect(m.summary).toHaveBeenLastCalledWith({ developmentId: 1, brokerId: 2, from: '', to: '' })
    expect(m.options).toHaveBeenCalledTimes(2)
    expect(texts(wrapper, '[data-testid="board-refused-by"]')).toEqual(['Clara Nunes'])
  })

  it('turns an empty office into its board, filters and tables included, when another PC sends', async () => {
    m.summary.mockResolvedValue(summary({ any: false }))
    const { wrapper } = await mountWith(BoardView)
    expect(wrapper.find('[data-testid="empty-dashboard"]').exists()).toBe(true)
    m.summary.mockResolvedValue(busy)
    m.handlers.get('data:changed')!({ areas: ['envelopes'] })
    await new Promise((r) => setTimeout(r, 400))
    await flushPromises()
    expect(wrapper.find('[data-testid="empty-dashboard"]').exists()).toBe(false)
    expect(wrapper.findComponent(BoardFilters).exists()).toBe(true)
    expect(wrapper.findAll('[data-testid="board-waiting-row"]')).toHaveLength(2)
  })

  it('shows a slow first board even when live changes keep asking again', async () => {
    const answers: Array<(s: BoardSummary) => void> = []
    m.summary.mockImplementation(() => new Promise<BoardSummary>((ok) => answers.push(ok)))
    const { wrapper } = await mountWith(BoardView)
    m.handlers.get('data:changed')!({ areas: ['envelopes'] })
    await new Promise((r) => setTimeout(r, 400))
    await flushPromises()
    expect(answers).toHaveLength(2)
    answers[0](busy)
    await flushPromises()
    expect(wrapper.get('[data-testid="board-count-total"]').attributes('data-count')).toBe('7')
    answers[1](summary({ counts: { ...busy.counts, total: 8 } }))
    await flushPromises()
    expect(wrapper.get('[data-testid="board-count-total"]').attributes('data-count')).toBe('8')
  })

  it('exports the filtered list and tells where it went; a cancelled dialog says nothing', async () => {
    m.summary.mockResolvedValue(busy)
    const { wrapper } = await mountWith(BoardView)
    m.exportCsv.mockResolvedValueOnce('/home/gestor/painel-assinaturas-2026-03-07.csv').mockResolvedValueOnce('')
    await wrapper.get('[data-testid="board-export"]').trigger('click')
    await flushPromises()
    expect(m.exportCsv).toHaveBeenCalledWith({ developmentId: 0, brokerId: 0, from: '', to: '' })
    expect(document.body.textContent).toContain('Planilha salva em /home/gestor/painel-assinaturas-2026-03-07.csv')
    await wrapper.get('[data-testid="board-export"]').trigger('click')
    await flushPromises()
    expect(m.exportCsv).toHaveBeenCalledTimes(2)
  })

  it('explains a file it could not write', async () => {
    m.summary.mockResolvedValue(busy)
    m.exportCsv.mockRejectedValue({ code: 'board.save_failed', data: { path: 'C:\\Users\\gestor\\painel.csv' } })
    const { wrapper } = await mountWith(BoardView)
    await wrapper.get('[data-testid="board-export"]').trigger('click')
    await flushPromises()
    expect(document.body.textContent).toContain('Não foi possível gravar a planilha em C:\\Users\\gestor\\painel.csv')
  })

  it('"Atualizar" asks Clicksign about every running envelope, then reloads', async () => {
    m.summary.mockResolvedValue(busy)
    m.sync.mockResolvedValue([])
    const { wrapper } = await mountWith(BoardView)
    await wrapper.get('[data-testid="board-refresh"]').trigger('click')
    await flushPromises()
    expect(m.sync).toHaveBeenCalledWith(0)
    expect(m.summary).toHaveBeenCalledTimes(2)
  })
})

describe('BoardFilters', () => {
  it('turns the picked period into days, both included, and clears every filter', async () => {
    const w = mount(BoardFilters, {
      props: { filter: { developmentId: 0, brokerId: 0, from: '', to: '' }, options: { developments: [], brokers: [] } },
      global: { plugins: [i18n] },
    })
    mounted.push(w)
    w.findComponent(NDatePicker).vm.$emit('update:value', [new Date(2026, 2, 1).getTime(), new Date(2026, 2, 31).getTime()])
    expect(w.emitted('update:filter')!.at(-1)).toEqual([{ developmentId: 0, brokerId: 0, from: '2026-03-01', to: '2026-03-31' }])
    expect(w.find('[data-testid="board-filter-clear"]').exists()).toBe(false)
    await w.setProps({ filter: { developmentId: 1, brokerId: 2, from: '2026-03-01', to: '2026-03-31' } })
    await w.get('[data-testid="board-filter-clear"]').trigger('click')
    expect(w.emitted('update:filter')!.at(-1)).toEqual([{ developmentId: 0, brokerId: 0, from: '', to: '' }])
  })
})

describe('DashboardPage', () => {
  it('keeps the "Comece aqui" guide above the board', async () => {
    m.firstrun.hidden.mockResolvedValue(false)
    m.firstrun.steps.mockResolvedValue([])
    m.firstrun.sampleStatus.mockResolvedValue({ loaded: false, canLoad: true, canRemove: false, blocked: '', data: {} })
    m.summary.mockResolvedValue(busy)
    const { wrapper } = await mountWith(DashboardPage)
    const html = wrapper.html()
    expect(html.indexOf('data-testid="start-guide"')).toBeGreaterThan(-1)
    expect(html.indexOf('data-testid="start-guide"')).toBeLessThan(html.indexOf('data-testid="board-counts"'))
  })

  it('keeps a list of 10,000 envelopes in its card: a few rows drawn, the last one reached by scrolling', async () => {
    const N = 10_000
    const waiting = Array.from({ length: N }, (_, i) =>
      row({ envelopeId: `env-${i}`, reservationId: i + 1, clientName: `Cliente ${i + 1}`, missing: [{ name: 'João da Silva', since: '2026-03-02T12:00:00Z', waiting: false }] }),
    )
    m.summary.mockResolvedValue(summary({ counts: { total: N, em_andamento: N, recusado: 0, vencido: 0, cancelado: 0, finalizado: 0 }, waiting }))
    const { wrapper } = await mountWith(BoardView)
    const card = wrapper.get('[data-testid="board-waiting"]')
    const rows = () => card.findAll('[data-testid="board-waiting-row"]')
    expect(rows().length).toBeGreaterThan(3)
    expect(rows().length).toBeLessThan(40)
    expect(rows()[0].attributes('data-reservation')).toBe('1')
    // One list to scroll, no pages to click through.
    expect(card.find('.n-pagination').exists()).toBe(false)

    scrollList(card.element, N * 58)
    await vi.waitFor(() => expect(rows().at(-1)?.attributes('data-reservation')).toBe(String(N)))
    expect(rows().length).toBeLessThan(40)
    expect(rows().at(-1)?.text()).toContain(`Cliente ${N}`)
  })
})
