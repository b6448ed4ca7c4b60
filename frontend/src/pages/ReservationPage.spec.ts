import { describe, it, expect, vi, beforeEach, afterEach } from 'vitest'
import { flushPromises, mount } from '@vue/test-utils'
import { defineComponent, h } from 'vue'
import { NDialogProvider, NMessageProvider } from 'naive-ui'
import { createPinia, setActivePinia } from 'pinia'

// The reservation page with its api mocked; the contracts panel and the form
// have their own specs and stand in as stubs here.
const m = vi.hoisted(() => ({
  get: vi.fn(),
  handlers: new Map<string, (d: unknown) => void>(),
}))
vi.mock('../api/reservations', async (orig) => ({
  ...(await orig<typeof import('../api/reservations')>()),
  reservationsApi: { get: m.get, list: vi.fn(), save: vi.fn(), availableUnits: vi.fn(), brokers: vi.fn() },
}))
vi.mock('../api/events', async (orig) => ({
  ...(await orig<typeof import('../api/events')>()),
  eventsApi: {
    on: (event: string, fn: (d: unknown) => void) => {
      m.handlers.set(event, fn)
      return () => m.handlers.delete(event)
    },
    off: () => {},
  },
}))

import ReservationPage from './ReservationPage.vue'
import { i18n } from '../i18n'
import { makeRouter } from '../router'

const person = { name: 'Maria da Silva', cpf: '529.982.247-25', email: 'maria@exemplo.com.br', phone1: '', phone2: '', birthDate: '', address: '' }
const reservation = (over: Record<string, unknown> = {}) => ({
  id: 5, unitId: 1, unitNumber: '101', blockName: 'Bloco A', stageName: 'Etapa 1', developmentId: 1,
  developmentName: 'Residencial Ipê Amarelo', brokerId: 2, brokerName: 'Carla Corretora', priceCents: 30000000,
  status: 'approved', holder: person, associates: [], createdAt: '2026-11-27T12:00:00Z', ...over,
})

const FormStub = defineComponent({
  name: 'ReservationForm',
  props: ['reservation'],
  emits: ['saved', 'cancel'],
  setup: () => () => h('div', { 'data-testid': 'form-stub' }),
})

// Like the real panel, it reads its reservation's contracts once, when mounted.
const PanelStub = defineComponent({
  name: 'ContractsPanel',
  props: ['reservationId'],
  setup(props) {
    const shown = props.reservationId
    return () => h('div', { 'data-testid': 'panel-stub' }, `contratos da reserva ${shown}`)
  },
})

const mounted: Array<{ unmount: () => void }> = []
afterEach(() => {
  for (const w of mounted.splice(0)) w.unmount()
})

let lastRouter: ReturnType<typeof makeRouter>
async function mountPage() {
  const router = makeRouter(true)
  await router.push('/reservations/5')
  lastRouter = router
  const Host = defineComponent(() => () => h(NMessageProvider, () => h(NDialogProvider, () => h(ReservationPage))))
  const w = mount(Host, {
    global: {
      plugins: [i18n, router],
      stubs: {
        ContractsPanel: PanelStub,
        ReservationForm: FormStub,
      },
    },
    attachTo: document.body,
  })
  mounted.push(w)
  await flushPromises()
  return w
}

const settle = async () => {
  await new Promise((r) => setTimeout(r, 350))
  await flushPromises()
}

beforeEach(() => {
  setActivePinia(createPinia())
  i18n.global.locale.value = 'pt-BR'
  m.get.mockReset()
  m.handlers.clear()
  document.body.innerHTML = ''
})

describe('ReservationPage', () => {
  it("going from one reservation to another shows the new one's contracts, not the previous one's", async () => {
    m.get.mockImplementation(async (id: number) => reservation({ id, holder: { ...person, name: id === 5 ? 'Maria da Silva' : 'Pedro Alves' } }))
    const w = await mountPage()
    expect(w.get('[data-testid="panel-stub"]').text()).toBe('contratos da reserva 5')
    await lastRouter.push('/reservations/6')
    await flushPromises()
    expect(w.get('[data-testid="reservation-holder"]').text()).toContain('Pedro Alves')
    expect(w.get('[data-testid="panel-stub"]').text()).toBe('contratos da reserva 6')
  })

  it("shows another PC's change to the reservation without a click; other areas reload nothing", async () => {
    m.get.mockResolvedValue(reservation())
    const w = await mountPage()
    expect(w.get('[data-testid="reservation-summary"]').text()).toContain('Carla Corretora')
    expect(m.get).toHaveBeenCalledTimes(1)

    m.get.mockResolvedValue(reservation({ brokerId: 3, brokerName: 'Paulo Corretor' }))
    m.handlers.get('data:changed')!({ areas: ['leads', 'envelopes'] })
    await settle()
    expect(m.get).toHaveBeenCalledTimes(1)

    m.handlers.get('data:changed')!({ areas: ['reservations'] })
    await settle()
    expect(m.get).toHaveBeenCalledTimes(2)
    expect(m.get).toHaveBeenLastCalledWith(5)
    expect(w.get('[data-testid="reservation-summary"]').text()).toContain('Paulo Corretor')
  })

  it('leaves the form alone while the user edits, and a failed read keeps what is shown', async () => {
    m.get.mockResolvedValue(reservation())
    const w = await mountPage()
    await w.get('[data-testid="reservation-edit"]').trigger('click')
    m.handlers.get('data:changed')!({ areas: ['reservations'] })
    await settle()
    expect(m.get).toHaveBeenCalledTimes(1)
    expect(w.find('[data-testid="form-stub"]').exists()).toBe(true)

    // Cancelar reads the reservation again (another PC may have saved it).
    w.findComponent(FormStub).vm.$emit('cancel')
    await flushPromises()
    expect(m.get).toHaveBeenCalledTimes(2)
    m.get.mockRejectedValue({ code: 'office.unreachable', data: {} })
    m.handlers.get('data:changed')!({ areas: ['reservations'] })
    await settle()
    expect(m.get).toHaveBeenCalledTimes(3)
    expect(w.get('[data-testid="reservation-summary"]').text()).toContain('Carla Corretora')
  })
})
