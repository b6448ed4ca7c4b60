import { describe, it, expect, vi, beforeAll, beforeEach } from 'vitest'
import { flushPromises, mount } from '@vue/test-utils'
import { createPinia, setActivePinia } from 'pinia'
import { defineComponent, h } from 'vue'
import { NDialogProvider, NMessageProvider } from 'naive-ui'

// The Leads screen with src/api/leads mocked: what the backend answers is
// the contract (hasContact, validation.failed with field problems).
// A window's layout for the virtual scroll, before Naive is imported.
await vi.hoisted(async () => (await import('../testing/layout')).layOut())
const m = vi.hoisted(() => ({ list: vi.fn(), get: vi.fn(), setStage: vi.fn(), setContact: vi.fn() }))
vi.mock('../api/leads', () => ({
  leadStages: ['new', 'in_progress', 'converted', 'discarded'],
  leadsApi: m,
  jivochatApi: {},
}))

// AppEvent.DataChanged reaches the screen through eventsApi: the spec plays it.
vi.mock('../api/events', async (orig) => (await import('../testing/otherPC')).withRecordedEvents(await orig<object>()))

import LeadsPage from './LeadsPage.vue'
import { otherPC, recorded } from '../testing/otherPC'
import { i18n } from '../i18n'
import { makeRouter } from '../router'
import { scrollList } from '../testing/layout'
import { loadLazyParts } from '../testing/lazy'

const T0 = '2026-11-27T12:00:00Z'
const summary = (over: Record<string, unknown>) => ({
  id: 'L1',
  name: 'Mariana Albuquerque',
  email: 'mariana@exemplo.com.br',
  phone: '+5511987654321',
  stage: 'new',
  origin: 'jivochat',
  agentName: 'Rafael Menezes',
  hasContact: true,
  createdAt: T0,
  lastActivityAt: T0,
  lastMessage: 'Perfeito, obrigada!',
  lastMessageAuthor: 'visitor',
  lastMessageAt: T0,
  messageCount: 3,
  ...over,
})
const anon = summary({
  id: 'V9',
  name: '',
  email: '',
  phone: '',
  hasContact: false,
  lastMessage: 'Qual o valor do 2 quartos?',
  messageCount: 2,
})

async function mountPage() {
  setActivePinia(createPinia())
  const router = makeRouter(true)
  await router.push('/leads')
  const Host = defineComponent(() => () => h(NMessageProvider, () => h(NDialogProvider, () => h(LeadsPage))))
  const wrapper = mount(Host, { global: { plugins: [i18n, router] }, attachTo: document.body })
  await flushPromises()
  return { wrapper, router }
}

const body = () => document.body.textContent ?? ''
const input = (id: string) => document.querySelector(`[data-testid="${id}"] input`) as HTMLInputElement
function type(id: string, value: string) {
  const el = input(id)
  el.value = value
  el.dispatchEvent(new Event('input'))
}
const click = (id: string) => (document.querySelector(`[data-testid="${id}"]`) as HTMLElement).click()

beforeEach(() => {
  i18n.global.locale.value = 'pt-BR'
  for (const f of Object.values(m)) f.mockReset()
  m.list.mockResolvedValue({ items: [summary({}), anon], total: 2, limit: 25, offset: 0 })
  recorded.clear()
  document.body.innerHTML = ''
})

// The screens it opens load on demand (lazy routes).
beforeAll(loadLazyParts)

