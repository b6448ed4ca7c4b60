import { describe, it, expect, vi, beforeEach } from 'vitest'
import { flushPromises, mount } from '@vue/test-utils'
import { createPinia, setActivePinia } from 'pinia'
import { defineComponent, h } from 'vue'
import { NDialogProvider, NMessageProvider } from 'naive-ui'

// The Reservas list with its api mocked, and AppEvent.DataChanged played
// through eventsApi as the office's change feed would deliver it.
const m = vi.hoisted(() => ({ list: vi.fn(), brokers: vi.fn(), developments: vi.fn() }))
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
})
