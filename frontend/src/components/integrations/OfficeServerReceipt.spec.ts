import { describe, it, expect, vi, beforeEach, afterEach } from 'vitest'
import { flushPromises, mount, type VueWrapper } from '@vue/test-utils'
import { defineComponent, h, type Component } from 'vue'
import { createPinia, setActivePinia } from 'pinia'
import { NDialogProvider, NMessageProvider } from 'naive-ui'

// Integrações → JivoChat and a Clicksign key's webhook, on a desktop whose
// office runs `selo server`: "Recebido pelo servidor do escritório" with the
// server's URL, the last event, and whether the server answers. The screens
// reach Go only through src/api, mocked here.
const m = vi.hoisted(() => ({
  server: vi.fn(),
  users: { list: vi.fn(), tokens: vi.fn() },
  jivo: { config: vi.fn(), configure: vi.fn(), integrationUrl: vi.fn(), status: vi.fn(), sendTestEvent: vi.fn(), openWebchat: vi.fn() },
  webhooks: { list: vi.fn(), enableSimulator: vi.fn(), enableWithUrl: vi.fn(), saveSecret: vi.fn(), disable: vi.fn() },
}))
vi.mock('../../api/officeserver', () => ({ officeServerApi: { status: () => m.server() } }))
vi.mock('../../api/users', () => ({ roles: ['gestor', 'corretor'], usersApi: m.users }))
vi.mock('../../api/leads', () => ({ leadStages: [], leadsApi: {}, jivochatApi: m.jivo }))
vi.mock('../../api/webhooks', () => ({ webhooksApi: m.webhooks }))

import JivoChatSettings from '../jivochat/JivoChatSettings.vue'
import WebhookSettings from './WebhookSettings.vue'
import { resetOfficeServer } from '../../composables/useOfficeServer'
import { i18n } from '../../i18n'
import { makeRouter } from '../../router'
import type { Integration } from '../../api'

const T0 = '2026-12-07T10:00:00Z'
const ana = { id: 1, name: 'Ana Souza', email: 'ana@imob.com.br', role: 'gestor', active: true, activeTokens: 1, createdAt: T0, updatedAt: T0 }
const tok = { id: 7, userId: 1, name: 'JivoChat do site', last4: 'a1b2', active: true, createdAt: T0 }
const jivoStatus = {
  configured: true, running: false, address: '', eventsAccepted: 0, eventsRejected: 0, rawEvents: 12, leads: 9,
  lastEventAt: '2026-12-07T12:41:00Z',
}
const server = (over = {}) => ({
  known: true, publicUrl: 'https://selo.imobiliaria.com.br', hostName: 'servidor-selo', version: '1.4.0',
  running: true, answering: true, checkedAt: '2026-12-07T13:00:00Z', ...over,
})

let wrapper: VueWrapper | undefined

async function mountScreen(c: Component, props: Record<string, unknown> = {}) {
  const pinia = createPinia()
  setActivePinia(pinia)
  const router = makeRouter(true)
  const Host = defineComponent(() => () => h(NMessageProvider, () => h(NDialogProvider, () => h(c, props))))
  wrapper = mount(Host, { global: { plugins: [pinia, i18n, router] }, attachTo: document.body })
  await flushPromises()
  return wrapper
}

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['Date'] })
  vi.setSystemTime(new Date('2026-12-07T13:00:00Z'))
  i18n.global.locale.value = 'pt-BR'
  document.body.innerHTML = ''
  vi.clearAllMocks()
  resetOfficeServer()
  m.users.list.mockResolvedValue([ana])
  m.users.tokens.mockResolvedValue([tok])
  m.jivo.config.mockResolvedValue({ userId: 1, tokenId: 7, publicBaseUrl: 'https://crm.imob.com.br', listenHost: '127.0.0.1', listenPort: 38410, configured: true })
  m.jivo.integrationUrl.mockResolvedValue({
    publicUrl: 'https://crm.imob.com.br/webhooks/jivochat/segredo-inteiro-a1b2', localUrl: 'http://127.0.0.1:38410/webhooks/jivochat/x',
    userName: 'Ana Souza', tokenName: 'JivoChat do site', tokenLast4: 'a1b2',
  })
  m.jivo.status.mockResolvedValue(jivoStatus)
})

afterEach(() => {
  wrapper?.unmount()
  wrapper = undefined
  vi.useRealTimers()
})

const q = (id: string) => document.querySelector(`[data-testid="${id}"]`)

