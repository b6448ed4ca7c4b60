import { describe, it, expect, vi, beforeEach } from 'vitest'
import { flushPromises, mount, type VueWrapper } from '@vue/test-utils'
import { createPinia, setActivePinia } from 'pinia'

// The shell reaches Go only through src/api; mock what the Painel reads.
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
    info: async () => ({ version: 't', dataDir: '/tmp/d', logsDir: '/tmp/d/logs', databasePath: '/tmp/d/selo.db', schemaVersion: 1, platform: 'linux/amd64' }),
    openLogsFolder: vi.fn(),
    openDataFolder: vi.fn(),
  },
}))

import App from './App.vue'
import { i18n } from './i18n'
import { makeRouter } from './router'

async function mountApp() {
  const pinia = createPinia()
  setActivePinia(pinia)
  const router = makeRouter(true)
  router.push('/dashboard')
  await router.isReady()
  const wrapper = mount(App, { global: { plugins: [pinia, i18n, router] }, attachTo: document.body })
  await flushPromises()
  return wrapper
}

/** The page background NGlobalStyle paints, as r,g,b numbers. */
function background(): number[] {
  return (document.body.style.backgroundColor.match(/\d+/g) ?? []).slice(0, 3).map(Number)
}

// Chooses the option by its label, as the user does in the native select.
async function pick(wrapper: VueWrapper, label: string) {
  const select = wrapper.get('[data-testid="theme-select"]')
  const options = select.findAll('option')
  expect(options.map((o) => o.text())).toEqual(['Como o sistema', 'Claro', 'Escuro'])
  const option = options.find((o) => o.text() === label)!
  await select.setValue(option.element.value)
  await flushPromises()
}

/** The sidebar's background, from Naive's theme vars. */
function sider(wrapper: VueWrapper): string {
  return (wrapper.get('.shell').element as HTMLElement).style.getPropertyValue('--shell-sider')
}

/** The label the theme select shows. */
function shown(wrapper: VueWrapper): string {
  const select = wrapper.get('[data-testid="theme-select"]').element as HTMLSelectElement
  return select.selectedOptions[0]?.text ?? ''
}

beforeEach(() => {
  localStorage.clear()
  i18n.global.locale.value = 'pt-BR'
  document.body.innerHTML = ''
})

describe('Tema (sidebar)', () => {
  it('offers Como o sistema, Claro and Escuro, and Escuro paints the window dark and stays on this PC', async () => {
    const wrapper = await mountApp()
    expect(shown(wrapper)).toBe('Como o sistema')
    await pick(wrapper, 'Escuro')
    expect(document.documentElement.dataset.theme).toBe('dark')
    // Naive's dark theme is its own chunk, fetched on the first pick.
    await vi.waitFor(() => expect(Math.max(...background())).toBeLessThan(60))
    // The sidebar (plain HTML) takes the dark theme's colours too.
    expect(sider(wrapper)).toBe('rgb(24, 24, 28)')
    expect(localStorage.getItem('selo.theme')).toBe('dark')
    wrapper.unmount()

    // Next start on this PC: still dark, until Claro is picked.
    const again = await mountApp()
    expect(document.documentElement.dataset.theme).toBe('dark')
    expect(shown(again)).toBe('Escuro')
    await pick(again, 'Claro')
    expect(document.documentElement.dataset.theme).toBe('light')
    expect(Math.min(...background())).toBeGreaterThan(200)
    expect(sider(again)).toBe('#fff')
    expect(localStorage.getItem('selo.theme')).toBe('light')
    again.unmount()
  })

  it('ignores a stored value it does not know and follows the system', async () => {
    localStorage.setItem('selo.theme', 'sepia')
    const wrapper = await mountApp()
    expect(shown(wrapper)).toBe('Como o sistema')
    wrapper.unmount()
  })
})

describe('sidebar by keyboard', () => {
  it('makes every area a link, so Tab reaches it and Enter opens it', async () => {
    const wrapper = await mountApp()
    const links = wrapper.findAll('[data-testid="sidebar"] a')
    const byText = Object.fromEntries(links.map((a) => [a.text(), a.attributes('href')]))
    expect(byText).toMatchObject({
      Painel: '/dashboard',
      Reservas: '/reservations',
      Empreendimentos: '/developments',
      Contratos: '/contracts',
      Leads: '/leads',
      Integrações: '/settings/integrations',
      Usuários: '/settings/users',
      Sobre: '/about',
    })
    wrapper.unmount()
  })
})