describe('Leads: visitors without contact', () => {
  it('lists a chat without contact as "Visitante sem contato" with its last line, and filters them', async () => {
    const { wrapper } = await mountPage()
    const row = wrapper.get('[data-testid="lead-row-V9"]').text()
    expect(row).toContain('Visitante sem contato')
    expect(row).toContain('Visitante: Qual o valor do 2 quartos?')
    expect(row).toContain('Adicionar contato')
    expect(row).not.toContain('Novo')
    // A lead with contact is shown as before.
    const lead = wrapper.get('[data-testid="lead-row-L1"]').text()
    expect(lead).toContain('mariana@exemplo.com.br')
    expect(lead).toContain('Novo')
    expect(lead).not.toContain('Adicionar contato')

    click('leads-stage-no-contact')
    await flushPromises()
    expect(m.list).toHaveBeenLastCalledWith(expect.objectContaining({ withoutContact: true, stage: '' }))
  })

  it("shows another PC's change to the leads without a click, on the same filter, keeping what is being typed", async () => {
    const { wrapper } = await mountPage()
    click('leads-stage-no-contact')
    await flushPromises()
    type('leads-search', 'Mari')
    await new Promise((r) => setTimeout(r, 350))
    await flushPromises()
    expect(m.list).toHaveBeenCalledTimes(3)

    await otherPC(['envelopes', 'reservations'])
    expect(m.list).toHaveBeenCalledTimes(3)

    // Another PC added a contact to the visitor: it leaves "Sem contato".
    m.list.mockResolvedValue({ items: [], total: 0, limit: 25, offset: 0 })
    await otherPC(['leads'])
    expect(m.list).toHaveBeenCalledTimes(4)
    expect(m.list).toHaveBeenLastCalledWith(expect.objectContaining({ withoutContact: true, search: 'Mari', offset: 0 }))
    expect(wrapper.find('[data-testid="lead-row-V9"]').exists()).toBe(false)
    expect(input('leads-search').value).toBe('Mari')
  })

  it('opens the transcript when the row is clicked', async () => {
    const { wrapper, router } = await mountPage()
    await wrapper.get('[data-testid="lead-row-V9"]').trigger('click')
    await flushPromises()
    expect(router.currentRoute.value.name).toBe('lead')
    expect(router.currentRoute.value.params.id).toBe('V9')
  })

  it('adds a contact: pt-BR errors on the fields, then the visitor becomes a lead', async () => {
    const { wrapper, router } = await mountPage()
    click('lead-add-contact-V9')
    await flushPromises()
    // The button opens the dialog, not the lead.
    expect(router.currentRoute.value.name).toBe('leads')
    expect(body()).toContain('Adicionar contato do visitante')

    m.setContact.mockRejectedValueOnce({
      code: 'validation.failed',
      problems: [
        { code: 'lead.phone_invalid', field: 'phone' },
        { code: 'lead.email_invalid', field: 'email' },
      ],
    })
    // A phone the form itself takes (an unfinished one is refused before
    // saving, see ContactDialog.spec.ts); the backend's refusal still shows.
    type('contact-phone', '(11) 91234-5678')
    type('contact-email', 'maria.exemplo')
    click('contact-save')
    await flushPromises()
    expect(m.setContact).toHaveBeenLastCalledWith('V9', { phone: '(11) 91234-5678', email: 'maria.exemplo' })
    const dialog = document.querySelector('[data-testid="contact-dialog"]')!.textContent ?? ''
    expect(dialog).toContain('O telefone informado não é válido. Informe DDD e número, por exemplo (11) 98765-4321.')
    expect(dialog).toContain('O e-mail informado não é válido.')

    m.setContact.mockRejectedValueOnce({ code: 'validation.failed', problems: [{ code: 'lead.contact_required', field: 'phone' }] })
    type('contact-phone', '')
    type('contact-email', '')
    click('contact-save')
    await flushPromises()
    expect(document.querySelector('[data-testid="contact-dialog"]')!.textContent).toContain('Informe o telefone ou o e-mail do visitante')

    const became = summary({ id: 'V9', name: '', email: '', phone: '+5511912345678', hasContact: true, lastMessage: 'Qual o valor do 2 quartos?' })
    m.setContact.mockResolvedValueOnce({ ...became, messages: [] })
    m.list.mockResolvedValue({ items: [summary({}), became], total: 2, limit: 25, offset: 0 })
    type('contact-phone', '(11) 91234-5678')
    click('contact-save')
    await flushPromises()
    expect(m.setContact).toHaveBeenLastCalledWith('V9', { phone: '(11) 91234-5678', email: '' })
    expect(body()).toContain('Contato gravado: a conversa agora é um lead.')
    const row = wrapper.get('[data-testid="lead-row-V9"]').text()
    expect(row).not.toContain('Visitante sem contato')
    expect(row).toContain('(11) 91234-5678')
    expect(row).toContain('Novo')
  })
})

describe('Leads: 10,000 of them', () => {
  const N = 10_000
  const office = (f: { offset: number; limit: number }) => {
    const items = []
    for (let i = f.offset; i < Math.min(f.offset + f.limit, N); i++) items.push(summary({ id: `L${i}`, name: `Lead ${i}` }))
    return Promise.resolve({ items, total: N, limit: f.limit, offset: f.offset })
  }
  const settle = async () => {
    await new Promise((r) => setTimeout(r, 120))
    await flushPromises()
  }
  const drawn = () => [...document.querySelectorAll('[data-testid="leads-table"] tbody tr[data-row-index]')].map((tr) => Number(tr.getAttribute('data-row-index')))

  it('scrolls as one list, and what another PC changed shows where the rep is, not back at the top', async () => {
    m.list.mockImplementation(office)
    const { wrapper } = await mountPage()
    await settle()
    expect(wrapper.get('[data-testid="leads-total"]').text()).toBe('10.000 leads')
    expect(wrapper.find('.n-pagination').exists()).toBe(false)

    scrollList(wrapper.get('[data-testid="leads-table"]').element, 5000 * 61)
    await settle()
    await vi.waitFor(() => expect(m.list).toHaveBeenCalledWith(expect.objectContaining({ offset: 5000, limit: 100 })))
    await flushPromises()
    expect(wrapper.find('[data-testid="lead-row-L5000"]').exists()).toBe(true)
    expect(drawn().length).toBeLessThan(40)

    m.list.mockClear()
    await otherPC(['leads'])
    await vi.waitFor(() => expect(m.list).toHaveBeenCalled())
    await settle()
    // The pages in view again, never the first one.
    expect(m.list.mock.calls.map(([f]) => f.offset)).not.toContain(0)
    expect(m.list).toHaveBeenCalledWith(expect.objectContaining({ offset: 5000 }))
    expect(wrapper.find('[data-testid="lead-row-L5000"]').exists()).toBe(true)
    expect(Math.min(...drawn())).toBeGreaterThan(4900)
    wrapper.unmount()
  })

  it('says so when a page cannot be read, and reads it on the next scroll', async () => {
    m.list.mockImplementation(office)
    const { wrapper } = await mountPage()
    await settle()
    m.list.mockImplementation((f: { offset: number; limit: number }) =>
      f.offset === 0 ? office(f) : Promise.reject({ code: 'internal' }),
    )
    scrollList(wrapper.get('[data-testid="leads-table"]').element, 3000 * 61)
    await vi.waitFor(() => expect(body()).toContain('Algo deu errado do nosso lado'))
    expect(wrapper.find('[data-testid="lead-row-L3000"]').exists()).toBe(false)

    m.list.mockImplementation(office)
    scrollList(wrapper.get('[data-testid="leads-table"]').element, 3000 * 61 + 10)
    await vi.waitFor(() => expect(wrapper.find('[data-testid="lead-row-L3000"]').exists()).toBe(true))
    expect(body()).not.toContain('Algo deu errado do nosso lado')
    wrapper.unmount()
  })
})
