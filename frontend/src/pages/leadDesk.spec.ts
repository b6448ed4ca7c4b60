import { describe, it, expect, vi, beforeAll, beforeEach, afterEach } from 'vitest'
import { flushPromises, mount } from '@vue/test-utils'
import { createPinia, setActivePinia } from 'pinia'

// The lead desk reaches Go only through src/api; its modules are mocked here
// and the whole app is mounted, so the providers (messages, dialogs,
// notifications) and the router are the real ones.
// A window's layout for the virtual scroll, before Naive is imported.
await vi.hoisted(async () => (await import('../testing/layout')).layOut())
const m = vi.hoisted(() => ({
  info: vi.fn(),
  users: {
    list: vi.fn(),
    save: vi.fn(),
    setActive: vi.fn(),
    tokens: vi.fn(),
    generateToken: vi.fn(),
    revokeToken: vi.fn(),
  },
  leads: { list: vi.fn(), get: vi.fn(), setStage: vi.fn() },
  jivo: {
    config: vi.fn(),
    configure: vi.fn(),
    integrationUrl: vi.fn(),
    status: vi.fn(),
    sendTestEvent: vi.fn(),
    openWebchat: vi.fn(),
  },
  handlers: new Map<string, (d: unknown) => void>(),
  off: vi.fn(),
  copy: vi.fn(),
}))

vi.mock('../api/system', () => ({
  systemApi: { info: () => m.info(), openLogsFolder: vi.fn(), openDataFolder: vi.fn() },
}))
vi.mock('../api/users', () => ({ roles: ['gestor', 'corretor'], usersApi: m.users }))
vi.mock('../api/leads', () => ({
  leadStages: ['new', 'in_progress', 'converted', 'discarded'],
  leadsApi: m.leads,
  jivochatApi: m.jivo,
}))
vi.mock('../api/events', () => ({
  AppEvent: { LeadNew: 'lead:new' },
  eventsApi: {
    on: (e: string, fn: (d: unknown) => void) => {
      m.handlers.set(e, fn)
      return () => {
        m.handlers.delete(e)
        m.off(e)
      }
    },
    off: vi.fn(),
  },
  clipboardApi: { copy: (s: string) => m.copy(s) },
}))

import App from '../App.vue'
import { i18n } from '../i18n'
import { makeRouter } from '../router'
import { loadLazyParts } from '../testing/lazy'

const okInfo = { version: 't', dataDir: '/d', logsDir: '/d/logs', databasePath: '/d/selo.db', schemaVersion: 1, platform: 'linux' }
const T0 = '2026-11-27T12:00:00Z'
const ana = { id: 1, name: 'Ana Souza', email: 'ana@imob.com.br', role: 'gestor', active: true, activeTokens: 1, createdAt: T0, updatedAt: T0 }
const bia = { id: 2, name: 'Bia Lima', email: 'bia@imob.com.br', role: 'corretor', active: true, activeTokens: 0, createdAt: T0, updatedAt: T0 }
const caio = { id: 3, name: 'Caio Reis', email: 'caio@imob.com.br', role: 'gestor', active: false, activeTokens: 0, createdAt: T0, updatedAt: T0 }
const tok = { id: 7, userId: 1, name: 'JivoChat do site', last4: 'a1b2', active: true, createdAt: T0 }

const lead = {
  id: 'L1',
  name: 'Mariana Albuquerque',
  email: 'mariana@exemplo.com.br',
  phone: '+5511987654321',
  stage: 'new',
  origin: 'jivochat',
  agentName: 'Rafael Menezes',
  createdAt: T0,
  lastActivityAt: T0,
  lastMessage: 'Perfeito, obrigada!',
  lastMessageAuthor: 'visitor',
  lastMessageAt: '2026-11-27T12:05:00Z',
  messageCount: 3,
}
const detail = {
  ...lead,
  visitorId: '9',
  clientId: '',
  widgetId: 'w',
  department: 'Vendas',
  organization: '',
  clientStatus: '',
  tags: [],
  attribution: { utmSource: 'instagram', utmMedium: 'social', utmCampaign: 'lancamento', utmContent: '', utmTerm: '', pageUrl: 'https://imob/x', pageTitle: 'Vila Jardim' },
  geo: { city: 'São Paulo', region: 'Sao Paulo', regionCode: 'SP', country: 'Brazil', countryCode: 'BR' },
  updatedAt: T0,
  messages: [
    { id: 1, chatId: '5', at: '2026-11-27T12:00:00Z', author: 'visitor', agentName: '', text: 'Tem 2 dormitórios?' },
    { id: 2, chatId: '5', at: '2026-11-27T12:01:00Z', author: 'agent', agentName: 'Rafael Menezes', text: 'Temos sim!' },
    { id: 3, chatId: '5', at: '2026-11-27T12:05:00Z', author: 'visitor', agentName: '', text: 'Perfeito, obrigada!' },
  ],
}
const status = { configured: false, running: false, address: '', eventsAccepted: 0, eventsRejected: 0, rawEvents: 0, leads: 0 }