describe('JivoChat with the office server', () => {
  it('says the server receives the events, where, the last one, and that it answers', async () => {
    m.server.mockResolvedValue(server())
    await mountScreen(JivoChatSettings)
    const card = q('office-server-receipt')
    expect(card?.textContent).toContain('Recebido pelo servidor do escritório')
    expect(card?.textContent).toContain('servidor-selo')
    expect(q('office-server-url')?.textContent).toBe('https://selo.imobiliaria.com.br/webhooks/jivochat/••••a1b2')
    expect(q('office-server-last')?.textContent).toBe('07/12/2026, 09:41')
    expect(q('office-server-health')?.textContent).toBe('Servidor respondendo')
    expect(q('office-server-silent-hint')).toBeNull()
    // Only the last 4 characters of the token ever show in the card.
    expect(card?.textContent).not.toContain('segredo-inteiro')
  })

  it('says since when the server has not answered', async () => {
    m.server.mockResolvedValue(server({ running: false, answering: false, silentSince: '2026-12-07T12:41:00Z' }))
    await mountScreen(JivoChatSettings)
    expect(q('office-server-health')?.textContent).toBe('Servidor não responde desde 09:41')
    expect(q('office-server-silent-hint')?.textContent).toContain('https://selo.imobiliaria.com.br')
  })

  it('stops saying the server answers when this PC can no longer ask', async () => {
    m.server.mockResolvedValue(server())
    const w = await mountScreen(JivoChatSettings)
    expect(q('office-server-health')?.textContent).toBe('Servidor respondendo')
    // The next poll fails (this PC lost the database): the old answer
    // must not stay on screen.
    m.server.mockRejectedValue(new Error('database unreachable'))
    const { useOfficeServer } = await import('../../composables/useOfficeServer')
    const probe = defineComponent(() => {
      const { refresh } = useOfficeServer()
      refresh()
      return () => null
    })
    const p = mount(probe)
    await flushPromises()
    await w.vm.$nextTick()
    p.unmount()
    expect(q('office-server-health')?.textContent).toBe('Servidor não responde desde 10:00')
  })

  it('keeps the local listener as today on one PC (no office server)', async () => {
    m.server.mockResolvedValue({ known: false, publicUrl: '', hostName: '', version: '', running: false, answering: false, checkedAt: T0 })
    await mountScreen(JivoChatSettings)
    expect(m.server).toHaveBeenCalled()
    expect(q('office-server-receipt')).toBeNull()
    expect(document.body.textContent).not.toContain('Recebido pelo servidor do escritório')
    expect(q('jivochat-status')).not.toBeNull()
    expect(q('jivochat-local-url')?.textContent).toContain('http://127.0.0.1:38410')
  })
})

const key = (id: number, environment: Integration['environment'], description: string): Integration => ({
  id, description, provider: 'clicksign', environment, tokenLast4: 'abcd', hasToken: true, deadlineDays: 0, usedBy: null, tokenHere: 'ok',
})
const hook = (id: number, environment: Integration['environment'], lastDeliveryAt?: string) => ({
  integrationId: id, environment, enabled: true, mode: 'manual', endpoint: '', path: `/webhooks/clicksign/${id}`,
  localUrl: `http://127.0.0.1:38410/webhooks/clicksign/${id}`, listenerRunning: true, lastDeliveryAt,
})

describe('Clicksign webhooks with the office server', () => {
  async function open(keys: Integration[]) {
    await mountScreen(WebhookSettings, { keys })
    ;(document.querySelector('[data-testid="webhooks-toggle"] .n-collapse-item__header-main') as HTMLElement).click()
    await flushPromises()
  }

  it("shows each key's server URL and last delivery, and a silent server", async () => {
    m.server.mockResolvedValue(server({ running: true, answering: false, silentSince: '2026-12-06T22:15:00Z' }))
    m.webhooks.list.mockResolvedValue([hook(2, 'production', '2026-12-07T12:41:00Z'), hook(1, 'simulator')])
    await open([key(2, 'production', 'Produção'), key(1, 'simulator', 'Simulador')])
    const card = q('webhook-server-2')
    expect(card?.textContent).toContain('Recebido pelo servidor do escritório')
    expect(card?.querySelector('[data-testid="office-server-url"]')?.textContent).toBe(
      'https://selo.imobiliaria.com.br/webhooks/clicksign/2',
    )
    expect(card?.querySelector('[data-testid="office-server-last"]')?.textContent).toBe('07/12/2026, 09:41')
    // Another day: the date too.
    expect(card?.querySelector('[data-testid="office-server-health"]')?.textContent).toBe('Servidor não responde desde 06/12/2026, 19:15')
    expect(card?.textContent).toContain('o endereço público não responde')
    // The Simulador local's webhooks stay on this PC.
    expect(q('webhook-server-1')).toBeNull()
    expect(m.server).toHaveBeenCalledTimes(1)
  })

  it('shows nothing of a server on one PC', async () => {
    m.server.mockResolvedValue({ known: false, publicUrl: '', hostName: '', version: '', running: false, answering: false, checkedAt: T0 })
    m.webhooks.list.mockResolvedValue([hook(2, 'production', '2026-12-07T12:41:00Z')])
    await open([key(2, 'production', 'Produção')])
    expect(q('webhook-server-2')).toBeNull()
    expect(q('webhook-last-2')?.textContent).toBe('Último aviso recebido: 07/12/2026, 09:41.')
  })
})
