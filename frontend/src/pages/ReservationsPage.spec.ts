import { describe, it, expect, vi, beforeAll, beforeEach } from 'vitest'
import { flushPromises, mount } from '@vue/test-utils'
import { createPinia, setActivePinia } from 'pinia'
import { defineComponent, h } from 'vue'
import { NDialogProvider, NMessageProvider } from 'naive-ui'

// The Reservas list with its api mocked, and AppEvent.DataChanged played
// through eventsApi as the office's change feed would deliver it.
const m = vi.hoisted(() => ({ list: vi.fn(), brokers: vi.fn(), developments: vi.fn() }))
// A window's layout for the virtual scroll, before Naive is imported.
await vi.hoisted(async () => (await import('../testing/layout')).layOut())
vi.mock('../api/reservations', async (orig) => ({
  ...(await orig<typeof import('../api/reservations')>()),
  reservationsApi: { list: m.list, brokers: m.brokers },
}))
vi.mock('../api/developments', async (orig) => ({
  ...(await orig<typeof import('../api/developments')>()),
  developmentsApi: { list: m.developments },
}))
// AppEvent.DataChanged reaches the screen through eventsApi: the spec plays it.
vi.mock('../api/events', async (orig) => (await import('../testing/otherPC')).withRecordedEvents(await orig<object>()))

import ReservationsPage from './ReservationsPage.vue'
import { otherPC, recorded } from '../testing/otherPC'
import { i18n } from '../i18n'
import { makeRouter } from '../router'
import { scrollList } from '../testing/layout'
import { loadLazyParts } from '../testing/lazy'

// Enter opens a reservation: its screen is a lazy route, loaded once here.
beforeAll(loadLazyParts)

const row = (id: number, holder: string) => ({
  id, holderName: holder, unitLabel: 'Bloco A · 101', developmentName: 'Residencial Ipê', brokerName: '',
  price: '310000.00', status: 'in_review', createdAt: '2026-12-07T12:00:00Z', updatedAt: '2026-12-07T12:00:00Z',
})

async function mountPage() {
  const router = makeRouter()
  await router.push('/reservations')
  const Host = defineComponent({ render: () => h(NMessageProvider, () => h(NDialogProvider, () => h(ReservationsPage))) })
  const wrapper = mount(Host, { attachTo: document.body, global: { plugins: [i18n, router] } })
  await flushPromises()
  return wrapper
}