async function mountApp(path: string) {
  const pinia = createPinia()
  setActivePinia(pinia)
  const router = makeRouter(true)
  router.push(path)
  await router.isReady()
  const wrapper = mount(App, { global: { plugins: [pinia, i18n, router] }, attachTo: document.body })
  await flushPromises()
  return { wrapper, router }
}

const body = () => document.body.textContent ?? ''

beforeEach(() => {
  localStorage.clear()
  i18n.global.locale.value = 'pt-BR'
  document.body.innerHTML = ''
  vi.clearAllMocks()
  m.handlers.clear()
  m.info.mockResolvedValue(okInfo)
  m.users.list.mockResolvedValue([ana, bia, caio])
  m.users.tokens.mockResolvedValue([tok])
  m.leads.list.mockResolvedValue({ items: [lead], total: 1, limit: 25, offset: 0 })
  m.leads.get.mockResolvedValue(detail)
  m.jivo.config.mockResolvedValue({ userId: 0, tokenId: 0, publicBaseUrl: '', listenHost: '127.0.0.1', listenPort: 38410, configured: false })
  m.jivo.status.mockResolvedValue(status)
  m.copy.mockResolvedValue(true)
})
afterEach(() => vi.useRealTimers())

// The screens it opens load on demand (lazy routes).
beforeAll(loadLazyParts)

describe('Usuários administrativos', () => {
  it('lists users with role, status and active tokens', async () => {
    const { wrapper } = await mountApp('/settings/users')
    const table = wrapper.get('[data-testid="users-table"]').text()
    for (const s of ['Ana Souza', 'ana@imob.com.br', 'Gestor', 'Corretor', 'Ativo', 'Desativado']) expect(table).toContain(s)
  })

  it('puts each problem of the form on its field', async () => {
    m.users.save.mockRejectedValue({
      code: 'validation.failed',
      problems: [
        { code: 'user.email_invalid', field: 'email' },
        { code: 'user.name_too_long', field: 'name', data: { max: 120 } },
      ],
    })
    const { wrapper } = await mountApp('/settings/users')
    await wrapper.get('[data-testid="user-add"]').trigger('click')
    await flushPromises()
    ;(document.querySelector('[data-testid="user-save"]') as HTMLButtonElement).click()
    await flushPromises()
    expect(body()).toContain('Informe um e-mail válido.')
    expect(body()).toContain('O nome pode ter no máximo 120 caracteres.')
  })

  it('shows a generated token once, with a copy button and the warning', async () => {
    m.users.generateToken.mockResolvedValue({ token: { ...tok, id: 8, name: 'Site' }, plain: 'selo_PLAIN_secret_123' })
    const { wrapper } = await mountApp('/settings/users')
    await wrapper.get('[data-testid="user-tokens-1"]').trigger('click')
    await flushPromises()
    expect(body()).toContain('JivoChat do site')
    expect(body()).toContain('••••a1b2')
    const input = document.querySelector('[data-testid="token-name"] input') as HTMLInputElement
    input.value = 'Site'
    input.dispatchEvent(new Event('input'))
    ;(document.querySelector('[data-testid="token-generate"]') as HTMLButtonElement).click()
    await flushPromises()
    expect(m.users.generateToken).toHaveBeenCalledWith(1, 'Site')
    expect(document.querySelector('[data-testid="token-plain"]')?.textContent).toBe('selo_PLAIN_secret_123')
    expect(body()).toContain('não será mostrado de novo')
    ;(document.querySelector('[data-testid="token-copy"]') as HTMLButtonElement).click()
    await flushPromises()
    expect(m.copy).toHaveBeenCalledWith('selo_PLAIN_secret_123')
    ;(document.querySelector('[data-testid="token-shown-close"]') as HTMLButtonElement).click()
    await flushPromises()
    // Closed: the token is nowhere on the page any more.
    expect(body()).not.toContain('selo_PLAIN_secret_123')
  })
})

