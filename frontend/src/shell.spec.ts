import { describe, it, expect, vi, beforeAll, beforeEach } from 'vitest'
import { flushPromises, mount } from '@vue/test-utils'
import { createPinia, setActivePinia } from 'pinia'

// The shell reaches Go only through src/api; mock that one module.
const info = vi.fn()
// The Painel's board reads an empty office.
vi.mock('./api/board', async (orig) => ({
  ...(await orig<typeof import('./api/board')>()),
  boardApi: {
    summary: async () => ({
      counts: { total: 0, em_andamento: 0, recusado: 0, vencido: 0, cancelado: 0, finalizado: 0 },
      any: false, waiting: [], expiringSoon: [], refusals: [], at: '',
    }),
    options: async () => ({ developments: [], brokers: [] }),
    csv: async () => '',
    exportCsv: async () => '',
  },
}))
vi.mock('./api/system', () => ({
  systemApi: {
    info: () => info(),
    openLogsFolder: vi.fn(),
    openDataFolder: vi.fn(),
  },
}))

import App from './App.vue'
import { i18n } from './i18n'
import { makeRouter } from './router'
import { usePreferencesStore } from './stores/preferences'
import { loadLazyParts } from './testing/lazy'

const okInfo = {
  version: '0.1.0-test',
  dataDir: '/tmp/selo-data',
  logsDir: '/tmp/selo-data/logs',
  databasePath: '/tmp/selo-data/selo.db',
  schemaVersion: 1,
  platform: 'linux/amd64',
}

async function mountApp(path = '/dashboard') {
  const pinia = createPinia()
  setActivePinia(pinia)
  const router = makeRouter(true)
  router.push(path)
  await router.isReady()
  const wrapper = mount(App, { global: { plugins: [pinia, i18n, router] }, attachTo: document.body })
  await flushPromises()
  // The start-up error screen is its own chunk, fetched only when needed.
  await vi.dynamicImportSettled()
  await flushPromises()
  return { wrapper, router }
}

beforeEach(() => {
  localStorage.clear()
  i18n.global.locale.value = 'pt-BR'
  info.mockReset()
  info.mockResolvedValue(okInfo)
  document.body.innerHTML = ''
})

// The Painel's board and guide, and the screens it links to, load on demand.
beforeAll(loadLazyParts)

describe('app shell', () => {
  it('shows every area of the product in Portuguese by default', async () => {
    const { wrapper } = await mountApp()
    const text = wrapper.get('[data-testid="sidebar"]').text()
    for (const label of ['Painel', 'Reservas', 'Empreendimentos', 'Contratos', 'Leads', 'Configurações', 'Integrações', 'Usuários', 'Sobre']) {
      expect(text).toContain(label)
    }
    expect(wrapper.get('[data-testid="empty-dashboard"]').text()).toContain('Nenhum envio para acompanhar ainda')
  })

  it('navigates from the sidebar and shows the page empty state', async () => {
    const { wrapper, router } = await mountApp()
    const item = wrapper.findAll('[data-testid="sidebar"] a').find((w) => w.text() === 'Reservas')
    expect(item).toBeTruthy()
    await item!.trigger('click')
    await flushPromises()
    expect(router.currentRoute.value.name).toBe('reservations')
    expect(wrapper.get('[data-testid="empty-reservations"]').text()).toContain('Nenhuma reserva cadastrada')
    // The item of the open area is the one marked, for the eye and for a
    // screen reader.
    const current = wrapper.findAll('[data-testid="sidebar"] [aria-current="page"]')
    expect(current.map((w) => w.text())).toEqual(['Reservas'])
    expect(current[0].classes()).toContain('selected')
  })

  it('keeps the area marked on its inner pages and folds Configurações', async () => {
    const { wrapper, router } = await mountApp('/settings/users')
    const marked = () => wrapper.findAll('[data-testid="sidebar"] [aria-current="page"]').map((w) => w.text())
    expect(marked()).toEqual(['Usuários'])
    const group = wrapper.get('[data-testid="sidebar"] button[aria-expanded]')
    expect(group.text()).toBe('Configurações')
    expect(group.classes()).toContain('child-active')
    expect(group.attributes('aria-expanded')).toBe('true')
    await group.trigger('click')
    expect(group.attributes('aria-expanded')).toBe('false')
    expect(wrapper.get('#shell-settings').isVisible()).toBe(false)
    await group.trigger('click')
    expect(wrapper.get('#shell-settings').isVisible()).toBe(true)

    // A reservation's page belongs to Reservas.
    await router.push('/reservations/new')
    await flushPromises()
    expect(marked()).toEqual(['Reservas'])
    expect(group.classes()).not.toContain('child-active')

    // Folded, then one of its areas opened from elsewhere: it unfolds.
    await group.trigger('click')
    expect(wrapper.get('#shell-settings').isVisible()).toBe(false)
    await router.push('/settings/integrations')
    await flushPromises()
    expect(wrapper.get('#shell-settings').isVisible()).toBe(true)
    expect(marked()).toEqual(['Integrações'])
  })

  it('switches to English and remembers the choice', async () => {
    const { wrapper } = await mountApp()
    await wrapper.get('[data-testid="locale-select"]').setValue('en-US')
    await flushPromises()
    expect(usePreferencesStore().locale).toBe('en-US')
    expect(wrapper.get('[data-testid="sidebar"]').text()).toContain('Reservations')
    expect(localStorage.getItem('selo.locale')).toBe('en-US')
    expect(document.documentElement.lang).toBe('en-US')
  })

  it('shows the data folder returned by the Go side on Sobre', async () => {
    const { wrapper } = await mountApp('/about')
    expect(wrapper.get('[data-testid="about-data-dir"]').text()).toBe('/tmp/selo-data')
    expect(wrapper.get('[data-testid="about-version"]').text()).toBe('0.1.0-test')
  })

  it('explains a database from a newer Selo instead of showing the shell', async () => {
    info.mockResolvedValue({
      ...okInfo,
      startupError: { code: 'database.newer_than_app', data: { dbVersion: 9, appVersion: 1 } },
    })
    const { wrapper } = await mountApp()
    const box = wrapper.get('[data-testid="startup-error"]').text()
    expect(box).toContain('versão mais nova do Selo')
    expect(box).toContain('esquema 9')
    expect(wrapper.find('[data-testid="sidebar"]').exists()).toBe(false)
  })
})
