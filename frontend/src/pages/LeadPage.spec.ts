import { describe, it, expect, vi, beforeEach } from 'vitest'
import { flushPromises, mount } from '@vue/test-utils'
import { createPinia, setActivePinia } from 'pinia'
import { defineComponent, h } from 'vue'
import { NDialogProvider, NMessageProvider } from 'naive-ui'

const m = vi.hoisted(() => ({ list: vi.fn(), get: vi.fn(), setStage: vi.fn(), setContact: vi.fn() }))
vi.mock('../api/leads', () => ({
  leadStages: ['new', 'in_progress', 'converted', 'discarded'],
  leadsApi: m,
  jivochatApi: {},
}))

// AppEvent.DataChanged reaches the screen through eventsApi: the spec plays it.
vi.mock('../api/events', async (orig) => (await import('../testing/otherPC')).withRecordedEvents(await orig<object>()))

import LeadPage from './LeadPage.vue'
import { otherPC, recorded } from '../testing/otherPC'
import { i18n } from '../i18n'
import { makeRouter } from '../router'

const T0 = '2026-11-27T12:00:00Z'
const visitor = {
  id: 'V9',
  name: '',
  email: '',
  phone: '',
  stage: 'new',
  origin: 'jivochat',
  agentName: 'Carlos Lima',
  hasContact: false,
  createdAt: T0,
  lastActivityAt: T0,
  lastMessage: 'Depois eu passo.',
  lastMessageAuthor: 'visitor',
  messageCount: 2,
  visitorId: '',
  clientId: '',
  widgetId: 'aB3xQ9',
  department: '',
  organization: '',
  clientStatus: '',
  tags: [],
  attribution: { utmSource: '', utmMedium: '', utmCampaign: '', utmContent: '', utmTerm: '', pageUrl: '', pageTitle: '' },
  geo: { city: '', region: '', regionCode: '', country: '', countryCode: '' },
  updatedAt: T0,
  messages: [
    { id: 1, chatId: '920002', at: T0, author: 'visitor', agentName: '', text: 'Quanto custa o 2 quartos?' },
    { id: 2, chatId: '920002', at: '2026-11-27T12:01:00Z', author: 'agent', agentName: 'Carlos Lima', text: 'A partir de R$ 450 mil.' },
  ],
}

async function mountPage() {
  setActivePinia(createPinia())
  const router = makeRouter(true)
  await router.push('/leads/V9')
  const Host = defineComponent(() => () => h(NMessageProvider, () => h(NDialogProvider, () => h(LeadPage))))
  const wrapper = mount(Host, { global: { plugins: [i18n, router] }, attachTo: document.body })
  await flushPromises()
  return { wrapper, router }
}

beforeEach(() => {
  i18n.global.locale.value = 'pt-BR'
  for (const f of Object.values(m)) f.mockReset()
  m.get.mockResolvedValue(visitor)
  recorded.clear()
  document.body.innerHTML = ''
})

describe('LeadPage: a visitor without contact', () => {
  it('shows the transcript, no stage nor reservation, and becomes a lead once a contact is added', async () => {
    const { wrapper } = await mountPage()
    expect(wrapper.get('[data-testid="lead-page"] h1').text()).toBe('Visitante sem contato')
    expect(wrapper.findAll('[data-testid="lead-message"]').map((l) => l.attributes('data-author'))).toEqual(['visitor', 'agent'])
    expect(wrapper.find('[data-testid="lead-stage"]').exists()).toBe(false)
    expect(wrapper.find('[data-testid="lead-convert"]').exists()).toBe(false)

    await wrapper.get('[data-testid="lead-add-contact"]').trigger('click')
    await flushPromises()
    m.setContact.mockResolvedValueOnce({ ...visitor, email: 'rita@exemplo.com.br', hasContact: true })
    const email = document.querySelector('[data-testid="contact-email"] input') as HTMLInputElement
    email.value = 'rita@exemplo.com.br'
    email.dispatchEvent(new Event('input'))
    ;(document.querySelector('[data-testid="contact-save"]') as HTMLElement).click()
    await flushPromises()
    expect(m.setContact).toHaveBeenCalledWith('V9', { email: 'rita@exemplo.com.br', phone: '' })
    expect(wrapper.get('[data-testid="lead-email"]').text()).toBe('rita@exemplo.com.br')
    expect(wrapper.find('[data-testid="lead-no-contact"]').exists()).toBe(false)
    expect(wrapper.find('[data-testid="lead-stage"]').exists()).toBe(true)
    expect(wrapper.find('[data-testid="lead-convert"]').exists()).toBe(true)
  })

  it("shows new lines another PC's listener received without a click; leaves the open contact dialog alone", async () => {
    const { wrapper } = await mountPage()
    await otherPC(['reservations'])
    expect(m.get).toHaveBeenCalledTimes(1)

    const line = { id: 3, chatId: '920002', at: '2026-11-27T12:02:00Z', author: 'visitor', agentName: '', text: 'Vou visitar sábado.' }
    m.get.mockResolvedValue({ ...visitor, messages: [...visitor.messages, line] })
    await otherPC(['leads'])
    expect(m.get).toHaveBeenCalledTimes(2)
    expect(wrapper.findAll('[data-testid="lead-message"]')).toHaveLength(3)

    await wrapper.get('[data-testid="lead-add-contact"]').trigger('click')
    await flushPromises()
    const email = document.querySelector('[data-testid="contact-email"] input') as HTMLInputElement
    email.value = 'rita@exemplo.com.br'
    email.dispatchEvent(new Event('input'))
    await otherPC(['leads'])
    expect(m.get).toHaveBeenCalledTimes(2)
    expect((document.querySelector('[data-testid="contact-email"] input') as HTMLInputElement).value).toBe('rita@exemplo.com.br')
  })
})