describe('Integrações → JivoChat', () => {
  async function openJivo() {
    const r = await mountApp('/settings/integrations')
    const tab = [...document.querySelectorAll('.n-tabs-tab')].find((e) => e.textContent?.includes('JivoChat')) as HTMLElement
    tab.click()
    await flushPromises()
    return r
  }

  it('shows the integration URL, the listener and a problem named after the token', async () => {
    m.jivo.config.mockResolvedValue({ userId: 1, tokenId: 7, publicBaseUrl: 'https://crm.imob.com.br', listenHost: '127.0.0.1', listenPort: 38410, configured: true })
    m.jivo.integrationUrl.mockResolvedValue({
      publicUrl: 'https://crm.imob.com.br/webhooks/jivochat/TOKEN',
      localUrl: 'http://127.0.0.1:38410/webhooks/jivochat/TOKEN',
      userId: 1,
      userName: 'Ana Souza',
      tokenId: 7,
      tokenName: 'JivoChat do site',
      tokenLast4: 'a1b2',
    })
    m.jivo.status.mockResolvedValue({ ...status, configured: true, running: true, address: '127.0.0.1:38410', problem: 'jivochat.token_revoked', lastEventAt: '2026-11-27T15:30:00Z' })
    await openJivo()
    expect(document.querySelector('[data-testid="jivochat-url"]')?.textContent).toBe('https://crm.imob.com.br/webhooks/jivochat/TOKEN')
    expect(body()).toContain('URL para Webhooks')
    expect(document.querySelector('[data-testid="jivochat-problem"]')?.textContent).toContain('O token “JivoChat do site” foi revogado.')
    // 15:30 UTC is 12:30 in São Paulo.
    expect(document.querySelector('[data-testid="jivochat-last-event"]')?.textContent).toContain('27/11/2026 12:30')
    ;(document.querySelector('[data-testid="jivochat-copy"]') as HTMLButtonElement).click()
    await flushPromises()
    expect(m.copy).toHaveBeenCalledWith('https://crm.imob.com.br/webhooks/jivochat/TOKEN')
  })

  it('keeps the saved token chosen when the gestor has several', async () => {
    m.users.tokens.mockResolvedValue([tok, { ...tok, id: 9, name: 'Reserva', last4: 'zzzz' }])
    m.jivo.config.mockResolvedValue({ userId: 1, tokenId: 9, publicBaseUrl: 'https://crm.imob.com.br', listenHost: '127.0.0.1', listenPort: 38410, configured: true })
    m.jivo.integrationUrl.mockResolvedValue({ publicUrl: 'https://x/T', localUrl: 'http://127.0.0.1:38410/T', userId: 1, userName: 'Ana Souza', tokenId: 9, tokenName: 'Reserva', tokenLast4: 'zzzz' })
    await openJivo()
    await flushPromises()
    expect(document.querySelector('[data-testid="jivochat-token"]')?.textContent).toContain('Reserva · ••••zzzz')
    expect(document.querySelector('[data-testid="jivochat-gestor"]')?.textContent).toContain('Ana Souza')
  })

  it('offers only active gestores and says when the gestor has no token', async () => {
    m.users.tokens.mockResolvedValue([{ ...tok, active: false, revokedAt: T0 }])
    await openJivo()
    // Ana is the only active gestor: chosen already, and her only token is revoked.
    expect(document.querySelector('[data-testid="jivochat-no-tokens"]')?.textContent).toContain('Ana Souza não tem tokens ativos')
  })

  it('sends a test event and links to the lead it made', async () => {
    m.jivo.config.mockResolvedValue({ userId: 1, tokenId: 7, publicBaseUrl: 'https://crm.imob.com.br', listenHost: '127.0.0.1', listenPort: 38410, configured: true })
    m.jivo.integrationUrl.mockResolvedValue({ publicUrl: 'https://x/webhooks/jivochat/T', localUrl: 'http://127.0.0.1:38410/webhooks/jivochat/T', userId: 1, userName: 'Ana Souza', tokenId: 7, tokenName: 'JivoChat do site', tokenLast4: 'a1b2' })
    m.jivo.status.mockResolvedValue({ ...status, configured: true, running: true, address: '127.0.0.1:38410' })
    m.jivo.sendTestEvent.mockResolvedValue('L1')
    const { router } = await openJivo()
    expect(document.querySelector('[data-testid="jivochat-state"]')?.textContent).toContain('Funcionando')
    ;(document.querySelector('[data-testid="jivochat-test"]') as HTMLButtonElement).click()
    await flushPromises()
    expect(document.querySelector('[data-testid="jivochat-test-result"]')?.textContent).toContain('Evento de teste recebido')
    ;(document.querySelector('[data-testid="jivochat-test-lead"]') as HTMLButtonElement).click()
    await flushPromises()
    expect(router.currentRoute.value.name).toBe('lead')
    expect(router.currentRoute.value.params.id).toBe('L1')
  })

  it('keeps the form disabled until the saved settings are in, so nothing typed is overwritten', async () => {
    let resolveConfig: (c: unknown) => void = () => {}
    m.jivo.config.mockReturnValue(new Promise((r) => (resolveConfig = r)))
    await openJivo()
    const port = () => document.querySelector('[data-testid="jivochat-listen-port"] input') as HTMLInputElement | null
    const url = document.querySelector('[data-testid="jivochat-public-url"] input') as HTMLInputElement
    expect(url.disabled).toBe(true)
    resolveConfig({ userId: 0, tokenId: 0, publicBaseUrl: '', listenHost: '127.0.0.1', listenPort: 38410, configured: false })
    await flushPromises()
    expect(url.disabled).toBe(false)
    expect(port()?.disabled ?? false).toBe(false)
  })

  it('puts the problems of Gravar on their fields', async () => {
    m.jivo.configure.mockRejectedValue({
      code: 'validation.failed',
      problems: [
        { code: 'jivochat.public_url_invalid', field: 'publicBaseUrl', data: { reason: 'scheme' } },
        { code: 'field.required', field: 'tokenId' },
      ],
    })
    await openJivo()
    ;(document.querySelector('[data-testid="jivochat-save"]') as HTMLButtonElement).click()
    await flushPromises()
    expect(body()).toContain('Informe um endereço http:// ou https://')
    expect(body()).toContain('Preencha este campo.')
  })
})