describe('ReservationsPage', () => {
  beforeEach(() => {
    setActivePinia(createPinia())
    recorded.clear()
    m.list.mockReset().mockResolvedValue({ items: [row(1, 'Maria da Silva')], total: 1 })
    m.brokers.mockReset().mockResolvedValue([])
    m.developments.mockReset().mockResolvedValue([])
    document.body.innerHTML = ''
  })

  it("shows another PC's new reservation without a click, keeping the search being typed", async () => {
    const wrapper = await mountPage()
    expect(wrapper.text()).toContain('Maria da Silva')
    const search = wrapper.get('[data-testid="reservation-search"] input')
    await search.setValue('Silva')
    await new Promise((r) => setTimeout(r, 450))
    await flushPromises()
    const calls = m.list.mock.calls.length

    await otherPC(['leads'])
    expect(m.list).toHaveBeenCalledTimes(calls)

    m.list.mockResolvedValue({ items: [row(1, 'Maria da Silva'), row(2, 'Pedro Silva')], total: 2 })
    await otherPC(['reservations'])
    expect(m.list).toHaveBeenCalledTimes(calls + 1)
    expect(m.list).toHaveBeenLastCalledWith(expect.objectContaining({ search: 'Silva', offset: 0 }))
    expect(wrapper.text()).toContain('Pedro Silva')
    expect((search.element as HTMLInputElement).value).toBe('Silva')
    wrapper.unmount()
  })

  describe('with 10,000 reservations', () => {
    const N = 10_000
    // Go's list over N reservations, newest first: #N at the top, #1 last.
    const office = (f: { offset: number; limit: number; search?: string }) => {
      const items = []
      for (let i = f.offset; i < Math.min(f.offset + f.limit, N); i++) items.push(row(N - i, `Cliente ${N - i}`))
      return Promise.resolve({ items, total: N })
    }
    const drawn = () => document.querySelectorAll('[data-testid="reservations-table"] tbody tr[data-row-index]')
    const settle = async () => {
      await new Promise((r) => setTimeout(r, 120))
      await flushPromises()
    }

    it('is one scrolling list: the whole count, a few rows in the page, and the pages of the rows scrolled to', async () => {
      m.list.mockImplementation(office)
      const wrapper = await mountPage()
      await settle()
      expect(wrapper.get('[data-testid="reservations-total"]').text()).toBe('10.000 reservas')
      // One call for the first page, none for the 9,900 rows out of view.
      expect(m.list).toHaveBeenCalledTimes(1)
      expect(m.list).toHaveBeenLastCalledWith(expect.objectContaining({ offset: 0, limit: 100 }))
      expect(wrapper.text()).toContain('Cliente 10000')
      expect(drawn().length).toBeGreaterThan(5)
      expect(drawn().length).toBeLessThan(40)
      // No pages to click through.
      expect(wrapper.find('.n-pagination').exists()).toBe(false)

      // Dragged to the end: the last page is asked for, and its last row drawn.
      scrollList(wrapper.get('[data-testid="reservations-table"]').element, N * 57)
      await vi.waitFor(() => expect(m.list).toHaveBeenLastCalledWith(expect.objectContaining({ offset: 9900, limit: 100 })))
      await settle()
      // Only the page in view, not the 98 passed over.
      expect(m.list).toHaveBeenCalledTimes(2)
      expect(drawn()[drawn().length - 1].textContent).toContain('Cliente 1')
      const last = [...drawn()].map((tr) => Number(tr.getAttribute('data-row-index')))
      expect(Math.max(...last)).toBe(N - 1)
      expect(drawn().length).toBeLessThan(40)
      wrapper.unmount()
    })

    it('walks the rows with the arrow keys and opens one with Enter', async () => {
      m.list.mockImplementation(office)
      const wrapper = await mountPage()
      await settle()
      const first = drawn()[0] as HTMLElement
      first.focus()
      first.dispatchEvent(new KeyboardEvent('keydown', { key: 'ArrowDown', bubbles: true }))
      expect(document.activeElement).toBe(drawn()[1])
      ;(document.activeElement as HTMLElement).dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true }))
      await flushPromises()
      const router = (wrapper.vm as unknown as { $router: ReturnType<typeof makeRouter> }).$router
      expect(router.currentRoute.value.fullPath).toBe(`/reservations/${N - 1}`)
      wrapper.unmount()
    })

    it('a scroll while the search is still being typed fetches rows of the list shown, not of the search', async () => {
      m.list.mockImplementation(office)
      const wrapper = await mountPage()
      await settle()
      // The clock is the test's from here: on a loaded machine the real
      // 250 ms pause could end before the scroll is handled.
      vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] })
      try {
        await wrapper.get('[data-testid="reservation-search"] input').setValue('Ped')
        // Within the search's pause: the rows scrolled to belong to the list on screen.
        scrollList(wrapper.get('[data-testid="reservations-table"]').element, 3000 * 57)
        await vi.advanceTimersByTimeAsync(200)
        await flushPromises()
        const scrolled = m.list.mock.calls.filter(([f]) => f.offset > 0)
        expect(scrolled.length).toBeGreaterThan(0)
        for (const [f] of scrolled) expect(f.search).toBe('')
      } finally {
        vi.useRealTimers()
      }
      wrapper.unmount()
    })

    it('a new search starts over at the top of its own list, and shows its count', async () => {
      m.list.mockImplementation(office)
      const wrapper = await mountPage()
      await settle()
      scrollList(wrapper.get('[data-testid="reservations-table"]').element, 5000 * 57)
      await settle()
      m.list.mockImplementation(() => Promise.resolve({ items: [row(7, 'Pedro Souza')], total: 1 }))
      await wrapper.get('[data-testid="reservation-search"] input').setValue('Pedro')
      await new Promise((r) => setTimeout(r, 300))
      await settle()
      expect(m.list).toHaveBeenLastCalledWith(expect.objectContaining({ search: 'Pedro', offset: 0 }))
      expect(wrapper.get('[data-testid="reservations-total"]').text()).toBe('1 reserva')
      expect(wrapper.text()).toContain('Pedro Souza')
      wrapper.unmount()
    })
  })
})