describe('Leads', () => {
  it('lists leads with origin, last message and stage, and searches after a pause', async () => {
    const { wrapper } = await mountApp('/leads')
    const table = wrapper.get('[data-testid="leads-table"]').text()
    for (const s of ['JivoChat', 'Mariana Albuquerque', 'mariana@exemplo.com.br', 'Visitante: Perfeito, obrigada!', 'Novo', '27/11/2026 09:05']) {
      expect(table).toContain(s)
    }
    vi.useFakeTimers()
    const input = wrapper.get('[data-testid="leads-search"] input')
    await input.setValue('mar')
    await input.setValue('mari')
    expect(m.leads.list).toHaveBeenCalledTimes(1)
    await vi.advanceTimersByTimeAsync(350)
    expect(m.leads.list).toHaveBeenCalledTimes(2)
    expect(m.leads.list).toHaveBeenLastCalledWith(expect.objectContaining({ search: 'mari', offset: 0 }))
  })

  it('explains an empty list', async () => {
    m.leads.list.mockResolvedValue({ items: [], total: 0, limit: 25, offset: 0 })
    const { wrapper } = await mountApp('/leads')
    expect(wrapper.get('[data-testid="empty-leads"]').text()).toContain('Nenhum lead recebido')
  })

  it('shows the lead with its conversation in order, visitor and agent apart', async () => {
    const { wrapper } = await mountApp('/leads/L1')
    const lines = wrapper.findAll('[data-testid="lead-message"]')
    expect(lines.map((l) => l.attributes('data-author'))).toEqual(['visitor', 'agent', 'visitor'])
    expect(lines[1].text()).toContain('Rafael Menezes')
    expect(lines[1].text()).toContain('Temos sim!')
    expect(lines[0].text()).toContain('09:00')
    expect(wrapper.get('[data-testid="lead-utm-campaign"]').text()).toBe('lancamento')
    expect(wrapper.get('[data-testid="lead-convert"]').attributes('disabled')).toBeUndefined()
  })

  it('converts a lead into a new reservation with the lead as titular', async () => {
    const { wrapper, router } = await mountApp('/leads/L1')
    await wrapper.get('[data-testid="lead-convert"]').trigger('click')
    await flushPromises()
    expect(router.currentRoute.value.name).toBe('reservation-new')
    expect(router.currentRoute.value.query.lead).toBe('L1')
  })
})

describe('new-lead notices', () => {
  it('announces a lead from JivoChat and opens it; stops listening on unmount', async () => {
    const { wrapper, router } = await mountApp('/dashboard')
    const fn = m.handlers.get('lead:new')
    expect(fn).toBeTruthy()
    fn!({ id: 'L1', name: 'Mariana Albuquerque' })
    await flushPromises()
    expect(body()).toContain('Novo lead: Mariana Albuquerque')
    ;(document.querySelector('[data-testid="lead-notice-open"]') as HTMLButtonElement).click()
    await flushPromises()
    expect(router.currentRoute.value.name).toBe('lead')
    expect(router.currentRoute.value.params.id).toBe('L1')
    wrapper.unmount()
    expect(m.off).toHaveBeenCalledWith('lead:new')
  })
})
